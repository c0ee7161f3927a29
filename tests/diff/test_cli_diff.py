"""orgmodel diff on the command line: sides, formats, exit codes, and git read through the git command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "diff"
OLD, NEW = str(FIXTURES / "old.yaml"), str(FIXTURES / "new.yaml")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_two_files_text() -> None:
    code, out, _ = run(OLD, NEW, "--ruleset", "default")
    assert code == 0
    assert "People affected" in out and "Structure" in out and "Principles (rule findings)" in out
    assert "'Beta skole' (avd-beta) moved from 'Skole' (ks-skole) to 'Alfa skole' (skole-alfa)" in out
    assert " changes in 1 file (" in out.rstrip().splitlines()[-1]


def test_same_file_reports_no_change() -> None:
    code, out, _ = run(OLD, OLD)
    assert code == 0
    assert "no change" in out
    assert out.rstrip().endswith("0 changes in 1 file")


def test_list_kinds() -> None:
    code, out, _ = run("--list-kinds")
    assert code == 0
    first = [line.split()[0] for line in out.splitlines()]
    assert {"unit-added", "unit-moved", "unit-renamed", "unit-relevelled", "span-changed"} <= set(first)
    assert {"service-uncovered", "finding-new", "finding-resolved"} <= set(first)


def test_formats_are_the_registry_entries_that_serve_diff() -> None:
    for fmt in ("json", "markdown", "html", "text"):
        code, out, _ = run(OLD, NEW, "--format", fmt)
        assert code == 0 and out
    assert json.loads(run(OLD, NEW, "--format", "json")[1])["command"] == "diff"
    assert CliRunner().invoke(app, ["check", "--format", "markdown", OLD]).exit_code == 2  # diff only


def test_fail_on_new_and_allow() -> None:
    rules = ("--ruleset", str(FIXTURES / "ruleset.yaml"))
    code, out, _ = run(OLD, NEW, *rules, "--fail-on-new", "error")
    assert code == 1, out  # the level skip of 'Innkjøp' is a new error
    allowed = ["--allow", "finding-new:OM111:innkjop"]
    code, out, _ = run(OLD, NEW, *rules, "--fail-on-new", "error", *allowed)
    assert "(allowed)" in out
    code, out, _ = run(OLD, NEW, *rules, "--fail-on-new", "warning", *allowed)
    assert code == 1  # new warnings remain (robust-units of 'Frivillighetssentral')
    code, _, _ = run(NEW, NEW, *rules, "--fail-on-new", "warning")
    assert code == 0


def test_allow_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".orgmodel.yaml").write_text("allow: [unit-added:innkjop]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(OLD, NEW, "--format", "json")
    assert code == 0
    change = next(c for c in json.loads(out)["files"][0]["changes"] if c["id"] == "unit-added:innkjop")
    assert change["allowed"] is True


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("missing.yaml", NEW), "missing.yaml: no such file or directory"),
        ((OLD,), "give OLD and NEW"),
        ((OLD, str(FIXTURES)), "cannot compare the file"),
        (("--base", "HEAD", OLD, NEW), "with --base REV, give one"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], words: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert words in " ".join(err.split())


def test_broken_side_exits_2_with_its_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgmodel: 1\nkommune: X\nunits: [{id: a, name: A, level: one}]\n", encoding="utf-8")
    code, out, _ = run(OLD, str(bad))
    assert code == 2
    assert "expected a whole number" in out and "could not be compared" in out


def test_a_broken_side_is_worded_as_check_words_it_with_its_hint(tmp_path: Path) -> None:
    """Tour J: the diff's problem lacked the rule's name, the severity and the hint that check prints."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgmodel: 1\nkommune: X\nvalid_from: 01.01.2020\nunits: [{id: a, name: A, level: 1}]\n")
    code, out, _ = run(OLD, str(bad))
    assert code == 2
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "bad.yaml:3:13:" in line)
    assert lines[at].endswith(
        "bad.yaml:3:13: OM010 schema [error] valid_from: expected a date like 2020-01-01, got '01.01.2020'"
    )
    assert lines[at + 1] == "    = hint: write 2020-01-01 (year-month-day)"


