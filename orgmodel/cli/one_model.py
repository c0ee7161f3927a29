"""The model a one-model command reads when none is named: the one model the configuration's ``paths:`` hold.

``orgmodel stats``, ``render``, ``report`` and ``export`` read one model. In a repository whose
``.orgmodel.yaml`` lists the paths of its models, as a bare ``orgmodel check`` reads them, a
planner with one model need not name it; with several, the usage error lists them (parts of a
split model stand for their main file, as in ``check``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgmodel.cli.support import _print_config_error, _usage, run_config
from orgmodel.i18n import _

SHOWN = 5  # models listed in the usage error, at most


def model_and_config(
    model: Path | None,
    command: str,
    config_file: Path | None = None,
    isolated: bool = False,
    *,
    needs_config: bool = True,
) -> tuple[Path, Any]:
    """The model to read and the run's configuration (``--config``, ``--isolated``, else the one found).

    The model is ``model``, else the one model under the configuration's ``paths:``; a usage error
    otherwise. A configuration that does not load is the command's configuration error (exit 2).
    A command that reads the configuration only to find its model (``export``) gets None for it
    when the model is named, and so never stops at a configuration it does not use.
    """
    from orgmodel.diagnostic import ConfigError
    from orgmodel.part_files import models_of
    from orgmodel.paths import iter_model_files

    if model is not None and not needs_config:
        return model, None
    try:
        config = run_config(config_file, isolated)
        if model is not None:
            return model, config
        targets = config.targets(None)
        mains = models_of(iter_model_files(targets, config.exclusion())).mains if targets else []
    except ConfigError as error:
        _print_config_error(error)
    if len(mains) == 1:
        return mains[0], config
    if not targets:
        _usage(
            _(
                "no MODEL given and no .orgmodel.yaml with 'paths:'; "
                "try: orgmodel {command} models/kommune.yaml"
            ).format(command=command)
        )
    if not mains:
        _usage(_("no MODEL given, and the configuration's 'paths:' hold no model"))
    names = ", ".join(str(path) for path in mains[:SHOWN]) + (", …" if len(mains) > SHOWN else "")
    _usage(
        _(
            "no MODEL given, and the configuration's 'paths:' hold {count} models ({names}); "
            "name one: orgmodel {command} {first}"
        ).format(count=len(mains), names=names, command=command, first=mains[0])
    )
