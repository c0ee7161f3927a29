"""The figures, graph files and format schema of one model, re-exported by ``orgmodel.api``.

This part of the API needs no check of its own; ``orgmodel.api`` and ``orgmodel`` export each name.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from orgmodel.config import Config
from orgmodel.i18n import _
from orgmodel.one_model import loaded_model
from orgmodel.ruleset import ConfigError
from orgmodel.settings import RulesetLike, ruleset_of

if TYPE_CHECKING:
    from orgmodel.stats import ExportFormat, ModelStats


def model_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the model format, version 1 (``orgmodel schema``)."""
    from orgmodel.schema_export import model_json_schema as generate

    return generate()


def model_schema_text() -> str:
    """The JSON Schema of the model format, as ``orgmodel/schemas/model-1.schema.json`` holds it."""
    from orgmodel.schema_export import model_schema_text as generate

    return generate()


def model_stats(path: str | Path, *, ruleset: RulesetLike = None, config: Config | None = None) -> ModelStats:
    """The figures of one model file, as ``orgmodel stats`` shows them.

    ``ruleset`` gives the span limits (span-of-control's parameters); without
    one, the ``config``'s ``ruleset:``, else the shipped default. A model
    with YAML, schema or reference errors raises ``ModelError`` (a
    ``ConfigError`` holding the checked model and its diagnostics); rule
    findings do not stop the figures.
    """
    from orgmodel.stats import measure

    return measure(loaded_model(path), ruleset_of(ruleset, config))


def export_graph(path: str | Path, output_format: ExportFormat, stream: IO[bytes]) -> None:
    """Write one model file as a graph file (``orgmodel export``): graphml, gexf or json-graph.

    A model with YAML, schema or reference errors raises ``ModelError``; a format that is none of
    them ConfigError.
    """
    from orgmodel.stats import write_graph
    from orgmodel.stats.export import WRITERS

    if output_format not in WRITERS:
        raise ConfigError(
            _("'{format}' is no graph format; formats: {formats}").format(
                format=output_format, formats=", ".join(WRITERS)
            )
        )
    write_graph(loaded_model(path).graph, output_format, stream)
