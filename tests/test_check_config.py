"""What a scan skips; exclude, extend-exclude, per-file-ignores; which files may be models."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel.cli import app

SMALL = FIXTURES / "models" / "small.yaml"
SPAN = FIXTURES / "invalid" / "span-above-max.yaml"
WORKFLOW = (
    "name: ci\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps: [{run: make test}]\n"
)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def municipal_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A municipality's repository: two models, CI files, a ruleset and notes in YAML."""
    (tmp_path / ".git").mkdir()
    write(tmp_path, "models/utkast.yaml", SMALL.read_bytes())
    write(tmp_path, "models/stor.yaml", SPAN.read_bytes())
    write(tmp_path, ".github/workflows/ci.yml", WORKFLOW)
    write(tmp_path, ".gitlab-ci.yml", "check:\n  script: [orgmodel check]\n")
    write(tmp_path, ".pre-commit-config.yaml", "repos: []\n")
    write(tmp_path, "node_modules/pkg/config.yaml", "orgmodel: 1\n")
    write(tmp_path, "rules/kommune.yaml", "orgmodel-ruleset: 1\nextends: default\n")
    write(tmp_path, "docs/notes.yml", "title: Notater\nitems: [a, b]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return municipal_repository(tmp_path, monkeypatch)


SPAN_HEAD = "models/stor.yaml:13:12: OM120 span-of-control [error]"


def test_a_repository_scan_reads_the_models_and_skips_ci_files_and_other_yaml(repo: Path) -> None:
    code, out, err = run("check", ".")
    assert (code, err) == (1, "")
    assert out.splitlines()[0].startswith(SPAN_HEAD)
    assert out.splitlines()[-1] == "✗ 1 error, 0 warnings in 2 files (9 units checked)"


def test_show_files_lists_what_a_scan_reads_and_on_stderr_what_it_skipped(repo: Path) -> None:
    code, out, err = run("check", "--show-files", ".")
    assert (code, out.splitlines()) == (0, ["models/stor.yaml", "models/utkast.yaml"])
    assert sorted(err.splitlines()) == [
        "orgmodel: skipped .git/: excluded",
        "orgmodel: skipped .github/: excluded",
        "orgmodel: skipped .gitlab-ci.yml: excluded",
        "orgmodel: skipped .pre-commit-config.yaml: excluded",
        "orgmodel: skipped docs/notes.yml: not a model (no line declares 'orgmodel:' or 'units:')",
        "orgmodel: skipped node_modules/: excluded",
        "orgmodel: skipped rules/kommune.yaml: not a model (no line declares 'orgmodel:' or 'units:')",
    ]


def test_a_file_named_explicitly_is_always_checked(repo: Path) -> None:
    code, out, _ = run("check", ".github/workflows/ci.yml")
    assert code == 1
    assert out.splitlines()[0] == (
        ".github/workflows/ci.yml:1:1: OM006 not-a-model [error] not an orgmodel file: "
        "the key 'orgmodel: 1' (the format version) is missing"
    )
    write(repo, "docs/broken.yaml", "title: [Notater\n")
    code, out, _ = run("check", "docs/broken.yaml")
    assert code == 1
    assert out.splitlines()[0] == (
        "docs/broken.yaml:1:1: OM006 not-a-model [error] not an orgmodel file: it has no 'orgmodel: 1' line "
        "and is not valid YAML; its contents are not shown"
    )


def test_a_scanned_file_that_may_be_a_model_is_checked_even_when_broken(repo: Path) -> None:
    write(repo, "models/halv.yaml", "kommune: Testby\nunits:\n  - {id: a, name: A\n")
    write(repo, "models/flow.yaml", '{"orgmodel": 2, "kommune": "Testby"}\n')
    code, out, _ = run("check", "--select", "OM0", "--format", "json", "models")
    found = {f["path"]: [d["code"] for d in f["diagnostics"]] for f in json.loads(out)["files"]}
    assert code == 1
    assert found == {
        "models/flow.yaml": ["OM010"],
        "models/halv.yaml": ["OM006"],
        "models/stor.yaml": [],
        "models/utkast.yaml": [],
    }


def test_a_directory_named_on_the_command_line_is_scanned_though_excluded(repo: Path) -> None:
    write(repo, ".github/models/x.yaml", SMALL.read_bytes())
    write(repo, "models/archive/old.yaml", SMALL.read_bytes())
    write(repo, ".orgmodel.yaml", "extend-exclude: [archive/]\n")
    code, out, err = run("check", "--show-files", ".github")
    assert (code, out) == (0, ".github/models/x.yaml\n")
    assert err.splitlines() == [
        "orgmodel: skipped .github/workflows/ci.yml: not a model (no line declares 'orgmodel:' or 'units:')"
    ]
    assert run("check", "--show-files", "models/archive")[1] == "models/archive/old.yaml\n"
    assert run("check", "--show-files", "models")[1] == "models/stor.yaml\nmodels/utkast.yaml\n"


def test_extend_exclude_adds_and_exclude_replaces_the_defaults(repo: Path) -> None:
    write(repo, ".orgmodel.yaml", "extend-exclude: [stor.yaml]\n")
    assert run("check", "--show-files", ".")[1] == "models/utkast.yaml\n"
    write(repo, ".orgmodel.yaml", "exclude: [stor.yaml, docs/]\n")
    _, out, err = run("check", "--show-files", ".")
    # the hidden directories are no longer excluded: .github's workflow is read and found not a model
    assert out.splitlines() == ["models/utkast.yaml", "node_modules/pkg/config.yaml"]
    assert "orgmodel: skipped .github/workflows/ci.yml: not a model" in err


def test_exclude_patterns_are_relative_to_the_configuration_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, ".orgmodel.yaml", "extend-exclude: [/models/stor.yaml]\n")
    monkeypatch.chdir(repo / "models")
    assert run("check", "--show-files", ".")[1] == "utkast.yaml\n"


