"""docs/stats.md shows real output: each block after a command is lines of that command's output, in order.

A block may leave lines out (``...`` marks the gap in text blocks); every
line it shows must be a line of the real run, after the line before it.
"""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app

DOC = ROOT / "docs" / "stats.md"
BLOCK = re.compile(r"`(orgmodel [^`]+)`[^`]*?:\n\n```[a-z]*\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_an_example_of_each_output() -> None:
    commands = [command for command, _ in _examples()]
    assert commands == [
        "orgmodel stats models/drammen-2020.yaml",
        "orgmodel stats tests/fixtures/stats/buckets.yaml --format markdown",
        "orgmodel stats tests/fixtures/stats/buckets.yaml --format csv",
        "orgmodel export tests/fixtures/stats/buckets.yaml --format graphml",
    ]


@pytest.mark.parametrize(("command", "block"), _examples(), ids=[c for c, _ in _examples()])
def test_each_block_is_lines_of_the_real_output(
    monkeypatch: pytest.MonkeyPatch, command: str, block: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0
    real = result.stdout.splitlines()
    position = 0
    for line in block.splitlines():
        if line.strip() == "...":
            continue
        assert line in real[position:], f"not in the output of {command} (after line {position}): {line!r}"
        position = real.index(line, position) + 1
