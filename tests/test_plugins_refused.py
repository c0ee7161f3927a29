"""Rule plugins that break: a taken code or name, a broken contract, a failed import, a rule that fails."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from installed_plugins import SUFFIX, install, module, plugins_on_sys_path, run

import orgmodel
from conftest import FIXTURES
from orgmodel.ruleset import ConfigError


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from plugins_on_sys_path(tmp_path, monkeypatch)


def test_a_ruleset_naming_a_plugin_rule_that_is_not_installed_says_so(tmp_path: Path) -> None:
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules:\n  EX001: {prefix: Testby}\n  max-level: {}\n")
    code, _, err = run("check", "--ruleset", str(ruleset), str(FIXTURES / "models" / "small.yaml"))
    assert code == 2
    lines = [line.split("[error] ", 1)[-1] for line in err.splitlines()]
    assert lines[:4] == [
        "no rule has the code 'EX001': no rule plugin installed here provides it",
        "       = hint: 'orgmodel rules' lists every rule; a plugin's rules need the plugin installed beside "
        "orgmodel (rule plugins installed: none)",
        "no rule is called 'max-level'",
        "       = hint: did you mean 'max-levels'?",
    ]
    code, _, err = run("explain", "EX001")
    assert (code, err) == (
        2,
        "orgmodel: no rule or check is called 'EX001' in rules/drammen-2020.yaml; a custom rule is explained "
        "with its ruleset: --ruleset FILE; no rule plugin installed here provides that code\n",
    )


def test_a_plugin_taking_a_built_in_name_names_orgmodel(site: Path) -> None:
    install(site, "orgmodel-levels", {"levels": "levels_plugin"})
    module(site, "levels_plugin", "LV001", "max-levels")
    code, _, err = run("rules")
    assert code == 2
    assert err == (
        "orgmodel: two rules share a code or name: OM112 max-levels built into orgmodel and LV001 "
        "max-levels from orgmodel-levels 1.0 (module levels_plugin)" + SUFFIX
    )


@pytest.mark.parametrize(
    ("code", "name", "params", "problem"),
    [
        (
            "OM999",
            "my-rule",
            "RuleParams",
            "its rule OM999 my-rule has an OM code, orgmodel's own prefix: "
            "give the plugin's codes their own (EX001)",
        ),
        (
            "ex001",
            "my-rule",
            "RuleParams",
            "its rule ex001 my-rule: a code is capital letters (the plugin's "
            "prefix) and then digits, like EX001",
        ),
        (
            "EX001",
            "my_rule",
            "RuleParams",
            "its rule EX001 my_rule: a name is lower-case words joined by '-', like virksomhet-name-prefix",
        ),
        (
            "EX001",
            "schema",
            "RuleParams",
            "its rule EX001 schema: the name is a check built into orgmodel; choose another",
        ),
        (
            "EX001",
            "my-rule",
            "__import__('pydantic').BaseModel",
            "its rule EX001 my-rule: its Params must "
            "refuse unknown keys (derive them from orgmodel.plugin.RuleParams)",
        ),
        (
            "EX001",
            "my-rule",
            "type('P', (RuleParams,), {'__annotations__': {'limit': int, 'words': list[str]}})",
            "its rule EX001 my-rule: every option of its Params needs a default; "
            "these have none: limit, words",
        ),
    ],
)
def test_a_plugin_rule_that_breaks_the_contract_is_refused(
    site: Path, code: str, name: str, params: str, problem: str
) -> None:
    install(site, "orgmodel-bad", {"bad": "bad_rules"})
    module(site, "bad_rules", code, name, params)
    exit_code, _, err = run("rules")
    assert (exit_code, err) == (
        2,
        f"orgmodel: the rule plugin orgmodel-bad 1.0 (module bad_rules): {problem}\n",
    )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (  # a blank docstring: orgmodel explain and the docs would have nothing to say
            "from orgmodel.plugin import Rule, register\n\n@register\nclass R(Rule):\n"
            "    \n    code = 'EX001'\n    name = 'my-rule'\n",
            "its rule EX001 my-rule has no documentation: its class docstring is what 'orgmodel explain' "
            "shows (a first line that says what it checks, then why)",
        ),
        (  # @register on a class that is no rule
            "from orgmodel.plugin import register\n\n@register\nclass X:\n    code = 'EX001'\n",
            "@register: X is not a subclass of orgmodel's Rule",
        ),
    ],
)
def test_a_plugin_registering_what_is_no_documented_rule_is_named_in_one_line(
    site: Path, source: str, problem: str
) -> None:
    install(site, "orgmodel-bad", {"bad": "bad_rules"})
    (site / "bad_rules.py").write_text(source, encoding="utf-8")
    code, out, err = run("check", str(FIXTURES / "models" / "small.yaml"))
    assert (code, out) == (2, "")
    assert err == f"orgmodel: the rule plugin orgmodel-bad 1.0 (module bad_rules): {problem}\n"


def test_a_plugin_that_fails_to_import_is_named_in_one_line(site: Path) -> None:
    install(site, "orgmodel-broken", {"broken": "broken_rules"})
    (site / "broken_rules.py").write_text("raise RuntimeError('no database\\n  at line 2')\n")
    code, out, err = run("check", str(FIXTURES / "models" / "small.yaml"))
    assert (code, out) == (2, "")
    assert err == (
        "orgmodel: the rule plugin orgmodel-broken 1.0 (module broken_rules) failed to import: "
        "RuntimeError: no database at line 2\n"
    )
    with pytest.raises(ConfigError, match="failed to import"):  # and again: the error is kept
        orgmodel.list_rules()


def test_an_entry_point_naming_a_missing_module_or_no_rule(site: Path) -> None:
    install(site, "orgmodel-gone", {"gone": "gone_rules"})
    code, _, err = run("rules")
    assert (code, err) == (
        2,
        "orgmodel: the rule plugin orgmodel-gone 1.0 (module gone_rules) failed to import: "
        "ModuleNotFoundError: No module named 'gone_rules'\n",
    )


def test_an_entry_point_whose_module_registers_no_rule(site: Path) -> None:
    install(site, "orgmodel-empty", {"empty": "empty_rules"})
    (site / "empty_rules.py").write_text('"""Nothing registered."""\n')
    code, _, err = run("rules")
    assert (code, err) == (
        2,
        "orgmodel: the rule plugin orgmodel-empty 1.0 (module empty_rules) registers no rule: the module "
        "its 'orgmodel.rules' entry point names must define its rules with @register\n",
    )


def test_version_and_help_never_load_a_plugin(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    install(site, "orgmodel-broken", {"broken": "broken_rules"})
    (site / "broken_rules.py").write_text("raise RuntimeError('imported')\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    for args, code in ((["--version"], 0), (["--help"], 0), (["check", "--help"], 0), (["rules"], 2)):
        done = subprocess.run(
            [sys.executable, "-m", "orgmodel", *args], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == code, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert ("RuntimeError: imported" in done.stderr) == (code == 2), args


@pytest.mark.parametrize(
    ("body", "failure"),
    [
        ("raise KeyError('staff')", "KeyError: 'staff'"),
        ("yield 'a finding as text'", "TypeError: check() yielded something that is not a Diagnostic"),
    ],
)
def test_a_plugin_rule_that_fails_on_a_file_is_om009_naming_the_plugin(
    site: Path, body: str, failure: str
) -> None:
    install(site, "orgmodel-buggy", {"buggy": "buggy_rules"}, "0.3")
    module(site, "buggy_rules", "BG001", "buggy", body=body)
    code, out, _ = run("check", str(FIXTURES / "models" / "small.yaml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith(
        f"OM009 internal-error [error] the rule BG001 buggy failed on this file: {failure}"
    )
    assert lines[3:5] == [
        "       = hint: this is a bug in the rule plugin orgmodel-buggy 0.3 (module buggy_rules); please "
        "report it to its authors with the file",
        "✗ 1 error, 0 warnings in 1 file (5 units checked)",
    ]


def test_an_entry_point_without_distribution_metadata_is_named_by_its_entry_point(site: Path) -> None:
    info = site / "nameless-1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\n")
    (info / "entry_points.txt").write_text("[orgmodel.rules]\nnameless = nameless_rules\n")
    code, _, err = run("rules")
    assert (code, err) == (
        2,
        "orgmodel: the rule plugin the entry point nameless (module nameless_rules) failed to import: "
        "ModuleNotFoundError: No module named 'nameless_rules'\n",
    )


SARIF_SCHEMA = FIXTURES.parent / "schemas" / "sarif-schema-2.1.0.json"


@pytest.mark.parametrize("output_format", ["sarif", "json", "junit", "github", "gitlab"])
def test_a_plugin_that_fails_to_import_still_gets_a_ci_document(site: Path, output_format: str) -> None:
    # `--format sarif > orgmodel.sarif || true` must hand the upload step a document naming the
    # plugin, not an empty file (it was an "internal error" with no output)
    install(site, "orgmodel-broken", {"broken": "broken_rules"})
    (site / "broken_rules.py").write_text("import not_there\n")
    code, out, err = run("check", "--format", output_format, str(FIXTURES / "models" / "small.yaml"))
    problem = (
        "the rule plugin orgmodel-broken 1.0 (module broken_rules) failed to import: "
        "ModuleNotFoundError: No module named 'not_there'"
    )
    assert (code, err) == (2, f"orgmodel: {problem}\n")
    if output_format == "sarif":
        import json

        import jsonschema

        log = json.loads(out)
        jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        (invocation,) = log["runs"][0]["invocations"]
        assert invocation["toolExecutionNotifications"][0]["message"]["text"] == problem
        assert "OM120" in {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    elif output_format == "json":
        import json

        assert json.loads(out)["failures"] == [problem]
    elif output_format == "gitlab":
        assert out == "[]\n"
    else:
        assert problem.replace("'", "&apos;") in out or problem in out
