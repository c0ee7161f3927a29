"""Which files a run reads: the one discovery function behind check, diff and trace.

Read only what was asked for:

- a file named on the command line is read (a symbolic link too: the user named it);
- a directory is scanned for ``*.yaml`` and ``*.yml`` files, skipping hidden files and
  directories; a symbolic link that leads out of the scanned directory is not followed,
  and a note says so; a link to a directory inside it is not followed either (what it
  points at is scanned already, and a loop cannot form);
- a file named twice (``models models/x.yaml``), or reached a second time through a
  symbolic link inside the tree, is read once, under the name met first;
- a directory that cannot be read is reported (OM007), never skipped silently.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from orgmodel.diagnostic import ConfigError, Diagnostic, Severity

MODEL_SUFFIXES = (".yaml", ".yml")


@dataclass
class Discovery:
    """The model files under some paths, the directories that could not be read, and notes."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def unreadable(path: str | Path, what: str, error: OSError) -> Diagnostic:
    """The OM007 diagnostic for a file or directory that cannot be read."""
    reason = error.strerror or str(error)
    return Diagnostic(
        str(path), 1, 1, "OM007", "unreadable", Severity.ERROR, f"the {what} cannot be read: {reason}"
    )


def discover(paths: Iterable[str | Path]) -> Discovery:
    """The model files under ``paths``, in order; ConfigError for a path that is missing or not a file."""
    found = Discovery()
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError:
            raise ConfigError(f"{raw}: no such file or directory") from None
        if stat.S_ISDIR(mode):
            files = _scan(path, found)
        elif stat.S_ISREG(mode):
            files = [path]
        else:
            raise ConfigError(
                f"{raw}: not a regular file or directory (a FIFO, socket or device is not read)"
            )
        for file in files:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                found.files.append(file)
    return found


def _identity(file: Path) -> str:
    """The file behind a name, every symbolic link resolved (the name itself if that fails)."""
    try:
        return str(file.resolve())
    except (OSError, RuntimeError):
        return os.path.normpath(os.path.abspath(file))


def _scan(root: Path, found: Discovery) -> list[Path]:
    """The model files below the directory ``root``, sorted by path."""
    top = root.resolve()
    files: list[Path] = []
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as exc:
            found.unreadable.append(unreadable(directory, "directory", exc))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                _link(path, top, root, files, found)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif entry.is_file(follow_symlinks=False) and path.suffix in MODEL_SUFFIXES:
                files.append(path)
    return sorted(files)


def _link(path: Path, top: Path, root: Path, files: list[Path], found: Discovery) -> None:
    """A symbolic link met in a scan: a model file inside the scanned tree is read; nothing else."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return
    if not target.is_relative_to(top):
        if path.suffix in MODEL_SUFFIXES or target.is_dir():
            found.notes.append(
                f"{path}: not read: a symbolic link that leads out of {root} (name the file to check it)"
            )
        return
    if path.suffix in MODEL_SUFFIXES and target.is_file():
        files.append(path)


def iter_model_files(paths: Iterable[str | Path]) -> list[Path]:
    """The model files under ``paths``; ConfigError (with OM007) when a directory cannot be read.

    The notes (links not followed) go to the ``orgmodel`` logger, which the
    command line prints on stderr: diff and trace read their files through here.
    """
    found = discover(paths)
    for note in found.notes:
        logging.getLogger("orgmodel").warning(note)
    if found.unreadable:
        names = ", ".join(d.path for d in found.unreadable)
        raise ConfigError(f"cannot read {names}", found.unreadable)
    return found.files


def repository_root(directory: Path) -> Path:
    """The repository holding ``directory`` (the nearest directory with ``.git``), else ``directory``."""
    here = directory.resolve()
    for candidate in (here, *here.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:  # a directory above that cannot be searched: keep to the narrowest root
            break
    return here


def contains(root: Path, path: Path) -> bool:
    """Whether ``path``, with every symbolic link resolved, lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False
