"""Models split across files: a main file lists its parts, and loading merges them into one document.

A main file (``orgmodel: 1`` and the model's facts) names its parts with
``parts: [omsorg.yaml, oppvekst/skole.yaml]``, paths relative to its own
directory and never out of it. A part starts with ``orgmodel-part: 1`` and
``part_of:`` (the main file, relative to the part) and holds only list
sections, any of ``schema.COLLECTIONS`` (units, services, sites, forums, ...).

The merged document's data is each list section concatenated, the main
file's entries first, then each part's in the order ``parts:`` lists them;
its source map sends every data path to the file and node it came from, so
each diagnostic names the file, line and column it is in. Parts are read
through a ``Reader`` (the bytes of a path relative to the main file), so a
git revision's parts come from that revision.
"""

from __future__ import annotations

import posixpath
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from orgmodel.bounds import read_limited
from orgmodel.codes import MODEL_PART, PART_CONTENT
from orgmodel.diagnostic import Diagnostic
from orgmodel.hints import and_list, describe, did_you_mean, suggest
from orgmodel.i18n import _, os_reason
from orgmodel.loader import Document, SourceMap, Span, declares, load_bytes
from orgmodel.paths import contains, repository_root
from orgmodel.schema import COLLECTIONS, OrgModel

PARTS = "parts"
PART_KEY = "orgmodel-part"
PART_OF = "part_of"

Reader = Callable[[str], bytes]
"""The bytes of a file, by its '/'-separated path relative to the main file's directory (OSError)."""


class PartRefused(OSError):
    """A part that is not read: it would lead out of the directory tree the model may read."""


def part_name(written: str) -> str | None:
    """``written`` normalised ('a/../b.yaml' -> 'b.yaml'); None when it leads out of the directory."""
    if not written or "\0" in written or "\\" in written or written.startswith("/"):
        return None
    norm = posixpath.normpath(written)
    if norm in (".", "..") or norm.startswith("../"):
        return None
    return norm


def file_reader(main: str | Path) -> Reader:
    """Reads parts from disk below the main file's directory, never through a link out of its repository."""
    base = Path(main).parent
    root = repository_root(base)

    def read(name: str) -> bytes:
        target = base / name
        if not contains(root, target):
            raise PartRefused(_("it leads out of {root} (through a symbolic link)").format(root=root))
        if not stat.S_ISREG(target.stat().st_mode):  # a FIFO would block the check forever
            raise PartRefused(_("it is not a regular file"))
        return read_limited(target)

    return read


@dataclass(frozen=True)
class Segment:
    """Entries ``start`` to ``stop`` of a merged list section, from ``doc`` (its entry ``start`` is 0)."""

    start: int
    stop: int
    doc: Document


class PartsSourceMap(SourceMap):
    """The merged document's positions: a list entry's path is looked up in the file it came from."""

    def __init__(self, main: SourceMap, segments: dict[str, list[Segment]]) -> None:
        super().__init__(main.text, main.table)
        self.main = main
        self.segments = segments

    def route(self, path: tuple[Any, ...]) -> tuple[Document | None, tuple[Any, ...]]:
        """The part holding ``path`` and the path in it (None and ``path``: the main file)."""
        if len(path) >= 2 and isinstance(path[1], int):
            for seg in self.segments.get(path[0], ()):
                if seg.start <= path[1] < seg.stop:
                    return seg.doc, (path[0], path[1] - seg.start, *path[2:])
        return None, path

    def local(self, path: tuple[Any, ...]) -> tuple[Any, ...]:
        """``path`` in the file that holds it."""
        return self.route(path)[1]

    def lookup(self, path: tuple[Any, ...]) -> Any:
        """The (key node, value node) at ``path``, in the file that holds it."""
        doc, local = self.route(path)
        return (doc.source if doc is not None else self.main).lookup(local)

    def span(self, path: tuple[Any, ...], *, key: bool = False) -> Span:
        """The span at ``path``, naming the part file when a part holds it."""
        doc, local = self.route(path)
        if doc is None:
            return self.main.span(local, key=key)
        return replace(doc.source.span(local, key=key), path=doc.path)


