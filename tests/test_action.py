"""The GitHub Action (action.yml): its steps run here as the runner runs them.

The runner's part is played by ``Runner``: it evaluates the few expressions
the action uses (``inputs.*``, ``github.action_path``; any other expression
fails the test), runs each ``run:`` step with ``bash --noprofile --norc -eo
pipefail`` as GitHub's ``shell: bash`` does, with ``GITHUB_OUTPUT``,
``GITHUB_STEP_SUMMARY``, ``GITHUB_PATH`` and ``RUNNER_TEMP`` pointed at
temporary files, and skips the ``uses:`` steps, which only GitHub can run
(each must be one of ``USES``). orgmodel is installed by the action's own
install step into a fresh venv (pip builds this checkout), so the test is
marked slow; ``.ci/run`` runs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
USES = {"actions/setup-python@v5", "github/codeql-action/upload-sarif@v3"}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class Step:
    """What one step did."""

    code: int
    stdout: str
    stderr: str
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class Runner:
    """Runs the action's ``run:`` steps in ``workspace`` with the given inputs."""

    workspace: Path
    temp: Path
    inputs: dict[str, str]
    path: list[str] = field(default_factory=list)

    def value(self, text: str) -> str:
        """``text`` with the action's expressions evaluated."""

        def one(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression == "github.action_path":
                return str(ROOT)
            name = expression.removeprefix("inputs.")
            assert name != expression, f"the test runner does not know the expression {expression!r}"
            return self.inputs.get(name, str(ACTION["inputs"][name].get("default", "")))

        return EXPRESSION.sub(one, text)

    def run(self, step: dict[str, Any]) -> Step:
        """Run one ``run:`` step as GitHub's runner would."""
        assert step.get("shell") == "bash" and "if" not in step, step
        files = {name: self.temp / f"{name.lower()}-{step.get('id', 'step')}" for name in ("GITHUB_OUTPUT",)}
        env = {
            "HOME": os.environ.get("HOME", str(self.temp)),
            "PATH": os.pathsep.join([*self.path, os.environ["PATH"]]),
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_PATH": str(self.temp / "github_path"),
            "GITHUB_STEP_SUMMARY": str(self.temp / "summary.md"),
            "RUNNER_TEMP": str(self.temp),
            **{name: str(path) for name, path in files.items()},
            **{key: self.value(str(value)) for key, value in step.get("env", {}).items()},
        }
        for path in files.values():
            path.write_text("")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", self.value(step["run"])],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
        )
        github_path = self.temp / "github_path"
        if github_path.exists():  # each line is put before the PATH of the following steps
            self.path = [*reversed(github_path.read_text().split()), *self.path]
        pairs = (line.partition("=") for line in files["GITHUB_OUTPUT"].read_text().splitlines())
        return Step(done.returncode, done.stdout, done.stderr, {key: value for key, _, value in pairs})

    def run_all(self, *, skip_install: bool = True) -> dict[str, Step]:
        """Every step after the install (``skip_install``), as GitHub runs them: stop at a failure."""
        done: dict[str, Step] = {}
        for step in STEPS:
            if "uses" in step:
                assert step["uses"] in USES, step["uses"]
                continue
            if skip_install and step["name"] == "Install orgmodel":
                continue
            done[step.get("id", step["name"])] = result = self.run(step)
            if result.code != 0:
                break
        return done

    @property
    def summary(self) -> str:
        """The job summary written so far."""
        path = self.temp / "summary.md"
        return path.read_text(encoding="utf-8") if path.exists() else ""


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Planlegger", "-c", "user.email=plan@testby.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _repository(root: Path) -> tuple[Path, str]:
    """A municipality's repository: one clean model committed as the pull request's base."""
    root.mkdir()
    (root / "models").mkdir()
    shutil.copy(FIXTURES / "models" / "small.yaml", root / "models" / "testby.yaml")
    (root / ".orgmodel.yaml").write_text("paths: [models]\n")
    _git(root, "init", "--quiet", "--initial-branch=main")
    _git(root, "add", ".")
    _git(root, "commit", "--quiet", "-m", "the adopted organisation")
    return root, _git(root, "rev-parse", "HEAD")


