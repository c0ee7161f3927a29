"""The rule registry: every rule module is loaded, codes and names are unique."""

from __future__ import annotations

import subprocess
import sys

import pytest

from orgmodel.rule import Rule, load_rules, register


def test_importing_one_rule_module_first_still_loads_every_rule() -> None:
    code = (
        "import orgmodel.rules.levels\n"
        "from orgmodel.rule import load_rules\n"
        "print(len(load_rules()), 'OM101' in load_rules(), 'OM201' in load_rules())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    count, has_structure, has_principles = out.split()
    assert int(count) == len(load_rules())
    assert has_structure == has_principles == "True"


def test_a_duplicate_code_is_refused() -> None:
    existing = next(iter(load_rules().values()))

    class Copy(Rule[object]):  # type: ignore[type-var]
        """Same code as an existing rule."""

        code = existing.code
        name = "a-new-name"

    with pytest.raises(ValueError, match="duplicate rule code or name"):
        register(Copy)


def test_every_rule_has_kebab_case_name_and_om_code() -> None:
    for code, rule in load_rules().items():
        assert code == rule.code and code.startswith("OM") and len(code) == 5
        assert rule.name == rule.name.lower() and " " not in rule.name and "_" not in rule.name
