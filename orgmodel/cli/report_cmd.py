"""``orgmodel report``: a thin command over the API's ``meeting_report`` and the report formats."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

import typer

from orgmodel.cli.options import ConfigFileOption, IsolatedOption
from orgmodel.cli.stats_cmd import ModelArgument
from orgmodel.cli.support import _print_config_error, _usage, deliver
from orgmodel.formatters import report_renderer
from orgmodel.i18n import N_

REPORT_HELP = N_(
    "Write one self-contained HTML document about one model for a meeting: a summary, the "
    "organisation chart, the figures, the kommunedel × local-service matrix, the findings with "
    "their rules explained, and with --compare or --base the changes.\n\n"
    "Exit code 0 with the report (findings are in it; 'orgmodel check' judges them); 2 when the "
    "model or the other side has YAML, schema or reference errors, a git revision does not "
    "exist, or an option is wrong."
)
SUFFIXES = (".html", ".htm")


def report(
    model: ModelArgument = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=N_("Write to FILE (.html) instead of stdout.")),
    ] = None,
    ruleset: Annotated[
        str | None,
        typer.Option(
            metavar="FILE|NAME",
            help=N_(
                "Ruleset the model is checked with (default: the configuration file's ruleset:, "
                "else the shipped default)."
            ),
        ),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            metavar="OTHER",
            help=N_("Show what changed from OTHER (a model file or REV:PATH) to MODEL."),
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(metavar="REV", help=N_("Show what changed from MODEL at this git revision.")),
    ] = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """The command; its help (what ``--help`` shows) is REPORT_HELP."""
    from orgmodel.api import ConfigError, meeting_report
    from orgmodel.i18n import _

    if output is not None and output.suffix.lower() not in SUFFIXES:
        _usage(_("--output {output}: a report is an HTML file ending in .html").format(output=output))
    if compare is not None and base is not None:
        _usage(_("give --compare OTHER or --base REV, not both"))
    from orgmodel.cli.one_model import model_and_config

    model, config = model_and_config(model, "report", config_file, isolated)
    buffer = io.StringIO()
    try:
        result = meeting_report(
            model, ruleset=config.ruleset_for(ruleset), config=config, compare=compare, base=base
        )
        report_renderer("html", buffer).report(result)
    except ConfigError as error:
        _print_config_error(error)
    deliver(buffer.getvalue(), output)
