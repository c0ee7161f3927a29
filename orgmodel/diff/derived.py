"""Derived changes: spans, levels, headcounts, kommunedeler, local services, persona routes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.diff.measures import resource_tables, scorecard
from orgmodel.diff.personas import Journey, routes
from orgmodel.diff.result import MetricRow, MetricTable
from orgmodel.diff.units import label
from orgmodel.graph import SPAN_BUCKETS, OrgGraph
from orgmodel.graph import span_bucket as bucket
from orgmodel.i18n import _, ngettext
from orgmodel.journeys import Journeys
from orgmodel.schema import OrgModel


def span_changes(old: OrgGraph, new: OrgGraph, m: Matching) -> list[Change]:
    """One change per matched leader whose number of unit leaders reporting to it changed.

    A span that changed only because the unit's declared staff changed is
    already said by ``staff-changed``: reporting it twice counts one edit twice.
    """
    out = []
    led = [(o, n) for o, n in m.old_to_new.items() if len(old.children[o]) != len(new.children[n])]
    for o, n in sorted(led, key=lambda item: new.index[item[1]]):
        was, now = old.span(o), new.span(n)
        if was != now:
            moved = (
                _(" (bucket {before} -> {after})").format(before=bucket(was), after=bucket(now))
                if bucket(was) != bucket(now)
                else ""
            )
            message = ngettext(
                "{unit} now has {now} direct report, was {was}{moved}",
                "{unit} now has {now} direct reports, was {was}{moved}",
                now,
            ).format(unit=label(new, n), now=now, was=was, moved=moved)
            out.append(
                Change(
                    "span-changed",
                    f"span-changed:{n}",
                    message,
                    unit=n,
                    name=new.units[n].name,
                    before=was,
                    after=now,
                )
            )
    return out


def _levels_table(name: str, title: str, old: OrgGraph, new: OrgGraph, people: bool) -> MetricTable:
    was, now = _per_level(old, people), _per_level(new, people)
    keys = sorted({*was, *now}, key=lambda k: int(k.split()[1]))
    labels = {k: _("level {level}").format(level=k.split()[1]) for k in keys}
    return _table(
        name, title, {k: was.get(k, 0) for k in keys}, {k: now.get(k, 0) for k in keys}, labels, True
    )


def _table(
    name: str,
    title: str,
    was: dict[str, int],
    now: dict[str, int],
    labels: dict[str, str],
    show_all: bool = False,
) -> MetricTable:
    keys = list(dict.fromkeys([*now, *was]))
    rows = tuple(MetricRow(k, labels.get(k, k), was.get(k), now.get(k)) for k in keys)
    return MetricTable(name, title, rows, show_all)


def _inside(graph: OrgGraph) -> list[str]:
    """The units of the basisorganisasjon: those ``orgmodel stats`` counts (no iks or external, or below)."""
    skip = graph.outside
    return [uid for uid in graph.units if uid not in skip]


def _buckets(graph: OrgGraph, spans: bool) -> dict[str, int]:
    """Leaders per bucket: of their span where their staff is stated (``spans``), else of units led."""
    children, units = graph.children, graph.units
    inside = _inside(graph)
    if spans:
        values = Counter(graph.span(uid) for uid in inside if units[uid].staff is not None)
    else:
        values = Counter(len(children[uid]) for uid in inside)
    counts: Counter[str] = Counter()
    for value, leaders in values.items():  # a few dozen distinct values
        counts[bucket(value)] += leaders
    return {name: counts.get(name, 0) for name, _, _ in SPAN_BUCKETS}


def _levels(graph: OrgGraph) -> dict[str, int]:
    depth = max(graph.depth.values(), default=-1) + 1
    return {"tree": depth, "declared": max((u.level for u in graph.units.values()), default=0)}


def _per_level(graph: OrgGraph, people: bool) -> dict[str, int]:
    counts: Counter[int] = Counter()
    units = [graph.units[uid] for uid in _inside(graph)]
    if people:
        for unit in units:
            counts[unit.level] += 1 + (unit.staff or 0)
    else:
        counts.update(unit.level for unit in units)
    return {f"level {level}": count for level, count in sorted(counts.items())}


def _per_area(graph: OrgGraph, key: Callable[[str], str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for area in graph.top_areas:
        out[key(area)] = graph.headcount.get(area, 0)
    return out


def _per_kommunedel(model: OrgModel, graph: OrgGraph) -> dict[str, int]:
    """Units working in each kommunedel: by their own places, else their leader's (as they serve).

    Units outside the basisorganisasjon are left out, as ``orgmodel stats`` leaves them out.
    """
    skip = graph.outside
    counts = Counter(kd for uid, places in graph.places.items() if uid not in skip for kd in places)
    return {kd.id: counts.get(kd.id, 0) for kd in model.kommunedeler}


def coverage(model: OrgModel, graph: OrgGraph) -> dict[str, set[str]]:
    """For each kommunedel, the local services some unit working there delivers."""
    local = {s.id for s in model.services if s.local}
    out: dict[str, set[str]] = {kd.id: set() for kd in model.kommunedeler}
    for uid, unit in graph.units.items():
        served = [s for s in unit.delivers if s in local]
        if served:
            for kd in graph.places[uid]:
                out.setdefault(kd, set()).update(served)
    return out


Coverage = tuple[dict[str, set[str]], dict[str, set[str]]]
"""Both sides' ``coverage``, computed once per diff."""


