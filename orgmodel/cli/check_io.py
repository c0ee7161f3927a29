"""What ``check`` reads besides files (stdin) and where its output goes (stdout, a file, statistics)."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel.cli.support import _stderr, _usage, deliver
from orgmodel.i18n import _, os_reason

if TYPE_CHECKING:
    from orgmodel.checked import Report
    from orgmodel.timings import Timings

STDIN_NAME = "<stdin>"


def stdin_model(paths: list[Path] | None, stdin_filename: str | None) -> tuple[str, bytes] | None:
    """``(name, bytes)`` of the model on stdin when ``-`` (or only ``--stdin-filename``) is given.

    ``-`` beside other paths, or ``--stdin-filename`` beside paths other than
    ``-``, is a usage error (exit 2); so is stdin beyond the file size limit.
    """
    given = [str(p) for p in paths or []]
    if "-" in given and len(given) > 1:
        _usage(_("'-' reads the model from stdin and cannot be combined with other paths"))
    if stdin_filename is not None and given and given != ["-"]:
        _usage(_("--stdin-filename names the model read from stdin: give '-' as the only path, or no path"))
    if given != ["-"] and stdin_filename is None:
        return None
    from orgmodel.bounds import human_size, limits_from_env

    cap = limits_from_env().max_file_size
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        _usage(_("'-' reads the model from stdin, but this process has no stdin"))
    try:
        raw = stream.read(cap + 1)
    except OSError as exc:
        _usage(_("cannot read stdin: {reason}").format(reason=os_reason(exc)))
    if len(raw) > cap:
        _usage(_("stdin holds more than the limit of {size} for one file").format(size=human_size(cap)))
    return stdin_filename or STDIN_NAME, raw


def emit(
    report: Report,
    output_format: str,
    *,
    color: bool | None,
    recorder: Timings,
    output_file: Path | None = None,
    quiet: bool = False,
    statistics: bool = False,
    reads: Sequence[Path] = (),
) -> None:
    """The report (or its statistics) on stdout or, written atomically, in ``output_file``.

    ``output_file`` is never one of the files the run read: a model or a part of one, a ruleset,
    ``reads`` (a baseline), nor any existing YAML or TOML file (``support.ready_output``).
    """
    from orgmodel import escape
    from orgmodel.formatters import check_renderer

    if statistics and output_format not in ("text", "json"):
        _usage(_("--statistics prints text or json, not {format}").format(format=output_format))
    stream = io.StringIO() if output_file is not None else sys.stdout
    with recorder.timer("output"):
        if statistics:
            from orgmodel.formatters.statistics import write_statistics

            write_statistics(stream, report, output_format)
        else:
            formatter = check_renderer(output_format, stream, color=color, quiet=quiet)
            formatter.start(report.ruleset)
            for result in report.files:
                formatter.handle(result)
            formatter.finish(report)
    if output_file is not None:
        assert isinstance(stream, io.StringIO)
        read: list[str | Path] = [*(p for f in report.files for p in f.paths), *report.ruleset.chain, *reads]
        deliver(stream.getvalue(), output_file, read, option="--output-file")
    for note in report.notes:
        _stderr().print("orgmodel: " + _("note: {note}").format(note=escape.text(note)))
