"""Which models a list of files stands for, when some of them are parts of a model split across files.

A part named on the command line, or met in a directory scan, stands for
its main file (``part_of``), checked once with all its parts; a part whose
main file cannot be found, or that its main file does not list, is an error
on the part. ``orgmodel.parts`` defines the format and merges the files.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from orgmodel.bounds import read_limited
from orgmodel.codes import MODEL_PART
from orgmodel.diagnostic import ConfigError, Diagnostic
from orgmodel.i18n import _
from orgmodel.loader import Document, load_bytes
from orgmodel.parts import PART_KEY, PART_OF, is_part, part_diagnostic
from orgmodel.paths import Exclusion, contains, iter_model_files, repository_root


@dataclass
class Targets:
    """The models a list of files stands for: each part replaced by its main file, each model once."""

    mains: list[Path] = field(default_factory=list)
    named: dict[str, list[Path]] = field(default_factory=dict)  # main's identity -> the parts named
    orphans: list[Document] = field(default_factory=list)  # parts whose main cannot be found
    raws: dict[str, bytes] = field(default_factory=dict)  # the bytes of each main read here, by its name


def models_of(files: list[Path]) -> Targets:
    """The models behind ``files`` (a directory scan's or the command line's), in order, each once."""
    out = Targets()
    for file in files:
        main, named = file, None
        try:
            raw: bytes | None = read_limited(file)
        except OSError:
            raw = None  # reported when the file is checked
        if raw is not None and is_part(raw):
            part = load_bytes(str(file), raw, expect=PART_KEY)
            found = _main_of(file, part)
            if found is None:
                out.orphans.append(part)
                continue
            main, named = found, file
        key = identity(main)
        if key not in out.named:
            out.named[key] = []
            out.mains.append(main)
            if named is None and raw is not None:  # read once: the check and the cache take these bytes
                out.raws[str(main)] = raw
        if named is not None:
            out.named[key].append(named)
    return out


def identity(file: Path) -> str:
    """The file behind a name, every symbolic link resolved."""
    try:
        return str(file.resolve())
    except (OSError, RuntimeError):
        return posixpath.normpath(str(file.absolute()))


def main_for(file: Path, raw: bytes | None = None) -> Path | None:
    """The main file of the part ``file`` on disk; None when it is no part or names no main that exists.

    ``raw``: the part's contents when they are not the file's on disk (a blob git gives a diff driver).
    """
    try:
        raw = read_limited(file) if raw is None else raw
    except OSError:
        return None
    return _main_of(file, load_bytes(str(file), raw, expect=PART_KEY)) if is_part(raw) else None


def _main_of(file: Path, part: Document) -> Path | None:
    """The main file a part names in ``part_of``; None, with a diagnostic on the part, when there is none."""
    data = part.data
    written = data.get(PART_OF) if isinstance(data, dict) else None
    if not part.ok or not isinstance(written, str):
        if part.ok:
            message = _("the part does not say which model it belongs to: '{key}' is missing").format(
                key=PART_OF
            )
            span = part.source.span((PART_KEY,), key=True)
            part.diagnostics.append(
                part_diagnostic(
                    part.path,
                    span,
                    MODEL_PART,
                    message,
                    _("add: {written}").format(written=f"{PART_OF}: ../MAIN.yaml"),
                )
            )
        return None
    norm = posixpath.normpath(written) if written else ""
    steps = norm.split("/")
    span = part.source.span((PART_OF,))
    if (
        not norm
        or norm.startswith("/")
        or "\\" in norm
        or any(s != ".." for s in steps[:-1])
        or steps[-1] == ".."
    ):
        message = _(
            "{key}: '{written}' is not a file in this file's directory or a directory above it"
        ).format(key=PART_OF, written=written)
        hint = _("the main file lists its parts below it")
        part.diagnostics.append(part_diagnostic(part.path, span, MODEL_PART, message, hint))
        return None
    main = Path(os.path.normpath(file.parent / norm))  # 'kommune.yaml', not 'skole/../kommune.yaml'
    root = repository_root(file.parent)
    if (root / ".git").exists() and not contains(root, main):
        message = _("{key}: '{written}' leads out of the repository {root}").format(
            key=PART_OF, written=written, root=root
        )
        part.diagnostics.append(part_diagnostic(part.path, span, MODEL_PART, message))
        return None
    if not main.is_file():
        message = _("{key}: the main file '{written}' does not exist").format(key=PART_OF, written=written)
        hint = _("name the file that lists this part in its 'parts:', relative to this file")
        part.diagnostics.append(part_diagnostic(part.path, span, MODEL_PART, message, hint))
        return None
    return main


def unlisted(main: Document, named: list[Path]) -> list[Diagnostic]:
    """A diagnostic on each part named on the command line that the main file does not list."""
    if not main.parts and not main.ok:
        return []  # the main file did not load: its own errors come first
    listed = {identity(Path(part.path)) for part in main.parts}
    out = []
    for file in named:
        if identity(file) in listed:
            continue
        try:
            part = load_bytes(str(file), read_limited(file), expect=PART_KEY)
        except OSError:
            continue
        message = _("{path} does not list this file in its 'parts:'").format(path=main.path)
        hint = _("add it to the parts of {path}, or correct '{key}'").format(path=main.path, key=PART_OF)
        out.append(part_diagnostic(str(file), part.source.span((PART_OF,)), MODEL_PART, message, hint))
    return out


def model_files(paths: Iterable[str | Path], exclusion: Exclusion | None = None) -> list[Path]:
    """The models under ``paths``, each part replaced by its main file; ConfigError for a part without one."""
    targets = models_of(iter_model_files(paths, exclusion))
    if targets.orphans:
        problems = [d for part in targets.orphans for d in part.diagnostics]
        raise ConfigError(
            f"{problems[0].path}:{problems[0].line}:{problems[0].col}: {problems[0].message}", problems
        )
    return targets.mains
