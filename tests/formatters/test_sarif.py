"""``--format sarif`` against the official SARIF 2.1.0 JSON Schema (tests/schemas/), and its rule metadata."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rfc3986_validator import validate_rfc3986
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.api import check_paths
from orgmodel.checks import CHECKS
from orgmodel.cli import app
from orgmodel.formatters import check_renderer
from orgmodel.formatters.sarif import artifact_location
from orgmodel.rule import find_rule, load_rules

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def sarif(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(app, ["check", "--format", "sarif", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    log: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, log


def assert_valid(log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(log)]
    assert not errors, errors
    for result in log["runs"][0]["results"]:
        for location in result["locations"]:
            assert validate_rfc3986(location["physicalLocation"]["artifactLocation"]["uri"], "URI_reference")


def test_the_schema_is_the_official_one_and_rejects_a_wrong_log() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert not VALIDATOR.is_valid({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})


def test_the_shipped_models_give_a_valid_log_with_suppressed_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    code, log = sarif("models/")
    assert code == 0
    assert_valid(log)
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 3 and len(results) - len(suppressed) == 5  # as `orgmodel check models/` says
    assert all(s["kind"] == "inSource" and s["justification"] for r in suppressed for s in r["suppressions"])


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_every_invalid_fixture_gives_a_valid_log_at_the_expected_positions(path: Path) -> None:
    header = path.read_text(encoding="utf-8").splitlines()
    expected = [tuple(e.split()) for e in header[0].removeprefix("# expect: ").split(", ")]
    ruleset = next((h.removeprefix("# ruleset: ") for h in header if h.startswith("# ruleset: ")), "default")
    code, log = sarif("--ruleset", ruleset, str(path))
    assert code == 1
    assert_valid(log)
    found = []
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        found.append((f"{region['startLine']}:{region['startColumn']}", result["ruleId"]))
    assert found == expected


def test_load_errors_are_results(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    code, log = sarif(str(FIXTURES / "invalid" / "broken-yaml.yaml"), str(tmp_path / "list.yaml"))
    assert code == 1
    assert_valid(log)
    assert [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]] == [
        ("OM001", "error"),
        ("OM006", "error"),
    ]


def test_every_rule_and_check_is_described_and_each_result_points_at_its_rule() -> None:
    report = check_paths([FIXTURES / "formats" / "findings.yaml"], ruleset="drammen-2020")
    stream = io.StringIO()
    renderer = check_renderer("sarif", stream, repository_url="https://git.example.org/kommune/orgmodel")
    renderer.start(report.ruleset)
    for file in report.files:
        renderer.handle(file)
    renderer.finish(report)
    log = json.loads(stream.getvalue())
    assert_valid(log)
    driver = log["runs"][0]["tool"]["driver"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted([c.code for c in CHECKS] + list(load_rules()))
    assert driver["informationUri"] == "https://git.example.org/kommune/orgmodel"
    by_id = {r["id"]: r for r in rules}
    span = find_rule("OM120")
    assert span is not None
    assert by_id["OM120"]["name"] == "span-of-control"
    assert by_id["OM120"]["shortDescription"]["text"] == span.summary()
    assert by_id["OM120"]["help"]["text"] == span.documentation()
    assert (
        by_id["OM120"]["helpUri"] == "https://git.example.org/kommune/orgmodel/blob/main/docs/rules/OM120.md"
    )
    assert by_id["OM120"]["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert by_id["OM140"]["defaultConfiguration"]["enabled"] is False  # off in drammen-2020
    assert by_id["OM001"]["fullDescription"]["text"].startswith("The file is valid YAML. A syntax error is")
    for rule in rules:  # every help URI leads to a page of the repository
        assert (ROOT / rule["helpUri"].removeprefix(driver["informationUri"] + "/blob/main/")).is_file()
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["orgmodelFingerprint/v1"]) == 16


def test_paths_become_relative_uri_references(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    base = {"uriBaseId": "%SRCROOT%"}
    assert artifact_location("./models/drammen-2020.yaml") == {"uri": "models/drammen-2020.yaml", **base}
    assert artifact_location(str(ROOT / "models" / "a b#ø.yaml")) == {
        "uri": "models/a%20b%23%C3%B8.yaml",
        **base,
    }
    assert artifact_location("/elsewhere/x\udcff.yaml") == {"uri": "file:///elsewhere/x%FF.yaml"}


def test_the_rules_documentation_in_sarif_is_in_the_runs_language() -> None:
    result = CliRunner().invoke(
        app,
        [
            "--lang",
            "nb",
            "check",
            "-f",
            "sarif",
            "--ruleset",
            "default",
            str(FIXTURES / "models" / "small.yaml"),
        ],
    )
    rules = {r["id"]: r for r in json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    assert (
        rules["OM120"]["shortDescription"]["text"]
        == "En leders lederspenn holder seg innenfor grensene for rollen."
    )
    assert rules["OM001"]["help"]["text"].startswith(rules["OM001"]["shortDescription"]["text"])


def test_a_configuration_that_does_not_load_still_gives_a_valid_log_with_its_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # '--format sarif > orgmodel.sarif || true' before upload-sarif: an empty file would fail the upload
    (tmp_path / ".git").mkdir()
    (tmp_path / ".orgmodel.yaml").write_text("paths: [models]\nselect: [nosuch-rule]\n", encoding="utf-8")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "small.yaml").write_bytes((FIXTURES / "models" / "small.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    code, log = sarif()
    assert code == 2
    assert_valid(log)
    (found,) = log["runs"][0]["results"]
    assert found["ruleId"] == "OM008" and found["level"] == "error"
    region = found["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 10)
    # the check did not run: a consumer tells it from a run with one finding (a CI integrator's tour)
    (invocation,) = log["runs"][0]["invocations"]
    assert (invocation["executionSuccessful"], invocation["exitCode"]) == (False, 2)
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == (
        "the configuration or a ruleset did not load; the results say where"
    )
    github = CliRunner().invoke(app, ["check", "--format", "github"])
    assert github.exit_code == 2
    assert github.stdout.startswith("::error file=.orgmodel.yaml,line=2,col=10,")
    text = CliRunner().invoke(app, ["check"])
    assert (text.exit_code, text.stdout) == (2, "")  # the text format: the errors on stderr only


def test_the_json_of_a_ruleset_that_does_not_load_names_that_ruleset(tmp_path: Path) -> None:
    broken = tmp_path / "regelsett.yaml"
    broken.write_text("orgmodel-ruleset: 1\nrules:\n  max-levels:\n    max: '5'\n", encoding="utf-8")
    model = str(FIXTURES / "models" / "small.yaml")
    result = CliRunner().invoke(app, ["check", "--format", "json", "--ruleset", str(broken), model])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["ruleset"] == {"path": str(broken), "chain": [str(broken)]}
    assert [d["code"] for f in document["files"] for d in f["diagnostics"]] == ["OM008"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch.yaml"], "nosuch.yaml: no such file or directory"),
        (["--select", "OM999", "small.yaml"], "--select: 'OM999' matches no rule code, prefix or name"),
        ([], "no paths given and no .orgmodel.yaml with 'paths:' found; try 'orgmodel check models/'"),
    ],
)
def test_a_run_stopped_before_any_file_was_checked_is_a_valid_log_of_a_failed_invocation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    # the upload step after '--format sarif > orgmodel.sarif || true' needs a log; no line to show it at
    (tmp_path / ".git").mkdir()
    (tmp_path / "small.yaml").write_bytes((FIXTURES / "models" / "small.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    code, log = sarif(*args)
    assert code == 2
    assert_valid(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "exitCode": 2,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": message}}],
        }
    ]
    clean = sarif("small.yaml")[1]["runs"][0]
    assert "invocations" not in clean  # a run that checked its files is as before


def test_a_custom_rule_is_described_by_its_summary_and_description(tmp_path: Path) -> None:
    # it was described by its name alone, as a rule from outside the registry
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text(
        "orgmodel-ruleset: 1\ncustom:\n  - code: KOM002\n    name: few-stabs\n"
        "    summary: At most eight staff units (stab), for a lean administration.\n"
        "    description: Report p. 68.\n    where: {kind: stab}\n    at_most: 8\n",
        encoding="utf-8",
    )
    _code, log = sarif("--ruleset", str(ruleset), str(ROOT / "models" / "drammen-2020.yaml"))
    assert_valid(log)
    (rule,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "KOM002"]
    assert rule["name"] == "few-stabs"
    assert rule["shortDescription"]["text"] == "At most eight staff units (stab), for a lean administration."
    assert rule["fullDescription"]["text"].endswith("administration. Report p. 68.")
    assert "A custom rule, declared in" in rule["help"]["text"]
