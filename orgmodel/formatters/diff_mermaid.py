"""The branches that changed, before and after, as a Mermaid flowchart for the Markdown comment.

GitHub and GitLab render a fenced ``mermaid`` block as a diagram. Only the
units a structural change touches (added, removed, renamed, moved,
re-levelled, changed kind, merged, split) are drawn, with their ancestors up
to the top, on each side; each side is capped at ``MAX_NODES`` units.

Node ids are generated (``b1``, ``a1``), never a unit's id, and every label
is a quoted string in which each character other than letters, digits and
a few plain marks is written as Mermaid's entity code (``#34;`` for ``"``,
``#35;`` for ``#``, ``#60;`` for ``<``), so no name can end its label, its
line, the diagram or the Markdown fence around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgmodel import escape
from orgmodel.diff.kinds import Change
from orgmodel.diff.result import DiffResult
from orgmodel.i18n import N_, _, ngettext

TREE_KINDS = frozenset(
    (
        "unit-added",
        "unit-removed",
        "unit-renamed",
        "unit-moved",
        "unit-relevelled",
        "unit-kind-changed",
        "unit-merged",
        "unit-split",
    )
)
MAX_NODES = 40  # per side: GitHub draws a few dozen boxes legibly, hundreds not at all
STYLES = (
    "  classDef added fill:#dcfce7,stroke:#15803d",
    "  classDef removed fill:#fee2e2,stroke:#b91c1c",
    "  classDef merged fill:#f3e8ff,stroke:#7e22ce",
    "  classDef split fill:#ffedd5,stroke:#c2410c",
    "  classDef changed fill:#fef9c3,stroke:#a16207",
)
# The legend under the diagram: each colour used, with what it means (the names of the units say the rest;
# a merger's units before it are not shut down, so they are not red)
LEGEND = {
    "added": N_("green: added"),
    "removed": N_("red: removed"),
    "merged": N_("purple: merged (the units before and the unit they became)"),
    "split": N_("orange: split (the unit before and its parts)"),
    "changed": N_("yellow: moved, renamed or otherwise changed"),
}


def label(text: str) -> str:
    """``text`` as a quoted Mermaid label (``escape.mermaid``)."""
    return '"' + escape.mermaid(text) + '"'


def touched(result: DiffResult) -> tuple[list[str], list[str]]:
    """The OLD ids and the NEW ids that the structural changes touch, in the changes' order."""
    old_units = {u.id for u in result.old_model.units}
    new_units = {u.id for u in result.new_model.units}
    m = result.matching
    before: dict[str, None] = {}
    after: dict[str, None] = {}
    for change in result.changes:
        if change.kind not in TREE_KINDS or change.unit is None:
            continue
        olds, news = _sides(change, m)
        before.update((u, None) for u in olds if u in old_units)
        after.update((u, None) for u in news if u in new_units)
    return list(before), list(after)


def _sides(change: Change, m: Any) -> tuple[list[str], list[str]]:
    unit = change.unit or ""
    if change.kind == "unit-merged":
        return [s for sources, target in m.merges if target == unit for s in sources], [unit]
    if change.kind == "unit-split":
        return [unit], [p for source, parts in m.splits if source == unit for p in parts]
    if change.kind == "unit-removed":
        return [unit], []
    old = m.new_to_old.get(unit) if m is not None else None
    return ([old] if old else []), [unit]


def _branch(units: dict[str, Any], changed: Iterable[str], cap: int) -> tuple[list[str], int]:
    """Changed ids and their ancestors, at most ``cap`` of them; and how many changed ids are left out."""
    chosen: dict[str, None] = {}
    left = 0
    for uid in changed:
        line = _ancestry(units, uid)
        fresh = [u for u in line if u not in chosen]
        if len(chosen) + len(fresh) > cap:
            left += 1
            continue
        chosen.update((u, None) for u in fresh)
    return list(chosen), left


