"""What the formats for CI systems and editors share: paths as they expect them, messages with hints.

SARIF, GitHub annotations, GitLab Code Quality and JUnit all want a path
relative to the repository (the working directory) with forward slashes; a
finding's hint is part of what they show.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.checked import CheckedModel
    from orgmodel.diagnostic import Diagnostic
    from orgmodel.suppress import Suppression


def relative_path(path: str) -> str:
    """``path`` relative to the repository root with forward slashes; an outside path stays absolute.

    The root is the nearest directory at or above the working directory that holds ``.git``
    (else the working directory): GitLab, code scanning and GitHub's annotations resolve a
    path from there, so ``kommune.yaml`` checked in ``/repo/models`` is ``models/kommune.yaml``.
    ``./models/x.yaml`` is ``models/x.yaml``; so is ``/repo/models/x.yaml`` (and a path with
    backslashes on Windows). A shipped ruleset's file outside the repository is
    ``orgmodel:NAME.yaml`` wherever orgmodel is installed.
    """
    pure = PurePath(path)
    cwd = Path.cwd()
    root = repository_root(cwd)
    if not pure.is_absolute() and root == cwd:
        text = pure.as_posix()
        return text if text != "." else path
    absolute = Path(os.path.normpath(cwd / pure))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        pass
    from orgmodel.ruleset_files import shipped_file_name

    # a shipped ruleset outside the repository: one name on every machine, not a site-packages path
    return shipped_file_name(absolute) or (absolute.as_posix() if not pure.is_absolute() else pure.as_posix())


@functools.lru_cache(maxsize=8)
def repository_root(cwd: Path) -> Path:
    """The nearest directory at or above ``cwd`` holding ``.git`` (a directory or a file), else ``cwd``."""
    for directory in (cwd, *cwd.parents):
        try:
            if (directory / ".git").exists():
                return directory
        except OSError:  # a directory that cannot be searched ends the search
            break
    return cwd


def with_hint(diag: Diagnostic) -> str:
    """The message, and the hint on a second line when there is one."""
    return diag.message + "\n" + _("hint: ") + diag.hint if diag.hint else diag.message


def covering(diag: Diagnostic, suppressions: list[Suppression]) -> Suppression | None:
    """The inline suppression that silenced ``diag``: the first that covers it, as the engine applies them."""
    for sup in suppressions:
        inside = sup.whole_file or sup.first <= diag.line <= sup.last
        if inside and any(rule.upper() == diag.code or rule.lower() == diag.name for rule in sup.rules):
            return sup
    return None


def silenced(result: CheckedModel) -> Iterator[tuple[Diagnostic, Suppression]]:
    """The findings of a file that inline suppressions silenced, each with its suppression."""
    for diag in result.silenced:
        sup = covering(diag, result.suppressions)
        if sup is not None:
            yield diag, sup
