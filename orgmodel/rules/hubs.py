"""OM204 hub-pilot and OM205 hub-co-location: hubs are co-located, not co-organised."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, item_loc, words


class HubPilotParams(BaseModel):
    """Options of hub-pilot."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    unit_kind: str = Field(
        default="knutepunkt",
        description="the unit kind a planner gives a hub with its own leader (a label; the structure is "
        "judged whatever the kind)",
    )
    hub_kind: str = Field(default="knutepunkt", description="the site kind that marks a lokalt knutepunkt")
    max_pilots: int = Field(
        default=1,
        ge=0,
        description="how many hubs may be organised as pilot units. Source: Drammen report p. 15-17, 38, "
        "42 (one pilot knutepunkt)",
    )
    co_locate_at_hubs: bool = Field(
        default=False,
        description="the ruleset adopts 'co-locate, don't co-organise' at its hubs: a unit leading people "
        "of several lines at a hub is reported whatever its kind. Off, only units of kind 'unit_kind' "
        "are (co-organising by area, as bydeler and Asker's lokalsentre do, is a municipality's own "
        "choice). Source: Drammen report p. 15-17",
    )
    min_lines: int = Field(
        default=2,
        ge=2,
        description="service categories (lines) one leader's people deliver at a hub that make it "
        "co-organised. Source: Drammen report p. 15-17, 20 (co-organising leads several professions "
        "together)",
    )


def _effective_sites(ctx: Context) -> dict[str, tuple[str, ...]]:
    """Each unit's sites: its own, else its nearest personnel ancestor's (once per graph: OM204, OM205)."""
    return ctx.graph.memoised("effective-sites", lambda: _sites_handed_down(ctx.graph))


def _sites_handed_down(graph: OrgGraph) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for uid in graph.depth:  # depth-first: every leader before its units
        unit = graph.units[uid]
        parent = unit.parent
        out[uid] = tuple(unit.sites) if unit.sites else out.get(parent, ()) if parent else ()
    return out


def _hubs_of(ctx: Context, uid: str, hubs: set[str], where: dict[str, tuple[str, ...]]) -> list[str]:
    """The hubs a unit is at: those it names, else the one hub every unit under it works at.

    A unit that names no site but whose avdelinger all work at one hub is at
    that hub too (tester defect 9): the hub is organised as the unit even
    though only its avdelinger name the site. Units under it that all work
    at several hubs are a service spread over the kommunedeler, each led
    from its own unit (Drammen's kultur virksomheter have people at every
    hub, p. 51), so their leader is at none of them. The top unit is never
    at a hub this way: a small kommune whose units all work at one hub is
    not a hub organised as one unit.
    """
    unit = ctx.graph.units[uid]
    if unit.sites:
        return [s for s in dict.fromkeys(unit.sites) if s in hubs]
    children = ctx.graph.children[uid]
    if not children or unit.parent is None:
        return []
    shared = [s for s in dict.fromkeys(where.get(children[0], ())) if s in hubs]
    shared = [s for s in shared if all(s in where.get(child, ()) for child in children[1:])]
    return shared if len(shared) == 1 else []


def co_organised_hubs(ctx: Context, hub_kind: str, min_lines: int) -> dict[str, dict[str, list[str]]]:
    """The co-organised hubs (``_find_co_organised``), once per graph: hub-pilot and hub-co-location ask."""
    key = ("co-organised-hubs", hub_kind, min_lines)
    return ctx.graph.memoised(key, lambda: _find_co_organised(ctx, hub_kind, min_lines))


def _find_co_organised(ctx: Context, hub_kind: str, min_lines: int) -> dict[str, dict[str, list[str]]]:
    """Units that lead people delivering services of ``min_lines`` categories at one hub they name.

    Unit -> hub site -> the categories delivered there, for the lowest such
    leader only (its leaders are co-organised through it, not on their own).
    A unit is at a hub when it names it in ``sites``, or when it names no
    site and every unit under it works at that hub and at no other hub they
    all share (``_hubs_of``).
    """
    graph = ctx.graph
    hubs = {site.id for site in ctx.model.sites if site.kind == hub_kind}
    if not hubs:
        return {}
    category = {s.id: s.category for s in ctx.model.services if s.category is not None}
    where = _effective_sites(ctx)
    at_hub = {uid for uid, sites in where.items() if sites and not hubs.isdisjoint(sites)}
    found: dict[str, dict[str, list[str]]] = {}
    for uid in graph.units:
        if uid not in at_hub:  # at no hub itself: at one only through units under it that all are
            below = graph.children[uid]
            if not below or below[0] not in at_hub:
                continue
        own = _hubs_of(ctx, uid, hubs, where)
        if not own or uid not in where:
            continue
        at: dict[str, dict[str, None]] = {hub: {} for hub in own}
        stack = [uid]
        while stack:
            member = stack.pop()
            for hub in own:
                if hub in where[member]:
                    for service in graph.units[member].delivers:
                        if service in category:
                            at[hub][category[service]] = None
            stack.extend(c for c in graph.children[member] if c in where and c != uid)
        lines = {hub: list(cats) for hub, cats in at.items() if len(cats) >= min_lines}
        if lines:
            found[uid] = lines
    lowest = dict(found)
    for uid in found:
        for ancestor in graph.ancestors(uid):
            if ancestor in lowest and set(lowest[ancestor]) & set(found[uid]):
                del lowest[ancestor]
    return lowest


