"""Many model files in one run: taken from the cache, or checked here or on every core, in order.

The engine gives the function that checks one file; this module decides
where each file's result comes from (``orgmodel.cache``, this process, or
worker processes of ``orgmodel.parallel``), keeps new results in the cache
and returns them all in the order of the files, whatever finished first.

A result from the cache or from a worker is a ``RestoredModel``: its
``Summary`` (what the output reads), with the model loaded only when
something asks for it: from the cache entry when there is one, else by
checking the same file again here. So neither a warm run nor the parent of
the workers unpickles a model that nobody reads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from orgmodel.bounds import read_limited
from orgmodel.checked import CheckedModel, RestoredModel, Summary
from orgmodel.parallel import run_in_order, workers_for
from orgmodel.progress import Ticker
from orgmodel.timings import Timings

if TYPE_CHECKING:
    from orgmodel.cache import Cache

Check = Callable[[str, bytes | None, Timings], CheckedModel]
"""``check(name, raw, timings)``: one file checked; ``raw`` is None when the file was not read yet."""


class Batch:
    """``check`` over many files, each result from the cache, this process or a worker.

    ``raws``: the bytes of files read before (by name), checked as they were read; the batch takes
    them out of the dict, and lets a file's bytes go once it is checked here.
    """

    def __init__(
        self,
        check: Check,
        *,
        timings: Timings,
        ticker: Ticker,
        cache: Cache | None,
        raws: dict[str, bytes] | None = None,
    ) -> None:
        self.check, self.timings, self.ticker, self.cache = check, timings, ticker, cache
        self.known = raws or {}  # the bytes of files read already (by name): not read again
        self.raws: dict[int, bytes] = {}
        self.names: list[str] = []

    def run(self, names: list[str], jobs: int | None) -> list[CheckedModel]:
        """The result of each file, in the order of ``names``; ``jobs`` processes (None: every core)."""
        self.names = names
        self.raws = {index: self.known.pop(name) for index, name in enumerate(names) if name in self.known}
        found: dict[int, CheckedModel] = self._cached()
        todo = [index for index in range(len(names)) if index not in found]

        def begin() -> None:
            self.ticker.start(len(names))
            for _index in found:
                self.ticker.advance()

        workers = workers_for(len(todo), jobs)
        if workers == 1:
            checked = run_in_order(lambda i: self._one(i, self.timings), todo, 1, begin, self.ticker.advance)
        else:
            largest = sorted(todo, key=self._size, reverse=True)  # the longest first: no straggler at the end
            sizes = [self._size(index) for index in largest]
            sent = run_in_order(self._sent, largest, workers, begin, self.ticker.advance, sizes)
            by_index = dict(zip(largest, sent, strict=True))
            checked = []
            for index in todo:
                summary, phases = by_index[index]
                for phase, seconds in phases.items():  # --timings: each phase's time summed over the workers
                    self.timings.add(phase, seconds)
                checked.append(self._restored(index, summary))
        found.update(zip(todo, checked, strict=True))
        return [found[index] for index in range(len(names))]

    def _cached(self) -> dict[int, CheckedModel]:
        """The results the cache holds, by the file's index; the bytes read kept for the others."""
        found: dict[int, CheckedModel] = {}
        if self.cache is None:
            return found
        with self.timings.timer("cache"):
            for index, name in enumerate(self.names):
                if index not in self.raws:
                    try:
                        self.raws[index] = read_limited(name)
                    except OSError:  # the check reports it, and nothing is kept
                        continue
                kept = self.cache.get(name, self.raws[index])
                if isinstance(kept, Summary) and kept.path == name:
                    found[index] = self._restored(index, kept)
        return found

    def _one(self, index: int, timings: Timings) -> CheckedModel:
        """One file checked, and kept in the cache when there is one."""
        name, raw = self.names[index], self.raws.pop(index, None)  # the result holds what it needs
        result = self.check(name, raw, timings)
        if self.cache is not None and raw is not None:
            parts = sorted(result.paths - {name})
            self.cache.put(name, raw, result.summary(), parts, whole=replace(result, _context=None))
        return result

    def _sent(self, index: int) -> tuple[Summary, dict[str, float]]:  # pragma: no cover - in a worker
        """What a worker sends back: the summary and the time of each phase."""
        own = Timings()
        return self._one(index, own).summary(), own.phases

    def _restored(self, index: int, summary: Summary) -> RestoredModel:
        """The result of ``summary``, whose model is loaded when something asks for it."""
        return RestoredModel(summary, lambda: self._whole(index))

    def _whole(self, index: int) -> CheckedModel:
        """The whole result of a file: from its cache entry, else checked again (the same bytes, rules)."""
        name, raw = self.names[index], self.raws.get(index)
        if self.cache is not None and raw is not None:
            whole = self.cache.whole(name, raw)
            if isinstance(whole, CheckedModel) and whole.path == name:
                return whole
        return self.check(name, raw, Timings())

    def _size(self, index: int) -> int:
        """How long a file will take to check, roughly: its size."""
        if index in self.raws:
            return len(self.raws[index])
        try:
            return os.stat(self.names[index]).st_size
        except OSError:
            return 0
