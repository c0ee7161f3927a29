"""Words shared by the diff formats: one summary sentence per group, counts in plain language."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from orgmodel.diff.kinds import GROUPS, KINDS, Change, DiffResult

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport


def phrase(kind: str, count: int) -> str:
    """'3 units moved': the phrase ``diff.kinds.KINDS`` gives the kind."""
    return KINDS[kind].phrase(count)


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 person', '2 people'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def people_sentence(result: DiffResult) -> str:
    """How many people get a new personnel line, and what that number counts."""
    n = result.people.new_leader
    what = "leaders and declared staff" if result.people.staff_known else "leaders only: no staff declared"
    verb = "gets" if n == 1 else "get"
    return f"{plural(n, 'person', 'people')} {verb} a new personnel line ({what})"


def group_summary(result: DiffResult, group: str) -> str:
    """One line per group for a summary table."""
    changes = result.by_group(group)
    parts: list[str] = []
    if group == "people":
        parts.append(people_sentence(result))
    kinds = Counter(c.kind for c in changes)
    for kind, count in kinds.items():
        if group == "principles":
            continue
        parts.append(phrase(kind, count))
    if group == "principles":
        parts.append(findings_summary(result))
    allowed = sum(1 for c in changes if c.allowed)
    if allowed:
        parts.append(f"{allowed} allowed")
    return "; ".join(parts) if parts else "no change"


def findings_summary(result: DiffResult) -> str:
    """'1 new finding (1 error), 2 resolved, 1 changed, 5 unchanged'."""
    delta = result.findings
    if delta is None:
        return "rules not run"
    severities = Counter(d.severity.value for d in delta.new)
    detail = ", ".join(plural(n, s, s if s == "info" else None) for s, n in sorted(severities.items()))
    new = phrase("finding-new", len(delta.new)) + (f" ({detail})" if detail else "")
    changed, unchanged = len(delta.changed), len(delta.unchanged)
    quiet = f", {len(delta.suppressed)} suppressed in this change" if delta.suppressed else ""
    line = f"{new}, {len(delta.resolved)} resolved{quiet}, {changed} changed, {unchanged} unchanged"
    kinds = Counter(c.kind for c in result.changes if c.kind.startswith("suppression-"))
    return "; ".join([line, *(phrase(kind, n) for kind, n in sorted(kinds.items()))])


def total_line(report: DiffReport) -> str:
    """The last line: how many changes in how many files."""
    changes = report.changes
    files = len(report.files)
    groups = Counter(c.group for c in changes)
    detail = ", ".join(f"{groups[g]} {g}" for g in GROUPS if groups[g])
    text = f"{plural(len(changes), 'change')} in {plural(files, 'file')}"
    return text + (f" ({detail})" if detail else "")


def sorted_changes(changes: list[Change]) -> list[Change]:
    """Changes in display order (already grouped by the library; stable)."""
    return list(changes)
