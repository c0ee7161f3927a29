"""The allocation unit (tildelingsenhet) and the decisions allocation-unit (OM212) reports.

Not a rule module: it registers nothing. OM212 reports the decisions made
outside the allocation unit, one finding per deciding unit; persona-
saksbehandler (OM220) leaves those decisions to it while it runs, as both
leave a doubled decision to single-decider (OM210), so one cause gives one
finding.

The allocation unit is the ruleset's ``allocation_unit``, or else the unit
that decides for the most providers outside its own line (itself, the units
above it and the units below it): a tildelingsenhet grants for providers
"regardless of which kommunalsjef is responsible for the service" (Drammen
report p. 26). A unit that decides only what it, its own units or the unit
above it deliver decides its own vedtak; when every deciding unit does,
there is no allocation unit, and the model is not given one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from orgmodel.journeys import journeys_of
from orgmodel.rule import Context
from orgmodel.rules._principles import doubled_deciders, single_decider_reports


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
    """How ``main`` was found: configured, providers (it serves the most), split (a tie) or none."""


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
    reach = {uid: _providers_served(ctx, uid, in_scope) for uid in deciding}
    candidates = [uid for uid in deciding if reach[uid]]
    if not candidates:
        return Allocation(in_scope, deciding, counts, None, "none")
    whole = _deciding_everywhere(ctx, candidates)  # a district office is no municipality's allocation unit
    main = max(candidates, key=lambda u: (u in whole, len(reach[u]), counts[u], -graph.index[u]))
    most = all(len(reach[u]) < len(reach[main]) for u in candidates if u != main)
    return Allocation(in_scope, deciding, counts, main, "providers" if most else "split")


def _providers_served(ctx: Context, uid: str, in_scope: frozenset[str]) -> set[str]:
    """The units outside ``uid``'s own line that deliver what it decides for their users.

    Its own line is itself, the units above it and the units below it: a home-care virksomhet
    deciding its own hjemmesykepleie, or a bofellesskap deciding for the virksomhet it belongs
    to, serves no other provider. A unit deciding for some kommunedeler serves the providers
    working there (or centrally), not a district twin working elsewhere.
    """
    graph = ctx.graph
    own = {uid, *graph.ancestors(uid)}
    mine, places = graph.deciding_places[uid], graph.places
    out: set[str] = set()
    for service in graph.units[uid].decides:
        if service not in in_scope:
            continue
        for d in graph.deliverers.get(service, []):
            if d in own or uid in graph.ancestors(d):
                continue
            if not mine or not places[d] or mine & places[d]:
                out.add(d)
    return out


def _deciding_everywhere(ctx: Context, deciding: Sequence[str]) -> set[str]:
    """The deciding units that decide for the whole municipality (no ``kommunedeler``, or all of them)."""
    places, every = ctx.graph.deciding_places, {kd.id for kd in ctx.model.kommunedeler}
    return {u for u in deciding if not places[u] or every <= places[u]}


def reported_services(ctx: Context, allocation: Allocation) -> dict[str, list[str]]:
    """Unit -> the services in its ``decides`` that OM212 reports at it, in the file's order.

    Beside an allocation unit: each other unit's decisions, but not one OM210 reports (decided
    twice) nor a district office's beside the allocation unit's own districts (one saksbehandler).
    Without one: the units whose users could meet another of them (their districts overlap).
    """
    graph = ctx.graph
    doubled = single_decider_reports(ctx)
    out: dict[str, list[str]] = {}
    main = allocation.main
    for uid in allocation.deciding:
        if uid == main:
            continue
        for service in dict.fromkeys(graph.units[uid].decides):
            if service not in allocation.in_scope or uid in doubled.get(service, ()):
                continue
            others = graph.deciders.get(service, [])
            if main is not None and main in others and uid not in doubled_deciders(ctx, others, main):
                continue  # a district office beside the allocation unit's own districts
            out.setdefault(uid, []).append(service)
    if main is None:
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
