"""The check formats for CI and editors: exact snapshots, exit codes, escaping, and valid documents.

ORGMODEL_UPDATE_SNAPSHOTS=1 rewrites the snapshots in tests/fixtures/formats/; review them with git diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel import __version__
from orgmodel.cli import app
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.formatters import formats_for
from orgmodel.formatters.github import command, escape_data, escape_property
from orgmodel.formatters.junit import _case

FORMATS = FIXTURES / "formats"
FINDINGS = "tests/fixtures/formats/findings.yaml"
BROKEN = "tests/fixtures/invalid/broken-yaml.yaml"
SMALL = "tests/fixtures/models/small.yaml"
SNAPSHOT = {"github": "github.txt", "gitlab": "gitlab.json", "junit": "junit.xml"}
SNAPSHOT |= {"json-lines": "findings.jsonl", "concise": "concise.txt"}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def compare(name: str, text: str) -> None:
    path = FORMATS / name
    if os.environ.get("ORGMODEL_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with ORGMODEL_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(SNAPSHOT))
def test_snapshot(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = run("check", "--ruleset", "default", "--format", fmt, FINDINGS, BROKEN)
    assert code == 1
    compare(SNAPSHOT[fmt], out)


def test_sarif_snapshot_of_the_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = run("check", "--ruleset", "default", "--format", "sarif", FINDINGS, BROKEN)
    assert code == 1
    run_ = json.loads(out)["runs"][0]
    rules = run_["tool"]["driver"].pop("rules")
    for result in run_["results"]:  # the index depends on how many rules exist: checked, not snapshotted
        assert rules[result.pop("ruleIndex")]["id"] == result["ruleId"]
    text = json.dumps(run_, indent=2, ensure_ascii=False) + "\n"
    compare("sarif-run.json", text.replace(f'"{__version__}"', '"<version>"'))


@pytest.mark.parametrize("fmt", formats_for("check"))
def test_the_exit_code_does_not_depend_on_the_format(fmt: str, tmp_path: Path) -> None:
    assert run("check", "--ruleset", "default", "--format", fmt, str(ROOT / SMALL))[0] == 0
    assert run("check", "--ruleset", "default", "--format", fmt, str(ROOT / FINDINGS))[0] == 1
    assert (
        run("check", "--ruleset", "default", "--format", fmt, "--fail-on", "error", str(ROOT / BROKEN))[0]
        == 1
    )
    assert run("check", "--ruleset", "default", "--format", fmt, str(tmp_path / "missing.yaml"))[0] == 2
    assert run("check", "--format", fmt, "--fail-on", "fatal", SMALL)[0] == 2


@pytest.mark.parametrize("fmt", formats_for("check"))
def test_a_file_name_that_is_not_utf8_is_shown_not_a_crash(fmt: str, tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff\x1b.yaml")
    (tmp_path / name).write_bytes((FIXTURES / "invalid" / "span-above-max.yaml").read_bytes())
    code, out = run("check", "--ruleset", "default", "--format", fmt, str(tmp_path / name))
    assert code == 1
    assert "\x1b" not in out and "\udcff" not in out  # neither raw nor as a lone surrogate
    assert "OM120" in out
    if fmt == "sarif":
        assert f'"uri": "{tmp_path.as_uri()}/%FF%1B.yaml"' in out  # the URI of the file's bytes


def test_the_toolkit_escapes_of_github_commands() -> None:
    assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert escape_property("50% a\r\nb: c, d") == "50%25 a%0D%0Ab%3A c%2C d"


def _diag(path: str, message: str, **more: object) -> Diagnostic:
    return Diagnostic(path, 3, 5, "OM120", "span-of-control", Severity.INFO, message, **more)  # type: ignore[arg-type]


def test_a_github_command_cannot_be_broken_out_of() -> None:
    diag = _diag("m,x::error file=y\n::error::a.yaml", "a\n::error file=z::pwned\r% \x1b[31m", hint="h\nx")
    line = command(diag)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert line == (
        "::notice file=m%2Cx%3A%3Aerror file=y\\n%3A%3Aerror%3A%3Aa.yaml,line=3,col=5,"
        "title=OM120 span-of-control::a\\n::error file=z::pwned\\r%25 \\x1b[31m%0Ahint: h\\nx"
    )


@given(st.text(min_size=1), st.text(), st.none() | st.text())
def test_any_path_message_and_hint_stay_inside_one_github_command(
    path: str, message: str, hint: str | None
) -> None:
    line = command(_diag(path, message, hint=hint))
    assert "\n" not in line and "\r" not in line
    head, _, _data = line.removeprefix("::").partition("::")
    assert head.startswith("notice file=") and head.endswith(",title=OM120 span-of-control")
    keys = [prop.partition("=")[0] for prop in head.removeprefix("notice ").split(",")]
    assert keys == ["file", "line", "col", "title"]  # no property added, none split


@given(st.text(min_size=1), st.text(), st.none() | st.text())
def test_any_path_message_and_hint_make_well_formed_junit(path: str, message: str, hint: str | None) -> None:
    suite = ET.Element("testsuite")
    diag = Diagnostic(path, 1, 1, "OM120", "span-of-control", Severity.WARNING, message, hint=hint)
    assert _case(suite, diag, path, {}, Severity.WARNING) == "failure"
    parsed = ET.fromstring(ET.tostring(suite, encoding="unicode"))
    failure = parsed.find("testcase/failure")
    assert failure is not None and failure.get("type") == "OM120"


def test_a_github_command_spanning_lines_sends_no_columns() -> None:
    diag = _diag("a.yaml", "m", end_line=6, end_col=2)
    assert command(diag) == "::notice file=a.yaml,line=3,endLine=6,title=OM120 span-of-control::m"
    same = _diag("a.yaml", "m", end_line=3, end_col=9)
    assert (
        command(same)
        == "::notice file=a.yaml,line=3,col=5,endLine=3,endColumn=9,title=OM120 span-of-control::m"
    )


def test_junit_is_well_formed_xml_with_hostile_names_and_file_names(tmp_path: Path) -> None:
    text = (FIXTURES / "formats" / "findings.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "a\x01<b>&.yaml"
    hostile.write_text(
        text.replace('"Nord::error', '"\\e]8;;x\\a<![CDATA[ ]]> Nord::error'), encoding="utf-8"
    )
    code, out = run("check", "--ruleset", "default", "--format", "junit", str(hostile))
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name", "").endswith("a\\x01<b>&.yaml")
    names = [case.get("name") for case in suite.iter("testcase")]
    assert names == [
        "OM205 hub-co-location at 9:10",
        "OM120 span-of-control at 19:12",
        "OM150 robust-units at 27:12",
        "OM150 robust-units at 32:10",
    ]
    failure = suite.find("testcase/failure[@type='OM150']")
    assert failure is not None
    assert failure.get("message", "").startswith(
        "'\\x1b]8;;x\\x07<![CDATA[ ]]> Nord::error file=x,line=1::<b>&amp;"
    )
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "3", "0")


def test_junit_of_a_clean_file_is_one_passing_case_and_a_load_error_is_an_error() -> None:
    code, out = run(
        "check", "--ruleset", "default", "--format", "junit", str(ROOT / SMALL), str(ROOT / BROKEN)
    )
    assert code == 1
    root = ET.fromstring(out)
    clean, broken = root.findall("testsuite")
    assert [(c.get("name"), list(c)) for c in clean] == [("orgmodel check", [])]
    assert [e.tag for e in broken.iter() if e.tag in ("failure", "error")] == ["error"]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "0", "1")


def test_gitlab_fingerprints_are_unique_and_stable_when_lines_move(tmp_path: Path) -> None:
    model = (FIXTURES / "formats" / "findings.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(model, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "# two lines\n# further down\n" + model.replace("75", "80"), encoding="utf-8"
    )
    os.chdir(tmp_path)
    try:
        issues = json.loads(run("check", "--ruleset", "default", "--format", "gitlab", "a.yaml", "b.yaml")[1])
    finally:
        os.chdir(ROOT)
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints)) == 8
    assert [i["location"]["positions"]["begin"]["line"] for i in issues] == [9, 19, 27, 32, 11, 21, 29, 34]
    moved = json.loads(
        run("check", "--ruleset", "default", "--format", "gitlab", str(tmp_path / "b.yaml"))[1]
    )
    assert {i["fingerprint"] for i in moved} != set(prints[4:])  # another path: another fingerprint
    assert [i["severity"] for i in issues[:4]] == ["major", "critical", "major", "info"]


def test_json_lines_hold_the_json_formats_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    document = json.loads(run("check", "--ruleset", "default", "--format", "json", FINDINGS, BROKEN)[1])
    lines = run("check", "--ruleset", "default", "--format", "json-lines", FINDINGS, BROKEN)[1].splitlines()
    assert [json.loads(line) for line in lines] == [d for f in document["files"] for d in f["diagnostics"]]


def test_concise_is_plain_when_piped_coloured_on_request_and_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "x\x1b[2J.yaml"
    hostile.write_text(
        (FIXTURES / "invalid" / "span-above-max.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    plain = run("check", "--ruleset", "default", "--format", "concise", str(hostile))[1]
    assert plain == (
        f"{tmp_path}/x\\x1b[2J.yaml:13:12: OM120 [error] 'Hjemmetjenester Nord' (v1) has a span of control "
        "of 75 (0 unit leaders + 75 staff), above the maximum of 60 for a first-line leader\n"
    )
    coloured = run("check", "--ruleset", "default", "--format", "concise", "--color", str(hostile))[1]
    assert "\x1b[1;31mOM120\x1b[0m" in coloured and "\x1b[2J" not in coloured


def test_two_junit_cases_of_one_rule_at_one_spot_get_their_own_names() -> None:
    code, out = run("check", "--format", "junit", str(ROOT / "models" / "drammen-2020.yaml"))
    assert code == 0
    root = ET.fromstring(out.encode("utf-8"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert "OM230 co-location at 84:95" in names and "OM230 co-location at 84:95 #2" in names
    assert len(names) == len(set(names))


def test_a_run_stopped_before_any_file_was_checked_still_gives_each_ci_format_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the CI step reads its report from a file whatever the exit code: an empty file breaks the step
    # and hides the reason; the message stays on stderr for the log
    monkeypatch.chdir(tmp_path)
    why = "missing.yaml: no such file or directory"
    result = CliRunner().invoke(app, ["check", "--format", "junit", "missing.yaml"])
    assert result.exit_code == 2 and result.stderr == f"orgmodel: {why}\n"
    root = ET.fromstring(result.stdout)
    (suite,) = root.findall("testsuite")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "1")
    error = suite.find("testcase/error")
    assert error is not None and (error.get("message"), error.text) == (why, why)
    assert run("check", "--format", "github", "missing.yaml") == (2, f"::error title=orgmodel::{why}\n")
    assert run("check", "--format", "gitlab", "missing.yaml") == (2, "[]\n")
    assert run("check", "--format", "json-lines", "missing.yaml") == (2, "")
    code, out = run("check", "--format", "json", "-o", "report.json", "missing.yaml")
    document = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert (code, out, document["files"], document["failures"]) == (2, "", [], [why])
    schema = json.loads((ROOT / "docs" / "check-output.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert run("check", "--format", "text", "missing.yaml") == (2, "")  # the error on stderr only


def test_the_json_of_a_run_that_checked_its_files_has_no_failures_key() -> None:
    code, out = run("check", "--ruleset", "default", "--format", "json", str(ROOT / SMALL))
    assert code == 0 and "failures" not in json.loads(out)


def test_a_gate_that_cannot_apply_still_gives_the_ci_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a shallow CI clone has no target branch: '--new-since origin/main' stops, and the report step
    # still needs its file
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_bytes((ROOT / SMALL).read_bytes())
    why = (
        "x.yaml is not inside a git repository, so it has no revision origin/main; use --baseline FILE "
        "outside git"
    )
    assert run("check", "-f", "gitlab", "--new-since", "origin/main", "x.yaml") == (2, "[]\n")
    code, out = run("check", "-f", "json", "--baseline", "none.json", "x.yaml")
    document = json.loads(out)
    assert (code, document["files"]) == (2, [])
    assert document["failures"] == [
        "none.json: no such baseline file; write one with 'orgmodel check --write-baseline none.json'"
    ]
    code, out = run("check", "-f", "github", "--new-since", "origin/main", "x.yaml")
    assert (code, out) == (2, f"::error title=orgmodel::{why}\n")


def test_ci_paths_are_relative_to_the_repository_root_from_any_directory_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GitLab and code scanning read a path from the repository's root, not from where orgmodel ran
    (tmp_path / ".git").mkdir()
    models = tmp_path / "planning" / "models"
    models.mkdir(parents=True)
    (models / "x.yaml").write_bytes((ROOT / "tests/fixtures/invalid/span-above-max.yaml").read_bytes())
    monkeypatch.chdir(models)
    issues = json.loads(run("check", "--ruleset", "default", "-f", "gitlab", "x.yaml")[1])
    assert {i["location"]["path"] for i in issues} == {"planning/models/x.yaml"}
    log = json.loads(run("check", "--ruleset", "default", "-f", "sarif", "x.yaml")[1])
    (found,) = log["runs"][0]["results"]
    assert found["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "planning/models/x.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert run("check", "--ruleset", "default", "-f", "github", "x.yaml")[1].startswith(
        "::error file=planning/models/x.yaml,"
    )
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_bytes((models / "x.yaml").read_bytes())
    issues = json.loads(run("check", "--ruleset", "default", "-f", "gitlab", str(outside))[1])
    assert {i["location"]["path"] for i in issues} == {outside.as_posix()}  # outside the repository


def test_junit_fails_exactly_the_findings_that_fail_the_run() -> None:
    # under --fail-on error a warning passes the run; Jenkins marks a report with failures unstable
    args = ["check", "--ruleset", "default", "--format", "junit", str(ROOT / FINDINGS)]
    for extra, code, failures, passed in (([], 1, "3", 1), (["--fail-on", "error"], 1, "1", 3)):
        result = CliRunner().invoke(app, [*args, *extra])
        root = ET.fromstring(result.stdout)
        outs = root.findall(".//testcase/system-out")
        assert (result.exit_code, root.get("failures"), len(outs)) == (code, failures, passed), extra
