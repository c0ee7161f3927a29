"""Human-readable output: one line per finding, the YAML line under it, a summary; coloured on a terminal."""

from __future__ import annotations

from orgmodel import escape
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.engine import FileResult, Report
from orgmodel.formatters import CheckFormatter
from orgmodel.formatters.console import LineWriter, Piece, line_writer
from orgmodel.i18n import _, ngettext

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


MAX_SHOWN = 240  # characters of a source line shown under a finding


def clip(source: str, col: int) -> tuple[str, int]:
    """A long line cut to a window around 1-based ``col``, and the column inside the window."""
    if len(source) <= MAX_SHOWN:
        return source, col
    start = max(0, min(col - 1 - MAX_SHOWN // 4, len(source) - MAX_SHOWN))
    shown = source[start : start + MAX_SHOWN]
    head = "…" if start > 0 else ""
    tail = "…" if start + MAX_SHOWN < len(source) else ""
    return head + shown + tail, col - start + len(head)


def quoted_source(source: str, col: int, width: int) -> tuple[str, int, int]:
    r"""A source line clipped around 1-based ``col`` and escaped, with the column and width inside it.

    Raw escape bytes in a quoted line would reach the terminal; shown as
    ``\x1b`` they move the columns after them, so the marker moves too.
    """
    shown, col = clip(source, col)
    before, marked = escape.text(shown[: col - 1]), escape.text(shown[col - 1 : col - 1 + width])
    return escape.text(shown), len(before) + 1, max(1, len(marked))


def suppressed_words(suppressed: int, unexplained: int) -> str:
    """How many findings suppressions silenced, not claiming a reason that was not given."""
    if not unexplained:
        return ngettext("{n} suppressed with a reason", "{n} suppressed with a reason", suppressed).format(
            n=suppressed
        )
    if unexplained == suppressed:
        return ngettext(
            "{n} suppressed without a reason", "{n} suppressed without a reason", suppressed
        ).format(n=suppressed)
    return _("{n} suppressed ({unexplained} without a reason)").format(n=suppressed, unexplained=unexplained)


def count_words(errors: int, warnings: int, infos: int) -> str:
    """'2 errors, 1 warning, 3 info' in the current language (info only when there is some)."""
    parts = [
        ngettext("{n} error", "{n} errors", errors).format(n=errors),
        ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    ]
    if infos:
        parts.append(ngettext("{n} info", "{n} info", infos).format(n=infos))
    return ", ".join(parts)


class TextFormatter(CheckFormatter):
    """``path:line:col: CODE name message``, the offending YAML line, and a summary line."""

    name = "text"

    def _lines(self) -> LineWriter:
        if not hasattr(self, "_writer"):
            self._writer = line_writer(self.stream, self.color)
        return self._writer

    def handle(self, result: FileResult) -> None:
        out = self._lines()
        for diag in result.diagnostics:
            out.line(*self.headline(diag))
            document = result.document if diag.path == result.path else result.sources.get(diag.path)
            source = document.line_text(diag.line).rstrip() if document is not None else ""
            if source.strip():
                width = 1
                if diag.end_line == diag.line and diag.end_col and diag.end_col > diag.col:
                    width = diag.end_col - diag.col
                shown, col, width = quoted_source(source, diag.col, width)
                gutter = f"{diag.line:>6} | "
                out.line((gutter + shown, "dim"))
                marker = " " * (col - 1) + "^" * max(1, min(width, len(shown) - col + 1))
                out.line((" " * 6 + " | ", "dim"), (marker, f"dim {_STYLE[diag.severity]}"))
            if diag.hint:
                out.line(("       = " + _("hint: ") + escape.text(diag.hint), "dim"))
        if not result.rules_run and result.diagnostics:
            path = escape.text(result.path)
            note = _("{path}: the rules did not run; fix the errors above first").format(path=path)
            out.line((note, "dim"))

    @staticmethod
    def headline(diag: Diagnostic) -> tuple[Piece, ...]:
        """The first line of a finding, flake8 style, all of it bold."""
        severity = f"bold {_STYLE[diag.severity]}"
        return (
            (f"{escape.text(diag.path)}:{diag.line}:{diag.col}: ", "bold"),
            (f"{escape.text(diag.code)} ", severity),
            (f"{escape.text(diag.name)} ", "bold dim"),
            (f"[{diag.severity.value}] ", severity),
            (escape.text(diag.message), "bold"),
        )

    def finish(self, report: Report) -> None:
        if self.options.get("quiet"):  # --quiet: the findings only
            return
        out = self._lines()
        files = len(report.files)
        if files == 0:
            out.line((_("no model files found"), "yellow"))
            return
        errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
        infos = report.count(Severity.INFO)
        mark, style = ("✓", "bold green") if not errors and not warnings and not infos else ("✗", "bold red")
        if not errors and (warnings or infos):
            mark, style = "!", "bold yellow"
        line = ngettext(
            "{counts} in {n} file ({coverage})", "{counts} in {n} files ({coverage})", files
        ).format(counts=count_words(errors, warnings, infos), n=files, coverage=self.coverage(report))
        out.line((f"{mark} {line}", style))

    @staticmethod
    def coverage(report: Report) -> str:
        """What the rules covered: units checked, files the rules did not run on, suppressions."""
        checked = [f for f in report.files if f.rules_run and f.model is not None]
        stopped = len(report.files) - len(checked)
        suppressed = sum(f.suppressed for f in report.files)
        unexplained = sum(f.suppressed_without_reason for f in report.files)
        if not checked:
            what = _("the rules did not run")
        else:
            units = sum(len(f.model.units) for f in checked if f.model)
            what = ngettext("{n} unit checked", "{n} units checked", units).format(n=units)
            if stopped:
                what += ngettext(
                    "; the rules did not run on {n} file", "; the rules did not run on {n} files", stopped
                ).format(n=stopped)
        what += ", " + suppressed_words(suppressed, unexplained) if suppressed else ""
        known = f", {report.baselined} {escape.text(report.baselined_words)}" if report.baselined else ""
        return what + known
