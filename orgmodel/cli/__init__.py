"""The command line: parse arguments, call the library, choose a formatter. Nothing else lives here.

Heavy modules (pydantic models, networkx, rich) are imported inside the
commands, so ``orgmodel --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from orgmodel import __version__
from orgmodel.cli.check_io import emit, stdin_model
from orgmodel.cli.check_options import (
    ConfigFileOption,
    ExitZeroOption,
    ExtendIgnoreOption,
    ExtendSelectOption,
    FailOnOption,
    IgnoreOption,
    IsolatedOption,
    JobsOption,
    NoCacheOption,
    OutputFileOption,
    QuietOption,
    SelectOption,
    ShowFilesOption,
    ShowSettingsOption,
    StatisticsOption,
    StdinFilenameOption,
    TimingsOption,
)
from orgmodel.cli.gate import BaselineOption, NewSinceOption, WriteBaselineOption, gate
from orgmodel.cli.group import Commands
from orgmodel.cli.lang import formats_help
from orgmodel.cli.show import show
from orgmodel.cli.support import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    ColorOption,
    FailOn,
    PathsArgument,
    _choice,
    _notes_to_stderr,
    _print_config_error,
    _print_timings,
    _seconds_since_process_start,
    _split,
    _usage,
    _version,
)
from orgmodel.formatters import formats_for
from orgmodel.i18n import N_, _

if TYPE_CHECKING:
    from pathlib import Path

    from orgmodel.checked import Report
    from orgmodel.config import Config
    from orgmodel.timings import Timings
    from orgmodel.warm import Options as WarmOptions


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
        metavar="FILE|NAME", help=N_("Ruleset file (or a shipped one by name: default, drammen-2020).")
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
    began = time.perf_counter()
    from orgmodel.timings import Timings

    recorder = Timings()
    startup = _seconds_since_process_start()
    if startup is not None:
        recorder.add("startup: interpreter, typer, arguments", startup - (time.perf_counter() - began))
    selectors = (_split(select), _split(ignore), _split(extend_select), _split(extend_ignore))
    options = (config_file, isolated, ruleset, selectors)
    warm = not (no_cache or stdin_filename or show_settings or show_files or write_baseline or baseline)
    warm = warm and new_since is None and "-" not in [str(p) for p in paths or []]
    replayed = _replayed(options, paths, recorder) if warm else None
    if replayed is not None:  # every result from the cache: no configuration, ruleset or rule loaded
        report, fail_on_setting = replayed
    else:
        config, report = _checked(
            paths,
            ruleset,
            selectors,
            recorder,
            config_options=(config_file, isolated, stdin_filename),
            show_options=(show_settings, show_files, fail_on.value if fail_on else None),
            quiet=quiet,
            jobs=(jobs, not no_cache),
            remember=warm,
        )
        fail_on_setting = config.fail_on
        gate(
            report,
            config,
            write_baseline=write_baseline,
            baseline=baseline,
            new_since=new_since,
            selectors=selectors,
        )
    emit(
        report,
        output_format.value,
        color=color,
        recorder=recorder,
        output_file=output_file,
        quiet=quiet,
        statistics=statistics,
    )
    if timings:
        _print_timings(recorder)
    code = _check_exit_code(report, fail_on_setting, fail_on)
    raise typer.Exit(EXIT_CLEAN if exit_zero and code == EXIT_FINDINGS else code)


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
    from orgmodel.api import check_paths
    from orgmodel.i18n import _
    from orgmodel.progress import FILES, bar
    from orgmodel.ruleset import ConfigError
    from orgmodel.warm import config_hash
    from orgmodel.warm import remember as keep_record

    config_file, isolated, _stdin_filename = config_options
    warm = _warm_options((config_file, isolated, ruleset, selectors)) if remember else None
    before = config_hash(warm) if warm is not None else None
    try:
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
    except ConfigError as error:
        _print_config_error(error)
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
    from orgmodel.config import config_for, load_config
    from orgmodel.i18n import _

    config_file, isolated, stdin_filename = config_options
    show_settings, show_files, threshold = show_options
    config = load_config(config_for(config_file, isolated=isolated))
    stdin = stdin_model(paths, stdin_filename)
    targets = [] if stdin else config.targets(paths)
    if show_settings or show_files:
        show(config, targets, ruleset, selectors, files_only=not show_settings, fail_on=threshold, jobs=jobs)
    if not targets and not stdin:
        _usage(_("no paths given and no .orgmodel.yaml with 'paths:' found; try 'orgmodel check models/'"))
    return config, stdin, targets


def _check_exit_code(report: Report, configured: str | None, fail_on: FailOn | None) -> int:
    """2 when a file could not be read; 1 when a finding is at or above --fail-on (or the config's)."""
    from orgmodel.diagnostic import Severity

    if report.unreadable:
        return EXIT_USAGE
    threshold = Severity((fail_on.value if fail_on else None) or configured or "warning")
    return EXIT_FINDINGS if report.fails(threshold) else EXIT_CLEAN


def main() -> None:
    """The console script: run the app, never show a traceback."""
    if len(sys.argv) == 2 and sys.argv[1] == "--version":
        print(f"orgmodel {__version__}")
        return
    # A one-shot process whose big data is acyclic: the cyclic collector would
    # only walk it again and again (see engine.gc_paused), and tearing the heap
    # down object by object at exit is wasted work (0.55 s of a 1.9 s check of
    # a 10,000-unit model), so the process leaves with os._exit once the output
    # is flushed.
    gc.disable()
    try:
        app(prog_name="orgmodel")
    except KeyboardInterrupt:
        sys.stderr.write("orgmodel: " + _("interrupted") + "\n")
        _exit(130)
    except BrokenPipeError:
        _exit(EXIT_FINDINGS, broken_pipe=True)
    except SystemExit as exc:
        _exit(exc.code)
    except Exception as exc:  # a bug must not show a traceback to a planner
        from orgmodel.escape import text

        what = _("internal error: {error}").format(error=f"{type(exc).__name__}: {text(str(exc))}")
        sys.stderr.write(f"orgmodel: {what}\n")
        sys.stderr.write(
            _("This is a bug in orgmodel; please report it with the command and the file.") + "\n"
        )
        _exit(EXIT_USAGE)
    _exit(EXIT_CLEAN)


def _exit(code: object, *, broken_pipe: bool = False) -> NoReturn:
    """Flush the output and leave at once, without freeing the heap object by object."""
    if code is not None and not isinstance(code, int):
        from orgmodel.escape import text

        sys.stderr.write(f"{text(str(code))}\n")
        code = EXIT_FINDINGS
    for stream in (sys.stdout, sys.stderr):
        try:
            if not broken_pipe or stream is sys.stderr:
                stream.flush()
        except (BrokenPipeError, ValueError):  # a closed pipe, or a closed stream
            if stream is sys.stdout:
                code = code or EXIT_FINDINGS
    os._exit(code or 0)