def _without_budget(model: Path) -> int:
    """Take the budget from Hjemmetjenester Nord (25 people): one OM140 error; its line."""
    lines = model.read_text(encoding="utf-8").splitlines()
    line = max(number for number, text in enumerate(lines, 1) if text == "    budget: true")
    lines[line - 1] = "    budget: false"
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return line


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The PATH entries the action's install step adds (run once for the module)."""
    temp = tmp_path_factory.mktemp("install")
    runner = Runner(workspace=temp, temp=temp, inputs={})
    (install,) = (step for step in STEPS if step.get("name") == "Install orgmodel")
    result = runner.run(install)
    assert result.code == 0, result.stdout + result.stderr
    assert re.fullmatch(r"orgmodel \S+\n", result.stdout), result.stdout
    assert runner.path == [str(temp / "orgmodel-venv" / "bin")]
    return runner.path


def _runner(tmp_path: Path, installed: list[str], **inputs: str) -> tuple[Runner, str]:
    repo, base = _repository(tmp_path / "kommune")
    temp = tmp_path / "runner"
    temp.mkdir()
    return Runner(workspace=repo, temp=temp, inputs={"base": base, **inputs}, path=list(installed)), base


@pytest.mark.slow
def test_a_pull_request_that_adds_a_defect_fails_with_an_annotation_and_a_summary(
    tmp_path: Path, installed: list[str]
) -> None:
    runner, _ = _runner(tmp_path, installed)
    line = _without_budget(runner.workspace / "models" / "testby.yaml")
    _git(runner.workspace, "commit", "--quiet", "-am", "Hjemmetjenester Nord without a budget")

    steps = runner.run_all()

    check = steps["check"]
    assert check.code == 1, check.stdout + check.stderr
    annotations = [text for text in check.stdout.splitlines() if text.startswith("::")]
    assert len(annotations) == 1, check.stdout
    assert annotations[0].startswith(
        f"::error file=models/testby.yaml,line={line},col=13,endLine={line},endColumn=18,"
        "title=OM140 budget-responsibility::"
    ), annotations
    assert check.outputs == {"sarif-file": "orgmodel.sarif", "exit-code": "1"}
    sarif = json.loads((runner.workspace / "orgmodel.sarif").read_text(encoding="utf-8"))
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "OM140"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    summary = runner.summary
    assert "`models/testby.yaml`" in summary and "budget-responsibility" in summary, summary
    assert "1 new finding" in summary, summary


@pytest.mark.slow
def test_a_clean_pull_request_passes_and_still_writes_the_summary(
    tmp_path: Path, installed: list[str]
) -> None:
    runner, _ = _runner(tmp_path, installed)
    model = runner.workspace / "models" / "testby.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("staff: 25", "staff: 27"), encoding="utf-8")
    _git(runner.workspace, "commit", "--quiet", "-am", "two more in Hjemmetjenester Nord")

    steps = runner.run_all()

    assert steps["check"].code == 0, steps["check"].stdout + steps["check"].stderr
    assert steps["check"].outputs["exit-code"] == "0"
    assert not [text for text in steps["check"].stdout.splitlines() if text.startswith("::")]
    assert "declared staff 25 -> 27" in runner.summary, runner.summary


@pytest.mark.slow
def test_outside_a_pull_request_there_is_no_diff(tmp_path: Path, installed: list[str]) -> None:
    runner, _ = _runner(tmp_path, installed, base="")

    steps = runner.run_all()

    assert "no base revision" in steps["Diff against the pull request's base"].stdout
    assert runner.summary == ""
    assert steps["check"].code == 0


