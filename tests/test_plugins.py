"""Rule plugins in this process: entry points of distributions written to a directory on sys.path.

A ``*.dist-info`` directory with ``METADATA`` and ``entry_points.txt`` on
``sys.path`` is an installed distribution to ``importlib.metadata``: these
tests use that real lookup, not a mock. tests/test_plugin_venv.py installs the
example plugin into a real venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgmodel
import orgmodel.rule as rule_module
from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.ruleset import ConfigError

EXAMPLE = ROOT / "tests" / "plugin_example"
SUFFIX = "; a rule's code and name must be unique: uninstall the plugin or ask its authors to change them\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def install(site: Path, dist: str, entries: dict[str, str], version: str = "1.0") -> None:
    """Write an installed distribution's metadata: its name, version and ``orgmodel.rules`` entry points."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entries.items())
    (info / "entry_points.txt").write_text(f"[orgmodel.rules]\n{lines}")


RULE = '''
from orgmodel.plugin import Context, Rule, RuleParams, register


@register
class Made(Rule[RuleParams]):
    """A rule made for a test.

    Anti-pattern::

        - {{id: a}}

    Best practice::

        - {{id: b}}
    """

    code = "{code}"
    name = "{name}"
    Params = {params}

    def check(self, ctx: Context):
        {body}
'''


