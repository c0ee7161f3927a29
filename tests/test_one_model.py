"""stats, render, report and export without MODEL read the one model under the configuration's ``paths:``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from split_model import split_model
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel.cli import app

ROOT = Path(__file__).resolve().parent.parent
DRAMMEN = ROOT / "models" / "drammen-2020.yaml"


def _repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *models: Path) -> Path:
    """A repository whose .orgmodel.yaml names models/, holding ``models``; the working directory."""
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "models"
    folder.mkdir()
    for model in models:
        shutil.copy(model, folder / model.name)
    (tmp_path / ".orgmodel.yaml").write_text("paths: [models]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("stats", ["--format", "json"]),
        ("export", ["--format", "json-graph"]),
        ("render", ["--format", "dot"]),
    ],
)
def test_the_one_model_is_read_as_if_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, options: list[str]
) -> None:
    _repository(tmp_path, monkeypatch, FIXTURES / "models" / "small.yaml")
    named = _run(command, *options, "models/small.yaml")
    assert named[0] == 0, named
    assert _run(command, *options) == named


def test_report_reads_the_one_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repository(tmp_path, monkeypatch, FIXTURES / "models" / "small.yaml")
    code, out, err = _run("report")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>") and "small.yaml" in out


def test_a_split_model_is_one_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _repository(tmp_path, monkeypatch)
    _main, parts = split_model(DRAMMEN, folder)
    assert parts  # the main file and its parts all lie under models/
    code, out, _err = _run("stats", "--format", "json")
    assert code == 0
    assert json.loads(out)["stats"]["path"] == "models/kommune.yaml"
    assert json.loads(out)["stats"]["units"] == 154  # all of Drammen, from every part


def test_several_models_are_listed_and_none_is_picked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repository(tmp_path, monkeypatch, FIXTURES / "models" / "small.yaml", DRAMMEN)
    code, out, err = _run("stats")
    assert (code, out) == (2, "")
    assert "'paths:' hold 2 models (models/drammen-2020.yaml, models/small.yaml)" in err
    assert "name one: orgmodel stats models/drammen-2020.yaml" in err


def test_without_configured_paths_the_usage_error_says_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("render")
    assert (code, out) == (2, "")
    assert (
        "no MODEL given and no .orgmodel.yaml with 'paths:'; try: orgmodel render models/kommune.yaml" in err
    )


def test_configured_paths_without_a_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repository(tmp_path, monkeypatch)
    code, _out, err = _run("export", "--format", "gexf")
    assert code == 2
    assert "the configuration's 'paths:' hold no model" in err


def test_a_configured_path_that_names_nothing_is_the_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repository(tmp_path, monkeypatch, FIXTURES / "models" / "small.yaml")
    (tmp_path / ".orgmodel.yaml").write_text("paths: [modeller]\n", encoding="utf-8")
    code, _out, err = _run("stats")
    assert code == 2
    assert "OM008" in err and "did you mean 'models'?" in err
