"""Many model files in one run: taken from the cache, or checked here or on every core, in order.

The engine gives the function that checks one file; this module decides
where each file's result comes from (``orgmodel.cache``, this process, or
worker processes of ``orgmodel.parallel``), keeps new results in the cache
and returns them all in the order of the files, whatever finished first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from orgmodel.bounds import read_limited
from orgmodel.parallel import run_in_order, workers_for
from orgmodel.progress import Ticker
from orgmodel.timings import Timings

if TYPE_CHECKING:
    from orgmodel.cache import Cache

R = TypeVar("R")


class Batch(Generic[R]):
    """``check(name, raw, timings)`` over many files; ``raw`` is None when the file was not read yet.

    ``parts(result)`` names the other files a result was made from (a model's
    parts), whose bytes its cache entry keys on; ``slim(result)`` is what is
    kept or sent between processes.
    """

    def __init__(
        self,
        check: Callable[[str, bytes | None, Timings], R],
        parts: Callable[[R], Iterable[str]],
        slim: Callable[[R], R],
        *,
        timings: Timings,
        ticker: Ticker,
        cache: Cache | None,
    ) -> None:
        self.check, self.parts, self.slim = check, parts, slim
        self.timings, self.ticker, self.cache = timings, ticker, cache
        self.raws: dict[int, bytes] = {}
        self.names: list[str] = []

    def run(self, names: list[str], jobs: int | None) -> list[R]:
        """The result of each file, in the order of ``names``; ``jobs`` processes (None: every core)."""
        self.names = names
        found = self._cached()
        todo = [index for index in range(len(names)) if index not in found]

        def begin() -> None:
            self.ticker.start(len(names))
            for _index in found:
                self.ticker.advance()

        workers = workers_for(len(todo), jobs)
        if workers == 1:
            checked = run_in_order(lambda i: self._one(i, self.timings), todo, 1, begin, self.ticker.advance)
        else:
            sent = run_in_order(self._sent, todo, workers, begin, self.ticker.advance)
            for _result, phases in sent:  # --timings: each phase's time summed over the workers
                for phase, seconds in phases.items():
                    self.timings.add(phase, seconds)
            checked = [result for result, _phases in sent]
        found.update(zip(todo, checked, strict=True))
        return [found[index] for index in range(len(names))]

    def _cached(self) -> dict[int, R]:
        """The results the cache holds, by the file's index; the bytes read kept for the others."""
        found: dict[int, R] = {}
        if self.cache is None:
            return found
        with self.timings.timer("cache"):
            for index, name in enumerate(self.names):
                try:
                    self.raws[index] = read_limited(name)
                except OSError:  # the check reports it, and nothing is kept
                    continue
                kept = self.cache.get(name, self.raws[index])
                if kept is not None:
                    found[index] = kept
        return found

    def _one(self, index: int, timings: Timings) -> R:
        """One file checked, and kept in the cache when there is one."""
        name, raw = self.names[index], self.raws.get(index)
        result = self.check(name, raw, timings)
        if self.cache is not None and raw is not None:
            self.cache.put(name, raw, self.slim(result), self.parts(result))
        return result

    def _sent(self, index: int) -> tuple[R, dict[str, float]]:  # pragma: no cover - in a worker
        """What a worker sends back: the slim result and the time of each phase."""
        own = Timings()
        return self.slim(self._one(index, own)), own.phases
