"""``orgmodel stats`` and ``orgmodel export``: thin commands over the API's ``stats`` and ``export_graph``."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orgmodel.cli.lang import formats_help
from orgmodel.cli.options import ConfigFileOption, IsolatedOption, _choice
from orgmodel.cli.support import _print_config_error, _usage, deliver
from orgmodel.formatters import formats_for, stats_renderer
from orgmodel.i18n import N_, _

StatsFormat = StrEnum("StatsFormat", {name: name for name in formats_for("stats")})  # type: ignore[misc]
STATS_TEXT = StatsFormat("text")
StatsFormatOption = Annotated[
    StatsFormat,
    typer.Option(
        "--format",
        "-f",
        parser=_choice(StatsFormat),
        help=formats_help("stats"),
    ),
]
ModelArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="MODEL",
        help=N_("One model file (default: the one model under the configuration file's paths:)."),
        readable=False,
        exists=False,
        show_default=False,
    ),
]
StatsRulesetOption = Annotated[
    str | None,
    typer.Option(
        metavar="FILE|NAME",
        help=N_(
            "Ruleset whose span-of-control limits the figures compare with (default: the configuration "
            "file's ruleset:, else the shipped default)."
        ),
    ),
]


STATS_HELP = N_(
    "Print the figures of one model: levels, spans, people, coverage, hubs, personas.\n\n"
    "Exit code 0 with the figures (rule findings do not matter here; 'orgmodel check' judges "
    "them); 2 when the model has YAML, schema or reference errors (printed as check prints "
    "them) or an option is wrong."
)


def stats(
    model: ModelArgument = None,
    output_format: StatsFormatOption = STATS_TEXT,
    ruleset: StatsRulesetOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is STATS_HELP."""
    from orgmodel.api import ConfigError, model_stats
    from orgmodel.cli.one_model import model_and_config

    model, config = model_and_config(model, "stats", config_file, isolated)
    try:
        result = model_stats(model, ruleset=ruleset, config=config)
    except ConfigError as error:
        _print_config_error(error)
    stats_renderer(output_format.value, sys.stdout).stats(result)


ExportFormat = StrEnum("ExportFormat", {name: name for name in ("graphml", "gexf", "json-graph")})  # type: ignore[misc]
SUFFIXES = {"graphml": (".graphml", ".xml"), "gexf": (".gexf",), "json-graph": (".json",)}


EXPORT_HELP = N_(
    "Write one model as a graph file for Gephi, yEd or a notebook (units as nodes, lines as "
    "edges).\n\n"
    "Exit code 0; 2 when the model has YAML, schema or reference errors, or FILE's suffix does "
    "not fit the format (so a model is never overwritten)."
)


def export(
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            parser=_choice(ExportFormat),
            help=N_("graphml (yEd, Gephi), gexf (Gephi) or json-graph (networkx node-link JSON)."),
        ),
    ],
    model: ModelArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=N_("Write to FILE (.graphml/.xml, .gexf or .json) instead of stdout."),
        ),
    ] = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is EXPORT_HELP."""
    from orgmodel.api import ConfigError, export_graph

    name = output_format.value
    from orgmodel.hints import or_list

    if output is not None and output.suffix.lower() not in SUFFIXES[name]:
        _usage(
            _("--output {path}: a {format} file ends in {suffixes}").format(
                path=output, format=name, suffixes=or_list(list(SUFFIXES[name]))
            )
        )
    from orgmodel.cli.one_model import model_and_config

    model, _config = model_and_config(model, "export", config_file, isolated, needs_config=False)
    buffer = io.BytesIO()
    try:
        export_graph(model, name, buffer)  # type: ignore[arg-type]
    except ConfigError as error:
        _print_config_error(error)
    deliver(buffer.getvalue().decode("utf-8"), output)
