"""How ``make bench`` times a command: several runs, each in a fresh process, like hyperfine.

``measure(name, command, runs, warmup)`` runs ``command`` ``warmup`` +
``runs`` times from the repository root and keeps a ``Sample`` of the last
``runs``: wall seconds (best and median), CPU seconds (user + system) and
the peak memory (RSS) of exactly that process, read by GNU time (``%M``)
where there is one and from ``os.wait4``'s resource usage where there is
not (``run_once`` says why). Each sample is reported on stderr as it ends.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Sample:
    """The runs of one command."""

    name: str
    command: list[str]
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)

    @property
    def best(self) -> float:
        """The fastest run."""
        return min(self.seconds)

    @property
    def median(self) -> float:
        """The median run."""
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        """The median CPU time (user + system): what the run costs when other processes compete."""
        return statistics.median(self.cpu_seconds)

    @property
    def peak_mib(self) -> float:
        """The largest peak RSS of any run, in MiB."""
        return max(self.rss_kib) / 1024

    def summary(self) -> dict[str, object]:
        """The sample as JSON data."""
        return {
            **asdict(self),
            "best": self.best,
            "median": self.median,
            "cpu_median": self.cpu_median,
            "peak_rss_mib": self.peak_mib,
        }


GNU_TIME = Path("/usr/bin/time")


def run_once(command: list[str], timeout: float = 1800) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS (KiB) and exit code of one fresh process.

    The peak RSS is read by GNU time (``%M``) where there is one: a child
    forked straight from this process inherits this process's peak in its
    ru_maxrss (Linux records the old address space's high-water mark at
    exec), so os.wait4 would report at least the size this benchmark has
    grown to after generating the 100k model.
    """
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as report:
        wrapped = (
            [str(GNU_TIME), "-f", "%M %U %S", "-o", report.name, *command] if GNU_TIME.exists() else command
        )
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if GNU_TIME.exists():
            rss, user, system = report.read().splitlines()[-1].split()
            return elapsed, float(user) + float(system), int(rss), code
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code


def measure(name: str, command: list[str], runs: int, warmup: int = 1) -> Sample:
    """Run ``command`` ``warmup`` + ``runs`` times; keep the last ``runs``."""
    sample = Sample(name, command)
    for i in range(warmup + runs):
        seconds, cpu, rss, code = run_once(command)
        if i >= warmup:
            sample.seconds.append(seconds)
            sample.cpu_seconds.append(cpu)
            sample.rss_kib.append(rss)
            sample.exit_codes.append(code)
    print(
        f"  {name:<10} best {sample.best:8.3f} s  median {sample.median:8.3f} s  "
        f"cpu {sample.cpu_median:7.3f} s  peak {sample.peak_mib:7.1f} MiB  "
        f"({runs} runs, exit {set(sample.exit_codes)})",
        file=sys.stderr,
        flush=True,
    )
    return sample
