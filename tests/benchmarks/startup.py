"""The start-up rows of ``make bench`` (issue 16 item 2): what a planner and pre-commit wait for.

Timed in fresh processes, like everything in ``bench.py``:

- the shipped Drammen model (165 units) checked cold (``--no-cache``) against
  its ruleset, and ``yamllint -d relaxed`` on the same file: their ratio is
  issue 16's "yamllint / check on the shipped Drammen model" (target: >= 5);
- the same model checked warm (its result in ``.orgmodel_cache/``, as a second run
  of an unchanged file finds it): shown beside the target, not counted for it;
- ``orgmodel --version`` against a bare ``python -c pass`` of the same
  interpreter: the difference is "--version beyond bare Python" (<= 40 ms);
- ``orgmodel --help``.

``compile_bytecode`` runs first: an editable install has no bytecode for
orgmodel's own modules, and where ``PYTHONDONTWRITEBYTECODE`` is set Python
compiles them from source on every run (0.1 s), which a wheel or pipx install
never does. ``bench.py --startup-only`` runs these rows alone.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MODEL, RULESET = "models/drammen-2020.yaml", "rules/drammen-2020.yaml"
CHECK = "Drammen model, cold check (--no-cache)"
WARM = "Drammen model, warm check (cached)"
LINT = "yamllint -d relaxed on the Drammen model"
BARE = "bare Python (python -c pass)"
VERSION, HELP = "orgmodel --version", "orgmodel --help"
RATIO = "yamllint / check on the shipped Drammen model"
BEYOND = "--version beyond bare Python, ms"
WARM_RATIO = "yamllint / warm check of the Drammen model (no target)"
# issue 16's targets: the ratio at least, the milliseconds at most
TARGETS = {RATIO: 5.0, BEYOND: 40.0}


def compile_bytecode() -> str:
    """Compile orgmodel's modules as a wheel install has them; the sentence that says so."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "orgmodel")], check=True)
    return "orgmodel's modules were compiled to bytecode first (python -m compileall), as an install has them"


def measure_startup(
    python: str,
    orgmodel: str,
    yamllint: str | None,
    measure: Callable[[str, list[str], int], Any],
    runs: int = 10,
) -> dict[str, Any]:
    """The samples of the start-up rows (``measure(name, command, runs)``), None where one cannot run."""
    samples: dict[str, Any] = {CHECK: None, WARM: None, LINT: None}
    if (ROOT / MODEL).exists() and (ROOT / RULESET).exists():
        check = [orgmodel, "check", "--ruleset", RULESET, MODEL]
        samples[CHECK] = measure("drammen", [*check[:2], "--no-cache", *check[2:]], runs)
        samples[WARM] = measure("warm", check, runs)  # measure's warm-up run fills the cache
        if yamllint:
            samples[LINT] = measure("yamllint", [yamllint, "-d", "relaxed", MODEL], runs)
    else:
        print(f"  drammen: {MODEL} does not exist; skipped", file=sys.stderr)
    samples[BARE] = measure("python", [python, "-c", "pass"], runs)
    samples[VERSION] = measure("--version", [orgmodel, "--version"], runs)
    samples[HELP] = measure("--help", [orgmodel, "--help"], runs)
    return samples


def startup_figures(samples: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Issue 16's two start-up figures, each (from wall medians, from CPU medians)."""
    figures: dict[str, tuple[float, float]] = {}
    check, lint = samples.get(CHECK), samples.get(LINT)
    if check is not None and lint is not None:
        figures[RATIO] = (lint.median / check.median, lint.cpu_median / check.cpu_median)
        warm = samples[WARM]
        figures[WARM_RATIO] = (lint.median / warm.median, lint.cpu_median / warm.cpu_median)
    version, bare = samples[VERSION], samples[BARE]
    figures[BEYOND] = (
        (version.median - bare.median) * 1000,
        (version.cpu_median - bare.cpu_median) * 1000,
    )
    return figures


def print_startup(figures: dict[str, tuple[float, float]]) -> list[tuple[str, bool]]:
    """The figures as a Markdown table; each target as (label, met by the wall figure)."""
    print("\n| start-up figure (issue 16) | this run (wall) | CPU | target |")
    print("|---|---:|---:|---:|")
    met = []
    for label, (wall, cpu) in figures.items():
        if label not in TARGETS:
            print(f"| {label} | {wall:.2f} | {cpu:.2f} | |")
            continue
        at_least = label == RATIO
        target = f"{'>=' if at_least else '<='} {TARGETS[label]:g}"
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {target} |")
        met.append(
            (f"{label} {target} (wall)", wall >= TARGETS[label] if at_least else wall <= TARGETS[label])
        )
    return met


def summary(samples: dict[str, Any], figures: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """The rows and figures as JSON data."""
    return {
        "samples": {label: s.summary() if s is not None else None for label, s in samples.items()},
        "figures": {label: {"wall": wall, "cpu": cpu} for label, (wall, cpu) in figures.items()},
    }
