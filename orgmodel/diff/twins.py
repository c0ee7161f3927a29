"""A unit whose id and name both changed, told by its structure: everything else it states is the same.

Tour J: 'Barnevern' (virk-barnevern) became 'Barneverntjenesten' (virk-barneverntjenesten) under the
same kommunalsjef, with the same level, kind, leader title, staff (60), and the same services decided
and delivered. The names share no word, so the name rules of ``diff.matching`` do not pair them, and
the diff called it removed and added: 61 people "affected", its finding "new".

A removed and an added unit are the same unit here when all of this holds:

- they sit under the same (matched) leader's unit, and every key other than id, name, description
  and the ids of other units is the same: level, kind, leader title, staff, budget, the services
  decided and delivered, kommunedeler, sites, role and the rest (``signature``);
- no other removed or added unit under that leader has that signature;
- the units below the removed one (when any are matched) are below the added one;
- and the evidence is strong: the unit is the only one of its model that decides or delivers one of
  its services (the only barneverntjeneste), or it states its staff and a place or a service and the
  names share a stem ('Barnevern' in 'Barneverntjenesten').

A school closed and another opened under the same kommunalsjef stays removed and added: other schools
deliver grunnskole too, and 'Alfa skole' and 'Gamma skole' share no stem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from orgmodel.diff.match_state import Matching
from orgmodel.diff.names import mark, numbers_differ, tokens
from orgmodel.graph import OrgGraph
from orgmodel.schema import Unit

_OWN_KEYS = (
    *("level", "kind", "leader", "staff", "budget", "role", "pilot", "committee", "authority_level"),
    *("status", "fte", "budget_nok", "responsibility", "target_group"),
)
_LIST_KEYS = ("decides", "delivers", "kommunedeler", "sites")
_STEM = 4  # a shared stem is at least this many letters ('Barnevern' and 'Barneverntjenesten')

Signature = tuple[Any, ...]


def signature(unit: Unit) -> Signature | None:
    """What a unit states besides its id, name, description and the units it names; None: too little.

    A unit that states neither staff nor a service has too little to be told by its structure.
    """
    if unit.staff is None and not unit.decides and not unit.delivers:
        return None
    own = tuple(getattr(unit, key) for key in _OWN_KEYS)
    return own + tuple(frozenset(getattr(unit, key)) for key in _LIST_KEYS)


class Twins:
    """The added units of one matching bucketed by (leader's unit, signature), built once."""

    def __init__(self, old: OrgGraph, new: OrgGraph, removed: Iterable[str], added: Iterable[str]) -> None:
        self.old, self.new = old, new
        self.added: dict[tuple[str | None, Signature], list[str]] = {}
        for a in added:
            sig = signature(new.units[a])
            if sig is not None:
                self.added.setdefault((new.units[a].parent, sig), []).append(a)
        self.removed: Counter[tuple[str | None, Signature]] = Counter()
        if self.added:
            for r in removed:
                sig = signature(old.units[r])
                if sig is not None:
                    self.removed[(old.units[r].parent, sig)] += 1

    def twin(self, m: Matching, r: str, free: set[str]) -> str | None:
        """The added unit that is ``r`` by its structure (see the module), or None."""
        unit = self.old.units[r]
        sig = signature(unit) if self.added else None
        if sig is None or self.removed[(unit.parent, sig)] != 1:
            return None
        parents = m.equivalents(unit.parent) if unit.parent is not None else frozenset((None,))
        found = [a for p in parents for a in self.added.get((p, sig), ())]
        if len(found) != 1 or found[0] not in free:
            return None
        a = found[0]
        other = self.new.units[a]
        if numbers_differ(tokens(unit.name), tokens(other.name)) or not self._same_children(m, r, a):
            return None
        return a if self._only_one(r, a, unit) or _stem(unit, other) else None

    def _same_children(self, m: Matching, r: str, a: str) -> bool:
        kids = self.old.children[r]
        if len(kids) != len(self.new.children[a]):
            return False
        return all(m.old_to_new[k] in self.new.children[a] for k in kids if k in m.old_to_new)

    def _only_one(self, r: str, a: str, unit: Unit) -> bool:
        """Whether ``r`` alone decides or delivers one of its services in OLD, and ``a`` alone in NEW."""
        old, new = self.old, self.new
        decided = any(old.deciders.get(s) == [r] and new.deciders.get(s) == [a] for s in unit.decides)
        return decided or any(
            old.deliverers.get(s) == [r] and new.deliverers.get(s) == [a] for s in unit.delivers
        )


def _stem(unit: Unit, other: Unit) -> bool:
    """Whether the unit states its staff and a place or service, and the words only one name has share stems.

    'Barnevern' and 'Barneverntjenesten', 'Fjell skole' and 'Fjellhaug skole' do; 'Alfa skole' and
    'Gamma skole' do not (the word they share is no evidence: other schools have it too).
    """
    if unit.staff is None or not (unit.kommunedeler or unit.sites or unit.delivers or unit.decides):
        return False
    mine, theirs = _words(unit.name), _words(other.name)
    only_mine, only_theirs = mine - theirs, theirs - mine
    if not only_mine or not only_theirs:
        return bool(mine and theirs)  # one name holds the other ('Barnevern' in 'Barnevern Drammen')
    shorter, longer = sorted((only_mine, only_theirs), key=len)
    return all(any(a.startswith(b) or b.startswith(a) for b in longer) for a in shorter)


def _words(name: str) -> frozenset[str]:
    return frozenset(t for t in tokens(name) if len(t) >= _STEM and not mark(t))
