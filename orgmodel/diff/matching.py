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

Two unrelated units (different parent, dissimilar names, no shared children)
are never paired.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
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
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
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