def module(
    site: Path, name: str, code: str, rule: str, params: str = "RuleParams", body: str = "yield from ()"
) -> None:
    """A plugin module registering one rule whose ``check`` runs ``body``."""
    source = RULE.format(code=code, name=rule, params=params, body=body)
    (site / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory on sys.path for plugins; the registry, and sys.modules, as they were afterwards."""
    rule_module.load_rules()
    saved = (
        dict(rule_module.REGISTRY),
        dict(rule_module._NAMES),
        dict(rule_module._PLUGINS),
    )
    modules = set(sys.modules)
    (tmp_path / "site").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.chdir(tmp_path)
    rule_module._LOADED.clear()  # the next load_rules() discovers again
    yield tmp_path / "site"
    for name in set(sys.modules) - modules:
        del sys.modules[name]
    for store, old in zip(
        (rule_module.REGISTRY, rule_module._NAMES, rule_module._PLUGINS), saved, strict=True
    ):
        store.clear()
        store.update(old)  # type: ignore[arg-type]
    rule_module._FAILED.clear()
    rule_module._LOADED[:] = [True]


@pytest.fixture
def example(site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example plugin (tests/plugin_example) installed: its metadata here, its module from the tests."""
    install(site, "orgmodel-example", {"example": "orgmodel_example.rules"}, "0.1.0")
    monkeypatch.syspath_prepend(str(EXAMPLE))
    shutil.copy(FIXTURES / "models" / "small.yaml", "small.yaml")
    Path("testby.yaml").write_text(
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  virksomhet-name-prefix:\n"
        "    prefix: Hjemmetjenester\n"
    )
    return site


FINDING = [
    "small.yaml:28:11: EX001 virksomhet-name-prefix [warning] 'Tjenestetildeling' (tildeling) does not "
    "start with 'Hjemmetjenester'",
    "    28 |     name: Tjenestetildeling",
    "       |           ^^^^^^^^^^^^^^^^^",
    "       = hint: rename it to start with 'Hjemmetjenester', or change 'prefix' in the ruleset",
]


def test_a_plugin_rule_is_listed_with_its_origin(example: Path) -> None:
    code, out, _ = run("rules", "--no-color")
    assert code == 0
    lines = out.splitlines()
    assert "│ code  │ name" not in out  # rich's heavy header line
    header = next(line for line in lines if "code" in line and "origin" in line)
    assert header.split()[1:6] == ["code", "┃", "name", "┃", "severity"]
    row = next(line for line in lines if "EX001" in line)
    assert row.split("│")[1:5] == [
        " EX001 ",
        " virksomhet-name-prefix      ",
        " warning  ",
        " orgmodel-example 0.1.0 ",
    ]
    builtin = next(line for line in lines if "OM101" in line)
    assert builtin.split("│")[4] == " built in               "
    info = {r.code: r for r in orgmodel.list_rules()}
    assert info["EX001"].origin == "orgmodel-example 0.1.0" and info["OM101"].origin is None


def test_without_plugins_the_rules_table_has_no_origin_column() -> None:
    code, out, _ = run("rules", "--no-color")
    assert code == 0 and "origin" not in out and "OM101" in out


def test_explain_names_the_plugin(example: Path) -> None:
    code, out, _ = run("explain", "virksomhet-name-prefix", "--ruleset", "testby.yaml")
    assert code == 0
    assert out.splitlines()[:4] == [
        "EX001 virksomhet-name-prefix (severity in testby.yaml: warning; the rule's default: warning)",
        "From the rule plugin orgmodel-example 0.1.0 (module orgmodel_example.rules).",
        "",
        "Every virksomhet's name starts with the prefix the municipality adopted.",
    ]
    assert " - prefix: Hjemmetjenester (the rule's default: '')" in out


def test_check_reports_the_plugin_rule_at_the_unit(example: Path) -> None:
    code, out, _ = run("check", "--ruleset", "testby.yaml", "small.yaml")
    assert code == 1
    assert out.splitlines() == [*FINDING, "! 0 errors, 1 warning in 1 file (5 units checked)"]


@pytest.mark.parametrize(
    ("setting", "args", "tail"),
    [
        ("{severity: off}", [], "✓ 0 errors, 0 warnings in 1 file (5 units checked)"),
        ("{severity: error}", [], "✗ 1 error, 0 warnings in 1 file (5 units checked)"),
        ("{}", ["--ignore", "EX"], "✓ 0 errors, 0 warnings in 1 file (5 units checked)"),
        ("{}", ["--ignore", "virksomhet-name-prefix"], "✓ 0 errors, 0 warnings in 1 file (5 units checked)"),
        ("{}", ["--select", "EX001"], "! 0 errors, 1 warning in 1 file (5 units checked)"),
    ],
)
def test_rulesets_and_selectors_govern_a_plugin_rule(
    example: Path, setting: str, args: list[str], tail: str
) -> None:
    Path("mine.yaml").write_text(f"orgmodel-ruleset: 1\nextends: testby.yaml\nrules:\n  EX001: {setting}\n")
    code, out, _ = run("check", "--ruleset", "mine.yaml", *args, "small.yaml")
    assert out.splitlines()[-1] == tail
    assert code == (0 if tail.startswith("✓") else 1)


def test_a_plugin_rules_parameters_are_validated_by_its_params(example: Path) -> None:
    Path("bad.yaml").write_text("orgmodel-ruleset: 1\nrules:\n  EX001:\n    prefixx: Testby\n")
    code, _, err = run("check", "--ruleset", "bad.yaml", "small.yaml")
    assert code == 2
    assert err.splitlines()[0] == (
        "bad.yaml:4:5: OM008 config [error] virksomhet-name-prefix.prefixx: the rule EX001 has no option "
        "'prefixx' (its options: prefix, kinds)"
    )


@pytest.mark.parametrize("name", ["EX001", "virksomhet-name-prefix"])
def test_a_suppression_names_a_plugin_rule_by_code_or_name(example: Path, name: str) -> None:
    text = Path("small.yaml").read_text()
    reason = f"    name: Tjenestetildeling  # orgmodel: ignore[{name}] its legal name (vedtak p. 3)"
    Path("small.yaml").write_text(text.replace("    name: Tjenestetildeling", reason))
    code, out, _ = run("check", "--ruleset", "testby.yaml", "small.yaml")
    assert (code, out) == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked, 1 suppressed with a reason)\n",
    )


