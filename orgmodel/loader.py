"""Safe YAML loading at C speed that keeps every node's position.

libyaml (through PyYAML's ``CParser``) composes the node tree; this module
builds the plain data from it and keeps the tree as the position index, so a
position is looked up only when a diagnostic needs one. This is the ONE place
that turns libyaml's 0-based marks into 1-based line:col.

Scalars follow the YAML 1.2 core schema: ``no``, ``yes``, ``on`` and ``off``
stay text (the "Norway problem"), and a date stays text for the schema to read.
No tag outside the core schema is ever constructed: ``!!python/...`` and
custom tags become diagnostics.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from orgmodel.diagnostic import Diagnostic, Severity

_CParser: Any
try:  # pragma: no cover - which branch runs depends on the machine
    from yaml._yaml import CParser as _CParser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover
    _CParser = None
    HAVE_LIBYAML = False

PLAIN = "?plain"
_CORE = "tag:yaml.org,2002:"
STR_TAG, INT_TAG, FLOAT_TAG = _CORE + "str", _CORE + "int", _CORE + "float"
BOOL_TAG, NULL_TAG = _CORE + "bool", _CORE + "null"
MAP_TAG, SEQ_TAG = _CORE + "map", _CORE + "seq"
_ALLOWED_TAGS = {STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG, MAP_TAG, SEQ_TAG, PLAIN}

# Aliases may share a subtree, but an "alias bomb" expands a few lines into
# billions of values; expansion beyond this many extra values is refused.
MAX_ALIAS_EXPANSION = 200_000
MAX_DEPTH = 900
# libyaml refuses a collection nested deeper than this; the pure-Python path does the same.
LIBYAML_MAX_NESTING = 1000

_WORDS: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NUMBER_START = frozenset("0123456789+-.")


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if value in _WORDS:
        return _WORDS[value]
    if value[0] not in _NUMBER_START:
        return value
    if _INT.match(value):
        return int(value)
    if value.startswith("0o") and len(value) > 2:
        try:
            return int(value[2:], 8)
        except ValueError:
            return value
    if value.startswith("0x") and len(value) > 2:
        try:
            return int(value[2:], 16)
        except ValueError:
            return value
    if _FLOAT.match(value):
        return float(value)
    return value


class _Resolver:
    """Tags plain scalars as PLAIN and leaves core-schema work to ``_Builder``."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR_TAG
        return MAP_TAG if kind is MappingNode else SEQ_TAG

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


if _CParser is not None:

    class _FastComposer(_Resolver, _CParser):  # type: ignore[misc]
        """libyaml's composer with our resolver."""


class _SlowComposer(
    _Resolver,
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
):
    """PyYAML's pure-Python composer, for machines without libyaml."""

    def __init__(self, stream: str | bytes) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        self.block_columns: list[int] = []
        self.flow_depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose a node, refusing deep nesting where libyaml does.

        libyaml's scanner counts indentation levels (a block collection
        indented further than its parent's) and flow levels: a block
        collection at indentation level 1000, or a flow collection at level
        1001 counting both, is "exceeded maximum nesting depth" at its start.
        """
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if not isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            return super().compose_node(parent, index)
        flow = bool(event.flow_style)
        start: Any = event.start_mark
        column = start.column
        indents = not flow and (not self.block_columns or column > self.block_columns[-1])
        blocks = len(self.block_columns) + indents
        if (flow and blocks + self.flow_depth + 1 > LIBYAML_MAX_NESTING) or (
            indents and blocks >= LIBYAML_MAX_NESTING
        ):
            mark = self._nesting_mark(event)
            raise yaml.composer.ComposerError(None, None, "exceeded maximum nesting depth", mark)
        if indents:
            self.block_columns.append(column)
        self.flow_depth += flow
        try:
            return super().compose_node(parent, index)
        finally:
            self.flow_depth -= flow
            if indents:
                self.block_columns.pop()

    def _nesting_mark(self, event: Any) -> Any:
        """Where libyaml reports a collection nested too deep.

        At the collection's start, except for a block mapping whose first key
        is a simple key: there libyaml notices at the key's ':'.
        """
        mark: Any = event.start_mark
        block_mapping = isinstance(event, yaml.MappingStartEvent) and not event.flow_style
        if not block_mapping or self.buffer[mark.index] == "?":
            return mark
        self.get_event()  # type: ignore[no-untyped-call]
        key: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if not isinstance(key, yaml.ScalarEvent):
            return mark
        end: Any = key.end_mark
        colon = end.index
        while self.buffer[colon] in " \t":
            colon += 1
        return yaml.error.Mark(mark.name, colon, end.line, end.column + colon - end.index, "", 0)


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based position range in a file."""

    line: int
    col: int
    end_line: int
    end_col: int


