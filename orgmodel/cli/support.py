"""What the commands share: exit codes, option parsing, error printing and the ruleset a run would use."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from orgmodel.i18n import _, os_reason

if TYPE_CHECKING:
    from orgmodel.diagnostic import Diagnostic
    from orgmodel.ruleset import ConfigError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class FailOn(StrEnum):
    """The lowest severity that makes ``check`` exit with 1."""

    error = "error"
    warning = "warning"
    info = "info"


def _notes_to_stderr() -> None:
    """Print the library's notes (the ``orgmodel`` logger: links not followed) on the current stderr."""
    import logging

    class Notes(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            from orgmodel.escape import text

            sys.stderr.write("orgmodel: " + _("note: {note}").format(note=text(record.getMessage())) + "\n")

    logger = logging.getLogger("orgmodel")
    if not any(type(handler).__name__ == "Notes" for handler in logger.handlers):
        logger.addHandler(Notes())
        logger.propagate = False


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _print_diagnostics(diagnostics: Iterable[Diagnostic], why: str) -> None:
    """On stderr: each diagnostic's headline and hint, then ``orgmodel: why``."""
    from orgmodel.escape import text
    from orgmodel.formatters.console import styled
    from orgmodel.formatters.text import TextFormatter

    err = _stderr()
    for diag in diagnostics:
        err.print(styled(TextFormatter.headline(diag)))
        if diag.hint:
            err.print("       = " + _("hint: ") + text(diag.hint))
    err.print(f"orgmodel: {text(why)}")


def _print_config_error(error: ConfigError) -> NoReturn:
    _print_diagnostics(error.diagnostics, error.message)
    raise SystemExit(EXIT_USAGE)


def _stderr() -> Any:
    from orgmodel.formatters.console import make_console

    return make_console(sys.stderr)


# no output of orgmodel is YAML or TOML: an existing such file is a model, a ruleset or a configuration
_NEVER_OUTPUT = frozenset({".yaml", ".yml", ".toml"})


def ready_output(output: Path, reads: Iterable[str | Path] = (), *, option: str = "--output") -> None:
    """Make ``output``'s directory; exit 2 before it overwrites a file the run reads or a YAML or TOML file.

    ``orgmodel diff -o models/kommune.yaml`` would otherwise replace the model it compares with
    its report, and ``check -o .orgmodel.yaml`` the configuration (``reads``: the run's other
    inputs, such as a baseline). A report directory that does not exist yet (``-o
    reports/orgmodel.xml`` in a fresh CI checkout) is made, as ruff does.
    """
    from orgmodel.files import was_read

    # any file this process read (a part, a baseline), or one a child process read for it
    if was_read(output) or any(_same_file(name, output) for name in reads):
        _usage(
            _("{option} {path} is a file this run reads; it is not overwritten").format(
                option=option, path=output
            )
        )
    if output.suffix.lower() in _NEVER_OUTPUT and output.exists():
        _usage(
            _(
                "{option} {path}: an existing YAML or TOML file is never overwritten (it would be a model, a "
                "ruleset or a configuration, and orgmodel writes neither format)"
            ).format(option=option, path=output)
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _usage(_("cannot write {path}: {reason}").format(path=output, reason=os_reason(error)))


def _same_file(one: str | Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):  # one of them does not exist (stdin, a new report file, 'REV:path')
        return False


def deliver(
    text: str, output: Path | None, reads: Iterable[str | Path] = (), *, option: str = "--output"
) -> None:
    """``text`` on stdout, or written to ``output`` (``write_output``); exit 2 naming why it cannot be."""
    if output is None:
        sys.stdout.write(text)
        return
    ready_output(output, reads, option=option)
    try:
        write_output(output, text)
    except OSError as error:
        _usage(_("cannot write {path}: {reason}").format(path=output, reason=os_reason(error)))


def write_output(output: Path, text: str) -> None:
    """Write ``text`` to ``output``: atomically to a file, straight into a device or a pipe; OSError.

    ``-o /dev/null`` or ``-o /dev/stdout`` must write into the device, never rename a new file
    over it (as root in a CI container that would replace /dev/null itself).
    """
    if output.exists() and not output.is_file() and not output.is_dir():
        with output.open("w", encoding="utf-8") as stream:
            stream.write(text)
        return
    from orgmodel.atomic import write_atomically

    write_atomically(output, text)


def _usage(message: str) -> NoReturn:
    from orgmodel.escape import text

    _stderr().print(f"orgmodel: {text(message)}")
    raise SystemExit(EXIT_USAGE)


def _seconds_since_process_start() -> float | None:
    """Wall seconds since this process started (Linux: /proc/self/stat, 10 ms ticks); None elsewhere."""
    try:
        fields = Path("/proc/self/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time after boot, in ticks
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - started)
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _print_timings(recorder: Any) -> None:
    from rich.table import Table

    table = Table(title="orgmodel check --timings", title_justify="left")
    table.add_column("phase")
    table.add_column("seconds", justify="right")
    table.add_column("peak RSS MiB", justify="right")
    for phase, seconds in recorder.phases.items():
        table.add_row(phase, f"{seconds:.4f}", f"{recorder.peak_rss[phase] / 2**20:.1f}")
    table.add_row("total", f"{sum(recorder.phases.values()):.4f}", "")
    _stderr().print(table)


def run_config(config_file: Path | None = None, isolated: bool = False) -> Any:
    """The configuration of a command: ``--config``'s file, none with ``--isolated``, else the one found.

    Raises ``ConfigError`` (both options given, a file that is missing or does not load), which each
    command prints as its configuration error (exit 2).
    """
    from orgmodel.config import config_for, load_config

    return load_config(config_for(config_file, isolated=isolated))


def _run_ruleset(option: str | None, config_file: Path | None = None, isolated: bool = False) -> Any:
    """The ruleset a check here would use: --ruleset, else the configuration's, else the shipped default."""
    from orgmodel.ruleset import ConfigError

    try:
        ruleset = run_config(config_file, isolated).load_ruleset(option)
        ruleset.instances()  # invalid parameters are a configuration error here too
    except ConfigError as error:
        _print_config_error(error)
    return ruleset
