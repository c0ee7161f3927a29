"""What ``orgmodel rules`` and ``orgmodel explain`` say about a rule under the ruleset a run uses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from orgmodel.hints import or_list
from orgmodel.i18n import _
from orgmodel.rule import Rule, load_rules, plugin_of
from orgmodel.ruleset import Ruleset
from orgmodel.ruleset_files import ruleset_shown
from orgmodel.wording import flow


def explain_lines(rule: type[Rule[Any]], ruleset: Ruleset) -> list[str]:
    """A rule's documentation, with the severity and options ``ruleset`` gives it."""
    severity = ruleset.severity_of(rule)
    used = _(severity.value) if severity else _("off (the rule does not run)")  # error, warning, info
    setting = ruleset.settings.get(rule.code)
    source = setting.severity_from if setting is not None else None
    label = ruleset_shown(ruleset.path)
    if source is not None and Path(source).resolve() != Path(ruleset.path).resolve():
        # Translators: {source} is the ruleset {ruleset} extends that sets the severity
        head = _(
            "{code} {name} (severity in {ruleset}: {severity}, set in {source}; "
            "the rule's default: {default})"
        )
    else:
        head = _("{code} {name} (severity in {ruleset}: {severity}; the rule's default: {default})")
    lines = [
        head.format(
            code=rule.code,
            name=rule.name,
            ruleset=label,
            severity=used,
            default=_(rule.severity.value),
            source=ruleset_shown(source) if source is not None else "",
        )
    ]
    waiting = ruleset.waiting(rule) if severity else ()
    if waiting:
        unset = or_list([f"'{name}'" for name in waiting])
        lines.append(
            _(
                "It finds nothing until a ruleset sets {options}, a decision of the municipality's own "
                "(the options below say what it means)."
            ).format(options=unset)
        )
    plugin = plugin_of(rule)
    if plugin is not None:
        lines.append(_("From the rule plugin {plugin}.").format(plugin=plugin.described))
    lines += ["", rule.explanation()]
    options = ruleset.options(rule)
    if options:
        title = _("Options in {ruleset} (set them under the rule's name in a ruleset):")
        lines += ["", title.format(ruleset=label)]
    for option in options:
        text = f" - {option.name}: {flow(option.value)}"
        if option.value != option.default:
            text += " " + _("(the rule's default: {default})").format(default=flow(option.default))
        lines.append(text)
        if option.description:
            lines.append("     " + _(option.description))
    return lines


def for_terminal(doc: str) -> str:
    """A rule's documentation as a terminal shows it: ``code`` as 'code', 'Anti-pattern::' as 'Anti-pattern:'.

    The docstrings are reStructuredText (docs/rules/ and the report render them); a planner reading
    ``orgmodel explain`` sees the words, not the markup.
    """
    text = re.sub(r"``(.+?)``", r"'\1'", doc)
    return re.sub(r"(?m)(\S)::$", r"\1:", text)


def option_lines(ruleset: Ruleset) -> list[str]:
    """One line per rule that runs and has options: ``OM112 max-levels: max: 5, count_employees: true``."""
    lines = []
    for code, rule in sorted(load_rules().items()):
        options = ruleset.options(rule)
        if ruleset.severity_of(rule) is not None and options:
            lines.append(f"  {code} {rule.name}: " + ", ".join(f"{o.name}: {flow(o.value)}" for o in options))
    return lines
