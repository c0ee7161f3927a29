"""The YAML front end: bytes to libyaml's composed node tree, and every problem on the way as a diagnostic.

Decoding (UTF-8, a BOM, UTF-16), control characters, the composers (libyaml's
C parser, or PyYAML's pure-Python one where libyaml is missing, made to give
the same diagnostics), the YAML 1.2 core-schema scalars, and the wording of
syntax errors. ``orgmodel.loader`` builds data and positions from the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from orgmodel.diagnostic import Diagnostic

_CParser: Any
try:  # pragma: no cover - which branch runs depends on the machine
    from yaml._yaml import CParser as _CParser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover
    _CParser = None
    HAVE_LIBYAML = False

PLAIN = "?plain"
CORE = "tag:yaml.org,2002:"
STR_TAG, INT_TAG, FLOAT_TAG = CORE + "str", CORE + "int", CORE + "float"
BOOL_TAG, NULL_TAG = CORE + "bool", CORE + "null"
MAP_TAG, SEQ_TAG = CORE + "map", CORE + "seq"
ALLOWED_TAGS = {STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG, MAP_TAG, SEQ_TAG, PLAIN}

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


# Whole numbers longer than this are refused (Python converts at most 4,300 digits to and from text).
MAX_INT_DIGITS = 100


class NumberTooLargeError(ValueError):
    """A whole number with more than MAX_INT_DIGITS digits; ``text`` is the scalar as written."""

    def __init__(self, text: str) -> None:
        super().__init__(text[:20])
        self.text = text


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar (NumberTooLargeError for a huge one)."""
    if value in _WORDS:
        return _WORDS[value]
    if value[0] not in _NUMBER_START:
        return value
    if _INT.match(value):
        if len(value) > MAX_INT_DIGITS and len(value.lstrip("+-")) > MAX_INT_DIGITS:
            raise NumberTooLargeError(value)
        return int(value)
    if value.startswith(("0o", "0x")) and len(value) > 2:
        try:
            number = int(value[2:], 8 if value[1] == "o" else 16)
        except ValueError:
            return value
        if len(value) > MAX_INT_DIGITS + 2:
            raise NumberTooLargeError(value)
        return number
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

    class FastComposer(_Resolver, _CParser):  # type: ignore[misc]
        """libyaml's composer with our resolver."""


class SlowComposer(
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


def error_at(
    path: str, span: Span, code: str, name: str, message: str, hint: str | None = None
) -> Diagnostic:
    """An error-severity diagnostic of the loading phase."""
    return Diagnostic.at(path, span, code, name, message, hint=hint)


def decode(path: str, raw: bytes) -> tuple[str | None, bytes, Diagnostic | None]:
    """Text and the bytes to parse (BOM removed), or a diagnostic."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            return (
                None,
                raw,
                error_at(path, Span(1, 1, 1, 1), "OM004", "encoding", "the file is not valid UTF-16"),
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
        return None, body, error_at(path, Span(line, col, line, col + 1), "OM004", "encoding", msg, hint)
    return text, body, None


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
# What YAML forbids, as UTF-8: C0 controls but tab and line breaks, DEL, C1 controls but NEL, U+FFFE/F.
_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x84\x86-\x9f]|\xef\xbf[\xbe\xbf]")


def control_character(path: str, body: bytes) -> Diagnostic | None:
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
    return error_at(
        path,
        Span(line, col, line, col + 1),
        "OM004",
        "encoding",
        f"the file contains the control character U+{char:04X}, which YAML does not allow "
        "(only tab and line breaks are)",
        hint="delete it: it often comes with text copied out of another program",
    )


def one_line(text: str) -> str:
    """Text with every run of white space (line breaks too) as one space."""
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


def syntax_diagnostic(path: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    """A YAML syntax error as a diagnostic, worded the same by the C and the pure-Python parser."""
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
    message = f"invalid YAML: {one_line(problem)}"
    if context:
        message += f" ({one_line(context)})"
    return error_at(path, Span(line, col, line, col), "OM001", "yaml-syntax", message, hint)


# Line breaks str.splitlines knows besides "\n" (a file using them takes the slow path).