def span_of(node: Node) -> Span:
    """The 1-based span of a node (the only 0-based to 1-based conversion)."""
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class SourceMap:
    """Finds the node behind a data path like ``("units", 12, "level")``.

    The node tree is the index: nothing is built ahead of time, and a lookup
    walks one mapping or sequence per path element.
    """

    def __init__(self, root: Node | None) -> None:
        self.root = root

    def lookup(self, path: tuple[Any, ...]) -> tuple[Node | None, Node | None]:
        """The (key node, value node) at ``path``; the nearest ancestor's when missing.

        For a path that does not exist (a missing key), the nodes of the
        deepest existing ancestor are returned, so a diagnostic still points
        at the mapping that lacks the key.
        """
        key: Node | None = None
        node = self.root
        for part in path:
            if isinstance(node, MappingNode):
                found = _find_key(node, part)
                if found is None:
                    return key, node
                key, node = found
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return key, node
                key, node = None, node.value[part]
            else:
                return key, node
        return key, node

    def span(self, path: tuple[Any, ...], *, key: bool = False) -> Span:
        """The span of the value at ``path`` (of its key with ``key=True``)."""
        key_node, value_node = self.lookup(path)
        node = key_node if key and key_node is not None else value_node
        if node is None:
            return Span(1, 1, 1, 1)
        return span_of(node)


def _find_key(node: MappingNode, part: Any) -> tuple[Node, Node] | None:
    text = str(part)
    merged: list[Node] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            continue
        if key_node.value == "<<" and key_node.tag == PLAIN:
            merged.append(value_node)
        elif key_node.value == text:
            return key_node, value_node
    for value_node in merged:
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if isinstance(source, MappingNode):
                found = _find_key(source, part)
                if found is not None:
                    return found
    return None


@dataclass
class Document:
    """One loaded file: its data, its positions and what went wrong on the way."""

    path: str
    text: str
    data: Any = None
    source: SourceMap = field(default_factory=lambda: SourceMap(None))
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when the file parsed into data without errors."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break ('' past the end)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""


