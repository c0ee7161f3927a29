"""``orgmodel init`` writes a starter that checks clean; shell completion scripts and protocol."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.starter import STARTER_CONFIG, STARTER_MODEL


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_model_and_a_configuration_that_check_clean(repo: Path) -> None:
    code, out, err = run("init", "kommune")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "wrote kommune/.orgmodel.yaml",
        "wrote kommune/models/kommune.yaml",
        "next: cd kommune && orgmodel check",
    ]
    assert (repo / "kommune" / "models" / "kommune.yaml").read_text(encoding="utf-8") == STARTER_MODEL
    assert (repo / "kommune" / ".orgmodel.yaml").read_text(encoding="utf-8") == STARTER_CONFIG
    os.chdir(repo / "kommune")
    assert run("check", "--fail-on", "info") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (10 units checked)\n",
        "",
    )
    assert run("check", "--isolated", "--ruleset", "default", "models") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (10 units checked)\n",
        "",
    )
    code, out, _ = run("trace", "kari")
    assert code == 0
    assert "Tjenestetildeling" in out
    # a first commit of the starter passes the README's orgmodel-fmt hook too
    assert run("--lang", "nb", "fmt", "--check") == (
        0,
        "",
        "0 filer ville blitt formatert, 1 fil allerede formatert\n",
    )


def test_init_refuses_to_overwrite_unless_forced(repo: Path) -> None:
    (repo / "models").mkdir()
    (repo / "models" / "kommune.yaml").write_text("# mine\n", encoding="utf-8")
    assert run("init") == (2, "", "orgmodel: models/kommune.yaml already exists; --force overwrites\n")
    assert (repo / "models" / "kommune.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (repo / ".orgmodel.yaml").exists()  # nothing is written when one file is refused
    assert run("init", "--force")[0] == 0
    assert (repo / "models" / "kommune.yaml").read_text(encoding="utf-8") == STARTER_MODEL


def test_init_into_a_file_is_a_usage_error(repo: Path) -> None:
    (repo / "notes.txt").write_text("x", encoding="utf-8")
    assert run("init", "notes.txt") == (2, "", "orgmodel: notes.txt is not a directory\n")


def test_show_completion_prints_a_script_for_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    # typer's own switch: --show-completion takes the shell's name instead of detecting the shell
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    code, out, _ = run("--show-completion", "bash")
    assert code == 0
    assert out.splitlines()[-1] == "complete -o default -F _orgmodel_completion orgmodel"
    code, out, _ = run("--show-completion", "zsh")
    assert (code, out.splitlines()[0]) == (0, "#compdef orgmodel")


def test_the_completion_protocol_completes_commands_and_options() -> None:
    def complete(words: str) -> list[str]:
        env = {**os.environ, "_ORGMODEL_COMPLETE": "complete_bash", "COMP_WORDS": words}
        env["COMP_CWORD"] = str(len(words.split()) - 1)
        done = subprocess.run(
            [sys.executable, "-m", "orgmodel"], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.split()

    assert complete("orgmodel che") == ["check"]
    assert complete("orgmodel check --stat") == ["--statistics"]
    assert complete("orgmodel check --extend-") == ["--extend-select", "--extend-ignore"]


def test_the_starter_model_is_valid_under_the_editors_json_schema() -> None:
    from jsonschema import Draft202012Validator

    from orgmodel.api import model_json_schema
    from orgmodel.loader import load_bytes

    validator = Draft202012Validator(model_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    data = load_bytes("kommune.yaml", STARTER_MODEL.encode("utf-8")).data  # as orgmodel and an editor read it
    assert [error.message for error in validator.iter_errors(data)] == []


def test_init_in_bokmal_writes_the_same_files_with_norwegian_comments(repo: Path) -> None:
    import yaml

    from orgmodel.starter_nb import COMMENTS_NB, in_bokmal

    STARTER_MODEL_NB, STARTER_CONFIG_NB = in_bokmal(STARTER_MODEL), in_bokmal(STARTER_CONFIG)
    # key for key and value for value the English starter: only the comments are Norwegian, all of them
    assert yaml.safe_load(STARTER_MODEL_NB) == yaml.safe_load(STARTER_MODEL)
    assert yaml.safe_load(STARTER_CONFIG_NB) == yaml.safe_load(STARTER_CONFIG)
    english = [  # a key written commented out ('# lang: nb   # ...') has its comment after it
        line[line.index("#", 1 if line.startswith("# lang:") else 0) :]
        for line in (STARTER_MODEL + STARTER_CONFIG).splitlines()
        if "#" in line
    ]
    assert set(english) == set(COMMENTS_NB)
    code, out, err = run("--lang", "nb", "init", "kommune")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "neste: cd kommune && orgmodel check"
    # the language is set, so that every later command and CI speak bokmål (it was English)
    config = (repo / "kommune" / ".orgmodel.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(config) == {**yaml.safe_load(STARTER_CONFIG), "lang": "nb"}
    assert "\nlang: nb                            # meldinger på bokmål (nb) eller engelsk (en)" in config
    written = (repo / "kommune" / "models" / "kommune.yaml").read_text(encoding="utf-8")
    assert (
        written == STARTER_MODEL_NB and "# Nivå 3: virksomheter, hver ledet av en virksomhetsleder" in written
    )
    os.chdir(repo / "kommune")
    assert run("check") == (0, "✓ 0 feil, 0 advarsler i 1 fil (10 enheter kontrollert)\n", "")
    assert run("--lang", "nb", "fmt", "--check") == (
        0,
        "",
        "0 filer ville blitt formatert, 1 fil allerede formatert\n",
    )


def test_the_bokmal_starter_and_messages_address_the_reader_as_du() -> None:
    # tour K: "navn og titler er deres egne" spoke to the reader as 'dere' (or of someone else),
    # where every other line says 'du' ("bytter ut med din egen")
    import re

    from orgmodel import i18n
    from orgmodel.starter_nb import COMMENTS_NB

    starter = "\n".join(COMMENTS_NB.values())
    assert "# titler er dine egne (norske)." in starter
    assert not re.search(r"\b(dere|deres)\b", starter, re.IGNORECASE)
    i18n.set_language("nb")
    for english in (
        "choose your own prefix, e.g. the kommune's initials",
        "choose your own prefix: OM is orgmodel's",
        "your own prefix and a number, e.g. code: OPP001",
    ):
        assert i18n._(english).startswith(("velg ditt eget", "ditt eget")), english
