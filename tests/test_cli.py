"""The command line: exact output lines, exit codes, configuration discovery, JSON shape."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.formatters.json_format import CheckOutput

SMALL = str(FIXTURES / "models" / "small.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_clean_model_exits_zero() -> None:
    code, out, _ = run("check", "--ruleset", "default", SMALL)
    assert code == 0
    assert out == "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n"


INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_exit_1_at_the_exact_position(path: Path) -> None:
    header = path.read_text(encoding="utf-8").splitlines()
    expected = [tuple(e.split()) for e in header[0].removeprefix("# expect: ").split(", ")]
    ruleset = next((h.removeprefix("# ruleset: ") for h in header if h.startswith("# ruleset: ")), "default")
    code, out, _ = run("check", "--ruleset", ruleset, "--format", "json", str(path))
    assert code == 1
    found = [(f"{d['line']}:{d['col']}", d["code"]) for d in json.loads(out)["files"][0]["diagnostics"]]
    assert found == expected


def test_text_output_shows_the_line_a_caret_and_a_hint() -> None:
    path = FIXTURES / "invalid" / "misspelled-key.yaml"
    code, out, _ = run("check", "--ruleset", "default", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:12:5: OM011 unknown-key [error] units[3] (id 'v1'): unknown key 'parnet'",
        "    12 |     parnet: ks-hjemme",
        "       |     ^^^^^^",
        "       = hint: did you mean 'parent'?",
        f"{path}: the rules did not run; fix the errors above first",
        "✗ 1 error, 0 warnings in 1 file (the rules did not run)",
    ]


def test_json_output_has_the_documented_shape() -> None:
    code, out, _ = run("check", "--ruleset", "default", "--format", "json", str(FIXTURES / "invalid"))
    assert code == 1
    parsed = CheckOutput.model_validate_json(out)
    assert parsed.summary.files == len(INVALID)
    assert parsed.summary.errors == sum(len(f.diagnostics) for f in parsed.files)
    schema = json.loads((ROOT / "docs" / "check-output.schema.json").read_text(encoding="utf-8"))
    assert schema == CheckOutput.model_json_schema(), "regenerate docs/check-output.schema.json"


def test_fail_on_controls_the_exit_code(tmp_path: Path) -> None:
    text = (FIXTURES / "models" / "small.yaml").read_text(encoding="utf-8")
    warned = tmp_path / "m.yaml"
    warned.write_text(text.replace("staff: 12", "staff: 1"), encoding="utf-8")  # a span of 1: a warning
    assert run("check", "--ruleset", "default", str(warned))[0] == 1
    assert run("check", "--ruleset", "default", "--fail-on", "error", str(warned))[0] == 0


def test_select_and_ignore() -> None:
    path = str(FIXTURES / "invalid" / "span-above-max.yaml")
    code, out, _ = run("check", "--ruleset", "default", "--format", "json", path)
    assert code == 1 and "OM120" in {d["code"] for d in json.loads(out)["files"][0]["diagnostics"]}
    code, out, _ = run("check", "--ruleset", "default", "--ignore", "span-of-control", path)
    assert code == 0 and "OM120" not in out
    code, out, _ = run("check", "--ruleset", "default", "--select", "OM110", path)
    assert code == 0 and "OM120" not in out
    code, out, _ = run("check", "--ruleset", "default", "--select", "OM1", "--ignore", "OM12", path)
    assert code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "no/such/file.yaml"], "no/such/file.yaml: no such file or directory"),
        (["check", "--select", "OM999", SMALL], "'OM999' matches no rule"),
        (["check", "--ruleset", "no-such-ruleset", SMALL], "does not exist"),
        (["explain", "levl-skip"], "did you mean 'level-skip'?"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err


def test_bad_ruleset_option_exits_2_with_its_position(tmp_path: Path) -> None:
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    maximum: 10\n", encoding="utf-8")
    code, _, err = run("check", "--ruleset", str(ruleset), SMALL)
    assert code == 2
    assert f"{ruleset}:4:5: OM008 config [error] span-of-control.maximum: the rule OM120 has no option" in err


def test_config_is_discovered_upwards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.yaml").write_text(
        (FIXTURES / "models" / "small.yaml").read_text("utf-8"), "utf-8"
    )
    (tmp_path / ".orgmodel.yaml").write_text("ruleset: rules.yaml\npaths: [models]\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text("orgmodel-ruleset: 1\nextends: default\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    code, out, _ = run("check")
    assert code == 0 and "in 1 file (5 units checked)" in out
    (tmp_path / ".orgmodel.yaml").write_text("rulesett: x\n", encoding="utf-8")
    code, _, err = run("check")
    assert code == 2 and "did you mean 'ruleset'?" in err


def test_no_paths_and_no_config_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check")
    assert code == 2 and "no paths given" in err


def test_rules_lists_every_rule_and_explain_documents_each() -> None:
    from orgmodel.rule import load_rules

    code, out, _ = run("rules")
    assert code == 0
    for rule in load_rules().values():
        assert re.search(rf"{rule.code}\s.*{rule.name}", out), rule.code
        code, doc, _ = run("explain", rule.code)
        assert code == 0 and "Anti-pattern" in doc and "Best practice" in doc, rule.code
    assert "OM011" in out and "unknown-key" in out


def test_explain_shows_options() -> None:
    code, out, _ = run("explain", "span-of-control", "--ruleset", "default")
    assert code == 0
    first = "OM120 span-of-control (severity in rules/default.yaml: error; the rule's default: error)"
    assert out.splitlines()[0] == first
    assert "\n - first_line: {min: 2, warn_above: 30, max: 60}\n     leaders mostly of staff" in out


def test_a_shipped_ruleset_outside_the_working_directory_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # orgmodel run from a clone's venv in a planner's own directory: not '/home/.../rules/default.yaml'
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("explain", "span-of-control", "--ruleset", "default")
    assert code == 0
    assert out.splitlines()[0].startswith("OM120 span-of-control (severity in default (shipped): error;")
    assert run("rules", "--ruleset", "default")[1].startswith("Rules in default (shipped) ")


def test_timings_go_to_stderr() -> None:
    code, out, err = run("check", "--ruleset", "default", "--timings", SMALL)
    assert code == 0
    for phase in (  # every phase of a cold check, so that the total is the run's wall time
        "imports: engine, pydantic, schema",
        "configuration and rule modules",
        "ruleset",
        "read",
        "parse and build positions",
        "schema",
        "references",
        "graph",
        "rule OM120",
        "output",
    ):
        assert phase in err
    assert "timings" not in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("orgmodel ")


def test_a_huge_line_is_shown_clipped_around_the_finding(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    long_name = "a" * 5000  # the finding stands far to the right of a long line
    path.write_text(f"orgmodel: 1\nkommune: K\nunits: [{{id: r, name: {long_name}, level: x}}]\n", "utf-8")
    code, out, _ = run("check", "--ruleset", "default", str(path))
    assert code == 1
    source, caret = out.splitlines()[1:3]
    assert len(source) < 300
    assert source[caret.index("^")] == "x"


def test_rules_and_explain_say_which_rules_find_nothing_until_the_ruleset_decides() -> None:
    code, out, _ = run("rules", "--ruleset", "default", "--no-color")
    assert code == 0
    flat = " ".join(" ".join(part.strip(" │") for part in line.split("│")) for line in out.splitlines())
    assert "It finds nothing until the ruleset sets 'pairs'." in " ".join(flat.split())
    code, out, _ = run("explain", "co-location", "--ruleset", "default")
    assert out.splitlines()[1] == (
        "It finds nothing until a ruleset sets 'pairs', a decision of the municipality's own (the options "
        "below say what it means)."
    )
    code, out, _ = run("explain", "co-location", "--ruleset", "drammen-2020")
    assert "It finds nothing until" not in out