@register
class HubPilot(Rule[HubPilotParams]):
    """A hub organised as its own unit is an adopted pilot, and pilots are few.

    Staff working at a lokalt knutepunkt are led from their own professional
    unit: the hubs are co-located (samlokalisert), not co-organised
    (samorganisert). Drammen makes one exception, a pilot knutepunkt
    organised as a virksomhet with its own personnel leader (report p. 15-17,
    38, 42). The rule reads the structure: a unit that names a hub site
    (``hub_kind``) in its ``sites`` and leads people (itself or units under
    it, working there) who deliver services of at least ``min_lines``
    different categories at that hub is a co-organised hub, whatever its
    ``kind``; so is a unit that names no site when every unit under it (its
    avdelinger) works at one hub and their people deliver those lines there;
    a unit of kind ``unit_kind`` is one by its label. Either must
    say ``pilot: true`` (or carry a suppression with the reason), and no more
    pilots than ``max_pilots`` may exist; the pilots beyond the cap are
    reported. Only the lowest such leader is reported. The principle is
    Drammen's; Asker organises by lokalsentre where apt (Asker LOS) and a
    large city by bydeler, each led at its bydelshus, so the structure is
    judged only under a ruleset that adopts it (``co_locate_at_hubs: true``,
    as ``drammen-2020`` does, making it an error); otherwise only a unit
    labelled ``unit_kind`` is asked to be a pilot, as a warning.

    Anti-pattern::

        - {id: virk-konnerud, name: Konnerud lokale tjenester, kind: virksomhet, level: 3,
           sites: [kp-konnerud], delivers: [bibliotek-moteplass, helsestasjon], ...}

    Best practice (each service led from its own line, co-located at the hub)::

        - {id: virk-bibliotek, ..., sites: [kp-konnerud], delivers: [bibliotek-moteplass]}
        - {id: virk-apent-hus, ..., sites: [kp-konnerud], delivers: [helsestasjon]}
    """

    code = "OM204"
    name = "hub-pilot"
    severity = Severity.WARNING
    Params = HubPilotParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        kind, cap = self.params.unit_kind, self.params.max_pilots
        structural = (
            co_organised_hubs(ctx, self.params.hub_kind, self.params.min_lines)
            if self.params.co_locate_at_hubs
            else {}
        )
        names: Names | None = None
        pilots = 0
        for uid, unit in ctx.graph.units.items():
            if unit.kind != kind and uid not in structural:
                continue
            if not unit.pilot:
                if uid in structural:
                    names = names or Names(ctx)
                    yield self._co_organised(ctx, uid, structural[uid], names)
                    continue
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "kind"),
                    _(
                        "{unit} organises a hub as a unit with its own personnel leader; hubs co-locate "
                        "services that stay led from their own professional units (samlokalisering, not "
                        "samorganisering), and only an adopted pilot is organised otherwise"
                    ).format(unit=ctx.unit_label(uid)),
                    unit=uid,
                    hint=_(
                        "mark it 'pilot: true' if it is the adopted pilot; otherwise let the services' own "
                        "units work at a site of kind knutepunkt"
                    ),
                )
                continue
            pilots += 1
            if pilots > cap:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "pilot"),
                    ngettext(
                        "{unit} is pilot hub number {number}, but the ruleset allows "
                        "{limit} pilot hub organised as its own unit",
                        "{unit} is pilot hub number {number}, but the ruleset allows "
                        "{limit} pilot hubs organised as its own unit",
                        cap,
                    ).format(unit=ctx.unit_label(uid), number=pilots, limit=cap),
                    unit=uid,
                    hint=_("end a pilot or change 'max_pilots' in the ruleset when more are adopted"),
                )

    def organised_hubs(self, ctx: Context) -> set[str]:
        """The hubs organised as one unit this rule judges: a pilot, or its finding (OM205 stands down)."""
        hubs = {site.id for site in ctx.model.sites if site.kind == self.params.hub_kind}
        out: set[str] = set()
        if self.params.co_locate_at_hubs:
            for lines_at in co_organised_hubs(ctx, self.params.hub_kind, self.params.min_lines).values():
                out.update(lines_at)
        where = _effective_sites(ctx)
        for uid, unit in ctx.graph.units.items():
            if unit.kind == self.params.unit_kind and uid in where:
                out.update(_hubs_of(ctx, uid, hubs, where))
        return out

    def _co_organised(
        self, ctx: Context, uid: str, lines_at: dict[str, list[str]], names: Names
    ) -> Diagnostic:
        """The finding on a unit that leads people of several lines at a hub (its first such hub)."""
        hub, lines = next(iter(lines_at.items()))
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "id"),
            _(
                "{unit} leads people delivering {lines} services at the "
                "lokalt knutepunkt {hub}: a hub organised as one unit "
                "(samorganisering); hubs co-locate services that stay led from their own "
                "professional units, and only an adopted pilot is organised otherwise"
            ).format(unit=ctx.unit_label(uid), lines=words(lines), hub=names.site(hub)),
            unit=uid,
            hint=_(
                "let each service's own unit work at the hub; if this is the adopted pilot, "
                "mark it 'pilot: true'"
            ),
        )


