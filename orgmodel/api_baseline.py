"""Baselines and ``--new-since`` from Python: the part of ``orgmodel.api`` that gates on what changed.

``orgmodel.api`` and ``orgmodel`` export each name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel.config import Config
from orgmodel.engine import CheckedModel, Report, check_bytes
from orgmodel.settings import Names, listed, selection_of

if TYPE_CHECKING:
    from orgmodel.baseline import Outcome


def write_baseline(report: Report, file: str | Path) -> int:
    """Record the findings of ``report`` in the baseline ``file`` (``check --write-baseline``).

    Returns the number of findings written; ConfigError when ``file`` is a
    checked model, an existing file that is no baseline, or not writable.
    """
    from orgmodel.baseline import write_baseline as write

    return write(report, file)


def apply_baseline(report: Report, file: str | Path) -> Outcome:
    """Take the findings the baseline ``file`` lists out of ``report`` (``check --baseline``).

    ``report.baselined`` counts them; the baseline's entries that no longer
    occur are added to ``report.notes``. ConfigError when ``file`` is missing
    or is no baseline.
    """
    from orgmodel.baseline import apply_baseline as apply

    return apply(report, file)


def apply_new_since(
    report: Report,
    rev: str,
    *,
    select: Names = (),
    ignore: Names = (),
    extend_select: Names = (),
    extend_ignore: Names = (),
    config: Config | None = None,
) -> Outcome:
    """Take the findings each file already had at git revision ``rev`` out of ``report`` (``--new-since``).

    Give the selectors and ``config`` the report was checked with: the files
    at ``rev`` are checked with the same rules, and the configuration's
    ``per-file-ignores`` apply to them too.
    """
    from orgmodel.baseline import apply_new_since as apply

    extend = (listed(extend_select), listed(extend_ignore))
    selection = selection_of(listed(select), listed(ignore), config, extend)
    rules = [r for r in report.ruleset.instances() if selection(r.code, r.name)]

    from orgmodel.diff.sources import parts_at_revision

    def check_old(name: str, raw: bytes) -> CheckedModel:
        read = parts_at_revision(rev, name)  # a model split across files: its parts at rev too
        old = Report([check_bytes(name, raw, rules, selection=selection, read=read)], report.ruleset)
        if config is not None:
            config.apply_per_file_ignores(old)
        return old.files[0]

    return apply(report, rev, check_old)
