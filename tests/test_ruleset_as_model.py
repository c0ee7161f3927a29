"""`orgmodel check` of a ruleset file says it is a ruleset and how to use it (OM006 with a hint)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from orgmodel.cli import app


def test_a_ruleset_checked_as_a_model_gets_a_hint(tmp_path: Path) -> None:
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules: {}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(ruleset), "--format", "json"])
    assert result.exit_code == 1
    (diag,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert (diag["line"], diag["col"], diag["code"]) == (1, 1, "OM006")
    assert diag["message"] == (
        "not an orgmodel file: it starts with 'orgmodel-ruleset:', so it is a ruleset, not a model"
    )
    assert diag["hint"] == f"check a model with this ruleset: orgmodel check MODEL --ruleset {ruleset}"


def test_a_file_with_neither_key_keeps_the_plain_message(tmp_path: Path) -> None:
    other = tmp_path / "x.yaml"
    other.write_text("rules: {}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(other), "--format", "json"])
    (diag,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert diag["message"] == "not an orgmodel file: the key 'orgmodel: 1' (the format version) is missing"
    assert diag["hint"] is None
