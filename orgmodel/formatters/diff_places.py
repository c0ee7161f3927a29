"""Where each row of the HTML diff stands, so that each column reads as its own model's tree.

A row holds a unit's OLD self beside its NEW self when both stand at the same place: under the
same row (the unit kept its leader, whatever else changed: name, id, level). A unit whose place
changed (moved to another leader, brought into or out of the organisation, merged into or split
off under another leader) gets two rows: at its old place its OLD self, with "moved to X" on the
empty right side, and at its new place its NEW self, with "moved here from Y" on the empty left
side; each links to the other. So the left column is the OLD tree and the right column the NEW
tree, every unit under its own leader: a tillitsvalgt who reads the left column alone reads the
organisation as it was (tour J: Drammen helsehus stood under Helsetjenester in "Before").

The rows follow the NEW tree (file order); an OLD unit on no row of its own (removed, or at a
place it left) is placed after its old previous sibling. Nothing here writes HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from orgmodel.i18n import _


@dataclass(frozen=True)
class Ghost:
    """What the empty side of a row says of the unit on its other side: where it went, or came from."""

    kind: str  # the colour class: moved, merged or split
    text: str
    target: str  # the key of the row it links to


@dataclass
class Node:
    """One row: the OLD unit, the NEW unit (either may be None) and the rows below it."""

    old: Any = None
    new: Any = None
    extra_old: list[Any] = field(default_factory=list)  # the other sources of a merge, while placing
    split_of: Any = None  # a part after the first of a split: the OLD unit it came from
    merged_into: Any = None  # a merge's further source: the NEW unit it continues as
    children: list[Node] = field(default_factory=list)
    changed: bool = False  # this row or a row below it changed
    went: Ghost | None = None  # beside an OLD unit that stands elsewhere in NEW
    came: Ghost | None = None  # beside a NEW unit that stood elsewhere in OLD

    @property
    def key(self) -> str:
        """The row's anchor: ``n-`` and the NEW id, else ``o-`` and the OLD id."""
        return f"n-{self.new.id}" if self.new is not None else f"o-{self.old.id}"

    def size(self) -> int:
        """How many rows this node and its subtree make."""
        return sum(1 for _node in walk([self]))

    def holds(self, oid: str) -> bool:
        """Whether this row shows the OLD unit ``oid`` on its left (itself, a merge's source, a split's)."""
        shown = (self.old, self.split_of, *self.extra_old)
        return any(unit is not None and unit.id == oid for unit in shown)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Every node below ``nodes``, depth first, in row order (no recursion: trees can be deep)."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def units(model: Any) -> dict[str, Any]:
    """A model's units by id (the first of a duplicated id), in file order."""
    found: dict[str, Any] = {}
    for unit in model.units if model is not None else ():
        found.setdefault(unit.id, unit)
    return found


