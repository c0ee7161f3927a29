"""A finding of units merged (or of a unit split) that the unit(s) they became still have.

Tour J: Konnerud (span 80) and Strømsø/Tangen (span 90), both over the maximum of 60, merged into one
unit of span 170. Strømsø's finding read "resolved" and the merged unit's "changed (was 80)": the
summary said "0 new, 2 resolved" of a proposal that made the principle worse.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.diff.findings import finding_changes, finding_delta

HEAD = """\
orgmodel: 1
kommune: Eksempel
kommunedeler:
  - {id: kd5, number: 5, name: Konnerud}
  - {id: kd7, number: 7, name: Strømsø/Tangen}
units:
  - {id: radmann, name: Rådmannens lederteam, level: 1, leader: Rådmann, budget: true}
  - {id: dir-omsorg, name: Omsorg, level: 1, parent: radmann, leader: Direktør, budget: true}
  - {id: ks-hjemme, name: Hjemmetjenester, level: 2, parent: dir-omsorg, leader: Kommunalsjef, budget: true}
  - {id: ks-helse, name: Helsetjenester, level: 2, parent: dir-omsorg, leader: Kommunalsjef, budget: true}
"""
TWO = (
    HEAD
    + """\
  - {id: oms-konnerud, name: Omsorgstjenester Konnerud, kind: virksomhet, level: 3, parent: ks-hjemme,
     leader: Virksomhetsleder, staff: 80, budget: true, kommunedeler: [kd5]}
  - {id: oms-stromso, name: Omsorgstjenester Strømsø/Tangen, kind: virksomhet, level: 3, parent: ks-hjemme,
     leader: Virksomhetsleder, staff: 90, budget: true, kommunedeler: [kd7]}
"""
)
ONE = (
    HEAD
    + """\
  - {id: oms-konnerud-stromso, name: Omsorgstjenester Konnerud og Strømsø/Tangen, kind: virksomhet, level: 3,
     parent: ks-hjemme, leader: Virksomhetsleder, staff: 170, budget: true, kommunedeler: [kd5, kd7]}
"""
)


def _files(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")


def _diff(tmp_path: Path, old: str, new: str, *args: str) -> tuple[int, str]:
    paths = _files(tmp_path, old, new)
    out = CliRunner().invoke(app, ["diff", *paths, "--ruleset", "default", *args])
    return out.exit_code, out.stdout


def test_a_merger_carries_both_sources_findings_into_the_merged_unit(tmp_path: Path) -> None:
    code, text = _diff(tmp_path, TWO, ONE, "--fail-on-new", "error")
    assert "merged into 'Omsorgstjenester Konnerud og Strømsø/Tangen'" in text
    assert "0 new findings, 0 resolved, 1 changed, " in text
    assert "resolved error" not in text
    line = next(x for x in text.splitlines() if "finding-changed:OM120" in x)
    assert "span of control of 170" in line
    assert (
        "(it held in 'Omsorgstjenester Konnerud' (oms-konnerud) and 'Omsorgstjenester Strømsø/Tangen' "
        "(oms-stromso) before the merger: was 80 and 90)" in line
    )
    assert line.endswith("[finding-changed:OM120:oms-konnerud-stromso:max]")
    assert code == 0  # the breach continues (worse): not new, so the gate on new findings passes


def test_the_json_lists_the_carried_finding_with_both_sources(tmp_path: Path) -> None:
    _, out = _diff(tmp_path, TWO, ONE, "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    assert findings["resolved"] == [] and findings["new"] == [] and findings["changed"] == []
    (carried,) = findings["carried"]
    assert [d["unit"] for d in carried["before"]] == ["oms-konnerud", "oms-stromso"]
    assert carried["after"]["unit"] == "oms-konnerud-stromso" and carried["merged"] is True
    (change,) = [c for c in json.loads(out)["files"][0]["changes"] if c["kind"] == "finding-changed"]
    assert change["before"]["units"] == ["oms-konnerud", "oms-stromso"]


def test_a_split_carries_the_finding_into_each_part_that_still_breaches(tmp_path: Path) -> None:
    code, text = _diff(tmp_path, ONE, TWO, "--fail-on-new", "warning")
    assert "split into" in text
    assert "0 new findings, 0 resolved, 2 changed, " in text
    carried = [x for x in text.splitlines() if "before the split" in x]
    assert len(carried) == 2
    assert all(
        "(it held in 'Omsorgstjenester Konnerud og Strømsø/Tangen' (oms-konnerud-stromso) before the split: "
        "was 170)" in x
        for x in carried
    )
    assert code == 0


def _d(unit: str, message: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic("m.yaml", 1, 1, "OM120", "span", severity, message, unit=unit, key="max")


def test_a_merger_of_two_warnings_into_an_error_rises_to_the_gate() -> None:
    old = [_d("a", "span 35", Severity.WARNING), _d("b", "span 36", Severity.WARNING)]
    delta = finding_delta(old, [_d("ab", "span 71")], regrouped={"a": ("ab",), "b": ("ab",)})
    assert not delta.new and not delta.resolved and len(delta.carried) == 1
    (change,) = finding_changes(delta)
    assert change.message.startswith("changed warning -> error: OM120 span: span 71 (it held in 'a' and 'b'")
    assert change.before["severity"] == "warning" and change.after["severity"] == "error"


def test_a_merger_whose_merged_unit_meets_the_principle_resolves_both() -> None:
    delta = finding_delta(
        [_d("a", "span 80"), _d("b", "span 90")], [], regrouped={"a": ("ab",), "b": ("ab",)}
    )
    assert len(delta.resolved) == 2 and not delta.carried


def test_the_same_numbers_under_the_merged_name_are_unchanged() -> None:
    old = [_d("a", "'A' (a) has no budget: 3 units"), _d("b", "'B' (b) has no budget: 3 units")]
    new = [_d("ab", "'A og B' (ab) has no budget: 3 units")]
    delta = finding_delta(old, new, regrouped={"a": ("ab",), "b": ("ab",)})
    assert len(delta.unchanged) == 1 and not delta.carried and not delta.resolved and not delta.new
