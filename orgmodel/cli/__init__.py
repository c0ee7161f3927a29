"""The command line: parse arguments, call the library, choose a formatter. Nothing else lives here.

The typer app is in ``orgmodel.cli.commands``, imported when something here asks for it
(``from orgmodel.cli import app``): the package itself imports no typer, so that
``orgmodel.cli.fast`` can run a common ``orgmodel check`` without building the command line.
"""

from __future__ import annotations

from typing import Any

_FROM_COMMANDS = frozenset({"app", "main", "check"})


def __getattr__(name: str) -> Any:
    """``app``, ``main`` and ``check`` of ``orgmodel.cli.commands``, imported on first use.

    Only these: ``from orgmodel.cli import lang`` asks for a submodule's name too, which must not
    import the app.
    """
    if name not in _FROM_COMMANDS:
        raise AttributeError(f"module 'orgmodel.cli' has no attribute {name!r}")
    import orgmodel.cli.commands as commands

    return getattr(commands, name)
