"""docs/custom-rules.md shows real output: every ``console`` block is what the command prints now."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app

DOC = (ROOT / "docs" / "custom-rules.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n\$ orgmodel (.+?)\n(.*?)```", DOC, re.S)
EXAMPLE = ROOT / "docs" / "examples" / "oppvekst-custom.yaml"
# the ruleset of the FAILED example: a pass example whose school has 3 staff
FAILING = """orgmodel-ruleset: 1
extends: default
custom:
  - code: ABC1
    name: robust
    summary: Every virksomhet has at least 8 people.
    where: {kind: virksomhet}
    require: [people >= 8]
    examples:
      pass:
        - |
          units:
            - {id: top, name: Top, level: 1}
            - {id: a, name: A, kind: virksomhet, level: 2, parent: top, staff: 3}
      fail:
        - model: |
            units:
              - {id: top, name: Top, level: 1}
              - {id: a, name: A, kind: virksomhet, level: 2, parent: top, staff: 2}
          line: 3
"""


def test_the_page_has_its_blocks() -> None:
    assert len(BLOCKS) == DOC.count("```console") == 5


@pytest.mark.parametrize(("command", "shown"), BLOCKS, ids=[b[0][:60] for b in BLOCKS])
def test_the_output_shown_is_real(
    command: str, shown: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    if "r.yaml" in command or "oppvekst-feil.yaml" in command:
        (tmp_path / "r.yaml").write_text(FAILING, encoding="utf-8")
        broken = EXAMPLE.read_text(encoding="utf-8").replace("people >= 8", "peple >= 8")
        broken = broken.replace("under: dir-utdanning", "undr: dir-utdanning")
        (tmp_path / "oppvekst-feil.yaml").write_text(broken, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.stdout + result.stderr == shown
