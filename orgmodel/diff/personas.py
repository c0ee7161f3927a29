"""Each persona's route through a model: the units it meets and the units that decide its vedtak.

The route comes from ``orgmodel.trace`` (the persona journeys ``orgmodel
trace`` prints): for each need, the providing unit the persona meets, and for
each vedtak need, the units that decide it. The diff compares the contact
units (one provider per need) and the deciding units (one saksbehandler each)
between two proposals. ``Geography`` (which kommunedeler a unit works in) is
shared with the coverage measures.
"""

from __future__ import annotations

import weakref
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


def journeys(model: OrgModel, graph: OrgGraph) -> dict[str, Journey]:
    """Every persona's contact units and deciding units, from ``orgmodel.trace``."""
    from orgmodel.trace import trace_all

    out: dict[str, Journey] = {}
    for journey in trace_all(model, graph):
        contacts = tuple(dict.fromkeys(s.provider.id for s in journey.steps if s.provider is not None))
        out.setdefault(
            journey.persona, Journey(journey.persona, journey.name, contacts, journey.totals.saksbehandlere)
        )
    return out
