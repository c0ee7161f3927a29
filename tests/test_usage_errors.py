"""click's usage errors in the run's language (orgmodel.cli.usage_errors), with click's exit codes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer
from typer.testing import CliRunner

from orgmodel import i18n
from orgmodel.cli import app
from orgmodel.cli.group import Commands
from orgmodel.cli.usage_errors import SENTENCES, UsageError, translated


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def in_bokmal() -> Iterator[None]:
    i18n.set_language("nb")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("args", "english", "bokmal"),
    [
        (
            ["--nope"],
            "Usage: orgmodel [OPTIONS] COMMAND [ARGS]...\nTry 'orgmodel --help' for help.\n\n"
            "Error: No such option: --nope\n",
            "Bruk: orgmodel [OPTIONS] COMMAND [ARGS]...\nSe 'orgmodel --help' for hjelp.\n\n"
            "Feil: Ukjent valg: --nope\n",
        ),
        (
            ["chek"],
            "Usage: orgmodel [OPTIONS] COMMAND [ARGS]...\nTry 'orgmodel --help' for help.\n\n"
            "Error: No such command 'chek'. Did you mean 'check', 'schema'?\n",
            "Bruk: orgmodel [OPTIONS] COMMAND [ARGS]...\nSe 'orgmodel --help' for hjelp.\n\n"
            "Feil: Ukjent kommando 'chek'. Mente du 'check', 'schema'?\n",
        ),
        (
            ["check", "--jobs", "0", "models"],
            "Usage: orgmodel check [OPTIONS] [PATHS]...\nTry 'orgmodel check --help' for help.\n\n"
            "Error: Invalid value for '--jobs' / '-j': the value must be at least 1\n",
            "Bruk: orgmodel check [OPTIONS] [PATHS]...\nSe 'orgmodel check --help' for hjelp.\n\n"
            "Feil: Ugyldig verdi for '--jobs' / '-j': verdien må være minst 1\n",
        ),
        (
            ["trace"],
            "Usage: orgmodel trace [OPTIONS] {PERSONA} [PATHS]...\nTry 'orgmodel trace --help' for help.\n\n"
            "Error: Missing argument 'PERSONA'.\n",
            "Bruk: orgmodel trace [OPTIONS] {PERSONA} [PATHS]...\nSe 'orgmodel trace --help' for hjelp.\n\n"
            "Feil: Argumentet 'PERSONA' mangler.\n",
        ),
        (
            ["check", "--config"],
            "Error: Option '--config' needs a value.\n",
            "Feil: Valget '--config' trenger en verdi.\n",
        ),
        (
            ["rules", "test", "--nope"],
            "Usage: orgmodel rules test [OPTIONS] {RULESET}\nTry 'orgmodel rules test --help' for help.\n\n"
            "Error: No such option: --nope\n",
            "Bruk: orgmodel rules test [OPTIONS] {RULESET}\nSe 'orgmodel rules test --help' for hjelp.\n\n"
            "Feil: Ukjent valg: --nope\n",
        ),
    ],
    ids=["option", "command", "too small", "missing argument", "no value", "subcommand"],
)
def test_a_usage_error_in_english_and_in_bokmal(args: list[str], english: str, bokmal: str) -> None:
    assert run(*args) == (2, "", english)
    assert run("--lang", "nb", *args) == (2, "", bokmal)


@pytest.mark.parametrize(
    ("said", "bokmal"),
    [
        (
            "No such option: --nope (Possible options: --ignore, --no-cache)",
            "Ukjent valg: --nope (mente du --ignore, --no-cache?)",
        ),
        ("Missing command.", "Kommandoen mangler."),
        ("Missing option '--base'.", "Valget '--base' mangler."),
        ("Missing option '-f' / '--format'.", "Valget '-f' / '--format' mangler."),
        # a sentence with more after it than the pattern knows stays whole, never half translated
        ("Missing argument 'X'. Choose from:\n\ta,\n\tb.", "Missing argument 'X'. Choose from:\n\ta,\n\tb."),
        ("Option '--pair' requires 2 arguments.", "Valget '--pair' trenger 2 verdier."),
        ("Option '--quiet' does not take a value.", "Valget '--quiet' tar ingen verdi."),
        ("Argument 'pair' takes 2 values.", "Argumentet 'pair' tar 2 verdier."),
        ("Got unexpected extra argument(s) (a b)", "Uventede ekstra argumenter (a b)"),
        (
            "Invalid value for '--max-chars': Input should be a valid integer, unable to parse string as an "
            "integer",
            "Ugyldig verdi for '--max-chars': verdien må være et heltall",
        ),
        ("Invalid value: Input should be less than or equal to 9", "Ugyldig verdi: verdien må være høyst 9"),
        (
            "Invalid value for 'PATH': File 'a.yaml' does not exist.",
            "Ugyldig verdi for 'PATH': 'a.yaml' finnes ikke.",
        ),
        ("Invalid value for 'DIR': Path 'x' is a file.", "Ugyldig verdi for 'DIR': 'x' er en fil."),
        # a reason orgmodel gave in the run's language stays as it is
        (
            "Invalid value for '--lang': 'xx' er ikke et språk",
            "Ugyldig verdi for '--lang': 'xx' er ikke et språk",
        ),
        # a sentence of a newer click stays in English rather than being lost
        ("Something click says one day.", "Something click says one day."),
    ],
)
def test_click_sentences_in_bokmal(in_bokmal: None, said: str, bokmal: str) -> None:
    assert translated(said) == bokmal


def test_every_sentence_reads_back_the_same_in_english() -> None:
    """In English a known sentence keeps its words, apart from the ones orgmodel words for a planner."""
    reworded = {"requires", "Got unexpected", "Input should", "(Possible options", "File '", "Path '"}
    for said in ("No such option: --nope", "Missing argument 'MODEL'.", "Invalid value for 'X': 'y' is bad"):
        assert translated(said) == said
    assert all(not any(word in template for word in reworded) for _pattern, template in SENTENCES)


def test_the_group_leaves_errors_to_the_caller_outside_standalone_mode() -> None:
    command = typer.main.get_command(app)
    with pytest.raises(UsageError):
        command.main(["--nope"], prog_name="orgmodel", standalone_mode=False)


def test_no_arguments_show_the_help_with_code_2() -> None:
    code, out, err = run()
    assert code == 2
    assert (out + err).startswith("Usage: orgmodel [OPTIONS] COMMAND [ARGS]...\n")
    assert "Commands" in out + err


def test_aborted_is_said_in_the_run_s_language_with_code_1() -> None:
    aborting = typer.Typer(cls=Commands, add_completion=False, rich_markup_mode=None)

    @aborting.command()
    def stop() -> None:
        raise typer.Abort()

    @aborting.command()
    def other() -> None:
        """A second command, so that the group keeps its subcommands."""

    norwegian = dict.fromkeys(("LC_ALL", "LC_MESSAGES", "LANG"), "nb_NO.UTF-8")
    result = CliRunner().invoke(aborting, ["stop"], env=norwegian)
    assert (result.exit_code, result.stderr) == (1, "Avbrutt!\n")


def test_control_characters_in_what_was_typed_are_shown_escaped() -> None:
    code, _out, err = run("--lang", "nb", "check", "--no\x1b[31mpe")
    assert code == 2
    assert "\x1b" not in err
    assert "Feil: Ukjent valg: --no" in err
