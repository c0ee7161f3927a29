"""Which files a run reads: the one discovery function behind check, diff and trace.

Read only what was asked for:

- a file named on the command line is read (a symbolic link too: the user named it);
- a directory is scanned for ``*.yaml`` and ``*.yml`` files, skipping what the excludes
  match (``DEFAULT_EXCLUDE``: hidden files and directories such as ``.git/``, ``.github/``,
  ``.venv/``, ``.pre-commit-config.yaml`` and ``.gitlab-ci.yml``, and ``node_modules/``;
  the configuration's ``exclude:`` replaces the list, ``extend-exclude:`` adds to it) and
  skipping YAML that is clearly not a model (``may_be_model``: no line declares an
  ``orgmodel`` or ``units`` key); a symbolic link that leads out of the scanned directory
  is not followed, and a note says so; a link to a directory inside it is not followed
  either (what it points at is scanned already, and a loop cannot form);
- a file named twice (``models models/x.yaml``), or reached a second time through a
  symbolic link inside the tree, is read once, under the name met first;
- a directory that cannot be read is reported (OM007), never skipped silently.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel.diagnostic import ConfigError, Diagnostic, Severity
from orgmodel.files import open_regular
from orgmodel.i18n import _, os_reason

if TYPE_CHECKING:  # imported when a pattern is first compiled: a check of one file may need none
    import pathspec

MODEL_SUFFIXES = (".yaml", ".yml")
DEFAULT_EXCLUDE = (".*", "node_modules/")
"""What a directory scan skips unless the configuration's ``exclude:`` says otherwise (gitignore patterns)."""

# a line that declares the key 'orgmodel' or 'units' (at any indentation, quoted, or in a flow mapping)
# a part of a model split across files (orgmodel.parts) declares 'orgmodel-part', and may hold no units
_MODEL_KEY = re.compile(rb"(?m)^[{ \t]*[\"']?(?:orgmodel|orgmodel-part|units)[\"']?[ \t]*:")
_SNIFF_LIMIT = 64 * 2**20  # a larger file is kept, and the check reports its size


@dataclass(frozen=True)
class Exclusion:
    """Gitignore patterns (``pathspec``, as yamllint's ``ignore:``) relative to ``base``.

    A path below ``base`` is matched by its path relative to ``base``; a path
    elsewhere by its path relative to the directory being scanned. A directory
    named on the command line is scanned even when the patterns exclude it
    (``orgmodel check .github``): below it, they match relative to it.
    """

    base: Path
    patterns: tuple[str, ...] = DEFAULT_EXCLUDE

    @cached_property
    def spec(self) -> pathspec.GitIgnoreSpec:
        """The compiled patterns (ValueError for one that git would not accept)."""
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.patterns)

    def excludes(self, path: Path, root: Path, *, is_dir: bool = False) -> bool:
        """Whether a file or directory met while scanning ``root`` is excluded."""
        relative = _relative(path, self.base) or _relative(path, root)
        return relative is not None and self.spec.match_file(relative + ("/" if is_dir else ""))

    def below(self, root: Path) -> Exclusion:
        """The exclusion for a scan of ``root``: relative to ``root`` when the patterns exclude it."""
        return Exclusion(root, self.patterns) if self.excludes(root, root, is_dir=True) else self


_DEFAULT = Exclusion(Path("."))


def _relative(path: Path, base: Path) -> str | None:
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(base))
    except ValueError:
        return None
    return relative.as_posix() if relative.parts else None


def may_be_model(path: Path) -> bool:
    """Whether a YAML file found by a scan may be a model, so that the scan keeps it.

    It may unless it is readable, at most 64 MiB, UTF-8 without NUL bytes, and
    no line declares the key ``orgmodel`` or ``units`` (a model starts with
    ``orgmodel: 1`` and holds ``units:``) nor is either a key of its top-level
    mapping however written (``_declares_model``). What cannot be told is
    kept: the check reports it.
    """
    try:
        with open_regular(path) as handle:
            head = handle.read(65536)  # a model declares 'orgmodel: 1' at its top: most files end here
            if _MODEL_KEY.search(head) is not None:
                return True
            raw = head + handle.read(_SNIFF_LIMIT + 1 - len(head))
    except OSError:
        return True
    return may_be_model_bytes(raw)


def may_be_model_bytes(raw: bytes) -> bool:
    """``may_be_model`` for a file's bytes (a file at a git revision: ``orgmodel diff REV:DIR``)."""
    if len(raw) > _SNIFF_LIMIT or b"\0" in raw or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return _MODEL_KEY.search(raw) is not None or _declares_model(raw)


_MODEL_KEYS = frozenset({"orgmodel", "orgmodel-part", "units"})


