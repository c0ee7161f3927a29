"""``orgmodel diff`` for people: changes grouped (people, structure, places, services, principles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from orgmodel import escape
from orgmodel.diff.kinds import GROUPS, Change, group_title
from orgmodel.diff.result import DiffResult
from orgmodel.formatters import Formatter
from orgmodel.formatters.console import make_console
from orgmodel.formatters.diff_common import findings_summary, people_sentence, total_line
from orgmodel.i18n import _, ngettext

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport

_STYLE = {"people": "bold magenta", "structure": "bold blue", "places": "bold cyan", "services": "bold green"}
_FINDING = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _bullet(change: Change) -> Text:
    text = Text("  • ")
    if change.kind in ("finding-new", "finding-resolved", "finding-changed", "finding-suppressed"):
        style = _FINDING.get(change.severity or "", "") if change.kind != "finding-resolved" else "green"
        text.append(escape.text(change.message), style=style)
    else:
        text.append(escape.text(change.message))
    text.append(f"  [{escape.text(change.id)}]", style="dim")
    if change.allowed:
        text.append(" (" + _("allowed") + ")", style="green")
    return text


def write_result(console: Console, result: DiffResult) -> None:
    """One file's comparison."""
    head = Text(
        f"orgmodel diff {escape.text(result.old_name)} -> {escape.text(result.new_name)}", style="bold"
    )
    units = ngettext("({old} -> {new} unit)", "({old} -> {new} units)", result.new_units)
    head.append("  " + units.format(old=result.old_units, new=result.new_units), style="dim")
    console.print(head)
    if not result.changes:
        console.print(Text("  " + _("no change"), style="green"))
        _measures(console, result)  # the scorecard is shown even when nothing changed
        return
    for group in GROUPS:
        changes = result.by_group(group)
        if group == "people" and result.old_model is not None and (changes or result.people.new_leader):
            console.print(Text(group_title(group), style=_STYLE[group]))
            console.print(Text(f"  {people_sentence(result)}"))
        elif group == "principles" and result.findings is not None:
            console.print(Text(group_title(group), style="bold red"))
            console.print(Text(f"  {findings_summary(result)}"))
        elif changes:
            console.print(Text(group_title(group), style=_STYLE.get(group, "bold")))
        for change in changes:
            console.print(_bullet(change))
    _measures(console, result)


def _measures(console: Console, result: DiffResult) -> None:
    """The measures that changed, and those shown always (the hensyn scorecard), before -> after."""
    tables = [t for t in result.metrics if t.changed or t.always]
    if tables:
        console.print(Text(_("Measures (before -> after; only rows that changed)"), style="bold"))
        for table in tables:
            console.print(Text(f"  {escape.text(table.title)}", style="bold"))
            for row in table.rows:
                if row.changed or table.always:
                    before = "-" if row.before is None else str(row.before)
                    after = "-" if row.after is None else str(row.after)
                    console.print(Text(f"    {escape.text(row.label)}: {before} -> {after}"))


def write_diff(console: Console, report: DiffReport) -> None:
    """Every file's comparison, the problems that kept files from comparison, and a total."""
    for note in report.notes:
        console.print(Text(_("note: {note}").format(note=escape.text(note)), style="bold yellow"))
    for index, file in enumerate(report.files):
        if index:
            console.print()
        if file.result is not None:
            write_result(console, file.result)
    for diag in report.problems:
        console.print(
            Text(
                escape.text(f"{diag.path}:{diag.line}:{diag.col}: {diag.code} {diag.message}"),
                style="bold red",
            )
        )
    if report.problems:
        console.print(
            Text(_("some files could not be compared: fix the errors above first"), style="bold red")
        )
    console.print(Text(total_line(report), style="bold"))


class DiffTextFormatter(Formatter):
    """The comparison for people: a summary per group, then each change."""

    name = "text"

    def diff(self, report: DiffReport) -> None:
        """Write the comparison to a rich console on the stream."""
        write_diff(make_console(self.stream, self.color), report)
