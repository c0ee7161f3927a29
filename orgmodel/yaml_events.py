"""Data and positions straight from libyaml's event stream, without composing a node tree.

One pass over the parser's events builds the plain data (YAML 1.2 core
scalars, aliased collections shared, ``<<`` merges applied) and the flat
position table of ``orgmodel.source_map``. It takes the common road only:
anything out of the ordinary (a syntax error, a tag, a duplicate key or
anchor, a key that is not text, an undefined or recursive alias, a huge
number, deep nesting, an alias bomb, a second document) raises ``Unusual``
and the loader reads the file again with the composer and
``orgmodel.yaml_build``, which word every such problem. So a file with a
problem gets exactly the diagnostics it always got, and a good file never
pays for a node tree.

``table_from_tree`` gives a composed node tree the same flat table.
"""

from __future__ import annotations

import sys
from itertools import chain
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from orgmodel.bounds import MAX_ALIAS_TEXT, text_size
from orgmodel.source_map import (
    ALIAS,
    BLOCK_MAP,
    BLOCK_SEQ,
    FLOW_MAP,
    FLOW_SEQ,
    FOLDED,
    PLAIN,
    SCALAR_STYLES,
    NodeTable,
)
from orgmodel.yaml_build import MAX_ALIAS_EXPANSION, MAX_DEPTH
from orgmodel.yaml_front import MAX_INT_DIGITS, NUMBER_START, PLAIN_VALUES, resolve_plain
from orgmodel.yaml_front import PLAIN as PLAIN_TAG
from orgmodel.yaml_tuples import (
    ALIAS as ALIAS_EVENT,
)
from orgmodel.yaml_tuples import (
    COLLECTION_END,
    DOCUMENT_END,
    MAPPING_START,
    SCALAR_LENGTH,
    SEQUENCE_START,
    STREAM_END,
    tuple_events,
)


class Unusual(Exception):
    """The file needs the composing loader, which words every problem."""


_KEY = object()  # the open mapping expects a key next
_MERGE = object()  # the open mapping's '<<' key was read: its value is merged, not stored
_LIST = object()  # the open collection is a list
_ROOT = object()  # no collection is open: the value is the document


def load_events(parser: Any, text: str) -> tuple[Any, NodeTable]:
    """The document's data and its position table from ``parser``'s events (Unusual: read it otherwise)."""
    try:
        with tuple_events(parser) as get:
            return _Stream(len(text)).run(get)
    except Unusual:
        raise
    except Exception as exc:  # a syntax error, a number too large: the composing loader words it
        raise Unusual from exc