def test_a_new_side_whose_references_are_broken_is_not_compared(tmp_path: Path) -> None:
    """One mistyped parent id: NEW's rules cannot run, so OLD's findings must not read as resolved."""
    text = Path(OLD).read_text(encoding="utf-8")
    parent = "parent: ks-skole"
    assert parent in text
    broken = tmp_path / "new.yaml"
    broken.write_text(text.replace(parent, "parent: ks-skolee"), encoding="utf-8")
    code, out, _ = run(OLD, str(broken), "--ruleset", "default")
    assert code == 2
    assert "no unit has the id 'ks-skolee'" in out and "could not be compared" in out
    assert "resolved" not in out and "moved" not in out


def test_an_old_side_whose_references_are_broken_is_compared(tmp_path: Path) -> None:
    """Main had a mistyped id and the proposal fixes it: its reference error is resolved, exit 0."""
    text = Path(OLD).read_text(encoding="utf-8")
    broken = tmp_path / "old.yaml"
    broken.write_text(text.replace("parent: ks-skole", "parent: ks-skolee", 1), encoding="utf-8")
    code, out, _ = run(str(broken), OLD, "--ruleset", "default")
    assert code == 0
    assert "resolved error: OM021" in out


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two commits of models/testby.yaml (OLD, then NEW)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "models").mkdir()
    shutil.copy(OLD, tmp_path / "models" / "testby.yaml")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "proposal 2")
    shutil.copy(NEW, tmp_path / "models" / "testby.yaml")
    shutil.copy(OLD, tmp_path / "models" / "other.yaml")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "proposal 3")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_git
def test_revision_sides(repo: Path) -> None:
    code, out, _ = run("HEAD~1:models/testby.yaml", "main:models/testby.yaml", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["old"] == "HEAD~1:models/testby.yaml"
    assert "unit-moved:avd-beta" in {c["id"] for c in data["files"][0]["changes"]}


@needs_git
def test_base_short_form_compares_the_working_file(repo: Path) -> None:
    (repo / "models" / "testby.yaml").write_text(
        Path(NEW).read_text(encoding="utf-8").replace("staff: 15", "staff: 16")
    )
    code, out, _ = run("--base", "HEAD", "models/testby.yaml")
    assert code == 0
    assert "'Tjenestetildeling' (tildeling): declared staff 15 -> 16" in out
    code, out, _ = run("--base", "HEAD~1", "models/testby.yaml")
    assert "merged into 'Hjemmetjenester Sør og Vest'" in out


@needs_git
def test_base_alone_compares_the_configured_path(repo: Path) -> None:
    # the README's CI line, 'orgmodel diff --base main --format markdown --fail-on-new error'
    code, _out, err = run("--base", "HEAD~1")
    assert code == 2 and "with --base REV, give one file or directory" in err  # no paths: configured
    (repo / ".orgmodel.yaml").write_text("paths: [models]\n", encoding="utf-8")
    code, out, _ = run("--base", "HEAD~1", "--format", "json")
    assert code == 0
    assert out == run("--base", "HEAD~1", "models", "--format", "json")[1]
    assert [f["new"] for f in json.loads(out)["files"]] == ["models/other.yaml", "models/testby.yaml"]
    (repo / ".orgmodel.yaml").write_text("paths: [models, models/testby.yaml]\n", encoding="utf-8")
    assert run("--base", "HEAD~1")[0] == 2  # two paths: which one is not guessed


@needs_git
def test_directories_pair_files_by_relative_path(repo: Path) -> None:
    code, out, _ = run("HEAD~1:models/", "models/", "--format", "json")
    assert code == 0
    files = json.loads(out)["files"]
    assert [(f["old"], f["new"]) for f in files] == [
        (None, "models/other.yaml"),
        ("HEAD~1:models/testby.yaml", "models/testby.yaml"),
    ]
    assert files[0]["changes"][0]["kind"] == "model-added"
    assert files[0]["changes"][0]["id"] == "model-added:models/other.yaml"


@needs_git
def test_a_colon_in_a_file_name_keeps_each_added_models_id_its_own(repo: Path) -> None:
    # the id once kept what followed the last ':', so 'a:b.yaml' and 'b.yaml' shared one (and --allow)
    shutil.copy(OLD, repo / "models" / "a:b.yaml")
    shutil.copy(NEW, repo / "models" / "b.yaml")
    code, out, _ = run("HEAD~1:models/", "models/", "--format", "json")
    assert code == 0
    ids = [c["id"] for f in json.loads(out)["files"] for c in f["changes"] if c["kind"] == "model-added"]
    assert ids == [
        "model-added:models/a:b.yaml",
        "model-added:models/b.yaml",
        "model-added:models/other.yaml",
    ]


@needs_git
@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("nosuchrev:models/testby.yaml", "this git repository has no revision 'nosuchrev'"),
        ("HEAD~1:models/missing.yaml", "'models/missing.yaml' does not exist at revision HEAD~1"),
    ],
)
def test_missing_revision_or_path_is_a_usage_error(repo: Path, spec: str, words: str) -> None:
    code, _, err = run(spec, "models/testby.yaml")
    assert code == 2
    assert words in " ".join(err.split())


