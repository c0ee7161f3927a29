"""``orgmodel check`` parsed without typer, for the command lines whose meaning is plain.

Building the command line costs more than a warm check, and as much as checking a model of a
few hundred units: typer and its click import, and typer builds a validator for each of check's
24 options on every run. The command lines pre-commit, CI and planners type are plain: paths
and options from the table below. Those are parsed here into the same ``CheckArgs`` typer makes
(``tests/test_fast_cli.py`` holds the table to typer's declaration and compares the two parses),
and ``run_check`` runs them.

Anything else goes to typer, which words the usage error or prints the help: ``--help``, an
unknown option, a value missing or not allowed (``--jobs 0``, ``--fail-on fatal``), ``--``, a
value that looks like an option, ``-qj2``, the options whose value click checks on disk
(``--baseline``, ``--write-baseline``: not a directory), and ``--lang`` before the command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from orgmodel.cli.check_run import CheckArgs

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


def _jobs(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None


def _fail_on(value: str) -> str | None:
    return value if value in ("error", "warning", "info") else None


def _format(value: str) -> str | None:
    from orgmodel.formatters import formats_for

    return value if value in formats_for("check") else None


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


def parse(args: Sequence[str]) -> CheckArgs | None:
    """The ``CheckArgs`` of ``orgmodel check ARGS``, or None when typer must parse them."""
    given: dict[str, Any] = {}
    paths: list[Path] = []
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token == "-" or not token.startswith("-"):
            paths.append(Path(token))
        elif token in FLAGS:
            field, value = FLAGS[token]
            given[field] = value
        else:
            name, equals, attached = token.partition("=")
            if name not in VALUES or (not name.startswith("--") and equals):
                return None
            if not equals:
                if not rest or (rest[0].startswith("-") and rest[0] != "-"):
                    return None
                attached = rest.pop(0)
            field, convert = VALUES[name]
            value = convert(attached)
            if value is None:
                return None
            if field in MANY:
                given.setdefault(field, []).append(value)
            else:
                given[field] = value
    return CheckArgs(paths=paths or None, **given)


def run(argv: Sequence[str]) -> None:
    """Run ``orgmodel check ...`` (``argv`` without the program) here if it is plain; else return."""
    args = parse(argv[1:]) if argv[:1] == ["check"] else None
    if args is None:
        return
    from orgmodel.cli.guard import guarded

    guarded(lambda: _check(argv, args))


def _check(argv: Sequence[str], args: CheckArgs) -> None:
    from orgmodel.cli.check_run import run_check
    from orgmodel.cli.language import chosen
    from orgmodel.cli.support import _notes_to_stderr
    from orgmodel.i18n import set_language

    set_language(chosen(argv))
    _notes_to_stderr()
    sys.exit(run_check(args))
