"""The one way the formatters and the CLI make a rich Console.

Colour follows https://no-color.org: ``--color`` and ``--no-color`` win;
without either, a non-empty ``NO_COLOR`` turns colour off (rich reads it when
``no_color`` is None, and ``FORCE_COLOR`` likewise). Markup and emoji codes
are off, so text from a model (``[bold]``, ``:smile:``) is never interpreted;
every string is escaped (``orgmodel.escape.text``) before it gets here.
"""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console


def make_console(stream: IO[str] | None = None, color: bool | None = None, **options: Any) -> Console:
    """A console writing to ``stream`` (stdout when None) with colour forced on, off, or detected."""
    settings: dict[str, Any] = {"highlight": False, "soft_wrap": True, "emoji": False, "markup": False}
    settings.update(options)
    no_color = None if color is None else not color
    return Console(file=stream, force_terminal=color, no_color=no_color, **settings)
