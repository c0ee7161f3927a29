"""``orgmodel diff --format html``: one self-contained page, both organisation trees side by side.

Inline CSS only: no script, font or image from the network, so the file
opens offline. Changed units are highlighted on both sides; the change list
and the measures follow the trees.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from orgmodel.diff.kinds import GROUP_TITLES, GROUPS, Change, DiffResult
from orgmodel.escape import html as escape  # unsafe characters visible, then html.escape
from orgmodel.formatters import Formatter
from orgmodel.formatters.diff_common import group_summary, total_line

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1f2328;
line-height:1.4}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}code{font-size:.85em;color:#57606a}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
.trees{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.tree{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;overflow:auto;max-height:80vh}
.tree ul{list-style:none;padding-left:1.1rem;margin:0;border-left:1px dotted #c0c7ce}
.tree>ul{border-left:none;padding-left:0}
.u{display:inline-block;padding:0 .3rem;border-radius:4px;margin:1px 0}
.lvl{color:#57606a;font-size:.8em}
.added{background:#dafbe1;border:1px solid #4ac26b}.removed{background:#ffebe9;border:1px solid #ff8182;
text-decoration:line-through}.moved{background:#ddf4ff;border:1px solid #54aeff}
.renamed{background:#fff8c5;border:1px solid #d4a72c}.merged{background:#fbefff;border:1px solid #c297ff}
.changed{background:#fff8c5}
.legend span{margin-right:.6rem}
li.change{margin:.15rem 0}.id{color:#57606a;font-size:.8em}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_PRIORITY = ("added", "removed", "merged", "moved", "renamed", "changed")


def _marks(result: DiffResult) -> tuple[dict[str, str], dict[str, str]]:
    """CSS class per unit id on the OLD and on the NEW side."""
    old: dict[str, set[str]] = defaultdict(set)
    new: dict[str, set[str]] = defaultdict(set)
    m = result.matching
    for change in result.changes:
        uid = change.unit
        if uid is None:
            continue
        if change.kind == "unit-removed":
            old[uid].add("removed")
        elif change.kind == "unit-added":
            new[uid].add("added")
        elif change.kind == "unit-merged":
            new[uid].add("merged")
            for source in change.before or []:
                old[source].add("merged")
        elif change.kind == "unit-split":
            old[uid].add("merged")
            for part in change.after or []:
                new[part].add("merged")
        elif change.kind.startswith(
            ("unit-", "professional-", "leader-", "staff-", "budget-", "role-", "span-")
        ):
            cls = {"unit-moved": "moved", "unit-renamed": "renamed"}.get(change.kind, "changed")
            new[uid].add(cls)
            if m is not None and uid in m.new_to_old:
                old[m.new_to_old[uid]].add(cls)
    return _pick(old), _pick(new)


def _pick(marks: dict[str, set[str]]) -> dict[str, str]:
    return {uid: next(c for c in _PRIORITY if c in classes) for uid, classes in marks.items()}


def _tree(model: Any, marks: dict[str, str], side: str) -> str:
    if model is None:
        return "<p>(no model)</p>"
    children: dict[str | None, list[Any]] = defaultdict(list)
    ids = {u.id for u in model.units}
    for unit in model.units:
        children[unit.parent if unit.parent in ids else None].append(unit)
    removed = {uid for uid, cls in marks.items() if cls == "removed"}
    out: list[str] = []

    def walk(parent: str | None, inherited: str | None, depth: int) -> None:
        items = children.get(parent, [])
        if not items or depth > 200:
            return
        out.append("<ul>")
        for unit in items:
            cls = marks.get(unit.id) or (inherited if inherited == "removed" else None)
            css = f"u {cls}" if cls else "u"
            level = f"{escape(unit.kind or 'unit')}, level {unit.level}"
            out.append(
                f'<li><span class="{css}" id="{side}-{escape(unit.id)}">{escape(unit.name)}</span> '
                f'<span class="lvl">{level} · <code>{escape(unit.id)}</code></span>'
            )
            walk(unit.id, "removed" if unit.id in removed or inherited == "removed" else None, depth + 1)
            out.append("</li>")
        out.append("</ul>")

    walk(None, None, 0)
    return "".join(out)


def _change(change: Change) -> str:
    allowed = " <em>(allowed)</em>" if change.allowed else ""
    ident = f'<span class="id">{escape(change.id)}</span>'
    return f'<li class="change">{escape(change.message)} {ident}{allowed}</li>'


def render_result(result: DiffResult) -> str:
    """One file's comparison as an HTML fragment."""
    parts = [f"<h1>{escape(result.old_name)} → {escape(result.new_name)}</h1>"]
    parts.append("<table>")
    parts.append(f"<tr><th>Units</th><td>{result.old_units} → {result.new_units}</td></tr>")
    for group in GROUPS:
        parts.append(
            f"<tr><th>{escape(GROUP_TITLES[group])}</th><td>{escape(group_summary(result, group))}</td></tr>"
        )
    parts.append("</table>")
    if result.old_model is not None or result.new_model is not None:  # an added file has no OLD
        old_marks, new_marks = _marks(result)
        parts.append(
            '<p class="legend"><span class="u added">added</span><span class="u removed">removed</span>'
            '<span class="u moved">moved</span><span class="u renamed">renamed</span>'
            '<span class="u merged">merged or split</span>'
            '<span class="u changed">otherwise changed</span></p>'
        )
        parts.append('<div class="trees">')
        parts.append(f'<div class="tree"><h2>Before: {escape(result.old_name)}</h2>')
        parts.append(_tree(result.old_model, old_marks, "old") + "</div>")
        parts.append(f'<div class="tree"><h2>After: {escape(result.new_name)}</h2>')
        parts.append(_tree(result.new_model, new_marks, "new") + "</div></div>")
    for group in GROUPS:
        changes = result.by_group(group)
        if changes:
            parts.append(f"<h2>{escape(GROUP_TITLES[group])} ({len(changes)})</h2><ul>")
            parts.extend(_change(c) for c in changes)
            parts.append("</ul>")
    tables = [t for t in result.metrics if t.changed or t.always]
    if tables:
        parts.append("<h2>Measures</h2>")
        for table in tables:
            parts.append(f"<table><tr><th>{escape(table.title)}</th><th>before</th><th>after</th></tr>")
            for row in table.rows:
                if row.changed or table.show_all or table.always:
                    before = "–" if row.before is None else row.before
                    after = "–" if row.after is None else row.after
                    parts.append(f"<tr><td>{escape(row.label)}</td><td>{before}</td><td>{after}</td></tr>")
            parts.append("</table>")
    return "\n".join(parts)


class DiffHtmlFormatter(Formatter):
    """One self-contained HTML page (inline CSS, no scripts)."""

    name = "html"

    def diff(self, report: DiffReport) -> None:
        body = [f"<p><strong>Note: {escape(note)}</strong></p>" for note in report.notes]
        body += [render_result(f.result) for f in report.files if f.result is not None]
        for diag in report.problems:
            body.append(
                f"<p><strong>{escape(f'{diag.path}:{diag.line}: {diag.code} {diag.message}')}</strong></p>"
            )
        body.append(f"<p><em>{escape(total_line(report))}</em></p>")
        title = escape(f"orgmodel diff {report.old} → {report.new}")
        self.stream.write(
            "<!DOCTYPE html>\n"
            f'<html lang="no"><head><meta charset="utf-8"><title>{title}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
        )
