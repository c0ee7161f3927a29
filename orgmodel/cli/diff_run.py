"""``orgmodel diff``'s run, without typer: its arguments (``DiffArgs``) and what it does with them.

typer's declaration of the command (``orgmodel.cli.diff_cmd``) and the plain parser
(``orgmodel.cli.fast``) both make a ``DiffArgs`` and hand it to ``run_diff``, which returns the
exit code; a usage or configuration error leaves through ``SystemExit`` (exit 2) with its message.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from orgmodel.cli.support import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    _print_config_error,
    _stderr,
    _usage,
    deliver,
    run_config,
)
from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport
    from orgmodel.diff.sources import Side


@dataclass
class DiffArgs:
    """What ``orgmodel diff`` was given (each field is the typer parameter of the same name)."""

    sides: list[str] | None = None
    base: str | None = None
    output_format: str = "text"
    ruleset: str | None = None
    allow: list[str] | None = None
    fail_on_new: str | None = None
    max_chars: int | None = None
    list_kinds: bool = False
    git_driver: bool = False
    color: bool | None = None
    output_file: Path | None = None
    config_file: Path | None = None
    isolated: bool = False


def looks_like_git(args: list[str]) -> bool:
    """Whether 7 arguments are git's: path old-file old-hex old-mode new-file new-hex new-mode."""
    hexes = all(a == "." or (len(a) >= 7 and set(a) <= set("0123456789abcdef")) for a in (args[2], args[5]))
    modes = all(a == "." or a.isdigit() for a in (args[3], args[6]))
    return hexes and modes


def _list_kinds() -> None:
    """Each change kind, the heading it is shown under (in the user's language), and its meaning."""
    from orgmodel.diff.kinds import GROUPS, KINDS, group_title

    width = max(len(group_title(g)) for g in GROUPS)
    for name, kind in KINDS.items():
        sys.stdout.write(f"{name:<28} {group_title(kind.group):<{width}} {kind.described()}\n")


def run_diff(given: DiffArgs) -> int:
    """Compare what ``given`` names, print the comparison, and return the exit code."""
    from orgmodel.diagnostic import Severity
    from orgmodel.formatters import diff_renderer

    if given.list_kinds:
        _list_kinds()
        return EXIT_CLEAN
    if given.max_chars is not None and given.output_format != "markdown":
        _usage(_("--max-chars shortens the Markdown comment: give it with --format markdown"))
    args = list(given.sides or [])
    git_driver = given.git_driver
    if not git_driver and given.base is None and len(args) == 7 and looks_like_git(args):
        git_driver = True  # git's 7-argument calling convention
    old, new, report = _compared(args, given, git_driver=git_driver)
    unmatched = None if report.problems else report.unmatched_allow(given.allow or [])
    if unmatched:  # a side that does not load has no changes to match: its errors come first
        _usage(unmatched)
    if git_driver and report.problems:
        return _text_diff_fallback(report, old, new, args[0])
    use_color = False if git_driver and given.color is None else given.color
    # with -o, a page or a comment for the meeting: written whole (and without colour), or not at all
    stream = io.StringIO() if given.output_file is not None else sys.stdout
    colored = False if given.output_file is not None else use_color
    diff_renderer(given.output_format, stream, color=colored, max_chars=given.max_chars).diff(report)
    if isinstance(stream, io.StringIO):  # never onto a side or the ruleset (read in a child process)
        reads = [*args, *([given.ruleset] if given.ruleset else [])]
        deliver(stream.getvalue(), given.output_file, reads, option="--output-file")
    if report.problems:
        return EXIT_USAGE
    threshold = Severity(given.fail_on_new) if given.fail_on_new is not None else None
    return EXIT_FINDINGS if report.fails(threshold) else EXIT_CLEAN


def _compared(args: list[str], given: DiffArgs, *, git_driver: bool) -> tuple[Side, Side, DiffReport]:
    """Both sides read, and their comparison under the configuration's ruleset and allowed changes."""
    from orgmodel.api import compare
    from orgmodel.diff.sources import ruleset_notes
    from orgmodel.progress import bar, big
    from orgmodel.ruleset import ConfigError

    sides: tuple[Side, Side] | None = None
    try:
        old, new = sides = _read_sides(args, given, git_driver=git_driver)
        config = run_config(given.config_file, given.isolated)
        with bar(_("Comparing the two proposals"), total=1, quiet=not big(args)) as ticker:  # big models only
            report = compare(
                old,
                new,
                ruleset=config.ruleset_for(given.ruleset),
                allow=[*config.allow, *(given.allow or [])],
            )
            ticker.advance()
        rules_path = report.ruleset.path if report.ruleset is not None else None
        report.notes = ruleset_notes(old, rules_path, config.path)
    except ConfigError as error:
        if git_driver and sides is not None:  # git stops at a driver that fails: show the text instead
            _config_fallback(error, *sides, args[0])
        _print_config_error(error)
    return old, new, report


def _config_fallback(error: Exception, old: Side, new: Side, path: str) -> NoReturn:
    """Git's driver with a configuration or ruleset that does not load: say so, then a text diff."""
    from orgmodel.diff.sources import plain_diff
    from orgmodel.escape import text_lines

    # Translators: {error} says what is wrong with .orgmodel.yaml or the ruleset
    why = _("{error}; 'orgmodel check' shows where, and a text diff follows").format(error=str(error))
    _stderr().print(f"orgmodel: {text_lines(why)}")
    sys.stdout.write(text_lines(plain_diff(old, new, path)))
    raise SystemExit(EXIT_CLEAN)


def _read_sides(args: list[str], given: DiffArgs, *, git_driver: bool) -> tuple[Side, Side]:
    """OLD and NEW from the arguments: two paths or revisions, --base REV PATH, or git's 7 arguments."""
    from orgmodel.diff.sources import base_side, driver_side, read_side

    base = given.base

    if git_driver:
        if len(args) != 7:
            _usage(
                _(
                    "--git-driver expects git's 7 arguments: "
                    "path old-file old-hex old-mode new-file new-hex new-mode"
                )
            )
        return driver_side(args[1], args[0], "a"), driver_side(args[4], args[0], "b")
    if base is not None:
        path = args[0] if len(args) == 1 else _configured_path(given) if not args else None
        if path is None:
            _usage(
                _(
                    "with --base REV, give one file or directory, or set one path under 'paths:' in "
                    ".orgmodel.yaml: orgmodel diff --base main models/x.yaml"
                )
            )
        return base_side(base, path), read_side(path)
    if len(args) == 2:
        return read_side(args[0]), read_side(args[1])
    _usage(_("give OLD and NEW (files, directories or REV:PATH), or --base REV PATH"))


def _configured_path(given: DiffArgs) -> str | None:
    """The one path under ``paths:`` of the configuration (``--base main`` alone, as in CI), else None."""
    targets = run_config(given.config_file, given.isolated).targets(None, missing_ok=True)
    return str(targets[0]) if len(targets) == 1 else None


def _text_diff_fallback(report: DiffReport, old: Side, new: Side, path: str) -> int:
    """Git's driver on a file that is not a model (a ruleset, a config): say why, then a text diff."""
    from orgmodel.diff.sources import plain_diff
    from orgmodel.escape import text_lines

    _stderr().print(f"orgmodel: {text_lines(report.fallback_reason(path))}")
    sys.stdout.write(text_lines(plain_diff(old, new, path)))
    return EXIT_CLEAN
