"""Helpers for the custom-rule tests: write a ruleset and a model, check, compare exact findings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from orgmodel.api import check_text
from orgmodel.ruleset import ConfigError, load_ruleset

HEAD = "orgmodel-ruleset: 1\nextends: default\n"


def write_ruleset(directory: Path, body: str, name: str = "r.yaml", head: str = HEAD) -> Path:
    """A ruleset file: ``head`` then the dedented ``body`` (its ``custom:`` section, say)."""
    path = directory / name
    path.write_text(head + textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def model(units: str, extra: str = "") -> str:
    """A model text: a header, the dedented ``extra`` top-level keys, then ``units:`` and ``units``."""
    body = (
        textwrap.dedent(extra).lstrip("\n")
        + "units:\n"
        + textwrap.indent(textwrap.dedent(units).lstrip("\n"), "  ")
    )
    return "orgmodel: 1\nkommune: Testby\n" + body


def findings(ruleset: Path, text: str, select: str = "ABC") -> list[tuple[int, int, str, str | None]]:
    """(line, col, code, unit) of each finding of the selected rules in ``text``."""
    checked = check_text(text, name="m.yaml", ruleset=ruleset, select=[select])
    return [(d.line, d.col, d.code, d.unit) for d in checked.diagnostics]


def messages(ruleset: Path, text: str, select: str = "ABC") -> list[str]:
    """The message of each finding of the selected rules in ``text``."""
    return [d.message for d in check_text(text, name="m.yaml", ruleset=ruleset, select=[select]).diagnostics]


def config_errors(path: Path) -> list[tuple[int, int, str, str | None]]:
    """(line, col, message, hint) of each problem loading the ruleset ``path``."""
    with pytest.raises(ConfigError) as caught:
        load_ruleset(path)
    return [(d.line, d.col, d.message, d.hint) for d in caught.value.diagnostics]