def test_per_file_ignores_turn_rules_off_for_matching_files(repo: Path) -> None:
    write(
        repo,
        ".orgmodel.yaml",
        'paths: [models]\nper-file-ignores:\n  "models/stor*.yaml": [span-of-control]\n',
    )
    assert run("check") == (0, "✓ 0 errors, 0 warnings in 2 files (9 units checked)\n", "")
    write(repo, ".orgmodel.yaml", 'paths: [models]\nper-file-ignores:\n  "utkast.yaml": [OM120]\n')
    assert run("check")[0] == 1


def test_per_file_ignores_match_the_stdin_filename(repo: Path) -> None:
    write(repo, ".orgmodel.yaml", 'per-file-ignores:\n  "models/stor.yaml": [OM1]\n')
    result = CliRunner().invoke(
        app, ["check", "-", "--stdin-filename", "models/stor.yaml"], input=SPAN.read_bytes()
    )
    assert (result.exit_code, result.stdout) == (0, "✓ 0 errors, 0 warnings in 1 file (4 units checked)\n")
    result = CliRunner().invoke(
        app, ["check", "-", "--stdin-filename", "models/ny.yaml"], input=SPAN.read_bytes()
    )
    assert result.exit_code == 1


def test_per_file_ignores_never_drop_a_load_error(repo: Path) -> None:
    write(repo, ".orgmodel.yaml", 'per-file-ignores:\n  "*.yaml": [OM0]\n')
    write(repo, "models/feil.yaml", "orgmodel: 1\nkommune: [\n")
    code, out, _ = run("check", "models/feil.yaml")
    assert code == 1
    assert out.splitlines()[0].startswith("models/feil.yaml:3:1: OM001 yaml-syntax [error]")


