"""The progress bar: drawn on a terminal only, never into a pipe, a CI log or a quiet run."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import orgmodel
from conftest import FIXTURES
from orgmodel.cli import app
from orgmodel.progress import BIG_MODEL_BYTES, FILES, bar, big

SMALL = FIXTURES / "models" / "small.yaml"


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100), out


@pytest.fixture(autouse=True)
def not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def test_a_terminal_shows_the_bar_with_its_description_and_count() -> None:
    console, out = _terminal()
    with bar("Checking models", total=3, console=console) as ticker:
        for _ in range(3):
            ticker.advance()
    shown = out.getvalue()
    assert "Checking models" in shown
    assert "3/3" in shown
    assert "\x1b[" in shown  # drawn with terminal control codes, then cleared (transient)


def test_a_step_names_what_comes_next() -> None:
    console, out = _terminal()
    with bar("Checking the model", total=2, console=console) as ticker:
        ticker.advance("Drawing the chart")
        ticker.advance()
    assert "Drawing the chart" in out.getvalue()


def test_nothing_is_printed_when_the_stream_is_not_a_terminal() -> None:
    out = io.StringIO()
    with bar("Checking models", total=3, console=Console(file=out)) as ticker:
        for _ in range(3):
            ticker.advance()
    assert out.getvalue() == ""


@pytest.mark.parametrize("why", ["ci", "quiet", "few"])
def test_nothing_is_printed_in_ci_when_quiet_or_for_a_short_run(
    why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if why == "ci":
        monkeypatch.setenv("CI", "true")
    console, out = _terminal()
    with bar("Checking models", console=console, quiet=why == "quiet", minimum=FILES) as ticker:
        count = FILES - 1 if why == "few" else FILES
        ticker.start(count)
        for _ in range(count):
            ticker.advance()
    assert out.getvalue() == ""


class Recorder:
    def __init__(self) -> None:
        self.calls: list[object] = []

    def start(self, total: int) -> None:
        self.calls.append(("start", total))

    def advance(self, description: str | None = None) -> None:
        self.calls.append("advance")


def test_check_tells_the_ticker_each_model_file(tmp_path: Path) -> None:
    for i in range(6):
        shutil.copy(SMALL, tmp_path / f"m{i}.yaml")
    recorder = Recorder()
    report = orgmodel.check_paths([tmp_path], ruleset="default", ticker=recorder)
    assert len(report.files) == 6
    assert recorder.calls == [("start", 6)] + ["advance"] * 6


def test_check_of_many_files_through_a_pipe_prints_no_bar(tmp_path: Path) -> None:
    for i in range(FILES + 1):
        shutil.copy(SMALL, tmp_path / f"m{i}.yaml")
    result = CliRunner().invoke(app, ["check", "--ruleset", "default", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == f"✓ 0 errors, 0 warnings in {FILES + 1} files ({5 * (FILES + 1)} units checked)\n"


def test_only_a_big_model_file_asks_for_a_bar(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * BIG_MODEL_BYTES)
    assert big([SMALL, huge]) is True
    assert big([SMALL, tmp_path / "missing.yaml", "HEAD:models/x.yaml"]) is False
