"""Built-in codes in one place (orgmodel.codes), and selectors that name an always-on check."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import orgmodel
from conftest import FIXTURES
from orgmodel import codes
from orgmodel.checks import CHECKS
from orgmodel.cli import app

CYCLE = FIXTURES / "invalid" / "cycle.yaml"


def test_the_constants_are_the_documented_checks() -> None:
    assert [(c.code, c.name) for c in CHECKS] == list(codes.BUILTIN)
    assert set(codes.BUILTIN) >= codes.IGNORABLE


@pytest.mark.parametrize(
    ("flag", "selector", "names"),
    [
        ("ignore", "OM011", "OM011 unknown-key"),
        ("ignore", "unknown-key", "OM011 unknown-key"),
        (
            "select",
            "OM01",
            "OM010 schema, OM011 unknown-key, OM012 too-large, OM013 model-part, OM014 part-content",
        ),
        ("ignore", "OM021", "OM021 unknown-reference"),
        ("select", "internal-error", "OM009 internal-error"),
    ],
)
def test_selecting_or_ignoring_an_always_on_check_is_a_usage_error(
    flag: str, selector: str, names: str
) -> None:
    result = CliRunner().invoke(app, ["check", str(CYCLE), f"--{flag}", selector])
    assert result.exit_code == 2
    assert result.stderr == (
        f"orgmodel: --{flag} '{selector}' names {names}: built into orgmodel and always on, so it cannot "
        f"be selected or ignored (fix what it reports; 'orgmodel explain {names[:5]}' says how)\n"
    )
    with pytest.raises(orgmodel.ConfigError, match=f"--{flag} '{selector}' names"):
        orgmodel.check_text(CYCLE.read_bytes(), **{flag: [selector]})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("flag", "selector"), [("ignore", "OM09"), ("ignore", "unused-suppression"), ("select", "OM0")]
)
def test_the_suppression_checks_and_a_prefix_with_rules_or_them_stay_selectable(
    flag: str, selector: str
) -> None:
    result = CliRunner().invoke(app, ["check", str(CYCLE), f"--{flag}", selector])
    assert result.exit_code in (0, 1) and not result.stderr
