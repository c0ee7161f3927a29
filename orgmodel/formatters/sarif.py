"""``orgmodel check --format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run whose ``tool.driver.rules`` lists every built-in check and every
rule (id = code, name, short and full description and help from the rule's
documentation, a help URI, the level and whether it runs under the ruleset
used); then one result per finding, load errors included, at its exact
region (1-based, columns in Unicode code points, the end column exclusive),
with ``partialFingerprints`` from the finding's stable fingerprint (rule,
unit, what is breached), so code scanning follows a finding across moved
lines and changed numbers. Findings that an inline ``# orgmodel:
ignore[...]`` silenced are results too, with a ``suppressions`` entry
(``kind: inSource`` and the comment's reason as justification), which code
scanning shows as dismissed. A run stopped by an error with no line to show it at (a path that does not
exist, a selector that names no rule) is a log without results whose invocation failed, its
errors as tool execution notifications.

Validated against the official schema in tests (tests/schemas/).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, metadata
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from orgmodel.checked import Report
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.escape import json_dumps
from orgmodel.formatters import CheckFormatter
from orgmodel.formatters.ci import relative_path, silenced, with_hint
from orgmodel.formatters.envelope import TOOL
from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.suppress import Suppression

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "orgmodelFingerprint/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_URL_LABELS = ("repository", "source", "source code", "homepage")


def repository_url() -> str | None:
    """The repository URL of the installed package's metadata (pyproject's ``[project.urls]``), if any."""
    try:
        entries = metadata("orgmodel").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip().rstrip("/")
    return next((urls[label] for label in _URL_LABELS if urls.get(label)), None)


def artifact_location(path: str) -> dict[str, str]:
    """Where a finding is: a URI reference relative to the repository root, or a file URI outside it.

    Forward slashes; characters a URI cannot hold percent-encoded (the bytes
    of a file name that is not UTF-8 as they are).
    """
    relative = relative_path(path)
    if PurePath(relative).is_absolute():
        return {"uri": PurePath(relative).as_uri()}
    if relative.startswith("orgmodel:"):  # a shipped ruleset: the same absolute URI on every installation
        return {"uri": quote(relative, safe="/:", errors="surrogateescape")}
    return {"uri": quote(relative, safe="/", errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}


def _described(code: str, name: str, severity: Severity, doc: str, enabled: bool) -> dict[str, Any]:
    paragraphs = [" ".join(p.split()) for p in doc.strip().split("\n\n") if p.strip()]
    summary = doc.strip().splitlines()[0] if paragraphs else name
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": " ".join(paragraphs[:2]) if paragraphs else name},
        "help": {"text": doc.strip() or name},
        "defaultConfiguration": {"level": LEVEL[severity], "enabled": enabled},
    }


def rule_descriptors(report: Report, base_url: str | None) -> list[dict[str, Any]]:
    """Every built-in check and every rule, by code, as SARIF reportingDescriptors."""
    from orgmodel.checks import CHECKS
    from orgmodel.diagnostic import ConfigError
    from orgmodel.rule import builtin_rules, plugin_of

    # the rules' documentation in the run's language, as `orgmodel explain` prints it (the results'
    # messages are in it already), the ruleset's custom rules with theirs
    found = [_described(c.code, c.name, c.severity, c.explanation(), True) for c in CHECKS]
    try:
        rules = report.ruleset.rules()
    except ConfigError:  # a rule plugin did not load (what stopped the run): orgmodel's own rules
        rules = {**builtin_rules(), **report.ruleset.custom}
    plugins = {code for code, rule in rules.items() if plugin_of(rule)}
    for code, rule in rules.items():
        severity = report.ruleset.severity_of(rule)
        found.append(
            _described(code, rule.name, severity or rule.severity, rule.explanation(), severity is not None)
        )
    found.sort(key=lambda d: str(d["id"]))
    if base_url:
        for descriptor in found:
            if descriptor["id"] not in plugins:  # a plugin's rules have no page in orgmodel's docs
                descriptor["helpUri"] = f"{base_url}/blob/main/docs/rules/{descriptor['id']}.md"
    return found


def _region(diag: Diagnostic) -> dict[str, int]:
    region = {"startLine": diag.line, "startColumn": diag.col}
    end_line, end_col = diag.end_line, diag.end_col
    if end_line is not None and end_col is not None and (end_line, end_col) >= (diag.line, diag.col):
        region.update(endLine=end_line, endColumn=end_col)
    return region


def result(diag: Diagnostic, index: int) -> dict[str, Any]:
    """One finding as a SARIF result."""
    location = {"artifactLocation": artifact_location(diag.path), "region": _region(diag)}
    out: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": index,
        "level": LEVEL[diag.severity],
        "message": {"text": with_hint(diag)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT: diag.fingerprint},
    }
    if diag.unit is not None:
        out["locations"][0]["logicalLocations"] = [{"name": diag.unit, "kind": "object"}]
    return out


def invocation_failed(failures: list[str]) -> dict[str, Any]:
    """The run's invocation when it stopped before checking: each error a tool execution notification.

    Code scanning shows these as the tool's errors, where an empty list of results alone
    would read as a clean run.
    """
    notes = [{"level": "error", "message": {"text": failure}} for failure in failures]
    return {"executionSuccessful": False, "exitCode": 2, "toolExecutionNotifications": notes}


class SarifFormatter(CheckFormatter):
    """The whole report as one SARIF 2.1.0 log."""

    name = "sarif"

    def finish(self, report: Report) -> None:
        """Write the log: the rules, then every finding and every suppressed finding."""
        from orgmodel import __version__

        base_url = self.options["repository_url"] if "repository_url" in self.options else repository_url()
        rules = rule_descriptors(report, base_url)
        index = {str(rule["id"]): n for n, rule in enumerate(rules)}
        results = []
        for file in report.files:
            found: list[tuple[Diagnostic, Suppression | None]] = [(d, None) for d in file.diagnostics]
            found += silenced(file)
            for diag, sup in sorted(found, key=lambda pair: pair[0].sort_key()):
                if diag.code not in index:  # a rule from outside the registry: describe it by its name
                    index[diag.code] = len(rules)
                    rules.append(_described(diag.code, diag.name, diag.severity, "", True))
                entry = result(diag, index[diag.code])
                if sup is not None:
                    entry["suppressions"] = [{"kind": "inSource"}]
                    if sup.reason:
                        entry["suppressions"][0]["justification"] = sup.reason
                results.append(entry)
        driver: dict[str, Any] = {"name": TOOL, "version": __version__, "semanticVersion": __version__}
        if base_url:
            driver["informationUri"] = base_url
        driver["rules"] = rules
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        if report.failures or report.stopped:  # a configuration that did not load: the results say where
            why = report.failures or [_("the configuration or a ruleset did not load; the results say where")]
            run["invocations"] = [invocation_failed(why)]
        if report.baselined:  # the findings --baseline or --new-since took out as known, counted
            run["properties"] = {"orgmodelKnownFindings": report.baselined}
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        self.stream.write(json_dumps(log) + "\n")
