"""Safe YAML loading at C speed that keeps every node's position.

libyaml (through PyYAML's ``CParser``, driven by ``orgmodel.yaml_front``)
composes the node tree; this module builds the plain data from it and keeps
the tree as the position index, so a position is looked up only when a
diagnostic needs one. ``yaml_front.span_of`` is the ONE place that turns
libyaml's 0-based marks into 1-based line:col.

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
from orgmodel.yaml_front import (
    ALLOWED_TAGS,
    BOOL_TAG,
    CORE,
    FLOAT_TAG,
    INT_TAG,
    LIBYAML_MAX_NESTING,
    NULL_TAG,
    PLAIN,
    STR_TAG,
    FastComposer,
    SlowComposer,
    control_character,
    decode,
    error_at,
    one_line,
    span_of,
    syntax_diagnostic,
)
from orgmodel.yaml_front import (
    HAVE_LIBYAML as HAVE_LIBYAML,
)
from orgmodel.yaml_front import (
    Span as Span,
)
from orgmodel.yaml_front import (
    resolve_plain as resolve_plain,
)

# Aliases may share a subtree, but an "alias bomb" expands a few lines into
# billions of values; expansion beyond this many extra values is refused.
MAX_ALIAS_EXPANSION = 200_000
MAX_DEPTH = 900


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
        self.diagnostics.append(error_at(self.path, span_of(node), code, name, message, hint))

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
        if node.tag not in ALLOWED_TAGS:
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
            f"the tag '{node.tag.replace(CORE, '!!')}' is not allowed: a model holds plain "
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
        if tag not in ALLOWED_TAGS:
            self.forbidden(node)
        resolved = resolve_plain(value) if value else None
        if tag == INT_TAG and isinstance(resolved, int) and not isinstance(resolved, bool):
            return resolved
        if tag == FLOAT_TAG and isinstance(resolved, int | float) and not isinstance(resolved, bool):
            return float(resolved)
        if (tag == BOOL_TAG and isinstance(resolved, bool)) or (tag == NULL_TAG and resolved is None):
            return resolved
        self.error(node, "OM001", "yaml-syntax", f"'{value}' is not a valid {tag.replace(CORE, '!!')} value")
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
            if merge.tag not in ALLOWED_TAGS:
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


def load_bytes(path: str, raw: bytes, *, pure: bool = False) -> Document:
    """Load one YAML document from bytes; problems become diagnostics."""
    text, body, problem = decode(path, raw)
    if problem is not None or text is None:
        return Document(path=path, text=text or "", diagnostics=[problem] if problem else [])
    doc = Document(path=path, text=text)
    control = control_character(path, body)
    if control is not None:
        doc.diagnostics.append(control)
        return doc
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the tree is acyclic; collecting while building costs 60-75% of load time
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, LIBYAML_MAX_NESTING * 4 + 200))
    try:
        composer: Any = SlowComposer(text) if pure or not HAVE_LIBYAML else FastComposer(body)
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        doc.diagnostics.append(syntax_diagnostic(path, exc, text))
        return doc
    except yaml.YAMLError as exc:
        doc.diagnostics.append(error_at(path, Span(1, 1, 1, 1), "OM001", "yaml-syntax", one_line(str(exc))))
        return doc
    except RecursionError:
        doc.diagnostics.append(
            error_at(path, Span(1, 1, 1, 1), "OM001", "yaml-syntax", "exceeded maximum nesting depth")
        )
        return doc
    finally:
        sys.setrecursionlimit(limit)
        if gc_was_enabled:
            gc.enable()
    doc.source = SourceMap(root)
    if root is None:
        doc.diagnostics.append(
            error_at(
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
