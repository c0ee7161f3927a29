"""The console script ``orgmodel``: answers ``--version`` before the command line is built.

Importing :mod:`orgmodel.cli` costs typer and click (about 50 ms on a laptop, more on a loaded CI
machine) before a single argument is read; ``orgmodel --version``, which pre-commit and editors run
to find the tool, needs none of it.
"""

from __future__ import annotations

import sys

from orgmodel import __version__


def main() -> None:
    """Print the version without loading the command line, or run the command line."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"orgmodel {__version__}\n")
        return
    from orgmodel.cli import main as run

    run()
