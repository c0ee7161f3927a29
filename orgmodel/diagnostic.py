"""The one Diagnostic type shared by YAML errors, schema errors and rule findings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class Severity(StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """A number that grows with seriousness (info 1, warning 2, error 3)."""
        return _RANK[self]


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class HasSpan(Protocol):
    """Anything with a 1-based start and end position (the loader's Span)."""

    @property
    def line(self) -> int: ...  # noqa: D102
    @property
    def col(self) -> int: ...  # noqa: D102
    @property
    def end_line(self) -> int: ...  # noqa: D102
    @property
    def end_col(self) -> int: ...  # noqa: D102


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding at a 1-based position in one file.

    ``code`` is stable (``OM101``); ``name`` is the rule's kebab-case name.
    ``unit`` is the id of the unit (or other element) the finding is about,
    when there is one: it is what the diff matches findings by, since lines move.
    """

    path: str
    line: int
    col: int
    code: str
    name: str
    severity: Severity
    message: str
    end_line: int | None = None
    end_col: int | None = None
    hint: str | None = None
    unit: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def at(
        cls,
        path: str,
        span: HasSpan,
        code: str,
        name: str,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        hint: str | None = None,
        unit: str | None = None,
    ) -> Diagnostic:
        """A diagnostic covering ``span`` in ``path``."""
        return cls(
            path=path,
            line=span.line,
            col=span.col,
            end_line=span.end_line,
            end_col=span.end_col,
            code=code,
            name=name,
            severity=severity,
            message=message,
            hint=hint,
            unit=unit,
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order diagnostics by file, position, code and message."""
        return (self.path, self.line, self.col, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The stable machine form used by the JSON and other machine formats."""
        data = asdict(self)
        data["severity"] = self.severity.value
        if not data["extra"]:
            del data["extra"]
        return data
