"""The language of a run: --lang, the configuration's lang, LC_ALL/LC_MESSAGES/LANG, then English."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel import i18n
from orgmodel.cli import app, lang, language
from orgmodel.cli.language import language_arguments

SMALL = str(FIXTURES / "models" / "small.yaml")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["--lang", "nb", "check", "models/"], "nb"),
        (["--lang=en", "check"], "en"),
        (["--lang", "nn", "check"], "nb"),  # nynorsk and "no" speak bokmål, as they do in LANG
        (["--lang=no", "check"], "nb"),
        (["--version", "--lang", "nb"], "nb"),
        (["check", "--lang", "nb"], None),  # after the command it is not the global option
        (["check", "--", "--lang", "nb"], None),
        ([], None),
    ],
)
def test_lang_is_read_before_the_command_only(args: list[str], wanted: str | None) -> None:
    assert lang.requested(args) == wanted


def test_an_unknown_lang_is_a_usage_error_that_lists_the_languages() -> None:
    with pytest.raises(typer.BadParameter, match=r"^'xx' is not a language of orgmodel; languages: en, nb$"):
        lang.requested(["--lang", "xx", "check"])
    code, out, err = run("--lang", "xx", "check", SMALL)
    assert code == 2
    assert out == ""
    assert "Invalid value for '--lang': 'xx' is not a language of orgmodel; languages: en, nb" in err
    # said in the language the run would speak without it
    code, out, err = run("--lang", "xx", "check", SMALL, env={"LANG": "nb_NO.UTF-8"})
    assert code == 2
    assert "Ugyldig verdi for '--lang': 'xx' er ikke et språk i orgmodel; språk: en, nb" in err


@pytest.mark.parametrize(
    ("environ", "wanted"),
    [
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nn_NO.UTF-8"}, "nb"),
        ({"LANG": "no"}, "nb"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "nb_NO", "LANG": "nb_NO"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "nb_NO.UTF-8", "LANG": "C"}, "nb"),
        ({"LC_MESSAGES": "C", "LANG": "nb_NO.UTF-8"}, "en"),
        ({}, None),
    ],
)
def test_the_first_locale_variable_set_decides(environ: dict[str, str], wanted: str | None) -> None:
    assert language.from_environment(environ) == wanted


def _config(tmp_path: Path, text: str, name: str = ".orgmodel.yaml") -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_configuration_beats_the_environment_and_lang_beats_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_config(tmp_path, "lang: nb\n"))
    assert lang.choose([], {"LANG": "en_US.UTF-8"}) == "nb"
    assert lang.choose(["--lang", "en"], {"LANG": "nb_NO.UTF-8"}) == "en"
    assert lang.choose(["check", "--isolated"], {"LANG": "C.UTF-8"}) == "en"
    assert lang.choose(["check", "--isolated"], {"LANG": "nb_NO.UTF-8"}) == "nb"


def test_the_lang_of_tool_orgmodel_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_config(tmp_path, '[tool.orgmodel]\nlang = "en"\n', "pyproject.toml"))
    assert lang.choose([], {"LANG": "nb_NO.UTF-8"}) == "en"


def test_the_file_config_names_gives_the_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("lang: nb\n", encoding="utf-8")
    monkeypatch.chdir(_config(tmp_path, "lang: en\n"))
    assert lang.choose(["check", "--config", str(other)], {}) == "nb"
    assert lang.choose(["check", f"--config={other}"], {}) == "nb"


def test_without_lang_anywhere_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_config(tmp_path, "paths: [models]\n"))
    assert lang.choose([], {}) == "en"


def test_a_lang_the_configuration_does_not_know_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_config(tmp_path, "lang: de\n"))
    assert lang.choose([], {}) == "en"  # the command reports the file, in English
    code, out, err = run("check", SMALL)
    assert code == 2
    assert out == ""
    assert err.splitlines()[0].startswith(".orgmodel.yaml:1:7: OM008 config [error] lang: ")


def test_check_speaks_bokmal_with_lang_nb() -> None:
    code, out, _ = run("--lang", "nb", "check", "--ruleset", "default", SMALL)
    assert (code, out) == (0, "✓ 0 feil, 0 advarsler i 1 fil (5 enheter kontrollert)\n")
    assert i18n.language() == "nb"


def test_check_speaks_bokmal_when_lang_says_so() -> None:
    code, out, _ = run("check", "--ruleset", "default", SMALL, env={"LANG": "nb_NO.UTF-8"})
    assert (code, out) == (0, "✓ 0 feil, 0 advarsler i 1 fil (5 enheter kontrollert)\n")
    code, out, _ = run("--lang", "en", "check", "--ruleset", "default", SMALL, env={"LANG": "nb_NO.UTF-8"})
    assert (code, out) == (0, "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n")


def test_the_help_speaks_the_language_of_the_run() -> None:
    code, out, _ = run("--lang", "nb", "--help")
    assert code == 0
    assert out.startswith("Bruk: orgmodel [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nKommandoer:\n" in out
    assert "Vis denne hjelpen og avslutt." in out
    code, out, _ = run("--lang", "en", "--help")
    assert out.startswith("Usage: orgmodel [OPTIONS] COMMAND [ARGS]...\n")
    assert "Show this message and exit." in out


def test_the_help_names_arguments_without_python_types_and_options_with_their_values() -> None:
    _code, out, _ = run("trace", "--help")
    assert "\n  PERSONA  The id of a persona" in out
    assert "\n  PATHS    Model files or directories" in out
    assert "<str>" not in out and "<list[Path]>" not in out
    assert "\n  -f, --format <text|json>  Output format" in out


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["--lang", "nb", "a.yaml"], (["--lang", "nb"], ["a.yaml"])),
        (["--ruleset", "x", "--lang=nb", "a.yaml"], (["--lang=nb"], ["--ruleset", "x", "a.yaml"])),
        (["a.yaml", "--", "--lang"], ([], ["a.yaml", "--", "--lang"])),
    ],
)
def test_the_pre_commit_hook_moves_lang_before_the_command(
    args: list[str], wanted: tuple[list[str], list[str]]
) -> None:
    assert language_arguments(args) == wanted


def test_the_pre_commit_hook_speaks_bokmal_with_lang_nb(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / ".git").mkdir()  # a repository without .orgmodel.yaml: the given file is checked
    model = tmp_path / "small.yaml"
    model.write_bytes(Path(SMALL).read_bytes())
    hook = "import sys; from orgmodel.precommit import main; sys.argv[0] = 'orgmodel-pre-commit'; main()"
    done = subprocess.run(
        [sys.executable, "-c", hook, "--lang", "nb", "--ruleset", "default", "small.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(tmp_path)},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "✓ 0 feil, 0 advarsler i 1 fil (5 enheter kontrollert)\n",
        "",
    )


def test_the_ruleset_option_names_every_shipped_ruleset() -> None:
    from orgmodel.cli.commands import RulesetOption
    from orgmodel.ruleset_files import shipped_names

    help_text = RulesetOption.__metadata__[0].help
    assert all(name in help_text for name in shipped_names()), help_text


@pytest.mark.parametrize(
    "args", [["check", "--lang", "nb"], ["check", "--lang=nb"], ["--lang", "nb", "check"]]
)
def test_the_console_script_takes_lang_after_the_command_too(tmp_path: Path, args: list[str]) -> None:
    import subprocess
    import sys

    model = tmp_path / "small.yaml"
    model.write_bytes(Path(SMALL).read_bytes())
    script = Path(sys.executable).parent / "orgmodel"
    done = subprocess.run(
        [str(script), *args, "--ruleset", "default", "small.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(tmp_path)},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "✓ 0 feil, 0 advarsler i 1 fil (5 enheter kontrollert)\n",
        "",
    )
