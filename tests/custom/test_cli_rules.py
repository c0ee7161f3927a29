"""`orgmodel rules test RULESET`, `orgmodel rules --ruleset` and `orgmodel explain` with custom rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app
from orgmodel.ruleset import display_path

from .helpers import write_ruleset

EXAMPLE = ROOT / "docs" / "examples" / "oppvekst-custom.yaml"
RULE = """
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
            - {id: a, name: A, kind: virksomhet, level: 2, parent: top, staff: 9}
      fail:
        - model: |
            units:
              - {id: top, name: Top, level: 1}
              - {id: a, name: A, kind: virksomhet, level: 2, parent: top, staff: 2}
          line: 3
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_shipped_example_passes_its_own_tests() -> None:
    code, out, _ = run("rules", "test", str(EXAMPLE))
    assert code == 0
    assert out.splitlines() == [
        f"Testing the custom rules of {display_path(EXAMPLE)}",
        "OPP001 oppvekst-robust-virksomhet: ok (1 pass, 2 fail)",
        "OPP002 one-ppt: ok (1 pass, 1 fail)",
        "2 custom rules: 2 ok, 0 FAILED",
    ]


def test_a_wrong_example_fails_with_why_in_bokmal(tmp_path: Path) -> None:
    wrong = RULE.replace("staff: 9}", "staff: 3}").replace("line: 3", "line: 2")
    path = write_ruleset(tmp_path, wrong)
    code, out, _ = run("--lang", "nb", "rules", "test", str(path))
    where = display_path(path)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"Tester de egne reglene i {where}"
    assert lines[1] == "ABC1 robust: FEILET (1 pass, 1 fail)"
    assert lines[2].startswith(f"  pass-eksempel 1 ({where}:11): ventet ingen funn, fant 1: linje 3: ")
    assert lines[3].startswith(f"  fail-eksempel 1 ({where}:16): ventet et funn på linje 2, fant: linje 3: ")
    assert lines[4] == "1 egen regel: 0 ok, 1 FEILET"


def test_good_examples_pass(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, RULE)
    code, out, _ = run("rules", "test", str(path))
    assert (code, out.splitlines()[1:]) == (
        0,
        ["ABC1 robust: ok (1 pass, 1 fail)", "1 custom rule: 1 ok, 0 FAILED"],
    )


def test_a_wrong_example_fails_with_why(tmp_path: Path) -> None:
    wrong = RULE.replace("staff: 9}", "staff: 3}").replace("line: 3", "line: 2")
    path = write_ruleset(tmp_path, wrong)
    code, out, _ = run("rules", "test", str(path))
    where = display_path(path)
    assert code == 1
    assert out.splitlines()[1:] == [
        "ABC1 robust: FAILED (1 pass, 1 fail)",
        f"  pass example 1 ({where}:11): expected no finding, found 1: line 3: 'A' (a) breaks 'people >= 8': "
        "people is 4",
        f"  fail example 1 ({where}:16): expected a finding at line 2, found: line 3: 'A' (a) breaks "
        "'people >= 8': people is 3",
        "1 custom rule: 0 ok, 1 FAILED",
    ]


def test_an_example_that_is_no_model_fails_and_a_rule_without_examples_is_untested(tmp_path: Path) -> None:
    body = RULE.replace("level: 2, parent: top, staff: 9}", "level: two, parent: top, staff: 9}")
    body += "  - {code: ABC2, name: other, summary: s, require: [staff > 1]}\n"
    path = write_ruleset(tmp_path, body)
    code, out, _ = run("rules", "test", str(path))
    assert code == 1
    assert out.splitlines()[1:] == [
        "ABC1 robust: FAILED (1 pass, 1 fail)",
        f"  pass example 1 ({display_path(path)}:11): the example is not a valid model: line 3:47: "
        "units[1] (id 'a').level: expected a whole number, got 'two'",
        "ABC2 other: untested (no examples)",
        "2 custom rules: 1 ok, 1 FAILED",
    ]


def test_configuration_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = run("rules", "test", "default")
    assert code == 2
    assert (
        err == "orgmodel: the ruleset default declares no custom rules (under 'custom:'): nothing to test\n"
    )
    import orgmodel  # from Python the same: there is nothing to test, not a run that passed

    with pytest.raises(orgmodel.ConfigError, match="declares no custom rules"):
        orgmodel.run_rule_tests("default")
    path = write_ruleset(tmp_path, RULE.replace("people >= 8", "peple >= 8"))
    code, _, err = run("rules", "test", str(path))
    assert code == 2
    assert (
        f"{display_path(path)}:8:15: OM008 config [error] custom[0] (ABC1).require[0]: 'peple' is not a field"
        in err
    )
    assert "did you mean 'people'?" in err


