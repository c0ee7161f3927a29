"""The console script ``orgmodel``: answers ``--version``, and runs a plain ``check``, before typer.

Building the command line with typer costs more than a warm check (typer, its click, and a
validator per option on every run); ``orgmodel --version``, which pre-commit and editors run to find
the tool, needs none of it, and neither does a ``check`` whose options ``orgmodel.cli.fast`` knows.
Everything else is typer's (``orgmodel.cli.commands``).
"""

from __future__ import annotations

import sys

from orgmodel import __version__


def _tolerant_streams() -> None:
    """A terminal or pipe that cannot show a character (``PYTHONIOENCODING=ascii``) gets '?' for it.

    Names from a model are Norwegian (æ, ø, å); writing one to an ASCII stream would otherwise stop
    the run. '?' rather than an escape keeps JSON and SARIF on such a stream valid.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        strict = getattr(stream, "errors", "") == "strict"
        if encoding != "utf8" and strict and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Print the version without loading the command line, or run the command line."""
    _tolerant_streams()
    if "--lang" in sys.argv or any(arg.startswith("--lang=") for arg in sys.argv):
        from orgmodel.cli.language import language_arguments  # 'check --lang nb': the run's language

        lang, rest = language_arguments(sys.argv[1:])
        sys.argv[1:] = [*lang, *rest]
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"orgmodel {__version__}\n")
        return
    from orgmodel.cli.fast import run as run_plain

    run_plain(sys.argv[1:])  # leaves the process when it ran the command
    from orgmodel.cli import main as run

    run()
