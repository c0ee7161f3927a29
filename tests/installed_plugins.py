"""Rule plugins installed for the plugin tests: distributions written to a directory on sys.path."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgmodel.rule as rule_module
from conftest import ROOT
from orgmodel.cli import app

EXAMPLE = ROOT / "tests" / "plugin_example"
SUFFIX = "; a rule's code and name must be unique: uninstall the plugin or ask its authors to change them\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def install(site: Path, dist: str, entries: dict[str, str], version: str = "1.0") -> None:
    """Write an installed distribution's metadata: its name, version and ``orgmodel.rules`` entry points."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entries.items())
    (info / "entry_points.txt").write_text(f"[orgmodel.rules]\n{lines}")


RULE = '''
from orgmodel.plugin import Context, Rule, RuleParams, register


@register
class Made(Rule[RuleParams]):
    """A rule made for a test.

    Anti-pattern::

        - {{id: a}}

    Best practice::

        - {{id: b}}
    """

    code = "{code}"
    name = "{name}"
    Params = {params}

    def check(self, ctx: Context):
        {body}
'''


def module(
    site: Path, name: str, code: str, rule: str, params: str = "RuleParams", body: str = "yield from ()"
) -> None:
    """A plugin module registering one rule whose ``check`` runs ``body``."""
    source = RULE.format(code=code, name=rule, params=params, body=body)
    (site / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def plugins_on_sys_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory on sys.path for plugins; the registry, and sys.modules, as they were afterwards."""
    rule_module.load_rules()
    saved = (
        dict(rule_module.REGISTRY),
        dict(rule_module._NAMES),
        dict(rule_module._PLUGINS),
    )
    modules = set(sys.modules)
    (tmp_path / "site").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.chdir(tmp_path)
    rule_module._LOADED.clear()  # the next load_rules() discovers again
    yield tmp_path / "site"
    for name in set(sys.modules) - modules:
        del sys.modules[name]
    for store, old in zip(
        (rule_module.REGISTRY, rule_module._NAMES, rule_module._PLUGINS), saved, strict=True
    ):
        store.clear()
        store.update(old)  # type: ignore[arg-type]
    rule_module._FAILED.clear()
    rule_module._LOADED[:] = [True]
