"""Options and arguments several commands share, written once (typer); ``check`` runs without them.

The command line's plain parts (exit codes, error printing) are in ``orgmodel.cli.support``, which
imports no typer: a common ``orgmodel check`` is parsed without typer (``orgmodel.cli.fast``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from orgmodel import __version__
from orgmodel.i18n import N_, _

# Options several commands share, written once.
ColorOption = Annotated[bool | None, typer.Option("--color/--no-color", help=N_("Force colour on or off."))]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATHS",
        help=N_("Model files or directories (default: the paths in .orgmodel.yaml)."),
        readable=False,  # an unreadable file is an OM007 diagnostic, not a usage message
    ),
]

ConfigFileOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help=N_("Use this configuration file (.orgmodel.yaml or pyproject.toml) instead of finding one."),
    ),
]
IsolatedOption = Annotated[
    bool,
    typer.Option(
        "--isolated", help=N_("Ignore every configuration file: the command line and defaults only.")
    ),
]

E = TypeVar("E", bound=StrEnum)


def _choice(kind: type[E]) -> Callable[[str], E]:
    """A parser for an option with fixed values: a plain message and a did-you-mean on a slip.

    typer's own conversion words a wrong value the way pydantic does
    ("Value error, 'informational' is not one of ...").
    """

    def parse(value: str) -> E:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            pass
        from orgmodel.wording import choice_guess

        names = [member.value for member in kind]
        guess = choice_guess(str(value), names)
        if guess:
            message = _("'{value}' is not one of {choices}; did you mean '{guess}'?")
        else:
            message = _("'{value}' is not one of {choices}")
        raise typer.BadParameter(message.format(value=value, choices=", ".join(names), guess=guess)) from None

    return parse


def _version(value: bool) -> None:
    if value:
        typer.echo(f"orgmodel {__version__}")
        raise typer.Exit()


_RULESET_OPTION = typer.Option(
    metavar="FILE|NAME",
    help=N_("Ruleset file or shipped name (default: .orgmodel.yaml's, else default): show what it sets."),
)
