"""What ``orgmodel rules`` and ``orgmodel explain`` say about a rule under the ruleset a run uses."""

from __future__ import annotations

from typing import Any

from orgmodel.rule import Rule, load_rules, plugin_of
from orgmodel.ruleset import Ruleset
from orgmodel.wording import flow


def explain_lines(rule: type[Rule[Any]], ruleset: Ruleset) -> list[str]:
    """A rule's documentation, with the severity and options ``ruleset`` gives it."""
    severity = ruleset.severity_of(rule)
    used = severity.value if severity else "off (the rule does not run)"
    default = rule.severity.value
    lines = [f"{rule.code} {rule.name} (severity in {ruleset.path}: {used}; the rule's default: {default})"]
    plugin = plugin_of(rule)
    if plugin is not None:
        lines.append(f"From the rule plugin {plugin.described}.")
    lines += ["", rule.documentation()]
    options = ruleset.options(rule)
    if options:
        lines += ["", f"Options in {ruleset.path} (set them under the rule's name in a ruleset):"]
    for option in options:
        text = f" - {option.name}: {flow(option.value)}"
        if option.value != option.default:
            text += f" (the rule's default: {flow(option.default)})"
        lines.append(text)
        if option.description:
            lines.append(f"     {option.description}")
    return lines


def option_lines(ruleset: Ruleset) -> list[str]:
    """One line per rule that runs and has options: ``OM112 max-levels: max: 5, count_employees: true``."""
    lines = []
    for code, rule in sorted(load_rules().items()):
        options = ruleset.options(rule)
        if ruleset.severity_of(rule) is not None and options:
            lines.append(f"  {code} {rule.name}: " + ", ".join(f"{o.name}: {flow(o.value)}" for o in options))
    return lines
