"""``orgmodel diff``: compare two proposals (files, directories, git revisions, or git's diff driver).

typer's declaration of the command; the run is ``orgmodel.cli.diff_run`` (a plain command line
gets there without typer, through ``orgmodel.cli.fast``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from orgmodel.cli.check_options import OutputFileOption
from orgmodel.cli.diff_run import DiffArgs, run_diff
from orgmodel.cli.lang import formats_help
from orgmodel.cli.options import ColorOption, ConfigFileOption, IsolatedOption, _choice
from orgmodel.formatters import formats_for
from orgmodel.i18n import N_

DiffFormat = StrEnum("DiffFormat", {name: name for name in formats_for("diff")})  # type: ignore[misc]
DIFF_TEXT = DiffFormat("text")


class FailOnNew(StrEnum):
    """The lowest severity of a finding new in NEW that makes ``diff`` exit with 1."""

    error = "error"
    warning = "warning"


SidesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="OLD NEW",
        help=N_(
            "OLD NEW: model files, directories or git revisions (main:models/x.yaml, HEAD~3:models/); "
            "with --base, one path."
        ),
    ),
]
BaseOption = Annotated[
    str | None,
    typer.Option(metavar="REV", help=N_("Compare the working PATH with the same path at this git revision.")),
]
FormatOption = Annotated[
    DiffFormat,
    typer.Option(
        "--format",
        "-f",
        parser=_choice(DiffFormat),
        help=formats_help("diff"),
    ),
]
RulesetOption = Annotated[
    str | None,
    typer.Option(
        metavar="FILE|NAME", help=N_("Ruleset for the rule delta (default: .orgmodel.yaml's, else default).")
    ),
]
AllowOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="ID",
        help=N_("A change id accepted in advance (repeatable; also 'allow:' in .orgmodel.yaml)."),
    ),
]
FailOnNewOption = Annotated[
    FailOnNew | None,
    typer.Option(
        parser=_choice(FailOnNew),
        help=N_("Exit 1 when NEW brings findings at this level that OLD did not have."),
    ),
]
MaxCharsOption = Annotated[
    int | None,
    typer.Option(
        metavar="N",
        min=1000,
        help=N_(
            "With --format markdown: at most N characters; past it the most important changes stay "
            "[default: 60000]."
        ),
    ),
]


DIFF_HELP = N_(
    "Compare two proposals.\n\n"
    "What changed between OLD and NEW: people affected, structure, places, services and "
    "principles (rule findings)."
)


def diff(
    sides: SidesArgument = None,
    base: BaseOption = None,
    output_format: FormatOption = DIFF_TEXT,
    ruleset: RulesetOption = None,
    allow: AllowOption = None,
    fail_on_new: FailOnNewOption = None,
    max_chars: MaxCharsOption = None,
    list_kinds: Annotated[
        bool, typer.Option("--list-kinds", help=N_("List the change kinds and exit."))
    ] = False,
    git_driver: Annotated[
        bool, typer.Option("--git-driver", help=N_("Called by git as a diff driver (7 arguments)."))
    ] = False,
    color: ColorOption = None,
    output_file: OutputFileOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is DIFF_HELP."""
    given = {name: value for name, value in locals().items() if name in _DIFF_FIELDS}
    given.update(output_format=output_format.value, fail_on_new=fail_on_new.value if fail_on_new else None)
    raise typer.Exit(run_diff(DiffArgs(**given)))


_DIFF_FIELDS = frozenset(DiffArgs.__dataclass_fields__)
