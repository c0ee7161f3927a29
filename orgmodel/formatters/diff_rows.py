"""Before and after as one list of rows: each row is one matched unit, its OLD self beside its NEW self.

The rows follow the NEW tree (file order), so a unit that moved, was
renamed or merged sits on one row with what it was; a removed unit sits
where it stood in OLD, after its old previous sibling. A merge is one row
per source, the target beside the first; a split is one row per part, the
source beside the first. Every unit of both models is on some row.

Each node knows whether anything changed in its subtree, so the HTML can
collapse the runs of unchanged branches. Nothing here writes HTML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from orgmodel.diff.kinds import KINDS, Change
from orgmodel.diff.result import DiffResult
from orgmodel.i18n import _

# The colour classes, one per kind of change, in the order a unit with several shows the first.
CLASSES = ("added", "removed", "merged", "split", "moved", "renamed", "changed")
_UNIT_KINDS = (
    *("unit-", "professional-", "leader-", "staff-", "budget-"),
    *("role-", "span-", "supervision-", "pilot-", "authority-level-", "target-group-"),
)


@dataclass
class Node:
    """One row: the OLD unit, the NEW unit (either may be None) and the rows below it."""

    old: Any = None
    new: Any = None
    extra_old: list[Any] = field(default_factory=list)  # the other sources of a merge, one row each
    split_of: Any = None  # a part after the first of a split: the OLD unit it came from
    children: list[Node] = field(default_factory=list)
    changed: bool = False  # this row or a row below it changed

    @property
    def key(self) -> str:
        """The row's anchor: ``n-`` and the NEW id, else ``o-`` and the OLD id."""
        return f"n-{self.new.id}" if self.new is not None else f"o-{self.old.id}"

    def size(self) -> int:
        """How many rows this node and its subtree make."""
        return sum(1 + len(n.extra_old) for n in walk([self]))


@dataclass(frozen=True)
class Label:
    """What changed, said on a unit's cell, and the change list item it links to."""

    text: str
    change: int  # index into DiffResult.changes


@dataclass
class Rows:
    """The aligned tree and, per side and unit id, its colour class and labels."""

    roots: list[Node]
    old_class: dict[str, str]
    new_class: dict[str, str]
    old_labels: dict[str, list[Label]]
    new_labels: dict[str, list[Label]]
    # every colour class a unit's changes call for (its colour is the first of them, ``CLASSES``' order)
    old_marks: dict[str, set[str]] = field(default_factory=dict)
    new_marks: dict[str, set[str]] = field(default_factory=dict)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Every node below ``nodes``, depth first, in row order (no recursion: trees can be deep)."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def walk_depth(nodes: list[Node], depth: int = 0) -> Iterator[tuple[Node, int]]:
    """Every node below ``nodes`` with its depth, in row order."""
    stack = [(n, depth) for n in reversed(nodes)]
    while stack:
        node, d = stack.pop()
        yield node, d
        stack.extend((c, d + 1) for c in reversed(node.children))


def build_rows(result: DiffResult) -> Rows:
    """The rows of one file's comparison, with the marks and labels of its changes."""
    old_marks, new_marks = _classes(result)
    old_class, new_class = _pick(old_marks), _pick(new_marks)
    if result.old_model is None:  # a model file only in NEW: every unit is new
        new_class = dict.fromkeys(_units(result.new_model), "added")
    if result.new_model is None:  # a model file only in OLD: every unit is gone
        old_class = dict.fromkeys(_units(result.old_model), "removed")
    old_labels, new_labels = _labels(result)
    roots = _tree(result)
    marked = set(old_class) | set(old_labels)
    marked_new = set(new_class) | set(new_labels)
    for node in reversed(list(walk(roots))):  # children before their parent
        own = (node.new is not None and node.new.id in marked_new) or any(
            u is not None and u.id in marked for u in (node.old, node.split_of, *node.extra_old)
        )
        node.changed = own or any(c.changed for c in node.children)
    return Rows(roots, old_class, new_class, old_labels, new_labels, dict(old_marks), dict(new_marks))


def _units(model: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for unit in model.units if model is not None else ():
        found.setdefault(unit.id, unit)
    return found


def _tree(result: DiffResult) -> list[Node]:
    old, new = _units(result.old_model), _units(result.new_model)
    m = result.matching
    nodes: dict[str, Node] = {nid: Node(new=unit) for nid, unit in new.items()}
    placed: dict[str, Node] = {}  # OLD id -> the node it is shown on
    if m is not None:
        for nid, oid in m.new_to_old.items():
            if nid in nodes and oid in old:
                nodes[nid].old = old[oid]
                placed[oid] = nodes[nid]
        for sources, target in m.merges:
            node = nodes[target]
            rest = [s for s in sources if s in old and s not in placed]
            if node.old is None and rest:
                node.old = old[rest.pop(0)]
            node.extra_old.extend(old[s] for s in rest)
            for source in sources:
                placed.setdefault(source, node)
        for source, parts in m.splits:
            for part in parts:
                node = nodes[part]
                if node.old is None and source not in placed:
                    node.old = old[source]
                    placed[source] = node
                elif node.old is None:
                    node.split_of = old[source]
    roots: list[Node] = []
    for nid, node in nodes.items():
        parent = new[nid].parent
        (nodes[parent].children if parent in nodes and parent != nid else roots).append(node)
    _place_removed(old, placed, roots)
    return _reachable(roots, list(nodes.values()))


def _place_removed(old: dict[str, Any], placed: dict[str, Node], roots: list[Node]) -> None:
    """Each OLD unit on no row yet gets its own row, after its old previous sibling."""
    previous: dict[str, str | None] = {}
    last: dict[str | None, str] = {}
    for oid, unit in old.items():
        previous[oid] = last.get(unit.parent)
        last[unit.parent] = oid
    for oid, unit in old.items():
        if oid in placed:
            continue
        node = Node(old=unit)
        placed[oid] = node
        parent = placed.get(unit.parent) if unit.parent is not None else None
        siblings = parent.children if parent is not None and parent is not node else roots
        before = placed.get(previous[oid] or "")
        at = next((i + 1 for i, s in enumerate(siblings) if s is before), 0) if before else 0
        siblings.insert(at, node)


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


def _classes(result: DiffResult) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The colour classes each unit's changes call for, on the OLD and on the NEW side."""
    old: dict[str, set[str]] = defaultdict(set)
    new: dict[str, set[str]] = defaultdict(set)
    m = result.matching
    for change in result.changes:
        uid = change.unit
        if uid is None or not change.kind.startswith(_UNIT_KINDS):
            continue
        if change.kind == "unit-removed":
            old[uid].add("removed")
        elif change.kind == "unit-added":
            new[uid].add("added")
        elif change.kind in ("unit-merged", "unit-split"):
            cls = "merged" if change.kind == "unit-merged" else "split"
            for source in _ids(change.before):
                old[source].add(cls)
            for target in _ids(change.after):
                new[target].add(cls)
        else:
            cls = {"unit-moved": "moved", "unit-renamed": "renamed"}.get(change.kind, "changed")
            new[uid].add(cls)
            if m is not None and uid in m.new_to_old:
                old[m.new_to_old[uid]].add(cls)
    return old, new


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value or [] if isinstance(v, str)]


