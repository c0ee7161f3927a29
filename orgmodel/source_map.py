"""Where every key and value of a loaded file is, in a few flat integer arrays.

The loader numbers the file's YAML values in document order (a mapping's
keys count too) and keeps, per value, where it starts and ends as character
offsets into the text, what kind of value it is, the next value after it
and its text. That is about 14 bytes a value where libyaml's node objects
with their two position marks cost some 400. Lines and columns are worked
out from an offset only when a diagnostic asks for one; this is the ONE
place that turns positions into 1-based line:col.

``SourceMap.lookup`` walks a data path such as ``("units", 12, "level")``
one mapping or list at a time and answers with small ``NodeView`` objects,
made on demand.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from orgmodel.lines import LINE_BREAK, ODD_BREAKS, as_is, recounted
from orgmodel.yaml_front import Span

# The kind of each value, one byte each: scalars by style, collections by flow or block, aliases.
PLAIN, SINGLE, DOUBLE, LITERAL, FOLDED = 0, 1, 2, 3, 4
BLOCK_SEQ, FLOW_SEQ, BLOCK_MAP, FLOW_MAP, ALIAS = 5, 6, 7, 8, 9
SCALAR_STYLES: dict[str | None, int] = {
    None: PLAIN,
    "": PLAIN,
    "'": SINGLE,
    '"': DOUBLE,
    "|": LITERAL,
    ">": FOLDED,
}
_STYLE_NAMES = {SINGLE: "'", DOUBLE: '"', LITERAL: "|", FOLDED: ">"}
_MAPS = (BLOCK_MAP, FLOW_MAP)
_SEQS = (BLOCK_SEQ, FLOW_SEQ)


@dataclass(eq=False)
class NodeTable:
    """The values of one file, numbered in document order.

    ``offsets`` holds two numbers per value (start and end, in characters);
    ``kinds`` one of the kind codes above; ``ends`` two numbers per
    collection: its own and that of the value that follows it and its
    contents (any other value is followed by the next number: ``after``
    gives every value's, built on first use); ``texts`` the text of a scalar
    whose text is not simply the source between its offsets (quoted, folded
    over lines, or behind an anchor or tag): most scalars are plain and one
    line long, and their text is read from the source when asked for. ``targets`` maps an
    alias to the value it names, ``tagged`` lists the values written with an
    explicit tag, and ``marks`` keeps, by its place in ``offsets``, the
    (0-based) line and column of a position at the end of the text, which
    libyaml may report elsewhere (its end of stream, past a last line without
    a line break, is on the line after).
    """

    offsets: array[int] = field(default_factory=lambda: array("I"))
    kinds: bytearray = field(default_factory=bytearray)
    ends: array[int] = field(default_factory=lambda: array("I"))
    texts: dict[int, str] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)
    tagged: set[int] = field(default_factory=set)
    marks: dict[int, tuple[int, int]] = field(default_factory=dict)
    _after: array[int] | None = field(default=None, repr=False)

    @property
    def after(self) -> array[int]:
        """The number of the value that follows each value and its contents (4 bytes a value).

        Only a diagnostic's position needs it: a clean check never builds it.
        """
        after = self._after
        if after is None or len(after) != len(self.kinds):
            after = self._after = array("I", range(1, len(self.kinds) + 1))
            ends = self.ends
            for number, end in zip(ends[::2], ends[1::2], strict=True):
                after[number] = end
        return after


class NodeView:
    """One value of the file as a diagnostic needs it: kind, style, text, span, children.

    An alias is seen as the value it names (as in libyaml's node tree).
    """

    __slots__ = ("_map", "_table", "index")

    def __init__(self, source: SourceMap, index: int) -> None:
        table = source.table
        assert table is not None
        while table.kinds[index] == ALIAS:
            index = table.targets[index]
        self._map = source
        self._table = table
        self.index = index

    @property
    def _kind(self) -> int:
        return self._table.kinds[self.index]

    @property
    def is_scalar(self) -> bool:
        """Text, a number, true/false or null."""
        return self._kind <= FOLDED

    @property
    def is_mapping(self) -> bool:
        """A mapping (block or flow)."""
        return self._kind in _MAPS

    @property
    def is_sequence(self) -> bool:
        """A list (block or flow)."""
        return self._kind in _SEQS

    @property
    def flow(self) -> bool:
        """A collection written in flow style (``[a, b]``, ``{a: 1}``)."""
        return self._kind in (FLOW_SEQ, FLOW_MAP)

    @property
    def style(self) -> str | None:
        """A scalar's quoting: None (plain), ``'``, ``"``, ``|`` or ``>``."""
        return _STYLE_NAMES.get(self._kind)

    @property
    def text(self) -> str | None:
        """A scalar's text as parsed (``0301`` for a number written so); None for a collection."""
        return self._map.text_at(self.index) if self.is_scalar else None

    @property
    def plain_key(self) -> bool:
        """A plain scalar without a tag (the only kind of ``<<`` that merges)."""
        return self._kind == PLAIN and self.index not in self._table.tagged

    @property
    def span(self) -> Span:
        """The 1-based span."""
        return self._map.span_at(self.index)

    def children(self) -> list[NodeView]:
        """A list's entries (a mapping's keys and values, alternating)."""
        source = self._map
        after = self._table.after
        end = after[self.index]
        found = []
        child = self.index + 1
        while child < end:
            found.append(NodeView(source, child))
            child = after[child]
        return found

    def items(self) -> list[tuple[NodeView, NodeView]]:
        """A mapping's (key, value) pairs in the order written."""
        flat = self.children()
        return list(zip(flat[::2], flat[1::2], strict=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NodeView) and other._map is self._map and other.index == self.index

    def __hash__(self) -> int:
        return hash((id(self._map), self.index))

    def __repr__(self) -> str:
        return f"NodeView({self.index}, {self.span})"


_INDEXED_FROM = 512  # table entries under a mapping from which its keys are indexed (about 100 keys)


class SourceMap:
    """Finds the value behind a data path like ``("units", 12, "level")``.

    Nothing is indexed ahead of time: a lookup walks one mapping or list per
    path element (a list's entries are counted once and kept, so looking up
    many units of one list costs one walk).
    """

    def __init__(self, text: str = "", table: NodeTable | None = None) -> None:
        self.text = text
        self.table = table if table is not None and table.kinds else None
        self._line_starts: array[int] | None = None
        # libyaml's line and column to the ones editors count (``recounted``), made on first use
        self._recount: Callable[[int, int], tuple[int, int]] | None = None
        self._entries: dict[int, array[int]] = {}
        # a large mapping's own keys by text, and its '<<' values (``_keys_of``): built on first lookup
        self._keys: dict[int, tuple[dict[str, tuple[int, int]], list[int]]] = {}

    @property
    def root(self) -> NodeView | None:
        """The document's top value (None for an empty or unreadable file)."""
        return NodeView(self, 0) if self.table is not None else None

    def lookup(self, path: tuple[Any, ...]) -> tuple[NodeView | None, NodeView | None]:
        """The (key, value) at ``path``; the nearest ancestor's when missing.

        For a path that does not exist (a missing key), the values of the
        deepest existing ancestor are returned, so a diagnostic still points
        at the mapping that lacks the key.
        """
        if self.table is None:
            return None, None
        key: int | None = None
        node = self._resolve(0)
        kinds = self.table.kinds
        for part in path:
            kind = kinds[node]
            if kind in _MAPS:
                found = self._find_key(node, str(part), set())
                if found is None:
                    break
                key, node = found[0], self._resolve(found[1])
            elif kind in _SEQS and isinstance(part, int):
                entries = self._entries_of(node)
                if not 0 <= part < len(entries):
                    break
                key, node = None, self._resolve(entries[part])
            else:
                break
        return (NodeView(self, key) if key is not None else None), NodeView(self, node)

    def local(self, path: tuple[Any, ...]) -> tuple[Any, ...]:
        """``path`` as written in the file that holds it (a merged model's part numbers its own entries)."""
        return path

    def span(self, path: tuple[Any, ...], *, key: bool = False) -> Span:
        """The span of the value at ``path`` (of its key with ``key=True``)."""
        key_node, value_node = self.lookup(path)
        node = key_node if key and key_node is not None else value_node
        if node is None:
            return Span(1, 1, 1, 1)
        return node.span

    def span_at(self, index: int) -> Span:
        """The 1-based span of value number ``index``."""
        assert self.table is not None
        line, col = self._line_col(2 * index)
        end_line, end_col = self._line_col(2 * index + 1)
        return Span(line + 1, col + 1, end_line + 1, end_col + 1)

    def text_at(self, index: int) -> str:
        """The text of scalar number ``index``."""
        assert self.table is not None
        text = self.table.texts.get(index)
        if text is None:
            offsets = self.table.offsets
            return self.text[offsets[2 * index] : offsets[2 * index + 1]]
        return text

    def _line_col(self, slot: int) -> tuple[int, int]:
        """The 0-based line and column of the offset in ``slot``."""
        assert self.table is not None
        mark = self.table.marks.get(slot)
        if mark is not None:  # at or past the end of the text: libyaml's line and column
            if self._recount is None:
                self._recount = recounted(self.text) if ODD_BREAKS.search(self.text) else as_is
            line, col = self._recount(mark[0] + 1, mark[1] + 1)
            return line - 1, col - 1
        offset = self.table.offsets[slot]
        starts = self._line_starts
        if starts is None:
            # 4 bytes a line (a list of ints cost 36: 50 MiB at 100,000 units)
            starts = self._line_starts = array("I", [0])
            starts.extend(m.end() for m in LINE_BREAK.finditer(self.text))
        line = bisect.bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    def _resolve(self, index: int) -> int:
        assert self.table is not None
        while self.table.kinds[index] == ALIAS:
            index = self.table.targets[index]
        return index

    def _entries_of(self, node: int) -> array[int]:
        entries = self._entries.get(node)
        if entries is None:
            assert self.table is not None
            after = self.table.after
            entries = array("I")
            child, end = node + 1, after[node]
            while child < end:
                entries.append(child)
                child = after[child]
            self._entries[node] = entries
        return entries

    def _find_key(self, node: int, text: str, seen: set[int]) -> tuple[int, int] | None:
        """(key, value) numbers of ``text`` in mapping ``node``; its '<<' merges searched after its keys."""
        assert self.table is not None
        kinds = self.table.kinds
        seen.add(node)
        merged: list[int] = []
        if self.table.after[node] - node > _INDEXED_FROM:  # a large mapping: its keys by text, once
            own, merged = self._keys_of(node)
            if text in own:
                return own[text]
        else:
            for written, child, value in self._scan(node):
                if written is None:
                    merged.append(value)
                elif written == text:
                    return child, value
        for value in merged:
            value = self._resolve(value)
            sources = self._entries_of(value) if kinds[value] in _SEQS else array("I", [value])
            for source in sources:
                source = self._resolve(source)
                if kinds[source] in _MAPS and source not in seen:
                    found = self._find_key(source, text, seen)
                    if found is not None:
                        return found
        return None

    def _scan(self, node: int) -> Iterator[tuple[str | None, int, int]]:
        """Mapping ``node``'s entries in order: (key text, key, value); text None for a '<<' merge."""
        assert self.table is not None
        table = self.table
        after, kinds, text_at = table.after, table.kinds, self.text_at
        child, end = node + 1, after[node]
        while child < end:
            value = after[child]
            if kinds[child] <= FOLDED:
                written = text_at(child)
                merge = written == "<<" and kinds[child] == PLAIN and child not in table.tagged
                yield (None if merge else written), child, value
            child = after[value]

    def _keys_of(self, node: int) -> tuple[dict[str, tuple[int, int]], list[int]]:
        """Mapping ``node``'s own keys by text (the first of a duplicate) and its '<<' values."""
        found = self._keys.get(node)
        if found is None:
            own: dict[str, tuple[int, int]] = {}
            merged: list[int] = []
            for written, child, value in self._scan(node):
                if written is None:
                    merged.append(value)
                else:
                    own.setdefault(written, (child, value))
            found = self._keys[node] = (own, merged)
        return found[0], list(found[1])

    def starts(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(1-based line, data path) of every key and value, each aliased collection walked once.

        A key's path is its value's path; a non-scalar key stands for itself by its number.
        """
        if self.table is None:
            return
        seen: set[int] = set()
        pending: list[tuple[int, tuple[Any, ...]]] = [(self._resolve(0), ())]
        while pending:
            index, path = pending.pop()
            view = NodeView(self, index)
            yield view.span.line, path
            if index in seen or view.is_scalar:
                continue
            seen.add(index)
            if view.is_mapping:
                for key, value in view.items():
                    name = key.text if key.is_scalar else ("?", key.index)
                    yield key.span.line, (*path, name)
                    pending.append((value.index, (*path, name)))
            else:
                pending.extend((item.index, (*path, i)) for i, item in enumerate(view.children()))
