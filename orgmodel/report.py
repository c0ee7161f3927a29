"""``orgmodel report``: everything a meeting needs about one model, gathered once.

``build_report`` checks the model with the run's ruleset, and from that one
checked model takes the figures (``orgmodel.stats``), the chart
(``orgmodel.render``) and, per rule with findings, the explanation
``orgmodel explain`` gives. With ``compare`` (another model file or
``REV:PATH``) or ``base`` (a git revision of the same file, read through the
``git`` command as ``orgmodel diff --base`` reads it) it adds the diff. The
formatter ``orgmodel.formatters.report_html`` writes the page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.engine import CheckedModel
from orgmodel.i18n import _
from orgmodel.ruleset import ConfigError, Ruleset

if TYPE_CHECKING:
    from orgmodel.config import Config
    from orgmodel.diff.run import DiffReport
    from orgmodel.render import Chart
    from orgmodel.stats import ModelStats


@dataclass(frozen=True)
class Explanation:
    """What a rule or built-in check is for, as ``orgmodel explain CODE`` says it."""

    code: str
    name: str
    text: str


@dataclass
class MeetingReport:
    """One model's report: the checked model, its figures, chart, findings and (optionally) a diff."""

    path: str
    checked: CheckedModel
    ruleset: Ruleset
    stats: ModelStats
    chart: Chart
    explanations: dict[str, Explanation] = field(default_factory=dict)
    diff: DiffReport | None = None

    @property
    def findings(self) -> list[Diagnostic]:
        """The findings of the model in file order: the main file's first, then each other file's."""
        main = self.path
        return sorted(self.checked.diagnostics, key=lambda d: (d.path != main, d.path, d.line, d.col, d.code))

    def severities(self) -> dict[str, int]:
        """How many findings of each severity (error, warning, info; each key always present)."""
        counts = Counter(d.severity.value for d in self.checked.diagnostics)
        return {s.value: counts.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


def explanation(code: str, ruleset: Ruleset) -> Explanation | None:
    """The explanation of a rule (under ``ruleset``) or a built-in check, by code; None if unknown."""
    from orgmodel.checks import CHECKS_BY_KEY
    from orgmodel.explain import explain_lines

    rule = ruleset.find(code)
    if rule is not None:
        return Explanation(rule.code, rule.name, "\n".join(explain_lines(rule, ruleset)))
    check = CHECKS_BY_KEY.get(code)
    if check is not None:
        return Explanation(check.code, check.name, check.explanation())
    return None


def build_report(
    checked: CheckedModel,
    ruleset: Ruleset,
    *,
    config: Config | None = None,
    compare: str | None = None,
    base: str | None = None,
    allow: tuple[str, ...] = (),
) -> MeetingReport:
    """The report of one model already checked with ``ruleset`` (see the module docstring).

    ``checked`` must have loaded (``checked.model`` is not None). ConfigError
    for a bad ``compare`` or ``base``, and for both at once.
    """
    from orgmodel.render import build_chart
    from orgmodel.stats import measure

    if compare is not None and base is not None:
        raise ConfigError(_("give --compare OTHER or --base REV, not both"))
    report = MeetingReport(checked.path, checked, ruleset, measure(checked, ruleset), build_chart(checked))
    for diag in checked.diagnostics:
        if diag.code not in report.explanations:
            found = explanation(diag.code, ruleset)
            if found is not None:
                report.explanations[diag.code] = found
    if compare is not None or base is not None:
        report.diff = _diff(checked.path, ruleset, config, compare, base, allow)
    return report


def _diff(
    path: str,
    ruleset: Ruleset,
    config: Config | None,
    compare: str | None,
    base: str | None,
    allow: tuple[str, ...],
) -> DiffReport:
    """OTHER (or PATH at REV) as OLD, the model as NEW: the comparison ``orgmodel diff`` makes."""
    from orgmodel.diff.run import compare as compare_sides
    from orgmodel.diff.sources import base_side, read_side, ruleset_notes

    old = base_side(base, path) if base is not None else read_side(str(compare))
    new = read_side(path)
    diff = compare_sides(old, new, ruleset, allow=[*(config.allow if config else []), *allow])
    if diff.problems:
        first = diff.problems[0]
        raise ConfigError(
            _("{side} cannot be compared: {code} at line {line}: {message}").format(
                side=first.path, code=first.code, line=first.line, message=first.message
            )
        )
    config_path = config.path if config is not None else None
    diff.notes = ruleset_notes(old, str(ruleset.path) if ruleset.path else None, config_path)
    return diff
