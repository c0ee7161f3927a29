"""Markdown and JSON output compared exactly with snapshot files in tests/fixtures/diff/.

ORGMODEL_UPDATE_SNAPSHOTS=1 rewrites the snapshots; review the change with git diff.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from orgmodel import __version__
from orgmodel.diff.run import DiffReport, compare
from orgmodel.diff.sources import read_side
from orgmodel.formatters import diff_renderer
from orgmodel.rule import find_rule

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "diff"
# Rules from the foundation, so the snapshots do not change when a rule is added elsewhere.
RULES = ("budget-responsibility", "robust-units", "level-skip", "span-of-control", "level-order")


def _report(monkeypatch: pytest.MonkeyPatch) -> DiffReport:
    monkeypatch.chdir(ROOT)
    rules = []
    for name in RULES:
        cls = find_rule(name)
        assert cls is not None
        rules.append(cls())
    old = read_side("tests/fixtures/diff/old.yaml")
    new = read_side("tests/fixtures/diff/new.yaml")
    return compare(old, new, None, rules=rules, allow=["unit-added:innkjop"])


def _render(report: DiffReport, fmt: str) -> str:
    stream = io.StringIO()
    diff_renderer(fmt, stream, color=False).diff(report)
    return stream.getvalue().replace(f'"version": "{__version__}"', '"version": "<version>"')


def _compare(name: str, text: str) -> None:
    path = FIXTURES / name
    if os.environ.get("ORGMODEL_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with ORGMODEL_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


def test_markdown_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    _compare("expected.md", _render(_report(monkeypatch), "markdown"))


def test_json_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _render(_report(monkeypatch), "json")
    data = json.loads(text)
    assert data["format"] == 1 and data["command"] == "diff"
    for change in data["files"][0]["changes"]:
        assert set(change) >= {"kind", "id", "unit", "before", "after", "message"}
    _compare("expected.json", text)


def test_text_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    _compare("expected.txt", _render(_report(monkeypatch), "text"))


def test_markdown_is_a_readable_pr_comment(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _render(_report(monkeypatch), "markdown")
    lines = text.splitlines()
    assert lines[0] == "<!-- orgmodel-diff -->"  # hidden: a bot finds and updates its own comment
    assert lines[2].startswith("### orgmodel diff: `tests/fixtures/diff/old.yaml`")
    assert lines[4] == "| What | Change |"  # the summary table comes first, with a real header
    assert text.count("<details") == text.count("</details>") >= 4
    assert "<script" not in text


def test_html_is_self_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _render(_report(monkeypatch), "html")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert "<script" not in text.lower()
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), "nothing may load from the network"
    assert "@import" not in text and "url(" not in text
    assert text.count('<div class="grid">') == 1  # before and after in one grid, row by row
    assert '<div class="cell old d3 removed" data-unit="kino-virk">' in text
    assert '<div class="cell new d3 added" data-unit="frivillighet">' in text
    assert '<div class="cell new d4 moved" data-unit="avd-beta">' in text
    assert '<div class="cell new d3 merged" data-unit="hjemme-sor-vest">' in text
    _compare("expected.html", text)
