"""``orgmodel diff --format html``: one self-contained page, before and after aligned row by row.

Each column is its own model's tree (``diff_places``): a row holds a unit's
two selves where they stand at the same place, and a unit that changed place
stands at both, each empty cell linked to the other place. Runs of unchanged
branches are collapsed into one
``<details>`` row ("34 units unchanged"), which opens without script; when
printed, every row is shown. Each kind of change has its own colour, named
in the legend, and each changed unit says in words what changed, linked to
its item in the change list, which links back to the row.

No script, font or image from the network: the CSS is inline, allowed by
its hash (``html_page``). ``render_body`` is also the diff section of
``orgmodel report``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from orgmodel.diff.kinds import GROUP_TITLES, GROUPS, Change
from orgmodel.diff.result import DiffResult
from orgmodel.escape import html as escape  # unsafe characters visible, then html.escape
from orgmodel.formatters import Formatter
from orgmodel.formatters.diff_common import (
    compared,
    group_summary,
    metric_value,
    outside_note,
    problem_hint,
    problem_line,
    sides,
    uncompared,
)
from orgmodel.formatters.diff_rows import CLASSES, Ghost, Label, Node, Rows, build_rows, walk, walk_depth
from orgmodel.formatters.html_page import page
from orgmodel.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport

_DEPTHS = 24  # indentation classes d0..d24; deeper rows are indented as d24
CSS = (
    """
