"""``make bench``: time ``orgmodel check`` against the YAML parse floor and yamllint.

For each model size (1k, 10k and 100k generated units; ``--quick``: 1k and
10k) every command runs several times, each run in a fresh process, like
hyperfine: wall time (best and median) and the peak memory (RSS) of that
process (``bench_runs.py``: ``Sample`` and ``measure``).

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
timed, as an installed orgmodel has them. The table is printed as Markdown
(``bench_report.py``, with issue 16's figures and the targets), the per-phase timings
of one in-process check per size (``Timings``, as ``check --timings`` shows
them) are kept, and everything is written to ``bench/results.json`` with
the machine's details.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OUT = ROOT / "bench"
ORGMODEL = str(BIN / "orgmodel")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import (  # noqa: E402
    Row,
    figure_targets,
    growth,
    issue_16_figures,
    print_extra,
    print_figures,
    print_sizes,
    print_targets,
    size_targets,
)
from bench_runs import GNU_TIME, Sample, measure  # noqa: E402
from generate_model import generate  # noqa: E402
from national import measure_national, print_national, summary  # noqa: E402
from startup import compile_bytecode, measure_startup, print_startup, startup_figures  # noqa: E402
from startup import summary as startup_summary  # noqa: E402

FLOOR = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
EVENTS = (
    "import sys\nfrom yaml._yaml import CParser\nget = CParser(open(sys.argv[1], 'rb')).get_event\n"
    "while get() is not None:\n    pass"
)
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

DIFF = "orgmodel diff of two 10k-unit models"


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


def _parser() -> argparse.ArgumentParser:
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 if a check did not exit 0 on a generated model."""
    args = _parser().parse_args(argv)
    print(compile_bytecode(), file=sys.stderr)
    if args.startup_only:
        return _startup_only(args.output, not args.no_yamllint)
    if args.national_only:
        return _national_only(args.output)
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    yamllint = None if args.no_yamllint else str(BIN / "yamllint")
    entries: dict[str, object] = {}
    results: dict[str, object] = {"machine": machine(), "sizes": entries, "extra": {}}
    rows = []
    for size in sizes:
        row, entries[str(size)] = _measure_size(size, yamllint)
        rows.append(row)
    extra, diff_ratio = _measure_diff(rows)
    if diff_ratio is not None:
        results["diff_10k_over_check_10k"] = diff_ratio
    started_up = measure_startup(sys.executable, ORGMODEL, yamllint, measure)
    extra.update(started_up)
    results["extra"] = {k: v.summary() if v else None for k, v in extra.items()}
    national = measure_national(ORGMODEL, OUT / "national", measure)
    results["national"] = summary(national)
    _report(rows, extra, diff_ratio, started_up, national, results)
    _write_results(args.output, results, started)
    bad = [row.check for row in rows if set(row.check.exit_codes) != {0}]
    return 1 if bad else 0


def _measure_size(size: int, yamllint: str | None) -> tuple[Row, dict[str, object]]:
    """Time every command on the model of ``size`` units; its row and its entry in results.json.

    The model is generated (seed 1) and written to ``bench/`` only if it changed.
    """
    path = OUT / f"model-{size // 1000}k.yaml"
    text = generate(size, seed=1)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    mb = path.stat().st_size / 1e6
    runs, lint_runs = RUNS[size]
    warmup = 1 if size <= 10_000 else 0
    print(f"{size:,} units ({mb:.1f} MB):", file=sys.stderr, flush=True)
    floor = measure("floor", [sys.executable, "-c", FLOOR, str(path)], runs, warmup)
    events = measure("events", [sys.executable, "-c", EVENTS, str(path)], runs, warmup)
    # --no-cache: the warm-up run would otherwise fill .orgmodel_cache/ and every timed run
    # read its result back (the cache has its own row, the national one)
    command = [ORGMODEL, "check", "--no-cache", "--ruleset", "rules/default.yaml", str(path)]
    check = measure("check", command, runs, warmup)
    lint = None
    if yamllint:
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
    return Row(size, mb, runs, lint_runs, floor, events, lint, check), entry


def _measure_diff(rows: list[Row]) -> tuple[dict[str, Sample | None], float | None]:
    """Issue 7: ``orgmodel diff`` of the 10k model against a copy with 300 staff numbers changed.

    Diffing two 10k-unit models stays under three times checking one. The
    sample (under ``DIFF``) and diff(10k) / check(10k); none without the 10k model.
    """
    extra: dict[str, Sample | None] = {}
    ten = OUT / "model-10k.yaml"
    if not ten.exists():
        return extra, None
    edited = OUT / "model-10k-edited.yaml"
    text = ten.read_text(encoding="utf-8")
    edited.write_text(text.replace("staff: 1", "staff: 2", 300), encoding="utf-8")
    command = [ORGMODEL, "diff", "--ruleset", "rules/default.yaml", str(ten), str(edited)]
    extra[DIFF] = diff = measure("diff 10k", command, 3)
    check_10k = next(row.check for row in rows if row.size == 10_000)
    return extra, diff.median / check_10k.median


def _report(
    rows: list[Row],
    extra: dict[str, Sample | None],
    diff_ratio: float | None,
    started_up: dict[str, Any],
    national: dict[str, Any],
    results: dict[str, object],
) -> None:
    """Print the tables, the figures and the targets; keep the figures and targets in ``results``."""
    print_sizes(rows)
    print_extra(extra, diff_ratio)
    targets = size_targets(rows)
    ratio, met = growth(rows)
    if ratio is not None:
        results["time_100k_over_10k"] = ratio
    targets += met
    for label in ("orgmodel --version", "orgmodel --help"):
        sample = extra[label]
        assert sample is not None
        targets.append((f"{label} under 150 ms", sample.median < 0.15))
    startup_met = startup_figures(started_up)
    results["startup"] = startup_summary(started_up, startup_met)
    targets += print_startup(startup_met)
    targets += print_national(national)
    checks = {row.size: row.check for row in rows}
    events = {row.size: row.events for row in rows}
    figures = issue_16_figures(checks, events, extra.get(DIFF))
    results["issue_16"] = figures
    print_figures(figures)
    targets += figure_targets(figures)
    results["targets"] = {label: ok for label, ok in targets}
    print()
    print_targets(targets)


def _write_results(output: Path, results: dict[str, object], started: float) -> None:
    """Write ``results`` with the benchmark's duration to ``output``, and say so on stderr."""
    total = time.perf_counter() - started
    results["bench_seconds"] = total
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(
        f"\n{output.relative_to(ROOT) if output.is_relative_to(ROOT) else output} "
        f"written; the benchmark took {total / 60:.1f} min",
        file=sys.stderr,
    )


def _national_only(output: Path) -> int:
    """``--national-only``: the 357 municipal models; exit 1 if a run did not exit 0."""
    national = measure_national(ORGMODEL, OUT / "national", measure)
    print_targets(print_national(national))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({"machine": machine(), "national": summary(national)}, indent=2))
    return 1 if any(set(s.exit_codes) != {0} for s in national["samples"].values()) else 0


def _startup_only(output: Path, yamllint: bool) -> int:
    """``--startup-only``: the Drammen, --version and --help rows and their figures."""
    lint = str(BIN / "yamllint") if yamllint else None
    samples = measure_startup(sys.executable, ORGMODEL, lint, measure)
    figures = startup_figures(samples)
    print_targets(print_startup(figures))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps({"machine": machine(), "startup": startup_summary(samples, figures)}, indent=2)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
