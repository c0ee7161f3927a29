"""How the console script ends: with an exit code and never a traceback, and without tearing down the heap.

Both ways a command line is run (typer's, ``orgmodel.cli.commands.main``, and the fast one of
``orgmodel.cli.fast``) go through :func:`guarded`. No typer here.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from orgmodel.cli.support import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from orgmodel.i18n import _


def guarded(run: Callable[[], object]) -> NoReturn:
    """Run ``run`` (a command line) and leave the process with its exit code; a bug is reported, briefly."""
    # A one-shot process whose big data is acyclic: the cyclic collector would
    # only walk it again and again (see engine.gc_paused), and tearing the heap
    # down object by object at exit is wasted work (0.55 s of a 1.9 s check of
    # a 10,000-unit model), so the process leaves with os._exit once the output
    # is flushed.
    gc.disable()
    try:
        run()
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
