"""The canonical key order of a model file, and a reorder that takes every comment along.

ruamel.yaml keeps a comment in a token attached to the key *before* it: the
end-of-line comment of ``level: 3`` and the comment lines below it (up to the
next key) are one token on ``level``. Moving keys as they are would move those
comment lines with the wrong key, and a suppression (``# orgmodel:
ignore[level-skip] ...`` on the line above ``level:``) would end up above
another key. So a reorder first splits every token into the end-of-line part,
which stays with its key, and the lines that follow, which belong to the *next*
key (or, after the last key, to whatever follows the mapping), and then joins
them again in the new order.
"""

from __future__ import annotations

import re
from typing import Any

from orgmodel.parts import PART_KEY, PART_OF
from orgmodel.schema import ITEM_MODELS, OrgModel, Unit

_TRAILING_BLANKS = re.compile(r"(?:\n[ \t]*)+\Z")

# Units: what a unit is (id, name, kind, level, parent: issue 13), then the other keys in the order
# the schema declares them and docs/model-format.md documents them (functional, leader, staff,
# budget, decides, kommunedeler, sites, delivers, role, supervises, pilot, description).
_UNIT_HEAD = ("id", "name", "kind", "level", "parent")
UNIT_ORDER = _UNIT_HEAD + tuple(key for key in Unit.model_fields if key not in _UNIT_HEAD)

# The other collections and the top level: the order the schema declares (and the shipped models use);
# a part of a model split across files (orgmodel.parts) starts with its two keys.
TOP_ORDER = (PART_KEY, PART_OF, *OrgModel.model_fields)
COLLECTION_ORDER = {name: tuple(model.model_fields) for name, model in ITEM_MODELS.items() if name != "units"}
COLLECTION_ORDER["units"] = UNIT_ORDER


def canonical(keys: list[Any], order: tuple[str, ...]) -> list[Any]:
    """``keys`` in ``order``; a key ``order`` does not name keeps its place after those it does."""
    rank = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda key: (rank.get(key, len(order)), keys.index(key)))


def reorder_model(root: Any) -> None:
    """Put the top-level keys and the keys of every entry of every collection in canonical order."""
    _reorder(root, TOP_ORDER)
    for name, order in COLLECTION_ORDER.items():
        entries = root.get(name)
        if isinstance(entries, list):
            for entry in entries:
                if isinstance(entry, dict):
                    _reorder(entry, order)


def trim_end(root: Any) -> None:
    """End the file with exactly one line break: drop the blank lines after its last line.

    They are the end of the comment token of the last key's value (whatever
    key is last after the reorder); a comment line there stays. A block
    scalar that keeps its final line breaks (``|+``) holds them in its value,
    not in a comment, and keeps them.
    """
    if not (_is_block(root) and isinstance(root, dict) and len(root)):
        return
    _end_to_last_entry(root)
    slot = _slot(root, list(root)[-1])
    eol, after = _split(_text(slot))
    trimmed = _TRAILING_BLANKS.sub("\n", after) if after.strip() else ""
    if trimmed != after:
        _store(slot, eol, trimmed)


def _reorder(mapping: Any, order: tuple[str, ...]) -> None:
    keys = list(mapping)
    wanted = canonical(keys, order)
    if wanted == keys or not hasattr(mapping, "ca"):
        return
    if mapping.fa.flow_style():
        if not mapping.ca.items:  # a comment inside a flow mapping: keep the writer's order
            _set_order(mapping, wanted)
        return
    _end_to_last_entry(mapping)  # the lines after the last key belong to it, as after any other key
    slots = [_slot(mapping, key) for key in keys]
    texts = [_text(slot) for slot in slots]
    ends = [_split(text) for text in texts]
    eol = {key: end for key, (end, _) in zip(keys, ends, strict=True)}
    before = {keys[i + 1]: ends[i][1] for i in range(len(keys) - 1)}
    tail = ends[-1][1]
    if before.get(wanted[0]):
        return  # comment lines above a key that would become the first: keep the writer's order
    tokens = {key: slot for key, slot in zip(keys, slots, strict=True)}
    for index, key in enumerate(wanted):
        follow = before.get(wanted[index + 1], "") if index + 1 < len(wanted) else tail
        _store(tokens[key], eol[key], follow)
    _set_order(mapping, wanted)


def _set_order(mapping: Any, wanted: list[Any]) -> None:
    for key in wanted:
        mapping.move_to_end(key)


# A slot is (list of comment tokens, index): where the comment after a value lives.
Slot = tuple[list[Any], int]


def _slot(mapping: Any, key: Any) -> Slot:
    """Where the comment that follows ``mapping[key]`` is kept (inside its last item for a block list)."""
    return _inner_slot(mapping[key]) or (_entry(mapping.ca.items, key, 4), 2)


def _item_slot(sequence: Any, index: int) -> Slot:
    return _inner_slot(sequence[index]) or (_entry(sequence.ca.items, index, 4), 0)


def _inner_slot(value: Any) -> Slot | None:
    """The slot of a non-empty block value's last entry, where a comment after the value lives."""
    if not (_is_block(value) and len(value)):
        return None
    _end_to_last_entry(value)
    if isinstance(value, dict):
        return _slot(value, list(value)[-1])
    return _item_slot(value, len(value) - 1)


def _end_to_last_entry(value: Any) -> None:
    """Move the comment and blank lines after a block collection into its last entry's slot.

    After a last entry with no end-of-line comment at its very end (a flow item
    ``- {id: a, ...}``, a block item whose last value is a flow list,
    ``services: [revisjon]``, a top-level key with a flow value), ruamel.yaml
    keeps the lines that follow the collection in its ``ca.end``, one token
    per line, each with its column; everywhere else they are the text after
    the line break of the last entry's token. Kept apart, they would stay
    behind when the key below them moves: the blank line above a moved
    ``personas:`` stayed at the end of the file, and the section was glued to
    the list above it (tour K).
    """
    end = getattr(value.ca, "end", None)
    if not end:
        return
    lines = "".join(" " * t.column + t.value if t.value.startswith("#") else t.value for t in end)
    value.ca.end = []
    if isinstance(value, dict):
        slot = _slot(value, list(value)[-1])
    else:
        slot = _inner_slot(value[-1]) or (_entry(value.ca.items, len(value) - 1, 4), 0)
    eol, after = _split(_text(slot))
    _store(slot, eol, after + lines)


def _entry(items: dict[Any, list[Any]], key: Any, size: int) -> list[Any]:
    if key not in items:
        items[key] = [None] * size
    return items[key]


def _is_block(value: Any) -> bool:
    return hasattr(value, "fa") and not value.fa.flow_style()


def _text(slot: Slot) -> str:
    token = slot[0][slot[1]]
    return "" if token is None else str(token.value)


def _split(text: str) -> tuple[str, str]:
    """A token's text as (end of the value's line, the lines after it)."""
    if not text:
        return "", ""
    cut = text.find("\n")
    if cut < 0:
        return text, ""
    return text[: cut + 1], text[cut + 1 :]


def _store(slot: Slot, end: str, follow: str) -> None:
    tokens, index = slot
    # the end of the value's line (a bare line break is none), then the lines below it
    text = (end or "\n") + follow if follow else end if end.strip() else ""
    token = tokens[index]
    if not text:
        tokens[index] = None
    elif token is None:
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        tokens[index] = CommentToken(text, CommentMark(0), None)
    else:
        token.value = text
