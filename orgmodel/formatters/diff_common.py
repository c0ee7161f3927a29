"""Words shared by the diff formats: one summary sentence per group, counts in plain language."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from orgmodel.diagnostic import Diagnostic
from orgmodel.diff.kinds import GROUPS, KINDS, Change
from orgmodel.diff.result import DiffResult, MetricRow, MetricTable, Partial
from orgmodel.i18n import _, decimal, ngettext
from orgmodel.i18n import number as number

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport


def sides(result: DiffResult) -> list[tuple[str, str]]:
    """Each side's own words about itself, (Before/After, 'proposal · status · date'), when they differ.

    A reconstruction or a draft compared with the adopted design is named as such, not only
    by its file name; two sides that say the same of themselves need no such line.
    """
    from orgmodel.render.tree import model_subtitle

    said = [
        (title, model_subtitle(model) if model is not None else "")
        for title, model in ((_("Before"), result.old_model), (_("After"), result.new_model))
    ]
    if said[0][1] == said[1][1]:
        return []
    return [(title, about) for title, about in said if about]


def metric_value(row: MetricRow, after: bool, missing: str = "-") -> str:
    """One side of a measure's row: '3.40' with the row's decimals; '3.45 (8 of 9 scored)' when partial."""
    value, partial = (row.after, row.partial[1]) if after else (row.before, row.partial[0])
    if value is None and partial is not None:
        return partial_score(partial)
    if value is not None and row.decimals is not None:
        return decimal(value, f".{row.decimals}f")
    return number(value, missing)


def partial_score(partial: Partial) -> str:
    """'3.45 (8 of 9 scored)': a weighted hensyn score over the hensyn a proposal scored."""
    # Translators: a partial weighted hensyn score: "3.45 (8 of 9 scored)"
    return _("{score} ({scored} of {of} scored)").format(
        score=decimal(partial.score, ".2f"), scored=partial.scored, of=partial.of
    )


def measures_heading(tables: list[MetricTable]) -> str:
    """The text heading of the measures: it says 'only rows that changed' only of tables shown so.

    The hensyn scorecard is shown in full, also when nothing changed (tour O: the heading sat
    over nine unchanged rows).
    """
    if all(t.always for t in tables):
        return _("Measures (before -> after)")
    if any(t.always for t in tables):
        return _("Measures (before -> after; only rows that changed, the hensyn scorecard in full)")
    return _("Measures (before -> after; only rows that changed)")


def phrase(kind: str, count: int) -> str:
    """'3 units moved': the phrase ``diff.kinds.KINDS`` gives the kind."""
    return KINDS[kind].phrase(count)


def people_counted(result: DiffResult) -> bool:
    """Whether the head count of new personnel lines belongs in the report: the structure changed.

    A diff whose only change is a persona's description or needs moved nobody; "0 people get a new
    personnel line" would be noise there.
    """
    return bool(result.people.new_leader or result.by_group("structure"))


def people_sentence(result: DiffResult) -> str:
    """How many people get a new personnel line, and what that number counts."""
    n = result.people.new_leader
    if result.people.staff_known:
        sentence = ngettext(
            "{n} person gets a new personnel line: "
            "a new leader of their own, or a new leader above that leader (leaders and declared staff)",
            "{n} people get a new personnel line: "
            "a new leader of their own, or a new leader above that leader (leaders and declared staff)",
            n,
        )
    else:
        sentence = ngettext(
            "{n} person gets a new personnel line: "
            "a new leader of their own, or a new leader above that leader (leaders only: no staff declared)",
            "{n} people get a new personnel line: "
            "a new leader of their own, or a new leader above that leader (leaders only: no staff declared)",
            n,
        )
    return sentence.format(n=n)


def group_summary(result: DiffResult, group: str) -> str:
    """One line per group for a summary table."""
    changes = result.by_group(group)
    parts: list[str] = []
    if group == "people" and people_counted(result):
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
        parts.append(ngettext("{n} allowed", "{n} allowed", allowed).format(n=allowed))
    return "; ".join(parts) if parts else _("no change")


# the severities of new findings as the summary counts them: "2 errors", "1 warning", "3 info"
_SEVERITY_COUNTS = {
    "error": lambda n: ngettext("{n} error", "{n} errors", n),
    "warning": lambda n: ngettext("{n} warning", "{n} warnings", n),
    "info": lambda n: ngettext("{n} info", "{n} info", n),
}


def findings_summary(result: DiffResult) -> str:
    """'1 new finding (1 error), 2 resolved, 1 changed, 5 unchanged'."""
    delta = result.findings
    if delta is None:
        return _("rules not run")
    severities = Counter(d.severity.value for d in delta.new)
    detail = ", ".join(_SEVERITY_COUNTS[s](n).format(n=n) for s, n in sorted(severities.items()))
    new = phrase("finding-new", len(delta.new)) + (f" ({detail})" if detail else "")
    counts = {
        "resolved": len(delta.resolved),
        "changed": len(delta.changed) + len(delta.carried),
        "unchanged": len(delta.unchanged),
    }
    if delta.suppressed:
        line = _(
            "{new}, {resolved} resolved, {suppressed} suppressed in this change, {changed} changed, "
            "{unchanged} unchanged"
        ).format(new=new, suppressed=len(delta.suppressed), **counts)
    else:
        line = _("{new}, {resolved} resolved, {changed} changed, {unchanged} unchanged").format(
            new=new, **counts
        )
    kinds = Counter(c.kind for c in result.changes if c.kind.startswith("suppression-"))
    return "; ".join([line, *(phrase(kind, n) for kind, n in sorted(kinds.items()))])


# how the total line counts the changes of each group: "3 structure", "1 place", "2 places"
_GROUP_COUNTS = {
    # Translators: the changes of the diff's group "People affected", counted in its total line
    # (changes about people and personas, never a head count: the group's first line counts people)
    "people": lambda n: ngettext("{n} about people", "{n} about people", n),
    # Translators: the changes of the diff's group "Structure", counted in its total line
    "structure": lambda n: ngettext("{n} structure", "{n} structure", n),
    # Translators: the changes of the diff's group "Places", counted in its total line
    "places": lambda n: ngettext("{n} place", "{n} places", n),
    # Translators: the changes of the diff's group "Services", counted in its total line
    "services": lambda n: ngettext("{n} service", "{n} services", n),
    # Translators: the changes of the diff's group "Principles (rule findings)", counted in its total line
    "principles": lambda n: ngettext("{n} principle", "{n} principles", n),
}


def total_line(report: DiffReport) -> str:
    """The last line: how many changes in how many files, and how many files could not be compared."""
    changes = report.changes
    files = compared(report)
    groups = Counter(c.group for c in changes)
    detail = ", ".join(_GROUP_COUNTS[g](groups[g]).format(n=groups[g]) for g in GROUPS if groups[g])
    text = ngettext("{changes} in {n} file", "{changes} in {n} files", files).format(
        changes=ngettext("{n} change", "{n} changes", len(changes)).format(n=len(changes)), n=files
    )
    return text + (f" ({detail})" if detail else "") + uncompared(report)


def compared(report: DiffReport) -> int:
    """How many files were compared (a file whose side did not load is not)."""
    return sum(f.result is not None for f in report.files)


def uncompared(report: DiffReport) -> str:
    """What follows a total when a side of some files did not load (how many), else the empty text."""
    failed = len(report.files) - compared(report)
    if not failed:
        return ""
    return "; " + ngettext(
        "{n} file could not be compared", "{n} files could not be compared", failed
    ).format(n=failed)


def sorted_changes(changes: list[Change]) -> list[Change]:
    """Changes in display order (already grouped by the library; stable)."""
    return list(changes)


def outside_note(result: DiffResult, arrow: str = "->") -> str:
    """'; 2 -> 0 of them outside the basisorganisasjon' after a unit count, when an IKS is on a side.

    ``arrow`` is the one the format uses beside it ('152 → 154; 2 → 0 of them ...' in markdown
    and HTML), so one cell never mixes two.
    """
    if not result.old_outside and not result.new_outside:
        return ""
    # Translators: {arrow} is "->" in text, "→" in markdown and HTML
    return "; " + _("{old} {arrow} {new} of them outside the basisorganisasjon").format(
        old=result.old_outside, new=result.new_outside, arrow=arrow
    )


def problem_line(diag: Diagnostic) -> str:
    """A file that could not be compared, as ``check`` words it: 'a.yaml:4:44: OM010 schema [error] ...'."""
    where = f"{diag.path}:{diag.line}:{diag.col}"
    return f"{where}: {diag.code} {diag.name} [{diag.severity.value}] {diag.message}"


def problem_hint(diag: Diagnostic) -> str | None:
    """The hint of a problem, as ``hint: ...`` in the run's language, or None."""
    return _("hint: {hint}").format(hint=diag.hint) if diag.hint else None
