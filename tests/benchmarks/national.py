"""The national benchmark of ``make bench``: 357 municipal models, checked on one core, every core, warm.

``sizes(seed)`` gives the unit counts of 357 models sized like Norway's
municipalities (seeded, so every run checks the same files): Oslo near
5,000 units, four large cities of 1,200-2,500, fifteen towns of 400-1,200,
and 337 municipalities drawn from a log-normal distribution around 130 units,
kept within 50-400: 325 of the 357 have 50-300 units, 99 fewer than 100 (the
generator gives those fewer direktørområder, kommunalsjefer and kommunedeler).

``write_models(folder)`` writes them (``generate_model.generate``, one seed
per model) with a ``.orgmodel.yaml`` that lists the folder, so the cache
sits beside it. Every model passes the default ruleset (exit code 0).
``measure_national`` times three commands in fresh processes: a cold check
with ``--jobs 1``, a cold check on every core (both ``--no-cache``), and a
warm check with the cache filled by one run before.
"""

from __future__ import annotations

import math
import os
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate_model import generate

MUNICIPALITIES = 357
SEED = 357
# the targets of issue 16 for this row (each at most), on 2 cores
TARGETS = {"all cores / --jobs 1 (cold)": 0.6, "warm cache / cold": 0.1}


def sizes(seed: int = SEED) -> list[int]:
    """The unit count of each of the 357 models: the capital first, then cities, towns and the rest."""
    rng = random.Random(seed)
    oslo = [rng.randint(4_850, 5_050)]
    cities = [rng.randint(1_200, 2_500) for _ in range(4)]
    towns = [rng.randint(400, 1_200) for _ in range(15)]
    rest = [
        min(400, max(50, round(rng.lognormvariate(math.log(130), 0.5)))) for _ in range(MUNICIPALITIES - 20)
    ]
    return oslo + cities + towns + rest


def write_models(folder: Path, seed: int = SEED) -> Path:
    """Write the 357 models (only the files that changed) and a configuration; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    for index, units in enumerate(sizes(seed)):
        path = folder / f"kommune-{index + 1:03d}.yaml"
        text = generate(units, seed=seed + index)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    config = folder / ".orgmodel.yaml"
    config.write_text("paths: [.]\nruleset: default\n", encoding="utf-8")  # every model is clean: exit 0
    return config


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def measure_national(
    orgmodel: str, folder: Path, measure: Callable[[str, list[str], int, int], Any], runs: int = 3
) -> dict[str, Any]:
    """The three timed commands (``measure(name, command, runs, warmup)`` samples) and their ratios."""
    config = write_models(folder)
    units = sum(sizes())
    print(f"{MUNICIPALITIES} municipal models ({units:,} units):", file=sys.stderr, flush=True)
    check = [orgmodel, "check", "--config", str(config), "--quiet"]
    one = measure("cold -j 1", [*check, "--no-cache", "--jobs", "1"], runs, 0)
    every = measure(f"cold -j {cores()}", [*check, "--no-cache"], runs, 0)
    shutil.rmtree(folder / ".orgmodel_cache", ignore_errors=True)
    warm = measure("warm", check, runs, 1)  # the warm-up run fills the cache
    return {
        "models": MUNICIPALITIES,
        "units": units,
        "cores": cores(),
        "samples": {"cold, --jobs 1": one, f"cold, all {cores()} cores": every, "warm cache": warm},
        "ratios": {
            "all cores / --jobs 1 (cold)": every.median / one.median,
            "warm cache / cold": warm.median / every.median,
            "warm cache / cold --jobs 1": warm.median / one.median,
        },
    }


def print_national(result: dict[str, Any]) -> list[tuple[str, bool]]:
    """The row as a Markdown table, and the targets it met or not."""
    print(
        f"\n| {result['models']} municipal models ({result['units']:,} units) "
        "| best / median wall (peak RSS) | median CPU |"
    )
    print("|---|---:|---:|")
    for label, sample in result["samples"].items():
        shown = f"{sample.best:.2f} / {sample.median:.2f} s ({sample.peak_mib:.0f} MiB)"
        print(f"| {label} | {shown} | {sample.cpu_median:.2f} s |")
    print()
    for label, ratio in result["ratios"].items():
        target = f" (target: <= {TARGETS[label]:g})" if label in TARGETS else ""
        print(f"{label} = {ratio:.2f}{target}")
    return [
        (f"357 models, {label} <= {TARGETS[label]:g}", result["ratios"][label] <= TARGETS[label])
        for label in TARGETS
    ]


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """The row for results.json."""
    samples = {label: sample.summary() for label, sample in result["samples"].items()}
    return {**result, "samples": samples}