@needs_git
def test_a_path_added_since_base_is_compared_with_nothing(repo: Path) -> None:
    # a pull request adding a model (or the first one adding models/): every file is new, not exit 2
    code, out, err = run("--base", "HEAD~1", "models/other.yaml", "--format", "json")
    assert (code, err) == (0, "")
    changes = json.loads(out)["files"][0]["changes"]
    assert changes[0]["id"] == "model-added:models/other.yaml"
    shutil.copytree(repo / "models", repo / "added")
    code, out, err = run("--base", "HEAD", "added", "--fail-on-new", "error")
    assert code == 1 and "model-added" in out, out + err  # its errors are new
    code, _, err = run("--base", "HEAD", "nowhere.yaml")
    assert code == 2 and "nowhere.yaml" in err  # on neither side: a usage error still


@needs_git
def test_outside_a_git_checkout_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(OLD, tmp_path / "m.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, _, err = run("--base", "HEAD~1", "m.yaml")
    assert code == 2
    assert "is not inside a git repository" in " ".join(err.split())


@needs_git
def test_git_diff_driver_shows_the_semantic_diff(repo: Path) -> None:
    command = f"{sys.executable} -m orgmodel diff --git-driver"
    (repo / ".gitattributes").write_text("*.yaml diff=orgmodel\n", encoding="utf-8")
    _git(repo, "config", "diff.orgmodel.command", command)
    out = _git(repo, "diff", "HEAD~1", "HEAD", "--", "models/testby.yaml")
    assert "orgmodel diff a/models/testby.yaml -> b/models/testby.yaml" in out
    assert "'Beta skole' (avd-beta) moved from 'Skole' (ks-skole) to 'Alfa skole' (skole-alfa)" in out
    log = _git(repo, "log", "-p", "--ext-diff", "-1", "--", "models/other.yaml")
    assert "the model b/models/other.yaml is new" in log


@needs_git
def test_git_diff_driver_compares_a_split_model_through_each_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "models").mkdir()
    main = tmp_path / "models" / "kommune.yaml"
    part = tmp_path / "models" / "omsorg.yaml"
    main.write_text(
        "orgmodel: 1\nkommune: Testby\nparts: [omsorg.yaml]\nunits:\n"
        "  - {id: radmann, name: R, level: 1, leader: Rådmann}\n"
        "  - {id: dir-omsorg, name: Omsorg, level: 1, parent: radmann, leader: Direktør}\n",
        encoding="utf-8",
    )
    part.write_text(
        "orgmodel-part: 1\npart_of: kommune.yaml\nunits:\n"
        "  - {id: ks-omsorg, name: Hjemme, level: 2, parent: dir-omsorg, leader: Kommunalsjef, staff: 10}\n",
        encoding="utf-8",
    )
    (tmp_path / ".gitattributes").write_text("*.yaml diff=orgmodel\n", encoding="utf-8")
    _git(tmp_path, "config", "diff.orgmodel.command", f"{sys.executable} -m orgmodel diff --git-driver")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "one")
    monkeypatch.chdir(tmp_path)
    part.write_text(part.read_text(encoding="utf-8").replace("staff: 10", "staff: 20"), encoding="utf-8")
    main.write_text(main.read_text(encoding="utf-8").replace("leader: Direktør}", "leader: Direktør HO}"))
    out = _git(tmp_path, "diff")  # each changed file: its blobs, the rest of the model from the tree
    assert "'Hjemme' (ks-omsorg): declared staff 10 -> 20" in out
    assert "'Omsorg' (dir-omsorg): leader title 'Direktør' -> 'Direktør HO'" in out
    assert out.count("orgmodel diff a/models/kommune.yaml -> b/models/kommune.yaml") == 2
    assert "text diff" not in out and "--- a/" not in out
    _git(tmp_path, "commit", "-q", "-am", "two")
    log = _git(tmp_path, "log", "-p", "--ext-diff", "-1", "--", "models/omsorg.yaml")
    assert "'Hjemme' (ks-omsorg): declared staff 10 -> 20" in log


