"""``make bench``: time ``orgmodel check`` against the YAML parse floor and yamllint.

For each model size (1k, 10k and 100k generated units; ``--quick``: 1k and
10k) every command runs several times, each run in a fresh process, like
hyperfine: wall time (best and median) and the peak memory (RSS) of that
process, read from ``os.wait4``'s resource usage of exactly that child.

- floor: ``yaml.load(f, Loader=yaml.CSafeLoader)`` of the same file, in a
  fresh Python (interpreter start-up included, as for the others);
- events: libyaml's parse events of the same file and nothing else (PyYAML's
  ``CParser.get_event`` until the stream ends), the physical limit of a loader
  that keeps positions (issue 16);
- yamllint: ``yamllint -d relaxed`` on the same file (run fewer times at 100k,
  where one run takes minutes);
- check: ``orgmodel check --no-cache --ruleset rules/default.yaml`` end to end (a cold check:
  the cache would answer every run after the first).

Also timed (``startup.py``): the shipped Drammen model checked cold and
yamllint on it, ``orgmodel --version`` against a bare Python, and ``orgmodel
--help``; orgmodel's modules are compiled to bytecode before anything is
timed, as an installed orgmodel has them. The table is printed as Markdown, the per-phase timings
of one in-process check per size (``Timings``, as ``check --timings`` shows
them) are kept, and everything is written to ``bench/results.json`` with
the machine's details.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OUT = ROOT / "bench"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_model import generate  # noqa: E402
from national import measure_national, print_national, summary  # noqa: E402
from startup import compile_bytecode, measure_startup, print_startup, startup_figures  # noqa: E402
from startup import summary as startup_summary  # noqa: E402

FLOOR = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
EVENTS = (
    "import sys\nfrom yaml._yaml import CParser\nget = CParser(open(sys.argv[1], 'rb')).get_event\n"
    "while get() is not None:\n    pass"
)
# issue 16's figures and their targets (each at most)
TARGETS_16 = {
    "check(10k) / libyaml event parse of the same file": 2.0,
    "peak memory, check(100k), MiB": 300.0,
    "time(100k) / time(10k)": 10.5,
    "diff(10k) / check(10k)": 1.3,
}
PHASES = """
import json, sys
from orgmodel.engine import Timings, check_paths
from orgmodel.ruleset import load_ruleset
timings = Timings()
report = check_paths([sys.argv[1]], load_ruleset(sys.argv[2]), timings=timings)
json.dump({"phases": timings.phases, "peak_rss": timings.peak_rss,
           "diagnostics": len(report.diagnostics)}, sys.stdout)
"""
# runs per size: (floor and check, yamllint); yamllint takes minutes at 100k
RUNS = {1_000: (7, 5), 10_000: (5, 3), 100_000: (3, 1)}


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


def phases(path: Path) -> dict[str, object]:
    """Per-phase timings of one check of ``path``, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", PHASES, str(path), str(ROOT / "rules" / "default.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    data: dict[str, object] = json.loads(out.stdout)
    return data


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except OSError:
        memory = ""

    def version(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    import yaml

    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory": memory,
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "yamllint": version([str(BIN / "yamllint"), "--version"]),
        "orgmodel": version([str(BIN / "orgmodel"), "--version"]),
        "commit": version(["git", "-C", str(ROOT), "describe", "--always", "--dirty"]),
        "peak_rss_from": "GNU time %M" if GNU_TIME.exists() else "os.wait4 ru_maxrss",
    }


