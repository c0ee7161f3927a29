"""The one way the formatters and the CLI make a rich Console, and plain lines where no colour can show.

Colour follows https://no-color.org: ``--color`` and ``--no-color`` win;
without either, a non-empty ``NO_COLOR`` turns colour off (rich reads it when
``no_color`` is None, and ``FORCE_COLOR`` likewise). Markup and emoji codes
are off, so text from a model (``[bold]``, ``:smile:``) is never interpreted;
every string is escaped (``orgmodel.escape.text``) before it gets here.

A formatter writes its lines as pieces of text with a rich style each
(:data:`Piece`) to the writer :func:`line_writer` chooses: rich's console
where colour may show, else :class:`PlainWriter`, which writes the same
characters straight to the stream. Importing rich takes longer than
parsing the shipped Drammen model, and a check piped to a file, to CI's log
or to another program shows no colour.
"""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

Piece = tuple[str, str]
"""A piece of an output line: its text and its rich style ("" for none)."""


def make_console(stream: IO[str] | None = None, color: bool | None = None, **options: Any) -> Console:
    """A console writing to ``stream`` (stdout when None) with colour forced on, off, or detected."""
    from rich.console import Console

    settings: dict[str, Any] = {"highlight": False, "soft_wrap": True, "emoji": False, "markup": False}
    settings.update(options)
    no_color = None if color is None else not color
    return Console(file=stream, force_terminal=color, no_color=no_color, **settings)


def styled(pieces: tuple[Piece, ...]) -> Text:
    """The pieces of a line as one rich Text, for a rich console."""
    from rich.text import Text

    return Text.assemble(*pieces)


class LineWriter(Protocol):
    """Where a formatter writes its lines."""

    def line(self, *pieces: Piece) -> None:
        """Write one line made of ``pieces``."""


class PlainWriter:
    """Lines without colour, written to the stream as they are: what rich writes where no colour shows."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def line(self, *pieces: Piece) -> None:
        """Write the pieces' text and a line end; their styles have nothing to show."""
        self.stream.write("".join(text for text, _style in pieces) + "\n")


class RichWriter:
    """Lines through a rich console, styled as colour allows."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def line(self, *pieces: Piece) -> None:
        """Print the pieces as one styled line."""
        self.console.print(styled(pieces))


def may_colour(stream: IO[str] | None, color: bool | None) -> bool:
    """Whether rich might write colour or other terminal codes to ``stream`` (stdout when None).

    ``--color``/``--no-color`` decide; without either, rich looks for a terminal:
    ``FORCE_COLOR`` or ``TTY_COMPATIBLE`` set, or a stream that is a tty. In doubt
    this says yes, which only costs the import of rich.
    """
    if color is not None:
        return color
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return True
    isatty = getattr(stream if stream is not None else sys.stdout, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream: rich says no terminal too
        return False


def line_writer(stream: IO[str], color: bool | None) -> LineWriter:
    """Rich's console where colour may show on ``stream``; plain lines (no rich at all) elsewhere."""
    if may_colour(stream, color):
        return RichWriter(make_console(stream, color))
    return PlainWriter(stream)
