"""``orgmodel diff --format json``: one JSON document whose shape is ``DiffOutput``.

Stable within format version 1: fields may be added, none renamed or
removed. Each change has a ``kind`` (listed by ``orgmodel diff --list-kinds``)
and an ``id`` built from the kind and the ids involved, never a line number.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer

from orgmodel.diff.kinds import GROUPS, Change
from orgmodel.diff.result import DiffResult, MetricTable, Partial
from orgmodel.formatters import Formatter
from orgmodel.formatters.diagnostic_out import DiagnosticOut
from orgmodel.formatters.envelope import ENVELOPE_KEYS, envelope, write_document

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChangeOut(_Out):
    """One change."""

    kind: str
    id: str
    group: Literal["people", "structure", "places", "services", "principles"]
    unit: str | None
    name: str | None
    before: Any
    after: Any
    message: str
    count: int | None
    people: int | None
    severity: Literal["error", "warning", "info"] | None
    allowed: bool


class PartialOut(_Out):
    """A partial weighted hensyn score: the weighted mean of the ``scored`` of ``of`` hensyn scored."""

    score: float
    scored: int
    of: int


class MetricRowOut(_Out):
    """One row of a derived measure (null: absent on that side).

    A weighted hensyn score is null on a side that left a hensyn unscored; that side's
    ``before_partial`` or ``after_partial`` then holds the score over the hensyn it scored
    (the keys are there only then).
    """

    key: str
    label: str
    before: int | float | None
    after: int | float | None
    before_partial: PartialOut | None = None
    after_partial: PartialOut | None = None

    @model_serializer(mode="wrap")
    def _present_partials(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The partial scores only where there is one: the other rows keep their four keys."""
        data: dict[str, Any] = handler(self)
        for key in ("before_partial", "after_partial"):
            if data.get(key) is None:
                data.pop(key, None)
        return data


class MetricOut(_Out):
    """A derived measure before -> after."""

    name: str
    title: str
    rows: list[MetricRowOut]


class PeopleOut(_Out):
    """Who is affected."""

    new_personnel_line: int
    staff_declared: bool
    personas: list[str]


class ChangedFindingOut(_Out):
    """One finding on both sides with the same fingerprint but other numbers or severity."""

    before: DiagnosticOut
    after: DiagnosticOut


class CarriedFindingOut(_Out):
    """A finding of units merged (or of a unit split) that the unit they became still has."""

    before: list[DiagnosticOut]  # one per merged unit that had it; the split unit's
    after: DiagnosticOut
    merged: bool  # true: a merger; false: a split


class FindingsOut(_Out):
    """The rule delta; ``carried`` findings are counted as changed in the summaries."""

    new: list[DiagnosticOut]
    resolved: list[DiagnosticOut]
    changed: list[ChangedFindingOut]
    unchanged: int
    suppressed: list[DiagnosticOut] = []
    carried: list[CarriedFindingOut] = []


class FileDiffOut(_Out):
    """The comparison of one pair of files."""

    old: str | None
    new: str | None
    units_before: int | None
    units_after: int | None
    people: PeopleOut | None
    changes: list[ChangeOut]
    metrics: list[MetricOut]
    findings: FindingsOut | None
    problems: list[DiagnosticOut]


class SummaryOut(_Out):
    """Counts over all files."""

    files: int
    changes: int
    allowed: int
    by_group: dict[str, int]
    by_kind: dict[str, int]


class DiffOutput(_Out):
    """The whole output of ``orgmodel diff --format json``."""

    tool: Literal["orgmodel"]
    version: str
    format: Literal[1]
    command: Literal["diff"]
    old: str
    new: str
    ruleset: str | None
    notes: list[str] = []
    files: list[FileDiffOut]
    summary: SummaryOut


def _diag(diag: Any) -> DiagnosticOut:
    data = diag.to_dict()
    return DiagnosticOut.model_validate({key: data[key] for key in DiagnosticOut.model_fields})


def _change(change: Change) -> ChangeOut:
    return ChangeOut(
        kind=change.kind,
        id=change.id,
        group=change.group,
        unit=change.unit,
        name=change.name,
        before=change.before,
        after=change.after,
        message=change.message,
        count=change.count,
        people=change.people,
        severity=change.severity,
        allowed=change.allowed,
    )


def _metric(table: MetricTable) -> MetricOut:
    rows = [
        MetricRowOut(
            key=r.key,
            label=r.label,
            before=r.before,
            after=r.after,
            before_partial=_partial(r.partial[0]),
            after_partial=_partial(r.partial[1]),
        )
        for r in table.rows
    ]
    return MetricOut(name=table.name, title=table.title, rows=rows)


def _partial(partial: Partial | None) -> PartialOut | None:
    return None if partial is None else PartialOut(score=partial.score, scored=partial.scored, of=partial.of)


def _result(result: DiffResult) -> dict[str, Any]:
    findings = None
    if result.findings is not None:
        findings = FindingsOut(
            new=[_diag(d) for d in result.findings.new],
            resolved=[_diag(d) for d in result.findings.resolved],
            changed=[ChangedFindingOut(before=_diag(b), after=_diag(a)) for b, a in result.findings.changed],
            unchanged=len(result.findings.unchanged),
            suppressed=[_diag(d) for d in result.findings.suppressed],
            carried=[
                CarriedFindingOut(before=[_diag(d) for d in c.before], after=_diag(c.after), merged=c.merged)
                for c in result.findings.carried
            ],
        )
    people = None
    if result.old_model is not None:
        people = PeopleOut(
            new_personnel_line=result.people.new_leader,
            staff_declared=result.people.staff_known,
            personas=list(result.people.personas),
        )
    return {
        "units_before": result.old_units if result.old_model is not None else None,
        "units_after": result.new_units if result.new_model is not None else None,
        "people": people,
        "changes": [_change(c) for c in result.changes],
        "metrics": [_metric(t) for t in result.metrics],
        "findings": findings,
    }


def build(report: DiffReport) -> DiffOutput:
    """The output document of a report."""
    files = []
    for file in report.files:
        parts: dict[str, Any] = {"units_before": None, "units_after": None, "people": None}
        parts.update({"changes": [], "metrics": [], "findings": None})
        if file.result is not None:
            parts = _result(file.result)
        problems = [_diag(d) for d in file.problems]
        files.append(FileDiffOut(old=file.old_name, new=file.new_name, problems=problems, **parts))
    changes = report.changes
    by_kind: dict[str, int] = {}
    for change in changes:
        by_kind[change.kind] = by_kind.get(change.kind, 0) + 1
    return DiffOutput(
        **envelope(),
        command="diff",
        old=report.old,
        new=report.new,
        ruleset=report.ruleset.path if report.ruleset is not None else None,
        notes=list(report.notes),
        files=files,
        summary=SummaryOut(
            files=len(report.files),
            changes=len(changes),
            allowed=sum(1 for c in changes if c.allowed),
            by_group={g: sum(1 for c in changes if c.group == g) for g in GROUPS},
            by_kind=dict(sorted(by_kind.items())),
        ),
    )


def write_diff_json(stream: IO[str], report: DiffReport) -> None:
    """Write the document, indented, with a final newline."""
    write_document(stream, build(report).model_dump(mode="json", exclude=set(ENVELOPE_KEYS)))


class DiffJsonFormatter(Formatter):
    """The comparison as one JSON document (``DiffOutput``)."""

    name = "json"

    def diff(self, report: DiffReport) -> None:
        """Write the document."""
        write_diff_json(self.stream, report)
