"""``orgmodel check`` and ``orgmodel diff`` parsed without typer, where the command line is plain.

Building the command line costs more than a warm check, and as much as checking a model of a
few hundred units: typer and its click import, and typer builds a validator for each option of
the command on every run. The command lines pre-commit, CI, git's diff driver and planners type
are plain: paths and options from the tables below. Those are parsed here into the same
``CheckArgs`` or ``DiffArgs`` typer makes (``tests/test_fast_cli.py`` holds the tables to typer's
declarations and compares the two parses), and ``run_check`` or ``run_diff`` runs them.

Anything else goes to typer, which words the usage error or prints the help: ``--help``, an
unknown option, a value missing or not allowed (``--jobs 0``, ``--fail-on fatal``,
``--max-chars 10``), ``--``, a value that looks like an option, ``-qj2``, the options whose value
click checks on disk (``--baseline``, ``--write-baseline``: not a directory), and ``--lang``
before the command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from orgmodel.cli.check_run import CheckArgs
from orgmodel.cli.diff_run import DiffArgs

# option -> (CheckArgs field, the value it sets)
FLAGS: dict[str, tuple[str, bool]] = {
    "--timings": ("timings", True),
    "--no-timings": ("timings", False),
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--quiet": ("quiet", True),
    "-q": ("quiet", True),
    "--exit-zero": ("exit_zero", True),
    "--statistics": ("statistics", True),
    "--isolated": ("isolated", True),
    "--show-settings": ("show_settings", True),
    "--show-files": ("show_files", True),
    "--no-cache": ("no_cache", True),
}


def _text(value: str) -> str | None:
    return value


def _path(value: str) -> Path | None:
    return Path(value)


def _at_least(low: int) -> Callable[[str], int | None]:
    """A whole number of at least ``low``, written in ASCII digits (anything else is typer's)."""
    return lambda value: int(value) if value.isascii() and value.isdigit() and int(value) >= low else None


def _one_of(*choices: str) -> Callable[[str], str | None]:
    return lambda value: value if value in choices else None


def _format_of(command: Literal["check", "diff"]) -> Callable[[str], str | None]:
    """One of the command's output formats (the registry is imported when a format is given)."""

    def convert(value: str) -> str | None:
        from orgmodel.formatters import formats_for

        return value if value in formats_for(command) else None

    return convert


_jobs, _fail_on, _format = _at_least(1), _one_of("error", "warning", "info"), _format_of("check")


# option -> (CheckArgs field, the value's conversion: None when typer must word the problem)
VALUES: dict[str, tuple[str, Callable[[str], Any]]] = {
    "--format": ("output_format", _format),
    "-f": ("output_format", _format),
    "--ruleset": ("ruleset", _text),
    "--select": ("select", _text),
    "--ignore": ("ignore", _text),
    "--extend-select": ("extend_select", _text),
    "--extend-ignore": ("extend_ignore", _text),
    "--fail-on": ("fail_on", _fail_on),
    "--stdin-filename": ("stdin_filename", _text),
    "--output-file": ("output_file", _path),
    "-o": ("output_file", _path),
    "--config": ("config_file", _path),
    "--new-since": ("new_since", _text),
    "--jobs": ("jobs", _jobs),
    "-j": ("jobs", _jobs),
}
MANY = frozenset({"select", "ignore", "extend_select", "extend_ignore"})
"""The repeatable options: each use adds its value to a list (a single one: the last use counts)."""
LEFT_TO_TYPER = ("--baseline", "--write-baseline", "--help")
"""check's options this module does not parse: a command line with one of them goes to typer."""


_diff_format, _fail_on_new, _max_chars = _format_of("diff"), _one_of("error", "warning"), _at_least(1000)


DIFF_FLAGS: dict[str, tuple[str, bool]] = {
    "--list-kinds": ("list_kinds", True),
    "--git-driver": ("git_driver", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--isolated": ("isolated", True),
}
DIFF_VALUES: dict[str, tuple[str, Callable[[str], Any]]] = {
    "--base": ("base", _text),
    "--format": ("output_format", _diff_format),
    "-f": ("output_format", _diff_format),
    "--ruleset": ("ruleset", _text),
    "--allow": ("allow", _text),
    "--fail-on-new": ("fail_on_new", _fail_on_new),
    "--max-chars": ("max_chars", _max_chars),
    "--output-file": ("output_file", _path),
    "-o": ("output_file", _path),
    "--config": ("config_file", _path),
}
DIFF_MANY = frozenset({"allow"})
DIFF_LEFT_TO_TYPER = ("--help",)


def _tokens(
    args: Sequence[str],
    flags: dict[str, tuple[str, bool]],
    values: dict[str, tuple[str, Callable[[str], Any]]],
    many: frozenset[str],
) -> tuple[dict[str, Any], list[str]] | None:
    """The options given and the positional arguments, or None when typer must parse ``args``."""
    given: dict[str, Any] = {}
    positional: list[str] = []
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token == "-" or not token.startswith("-"):
            positional.append(token)
        elif token in flags:
            field, value = flags[token]
            given[field] = value
        else:
            name, equals, attached = token.partition("=")
            if name not in values or (not name.startswith("--") and equals):
                return None
            if not equals:
                if not rest or (rest[0].startswith("-") and rest[0] != "-"):
                    return None
                attached = rest.pop(0)
            field, convert = values[name]
            value = convert(attached)
            if value is None:
                return None
            if field in many:
                given.setdefault(field, []).append(value)
            else:
                given[field] = value
    return given, positional


def parse(args: Sequence[str]) -> CheckArgs | None:
    """The ``CheckArgs`` of ``orgmodel check ARGS``, or None when typer must parse them."""
    found = _tokens(args, FLAGS, VALUES, MANY)
    if found is None:
        return None
    given, paths = found
    return CheckArgs(paths=[Path(p) for p in paths] or None, **given)


def parse_diff(args: Sequence[str]) -> DiffArgs | None:
    """The ``DiffArgs`` of ``orgmodel diff ARGS``, or None when typer must parse them."""
    found = _tokens(args, DIFF_FLAGS, DIFF_VALUES, DIFF_MANY)
    if found is None:
        return None
    given, sides = found
    return DiffArgs(sides=sides or None, **given)


def run(argv: Sequence[str]) -> None:
    """Run ``orgmodel check|diff ...`` (``argv`` without the program) here if it is plain; else return."""
    command = argv[0] if argv else None
    args: CheckArgs | DiffArgs | None = None
    if command == "check":
        args = parse(argv[1:])
    elif command == "diff":
        args = parse_diff(argv[1:])
    if args is None:
        return
    from orgmodel.cli.guard import guarded

    guarded(lambda: _run(argv, args))


def _run(argv: Sequence[str], args: CheckArgs | DiffArgs) -> None:
    from orgmodel.cli.language import chosen
    from orgmodel.cli.support import _notes_to_stderr
    from orgmodel.i18n import set_language

    set_language(chosen(argv))
    _notes_to_stderr()
    if isinstance(args, CheckArgs):
        from orgmodel.cli.check_run import run_check

        sys.exit(run_check(args))
    from orgmodel.cli.diff_run import run_diff

    sys.exit(run_diff(args))
