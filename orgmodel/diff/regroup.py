"""Merges and splits told by names and kommunedeler, before and after the ids are paired.

Siblings (units under the same matched parent) are judged, never every removed unit against every
added one. By names without their remarks (``diff.names``):

- a split: one removed unit whose name or kommunedeler hold two or more added siblings
  ('Bragernes/Øren' -> 'Bragernes' and 'Øren'), or whose name two or more added siblings extend
  ('Grunnskole 05' -> 'Grunnskole 05 A' and 'Grunnskole 05 B');
- a merge: one added unit whose name or kommunedeler hold two or more removed siblings
  ('Gulskogen' and 'Danvik/Fjell' -> 'Gulskogen og Danvik/Fjell'), or whose plain name two or more
  removed siblings extend ('Rus og psykisk helse, område 1' and '... område 2' -> 'Rus og psykisk
  helse');
- with one id kept: a unit that keeps its id (or was paired as renamed) under the same parent and
  grows its name, either by the name of a removed sibling ('Strømsø/Tangen' absorbs 'Øren' ->
  'Strømsø/Tangen og Øren': a merge) or beside an added sibling that extends its old name as well
  ('Grunnskole 05' -> 'Grunnskole 05 A', with 'Grunnskole 05 B' added: a split).

Where every unit involved states ``staff``, the parts must add up to the whole (two people or a
fifth off at most), so a rename beside an unrelated new unit of another size is no split.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from orgmodel.diff.match_state import Matching
from orgmodel.diff.names import numbers_differ, tokens
from orgmodel.graph import OrgGraph
from orgmodel.schema import Unit

Buckets = dict[tuple[str | None, str], list[str]]


def tolerance(staff: int) -> int:
    """How far the parts' staff may be from the whole: two people or a fifth, whichever is more."""
    return max(2, staff // 5)


def adds_up(whole: Unit, parts: Iterable[Unit]) -> bool:
    """Whether the parts' declared staff is the whole's (true when any of them states none)."""
    staffs = [p.staff for p in parts]
    if whole.staff is None or any(s is None for s in staffs):
        return True
    return abs(sum(s or 0 for s in staffs) - whole.staff) <= tolerance(whole.staff)


def _kd(unit: Unit) -> frozenset[str]:
    return frozenset(unit.kommunedeler)


class _Relations:
    """How the removed units of one depth relate by name to the added units beside them."""

    def __init__(self) -> None:
        self.holds: dict[str, list[str]] = defaultdict(list)  # removed -> added inside it
        self.extended: dict[str, list[str]] = defaultdict(list)  # removed -> added extending its name
        self.into: dict[str, list[str]] = defaultdict(list)  # added -> removed inside it
        self.plain: dict[str, list[str]] = defaultdict(list)  # added -> removed extending its name

    def judge(self, r: str, unit: Unit, a: str, other: Unit) -> None:
        own, theirs = tokens(unit.name), tokens(other.name)
        named = not numbers_differ(own, theirs)
        if (named and own < theirs) or (_kd(unit) and _kd(unit) < _kd(other)):
            self.into[a].append(r)
        elif (named and theirs < own) or (_kd(other) and _kd(other) < _kd(unit)):
            self.holds[r].append(a)
        if named and own <= theirs:
            self.extended[r].append(a)
        if named and theirs <= own:
            self.plain[a].append(r)


def siblings_regrouped(
    old: OrgGraph, new: OrgGraph, m: Matching, group: list[str], free: set[str], by_parent_token: Buckets
) -> None:
    """The merges and splits among one depth's removed units and the added units beside them."""
    rel = _Relations()
    for r in group:
        unit = old.units[r]
        parents = m.equivalents(unit.parent) if unit.parent is not None else frozenset((None,))
        seen: set[str] = set()
        for tok in tokens(unit.name):
            for parent in parents:
                for a in by_parent_token.get((parent, tok), ()):
                    if a not in seen and a in free:
                        seen.add(a)
                        rel.judge(r, unit, a, new.units[a])
    for r in group:  # 'Bragernes/Øren' -> 'Bragernes' and 'Øren'
        parts = [a for a in dict.fromkeys(rel.holds[r]) if a in free]
        if len(parts) >= 2 and not m.regrouped(r):
            _split(new, m, r, parts, free)
    for a in sorted(rel.into, key=new.index.__getitem__):  # 'Gulskogen' and 'Fjell' -> 'Gulskogen og Fjell'
        _merge(old, m, [r for r in dict.fromkeys(rel.into[a]) if not m.regrouped(r)], a, free)
    for r in group:  # 'Grunnskole 05' -> 'Grunnskole 05 A' and 'Grunnskole 05 B'
        parts = [a for a in dict.fromkeys(rel.extended[r]) if a in free]
        if len(parts) >= 2 and not m.regrouped(r) and adds_up(old.units[r], (new.units[a] for a in parts)):
            _split(new, m, r, parts, free)
    for a in sorted(rel.plain, key=new.index.__getitem__):  # 'Rus, område 1' and '..., område 2' -> 'Rus'
        sources = [r for r in dict.fromkeys(rel.plain[a]) if not m.regrouped(r)]
        if adds_up(new.units[a], (old.units[r] for r in sources)):
            _merge(old, m, sources, a, free)


def _split(new: OrgGraph, m: Matching, source: str, parts: list[str], free: set[str]) -> None:
    ordered = tuple(sorted(parts, key=new.index.__getitem__))
    m.split(source, ordered)
    free.difference_update(ordered)


def _merge(old: OrgGraph, m: Matching, sources: list[str], target: str, free: set[str]) -> None:
    if len(sources) >= 2 and target in free:
        m.merge(tuple(sorted(sources, key=old.index.__getitem__)), target)
        free.discard(target)


def kept_id_regrouped(old: OrgGraph, new: OrgGraph, m: Matching) -> None:
    """Merges and splits in which one unit kept its pairing and grew its name (see the module)."""
    removed = _by_parent(old, (r for r in m.removed if not m.regrouped(r)))
    added = _by_parent(new, m.added)
    if not removed and not added:
        return
    for o, n in list(m.old_to_new.items()):
        was, now = old.units[o], new.units[n]
        if was.name == now.name or (was.parent not in removed and now.parent not in added):
            continue  # the common case: a unit that kept its name, or nothing removed or added beside it
        before, after = tokens(was.name), tokens(now.name)
        if not before < after or numbers_differ(before, after) or now.parent not in m.equivalents(was.parent):
            continue
        joined = [
            r for r in removed.get(was.parent, ()) if _absorbed(tokens(old.units[r].name), before, after)
        ]
        if joined and adds_up(now, (old.units[s] for s in [o, *joined])):
            m.merge(tuple(sorted([o, *joined], key=old.index.__getitem__)), n, kept=o)
            removed[was.parent] = [r for r in removed[was.parent] if r not in joined]
            m.removed = [r for r in m.removed if r not in joined]
            continue
        parts = [a for a in added.get(now.parent, ()) if _beside(tokens(new.units[a].name), before, after)]
        if parts and adds_up(was, (new.units[p] for p in [n, *parts])):
            m.split(o, tuple(sorted([n, *parts], key=new.index.__getitem__)), kept=n)
            added[now.parent] = [a for a in added[now.parent] if a not in parts]
            m.added = [a for a in m.added if a not in parts]


def _absorbed(theirs: frozenset[str], before: frozenset[str], after: frozenset[str]) -> bool:
    """Whether a removed sibling's name is what a kept unit's name grew by ('Øren' in '... og Øren')."""
    return theirs <= after and not theirs <= before and not numbers_differ(theirs, after)


def _beside(theirs: frozenset[str], before: frozenset[str], after: frozenset[str]) -> bool:
    """Whether an added sibling extends a kept unit's old name in another way ('05 B' beside '05 A')."""
    return before < theirs and theirs != after and not numbers_differ(before, theirs)


def _by_parent(graph: OrgGraph, uids: Iterable[str]) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = defaultdict(list)
    for uid in uids:
        out[graph.units[uid].parent].append(uid)
    return out
