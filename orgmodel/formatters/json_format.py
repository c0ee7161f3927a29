"""Machine-readable output: one JSON document whose shape is ``CheckOutput`` (docs/json-output.md).

The shape is stable within format version 1: fields may be added, none are
renamed or removed. ``docs/check-output.schema.json`` is generated from it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.checked import FileResult, Report
from orgmodel.diagnostic import Severity
from orgmodel.formatters import CheckFormatter
from orgmodel.formatters.diagnostic_out import DiagnosticOut, diagnostic_out
from orgmodel.formatters.envelope import ENVELOPE_KEYS, envelope, write_document


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FileOut(_Out):
    """One checked file."""

    path: str
    units: int | None
    rules_run: bool
    suppressed: int
    suppressed_without_reason: int
    diagnostics: list[DiagnosticOut]


class SummaryOut(_Out):
    """Counts over all files."""

    files: int
    errors: int
    warnings: int
    info: int
    known: int | None = Field(
        default=None,
        description="findings taken out as already known by --baseline or --new-since (not in files); "
        "present only when there are any",
    )


class RulesetOut(_Out):
    """Which ruleset was applied (the file and every file it extends, base first)."""

    path: str
    chain: list[str]


class CheckOutput(_Out):
    """The whole output of ``orgmodel check --format json``."""

    tool: Literal["orgmodel"]
    version: str
    format: Literal[1]
    ruleset: RulesetOut
    files: list[FileOut]
    summary: SummaryOut
    failures: list[str] = Field(
        default_factory=list,
        description="the errors that stopped the run with no line to show them at (a path that does not "
        "exist, a selector that names no rule, a baseline or git revision the gate cannot read); present "
        "only when there are any, and then files is empty and the exit code is 2",
    )


def _file(result: FileResult) -> FileOut:
    return FileOut(
        path=result.path,
        units=result.units,
        rules_run=result.rules_run,
        suppressed=result.suppressed,
        suppressed_without_reason=result.suppressed_without_reason,
        diagnostics=[diagnostic_out(d) for d in result.diagnostics],
    )


class JsonFormatter(CheckFormatter):
    """The whole report as one JSON document."""

    name = "json"

    def finish(self, report: Report) -> None:
        out = CheckOutput(
            **envelope(),
            ruleset=RulesetOut(path=report.ruleset.path, chain=report.ruleset.chain),
            files=[_file(f) for f in report.files],
            summary=SummaryOut(
                files=len(report.files),
                errors=report.count(Severity.ERROR),
                warnings=report.count(Severity.WARNING),
                info=report.count(Severity.INFO),
                known=report.baselined or None,
            ),
            failures=report.failures,
        )
        hidden: dict[str, Any] = {key: True for key in ENVELOPE_KEYS}
        if not report.failures:
            hidden["failures"] = True
        if not report.baselined:
            hidden["summary"] = {"known"}
        write_document(self.stream, out.model_dump(mode="json", exclude=hidden))
