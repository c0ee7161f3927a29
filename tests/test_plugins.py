"""Rule plugins in this process: entry points of distributions written to a directory on sys.path.

A ``*.dist-info`` directory with ``METADATA`` and ``entry_points.txt`` on
``sys.path`` is an installed distribution to ``importlib.metadata``: these
tests use that real lookup, not a mock. tests/test_plugin_venv.py installs the
example plugin into a real venv; tests/test_plugins_refused.py has the plugins that break.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from installed_plugins import EXAMPLE, SUFFIX, install, module, plugins_on_sys_path, run

import orgmodel
import orgmodel.rule as rule_module
from conftest import FIXTURES
from orgmodel.ruleset import ConfigError


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from plugins_on_sys_path(tmp_path, monkeypatch)


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
        "2 changes in 1 file (1 structure, 1 principle)",
    ]


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


def test_a_plugin_module_imported_before_the_rules_keeps_its_origin(example: Path) -> None:
    import orgmodel_example.rules  # type: ignore[import-not-found]  # a plugin's own tests do this

    found = rule_module.find_rule("EX001")
    assert found is orgmodel_example.rules.VirksomhetNamePrefix
    plugin = rule_module.plugin_of(found)
    assert plugin is not None and plugin.described == "orgmodel-example 0.1.0 (module orgmodel_example.rules)"


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


def test_a_rule_of_a_plugin_not_installed_gets_the_plugin_hint_not_only_a_far_guess(example: Path) -> None:
    Path("far.yaml").write_text("orgmodel-ruleset: 1\nrules:\n  kommune-sentral-stab: {severity: error}\n")
    code, _, err = run("check", "--ruleset", "far.yaml", "small.yaml")
    assert code == 2
    assert err.splitlines()[:2] == [
        "far.yaml:3:3: OM008 config [error] no rule is called 'kommune-sentral-stab'",
        "       = hint: did you mean 'kommunedel-hub'? 'orgmodel rules' lists every rule; a plugin's rules "
        "need the plugin installed beside orgmodel (rule plugins installed: orgmodel-example 0.1.0)",
    ]


def test_sarif_links_only_orgmodels_own_rules_to_orgmodels_rule_pages(example: Path) -> None:
    from orgmodel.formatters.sarif import rule_descriptors

    report = orgmodel.check_paths(["small.yaml"], ruleset="testby.yaml")
    described = {d["id"]: d for d in rule_descriptors(report, "https://example.org/orgmodel")}
    assert "helpUri" not in described["EX001"]
    assert described["EX001"]["shortDescription"] == {
        "text": "Every virksomhet's name starts with the prefix the municipality adopted."
    }
    assert described["OM101"]["helpUri"] == "https://example.org/orgmodel/blob/main/docs/rules/OM101.md"