def test_seven_arguments_are_recognised_as_git_s_calling_convention(tmp_path: Path) -> None:
    hexes = "0" * 40
    code, out, _ = run("models/x.yaml", OLD, hexes, "100644", NEW, "1" * 40, "100644")
    assert code == 0
    assert out.startswith("orgmodel diff a/models/x.yaml -> b/models/x.yaml")
    code, out, _ = run("models/x.yaml", "/dev/null", ".", ".", NEW, hexes, "100644")
    assert code == 0 and "is new" in out


def test_git_driver_falls_back_to_a_text_diff_for_a_file_that_is_no_model(tmp_path: Path) -> None:
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_text("orgmodel-ruleset: 1\nrules: {}\n", encoding="utf-8")
    new.write_text("orgmodel-ruleset: 1\nrules: {level-skip: {severity: error}}\n", encoding="utf-8")
    code, out, _ = run(
        "--git-driver", "rules/x.yaml", str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"
    )
    assert code == 0
    assert out.startswith("--- a/rules/x.yaml\n+++ b/rules/x.yaml\n")
    assert "+rules: {level-skip: {severity: error}}" in out


def test_git_driver_with_a_broken_configuration_says_so_and_shows_a_text_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git stops the whole 'git diff' at a driver that fails: the broken .orgmodel.yaml itself must show
    (tmp_path / ".git").mkdir()
    (tmp_path / ".orgmodel.yaml").write_text("fail-on: warning\nx: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("--git-driver", "models/x.yaml", OLD, "0" * 40, "100644", NEW, "1" * 40, "100644")
    assert code == 0
    assert out.startswith("--- a/models/x.yaml\n+++ b/models/x.yaml\n")
    assert err == (
        "orgmodel: .orgmodel.yaml is invalid; 'orgmodel check' shows where, and a text diff follows\n"
    )
    assert run(OLD, NEW)[0] == 2  # without --git-driver it is the configuration error it is


NASTY = {
    "cycle": "units:\n  - {id: a, name: A, level: 1, parent: b}\n  - {id: b, name: B, level: 2, parent: a}\n",
    "dangling": (
        "services: [{id: s, name: S, vedtak: true, local: true}]\n"
        "personas: [{id: p, name: P, kommunedel: kdx, needs: [s, nope]}]\n"
        "units:\n  - {id: a, name: A, level: 1}\n"
        "  - {id: b, name: B, level: 2, parent: ghost, functional: [ghost], delivers: [s], sites: [nosite]}\n"
    ),
    "duplicates": "units:\n  - {id: a, name: A, level: 1}\n  - {id: a, name: A2, level: 2, parent: a}\n",
    "self-parent": "units:\n  - {id: a, name: A, level: 1, parent: a}\n",
}


@pytest.mark.parametrize("first", sorted(NASTY))
@pytest.mark.parametrize("second", sorted(NASTY))
def test_broken_structures_never_give_a_traceback(tmp_path: Path, first: str, second: str) -> None:
    paths = []
    for name in (first, second):
        path = tmp_path / f"{name}-{len(paths)}.yaml"
        path.write_text(f"orgmodel: 1\nkommune: X\n{NASTY[name]}", encoding="utf-8")
        paths.append(str(path))
    for fmt in ("text", "json", "markdown", "html"):
        code, _, _ = run(*paths, "--format", fmt, "--ruleset", "default")
        assert code in (0, 1, 2)


def _check_positions(path: str) -> list[tuple[str, int, int, str]]:
    result = CliRunner().invoke(app, ["check", path, "--ruleset", "default", "--format", "json"])
    diags = json.loads(result.stdout)["files"][0]["diagnostics"]
    return [(d["code"], d["line"], d["col"], d["severity"]) for d in diags]


def _positions(diags: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(d["code"], d["line"], d["col"], d["severity"]) for d in diags]


@needs_git
def test_an_added_model_file_is_judged_its_findings_are_new(repo: Path) -> None:
    expected = _check_positions("models/other.yaml")
    assert ("OM202", 17, 63, "error") in expected and ("OM150", 26, 143, "warning") in expected
    code, out, _ = run("HEAD~1:models/", "models/", "--ruleset", "default", "--format", "json")
    added = json.loads(out)["files"][0]
    assert added["new"] == "models/other.yaml" and added["old"] is None
    assert _positions(added["findings"]["new"]) == expected
    assert added["findings"]["resolved"] == [] and added["findings"]["unchanged"] == 0
    assert any(c["id"].startswith("finding-new:OM202:") for c in added["changes"])
    code, out, _ = run("HEAD~1:models/", "models/", "--ruleset", "default", "--fail-on-new", "warning")
    assert code == 1
    errors, warnings = (sum(1 for *_, s in expected if s == level) for level in ("error", "warning"))
    summary = f"{len(expected)} new findings ({errors} errors, {warnings} warnings), 0 resolved"
    assert f"  {summary}, 0 changed, 0 unchanged" in out
    code, out, _ = run("HEAD~1:models/", "models/", "--ruleset", "default", "--format", "markdown")
    assert f"| **Principles (rule findings)** | {summary}" in out
    added_section = out.split("\n### ")[1]  # [0] is the hidden marker
    assert "| **Structure** | 1 model file added |" in added_section
    assert "People affected" not in added_section and "| **Places**" not in added_section


@needs_git
def test_a_removed_model_file_resolves_its_findings(repo: Path) -> None:
    expected = _check_positions("models/other.yaml")
    code, out, _ = run("models/other.yaml", "/dev/null", "--ruleset", "default", "--fail-on-new", "warning")
    assert code == 0
    assert f"0 new findings, {len(expected)} resolved, 0 changed, 0 unchanged" in out
    code, out, _ = run("models/", "HEAD~1:models/", "--ruleset", "default", "-f", "json")
    removed = json.loads(out)["files"][0]
    assert removed["old"] == "models/other.yaml" and removed["new"] is None
    assert _positions(removed["findings"]["resolved"]) == expected and removed["findings"]["new"] == []


@needs_git
def test_an_added_file_through_base_and_the_git_driver(repo: Path) -> None:
    shutil.copy(OLD, repo / "models" / "third.yaml")
    code, out, _ = run("--base", "HEAD", "models/", "--ruleset", "default", "--fail-on-new", "error")
    assert code == 1
    assert "orgmodel diff (none) -> models/third.yaml  (0 -> 18 units)" in out
    command = f"{sys.executable} -m orgmodel diff --git-driver --ruleset default"
    (repo / ".gitattributes").write_text("*.yaml diff=orgmodel\n", encoding="utf-8")
    _git(repo, "config", "diff.orgmodel.command", command)
    log = _git(repo, "log", "-p", "--ext-diff", "-1", "--", "models/other.yaml")
    assert "the model b/models/other.yaml is new (18 units)" in log
    assert (
        "new error: OM202 local-service: the local service 'Bibliotek' (bibliotek) is not delivered in" in log
    )


@needs_git
def test_a_model_moved_to_another_path_is_compared_with_its_old_self(repo: Path) -> None:
    _git(repo, "mv", "models/other.yaml", "models/other-2024.yaml")
    args = ("HEAD:models/", "models/", "--ruleset", "default", "--fail-on-new", "warning", "-f", "json")
    code, out, _ = run(*args)
    assert code == 0
    files = json.loads(out)["files"]
    assert [(f["old"], f["new"]) for f in files] == [
        ("HEAD:models/other.yaml", "models/other-2024.yaml"),
        ("HEAD:models/testby.yaml", "models/testby.yaml"),
    ]
    assert files[0]["changes"] == [] and files[0]["findings"]["new"] == []
    other = Path(OLD).read_text(encoding="utf-8").replace('kommunenummer: "9999"', 'kommunenummer: "9998"')
    (repo / "models" / "other-2024.yaml").write_text(other, encoding="utf-8")
    code, out, _ = run(*args)  # another kommune: a removed and an added model
    assert code == 1
    kinds = [c["kind"] for f in json.loads(out)["files"] for c in f["changes"][:1]]
    assert kinds[:2] == ["model-added", "model-removed"]  # in path order: other-2024, other


@pytest.mark.parametrize("fmt", ["html", "markdown", "json", "text"])
def test_output_file_holds_what_stdout_would(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"diff.{fmt}"
    shown = run(str(OLD), str(NEW), "--format", fmt)
    written = run(str(OLD), str(NEW), "--format", fmt, "-o", str(target))
    assert (written[0], written[1]) == (shown[0], "")
    assert target.read_text(encoding="utf-8") == shown[1]
    made = tmp_path / "no" / "such" / "dir.html"  # a missing directory is made, as ruff does
    assert run(str(OLD), str(NEW), "-o", str(made))[:2] == (shown[0], "") and made.is_file()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    code, _out, err = run(str(OLD), str(NEW), "-o", str(tmp_path / "a-file" / "dir.html"))
    assert code == 2 and "cannot write" in err
