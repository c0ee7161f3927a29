"""Ruleset mistakes at their position in the ruleset file: contradicting limits, every error at once,
and the mistakes a rule can only see against a model (categories, co-location selectors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel.cli import app
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.engine import check_file
from orgmodel.ruleset import ConfigError, load_ruleset

SMALL = FIXTURES / "models" / "small.yaml"
SPAN_HINT = "a value the ruleset does not set keeps its default ('orgmodel explain span-of-control')"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[tuple[str, int, int, str, str | None]]:
    with pytest.raises(ConfigError) as caught:
        load_ruleset(path).instances()
    return [(Path(d.path).name, d.line, d.col, d.message, d.hint) for d in caught.value.diagnostics]


def test_contradicting_span_limits_are_a_ruleset_error_at_the_role(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p4.yaml",
        "orgmodel-ruleset: 1\nextends: default\nrules:\n"
        "  span-of-control: {first_line: {min: 50, max: 10, warn_above: 20}}\n",
    )
    assert errors_of(path) == [
        (
            "p4.yaml",
            4,
            33,
            "span-of-control.first_line: the limits contradict each other: min 50 is above warn_above 20; "
            "warn_above 20 is above max 10",
            SPAN_HINT,
        )
    ]


def test_a_limit_contradicting_a_default_it_keeps_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "p5.yaml", "orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    top: {max: 10}\n")
    assert errors_of(path) == [
        (
            "p5.yaml",
            4,
            10,
            "span-of-control.top: the limits contradict each other: warn_above 12 is above max 10",
            SPAN_HINT,
        )
    ]
    consistent = "orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    top: {warn_above: 8, max: 10}\n"
    assert load_ruleset(write(tmp_path, "p6.yaml", consistent)).instances()


def test_a_level_override_below_a_role_limit_is_no_contradiction(tmp_path: Path) -> None:
    text = "orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    levels: {1: {max: 3}}\n"
    assert load_ruleset(write(tmp_path, "levels.yaml", text)).instances()


def test_every_error_of_a_ruleset_and_its_base_is_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "orgmodel-ruleset: 1\nrules:\n  max-levels: {max: fem}\n")
    path = write(
        tmp_path,
        "p.yaml",
        "orgmodel-ruleset: 1\nextends: base.yaml\ndescrption: x\nrules:\n"
        "  level-skip: {severity: fatal}\n  max-levels: loudly\n  nosuch: {}\n",
    )
    assert [(name, line, col) for name, line, col, _m, _h in errors_of(path)] == [
        ("p.yaml", 3, 1),
        ("p.yaml", 5, 26),
        ("p.yaml", 6, 15),
        ("p.yaml", 7, 3),
        ("base.yaml", 3, 21),
    ]
    result = CliRunner().invoke(app, ["check", str(SMALL), "--ruleset", str(path)])
    assert result.exit_code == 2
    where = [
        line.split(": OM008")[0].rsplit("/", 1)[-1] for line in result.stderr.splitlines() if "OM008" in line
    ]
    assert where == ["p.yaml:3:1", "p.yaml:5:26", "p.yaml:6:15", "p.yaml:7:3", "base.yaml:3:21"]


def check_with(tmp_path: Path, ruleset: str, model: Path = SMALL) -> tuple[int, list[Diagnostic], str]:
    path = write(tmp_path, "rs.yaml", ruleset)
    rules = load_ruleset(path).instances()
    result = check_file(model, rules)
    text = CliRunner().invoke(app, ["check", str(model), "--ruleset", str(path)])
    return text.exit_code, result.diagnostics, text.stdout


def test_a_misspelt_category_is_reported_at_its_entry_in_the_ruleset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ruleset = (
        "orgmodel-ruleset: 1\nextends: default\nrules:\n"
        "  single-decider: {categories: [helse-omsorg]}\n"
        "  allocation-unit:\n    categories:\n      - oppvekst\n      - helse-omsorg\n"
    )
    code, found, out = check_with(tmp_path, ruleset)
    assert code == 1
    assert [(d.path, d.line, d.col, d.code) for d in found] == [
        ("rs.yaml", 4, 33, "OM210"),
        ("rs.yaml", 8, 9, "OM212"),
    ]
    assert found[0].message == (
        "the ruleset's single-decider categories names the category 'helse-omsorg', which no service in "
        "this model has (the model's categories: helse-og-omsorg), so those vedtak are not checked"
    )
    assert found[0].hint == (
        "did you mean 'helse-og-omsorg'? correct it in the ruleset, or the 'category:' of the services "
        f"(found checking {SMALL})"
    )
    lines = out.splitlines()
    assert lines[1:3] == [
        "     4 |   single-decider: {categories: [helse-omsorg]}",
        "       |                                 ^^^^^^^^^^^^",
    ]
    assert lines[5] == "     8 |       - helse-omsorg"


def test_a_category_set_in_a_base_ruleset_is_reported_in_the_base(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        "orgmodel-ruleset: 1\nrules:\n  single-decider:\n    categories: [helse-omsorg]\n",
    )
    ruleset = "orgmodel-ruleset: 1\nextends: base.yaml\nrules:\n  single-decider: {severity: warning}\n"
    _code, found, _out = check_with(tmp_path, ruleset)
    assert [(Path(d.path).name, d.line, d.col, d.code, d.severity) for d in found] == [
        ("base.yaml", 4, 18, "OM210", Severity.WARNING)
    ]


COLOCATION = """\
orgmodel-ruleset: 1
extends: default
rules:
  co-location:
    pairs:
      - name: both slipped
        units: [hjemme-nordd]
        with: [tildelng]
      - name: one side
        units: ["hjemme-*"]
        with: ["kind:virksomhett", "kind:nosuch"]
