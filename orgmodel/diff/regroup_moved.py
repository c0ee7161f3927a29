"""Merges and splits whose new unit (or parts) sit under another leader than the old ones did.

Tour J: 'Omsorgstjenester Konnerud' (80) and 'Omsorgstjenester Strømsø/Tangen' (90), under
Hjemmetjenester og institusjon, became 'Omsorgstjenester Konnerud og Strømsø/Tangen' (170, kd5 and
kd7) under Helsetjenester. ``diff.regroup`` looks for merges among siblings only, so this read as two
units removed and one added. Under another leader the evidence must be stronger than beside them:

- a merge: two or more removed siblings (one leader's units in OLD) whose names are each contained in
  one added unit's name, and whose kommunedeler are each contained in its kommunedeler, or whose
  stated staff adds up to its staff;
- a split, the mirror: one removed unit whose name is contained in each of two or more added units'
  names, and whose kommunedeler hold each part's, or whose stated staff the parts' adds up to.

Candidates come from buckets of uncommon name words, never from every pair of units. The merge row
then says where the merged unit reports (``diff.merges``).
"""

from __future__ import annotations

from collections import defaultdict

from orgmodel.diff.match_state import Matching
from orgmodel.diff.names import COMMON, mark, numbers_differ, tokens
from orgmodel.diff.regroup import tolerance
from orgmodel.graph import OrgGraph
from orgmodel.schema import Unit


def _words(unit: Unit) -> frozenset[str]:
    return frozenset(t for t in tokens(unit.name) if not mark(t))


def _inside(part: Unit, whole: Unit) -> bool:
    """Whether ``part``'s name is inside ``whole``'s (more words, marks agreeing)."""
    mine, theirs = tokens(part.name), tokens(whole.name)
    return bool(mine) and mine < theirs and not numbers_differ(mine, theirs)


def _evidence(whole: Unit, parts: list[Unit]) -> bool:
    """Places or people: each part's kommunedeler in the whole's, or the parts' staff adding up to it.

    A merge's whole is the merged unit and its parts the units merged; a split's, the reverse.
    Where every one of them states its staff, it must add up (as ``diff.regroup`` asks of siblings).
    """
    staffs = [p.staff for p in parts]
    stated = whole.staff is not None and all(s is not None for s in staffs)
    if stated and abs(sum(s or 0 for s in staffs) - (whole.staff or 0)) > tolerance(whole.staff or 0):
        return False
    places = frozenset(whole.kommunedeler)
    return stated or bool(
        places and all(p.kommunedeler and frozenset(p.kommunedeler) <= places for p in parts)
    )


Buckets = dict[str, list[str]]  # an uncommon name word -> the added units whose names have it


def _buckets(graph: OrgGraph, uids: list[str]) -> Buckets:
    out: dict[str, list[str]] = defaultdict(list)
    for uid in uids:
        for word in _words(graph.units[uid]):
            out[word].append(uid)
    return {word: found for word, found in out.items() if len(found) <= COMMON}


def moved_regrouped(old: OrgGraph, new: OrgGraph, m: Matching) -> None:
    """The merges and splits among the units still removed and added whose parents differ (the module)."""
    removed = [r for r in m.removed if not m.regrouped(r)]
    if not removed or not m.added:
        return
    added = _buckets(new, m.added)
    _merges(old, new, m, removed, added)
    removed = [r for r in m.removed if not m.regrouped(r)]
    _splits(old, new, m, removed, added)


def _merges(old: OrgGraph, new: OrgGraph, m: Matching, removed: list[str], added: Buckets) -> None:
    sources: dict[tuple[str, str | None], list[str]] = defaultdict(list)  # (added, OLD parent) -> removed
    for r in removed:
        unit = old.units[r]
        seen: set[str] = set()
        for word in _words(unit):
            for a in added.get(word, ()):
                if a not in seen and _inside(unit, new.units[a]):
                    seen.add(a)
                    sources[(a, unit.parent)].append(r)
    for (a, parent), found in sources.items():
        if a not in m.added or len(found) < 2 or any(m.regrouped(r) for r in found):
            continue
        if parent is not None and new.units[a].parent in m.equivalents(parent):
            continue  # under the same leader: diff.regroup judged it
        if _evidence(new.units[a], [old.units[r] for r in found]):
            m.merge(tuple(sorted(found, key=old.index.__getitem__)), a)
            m.added.remove(a)
            m.removed = [r for r in m.removed if r not in found]


def _splits(old: OrgGraph, new: OrgGraph, m: Matching, removed: list[str], added: Buckets) -> None:
    for r in removed:
        unit = old.units[r]
        parts: dict[str, None] = {}
        for word in _words(unit):
            for a in added.get(word, ()):
                if a in m.added and _inside(unit, new.units[a]):
                    parts[a] = None
        by_parent: dict[str | None, list[str]] = defaultdict(list)
        for a in parts:
            by_parent[new.units[a].parent].append(a)
        same = m.equivalents(unit.parent) if unit.parent is not None else frozenset()
        for leader, found in by_parent.items():
            if leader in same:
                continue  # under the same leader: diff.regroup judged it
            if len(found) >= 2 and _evidence(unit, [new.units[a] for a in found]):
                m.split(r, tuple(sorted(found, key=new.index.__getitem__)))
                m.removed.remove(r)
                m.added = [a for a in m.added if a not in found]
                break
