"""``orgmodel fmt`` on a model split across files: the main file is validated with its parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from split_model import split_model
from test_parts import MAIN, OMSORG, SKOLE, write
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app
from orgmodel.fmt import format_paths


def test_a_main_file_whose_units_report_into_its_parts_is_formatted_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swapped = (
        "part_of: ../kommune.yaml\norgmodel-part: 1\n" + SKOLE.split("\n", 2)[2]
    )  # keys in the other order
    write(tmp_path, {"kommune.yaml": MAIN, "omsorg.yaml": OMSORG, "skole/skole.yaml": swapped})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["fmt", "--check", "."])
    assert result.exit_code == 1
    assert sorted(result.output.splitlines()) == [
        "2 files would be reformatted, 1 file already formatted",
        "would reformat kommune.yaml",  # 'parts:' goes before the lists
        "would reformat skole/skole.yaml",  # 'orgmodel-part' goes first
    ]
    result = CliRunner().invoke(app, ["fmt", "."])
    assert result.exit_code == 0
    assert (tmp_path / "skole" / "skole.yaml").read_text(encoding="utf-8") == SKOLE
    assert (tmp_path / "kommune.yaml").read_text(encoding="utf-8").splitlines()[2] == (
        "parts: [omsorg.yaml, skole/skole.yaml]"
    )


def test_the_split_shipped_models_are_formatted_file_by_file(tmp_path: Path) -> None:
    for model in ("drammen-2020.yaml", "drammen-2020-before.yaml"):
        main, parts = split_model(ROOT / "models" / model, tmp_path / model)
        run = format_paths([tmp_path / model])
        assert sorted(f.path for f in run.files) == sorted(str(p) for p in [main, *parts])
        assert [(f.path, f.problem) for f in run.files if f.problem is not None] == []
        assert run.skipped == []
