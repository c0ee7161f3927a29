"""``check``'s gate on what changed: ``--write-baseline``, ``--baseline`` and ``--new-since``.

The options are type aliases in ``orgmodel.cli.check_options``; the work is in
``orgmodel.baseline`` through the public API.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel.cli.support import EXIT_CLEAN, _stderr
from orgmodel.i18n import _, ngettext

if TYPE_CHECKING:
    from orgmodel.checked import Report
    from orgmodel.config import Config


def gate(
    report: Report,
    config: Config,
    *,
    write_baseline: Path | None,
    baseline: Path | None,
    new_since: str | None,
    selectors: tuple[list[str], list[str], list[str], list[str]],
) -> None:
    """Write the baseline (and exit), or take the findings the baseline or revision has out of ``report``.

    ``selectors`` are the check's --select, --ignore, --extend-select and
    --extend-ignore: the models at the revision are checked with the same rules.
    A gate that cannot apply (a baseline that is missing or no baseline, a revision git does
    not have) raises ``ConfigError``, which the caller reports as it reports a configuration
    that does not load: on stderr, in a CI format's document, and exit 2.
    """
    from orgmodel import api, escape

    given = [flag for flag, value in _flags(write_baseline, baseline, new_since) if value is not None]
    if len(given) > 1:
        from orgmodel.hints import and_list

        raise api.ConfigError(
            _("{options} cannot be combined: give one of them").format(options=and_list(given))
        )
    if write_baseline is not None:
        written = api.write_baseline(report, write_baseline)
        shown = escape.text(str(write_baseline))
        wrote = ngettext(
            "wrote {n} finding to the baseline {path}",
            "wrote {n} findings to the baseline {path}",
            written,
        )
        _stderr().print("orgmodel: " + wrote.format(n=written, path=shown))
        raise SystemExit(EXIT_CLEAN)
    if baseline is not None:
        api.apply_baseline(report, baseline)
    if new_since is not None:
        select, ignore, extend_select, extend_ignore = selectors
        api.apply_new_since(
            report,
            new_since,
            select=select,
            ignore=ignore,
            extend_select=extend_select,
            extend_ignore=extend_ignore,
            config=config,
        )


def _flags(
    write_baseline: Path | None, baseline: Path | None, new_since: str | None
) -> list[tuple[str, object]]:
    return [("--write-baseline", write_baseline), ("--baseline", baseline), ("--new-since", new_since)]
