"""What ``orgmodel diff`` returns: the changes, the derived measures, who is affected and the findings.

``DiffResult`` is what every diff formatter renders (``orgmodel.formatters``); its
changes are ``orgmodel.diff.kinds.Change`` records, one kind each from ``KINDS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orgmodel.diff.kinds import Change


@dataclass(frozen=True)
class Partial:
    """A weighted score over the hensyn a side scored, when it left some of them unscored.

    ``score`` is the weighted mean of the scores given (their weights normalised anew to add up
    to 1), so it stays on the 1-5 scale; ``scored`` of ``of`` hensyn were scored.
    """

    score: float
    scored: int
    of: int


@dataclass(frozen=True)
class MetricRow:
    """One before -> after number of a derived measure (None: absent on that side).

    ``decimals``: shown with this many decimals on both sides (the weighted scores: 3.40 -> 3.43);
    ``partial``: each side's partial weighted score where its ``before`` or ``after`` is None
    because a hensyn is unscored.
    """

    key: str
    label: str
    before: float | None
    after: float | None
    decimals: int | None = None
    partial: tuple[Partial | None, Partial | None] = (None, None)

    @property
    def changed(self) -> bool:
        """Whether the number differs."""
        return self.before != self.after or self.partial[0] != self.partial[1]


@dataclass(frozen=True)
class MetricTable:
    """A derived measure over the whole model, e.g. leaders per span bucket."""

    name: str
    title: str
    rows: tuple[MetricRow, ...]
    show_all: bool = False
    always: bool = False  # shown (every row, in every format) even when nothing changed: the scorecard

    @property
    def changed(self) -> bool:
        """Whether any row differs."""
        return any(row.changed for row in self.rows)


@dataclass(frozen=True)
class People:
    """Who is affected: people with a new personnel line and personas with a new route."""

    new_leader: int
    staff_known: bool
    personas: tuple[str, ...]


@dataclass(frozen=True)
class Carried:
    """A finding of units merged (or of a unit split) that the merged unit (a part) still has.

    ``before`` holds the OLD findings (one per merged unit that had it; the split unit's one),
    ``after`` the NEW finding that continues them: the same rule and breach on the unit they
    became, so it is neither resolved nor new.
    """

    before: tuple[Any, ...]
    after: Any
    merged: bool  # True: the units of ``before`` merged; False: a split


@dataclass
class FindingDelta:
    """Rule findings new in NEW, resolved since OLD, changed (OLD, NEW pairs) and unchanged.

    Findings are matched by fingerprint (rule code, unit, what is breached);
    ``changed`` holds the pairs whose message or severity differs; ``carried``
    the findings of merged or split units that the unit(s) they became still have
    with other numbers (with the same, they are ``unchanged``); ``suppressed``
    the findings of OLD that NEW silences with an inline suppression.
    """

    new: list[Any] = field(default_factory=list)
    resolved: list[Any] = field(default_factory=list)
    unchanged: list[Any] = field(default_factory=list)
    changed: list[tuple[Any, Any]] = field(default_factory=list)
    carried: list[Carried] = field(default_factory=list)
    suppressed: list[Any] = field(default_factory=list)  # resolved only because NEW suppresses them

    def rose(self) -> list[tuple[Any, Any]]:
        """(OLD severity, NEW finding) of every changed or carried finding: a gate asks whether it rose."""
        pairs = [(was.severity, now) for was, now in self.changed]
        pairs += [(max((d.severity for d in c.before), key=lambda s: s.rank), c.after) for c in self.carried]
        return pairs


@dataclass
class DiffResult:
    """The semantic comparison of two models."""

    old_name: str
    new_name: str
    changes: list[Change]
    metrics: list[MetricTable] = field(default_factory=list)
    people: People = field(default_factory=lambda: People(0, True, ()))
    findings: FindingDelta | None = None
    old_units: int = 0
    new_units: int = 0
    # of those, the units outside the basisorganisasjon (an IKS and the units under it), which the
    # measures per level and area leave out
    old_outside: int = 0
    new_outside: int = 0
    old_model: Any = field(default=None, repr=False, compare=False)
    new_model: Any = field(default=None, repr=False, compare=False)
    matching: Any = field(default=None, repr=False, compare=False)
    old_journeys: Any = field(default=None, repr=False, compare=False)
    """OLD's personas' journeys (``orgmodel.journeys.Journeys``): the report shows them beside NEW's."""

    def by_group(self, group: str) -> list[Change]:
        """The changes shown under one group, in order."""
        return [c for c in self.changes if c.group == group]

    def count(self, kind: str) -> int:
        """How many changes have this kind."""
        return sum(1 for c in self.changes if c.kind == kind)
