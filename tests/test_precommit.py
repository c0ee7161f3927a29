"""The pre-commit hook: which changed files it checks, and a real ``pre-commit try-repo`` run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.precommit import hook_arguments, split_arguments

BAD_LINES = [
    "models/bad.yaml:12:13: OM021 unknown-reference [error] units[3] (id 'v1').parent: no unit has the id"
    " 'ks-hjemmetjenester'",
    "    12 |     parent: ks-hjemmetjenester",
    "       |             ^^^^^^^^^^^^^^^^^^",
    "       = hint: did you mean 'ks-hjemme'?",
    "models/bad.yaml: the rules did not run; fix the errors above first",
]


def _municipality_repo(root: Path, *, paths: bool = True) -> Path:
    """A municipality's organisation repository: models, a ruleset, its configuration, other YAML."""
    (root / "models").mkdir(parents=True)
    (root / "rules").mkdir()
    (root / "notes").mkdir()
    shutil.copy(FIXTURES / "models" / "small.yaml", root / "models" / "good.yaml")
    shutil.copy(FIXTURES / "invalid" / "dangling-parent.yaml", root / "models" / "bad.yaml")
    rulesets = {
        "base": "Fylket\nextends: default",
        "testby": "Testby\nextends: base.yaml",
        "strict": "Strict",
    }
    for name, text in rulesets.items():
        (root / "rules" / f"{name}.yaml").write_text(f"orgmodel-ruleset: 1\ndescription: {text}\n")
    config = "ruleset: rules/testby.yaml\n" + ("paths: [models]\n" if paths else "")
    (root / ".orgmodel.yaml").write_text(config)
    (root / "notes" / "meeting.yaml").write_text("agenda: [budsjett]\n")
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(_municipality_repo(tmp_path / "kommune"))
    return tmp_path / "kommune"


def test_split_arguments_keeps_the_hooks_args_apart_from_the_files() -> None:
    args = ["--fail-on", "error", "--no-color", "-f", "json", "--ruleset=r.yaml", "a.yaml", "--", "-b.yaml"]
    assert split_arguments(args) == (
        ["--fail-on", "error", "--no-color", "-f", "json", "--ruleset=r.yaml"],
        ["a.yaml", "-b.yaml"],
    )
    assert split_arguments(["--select", "OM120", "models/x.yaml"]) == (
        ["--select", "OM120"],
        ["models/x.yaml"],
    )


@pytest.mark.usefixtures("repo")
@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (["models/good.yaml", "notes/meeting.yaml"], ["check", "--", "models/good.yaml"]),
        (["notes/meeting.yaml"], None),
        (["rules/testby.yaml"], ["check", "--", "models"]),
        ([".orgmodel.yaml", "models/bad.yaml"], ["check", "--", "models"]),
        ([], ["check"]),
        (["--fail-on", "error", "models/bad.yaml"], ["check", "--fail-on", "error", "--", "models/bad.yaml"]),
        (["rules/base.yaml"], ["check", "--", "models"]),
        (
            ["--ruleset", "rules/strict.yaml", "rules/strict.yaml"],
            ["check", "--ruleset", "rules/strict.yaml", "--", "models"],
        ),
        (["--ruleset=rules/strict.yaml", "rules/testby.yaml"], None),
    ],
)
def test_the_hook_checks_the_changed_models_under_the_configured_paths(
    changed: list[str], expected: list[str] | None
) -> None:
    assert hook_arguments(changed) == expected


def test_without_configured_paths_every_given_model_but_the_settings_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_municipality_repo(tmp_path / "kommune", paths=False))
    changed = [
        "models/good.yaml",
        "notes/meeting.yaml",
        "rules/testby.yaml",
        "rules/base.yaml",
        ".orgmodel.yaml",
    ]
    # notes/meeting.yaml declares no 'orgmodel' or 'units' key: left alone, as a directory scan leaves it
    assert hook_arguments(changed) == ["check", "--", "models/good.yaml"]
    assert hook_arguments(["rules/testby.yaml"]) is None


def test_the_hook_reads_the_configuration_its_args_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _municipality_repo(tmp_path / "kommune")
    monkeypatch.chdir(repo)
    (repo / "ci.yaml").write_text("paths: [models]\nextend-exclude: [good.yaml]\n")
    changed = ["models/good.yaml", "models/bad.yaml", "notes/meeting.yaml"]
    assert hook_arguments(changed) == ["check", "--", "models/good.yaml", "models/bad.yaml"]
    assert hook_arguments(["--config", "ci.yaml", *changed]) == [
        "check",
        "--config",
        "ci.yaml",
        "--",
        "models/bad.yaml",
    ]
    assert hook_arguments(["--config=ci.yaml", "models/good.yaml"]) is None
    assert hook_arguments(["--isolated", "models/good.yaml", "notes/meeting.yaml"]) == [
        "check",
        "--isolated",
        "--",
        "models/good.yaml",
    ]


