"""``orgmodel fmt``: one layout for model files, through ruamel.yaml's round trip.

ruamel.yaml is the one YAML library that keeps comments, anchors and quoting
on a round trip; it is imported here only, on first use, so checking never
pays for it. The rules of the layout:

- top-level keys in the schema's order (``orgmodel``, ``kommune``, ...,
  ``kommunedeler``, ``sites``, ``services``, ``units``, ``personas``), and the
  keys of every entry in its collection's order (``order.py``; a unit starts
  ``id, name, kind, level, parent``);
- two-space indentation, list items indented under their key (``units:`` then
  ``  - id: ...``), as the shipped models write them;
- flow or block as the writer chose: a flow mapping (``- {id: kd1, name: ...}``)
  stays flow and on one line, however long; a block mapping stays block;
- every comment, blank line, anchor, alias and quote kept; comment lines and
  blank lines move with the key below them, an end-of-line comment with its
  own line's key; the file ends in one line break, no blank line after it.

A file is formatted only when it loads as the checker loads it (no OM0xx
load error); the result is read back and compared with the original (data,
comments, what each suppression covers: ``guard.py``) before anything is
written, and it is written atomically, only when it changes.
"""

from __future__ import annotations

import errno
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgmodel.bounds import read_limited
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.fmt.comments import indent_comments
from orgmodel.fmt.guard import difference
from orgmodel.fmt.order import reorder_model, trim_end
from orgmodel.i18n import _
from orgmodel.loader import Document, load_bytes
from orgmodel.paths import Exclusion, discover, links_out, unreadable

BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n?|\n")
__all__ = ["FormatRun", "Formatted", "format_bytes", "format_paths", "write_atomic"]


@dataclass
class Formatted:
    """One file: its bytes, the formatted bytes (None when refused), and why it was refused."""

    path: str
    original: bytes
    formatted: bytes | None = None
    problem: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    not_a_model: bool = False

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.formatted is not None and self.formatted != self.original


@dataclass
class FormatRun:
    """Every file under the paths, formatted (not yet written), and the notes of the discovery."""

    files: list[Formatted]
    notes: list[str] = field(default_factory=list)
    skipped: list[Formatted] = field(default_factory=list)


def format_bytes(name: str, raw: bytes) -> Formatted:
    """Format the bytes of one model file; a file with load errors is refused, with its diagnostics."""
    result = Formatted(name, raw)
    doc = _load(name, raw)
    errors = [d for d in doc.diagnostics if d.severity is Severity.ERROR]
    if errors:
        result.diagnostics = errors
        result.not_a_model = any(d.code == "OM006" for d in errors)
        result.problem = (
            _("not a model")
            if result.not_a_model
            else _("it has errors 'orgmodel check' reports; fix them first")
        )
        return result
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.problem = _("the file is UTF-16; fmt writes UTF-8 only (save it as UTF-8 first)")
        return result
    # YAML reads CR LF and a lone CR as a line break anywhere (inside scalars too); ruamel.yaml
    # keeps a CR in a comment, so line breaks become LF here and the file's own ones again below
    try:
        text = _round_trip(_LINE_BREAK.sub("\n", doc.text))
    except Exception as exc:  # ruamel.yaml rejects a few inputs libyaml accepts
        result.problem = _round_trip_problem(exc)
        return result
    first = _LINE_BREAK.search(doc.text)
    if first is not None and first.group() != "\n":
        text = text.replace("\n", first.group())
    formatted = (BOM if raw.startswith(BOM) else b"") + text.encode("utf-8")
    if formatted != raw:
        problem = difference(doc, load_bytes(name, formatted))
        if problem is not None:
            result.problem = _("formatting it would change more than the layout: {problem}").format(
                problem=problem
            )
            return result
    result.formatted = formatted
    return result


def _load(name: str, raw: bytes) -> Document:
    """The document as ``orgmodel check`` loads it: YAML, schema and references.

    A model split across files (``orgmodel.parts``) is validated with its
    parts, so a reference into a part is no error; a part is formatted when
    it is valid YAML (its model is checked through its main file).
    """
    from orgmodel.parts import PART_KEY, assemble, file_reader
    from orgmodel.validate import check_references, validate_schema

    doc = load_bytes(name, raw, expect="orgmodel")
    data = doc.data
    if doc.ok and isinstance(data, dict) and PART_KEY in data and "orgmodel" not in data:
        return doc
    if doc.ok:
        whole = assemble(doc, file_reader(name))
        model = validate_schema(whole)
        if model is not None:
            check_references(whole, model)
        doc.diagnostics = whole.diagnostics
    return doc


