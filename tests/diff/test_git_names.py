"""Git revisions are read by object id: any file name works, and none can make git read another file.

Every test builds a real repository in a temporary directory and runs the
command line; nothing is mocked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.diff.sources import read_side

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _model(kommune: str, staff: int) -> str:
    return (
        f"orgmodel: 1\nkommune: {kommune}\nunits:\n"
        "  - {id: top, name: Rådmann, level: 1, leader: Rådmann, budget: true}\n"
        f"  - {{id: v-{kommune.lower()}, name: Enhet {kommune}, level: 2, parent: top, leader: Leder, "
        f"staff: {staff}, budget: true}}\n"
    )


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


def _repo(root: Path, files: dict[str, str]) -> Path:
    _git(root, "init", "-q", "-b", "main")
    (root / "models").mkdir()
    for name, text in files.items():
        (root / "models" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "models" / name).write_text(text, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "models")
    return root


def _diff_json(*args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(app, ["diff", *args, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.stdout)


def test_a_name_holding_a_newline_and_a_revision_does_not_swap_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attack = "a\nHEAD:models/c.yaml"
    _repo(tmp_path, {"b.yaml": _model("Bby", 10), "c.yaml": _model("Cby", 20), attack: _model("Aby", 30)})
    monkeypatch.chdir(tmp_path)
    side = read_side("HEAD:models/")
    assert sorted(side.files) == sorted(["b.yaml", "c.yaml", attack])
    for name in side.files:
        assert side.files[name] == (tmp_path / "models" / name).read_bytes(), name
    code, data = _diff_json("HEAD:models/", "models/", "--ruleset", "default")
    assert code == 0
    files = data["files"]
    assert isinstance(files, list)
    assert [(f["old"], f["new"]) for f in files] == [
        (f"HEAD:models/{attack}", f"models/{attack}"),
        ("HEAD:models/b.yaml", "models/b.yaml"),
        ("HEAD:models/c.yaml", "models/c.yaml"),
    ]
    assert [f["changes"] for f in files] == [[], [], []]


NAMES = [
    "with space.yaml",
    "tab\there.yaml",
    'double"quote.yaml',
    "single'quote.yaml",
    "bakslash\\n.yaml",
    "Bærum og Ås – forslag.yaml",
    "line\nbreak.yaml",
    "-dash.yaml",
    "HEAD:models/x.yaml",
]


def test_every_kind_of_name_is_read_whole_and_paired_with_its_file_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {name: _model(f"K{i}", 10 + i) for i, name in enumerate(NAMES)}
    _repo(tmp_path, files)
    changed = NAMES[5]
    (tmp_path / "models" / changed).write_text(_model("K5", 16), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    side = read_side("HEAD:models")
    assert side.files == {name: text.encode() for name, text in files.items()}
    assert side.names["tab\there.yaml"] == "HEAD:models/tab\there.yaml"
    code, data = _diff_json("HEAD:models", "models")
    assert code == 0
    by_new = {f["new"]: f["changes"] for f in data["files"]}  # type: ignore[union-attr]
    assert set(by_new) == {f"models/{name}" for name in NAMES}
    assert {name for name, changes in by_new.items() if changes} == {f"models/{changed}"}
    (staff,) = [c for c in by_new[f"models/{changed}"] if c["group"] != "principles"]
    assert (staff["kind"], staff["before"], staff["after"]) == ("staff-changed", 15, 16)


def test_a_file_named_on_the_command_line_with_odd_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "Bærum 'ny' \"2\".yaml"
    _repo(tmp_path, {name: _model("Bby", 10)})
    (tmp_path / "models" / name).write_text(_model("Bby", 11), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, data = _diff_json("--base", "HEAD", f"models/{name}")
    assert code == 0
    (file,) = data["files"]  # type: ignore[misc]
    assert file["old"] == f"HEAD:models/{name}"
    assert [c["kind"] for c in file["changes"]] == ["staff-changed"]


def test_a_name_that_is_not_utf8_pairs_with_the_same_file_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = b"models/latin-\xe6.yaml"
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "models").mkdir()
    try:
        with open(os.path.join(os.fsencode(tmp_path), raw), "wb") as handle:
            handle.write(_model("Lby", 10).encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "latin-1 name")
    monkeypatch.chdir(tmp_path)
    assert list(read_side("HEAD:models").files) == list(read_side("models").files)
    command = [sys.executable, "-m", "orgmodel", "diff", "HEAD:models", "models"]
    done = subprocess.run(command, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(b"0 changes in 1 file")


def test_symbolic_links_in_a_revision_are_not_read_as_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path, {"b.yaml": _model("Bby", 10)})
    (tmp_path / "models" / "link.yaml").symlink_to("/etc/hostname")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "a link")
    monkeypatch.chdir(tmp_path)
    assert list(read_side("HEAD:models").files) == ["b.yaml"]


def test_a_repository_whose_directory_name_is_odd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"repo \xe6 \n")))
    try:
        root.mkdir()
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    _repo(root, {"b.yaml": _model("Bby", 10)})
    (root / "models" / "b.yaml").write_text(_model("Bby", 11), encoding="utf-8")
    monkeypatch.chdir(root)
    code, data = _diff_json("--base", "HEAD", "models/b.yaml")
    assert code == 0
    (file,) = data["files"]  # type: ignore[misc]
    assert [c["kind"] for c in file["changes"]] == ["staff-changed"]


def test_a_committed_folder_named_like_a_revision_is_refused_not_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path, {"b.yaml": _model("Bby", 10)})
    (tmp_path / "models" / "b.yaml").write_text(_model("Bby", 40), encoding="utf-8")
    shutil.copytree(tmp_path / "models", tmp_path / "main:models")  # the proposal, disguised as main
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["diff", "main:models", "models"])
    assert result.exit_code == 2
    assert "'main:models' is both a path on disk and the git revision main's 'models'" in result.stderr
    assert "write ./main:models for the path" in result.stderr
    code, data = _diff_json("./main:models", "models")  # the folder, as the planner asked
    assert code == 0 and data["files"]
    shutil.rmtree(tmp_path / "main:models")
    code, data = _diff_json("main:models", "models")  # the revision
    assert code == 0 and "staff" in json.dumps(data["files"])
