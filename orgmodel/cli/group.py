"""The command group: ``check`` is built with the app, every other command when it is first asked for.

typer turns a command into a click command by reading its function's signature and resolving every
annotation, and ``orgmodel check`` needs neither the other commands' modules nor their options. So
they are named here, each with where it lives, and built the first time something asks for one:
running it, ``--help`` listing it, the shell completing it, a did-you-mean for a mistyped name.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from orgmodel.cli import lang
from orgmodel.i18n import _

# name -> (module, the command's function or typer app, the name of its help text in that module)
LAZY: dict[str, tuple[str, str, str | None]] = {
    "rules": ("orgmodel.cli.rules_cmd", "rules_app", None),
    "explain": ("orgmodel.cli.rules_cmd", "explain", "EXPLAIN_HELP"),
    "diff": ("orgmodel.cli.diff_cmd", "diff", "DIFF_HELP"),
    "trace": ("orgmodel.cli.trace_cmd", "trace", "TRACE_HELP"),
    "fmt": ("orgmodel.cli.fmt_cmd", "fmt", "FMT_HELP"),
    "init": ("orgmodel.cli.init_cmd", "init", "INIT_HELP"),
    "schema": ("orgmodel.cli.schema_cmd", "schema", "SCHEMA_HELP"),
    "stats": ("orgmodel.cli.stats_cmd", "stats", "STATS_HELP"),
    "export": ("orgmodel.cli.stats_cmd", "export", "EXPORT_HELP"),
    "render": ("orgmodel.cli.render_cmd", "render", "RENDER_HELP"),
    "report": ("orgmodel.cli.report_cmd", "report", "REPORT_HELP"),
}


def build(name: str) -> Any:
    """The click command ``name`` of :data:`LAZY`, its help in the run's language."""
    module_name, attribute, help_name = LAZY[name]
    module = importlib.import_module(module_name)
    target = getattr(module, attribute)
    if not isinstance(target, typer.Typer):  # a function: a one-command app, as the main app has
        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
        single.command(name=name, help=getattr(module, help_name) if help_name else None)(target)
        target = single
    command = typer.main.get_command(target)
    lang.translate_commands(command)
    return command


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name: the ones built, and the ones of :data:`LAZY`, built when read."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self.built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in LAZY:
                raise KeyError(name)
            self.built[name] = build(name)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self.built), **dict.fromkeys(LAZY)})

    def __len__(self) -> int:
        return len(self.built.keys() | LAZY.keys())


class Commands(TyperGroup):
    """The commands in the order --help lists them: check, rules, explain, diff, trace, then the others."""

    ORDER = ("check", "rules", "explain", "diff", "trace")
    context_class = lang.Context

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.commands)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, with its errors written in the run's language (orgmodel.cli.usage_errors).

        click runs without printing its own errors (``standalone_mode=False``); this does what
        click's standalone mode does, with the words translated: an error is shown and the
        process leaves with its code (2 for a usage error), "Aborted!" leaves with 1, and a
        command's end leaves with its exit code.
        """
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        from orgmodel.cli import usage_errors

        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except usage_errors.ClickException as error:
            usage_errors.show(error)
            sys.exit(error.exit_code)
        except typer.Abort:
            sys.stderr.write(_("Aborted!") + "\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Choose the language (--lang, the configuration, the locale) before anything speaks."""
        lang.apply(self, args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:  # typer's own click Context
        """The command names, the main ones first."""
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: self.ORDER.index(n) if n in self.ORDER else len(self.ORDER))
