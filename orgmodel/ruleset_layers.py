"""How ruleset layers combine: values merged deeply, and where each value was set.

Every layer merges over the rule's defaults and the layers before it
(``extends``); the origin of each value (the ruleset file and its
``rules.NAME`` path) is kept, so a rule can report a value that the model
shows to be wrong at its line in the ruleset (``Context.setting``).
"""

from __future__ import annotations

from typing import Any

from orgmodel.loader import Document

Origin = tuple[Document, tuple[Any, ...]]


def record_origins(
    origins: dict[tuple[Any, ...], Origin],
    layer: dict[str, Any],
    prefix: tuple[Any, ...],
    origin: Origin,
) -> None:
    """Note that this layer set each of its values (a mapping key by key, as it is merged)."""
    for name, value in layer.items():
        path = (*prefix, name)
        for stale in [p for p in origins if len(p) > len(path) and p[: len(path)] == path]:
            if not isinstance(value, dict):
                del origins[stale]  # a value replacing a mapping: nothing below it stays
        origins[path] = origin
        if isinstance(value, dict):
            record_origins(origins, value, path, origin)


def deep_merge(base: dict[str, Any], layer: dict[str, Any]) -> dict[str, Any]:
    """``layer`` over ``base``: nested mappings merge key by key; anything else is replaced."""
    out = dict(base)
    for key, value in layer.items():
        old = out.get(key)
        out[key] = deep_merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return out