def _declares_model(raw: bytes) -> bool:
    r"""Whether the top-level mapping has a model's key however it is written, by libyaml's events.

    No line starts with the key when it is written '? orgmodel', '"\x6Frgmodel"',
    after an anchor or inside one flow mapping: a hostile pull request could hide
    a model from every directory scan so. A file that does not parse is kept when it
    names either word at all (a model broken on purpose is reported, not skipped).
    """
    import yaml

    depth, key_next, inner_is_key = 0, False, False
    try:
        for event in yaml.parse(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return False  # a list or a scalar at the top: no model
                if depth == 1:
                    inner_is_key = key_next
                depth += 1
                key_next = depth == 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth == 0:
                    return False  # the first document's mapping ended without a model's key
                if depth == 1:  # after a collection as a key its value comes, after a value a key
                    key_next = not inner_is_key
            elif depth == 1 and isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if key_next and isinstance(event, yaml.ScalarEvent) and event.value in _MODEL_KEYS:
                    return True
                key_next = not key_next
            elif isinstance(event, yaml.DocumentEndEvent):
                return False
    except yaml.YAMLError:
        return b"orgmodel" in raw or b"units" in raw
    return False


def scan_keeps(name: str, raw: bytes) -> bool:
    """Whether a scan with the default excludes keeps the file ``name`` (relative to the scanned tree)."""
    return not _DEFAULT.spec.match_file(name) and may_be_model_bytes(raw)


@dataclass
class Discovery:
    """The model files under some paths, the directories that could not be read, and notes."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what a scan left out, and why (--show-files)


def unreadable(path: str | Path, what: str, error: OSError) -> Diagnostic:
    """The OM007 diagnostic for a file or directory that cannot be read."""
    reason = os_reason(error)
    return Diagnostic(
        str(path),
        1,
        1,
        "OM007",
        "unreadable",
        Severity.ERROR,
        (
            _("the directory cannot be read: {reason}")
            if what == "directory"
            else _("the file cannot be read: {reason}")
        ).format(reason=reason),
    )


def discover(paths: Iterable[str | Path], exclusion: Exclusion | None = None) -> Discovery:
    """The model files under ``paths``, in order; ConfigError for a path that is missing or not a file.

    ``exclusion`` applies to directory scans (default: ``DEFAULT_EXCLUDE`` below the
    working directory); a file named in ``paths`` is always read.
    """
    found = Discovery()
    exclusion = exclusion or Exclusion(Path.cwd())
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError:
            raise ConfigError(_("{path}: no such file or directory").format(path=raw)) from None
        if stat.S_ISDIR(mode):
            files = _scan(path, found, exclusion.below(path))
        elif stat.S_ISREG(mode):
            files = [path]
        else:
            raise ConfigError(
                _("{path}: not a regular file or directory (a FIFO, socket or device is not read)").format(
                    path=raw
                )
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


def _scan(root: Path, found: Discovery, exclusion: Exclusion) -> list[Path]:
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
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            if (is_dir or path.suffix in MODEL_SUFFIXES) and exclusion.excludes(path, root, is_dir=is_dir):
                found.skipped.append(_("{path}: excluded").format(path=f"{path}{os.sep if is_dir else ''}"))
            elif entry.is_symlink():
                _link(path, top, root, files, found)
            elif is_dir:
                pending.append(path)
            elif entry.is_file(follow_symlinks=False) and path.suffix in MODEL_SUFFIXES:
                files.append(path)
    kept = []
    for path in sorted(files):
        if may_be_model(path):
            kept.append(path)
        else:
            found.skipped.append(
                _("{path}: not a model (no line declares 'orgmodel:' or 'units:')").format(path=path)
            )
    return kept


def _link(path: Path, top: Path, root: Path, files: list[Path], found: Discovery) -> None:
    """A symbolic link met in a scan: a model file inside the scanned tree is read; nothing else."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return
    if not target.is_relative_to(top):
        if path.suffix in MODEL_SUFFIXES or target.is_dir():
            found.notes.append(
                _(
                    "{path}: not read: a symbolic link that leads out of {root} (name the file to check it)"
                ).format(path=path, root=root)
            )
        return
    if path.suffix in MODEL_SUFFIXES and target.is_file():
        files.append(path)


def iter_model_files(paths: Iterable[str | Path], exclusion: Exclusion | None = None) -> list[Path]:
    """The model files under ``paths``; ConfigError (with OM007) when a directory cannot be read.

    The notes (links not followed) go to the ``orgmodel`` logger, which the
    command line prints on stderr: diff and trace read their files through here.
    """
    found = discover(paths, exclusion)
    for note in found.notes:
        logging.getLogger("orgmodel").warning(note)
    if found.unreadable:
        names = ", ".join(d.path for d in found.unreadable)
        raise ConfigError(_("cannot read {paths}").format(paths=names), found.unreadable)
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


def links_out(path: Path) -> bool:
    """Whether ``path`` is a symbolic link to somewhere outside the repository that holds the link."""
    return path.is_symlink() and not contains(repository_root(path.absolute().parent), path)


def contains(root: Path, path: Path) -> bool:
    """Whether ``path``, with every symbolic link resolved, lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL byte in the name
        return False
