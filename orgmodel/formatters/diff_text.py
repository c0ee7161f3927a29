"""``orgmodel diff`` for people: changes grouped (people, structure, places, services, principles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgmodel import escape
from orgmodel.diff.kinds import GROUPS, Change, group_title
from orgmodel.diff.result import DiffResult
from orgmodel.formatters import Formatter
from orgmodel.formatters.console import LineWriter, Piece, line_writer
from orgmodel.formatters.diff_common import (
    findings_summary,
    measures_heading,
    metric_value,
    outside_note,
    people_counted,
    people_sentence,
    problem_hint,
    problem_line,
    sides,
    total_line,
)
from orgmodel.i18n import _, ngettext

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport

_STYLE = {"people": "bold magenta", "structure": "bold blue", "places": "bold cyan", "services": "bold green"}
_FINDING = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _bullet(change: Change) -> tuple[Piece, ...]:
    style = ""
    if change.kind in ("finding-new", "finding-resolved", "finding-changed", "finding-suppressed"):
        style = _FINDING.get(change.severity or "", "") if change.kind != "finding-resolved" else "green"
    pieces: tuple[Piece, ...] = (
        ("  • ", ""),
        (escape.text(change.message), style),
        (f"  [{escape.text(change.id)}]", "dim"),
    )
    if change.allowed:
        pieces += ((" (" + _("allowed") + ")", "green"),)
    return pieces


def write_result(out: LineWriter, result: DiffResult) -> None:
    """One file's comparison."""
    units = ngettext("({old} -> {new} unit)", "({old} -> {new} units)", result.new_units)
    out.line(
        (f"orgmodel diff {escape.text(result.old_name)} -> {escape.text(result.new_name)}", "bold"),
        (
            "  " + units.format(old=result.old_units, new=result.new_units)[:-1] + outside_note(result) + ")",
            "bold dim",
        ),
    )
    for title, about in sides(result):
        out.line((f"  {title}: {escape.text(about)}", "dim"))
    if not result.changes:
        out.line(("  " + _("no change"), "green"))
        _measures(out, result)  # the scorecard is shown even when nothing changed
        return
    for group in GROUPS:
        changes = result.by_group(group)
        if group == "people" and result.old_model is not None and (changes or result.people.new_leader):
            out.line((group_title(group), _STYLE[group]))
            if people_counted(result):
                out.line((f"  {people_sentence(result)}", ""))
        elif group == "principles" and result.findings is not None:
            out.line((group_title(group), "bold red"))
            out.line((f"  {findings_summary(result)}", ""))
        elif changes:
            out.line((group_title(group), _STYLE.get(group, "bold")))
        for change in changes:
            out.line(*_bullet(change))
    _measures(out, result)


def _measures(out: LineWriter, result: DiffResult) -> None:
    """The measures that changed, and those shown always (the hensyn scorecard), before -> after."""
    tables = [t for t in result.metrics if t.changed or t.always]
    if tables:
        out.line((measures_heading(tables), "bold"))
        for table in tables:
            out.line((f"  {escape.text(table.title)}", "bold"))
            for row in table.rows:
                if row.changed or table.always:
                    before, after = metric_value(row, after=False), metric_value(row, after=True)
                    out.line((f"    {escape.text(row.label)}: {before} -> {after}", ""))


def write_diff(out: LineWriter, report: DiffReport) -> None:
    """Every file's comparison, the problems that kept files from comparison, and a total."""
    for note in report.notes:
        out.line((_("note: {note}").format(note=escape.text(note)), "bold yellow"))
    for index, file in enumerate(report.files):
        if index:
            out.line()
        if file.result is not None:
            write_result(out, file.result)
    for diag in report.problems:
        out.line((escape.text(problem_line(diag)), "bold red"))
        hint = problem_hint(diag)
        if hint:
            out.line((f"    = {escape.text(hint)}", ""))
    if report.problems:
        out.line((_("some files could not be compared: fix the errors above first"), "bold red"))
    out.line((total_line(report), "bold"))


class DiffTextFormatter(Formatter):
    """The comparison for people: a summary per group, then each change."""

    name = "text"

    def diff(self, report: DiffReport) -> None:
        """Write the comparison: through rich where colour may show, as plain lines elsewhere."""
        write_diff(line_writer(self.stream, self.color), report)
