"""``orgmodel check`` itself, from its parsed options to its exit code; no typer here.

typer parses a command line into :class:`CheckArgs` (``orgmodel.cli.commands``), and so does
``orgmodel.cli.fast`` for the command lines it knows, without importing typer; both then call
:func:`run_check`. A usage or configuration error leaves with ``SystemExit(2)``.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from orgmodel.cli.check_io import emit, stdin_model
from orgmodel.cli.gate import gate
from orgmodel.cli.show import show
from orgmodel.cli.support import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    _print_config_error,
    _print_timings,
    _seconds_since_process_start,
    _split,
    run_config,
)

if TYPE_CHECKING:
    from orgmodel.checked import Report
    from orgmodel.config import Config
    from orgmodel.diagnostic import ConfigError, Diagnostic, Severity
    from orgmodel.timings import Timings
    from orgmodel.warm import Options as WarmOptions


@dataclass
class CheckArgs:
    """What the command line of ``orgmodel check`` says, each option by its name, as plain values."""

    paths: list[Path] | None = None
    output_format: str = "text"
    ruleset: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    timings: bool = False
    color: bool | None = None
    extend_select: list[str] | None = None
    extend_ignore: list[str] | None = None
    stdin_filename: str | None = None
    output_file: Path | None = None
    quiet: bool = False
    exit_zero: bool = False
    statistics: bool = False
    config_file: Path | None = None
    isolated: bool = False
    show_settings: bool = False
    show_files: bool = False
    write_baseline: Path | None = None
    baseline: Path | None = None
    new_since: str | None = None
    jobs: int | None = None
    no_cache: bool = False


def run_check(args: CheckArgs) -> int:
    """Check what ``args`` name, print the report, and return the exit code."""
    began = time.perf_counter()
    from orgmodel.timings import Timings

    recorder = Timings()
    startup = _seconds_since_process_start()
    if startup is not None:
        recorder.add("startup: interpreter, command line", startup - (time.perf_counter() - began))
    selectors = (
        _split(args.select),
        _split(args.ignore),
        _split(args.extend_select),
        _split(args.extend_ignore),
    )
    options = (args.config_file, args.isolated, args.ruleset, selectors)
    warm = _may_replay(args)
    replayed = _replayed(options, args.paths, recorder) if warm else None
    # every result from the cache (replayed): no configuration, ruleset or rule loaded
    report, fail_on_setting = replayed or _checked_and_gated(args, selectors, recorder, remember=warm)
    report.fail_on = _threshold(fail_on_setting, args.fail_on)
    emit(
        report,
        args.output_format,
        color=args.color,
        recorder=recorder,
        output_file=args.output_file,
        quiet=args.quiet,
        statistics=args.statistics,
        reads=[args.baseline] if args.baseline else [],
    )
    if args.timings:
        _print_timings(recorder)
    code = _check_exit_code(report, fail_on_setting, args.fail_on)
    return EXIT_CLEAN if args.exit_zero and code == EXIT_FINDINGS else code


def _checked_and_gated(
    args: CheckArgs,
    selectors: tuple[list[str], list[str], list[str], list[str]],
    recorder: Timings,
    *,
    remember: bool,
) -> tuple[Report, str | None]:
    """The report of a check, gated by ``--baseline`` or ``--new-since``, and the configuration's fail-on.

    A configuration, a path or a gate that stops the run ends it here (``_config_failure``).
    """
    from orgmodel.diagnostic import ConfigError

    try:
        config, report = _checked(
            args.paths,
            args.ruleset,
            selectors,
            recorder,
            config_options=(args.config_file, args.isolated, args.stdin_filename),
            show_options=(args.show_settings, args.show_files, args.fail_on),
            quiet=args.quiet,
            jobs=(args.jobs, not args.no_cache),
            remember=remember,
        )
        gate(
            report,
            config,
            write_baseline=args.write_baseline,
            baseline=args.baseline,
            new_since=args.new_since,
            selectors=selectors,
        )
    except ConfigError as error:
        _config_failure(error, args, recorder)
    return report, config.fail_on


# the formats a CI step reads from a file: they get a document even when the check cannot run
_CI_FORMATS = frozenset({"json", "json-lines", "sarif", "github", "gitlab", "junit"})


def _config_failure(error: ConfigError, args: CheckArgs, recorder: Timings) -> NoReturn:
    """A configuration or ruleset that does not load: its errors on stderr, and exit 2.

    A CI format also gets its document, holding the errors at their lines (OM008 in
    ``.orgmodel.yaml``, a ruleset's line): ``--format sarif > orgmodel.sarif || true`` then
    leaves a valid file for the upload step to show, not an empty one it refuses.
    """
    if args.output_format in _CI_FORMATS and not args.statistics:
        report = _failed_files(error, args) if error.diagnostics else _failed_run(error, args)
        # the run's inputs, which -o never replaces, though the report holds none of them
        given = [
            *(p for p in args.paths or [] if str(p) != "-"),
            args.baseline,
            args.config_file,
            args.ruleset,
        ]
        reads = [Path(p) for p in given if p is not None]
        # a document that cannot be written says why on stderr; the error that stopped the run still does
        with contextlib.suppress(SystemExit):
            emit(
                report,
                args.output_format,
                color=args.color,
                recorder=recorder,
                output_file=args.output_file,
                reads=reads,
            )
    _print_config_error(error)


def _failed_files(error: ConfigError, args: CheckArgs) -> Report:
    """The report of a configuration or ruleset that does not load: its errors in their files."""
    from orgmodel.engine import CheckedModel, Report
    from orgmodel.loader import Document
    from orgmodel.ruleset import fallback_ruleset

    by_file: dict[str, list[Diagnostic]] = {}
    for diag in error.diagnostics:
        by_file.setdefault(diag.path, []).append(diag)
    files = [CheckedModel(p, Document(path=p, text=""), None, d, False) for p, d in by_file.items()]
    # the shipped default describes the rules; the document names the files that did not load
    failed = list(by_file)
    named = args.ruleset if args.ruleset and args.ruleset in failed else failed[0]
    return Report(files, replace(fallback_ruleset(), path=named, chain=failed), stopped=True)


def _failed_run(error: ConfigError, args: CheckArgs) -> Report:
    """The report of a run stopped by an error with no line to show it at, that error in ``failures``.

    A path that does not exist or a selector that names no rule has no line to be shown at;
    the document names the ruleset the run would have used (the configuration loaded before
    the error), else the shipped default.
    """
    from orgmodel.diagnostic import ConfigError
    from orgmodel.engine import Report
    from orgmodel.ruleset import fallback_ruleset

    try:
        config = run_config(args.config_file, args.isolated)
        ruleset = config.load_ruleset(args.ruleset)
    except ConfigError:
        ruleset = fallback_ruleset()
    return Report([], ruleset, failures=[error.message])


def _may_replay(args: CheckArgs) -> bool:
    """Whether a run record may answer this run.

    Only when the cache is wanted and nothing is asked that a record cannot give: stdin, the
    settings or files shown, a baseline, the findings new since a revision.
    """
    if args.no_cache or args.stdin_filename or args.show_settings or args.show_files or args.write_baseline:
        return False
    return not args.baseline and args.new_since is None and "-" not in [str(p) for p in args.paths or []]


def _replayed(
    options: tuple[Path | None, bool, str | None, tuple[list[str], ...]],
    paths: list[Path] | None,
    recorder: Timings,
) -> tuple[Report, str | None] | None:
    """The report and ``fail-on`` of a run made again from the cache (``orgmodel.warm``), else None."""
    from orgmodel.warm import replay

    return replay(_warm_options(options), paths, recorder)


def _warm_options(options: tuple[Path | None, bool, str | None, tuple[list[str], ...]]) -> WarmOptions:
    from orgmodel.warm import Options

    config_file, isolated, ruleset, selectors = options
    return Options(config_file, isolated, ruleset, tuple(tuple(s) for s in selectors))


def _checked(
    paths: list[Path] | None,
    ruleset: str | None,
    selectors: tuple[list[str], list[str], list[str], list[str]],
    recorder: Timings,
    *,
    config_options: tuple[Path | None, bool, str | None],
    show_options: tuple[bool, bool, str | None],
    quiet: bool = False,
    jobs: tuple[int | None, bool] = (None, True),
    remember: bool = False,
) -> tuple[Config, Report]:
    """The configuration and the report of check (or --show-settings/--show-files, which exit).

    Five model files or more show a progress bar on a terminal (``orgmodel.progress``).
    ``jobs``: --jobs, and whether the cache is wanted (not --no-cache). ``remember``: keep
    the run's record in the cache (``orgmodel.warm``), so that the next run can be replayed.
    """
    with recorder.timer("imports: engine, pydantic, schema"):
        from orgmodel.api import check_paths
        from orgmodel.i18n import _
        from orgmodel.progress import FILES, bar
        from orgmodel.warm import config_hash
        from orgmodel.warm import remember as keep_record

    config_file, isolated, _stdin_filename = config_options
    warm = _warm_options((config_file, isolated, ruleset, selectors)) if remember else None
    before = config_hash(warm) if warm is not None else None
    with recorder.timer("configuration and rule modules"):
        config, stdin, targets = _config_and_targets(
            paths, ruleset, selectors, config_options, show_options, jobs
        )
    with bar(_("Checking models"), minimum=FILES, quiet=quiet) as ticker:
        report = check_paths(
            targets,
            ruleset=ruleset,
            select=selectors[0],
            ignore=selectors[1],
            extend_select=selectors[2],
            extend_ignore=selectors[3],
            config=config,
            timings=recorder,
            stdin=stdin,
            ticker=ticker,
            jobs=jobs[0],
            cache=config.cache_directory(wanted=jobs[1]),
        )
        if warm is not None and stdin is None:
            keep_record(report, config, warm, before)
    return config, report


def _config_and_targets(
    paths: list[Path] | None,
    ruleset: str | None,
    selectors: tuple[list[str], list[str], list[str], list[str]],
    config_options: tuple[Path | None, bool, str | None],
    show_options: tuple[bool, bool, str | None],
    jobs: tuple[int | None, bool],
) -> tuple[Config, tuple[str, bytes] | None, list[str | Path]]:
    """The configuration, the model on stdin (or None) and the files to check.

    ``--show-settings`` and ``--show-files`` print and exit here; no path and no ``paths:``
    is a usage error.
    """
    from orgmodel.i18n import _
    from orgmodel.ruleset_files import display_path

    config_file, isolated, stdin_filename = config_options
    show_settings, show_files, threshold = show_options
    config = run_config(config_file, isolated)
    stdin = stdin_model(paths, stdin_filename)
    targets = [] if stdin else config.targets(paths)
    if show_settings or show_files:
        show(config, targets, ruleset, selectors, files_only=not show_settings, fail_on=threshold, jobs=jobs)
    if targets or stdin:
        return config, stdin, targets
    from orgmodel.diagnostic import ConfigError

    if config.path is None:
        raise ConfigError(
            _("no paths given and no .orgmodel.yaml with 'paths:' found; try 'orgmodel check models/'")
        )
    from orgmodel.api import resolve_settings

    # a configuration without paths: its other mistakes first (a selector that names no rule)
    resolve_settings([], config=config, ruleset=ruleset, select=selectors[0], ignore=selectors[1])
    raise ConfigError(
        _("no paths given, and {config} has no 'paths:'; try 'orgmodel check models/'").format(
            config=display_path(config.path)
        )
    )


def _check_exit_code(report: Report, configured: str | None, fail_on: str | None) -> int:
    """2 when a file could not be read; 1 when a finding is at or above --fail-on (or the config's)."""
    if report.unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if report.fails(_threshold(configured, fail_on)) else EXIT_CLEAN


def _threshold(configured: str | None, fail_on: str | None) -> Severity:
    """The lowest severity that fails the run: --fail-on, else the configuration's, else warning."""
    from orgmodel.diagnostic import Severity

    return Severity(fail_on or configured or "warning")
