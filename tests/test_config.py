"""Rulesets that keep their values, shipped names that resolve everywhere, one selector precedence."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.engine import Selection
from orgmodel.ruleset import ConfigError, load_ruleset

SMALL = FIXTURES / "models" / "small.yaml"
CLEAN = "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[tuple[str, int, int, str, str | None]]:
    with pytest.raises(ConfigError) as caught:
        load_ruleset(path).instances()
    return [(Path(d.path).name, d.line, d.col, d.message, d.hint) for d in caught.value.diagnostics]


# --- extends merges deeply, and each layer is validated on its own


def test_extends_merges_nested_mappings(tmp_path: Path) -> None:
    text = "orgmodel-ruleset: 1\nextends: default\nrules:\n  span-of-control:\n    first_line: {max: 70}\n"
    path = write(tmp_path, "r.yaml", text)
    base = load_ruleset("default").settings["OM120"].params["first_line"]
    assert base["min"] is not None and base["warn_above"] is not None
    merged = load_ruleset(path).settings["OM120"].params["first_line"]
    assert merged == {**base, "max": 70}
    rule = next(r for r in load_ruleset(path).instances() if r.code == "OM120")
    limits = rule.params.first_line  # type: ignore[attr-defined]
    assert (limits.min, limits.warn_above, limits.max) == (base["min"], base["warn_above"], 70)


def test_a_nested_list_is_replaced_and_a_nested_mapping_merged(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        "orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    levels: {3: {max: 40}}\n"
        "  robust-units: {kinds: [virksomhet, avdeling]}\n",
    )
    text = "orgmodel-ruleset: 1\nextends: base.yaml\nrules:\n  span-of-control:\n    levels: {4: {max: 20}}\n"
    text += "  robust-units: {kinds: [skole]}\n"
    path = write(tmp_path, "child.yaml", text)
    settings = load_ruleset(path).settings
    assert settings["OM120"].params["levels"] == {"3": {"max": 40}, "4": {"max": 20}}
    assert settings["OM150"].params["kinds"] == ["skole"]


def test_a_bad_value_is_reported_in_the_layer_that_holds_it(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "orgmodel-ruleset: 1\nrules:\n  max-levels:\n    max: fem\n")
    child = write(
        tmp_path,
        "child.yaml",
        "orgmodel-ruleset: 1\nextends: base.yaml\nrules:\n  max-levels: {count_employees: true}\n",
    )
    assert errors_of(child) == [
        ("base.yaml", 4, 10, "max-levels.max: expected a whole number, got 'fem'", None)
    ]


def test_rule_parameters_are_strict(tmp_path: Path) -> None:
    cases = {
        'max: "5"': (
            "max-levels.max: expected a whole number, got '5'",
            "write the number without quotes: 5",
        ),
        "max: true": ("max-levels.max: expected a whole number, got true", "write a number, e.g. 5"),
        "max: 5.5": ("max-levels.max: expected a whole number, got the number 5.5", None),
        "count_employees: 1": ("max-levels.count_employees: expected true or false, got the number 1", None),
        "count_employees: ja": (
            "max-levels.count_employees: expected true or false, got 'ja'",
            "write true or false",
        ),
    }
    for option, (message, hint) in cases.items():
        path = write(tmp_path, "r.yaml", f"orgmodel-ruleset: 1\nrules:\n  max-levels:\n    {option}\n")
        assert errors_of(path) == [("r.yaml", 4, 5 + len(option.split(":")[0]) + 2, message, hint)], option
    fine = write(tmp_path, "f.yaml", "orgmodel-ruleset: 1\nrules:\n  comparable-sizes: {factor: 3}\n")
    assert "OM260" in {r.code for r in load_ruleset(fine).instances()}  # a whole number is a number


def test_a_nested_unknown_option_names_the_nested_options(tmp_path: Path) -> None:
    path = write(
        tmp_path, "r.yaml", "orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    first_line: {maks: 60}\n"
    )
    [(name, line, col, message, hint)] = errors_of(path)
    assert (name, line, col, hint) == ("r.yaml", 4, 18, "did you mean 'max'?")
    assert message.startswith(
        "span-of-control.first_line.maks: the rule OM120 has no option 'maks' (its options: "
    )


@pytest.mark.parametrize(
    ("version", "shown"), [("true", "true"), ('"1"', "'1'"), ("1.0", "the number 1.0"), ("2", "the number 2")]
)
def test_the_ruleset_version_is_the_integer_1(tmp_path: Path, version: str, shown: str) -> None:
    path = write(tmp_path, "r.yaml", f"orgmodel-ruleset: {version}\n")
    message = f"orgmodel-ruleset: this orgmodel reads ruleset version 1, got {shown}"
    assert errors_of(path) == [("r.yaml", 1, 19, message, "write 'orgmodel-ruleset: 1', without quotes")]


def test_a_severity_alone_sets_the_rule_and_keeps_its_options(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.yaml",
        "orgmodel-ruleset: 1\nextends: drammen-2020\nrules:\n  co-location: off\n"
        "  leader-required: warning\n  OM101: false\n",
    )
    base, ruleset = load_ruleset("drammen-2020"), load_ruleset(path)
    assert ruleset.settings["OM230"].severity is None
    assert ruleset.settings["OM101"].severity is None
    assert str(ruleset.settings["OM160"].severity) == "warning"
    assert ruleset.settings["OM230"].params == base.settings["OM230"].params  # the adopted pairs stay
    typo = write(tmp_path, "typo.yaml", "orgmodel-ruleset: 1\nrules:\n  leader-required: warn\n")
    assert errors_of(typo)[0][4] == "did you mean 'warning'?"


def test_ruleset_errors_are_worded_like_model_errors(tmp_path: Path) -> None:
    cases = {
        "rules: [max-levels]\n": (
            2,
            8,
            "rules: expected a mapping of rule names to their settings, got a list",
        ),
        "rules:\n  max-levels: 5\n": (
            3,
            15,
            "rules.max-levels: expected a severity (error, warning, info or off) or the rule's settings as a "
            "mapping, got the number 5",
        ),
        "extends: 5\n": (2, 10, "extends: expected a ruleset name or a list of them, got the number 5"),
        "description: [a]\n": (2, 14, "description: expected text, got a list"),
        "rules:\n  level-skip: {severity: warn}\n": (
            3,
            26,
            "level-skip.severity: expected error, warning, info or off, got 'warn'",
        ),
        "rulez: {}\n": (2, 1, "unknown key 'rulez' in a ruleset"),
        "rules:\n  level-skip: warn\n": (
            3,
            15,
            "rules.level-skip: expected a severity (error, warning, info or off) or the rule's settings as a "
            "mapping, got 'warn'",
        ),
    }
    for text, (line, col, message) in cases.items():
        path = write(tmp_path, "r.yaml", "orgmodel-ruleset: 1\n" + text)
        [(_name, got_line, got_col, got, _hint)] = errors_of(path)
        assert (got_line, got_col, got) == (line, col, message), text
        assert "Input should" not in got and "valid dictionary" not in got


# --- shipped names resolve the same everywhere, from any working directory


def test_shipped_names_resolve_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    chain = load_ruleset(ROOT / "rules" / "drammen-2020.yaml").chain
    for name in ("drammen-2020", "drammen-2020.yaml"):
        assert load_ruleset(name).chain == chain
        write(tmp_path, "mine.yaml", f"orgmodel-ruleset: 1\nextends: {name}\n")
        assert load_ruleset("mine.yaml").chain == [*chain, "mine.yaml"]
    shutil.copy(SMALL, tmp_path / "model.yaml")
    for name in ("default", "default.yaml"):
        assert run("check", "--ruleset", name, "model.yaml")[:2] == (0, CLEAN)
        write(tmp_path, ".orgmodel.yaml", f"ruleset: {name}\npaths: [model.yaml]\n")
        assert run("check")[:2] == (0, CLEAN)
    code, _, err = run("check", "--ruleset", "drammen-2021", "model.yaml")
    assert code == 2 and "did you mean 'drammen-2020'?" in err
    write(tmp_path, ".orgmodel.yaml", "ruleset: defualt\npaths: [model.yaml]\n")
    code, _, err = run("check")
    assert code == 2
    assert ".orgmodel.yaml:1:10: OM008 config [error] ruleset: 'defualt' is neither a file next to" in err
    assert "did you mean 'default'?" in err


def test_a_file_named_like_a_shipped_ruleset_never_stands_in_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a hostile pull request added a file called 'drammen-2020' (or 'default') turning the rules off:
    # the workflow's pinned --ruleset drammen-2020 read it, and the gate passed
    monkeypatch.chdir(tmp_path)
    off = "orgmodel-ruleset: 1\nrules:\n  span-of-control: {severity: off}\n"
    for name in ("drammen-2020", "default", "default.yaml"):
        write(tmp_path, name, off)
        assert load_ruleset(name).settings["OM120"].severity is not None, name
        write(tmp_path, "mine.yaml", f"orgmodel-ruleset: 1\nextends: {name}\n")
        assert load_ruleset("mine.yaml").settings["OM120"].severity is not None, name
    # written as a path, a file of that name is read
    assert load_ruleset("./default.yaml").settings["OM120"].severity is None


# --- command line and configuration selectors: the most specific wins, the command line on a tie


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(select=("OM120",), config_ignore=("OM120",)), True),
        (Selection(ignore=("OM120",), config_select=("OM120",)), False),
        (Selection(select=("OM1",), config_ignore=("OM120",)), False),
        (Selection(ignore=("OM1",), config_select=("span-of-control",)), True),
        (Selection(config_ignore=("OM12",)), False),
        (Selection(config_select=("OM2",)), False),
        (Selection(select=("OM12",), ignore=("OM12",)), False),
        (Selection(), True),
    ],
)
def test_one_selector_precedence(selection: Selection, expected: bool) -> None:
    assert selection("OM120", "span-of-control") is expected


def test_a_config_ignore_does_not_beat_select_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    model = SMALL.read_text(encoding="utf-8").replace("staff: 12", "staff: 90")
    write(tmp_path, "model.yaml", model)
    write(tmp_path, ".orgmodel.yaml", "ruleset: default\npaths: [model.yaml]\nignore: [OM120]\n")
    assert run("check")[0] == 0
    code, out, _ = run("check", "--select", "OM120")
    assert code == 1 and "OM120 span-of-control [error]" in out
    write(tmp_path, ".orgmodel.yaml", "ruleset: default\npaths: [model.yaml]\nignore: [OM12O]\n")
    code, _, err = run("check")
    assert code == 2
    assert (
        ".orgmodel.yaml:3:10: OM008 config [error] ignore[0]: 'OM12O' matches no rule code, prefix or name"
        in err
    )


# --- configuration errors in a planner's words


def test_configuration_errors_are_worded_like_model_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cases = {
        "fail_on: warn\n": (
            "1:10: OM008 config [error] fail_on: expected 'error', 'warning' or 'info', got 'warn'",
            "did you mean 'warning'?",
        ),
        "paths: models\n": (
            "1:8: OM008 config [error] paths: expected a list, like [a, b], got 'models'",
            None,
        ),
        "pahts: [models]\n": (
            "1:1: OM008 config [error] unknown key 'pahts' in .orgmodel.yaml",
            "did you mean",
        ),
        "- models\n": ("1:1: OM008 config [error] .orgmodel.yaml holds settings as 'key: value' lines", None),
    }
    for text, (where, hint) in cases.items():
        write(tmp_path, ".orgmodel.yaml", text)
        code, _, err = run("check")
        assert code == 2 and f".orgmodel.yaml:{where}\n" in err, err
        assert hint is None or hint in err
        assert "Input should" not in err and "String should" not in err


# --- rules and explain show what a run uses


def test_explain_and_rules_show_the_ruleset_a_run_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run("explain", "max-levels", "--ruleset", "drammen-2020")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("OM112 max-levels (severity in ")
    assert any(line == " - max: 5" or line.startswith(" - max: 5 (the rule's default: ") for line in lines)
    assert " - count_employees: true (the rule's default: false)" in out
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".orgmodel.yaml", "ruleset: drammen-2020\n")
    code, out2, _ = run("explain", "max-levels")

    def same(text: list[str]) -> list[str]:
        return [line for line in text[1:] if not line.startswith("Options in ")]

    assert code == 0 and same(out2.splitlines()) == same(lines)
    code, out, _ = run("rules", "--no-color")
    row = next(line for line in out.splitlines() if "OM112" in line)
    assert [cell.strip() for cell in row.split("│")[1:4]] == ["OM112", "max-levels", "error"]
    assert "\n  OM112 max-levels: max: 5, count_employees: true\n" in out
    write(
        tmp_path, "off.yaml", "orgmodel-ruleset: 1\nextends: default\nrules:\n  max-levels: {severity: off}\n"
    )
    code, out, _ = run("explain", "OM112", "--ruleset", "off.yaml")
    assert out.splitlines()[0] == "OM112 max-levels (severity in off.yaml: off (the rule does not run); " + (
        "the rule's default: error)"
    )
    write(tmp_path, "bad.yaml", "orgmodel-ruleset: 1\nrules:\n  max-levels: {max: '5'}\n")
    code, _, err = run("rules", "--ruleset", "bad.yaml")
    assert code == 2 and "bad.yaml:3:21: OM008 config [error] max-levels.max: expected a whole number" in err


def test_explain_prints_option_descriptions() -> None:
    from orgmodel.rule import load_rules

    described = [
        (rule, name, info.description)
        for rule in load_rules().values()
        for name, info in rule.Params.model_fields.items()
        if info.description
    ]
    assert described, "no Params field has a description"
    rule, name, description = described[0]
    code, out, _ = run("explain", rule.code, "--ruleset", "default")
    assert code == 0
    assert any(line.startswith(f" - {name}: ") for line in out.splitlines())
    assert f"\n     {description}\n" in out


def test_the_readme_shows_real_configuration_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import shlex

    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(
        r"<!-- readme-stderr: orgmodel (.+?) -->\n```text\n\$ orgmodel \1\n(.*?)```", readme, re.S
    )
    assert blocks and len(blocks) == readme.count("readme-stderr:")
    for command, shown in blocks:
        result = CliRunner().invoke(app, shlex.split(command))
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == shown
    example = (ROOT / "docs" / "examples" / "regelsett-feil.yaml").read_text(encoding="utf-8")
    # the README names the file that runs and the mistake in it, which the error reports
    assert '(`docs/examples/regelsett-feil.yaml` writes `max: "5"`)' in readme
    assert '    max: "5"\n' in example


def test_shipped_names_resolve_in_the_wheel_layout(tmp_path: Path) -> None:
    """An installed wheel holds the rulesets as orgmodel/_rulesets (pyproject's force-include)."""
    package = tmp_path / "site" / "orgmodel"
    shutil.copytree(ROOT / "orgmodel", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", package / "_rulesets")
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SMALL, work / "model.yaml")
    write(work, "mine.yaml", "orgmodel-ruleset: 1\nextends: drammen-2020\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    command = [
        sys.executable,
        "-m",
        "orgmodel",
        "check",
        "--format",
        "json",
        "--ruleset",
        "mine.yaml",
        "model.yaml",
    ]
    proc = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=60, check=False, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    chain = json.loads(proc.stdout)["ruleset"]["chain"]
    assert chain == [
        str(package / "_rulesets" / "default.yaml"),
        str(package / "_rulesets" / "drammen-2020.yaml"),
        "mine.yaml",
    ]


def test_a_misspelt_ruleset_file_suggests_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SMALL, tmp_path / "model.yaml")
    write(tmp_path, "rules/kommune.yaml", "orgmodel-ruleset: 1\nextends: default\n")
    write(tmp_path, ".orgmodel.yaml", "ruleset: rulez/kommune.yaml\npaths: [model.yaml]\n")
    code, _, err = run("check")
    assert code == 2 and "       = hint: did you mean 'rules/kommune.yaml'?\n" in err
    code, _, err = run("check", "--ruleset", "rules/komune.yaml", "model.yaml")
    assert (code, err) == (
        2,
        "orgmodel: the ruleset rules/komune.yaml does not exist or is not a file; "
        "did you mean 'rules/kommune.yaml'?\n",
    )


