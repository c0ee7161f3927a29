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
from orgmodel.i18n import _

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
PLAIN_WORDS = frozenset(_WORDS)  # the plain scalars that are not text
PLAIN_VALUES: dict[str, Any] = _WORDS  # their values
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
NUMBER_START = frozenset("0123456789+-.")  # a plain scalar starting otherwise is no number


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
    if value[0] not in NUMBER_START:
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
    """A 1-based position range in a file.

    ``path`` names the file when it is not the one the position was asked of
    (a part of a model split across files); None means that file.
    """

    line: int
    col: int
    end_line: int
    end_col: int
    path: str | None = None


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
                error_at(path, Span(1, 1, 1, 1), "OM004", "encoding", _("the file is not valid UTF-16")),
            )
        return text, text.encode("utf-8"), None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        what = _("binary data") if b"\x00" in body[:8192] else _("text in another encoding (not UTF-8)")
        msg = _("the file is not UTF-8: byte {byte} looks like {what}").format(
            byte=f"0x{body[exc.start]:02x}", what=what
        )
        hint = _("save the file as UTF-8 (Latin-1 and Windows-1252 are not read)")
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
        _(
            "the file contains the control character {char}, which YAML does not allow "
            "(only tab and line breaks are)"
        ).format(char=f"U+{char:04X}"),
        hint=_("delete it: it often comes with text copied out of another program"),
    )


def one_line(text: str) -> str:
    """Text with every run of white space (line breaks too) as one space."""
    return " ".join(text.split())
