"""One finding per line: ``json-lines`` (a JSON object each) and ``concise`` (``path:line:col: CODE ...``).

Both stream: each file's findings are written when the file is checked.
``json-lines`` objects have the fields of a finding in the ``json`` format
(``DiagnosticOut``); ``concise`` is ``path:line:col: CODE [severity]
message``, as ruff's concise output, for grep and editors' problem matchers,
coloured only on a terminal, every name escaped for it.
"""

from __future__ import annotations

from orgmodel import escape
from orgmodel.engine import CheckedModel
from orgmodel.formatters import CheckFormatter
from orgmodel.formatters.console import line_writer
from orgmodel.formatters.diagnostic_out import diagnostic_out


class JsonLinesFormatter(CheckFormatter):
    """One JSON object per finding per line."""

    name = "json-lines"

    def handle(self, result: CheckedModel) -> None:
        """Write the file's findings."""
        for diag in result.diagnostics:
            out = diagnostic_out(diag).model_dump(mode="json")
            self.stream.write(escape.json_dumps(out, indent=None) + "\n")


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class ConciseFormatter(CheckFormatter):
    """``path:line:col: CODE [severity] message``, one line per finding."""

    name = "concise"

    def handle(self, result: CheckedModel) -> None:
        """Write the file's findings."""
        if not result.diagnostics:
            return
        if not hasattr(self, "_writer"):
            self._writer = line_writer(self.stream, self.color)
        for diag in result.diagnostics:
            severity = f"bold {_STYLE[diag.severity.value]}"  # the whole line is bold
            self._writer.line(
                (f"{escape.text(diag.path)}:{diag.line}:{diag.col}: ", "bold"),
                (escape.text(diag.code), severity),
                (f" [{diag.severity.value}] {escape.text(diag.message)}", "bold"),
            )