def assemble(main: Document, read: Reader | None, *, pure: bool = False) -> Document:
    """The model of ``main`` and its parts as one document (``main`` itself when it lists none)."""
    data = main.data
    if isinstance(data, dict) and PART_KEY in data and "orgmodel" not in data:
        main.diagnostics.append(_alone(main))
        return main
    if not isinstance(data, dict) or PARTS not in data:
        return main
    merged = dict(data)
    lists = {c: list(data[c]) for c in COLLECTIONS if isinstance(data.get(c), list)}
    segments: dict[str, list[Segment]] = {}
    problems: list[Diagnostic] = []
    loaded: list[Document] = []
    seen: dict[str, int] = {}
    for index, name in _listed(main, problems):
        at = main.source.span((PARTS, index))
        if name in seen:
            message = _("{where}: the part '{name}' is listed twice (first as {first})").format(
                where=f"parts[{index}]", name=name, first=f"parts[{seen[name]}]"
            )
            problems.append(part_diagnostic(main.path, at, MODEL_PART, message, _("list each part once")))
            continue
        seen[name] = index
        part = _read_part(main, name, index, read, problems, pure)
        if part is None:
            continue
        loaded.append(part)
        if not part.ok or not _check_part(part, main, name, problems):
            continue
        for section in COLLECTIONS:
            entries = part.data.get(section)
            if isinstance(entries, list) and entries and (section in lists or section not in data):
                target = lists.setdefault(section, [])  # (a main's 'units: 5' stays for the schema to report)
                segments.setdefault(section, []).append(
                    Segment(len(target), len(target) + len(entries), part)
                )
                target.extend(entries)
    merged.update(lists)
    diagnostics = main.diagnostics + [d for p in loaded for d in p.diagnostics] + problems
    return Document(
        main.path, main.text, merged, PartsSourceMap(main.source, segments), diagnostics, parts=loaded
    )


def _alone(part: Document) -> Diagnostic:
    """A part read as a model (from stdin, or one side of a diff): its main file is the model."""
    written = part.data.get(PART_OF)
    main = f" ({PART_OF}: {describe(written)})" if PART_OF in part.data else ""
    message = _("this file is a part of a model{main}, not a model of its own").format(main=main)
    hint = _("check or diff the main file, which lists this part in its 'parts:'")
    return part_diagnostic(part.path, part.source.span((PART_KEY,), key=True), MODEL_PART, message, hint)


def _listed(main: Document, problems: list[Diagnostic]) -> list[tuple[int, str]]:
    """(index, normalised name) of each usable entry of ``parts:``."""
    value = main.data[PARTS]
    if not isinstance(value, list):
        span = main.source.span((PARTS,))
        message = _("parts: a list of file names, got {value}").format(value=describe(value))
        hint = _("e.g. {example}").format(example="parts: [omsorg.yaml, utdanning.yaml]")
        problems.append(part_diagnostic(main.path, span, MODEL_PART, message, hint))
        return []
    out = []
    for index, written in enumerate(value):
        name = part_name(written) if isinstance(written, str) else None
        if name is None:
            shown = describe(written)
            message = _("{where}: {name} is not a file in this file's directory or below it").format(
                where=f"parts[{index}]", name=shown
            )
            hint = _("name a part by its path relative to this file, e.g. omsorg.yaml or omsorg/helse.yaml")
            problems.append(
                part_diagnostic(main.path, main.source.span((PARTS, index)), MODEL_PART, message, hint)
            )
        else:
            out.append((index, name))
    return out


def _read_part(
    main: Document, name: str, index: int, read: Reader | None, problems: list[Diagnostic], pure: bool
) -> Document | None:
    at = main.source.span((PARTS, index))
    if read is None:
        message = _("{where}: the part '{name}' cannot be read: the model was not read from a file").format(
            where=f"parts[{index}]", name=name
        )
        problems.append(
            part_diagnostic(main.path, at, MODEL_PART, message, _("check the model by its file name"))
        )
        return None
    try:
        raw = read(name)
    except OSError as exc:
        reason = os_reason(exc)  # the OS's reason, translated where it is a common one
        message = _("{where}: the part '{name}' cannot be read: {reason}").format(
            where=f"parts[{index}]", name=name, reason=reason
        )
        hint = _("the path is relative to this file; a part lies in its directory or below it")
        problems.append(part_diagnostic(main.path, at, MODEL_PART, message, hint))
        return None
    return load_bytes(part_path(main.path, name), raw, pure=pure, expect=PART_KEY)


def part_path(main: str, name: str) -> str:
    """How a part is named in output: the main file's directory as written, then the part's name."""
    folder = posixpath.dirname(main)
    return posixpath.join(folder, name) if folder else name


