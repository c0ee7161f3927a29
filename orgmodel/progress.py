"""A progress bar on a terminal, for runs long enough to wonder about; nothing anywhere else.

``bar(...)`` draws a rich progress bar on stderr only when stderr is a terminal, ``CI`` is not
set and the command is not ``--quiet``: piped output, a CI log and a redirected file get no
bar and no stray control codes. The bar is transient (it disappears when the work is done), so
what stays on the screen is the command's own output.

``check`` advances it once per model file (``FILES`` files or more); ``render`` and ``diff``
show their steps for a model file of ``BIG_MODEL_BYTES`` or more (about 2,000 units).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.console import Console

FILES = 5
BIG_MODEL_BYTES = 256 * 1024


class Ticker(Protocol):
    """What the engine calls while it works: how many steps there are, then one call per step."""

    def start(self, total: int) -> None:
        """The number of steps, known once the work is counted."""

    def advance(self, description: str | None = None) -> None:
        """One step done (and, when given, what the next one is)."""


class _Silent:
    """The ticker where no bar is shown."""

    def start(self, total: int) -> None:
        """Nothing to show."""

    def advance(self, description: str | None = None) -> None:
        """Nothing to show."""


SILENT: Ticker = _Silent()


def wanted(console: Console | None = None, *, quiet: bool = False) -> Console | None:
    """The console to draw a bar on: stderr's (or ``console``) when it is a terminal, not CI, not quiet."""
    if quiet or os.environ.get("CI"):
        return None
    if console is None:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console

        console = Console(file=sys.stderr)
    return console if console.is_terminal else None


@contextmanager
def bar(
    description: str,
    *,
    total: int | None = None,
    minimum: int = 0,
    console: Console | None = None,
    quiet: bool = False,
) -> Iterator[Ticker]:
    """A ticker that draws a bar of ``total`` steps (or of the total ``start`` gives) when wanted.

    No bar when fewer than ``minimum`` steps are to come: a short run has nothing to wait for.
    """
    shown = wanted(console, quiet=quiet)
    if shown is None:
        yield SILENT
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=shown,
        transient=True,
    )
    task = progress.add_task(description, total=total, start=False)

    class _Shown:
        def start(self, count: int) -> None:
            progress.update(task, total=count)
            if count >= minimum:
                progress.start()
                progress.start_task(task)

        def advance(self, step: str | None = None) -> None:
            if step is None:
                progress.update(task, advance=1)
            else:
                progress.update(task, advance=1, description=step)

    ticker = _Shown()
    if total is not None:
        ticker.start(total)
    try:
        yield ticker
    finally:
        progress.stop()


def big(paths: Iterable[str | Path]) -> bool:
    """Whether any of these model files is big enough for a bar (``BIG_MODEL_BYTES``)."""
    for path in paths:
        try:
            if Path(path).is_file() and Path(path).stat().st_size >= BIG_MODEL_BYTES:
                return True
        except (OSError, ValueError):
            continue
    return False