"""


def test_each_co_location_pair_matching_nothing_is_reported_at_its_selector(tmp_path: Path) -> None:
    code, found, out = check_with(tmp_path, COLOCATION)
    assert code == 1
    assert [(Path(d.path).name, d.line, d.col, d.code) for d in found] == [
        ("rs.yaml", 7, 17, "OM230"),
        ("rs.yaml", 11, 16, "OM230"),
    ]
    assert [d.message for d in found] == [
        "the co-location requirement 'both slipped' selects no unit with 'hjemme-nordd' nor with "
        "'tildelng', so it checks nothing",
        "the co-location requirement 'one side' selects no unit with 'kind:virksomhett' and 'kind:nosuch', "
        "so it checks nothing",
    ]
    assert found[1].hint == (
        "correct the selector in the ruleset (ids, globs like virk-oms-*, kind:<kind>) "
        f"(found checking {SMALL})"
    )
    assert '    11 |         with: ["kind:virksomhett", "kind:nosuch"]' in out.splitlines()


def test_origins_follow_each_value_through_the_layers(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        "orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    first_line: {min: 3, max: 70}\n",
    )
    child = write(
        tmp_path,
        "child.yaml",
        "orgmodel-ruleset: 1\nextends: base.yaml\nrules:\n  OM120:\n    first_line: {max: 65}\n",
    )
    origins = load_ruleset(child).settings["OM120"].origins
    where = {path: (Path(doc.path).name, base) for path, (doc, base) in origins.items()}
    assert where == {
        ("first_line",): ("child.yaml", ("rules", "OM120")),
        ("first_line", "min"): ("base.yaml", ("rules", "span-of-control")),
        ("first_line", "max"): ("child.yaml", ("rules", "OM120")),
    }


def test_the_configuration_page_shows_a_real_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    shown = page.split("```text\n$ orgmodel check\nrules/kommune.yaml:5:18: OM210", 1)[1].split("```", 1)[0]
    (tmp_path / ".git").mkdir()
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "utkast.yaml").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "rules").mkdir()
    ruleset = (
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  single-decider:\n    categories: [helse-omsorg]\n"
    )
    write(tmp_path / "rules", "kommune.yaml", ruleset)
    write(tmp_path, ".orgmodel.yaml", "ruleset: rules/kommune.yaml\npaths: [models]\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stdout == "rules/kommune.yaml:5:18: OM210" + shown


def test_an_allocation_unit_no_unit_has_is_reported_at_the_id_in_the_ruleset(tmp_path: Path) -> None:
    ruleset = (
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  allocation-unit: {allocation_unit: tildelng}\n"
    )
    code, found, _out = check_with(tmp_path, ruleset)
    assert code == 1
    assert [(Path(d.path).name, d.line, d.col, d.code, d.hint) for d in found] == [
        (
            "rs.yaml",
            4,
            38,
            "OM212",
            f"did you mean 'tildeling'? (set allocation_unit in the ruleset) (found checking {SMALL})",
        )
    ]
    assert found[0].message.endswith("decided by 'Tjenestetildeling' (tildeling)")


def test_without_a_ruleset_file_the_finding_stays_in_the_model() -> None:
    """A rule made in Python (as the API allows), with no ruleset file behind its parameters."""
    from orgmodel.engine import check_bytes
    from orgmodel.rule import find_rule

    text = SMALL.read_text(encoding="utf-8").replace(
        "category: helse-og-omsorg", "category: helse-og-omsorgg"
    )
    cls = find_rule("single-decider")
    assert cls is not None
    rule = cls(cls.Params.model_validate({"categories": ["helse-og-omsorg"]}))
    result = check_bytes("model.yaml", text.encode(), [rule])
    assert [(d.path, d.line, d.col, d.code) for d in result.diagnostics] == [("model.yaml", 11, 1, "OM210")]
    assert "found checking" not in str(result.diagnostics[0].hint)


def test_a_severity_written_out_gets_a_did_you_mean(tmp_path: Path) -> None:
    path = write(
        tmp_path, "sev.yaml", "orgmodel-ruleset: 1\nrules:\n  level-skip: {severity: informational}\n"
    )
    assert errors_of(path) == [
        (
            "sev.yaml",
            3,
            26,
            "level-skip.severity: expected error, warning, info or off, got 'informational'",
            "did you mean 'info'?",
        )
    ]


def test_a_ruleset_finding_is_unchanged_between_two_proposals(tmp_path: Path) -> None:
    ruleset = write(
        tmp_path,
        "rs.yaml",
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  single-decider: {categories: [helse-omsorg]}\n",
    )
    new = write(tmp_path, "new.yaml", SMALL.read_text(encoding="utf-8").replace("staff: 25", "staff: 26"))
    result = CliRunner().invoke(app, ["diff", str(SMALL), str(new), "--ruleset", str(ruleset)])
    assert "0 new findings, 0 resolved, 0 changed, 1 unchanged" in result.stdout


def test_a_ruleset_value_several_models_find_wrong_is_one_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (tmp_path / "models" / name).write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    write(
        tmp_path, "rs.yaml", "orgmodel-ruleset: 1\nrules:\n  single-decider: {categories: [helse-omsorg]}\n"
    )
    result = CliRunner().invoke(app, ["check", "models", "--ruleset", "rs.yaml", "--format", "json"])
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert [[(d["path"], d["line"], d["col"], d["code"]) for d in f["diagnostics"]] for f in files] == [
        [("rs.yaml", 3, 33, "OM210")],
        [],
        [],
    ]
    assert files[0]["diagnostics"][0]["hint"].endswith("(found checking models/a.yaml and 2 other models)")
