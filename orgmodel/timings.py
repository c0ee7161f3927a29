"""Wall time and peak memory per phase of a run, for ``orgmodel check --timings``."""

from __future__ import annotations

import resource
import time


class Timings:
    """Wall time and peak memory (RSS) per phase, for ``--timings``."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self.peak_rss: dict[str, int] = {}

    def add(self, phase: str, seconds: float) -> None:
        """Add time to a phase and note the process's peak memory so far."""
        self.phases[phase] = self.phases.get(phase, 0.0) + seconds
        self.peak_rss[phase] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def timer(self, phase: str) -> _Timer:
        """A context manager that times one phase."""
        return _Timer(self, phase)


class _Timer:
    def __init__(self, timings: Timings, phase: str) -> None:
        self.timings, self.phase = timings, phase

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timings.add(self.phase, time.perf_counter() - self.start)
