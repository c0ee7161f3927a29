"""docs/output-formats.md shows real output: each format's example is what the documented command prints."""

from __future__ import annotations

import json
import re

import pytest
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
