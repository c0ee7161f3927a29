"""The project configuration file, found upwards from the working directory.

``.orgmodel.yaml`` at the top of a repository says which ruleset applies and
which paths a bare ``orgmodel check`` checks::

    ruleset: rules/drammen-2020.yaml   # relative to this file, or a shipped name: drammen-2020
    paths: [models]
    extend-exclude: [models/archive/]  # gitignore patterns, relative to this file
    per-file-ignores: {"models/old-*.yaml": [span-of-control]}
    lang: nb                           # messages in bokmål (en: English); --lang wins

``[tool.orgmodel]`` in ``pyproject.toml`` holds the same keys; in one
directory ``.orgmodel.yaml`` (then ``.orgmodel.yml``) wins over it.

Discovery looks in the working directory and the directories above it, and
stops at the repository root (the directory holding ``.git``) and at the
home directory: a configuration file outside the checkout never applies.
``paths:`` and ``ruleset:`` may not lead out of the directory of the
configuration file, or of the repository holding it (a pull request must not
make CI read ``/proc/self/environ``); a path given on the command line may.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from orgmodel.bounds import clip_text
from orgmodel.config_files import CONFIG_NAMES as CONFIG_NAMES
from orgmodel.config_files import config_for as config_for
from orgmodel.config_files import find_config as find_config
from orgmodel.diagnostic import Diagnostic
from orgmodel.hints import did_you_mean
from orgmodel.i18n import _
from orgmodel.paths import DEFAULT_EXCLUDE, Exclusion, contains, repository_root
from orgmodel.ruleset import (
    ConfigError,
    Ruleset,
    display_path,
    load_ruleset,
    missing_ruleset_hint,
    read_yaml,
    resolve_ruleset,
    shipped,
)
from orgmodel.validate import loc_text, suggest

if TYPE_CHECKING:
    from orgmodel.checked import Report


class _ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ruleset: str | None = None
    paths: list[str] = Field(default_factory=list)
    # written 'fail-on' as ruff's keys are; 'fail_on', the first spelling, is read too
    fail_on: Literal["error", "warning", "info"] | None = Field(
        None, alias="fail-on", validation_alias=AliasChoices("fail-on", "fail_on")
    )
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    allow: list[str] = Field(default_factory=list)  # change ids 'orgmodel diff' accepts
    exclude: list[str] | None = None  # replaces paths.DEFAULT_EXCLUDE
    extend_exclude: list[str] = Field(default_factory=list, alias="extend-exclude")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    lang: Literal["en", "nb"] | None = None  # the language of the messages (orgmodel/cli/lang.py)
    jobs: int | None = Field(None, ge=1)  # processes 'check' runs in (orgmodel/parallel.py)
    cache: bool = True  # false: 'check' neither reads nor writes .orgmodel_cache/ (orgmodel/cache.py)


KEYS = [field.alias or name for name, field in _ConfigFile.model_fields.items()]
"""The keys a configuration file may hold, as they are written."""


@dataclass
class Config:
    """The settings of a discovered configuration file (paths made absolute)."""

    path: Path | None = None
    ruleset: Path | None = None
    paths: list[Path] = field(default_factory=list)
    fail_on: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    lang: str | None = None
    jobs: int | None = None
    cache: bool = True
    ruleset_problems: list[Diagnostic] = field(default_factory=list)
    paths_problems: list[Diagnostic] = field(default_factory=list)
    # paths: entries that name nothing today (a diff may still find them at a git revision)
    paths_missing: list[Diagnostic] = field(default_factory=list)
    doc: Any = None

    @property
    def base(self) -> Path:
        """The directory that ``exclude`` and ``per-file-ignores`` patterns are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()

    def cache_directory(self, *, wanted: bool = True) -> Path | None:
        """Where ``check`` keeps its cache: ``.orgmodel_cache`` in ``base``; None when turned off.

        Off with ``wanted`` False (``--no-cache``), ``cache: false`` or ``ORGMODEL_NO_CACHE`` set.
        """
        if not wanted or not self.cache or os.environ.get("ORGMODEL_NO_CACHE"):
            return None
        return self.base / ".orgmodel_cache"

    def exclusion(self) -> Exclusion:
        """What directory scans skip: ``exclude:`` (else the defaults) and ``extend-exclude:``."""
        patterns = DEFAULT_EXCLUDE if self.exclude is None else tuple(self.exclude)
        return Exclusion(self.base, (*patterns, *self.extend_exclude))

    def apply_per_file_ignores(self, report: Report) -> None:
        """Drop the findings that ``per-file-ignores`` turns off for each file (never a load error)."""
        if not self.per_file_ignores:
            return
        from orgmodel.filters import per_file_ignores

        per_file_ignores(report, self.base, self.per_file_ignores)

    def check_selectors(self, known: list[tuple[str, str]]) -> None:
        """ConfigError at the line and column of a ``select:``/``ignore:`` entry that matches no rule."""
        from orgmodel.selection import unknown_selector

        problems = []
        entries: list[tuple[tuple[Any, ...], str]] = [
            ((key, index), sel)
            for key in ("select", "ignore")
            for index, sel in enumerate(getattr(self, key))
        ]
        for glob, selectors in self.per_file_ignores.items():
            entries += [(("per-file-ignores", glob, index), sel) for index, sel in enumerate(selectors)]
        for loc, selector in entries:
            problem = unknown_selector(selector, known)
            if problem and self.path is not None:
                span = self.doc.source.span(loc)
                message = f"{loc_text(loc)}: {problem}"
                problems.append(Diagnostic.at(display_path(self.path), span, "OM008", "config", message))
        if problems:
            where = display_path(self.path or "")
            raise ConfigError(_("{path} selects rules that do not exist").format(path=where), problems)

    def ruleset_for(self, option: str | None) -> str | None:
        """The ruleset to load: the command line's, else this file's, else None (the shipped default).

        A ``ruleset:`` of this file that leads out of its repository, or names
        nothing, is a ConfigError here, when it would be used.
        """
        if option is not None:
            return option
        if self.ruleset_problems:
            where = display_path(self.path or "")
            raise ConfigError(
                _("{path}: the ruleset it names cannot be used").format(path=where), self.ruleset_problems
            )
        return str(self.ruleset) if self.ruleset else None

    def load_ruleset(self, option: str | None) -> Ruleset:
        """The ruleset a run uses: ``--ruleset``, else this file's ``ruleset:``, else ``default``."""
        return load_ruleset(self.ruleset_for(option))

    def processes(self) -> int | None:
        """``jobs:``, at most the cores the run may use: a pull request's configuration cannot start more."""
        if self.jobs is None:
            return None
        from orgmodel.parallel import default_jobs

        return min(self.jobs, default_jobs())

    def targets(self, paths: list[Path] | None, *, missing_ok: bool = False) -> list[str | Path]:
        """The paths given on the command line, else this file's ``paths:`` (empty when neither).

        A configured path that leads out of the repository, or (unless ``missing_ok``: a diff,
        which may find it at a revision) names nothing, is a ConfigError at its line.
        """
        if paths:
            return list(paths)
        problems = self.paths_problems + ([] if missing_ok else self.paths_missing)
        if problems:
            where = display_path(self.path or "")
            raise ConfigError(
                _("{path}: 'paths:' names paths that cannot be checked").format(path=where),
                sorted(problems, key=lambda d: (d.line, d.col)),
            )
        return [display_path(p) for p in self.paths]


