"""Check the two sides of a diff at once: OLD in a forked process, NEW in this one.

A diff needs both sides checked (the rule delta), so done one after the
other it costs two checks. On a machine with more than one core, and for
models large enough that a process is worth starting (``FORK_FROM`` bytes
on both sides together), the OLD side is checked in a child made with
``os.fork`` (it inherits the loaded rules: nothing is imported or set up
again) while this process checks NEW; the child sends its checked model
back pickled through a pipe, which this process unpickles as it arrives (pickling and unpickling
each take about 0.04 s for 10,000 units; read this way they overlap), and
leaves with ``os._exit``, so it never runs this process's exit handlers or
flushes its output. Anything that goes wrong in the child (no answer, an
answer that does not unpickle) means OLD is checked here instead: the
result is the same either way, only the time differs.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Collection
from typing import Any

from orgmodel.engine import CheckedModel, check_bytes
from orgmodel.rule import Rule

FORK_FROM = 1_000_000  # bytes of both sides together (a model of about 6,000 units)
PIPE_BUFFER = 1 << 20  # /proc/sys/fs/pipe-max-size's default


def check_both(
    old: tuple[str, bytes, Any],
    new: tuple[str, bytes, Any],
    rules: list[Rule[Any]],
    custom: Collection[tuple[str, str]],
    *,
    fork_from: int | None = None,
) -> tuple[CheckedModel, CheckedModel]:
    """The checked OLD and NEW sides; each given as (name, bytes, reader of its parts).

    ``fork_from``: the size of both sides together from which OLD is checked in a child (FORK_FROM).
    """

    def check(side: tuple[str, bytes, Any]) -> CheckedModel:
        name, raw, read = side
        return check_bytes(name, raw, rules, custom=custom, read=read)

    if not _worth_forking(len(old[1]) + len(new[1]), FORK_FROM if fork_from is None else fork_from):
        return check(old), check(new)
    reading, writing = os.pipe()
    _widen(writing)
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which leaves with os._exit
        _child(reading, writing, lambda: check(old))
    os.close(writing)
    after = check(new)
    with os.fdopen(reading, "rb") as answer:
        try:  # read while the child writes: unpickling keeps pace with pickling, frame by frame
            before: object = pickle.load(answer)
        except Exception:  # the child failed or its answer was cut short: check OLD here
            before = None
    os.waitpid(child, 0)
    if not isinstance(before, CheckedModel):
        before = check(old)
    return before, after


def _widen(pipe: int) -> None:
    """Give the pipe a buffer of 1 MiB (Linux's default limit for a process) instead of 64 KiB, where it can.

    The child then writes pickle frames ahead of this process's unpickling
    instead of waiting for each one to be read: measured on 10,000 units, the
    answer took 52 ms to arrive through 64 KiB and 40 ms through 1 MiB.
    """
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_BUFFER)
    except (ImportError, AttributeError, OSError):  # not Linux, or a lower limit there: as it is
        pass


def _worth_forking(size: int, fork_from: int) -> bool:
    return size >= fork_from and hasattr(os, "fork") and (os.cpu_count() or 1) > 1


def _child(reading: int, writing: int, work: Callable[[], CheckedModel]) -> None:  # pragma: no cover
    """Check, send the pickled result through ``writing`` and leave at once (1 on any failure)."""
    code = 1
    try:
        os.close(reading)
        checked = work()
        with os.fdopen(writing, "wb") as out:  # written frame by frame, read as it comes
            pickle.dump(checked, out, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)
