"""check --jobs: many files on several processes give the output of one process, byte for byte."""

from __future__ import annotations

import os
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel import engine, parallel
from orgmodel.api import check_paths
from orgmodel.cli import app
from orgmodel.formatters import formats_for


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of 17 model files: the shipped ones, clean, with findings, broken YAML, a cycle."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "models"
    folder.mkdir()
    for source in [*sorted((ROOT / "models").glob("*.yaml")), FIXTURES / "models" / "small.yaml"]:
        shutil.copy(source, folder / source.name)
    for source in sorted((FIXTURES / "invalid").glob("*.yaml")):
        shutil.copy(source, folder / f"invalid-{source.name}")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", formats_for("check"))
def test_parallel_output_is_the_sequential_output_byte_for_byte(models: Path, output_format: str) -> None:
    sequential = run("check", "models", "--jobs", "1", "--format", output_format)
    assert sequential[0] == 1
    assert run("check", "models", "--jobs", "2", "--format", output_format) == sequential


def test_the_statistics_and_the_summary_are_the_same_too(models: Path) -> None:
    sequential = run("check", "models", "-j", "1", "--statistics")
    assert run("check", "models", "-j", "3", "--statistics") == sequential
    assert run("check", "models", "-j", "5", "--quiet") == run("check", "models", "-j", "1", "--quiet")
    code, out, _err = run("check", "models", "-j", "2")
    assert code == 1
    # the Drammen before model's OM212 findings are one per deciding unit (2, not 5), and they name Per,
    # so OM220 adds nothing for him: 14 errors, not 18
    assert out.splitlines()[-1] == (
        "✗ 14 errors, 0 warnings, 5 info in 17 files "
        "(376 units checked; the rules did not run on 8 files, 3 suppressed with a reason)"
    )


def test_the_report_holds_the_same_models_in_the_same_order(models: Path) -> None:
    one = check_paths(["models"], jobs=1)
    two = check_paths(["models"], jobs=2)
    assert [f.path for f in two.files] == [f.path for f in one.files]
    assert two.diagnostics == one.diagnostics
    assert [f.model is None for f in two.files] == [f.model is None for f in one.files]
    drammen = next(f for f in two.files if f.path.endswith("drammen-2020.yaml"))
    same = next(f for f in one.files if f.path == drammen.path)
    assert drammen.graph.depth == same.graph.depth
    assert len(drammen.graph.depth) == 154


def test_jobs_zero_is_a_usage_error(models: Path) -> None:
    code, out, err = run("check", "models", "--jobs", "0")
    assert code == 2
    assert out == ""
    assert err.endswith("Invalid value for '--jobs' / '-j': the value must be at least 1\n")


def test_the_configuration_sets_jobs_and_refuses_zero(models: Path) -> None:
    Path(".orgmodel.yaml").write_text("paths: [models]\njobs: 2\n", encoding="utf-8")
    assert run("check") == run("check", "--jobs", "1")
    Path(".orgmodel.yaml").write_text("paths: [models]\njobs: 0\n", encoding="utf-8")
    code, out, err = run("check")
    assert (code, out) == (2, "")
    assert err.startswith(
        ".orgmodel.yaml:2:7: OM008 config [error] jobs: expected a number at least 1, got the number 0\n"
    )


def test_the_ticker_hears_of_each_file_once_in_parallel(models: Path) -> None:
    class Counting:
        def __init__(self) -> None:
            self.total, self.advanced = -1, 0

        def start(self, total: int) -> None:
            self.total = total

        def advance(self, description: str | None = None) -> None:
            self.advanced += 1

    ticker = Counting()
    check_paths(["models"], jobs=2, ticker=ticker)
    assert (ticker.total, ticker.advanced) == (17, 17)