def metrics(
    old_model: OrgModel, new_model: OrgModel, old: OrgGraph, new: OrgGraph, m: Matching, cov: Coverage
) -> list[MetricTable]:
    """The before -> after tables of derived measures."""
    staff = any(u.staff is not None for g in (old, new) for u in g.units.values())
    area_labels = {a: new.units[a].name for a in new.top_areas}
    area_labels.update({a: old.units[a].name for a in old.top_areas if a not in area_labels})
    kd_labels = {kd.id: kd.name for kd in [*old_model.kommunedeler, *new_model.kommunedeler]}
    was_cov, now_cov = cov
    local_total = sum(1 for s in new_model.services if s.local)
    led = _("Leaders per number of units they lead directly")
    tables = [_table("units-led-buckets", led, _buckets(old, False), _buckets(new, False), {}, True)]
    if staff:
        title = _("Leaders per span of control (leaders whose staff is stated)")
        tables.append(_table("span-buckets", title, _buckets(old, True), _buckets(new, True), {}, True))
    tables += [
        _table(
            "levels",
            _("Levels"),
            _levels(old),
            _levels(new),
            {"tree": _("levels in the personnel tree"), "declared": _("highest declared level")},
            True,
        ),
        _levels_table("units-per-level", _("Units per level"), old, new, False),
    ]
    if staff:
        tables.append(_levels_table("people-per-level", _("People per level"), old, new, True))
    tables += [
        _table(
            "people-per-area",
            _("People per direktørområde (leaders plus declared staff)")
            if old.direktor_tier or new.direktor_tier
            else _("People per area under the top (leaders plus declared staff)"),
            _per_area(old, m.mapped),
            _per_area(new, str),
            area_labels,
        ),
        _table(
            "units-per-kommunedel",
            _("Units working in each kommunedel (own or inherited places)"),
            _per_kommunedel(old_model, old),
            _per_kommunedel(new_model, new),
            kd_labels,
        ),
        _table(
            "local-services-per-kommunedel",
            _("Local services delivered in each kommunedel (of {total})").format(total=local_total),
            {k: len(v) for k, v in was_cov.items()},
            {k: len(v) for k, v in now_cov.items()},
            kd_labels,
        ),
    ]
    tables += resource_tables(old, new, m, area_labels)
    card = scorecard(old_model, new_model)
    return [*tables, card] if card is not None else tables


