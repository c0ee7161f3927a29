"""The allocation unit (tildelingsenhet) and the decisions allocation-unit (OM212) reports.

Not a rule module: it registers nothing. OM212 reports the decisions made
outside the allocation unit, one finding per deciding unit; persona-
saksbehandler (OM220) leaves those decisions to it while it runs, as both
leave a doubled decision to single-decider (OM210), so one cause gives one
finding.

The allocation unit is the ruleset's ``allocation_unit``, or else the unit
that decides for the most providers outside its own line (its own
virksomhet: itself, the units above it and the units inside the virksomhet
it is or belongs to): a tildelingsenhet grants for providers "regardless of
which kommunalsjef is responsible for the service" (Drammen report p. 26),
and so does a kommunalsjef's unit deciding for the virksomheter it leads. A
unit that decides only what its own virksomhet or the unit above it deliver
decides its own vedtak; when every deciding unit does,
there is no allocation unit, and the model is not given one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from orgmodel.journeys import district_offices, journeys_of
from orgmodel.rule import Context
from orgmodel.rules._principles import doubled_deciders, single_decider_reports
from orgmodel.rules._virksomhet import OTHER_KINDS, virksomheter


@dataclass(frozen=True)
class Allocation:
    """Who decides the vedtak in some categories, and which unit is the allocation unit."""

    in_scope: frozenset[str]
    """The services in the categories."""
    deciding: tuple[str, ...]
    """The units deciding any of them, in file order."""
    counts: dict[str, int]
    """How many of them each deciding unit decides."""
    main: str | None
    """The allocation unit; None when every deciding unit decides its own vedtak."""
    chosen: str
    """How ``main`` was found: configured, providers (serves the most), split (a tie), districts or none."""
    districts: tuple[str, ...] = ()
    """With ``chosen`` districts: the district offices, each deciding most of them for its kommunedeler."""


def allocation_of(ctx: Context, categories: Iterable[str], configured: str | None) -> Allocation:
    """The allocation of the vedtak in ``categories`` (``configured``: the ruleset's allocation_unit).

    A ``configured`` id no unit has is OM212's to report; here it counts as not configured.
    """
    wanted = frozenset(categories)
    known = configured if configured is not None and configured in ctx.graph.units else None
    return ctx.graph.memoised(("allocation", wanted, known), lambda: _allocation(ctx, wanted, known))


def _allocation(ctx: Context, categories: frozenset[str], configured: str | None) -> Allocation:
    graph = ctx.graph
    in_scope = frozenset(s.id for s in ctx.model.services if s.category in categories)
    counts: dict[str, int] = {}
    for service in in_scope:
        for uid in graph.deciders.get(service, []):
            counts[uid] = counts.get(uid, 0) + 1
    deciding = tuple(sorted(counts, key=graph.index.__getitem__))
    if configured is not None:
        return Allocation(in_scope, deciding, counts, configured, "configured")
    districts = _district_offices(ctx, deciding, counts)
    if districts:
        return Allocation(in_scope, deciding, counts, None, "districts", districts)
    reach = {uid: _providers_served(ctx, uid, in_scope) for uid in deciding}
    candidates = [uid for uid in deciding if reach[uid]]
    if not candidates:
        return Allocation(in_scope, deciding, counts, None, "none")
    whole = _deciding_everywhere(ctx, candidates)  # a district office is no municipality's allocation unit
    main = max(candidates, key=lambda u: (u in whole, len(reach[u]), counts[u], -graph.index[u]))
    most = all(len(reach[u]) < len(reach[main]) for u in candidates if u != main)
    return Allocation(in_scope, deciding, counts, main, "providers" if most else "split")


def _district_offices(ctx: Context, deciding: Sequence[str], counts: dict[str, int]) -> tuple[str, ...]:
    """The district offices of a district design, in file order; () when it is not one.

    A user's saksbehandler is the unit that decides most of her vedtak. When in every kommunedel
    that unit is one deciding for its own kommunedeler only, no two of them overlapping (Oslo's
    bydeler, a kommune's hjemmetjeneste districts), each user's district office is her one
    saksbehandler, and no single unit is the allocation unit: a kommune-wide unit deciding one
    service beside them gives their users a second saksbehandler, whichever providers it serves.
    """
    every = [kd.id for kd in ctx.model.kommunedeler]
    places = ctx.graph.deciding_places
    found: list[str] = []
    for kd in every:
        here = [u for u in deciding if not places[u] or kd in places[u]]
        best = max((counts[u] for u in here), default=0)
        top = [u for u in here if counts[u] == best]
        if len(top) != 1 or not places[top[0]] or set(every) <= places[top[0]]:
            return ()  # a kommune-wide unit, or a tie, decides most here
        found.append(top[0])
    offices = sorted(set(found), key=ctx.graph.index.__getitem__)
    return tuple(offices) if len(offices) > 1 and district_offices(ctx.graph, offices) else ()


def _providers_served(ctx: Context, uid: str, in_scope: frozenset[str]) -> set[str]:
    """The units outside ``uid``'s own line that deliver what it decides for their users.

    Its own line is its own virksomhet: itself, the units above it and the units inside the
    virksomhet it is or belongs to (``_virksomhet``). A home-care virksomhet deciding its own
    hjemmesykepleie, or a bofellesskap deciding for the virksomhet it belongs to, serves no other
    provider; a kommunalsjef's unit deciding for the virksomheter it leads serves them. A unit
    deciding for some kommunedeler serves the providers working there (or centrally), not a
    district twin working elsewhere.
    """
    graph = ctx.graph
    own = {uid, *graph.ancestors(uid)}
    home = _virksomhet_of(ctx, uid)
    mine, places = graph.deciding_places[uid], graph.places
    out: set[str] = set()
    for service in graph.units[uid].decides:
        if service not in in_scope:
            continue
        for d in graph.deliverers.get(service, []):
            if d in own or (home is not None and _virksomhet_of(ctx, d) == home):
                continue
            if not mine or not places[d] or mine & places[d]:
                out.add(d)
    return out


def _virksomhet_of(ctx: Context, uid: str) -> str | None:
    """The virksomhet ``uid`` is or sits inside (the nearest in its line), None above or outside one."""
    judged = virksomheter(ctx.graph, ["virksomhet"], OTHER_KINDS)
    return next((u for u in (uid, *ctx.graph.ancestors(uid)) if u in judged), None)


def _deciding_everywhere(ctx: Context, deciding: Sequence[str]) -> set[str]:
    """The deciding units that decide for the whole municipality (no ``kommunedeler``, or all of them)."""
    places, every = ctx.graph.deciding_places, {kd.id for kd in ctx.model.kommunedeler}
    return {u for u in deciding if not places[u] or every <= places[u]}


def reported_services(ctx: Context, allocation: Allocation) -> dict[str, list[str]]:
    """Unit -> the services in its ``decides`` that OM212 reports at it, in the file's order.

    Beside an allocation unit: each other unit's decisions, but not one OM210 reports (decided
    twice) nor a district office's beside the allocation unit's own districts (one saksbehandler).
    Beside the district offices of a district design: each other unit's decisions OM210 does not report.
    Without one: the units whose users could meet another of them (their districts overlap).
    """
    graph = ctx.graph
    doubled = single_decider_reports(ctx)
    out: dict[str, list[str]] = {}
    main = allocation.main
    for uid in allocation.deciding:
        if uid == main or uid in allocation.districts:
            continue
        for service in dict.fromkeys(graph.units[uid].decides):
            if service not in allocation.in_scope or uid in doubled.get(service, ()):
                continue
            others = graph.deciders.get(service, [])
            if (
                main is not None
                and main in others
                and uid not in doubled_deciders(ctx, others, main, service)
            ):
                continue  # a district office beside the allocation unit's own districts
            out.setdefault(uid, []).append(service)
    if allocation.chosen == "none":
        places = graph.deciding_places
        meet = [u for u in out if any(_overlap(places[u], places[o]) for o in out if o != u)]
        out = {u: out[u] for u in meet}
    return out


def _overlap(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two units' deciding places share a user (no places: the whole municipality)."""
    return not one or not other or bool(one & other)


def allocation_reports(ctx: Context) -> dict[str, set[str]]:
    """Service -> the units whose decision on it allocation-unit (OM212) reports in this run.

    Empty when OM212 does not run (``--select``, ``allocation-unit: off``) or names an
    allocation unit no unit has: persona-saksbehandler (OM220) leaves a decision to OM212
    only while OM212 reports it, so switching OM212 off hides nothing.
    """
    rule = ctx.rules.get("OM212")
    if rule is None:
        return {}
    params: Any = rule.params
    configured = params.allocation_unit
    if not params.categories or (configured is not None and configured not in ctx.graph.units):
        return {}
    out: dict[str, set[str]] = {}
    for uid, services in reported_services(ctx, allocation_of(ctx, params.categories, configured)).items():
        for service in services:
            out.setdefault(service, set()).add(uid)
    return out


def meeting(ctx: Context, categories: frozenset[str], units: Iterable[str]) -> list[str]:
    """Personas who meet two or more of ``units`` for their needs in ``categories`` (as trace says)."""
    wanted = set(units)
    services = {s.id for s in ctx.model.services if s.category in categories}
    journeys = journeys_of(ctx)
    out = []
    for persona in ctx.model.personas:
        met = {
            r.id
            for step in journeys.of(persona).steps
            if step.service in services
            for r in step.deciders
            if r.id in wanted
        }
        if len(met) > 1:
            out.append(f"'{persona.name}' ({persona.id})")
    return out
