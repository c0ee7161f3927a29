"""Inline suppressions, rulesets with extends, and rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HEADER, ROOT, check_yaml
from orgmodel.engine import is_selected
from orgmodel.ruleset import ConfigError, load_ruleset

SKIP = HEADER + (
    "units:\n"
    "  - {id: r, name: R, level: 1, leader: L, budget: true}\n"
    "  - {id: d, name: D, level: 1, parent: r, leader: L, budget: true}\n"
)


def test_trailing_suppression_on_the_same_line() -> None:
    text = (
        SKIP
        + "  - {id: p, name: P, level: 3, parent: d, leader: L}  # orgmodel: ignore[OM111] pilot, p. 17\n"
    )
    result = check_yaml(text, ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 1


def test_suppression_without_reason_is_reported() -> None:
    text = SKIP + "  # orgmodel: ignore[level-skip]\n  - {id: p, name: P, level: 3, parent: d, leader: L}\n"
    result = check_yaml(text, ["level-skip"])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [(6, 3, "OM090")]


def test_unused_and_unknown_suppressions_are_reported() -> None:
    text = SKIP + (
        "  # orgmodel: ignore[level-skip] no longer needed\n"
        "  - {id: p, name: P, level: 2, parent: d, leader: L}  # orgmodel: ignore[no-such-rule] why\n"
    )
    result = check_yaml(text, ["level-skip"])
    assert [(d.line, d.code) for d in result.diagnostics] == [(6, "OM091"), (7, "OM091")]
    assert "suppresses nothing on line 7" in result.diagnostics[0].message
    assert "'no-such-rule', which is not a rule" in result.diagnostics[1].message


def test_shipped_rulesets_resolve_with_extends() -> None:
    drammen = load_ruleset(ROOT / "rules" / "drammen-2020.yaml")
    assert [Path(p).name for p in drammen.chain] == ["default.yaml", "drammen-2020.yaml"]
    levels = drammen.settings["OM112"]
    assert levels.params == {"max": 5, "count_employees": True}
    assert (
        drammen.settings["OM111"].severity is not None and drammen.settings["OM111"].severity.value == "error"
    )
    assert {r.code for r in drammen.instances()} >= {"OM101", "OM111", "OM112", "OM120"}
    assert load_ruleset("drammen-2020").chain == drammen.chain


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_option_is_a_config_error_with_position(tmp_path: Path) -> None:
    path = write(tmp_path, "orgmodel-ruleset: 1\nrules:\n  max-levels:\n    maks: 5\n")
    with pytest.raises(ConfigError) as caught:
        load_ruleset(path).instances()
    diag = caught.value.diagnostics[0]
    assert (diag.line, diag.col, diag.code) == (4, 5, "OM008")
    assert "has no option 'maks'" in diag.message and diag.hint == "did you mean 'max'?"


def test_mistyped_option_and_unknown_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "orgmodel-ruleset: 1\nrules:\n  max-levels: {max: fem}\n")
    with pytest.raises(ConfigError) as caught:
        load_ruleset(path).instances()
    assert (caught.value.diagnostics[0].line, caught.value.diagnostics[0].col) == (3, 21)
    path = write(tmp_path, "orgmodel-ruleset: 1\nrules:\n  max-level: {max: 5}\n", "u.yaml")
    with pytest.raises(ConfigError) as caught:
        load_ruleset(path)
    assert caught.value.diagnostics[0].hint == "did you mean 'max-levels'?"


def test_extends_cycle_and_missing_base(tmp_path: Path) -> None:
    write(tmp_path, "orgmodel-ruleset: 1\nextends: b.yaml\n", "a.yaml")
    write(tmp_path, "orgmodel-ruleset: 1\nextends: a.yaml\n", "b.yaml")
    with pytest.raises(ConfigError, match="extends itself"):
        load_ruleset(tmp_path / "a.yaml")
    write(tmp_path, "orgmodel-ruleset: 1\nextends: nowhere.yaml\n", "c.yaml")
    with pytest.raises(ConfigError, match="does not exist"):
        load_ruleset(tmp_path / "c.yaml")


def test_severity_off_disables_a_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "orgmodel-ruleset: 1\nextends: default\nrules:\n  level-skip: {severity: off}\n")
    assert "OM111" not in {r.code for r in load_ruleset(path).instances()}


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        ([], [], True),
        (["OM1"], [], True),
        (["OM2"], [], False),
        (["OM1"], ["OM11"], False),
        (["OM111"], ["OM1"], True),
        (["level-skip"], ["OM11"], True),
        ([], ["level-skip"], False),
        (["OM11"], ["OM11"], False),
    ],
)
def test_most_specific_selector_wins(select: list[str], ignore: list[str], expected: bool) -> None:
    assert is_selected("OM111", "level-skip", select, ignore) is expected


def test_a_ruleset_reached_twice_through_extends_is_applied_once(tmp_path: Path) -> None:
    # r0 and s0 both extend r1 and s1, which both extend r2 and s2 ...: 2**40 applications if each
    # base were applied every time it is reached; each file is read and applied once
    levels = 40
    for i in range(levels):
        bases = "default" if i == levels - 1 else f"[r{i + 1}.yaml, s{i + 1}.yaml]"
        for name in (f"r{i}", f"s{i}"):
            (tmp_path / f"{name}.yaml").write_text(
                f"orgmodel-ruleset: 1\nextends: {bases}\n", encoding="utf-8"
            )
    (tmp_path / "top.yaml").write_text(
        "orgmodel-ruleset: 1\nextends: [r0.yaml, s0.yaml]\nrules:\n  max-levels: {max: 4}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="extends more than 64 ruleset files"):
        load_ruleset(tmp_path / "top.yaml")
    (tmp_path / "r20.yaml").write_text("orgmodel-ruleset: 1\nextends: default\n", encoding="utf-8")
    (tmp_path / "s20.yaml").write_text("orgmodel-ruleset: 1\nextends: default\n", encoding="utf-8")
    ruleset = load_ruleset(tmp_path / "top.yaml")  # 42 files and the shipped default, each once
    assert len(ruleset.chain) == 44 and len(set(ruleset.chain)) == 44
    assert ruleset.settings["OM112"].params["max"] == 4
