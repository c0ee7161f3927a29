"""``orgmodel fmt``: parse the options, call orgmodel.fmt, print what happened. Nothing else lives here."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from orgmodel.cli.check_io import stdin_model
from orgmodel.cli.options import ConfigFileOption, IsolatedOption, PathsArgument
from orgmodel.cli.support import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    _print_config_error,
    _print_diagnostics,
    _stderr,
    _usage,
    run_config,
)
from orgmodel.i18n import N_, _, ngettext, os_reason

if TYPE_CHECKING:
    from orgmodel.fmt import Formatted

CheckOption = Annotated[
    bool, typer.Option("--check", help=N_("Write nothing; list the files that would change (exit 1 if any)."))
]
DiffOption = Annotated[
    bool,
    typer.Option("--diff", help=N_("Write nothing; print a unified diff of the changes (exit 1 if any).")),
]


FMT_HELP = N_(
    "Format models in one layout, every comment kept.\n\n"
    "Canonical key order, two-space indentation, flow or block as written.\n\n"
    "Exit code 0: formatted (or already formatted); 1: with --check or --diff, a file would "
    "change; 2: a file was refused (load errors, unreadable) or a usage error. A refused file "
    "is left untouched."
)


def fmt(
    paths: PathsArgument = None,
    check: CheckOption = False,
    diff: DiffOption = False,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is FMT_HELP."""
    from orgmodel.escape import text
    from orgmodel.fmt import format_paths
    from orgmodel.ruleset import ConfigError

    source = stdin_model(paths, None)
    if source is not None:
        _format_stdin(*source, check=check, diff=diff)
    try:
        config = run_config(config_file, isolated)
        targets = config.targets(paths)
        if not targets:
            _usage(_("no paths given and no .orgmodel.yaml with 'paths:' found; try 'orgmodel fmt models/'"))
        run = format_paths(list(targets), config.exclusion())
    except ConfigError as error:
        _print_config_error(error)
    err = _stderr()
    for note in run.notes:
        err.print("orgmodel: " + _("note: {note}").format(note=text(note)))
    for result in run.skipped:
        why = result.diagnostics[0].message.removeprefix(_("not an orgmodel file: "))
        skipped = _("{path}: skipped, not a model: {why}").format(path=text(result.path), why=text(why))
        err.print("orgmodel: " + _("note: {note}").format(note=skipped))
    refused = [r for r in run.files if r.problem is not None]
    changed = [r for r in run.files if r.changed]
    for result in refused:
        _print_refusal(result)
    failed = _apply(changed, check=check, diff=diff)
    done = len(changed) - len(failed)
    _summary(done, len(run.files) - len(changed) - len(refused), len(refused) + len(failed), check or diff)
    if refused or failed:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if (check or diff) and changed else EXIT_CLEAN)


def _apply(changed: list[Formatted], *, check: bool, diff: bool) -> list[Formatted]:
    """Print the diffs, list the files, or write them; the files that could not be written."""
    from orgmodel.escape import text
    from orgmodel.fmt import write_atomic

    failed: list[Formatted] = []
    for result in changed:
        if diff:
            _print_diff(result)
        elif check:
            print(_("would reformat {path}").format(path=text(result.path)))
        else:
            try:
                write_atomic(result.path, result.formatted or b"", result.original)
            except OSError as exc:
                reason = text(os_reason(exc))
                why = _("{path}: not written: {reason}; left as it is").format(
                    path=text(result.path), reason=reason
                )
                _stderr().print(f"orgmodel: {why}")
                failed.append(result)
                continue
            print(_("reformatted {path}").format(path=text(result.path)))
    return failed


def _format_stdin(name: str, raw: bytes, *, check: bool, diff: bool) -> None:
    """``orgmodel fmt -``: the model on stdin, formatted, on stdout (an editor's format command).

    The output is the model itself, unescaped, as a file would hold it; with
    --check or --diff nothing but the diff is printed. A refused model prints
    nothing on stdout and exits 2.
    """
    from orgmodel.fmt import format_bytes

    result = format_bytes(name, raw)
    if result.problem is not None or result.formatted is None:
        _print_refusal(result)
        raise typer.Exit(EXIT_USAGE)
    if diff and result.changed:
        _print_diff(result)
    elif not (check or diff):
        sys.stdout.write(result.formatted.decode("utf-8"))
    raise typer.Exit(EXIT_FINDINGS if (check or diff) and result.changed else EXIT_CLEAN)


def _print_refusal(result: Formatted) -> None:
    why = _("{path}: not formatted: {problem}; left as it is").format(
        path=result.path, problem=result.problem or ""
    )
    _print_diagnostics(result.diagnostics, why)


def _print_diff(result: Formatted) -> None:
    import difflib

    from orgmodel.escape import text

    before = result.original.decode("utf-8-sig").splitlines(keepends=True)
    after = (result.formatted or b"").decode("utf-8-sig").splitlines(keepends=True)
    name = text(result.path)
    for line in difflib.unified_diff(before, after, f"{name}", _("{path} (formatted)").format(path=name)):
        body = line.rstrip("\r\n")
        sys.stdout.write(text(body) + "\n")


def _summary(changed: int, unchanged: int, refused: int, dry: bool) -> None:
    if dry:
        parts = [
            ngettext("{n} file would be reformatted", "{n} files would be reformatted", changed).format(
                n=changed
            ),
            ngettext("{n} file already formatted", "{n} files already formatted", unchanged).format(
                n=unchanged
            ),
        ]
    else:
        parts = [
            ngettext("{n} file reformatted", "{n} files reformatted", changed).format(n=changed),
            ngettext("{n} file left unchanged", "{n} files left unchanged", unchanged).format(n=unchanged),
        ]
    if refused:
        parts.append(ngettext("{n} file refused", "{n} files refused", refused).format(n=refused))
    _stderr().print(", ".join(parts))
