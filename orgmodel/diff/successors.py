"""A removed unit whose work continues in a new unit: its successor, not a closure beside an opening.

Tour M: 'Tildelingskontoret' (tildelingskontor) became 'Tjenestekontoret og koordinerende enhet'
(tjenestekontor) under the same kommunalsjef. The new unit decides all seven services the old one
decided and three more, and takes in koordinerende enhet; the names share no uncommon word and the
staff grew, so neither the name rules nor ``diff.twins`` paired them. The diff said "removed; 10
people worked in it", which a tillitsvalgt reads as a closure, and counted those ten among the people
with a new personnel line.

A new unit is a removed unit's successor when all of this holds:

- it sits under the removed unit's leader's unit, or that unit's successor (``Matching.equivalents``);
- it takes over what identifies the removed unit's work. For a unit that decides or delivers
  services, that is the services it was the only unit of OLD to decide (or deliver): the new unit is
  the only one of NEW to decide (deliver) at least two of them, and at least two thirds. For a unit
  that states no services, it is the sites where nobody but it (and the units below it) worked: the
  new unit is the only one at every one of them, and works in every kommunedel the old unit named.

Two thirds is "most" with room for one service handed elsewhere in the same reorganisation (six of a
tildelingskontor's seven vedtak), while a unit shared out in halves between two new units gives
neither of them enough. Two services at least, because one service that a new unit under the same
leader also delivers is a coincidence as often as a succession. A service several units decide (each
for its own kommunedel) or deliver (32 schools deliver grunnskole) tells no unit apart and is not
counted: a school closed beside a new school stays removed and added. The only holder of a service is
one unit per side, so no two new units can both take over one removed unit's work.

Two or more removed units whose work continues in the same new unit merged into it (``unit-merged``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

from orgmodel.diff.match_state import Matching
from orgmodel.diff.units import label, listed_names, subtree
from orgmodel.graph import OrgGraph
from orgmodel.hints import and_list
from orgmodel.i18n import _, ngettext

_ROLES = ("decides", "delivers")
_LEAST = 2  # services taken over, at least


def _sole(graph: OrgGraph, role: str) -> dict[str, str]:
    """Service -> the one unit that decides (delivers) it, for the services only one unit holds."""
    table = graph.deciders if role == "decides" else graph.deliverers
    return {s: units[0] for s, units in table.items() if len(units) == 1}


def _alone_at(graph: OrgGraph) -> dict[str, str]:
    """Site -> the unit working there when nobody else does (the units below it aside)."""
    out: dict[str, str] = {}
    for site, units in graph.site_units.items():
        there = set(units)
        tops = [u for u in units if not any(a in there for a in _ancestors(graph, u))]
        if len(tops) == 1:
            out[site] = tops[0]
    return out


def _ancestors(graph: OrgGraph, uid: str) -> Iterable[str]:
    seen = {uid}
    parent = graph.units[uid].parent
    while parent is not None and parent in graph.units and parent not in seen:
        seen.add(parent)
        yield parent
        parent = graph.units[parent].parent


class Successors:
    """Who holds what alone on each side, built once per matching (the buckets the module reads)."""

    def __init__(self, old: OrgGraph, new: OrgGraph) -> None:
        self.old, self.new = old, new
        self.was = {role: _sole(old, role) for role in _ROLES}
        self.now = {role: _sole(new, role) for role in _ROLES}

    @cached_property
    def was_at(self) -> dict[str, str]:
        """Site -> the unit alone at it in OLD (read only for a removed unit that states no service)."""
        return _alone_at(self.old)

    @cached_property
    def now_at(self) -> dict[str, str]:
        """Site -> the unit alone at it in NEW."""
        return _alone_at(self.new)

    def successor(self, m: Matching, r: str, free: set[str]) -> str | None:
        """The new unit that carries on the work of the removed unit ``r`` (see the module), or None."""
        unit = self.old.units[r]
        found = self._by_services(r) if unit.decides or unit.delivers else self._by_sites(r)
        if found is None or found not in free:
            return None
        parents = m.equivalents(unit.parent) if unit.parent is not None else frozenset((None,))
        return found if self.new.units[found].parent in parents else None

    def _by_services(self, r: str) -> str | None:
        unit = self.old.units[r]
        own: dict[str, set[str]] = defaultdict(set)  # service -> the roles only r held it in
        for role in _ROLES:
            for s in getattr(unit, role):
                if self.was[role].get(s) == r:
                    own[s].add(role)
        takers: Counter[str] = Counter()
        for s, roles in own.items():
            holders = {self.now[role].get(s, "") for role in roles}
            if len(holders) == 1 and "" not in holders:
                takers[holders.pop()] += 1
        if not takers:
            return None
        (best, taken), *_rest = takers.most_common(1)
        return best if taken >= _LEAST and 3 * taken >= 2 * len(own) else None

    def _by_sites(self, r: str) -> str | None:
        unit = self.old.units[r]
        sites = list(dict.fromkeys(unit.sites))
        if not sites or any(self.was_at.get(s) != r for s in sites):
            return None
        holders = {self.now_at.get(s, "") for s in sites}
        if len(holders) != 1 or "" in holders:
            return None
        found = holders.pop()
        return found if set(unit.kommunedeler) <= set(self.new.units[found].kommunedeler) else None

    def merge(self, m: Matching, pending: list[str], free: set[str]) -> None:
        """Two or more removed units whose work continues in one new unit merged into it."""
        into: dict[str, list[str]] = defaultdict(list)
        for r in pending:
            found = self.successor(m, r, free)
            if found is not None:
                into[found].append(r)
        for target, sources in into.items():
            if len(sources) > 1:
                m.merge(tuple(sorted(sources, key=self.old.index.__getitem__)), target)
                free.discard(target)


_SHOWN = 5  # services or units named before "and 3 more"


def _shown(names: list[str]) -> str:
    if len(names) > _SHOWN + 1:
        return _("{units} and {n} more").format(units=", ".join(names[:_SHOWN]), n=len(names) - _SHOWN)
    return and_list(names)


def _services(graph: OrgGraph, uids: Iterable[str]) -> dict[str, None]:
    """The services these units decide or deliver, in file order."""
    out: dict[str, None] = {}
    for uid in uids:
        out.update(dict.fromkeys([*graph.units[uid].decides, *graph.units[uid].delivers]))
    return out


def successor_message(old: OrgGraph, new: OrgGraph, o: str, n: str) -> str:
    """How a successor reads: 'X becomes Y: it decides all 7 services the old unit decided; ...'.

    What the new unit took over (the old unit's services decided and delivered, or its sites when
    it stated no service), then what it also takes in: the services it (or a unit below it) holds
    that the old unit did not, and the units of OLD that held them.
    """
    before = old.units[o]
    below = list(subtree(new, n))
    held = {role: {s for u in below for s in getattr(new.units[u], role)} for role in _ROLES}
    took: list[str] = []
    for role in _ROLES:
        had = list(dict.fromkeys(getattr(before, role)))
        if had:
            took.append(_took(role, sum(s in held[role] for s in had), len(had)))
    if not took:
        sites = listed_names((old, new), "sites", list(dict.fromkeys(before.sites)))
        took.append(_("it works at {sites}, where only the old unit worked").format(sites=sites))
    message = _("{old} becomes {new}: {took}").format(
        old=label(old, o), new=label(new, n), took=and_list(took)
    )
    return message + _also(old, new, o, below)


def _took(role: str, k: int, total: int) -> str:
    if role == "decides":
        if k == total:
            return ngettext(
                "it decides the {n} service the old unit decided",
                "it decides all {n} services the old unit decided",
                total,
            ).format(n=total)
        return ngettext(
            "it decides {k} of the {n} service the old unit decided",
            "it decides {k} of the {n} services the old unit decided",
            total,
        ).format(k=k, n=total)
    if k == total:
        return ngettext(
            "it delivers the {n} service the old unit delivered",
            "it delivers all {n} services the old unit delivered",
            total,
        ).format(n=total)
    return ngettext(
        "it delivers {k} of the {n} service the old unit delivered",
        "it delivers {k} of the {n} services the old unit delivered",
        total,
    ).format(k=k, n=total)


def _also(old: OrgGraph, new: OrgGraph, o: str, below: list[str]) -> str:
    """'; it also takes in 'Hjemmesykepleie' (hjemmesykepleie) ... from 'Hjemmetjenester Nord' (...)'."""
    was_below = list(subtree(old, o))
    had = _services(old, was_below)
    gained = [s for s in _services(new, below) if s not in had]
    if not gained:
        return ""
    mine = set(was_below)
    holders = [
        u for s in gained for u in [*old.deciders.get(s, ()), *old.deliverers.get(s, ())] if u not in mine
    ]
    services = _shown([listed_names((new, old), "delivers", [s]) for s in gained])
    sources = _shown([label(old, u) for u in dict.fromkeys(holders)])
    if not sources:
        return _("; it also takes in {services}").format(services=services)
    return _("; it also takes in {services} from {units}").format(services=services, units=sources)
