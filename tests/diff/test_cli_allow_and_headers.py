"""--allow that matches nothing, header counts of added and removed files, the git driver's fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "diff"
OLD, NEW = str(FIXTURES / "old.yaml"), str(FIXTURES / "new.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_allow_of_a_misspelt_id_is_a_usage_error_with_did_you_mean() -> None:
    code, out, err = run(OLD, NEW, "--allow", "unit-added:inkjop")
    assert (code, out) == (2, "")
    assert " ".join(err.split()) == (
        "orgmodel: --allow 'unit-added:inkjop' matches no change in this diff; "
        "did you mean 'unit-added:innkjop'?"
    )


def test_allow_guess_prefers_the_same_kind_and_rule() -> None:
    """Tour F finding 15: an OM230 id cut short was offered the OM150 finding of the same unit."""
    from orgmodel.diff.run import allow_guess

    co_location = (
        "finding-new:OM230:virk-oms-konnerud:fysio- og ergoterapeuter sammen med omsorgstjenestene "
        "(p. 25, 27)"
    )
    known = {"finding-new:OM150:virk-oms-konnerud", co_location, "unit-added:virk-oms-konnerud-2"}
    assert allow_guess("finding-new:OM230:virk-oms-konnerud:fysio", known) == co_location
    assert allow_guess("finding-new:OM150:virk-oms-konerud", known) == "finding-new:OM150:virk-oms-konnerud"
    assert allow_guess("unit-added:virk-oms-konnerud", known) == "unit-added:virk-oms-konnerud-2"


def test_allow_of_an_id_like_no_change_says_where_ids_are_shown() -> None:
    code, _, err = run(OLD, NEW, "--allow", "unit-added:innkjop", "--allow", "nosuch:thing")
    assert code == 2
    assert " ".join(err.split()) == (
        "orgmodel: --allow 'nosuch:thing' matches no change in this diff "
        "(each change shows its id in brackets; --format json lists them)"
    )


def test_allow_that_matches_is_accepted_and_config_allow_may_be_unused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".orgmodel.yaml").write_text("allow: [unit-added:not-in-this-diff]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(OLD, NEW, "--allow", "unit-added:innkjop")
    assert code == 0
    assert "[unit-added:innkjop] (allowed)" in out


def test_a_side_that_does_not_load_reports_its_errors_not_the_allow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgmodel: 1\nkommune: X\nunits: [{id: a, name: A, level: one}]\n", encoding="utf-8")
    code, out, err = run(OLD, str(bad), "--allow", "unit-added:innkjop")
    assert code == 2
    assert "expected a whole number" in out and "--allow" not in err


def test_header_counts_of_an_added_and_a_removed_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    other = Path(OLD).read_bytes().replace(b'"9999"', b'"9998"')  # another kommune: no rename
    (tmp_path / "a" / "gone.yaml").write_bytes(other)
    (tmp_path / "b" / "new.yaml").write_bytes(Path(NEW).read_bytes())
    code, out, _ = run(str(tmp_path / "a"), str(tmp_path / "b"))
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("orgmodel diff ")]
    assert heads == [
        f"orgmodel diff {tmp_path / 'a' / 'gone.yaml'} -> (none)  (18 -> 0 units)",
        f"orgmodel diff (none) -> {tmp_path / 'b' / 'new.yaml'}  (0 -> 17 units)",
    ]
    data = json.loads(run(str(tmp_path / "a"), str(tmp_path / "b"), "--format", "json")[1])
    assert [(f["units_before"], f["units_after"]) for f in data["files"]] == [(18, None), (None, 17)]
    markdown = run(str(tmp_path / "a"), str(tmp_path / "b"), "--format", "markdown")[1]
    assert "| **Units** | 18 → 0 |" in markdown and "| **Units** | 0 → 17 |" in markdown


def test_the_git_driver_says_why_it_falls_back_to_a_text_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_text("orgmodel-ruleset: 1\nrules: {}\n", encoding="utf-8")
    new.write_text("orgmodel-ruleset: 1\nrules: {level-skip: {severity: error}}\n", encoding="utf-8")
    code, out, err = run("rules/x.yaml", str(old), "0" * 40, "100644", str(new), "1" * 40, "100644")
    assert code == 0
    assert out.startswith("--- a/rules/x.yaml\n+++ b/rules/x.yaml\n")
    assert " ".join(err.split()) == (
        "orgmodel: rules/x.yaml is not a model orgmodel can compare (OM006 at line 1, column 1: "
        "not an orgmodel file: it starts with 'orgmodel-ruleset:', so it is a ruleset, not a model), "
        "so git shows a text diff"
    )