def test_diff_matches_a_plugin_finding_by_its_fingerprint(example: Path) -> None:
    text = Path("small.yaml").read_text()
    Path("after.yaml").write_text(text.replace("name: Tjenestetildeling", "name: Hjemmetjenester tildeling"))
    code, out, _ = run("diff", "--ruleset", "testby.yaml", "small.yaml", "after.yaml")
    assert code == 0
    assert out.splitlines()[4:] == [
        "  0 new findings, 1 resolved, 0 changed, 0 unchanged",
        "  • resolved warning: EX001 virksomhet-name-prefix: 'Tjenestetildeling' (tildeling) does not start "
        "with 'Hjemmetjenester'  [finding-resolved:EX001:tildeling]",
        "2 changes in 1 file (1 structure, 1 principles)",
    ]


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


def test_two_plugins_with_one_code_are_a_configuration_error(example: Path) -> None:
    install(example, "orgmodel-zeta", {"zeta": "zeta_rules"}, "2.0")
    module(example, "zeta_rules", "EX001", "unit-name-length")
    for command in (["rules"], ["check", "small.yaml"], ["explain", "EX001"]):
        code, out, err = run(*command)
        assert (code, out) == (2, ""), command
        assert err == (
            "orgmodel: two rules share a code or name: EX001 virksomhet-name-prefix from orgmodel-example "
            "0.1.0 (module orgmodel_example.rules) and EX001 unit-name-length from orgmodel-zeta 2.0 "
            "(module zeta_rules)" + SUFFIX
        )
    with pytest.raises(ConfigError, match="two rules share a code or name"):
        orgmodel.check_text(Path("small.yaml").read_text())


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


def test_a_plugin_module_imported_before_the_rules_keeps_its_origin(example: Path) -> None:
    import orgmodel_example.rules  # type: ignore[import-not-found]  # a plugin's own tests do this

    found = rule_module.find_rule("EX001")
    assert found is orgmodel_example.rules.VirksomhetNamePrefix
    plugin = rule_module.plugin_of(found)
    assert plugin is not None and plugin.described == "orgmodel-example 0.1.0 (module orgmodel_example.rules)"


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


def test_the_example_plugins_own_tests_pass(example: Path, tmp_path: Path) -> None:
    """tests/plugin_example/tests/test_rules.py, as docs/plugins.md shows it, with the plugin installed."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("plugin_tests", EXAMPLE / "tests" / "test_rules.py")
    assert spec is not None and spec.loader is not None
    tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tests)
    tests.test_a_virksomhet_without_the_prefix_is_reported_at_its_name(tmp_path)
    tests.test_without_a_prefix_every_name_passes()


def test_a_misspelt_plugin_rule_in_a_ruleset_gets_a_did_you_mean(example: Path) -> None:
    Path("typo.yaml").write_text("orgmodel-ruleset: 1\nrules:\n  virksomhet-name-prefx: {prefix: Testby}\n")
    code, _, err = run("check", "--ruleset", "typo.yaml", "small.yaml")
    assert code == 2
    assert err.splitlines()[:2] == [
        "typo.yaml:3:3: OM008 config [error] no rule is called 'virksomhet-name-prefx'",
        "       = hint: did you mean 'virksomhet-name-prefix'?",
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


def test_sarif_links_only_orgmodels_own_rules_to_orgmodels_rule_pages(example: Path) -> None:
    from orgmodel.formatters.sarif import rule_descriptors

    report = orgmodel.check_paths(["small.yaml"], ruleset="testby.yaml")
    described = {d["id"]: d for d in rule_descriptors(report, "https://example.org/orgmodel")}
    assert "helpUri" not in described["EX001"]
    assert described["EX001"]["shortDescription"] == {
        "text": "Every virksomhet's name starts with the prefix the municipality adopted."
    }
    assert described["OM101"]["helpUri"] == "https://example.org/orgmodel/blob/main/docs/rules/OM101.md"