@pytest.mark.slow
def test_named_paths_and_a_ruleset_reach_both_commands(tmp_path: Path, installed: list[str]) -> None:
    runner, _ = _runner(tmp_path, installed, paths="models/testby.yaml\n", ruleset="no-such-ruleset")

    steps = runner.run_all()

    diff = steps["Diff against the pull request's base"]
    assert diff.code == 2 and "no-such-ruleset" in diff.stderr, diff.stdout + diff.stderr
    assert "check" not in steps  # GitHub stops at the failed step


def test_the_documented_workflow_is_the_example_file_and_uses_only_the_actions_inputs() -> None:
    example = (ROOT / "docs" / "examples" / "github-workflow.yml").read_text(encoding="utf-8")
    page = (ROOT / "docs" / "github-action.md").read_text(encoding="utf-8")
    shown = page.split("<!-- action-example -->\n```yaml\n", 1)[1].split("```", 1)[0]
    assert shown == example
    steps = yaml.safe_load(example)["jobs"]["check"]["steps"]
    (ours,) = (step for step in steps if step.get("uses", "").split("/")[-1].startswith("orgmodel@"))
    assert set(ours["with"]) <= set(ACTION["inputs"]), set(ours["with"]) - set(ACTION["inputs"])


def test_the_gitlab_job_of_the_docs_leaves_a_code_quality_report(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    job = yaml.safe_load(page.split("## gitlab", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0])
    repo, _ = _repository(tmp_path / "kommune")
    line = _without_budget(repo / "models" / "testby.yaml")
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    for command in job["orgmodel"]["script"]:
        done = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", command], cwd=repo, env=env, capture_output=True
        )
        assert done.returncode in (0, 1), done.stderr  # GitLab fails the job on the last line's exit 1
    report = json.loads((repo / job["orgmodel"]["artifacts"]["reports"]["codequality"]).read_text())
    assert [(issue["check_name"], issue["severity"], issue["location"]["path"]) for issue in report] == [
        ("OM140 budget-responsibility", "critical", "models/testby.yaml")
    ]
    assert report[0]["location"]["positions"]["begin"] == {"line": line, "column": 13}
    assert len(report[0]["fingerprint"]) >= 16
    assert (repo / job["orgmodel"]["artifacts"]["reports"]["junit"]).read_text().startswith("<?xml")


@pytest.mark.slow
def test_python_files_in_the_pull_request_are_never_imported(tmp_path: Path, installed: list[str]) -> None:
    # a hostile pull request adds an orgmodel/ package and a yaml.py at the top of the checkout: the
    # action reads .orgmodel.yaml's paths with the installed orgmodel, never with these
    runner, _ = _runner(tmp_path, installed)
    marker = tmp_path / "code-ran"
    planted = f"open({str(marker)!r}, 'w').write('ran')\n"
    (runner.workspace / "orgmodel").mkdir()
    (runner.workspace / "orgmodel" / "__init__.py").write_text(planted)
    (runner.workspace / "yaml.py").write_text(planted)
    (runner.workspace / "pydantic.py").write_text(planted)
    _git(runner.workspace, "add", ".")
    _git(runner.workspace, "commit", "--quiet", "-m", "a helpful refactoring")

    steps = runner.run_all()

    assert not marker.exists()
    diff = steps["Diff against the pull request's base"]
    assert diff.code == 0, diff.stdout + diff.stderr
    assert "`models/testby.yaml`" in runner.summary, runner.summary


@pytest.mark.slow
def test_a_path_in_the_configuration_that_looks_like_an_option_is_a_path(
    tmp_path: Path, installed: list[str]
) -> None:
    runner, _ = _runner(tmp_path, installed)
    (runner.workspace / ".orgmodel.yaml").write_text("paths: [models, '--ruleset=/proc/self/environ']\n")
    _git(runner.workspace, "commit", "--quiet", "-am", "one more path")

    steps = runner.run_all()

    diff = steps["Diff against the pull request's base"]
    # after `--` it is a path to compare (which the base revision lacks), never --ruleset
    assert diff.code == 2
    assert "'--ruleset=/proc/self/environ' does not exist at revision" in diff.stderr, diff.stderr


