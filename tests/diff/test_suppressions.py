"""Inline suppressions in `orgmodel diff`: added, removed, and findings suppressed in this change.

Each test builds a real git repository in tmp_path and runs the CLI with typer's CliRunner.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app

MODEL = """\
orgmodel: 1
kommune: Testby
units:
  - id: top
    name: Top
    level: 1
    leader: Kommunedirektør
  - id: v-big
    name: Stor virksomhet
    parent: top
    level: 2
    kind: virksomhet
    leader: Virksomhetsleder
    staff: 80
"""
REASON = "vedtatt unntak i bystyret sak 12/26"
SUPPRESSED = MODEL.replace("    staff: 80\n", f"    staff: 80  # orgmodel: ignore[OM120] {REASON}\n")
FINDING = (
    "OM120 span-of-control: 'Stor virksomhet' (v-big) has a span of control of 80 "
    "(0 unit leaders + 80 staff), above the maximum of 60 for a first-line leader"
)


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)


def _repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, committed: str, working: str) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "k.yaml").write_text(committed, encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "base")
    (tmp_path / "models" / "k.yaml").write_text(working, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def _diff(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["diff", "HEAD:models/", "models/", "--ruleset", "default", "--no-color", *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_added_suppression_is_shown_and_does_not_fail_the_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path, monkeypatch, MODEL, SUPPRESSED)
    code, out = _diff("--fail-on-new", "warning")
    assert code == 0
    quiet = f"  • suppressed in this change (error in OLD): {FINDING}  [finding-suppressed:OM120:v-big:max]"
    assert quiet in out
    assert (
        f"  • a suppression of OM120 covering unit v-big was added with the reason '{REASON}' (at line 14)"
        "  [suppression-added:OM120:v-big]"
    ) in out
    assert "0 new findings, 0 resolved, 1 suppressed in this change, 0 changed" in out
    assert "; 1 suppression added" in out
    assert "resolved error" not in out


def test_added_suppression_in_json_markdown_and_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repo(tmp_path, monkeypatch, MODEL, SUPPRESSED)
    _, raw = _diff("--format", "json")
    data = json.loads(raw)
    assert data["summary"]["by_kind"] == {"finding-suppressed": 1, "suppression-added": 1}
    (added,) = [c for c in data["files"][0]["changes"] if c["kind"] == "suppression-added"]
    assert added["after"] == {"rules": ["OM120"], "covers": "unit v-big", "reason": REASON}
    assert added["unit"] == "v-big"
    findings = data["files"][0]["findings"]
    assert findings["resolved"] == []
    assert [(d["code"], d["line"], d["col"]) for d in findings["suppressed"]] == [("OM120", 14, 12)]
    _, markdown = _diff("--format", "markdown")
    assert "1 suppressed in this change" in markdown
    assert "<sub>`suppression-added:OM120:v-big`</sub>" in markdown
    _, html = _diff("--format", "html")
    assert "suppression-added:OM120:v-big" in html
    assert "suppressed in this change (error in OLD)" in html


def test_removed_suppression_brings_the_finding_back_and_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path, monkeypatch, SUPPRESSED, MODEL)
    code, out = _diff("--fail-on-new", "error")
    assert code == 1
    assert f"  • new error: {FINDING}  [finding-new:OM120:v-big:max]" in out
    assert (
        "  • a suppression of OM120 covering unit v-big was removed with the reason "
        f"'{REASON}' (was at line 14)  [suppression-removed:OM120:v-big]"
    ) in out


def test_whole_file_suppression_and_a_real_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixed = MODEL.replace("staff: 80", "staff: 20")
    ignored = f"# orgmodel: ignore-file[span-of-control] {REASON}\n" + fixed
    _repo(tmp_path, monkeypatch, MODEL, ignored)
    code, out = _diff("--fail-on-new", "warning")
    # staff 20 is within the limits: the finding is resolved by the fix, not by the suppression,
    # and the suppression that now suppresses nothing is a new OM091 warning
    assert code == 1
    assert "new warning: OM091 unused-suppression" in out
    assert "resolved error: OM120" in out
    assert "suppressed in this change" not in out
    assert (
        "a suppression of span-of-control covering the whole file was added with the reason "
        f"'{REASON}' (at line 1)  [suppression-added:span-of-control:file]"
    ) in out


def test_a_suppression_above_a_unit_that_silences_nothing_is_named_by_the_unit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a tour's planner put 'ignore[OM150] ...' above a unit the rule does not judge: the change was
    # described by the unit's whole YAML line and its id held the line number, so it moved with edits
    above = MODEL.replace("  - id: v-big\n", f"  # orgmodel: ignore[OM150] {REASON}\n  - id: v-big\n")
    _repo(tmp_path, monkeypatch, MODEL, above)
    _, out = _diff()
    assert (
        f"  • a suppression of OM150 covering unit v-big was added with the reason '{REASON}' (at line 8)"
        "  [suppression-added:OM150:v-big]"
    ) in out
    moved = above.replace("units:\n", "# a comment above moves every line\nunits:\n")
    (tmp_path / "models" / "k.yaml").write_text(moved, encoding="utf-8")
    assert "[suppression-added:OM150:v-big]" in _diff()[1]
    args = ["--lang", "nb", "diff", "HEAD:models/", "models/", "--ruleset", "default", "--no-color"]
    norsk = CliRunner().invoke(app, args).stdout
    assert "covering" not in norsk and "unit v-big" not in norsk
    assert "et unntak fra OM150 for enheten v-big ble lagt til" in norsk


def test_unchanged_suppression_is_no_change_even_when_its_line_moves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = SUPPRESSED.replace("units:\n", "# a comment above moves every line\nunits:\n")
    _repo(tmp_path, monkeypatch, SUPPRESSED, moved)
    code, out = _diff("--fail-on-new", "warning")
    assert code == 0
    assert "suppression" not in out.replace("no change", "")


def test_a_suppression_kept_on_a_changed_line_is_no_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the covered line changes (80 -> 85) but the suppression silences the same unit's finding
    _repo(tmp_path, monkeypatch, SUPPRESSED, SUPPRESSED.replace("staff: 80", "staff: 85"))
    code, out = _diff("--fail-on-new", "warning")
    assert code == 0
    assert "[suppression-" not in out
    assert "  0 new findings, 0 resolved, 0 changed, 1 unchanged\n" in out


def test_list_kinds_names_the_suppression_kinds() -> None:
    result = CliRunner().invoke(app, ["diff", "--list-kinds"])
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    for kind in ("suppression-added", "suppression-removed", "finding-suppressed"):
        assert lines[kind].split(None, 1)[1].startswith("Principles (rule findings) ")


RULESET = "orgmodel-ruleset: 1\nextends: default\nrules:\n  span-of-control:\n    first_line: {max: 90}\n"


def test_a_ruleset_changed_since_old_s_revision_is_said_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text(RULESET, encoding="utf-8")
    _repo(tmp_path, monkeypatch, MODEL, MODEL)
    note = "the ruleset rules/r.yaml changed in this change: findings on both sides are judged by the new one"
    runner = CliRunner()
    args = ["diff", "HEAD:models/", "models/", "--ruleset", "rules/r.yaml", "--no-color"]
    assert note not in runner.invoke(app, args).stdout  # the same ruleset at HEAD: no note
    (tmp_path / "rules" / "r.yaml").write_text(RULESET.replace("90", "100"), encoding="utf-8")
    text = runner.invoke(app, args).stdout
    assert text.splitlines()[0] == f"note: {note}"
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert data["notes"] == [note]
    markdown = runner.invoke(app, [*args, "--format", "markdown"]).stdout
    assert markdown.splitlines()[:3] == ["<!-- orgmodel-diff -->", "", f"**Note:** {note}"]
    html = runner.invoke(app, [*args, "--format", "html"]).stdout
    assert f"<p><strong>Note: {note}</strong></p>" in html


def test_a_configuration_new_since_old_s_revision_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path, monkeypatch, MODEL, MODEL)
    (tmp_path / ".orgmodel.yaml").write_text("ruleset: default\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", "HEAD:models/", "models/", "--no-color"])
    assert result.stdout.splitlines()[0] == (
        "note: the configuration .orgmodel.yaml changed in this change: "
        "findings on both sides are judged by the new one"
    )
    # two files on disk have no revision: nothing to compare the configuration with
    plain = CliRunner().invoke(app, ["diff", "models/k.yaml", "models/k.yaml", "--no-color"])
    assert "note:" not in plain.stdout
