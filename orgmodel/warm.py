"""A warm ``orgmodel check``: the report made again from the cache, without the ruleset, rules or engine.

When every file of a run is in the cache (``orgmodel.cache``), what the run
prints is known before anything is checked: each file's ``Summary``. What
is left is to know that the settings are those the entries were made with,
and a normal run costs most of its time there: reading the configuration
(pydantic), resolving and validating the ruleset, importing every rule.

So a run that used the cache also keeps a **run record** beside its
entries, found by a key of everything the settings come from: orgmodel's
code, the installed packages (the metadata of each distribution on
``sys.path``, which installing, upgrading or removing a rule plugin
changes), the working directory, the
language, the ``ORGMODEL_*`` limits, the configuration file's name and
bytes, and the command line's ``--ruleset`` and selectors. The record holds
what the run resolved from them: the key of the files' entries, the
ruleset's files with the hash of each (checked again before use: an edited
ruleset, or a file it extends, is a miss), a plugin's rule modules, the
configuration's paths, excludes, ``per-file-ignores`` and ``fail-on``.

``replay`` takes a run from its record when the record and every file's
entry are found; anything else (no record, a changed ruleset, a file not
in the cache, a part of a split model, a directory that cannot be read)
returns None and the run is made the normal way, which fills the cache and
writes the record. The replayed report is the normal one: the same files
in the same order, findings folded and filtered the same way
(``tests/test_warm.py`` compares every format). Its models and ruleset are
loaded only if something asks for them.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from orgmodel.bounds import read_limited
from orgmodel.cache import DIRECTORY, Cache, _digest, code_fingerprint, run_settings, unchanged, user_key
from orgmodel.checked import CheckedModel, Report, RestoredModel, Summary, fold_ruleset_findings
from orgmodel.config_files import config_for
from orgmodel.diagnostic import ConfigError
from orgmodel.paths import Exclusion, discover
from orgmodel.timings import Timings

if TYPE_CHECKING:
    from collections.abc import Callable

    from orgmodel.config import Config
    from orgmodel.ruleset import Ruleset

_RECORD = "run record"  # the name records are kept under (a model file's name is a path)
RECORDS = "runs"  # the records' directory inside the cache's
_METADATA = (".dist-info", ".egg-info", ".pth", ".egg-link")  # what says a distribution is installed
_PART = b"orgmodel-part"  # a file that may be a part of a split model: left to the normal run


@dataclass(frozen=True)
class Options:
    """What the command line says about the settings: its ``--config``, ``--isolated``, ``--ruleset``.

    ``selectors``: --select, --ignore, --extend-select and --extend-ignore.
    """

    config: Path | None
    isolated: bool
    ruleset: str | None
    selectors: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class RunRecord:
    """What a run resolved from its settings, kept to make the same run again from the cache."""

    run: str
    """The key of the files' entries (``orgmodel.cache.open_cache``)."""
    chain: tuple[tuple[str, str], ...]
    """The ruleset's files and the hash of each."""
    code: tuple[tuple[str, str], ...]
    """The files of a plugin's rule modules that ran, with their size and time."""
    ruleset: str | None
    """What the ruleset was loaded from (a file or a shipped name; None: the default)."""
    ruleset_path: str
    ruleset_chain: tuple[str, ...]
    targets: tuple[str, ...]
    """The configuration's ``paths:``, checked when the command line names none."""
    paths_problems: bool
    base: str
    """The directory that excludes and ``per-file-ignores`` patterns are relative to."""
    exclude: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    fail_on: str | None


class KeptRuleset:
    """The ruleset of a replayed run: its path and chain known, anything else loaded on first use."""

    def __init__(self, path: str, chain: list[str], load: Callable[[], Ruleset]) -> None:
        self.path, self.chain, self._load = path, chain, load
        self._ruleset: Ruleset | None = None

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._ruleset is None:
            self._ruleset = self._load()
        return getattr(self._ruleset, name)


def replay(options: Options, paths: list[Path] | None, timings: Timings) -> tuple[Report, str | None] | None:
    """The report of a run all of whose results are in the cache, and its ``fail-on``; else None."""
    if os.environ.get("ORGMODEL_NO_CACHE"):
        return None
    with timings.timer("cache"):
        try:
            config = config_for(options.config, isolated=options.isolated)
            found = _recorded(config, options)
            if found is None:
                return None
            record, files = found
            targets = [str(p) for p in paths] if paths else list(record.targets)
            if not targets or (not paths and record.paths_problems):
                return None
            discovered = discover(targets, Exclusion(Path(record.base), record.exclude))
        except (ConfigError, OSError):
            return None
        if discovered.unreadable:
            return None
        results = _restored(files, [str(f) for f in discovered.files])
        if results is None:
            return None
        fold_ruleset_findings(results)
        ruleset = KeptRuleset(record.ruleset_path, list(record.ruleset_chain), _ruleset_loader(record))
        report = Report(results, cast("Ruleset", ruleset), timings, discovered.notes, cache=files)
    if record.per_file_ignores:
        from orgmodel.filters import per_file_ignores

        table = {glob: list(selectors) for glob, selectors in record.per_file_ignores}
        per_file_ignores(report, Path(record.base), table)
    return report, record.fail_on


