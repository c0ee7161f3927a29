"""``check --show-settings`` and ``--show-files``: what a check would use and read, without checking."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from orgmodel.cli.support import EXIT_CLEAN, _stderr
from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.config import Config
    from orgmodel.settings import Settings


def _joined(values: Iterable[str], empty: str = "-") -> str:
    from orgmodel.escape import text

    shown = [text(v) for v in values]
    return ", ".join(shown) if shown else empty


def _jobs(option: int | None, config: Config) -> str:
    """The processes a check runs in, and where the number comes from."""
    if option is not None:
        return f"{option} (--jobs)"
    if config.jobs is not None:
        return _("{jobs} (config)").format(jobs=config.jobs)
    return _("one per core")


def _cache(wanted: bool, config: Config) -> str:
    """Where a check keeps its cache, or what turns it off."""
    import os

    from orgmodel.cache import DIRECTORY
    from orgmodel.ruleset_files import display_path

    if not wanted:
        return _("off") + " (--no-cache)"
    if not config.cache:
        # Translators: the cache is turned off by the configuration file's "cache: false"
        return _("off (config)")
    if os.environ.get("ORGMODEL_NO_CACHE"):
        return _("off") + " (ORGMODEL_NO_CACHE)"
    return display_path(config.base / DIRECTORY)


def show(
    config: Config,
    targets: list[str | Path],
    ruleset: str | None,
    selectors: tuple[list[str], list[str], list[str], list[str]],
    *,
    files_only: bool,
    fail_on: str | None = None,
    jobs: tuple[int | None, bool] = (None, True),
) -> NoReturn:
    """Print the resolved settings (or only the files) on stdout and exit 0; ConfigError as check would.

    ``jobs``: --jobs, and whether the cache is wanted (not --no-cache).
    """
    from orgmodel.api import resolve_settings
    from orgmodel.escape import text

    select, ignore, extend_select, extend_ignore = selectors
    settings = resolve_settings(
        targets,
        config=config,
        ruleset=ruleset,
        select=select,
        ignore=ignore,
        extend_select=extend_select,
        extend_ignore=extend_ignore,
    )
    if files_only:
        for name in settings.files:
            _echo(text(name))
        for skipped in settings.skipped:
            _stderr().print("orgmodel: " + _("skipped {path}").format(path=text(skipped)))
        raise SystemExit(EXIT_CLEAN)
    rows = _rows(settings, config, fail_on, jobs)
    # the values in one column, one space after the longest label (as wide as the English ones need)
    width = max(len(label) for label, _value in rows) + 1
    for label, value in rows:
        _echo(f"{label:<{width}} {value}")
    _echo(_("files ({n}):").format(n=len(settings.files)))
    for name in settings.files:
        _echo(f"  {text(name)}")
    _echo(_("skipped ({n}):").format(n=len(settings.skipped)))
    for skipped in settings.skipped:
        _echo(f"  {text(skipped)}")
    raise SystemExit(EXIT_CLEAN)


def _rows(
    settings: Settings, config: Config, fail_on: str | None, jobs: tuple[int | None, bool]
) -> list[tuple[str, str]]:
    """The label and value of each setting --show-settings prints.

    The labels that name an option or a key of the configuration (select, fail-on, paths ...) are
    written as the user types them; the others are translated.
    """
    from orgmodel.escape import text
    from orgmodel.ruleset_files import ruleset_label

    chosen = settings.selection
    return [
        (_("config file:"), text(settings.config or _("none"))),
        (_("ruleset:"), text(ruleset_label(settings.ruleset))),
        (_("ruleset chain:"), _joined(ruleset_label(p) for p in settings.chain)),
        ("select:", _joined(chosen.select, _("all rules") if not chosen.config_select else "-")),
        # Translators: the rules the configuration file's select: names (select is the key, kept as it is)
        (_("select (config):"), _joined(chosen.config_select)),
        ("extend-select:", _joined(chosen.extend_select)),
        ("ignore:", _joined(chosen.ignore)),
        # Translators: the rules the configuration file's ignore: names (ignore is the key, kept as it is)
        (_("ignore (config):"), _joined(chosen.config_ignore)),
        ("fail-on:", fail_on or settings.fail_on),
        ("jobs:", _jobs(jobs[0], config)),
        (_("cache:"), _cache(jobs[1], config)),
        ("exclude:", _joined(settings.exclude)),
        ("per-file-ignores:", _joined(f"{g}: {' '.join(c)}" for g, c in settings.per_file_ignores.items())),
        ("paths:", _joined(settings.targets)),
    ]


def _echo(line: str) -> None:
    """One line on stdout, flushed as click.echo does (the stdout of the moment: a test's runner's)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
