"""The README shows real output: every block marked ``readme-run`` is what the command prints now."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"<!-- readme-run: orgmodel (.+?) -->\n```text\n\$ orgmodel \1\n(.*?)```", README, re.S)


def test_the_readme_has_checked_blocks() -> None:
    assert len(BLOCKS) >= 5
    assert README.count("readme-run:") == len(BLOCKS), "a readme-run marker is not followed by its block"


@pytest.mark.parametrize(("command", "shown"), BLOCKS, ids=[b[0][:50] for b in BLOCKS])
def test_readme_output_is_real(command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.stdout == shown