def coverage_changes(old_model: OrgModel, new_model: OrgModel, cov: Coverage) -> list[Change]:
    """A local service no longer (or newly) delivered in a kommunedel present on both sides.

    Only services that are local on both sides count: a service that stopped (or started)
    being local is one ``service-changed``, not a loss (or gain) in every kommunedel.
    """
    was_cov, now_cov = cov
    local = {s.id for s in old_model.services if s.local} & {s.id for s in new_model.services if s.local}
    names = {s.id: s.name for s in [*old_model.services, *new_model.services]}
    kd_names = {kd.id: kd.name for kd in new_model.kommunedeler}
    out = []
    for kd in kd_names:
        if kd not in was_cov:
            continue
        for service in sorted((was_cov[kd] - now_cov.get(kd, set())) & local):
            out.append(
                Change(
                    "service-uncovered",
                    f"service-uncovered:{service}@{kd}",
                    _("'{service}' is no longer delivered locally in {kommunedel} ({id})").format(
                        service=names[service], kommunedel=kd_names[kd], id=kd
                    ),
                    unit=kd,
                    name=kd_names[kd],
                    before=service,
                )
            )
        for service in sorted((now_cov.get(kd, set()) - was_cov[kd]) & local):
            out.append(
                Change(
                    "service-covered",
                    f"service-covered:{service}@{kd}",
                    _("'{service}' is now delivered locally in {kommunedel} ({id})").format(
                        service=names[service], kommunedel=kd_names[kd], id=kd
                    ),
                    unit=kd,
                    name=kd_names[kd],
                    after=service,
                )
            )
    return out


def persona_changes(
    old_journeys: Journeys, new_journeys: Journeys, m: Matching
) -> tuple[list[Change], list[MetricTable]]:
    """Personas whose units met or deciding units changed, and the trace counts before -> after."""
    old, new = old_journeys.graph, new_journeys.graph
    was, now = routes(old_journeys), routes(new_journeys)
    out: list[Change] = []
    for pid, journey in now.items():
        before = was.get(pid)
        if before is None:
            continue
        out.extend(_route_change(pid, journey, before, m, new, old, "contacts"))
        out.extend(_route_change(pid, journey, before, m, new, old, "deciders"))
    labels = {p: j.name for p, j in [*was.items(), *now.items()]}
    tables = [
        _table(
            "persona-contacts",
            _("Units met per persona (providers and deciders, as orgmodel trace counts them)"),
            {p: len(j.contacts) for p, j in was.items()},
            {p: len(j.contacts) for p, j in now.items()},
            labels,
        ),
        _table(
            "persona-saksbehandlere",
            _("Deciding units (saksbehandlere) per persona"),
            {p: len(j.deciders) for p, j in was.items()},
            {p: len(j.deciders) for p, j in now.items()},
            labels,
        ),
    ]
    return out, tables


def _route_change(
    pid: str, now: Journey, was: Journey, m: Matching, new: OrgGraph, old: OrgGraph, what: str
) -> list[Change]:
    before = [m.mapped(u) for u in getattr(was, what)]
    after = list(getattr(now, what))
    if set(before) == set(after):
        return []
    came = [label(new, u) for u in after if u not in set(before)]
    gone = [label(new if u in new.units else old, u) for u in before if u not in set(after)]
    parts = [_("now also {units}").format(units=", ".join(came))] if came else []
    parts += [_("no longer {units}").format(units=", ".join(gone))] if gone else []
    if what == "contacts":
        kind = "persona-contact-changed"
        message = ngettext(
            "{persona} ({id}) meets {n} unit (was {was}): {changes}",
            "{persona} ({id}) meets {n} units (was {was}): {changes}",
            len(after),
        )
    else:
        kind = "persona-decider-changed"
        message = ngettext(
            "{persona} ({id}) meets {n} deciding unit (saksbehandler) (was {was}): {changes}",
            "{persona} ({id}) meets {n} deciding units (saksbehandlere) (was {was}): {changes}",
            len(after),
        )
    return [
        Change(
            kind,
            f"{kind}:{pid}",
            message.format(persona=now.name, id=pid, n=len(after), was=len(before), changes="; ".join(parts)),
            unit=pid,
            name=now.name,
            before=sorted(set(before)),
            after=sorted(set(after)),
        )
    ]