class _Placer:
    """Builds the rows: pairs a unit's two selves where they stand at the same place, else not."""

    def __init__(self, old_model: Any, new_model: Any, matching: Any) -> None:
        self.old, self.new = units(old_model), units(new_model)
        self.nodes = {nid: Node(new=unit) for nid, unit in self.new.items()}
        self.placed: dict[str, Node] = {}  # OLD id -> the row showing it
        self.refused: dict[str, list[tuple[str, str]]] = {}  # OLD id -> (kind, NEW id) placed elsewhere
        self.claims = _claims(matching, self.old, self.nodes)
        self.where: dict[int, list[Node]] = {}  # id(node) -> the list of rows it stands in

    def _up(self, nid: str) -> Node | None:
        parent = self.new[nid].parent
        return self.nodes[parent] if parent in self.nodes and parent != nid else None

    def _old_parent(self, oid: str) -> str | None:
        parent = self.old[oid].parent
        return parent if parent in self.old and parent != oid else None

    def _in_place(self, oid: str, up: Node | None) -> bool:
        """Whether OLD ``oid`` stood where this NEW row stands: under the row of its old leader."""
        parent = self._old_parent(oid)
        return parent is None if up is None else parent is not None and up.holds(parent)

    def pair(self) -> None:
        """Each NEW row takes the OLD units it stands for that stood at its place, leaders first."""
        for nid in _top_down(self.new, self.nodes):
            node, up = self.nodes[nid], self._up(nid)
            for oid, kind in self.claims.get(nid, ()):
                if oid in self.placed and kind != "split":
                    continue
                if not self._in_place(oid, up):
                    self.refused.setdefault(oid, []).append((kind, nid))
                elif kind == "split" and oid in self.placed:
                    node.split_of = node.split_of or (self.old[oid] if node.old is None else None)
                elif node.old is None:
                    node.old, self.placed[oid] = self.old[oid], node
                else:
                    node.extra_old.append(self.old[oid])
                    self.placed[oid] = node

    def hang(self) -> list[Node]:
        """Each NEW row under its NEW leader's row; the top rows returned."""
        roots: list[Node] = []
        for nid, node in self.nodes.items():
            up = self._up(nid)
            siblings = up.children if up is not None else roots
            siblings.append(node)
            self.where[id(node)] = siblings
        return roots

    def place_rest(self, roots: list[Node]) -> None:
        """Each OLD unit on no row yet gets its own, under its old leader's row, after its old sibling."""
        kin: dict[str | None, list[str]] = {}
        pos: dict[str, int] = {}
        for oid in self.old:
            family = kin.setdefault(self._old_parent(oid), [])
            pos[oid] = len(family)
            family.append(oid)
        for oid in _top_down(self.old, self.old):
            if oid in self.placed:
                continue
            node = self.placed[oid] = Node(old=self.old[oid])
            parent = self._old_parent(oid)
            # under its old leader's row (placed before it, except in a personnel cycle)
            siblings = self.placed[parent].children if parent in self.placed else roots
            family, at = kin[parent], 0
            for i in range(pos[oid] - 1, -1, -1):  # after the nearest old sibling shown among them
                shown = self.placed.get(family[i])
                if shown is not None and self.where.get(id(shown)) is siblings:
                    at = _index(siblings, shown) + 1
                    break
            siblings.insert(at, node)
            self.where[id(node)] = siblings

    def continue_merges(self) -> None:
        """A merge's further source gets a row of its own after the merged unit's, with its old units.

        On the right it says ``↳`` and the merged unit: the units that were under the source stand
        under it on both sides, so the left column keeps them under their own old leader.
        """
        for node in [n for n in self.placed.values() if n.extra_old]:
            siblings, at = self.where[id(node)], _index(self.where[id(node)], node)
            for source in node.extra_old:
                row = self.placed[source.id] = Node(old=source, merged_into=node.new)
                came = [c for c in node.children if getattr(c.old or c.split_of, "parent", None) == source.id]
                moved = {id(c) for c in came}
                node.children = [c for c in node.children if id(c) not in moved]
                row.children = came
                at += 1
                siblings.insert(at, row)
                self.where[id(row)] = siblings
                self.where.update((id(c), came) for c in came)
            node.extra_old = []

    def row_of(self, oid: str) -> str:
        """The anchor of the row showing OLD ``oid`` (a merge's further source has a row of its own)."""
        node = self.placed[oid]
        extra = any(unit.id == oid for unit in node.extra_old)
        return f"o-{oid}" if extra else node.key

    def ghosts(self) -> None:
        """Each unit shown at one place only says, on its empty side, where its other self stands."""
        came: dict[str, list[tuple[str, str]]] = {}
        for oid, refusals in self.refused.items():
            for kind, nid in refusals:
                came.setdefault(nid, []).append((kind, oid))
            node = self.placed[oid]
            if node.old is not None and node.old.id == oid and node.new is None:
                node.went = self._went(oid, refusals)
        for nid, sources in came.items():
            node = self.nodes[nid]
            if node.old is None and node.split_of is None:
                node.came = self._came(nid, sources)

    def _along(self, oid: str, nid: str) -> bool:
        """Whether OLD ``oid`` and NEW ``nid`` stand under the same unit, which itself moved."""
        parent, up = self._old_parent(oid), self._up(nid)
        if parent is None or up is None:
            return False
        return any(o == parent for o, _k in self.claims.get(up.new.id, ()))

    def _went(self, oid: str, refusals: list[tuple[str, str]]) -> Ghost:
        kind, nid = refusals[0]
        target, up = f"n-{nid}", self._up(nid)
        if kind == "merged":
            return Ghost(kind, _("merged into {units}").format(units=self.new[nid].name), target)
        if kind == "split":
            parts = ", ".join(self.new[n].name for _k, n in refusals)
            return Ghost(kind, _("split into {units}").format(units=parts), target)
        if up is None:
            return Ghost(kind, _("left the organisation"), target)
        if self._along(oid, nid):  # not moved itself: it goes where its unit goes
            return Ghost("", _("moved with {unit}").format(unit=up.new.name), target)
        if self._old_parent(oid) is None:
            text = _("brought into the organisation under {unit}")
            return Ghost(kind, text.format(unit=up.new.name), target)
        return Ghost(kind, _("moved to {unit}").format(unit=up.new.name), target)

    def _came(self, nid: str, sources: list[tuple[str, str]]) -> Ghost:
        kind, oid = sources[0]
        target, parent = self.row_of(oid), self._old_parent(oid)
        if kind == "merged":
            names = ", ".join(self.old[o].name for _k, o in sources)
            return Ghost(kind, _("merged here from {units}").format(units=names), target)
        if kind == "split":
            return Ghost(kind, _("split off from {unit}").format(unit=self.old[oid].name), target)
        if parent is None:
            return Ghost(kind, _("was outside the organisation"), target)
        leader = self.old[parent].name
        if self._up(nid) is None:
            return Ghost(kind, _("was under {unit}").format(unit=leader), target)
        if self._along(oid, nid):
            return Ghost("", _("moved with {unit}").format(unit=leader), target)
        return Ghost(kind, _("moved here from {unit}").format(unit=leader), target)