def _diag(path: str, span: Span, code: str, name: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic.at(path, span, code, name, message, hint=hint)


class _Stop(Exception):
    """Aborts building: the document cannot be turned into data."""


class _Builder:
    """Turns a composed node tree into plain dicts, lists and scalars.

    Collections are built once however often they are aliased (and the
    aliased size counts towards the alias-bomb limit); scalars are resolved
    inline, without a call or a memo entry each: at 100,000 units the memo
    of every node cost 1.7 million dict entries and tuples.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.memo: dict[int, tuple[Any, int]] = {}
        self.expansion = 0

    def error(self, node: Node, code: str, name: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(_diag(self.path, span_of(node), code, name, message, hint))

    def build(self, node: Node, depth: int = 0) -> tuple[Any, int]:
        """Return (value, number of values in it); aliased collections are built once."""
        if depth > MAX_DEPTH:
            self.error(node, "OM001", "yaml-syntax", f"nesting deeper than {MAX_DEPTH} levels")
            raise _Stop
        if node.__class__ is ScalarNode:
            return self.scalar(node), 1
        memo = self.memo.get(id(node))
        if memo is not None:
            self.expansion += memo[1]
            if self.expansion > MAX_ALIAS_EXPANSION:
                self.error(
                    node,
                    "OM005",
                    "alias-expansion",
                    f"aliases expand this file to more than {MAX_ALIAS_EXPANSION:,} values "
                    "(an 'alias bomb'); write the repeated parts out or use fewer aliases",
                )
                raise _Stop
            return memo
        if node.tag not in _ALLOWED_TAGS:
            self.forbidden(node)
        result: tuple[Any, int]
        if isinstance(node, SequenceNode):
            items: list[Any] = []
            size = 1
            inline = depth < MAX_DEPTH
            for child in node.value:
                if inline and child.__class__ is ScalarNode:
                    tag = child.tag
                    if tag == PLAIN:
                        items.append(resolve_plain(child.value))
                    else:
                        items.append(child.value if tag == STR_TAG else self.scalar(child))
                    size += 1
                else:
                    value, n = self.build(child, depth + 1)
                    items.append(value)
                    size += n
            result = (items, size)
        else:
            assert isinstance(node, MappingNode)
            result = self.mapping(node, depth)
        self.memo[id(node)] = result
        return result

    def forbidden(self, node: Node) -> NoReturn:
        self.error(
            node,
            "OM003",
            "forbidden-tag",
            f"the tag '{node.tag.replace(_CORE, '!!')}' is not allowed: a model holds plain "
            "text, numbers, true/false, lists and mappings only",
            hint="remove the tag; orgmodel never constructs objects from tags",
        )
        raise _Stop

    def scalar(self, node: ScalarNode) -> Any:
        value = node.value
        tag = node.tag
        if tag == PLAIN:
            return resolve_plain(value)
        if tag == STR_TAG:
            return value
        if tag not in _ALLOWED_TAGS:
            self.forbidden(node)
        resolved = resolve_plain(value) if value else None
        if tag == INT_TAG and isinstance(resolved, int) and not isinstance(resolved, bool):
            return resolved
        if tag == FLOAT_TAG and isinstance(resolved, int | float) and not isinstance(resolved, bool):
            return float(resolved)
        if (tag == BOOL_TAG and isinstance(resolved, bool)) or (tag == NULL_TAG and resolved is None):
            return resolved
        self.error(node, "OM001", "yaml-syntax", f"'{value}' is not a valid {tag.replace(_CORE, '!!')} value")
        raise _Stop

    def mapping(self, node: MappingNode, depth: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        size = 1
        merges: list[Node] = []
        inline = depth < MAX_DEPTH
        intern = sys.intern
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.error(
                    key_node,
                    "OM001",
                    "yaml-syntax",
                    "a mapping key must be a plain name, not a list or mapping",
                )
                raise _Stop
            key_tag = key_node.tag
            if key_tag != PLAIN and key_tag != STR_TAG:
                self.build(key_node, depth + 1)  # reports the forbidden tag
            # 100,000 units repeat the same few keys: one string each saves 49 MB
            key = key_node.value = intern(key_node.value)
            if key in result or (key == "<<" and key_tag == PLAIN):
                if key == "<<" and key_tag == PLAIN:
                    merges.append(value_node)
                    continue
                first_key = next(
                    k for k, _ in node.value if k.value == key and not (key == "<<" and k.tag == PLAIN)
                )
                first = first_key.start_mark.line + 1
                self.error(
                    key_node,
                    "OM002",
                    "duplicate-key",
                    f"the key '{key}' appears twice in this mapping (first on line {first})",
                    hint="remove or merge one of them: YAML tools disagree on which one wins",
                )
                continue
            if inline and value_node.__class__ is ScalarNode:
                tag = value_node.tag
                if tag == PLAIN:
                    result[key] = resolve_plain(value_node.value)
                else:
                    result[key] = value_node.value if tag == STR_TAG else self.scalar(value_node)
                size += 1
            else:
                value, n = self.build(value_node, depth + 1)
                result[key] = value
                size += n
        for merge in merges:
            if merge.tag not in _ALLOWED_TAGS:
                self.forbidden(merge)  # a tagged list of merge sources is never built as a whole
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                value, n = self.build(source, depth + 1)
                if not isinstance(value, dict):
                    self.error(source, "OM001", "yaml-syntax", "'<<' merges mappings only")
                    raise _Stop
                for k, v in value.items():
                    result.setdefault(k, v)
                size += n
        return result, size


def _decode(path: str, raw: bytes) -> tuple[str | None, bytes, Diagnostic | None]:
    """Text and the bytes to parse (BOM removed), or a diagnostic."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            return (
                None,
                raw,
                _diag(path, Span(1, 1, 1, 1), "OM004", "encoding", "the file is not valid UTF-16"),
            )
        return text, text.encode("utf-8"), None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        what = "binary data" if b"\x00" in body[:8192] else "text in another encoding (not UTF-8)"
        msg = f"the file is not UTF-8: byte 0x{body[exc.start]:02x} looks like {what}"
        hint = "save the file as UTF-8 (Latin-1 and Windows-1252 are not read)"
        return None, body, _diag(path, Span(line, col, line, col + 1), "OM004", "encoding", msg, hint)
    return text, body, None


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
# What YAML forbids, as UTF-8: C0 controls but tab and line breaks, DEL, C1 controls but NEL, U+FFFE/F.
_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x84\x86-\x9f]|\xef\xbf[\xbe\xbf]")


