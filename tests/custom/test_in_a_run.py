"""Custom rules in a run like built-ins: select/ignore, suppressions by code and name, diff, the example."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from orgmodel.api import check_text, compare, list_rules
from orgmodel.ruleset import ConfigError

from .helpers import model, write_ruleset

EXAMPLE = ROOT / "docs" / "examples" / "oppvekst-custom.yaml"
BODY = """
custom:
  - code: ABC1
    name: robust
    summary: Every virksomhet has at least 8 people.
    where: {kind: virksomhet}
    require: [people >= 8]
"""
NAME = "'Grunnskole 04 (navn ikke angitt i rapporten)' (virk-skole-04)"
UNITS = """
- {id: top, name: Top, level: 1, staff: 2}
- {id: a, name: A, kind: virksomhet, level: 2, parent: top, staff: 3}
- {id: b, name: B, kind: virksomhet, level: 2, parent: top, staff: 30}
"""


def codes(ruleset: Path, text: str, **options: list[str]) -> list[tuple[int, str]]:
    checked = check_text(text, name="m.yaml", ruleset=ruleset, **options)  # type: ignore[arg-type]
    return [(d.line, d.code) for d in checked.diagnostics if d.code in ("ABC1", "OM091", "OM090")]


def test_select_and_ignore_by_code_prefix_and_name(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, BODY)
    text = model(UNITS)
    assert codes(path, text, select=["ABC"]) == [(5, "ABC1")]
    assert codes(path, text, select=["robust"]) == [(5, "ABC1")]
    assert codes(path, text, ignore=["ABC1"]) == []
    with pytest.raises(ConfigError, match="'ABC2' matches no rule code, prefix or name"):
        check_text(text, ruleset=path, select=["ABC2"])


def test_suppressions_name_a_custom_rule_by_code_or_name(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, BODY)
    by_name = model(
        UNITS.replace("- {id: a,", "# orgmodel: ignore[robust] merged next year (vedtak 12/2020)\n- {id: a,")
    )
    assert codes(path, by_name) == []
    by_code = model(UNITS.replace("staff: 3}", "staff: 3}  # orgmodel: ignore[ABC1] merged next year"))
    assert codes(path, by_code) == []
    stale = model(UNITS.replace("staff: 30}", "staff: 30}  # orgmodel: ignore[ABC1] no longer needed"))
    checked = check_text(stale, name="m.yaml", ruleset=path)
    unused = [(d.line, d.message) for d in checked.diagnostics if d.code == "OM091"]
    assert unused == [(6, "the suppression of ABC1 suppresses nothing on line 6 (unit b): remove it")]


def test_a_custom_rule_turned_off_keeps_its_suppressions_quiet(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, BODY + "rules:\n  robust: {severity: off}\n")
    text = model(UNITS.replace("staff: 30}", "staff: 30}  # orgmodel: ignore[ABC1] for when it runs"))
    assert codes(path, text) == []


def test_list_rules_knows_the_custom_rules_of_a_ruleset(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, BODY.replace("robust\n", "robust\n    severity: info\n"))
    info = [r for r in list_rules(path) if r.code == "ABC1"]
    assert [(r.name, r.severity.value, r.summary, r.kind) for r in info] == [
        ("robust", "info", "Every virksomhet has at least 8 people.", "rule")
    ]
    assert not [r for r in list_rules() if r.code == "ABC1"]  # not registered globally


def test_diff_reports_a_custom_finding_that_appears(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, BODY)
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(model(UNITS.replace("staff: 3}", "staff: 9}")), encoding="utf-8")
    new.write_text(model(UNITS), encoding="utf-8")
    report = compare(old, new, ruleset=path)
    [pair] = report.files
    assert pair.result is not None and pair.result.findings is not None
    delta = pair.result.findings
    assert [(d.code, d.unit, d.key) for d in delta.new if d.code == "ABC1"] == [("ABC1", "a", "people>=")]
    assert [d for d in delta.resolved if d.code == "ABC1"] == []


def test_the_shipped_example_finds_a_planted_defect_at_the_units_line() -> None:
    source = (ROOT / "models" / "drammen-2020.yaml").read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "id: virk-skole-04," in text)
    school = source.splitlines()[line - 1]
    planted = source.replace(
        school, school.replace("role: provider}", "role: provider, staff: 4, budget: false}")
    )
    assert planted != source
    checked = check_text(planted, name="drammen.yaml", ruleset=EXAMPLE, select=["OPP"])
    text = planted.splitlines()[line - 1]
    assert [(d.line, d.col, d.code, d.key, d.message) for d in checked.diagnostics] == [
        (
            line,
            text.index("virk-skole-04") + 1,
            "OPP001",
            "people>=",
            f"{NAME} breaks 'people >= 8': people is 5",
        ),
        (
            line,
            text.index("false") + 1,
            "OPP001",
            "budget==",
            f"{NAME} breaks 'budget == true': budget is false",
        ),
    ]
    clean = check_text(source, name="drammen.yaml", ruleset=EXAMPLE, select=["OPP"])
    assert clean.diagnostics == []  # the adopted design, which states no budget or staff there, passes
