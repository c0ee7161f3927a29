"""Every OM2xx rule documents itself: summary, principle, a failing and a passing example, options."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from typer.testing import CliRunner

import orgmodel.rules as rules_package
from orgmodel.cli import app
from orgmodel.rule import Rule, load_rules

PRINCIPLE_CODES = sorted(code for code in load_rules() if code.startswith("OM2"))


def test_every_rule_class_in_the_package_is_registered() -> None:
    """Each Rule subclass defined in orgmodel/rules/ is in the registry (no list to keep by hand)."""
    defined = set()
    for info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module.__name__:
                defined.add(value)
    shipped = {rule for rule in load_rules().values() if rule.__module__.startswith("orgmodel.rules.")}
    assert defined == shipped
    assert PRINCIPLE_CODES and all(code[3:].isdigit() for code in PRINCIPLE_CODES)


@pytest.mark.parametrize("code", PRINCIPLE_CODES)
def test_each_rule_has_examples_and_is_explained(code: str) -> None:
    rule = load_rules()[code]
    doc = rule.documentation()
    assert "Anti-pattern" in doc and ("Best practice" in doc), code
    result = CliRunner().invoke(app, ["explain", code])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{code} {rule.name} (severity in ")
    assert first.endswith(f"; the rule's default: {rule.severity.value})")
    for option in rule.Params.model_fields:
        assert f"\n - {option}: " in result.stdout


def test_rules_lists_them() -> None:
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    for code in PRINCIPLE_CODES:
        assert code in result.stdout


# OM260 comparable-sizes is calibrated with the span rules (issue 10 item 1), in its own change.
@pytest.mark.parametrize("code", [c for c in PRINCIPLE_CODES if c != "OM260"])
def test_every_default_number_cites_a_source_or_says_assumption(code: str) -> None:
    """Issue 17: a limit without a source is marked as an assumption, or finds nothing until set."""
    rule = load_rules()[code]
    for option, field in rule.Params.model_fields.items():
        default = field.get_default(call_default_factory=True)
        if isinstance(default, bool) or not isinstance(default, (int, float)):
            continue
        text = field.description or ""
        assert any(word in text for word in ("Source", "source", "assumption", "p. ")), (code, option)
