"""Run one function over many items on every core, the results in the items' order.

``orgmodel check`` over many model files checks them in worker processes
(``--jobs N``, default: the cores this process may use). The results come
back in the order of the items, so the output of a parallel run is the
output of a sequential one, byte for byte.

The workers are started with the ``fork`` start method, deliberately:

- a forked worker inherits what the parent has already done: the imported
  modules (pydantic, the schema, the rules: about 0.3 s a fresh interpreter
  would spend again), the resolved ruleset with its custom rules and
  plugins, the selection, and the language the messages are in. With
  ``spawn`` or ``forkserver`` each of them would have to be pickled or
  rebuilt, and a plugin's rule or a custom rule compiled from a ruleset is
  not necessarily picklable;
- the pool (``concurrent.futures.ProcessPoolExecutor``) forks all its
  workers at the first submit, before the progress bar
  (``orgmodel.progress``) starts its refresh thread and before the pool's
  own manager thread, so no worker is forked from a process with a second
  thread (fork's known hazard);
- a worker that dies (killed, out of memory) breaks the pool with an error
  (``BrokenProcessPool``) instead of leaving the run waiting for ever, and
  workers ignore Ctrl-C, which the parent handles;
- where ``fork`` does not exist (Windows), the items run one after another.

Below ``PARALLEL_FROM`` items the run stays sequential: starting workers and
sending the checked models back costs more than a few files take.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 4
"""The fewest items worth starting worker processes for."""

_work: Callable[[Any], Any] | None = None  # the function the forked workers run (set before the fork)


def default_jobs() -> int:
    """The number of cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no sched_getaffinity (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def workers_for(count: int, jobs: int | None) -> int:
    """How many processes to run ``count`` items in: 1 (here, in order) or more (a pool)."""
    wanted = default_jobs() if jobs is None or jobs < 1 else jobs
    if wanted <= 1 or count < PARALLEL_FROM or not hasattr(os, "fork"):
        return 1
    return min(wanted, count)


def run_in_order(
    work: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    begin: Callable[[], None] = lambda: None,
    done: Callable[[], None] = lambda: None,
) -> list[R]:
    """``[work(item) for item in items]`` on ``workers`` processes; ``done()`` after each result, in order.

    ``begin()`` is called once the workers exist (a progress bar's thread starts
    after the fork). ``work``'s results are pickled from the workers back to
    this process. An exception in a worker is raised here, as it would be in a
    sequential run.
    """
    if workers <= 1:
        begin()
        results = []
        for item in items:
            results.append(work(item))
            done()
        return results
    import multiprocessing  # here: a check of one file, the common case, starts no pool
    from concurrent.futures import ProcessPoolExecutor

    global _work
    _work = work
    gc.freeze()  # the parent's objects stay shared with the workers instead of copied on write
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)
    try:
        # map() submits every item at once; the first submit forks all the workers, before begin()
        answers = pool.map(_run, items, chunksize=1)
        begin()
        results = []
        for result in answers:
            results.append(result)
            done()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        gc.unfreeze()
        _work = None
    return results


def _ignore_interrupts() -> None:  # pragma: no cover - runs in a worker process
    """Ctrl-C is the parent's to handle (it stops the pool); a worker must not print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(item: Any) -> Any:  # pragma: no cover - runs in a worker process
    assert _work is not None
    return _work(item)
