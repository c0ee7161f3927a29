"""The types a diff returns: every change has a stable kind and a stable id.

A change's ``id`` is built from its kind and the ids involved (never a line
number), so CI can allow-list an accepted change with ``--allow ID`` or an
``allow:`` list in ``.orgmodel.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GROUPS = ("people", "structure", "places", "services", "principles")
GROUP_TITLES = {
    "people": "People affected",
    "structure": "Structure",
    "places": "Places",
    "services": "Services",
    "principles": "Principles (rule findings)",
}

# kind -> (group, what it means). The kinds are a contract: never rename one.
KINDS: dict[str, tuple[str, str]] = {
    "model-added": ("structure", "a model file exists only in NEW"),
    "model-removed": ("structure", "a model file exists only in OLD"),
    "unit-added": ("structure", "a unit exists only in NEW"),
    "unit-removed": ("structure", "a unit exists only in OLD"),
    "unit-renamed": ("structure", "a unit's name or id changed (ids matched by rename detection)"),
    "unit-moved": ("structure", "a unit has a new personnel parent; its whole subtree moved with it"),
    "unit-relevelled": ("structure", "a unit's level changed (often with its kind: virksomhet -> avdeling)"),
    "levels-renumbered": (
        "structure",
        "every unit's level moved by the same step (another level convention)",
    ),
    "unit-kind-changed": (
        "structure",
        "a unit's kind changed at the same level (e.g. avdeling -> virksomhet)",
    ),
    "unit-merged": ("structure", "two or more units in OLD became one unit in NEW"),
    "unit-split": ("structure", "one unit in OLD became two or more units in NEW"),
    "professional-line-added": ("structure", "a unit gained a professional (faglig) reporting line"),
    "professional-line-removed": ("structure", "a unit lost a professional (faglig) reporting line"),
    "leader-changed": ("structure", "a unit's leader title changed"),
    "staff-changed": ("structure", "a unit's declared staff (employees without a leader role) changed"),
    "budget-changed": ("structure", "a unit's budget responsibility changed"),
    "role-changed": ("structure", "a unit's role (authority, provider, staff, ...) changed"),
    "supervision-changed": ("structure", "the units a unit supervises changed"),
    "pilot-changed": ("structure", "a unit's pilot marking changed"),
    "span-changed": ("structure", "a leader's span of control changed (direct reports: leaders plus staff)"),
    "kommunedel-added": ("places", "a kommunedel exists only in NEW"),
    "kommunedel-removed": ("places", "a kommunedel exists only in OLD"),
    "kommunedel-changed": ("places", "a kommunedel's name, number or description changed"),
    "site-added": ("places", "a site exists only in NEW"),
    "site-removed": ("places", "a site exists only in OLD"),
    "site-changed": ("places", "a site's name, kind, kommunedel or address changed"),
    "unit-sites-changed": ("places", "the sites a unit works at changed"),
    "unit-kommunedeler-changed": ("places", "the kommunedeler a unit covers changed"),
    "service-added": ("services", "a service exists only in NEW"),
    "service-removed": ("services", "a service exists only in OLD"),
    "service-changed": ("services", "a service's name, category, vedtak or local marking changed"),
    "unit-delivers-changed": ("services", "the services a unit delivers changed"),
    "unit-decides-changed": ("services", "the services a unit decides (grants by vedtak) changed"),
    "service-uncovered": ("services", "a local service is no longer delivered in a kommunedel"),
    "service-covered": ("services", "a local service is now delivered in a kommunedel"),
    "persona-added": ("people", "a persona (fictional user) exists only in NEW"),
    "persona-removed": ("people", "a persona exists only in OLD"),
    "persona-changed": ("people", "a persona's kommunedel or needs changed"),
    "persona-contact-changed": ("people", "a persona meets different contact units"),
    "persona-decider-changed": (
        "people",
        "a persona's vedtak are decided by different units (saksbehandlere)",
    ),
    "finding-new": ("principles", "a rule finding in NEW that OLD did not have"),
    "finding-resolved": ("principles", "a rule finding in OLD that NEW no longer has"),
    "finding-changed": (
        "principles",
        "the same rule finding (rule, unit, what is breached) with other numbers or severity",
    ),
    "finding-suppressed": (
        "principles",
        "a rule finding in OLD that NEW silences with an inline suppression (not resolved)",
    ),
    "suppression-added": ("principles", "an inline '# orgmodel: ignore[RULE] reason' exists only in NEW"),
    "suppression-removed": ("principles", "an inline '# orgmodel: ignore[RULE] reason' exists only in OLD"),
}


def group_of(kind: str) -> str:
    """The output group of a kind."""
    return KINDS[kind][0]


@dataclass(frozen=True)
class Change:
    """One change between OLD and NEW.

    ``unit`` is the id of what changed (a unit, kommunedel, site, service or
    persona; its NEW id, or its OLD id when it was removed); ``before`` and
    ``after`` are plain JSON values; ``count`` is the number of units that
    moved along with a moved unit, ``people`` the people whose personnel line
    changed with it (leaders plus declared staff).
    """

    kind: str
    id: str
    message: str
    unit: str | None = None
    name: str | None = None
    before: Any = None
    after: Any = None
    count: int | None = None
    people: int | None = None
    severity: str | None = None
    allowed: bool = False

    @property
    def group(self) -> str:
        """The group the change is shown under."""
        return group_of(self.kind)


@dataclass(frozen=True)
class MetricRow:
    """One before -> after number of a derived measure (None: absent on that side)."""

    key: str
    label: str
    before: int | None
    after: int | None

    @property
    def changed(self) -> bool:
        """Whether the number differs."""
        return self.before != self.after


@dataclass(frozen=True)
class MetricTable:
    """A derived measure over the whole model, e.g. leaders per span bucket."""

    name: str
    title: str
    rows: tuple[MetricRow, ...]
    show_all: bool = False

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


@dataclass
class FindingDelta:
    """Rule findings new in NEW, resolved since OLD, changed (OLD, NEW pairs) and unchanged.

    Findings are matched by fingerprint (rule code, unit, what is breached);
    ``changed`` holds the pairs whose message or severity differs; ``suppressed``
    the findings of OLD that NEW silences with an inline suppression.
    """

    new: list[Any] = field(default_factory=list)
    resolved: list[Any] = field(default_factory=list)
    unchanged: list[Any] = field(default_factory=list)
    changed: list[tuple[Any, Any]] = field(default_factory=list)
    suppressed: list[Any] = field(default_factory=list)  # resolved only because NEW suppresses them


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
    old_model: Any = field(default=None, repr=False, compare=False)
    new_model: Any = field(default=None, repr=False, compare=False)
    matching: Any = field(default=None, repr=False, compare=False)

    def by_group(self, group: str) -> list[Change]:
        """The changes shown under one group, in order."""
        return [c for c in self.changes if c.group == group]

    def count(self, kind: str) -> int:
        """How many changes have this kind."""
        return sum(1 for c in self.changes if c.kind == kind)
