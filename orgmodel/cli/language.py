"""The language of a run from its configuration and the locale, without typer.

``orgmodel.cli.lang`` and the fast ``check`` (``orgmodel.cli.fast``) share it; ``--lang`` before
the command is ``lang``'s.

After ``--lang``, the first of these decides: the configuration's ``lang`` (``.orgmodel.yaml`` or
``[tool.orgmodel]``, the file ``--config`` names, none with ``--isolated``), then ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` (the first one set; ``nb``, ``nn`` and ``no`` mean bokmål, ``C``,
``POSIX`` and other languages English), then English.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from orgmodel.i18n import normalise

ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG")
# what may set the language: `lang: nb` (YAML, also in a flow mapping) or `lang = "nb"` (TOML), the
# key maybe quoted; a false match only costs reading the file properly
_LANG_KEY = re.compile(r"lang[\"']?[ \t]*[:=]")
CONFIG_NAMES = (".orgmodel.yaml", ".orgmodel.yml", "pyproject.toml")


def _option_value(args: Sequence[str], name: str) -> str | None:
    """The value of ``name`` (``--name VALUE`` or ``--name=VALUE``) among ``args``, before ``--``."""
    for index, arg in enumerate(args):
        if arg == "--":
            return None
        if arg == name:
            return args[index + 1] if index + 1 < len(args) else ""
        if arg.startswith(f"{name}="):
            return arg.partition("=")[2]
    return None


def from_environment(environ: Mapping[str, str]) -> str | None:
    """The language the locale variables ask for: the first one set decides (English if not ours)."""
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value:
            return normalise(value) or "en"
    return None


def _text(path: Path) -> str:
    """A configuration file's text for a look at its ``lang``: a regular file within the size limit only.

    A pull request may commit ``.orgmodel.yaml`` as a symlink to ``/dev/zero``: OSError, not a read.
    """
    from orgmodel.bounds import read_limited

    return read_limited(path).decode("utf-8", errors="replace")


def _may_name_a_language(start: Path) -> bool:
    """Whether a configuration file from ``start`` up to the repository root has a ``lang`` line.

    A cheap look before the real discovery, which imports pydantic: most runs have no ``lang``.
    """
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            try:
                if _LANG_KEY.search(_text(directory / name)):
                    return True
            except OSError:
                continue
        if (directory / ".git").exists() or directory == Path.home():
            return False
    return False


def from_config(args: Sequence[str]) -> str | None:
    """The configuration's ``lang`` for this run (``--config``, ``--isolated``, else discovered)."""
    if "--isolated" in args[: args.index("--") if "--" in args else len(args)]:
        return None
    chosen = _option_value(args, "--config")
    try:
        if chosen is None and not _may_name_a_language(Path.cwd().resolve()):
            return None
        if chosen is not None and not _LANG_KEY.search(_text(Path(chosen))):
            return None  # the file names no language (a pyproject.toml's [tool.orgmodel] too)
        from orgmodel.config import config_for, load_config
        from orgmodel.ruleset import ConfigError

        try:
            return load_config(config_for(Path(chosen) if chosen else None)).lang
        except ConfigError:
            return None  # the command reports the configuration error itself
    except (OSError, RuntimeError, KeyError):
        return None


def chosen(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a run without ``--lang``: the configuration's, the locale's, else English."""
    environ = os.environ if environ is None else environ
    return from_config(args) or from_environment(environ) or "en"


def language_arguments(args: list[str]) -> tuple[list[str], list[str]]:
    """``--lang VALUE`` (or ``--lang=VALUE``) taken out of a command line, and the rest (``--`` ends it).

    ``--lang`` belongs before the command (``orgmodel --lang nb check``), not among check's options;
    the console script and the pre-commit hook move it there (``orgmodel check --lang nb`` works).
    """
    lang: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == "--lang" and index + 1 < len(args):
            lang, index = [arg, args[index + 1]], index + 2
            continue
        if arg.startswith("--lang="):
            lang = [arg]
        else:
            rest.append(arg)
        index += 1
    return lang, rest
