"""Gating on what changed: ``check --write-baseline`` and ``--baseline`` (``--new-since``: test_new_since.py).

Every test builds a real git repository in a temporary directory and runs
the command line; nothing is mocked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel import api
from orgmodel.cli import app

SARIF = jsonschema.Draft4Validator(
    json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
)
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SMALL = (FIXTURES / "models" / "small.yaml").read_text(encoding="utf-8")
# hjemme-nord (line 42) has 80 staff: over the first-line maximum of 60, an OM120 error today
TODAY = SMALL.replace("staff: 25", "staff: 80")
NORD = "'Hjemmetjenester Nord' (hjemme-nord)"
TILDELING = "'Tjenestetildeling' (tildeling)"


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)


def _repo(root: Path, text: str = TODAY) -> Path:
    """A repository whose first commit holds models/x.yaml; the path of that file."""
    _git(root, "init", "-q", "-b", "main")
    model = root / "models" / "x.yaml"
    model.parent.mkdir()
    model.write_text(text, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "today")
    return model


def _commit(root: Path, model: Path, text: str) -> None:
    """The pull request: the model changed and committed."""
    model.write_text(text, encoding="utf-8")
    _git(root, "commit", "-q", "-am", "pull request")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--ruleset", "default", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _found(out: str) -> list[tuple[int, int, str, str | None, str]]:
    data = json.loads(out)
    return [
        (d["line"], d["col"], d["code"], d["unit"], d["message"])
        for f in data["files"]
        for d in f["diagnostics"]
    ]


ADDED_DEFECT = TODAY.replace("staff: 12", "staff: 90")  # tildeling, line 33: a new OM120 error
NUMBER_ONLY = TODAY.replace("staff: 80", "staff: 82")  # the same finding with another number
FIXED = TODAY.replace("staff: 80", "staff: 20")  # the finding is gone
NEW_FINDING = (
    33,
    12,
    "OM120",
    "tildeling",
    f"{TILDELING} has a span of control of 90 (0 unit leaders + 90 staff), "
    "above the maximum of 60 for a first-line leader",
)


def _baselined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    model = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run("models/", "--write-baseline", "baseline.json")
    assert (code, out, err) == (0, "", "orgmodel: wrote 1 finding to the baseline baseline.json\n")
    return model


def test_the_baseline_file_lists_each_finding_once_sorted_with_its_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _baselined(tmp_path, monkeypatch)
    written = (tmp_path / "baseline.json").read_text(encoding="utf-8")
    assert json.loads(written) == {
        "tool": "orgmodel",
        "baseline": 1,
        "findings": [
            {
                "path": "models/x.yaml",
                "fingerprint": "7305f1e4d30d9401",
                "code": "OM120",
                "name": "span-of-control",
                "severity": "error",
                "unit": "hjemme-nord",
                "key": "max",
                "count": 1,
                "message": f"{NORD} has a span of control of 80 (0 unit leaders + 80 staff), "
                "above the maximum of 60 for a first-line leader",
            }
        ],
    }
    assert written.endswith("}\n") and written.count("\n") == 17  # indented: one key per line, diffs well
    assert (tmp_path / "baseline.json").stat().st_mode & 0o777 == 0o666 & ~_umask()  # not private
    (tmp_path / "baseline.json").chmod(0o640)
    assert run("models/", "--write-baseline", "baseline.json")[0] == 0
    assert (tmp_path / "baseline.json").read_text(encoding="utf-8") == written  # stable
    assert (tmp_path / "baseline.json").stat().st_mode & 0o777 == 0o640  # its mode kept
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "baseline.json", "models"]  # no leftovers


def test_a_pull_request_adding_one_defect_fails_with_exactly_that_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _baselined(tmp_path, monkeypatch)
    model.write_text(ADDED_DEFECT, encoding="utf-8")
    code, out, err = run("models/", "--baseline", "baseline.json", "--format", "json")
    assert (code, err) == (1, "")
    assert _found(out) == [NEW_FINDING]
    code, out, _ = run("models/", "--baseline", "baseline.json")
    assert code == 1
    assert out.splitlines()[0] == f"models/x.yaml:33:12: OM120 span-of-control [error] {NEW_FINDING[4]}"
    assert out.splitlines()[-1] == (
        "✗ 1 error, 0 warnings in 1 file (5 units checked, 1 baselined in baseline.json)"
    )


def test_a_pull_request_changing_only_a_number_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _baselined(tmp_path, monkeypatch)
    model.write_text(NUMBER_ONLY, encoding="utf-8")
    assert run("models/", "--baseline", "baseline.json") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked, 1 baselined in baseline.json)\n",
        "",
    )
    # a dashboard tracks the known findings too: the machine formats count them
    summary = json.loads(run("models/", "--baseline", "baseline.json", "-f", "json")[1])["summary"]
    assert summary == {"files": 1, "errors": 0, "warnings": 0, "info": 0, "known": 1}
    log = json.loads(run("models/", "--baseline", "baseline.json", "-f", "sarif")[1])
    assert log["runs"][0]["properties"] == {"orgmodelKnownFindings": 1}
    SARIF.validate(log)


def test_a_fixed_finding_is_listed_as_removable_and_does_not_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _baselined(tmp_path, monkeypatch)
    model.write_text(FIXED, encoding="utf-8")
    assert run("models/", "--baseline", "baseline.json") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n",
        "orgmodel: note: fixed, remove from the baseline baseline.json: "
        "models/x.yaml: OM120 span-of-control (unit hjemme-nord, max)\n",
    )


def test_an_entry_of_a_rule_that_per_file_ignores_turns_off_is_not_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _baselined(tmp_path, monkeypatch)  # the finding is still in the model: only the rule is off for it
    (tmp_path / ".orgmodel.yaml").write_text(
        'per-file-ignores: {"models/x.yaml": [span-of-control]}\n', encoding="utf-8"
    )
    assert run("models/", "--baseline", "baseline.json") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n",
        "",
    )


def test_the_baseline_works_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _repo(tmp_path)
    (tmp_path / "ci").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run("models/x.yaml", "--write-baseline", "ci/baseline.json")[0] == 0
    assert (
        json.loads((tmp_path / "ci" / "baseline.json").read_text())["findings"][0]["path"]
        == "../models/x.yaml"
    )
    model.write_text(NUMBER_ONLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "models")
    assert run("x.yaml", "--baseline", "../ci/baseline.json")[:2] == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked, 1 baselined in ../ci/baseline.json)\n",
    )
    monkeypatch.chdir(tmp_path.parent)
    assert run(str(model), "--baseline", str(tmp_path / "ci" / "baseline.json"))[0] == 0


def test_a_finding_that_became_more_serious_fails_and_is_not_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _repo(
        tmp_path, TODAY.replace("staff: 80", "staff: 40")
    )  # above the ruleset's warning limit of 30: a warning
    monkeypatch.chdir(tmp_path)
    assert run("models/", "--write-baseline", "baseline.json")[0] == 0
    model.write_text(NUMBER_ONLY, encoding="utf-8")  # 82: above the maximum, an error
    code, out, err = run("models/", "--baseline", "baseline.json", "--format", "json")
    assert (code, err) == (1, "")
    assert [(line, unit) for line, _, _, unit, _ in _found(out)] == [(42, "hjemme-nord")]


def test_a_second_finding_with_the_same_fingerprint_is_new(tmp_path: Path) -> None:
    from orgmodel.baseline import apply_baseline, entries
    from orgmodel.diagnostic import Diagnostic, Severity
    from orgmodel.engine import CheckedModel, Report
    from orgmodel.loader import Document
    from orgmodel.ruleset import load_ruleset

    def finding(line: int, message: str) -> Diagnostic:
        path = str(tmp_path / "m.yaml")
        return Diagnostic(path, line, 1, "OM002", "duplicate-key", Severity.ERROR, message, key="units")

    two = [finding(3, "a duplicate key 'units'"), finding(9, "a duplicate key 'units'")]
    (found,) = entries(two, tmp_path)
    assert (found.path, found.count, found.key) == ("m.yaml", 2, "units")
    baseline = tmp_path / "baseline.json"
    payload = {"tool": "orgmodel", "baseline": 1, "findings": [found.model_dump(mode="json")]}
    baseline.write_text(json.dumps(payload), encoding="utf-8")
    three = [*two, finding(12, "a duplicate key 'units'")]
    report = Report(
        [CheckedModel(two[0].path, Document(path=two[0].path, text=""), None, three, True)], load_ruleset()
    )
    outcome = apply_baseline(report, baseline)
    assert (outcome.known, outcome.fixed, report.baselined) == (2, [], 2)
    assert [d.line for d in report.diagnostics] == [12]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "b.json: no such baseline file; write one with 'orgmodel check --write-baseline b.json'"),
        ("{", "b.json is not an orgmodel baseline: not JSON (line 1, column 2)"),
        ("[" * 100_000, "b.json is not an orgmodel baseline: not JSON"),
        (
            '{"tool": "eslint"}',
            'b.json is not an orgmodel baseline (no "tool": "orgmodel" with "baseline": N)',
        ),
        (
            '{"tool": "orgmodel", "baseline": 2}',
            "b.json is a baseline of format 2; this orgmodel reads format 1",
        ),
        (
            '{"tool": "orgmodel", "baseline": true, "findings": []}',
            "b.json is a baseline of format True; this orgmodel reads format 1",
        ),
        (
            '{"tool": "orgmodel", "baseline": 1, "findings": [{"path": "x"}]}',
            "b.json is not a valid orgmodel baseline: findings.0.fingerprint: Field required",
        ),
        (
            '{"tool": "orgmodel", "baseline": 1, "findings": [{"path": "x", "fingerprint": "f", '
            '"code": "OM160", "name": "leader-required", "severity": "error", "count": true}]}',
            "b.json is not a valid orgmodel baseline: findings.0.count: Input should be a valid integer",
        ),
    ],
)
def test_a_missing_or_corrupt_baseline_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, message: str
) -> None:
    _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "b.json").write_text(content, encoding="utf-8")
    assert run("models/", "--baseline", "b.json") == (2, "", f"orgmodel: {message}\n")


def test_write_baseline_never_overwrites_a_model_or_a_file_that_is_no_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run("models/", "--write-baseline", "models/x.yaml") == (
        2,
        "",
        "orgmodel: not writing models/x.yaml: it is a model being checked, not a baseline file\n",
    )
    (tmp_path / "notes.json").write_text('{"mine": 1}\n', encoding="utf-8")
    code, _, err = run("models/", "--write-baseline", "notes.json")
    assert (code, err) == (
        2,
        'orgmodel: notes.json is not an orgmodel baseline (no "tool": "orgmodel" with "baseline": N); '
        "not overwriting it\n",
    )
    assert model.read_text(encoding="utf-8") == TODAY
    assert (tmp_path / "notes.json").read_text(encoding="utf-8") == '{"mine": 1}\n'


def test_write_baseline_into_a_missing_directory_or_onto_a_directory_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run("models/", "--write-baseline", "nodir/b.json") == (
        2,
        "",
        "orgmodel: cannot write nodir/b.json: the directory nodir does not exist\n",
    )
    code, out, err = run("models/", "--write-baseline", "models")
    assert (code, out) == (2, "")
    assert (
        err.splitlines()[-1] == "Error: Invalid value for '--write-baseline': file 'models' is a directory."
    )


def test_the_gate_options_cannot_be_combined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _baselined(tmp_path, monkeypatch)
    assert run("models/", "--baseline", "baseline.json", "--new-since", "HEAD") == (
        2,
        "",
        "orgmodel: --baseline and --new-since cannot be combined: give one of them\n",
    )


def test_the_python_api_gates_as_the_command_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import orgmodel
    from orgmodel import api

    model = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert api.write_baseline(orgmodel.check_paths(["models/"]), "baseline.json") == 1
    _commit(tmp_path, model, ADDED_DEFECT)
    for gate in (
        lambda r: api.apply_baseline(r, "baseline.json"),
        lambda r: api.apply_new_since(r, "HEAD~1"),
    ):
        report = orgmodel.check_paths(["models/"])
        outcome = gate(report)
        assert (outcome.known, outcome.fixed, report.baselined) == (1, [], 1)
        assert [(d.line, d.unit) for d in report.diagnostics] == [(33, "tildeling")]


def test_entries_of_a_model_not_checked_or_not_loading_are_not_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _repo(tmp_path)
    (tmp_path / "models" / "y.yaml").write_text(TODAY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("models/", "--write-baseline", "baseline.json")[2].endswith(
        "wrote 2 findings to the baseline baseline.json\n"
    )
    assert run("models/y.yaml", "--baseline", "baseline.json") == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (5 units checked, 1 baselined in baseline.json)\n",
        "",  # models/x.yaml was not checked: its entry is not fixed
    )
    model.write_text(TODAY.replace("units:", "units: [", 1), encoding="utf-8")  # no longer YAML
    code, out, err = run("models/x.yaml", "--baseline", "baseline.json")
    assert (code, err) == (1, "")
    assert out.splitlines()[-1] == "✗ 1 error, 0 warnings in 1 file (the rules did not run)"
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "y")
    code, out, err = run("models/x.yaml", "--new-since", "HEAD~1")
    assert (code, err) == (1, "")
    assert out.splitlines()[-1] == "✗ 1 error, 0 warnings in 1 file (the rules did not run)"


def test_a_model_that_does_not_load_is_never_baselined_nor_already_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the bypass a CI maintainer found: a key orgmodel does not know (OM011) stops the rules, so a
    # baseline or a base branch holding that load error let any later defect in the file through
    unknown = TODAY.replace("kommune: ", "ansvarlig: Planavdelingen\nkommune: ", 1)
    model = _repo(tmp_path, unknown)
    monkeypatch.chdir(tmp_path)
    code, out, err = run("models/", "--write-baseline", "baseline.json")
    assert (code, out) == (2, "")
    assert err == (
        "orgmodel: not writing baseline.json: models/x.yaml does not load (its rules did not run), so its "
        "findings are unknown; fix it first\n"
    )
    (found,) = api.check_paths([model], ruleset="default").diagnostics
    entry = {"path": "models/x.yaml", "fingerprint": found.fingerprint, "code": "OM011", "severity": "error"}
    old = {"tool": "orgmodel", "baseline": 1, "findings": [{**entry, "name": "unknown-key"}]}
    (tmp_path / "baseline.json").write_text(json.dumps(old), encoding="utf-8")  # as older versions wrote
    _commit(tmp_path, model, unknown.replace("staff: 12", "staff: 400"))  # the pull request
    for gate in (("--baseline", "baseline.json"), ("--new-since", "HEAD~1")):
        code, out, err = run("models/", *gate)
        assert (code, err) == (1, ""), gate
        assert out.splitlines()[-1] == "✗ 1 error, 0 warnings in 1 file (the rules did not run)", gate


MODELS = sorted(
    [
        *(ROOT / "tests" / "corpus").glob("*.yaml"),
        *(ROOT / "models").glob("*.yaml"),
        *(FIXTURES / "invalid").glob("*.yaml"),
    ]
)


@pytest.mark.parametrize(
    "path", [p for p in MODELS if not p.name.endswith(".expect.yaml")], ids=lambda p: p.stem
)
def test_a_baseline_of_a_model_accepts_exactly_its_findings(path: Path, tmp_path: Path) -> None:
    import orgmodel
    from orgmodel import api

    for ruleset in ("default", "drammen-2020"):
        checked = orgmodel.check_paths([path], ruleset=ruleset)
        found = checked.diagnostics
        baseline = tmp_path / f"{ruleset}.json"
        if not checked.files[0].rules_run:  # a model that does not load: its findings are unknown
            with pytest.raises(api.ConfigError, match="does not load"):
                api.write_baseline(checked, baseline)
            continue
        assert api.write_baseline(orgmodel.check_paths([path], ruleset=ruleset), baseline) == len(found)
        report = orgmodel.check_paths([path], ruleset=ruleset)
        outcome = api.apply_baseline(report, baseline)
        assert (outcome.known, outcome.fixed, report.diagnostics) == (len(found), [], [])


def test_a_finding_in_a_shipped_ruleset_is_named_alike_on_every_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # drammen-2020 on another kommune's model: its allocation_unit names no unit here, a finding in the
    # shipped file, whose path was the installation's (site-packages of one venv, not of CI's)
    model = _repo(tmp_path, SMALL)
    monkeypatch.chdir(tmp_path)
    checked = CliRunner().invoke(
        app, ["check", "--ruleset", "drammen-2020", "--write-baseline", "b.json", "models"]
    )
    assert checked.exit_code == 0, checked.stdout
    entries = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"]
    shipped = [e for e in entries if e["code"] == "OM212"]
    assert [e["path"] for e in shipped] == ["orgmodel:drammen-2020.yaml"], entries
    ci = CliRunner().invoke(app, ["check", "--ruleset", "drammen-2020", "--format", "gitlab", str(model)])
    paths = {issue["location"]["path"] for issue in json.loads(ci.stdout)}
    assert "orgmodel:drammen-2020.yaml" in paths and "models/x.yaml" in paths, paths
    sarif = CliRunner().invoke(app, ["check", "--ruleset", "drammen-2020", "--format", "sarif", str(model)])
    document = json.loads(sarif.stdout)
    SARIF.validate(document)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert "orgmodel:drammen-2020.yaml" in uris, uris
