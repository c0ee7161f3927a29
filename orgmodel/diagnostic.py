"""The one Diagnostic type shared by YAML errors, schema errors and rule findings."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from orgmodel.i18n import _, ngettext


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
_DIGITS = re.compile(r"[0-9]+")


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
    when there is one. ``key`` says what is breached when a rule can report
    several findings for one unit (``"max"`` or ``"min"`` of a span, the name
    of a category, the target of a line). The three make the ``fingerprint``
    that the diff (and, later, baselines) match findings by, since lines move
    and numbers change.
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
    key: str | None = None
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
        key: str | None = None,
    ) -> Diagnostic:
        """A diagnostic covering ``span`` in ``path`` (in ``span.path`` when the span names a part file)."""
        return cls(
            path=getattr(span, "path", None) or path,
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
            key=key,
        )

    @property
    def fingerprint(self) -> str:
        """A short stable hash of what the finding is about: (code, unit, key).

        It never includes the message text, a measured number, a line number
        or the file's path, so it survives moved lines, changed numbers and a
        file compared under another name (``main:models/x.yaml`` against
        ``models/x.yaml``); a baseline pairs it with the path itself.

        A finding with no ``unit`` (a YAML or schema error, a file-level
        problem) has no id to stand on: it falls back to (code, key) when the
        rule gives a key, else to (code, the message with every digit
        removed), so "units[3]: unknown key 'parnet'" keeps its fingerprint
        when lines or list positions shift, but a different message is a
        different finding.
        """
        parts: tuple[str, ...]
        if self.unit is not None:
            parts = ("unit", self.code, self.unit, self.key or "")
        elif self.key is not None:
            parts = ("key", self.code, self.key)
        else:
            parts = ("message", self.code, _DIGITS.sub("", self.message))
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order diagnostics by file, position, code and message."""
        return (self.path, self.line, self.col, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The stable machine form used by the JSON and other machine formats."""
        data = asdict(self)
        data["severity"] = self.severity.value
        data["fingerprint"] = self.fingerprint
        if not data["extra"]:
            del data["extra"]
        return data


class ConfigError(Exception):
    """A usage or configuration problem: exit code 2, with diagnostics where they have a position.

    It lives here, at the bottom, so that every layer can raise it;
    ``orgmodel.ruleset`` re-exports it under its old address.
    """

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []


def found_note(model: str, others: int = 0) -> str:
    """The words naming the model(s) a ruleset finding was found checking."""
    if not others:
        return _("found checking {model}").format(model=model)
    return ngettext(
        "found checking {model} and {count} other model",
        "found checking {model} and {count} other models",
        others,
    ).format(model=model, count=others)
