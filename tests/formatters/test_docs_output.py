"""docs/output-formats.md shows real output, and its GitLab CI job writes the reports it declares."""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app

DOC = (ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
PATHS = ["tests/fixtures/invalid/span-above-max.yaml", "tests/fixtures/invalid/broken-yaml.yaml"]


def first_block(section: str) -> str:
    """The first fenced block under ``## section``."""
    body = DOC.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```\w*\n(.*?)```", body, re.S)
    assert match is not None, section
    return match.group(1)


def output(fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "--ruleset", "default", "--format", fmt, *PATHS])
    assert result.exit_code == 1
    return result.stdout


def test_the_documented_command_is_the_one_run() -> None:
    assert f"$ orgmodel check --ruleset default {' '.join(PATHS)}\n" in DOC


@pytest.mark.parametrize("fmt", ["concise", "json-lines", "github", "gitlab", "junit"])
def test_the_example_is_the_whole_output(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert first_block(fmt) == output(fmt, monkeypatch)


def test_the_sarif_example_is_the_first_result(monkeypatch: pytest.MonkeyPatch) -> None:
    log = json.loads(output("sarif", monkeypatch))
    shown, real = json.loads(first_block("sarif")), log["runs"][0]["results"][0]
    # the rule's index grows when a rule with a lower code is added; it is checked in test_sarif.py
    assert shown.pop("ruleIndex") >= 0 and real.pop("ruleIndex") >= 0
    assert shown == real


def test_the_gitlab_ci_job_writes_the_reports_it_declares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", DOC, re.S) if "codequality:" in b)
    job = yaml.safe_load(block)["orgmodel"]
    monkeypatch.chdir(ROOT)
    written = {}
    for line in job["script"]:
        words = shlex.split(line.removesuffix(" || true"))
        at = words.index("-o") + 1  # -o, never '>': a redirect follows a symlink the pull request commits
        target, words[at] = words[at], str(tmp_path / words[at])
        result = CliRunner().invoke(app, words[1:])
        assert words[0] == "orgmodel" and result.exit_code == 0  # the shipped models pass
        written[target] = (tmp_path / target).read_text(encoding="utf-8")
    reports = job["artifacts"]["reports"]
    assert set(written) == {reports["codequality"], reports["junit"]}
    issues = json.loads(written[reports["codequality"]])
    assert issues and all(
        set(i) == {"description", "check_name", "fingerprint", "severity", "location"}
        and i["severity"] in ("info", "minor", "major", "critical", "blocker")
        and i["location"]["path"].startswith("models/")
        and i["location"]["positions"]["begin"]["line"] >= 1
        for i in issues
    )
    assert ET.fromstring(written[reports["junit"]]).tag == "testsuites"


def test_the_suppressed_sarif_example_is_a_result_of_the_shipped_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = DOC.split("and a suppressed one from `orgmodel check --format sarif models/`", 1)[1]
    match = re.search(r"```json\n(.*?)```", body, re.S)
    assert match is not None
    shown = json.loads(match.group(1))
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "--format", "sarif", "models/"])
    real = [r for r in json.loads(result.stdout)["runs"][0]["results"] if r.get("suppressions")]
    assert any(
        all(
            r[key] == shown[key] for key in ("ruleId", "ruleIndex", "level", "message", "partialFingerprints")
        )
        and r["suppressions"] == shown["suppressions"]
        for r in real
    )


def test_the_documented_problem_matcher_matches_every_concise_line_custom_rules_too(tmp_path: Path) -> None:
    # it matched OM codes only: every finding of a municipality's own rules (KOM001) was dropped
    pattern = re.search(r"problem matcher such as `([^`]+)`", DOC)
    assert pattern is not None
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text(
        "orgmodel-ruleset: 1\nextends: default\ncustom:\n  - code: KOM001\n    name: few-stabs\n"
        "    summary: At most one stab.\n    where: {kind: stab}\n    at_most: 0\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--format",
            "concise",
            "--ruleset",
            str(ruleset),
            str(ROOT / "models" / "drammen-2020.yaml"),
        ],
    )
    lines = result.stdout.splitlines()
    assert any(" KOM001 [" in line for line in lines)
    assert [line for line in lines if not re.match(pattern.group(1), line)] == []
