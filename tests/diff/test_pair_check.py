"""orgmodel diff checks OLD in a forked process while it checks NEW: the output of one after the other."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.diff import pair_check
from orgmodel.diff.pair_check import check_both
from orgmodel.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

from generate_model import generate  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "diff"
can_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork, 2 cores"
)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The forks made (counted in this process), with every diff forking whatever its size."""
    made: list[int] = []
    real = os.fork

    def fork() -> int:
        made.append(1)
        return real()

    monkeypatch.setattr(pair_check.os, "fork", fork)
    return made


def _diff(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


@pytest.fixture
def generated(tmp_path: Path) -> tuple[str, str]:
    text = generate(300, seed=3)
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(
        text.replace("staff: 1", "staff: 2", 20).replace("level: 5", "level: 4", 3), encoding="utf-8"
    )
    return str(old), str(new)


@can_fork
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_the_forked_diff_prints_what_the_sequential_one_prints(
    fmt: str, generated: tuple[str, str], forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for old, new in (generated, (str(FIXTURES / "old.yaml"), str(FIXTURES / "new.yaml"))):
        args = (old, new, "--ruleset", "default", "--format", fmt)
        monkeypatch.setattr(pair_check, "FORK_FROM", 10**12)
        sequential = _diff(*args)
        assert forks == []
        monkeypatch.setattr(pair_check, "FORK_FROM", 0)
        assert _diff(*args) == sequential
        assert forks == [1]
        assert sequential[0] in (0, 1) and sequential[1].strip()
        forks.clear()


def _silent(reading: int, writing: int, work: Any) -> None:  # pragma: no cover - in the child
    """A child that sends nothing."""
    os._exit(1)


def _cut_short(reading: int, writing: int, work: Any) -> None:  # pragma: no cover - in the child
    """A child that sends half its answer: the parent unpickles as it reads, so this is an error there."""
    sent = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
    os.write(writing, sent[: len(sent) // 2])
    os._exit(1)


@can_fork
@pytest.mark.parametrize("child", [_silent, _cut_short], ids=["sends nothing", "answer cut short"])
def test_a_child_that_fails_means_old_is_checked_here(
    child: Any, generated: tuple[str, str], forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = load_ruleset("default").instances()
    old, new = ((path, Path(path).read_bytes(), None) for path in generated)
    sequential = check_both(old, new, rules, (), fork_from=10**12)
    monkeypatch.setattr(pair_check, "_child", child)
    before, after = check_both(old, new, rules, (), fork_from=0)
    assert forks == [1]
    assert before.path == sequential[0].path and after.path == sequential[1].path
    assert before.diagnostics == sequential[0].diagnostics
    assert after.diagnostics == sequential[1].diagnostics
    assert len(before.model.units) == len(sequential[0].model.units) == 300  # type: ignore[union-attr]


def test_small_models_are_checked_one_after_the_other(forks: list[int]) -> None:
    code, _ = _diff(str(FIXTURES / "old.yaml"), str(FIXTURES / "new.yaml"), "--ruleset", "default")
    assert code in (0, 1)
    assert forks == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_the_answer_pipe_is_widened_to_one_mebibyte() -> None:
    import fcntl

    reading, writing = os.pipe()
    try:
        before = fcntl.fcntl(writing, fcntl.F_GETPIPE_SZ)
        pair_check._widen(writing)
        assert before < pair_check.PIPE_BUFFER == fcntl.fcntl(writing, fcntl.F_GETPIPE_SZ)
    finally:
        os.close(reading)
        os.close(writing)
