"""Words shared by the diff formats: one summary sentence per group, counts in plain language."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from orgmodel.diff.kinds import GROUPS, Change, DiffResult

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport

# kind -> (one, many): "1 unit added", "3 units added"
_PHRASES: dict[str, tuple[str, str]] = {
    "model-added": ("model file added", "model files added"),
    "model-removed": ("model file removed", "model files removed"),
    "unit-added": ("unit added", "units added"),
    "unit-removed": ("unit removed", "units removed"),
    "unit-renamed": ("unit renamed", "units renamed"),
    "unit-moved": ("unit moved", "units moved"),
    "unit-relevelled": ("unit re-levelled", "units re-levelled"),
    "unit-kind-changed": ("unit changed kind", "units changed kind"),
    "levels-renumbered": ("renumbering of every level", "renumberings of every level"),
    "unit-merged": ("merger", "mergers"),
    "unit-split": ("split", "splits"),
    "professional-line-added": ("professional line added", "professional lines added"),
    "professional-line-removed": ("professional line removed", "professional lines removed"),
    "leader-changed": ("leader title changed", "leader titles changed"),
    "staff-changed": ("staff number changed", "staff numbers changed"),
    "budget-changed": ("budget responsibility changed", "budget responsibilities changed"),
    "role-changed": ("role changed", "roles changed"),
    "supervision-changed": ("supervision changed", "supervisions changed"),
    "pilot-changed": ("pilot marking changed", "pilot markings changed"),
    "span-changed": ("span of control changed", "spans of control changed"),
    "kommunedel-added": ("kommunedel added", "kommunedeler added"),
    "kommunedel-removed": ("kommunedel removed", "kommunedeler removed"),
    "kommunedel-changed": ("kommunedel changed", "kommunedeler changed"),
    "site-added": ("site added", "sites added"),
    "site-removed": ("site removed", "sites removed"),
    "site-changed": ("site changed", "sites changed"),
    "unit-sites-changed": ("unit works at other sites", "units work at other sites"),
    "unit-kommunedeler-changed": ("unit covers other kommunedeler", "units cover other kommunedeler"),
    "service-added": ("service added", "services added"),
    "service-removed": ("service removed", "services removed"),
    "service-changed": ("service changed", "services changed"),
    "unit-delivers-changed": ("unit delivers other services", "units deliver other services"),
    "unit-decides-changed": ("unit decides other services", "units decide other services"),
    "persona-added": ("persona added", "personas added"),
    "persona-removed": ("persona removed", "personas removed"),
    "persona-changed": ("persona changed", "personas changed"),
    "service-uncovered": ("local service lost in a kommunedel", "local services lost in kommunedeler"),
    "service-covered": ("local service gained in a kommunedel", "local services gained in kommunedeler"),
    "persona-contact-changed": ("persona meets other contact units", "personas meet other contact units"),
    "persona-decider-changed": ("persona has other deciding units", "personas have other deciding units"),
    "finding-new": ("new finding", "new findings"),
    "finding-resolved": ("finding resolved", "findings resolved"),
    "finding-changed": ("finding changed", "findings changed"),
    "finding-suppressed": ("finding suppressed in this change", "findings suppressed in this change"),
    "suppression-added": ("suppression added", "suppressions added"),
    "suppression-removed": ("suppression removed", "suppressions removed"),
}


def phrase(kind: str, count: int) -> str:
    """'3 units moved'."""
    one, many = _PHRASES.get(kind, (kind.replace("-", " "), kind.replace("-", " ")))
    return f"{count} {one if count == 1 else many}"


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
