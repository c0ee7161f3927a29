"""Pair the units of OLD with the units of NEW: by id, then by evidence when an id changed.

Exact ids match first (a dictionary lookup). The units left over on each side
are paired top-down, one depth of the OLD tree at a time, so a parent is
paired before its children are judged by it. Candidates come only from
buckets, never from comparing every removed unit with every added one:

- merges and splits: siblings (same matched parent) whose name tokens or
  kommunedeler are contained in one unit on the other side;
- same children: most of the old unit's children now sit under one new unit;
- same parent and a similar name (sharing at least one uncommon name token);
- the same name, when exactly one removed and one added unit carry it.

Then ``shared_people`` finds the splits and merges that keep one of the ids
(or that the name rules paired as a rename): siblings with related names
whose declared staff adds up to the unit they came from or went into.

Two unrelated units (different parent, dissimilar names, no shared children)
are never paired.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from orgmodel.graph import OrgGraph
from orgmodel.schema import Unit

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "è": "e", "ä": "a", "ö": "o", "ü": "u"})
_STOP = frozenset({"og", "i", "for", "av", "til", "med", "pa", "the", "of", "and", "ikke", "angitt", "navn"})
_COMMON = 50  # a token carried by more added units than this is no evidence of identity
SIMILAR = 0.7


def tokens(text: str) -> frozenset[str]:
    """The normalised words of a name (lower case, æøå folded, small words dropped)."""
    words = re.findall(r"[a-z0-9]+", text.lower().translate(_FOLD))
    return frozenset(w for w in words if w not in _STOP and len(w) > 1)


def normal(text: str) -> str:
    """A name folded for comparison."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().translate(_FOLD)))


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1.

    1.0 when one name's words are all in the other ("Kultur" and "Kultur og
    frivillighet"), else difflib's ratio on the folded names; 0.0 when both
    carry numbers and the numbers differ ("Grunnskole 05" is not "Grunnskole 06").
    """
    ta, tb = tokens(a), tokens(b)
    da, db = {t for t in ta if t.isdigit()}, {t for t in tb if t.isdigit()}
    if da and db and da != db:
        return 0.0
    wa, wb = ta - da, tb - db
    if wa and wb and (wa <= wb or wb <= wa):
        return 1.0
    return difflib.SequenceMatcher(None, normal(a), normal(b), autojunk=False).ratio()


@dataclass
class Matching:
    """How OLD's unit ids correspond to NEW's."""

    old_to_new: dict[str, str] = field(default_factory=dict)
    new_to_old: dict[str, str] = field(default_factory=dict)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    merges: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    splits: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # a split part or merge target that kept the old id keeps its leader and people
    split_kept: dict[str, str] = field(default_factory=dict)  # OLD id -> that part
    merge_kept: dict[str, str] = field(default_factory=dict)  # NEW id -> that source
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    # per collection (kommunedeler, sites, services, personas): OLD id -> NEW id (diff.renames)
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    _equiv: dict[str, frozenset[str]] = field(default_factory=dict)
    _known: frozenset[str] = frozenset()

    def pair(self, old: str, new: str) -> None:
        """Record that ``old`` and ``new`` are the same unit."""
        self.old_to_new[old] = new
        self.new_to_old[new] = old

    def equivalents(self, old: str | None) -> frozenset[str]:
        """The NEW ids an OLD id stands for (one when matched, several after a split)."""
        if old is None:
            return frozenset()
        if old in self.old_to_new:
            return frozenset((self.old_to_new[old],))
        if old not in self._known:
            return frozenset((old,))  # a reference to no unit stands for itself
        return self._equiv.get(old, frozenset())

    def mapped(self, old: str) -> str:
        """The NEW id of an OLD id when it has exactly one, else the OLD id itself."""
        found = self.equivalents(old)
        return next(iter(found)) if len(found) == 1 else old


def _kd(unit: Unit) -> frozenset[str]:
    return frozenset(unit.kommunedeler)


def match_units(old: OrgGraph, new: OrgGraph) -> Matching:
    """Pair the units of two models (see the module documentation)."""
    m = Matching(_known=frozenset(old.units))
    for uid in old.units:
        if uid in new.units:
            m.pair(uid, uid)
    removed = [uid for uid in old.units if uid not in new.units]
    free_new = {uid for uid in new.units if uid not in old.units}
    if removed and free_new:
        _match_leftovers(old, new, m, removed, free_new)
    m.removed = [uid for uid in removed if uid not in m.old_to_new and uid not in m._equiv]
    taken = {n for _, n in m.merges} | {n for _, ns in m.splits for n in ns}
    m.added = [uid for uid in new.units if uid not in m.new_to_old and uid not in taken]
    if m.added or m.removed:
        shared_people(old, new, m)
    return m


def _match_leftovers(old: OrgGraph, new: OrgGraph, m: Matching, removed: list[str], free: set[str]) -> None:
    added_tokens = {a: tokens(new.units[a].name) | tokens(a.replace("-", " ")) for a in free}
    frequency = Counter(t for toks in added_tokens.values() for t in toks)
    by_parent_token: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    by_name: dict[str, list[str]] = defaultdict(list)
    for a in sorted(free, key=new.index.__getitem__):
        for tok in added_tokens[a]:
            if frequency[tok] <= _COMMON and not tok.isdigit():
                by_parent_token[(new.units[a].parent, tok)].append(a)
        by_name[normal(new.units[a].name)].append(a)
    removed_names = Counter(normal(old.units[r].name) for r in removed)
    unreachable = len(old.units) + 1
    depth_groups: dict[int, list[str]] = defaultdict(list)
    for r in removed:
        depth_groups[old.depth.get(r, unreachable)].append(r)
    for depth in sorted(depth_groups):
        group = depth_groups[depth]
        _merges_and_splits(old, new, m, group, free, by_parent_token)
        pending = [r for r in group if r not in m._equiv]
        scored: list[tuple[float, int, str, str]] = []
        for r in pending:
            unit = old.units[r]
            parents = m.equivalents(unit.parent) if unit.parent is not None else frozenset((None,))
            cands: dict[str, float] = {}
            kids = [m.old_to_new[c] for c in old.children[r] if c in m.old_to_new]
            if kids:
                where = Counter(new.units[k].parent for k in kids)
                for p, n in where.items():
                    if p in free and 2 * n >= len(old.children[r]) and 2 * n >= len(new.children[p]):
                        cands[p] = max(cands.get(p, 0.0), 3.0 + n / len(old.children[r]))
            for tok in tokens(unit.name) | tokens(r.replace("-", " ")):
                for parent in parents:
                    for a in by_parent_token.get((parent, tok), ()):
                        if a in free and a not in cands:
                            sim = similarity(unit.name, new.units[a].name)
                            if sim >= SIMILAR:
                                cands[a] = 1.0 + sim
            name = normal(unit.name)
            same = by_name.get(name, [])
            if removed_names[name] == 1 and len(same) == 1 and same[0] in free:
                cands[same[0]] = max(cands.get(same[0], 0.0), 2.5)
            scored.extend((score, new.index[a], r, a) for a, score in cands.items())
        scored.sort(key=lambda item: (-item[0], old.index[item[2]], item[1]))
        for _, _, r, a in scored:
            if r not in m.old_to_new and a in free:
                m.pair(r, a)
                m.renamed.append((r, a))
                free.discard(a)


def _merges_and_splits(
    old: OrgGraph,
    new: OrgGraph,
    m: Matching,
    group: list[str],
    free: set[str],
    by_parent_token: dict[tuple[str | None, str], list[str]],
) -> None:
    into: dict[str, list[str]] = defaultdict(list)
    for r in group:
        unit = old.units[r]
        own = tokens(unit.name)
        parents: frozenset[str | None] = (
            frozenset(m.equivalents(unit.parent)) if unit.parent is not None else frozenset((None,))
        )
        seen: set[str] = set()
        parts: list[str] = []
        for tok in own:
            for parent in parents:
                for a in by_parent_token.get((parent, tok), ()):
                    if a in seen or a not in free:
                        continue
                    seen.add(a)
                    other = new.units[a]
                    theirs = tokens(other.name)
                    if own < theirs or (_kd(unit) and _kd(unit) < _kd(other)):
                        into[a].append(r)
                    elif theirs < own or (_kd(other) and _kd(other) < _kd(unit)):
                        parts.append(a)
        if len(parts) >= 2 and r not in m._equiv:
            ordered = tuple(sorted(parts, key=new.index.__getitem__))
            m.splits.append((r, ordered))
            m._equiv[r] = frozenset(ordered)
            free.difference_update(ordered)
    for a in sorted(into, key=new.index.__getitem__):
        sources = [r for r in dict.fromkeys(into[a]) if r not in m._equiv]
        if len(sources) >= 2 and a in free:
            m.merges.append((tuple(sources), a))
            for r in sources:
                m._equiv[r] = frozenset((a,))
            free.discard(a)


def _tolerance(staff: int) -> int:
    """How far the parts' staff may be from the whole: two people or a fifth, whichever is more."""
    return max(2, staff // 5)


def _related(a: Unit, b: Unit) -> bool:
    return similarity(a.name, b.name) >= SIMILAR


def shared_people(old: OrgGraph, new: OrgGraph, m: Matching) -> None:
    """Splits and merges recognised by people: one unit's staff shared among related siblings.

    A split: a unit of OLD (matched to a unit of NEW, or removed) and units
    added beside it under the same parent, with related names, whose staff
    (the matched unit's included) adds up to the old unit's. A merge is the
    reverse. Only units that declare ``staff`` are judged this way; the
    pair that one id kept is dissolved into the split or merge, so it is
    reported once. Candidates come from buckets of (parent, uncommon name
    word), as in the rest of the matching, so the work stays linear.
    """
    free_added = {a for a in m.added if new.units[a].staff is not None}
    if free_added:
        added = _buckets(new, free_added, lambda uid: new.units[uid].parent)
        _staff_splits(old, new, m, added, free_added)
        m.added = [a for a in m.added if a in free_added or new.units[a].staff is None]
    free_removed = {r for r in m.removed if old.units[r].staff is not None}
    if free_removed:
        removed = _buckets(old, free_removed, lambda uid: old.units[uid].parent)
        _staff_merges(old, new, m, removed, free_removed)
        m.removed = [r for r in m.removed if r in free_removed or old.units[r].staff is None]


Buckets = dict[tuple[str | None, str], list[str]]


def _words(unit: Unit) -> frozenset[str]:
    return frozenset(t for t in tokens(unit.name) if not t.isdigit())


def _buckets(graph: OrgGraph, uids: set[str], parent: Callable[[str], str | None]) -> Buckets:
    out: Buckets = defaultdict(list)
    for uid in sorted(uids, key=graph.index.__getitem__):
        for word in _words(graph.units[uid]):
            out[(parent(uid), word)].append(uid)
    return out


def _siblings(buckets: Buckets, parents: Iterable[str | None], unit: Unit, free: set[str]) -> list[str]:
    """Free units under one of ``parents`` that share an uncommon name word with ``unit``."""
    found: dict[str, None] = {}
    for parent in parents:
        for word in _words(unit):
            bucket = buckets.get((parent, word), [])
            if len(bucket) <= _COMMON:
                found.update(dict.fromkeys(u for u in bucket if u in free))
    return list(found)


def _staff_splits(old: OrgGraph, new: OrgGraph, m: Matching, added: Buckets, free: set[str]) -> None:
    beside = {parent for parent, _ in added}
    whole: list[tuple[str, str | None]] = [*m.old_to_new.items(), *((r, None) for r in m.removed)]
    new_units = set(m.added)
    for o, n in whole:
        unit = old.units[o]
        parents = frozenset((new.units[n].parent,)) if n is not None else _under(new, m, unit, new_units)
        if unit.staff is None or not beside.intersection(parents):
            continue  # the common case: nothing was added beside it
        if n is not None and (
            new.units[n].parent not in m.equivalents(unit.parent) or not _kept_part(unit, new.units[n])
        ):
            continue  # the kept part moved, grew or is unrelated: not a split
        parts = [a for a in _siblings(added, parents, unit, free) if _related(unit, new.units[a])]
        kept = [n] if n is not None else []
        total = sum(new.units[a].staff or 0 for a in [*kept, *parts])
        if len(kept) + len(parts) < 2 or abs(total - unit.staff) > _tolerance(unit.staff):
            continue
        ordered = tuple(sorted([*kept, *parts], key=new.index.__getitem__))
        _dissolve(m, o, n)
        m.splits.append((o, ordered))
        if n == o:
            m.split_kept[o] = n  # that part keeps the old unit's leader and people
        m._equiv[o] = frozenset(ordered)
        free.difference_update(parts)
        if n is None:
            m.removed.remove(o)


def _under(new: OrgGraph, m: Matching, unit: Unit, new_units: set[str]) -> frozenset[str | None]:
    """Where a removed unit's parts may be: under its leader's unit, or a unit added right under it.

    A school split as a skoleområde is added between the kommunalsjef and its schools has its parts
    under the new skoleområde.
    """
    parents = m.equivalents(unit.parent)
    between = {c for p in parents if p is not None for c in new.children.get(p, ()) if c in new_units}
    return parents | frozenset(between)


def _staff_merges(old: OrgGraph, new: OrgGraph, m: Matching, removed: Buckets, free: set[str]) -> None:
    beside = {parent for parent, _ in removed}
    whole: list[tuple[str | None, str]] = [
        *((o, n) for n, o in m.new_to_old.items()),
        *((None, a) for a in m.added),
    ]
    for o, n in whole:
        unit = new.units[n]
        parent = unit.parent
        old_parent = m.new_to_old.get(parent, parent) if parent is not None else None
        if unit.staff is None or old_parent not in beside:
            continue  # the common case: nothing was removed beside it
        if o is not None and (old.units[o].parent != old_parent or not _kept_part(unit, old.units[o])):
            continue
        sources = [r for r in _siblings(removed, (old_parent,), unit, free) if _related(old.units[r], unit)]
        kept = [o] if o is not None else []
        total = sum(old.units[r].staff or 0 for r in [*kept, *sources])
        if len(kept) + len(sources) < 2 or abs(total - unit.staff) > _tolerance(unit.staff):
            continue
        ordered = tuple(sorted([*kept, *sources], key=old.index.__getitem__))
        _dissolve(m, o, n)
        m.merges.append((ordered, n))
        if o == n:
            m.merge_kept[n] = o  # that source's leader and people stay
        for r in ordered:
            m._equiv[r] = frozenset((n,))
        free.difference_update(sources)
        if o is None:
            m.added.remove(n)


def _kept_part(whole: Unit, part: Unit) -> bool:
    """Whether ``part`` may be the piece of ``whole`` that kept its id: fewer staff, a related name."""
    return (
        part.staff is not None
        and whole.staff is not None
        and part.staff < whole.staff
        and _related(whole, part)
    )


def _dissolve(m: Matching, o: str | None, n: str | None) -> None:
    """Forget the pairing of ``o`` and ``n`` (it becomes part of a split or merge)."""
    if o is None or n is None:
        return
    m.old_to_new.pop(o, None)
    m.new_to_old.pop(n, None)
    if (o, n) in m.renamed:
        m.renamed.remove((o, n))
