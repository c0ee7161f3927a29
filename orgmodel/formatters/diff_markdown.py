"""``orgmodel diff --format markdown``: a pull-request comment.

A summary table first (one row per group), then each group's changes and
the derived measures in collapsible ``<details>`` sections, which GitHub,
GitLab and Gitea render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgmodel import escape
from orgmodel.diff.kinds import GROUP_TITLES, GROUPS, DiffResult
from orgmodel.formatters import Formatter
from orgmodel.formatters.diff_common import group_summary, total_line

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport


def md(text: str) -> str:
    """Text safe anywhere in the comment (a line start, a heading, a table cell): see ``escape.markdown``."""
    return escape.markdown(text)


def _code(text: str) -> str:
    return escape.markdown_code(text)


def render_result(result: DiffResult) -> list[str]:
    """One file's comparison as Markdown lines."""
    lines = [f"### orgmodel diff: {_code(result.old_name)} → {_code(result.new_name)}", ""]
    if not result.changes:
        lines += [f"No change ({result.new_units} units).", ""]
        return lines
    lines += ["| | |", "|---|---|"]
    lines.append(f"| **Units** | {result.old_units} → {result.new_units} |")
    whole = result.old_model is None or result.new_model is None  # a file on one side only
    for group in GROUPS:
        if group == "principles" and result.findings is None and not result.by_group(group):
            continue
        if whole and group != "principles" and not result.by_group(group):
            continue  # "0 people get a new personnel line" says nothing about a whole new model
        lines.append(f"| **{GROUP_TITLES[group]}** | {md(group_summary(result, group))} |")
    lines.append("")
    for group in GROUPS:
        changes = result.by_group(group)
        if not changes:
            continue
        lines += [f"<details><summary><b>{GROUP_TITLES[group]}</b> ({len(changes)})</summary>", ""]
        for change in changes:
            allowed = " _(allowed)_" if change.allowed else ""
            lines.append(f"- {md(change.message)} <sub>{_code(change.id)}</sub>{allowed}")
        lines += ["", "</details>", ""]
    tables = [t for t in result.metrics if t.changed]
    if tables:
        lines += ["<details><summary><b>Measures</b> (before → after)</summary>", ""]
        for table in tables:
            lines += [f"| {md(table.title)} | before | after |", "|---|---:|---:|"]
            for row in table.rows:
                if row.changed or table.show_all:
                    before = "–" if row.before is None else str(row.before)
                    after = "–" if row.after is None else str(row.after)
                    mark = f"**{after}**" if row.changed else after
                    lines.append(f"| {md(row.label)} | {before} | {mark} |")
            lines.append("")
        lines += ["</details>", ""]
    return lines


class DiffMarkdownFormatter(Formatter):
    """A pull-request comment: summary table, then collapsible details."""

    name = "markdown"

    def diff(self, report: DiffReport) -> None:
        lines: list[str] = [f"**Note:** {md(note)}\n" for note in report.notes]
        for file in report.files:
            if file.result is not None:
                lines += render_result(file.result)
        if report.problems:
            lines += ["**Some files could not be compared:**", ""]
            lines += [
                f"- {_code(f'{d.path}:{d.line}:{d.col}')} {d.code} {md(d.message)}" for d in report.problems
            ]
            lines.append("")
        lines.append(f"_{md(total_line(report))}_")
        self.stream.write("\n".join(lines) + "\n")
