"""One model file for the commands that read one (stats, export, render, report), and its error.

``orgmodel stats``, ``export``, ``render`` and ``report`` each take exactly one model file (a
part of a model stands for its main file); a directory holding several models, or a file that
does not load, is a usage error naming why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from orgmodel.diagnostic import Severity
from orgmodel.engine import CheckedModel, Report, check_file
from orgmodel.i18n import _, ngettext
from orgmodel.part_files import model_files
from orgmodel.ruleset import ConfigError


class ModelError(ConfigError):
    """The model has YAML, schema or reference errors (its ``checked.diagnostics`` say which)."""

    def __init__(self, checked: CheckedModel) -> None:
        message = _("{path} is not a valid model; 'orgmodel check' shows why").format(path=checked.path)
        super().__init__(message, [d for d in checked.diagnostics if d.severity is Severity.ERROR])
        self.checked = checked


def one_file(path: str | Path) -> str:
    """The one model file at ``path``; ConfigError when it holds none or several.

    A part of a model stands for its main file, as in ``orgmodel check``, and a directory that holds
    one model split into parts holds one model.
    """
    files = model_files([path])
    if len(files) != 1:
        raise ConfigError(
            ngettext(
                "{path} holds {n} model file; name one model file",
                "{path} holds {n} model files; name one model file",
                len(files),
            ).format(path=path, n=len(files))
        )
    return str(files[0])


def loaded_model(path: str | Path) -> CheckedModel:
    """The one model file at ``path``, loaded without rules; ModelError when it did not load."""
    checked = check_file(one_file(path), [])
    if checked.model is None or not checked.document.ok:
        raise ModelError(checked)
    return checked


def checked_model(path: str | Path, check: Callable[[list[str]], Report]) -> Report:
    """The one model file at ``path`` checked by ``check``; ModelError when it did not load."""
    report = check([one_file(path)])
    checked = report.files[0]
    if checked.model is None or not checked.document.ok:
        raise ModelError(checked)
    return report
