"""Safe YAML loading at C speed that keeps every value's position.

libyaml's parse events (PyYAML's ``CParser``, driven by ``orgmodel.yaml_front``)
become the plain data and a flat position table in one pass
(``orgmodel.yaml_events``), without a node tree. A file the single pass does
not take (one with a problem, a tag, or the pure-Python parser) is composed
and built by ``orgmodel.yaml_build``, which words every problem, and its tree
flattened to the same table. ``orgmodel.source_map`` answers position
questions from the table and is the ONE place that turns positions into
1-based line:col.

Scalars follow the YAML 1.2 core schema: ``no``, ``yes``, ``on`` and ``off``
stay text (the "Norway problem"), and a date stays text for the schema to read.
No tag outside the core schema is ever constructed: ``!!python/...`` and
custom tags become diagnostics.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from yaml.nodes import Node

from orgmodel.bounds import (
    DEFAULT_LIMITS,
    MAX_ALIAS_TEXT,
    Limits,
    find_plain_scalar,
    first_alias,
    first_value_over,
    may_exceed,
    text_size,
)
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.lines import ODD_BREAKS, lines_of, recounted
from orgmodel.source_map import NodeView as NodeView
from orgmodel.source_map import SourceMap as SourceMap
from orgmodel.yaml_build import MAX_ALIAS_EXPANSION as MAX_ALIAS_EXPANSION
from orgmodel.yaml_build import MAX_DEPTH, Builder, Stop
from orgmodel.yaml_errors import syntax_diagnostic
from orgmodel.yaml_events import Unusual, load_events, table_from_tree
from orgmodel.yaml_front import (
    HAVE_LIBYAML as HAVE_LIBYAML,
)
from orgmodel.yaml_front import (
    LIBYAML_MAX_NESTING,
    MAX_INT_DIGITS,
    FastComposer,
    NumberTooLargeError,
    SlowComposer,
    control_character,
    decode,
    error_at,
    one_line,
)
from orgmodel.yaml_front import (
    Span as Span,
)
from orgmodel.yaml_front import (
    resolve_plain as resolve_plain,
)

TOO_LARGE = ("OM012", "too-large")
ALIAS_TEXT = ("OM005", "alias-expansion")


@dataclass
class Document:
    """One loaded file: its data, its positions and what went wrong on the way."""

    path: str
    text: str
    data: Any = None
    source: SourceMap = field(default_factory=SourceMap)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _lines: list[str] | None = field(default=None, repr=False)
    parts: list[Document] = field(default_factory=list)
    """The part files of a model split across files (``orgmodel.parts``), in the order listed."""

    def __repr__(self) -> str:
        """``<Document models/x.yaml: 412 lines, 0 problems>``, never the text or the data."""
        lines = self.text.count("\n") + (not self.text.endswith("\n") and bool(self.text))
        return f"<Document {self.path}: {lines} lines, {len(self.diagnostics)} problems>"

    @property
    def ok(self) -> bool:
        """True when the file parsed into data without errors."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break ('' past the end)."""
        if self._lines is None:
            self._lines = lines_of(self.text)
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""


def load_bytes(
    path: str, raw: bytes, *, pure: bool = False, limits: Limits | None = None, expect: str | None = None
) -> Document:
    """Load one YAML document from bytes; problems become diagnostics.

    With ``expect`` (a model's ``"orgmodel"``), a file with no line
    starting with that key that is not valid YAML is reported as not a
    model, without quoting its contents (an encoding error names only the
    byte): a credentials file or /proc/self/environ is never echoed.
    """
    doc = _load(path, raw, pure, limits or DEFAULT_LIMITS)
    if expect is not None and not doc.ok and not declares(doc.text, expect):
        doc.text, doc._lines = "", None
        empty = doc.data is None and all(d.code == "OM006" for d in doc.diagnostics)  # blank, or comments
        if not empty and any(d.code != "OM004" for d in doc.diagnostics):  # an encoding error quotes nothing
            why = _("it has no '{key}: 1' line and is not valid YAML").format(key=expect)
            doc.diagnostics = [not_a_model(path, why)]
    return doc


def declares(text: str, key: str) -> bool:
    """Whether a line of ``text`` starts with ``key:`` (quoted or in a flow mapping too)."""
    pattern = "(?m)^[{ \\t]*[\"']?" + re.escape(key) + "[\"']?[ \\t]*:"
    return re.search(pattern, text) is not None


def not_a_model(path: str, why: str) -> Diagnostic:
    """OM006 at the file's start; the message never quotes the file."""
    message = _("not an orgmodel file: {why}; its contents are not shown").format(why=why)
    return error_at(path, Span(1, 1, 1, 1), "OM006", "not-a-model", message)


def _load(path: str, raw: bytes, pure: bool, limits: Limits) -> Document:
    text, body, problem = decode(path, raw)
    if problem is not None or text is None:
        return Document(path=path, text=text or "", diagnostics=[problem] if problem else [])
    doc = Document(path=path, text=text)
    control = control_character(path, body)
    if control is not None:
        doc.diagnostics.append(control)
        return doc
    count = len(doc.diagnostics)
    _parse(doc, text, body, pure or not HAVE_LIBYAML, limits)
    if len(doc.diagnostics) > count and ODD_BREAKS.search(text):  # placed at libyaml's marks: recount
        convert = recounted(text)
        doc.diagnostics[count:] = [_moved(d, convert) for d in doc.diagnostics[count:]]
    return doc


