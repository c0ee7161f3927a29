"""``orgmodel schema``: the JSON Schema of the model format, for editors and other validators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from orgmodel.cli.support import _usage, write_output
from orgmodel.i18n import N_, _, os_reason

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=N_("Write the schema to FILE (a .json file) instead of standard output."),
    ),
]


SCHEMA_HELP = N_(
    "Print the JSON Schema of the model format (version 1).\n\n"
    "Editors that speak JSON Schema (VS Code's YAML extension, any client of "
    "yaml-language-server) then complete the keys, show each key's Norwegian term on hover, "
    "offer the allowed values and mark a misspelt key while you type. docs/editors.md shows the"
    " set-up."
)


def schema(output: OutputOption = None) -> None:
    """The command; its help (what ``--help`` shows) is SCHEMA_HELP."""
    from orgmodel.api import model_schema_text

    text = model_schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text)


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename; a usage error when impossible.

    Only a ``.json`` file is written, so that a slip of the hand never
    overwrites a model; an unchanged file is left as it is; a missing directory is made.
    """
    if path.suffix.lower() != ".json":
        _usage(
            _("--output {path}: the schema is written to a .json file only, e.g. model-1.schema.json").format(
                path=path
            )
        )
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        path.parent.mkdir(parents=True, exist_ok=True)  # as every -o: a missing directory is made
        write_output(path, text)  # atomically; into a device or a pipe, never over it
    except (OSError, UnicodeDecodeError) as error:
        reason = os_reason(error) if isinstance(error, OSError) and error.strerror else type(error).__name__
        _usage(_("--output {path}: cannot write the schema: {reason}").format(path=path, reason=reason))