@pytest.mark.slow
def test_the_plugins_input_installs_rule_plugins_beside_orgmodel(tmp_path: Path) -> None:
    # plugins.md says to install a plugin where orgmodel is installed: with the action, that is here
    runner = Runner(
        workspace=tmp_path, temp=tmp_path, inputs={"plugins": f"\n{ROOT / 'tests' / 'plugin_example'}\n"}
    )
    (install,) = (step for step in STEPS if step.get("name") == "Install orgmodel")
    result = runner.run(install)
    assert result.code == 0, result.stdout + result.stderr
    listed = subprocess.run(
        [str(tmp_path / "orgmodel-venv" / "bin" / "orgmodel"), "rules"], capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert "EX001" in listed.stdout and "orgmodel-example" in listed.stdout


@pytest.mark.slow
def test_a_sarif_path_the_pull_request_links_elsewhere_is_replaced_not_written_through(
    tmp_path: Path, installed: list[str]
) -> None:
    # a hostile pull request commits orgmodel.sarif as a symbolic link to a file of the runner's: a
    # shell '>' wrote the log into that file (on a self-hosted runner, any file the runner can write)
    runner, _ = _runner(tmp_path, installed)
    victim = tmp_path / "runner-file"
    victim.write_text("the runner's own\n")
    (runner.workspace / "orgmodel.sarif").symlink_to(victim)
    _git(runner.workspace, "add", ".")
    _git(runner.workspace, "commit", "--quiet", "-m", "a link")

    steps = runner.run_all()

    assert victim.read_text() == "the runner's own\n"
    check = steps["check"]
    assert check.outputs["sarif-file"] == "orgmodel.sarif"
    sarif = runner.workspace / "orgmodel.sarif"
    assert not sarif.is_symlink() and json.loads(sarif.read_text())["version"] == "2.1.0"


HOSTILE_CONFIG = "paths: [models]\nignore: [OM140]\nallow: [finding-new:OM140:hjemme-nord]\n"


@pytest.mark.slow
def test_isolated_reads_only_the_workflows_inputs(tmp_path: Path, installed: list[str]) -> None:
    # a hostile pull request's .orgmodel.yaml ignored the rule its defect breaks: the ruleset input
    # alone did not pin the principles
    runner, _ = _runner(tmp_path, installed, paths="models", ruleset="default", isolated="true")
    _without_budget(runner.workspace / "models" / "testby.yaml")
    (runner.workspace / ".orgmodel.yaml").write_text(HOSTILE_CONFIG)
    _git(runner.workspace, "commit", "--quiet", "-am", "a budget taken, the rule ignored")
    assert runner.run_all()["check"].code == 1
    # the summary's diff too judges by the inputs alone: the new finding is not "(allowed)"
    assert "1 new finding" in runner.summary and "(allowed)" not in runner.summary, runner.summary
    (tmp_path / "loose").mkdir()
    (tmp_path / "bare").mkdir()
    loose = _runner(tmp_path / "loose", installed, paths="models", ruleset="default")[0]
    _without_budget(loose.workspace / "models" / "testby.yaml")
    (loose.workspace / ".orgmodel.yaml").write_text(HOSTILE_CONFIG)
    assert loose.run_all()["check"].code == 0  # what isolated is for
    assert "(allowed)" in loose.summary, loose.summary
    bare = _runner(tmp_path / "bare", installed, isolated="true")[0]
    first = next(iter(bare.run_all().values()))  # the diff, which runs first, stops the job
    assert first.code == 2 and "give the paths and ruleset inputs too" in first.stderr
    bare.inputs["diff"] = "false"
    check = bare.run_all()["check"]
    assert check.code == 2 and "give the paths and ruleset inputs too" in check.stderr
