"""``orgmodel diff``: compare two proposals (files, directories, git revisions, or git's diff driver)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from orgmodel.cli.lang import formats_help
from orgmodel.cli.options import ColorOption, _choice
from orgmodel.cli.support import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, _print_config_error, _stderr, _usage
from orgmodel.formatters import diff_renderer, formats_for
from orgmodel.i18n import N_, _

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport
    from orgmodel.diff.sources import Side

DiffFormat = StrEnum("DiffFormat", {name: name for name in formats_for("diff")})  # type: ignore[misc]
DIFF_TEXT = DiffFormat("text")


class FailOnNew(StrEnum):
    """The lowest severity of a finding new in NEW that makes ``diff`` exit with 1."""

    error = "error"
    warning = "warning"


def _looks_like_git(args: list[str]) -> bool:
    """Whether 7 arguments are git's: path old-file old-hex old-mode new-file new-hex new-mode."""
    hexes = all(a == "." or (len(a) >= 7 and set(a) <= set("0123456789abcdef")) for a in (args[2], args[5]))
    modes = all(a == "." or a.isdigit() for a in (args[3], args[6]))
    return hexes and modes


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
) -> None:
    """The command; its help (what ``--help`` shows) is DIFF_HELP."""
    from orgmodel.api import compare
    from orgmodel.config import find_config, load_config
    from orgmodel.diagnostic import Severity
    from orgmodel.diff.sources import ruleset_notes
    from orgmodel.i18n import _
    from orgmodel.progress import bar, big
    from orgmodel.ruleset import ConfigError

    if list_kinds:
        from orgmodel.diff.kinds import KINDS

        for name, kind in KINDS.items():
            typer.echo(f"{name:<28} {kind.group:<11} {kind.described()}")
        return
    if max_chars is not None and output_format.value != "markdown":
        _usage(_("--max-chars shortens the Markdown comment: give it with --format markdown"))
    args = list(sides or [])
    if not git_driver and base is None and len(args) == 7 and _looks_like_git(args):
        git_driver = True  # git's 7-argument calling convention
    try:
        old, new = _read_sides(args, base, git_driver=git_driver)
        config = load_config(find_config())
        with bar(_("Comparing the two proposals"), total=1, quiet=not big(args)) as ticker:  # big models only
            report = compare(
                old, new, ruleset=config.ruleset_for(ruleset), allow=[*config.allow, *(allow or [])]
            )
            ticker.advance()
        rules_path = report.ruleset.path if report.ruleset is not None else None
        report.notes = ruleset_notes(old, rules_path, config.path)
    except ConfigError as error:
        _print_config_error(error)
    unmatched = None if report.problems else report.unmatched_allow(allow or [])
    if unmatched:  # a side that does not load has no changes to match: its errors come first
        _usage(unmatched)
    if git_driver and report.problems:
        _text_diff_fallback(report, old, new, args[0])
    use_color = False if git_driver and color is None else color
    diff_renderer(output_format.value, sys.stdout, color=use_color, max_chars=max_chars).diff(report)
    if report.problems:
        raise typer.Exit(EXIT_USAGE)
    threshold = Severity(fail_on_new.value) if fail_on_new is not None else None
    raise typer.Exit(EXIT_FINDINGS if report.fails(threshold) else EXIT_CLEAN)


def _read_sides(args: list[str], base: str | None, *, git_driver: bool) -> tuple[Side, Side]:
    """OLD and NEW from the arguments: two paths or revisions, --base REV PATH, or git's 7 arguments."""
    from orgmodel.diff.sources import base_side, read_side

    if git_driver:
        if len(args) != 7:
            _usage(
                _(
                    "--git-driver expects git's 7 arguments: "
                    "path old-file old-hex old-mode new-file new-hex new-mode"
                )
            )
        old, new = read_side(args[1]), read_side(args[4])
        old.names = {key: f"a/{args[0]}" for key in ("", *old.files)}
        new.names = {key: f"b/{args[0]}" for key in ("", *new.files)}
        return old, new
    if base is not None:
        if len(args) != 1:
            _usage(_("with --base REV, give one file or directory: orgmodel diff --base main models/x.yaml"))
        return base_side(base, args[0]), read_side(args[0])
    if len(args) == 2:
        return read_side(args[0]), read_side(args[1])
    _usage(_("give OLD and NEW (files, directories or REV:PATH), or --base REV PATH"))


def _text_diff_fallback(report: DiffReport, old: Side, new: Side, path: str) -> NoReturn:
    """Git's driver on a file that is not a model (a ruleset, a config): say why, then a text diff."""
    from orgmodel.diff.sources import plain_diff
    from orgmodel.escape import text_lines

    _stderr().print(f"orgmodel: {text_lines(report.fallback_reason(path))}")
    sys.stdout.write(text_lines(plain_diff(old, new, path)))
    raise typer.Exit(EXIT_CLEAN)