def place(old_model: Any, new_model: Any, matching: Any) -> list[Node]:
    """The rows of one comparison, as a tree of nodes: every unit of both models on one row per side."""
    placer = _Placer(old_model, new_model, matching)
    placer.pair()
    roots = placer.hang()
    placer.place_rest(roots)
    placer.ghosts()
    placer.continue_merges()
    return _reachable(roots, list(placer.nodes.values()))


def _index(siblings: list[Node], node: Node) -> int:
    """Where ``node`` is among ``siblings``, by identity (Node's == would compare whole subtrees)."""
    return next(i for i in range(len(siblings) - 1, -1, -1) if siblings[i] is node)


def _claims(matching: Any, old: dict[str, Any], nodes: dict[str, Node]) -> dict[str, list[tuple[str, str]]]:
    """Per NEW id, the OLD units it stands for, in order: itself, a merge's sources, a split's source."""
    claims: dict[str, list[tuple[str, str]]] = {}
    if matching is None:
        return claims
    for nid, oid in matching.new_to_old.items():
        if nid in nodes and oid in old:
            claims.setdefault(nid, []).append((oid, "moved"))
    for sources, target in matching.merges:
        if target in nodes:
            claims.setdefault(target, []).extend((s, "merged") for s in sources if s in old)
    for source, parts in matching.splits:
        for part in parts:
            if part in nodes and source in old:
                claims.setdefault(part, []).append((source, "split"))
    return claims


def _top_down(units_: dict[str, Any], known: dict[str, Any]) -> list[str]:
    """The ids of ``units_``, every leader before the units under it (those in a cycle last)."""
    below: dict[str | None, list[str]] = {}
    for uid, unit in units_.items():
        parent = unit.parent if unit.parent in known and unit.parent != uid else None
        below.setdefault(parent, []).append(uid)
    order: list[str] = []
    stack = list(reversed(below.get(None, [])))
    while stack:
        uid = stack.pop()
        order.append(uid)
        stack.extend(reversed(below.get(uid, [])))
    reached = set(order)
    return order + [uid for uid in units_ if uid not in reached]


def _reachable(roots: list[Node], every: list[Node]) -> list[Node]:
    """The roots, then each node a personnel cycle keeps from them, as a root of its own.

    Every node ends up in exactly one children list or among the roots; a
    line back into a node already placed (the cycle) is cut.
    """
    seen: set[int] = set()

    def claim(start: list[Node]) -> None:
        seen.update(id(n) for n in start)
        stack = list(start)
        while stack:
            node = stack.pop()
            node.children = [c for c in node.children if id(c) not in seen]
            seen.update(id(c) for c in node.children)
            stack.extend(node.children)

    claim(roots)
    for node in every:
        if id(node) not in seen:
            roots.append(node)
            claim([node])
    return roots
