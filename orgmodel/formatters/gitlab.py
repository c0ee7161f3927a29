"""``orgmodel check --format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array with one issue per finding: ``description`` (the message and
its hint), ``check_name`` (``OM120 span-of-control``), ``fingerprint``,
``severity`` and ``location`` (``path`` relative to the repository, and
``positions`` with the begin and end line and column, which GitLab reads
instead of ``lines``).

Severity: a load error that kept the rules from running (OM001-OM021 at
error) is ``blocker``; another error ``critical``; a warning ``major``; an
info ``info`` (``minor`` is unused).

GitLab compares a merge request's issues with the target branch's by
fingerprint, and expects each to be unique in a report: it is the finding's
stable fingerprint (rule, unit, what is breached) combined with the path,
and, when one file holds several findings with the same fingerprint, their
order, so a finding keeps its fingerprint when lines move or numbers change.

A run stopped by an error with no line to show it at (a path that does not exist, a
selector that names no rule) writes ``[]``: Code Quality has no place for a
tool's own error, which the job's exit code (2) and log give.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from orgmodel.checked import Report
from orgmodel.codes import BUILTIN, IGNORABLE
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.escape import json_dumps
from orgmodel.formatters import CheckFormatter
from orgmodel.formatters.ci import relative_path, with_hint

LOAD_ERRORS = frozenset(c.code for c in BUILTIN if c not in IGNORABLE)
SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def severity(diag: Diagnostic) -> str:
    """GitLab's severity of a finding."""
    if diag.severity is Severity.ERROR and diag.code in LOAD_ERRORS:
        return "blocker"
    return SEVERITY[diag.severity]


def issue(diag: Diagnostic, path: str, occurrence: int) -> dict[str, Any]:
    """One finding as a Code Quality issue; ``occurrence`` counts earlier findings with its fingerprint."""
    seed = "\x1f".join((path, diag.fingerprint, str(occurrence)))
    begin = {"line": diag.line, "column": diag.col}
    end = dict(begin)
    if diag.end_line is not None and diag.end_col is not None and diag.end_line >= diag.line:
        end = {"line": diag.end_line, "column": diag.end_col}
    return {
        "description": with_hint(diag),
        "check_name": f"{diag.code} {diag.name}",
        "fingerprint": hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:32],
        "severity": severity(diag),
        "location": {"path": path, "positions": {"begin": begin, "end": end}},
    }


class GitlabFormatter(CheckFormatter):
    """The whole report as one Code Quality JSON array."""

    name = "gitlab"

    def finish(self, report: Report) -> None:
        """Write the array (``[]`` when there is no finding)."""
        issues = []
        for file in report.files:
            seen: Counter[tuple[str, str]] = Counter()
            for diag in file.diagnostics:
                path = relative_path(diag.path)
                issues.append(issue(diag, path, seen[path, diag.fingerprint]))
                seen[path, diag.fingerprint] += 1
        self.stream.write(json_dumps(issues) + "\n")