def load_config(path: Path | None) -> Config:
    """Read a configuration file; None gives the empty configuration."""
    if path is None:
        return Config()
    from orgmodel.wording import plain, strict_errors

    if path.suffix == ".toml":
        from orgmodel.pyproject import read_toml

        doc: Any = read_toml(path, display_path(path))
    else:
        doc = read_yaml(path, _("the configuration file"))
    data = doc.data if doc.data is not None else {}
    errors = strict_errors(_ConfigFile, data)
    if errors:
        diags = []
        for err in errors:
            loc = tuple(err["loc"])
            hint: str | None
            twin = str(loc[-1]).replace("_", "-") if loc else ""
            if err["type"] == "extra_forbidden" and len(loc) == 1 and twin in KEYS and twin in data:
                # 'fail_on' beside 'fail-on': both spellings are read, so one is one too many
                message = _("{file} sets '{key}' twice, as '{key}' and '{other}'").format(
                    file=path.name, key=twin, other=loc[-1]
                )
                hint = _("keep one of them")
            elif err["type"] == "extra_forbidden":
                message = _("unknown key '{key}' in {file}").format(key=loc[-1], file=path.name)
                guess = suggest(str(loc[-1]), KEYS)
                hint = did_you_mean(guess) if guess else _("keys: {keys}").format(keys=", ".join(KEYS))
            elif not loc:
                message = _("{file} holds settings as 'key: value' lines").format(file=path.name)
                hint = _("e.g. paths: [models]")
                if path.suffix == ".toml":
                    message, hint = (
                        _("the settings are a table of 'key = value' lines"),
                        _('e.g. paths = ["models"]'),
                    )

            else:
                words, hint = plain(err)
                message = f"{loc_text(loc)}: {words}"
            span = doc.source.span(loc, key=err["type"] == "extra_forbidden")
            diags.append(Diagnostic.at(display_path(path), span, "OM008", "config", message, hint=hint))
        diags.sort(key=lambda d: (d.line, d.col))
        raise ConfigError(_("{path} is invalid").format(path=display_path(path)), diags) from None
    parsed = _ConfigFile.model_validate(data)
    _check_patterns(path, doc, parsed)
    return _settle(path, doc, parsed)