class _Stream:
    """One pass over the events of one document (as ``orgmodel.yaml_tuples`` gives them).

    The open collection lives in local variables of ``_document`` (its data,
    the key waiting for a value, its number, anchor and merge sources); the
    enclosing ones wait on a stack. Per scalar the pass appends its two
    offsets and nothing else: a plain scalar's kind is 0 and the value after
    it is the next number, so only the other kinds (``self.kinds``) and the
    collections' ends (``self.ends``) are written down, and the table's
    ``kinds`` and ``ends`` are made from them once at the end (two compact
    arrays: at 100,000 units the dicts would keep 10 MB).
    """

    def __init__(self, length: int) -> None:
        self.length = length
        self.table = NodeTable()
        self.kinds: dict[int, int] = {}  # the kind of every value that is not a plain scalar
        self.ends: dict[int, int] = {}  # the number after each collection and its contents
        self.anchors: dict[str, tuple[int, Any, bool]] = {}
        self.sizes: dict[int, int] = {}
        self.expansion = 0
        self.alias_text = 0  # characters of text the aliases repeat (bounds.MAX_ALIAS_TEXT)
        self.texts: dict[int, int] = {}

    def run(self, get: Any) -> tuple[Any, NodeTable]:
        if get()[0] == STREAM_END:  # else the document's start
            raise Unusual  # an empty file
        root = self._document(get)
        if get()[0] != DOCUMENT_END or get()[0] != STREAM_END:
            raise Unusual  # a second document
        table = self.table
        kinds = table.kinds = bytearray(len(table.offsets) // 2)
        for number, kind in self.kinds.items():
            kinds[number] = kind
        table.ends.extend(chain.from_iterable(self.ends.items()))
        return root, table

    def _document(self, get: Any) -> Any:
        table = self.table
        texts, kinds = table.texts, self.kinds
        add_offset = table.offsets.append
        same: dict[str, str] = {}  # one string for each text that repeats (kinds, titles, places)
        length, intern, resolve, styles = self.length, sys.intern, resolve_plain, SCALAR_STYLES
        words, number_start, digits = PLAIN_VALUES, NUMBER_START, MAX_INT_DIGITS
        stack: list[tuple[Any, Any, int, str | None, Any]] = []
        data: Any = None
        value: Any = None
        key: Any = _ROOT
        number, anchor, merges = 0, None, None  # the open collection's number, anchor and '<<' sources
        index = -1  # the number of the value the event starts
        while True:
            event = get()
            index += 1
            if len(event) == SCALAR_LENGTH:
                name, tag, _implicit, text, start, end, style = event
                begin, stop = start.index, end.index
                add_offset(begin)
                add_offset(stop)
                if stop >= length:
                    self._mark(index, start, end)
                if tag is not None:
                    raise Unusual  # a tag, even '!': the composer resolves it
                if style:
                    kinds[index] = styles[style]
                    texts[index] = text  # quoted, or folded: not the source as it stands
                elif len(text) != stop - begin:
                    texts[index] = text  # over several lines, or after an anchor
                if key is _KEY:
                    key = text = intern(text)
                    if name is not None:
                        self._anchor(name, index, text if style else resolve(text))
                    if text in data or (text == "<<" and not style):
                        key = self._special_key(text, merges)
                    continue
                if style or (text and text[0] not in number_start and text not in words):
                    value = same.setdefault(text, text)  # quoted, or plain text (no number, bool or null)
                elif text in words:
                    value = words[text]
                elif text.isdigit() and text.isascii() and len(text) <= digits:
                    value = int(text)  # what resolve_plain makes of it, without its regular expression
                else:
                    value = resolve(text)
                if name is not None:
                    self._anchor(name, index, value)
            else:
                kind, args = event
                if kind <= SEQUENCE_START:  # a mapping's or a list's start
                    if args[1] is not None or len(stack) >= MAX_DEPTH or key is _KEY:
                        raise Unusual  # a tag, nesting the composer reports, or a collection as a key
                    stack.append((data, key, number, anchor, merges))
                    data, key = self._open(args, index, kind == MAPPING_START)
                    number, anchor, merges = index, args[0], None
                    continue
                if kind == COLLECTION_END:
                    index -= 1  # an end is no value
                    self._close(args[1], index + 1, number, data, anchor, merges)
                    value = data
                    data, key, number, anchor, merges = stack.pop()
                elif kind == ALIAS_EVENT:
                    if key is _KEY or key is _ROOT:
                        raise Unusual  # an alias as a key
                    value = self._alias(args, index)
                else:  # pragma: no cover - libyaml sends no other event inside a document
                    raise Unusual
            if key is _LIST:
                data.append(value)
            elif key is _ROOT:
                return value
            elif key is _MERGE:
                merges, key = _sources(value), _KEY
            else:
                data[key] = value
                key = _KEY

    def _open(self, args: tuple[Any, ...], index: int, mapping: bool) -> tuple[Any, Any]:
        """Number a list or mapping that starts here; its (empty) data and what it expects first.

        ``args``: the start event's anchor, tag, implicit, start and end marks and flow style.
        """
        table = self.table
        start = args[3]
        table.offsets.append(start.index)
        table.offsets.append(0)  # its end, when it ends
        if start.index >= self.length:
            table.marks[2 * index] = (start.line, start.column)
        flow = bool(args[5])
        kind = (FLOW_MAP if flow else BLOCK_MAP) if mapping else (FLOW_SEQ if flow else BLOCK_SEQ)
        self.kinds[index] = kind
        data: Any = {} if mapping else []
        if args[0] is not None:
            self._anchor(args[0], index, data, done=False)
        return data, _KEY if mapping else _LIST

    def _close(self, end: Any, index: int, number: int, data: Any, anchor: str | None, merges: Any) -> None:
        """Finish collection ``number`` at ``end`` (``index`` values numbered): its merges, its anchor."""
        table = self.table
        table.offsets[2 * number + 1] = end.index
        if end.index >= self.length:
            table.marks[2 * number + 1] = (end.line, end.column)
        self.ends[number] = index
        if merges is not None:
            for source in merges:
                for name, merged in source.items():
                    data.setdefault(name, merged)
        if anchor is not None:
            self.anchors[anchor] = (number, data, True)

    def _special_key(self, text: str, merges: Any) -> Any:
        """A '<<' key (the first of its mapping): the marker that its value is merged."""
        if text != "<<" or merges is not None:
            raise Unusual  # a duplicate key, or a second '<<' (whose merges are still to come: '<<' twice)
        return _MERGE

    def _anchor(self, name: str, index: int, value: Any, done: bool = True) -> None:
        if name in self.anchors:
            raise Unusual  # a duplicate anchor
        self.anchors[name] = (index, value, done)

    def _alias(self, args: tuple[Any, ...], index: int) -> Any:
        """The value an alias (``args``: its anchor, start and end marks) names, shared; its size counts."""
        found = self.anchors.get(args[0])
        if found is None or not found[2]:
            raise Unusual  # undefined, or an alias inside the collection it names
        target, value, _done = found
        table = self.table
        table.offsets.append(args[1].index)
        table.offsets.append(args[2].index)
        self.kinds[index] = ALIAS
        table.targets[index] = target
        if self.kinds.get(target, PLAIN) > FOLDED:  # a collection: its size counts towards the bomb limit
            self.expansion += self._size(target)
            if self.expansion > MAX_ALIAS_EXPANSION:
                raise Unusual
            if target not in self.texts:
                self.texts[target] = text_size(value)
            self.alias_text += self.texts[target]
        elif type(value) is str:
            self.alias_text += len(value)
        if self.alias_text > MAX_ALIAS_TEXT:
            raise Unusual  # perhaps an alias bomb of text: the loader measures the data and words it
        return value

    def _size(self, index: int) -> int:
        """The number of values in collection ``index``, its aliases expanded.

        Never fewer than ``yaml_build.Builder`` counts (a list of '<<' sources
        counts itself too), so a file near the alias-bomb limit is composed.
        """
        known = self.sizes.get(index)
        if known is not None:
            return known
        kinds, ends = self.kinds, self.ends
        size, child, end = 1, index + 1, ends[index]
        mapping = kinds[index] in (BLOCK_MAP, FLOW_MAP)
        while child < end:
            if mapping:
                child = ends.get(child, child + 1)  # a key is not a value
            kind = kinds.get(child, PLAIN)
            if kind == ALIAS:
                target = self.table.targets[child]
                size += self._size(target) if kinds.get(target, PLAIN) > FOLDED else 1
            else:
                size += self._size(child) if kind > FOLDED else 1
            child = ends.get(child, child + 1)
        self.sizes[index] = size
        return size

    def _mark(self, index: int, start: Any, end: Any) -> None:
        """Keep the line and column of a position at the end of the text as libyaml reports it."""
        marks = self.table.marks
        if start.index >= self.length:
            marks[2 * index] = (start.line, start.column)
        marks[2 * index + 1] = (end.line, end.column)


def _sources(value: Any) -> list[dict[str, Any]]:
    """The mappings a '<<' value merges (a mapping, or a list of them)."""
    if value.__class__ is dict:
        return [value]
    if value.__class__ is list and all(item.__class__ is dict for item in value):
        return list(value)
    raise Unusual  # '<<' of a scalar: the composing loader words it


def table_from_tree(root: Node | None, length: int) -> NodeTable:
    """The flat position table of a composed node tree (the pure-Python path, and a file with a problem).

    A node met again (an alias) becomes an alias of its first place.
    """
    table = NodeTable()
    if root is None:
        return table
    first: dict[int, int] = {}
    ends: list[tuple[int, Node]] = []  # (number, node) of the open collections, innermost last
    pending: list[tuple[Node | None, bool]] = [(root, False)]
    while pending:
        node, closing = pending.pop()
        if closing:
            index, _ = ends.pop()
            table.ends.extend((index, len(table.kinds)))
            continue
        assert node is not None
        index = len(table.kinds)
        start, end = node.start_mark, node.end_mark
        table.offsets.append(start.index)
        table.offsets.append(end.index)
        if start.index >= length:
            table.marks[2 * index] = (start.line, start.column)
        if end.index >= length:
            table.marks[2 * index + 1] = (end.line, end.column)
        seen = first.get(id(node))
        if seen is not None:
            table.kinds.append(ALIAS)
            table.targets[index] = seen
            continue
        first[id(node)] = index
        if isinstance(node, ScalarNode):
            if node.tag != PLAIN_TAG:
                table.tagged.add(index)  # quoted, or a tag: a '<<' key that does not merge
            table.kinds.append(SCALAR_STYLES.get(node.style, PLAIN))
            if node.style or len(node.value) != end.index - start.index:
                table.texts[index] = node.value
            continue
        flow = bool(getattr(node, "flow_style", False))
        if isinstance(node, MappingNode):
            table.kinds.append(FLOW_MAP if flow else BLOCK_MAP)
            children = [child for pair in node.value for child in pair]
        else:
            assert isinstance(node, SequenceNode)
            table.kinds.append(FLOW_SEQ if flow else BLOCK_SEQ)
            children = list(node.value)
        ends.append((index, node))
        pending.append((None, True))
        pending.extend((child, False) for child in reversed(children))
    return table