def _control_character(path: str, body: bytes) -> Diagnostic | None:
    """OM004 at the first character YAML does not allow, before either parser sees the file.

    libyaml and PyYAML's reader report it differently (byte or character
    offset, at a different moment), so both paths check it here. Deleting
    the printable ASCII first leaves only the few non-ASCII bytes to search:
    5 ms for a 14 MB model instead of 130 ms for a regular expression.
    """
    rest = body.translate(None, _PRINTABLE_ASCII)
    if not rest or not _FORBIDDEN.search(rest):
        return None
    match = _FORBIDDEN.search(body)
    if match is None:  # pragma: no cover - rest is a subsequence of body
        return None
    offset = match.start()
    line = body.count(b"\n", 0, offset) + 1
    col = len(body[body.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace")) + 1
    char = ord(match.group().decode("utf-8"))
    return _diag(
        path,
        Span(line, col, line, col + 1),
        "OM004",
        "encoding",
        f"the file contains the control character U+{char:04X}, which YAML does not allow "
        "(only tab and line breaks are)",
        hint="delete it: it often comes with text copied out of another program",
    )


def load_bytes(path: str, raw: bytes, *, pure: bool = False) -> Document:
    """Load one YAML document from bytes; problems become diagnostics."""
    text, body, problem = _decode(path, raw)
    if problem is not None or text is None:
        return Document(path=path, text=text or "", diagnostics=[problem] if problem else [])
    doc = Document(path=path, text=text)
    control = _control_character(path, body)
    if control is not None:
        doc.diagnostics.append(control)
        return doc
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the tree is acyclic; collecting while building costs 60-75% of load time
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, LIBYAML_MAX_NESTING * 4 + 200))
    try:
        composer: Any = _SlowComposer(text) if pure or not HAVE_LIBYAML else _FastComposer(body)
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        doc.diagnostics.append(_syntax_diagnostic(path, exc, text))
        return doc
    except yaml.YAMLError as exc:
        doc.diagnostics.append(_diag(path, Span(1, 1, 1, 1), "OM001", "yaml-syntax", _one_line(str(exc))))
        return doc
    except RecursionError:
        doc.diagnostics.append(
            _diag(path, Span(1, 1, 1, 1), "OM001", "yaml-syntax", "exceeded maximum nesting depth")
        )
        return doc
    finally:
        sys.setrecursionlimit(limit)
        if gc_was_enabled:
            gc.enable()
    doc.source = SourceMap(root)
    if root is None:
        doc.diagnostics.append(
            _diag(
                path,
                Span(1, 1, 1, 1),
                "OM006",
                "not-a-model",
                "the file is empty: a model starts with 'orgmodel: 1'",
            )
        )
        return doc
    builder = _Builder(path)
    gc.disable()
    sys.setrecursionlimit(max(limit, MAX_DEPTH * 3 + 200))
    try:
        doc.data, _ = builder.build(root)
    except _Stop:
        doc.data = None
    finally:
        sys.setrecursionlimit(limit)
        if gc_was_enabled:
            gc.enable()
    doc.diagnostics.extend(builder.diagnostics)
    return doc


def _one_line(text: str) -> str:
    return " ".join(text.split())


_SYNTAX_WORDS = (
    ("exceeded maximum nesting depth", "exceeded maximum nesting depth (1000 levels)"),
    (
        "expected a single document in the stream",
        "more than one YAML document ('---'): a model file holds one",
    ),
)

