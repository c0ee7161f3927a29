"""``orgmodel rules`` and ``orgmodel explain``: what a run checks, and each rule's documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from orgmodel.cli.support import _RULESET_OPTION, ColorOption, _print_config_error, _run_ruleset, _usage


def list_rules(
    ruleset: Annotated[str | None, _RULESET_OPTION] = None,
    color: ColorOption = None,
) -> None:
    """List every rule and built-in check.

    Code, name, the severity and options a run uses (from the ruleset), and a
    one-line summary of each; with rule plugins installed, each rule's origin.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from orgmodel.checks import CHECKS
    from orgmodel.escape import text
    from orgmodel.explain import option_lines
    from orgmodel.formatters.console import make_console
    from orgmodel.rule import load_rules, plugin_of, plugins

    chosen = _run_ruleset(ruleset)
    title = f"Rules in {text(chosen.path)} ('orgmodel explain CODE' documents each)"
    table = Table(title=title, title_justify="left")
    columns = ("code", "name", "severity", *(("origin",) if plugins() else ()), "summary")
    for column in columns:
        table.add_column(column, no_wrap=column != "summary")
    for code, rule in sorted(load_rules().items()):
        severity = chosen.severity_of(rule)
        plugin = plugin_of(rule)
        origin = (plugin.label if plugin else "built in",) if "origin" in columns else ()
        cells = (code, rule.name, severity.value if severity else "off", *origin, rule.summary())
        table.add_row(*(Text(text(cell)) for cell in cells))
    checks = Table(title="Checks built into loading (always on)", title_justify="left")
    for column in ("code", "name", "severity", "summary"):
        checks.add_column(column, no_wrap=column != "summary")
    for check_ in CHECKS:
        cells = (check_.code, check_.name, check_.severity.value, check_.summary())
        checks.add_row(*(Text(text(cell)) for cell in cells))
    console = make_console(None, color, width=max(100, Console().width), soft_wrap=False)
    console.print(table)
    console.print(f"Options of the rules that run, as {text(chosen.path)} sets them:")
    for line in option_lines(chosen):
        console.print(text(line), soft_wrap=True)
    console.print(checks)


def explain(
    rule: Annotated[
        str, typer.Argument(metavar="CODE|NAME", help="A rule's code (OM111) or name (level-skip).")
    ],
    ruleset: Annotated[str | None, _RULESET_OPTION] = None,
) -> None:
    """Document one rule, with examples.

    The rule's documentation, a failing and a passing example, and the
    severity and options a run uses (from --ruleset or .orgmodel.yaml).
    """
    from orgmodel.checks import CHECKS_BY_KEY
    from orgmodel.escape import text_lines
    from orgmodel.explain import explain_lines
    from orgmodel.rule import find_rule, is_plugin_code, load_rules
    from orgmodel.ruleset import ConfigError
    from orgmodel.validate import suggest

    try:
        found = find_rule(rule)
    except ConfigError as error:  # a rule plugin that does not load
        _print_config_error(error)
    if found is not None:
        typer.echo(text_lines("\n".join(explain_lines(found, _run_ruleset(ruleset)))))
        return
    builtin = CHECKS_BY_KEY.get(rule.upper()) or CHECKS_BY_KEY.get(rule.lower())
    if builtin is not None:
        typer.echo(f"{builtin.code} {builtin.name} (built-in check, severity: {builtin.severity.value})\n")
        typer.echo(builtin.doc)
        return
    names = [r.name for r in load_rules().values()] + [c for c in CHECKS_BY_KEY if not c.startswith("OM")]
    guess = suggest(rule.lower(), names)
    plugin = "; no rule plugin installed here provides that code" if is_plugin_code(rule) else ""
    _usage(f"no rule or check is called '{rule}'" + (f"; did you mean '{guess}'?" if guess else plugin))