def test_a_wrong_selector_or_pattern_is_reported_at_its_line(repo: Path) -> None:
    write(repo, ".orgmodel.yaml", "per-file-ignores:\n  models/*.yaml: [span-of-controll]\n")
    assert run("check", "models") == (
        2,
        "",
        ".orgmodel.yaml:2:19: OM008 config [error] per-file-ignores.models/*.yaml[0]: 'span-of-controll' "
        "matches no rule code, prefix or name; did you mean 'span-of-control'?\n"
        "orgmodel: .orgmodel.yaml selects rules that do not exist\n",
    )
    write(repo, ".orgmodel.yaml", "extend-exclude: [drafts/, 'a\\']\n")
    code, _, err = run("check", "models")
    assert code == 2
    assert err.splitlines()[0] == (
        ".orgmodel.yaml:1:27: OM008 config [error] extend-exclude[1]: 'a\\' is not a gitignore pattern "
        "(Invalid git pattern: 'a\\\\')"
    )


def test_a_load_error_in_per_file_ignores_is_a_usage_error(repo: Path) -> None:
    write(repo, ".orgmodel.yaml", "per-file-ignores:\n  models/*.yaml: [yaml-syntax]\n")
    code, _, err = run("check", "models")
    assert code == 2
    assert err == (
        "orgmodel: per-file-ignores 'models/*.yaml': 'yaml-syntax' names OM001 yaml-syntax: built into "
        "orgmodel and always on, so it cannot be selected or ignored (fix what it reports; 'orgmodel "
        "explain OM001' says how)\n"
    )


def test_a_directory_at_a_git_revision_is_read_as_a_scan_reads_it_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "models/utkast.yaml", SMALL.read_bytes())
    write(tmp_path, "models/notes.yaml", "title: Notater\n")
    write(tmp_path, "models/.drafts/x.yaml", "units: [\n")
    monkeypatch.chdir(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "utkast"], check=True)
    assert run("diff", "HEAD:models", "models") == (
        0,
        "orgmodel diff HEAD:models/utkast.yaml -> models/utkast.yaml  (5 -> 5 units)\n"
        "  no change\n0 changes in 1 file\n",
        "",
    )


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        (b"# " + b"x" * 70_000 + b"\nunits: []\n", True),  # the key after the first 64 KiB
        (b"# notes\n" * 10_000, False),
        ("orgmodel: 1\n".encode("utf-16"), True),  # not UTF-8: kept, and the check says why
        (b"title: x\n\x00", True),
        (b'{"orgmodel": 1}', True),
        (b"  units:\n", True),
        (b"orgmodel-ruleset: 1\n", False),
        (b"", False),
        # a hostile pull request hid a model from every scan by writing its keys so that no line
        # starts with them: libyaml's events still read them as the top-level keys
        (b"? orgmodel\n: 1\nkommune: X\n? units\n: []\n", True),
        (b'"\\x6Frgmodel": 1\n"\\x75nits": []\n', True),
        (b"&o orgmodel: 1\nunits: []\n", True),
        (b"{kommune: X, ? orgmodel : 1}\n", True),
        (b"? [a, b]\n: 1\n? units\n: 2\n", True),
        (b"? [orgmodel]\n: units\nc: {units: 1}\n", False),  # no top-level key of a model
        (b"- orgmodel: 1\n", False),
        (b"x: [\n  orgmodel\n", True),  # does not parse, names the word: kept, the check says why
        (b"x: [\n  y\n", False),
    ],
    ids=[
        *("late-key", "comments", "utf-16", "nul", "json", "indented", "ruleset", "empty"),
        *("explicit-keys", "escaped", "anchored", "flow-explicit", "complex-key", "nested-only", "list"),
        *("broken-naming-it", "broken-other"),
    ],
)
def test_the_model_test_of_a_scan(tmp_path: Path, raw: bytes, kept: bool) -> None:
    from orgmodel.paths import may_be_model, may_be_model_bytes

    assert may_be_model(write(tmp_path, "x.yaml", raw)) is kept
    assert may_be_model_bytes(raw) is kept


def test_trace_skips_what_the_configuration_excludes(repo: Path) -> None:
    write(repo, "models/arkiv/gammel.yaml", SMALL.read_bytes())
    assert run("trace", "kari", "models")[1].count("Kari, 84") == 2
    write(repo, ".orgmodel.yaml", "extend-exclude: [arkiv/]\n")
    code, out, _ = run("trace", "kari", "models")
    assert (code, out.count("Kari, 84")) == (0, 1)