def _check_part(part: Document, main: Document, name: str, problems: list[Diagnostic]) -> bool:
    """Whether ``part`` is a part of ``main``; what is wrong with it goes to ``problems``."""
    data = part.data
    start = Span(1, 1, 1, 1)
    if not isinstance(data, dict) or PART_KEY not in data:
        message = _(
            "the part '{name}' does not start with '{key}: 1', so it is not a part of a model"
        ).format(name=name, key=PART_KEY)
        hint = _("a part starts with '{key}: 1' and 'part_of: {main}'").format(
            key=PART_KEY, main=_back(name, main.path)
        )
        problems.append(part_diagnostic(part.path, start, MODEL_PART, message, hint))
        return False
    before = len(problems)
    if type(data[PART_KEY]) is not int or data[PART_KEY] != 1:
        message = _("{key}: the format version is the whole number 1, got {value}").format(
            key=PART_KEY, value=describe(data[PART_KEY])
        )
        hint = _("write: {written}").format(written=f"{PART_KEY}: 1")
        problems.append(part_diagnostic(part.path, part.source.span((PART_KEY,)), MODEL_PART, message, hint))
    expected = _back(name, main.path)
    written = data.get(PART_OF)
    if PART_OF not in data:
        message = _("the part does not say which model it belongs to: '{key}' is missing").format(key=PART_OF)
        span = part.source.span((PART_KEY,), key=True)
        hint = _("add: {written}").format(written=f"{PART_OF}: {expected}")
        problems.append(part_diagnostic(part.path, span, MODEL_PART, message, hint))
    elif not isinstance(written, str) or _resolve_back(name, written) != posixpath.basename(main.path):
        shown = describe(written)
        message = _("{key}: {value} does not lead back to {main}, the main file that lists this part").format(
            key=PART_OF, value=shown, main=expected
        )
        hint = _("write: {written}").format(written=f"{PART_OF}: {expected}")
        problems.append(part_diagnostic(part.path, part.source.span((PART_OF,)), MODEL_PART, message, hint))
    for key in data:
        if key not in (PART_KEY, PART_OF, *COLLECTIONS):
            problems.append(_misplaced(part, main, key))
        elif key in COLLECTIONS and not isinstance(data[key], list):
            message = _("{key}: a section of a part is a list, got {value}").format(
                key=key, value=describe(data[key])
            )
            problems.append(part_diagnostic(part.path, part.source.span((key,)), PART_CONTENT, message))
    return len(problems) == before


def _misplaced(part: Document, main: Document, key: Any) -> Diagnostic:
    span = part.source.span((key,), key=True)
    if key in OrgModel.model_fields or key == PARTS:
        message = _("'{key}' is a fact of the whole model; a part holds only lists ({lists})").format(
            key=key, lists=", ".join(COLLECTIONS)
        )
        hint = _("write it in the main file {path}").format(path=main.path)
        return part_diagnostic(part.path, span, PART_CONTENT, message, hint)
    guess = suggest(str(key), [*COLLECTIONS, PART_OF])
    hint = (
        did_you_mean(guess)
        if guess
        else _("a part holds {keys}").format(keys=and_list([PART_KEY, PART_OF, *COLLECTIONS]))
    )
    message = _("unknown key '{key}' in a part").format(key=key)
    return part_diagnostic(part.path, span, PART_CONTENT, message, hint)


def _back(name: str, main: str) -> str:
    """The ``part_of`` that leads from the part ``name`` back to the main file."""
    depth = name.count("/")
    return "../" * depth + posixpath.basename(main)


def _resolve_back(name: str, written: str) -> str | None:
    """The main file a part's ``part_of`` names, relative to the main's directory (None: elsewhere)."""
    if not written or written.startswith("/") or "\\" in written:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), written))


def part_diagnostic(
    path: str, span: Span, code: tuple[str, str], message: str, hint: str | None = None
) -> Diagnostic:
    """An error of a model split across files."""
    return Diagnostic.at(path, span, code[0], code[1], message, hint=hint)


def is_part(raw: bytes) -> bool:
    """Whether a file's bytes are a part of a model (a line ``orgmodel-part:`` and none ``orgmodel:``)."""
    if PART_KEY.encode() not in raw:
        return False
    text = raw.decode("utf-8", "replace")
    return declares(text, PART_KEY) and not declares(text, "orgmodel")
