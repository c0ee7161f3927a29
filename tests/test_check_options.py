"""check's ruff-style options: stdin, --output-file, --quiet, --exit-zero, --statistics, --extend-*."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel.cli import app

SMALL = FIXTURES / "models" / "small.yaml"
SPAN = FIXTURES / "invalid" / "span-above-max.yaml"
MISSPELT = FIXTURES / "invalid" / "misspelled-key.yaml"
CLEAN = "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n"
SPAN_LINES = [
    "x.yaml:13:12: OM120 span-of-control [error] 'Hjemmetjenester Nord' (v1) has a span of control of 75 "
    "(0 unit leaders + 75 staff), above the maximum of 60 for a first-line leader",
    "    13 |     staff: 75",
    "       |            ^^",
    "       = hint: split the unit or add avdelinger with their own leaders",
]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in an empty git repository, so no configuration file above applies."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)


def run(*args: str | Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_stdin_is_checked_under_the_stdin_filename() -> None:
    code, out, err = run("check", "-", "--stdin-filename", "x.yaml", stdin=SPAN.read_bytes())
    assert (code, err) == (1, "")
    assert out.splitlines() == [*SPAN_LINES, "✗ 1 error, 0 warnings in 1 file (4 units checked)"]


def test_stdin_filename_alone_reads_stdin_and_a_dash_alone_names_it_stdin() -> None:
    _, out, _ = run("check", "--stdin-filename", "x.yaml", stdin=SPAN.read_bytes())
    assert out.splitlines()[:4] == SPAN_LINES
    code, out, _ = run("check", "-", "--format", "json", stdin=MISSPELT.read_bytes())
    assert code == 1
    assert [(d["path"], d["line"], d["col"]) for d in json.loads(out)["files"][0]["diagnostics"]] == [
        ("<stdin>", 12, 5)
    ]


def test_a_clean_model_on_stdin_exits_zero() -> None:
    assert run("check", "-", stdin=SMALL.read_bytes()) == (0, CLEAN, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-", str(SMALL)), "'-' reads the model from stdin and cannot be combined with other paths"),
        (
            ("--stdin-filename", "x.yaml", str(SMALL)),
            "--stdin-filename names the model read from stdin: give '-' as the only path, or no path",
        ),
    ],
)
def test_stdin_beside_other_paths_is_a_usage_error(args: tuple[str, ...], message: str) -> None:
    assert run("check", *args, stdin=b"") == (2, "", f"orgmodel: {message}\n")


def test_stdin_over_the_size_limit_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGMODEL_MAX_FILE_SIZE", "100")
    code, out, err = run("check", "-", stdin=SMALL.read_bytes())
    assert (code, out) == (2, "")
    assert err == "orgmodel: stdin holds more than the limit of 100 bytes for one file\n"


def test_output_file_gets_what_stdout_would_and_the_terminal_nothing(tmp_path: Path) -> None:
    _, expected, _ = run("check", "--ruleset", "default", SPAN)
    target = tmp_path / "report.txt"
    target.write_text("an older report\n", encoding="utf-8")
    assert run("check", "--ruleset", "default", "--output-file", target, SPAN) == (1, "", "")
    assert target.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "report.txt"]  # no temporary file left


def test_output_file_json_is_the_json_document(tmp_path: Path) -> None:
    assert run("check", "-f", "json", "-o", "out.json", SMALL) == (0, "", "")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["summary"] == {
        "files": 1,
        "errors": 0,
        "warnings": 0,
        "info": 0,
    }


def test_an_output_file_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    assert run("check", "-o", tmp_path / "reports" / "sub" / "out.txt", SMALL)[:2] == (0, "")  # dirs made
    assert (tmp_path / "reports" / "sub" / "out.txt").read_text(encoding="utf-8").startswith("✓")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    code, out, err = run("check", "-o", tmp_path / "a-file" / "out.txt", SMALL)
    assert (code, out) == (2, "")
    assert err.startswith(f"orgmodel: cannot write {tmp_path / 'a-file' / 'out.txt'}: ")


def test_quiet_prints_the_findings_without_the_summary() -> None:
    code, out, _ = run("check", "-q", "-", "--stdin-filename", "x.yaml", stdin=SPAN.read_bytes())
    assert (code, out.splitlines()) == (1, SPAN_LINES)
    assert run("check", "--quiet", SMALL) == (0, "", "")


def test_exit_zero_turns_findings_into_success_but_not_usage_errors(tmp_path: Path) -> None:
    assert run("check", "--exit-zero", SPAN)[0] == 0
    assert run("check", "--exit-zero", SPAN, "--fail-on", "info")[0] == 0
    assert run("check", "--exit-zero", tmp_path / "nowhere.yaml")[0] == 2
    assert run("check", "--exit-zero", "--select", "no-such-rule", SMALL)[0] == 2


def test_statistics_counts_per_rule_most_first(tmp_path: Path) -> None:
    for name, source in [("a.yaml", SPAN), ("b.yaml", SPAN), ("c.yaml", MISSPELT)]:
        (tmp_path / name).write_bytes(source.read_bytes())
    code, out, err = run("check", "--statistics", ".")
    assert (code, err) == (1, "")
    assert out.splitlines() == ["   2  OM120  span-of-control", "   1  OM011  unknown-key"]


def test_statistics_in_json_and_none_for_a_clean_run() -> None:
    code, out, _ = run("check", "--statistics", "--format", "json", SPAN)
    assert code == 1
    assert json.loads(out) == [{"code": "OM120", "name": "span-of-control", "severity": "error", "count": 1}]
    assert run("check", "--statistics", SMALL) == (0, "", "")


def test_extend_select_adds_a_rule_without_narrowing() -> None:
    # --ignore OM1 turns off every OM1xx rule; --extend-select OM120, more specific, brings one back
    narrowed = run("check", "--ignore", "OM120", SPAN)
    assert narrowed[0] == 0
    code, out, _ = run("check", "--ignore", "OM1", "--extend-select", "OM120", SPAN)
    assert (code, out.splitlines()[0]) == (1, f"{SPAN}:13:12: " + SPAN_LINES[0].split(": ", 1)[1])
    # without any select, --extend-select keeps every other rule running
    assert run("check", "--extend-select", "OM150", SPAN)[1] == run("check", SPAN)[1]


def test_extend_ignore_is_ignore() -> None:
    assert run("check", "--extend-ignore", "span-of-control", SPAN) == run("check", "--ignore", "OM120", SPAN)
    assert run("check", "--extend-ignore", "OM120", SPAN)[0] == 0


@pytest.mark.parametrize("flag", ["--extend-select", "--extend-ignore"])
def test_extend_selectors_are_validated_like_select(flag: str) -> None:
    code, out, err = run("check", flag, "span-of-controll", SMALL)
    assert (code, out) == (2, "")
    assert err == (
        f"orgmodel: {flag}: 'span-of-controll' matches no rule code, prefix or name; "
        "did you mean 'span-of-control'?\n"
    )
    code, _, err = run("check", flag, "OM001", SMALL)
    assert code == 2
    assert err == (
        f"orgmodel: {flag} 'OM001' names OM001 yaml-syntax: built into orgmodel and always on, so it cannot "
        "be selected or ignored (fix what it reports; 'orgmodel explain OM001' says how)\n"
    )


def test_output_file_never_overwrites_a_model_or_ruleset_the_check_reads(tmp_path: Path) -> None:
    model = tmp_path / "x.yaml"
    model.write_bytes(SPAN.read_bytes())
    code, out, err = run("check", "-o", "x.yaml", "x.yaml")
    assert (code, out) == (2, "")
    assert err == "orgmodel: --output-file x.yaml is a file this run reads; it is not overwritten\n"
    assert model.read_bytes() == SPAN.read_bytes()
    ruleset = tmp_path / "rules.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nextends: default\n", encoding="utf-8")
    assert run("check", "--ruleset", "rules.yaml", "-o", "rules.yaml", SMALL)[0] == 2
    assert ruleset.read_text(encoding="utf-8") == "orgmodel-ruleset: 1\nextends: default\n"


def test_output_never_overwrites_a_baseline_the_run_reads_nor_a_yaml_or_toml_file(tmp_path: Path) -> None:
    # a CI maintainer's finds: '-o' replaced the baseline, .orgmodel.yaml, and even the model diff compared
    model = tmp_path / "x.yaml"
    model.write_bytes(SPAN.read_bytes())
    config = tmp_path / ".orgmodel.yaml"
    config.write_text("paths: [x.yaml]\n", encoding="utf-8")
    run("check", "--write-baseline", "baseline.json", "x.yaml")
    kept = {p: p.read_bytes() for p in (model, config, tmp_path / "baseline.json")}
    code, out, err = run("check", "--baseline", "baseline.json", "-f", "json", "-o", "baseline.json")
    assert (code, out, err) == (
        2,
        "",
        "orgmodel: --output-file baseline.json is a file this run reads; it is not overwritten\n",
    )
    code, out, err = run("check", "-f", "junit", "-o", ".orgmodel.yaml")
    assert (code, out) == (2, "")
    assert err == "orgmodel: --output-file .orgmodel.yaml is a file this run reads; it is not overwritten\n"
    code, out, err = run("diff", "x.yaml", "x.yaml", "-f", "markdown", "-o", "x.yaml")
    assert (code, out, err) == (
        2,
        "",
        "orgmodel: --output-file x.yaml is a file this run reads; it is not overwritten\n",
    )
    hook = tmp_path / ".pre-commit-config.yaml"  # not read by the run, but no output of orgmodel is YAML
    hook.write_text("repos: []\n", encoding="utf-8")
    code, out, err = run("check", "-f", "json", "-o", ".pre-commit-config.yaml", "x.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "orgmodel: --output-file .pre-commit-config.yaml: an existing YAML or TOML file is never overwritten "
        "(it would be a model, a ruleset or a configuration, and orgmodel writes neither format)\n"
    )
    assert hook.read_text(encoding="utf-8") == "repos: []\n"
    assert {p: p.read_bytes() for p in kept} == kept
    assert run("check", "-f", "json", "-o", "report.json")[0] == 1  # any other file is written
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_output_never_replaces_an_input_when_the_run_stops_nor_in_diff_or_render(tmp_path: Path) -> None:
    # a tester's finds: an early stop wrote its document over the baseline; diff and render replaced
    # a model whose name is not .yaml
    model = tmp_path / "m.txt"
    model.write_bytes(SPAN.read_bytes())
    run("check", "--write-baseline", "bl.json", "m.txt")
    kept = {p: p.read_bytes() for p in (model, tmp_path / "bl.json")}
    code, out, err = run("check", "missing.yaml", "--baseline", "bl.json", "-f", "sarif", "-o", "bl.json")
    assert (code, out) == (2, "")
    assert err == (
        "orgmodel: --output-file bl.json is a file this run reads; it is not overwritten\n"
        "orgmodel: missing.yaml: no such file or directory\n"
    )
    assert run("check", "m.txt", "--select", "NOPE", "-f", "json", "-o", "m.txt")[0] == 2
    (tmp_path / "n.txt").write_bytes(SPAN.read_bytes().replace(b"staff: 75", b"staff: 70"))
    code, _, err = run("diff", "m.txt", "n.txt", "-o", "m.txt")
    assert (
        code == 2 and err == "orgmodel: --output-file m.txt is a file this run reads; it is not overwritten\n"
    )
    (tmp_path / "m.html").write_bytes(SPAN.read_bytes())  # a model named .html: render -o m.html
    code, _, err = run("render", "m.html", "-o", "m.html")
    assert code == 2 and err == "orgmodel: --output m.html is a file this run reads; it is not overwritten\n"
    assert {p: p.read_bytes() for p in kept} == kept


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device needs root")
def test_output_into_a_device_writes_into_it_and_never_replaces_it(tmp_path: Path) -> None:
    # as root in a CI container, a rename over /dev/null would replace the device itself
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert run("check", "-o", null, SMALL)[:2] == (0, "")
    assert stat.S_ISCHR(null.stat().st_mode)
