"""Before and after as one list of rows, with what changed on each unit, in colour and in words.

``diff_places`` places the rows (each column its own model's tree, a unit that changed place on
a row at each place); here each unit gets its colour class and its labels, and each node knows
whether anything changed in its subtree, so the HTML can collapse the runs of unchanged
branches. Nothing here writes HTML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from orgmodel.diff.kinds import KINDS, Change
from orgmodel.diff.result import DiffResult
from orgmodel.formatters.diff_places import Ghost, Node, place, walk
from orgmodel.formatters.diff_places import units as _units
from orgmodel.i18n import _

__all__ = ["CLASSES", "Ghost", "Label", "Node", "Rows", "build_rows", "walk", "walk_depth"]

# The colour classes, one per kind of change, in the order a unit with several shows the first.
CLASSES = ("added", "removed", "merged", "split", "moved", "renamed", "changed")
# the kinds of change about one unit, marked on its row: every field of ``diff.changes._FIELDS`` among
# them (tour O: a changed responsibility, the ANSVAR of the workbook's template, went unmarked)
_UNIT_KINDS = (
    *("unit-", "professional-", "leader-", "staff-", "budget-", "fte-"),
    *("role-", "span-", "supervision-", "pilot-", "authority-level-", "target-group-", "responsibility-"),
)


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
    roots = place(result.old_model, result.new_model, result.matching)
    marked = set(old_class) | set(old_labels)
    marked_new = set(new_class) | set(new_labels)
    for node in reversed(list(walk(roots))):  # children before their parent
        own = (node.new is not None and node.new.id in marked_new) or any(
            u is not None and u.id in marked for u in (node.old, node.split_of, *node.extra_old)
        )
        node.changed = own or any(c.changed for c in node.children)
    return Rows(roots, old_class, new_class, old_labels, new_labels, dict(old_marks), dict(new_marks))


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
        "fte-changed": _("årsverk {before} → {after}"),
    }.get(kind)
    if kind == "unit-kind-changed" and isinstance(before, dict) and isinstance(after, dict):
        before, after = before.get("kind"), after.get("kind")
    if words is not None:
        return words.format(before=_value(before), after=_value(after))
    return _(KINDS[kind].one)