def _check_patterns(path: Path, doc: Any, parsed: _ConfigFile) -> None:
    """ConfigError at each ``exclude``, ``extend-exclude`` or ``per-file-ignores`` glob git would refuse."""
    entries: list[tuple[tuple[Any, ...], str]] = [
        (("exclude", i), p) for i, p in enumerate(parsed.exclude or [])
    ]
    entries += [(("extend-exclude", i), p) for i, p in enumerate(parsed.extend_exclude)]
    entries += [(("per-file-ignores", glob), glob) for glob in parsed.per_file_ignores]
    problems = []
    for loc, pattern in entries:
        try:
            Exclusion(path.parent, (pattern,)).spec  # noqa: B018 (compiles the pattern)
        except ValueError as exc:
            span = doc.source.span(loc, key=loc[0] == "per-file-ignores")
            message = _("{where}: '{pattern}' is not a gitignore pattern ({reason})").format(
                where=loc_text(loc), pattern=pattern, reason=exc
            )
            hint = _("patterns are written as in .gitignore: models/old/, *.bak, drafts/**/*.yaml")
            problems.append(Diagnostic.at(display_path(path), span, "OM008", "config", message, hint=hint))
    if problems:
        raise ConfigError(_("{path} is invalid").format(path=display_path(path)), problems)


def _path_problem(path: Path, doc: Any, index: int, raw: str, root: Path) -> Diagnostic:
    """OM008 for ``paths[index]``: it leads out of the repository, or holds a control character."""
    message = _("{where}: '{path}' leads out of {root}; a configuration file reads only inside it").format(
        where=f"paths[{index}]", path=raw, root=root
    )
    hint: str | None = _("give it on the command line to read it anyway")
    if any(ord(character) < 32 for character in raw):  # a NUL or a line break: no file has it
        message = _("{where}: the path {path} holds a control character").format(
            where=f"paths[{index}]", path=repr(clip_text(raw, 80))
        )
        hint = None
    span = doc.source.span(("paths", index))
    return Diagnostic.at(display_path(path), span, "OM008", "config", message, hint=hint)


def _missing_path(path: Path, doc: Any, index: int, raw: str, target: Path) -> Diagnostic:
    """OM008 for ``paths[index]`` naming nothing, with the closest name beside it (``model``: ``models``)."""
    message = _("{where}: '{path}' does not exist (paths are relative to {file})").format(
        where=f"paths[{index}]", path=clip_text(raw, 200), file=path.name
    )
    try:
        beside = [entry.name for entry in os.scandir(target.parent)] if target.parent.is_dir() else []
    except OSError:
        beside = []
    guess = suggest(target.name, beside[:10_000])
    hint = (
        did_you_mean(str(Path(raw).parent / guess) if Path(raw).parent != Path(".") else guess)
        if guess
        else None
    )
    span = doc.source.span(("paths", index))
    return Diagnostic.at(display_path(path), span, "OM008", "config", message, hint=hint)


def _settle(path: Path, doc: Any, parsed: _ConfigFile) -> Config:
    """Paths made absolute, and those that lead out of the repository set aside as problems."""
    base = path.parent
    root = repository_root(base)
    config = Config(
        path=path,
        doc=doc,
        fail_on=parsed.fail_on,
        select=parsed.select,
        ignore=parsed.ignore,
        allow=parsed.allow,
        exclude=parsed.exclude,
        extend_exclude=parsed.extend_exclude,
        per_file_ignores=parsed.per_file_ignores,
        lang=parsed.lang,
        jobs=parsed.jobs,
        cache=parsed.cache,
    )
    hint = _("give it on the command line to read it anyway")
    for index, raw in enumerate(parsed.paths):
        target = base / raw
        if not contains(root, target):
            config.paths_problems.append(_path_problem(path, doc, index, raw, root))
        else:
            config.paths.append(target)
            if not os.path.lexists(target):
                config.paths_missing.append(_missing_path(path, doc, index, raw, target))
    if parsed.ruleset is not None:
        span = doc.source.span(("ruleset",))
        found = resolve_ruleset(parsed.ruleset, base)
        if found is None:
            message = _("ruleset: '{ruleset}' is neither a file next to {file} nor a shipped ruleset").format(
                ruleset=clip_text(parsed.ruleset, 80), file=path.name
            )
            problem = Diagnostic.at(
                display_path(path),
                span,
                "OM008",
                "config",
                message,
                hint=missing_ruleset_hint(parsed.ruleset, base),
            )
            config.ruleset_problems.append(problem)
        elif contains(root, found) or found == shipped(parsed.ruleset):
            config.ruleset = found
        else:
            message = _(
                "{where}: '{path}' leads out of {root}; a configuration file reads only inside it"
            ).format(where="ruleset", path=parsed.ruleset, root=root)
            config.ruleset_problems.append(
                Diagnostic.at(display_path(path), span, "OM008", "config", message, hint=hint)
            )
    return config
