"""Pair the units of OLD with the units of NEW: by id, then by evidence when an id changed.

Exact ids match first (a dictionary lookup). The units left over on each side
are paired top-down, one depth of the OLD tree at a time, so a parent is
paired before its children are judged by it. Candidates come only from
buckets, never from comparing every removed unit with every added one:

- merges and splits: siblings (same matched parent) whose names (without their
  remarks in brackets) or kommunedeler are contained in one unit on the other
  side, or that extend its name ('Grunnskole 05' -> 'Grunnskole 05 A' and
  'Grunnskole 05 B'; ``diff.regroup``);
- same children: most of the old unit's children now sit under one new unit;
- same parent and a similar name (sharing at least one uncommon name token);
- the same name, when exactly one removed and one added unit carry it;
- the same structure under the same parent, when the evidence is strong (``diff.twins``: the only
  unit deciding or delivering a service, or stated staff and names that share a stem);
- the work carried on under the same parent (``diff.successors``: most of the services only the
  removed unit decided or delivered, or the sites only it worked at); two removed units whose work
  continues in one new unit merged into it.

Then ``regroup.kept_id_regrouped`` finds the splits and merges that keep one
of the ids (or that the name rules paired as a rename) by a name that grew,
and ``shared_people`` those told by people: siblings with related names
whose declared staff adds up to the unit they came from or went into;
``regroup_moved.moved_regrouped`` those whose new unit (or parts) sit under
another leader, on stronger evidence (names held, and places or staff).

Two unrelated units (different parent, dissimilar names, no shared children)
are never paired.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from orgmodel.diff.match_state import Matching
from orgmodel.diff.names import COMMON, SIMILAR, mark, normal, similarity, tokens
from orgmodel.diff.regroup import kept_id_regrouped, siblings_regrouped, tolerance
from orgmodel.diff.regroup_moved import moved_regrouped
from orgmodel.diff.successors import Successors
from orgmodel.diff.twins import Twins
from orgmodel.graph import OrgGraph
from orgmodel.schema import Unit

__all__ = ["SIMILAR", "Matching", "match_units", "normal", "shared_people", "similarity", "tokens"]


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
    m.removed = [uid for uid in removed if uid not in m.old_to_new and not m.regrouped(uid)]
    taken = {n for _, n in m.merges} | {n for _, ns in m.splits for n in ns}
    m.added = [uid for uid in new.units if uid not in m.new_to_old and uid not in taken]
    if m.added or m.removed:
        kept_id_regrouped(old, new, m)
        shared_people(old, new, m)
        moved_regrouped(old, new, m)
    return m


def _match_leftovers(old: OrgGraph, new: OrgGraph, m: Matching, removed: list[str], free: set[str]) -> None:
    added_tokens = {a: tokens(new.units[a].name) | tokens(a.replace("-", " ")) for a in free}
    frequency = Counter(t for toks in added_tokens.values() for t in toks)
    by_parent_token: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    by_name: dict[str, list[str]] = defaultdict(list)
    for a in sorted(free, key=new.index.__getitem__):
        for tok in added_tokens[a]:
            if frequency[tok] <= COMMON and not mark(tok):
                by_parent_token[(new.units[a].parent, tok)].append(a)
        by_name[normal(new.units[a].name)].append(a)
    removed_names = Counter(normal(old.units[r].name) for r in removed)
    unreachable = len(old.units) + 1
    twins = Twins(old, new, removed, free)
    successors = Successors(old, new)
    depth_groups: dict[int, list[str]] = defaultdict(list)
    for r in removed:
        depth_groups[old.depth.get(r, unreachable)].append(r)
    for depth in sorted(depth_groups):
        group = depth_groups[depth]
        siblings_regrouped(old, new, m, group, free, by_parent_token)
        successors.merge(m, [r for r in group if not m.regrouped(r)], free)
        pending = [r for r in group if not m.regrouped(r)]
        by_work: set[tuple[str, str]] = set()
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
            twin = twins.twin(m, r, free)
            if twin is not None:
                cands[twin] = max(cands.get(twin, 0.0), 2.2)
            heir = successors.successor(m, r, free)
            if heir is not None and heir not in cands:  # told by its work alone
                cands[heir] = 2.1
                by_work.add((r, heir))
            scored.extend((score, new.index[a], r, a) for a, score in cands.items())
        scored.sort(key=lambda item: (-item[0], old.index[item[2]], item[1]))
        for _, _, r, a in scored:
            if r not in m.old_to_new and a in free:
                m.pair(r, a)
                m.renamed.append((r, a))
                free.discard(a)
                if (r, a) in by_work:
                    m.successors[r] = a


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
    return frozenset(t for t in tokens(unit.name) if not mark(t))


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
            if len(bucket) <= COMMON:
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
        if len(kept) + len(parts) < 2 or abs(total - unit.staff) > tolerance(unit.staff):
            continue
        m.split(o, tuple(sorted([*kept, *parts], key=new.index.__getitem__)), kept=n)
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
        if len(kept) + len(sources) < 2 or abs(total - unit.staff) > tolerance(unit.staff):
            continue
        m.merge(tuple(sorted([*kept, *sources], key=old.index.__getitem__)), n, kept=o)
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