def _pick(marks: dict[str, set[str]]) -> dict[str, str]:
    return {uid: next(c for c in CLASSES if c in classes) for uid, classes in marks.items()}


def _labels(result: DiffResult) -> tuple[dict[str, list[Label]], dict[str, list[Label]]]:
    """Per side and unit id, what changed in words, each linked to its change."""
    old_units, new_units = _units(result.old_model), _units(result.new_model)
    old: dict[str, list[Label]] = defaultdict(list)
    new: dict[str, list[Label]] = defaultdict(list)
    for index, change in enumerate(result.changes):
        uid = change.unit
        if change.kind in ("unit-merged", "unit-split"):
            sources, targets = _ids(change.before), _ids(change.after)
            into = _names(targets, new_units)
            came = _names(sources, old_units)
            merged = change.kind == "unit-merged"
            for source in sources:
                text = _("merged into {units}") if merged else _("split into {units}")
                old[source].append(Label(text.format(units=into), index))
            for target in targets:
                text = _("merged from {units}") if merged else _("split from {units}")
                new[target].append(Label(text.format(units=came), index))
        elif uid is not None and change.kind == "unit-removed" and uid in old_units:
            old[uid].append(Label(_("removed"), index))
        elif uid is not None and uid in new_units and _about_unit(change):
            new[uid].append(Label(_label(change, old_units, new_units), index))
        elif uid is not None and uid in old_units and change.kind.startswith("finding-"):
            old[uid].append(Label(_label(change, old_units, new_units), index))
    return old, new


def _about_unit(change: Change) -> bool:
    return change.kind.startswith(_UNIT_KINDS) or change.kind.startswith("finding-")


def _names(ids: list[str], units: dict[str, Any]) -> str:
    return ", ".join(units[i].name if i in units else i for i in ids)


def _value(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    return str(value)


def _label(change: Change, old: dict[str, Any], new: dict[str, Any]) -> str:
    """A few words on what one change did to its unit."""
    kind, before, after = change.kind, change.before, change.after
    if kind == "unit-added":
        return _("added")
    if kind == "unit-renamed" and isinstance(before, dict) and isinstance(after, dict):
        if before.get("name") != after.get("name"):
            return _("renamed from '{name}'").format(name=before.get("name"))
        return _("new id (was {id})").format(id=before.get("id"))
    if kind == "unit-moved":
        if before is None:  # it was outside the organisation (an IKS) or its top
            return _("came into the organisation")
        if after is None:  # it is outside now (an IKS of its own), as the list of changes says
            return _("left the organisation")
        parent = old[before].name if isinstance(before, str) and before in old else _value(before)
        return _("moved from {parent}").format(parent=parent)
    if kind == "unit-relevelled" and isinstance(before, dict) and isinstance(after, dict):
        return _("level {before} → {after}").format(before=before.get("level"), after=after.get("level"))
    if kind.startswith("professional-line-"):
        target = new.get(after) or old.get(before)
        name = target.name if target is not None else _value(after if before is None else before)
        added = kind == "professional-line-added"
        text = _("new professional line to {unit}") if added else _("no professional line to {unit}")
        return text.format(unit=name)
    if kind.startswith("finding-"):
        code = change.id.split(":")[1] if change.id.count(":") >= 1 else "?"
        return {
            "finding-new": _("new finding {code}"),
            "finding-resolved": _("finding {code} resolved"),
            "finding-changed": _("finding {code} changed"),
            "finding-suppressed": _("finding {code} suppressed"),
        }[kind].format(code=code)
    words = {
        "leader-changed": _("leader title {before} → {after}"),
        "staff-changed": _("staff {before} → {after}"),
        # the number of units led directly, not the span (which counts the staff too)
        "span-changed": _("direct reports {before} → {after}"),
        "unit-kind-changed": _("kind {before} → {after}"),
    }.get(kind)
    if kind == "unit-kind-changed" and isinstance(before, dict) and isinstance(after, dict):
        before, after = before.get("kind"), after.get("kind")
    if words is not None:
        return words.format(before=_value(before), after=_value(after))
    return _(KINDS[kind].one)