def test_options_under_integer_keys_are_strict_too(tmp_path: Path) -> None:
    text = "orgmodel-ruleset: 1\nrules:\n  span-of-control:\n    levels: {3: {max: '40'}}\n"
    [(name, line, col, message, hint)] = errors_of(write(tmp_path, "r.yaml", text))
    assert (name, line, col) == ("r.yaml", 4, 23)
    assert (message, hint) == (
        "span-of-control.levels[3].max: expected a whole number, got '40'",
        "write the number without quotes: 40",
    )


def test_a_misspelt_configured_path_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    shutil.copy(SMALL, write(tmp_path, "models/x.yaml", "").parent / "x.yaml")
    write(tmp_path, ".orgmodel.yaml", "fail-on: error\npaths: [models/x.yml, model]\n")
    code, out, err = run("check")
    assert (code, out) == (2, "")
    assert err == (
        ".orgmodel.yaml:2:9: OM008 config [error] paths[0]: 'models/x.yml' does not exist (paths are "
        "relative to .orgmodel.yaml)\n"
        "       = hint: did you mean 'models/x.yaml'?\n"
        ".orgmodel.yaml:2:23: OM008 config [error] paths[1]: 'model' does not exist (paths are relative to "
        ".orgmodel.yaml)\n"
        "       = hint: did you mean 'models'?\n"
        "orgmodel: .orgmodel.yaml: 'paths:' names paths that cannot be checked\n"
    )
    assert run("check", "models/")[:2] == (0, CLEAN)  # paths on the command line: the configured ones unused