# libyaml and PyYAML's pure-Python parser word the same problem differently; these rewrites
# give both one message, so the pure path's diagnostics equal the C path's (test_pure_parser.py).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:did not find|could not find) (?:the )?expected "), "expected "),
    (re.compile(r", but (?:found|got) .*$", re.S), ""),
    (re.compile(r"^expected the "), "expected "),
    (re.compile(r"^expected a comment or a line break$"), "expected comment or line break"),
    (re.compile(r"'(<[^>]*>)'"), r"\1"),
    (re.compile(r" in this context$"), " here"),
    (re.compile(r"^block sequence entries"), "sequence entries"),
    (re.compile(r"^found incompatible YAML document.*", re.S), "found incompatible YAML document"),
    (
        re.compile(r"^found an indentation indicator equal to 0$"),
        "expected indentation indicator in the range 1-9",
    ),
)
_SAME_IN_CONTEXT: dict[str, tuple[frozenset[str], str]] = {
    "while parsing a block mapping": (
        frozenset({"expected key", "expected <block end>"}),
        "expected a key at this indentation",
    ),
    "while parsing a block collection": (
        frozenset({"expected '-' indicator", "expected <block end>"}),
        "expected a '- ' entry at this indentation",
    ),
    "while scanning a block scalar": (
        frozenset({"expected comment or line break", "expected chomping or indentation indicators"}),
        "expected comment or line break",
    ),
    "while scanning a directive": (
        frozenset({"expected directive name", "expected alphabetic or numeric character"}),
        "expected a directive name",
    ),
    "while scanning a tag": (
        frozenset({"expected whitespace or line break", "expected ' '"}),
        "expected whitespace or line break",
    ),
}
_QUOTED_CONTEXTS = {
    "while parsing a quoted scalar",
    "while scanning a double-quoted scalar",
    "while scanning a single-quoted scalar",
}
_NAME_AT = re.compile(r"[*&]([^\s,\[\]{}]+)")


def _canonical(problem: str, context: str | None, source: str, col: int) -> tuple[str, str | None, int]:
    """One wording (and column) for a syntax problem, whichever parser found it."""
    for pattern, replacement in _REWRITES:
        problem = pattern.sub(replacement, problem)
    if context in _QUOTED_CONTEXTS:
        context = "while scanning a quoted scalar"
    elif context == "while parsing a tag":
        context = "while scanning a tag"
    same = _SAME_IN_CONTEXT.get(context or "")
    if same is not None and problem in same[0]:
        problem = same[1]
    here = source[col - 1 : col]
    if problem.startswith("found character") and problem.endswith("that cannot start any token") and here:
        problem = f"found character '{here}' that cannot start any token"
    elif problem.startswith("found unknown escape character"):
        if here != "\\" and source[col - 2 : col - 1] == "\\":
            col -= 1  # PyYAML points at the escaped character, libyaml at the backslash
        problem = f"found unknown escape character '{source[col : col + 1]}'"
    elif problem.startswith("found undefined alias"):
        name = _NAME_AT.match(source, col - 1)
        problem = f"found undefined alias '{name.group(1)}'" if name else "found undefined alias"
    return problem, context, col


def _syntax_diagnostic(path: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context if exc.context and exc.problem else None
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if context and "found duplicate anchor" in context and exc.context_mark is not None:
        name = _NAME_AT.match(source, col - 1)
        anchor = f"'&{name.group(1)}' " if name else ""
        first = exc.context_mark.line + 1
        problem, context = f"the anchor {anchor}is defined twice (first on line {first})", None
    else:
        problem, context, col = _canonical(problem, context, source, col)
    for raw, nice in _SYNTAX_WORDS:
        if raw in problem or (context and raw in context):
            problem, context = nice, None
            break
    hint = None
    if ("\t" in source[: col + 1] and "cannot start any token" in problem) or (
        "tab character that violates indentation" in problem
    ):
        problem, context = "a tab character: YAML indents with spaces only", None
        hint = "replace the tab with spaces"
    message = f"invalid YAML: {_one_line(problem)}"
    if context:
        message += f" ({_one_line(context)})"
    return _diag(path, Span(line, col, line, col), "OM001", "yaml-syntax", message, hint)


# Line breaks str.splitlines knows besides "\n" (a file using them takes the slow path).
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def iter_lines_with_comments(text: str) -> Iterator[tuple[int, str]]:
    """1-based line numbers and text of the lines that contain a '#' (numbered as str.splitlines does).

    Jumps from '#' to '#' instead of splitting the whole text: at 100,000
    units the list of 1.4 million lines cost 26 MB at the run's peak.
    """
    pos = text.find("#")
    if pos < 0:
        return
    if _OTHER_BREAKS.search(text):
        for number, line in enumerate(text.splitlines(), start=1):
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
