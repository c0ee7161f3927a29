"""Gating on what changed since a git revision: ``check --new-since`` against the model one commit back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_baseline import ADDED_DEFECT, FIXED, NEW_FINDING, NUMBER_ONLY, TODAY, _commit, _found, _repo, run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_new_since_a_pull_request_adding_one_defect_fails_with_exactly_that_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(tmp_path, _repo(tmp_path), ADDED_DEFECT)
    monkeypatch.chdir(tmp_path)
    code, out, err = run("models/", "--new-since", "HEAD~1", "--format", "json")
    assert (code, err) == (1, "")
    assert _found(out) == [NEW_FINDING]
    code, out, _ = run("models/", "--new-since", "HEAD~1")
    assert out.splitlines()[-1] == "✗ 1 error, 0 warnings in 1 file (5 units checked, 1 already at HEAD~1)"


def test_new_since_a_pull_request_changing_only_a_number_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(tmp_path, _repo(tmp_path), NUMBER_ONLY)
    monkeypatch.chdir(tmp_path)
    assert run("models/", "--new-since", "HEAD~1") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked, 1 already at HEAD~1)\n",
        "",
    )


def test_new_since_a_fixed_finding_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _commit(tmp_path, _repo(tmp_path), FIXED)
    monkeypatch.chdir(tmp_path)
    assert run("models/", "--new-since", "HEAD~1") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n",
        "orgmodel: note: fixed since HEAD~1: models/x.yaml: OM120 span-of-control (unit hjemme-nord, max)\n",
    )


def test_new_since_a_renamed_unit_keeps_its_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    renamed = NUMBER_ONLY.replace("id: hjemme-nord", "id: hjemme-nord-2")
    _commit(tmp_path, _repo(tmp_path), renamed)
    monkeypatch.chdir(tmp_path)
    assert run("models/", "--new-since", "HEAD~1")[:2] == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked, 1 already at HEAD~1)\n",
    )


def test_new_since_a_model_new_since_the_revision_has_only_new_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path)
    (tmp_path / "models" / "y.yaml").write_text(TODAY, encoding="utf-8")  # not even committed
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("models/", "--new-since", "HEAD", "--format", "json")
    assert code == 1
    assert [(f["path"], len(f["diagnostics"])) for f in json.loads(out)["files"]] == [
        ("models/x.yaml", 0),
        ("models/y.yaml", 1),
    ]


def test_new_since_an_unknown_revision_or_a_file_outside_git_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo").mkdir()
    _repo(tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    assert run("models/", "--new-since", "nosuch") == (
        2,
        "",
        f"orgmodel: 'nosuch:models/x.yaml': the git repository at {tmp_path / 'repo'} has no revision "
        "'nosuch' (a branch, tag or commit such as main, HEAD~1 or a1b2c3d)\n",
    )
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text(TODAY, encoding="utf-8")
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # git looks no further up
    assert run("x.yaml", "--new-since", "HEAD") == (
        2,
        "",
        "orgmodel: x.yaml is not inside a git repository, so it has no revision HEAD; "
        "use --baseline FILE outside git\n",
    )


def test_new_since_checks_the_old_file_with_the_same_selection_and_per_file_ignores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(tmp_path, _repo(tmp_path), ADDED_DEFECT)
    monkeypatch.chdir(tmp_path)
    clean = (0, "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n", "")  # no OM120, none "fixed" either
    assert run("models/", "--new-since", "HEAD~1", "--extend-ignore", "OM120") == clean
    assert run("models/", "--new-since", "HEAD~1", "--ignore", "span-of-control") == clean
    (tmp_path / ".orgmodel.yaml").write_text(
        'per-file-ignores:\n  "models/x.yaml": [span-of-control]\n', encoding="utf-8"
    )
    assert run("models/", "--new-since", "HEAD~1") == clean
