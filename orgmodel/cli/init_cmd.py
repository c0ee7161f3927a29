"""``orgmodel init [DIR]``: write a commented starter model and ``.orgmodel.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orgmodel.cli.support import EXIT_CLEAN, _print_config_error
from orgmodel.i18n import N_, _

INIT_HELP = N_(
    "Write a starter model (models/kommune.yaml) and .orgmodel.yaml for a new municipality.\n\n"
    "The model is a small, made-up kommune, commented with the Norwegian terms and English "
    "glosses, that checks clean under the default ruleset. Existing files are left as they are "
    "(exit code 2) unless --force is given."
)


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help=N_("Where to write the files (created if missing)."))
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite files that exist."))] = False,
) -> None:
    """The command; its help (what ``--help`` shows) is INIT_HELP."""
    from orgmodel.escape import text
    from orgmodel.ruleset import ConfigError, display_path
    from orgmodel.starter import write_starter

    try:
        written = write_starter(directory, force=force)
    except ConfigError as error:
        _print_config_error(error)
    for path in written:
        typer.echo(_("wrote {path}").format(path=text(display_path(path))))
    where = "" if directory.resolve() == Path.cwd().resolve() else f"cd {text(str(directory))} && "
    typer.echo(_("next: {command}").format(command=f"{where}orgmodel check"))
    raise typer.Exit(EXIT_CLEAN)
