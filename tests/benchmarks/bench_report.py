"""What ``make bench`` prints: its Markdown tables, issue 16's figures and the targets met or not.

``Row`` holds one model size's samples (``bench_runs.Sample``): the parse
floor, libyaml's events, yamllint (None when skipped) and ``orgmodel
check``. ``print_sizes`` prints their table, ``print_extra`` the other
commands timed; ``size_targets`` and ``growth`` judge the sizes,
``issue_16_figures`` computes issue 16's figures (from wall and from CPU
medians) and ``figure_targets`` judges them against ``TARGETS_16``;
``print_targets`` prints targets as a Markdown checklist.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench_runs import Sample

# issue 16's figures and their targets (each at most)
TARGETS_16 = {
    "check(10k) / libyaml event parse of the same file": 2.0,
    "peak memory, check(100k), MiB": 300.0,
    "time(100k) / time(10k)": 10.5,
    "diff(10k) / check(10k)": 1.3,
}


@dataclass
class Row:
    """One model size: its file, how many runs each command had, and the samples."""

    size: int
    mb: float
    runs: int
    lint_runs: int
    floor: Sample
    events: Sample
    lint: Sample | None
    check: Sample


def fmt(sample: Sample | None) -> str:
    """'best / median s (peak MiB)'."""
    if sample is None:
        return "n/a"
    return f"{sample.best:.2f} / {sample.median:.2f} s ({sample.peak_mib:.0f} MiB)"


def print_sizes(rows: list[Row]) -> None:
    """The table of the model sizes, and how many runs each command had."""
    print()
    print(
        "| units | file | libyaml events | floor: CSafeLoader load | yamllint -d relaxed | orgmodel check "
        "| check/events | check/floor | yamllint/check |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        check, events, floor, lint = row.check, row.events, row.floor, row.lint
        lint_ratio = f"{lint.median / check.median:.1f}x" if lint else "n/a"
        print(
            f"| {row.size:,} | {row.mb:.1f} MB | {fmt(events)} | {fmt(floor)} | {fmt(lint)} | {fmt(check)} | "
            f"{check.median / events.median:.2f} | {check.median / floor.median:.2f} | {lint_ratio} |"
        )
    print()
    print("Times are best / median wall seconds of fresh processes; memory is the peak RSS of one run.")
    for row in rows:
        lint_runs = f", yamllint {row.lint_runs}" if row.lint else ""
        print(f"{row.size:,} units: {row.runs} runs each" + lint_runs, end="; ")
    print()


def print_extra(extra: dict[str, Sample | None], diff_ratio: float | None) -> None:
    """The table of the other commands timed (None: skipped), and diff(10k) / check(10k) if measured."""
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


def size_targets(rows: list[Row]) -> list[tuple[str, bool]]:
    """From 10k units up: check within 2x of the floor, and 5x faster than yamllint where it ran."""
    targets = []
    for row in rows:
        if row.size >= 10_000:
            check, label = row.check, f"check({row.size // 1000}k)"
            targets.append((f"{label} within 2x of the floor", check.median / row.floor.median <= 2))
            if row.lint:
                targets.append((f"{label} 5x faster than yamllint", row.lint.median / check.median >= 5))
    return targets


def growth(rows: list[Row]) -> tuple[float | None, list[tuple[str, bool]]]:
    """time(100k) / time(10k) of the check medians, printed, and its targets; (None, []) without both."""
    checks = {row.size: row.check for row in rows}
    if 10_000 not in checks or 100_000 not in checks:
        return None, []
    ratio = checks[100_000].median / checks[10_000].median
    print(f"\ntime(100k) / time(10k) = {ratio:.1f} (check medians)")
    return ratio, [
        ("time(100k)/time(10k) at most 12", ratio <= 12),
        ("peak RSS at 100k under 1 GB", checks[100_000].peak_mib * 2**20 < 1e9),
    ]


def issue_16_figures(
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


def print_figures(figures: dict[str, tuple[float, float | None]]) -> None:
    """Issue 16's figures as a Markdown table beside their targets."""
    print("\n| issue 16 figure | this run (wall) | CPU | target |")
    print("|---|---:|---:|---:|")
    for label, (wall, cpu) in figures.items():
        shown = f"{cpu:.2f}" if cpu is not None else ""
        print(f"| {label} | {wall:.2f} | {shown} | <= {TARGETS_16[label]:g} |")


def figure_targets(figures: dict[str, tuple[float, float | None]]) -> list[tuple[str, bool]]:
    """Each figure against its target in ``TARGETS_16``, judged by the wall figure."""
    return [
        (f"{label} <= {TARGETS_16[label]:g} (wall)", wall <= TARGETS_16[label])
        for label, (wall, _cpu) in figures.items()
    ]


def print_targets(targets: list[tuple[str, bool]]) -> None:
    """The targets as a Markdown checklist, met ones ticked."""
    for label, ok in targets:
        print(f"- [{'x' if ok else ' '}] {label}")
