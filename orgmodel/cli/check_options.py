"""The options of ``orgmodel check`` that ruff and yamllint users expect, one type alias each.

Each alias is its option's whole declaration, so ``check``'s signature reads as a list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orgmodel.cli.options import _choice
from orgmodel.cli.support import FailOn
from orgmodel.i18n import N_

SelectOption = Annotated[
    list[str] | None, typer.Option(metavar="RULES", help=N_("Only these rules: codes, prefixes or names."))
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option(metavar="RULES", help=N_("Not these rules: codes, prefixes or names."))
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        parser=_choice(FailOn),
        help=N_("Exit 1 when a finding is at or above this severity [default: warning]."),
    ),
]
TimingsOption = Annotated[
    bool, typer.Option(help=N_("Print the time and peak memory of each phase to stderr."))
]

StdinFilenameOption = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help=N_("The name of the model read from stdin ('-'), used in findings and for per-file-ignores."),
    ),
]
OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output-file",
        "-o",
        metavar="FILE",
        help=N_("Write the output to FILE (atomically) instead of stdout; the terminal gets only errors."),
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help=N_("Print the findings only: no summary line."))
]
ExitZeroOption = Annotated[
    bool, typer.Option("--exit-zero", help=N_("Exit 0 even with findings (2 still for a usage error)."))
]
StatisticsOption = Annotated[
    bool,
    typer.Option(
        "--statistics", help=N_("Count the findings per rule, most first, instead of listing them.")
    ),
]
ExtendSelectOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="RULES", help=N_("Also these rules, without narrowing the selection (ruff's name).")
    ),
]
ExtendIgnoreOption = Annotated[
    list[str] | None,
    typer.Option(metavar="RULES", help=N_("Also not these rules: the same as --ignore (ruff's name).")),
]
ShowSettingsOption = Annotated[
    bool,
    typer.Option(
        "--show-settings",
        help=N_("Print the resolved settings and the files that would be checked, then exit."),
    ),
]
ShowFilesOption = Annotated[
    bool,
    typer.Option(
        "--show-files", help=N_("Print the files that would be checked, and what was skipped, then exit.")
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help=N_("Check the files in N processes [default: the configuration's jobs:, else one per core]."),
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help=N_("Check every file afresh: neither read nor write the cache (.orgmodel_cache/)."),
    ),
]
WriteBaselineOption = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        dir_okay=False,
        help=N_("Record today's findings in this baseline file (JSON) and exit 0."),
    ),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        dir_okay=False,
        help=N_("Fail only on findings this baseline file does not list; list its entries that are fixed."),
    ),
]
NewSinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="REV",
        help=N_("Fail only on findings the same file did not have at this git revision (main, HEAD~1)."),
    ),
]
