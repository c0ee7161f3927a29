"""Custom rules on the positions that represent a side (``represents``), and on a project's working group."""

from __future__ import annotations

from pathlib import Path

from .helpers import config_errors, findings, model, write_ruleset

POSITIONS = """\
positions:
  - {id: htv, title: Hovedtillitsvalgt, unit: top, represents: employees, fte: 0.2}
  - {id: hvo, title: Hovedverneombud, unit: top, represents: safety, fte: 0.2}
  - {id: fa, title: Fagansvarlig, unit: top, fte: 1}
"""
TEXT = model("- {id: top, name: Rådmann, level: 1, leader: Rådmann}\n", POSITIONS)


def rule(where: str, require: str) -> str:
    head = "custom:\n  - {code: ABC1, name: p, summary: s, of: positions, "
    return head + f"where: {where}, require: [{require}]}}\n"


def test_a_rule_selects_the_positions_that_represent_a_side(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, rule("{represents: employees}", "fte >= 0.5"))
    line = TEXT.splitlines().index(POSITIONS.splitlines()[1]) + 1
    assert findings(path, TEXT) == [(line, POSITIONS.splitlines()[1].index("0.2") + 1, "ABC1", "htv")]


def test_a_rule_compares_whom_a_position_represents(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, rule("{title: 'Hoved*'}", "represents == employees"))
    assert [unit for *_at, unit in findings(path, TEXT)] == ["hvo"]


def test_a_side_misspelt_is_a_configuration_error_with_the_side_meant(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, rule("{represents: tillitsvalgte}", "fte >= 0.5"))
    [(_line, _col, message, hint)] = config_errors(path)
    assert message.endswith("'tillitsvalgte' is not a value of represents (employer, employees, safety)")
    assert hint == "did you mean 'employees'?"
