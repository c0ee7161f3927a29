"""The layers contract (pyproject.toml, run by ``make lint`` as ``lint-imports``) places every module."""

from __future__ import annotations

import pkgutil
import tomllib

import orgmodel
from conftest import ROOT


def _contract_modules(*, optional: bool = True) -> set[str]:
    """The modules the layers name; ``(name)`` is an optional layer (a module that may not exist yet)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    names = {name.strip() for layer in layers["layers"] for name in layer.replace(":", "|").split("|")}
    return {n.strip("()") for n in names if optional or not n.startswith("(")}


def test_every_module_of_the_package_has_a_layer() -> None:
    modules = {f"orgmodel.{info.name}" for info in pkgutil.iter_modules(orgmodel.__path__)}
    unplaced = sorted(modules - _contract_modules() - {"orgmodel.__main__"})
    assert not unplaced, f"add these modules to a layer in pyproject.toml's [tool.importlinter]: {unplaced}"


def test_every_layer_names_a_module_that_exists() -> None:
    modules = {f"orgmodel.{info.name}" for info in pkgutil.iter_modules(orgmodel.__path__)}
    assert _contract_modules(optional=False) <= modules