def _moved(diag: Diagnostic, convert: Callable[[int, int], tuple[int, int]]) -> Diagnostic:
    """``diag`` with its span's line and column as ``convert`` counts them."""
    line, col = convert(diag.line, diag.col)
    end_line, end_col = diag.end_line, diag.end_col
    if end_line is not None and end_col is not None:
        end_line, end_col = convert(end_line, end_col)
    return replace(diag, line=line, col=col, end_line=end_line, end_col=end_col)


def _parse(doc: Document, text: str, body: bytes, slow: bool, limits: Limits) -> None:
    """The data and source map of a decoded text, or the diagnostics of why there are none."""
    path = doc.path
    if may_exceed(body, limits.max_nodes):
        mark = first_value_over(SlowComposer(text) if slow else FastComposer(body), limits.max_nodes)
        if mark is not None:
            line, col = mark.line + 1, mark.column + 1
            message = _("the file holds more than {limit} YAML values; orgmodel stops here").format(
                limit=f"{limits.max_nodes:,}"
            )
            hint = _("split the model into several files")
            doc.diagnostics.append(error_at(path, Span(line, col, line, col), *TOO_LARGE, message, hint))
            return
    if not slow and _stream(doc, text, body):
        return  # its aliases repeat at most MAX_ALIAS_TEXT characters (yaml_events counts them)
    root = _compose(doc, text, body, slow)
    if root is None:
        return
    _build(doc, root)
    if doc.data is not None and b"*" in body and text_size(doc.data) > len(text) + MAX_ALIAS_TEXT:
        mark = first_alias(SlowComposer(text) if slow else FastComposer(body))
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = _(
            "aliases repeat text in this file to more than {n} characters beyond its own "
            "(an 'alias bomb'); write the repeated parts out or use fewer aliases"
        ).format(n=f"{MAX_ALIAS_TEXT:,}")
        doc.diagnostics.append(error_at(doc.path, Span(line, col, line, col), *ALIAS_TEXT, message))
        doc.data = None


def _stream(doc: Document, text: str, body: bytes) -> bool:
    """Data and positions in one pass over libyaml's events; False when the file needs composing."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of long-lived acyclic objects: a collection would free nothing
    try:
        data, table = load_events(FastComposer(body), text)
    except Unusual:
        return False
    finally:
        if gc_was_enabled:
            gc.enable()
    doc.data, doc.source = data, SourceMap(text, table)
    return True


def _compose(doc: Document, text: str, body: bytes, slow: bool) -> Node | None:
    """The node tree, or None with a diagnostic."""
    path = doc.path
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the tree is acyclic; collecting while building costs 60-75% of load time
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, LIBYAML_MAX_NESTING * 4 + 200))
    try:
        composer: Any = SlowComposer(text) if slow else FastComposer(body)
        root: Node | None = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        events = lambda: _events(SlowComposer(text) if slow else FastComposer(body))  # noqa: E731
        doc.diagnostics.append(syntax_diagnostic(path, exc, text, events))
        return None
    except yaml.YAMLError as exc:
        doc.diagnostics.append(error_at(path, Span(1, 1, 1, 1), "OM001", "yaml-syntax", one_line(str(exc))))
        return None
    except RecursionError:
        doc.diagnostics.append(
            error_at(path, Span(1, 1, 1, 1), "OM001", "yaml-syntax", _("exceeded maximum nesting depth"))
        )
        return None
    finally:
        sys.setrecursionlimit(limit)
        if gc_was_enabled:
            gc.enable()
    doc.source = SourceMap(text, table_from_tree(root, len(text)))
    if root is None:
        doc.diagnostics.append(
            error_at(
                path,
                Span(1, 1, 1, 1),
                "OM006",
                "not-a-model",
                _("the file is empty: a model starts with 'orgmodel: 1'"),
            )
        )
    return root


def _events(parser: Any) -> Iterator[Any]:
    while parser.check_event():
        yield parser.get_event()


def _build(doc: Document, root: Node) -> None:
    builder = Builder(doc.path)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, MAX_DEPTH * 3 + 200))
    try:
        doc.data, _stats = builder.build(root)
    except Stop:
        doc.data = None
    except NumberTooLargeError as exc:
        doc.data = None
        node = find_plain_scalar(root, exc.text) or root
        digits = len(exc.text.lstrip("+-"))
        message = _("a whole number of {digits} digits; orgmodel reads up to {limit} digits").format(
            digits=f"{digits:,}", limit=MAX_INT_DIGITS
        )
        hint = _("if it is meant as text (an id or a code), put it in quotes")
        builder.error(node, *TOO_LARGE, message, hint)
    finally:
        sys.setrecursionlimit(limit)
        if gc_was_enabled:
            gc.enable()
    doc.diagnostics.extend(builder.diagnostics)


_OTHER_BREAKS = re.compile("\r")  # a break besides LF (CR LF or CR): lines counted by LINE_BREAK


def iter_lines_with_comments(text: str) -> Iterator[tuple[int, str]]:
    """1-based line numbers and text of the lines that contain a '#' (numbered as findings are).

    Jumps from '#' to '#' instead of splitting the whole text: at 100,000
    units the list of 1.4 million lines cost 26 MB at the run's peak.
    """
    pos = text.find("#")
    if pos < 0:
        return
    if _OTHER_BREAKS.search(text):
        for number, line in enumerate(lines_of(text), start=1):
            if "#" in line:
                yield number, line
        return
    number, counted = 1, 0
    while pos >= 0:
        start = text.rfind("\n", 0, pos) + 1
        number += text.count("\n", counted, start)
        counted = start
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield number, text[start:end]
        pos = text.find("#", end)
