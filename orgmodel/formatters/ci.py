"""What the formats for CI systems and editors share: paths as they expect them, messages with hints.

SARIF, GitHub annotations, GitLab Code Quality and JUnit all want a path
relative to the repository (the working directory) with forward slashes; a
finding's hint is part of what they show.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.checked import CheckedModel
    from orgmodel.diagnostic import Diagnostic
    from orgmodel.suppress import Suppression


def relative_path(path: str) -> str:
    """``path`` relative to the working directory with forward slashes; an outside path stays absolute.

    ``./models/x.yaml`` is ``models/x.yaml``; so is ``/repo/models/x.yaml``
    in a run in ``/repo`` (and a path with backslashes on Windows).
    """
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = Path(pure).relative_to(Path.cwd())
        except ValueError:
            return pure.as_posix()
    text = pure.as_posix()
    return text if text != "." else path


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