def _ancestry(units: dict[str, Any], uid: str) -> list[str]:
    """``uid`` and its personnel parents up to the top, top first (a cycle is cut where it closes)."""
    line: list[str] = []
    current: str | None = uid
    while current is not None and current in units and current not in line:
        line.append(current)
        current = units[current].parent
    return list(reversed(line))


def _side(
    prefix: str, title: str, units: dict[str, Any], ids: list[str], marks: dict[str, str]
) -> tuple[list[str], dict[str, list[str]]]:
    """One subgraph: its nodes and edges, and the generated node ids per style class."""
    node = {uid: f"{prefix}{i}" for i, uid in enumerate(ids, 1)}
    lines = [f"  subgraph {prefix}side[{label(title)}]", "    direction TB"]
    lines += [f"    {node[uid]}[{label(units[uid].name)}]" for uid in ids]
    lines += [f"    {node[units[uid].parent]} --> {node[uid]}" for uid in ids if units[uid].parent in node]
    lines.append("  end")
    classes: dict[str, list[str]] = {}
    for uid in ids:
        if uid in marks:
            classes.setdefault(marks[uid], []).append(node[uid])
    return lines, classes


def _marks(m: Any, before: list[str], after: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The style class of each unit drawn on each side.

    A merger's units (before and after) are 'merged' and a split's 'split', never 'removed' and
    'added': a unit merged into another is not shut down.
    """
    merged_old = {s for sources, _t in m.merges for s in sources}
    merged_new = {t for _s, t in m.merges}
    split_old = {s for s, _p in m.splits}
    split_new = {p for _s, parts in m.splits for p in parts}

    def mark(uid: str, merged: set[str], split: set[str], kept: bool, gone: str) -> str:
        if uid in merged:
            return "merged"
        if uid in split:
            return "split"
        return "changed" if kept else gone

    old_marks = {u: mark(u, merged_old, split_old, u in m.old_to_new, "removed") for u in before}
    new_marks = {u: mark(u, merged_new, split_new, u in m.new_to_old, "added") for u in after}
    return old_marks, new_marks


def mermaid(result: DiffResult, cap: int = MAX_NODES) -> list[str]:
    """The fenced ``mermaid`` block (its lines), or [] when no branch changed or a side has no model."""
    if result.old_model is None or result.new_model is None or result.matching is None:
        return []
    before, after = touched(result)
    if not before and not after:
        return []
    old_units = {u.id: u for u in result.old_model.units}
    new_units = {u.id: u for u in result.new_model.units}
    m = result.matching
    old_ids, old_left = _branch(old_units, before, cap)
    new_ids, new_left = _branch(new_units, after, cap)
    old_marks, new_marks = _marks(m, before, after)
    lines = ["```mermaid", "flowchart TB"]
    classes: dict[str, list[str]] = {}
    # Translators: the titles of the two sides of the diagram of the branches that changed
    before_title, after_title = _("Before"), _("After")
    for prefix, title, units, ids, marks in (
        ("b", before_title, old_units, old_ids, old_marks),
        ("a", after_title, new_units, new_ids, new_marks),
    ):
        side, found = _side(prefix, title, units, ids, marks)
        lines += side
        for name, nodes in found.items():
            classes.setdefault(name, []).extend(nodes)
    lines += STYLES
    lines += [f"  class {','.join(nodes)} {name}" for name, nodes in sorted(classes.items())]
    lines.append("```")
    used = [_(words) for name, words in LEGEND.items() if name in classes]
    if used:
        lines += ["", "_" + _("Colours: {colours}.").format(colours="; ".join(used)) + "_"]
    if old_left or new_left:
        note = ngettext(
            "The diagram shows at most {cap} unit a side: the first changed units and the units above them.",
            "The diagram shows at most {cap} units a side: the first changed units and the units above them.",
            cap,
        )
        lines += ["", "_" + note.format(cap=cap) + "_"]
    return lines
