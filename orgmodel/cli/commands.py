"""The command line as typer builds it: the app, its options, and ``check``'s declaration.

Heavy modules (pydantic models, networkx, rich) are imported inside the
commands, so ``orgmodel --version`` and ``--help`` stay fast. ``check`` itself
runs in ``orgmodel.cli.check_run``, which the common command lines reach
without typer (``orgmodel.cli.fast``).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from orgmodel import __version__
from orgmodel.cli.check_options import (
    BaselineOption,
    ExitZeroOption,
    ExtendIgnoreOption,
    ExtendSelectOption,
    FailOnOption,
    IgnoreOption,
    JobsOption,
    NewSinceOption,
    NoCacheOption,
    OutputFileOption,
    QuietOption,
    SelectOption,
    ShowFilesOption,
    ShowSettingsOption,
    StatisticsOption,
    StdinFilenameOption,
    TimingsOption,
    WriteBaselineOption,
)
from orgmodel.cli.check_run import CheckArgs, run_check
from orgmodel.cli.group import Commands
from orgmodel.cli.guard import guarded
from orgmodel.cli.lang import formats_help
from orgmodel.cli.options import (
    ColorOption,
    ConfigFileOption,
    IsolatedOption,
    PathsArgument,
    _choice,
    _version,
)
from orgmodel.cli.support import (
    _notes_to_stderr,
)
from orgmodel.formatters import formats_for
from orgmodel.i18n import N_

# check is built with the app; the other commands (orgmodel.cli.group.LAZY) when first asked for
app = typer.Typer(
    name="orgmodel",
    cls=Commands,
    help=N_("Check organisation designs of Norwegian municipalities held as versioned YAML."),
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

Format = StrEnum("Format", {name: name for name in formats_for("check")})  # type: ignore[misc]
TEXT = Format("text")
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        parser=_choice(Format),
        help=formats_help("check"),
    ),
]
RulesetOption = Annotated[
    str | None,
    typer.Option(
        metavar="FILE|NAME",
        help=N_("Ruleset file (or a shipped one by name: default, drammen-2020, asker-2020)."),
    ),
]


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Print the version and exit.")),
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="nb|en",
            help=N_(
                "The language of the messages: nb (bokmål) or en (default: the configuration's, then LANG)."
            ),
        ),
    ] = None,
) -> None:
    """Check organisation designs of Norwegian municipalities held as versioned YAML.

    ``--lang`` was applied before parsing (orgmodel.cli.lang), so that the help speaks it too.
    """
    _notes_to_stderr()


CHECK_HELP = N_(
    "Check models against a ruleset ('-' reads one model from stdin).\n\n"
    "Exit code 0: no findings at or above --fail-on (or --exit-zero); 1: findings; 2: a usage "
    "or configuration error. Settings come from the command line, then --config or the "
    "discovered .orgmodel.yaml / pyproject.toml [tool.orgmodel], then the defaults."
)


@app.command(help=CHECK_HELP)
def check(
    paths: PathsArgument = None,
    output_format: FormatOption = TEXT,
    ruleset: RulesetOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: FailOnOption = None,
    timings: TimingsOption = False,
    color: ColorOption = None,
    extend_select: ExtendSelectOption = None,
    extend_ignore: ExtendIgnoreOption = None,
    stdin_filename: StdinFilenameOption = None,
    output_file: OutputFileOption = None,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    statistics: StatisticsOption = False,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    show_settings: ShowSettingsOption = False,
    show_files: ShowFilesOption = False,
    write_baseline: WriteBaselineOption = None,
    baseline: BaselineOption = None,
    new_since: NewSinceOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is CHECK_HELP."""
    given = {name: value for name, value in locals().items() if name in _CHECK_FIELDS}
    given.update(output_format=output_format.value, fail_on=fail_on.value if fail_on else None)
    raise typer.Exit(run_check(CheckArgs(**given)))


_CHECK_FIELDS = frozenset(CheckArgs.__dataclass_fields__)


def main() -> None:
    """The console script: run the app, never show a traceback."""
    if len(sys.argv) == 2 and sys.argv[1] == "--version":
        print(f"orgmodel {__version__}")
        return
    guarded(lambda: app(prog_name="orgmodel"))