def test_the_hook_leaves_excluded_files_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _municipality_repo(tmp_path / "kommune", paths=False)
    monkeypatch.chdir(repo)
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("units: [not, a, model]\n")
    assert hook_arguments([".github/workflows/ci.yml", "models/good.yaml"]) == [
        "check",
        "--",
        "models/good.yaml",
    ]
    with (repo / ".orgmodel.yaml").open("a") as config:
        config.write("extend-exclude: [good.yaml]\n")
    assert hook_arguments(["models/good.yaml", "models/bad.yaml"]) == ["check", "--", "models/bad.yaml"]


def test_a_broken_ruleset_fails_the_hook_with_exit_code_2(repo: Path) -> None:
    (repo / "rules" / "base.yaml").write_text("orgmodel-ruleset: 1\nrules:\n  max-levls: {max: 4}\n")
    arguments = hook_arguments(["models/good.yaml", "notes/meeting.yaml"])
    assert arguments == ["check", "--", "models/good.yaml", "notes/meeting.yaml"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert "rules/base.yaml:3:3: OM008" in result.stderr


def test_a_broken_configuration_fails_the_hook_with_exit_code_2(repo: Path) -> None:
    (repo / ".orgmodel.yaml").write_text("ruleset: rules/testby.yaml\npaths: [models, ../elsewhere]\n")
    arguments = hook_arguments(["models/good.yaml"])
    assert arguments == ["check"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert ".orgmodel.yaml:2:17: OM008" in result.stderr


@pytest.mark.usefixtures("repo")
def test_the_hooks_check_reports_the_bad_model_and_not_the_other_yaml() -> None:
    arguments = hook_arguments(
        ["models/good.yaml", "models/bad.yaml", "notes/meeting.yaml", ".pre-commit.yaml"]
    )
    assert arguments == ["check", "--", "models/good.yaml", "models/bad.yaml"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        *BAD_LINES,
        "✗ 1 error, 0 warnings in 2 files (5 units checked; the rules did not run on 1 file)",
    ]
    clean = CliRunner().invoke(app, hook_arguments(["models/good.yaml", "notes/meeting.yaml"]))
    assert (clean.exit_code, clean.stdout) == (0, "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n")


OFFLINE = (
    "No matching distribution found",
    "Could not find a version",
    "Failed to establish a new connection",
)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook's environment is installed once per revision."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _pre_commit(args: list[str], repo: Path, home: Path) -> tuple[int, str]:
    """Run pre-commit in a fresh git repository holding ``repo``'s files; skip when it cannot install."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env, capture_output=True, text=True
    )
    output = run.stdout + run.stderr
    offline = [line.strip() for line in output.splitlines() if any(marker in line for marker in OFFLINE)]
    if run.returncode == 3 and offline:
        pytest.skip(
            f"pre-commit could not install the hook's environment without a package index: {offline[0]}"
        )
    return run.returncode, output


@pytest.mark.slow  # pre-commit builds the hook's environment (about 17 s): .ci/run runs it explicitly
def test_pre_commit_try_repo_runs_the_hook_in_a_municipalitys_repository(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    repo = _municipality_repo(tmp_path / "kommune")
    returncode, output = _pre_commit(
        ["try-repo", str(ROOT), "orgmodel-check", "--all-files"], repo, pre_commit_home
    )
    assert returncode == 1, output
    hook_output = output.split("- exit code: 1\n\n", 1)[1].splitlines()
    # the good model checked and clean, the ruleset, the configuration and the notes left alone
    assert hook_output[:6] == [
        *BAD_LINES,
        "✗ 1 error, 0 warnings in 2 files (5 units checked; the rules did not run on 1 file)",
    ]
    assert "OM006" not in output


def _readme_snippet() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("<!-- pre-commit-snippet -->\n```yaml\n", 1)[1].split("```", 1)[0]
    config: dict[str, Any] = yaml.safe_load(snippet)
    return config


def test_the_readmes_snippet_is_a_valid_config_naming_the_offered_hook(tmp_path: Path) -> None:
    config = _readme_snippet()
    offered = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for hook in config["repos"][0]["hooks"]} == {"orgmodel-check"} <= offered
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config))
    for command, path in (
        ("validate-config", "config.yaml"),
        ("validate-manifest", ROOT / ".pre-commit-hooks.yaml"),
    ):
        run = subprocess.run(
            [sys.executable, "-m", "pre_commit", command, str(path)], cwd=tmp_path, capture_output=True
        )
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.slow  # a second hook environment (about 25 s): .ci/run runs it explicitly
def test_the_readmes_snippet_runs_the_hook(tmp_path: Path, pre_commit_home: Path) -> None:
    config = _readme_snippet()
    # the snippet as a municipality uses it, pointed at this repository's committed HEAD
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    config["repos"][0].update(repo=str(ROOT), rev=head.stdout.strip())
    repo = _municipality_repo(tmp_path / "kommune")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    returncode, output = _pre_commit(["run", "--all-files"], repo, pre_commit_home)
    assert returncode == 1, output
    assert "models/bad.yaml:12:13: OM021 unknown-reference" in output
    assert "OM006" not in output
