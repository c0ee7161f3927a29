"""The wheel a user installs: what it ships and what it declares."""

from __future__ import annotations

import ast
import email
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import orgmodel
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("orgmodel-*.whl")
    return zipfile.ZipFile(built)


def _metadata(wheel: zipfile.ZipFile) -> email.message.Message:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.message_from_bytes(wheel.read(name))


def test_the_wheel_ships_types_rulesets_schema_and_licence(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "orgmodel/py.typed" in names
    assert {"orgmodel/_rulesets/default.yaml", "orgmodel/_rulesets/drammen-2020.yaml"} <= names
    shipped = wheel.read("orgmodel/schemas/check-output.schema.json")
    assert shipped == (ROOT / "docs" / "check-output.schema.json").read_bytes()
    (licence,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    assert wheel.read(licence) == (ROOT / "LICENSE").read_bytes()
    assert not any(n.startswith(("tests/", "models/", "docs/")) for n in names)


def test_the_wheel_ships_the_model_schema(wheel: zipfile.ZipFile) -> None:
    """The JSON Schema of the model format, for editors, at the path docs/editors.md names."""
    shipped = wheel.read("orgmodel/schemas/model-1.schema.json")
    assert shipped == (ROOT / "orgmodel" / "schemas" / "model-1.schema.json").read_bytes()


def test_the_wheel_ships_the_compiled_bokmal_catalogue(wheel: zipfile.ZipFile) -> None:
    """The .mo the stdlib gettext reads at run time, byte for byte the committed one (no Babel needed)."""
    catalogue = ROOT / "orgmodel" / "locale" / "nb" / "LC_MESSAGES" / "orgmodel.mo"
    assert wheel.read("orgmodel/locale/nb/LC_MESSAGES/orgmodel.mo") == catalogue.read_bytes()


def test_the_metadata_a_user_sees(wheel: zipfile.ZipFile) -> None:
    meta = _metadata(wheel)
    assert meta["License-Expression"] == "MIT"
    assert "Typing :: Typed" in meta.get_all("Classifier", [])
    assert "kommune" in meta["Keywords"].split(",")
    runtime = [r for r in meta.get_all("Requires-Dist", []) if "extra ==" not in r]
    assert sorted(r.split(">")[0].split("<")[0].lower() for r in runtime) == [
        "networkx",
        "pathspec",
        "pydantic",
        "pyyaml",
        "rich",
        "ruamel-yaml",  # orgmodel fmt
        "typer",
    ]
    scripts = wheel.read(next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))).decode()
    assert "orgmodel = orgmodel.launch:main" in scripts


def _imported_top_level(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_every_third_party_import_is_a_declared_dependency() -> None:
    imported = set().union(*(_imported_top_level(p) for p in (ROOT / "orgmodel").rglob("*.py")))
    third_party = imported - set(sys.stdlib_module_names) - {"orgmodel"}
    # pydantic_core comes with pydantic, which pins its exact version; ruamel is ruamel.yaml (fmt)
    declared = {"typer", "pydantic", "pydantic_core", "networkx", "rich", "yaml", "pathspec", "ruamel"}
    assert third_party <= declared, third_party


def test_the_readmes_install_commands_are_the_ones_ci_runs() -> None:
    """.ci/check-wheel runs the user's set-up commands of the README verbatim, in a fresh clone."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up\n", 1)[1].split("To work on orgmodel itself", 1)[0]
    lines = [line for block in re.findall(r"```sh\n(.*?)```", setup, re.S) for line in block.splitlines()]
    commands = [line.split("#", 1)[0].strip() for line in lines]
    assert commands == [
        "pipx install .",
        "python3 -m pip wheel --no-deps --wheel-dir dist .",
        "pipx install dist/orgmodel-*.whl",
    ]
    script = (ROOT / ".ci" / "check-wheel").read_text(encoding="utf-8")
    for command in commands:
        program, _, rest = command.partition(" ")
        assert f'"${program}" {rest}' in script.replace('"$python"', '"$python3"'), command
    assert f"builds dist/orgmodel-{orgmodel.__version__}-py3-none-any.whl" in setup