def _yaml() -> Any:
    from ruamel.yaml import YAML

    from orgmodel.fmt.composer import KeepingComposer

    yaml = YAML(typ="rt")
    yaml.Composer = KeepingComposer  # keeps a comment line above a flow item with an end comment
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never fold: a flow unit stays on its one line, a long name on its
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


_DOCUMENT_START = re.compile(r"---[ \t]*(?:#.*)?")


def _round_trip(text: str) -> str:
    """The text in canonical layout; a leading part that ends in a ``---`` line is kept as it is.

    ruamel.yaml drops the comments and the ``%YAML`` directive before a
    ``---``, so that part is never given to it.
    """
    head = text[: _content_start(text)]
    body = text[len(head) :]
    yaml = _yaml()
    data = yaml.load(body)
    yaml.explicit_end = re.search(r"(?m)^\.\.\.[ \t]*$", body[-200:]) is not None or None
    _keep_anchors(data)
    reorder_model(data)
    trim_end(data)
    out = io.StringIO()
    yaml.dump(data, out)
    return head + indent_comments(out.getvalue())


def _content_start(text: str) -> int:
    """Where the text after a leading ``---`` line starts (0 without one: nothing is set aside)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if _DOCUMENT_START.fullmatch(stripped):
            return offset + len(line)
        if stripped and not stripped.startswith(("#", "%")):
            return 0
        offset += len(line)
    return 0


def _keep_anchors(node: Any) -> None:
    """Keep every anchor, also one no alias refers to (ruamel.yaml writes those only when asked)."""
    seen: set[int] = set()
    pending = [node]
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        anchor = item.yaml_anchor() if hasattr(item, "yaml_anchor") else None
        if anchor is not None and anchor.value:
            item.yaml_set_anchor(anchor.value, always_dump=True)
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def format_paths(paths: list[str | Path], exclusion: Exclusion | None = None) -> FormatRun:
    """Format every model file under ``paths`` (files or directories, found as ``check`` finds them).

    A file that is not a model (OM006: a ruleset, a CI workflow, any YAML
    without ``orgmodel: 1``) is skipped, named or found, so that the
    pre-commit hook can be given every staged YAML file; it is never touched.
    ``exclusion`` is what directory scans skip (the configuration's excludes, as for check).
    """
    found = discover(paths, exclusion)
    run = FormatRun([], found.notes)
    for diag in found.unreadable:
        run.files.append(Formatted(diag.path, b"", problem=_("cannot be read"), diagnostics=[diag]))
    for file in found.files:
        try:
            raw = read_limited(file)
        except OSError as exc:
            run.files.append(Formatted(str(file), b"", problem=_("cannot be read"), diagnostics=[]))
            run.files[-1].diagnostics.append(unreadable(str(file), "file", exc))
            continue
        result = format_bytes(str(file), raw)
        if result.not_a_model:
            run.skipped.append(result)
        else:
            run.files.append(result)
    return run


def _round_trip_problem(exc: Exception) -> str:
    """Why ruamel.yaml (which fmt rewrites with) could not read a file libyaml reads: its line, in words."""
    mark, problem = getattr(exc, "problem_mark", None), getattr(exc, "problem", None)
    if mark is not None and isinstance(problem, str):
        hint = (
            _("; a tab there is the usual cause: write spaces") if "\\t" in problem or "\t" in problem else ""
        )
        return _("fmt's YAML library cannot read line {line} as it is written ({problem}){hint}").format(
            line=mark.line + 1, problem=problem, hint=hint
        )
    reason = str(exc).splitlines()[0] if str(exc) else ""
    return _("ruamel.yaml's round trip failed ({error})").format(error=f"{type(exc).__name__}: {reason}")


def write_atomic(path: str | Path, data: bytes, expected: bytes) -> None:
    """Write ``data`` to ``path`` atomically (``orgmodel.atomic``: temporary file, fsync, rename, mode kept).

    OSError when the file no longer holds ``expected`` (it changed while it
    was formatted) or cannot be written; the file is then left as it was.
    A symbolic link is followed: the file it points at is rewritten, if it
    lies in the link's own repository (a link a pull request commits to a
    file elsewhere is never written through).
    """
    from orgmodel.atomic import write_atomically

    target = Path(os.path.realpath(path))
    if links_out(Path(path)):
        raise OSError(errno.EPERM, _("a symbolic link that leads out of its repository"))
    if read_limited(target) != expected:
        raise OSError(f"{path} changed while it was being formatted")
    write_atomically(target, data.decode("utf-8"))  # the text keeps its line breaks and byte-order mark
    _sync_directory(str(target.parent))


def _sync_directory(directory: str) -> None:
    """Make the rename durable (where the platform allows it)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
