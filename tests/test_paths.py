"""Read only what was asked for: links out of a scanned tree, files named twice, unreadable directories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel.cli import app
from orgmodel.paths import discover

SMALL = FIXTURES / "models" / "small.yaml"
SECRET = "ghp_SECRETTOKEN1234567890"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/models with one model, a link to a secret outside, and a link to a directory outside."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outside").mkdir()
    secret = tmp_path / "outside" / "credentials"
    secret.write_text(f"https://user:{SECRET}@github.com\n", encoding="utf-8")
    (tmp_path / "outside" / "other.yaml").write_text(f"token: {SECRET}\n", encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(SMALL, models / "small.yaml")
    os.symlink(secret, models / "creds.yaml")
    os.symlink(tmp_path / "outside", models / "elsewhere")
    return models


def test_a_scan_does_not_follow_links_out_of_the_tree(tree: Path) -> None:
    for fmt in ("text", "json"):
        code, out, err = run("check", "--ruleset", "default", "--format", fmt, "models")
        assert SECRET not in out + err
        assert code == 0
        assert "orgmodel: note: models/creds.yaml: not read: a symbolic link that leads out of models" in err
        assert "models/elsewhere: not read" in err
    code, out, err = run("check", "--ruleset", "default", "models")
    assert out == "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n"


def test_diff_and_trace_do_not_follow_links_out_of_the_tree(tree: Path) -> None:
    shutil.copytree(tree, "old", symlinks=True)
    for fmt in ("text", "markdown", "json"):
        code, out, err = run("diff", "--format", fmt, "old", "models")
        assert SECRET not in out + err and code == 0, (fmt, out, err)
        assert "orgmodel: note: old/creds.yaml: not read: a symbolic link that leads out of old" in err
        assert "orgmodel: note: models/creds.yaml: not read: a symbolic link that leads out of models" in err
    code, out, err = run("trace", "kari", "models")
    assert SECRET not in out + err and code == 0
    assert "orgmodel: note: models/creds.yaml: not read: a symbolic link that leads out of models" in err


def test_a_file_reached_twice_through_a_link_or_named_twice_is_read_once(tree: Path) -> None:
    os.symlink(tree / "small.yaml", tree / "current.yaml")
    os.symlink("small.yaml", tree / "zz-alias.yaml")  # a relative link, met after its target
    assert [p.name for p in discover([tree]).files] == ["current.yaml"]
    assert [p.name for p in discover([tree / "small.yaml", tree, "models/small.yaml"]).files] == [
        "small.yaml"
    ]
    code, out, _ = run("check", "--ruleset", "default", "models", "models/small.yaml", "./models/small.yaml")
    assert (code, out) == (0, "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n")
    shutil.copy(SMALL, tree / "other.yaml")
    assert [p.name for p in discover(["models"]).files] == ["current.yaml", "other.yaml"]


def test_a_link_named_on_the_command_line_is_read(tree: Path) -> None:
    os.symlink(SMALL, tree.parent / "link.yaml")
    code, out, _ = run("check", "--ruleset", "default", "link.yaml")
    assert (code, out) == (0, "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n")


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory an unprivileged user can enter (pytest's tmp_path is private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="orgmodel-unreadable-"))
    directory.chmod(0o755)
    try:
        yield directory
    finally:
        for path in directory.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(directory)


def unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run orgmodel as a user that file permissions apply to: 'nobody' when the tests run as root."""
    command = [sys.executable, "-m", "orgmodel", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("the tests run as root and setpriv is missing: permissions cannot be tested")
        command = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(cwd), "LANG": "C.UTF-8"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, check=False, env=env)


def test_an_unreadable_directory_is_om007_with_exit_2(shared_dir: Path) -> None:
    models = shared_dir / "models"
    (models / "locked").mkdir(parents=True)
    shutil.copy(SMALL, models / "small.yaml")
    shutil.copy(SMALL, models / "locked" / "hidden.yaml")
    for path in (models / "small.yaml", models / "locked" / "hidden.yaml"):
        path.chmod(0o644)
    (models / "locked").chmod(0)
    proc = unprivileged("check", "--ruleset", "default", "models", cwd=shared_dir)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout.startswith("models/locked:1:1: OM007 unreadable [error] the directory cannot be read:")
    assert "Traceback" not in proc.stderr
    proc = unprivileged("diff", "models", "models", cwd=shared_dir)
    assert proc.returncode == 2 and "models/locked:1:1: OM007 unreadable" in proc.stderr, proc.stderr
    proc = unprivileged("trace", "kari", "models", cwd=shared_dir)
    assert proc.returncode == 2 and "models/locked:1:1: OM007 unreadable" in proc.stderr, proc.stderr


def test_an_unreadable_file_is_om007_with_exit_2(shared_dir: Path) -> None:
    model = shared_dir / "model.yaml"
    shutil.copy(SMALL, model)
    model.chmod(0)
    proc = unprivileged("check", "--ruleset", "default", "model.yaml", cwd=shared_dir)
    assert proc.returncode == 2
    assert proc.stdout.startswith(
        "model.yaml:1:1: OM007 unreadable [error] the file cannot be read: Permission"
    )
    proc = unprivileged("trace", "kari", "model.yaml", cwd=shared_dir)
    assert proc.returncode == 2 and "OM007" in proc.stderr
    proc = unprivileged("diff", "model.yaml", "model.yaml", cwd=shared_dir)
    assert proc.returncode == 2 and "cannot be read" in proc.stderr