def test_few_files_or_one_job_stay_in_this_process() -> None:
    assert parallel.workers_for(3, 8) == 1
    assert parallel.workers_for(100, 1) == 1
    assert parallel.workers_for(4, 8) == 4
    assert parallel.workers_for(100, 3) == 3
    assert parallel.workers_for(100, None) == parallel.default_jobs()
    assert parallel.default_jobs() == len(os.sched_getaffinity(0))


def _pid_of(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_results_come_back_in_the_items_order_from_worker_processes() -> None:
    steps: list[str] = []
    results = parallel.run_in_order(
        _pid_of, list(range(20)), 2, lambda: steps.append("begin"), lambda: steps.append("done")
    )
    assert [square for square, _pid in results] == [i * i for i in range(20)]
    assert os.getpid() not in {pid for _square, pid in results}
    assert steps == ["begin"] + ["done"] * 20


def _fails_on_three(item: int) -> int:
    if item == 3:
        raise ValueError("three")
    return item


def test_an_exception_in_a_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="three"):
        parallel.run_in_order(_fails_on_three, list(range(8)), 2)


def _dies_on_three(item: int) -> int:
    if item == 3:
        os._exit(9)  # killed, out of memory: the worker is gone without an answer
    return item


def test_a_worker_that_dies_breaks_the_run_instead_of_hanging() -> None:
    with pytest.raises(BrokenProcessPool):
        parallel.run_in_order(_dies_on_three, list(range(8)), 2)


def test_batches_keep_the_order_and_shrink_towards_the_end() -> None:
    weights = [50, 30, 20, 10, 10, 5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1]
    items = list(range(len(weights)))
    batches = parallel.batches(items, weights, 2)
    assert [item for batch in batches for item in batch] == items
    assert batches[0] == [0]  # a heavy item alone
    sizes = [sum(weights[i] for i in batch) for batch in batches]
    assert all(
        size <= max(weights[batch[0]], (sum(weights[batch[0] :]) // 8))
        for batch, size in zip(batches, sizes, strict=True)
    )
    assert sizes[-1] <= 2
    assert parallel.batches(items, [1] * len(items), 2)[0] == [0, 1]  # equal items: a quarter of a share


def test_items_in_batches_come_back_in_order() -> None:
    results = parallel.run_in_order(_pid_of, list(range(30)), 2, weights=[30 - i for i in range(30)])
    assert [square for square, _pid in results] == [i * i for i in range(30)]


def test_the_configuration_starts_no_more_processes_than_cores(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a pull request's .orgmodel.yaml with jobs: 1000 (992 processes, 6.7 GB): the cores, at most
    Path(".orgmodel.yaml").write_text("paths: [models]\njobs: 1000\n", encoding="utf-8")
    asked: list[int | None] = []
    real = engine._check_mains

    def spy(*args: object) -> object:
        asked.append(args[6])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_check_mains", spy)
    from orgmodel.config import find_config, load_config

    check_paths(["models"], config=load_config(find_config()), cache=None)
    assert asked == [parallel.default_jobs()]


def test_models_with_parts_checked_in_workers_are_not_checked_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tour G: a directory of split models ran slower on 2 cores than on 1, because this process
    loaded every worker's model again to see whether the parts the scan named were listed."""
    from split_model import split_model

    for copy in range(4):
        split_model(ROOT / "models" / "drammen-2020.yaml", tmp_path / f"kommune-{copy}")
    sequential = check_paths([str(tmp_path)], jobs=1)
    calls: list[str] = []
    real = engine.check_bytes
    monkeypatch.setattr(
        engine, "check_bytes", lambda name, *a, **k: calls.append(name) or real(name, *a, **k)
    )
    real_file = engine.check_file
    monkeypatch.setattr(
        engine, "check_file", lambda name, *a, **k: calls.append(str(name)) or real_file(name, *a, **k)
    )
    two = check_paths([str(tmp_path)], jobs=2)
    assert calls == []  # every model was checked in a worker (their calls are theirs)
    assert [f.path for f in two.files] == [f.path for f in sequential.files]
    assert two.diagnostics == sequential.diagnostics
