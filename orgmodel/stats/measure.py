"""Compute the figures of ``orgmodel stats`` from a checked model (its graph and journeys, never a re-parse).

The leaders outside the span limits are what the ruleset's own
span-of-control rule (OM120) reports on this model, and each leader's role
is that rule's ``role_of``: the figures and ``orgmodel check`` cannot
disagree. networkx gives the graph measures; it is imported here, on first
use, never on the check path.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from orgmodel.graph import SPAN_BUCKETS, span_bucket
from orgmodel.rules._outside import outside
from orgmodel.rules.span_of_control import SpanOfControl, role_of
from orgmodel.stats.result import (
    CENTRAL,
    NO_ROLE,
    SERVICE_ROLES,
    STAFF_ROLES,
    TOP_AREA,
    AreaResources,
    Bucket,
    Cell,
    Coverage,
    GraphMeasures,
    Group,
    Hub,
    LeaderForums,
    ModelStats,
    Named,
    OutsideLimits,
    PersonaContacts,
    ServiceShare,
    SpanGroup,
    Spans,
    Summary,
)

if TYPE_CHECKING:
    from orgmodel.engine import CheckedModel
    from orgmodel.graph import OrgGraph
    from orgmodel.ruleset import Ruleset
    from orgmodel.schema import Unit

ROLE_ORDER = ("top", "leaders_of_leaders", "first_line")


def measure(checked: CheckedModel, ruleset: Ruleset) -> ModelStats:
    """Every figure of one checked model; ``ruleset`` gives the span limits (its OM120 parameters)."""
    model, graph = checked.model, checked.graph
    assert model is not None  # the caller passes only models that loaded (checked.graph needs one)
    skip = outside(graph)
    counted = [uid for uid in graph.depth if uid not in skip]
    return ModelStats(
        path=checked.path,
        kommune=model.kommune,
        units=len(counted),
        outside=len(skip),
        staff_missing=sum(1 for uid in counted if graph.units[uid].staff is None),
        levels=_groups(graph, counted, lambda uid: str(graph.units[uid].level), numeric=True),
        direktor_areas=_groups(graph, counted, lambda uid: graph.areas(uid)[1] or TOP_AREA),
        direktor_tier=graph.direktor_tier,
        roles=_groups(graph, counted, _role_group(graph)),
        kommunedeler=_kommunedeler(graph, counted),
        share=_share(graph, counted),
        spans=_spans(checked, ruleset, counted),
        coverage=_coverage(checked),
        hubs=_hubs(graph),
        without_hub=_without_hub(graph),
        personas=_personas(checked, ruleset),
        graph=_graph_measures(graph),
        resources=_resources(graph, counted),
        forums=_forums(graph),
    )


def _personas(checked: CheckedModel, ruleset: Ruleset) -> tuple[PersonaContacts, ...]:
    """Each persona's contacts and deciders, the saksbehandlere counted in the ruleset's OM220 categories."""
    from orgmodel.journey_totals import saksbehandler_categories
    from orgmodel.journeys import journeys_of

    categories = saksbehandler_categories({rule.code: rule for rule in ruleset.instances()})
    graph = checked.graph
    return tuple(
        PersonaContacts(
            j.persona,
            j.name,
            j.kommunedel.id if j.kommunedel else None,
            j.totals.units,
            j.totals.saksbehandlere,
            _named(graph, j.totals.saksbehandlere),
            j.totals.saksbehandler_categories,
            j.totals.saksbehandlere_in_categories,
            j.totals.other_deciders,
        )
        for j in journeys_of(checked.context, categories).all()
    )


def _resources(graph: OrgGraph, counted: list[str]) -> tuple[AreaResources, ...]:
    """Årsverk and budget per direktørområde, when any unit states either (issue 15)."""
    units = graph.units
    if all(units[uid].fte is None and units[uid].budget_nok is None for uid in counted):
        return ()
    members: dict[str, list[str]] = {}
    for uid in counted:
        members.setdefault(graph.areas(uid)[1] or TOP_AREA, []).append(uid)
    rows = []
    for key, uids in members.items():
        fte = [f for f in (units[u].fte for u in uids) if f is not None]
        budget = [b for b in (units[u].budget_nok for u in uids) if b is not None]
        total = round(sum(fte), 2) if fte else None
        shown = int(total) if total is not None and float(total).is_integer() else total
        rows.append(
            AreaResources(
                key,
                _name(graph, key),
                len(uids),
                shown,
                len(uids) - len(fte),
                sum(budget) if budget else None,
                len(uids) - len(budget),
            )
        )
    return tuple(rows)


def _forums(graph: OrgGraph) -> tuple[LeaderForums, ...]:
    """For each unit that chairs or sits in a forum, then each position that chairs one: those forums' ids.

    A position with personnel responsibility stands for its unit's leader (a kommunalsjef's post
    chairing her ledergruppe): its forums are the unit's. Any other position that chairs a forum
    (a fagansvarlig's oppgaveteam) has a row of its own, by its title, with the forums it sits in.
    """
    positions = graph.model.positions
    leader_of = {p.id: p.unit for p in positions if p.personnel and p.unit in graph.units}
    chairs: dict[str, list[str]] = {}
    member: dict[str, list[str]] = {}
    for forum in graph.model.forums:
        if forum.chair is not None:
            chairs.setdefault(leader_of.get(forum.chair, forum.chair), []).append(forum.id)
        for ref in dict.fromkeys(leader_of.get(ref, ref) for ref in forum.members):
            member.setdefault(ref, []).append(forum.id)
    names = {forum.id: forum.name for forum in graph.model.forums}

    def row(ident: str, name: str, kind: str) -> LeaderForums:
        led, sits = tuple(chairs.get(ident, ())), tuple(member.get(ident, ()))
        named = tuple(Named(f, names.get(f, f)) for f in dict.fromkeys(led + sits))
        return LeaderForums(ident, name, led, sits, named, kind)

    out = [row(uid, unit.name, "unit") for uid, unit in graph.units.items() if uid in chairs or uid in member]
    out += [
        row(p.id, p.title, "position")
        for p in positions
        if p.id in chairs and p.id not in leader_of and p.id not in graph.units
    ]
    return tuple(out)


def _named(graph: OrgGraph, uids: Iterable[str]) -> tuple[Named, ...]:
    """Units by id and name (an id the graph does not know keeps itself as its name)."""
    return tuple(Named(uid, _name(graph, uid)) for uid in uids)


def _group(key: str, name: str, graph: OrgGraph, members: list[str]) -> Group:
    staff = [graph.units[uid].staff for uid in members]
    people = len(members) + sum(s for s in staff if s is not None)
    return Group(key, name, len(members), people, sum(1 for s in staff if s is None))


def _groups(
    graph: OrgGraph, counted: list[str], key_of: Callable[[str], str], *, numeric: bool = False
) -> tuple[Group, ...]:
    """Units grouped by ``key_of(uid)``; numbers in numeric order, other keys in order of first unit."""
    members: dict[str, list[str]] = {}
    for uid in counted:
        members.setdefault(key_of(uid), []).append(uid)
    keys = sorted(members, key=int) if numeric else list(members)
    return tuple(_group(key, _name(graph, key), graph, members[key]) for key in keys)


def _name(graph: OrgGraph, key: str) -> str:
    unit = graph.units.get(key)
    return unit.name if unit is not None else key


T = TypeVar("T")


def _nearest(graph: OrgGraph, own: Callable[[Unit], T | None], default: T) -> Callable[[str], T]:
    """A unit's own value (``own``), else its nearest personnel ancestor's, else ``default``.

    Each unit's answer is kept: a line of 50,000 units is walked once, and a circle of personnel
    lines ends the walk.
    """
    nearest: dict[str, T] = {}

    def value(uid: str) -> T:
        below: list[str] = []
        seen: set[str] = set()
        current: str | None = uid
        found = default
        while current is not None and current in graph.units and current not in seen:
            if current in nearest:
                found = nearest[current]
                break
            written = own(graph.units[current])
            if written is not None:
                found = nearest[current] = written
                break
            below.append(current)
            seen.add(current)
            current = graph.units[current].parent
        for unit in below:
            nearest[unit] = found
        return found

    return value


def _role_group(graph: OrgGraph) -> Callable[[str], str]:
    """A unit's own ``role``, else its nearest personnel ancestor's, else "not stated"."""
    return _nearest(graph, lambda unit: unit.role, NO_ROLE)


def _delivering_lines(graph: OrgGraph) -> Callable[[str], bool]:
    """Whether a unit or a unit above it in its personnel line delivers services."""
    return _nearest(graph, lambda unit: True if unit.delivers else None, False)


def _share(graph: OrgGraph, counted: list[str]) -> ServiceShare:
    role, delivering = _role_group(graph), _delivering_lines(graph)

    def serves(uid: str) -> bool:
        """A service role, or none at all while it or a unit above it delivers (a school, its avdeling)."""
        found = role(uid)
        return found in SERVICE_ROLES or (found == NO_ROLE and delivering(uid))

    service = [uid for uid in counted if serves(uid)]
    support = [uid for uid in counted if role(uid) in STAFF_ROLES]
    both = len(service) + len(support)
    unstated = sum(1 for uid in counted if role(uid) == NO_ROLE and not serves(uid))
    if not both or any(graph.units[uid].staff is None for uid in service + support):
        share = len(service) / both if both else None
        return ServiceShare(len(service), len(support), share, None, not_stated=unstated)
    served, supporting = _group("", "", graph, service).people, _group("", "", graph, support).people
    people_share = served / (served + supporting)
    return ServiceShare(
        len(service), len(support), len(service) / both, people_share, served, supporting, unstated
    )


def _kommunedeler(graph: OrgGraph, counted: list[str]) -> tuple[Group, ...]:
    """Units working in each kommunedel (their own places, else their leader's), then the central ones."""
    places = graph.places
    rows = [
        _group(kd.id, kd.name, graph, [uid for uid in counted if kd.id in places[uid]])
        for kd in graph.model.kommunedeler
    ]
    central = [uid for uid in counted if not places[uid]]
    return (*rows, _group(*CENTRAL, graph, central))


def _summary(values: list[int]) -> Summary:
    if not values:
        return Summary(0, None, None, None)
    return Summary(len(values), min(values), float(statistics.median(values)), max(values))


def _span_group(key: str, graph: OrgGraph, leaders: list[str]) -> SpanGroup:
    known = [graph.span(uid) for uid in leaders if graph.units[uid].staff is not None]
    led = [len(graph.children[uid]) for uid in leaders]
    return SpanGroup(key, len(leaders), _summary(led), _summary(known), len(leaders) - len(known))


def _spans(checked: CheckedModel, ruleset: Ruleset, counted: list[str]) -> Spans:
    graph = checked.graph
    roles = {uid: role_of(graph, uid) for uid in counted}
    by_role = tuple(
        _span_group(role, graph, [uid for uid in counted if roles[uid] == role])
        for role in ROLE_ORDER
        if role in roles.values()
    )
    levels = sorted({graph.units[uid].level for uid in counted})
    by_level = tuple(
        _span_group(str(level), graph, [uid for uid in counted if graph.units[uid].level == level])
        for level in levels
    )
    span_counts = _count(span_bucket(graph.span(u)) for u in counted if graph.units[u].staff is not None)
    led_counts = _count(span_bucket(len(graph.children[u])) for u in counted)
    buckets = tuple(
        Bucket(label, span_counts.get(label, 0), led_counts.get(label, 0)) for label, *_ in SPAN_BUCKETS
    )
    unknown = sum(1 for uid in counted if graph.units[uid].staff is None)
    return Spans(by_role, by_level, buckets, unknown, _outside_limits(checked, ruleset, roles))


def _count(labels: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for label in labels:
        out[label] = out.get(label, 0) + 1
    return out


def _outside_limits(
    checked: CheckedModel, ruleset: Ruleset, roles: Mapping[str, str]
) -> tuple[OutsideLimits, ...] | None:
    """What the ruleset's span-of-control rule reports here, suppressed or not; None when it is off."""
    rule = next((r for r in ruleset.instances() if isinstance(r, SpanOfControl)), None)
    if rule is None:
        return None
    graph = checked.graph
    own = checked.path  # suppressions are found in a check without rules too: stats loads that way
    found = []
    for diag in rule.check(checked.context):
        if diag.unit is None or diag.unit not in graph.units:
            continue
        unit = graph.units[diag.unit]
        role = roles.get(diag.unit) or role_of(graph, diag.unit)
        quiet = any(s.naming(diag) for s in checked.suppressions if (s.path or own) == diag.path)
        severity = diag.severity.value
        found.append(OutsideLimits(diag.unit, unit.name, role, unit.level, severity, diag.message, quiet))
    return tuple(found)


def _coverage(checked: CheckedModel) -> Coverage:
    model, journeys = checked.graph.model, checked.journeys
    local = [s for s in model.services if s.local]
    cells = []
    for kd in model.kommunedeler:
        for service in local:
            availability, units = journeys.candidates(service.id, kd.id)
            cells.append(Cell(kd.id, service.id, availability, tuple(units), _named(checked.graph, units)))
    return Coverage(
        tuple(Named(k.id, k.name) for k in model.kommunedeler),
        tuple(Named(s.id, s.name) for s in local),
        tuple(cells),
    )


def _hubs(graph: OrgGraph) -> tuple[Hub, ...]:
    """Every knutepunkt site, by kommunedel in the model's order, with the units working there."""
    order = {kd.id: i for i, kd in enumerate(graph.model.kommunedeler)}
    hubs = [s for s in graph.model.sites if s.kind == "knutepunkt"]
    hubs.sort(key=lambda s: order.get(s.kommunedel or "", len(order)))
    return tuple(
        Hub(
            site.kommunedel,
            Named(site.id, site.name),
            tuple(Named(u, graph.units[u].name) for u in graph.site_units.get(site.id, [])),
        )
        for site in hubs
    )


def _without_hub(graph: OrgGraph) -> tuple[str, ...]:
    with_hub = {s.kommunedel for s in graph.model.sites if s.kind == "knutepunkt"}
    return tuple(kd.id for kd in graph.model.kommunedeler if kd.id not in with_hub)


def _graph_measures(graph: OrgGraph) -> GraphMeasures:
    import networkx as nx

    tree = graph.to_networkx(professional=False)
    depth = 0
    for root in graph.roots:
        depth = max(depth, *nx.single_source_shortest_path_length(tree, root).values())
    return GraphMeasures(
        depth=depth,
        components=nx.number_weakly_connected_components(tree) if len(tree) else 0,
        professional_lines=len(graph.professional_edges),
        unreachable=len(graph.units) - len(graph.depth),
    )