class HubCoLocationParams(BaseModel):
    """Options of hub-co-location."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hub_kind: str = Field(default="knutepunkt", description="the site kind that marks a lokalt knutepunkt")
    min_units: int = Field(
        default=1,
        ge=1,
        description="the fewest distinct units (from different lines) working at a hub; 1 is an assumption "
        "(an empty hub is just a building); Drammen p. 15-17, 51 supports 2",
    )


@register
class HubCoLocation(Rule[HubCoLocationParams]):
    """A lokalt knutepunkt hosts several units from different lines.

    A hub is where services led from different professional units sit
    together (Drammen report p. 15-17; the tests for co-locating on p. 20:
    user experience, wholeness, shared facilities). A unit works at a hub
    when the site is in its ``sites``. A unit and the units under it that
    work at the same hub count once: an avdeling at the hub of its own
    virksomhet adds no other line. The built-in default only asks for one
    unit (an empty hub is just a building); rulesets raise ``min_units``.
    A hub organised as one unit (the adopted pilot, or hub-pilot's finding
    on a unit leading several lines there) is hub-pilot's (OM204): while
    that rule runs this one does not judge it, so one cause gives one
    finding.

    Anti-pattern (min_units 2)::

        sites:
          - {id: kp-konnerud, name: Konnerudsenteret, kind: knutepunkt, kommunedel: kd5}
        units:
          - {id: virk-bibliotek, ..., sites: [kp-konnerud]}
          - {id: avd-filial-konnerud, ..., parent: virk-bibliotek, sites: [kp-konnerud]}

    Best practice::

        units:
          - {id: virk-bibliotek, ..., sites: [kp-konnerud]}
          - {id: virk-apent-hus, ..., sites: [kp-konnerud]}
    """

    code = "OM205"
    name = "hub-co-location"
    severity = Severity.WARNING
    Params = HubCoLocationParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        names: Names | None = None
        need = self.params.min_units
        # a hub organised as one unit is hub-pilot's to judge (a pilot, or its finding): one cause
        pilot = ctx.rules.get(HubPilot.code)
        organised = pilot.organised_hubs(ctx) if isinstance(pilot, HubPilot) else set()
        for index, site in enumerate(ctx.model.sites):
            if site.kind != self.params.hub_kind or site.id in organised:
                continue
            here = graph.site_units.get(site.id, [])
            present = set(here)
            lines = [uid for uid in here if not any(a in present for a in graph.ancestors(uid))]
            if len(lines) >= need:
                continue
            names = names or Names(ctx)
            if not lines and need == 1:
                message = _("the lokalt knutepunkt {hub} hosts no unit: no unit names it in its 'sites:'")
            elif lines:
                message = ngettext(
                    "the lokalt knutepunkt {hub} hosts only {units}; a hub co-locates services "
                    "from at least {need} unit of different lines",
                    "the lokalt knutepunkt {hub} hosts only {units}; a hub co-locates services "
                    "from at least {need} units of different lines",
                    need,
                )
            else:
                message = ngettext(
                    "the lokalt knutepunkt {hub} hosts no unit; a hub co-locates services "
                    "from at least {need} unit of different lines",
                    "the lokalt knutepunkt {hub} hosts no unit; a hub co-locates services "
                    "from at least {need} units of different lines",
                    need,
                )
            units = words([ctx.unit_label(uid) for uid in lines])
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "sites", index, "id"),
                message.format(hub=names.site(site.id), units=units, need=need),
                unit=site.id,
                hint=_("list the hub in 'sites:' of the units whose staff work there"),
            )
