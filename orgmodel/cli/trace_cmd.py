"""``orgmodel trace``: walk a fictional user (persona) through a model."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from orgmodel.cli.lang import formats_help
from orgmodel.cli.options import ColorOption, ConfigFileOption, IsolatedOption, PathsArgument, _choice
from orgmodel.cli.support import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    _print_config_error,
    _print_diagnostics,
    _usage,
    run_config,
)
from orgmodel.formatters import formats_for, trace_renderer
from orgmodel.i18n import N_, _

TraceFormat = StrEnum("TraceFormat", {name: name for name in formats_for("trace")})  # type: ignore[misc]
TRACE_TEXT = TraceFormat("text")
TraceFormatOption = Annotated[
    TraceFormat,
    typer.Option(
        "--format",
        "-f",
        parser=_choice(TraceFormat),
        help=formats_help("trace"),
    ),
]


TRACE_HELP = N_(
    "Walk a fictional user through a model.\n\n"
    "Who delivers and who decides each of the persona's needs, where, and under which "
    "kommunalsjef and direktør."
)


def trace(
    persona: Annotated[
        str,
        typer.Argument(metavar="PERSONA", help=N_("The id of a persona (fiktiv bruker) under 'personas:'.")),
    ],
    paths: PathsArgument = None,
    output_format: TraceFormatOption = TRACE_TEXT,
    color: ColorOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is TRACE_HELP."""
    from orgmodel.api import trace_paths
    from orgmodel.ruleset import ConfigError

    try:
        config = run_config(config_file, isolated)
        targets = config.targets(paths)
        if not targets:
            _usage(
                _(
                    "no paths given and no .orgmodel.yaml with 'paths:'; "
                    "try: orgmodel trace {persona} models/"
                ).format(persona=persona)
            )
        run = trace_paths(persona, targets, config=config)
    except ConfigError as error:
        _print_config_error(error)
    for result in run.broken:  # as stats and the others print a model that did not load, hints too
        why = _("{path} is not a valid model; 'orgmodel check' shows why").format(path=result.path)
        _print_diagnostics(result.diagnostics, why)
    unreadable = any(d.code == "OM007" for result in run.broken for d in result.diagnostics)
    if not run.journeys:
        if run.broken:
            raise typer.Exit(EXIT_USAGE if unreadable else EXIT_FINDINGS)
        known = ", ".join(run.known) or _("none")
        if run.suggestion:
            message = _("no persona has the id '{persona}'; did you mean '{guess}'? (personas: {known})")
        else:
            message = _("no persona has the id '{persona}' (personas: {known})")
        _usage(message.format(persona=persona, guess=run.suggestion, known=known))
    trace_renderer(output_format.value, sys.stdout, color=color).trace(run)
    raise typer.Exit(EXIT_USAGE if unreadable else EXIT_FINDINGS if run.broken else EXIT_CLEAN)