def test_rules_lists_and_explain_documents_a_custom_rule(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, RULE)
    code, out, _ = run("rules", "--ruleset", str(path), "--no-color")
    assert code == 0
    row = next(line for line in out.splitlines() if "ABC1" in line)
    assert [cell.strip() for cell in row.split("│")[1:6]] == [
        "ABC1",
        "robust",
        "error",
        "custom",  # the origin column: a ruleset's own rule, not one built into orgmodel
        "Every virksomhet has at least 8",  # the summary wraps in the table's last column
    ]
    built_in = next(line for line in out.splitlines() if "OM101" in line)
    assert built_in.split("│")[4].strip() == "built in"
    code, out, _ = run("explain", "robust", "--ruleset", str(path))
    assert code == 0
    assert out.splitlines()[:10] == [
        f"ABC1 robust (severity in {display_path(path)}: error; the rule's default: error)",
        "",
        "Every virksomhet has at least 8 people.",
        "",
        f"A custom rule, declared in {display_path(path)}:4.",
        "It checks the units where:",
        "  kind: virksomhet",
        "Each of them must satisfy (one finding per broken condition):",
        "  - people >= 8",
        "A condition on a field a unit does not state is not broken (the unit does not say).",
    ]
    code, _, err = run("explain", "ABC1", "--ruleset", "default")
    assert (code, err) == (
        2,
        "orgmodel: no rule or check is called 'ABC1' in rules/default.yaml; a custom rule is explained with "
        "its ruleset: --ruleset FILE; no rule plugin installed here provides that code\n",
    )
    code, _, err = run("explain", "robust", "--ruleset", "default")  # loosely like robust-units
    assert code == 2 and err.startswith(
        "orgmodel: no rule or check is called 'robust' in rules/default.yaml; did you mean 'robust-units"
    )
    assert err.endswith("'? A custom rule is explained with its ruleset: --ruleset FILE\n")


def test_rules_without_a_subcommand_still_lists_and_help_shows_test() -> None:
    code, out, _ = run("rules", "--no-color")
    assert code == 0 and out.startswith("Rules in ")
    code, out, _ = run("rules", "--help")
    assert code == 0
    assert "  test  Run each custom rule of RULESET against its own examples." in out.splitlines()


def test_a_configuration_file_selects_a_custom_rule_of_its_ruleset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_ruleset(tmp_path, RULE)
    (tmp_path / "m.yaml").write_text(
        "orgmodel: 1\nkommune: K\nunits:\n  - {id: top, name: Top, level: 1, staff: 3}\n"
        "  - {id: a, name: A, kind: virksomhet, level: 2, parent: top, staff: 2}\n",
        encoding="utf-8",
    )
    config = tmp_path / ".orgmodel.yaml"
    config.write_text("ruleset: r.yaml\npaths: [m.yaml]\nselect: [robust]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--format", "concise")
    assert (code, out) == (1, "m.yaml:5:10: ABC1 [error] 'A' (a) breaks 'people >= 8': people is 3\n")
    config.write_text("ruleset: r.yaml\npaths: [m.yaml]\nselect: [robus]\n", encoding="utf-8")
    code, _, err = run("check")
    assert code == 2
    assert "'robus' matches no rule code, prefix or name; did you mean 'robust'?" in err


def test_a_note_about_what_a_snippet_lacks_is_no_finding_but_says_why_none_came(tmp_path: Path) -> None:
    body = """
    custom:
      - code: ABC1
        name: robust
        summary: s
        where: {kind: virksomhet}
        require: [staff >= 8]
        examples:
          pass: ["units: [{id: top, name: Top, level: 1, kind: toppledelse}]"]
          fail: ["units: [{id: top, name: Top, level: 1, kind: virksomhte, staff: 1}]"]
    """
    path = write_ruleset(tmp_path, body)
    code, out, _ = run("rules", "test", str(path))
    assert code == 1
    assert out.splitlines()[1:] == [
        "ABC1 robust: FAILED (1 pass, 1 fail)",
        f"  fail example 1 ({display_path(path)}:11): expected a finding, found none (where.kind: this model "
        "has no unit of kind 'virksomhet'; ABC1 checks no unit by it)",
        "1 custom rule: 0 ok, 1 FAILED",
    ]


def test_explain_names_the_extended_ruleset_that_sets_the_severity(tmp_path: Path) -> None:
    # asker-2020 makes committee-mapping an error; a ruleset extending it sets nothing of its own
    path = tmp_path / "mine.yaml"
    path.write_text("orgmodel-ruleset: 1\nextends: asker-2020\n", encoding="utf-8")
    code, out, _ = run("explain", "committee-mapping", "--ruleset", str(path))
    assert code == 0
    shipped = display_path(ROOT / "rules" / "asker-2020.yaml")
    assert out.splitlines()[0] == (
        f"OM273 committee-mapping (severity in {display_path(path)}: error, set in {shipped}; "
        "the rule's default: warning)"
    )


def test_the_api_names_a_custom_rules_origin(tmp_path: Path) -> None:
    import orgmodel

    path = write_ruleset(tmp_path, RULE)
    origins = {r.code: r.origin for r in orgmodel.list_rules(str(path))}
    assert origins["ABC1"] == f"custom ({display_path(path)}:4)"
    assert origins["OM101"] is None
