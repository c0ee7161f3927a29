"""``orgmodel rules`` and ``orgmodel explain``: what a run checks, and each rule's documentation.

``orgmodel rules`` is a group: without a subcommand it lists the rules;
``orgmodel rules test RULESET`` runs a ruleset's custom rules on their examples.
"""

from __future__ import annotations

from typing import Annotated

import typer

from orgmodel.cli.options import _RULESET_OPTION, ColorOption, ConfigFileOption, IsolatedOption
from orgmodel.cli.support import EXIT_CLEAN, EXIT_FINDINGS, _print_config_error, _run_ruleset, _usage
from orgmodel.i18n import N_

rules_app = typer.Typer(
    name="rules",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


RULES_HELP = N_(
    "List every rule and built-in check.\n\n"
    "Code, name, the severity and options a run uses (from the ruleset), and a one-line summary"
    " of each, the ruleset's custom rules included. 'orgmodel rules test RULESET' runs custom "
    "rules on their examples."
)


@rules_app.callback(invoke_without_command=True, help=RULES_HELP)
def rules(
    ctx: typer.Context,
    ruleset: Annotated[str | None, _RULESET_OPTION] = None,
    color: ColorOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is RULES_HELP."""
    if ctx.invoked_subcommand is None:
        list_rules(ruleset, color, config_file, isolated)


RULES_TEST_HELP = N_(
    "Run each custom rule of RULESET against its own examples.\n\n"
    "A 'pass' example must give no finding of the rule, a 'fail' example at least one (at its "
    "'line' when it gives one). Exit code 0: every rule behaves; 1: one does not; 2: the "
    "ruleset is invalid or has no custom rules."
)


@rules_app.command("test", help=RULES_TEST_HELP)
def rules_test(
    ruleset: Annotated[
        str, typer.Argument(metavar="RULESET", help=N_("The ruleset file whose custom rules to test."))
    ],
) -> None:
    """The command; its help (what ``--help`` shows) is RULES_TEST_HELP."""
    from orgmodel.api import run_rule_tests
    from orgmodel.escape import text
    from orgmodel.i18n import _, ngettext
    from orgmodel.ruleset import ConfigError

    try:
        run = run_rule_tests(ruleset)
    except ConfigError as error:
        _print_config_error(error)
    typer.echo(_("Testing the custom rules of {ruleset}").format(ruleset=text(run.ruleset)))
    for rule in run.rules:
        passes = sum(e.kind == "pass" for e in rule.examples)
        counts = _("{passes} pass, {fails} fail").format(passes=passes, fails=len(rule.examples) - passes)
        verdict = _("ok") if rule.ok else _("FAILED")
        if not rule.examples:
            verdict, counts = _("untested"), _("no examples")
        typer.echo(f"{rule.code} {text(rule.name)}: {verdict} ({counts})")
        for example in rule.examples:
            if not example.ok:
                said = _("{kind} example {number} ({where}): {why}").format(
                    kind=example.kind, number=example.number, where=text(example.where), why=text(example.why)
                )
                typer.echo(f"  {said}")
    failed = sum(not rule.ok for rule in run.rules)
    summary = ngettext(
        "{n} custom rule: {ok} ok, {failed} FAILED",
        "{n} custom rules: {ok} ok, {failed} FAILED",
        len(run.rules),
    )
    typer.echo(summary.format(n=len(run.rules), ok=len(run.rules) - failed, failed=failed))
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def list_rules(
    ruleset: Annotated[str | None, _RULESET_OPTION] = None,
    color: ColorOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
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
    from orgmodel.hints import or_list
    from orgmodel.i18n import _
    from orgmodel.rule import plugins
    from orgmodel.ruleset_files import ruleset_shown
    from orgmodel.settings import origin_of

    chosen = _run_ruleset(ruleset, config_file, isolated)
    shown = text(ruleset_shown(chosen.path))
    title = _("Rules in {ruleset} ('orgmodel explain CODE' documents each)").format(ruleset=shown)
    table = Table(title=title, title_justify="left")
    origins = plugins() or chosen.custom
    columns = (_("code"), _("name"), _("severity"), *((_("origin"),) if origins else ()), _("summary"))
    for number, column in enumerate(columns):
        table.add_column(column, no_wrap=number < len(columns) - 1)
    for code, rule in sorted(chosen.rules().items()):
        severity = chosen.severity_of(rule)
        custom = rule.code in chosen.custom  # "custom (FILE:LINE)" is too wide for the table
        origin = ((_("custom") if custom else origin_of(rule)) or _("built in"),) if origins else ()
        # error, warning, info, off in the reader's language
        shown_severity = _(severity.value) if severity else _("off")
        summary = rule.summary()
        waiting = chosen.waiting(rule) if severity else ()
        if waiting:
            summary += " " + _("It finds nothing until the ruleset sets {options}.").format(
                options=or_list([f"'{name}'" for name in waiting])
            )
        cells = (code, rule.name, shown_severity, *origin, summary)
        table.add_row(*(Text(text(cell)) for cell in cells))
    checks = Table(title=_("Checks built into loading (always on)"), title_justify="left")
    for column in (_("code"), _("name"), _("severity")):
        checks.add_column(column, no_wrap=True)
    checks.add_column(_("summary"), no_wrap=False)
    for check_ in CHECKS:
        cells = (check_.code, check_.name, _(check_.severity.value), check_.summary())
        checks.add_row(*(Text(text(cell)) for cell in cells))
    console = make_console(None, color, width=max(100, Console().width), soft_wrap=False)
    console.print(table)
    console.print(_("Options of the rules that run, as {ruleset} sets them:").format(ruleset=shown))
    for line in option_lines(chosen):
        console.print(text(line), soft_wrap=True)
    console.print(checks)


EXPLAIN_HELP = N_(
    "Document one rule, with examples.\n\n"
    "The rule's documentation, a failing and a passing example, and the severity and options a "
    "run uses (from --ruleset or .orgmodel.yaml)."
)


def explain(
    rule: Annotated[
        str, typer.Argument(metavar="CODE|NAME", help=N_("A rule's code (OM111) or name (level-skip)."))
    ],
    ruleset: Annotated[str | None, _RULESET_OPTION] = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is EXPLAIN_HELP."""
    from orgmodel.checks import CHECKS_BY_KEY
    from orgmodel.escape import text_lines
    from orgmodel.explain import explain_lines, for_terminal
    from orgmodel.i18n import _
    from orgmodel.rule_names import is_close, is_plugin_code
    from orgmodel.ruleset import ConfigError
    from orgmodel.ruleset_files import ruleset_shown
    from orgmodel.validate import suggest

    chosen = _run_ruleset(ruleset, config_file, isolated)
    try:
        found = chosen.find(rule)
    except ConfigError as error:  # a rule plugin that does not load
        _print_config_error(error)
    if found is not None:
        typer.echo(text_lines(for_terminal("\n".join(explain_lines(found, chosen)))))
        return
    builtin = CHECKS_BY_KEY.get(rule.upper()) or CHECKS_BY_KEY.get(rule.lower())
    if builtin is not None:
        head = _("{code} {name} (built-in check, severity: {severity})").format(
            code=builtin.code, name=builtin.name, severity=builtin.severity.value
        )
        typer.echo(head + "\n")
        typer.echo(for_terminal(builtin.explanation()))
        return
    names = [r.name for r in chosen.rules().values()] + [c for c in CHECKS_BY_KEY if not c.startswith("OM")]
    guess = suggest(rule.lower(), names)
    if guess and is_close(rule.lower(), guess):
        message = _("no rule or check is called '{key}'; did you mean '{guess}'?")
    elif guess:  # 'robust', like 'robust-units': a slip, or a custom rule of another ruleset
        message = _(
            "no rule or check is called '{key}' in {ruleset}; did you mean '{guess}'? A custom rule is "
            "explained with its ruleset: --ruleset FILE"
        )
    elif rule.upper().startswith("OM"):
        message = _("no rule or check is called '{key}'")
    elif is_plugin_code(rule):
        message = _(
            "no rule or check is called '{key}' in {ruleset}; a custom rule is explained with its ruleset: "
            "--ruleset FILE; no rule plugin installed here provides that code"
        )
    else:
        message = _(
            "no rule or check is called '{key}' in {ruleset}; a custom rule is explained with its ruleset: "
            "--ruleset FILE"
        )
    _usage(message.format(key=rule, guess=guess, ruleset=ruleset_shown(chosen.path)))
