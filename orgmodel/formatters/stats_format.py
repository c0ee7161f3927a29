"""Output of ``orgmodel stats``: text, JSON, Markdown and CSV, registered in ``orgmodel.formatters.FORMATS``.

Text, Markdown and CSV render the tables of ``stats_tables``; every name
and id from the model is escaped for its medium (``orgmodel.escape``: a
terminal, Markdown, a spreadsheet cell). The JSON document is the envelope
followed by ``{"command": "stats", "stats": ModelStats.to_dict()}``; fields
may be added, none renamed.

CSV is one long table, ``section,row,column,value``: a section is a table's
key (``levels``, ``span-by-role`` ...), ``row`` the first cell of its row,
``column`` the header of the cell, so a spreadsheet's pivot table rebuilds
any table.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import TYPE_CHECKING

from orgmodel import escape
from orgmodel.bounds import clip_quoted
from orgmodel.formatters import Formatter
from orgmodel.formatters.cells import Name, Names, figure, shown
from orgmodel.formatters.stats_tables import CellValue, Table, summary_lines, tables
from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.stats.result import ModelStats


def _plain(value: CellValue, esc: Callable[[str], str], room: int | None = None) -> str:
    """A cell for people: 1 256 and 1,5 in bokmål, a name clipped, a list of names cut to ``room``."""
    if value is None:
        return "-"
    if isinstance(value, int | float):
        return figure(value)  # CSV keeps the plain digits and the decimal point for programs
    if isinstance(value, Names):
        names = value.names()
        listed = _shortened(names, room) if room is not None else "; ".join(names)  # names hold commas
        return esc(value.prefix + listed)
    if isinstance(value, Name):
        return esc(shown(value))
    return esc(clip_quoted(value))  # a finding's message quoting a name of 10,000 characters


class StatsJsonFormatter(Formatter):
    """The figures as one JSON document."""

    name = "json"

    def stats(self, result: ModelStats) -> None:
        """Write the document."""
        from orgmodel.formatters.envelope import write_document

        write_document(self.stream, {"command": "stats", "stats": result.to_dict()})


class StatsTextFormatter(Formatter):
    """The figures for people: the headline figures, then one aligned table per measure."""

    name = "text"

    def stats(self, result: ModelStats) -> None:
        """Write the summary and the tables, a blank line between two."""
        write = self.stream.write
        write(f"{escape.text(shown(result.kommune))} ({escape.text(result.path)})\n")
        for label, value in summary_lines(result):
            write(f"  {label}: {_plain(value, escape.text)}\n")
        for table in tables(result):
            write(f"\n{table.title}\n")
            if not table.rows:
                write("  " + escape.text(table.note or _("none")) + "\n")
                continue
            # 90 schools in one cell made the coverage table screens wide (a tour): its lists are cut to 40
            room = 40 if table.key == "coverage" else None
            head = [_plain(h, escape.text) for h in table.header]
            cells = [head, *([_plain(c, escape.text, room) for c in row] for row in table.rows)]
            widths = [max(len(row[i]) for row in cells) for i in range(len(table.header))]
            for row in cells:
                line = "  ".join(
                    cell.ljust(width) if i == 0 or not _numeric(cell) else cell.rjust(width)
                    for i, (cell, width) in enumerate(zip(row, widths, strict=True))
                )
                write(f"  {line.rstrip()}\n")
            if table.note:
                write(f"  ({escape.text(table.note)})\n")


def _shortened(items: list[str], room: int) -> str:
    """Names in a cell, cut after those that fit in ``room`` characters: 'a; b and 16 more'."""
    cell = "; ".join(items)
    if len(cell) <= room or len(items) < 3:
        return cell
    kept = items[:1]
    for item in items[1:]:
        if len("; ".join([*kept, item])) > room:
            break
        kept.append(item)
    return _("{units} and {n} more").format(units="; ".join(kept), n=len(items) - len(kept))


def _numeric(cell: str) -> bool:
    """A figure (1.5, bokmål's 1,5 and 1 256) or a dash: right-aligned."""
    return cell.replace(" ", "").replace(".", "", 1).replace(",", "", 1).isdigit() or cell == "-"


class StatsMarkdownFormatter(Formatter):
    """The figures for a document: a heading, the headline figures as a list, a table per measure."""

    name = "markdown"

    def stats(self, result: ModelStats) -> None:
        """Write the Markdown document."""
        write = self.stream.write
        write(
            "# "
            + _("{kommune}: organisation figures").format(kommune=escape.markdown(shown(result.kommune)))
            + "\n\n"
        )
        write(_("Model: {path}").format(path=escape.markdown_code(result.path)) + "\n\n")
        for label, value in summary_lines(result):
            write(f"- {escape.markdown(label)}: {_plain(value, escape.markdown)}\n")
        for table in tables(result):
            write(f"\n## {escape.markdown(table.title)}\n\n")
            if table.rows:
                write(_markdown_table(table))
            if table.note:
                write(
                    f"\n_{escape.markdown(table.note)}_\n"
                    if table.rows
                    else f"{escape.markdown(table.note)}\n"
                )
            elif not table.rows:
                write(_("None.") + "\n")


def _markdown_table(table: Table) -> str:
    head = "| " + " | ".join(_plain(h, escape.markdown) for h in table.header) + " |\n"
    numeric = [
        i > 0 and all(isinstance(row[i], int | float) or row[i] is None for row in table.rows)
        for i in range(len(table.header))
    ]
    rule = "|" + "|".join("---:" if right else ":---" for right in numeric) + "|\n"
    body = "".join(
        "| " + " | ".join(_plain(cell, escape.markdown) for cell in row) + " |\n" for row in table.rows
    )
    return head + rule + body


class StatsCsvFormatter(Formatter):
    """The figures for a spreadsheet: one row per figure (``section,row,column,value``)."""

    name = "csv"

    def stats(self, result: ModelStats) -> None:
        """Write the header and every figure; a text value never starts a formula."""
        writer = csv.writer(self.stream, lineterminator="\n")
        writer.writerow(("section", "row", "column", "value"))
        for label, value in summary_lines(result):
            writer.writerow(("summary", label, "value", _csv(value)))
        for table in tables(result):
            for row, row_key in zip(table.rows, table.row_keys(), strict=True):
                key = _csv(row_key)
                for header, cell in zip(table.columns()[1:], row[1:], strict=True):
                    writer.writerow((table.key, key, header, _csv(cell)))


def _csv(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, Names):  # ids for programs; names are in the JSON
        return escape.csv_cell(value.ids())
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    return escape.csv_cell(value)
