"""Which configuration file a run uses: ``--config``'s, none with ``--isolated``, else the nearest one.

Discovery looks in the working directory and the directories above it, and
stops at the repository root (the directory holding ``.git``) and at the
home directory: a configuration file outside the checkout never applies.
``orgmodel.config`` reads the file; this module only finds it, so a run
that needs no more than the file's name (a warm check, ``orgmodel.warm``)
imports neither pydantic nor PyYAML to learn it.
"""

from __future__ import annotations

from pathlib import Path

from orgmodel.diagnostic import ConfigError
from orgmodel.i18n import _
from orgmodel.paths import links_out

CONFIG_NAMES = (".orgmodel.yaml", ".orgmodel.yml")


def config_for(option: Path | None, *, isolated: bool = False) -> Path | None:
    """The configuration file a run uses: ``--config``'s, none with ``--isolated``, else the one found.

    ``--config`` names a ``.orgmodel.yaml``-style file, a ``pyproject.toml`` with
    ``[tool.orgmodel]``, or another ``.toml`` file holding the keys at its top.
    """
    if option is not None and isolated:
        raise ConfigError(_("--config and --isolated contradict each other: give one of them"))
    if isolated:
        return None
    if option is None:
        return find_config()
    if not option.is_file():
        what = _("not a file") if option.exists() else _("no such file")
        raise ConfigError(f"--config {_shown(option)}: {what}")  # "not a file", "no such file": translated
    if option.name == "pyproject.toml" and not _has_settings(option):
        raise ConfigError(
            _("--config {path}: the file has no [tool.orgmodel] table").format(path=_shown(option))
        )
    return option


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file in ``start`` or above it, up to the repository root or home.

    A directory that cannot be searched ends the search, as the repository root does.
    """
    here = (start or Path.cwd()).resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        home = None
    for directory in (here, *here.parents):
        try:
            found = _config_in(directory)
            if found is not None:
                return found
            if (directory / ".git").exists() or directory == home:
                return None
        except PermissionError:
            return None
    return None


def _config_in(directory: Path) -> Path | None:
    """``.orgmodel.yaml``, ``.orgmodel.yml``, else a ``pyproject.toml`` holding ``[tool.orgmodel]``."""
    for name in (*CONFIG_NAMES, "pyproject.toml"):
        candidate = directory / name
        if candidate.exists() and not candidate.is_file():  # a device, a pipe, a socket (a directory too)
            raise ConfigError(
                _("{path}: not read: it is not a regular file (a device, a pipe or a socket)").format(
                    path=candidate
                )
            )
        if candidate.is_file() and (name != "pyproject.toml" or _has_settings(candidate)):
            if links_out(candidate):
                raise ConfigError(
                    _("{path}: not read: a symbolic link that leads out of its repository").format(
                        path=candidate
                    )
                )
            return candidate
    return None


def _has_settings(path: Path) -> bool:
    from orgmodel.pyproject import has_settings

    return has_settings(path)


def _shown(path: Path) -> str:
    from orgmodel.ruleset_files import display_path

    return display_path(path)
