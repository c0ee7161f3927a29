"""Each persona's route through a model: the units it meets and the units that decide its vedtak.

A small stand-in for ``orgmodel.trace`` (persona journeys), written so the
diff can switch to that library function when it exists: ``journeys`` is the
one place that computes a route.

For each need, the contact unit is the unit delivering the service in the
persona's kommunedel (a unit's kommunedeler are its own, those of its sites,
or else its nearest leader's); when no deliverer is placed there, the
kommune-wide deliverer; when several are equally near (32 schools), the
unit that leads them all. A deliverer inside another deliverer of the same
service (an avdeling of the virksomhet) is not counted apart. The deciding
units are those that decide the service when it is granted by vedtak: one
per saksbehandler the persona deals with.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass

from orgmodel.graph import OrgGraph
from orgmodel.schema import OrgModel


@dataclass(frozen=True)
class Journey:
    """The contact units and deciding units one persona meets."""

    persona: str
    name: str
    contacts: tuple[str, ...]
    deciders: tuple[str, ...]


class Geography:
    """Which kommunedeler each unit works in (own, through its sites, or inherited)."""

    def __init__(self, model: OrgModel, graph: OrgGraph) -> None:
        self.graph = graph
        self.site_kd = {s.id: s.kommunedel for s in model.sites if s.kommunedel is not None}
        self._own: dict[str, frozenset[str]] = {}
        self._memo: dict[str, frozenset[str]] = {}

    def own(self, uid: str) -> frozenset[str]:
        """The kommunedeler a unit names itself or through its sites."""
        found = self._own.get(uid)
        if found is None:
            unit = self.graph.units[uid]
            kds = set(unit.kommunedeler)
            kds.update(self.site_kd[s] for s in unit.sites if s in self.site_kd)
            found = self._own[uid] = frozenset(kds)
        return found

    def of(self, uid: str) -> frozenset[str]:
        """The unit's own kommunedeler, or its nearest leader's when it names none."""
        found = self._memo.get(uid)
        if found is not None:
            return found
        kds = self.own(uid)
        if not kds:
            for parent in self.graph.ancestors(uid):
                kds = self.own(parent)
                if kds:
                    break
        self._memo[uid] = kds
        return kds


_GEOGRAPHY: weakref.WeakKeyDictionary[OrgGraph, Geography] = weakref.WeakKeyDictionary()


def geography(model: OrgModel, graph: OrgGraph) -> Geography:
    """The (cached) geography of a model's units."""
    found = _GEOGRAPHY.get(graph)
    if found is None:
        found = _GEOGRAPHY[graph] = Geography(model, graph)
    return found


def _common_leader(graph: OrgGraph, units: list[str]) -> str | None:
    chains = [[u, *graph.ancestors(u)] for u in units]
    shared = set(chains[0]).intersection(*map(set, chains[1:]))
    return next((u for u in chains[0] if u in shared), None)


def _nearest(graph: OrgGraph, geo: Geography, units: list[str], kommunedel: str | None) -> list[str]:
    if not units:
        return []
    keep = set(units)
    top = [u for u in units if not any(a in keep for a in graph.ancestors(u))]
    local = [u for u in top if kommunedel is not None and kommunedel in geo.of(u)]
    wide = [u for u in top if not geo.of(u)]
    chosen = local or wide or top
    if len(chosen) > 1 and not local:
        leader = _common_leader(graph, chosen)
        if leader is not None:
            return [leader]
    return chosen


def journeys(model: OrgModel, graph: OrgGraph) -> dict[str, Journey]:
    """Every persona's contact units and deciding units."""
    delivers: dict[str, list[str]] = defaultdict(list)
    decides: dict[str, list[str]] = defaultdict(list)
    for uid, unit in graph.units.items():
        for service in unit.delivers:
            delivers[service].append(uid)
        for service in unit.decides:
            decides[service].append(uid)
    vedtak = {s.id for s in model.services if s.vedtak}
    geo = geography(model, graph)
    out: dict[str, Journey] = {}
    for persona in model.personas:
        contacts: dict[str, None] = {}
        deciders: dict[str, None] = {}
        for need in persona.needs:
            contacts.update(dict.fromkeys(_nearest(graph, geo, delivers.get(need, []), persona.kommunedel)))
            if need in vedtak:
                deciders.update(
                    dict.fromkeys(_nearest(graph, geo, decides.get(need, []), persona.kommunedel))
                )
        out.setdefault(persona.id, Journey(persona.id, persona.name, tuple(contacts), tuple(deciders)))
    return out