def fmt(sample: Sample | None) -> str:
    """'best / median s (peak MiB)'."""
    if sample is None:
        return "n/a"
    return f"{sample.best:.2f} / {sample.median:.2f} s ({sample.peak_mib:.0f} MiB)"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 if a check did not exit 0 on a generated model."""
    parser = argparse.ArgumentParser(description="time orgmodel check against the parse floor and yamllint")
    parser.add_argument("--quick", action="store_true", help="1k and 10k units only")
    parser.add_argument(
        "--no-yamllint", action="store_true", help="skip yamllint (it dominates the run time)"
    )
    parser.add_argument("--national-only", action="store_true", help="only the 357 municipal models")
    parser.add_argument(
        "--startup-only", action="store_true", help="only the Drammen, --version, --help rows"
    )
    parser.add_argument("--output", type=Path, default=OUT / "results.json")
    args = parser.parse_args(argv)
    print(compile_bytecode(), file=sys.stderr)
    if args.startup_only:
        return _startup_only(args.output, not args.no_yamllint)
    if args.national_only:
        national = measure_national(str(BIN / "orgmodel"), OUT / "national", measure)
        met = print_national(national)
        for label, ok in met:
            print(f"- [{'x' if ok else ' '}] {label}")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps({"machine": machine(), "national": summary(national)}, indent=2))
        return 1 if any(set(s.exit_codes) != {0} for s in national["samples"].values()) else 0
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    python, orgmodel, yamllint = sys.executable, str(BIN / "orgmodel"), str(BIN / "yamllint")
    results: dict[str, object] = {"machine": machine(), "sizes": {}, "extra": {}}
    rows = []
    event_rows: dict[int, Sample] = {}
    for size in sizes:
        path = OUT / f"model-{size // 1000}k.yaml"
        text = generate(size, seed=1)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        mb = path.stat().st_size / 1e6
        runs, lint_runs = RUNS[size]
        warmup = 1 if size <= 10_000 else 0
        print(f"{size:,} units ({mb:.1f} MB):", file=sys.stderr, flush=True)
        floor = measure("floor", [python, "-c", FLOOR, str(path)], runs, warmup)
        events = measure("events", [python, "-c", EVENTS, str(path)], runs, warmup)
        # --no-cache: the warm-up run would otherwise fill .orgmodel_cache/ and every timed run
        # read its result back (the cache has its own row, the national one)
        command = [orgmodel, "check", "--no-cache", "--ruleset", "rules/default.yaml", str(path)]
        check = measure("check", command, runs, warmup)
        lint = None
        if not args.no_yamllint:
            lint = measure("yamllint", [yamllint, "-d", "relaxed", str(path)], lint_runs, min(warmup, 1))
        entry = {
            "units": size,
            "bytes": path.stat().st_size,
            "floor": floor.summary(),
            "events": events.summary(),
            "check_over_events": check.median / events.median,
            "check": check.summary(),
            "yamllint": lint.summary() if lint else None,
            "check_over_floor": check.median / floor.median,
            "yamllint_over_check": lint.median / check.median if lint else None,
            "phases": phases(path),
        }
        results["sizes"][str(size)] = entry  # type: ignore[index]
        rows.append((size, mb, floor, lint, check))
        event_rows[size] = events
    extra: dict[str, Sample | None] = {}
    diff_ratio = None
    ten = OUT / "model-10k.yaml"
    if ten.exists():
        # issue 7: diffing two 10k-unit models stays under three times checking one
        edited = OUT / "model-10k-edited.yaml"
        text = ten.read_text(encoding="utf-8")
        edited.write_text(text.replace("staff: 1", "staff: 2", 300), encoding="utf-8")
        command = [orgmodel, "diff", "--ruleset", "rules/default.yaml", str(ten), str(edited)]
        extra["orgmodel diff of two 10k-unit models"] = diff = measure("diff 10k", command, 3)
        check_10k = next(c for size, _mb, _f, _l, c in rows if size == 10_000)
        diff_ratio = diff.median / check_10k.median
        results["diff_10k_over_check_10k"] = diff_ratio
    started_up = measure_startup(python, orgmodel, None if args.no_yamllint else yamllint, measure)
    extra.update(started_up)
    results["extra"] = {k: v.summary() if v else None for k, v in extra.items()}
    national = measure_national(orgmodel, OUT / "national", measure)
    results["national"] = summary(national)

    print()
    print(
        "| units | file | libyaml events | floor: CSafeLoader load | yamllint -d relaxed | orgmodel check "
        "| check/events | check/floor | yamllint/check |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, mb, floor, lint, check in rows:
        lint_ratio = f"{lint.median / check.median:.1f}x" if lint else "n/a"
        events = event_rows[size]
        print(
            f"| {size:,} | {mb:.1f} MB | {fmt(events)} | {fmt(floor)} | {fmt(lint)} | {fmt(check)} | "
            f"{check.median / events.median:.2f} | {check.median / floor.median:.2f} | {lint_ratio} |"
        )
    print()
    print("Times are best / median wall seconds of fresh processes; memory is the peak RSS of one run.")
    for size, _mb, _floor, lint, _check in rows:
        runs, lint_runs = RUNS[size]
        print(f"{size:,} units: {runs} runs each" + (f", yamllint {lint_runs}" if lint else ""), end="; ")
    print()
    print()
    print("| also timed | best / median wall (peak RSS) | median CPU |")
    print("|---|---:|---:|")
    for label, sample in extra.items():
        if sample is None:
            print(f"| {label} | skipped | |")
            continue
        shown = f"{sample.best * 1000:.0f} / {sample.median * 1000:.0f} ms ({sample.peak_mib:.0f} MiB)"
        print(f"| {label} | {shown} | {sample.cpu_median * 1000:.0f} ms |")
    if diff_ratio is not None:
        print(f"\ndiff(10k) / check(10k) = {diff_ratio:.2f} (target: 1.3, issue 16)")
    checks = {size: check for size, _mb, _floor, _lint, check in rows}
    targets = []
    for size, _mb, floor, lint, check in rows:
        if size >= 10_000:
            targets.append(
                (f"check({size // 1000}k) within 2x of the floor", check.median / floor.median <= 2)
            )
            if lint:
                targets.append(
                    (f"check({size // 1000}k) 5x faster than yamllint", lint.median / check.median >= 5)
                )
    if 10_000 in checks and 100_000 in checks:
        ratio = checks[100_000].median / checks[10_000].median
        results["time_100k_over_10k"] = ratio
        print(f"\ntime(100k) / time(10k) = {ratio:.1f} (check medians)")
        targets.append(("time(100k)/time(10k) at most 12", ratio <= 12))
        targets.append(("peak RSS at 100k under 1 GB", checks[100_000].peak_mib * 2**20 < 1e9))
    for label in ("orgmodel --version", "orgmodel --help"):
        sample = extra[label]
        assert sample is not None
        targets.append((f"{label} under 150 ms", sample.median < 0.15))
    startup_met = startup_figures(started_up)
    results["startup"] = startup_summary(started_up, startup_met)
    targets += print_startup(startup_met)
    targets += print_national(national)
    diff_sample = extra.get("orgmodel diff of two 10k-unit models")
    figures = _figures(dict((size, c) for size, _mb, _f, _l, c in rows), event_rows, diff_sample)
    results["issue_16"] = figures
    _print_figures(figures)
    targets += [
        (f"{label} <= {TARGETS_16[label]:g} (wall)", wall <= TARGETS_16[label])
        for label, (wall, _cpu) in figures.items()
    ]
    results["targets"] = {label: ok for label, ok in targets}
    print()
    for label, ok in targets:
        print(f"- [{'x' if ok else ' '}] {label}")
    total = time.perf_counter() - started
    results["bench_seconds"] = total
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(
        f"\n{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output} "
        f"written; the benchmark took {total / 60:.1f} min",
        file=sys.stderr,
    )
    bad = [s for s in (r[4] for r in rows) if set(s.exit_codes) != {0}]
    return 1 if bad else 0


def _startup_only(output: Path, yamllint: bool) -> int:
    """``--startup-only``: the Drammen, --version and --help rows and their figures."""
    lint = str(BIN / "yamllint") if yamllint else None
    samples = measure_startup(sys.executable, str(BIN / "orgmodel"), lint, measure)
    figures = startup_figures(samples)
    for label, ok in print_startup(figures):
        print(f"- [{'x' if ok else ' '}] {label}")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps({"machine": machine(), "startup": startup_summary(samples, figures)}, indent=2)
    )
    return 0


def _figures(
    checks: dict[int, Sample], events: dict[int, Sample], diff: Sample | None
) -> dict[str, tuple[float, float | None]]:
    """Issue 16's figures that this run measured: (from wall medians, from CPU medians) of fresh processes.

    On a machine shared with other work the wall time waits for the CPU; the
    CPU time does not (a diff's counts its forked child too: the cost, not the wait).
    """
    figures: dict[str, tuple[float, float | None]] = {}

    def ratio(a: Sample, b: Sample) -> tuple[float, float]:
        return a.median / b.median, a.cpu_median / b.cpu_median

    if 10_000 in checks:
        figures["check(10k) / libyaml event parse of the same file"] = ratio(checks[10_000], events[10_000])
    if 100_000 in checks:
        figures["peak memory, check(100k), MiB"] = (checks[100_000].peak_mib, None)
        figures["time(100k) / time(10k)"] = ratio(checks[100_000], checks[10_000])
    if diff is not None and 10_000 in checks:
        figures["diff(10k) / check(10k)"] = ratio(diff, checks[10_000])
    return figures


def _print_figures(figures: dict[str, tuple[float, float | None]]) -> None:
    print("\n| issue 16 figure | this run (wall) | CPU | target |")
    print("|---|---:|---:|---:|")
    for label, (wall, cpu) in figures.items():
        shown = f"{cpu:.2f}" if cpu is not None else ""
        print(f"| {label} | {wall:.2f} | {shown} | <= {TARGETS_16[label]:g} |")


if __name__ == "__main__":
    raise SystemExit(main())
