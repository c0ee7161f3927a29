"""The example plugin built and installed with pip into a fresh venv beside orgmodel, and run there.

Marked slow (about a minute here: pip builds orgmodel and the plugin with hatchling and
installs their dependencies from the package registry); .ci/run runs it.
tests/test_plugins.py covers the same behaviour in process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

FINDING = [
    "small.yaml:28:11: EX001 virksomhet-name-prefix [warning] 'Tjenestetildeling' (tildeling) does not "
    "start with 'Hjemmetjenester'",
    "    28 |     name: Tjenestetildeling",
    "       |           ^^^^^^^^^^^^^^^^^",
    "       = hint: rename it to start with 'Hjemmetjenester', or change 'prefix' in the ruleset",
    "! 0 errors, 1 warning in 1 file (5 units checked)",
]


def _pip(venv: Path, *args: str) -> None:
    command = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _orgmodel(venv: Path, work: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [str(venv / "bin" / "orgmodel"), *args],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (not this one's packages) with orgmodel and tests/plugin_example installed by pip."""
    root = tmp_path_factory.mktemp("plugin-venv")
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    _pip(root / "venv", str(ROOT), str(ROOT / "tests" / "plugin_example"))
    return root / "venv"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "models" / "small.yaml", tmp_path / "small.yaml")
    rules = "rules:\n  virksomhet-name-prefix:\n    prefix: Hjemmetjenester\n"
    (tmp_path / "testby.yaml").write_text(f"orgmodel-ruleset: 1\nextends: default\n{rules}")
    (tmp_path / "off.yaml").write_text(
        "orgmodel-ruleset: 1\nextends: testby.yaml\nrules:\n  EX001: {severity: off}\n"
    )
    return tmp_path


def test_the_installed_plugin_is_listed_checked_and_governed_by_rulesets(venv: Path, work: Path) -> None:
    code, out, _ = _orgmodel(venv, work, "rules")
    assert code == 0
    row = next(line for line in out.splitlines() if "EX001" in line)
    assert row.split("│")[1:5] == [
        " EX001 ",
        " virksomhet-name-prefix      ",
        " warning  ",
        " orgmodel-example 0.1.0 ",
    ]
    assert _orgmodel(venv, work, "check", "--ruleset", "testby.yaml", "small.yaml") == (
        1,
        "\n".join(FINDING) + "\n",
        "",
    )
    code, out, _ = _orgmodel(venv, work, "check", "--ruleset", "off.yaml", "small.yaml")
    assert (code, out) == (0, "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n")


def test_a_second_plugin_with_the_same_code_exits_2_naming_both(venv: Path, work: Path) -> None:
    _pip(venv, str(ROOT / "tests" / "plugin_duplicate"))
    try:
        code, out, err = _orgmodel(venv, work, "check", "--ruleset", "testby.yaml", "small.yaml")
    finally:
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "uninstall", "-y", "-q", "orgmodel-duplicate"]
        )
    assert (code, out) == (2, "")
    assert err == (
        "orgmodel: two rules share a code or name: EX001 unit-name-length from orgmodel-duplicate 0.2.0 "
        "(module orgmodel_duplicate) and EX001 virksomhet-name-prefix from orgmodel-example 0.1.0 (module "
        "orgmodel_example.rules); a rule's code and name must be unique: uninstall the plugin or ask its "
        "authors to change them\n"
    )