.grid{border:1px solid #d0d7de;border-radius:6px}
.row{display:grid;grid-template-columns:1fr 1fr;border-top:1px solid #eaeef2}
.row.head{position:sticky;top:0;background:#f6f8fa;font-weight:600;border-top:none;z-index:1}
.cell{padding:.15rem .5rem;padding-left:calc(.5rem + var(--d,0)*1.1rem);min-width:0;overflow-wrap:anywhere}
.cell.new{border-left:1px solid #d0d7de}
.meta{color:#57606a;font-size:.8em}.what{font-size:.8em;margin-left:.4rem;white-space:normal}
.cont,.ghost{color:#57606a;font-style:italic;font-size:.85em}
.note{color:#57606a;font-size:.9em;margin:.2rem 0 .5rem}
details.same>summary{cursor:pointer;color:#57606a;padding:.15rem .5rem;font-size:.9em;
padding-left:calc(.5rem + var(--d,0)*1.1rem);border-top:1px solid #eaeef2;background:#f6f8fa}
.added{background:#dafbe1}.removed{background:#ffebe9}.removed .name{text-decoration:line-through}
.moved{background:#ddf4ff}.renamed{background:#fff8c5}.merged{background:#fbefff}
.split{background:#fff1e5}.changed{background:#eaeef2}
.sw{display:inline-block;padding:0 .4rem;border-radius:4px;border:1px solid #d0d7de}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem .9rem}
ol.changes li{margin:.15rem 0}.id{color:#57606a;font-size:.8em}
:target{outline:3px solid #bf8700;outline-offset:-3px}
@media print{details.same::details-content{content-visibility:visible;display:contents}
details.same>summary{list-style:none}.row{break-inside:avoid}.row.head{position:static}
.added,.removed,.moved,.renamed,.merged,.split,.changed,.sw{print-color-adjust:exact;
-webkit-print-color-adjust:exact}}
"""
    + "".join(f".d{d}{{--d:{d}}}" for d in range(_DEPTHS + 1))
    + "\n"
)

# The legend: each colour class with what it means.
LEGEND = {
    "added": N_("added"),
    "removed": N_("removed"),
    "moved": N_("moved"),
    "renamed": N_("renamed"),
    "merged": N_("merged"),
    "split": N_("split"),
    "changed": N_("otherwise changed"),
}


def _href(prefix: str, anchor: str) -> str:
    return "#" + quote(prefix + anchor, safe="-._~")


def _cell(
    unit: Any, side: str, depth: int, rows: Rows, prefix: str, cont: tuple[str, Any] | Ghost | None = None
) -> str:
    """One side of a row: the unit, what kind and level it is, and what changed, linked.

    An empty side says what became of the unit on the other side: ``↳`` and the merged unit it
    continues as, or the split unit it comes from (``cont``), or where it stands in the other
    model, linked (a ``Ghost``).
    """
    d = f"d{min(depth, _DEPTHS)}"
    if unit is None:
        if cont is None:
            return f'<div class="cell {side} {d} empty"></div>'
        if isinstance(cont, Ghost):
            css = " ".join(c for c in ("cell", side, d, cont.kind) if c)
            link = f'<a class="ghost" href="{_href(prefix, cont.target)}">↪ {escape(cont.text)}</a>'
            return f'<div class="{css}">{link}</div>'
        cls, other = cont
        return (
            f'<div class="cell {side} {d} {cls}" data-cont="{escape(other.id)}">'
            f'<span class="cont">↳ {escape(other.name)}</span></div>'
        )
    classes = rows.old_class if side == "old" else rows.new_class
    labels = (rows.old_labels if side == "old" else rows.new_labels).get(unit.id, [])
    cls = classes.get(unit.id, "")
    meta = _("{kind}, level {level}").format(kind=unit.kind or _("unit"), level=unit.level)
    what = "".join(_what(label, prefix) for label in labels)
    css = " ".join(c for c in ("cell", side, d, cls) if c)
    return (
        f'<div class="{css}" data-unit="{escape(unit.id)}"><span class="name">{escape(unit.name)}</span> '
        f'<span class="meta">{escape(meta)} · <code>{escape(unit.id)}</code></span>{what}</div>'
    )


def _what(label: Label, prefix: str) -> str:
    return f'<a class="what" href="{_href(prefix, f"c{label.change}")}">{escape(label.text)}</a>'


def _rows_of(node: Node, depth: int, rows: Rows, prefix: str) -> list[str]:
    """The row of a node; an empty side says what became of the unit on the other (``_cell``)."""
    came = ("split", node.split_of) if node.split_of is not None else node.came
    went = ("merged", node.merged_into) if node.merged_into is not None else node.went
    return [
        f'<div class="row" id="{escape(prefix + node.key)}">'
        + _cell(node.old, "old", depth, rows, prefix, came)
        + _cell(node.new, "new", depth, rows, prefix, went)
        + "</div>"
    ]


def _summary(run: list[Node], depth: int) -> str:
    """The collapsed row of a run of unchanged branches: how many units, and the first names."""
    count = sum(n.size() for n in run)
    names = [(n.new or n.old).name for n in run]
    shown = "; ".join(names) if len(names) <= 3 else "; ".join(names[:2])
    text = ngettext("{n} unit unchanged", "{n} units unchanged", count).format(n=count)
    more = "" if len(names) <= 3 else " " + _("and {n} more").format(n=len(names) - 2)
    if count > len(names):  # the names are the branches' first units: the count holds those below too
        more += " " + _("(with the units under them)")
    return (
        f'<details class="same d{min(depth, _DEPTHS)}"><summary>{escape(text)}: '
        f"{escape(shown)}{escape(more)}</summary>"
    )


def _grid(rows: Rows, prefix: str) -> str:
    """Every row, depth first, with the runs of unchanged branches collapsed (no recursion)."""
    out: list[str] = []
    stack: list[tuple[str, Any, int]] = [("list", rows.roots, 0)]
    while stack:
        what, item, depth = stack.pop()
        if what == "text":
            out.append(item)
            continue
        if what == "node":
            out.extend(_rows_of(item, depth, rows, prefix))
            continue
        tasks: list[tuple[str, Any, int]] = []
        for run in _runs(item):
            if isinstance(run, list):
                tasks.append(("text", _summary(run, depth), depth))
                tasks.extend(("node", n, d) for n, d in walk_depth(run, depth))
                tasks.append(("text", "</details>", depth))
            else:
                tasks += [("node", run, depth), ("list", run.children, depth + 1)]
        stack.extend(reversed(tasks))
    return "".join(out)


def _runs(nodes: list[Node]) -> list[Node | list[Node]]:
    """The nodes, with each run of unchanged branches of two rows or more made one list."""
    out: list[Node | list[Node]] = []
    run: list[Node] = []
    for node in [*nodes, None]:
        if node is not None and not node.changed:
            run.append(node)
            continue
        if run and sum(n.size() for n in run) >= 2:
            out.append(run)
        else:
            out.extend(run)
        run = []
        if node is not None:
            out.append(node)
    return out


def _legend(rows: Rows) -> str:
    """Each colour with the rows of the tree in it; and rows with that change shown in another colour.

    A row is one colour, its first change's (``diff_rows.CLASSES``' order): a unit renamed and
    moved is coloured as moved. The legend says so ('renamed 0 rows (and 2 shown as moved)'), so it
    never contradicts the summary above, which counts the changes ('2 units renamed').
    """
    counts = {cls: 0 for cls in CLASSES}
    elsewhere: dict[str, dict[str, int]] = {cls: {} for cls in CLASSES}
    for node in walk(rows.roots):
        shown = {rows.new_class.get(node.new.id) if node.new is not None else None}
        shown.add(rows.old_class.get(node.old.id) if node.old is not None else None)
        shown.discard(None)
        for cls in shown:
            counts[str(cls)] += 1
        marks = set(rows.new_marks.get(node.new.id, ())) if node.new is not None else set()
        marks |= set(rows.old_marks.get(node.old.id, ())) if node.old is not None else set()
        first = next((c for c in CLASSES if c in shown), None)
        for cls in marks - shown:
            if first is not None:
                elsewhere[cls][first] = elsewhere[cls].get(first, 0) + 1
        for source in node.extra_old:  # a merge's further sources: a row each (_rows_of)
            counts[str(rows.old_class.get(source.id) or "merged")] += 1
    names = {cls: _(LEGEND[cls]) for cls in CLASSES}
    # rows of the tree in each colour, not changes (the table above counts those)
    items = "".join(
        f'<li><span class="sw {cls}">{escape(names[cls])}</span> '
        f"{escape(_legend_count(counts[cls], elsewhere[cls], names))}</li>"
        for cls in CLASSES
    )
    legend = _("Legend")
    return f'<ul class="legend" aria-label="{escape(legend)}">{items}</ul>'


def _legend_count(count: int, elsewhere: dict[str, int], names: dict[str, str]) -> str:
    """'2 rows', or '0 rows (and 2 shown as moved)' when rows with this change have another colour."""
    shown = ngettext("{n} row", "{n} rows", count).format(n=count)
    if not elsewhere:
        return shown
    # Translators: rows of the diff's tree with a change shown in the colour of another: "2 shown as moved"
    more = ", ".join(
        _("{n} shown as {colour}").format(n=n, colour=names[cls]) for cls, n in elsewhere.items()
    )
    # Translators: a legend entry: "renamed 0 rows (and 2 shown as moved)"
    return _("{rows} (and {more})").format(rows=shown, more=more)


def _change(index: int, change: Change, rows: Rows, prefix: str) -> str:
    allowed = ""
    if change.allowed:
        word = _("allowed")
        allowed = f" <em>({escape(word)})</em>"
    ident = f'<span class="id">{escape(change.id)}</span>'
    link = ""
    anchor = _anchor(change, rows)
    if anchor is not None:
        show = _("show in the tree")
        link = f' <a href="{_href(prefix, anchor)}">{escape(show)}</a>'
    return f'<li id="{prefix}c{index}">{escape(change.message)}{link} {ident}{allowed}</li>'


def _anchor(change: Change, rows: Rows) -> str | None:
    """The row a change is shown on, when it is about a unit on some row."""
    uid = change.unit
    if uid is None:
        return None
    if change.kind != "unit-removed" and uid in rows.new_labels:
        return f"n-{uid}"
    if uid in rows.old_labels:
        return f"o-{uid}"
    return None


def render_result(result: DiffResult, prefix: str = "", heading: str = "h1") -> str:
    """One file's comparison as an HTML fragment; ``prefix`` keeps its anchors apart from others'."""
    sub = f"h{min(int(heading[1]) + 1, 6)}"  # one level below the heading
    old_name, new_name = escape(result.old_name), escape(result.new_name)
    parts = [f"<{heading}>{old_name} → {new_name}</{heading}>", "<table>"]
    units = f"{result.old_units} → {result.new_units}{escape(outside_note(result, '→'))}"
    units_title = _("Units")
    parts.append(f"<tr><th>{escape(units_title)}</th><td>{units}</td></tr>")
    parts.extend(
        f"<tr><th>{escape(title)}</th><td>{escape(about)}</td></tr>" for title, about in sides(result)
    )
    titles = {group: _(GROUP_TITLES[group]) for group in GROUPS}
    for group in GROUPS:
        summary = group_summary(result, group)
        parts.append(f"<tr><th>{escape(titles[group])}</th><td>{escape(summary)}</td></tr>")
    parts.append("</table>")
    rows = build_rows(result)
    if rows.roots:
        parts.append(_legend(rows))
        before = escape(_("Before: {name}").format(name=result.old_name))
        after = escape(_("After: {name}").format(name=result.new_name))
        note = _(
            "Each side is its own model's tree, every unit under its own leader. A unit that changed "
            "place stands at its old place on the left and at its new place on the right, each "
            "linked to the other (↪)."
        )
        parts.append(f'<p class="note">{escape(note)}</p>')
        parts.append(
            f'<div class="grid"><div class="row head"><div class="cell old">{before}</div>'
            f'<div class="cell new">{after}</div></div>{_grid(rows, prefix)}</div>'
        )
    for group in GROUPS:
        items = [(i, c) for i, c in enumerate(result.changes) if c.group == group]
        if items:
            # '(7 changes)': under People affected it counts changes, not the people the summary counts
            count = ngettext("{n} change", "{n} changes", len(items)).format(n=len(items))
            parts.append(f"<{sub}>{escape(titles[group])} ({escape(count)})</{sub}>")
            parts.append('<ol class="changes">')
            parts.extend(_change(i, c, rows, prefix) for i, c in items)
            parts.append("</ol>")
    parts.extend(_measures(result, sub))
    return "\n".join(parts)


def _measures(result: DiffResult, sub: str) -> list[str]:
    tables = [t for t in result.metrics if t.changed or t.always]
    if not tables:
        return []
    measures = _("Measures")
    # Translators: the heads of the columns of a measure in the diff, its value before and after
    before_head, after_head = _("before"), _("after")
    parts = [f"<{sub}>{escape(measures)}</{sub}>"]
    for table in tables:
        title = _(table.title)
        parts.append(
            f"<table><tr><th>{escape(title)}</th><th>{escape(before_head)}</th>"
            f"<th>{escape(after_head)}</th></tr>"
        )
        for row in table.rows:
            if row.changed or table.show_all or table.always:
                before = escape(metric_value(row, False, "–"))
                after = escape(metric_value(row, True, "–"))
                parts.append(f"<tr><td>{escape(row.label)}</td><td>{before}</td><td>{after}</td></tr>")
        parts.append("</table>")
    return parts


def total_line(report: DiffReport) -> str:
    """The last line: how many changes in how many files, and how many per group."""
    changes, files = report.changes, compared(report)
    text = _("{changes} in {files}").format(
        changes=ngettext("{n} change", "{n} changes", len(changes)).format(n=len(changes)),
        files=ngettext("{n} file", "{n} files", files).format(n=files),
    )
    groups = [(g, sum(1 for c in changes if c.group == g)) for g in GROUPS]
    titles = {g: _(GROUP_TITLES[g]) for g in GROUPS}
    detail = "; ".join(f"{titles[g]}: {n}" for g, n in groups if n)
    return (f"{text} ({detail})" if detail else text) + uncompared(report)


def render_body(report: DiffReport, heading: str = "h1") -> str:
    """The comparison of every file, the notes and problems first, the total last."""
    notes = [_("Note: {note}").format(note=note) for note in report.notes]
    body = [f"<p><strong>{escape(note)}</strong></p>" for note in notes]
    many = len(report.files) > 1
    for position, file in enumerate(report.files):
        if file.result is not None:
            body.append(render_result(file.result, f"f{position}-" if many else "", heading))
    for diag in report.problems:
        hint = problem_hint(diag)
        shown = f"<br>{escape(hint)}" if hint else ""
        body.append(f"<p><strong>{escape(problem_line(diag))}</strong>{shown}</p>")
    body.append(f"<p><em>{escape(total_line(report))}</em></p>")
    return "\n".join(body)


class DiffHtmlFormatter(Formatter):
    """One self-contained HTML page (inline CSS allowed by its hash, no scripts)."""

    name = "html"

    def diff(self, report: DiffReport) -> None:
        """Write the page."""
        title = f"orgmodel diff {report.old} → {report.new}"
        self.stream.write(page(title, render_body(report), [CSS]))
