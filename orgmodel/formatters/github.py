"""``orgmodel check --format github``: one GitHub Actions workflow command per finding.

``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=OM120 span-of-control::MESSAGE``
makes an annotation on the finding's line in the pull request (severity
error -> ``error``, warning -> ``warning``, info -> ``notice``). Column and
end column are sent only when a finding starts and ends on one line, as
GitHub accepts them. Every value is escaped as GitHub's toolkit
(@actions/core) escapes it, after the terminal escape (``escape.text``), so
a name holding ``::``, a comma or a line break stays inside its command.
A run stopped by an error with no line to show it at (a path that does not exist, a
selector that names no rule) writes ``::error title=orgmodel::MESSAGE``, an
annotation of the workflow run.
"""

from __future__ import annotations

from orgmodel.checked import CheckedModel, Report
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.escape import text
from orgmodel.formatters import CheckFormatter
from orgmodel.formatters.ci import relative_path
from orgmodel.formatters.envelope import TOOL
from orgmodel.i18n import _

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """A command's message, as the toolkit's ``escapeData``: % then CR and LF percent-encoded."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value, as the toolkit's ``escapeProperty``: the data escapes, then ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(diag: Diagnostic) -> str:
    """The workflow command of one finding."""
    props = [("file", relative_path(diag.path)), ("line", str(diag.line))]
    one_line = diag.end_line is None or diag.end_line == diag.line
    if one_line:
        props.append(("col", str(diag.col)))
    if diag.end_line is not None and diag.end_line >= diag.line:
        props.append(("endLine", str(diag.end_line)))
        if one_line and diag.end_col is not None and diag.end_col >= diag.col:
            props.append(("endColumn", str(diag.end_col)))
    props.append(("title", f"{diag.code} {diag.name}"))
    shown = ",".join(f"{key}={escape_property(text(value))}" for key, value in props)
    message = text(diag.message) + ("\n" + _("hint: ") + text(diag.hint) if diag.hint else "")
    return f"::{COMMAND[diag.severity]} {shown}::{escape_data(message)}"


class GithubFormatter(CheckFormatter):
    """One workflow command per finding, file by file as the files are checked."""

    name = "github"

    def handle(self, result: CheckedModel) -> None:
        """Write the file's commands."""
        for diag in result.diagnostics:
            self.stream.write(command(diag) + "\n")

    def finish(self, report: Report) -> None:
        """A run stopped by an error with no line to show it at: each error an annotation of the run."""
        for failure in report.failures:
            self.stream.write(f"::error title={escape_property(TOOL)}::{escape_data(text(failure))}\n")
