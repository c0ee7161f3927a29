"""Inline suppressions: ``# orgmodel: ignore[RULE, ...] reason``.

A suppression on a line with YAML on it covers findings on that line; one on
a line of its own covers the next line that is not a comment. A suppression
must give a reason, and one that suppresses nothing is reported, so stale
exceptions do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orgmodel.codes import SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.loader import Document, iter_lines_with_comments
from orgmodel.rule import find_rule

_PATTERN = re.compile(r"#\s*orgmodel:\s*(?P<verb>[\w-]+)(?:\[(?P<rules>[^\]]*)\])?(?P<reason>.*)$")

WITHOUT_REASON = SUPPRESSION_WITHOUT_REASON
UNUSED = UNUSED_SUPPRESSION


@dataclass
class Suppression:
    """One ``orgmodel: ignore[...]`` comment."""

    line: int
    col: int
    target: int
    rules: list[str]
    reason: str
    used: set[str] = field(default_factory=set)

    def covers(self, diag: Diagnostic) -> bool:
        """Whether this suppression silences ``diag``."""
        if diag.line != self.target:
            return False
        for rule in self.rules:
            if rule.upper() == diag.code or rule.lower() == diag.name:
                self.used.add(rule)
                return True
        return False


def find_suppressions(doc: Document) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppressions in a document, and diagnostics for malformed ones."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    if "orgmodel:" not in doc.text:
        return found, problems
    lines = doc.text.splitlines()
    for number, text in iter_lines_with_comments(doc.text):
        match = _PATTERN.search(text)
        if match is None:
            continue
        col = match.start() + 1
        verb, rules = match.group("verb"), match.group("rules")
        if verb != "ignore" or rules is None:
            problems.append(
                _meta(doc, number, col, UNUSED, "not a suppression: write '# orgmodel: ignore[RULE] reason'")
            )
            continue
        names = [r.strip() for r in rules.split(",") if r.strip()]
        own_line = not text[: match.start()].strip()
        target = _next_content_line(lines, number) if own_line else number
        found.append(Suppression(number, col, target, names, match.group("reason").strip()))
    return found, problems


def _next_content_line(lines: list[str], number: int) -> int:
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return number + 1


def apply_suppressions(
    doc: Document, findings: list[Diagnostic], suppressions: list[Suppression]
) -> tuple[list[Diagnostic], list[Diagnostic], int]:
    """Drop suppressed findings; return (kept, problems with suppressions, suppressed count)."""
    by_line: dict[int, list[Suppression]] = {}
    for sup in suppressions:
        by_line.setdefault(sup.target, []).append(sup)
    kept: list[Diagnostic] = []
    silenced = 0
    for diag in findings:
        if any(sup.covers(diag) for sup in by_line.get(diag.line, ())):
            silenced += 1
        else:
            kept.append(diag)
    problems: list[Diagnostic] = []
    for sup in suppressions:
        if not sup.rules:
            problems.append(
                _meta(doc, sup.line, sup.col, UNUSED, "the suppression names no rule: ignore[RULE]")
            )
            continue
        if not sup.reason:
            problems.append(
                _meta(
                    doc,
                    sup.line,
                    sup.col,
                    WITHOUT_REASON,
                    f"the suppression of {', '.join(sup.rules)} gives no reason; say why the exception is "
                    "justified, e.g. with the report page that decided it",
                )
            )
        for rule in sup.rules:
            if rule in sup.used:
                continue
            if find_rule(rule) is None:
                message = f"the suppression names '{rule}', which is not a rule"
            else:
                message = f"the suppression of {rule} suppresses nothing on line {sup.target}: remove it"
            problems.append(_meta(doc, sup.line, sup.col, UNUSED, message))
    return kept, problems, silenced


def _meta(doc: Document, line: int, col: int, which: tuple[str, str], message: str) -> Diagnostic:
    return Diagnostic(
        path=doc.path,
        line=line,
        col=col,
        end_line=line,
        end_col=col,
        code=which[0],
        name=which[1],
        severity=Severity.WARNING,
        message=message,
    )
