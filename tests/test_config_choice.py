"""Every command that reads the configuration takes ``--config FILE`` and ``--isolated``, as check does.

A workflow that must not trust the pull request's ``.orgmodel.yaml`` (its ``ignore:``, ``allow:``
or ``ruleset:``) runs every command with ``--isolated`` and its own ``--ruleset``; a team with
its settings elsewhere names them with ``--config``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel.cli import app

SMALL = FIXTURES / "models" / "small.yaml"

# each command with the arguments that read models/small.yaml (named, so that --isolated has a model)
COMMANDS = {
    "stats": ["stats", "models/small.yaml"],
    "export": ["export", "--format", "json-graph", "models/small.yaml"],
    "render": ["render", "--format", "dot", "models/small.yaml"],
    "report": ["report", "models/small.yaml"],
    "trace": ["trace", "kari", "models/small.yaml"],
    "diff": ["diff", "models/small.yaml", "models/small.yaml"],
    "rules": ["rules"],
    "explain": ["explain", "OM111"],
    "fmt": ["fmt", "--check", "models/small.yaml"],
}
BROKEN = "paths: [models]\nfail-on: errors\n"


def _repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose .orgmodel.yaml has a value no command accepts; the working directory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "models").mkdir()
    shutil.copy(SMALL, tmp_path / "models" / "small.yaml")
    (tmp_path / ".orgmodel.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "elsewhere.yaml").write_text("paths: [models]\nruleset: default\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"export"}))
def test_the_found_configuration_isolated_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    _repository(tmp_path, monkeypatch)
    args = COMMANDS[command]
    code, out = _run(*args)
    assert code == 2 and "fail-on" in out, out  # the found .orgmodel.yaml is read, and refused
    isolated = _run(*args, "--isolated")
    assert isolated[0] in (0, 1) and "fail-on" not in isolated[1], isolated
    assert _run(*args, "--config", "elsewhere.yaml") == isolated  # the named file, not the found one
    both = _run(*args, "--isolated", "--config", "elsewhere.yaml")
    assert both[0] == 2 and "contradict" in both[1], both
    missing = _run(*args, "--config", "nowhere.yaml")
    assert missing[0] == 2 and "--config nowhere.yaml: no such file" in missing[1], missing


@pytest.mark.parametrize("command", ["stats", "render", "report", "export"])
def test_a_named_configuration_gives_the_one_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    _repository(tmp_path, monkeypatch)
    args = [arg for arg in COMMANDS[command] if arg != "models/small.yaml"]
    assert _run(*args, "--config", "elsewhere.yaml") == _run(*COMMANDS[command], "--isolated")
    code, out = _run(*args, "--isolated")
    assert code == 2 and "no MODEL given" in out, out  # no configuration: no paths either


def test_export_of_a_named_model_reads_no_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # export reads the configuration only to find the one model: a broken one does not stop it
    _repository(tmp_path, monkeypatch)
    code, out = _run(*COMMANDS["export"])
    assert code == 0 and '"nodes"' in out, out
    assert _run("export", "--format", "json-graph")[0] == 2  # without MODEL: the broken file is read


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_diff_isolated_ignores_the_pull_requests_allow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a pull request takes a budget away and, in the same change, allows the finding it brings
    repo = _repository(tmp_path, monkeypatch)
    (repo / ".orgmodel.yaml").write_text("paths: [models]\n", encoding="utf-8")
    _git(repo, "init", "--quiet")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "base")
    model = repo / "models" / "small.yaml"
    text = model.read_text(encoding="utf-8")
    assert text.count("budget: true") >= 2
    model.write_text(text[::-1].replace("eurt :tegdub", "eslaf :tegdub", 1)[::-1], encoding="utf-8")
    found = _run("diff", "--base", "HEAD", "--fail-on-new", "error")
    assert found[0] == 1 and "finding-new:OM140:hjemme-nord" in found[1], found
    allowed = "paths: [models]\nallow: [finding-new:OM140:hjemme-nord]\n"
    (repo / ".orgmodel.yaml").write_text(allowed, encoding="utf-8")
    assert _run("diff", "--base", "HEAD", "--fail-on-new", "error")[0] == 0  # what --isolated is for
    isolated = _run("diff", "--base", "HEAD", "--fail-on-new", "error", "--isolated", "models/small.yaml")
    assert isolated[0] == 1 and "(allowed)" not in isolated[1], isolated
