"""``orgmodel render``: a thin command over the API's ``model_chart`` and the chart formats."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orgmodel.cli.lang import formats_help
from orgmodel.cli.options import ConfigFileOption, IsolatedOption, _choice
from orgmodel.cli.stats_cmd import ModelArgument
from orgmodel.cli.support import _print_config_error, _usage, deliver
from orgmodel.formatters import chart_renderer, formats_for
from orgmodel.i18n import N_

ChartFormat = StrEnum("ChartFormat", {name: name for name in formats_for("chart")})  # type: ignore[misc]
CHART_HTML = ChartFormat("html")
SUFFIXES = {
    "html": (".html", ".htm"),
    "svg": (".svg",),
    "dot": (".dot", ".gv"),
    "mermaid": (".mmd", ".mermaid"),
}


RENDER_HELP = N_(
    "Draw one model's organisation chart: HTML, SVG (Graphviz), DOT or Mermaid.\n\n"
    "Each box shows the unit's name, leader, level, staff and span; professional lines are dashed; "
    "units with findings under the ruleset are marked with the findings' text. Exit code 0 with the "
    "chart (findings do not change it: 'orgmodel check' judges them); 2 when the model has YAML, "
    "schema or reference errors, --root names no unit, FILE's suffix does not fit the format, or "
    "--format svg finds no Graphviz."
)


ChartFormatOption = Annotated[
    ChartFormat, typer.Option("--format", "-f", parser=_choice(ChartFormat), help=formats_help("chart"))
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", help=N_("Write to FILE instead of stdout."))
]
RootOption = Annotated[
    str | None,
    typer.Option(metavar="UNIT", help=N_("Draw the area under this unit (its id, or its exact name).")),
]
DepthOption = Annotated[
    int | None,
    typer.Option(
        metavar="N", min=0, help=N_("Draw N levels of personnel lines below the top (0: the top alone).")
    ),
]
ChartRulesetOption = Annotated[
    str | None,
    typer.Option(
        metavar="FILE|NAME",
        help=N_(
            "Ruleset the model is checked with, for the findings on the chart (default: the "
            "configuration file's ruleset:, else the shipped default)."
        ),
    ),
]


def render(
    model: ModelArgument = None,
    output_format: ChartFormatOption = CHART_HTML,
    output: OutputOption = None,
    root: RootOption = None,
    depth: DepthOption = None,
    ruleset: ChartRulesetOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is RENDER_HELP."""
    from orgmodel.api import ConfigError, model_chart
    from orgmodel.hints import or_list
    from orgmodel.i18n import _
    from orgmodel.progress import bar, big

    name = output_format.value
    if output is not None and output.suffix.lower() not in SUFFIXES[name]:
        ends = or_list(list(SUFFIXES[name]))
        _usage(
            _("--output {output}: a {name} file ends in {ends}").format(output=output, name=name, ends=ends)
        )
    from orgmodel.cli.one_model import model_and_config

    model, config = model_and_config(model, "render", config_file, isolated)
    buffer = io.StringIO()
    try:
        with bar(_("Checking the model"), total=2, quiet=not big([model])) as ticker:  # big models only
            chart = model_chart(model, ruleset=ruleset, config=config, root=root, depth=depth)
            ticker.advance(_("Drawing the chart"))
            chart_renderer(name, buffer).chart(chart)
            ticker.advance()
    except ConfigError as error:
        _print_config_error(error)
    deliver(buffer.getvalue(), output)
