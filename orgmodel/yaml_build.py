"""From libyaml's node tree to plain dicts, lists and scalars, with every problem as a diagnostic.

Collections are built once however often they are aliased; tags outside the
core schema, duplicate keys (merge keys too) and alias bombs are reported.
``orgmodel.loader`` drives it.
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from orgmodel.bounds import clip_text
from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.yaml_front import (
    ALLOWED_TAGS,
    BOOL_TAG,
    CORE,
    FLOAT_TAG,
    INT_TAG,
    NULL_TAG,
    PLAIN,
    STR_TAG,
    error_at,
    resolve_plain,
    span_of,
)

# Aliases may share a subtree, but an "alias bomb" expands a few lines into
# billions of values; expansion beyond this many extra values is refused.
MAX_ALIAS_EXPANSION = 200_000
MAX_DEPTH = 900


class Stop(Exception):
    """Aborts building: the document cannot be turned into data."""


class Builder:
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
        """Report an error at ``node``."""
        self.diagnostics.append(error_at(self.path, span_of(node), code, name, message, hint))

    def build(self, node: Node, depth: int = 0) -> tuple[Any, int]:
        """Return (value, number of values in it); aliased collections are built once."""
        if depth > MAX_DEPTH:
            self.error(node, "OM001", "yaml-syntax", _("nesting deeper than {n} levels").format(n=MAX_DEPTH))
            raise Stop
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
                    _(
                        "aliases expand this file to more than {n} values "
                        "(an 'alias bomb'); write the repeated parts out or use fewer aliases"
                    ).format(n=f"{MAX_ALIAS_EXPANSION:,}"),
                )
                raise Stop
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
        """Report a tag outside the core schema and stop."""
        self.error(
            node,
            "OM003",
            "forbidden-tag",
            _(
                "the tag '{tag}' is not allowed: a model holds plain "
                "text, numbers, true/false, lists and mappings only"
            ).format(tag=clip_text(node.tag.replace(CORE, "!!"))),
            hint=_("remove the tag; orgmodel never constructs objects from tags"),
        )
        raise Stop

    def scalar(self, node: ScalarNode) -> Any:
        """The value of a scalar node (a core-schema tag is honoured)."""
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
        shown = clip_text(tag.replace(CORE, "!!"))
        message = _("'{value}' is not a valid {tag} value").format(value=clip_text(value), tag=shown)
        self.error(node, "OM001", "yaml-syntax", message)
        raise Stop

    def mapping(self, node: MappingNode, depth: int) -> tuple[dict[str, Any], int]:
        """A mapping's dict (merge keys applied) and its number of values."""
        result: dict[str, Any] = {}
        size = 1
        merge: Node | None = None  # one '<<' per mapping: a second is a duplicate key
        inline = depth < MAX_DEPTH
        intern = sys.intern
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.error(
                    key_node,
                    "OM001",
                    "yaml-syntax",
                    _("a mapping key must be a plain name, not a list or mapping"),
                )
                raise Stop
            key_tag = key_node.tag
            if key_tag != PLAIN and key_tag != STR_TAG:
                self.build(key_node, depth + 1)  # reports the forbidden tag
            # 100,000 units repeat the same few keys: one string each saves 49 MB
            key = key_node.value = intern(key_node.value)
            is_merge = key == "<<" and key_tag == PLAIN
            if is_merge and merge is None:
                merge = value_node
                continue
            if key in result or is_merge:
                self._duplicate(node, key_node, key, is_merge)
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
        if merge is not None:
            size += self._merge(merge, result, depth)
        return result, size

    def _duplicate(self, node: MappingNode, key_node: Node, key: str, is_merge: bool) -> None:
        """OM002 at a key the mapping already has (a second '<<' too), naming the line of the first."""
        first_key = next(
            k for k, _ in node.value if k.value == key and (k.tag == PLAIN and key == "<<") == is_merge
        )
        first = first_key.start_mark.line + 1
        hint = _("remove or merge one of them: YAML tools disagree on which one wins")
        if is_merge:
            hint = _("merge all of them with one key: '<<: [*first, *second]'")
        message = _("the key '{key}' appears twice in this mapping (first on line {line})").format(
            key=clip_text(key), line=first
        )
        self.error(key_node, "OM002", "duplicate-key", message, hint)

    def _merge(self, merge: Node, result: dict[str, Any], depth: int) -> int:
        """Apply a '<<' value (a mapping or a list of them) under the keys ``result`` lacks; its size."""
        if merge.tag not in ALLOWED_TAGS:
            self.forbidden(merge)  # a tagged list of merge sources is never built as a whole
        sources = merge.value if isinstance(merge, SequenceNode) else [merge]
        size = 0
        for source in sources:
            value, n = self.build(source, depth + 1)
            if not isinstance(value, dict):
                self.error(source, "OM001", "yaml-syntax", "'<<' merges mappings only")
                raise Stop
            for k, v in value.items():
                result.setdefault(k, v)
            size += n
        return size