def _recorded(config: Path | None, options: Options) -> tuple[RunRecord, Cache] | None:
    """The run record of these settings, its ruleset unchanged, and the cache of its entries."""
    directory = (config.parent if config is not None else Path.cwd()) / DIRECTORY
    key = user_key() if directory.is_dir() else None
    if key is None:
        return None
    settings = _settings(config, read_limited(config) if config is not None else b"", options)
    record = Cache(directory / RECORDS, _RECORD, key).get(_RECORD, settings.encode())
    if not isinstance(record, RunRecord) or not unchanged(record.chain, record.code):
        return None
    return record, Cache(directory, record.run, key)


def _restored(cache: Cache, names: list[str]) -> list[CheckedModel] | None:
    """Each file's result from its entry, in order; None as soon as one is not there."""
    results: list[CheckedModel] = []
    for name in names:
        try:
            raw = read_limited(name)
        except OSError:
            return None
        summary = cache.get(name, raw) if _PART not in raw else None
        if not isinstance(summary, Summary) or summary.path != name:
            return None
        results.append(RestoredModel(summary, _model_loader(cache, name, raw)))
    return results


def _model_loader(cache: Cache, name: str, raw: bytes) -> Callable[[], CheckedModel]:
    """The whole checked model of a file, for who asks: from its entry, else loaded again (no rules)."""

    def load() -> CheckedModel:
        whole = cache.whole(name, raw)
        if isinstance(whole, CheckedModel) and whole.path == name:
            return whole
        from orgmodel.engine import check_bytes
        from orgmodel.parts import file_reader

        return check_bytes(name, raw, [], read=file_reader(name))  # the model; the findings are kept

    return load


def _ruleset_loader(record: RunRecord) -> Callable[[], Ruleset]:
    def load() -> Ruleset:
        from orgmodel.ruleset import load_ruleset

        return load_ruleset(record.ruleset)

    return load


def remember(report: Report, config: Config, options: Options, before: str | None) -> None:
    """Keep the run record of a run that used the cache (``before``: the configuration's hash at its start).

    Nothing is kept when the configuration changed during the run.
    """
    cache = report.cache
    try:
        raw = read_limited(config.path) if config.path is not None else b""
        ruleset = config.ruleset_for(options.ruleset)
    except (OSError, ConfigError):
        return
    if cache is None or before is None or before != _digest(raw):
        return
    if not (cache.directory / ".gitignore").exists():  # no entry was kept: nothing to replay
        return
    record = RunRecord(
        run=cache.run,
        chain=tuple(cache.chain),
        code=tuple(cache.code),
        ruleset=ruleset,
        ruleset_path=report.ruleset.path,
        ruleset_chain=tuple(report.ruleset.chain),
        targets=tuple(_config_targets(config)),
        paths_problems=bool(config.paths_problems),
        base=str(config.base),
        exclude=config.exclusion().patterns,
        per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in config.per_file_ignores.items()),
        fail_on=config.fail_on,
    )
    records = Cache(cache.directory / RECORDS, _RECORD, cache.key, inside=True)
    records.put(_RECORD, _settings(config.path, raw, options).encode(), record, [])


def config_hash(options: Options) -> str | None:
    """The hash of the configuration file a run with these options reads (None: it cannot be found)."""
    try:
        return _config_hash(config_for(options.config, isolated=options.isolated))
    except (ConfigError, OSError):
        return None


def _config_hash(path: Path | None) -> str | None:
    try:
        return _digest(read_limited(path) if path is not None else b"")
    except OSError:
        return None


def _config_targets(config: Config) -> list[str]:
    from orgmodel.ruleset_files import display_path

    return [display_path(p) for p in config.paths]


def _settings(config: Path | None, raw: bytes, options: Options) -> str:
    """The key of a run record: everything the settings of a run come from."""
    parts = [
        code_fingerprint(),
        *_installed(),
        *run_settings(),
        str(config),
        _digest(raw),
        repr((options.ruleset, options.selectors)),
    ]
    return _digest(*(part.encode() for part in parts))


def _installed() -> list[str]:
    """The distributions on ``sys.path`` (their metadata directories and ``.pth`` files, with times).

    Installing, upgrading or removing a rule plugin adds, renames or rewrites one of them.
    """
    rows = []
    script = os.path.dirname(os.path.abspath(sys.argv[0])) if sys.argv and sys.argv[0] else ""
    own = {os.getcwd(), script}  # where the script or the command runs: python -m orgmodel drops it
    for entry in sys.path:
        if os.path.abspath(entry or ".") in own:
            continue
        try:
            with os.scandir(entry or ".") as found:
                rows += sorted(
                    f"{item.path} {item.stat().st_mtime_ns}"
                    for item in found
                    if item.name.endswith(_METADATA)
                )
        except OSError:  # a zip file, or a directory that does not exist
            rows.append(f"{entry} -")
    return rows
