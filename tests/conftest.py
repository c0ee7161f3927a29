"""Shared test helpers: check YAML text with chosen rules and compare exact positions."""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from orgmodel import i18n
from orgmodel.diagnostic import Diagnostic
from orgmodel.engine import FileResult, check_bytes
from orgmodel.rule import find_rule, load_rules
from orgmodel.ruleset import load_ruleset

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent

# the test plugins' own code and tests need the plugin installed: tests/test_plugins.py runs them so
collect_ignore_glob = ["plugin_*/*"]


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every test speaks English unless it asks for bokmål (--lang nb, LANG=nb_NO.UTF-8, set_language)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True, scope="session")
def _no_cache() -> Any:
    """No test reads or writes a check cache (.orgmodel_cache) unless it asks to (tests/test_cache.py).

    Session-wide, so that module fixtures (docgen's example runs) are covered too.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ORGMODEL_NO_CACHE", "1")
        yield


# the rulesets check_yaml writes, for the session (removed at exit)
RULESETS = Path(tempfile.mkdtemp(prefix="orgmodel-test-rulesets-"))
atexit.register(shutil.rmtree, RULESETS, ignore_errors=True)


def check_yaml(
    text: str,
    rules: list[str] | None = None,
    params: dict[str, dict[str, Any]] | None = None,
    *,
    pure: bool = False,
) -> FileResult:
    """Check dedented YAML text with the named rules (all rules when None) and their parameters.

    The rules and parameters reach the engine the way a user's do: written as a
    ruleset file (extending the shipped default, each named rule on at its own
    severity) and loaded by ``load_ruleset``, so a ruleset bug shows in rule tests.
    """
    params = params or {}
    names = rules if rules is not None else [cls.code for cls in load_rules().values()]
    layer: dict[str, dict[str, Any]] = {}
    for name in names:
        cls = find_rule(name)
        assert cls is not None, f"no rule {name}"
        layer[cls.name] = {"severity": cls.severity.value, **params.get(name, {})}
    document = {"orgmodel-ruleset": 1, "extends": "default", "rules": layer}
    written = yaml.safe_dump(document, allow_unicode=True)
    path = RULESETS / f"rules-{hashlib.sha256(written.encode()).hexdigest()[:16]}.yaml"
    path.write_text(written, encoding="utf-8")  # kept for the session: a finding may point into it
    wanted = {find_rule(name).code for name in names}  # type: ignore[union-attr]
    instances = [rule for rule in load_ruleset(path).instances() if rule.code in wanted]
    raw = textwrap.dedent(text).lstrip("\n").encode()
    return check_bytes("model.yaml", raw, instances, pure=pure)


def line_of(diagnostic: Diagnostic) -> str:
    """The text of the line a finding points at, in the file it names (a model or a ruleset)."""
    return Path(diagnostic.path).read_text(encoding="utf-8").splitlines()[diagnostic.line - 1]


def at(text: str, line: int, token: str, code: str) -> tuple[int, int, str]:
    """(line, col, code) where ``token`` first appears on 1-based ``line`` of ``text``."""
    source = textwrap.dedent(text).lstrip("\n").splitlines()[line - 1]
    assert token in source, f"{token!r} not on line {line}: {source!r}"
    return (line, source.index(token) + 1, code)


def positions(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    """(line, col, code) of each diagnostic."""
    return [(d.line, d.col, d.code) for d in diagnostics]


def assert_diagnostics(
    text: str,
    rules: list[str] | None,
    expected: list[tuple[int, int, str]],
    params: dict[str, dict[str, Any]] | None = None,
) -> list[Diagnostic]:
    """Check that ``text`` gives exactly these (line, col, code) findings, and return them."""
    result = check_yaml(text, rules, params)
    assert positions(result.diagnostics) == expected, [d.message for d in result.diagnostics]
    return result.diagnostics


HEADER = """\
orgmodel: 1
kommune: Testby
"""


@pytest.fixture
def small_model() -> str:
    """A small valid model (tests/fixtures/models/small.yaml) as text."""
    return (FIXTURES / "models" / "small.yaml").read_text(encoding="utf-8")


def cached_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the shipped models, one clean fixture, one with findings and broken YAML.

    The cache is on (the suite turns it off elsewhere), with the user's key in a cache home of the
    test's own; the working directory is the repository. Returns its ``models`` folder.
    """
    monkeypatch.delenv("ORGMODEL_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "models"
    folder.mkdir()
    for source in [*sorted((ROOT / "models").glob("*.yaml")), FIXTURES / "models" / "small.yaml"]:
        shutil.copy(source, folder / source.name)
    for name in ("span-above-max.yaml", "broken-yaml.yaml"):
        shutil.copy(FIXTURES / "invalid" / name, folder / name)
    return folder
