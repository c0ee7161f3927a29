"""libyaml's parse events as plain tuples: most of what an event costs is the object PyYAML makes of it.

PyYAML's C parser (``yaml._yaml.CParser``) makes each event by calling the
event class it finds among its module's globals, such as
``ScalarEvent(anchor, tag, implicit, value, start_mark, end_mark, style)``:
a Python class whose ``__init__`` stores seven attributes. For the single
pass of ``orgmodel.yaml_events`` those classes are swapped, while the pass
runs, for functions that keep the arguments as they come: a scalar is the
tuple of its seven arguments, any other event ``(kind, arguments)`` with a
kind below. At 10,000 units the events cost 72 ms of CPU instead of 102
(issue 16: the Python work per event as small as possible).

The swap is made only while this is the one Python thread (another thread
using PyYAML would be given tuples), under a lock, and undone when the pass
ends, whatever happens. Where it is not made, or PyYAML does not look its
classes up (the stream's first event is no tuple), each event object is
converted to the same tuple: slower, never different.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from yaml import events

_yaml: Any
try:  # pragma: no cover - which branch runs depends on the machine
    from yaml import _yaml
except ImportError:  # pragma: no cover
    _yaml = None

# The kinds of the events that are not scalars (a scalar is a tuple of 7); the two starts come first.
SCALAR_LENGTH = 7
MAPPING_START, SEQUENCE_START, COLLECTION_END, ALIAS, DOCUMENT_END, STREAM_END, OTHER = range(7)
_KINDS: dict[type[events.Event], int] = {
    events.MappingStartEvent: MAPPING_START,
    events.SequenceStartEvent: SEQUENCE_START,
    events.MappingEndEvent: COLLECTION_END,
    events.SequenceEndEvent: COLLECTION_END,
    events.AliasEvent: ALIAS,
    events.DocumentEndEvent: DOCUMENT_END,
    events.StreamEndEvent: STREAM_END,
    events.StreamStartEvent: OTHER,
    events.DocumentStartEvent: OTHER,
}
_SWAP_LOCK = threading.Lock()


def _scalar(*args: Any) -> tuple[Any, ...]:
    return args


def _tagged(kind: int) -> Callable[..., tuple[int, tuple[Any, ...]]]:
    def make(*args: Any) -> tuple[int, tuple[Any, ...]]:
        return kind, args

    return make


_SWAPS: dict[str, Callable[..., Any]] = {"ScalarEvent": _scalar} | {
    cls.__name__: _tagged(kind) for cls, kind in _KINDS.items()
}


@contextmanager
def tuple_events(parser: Any) -> Iterator[Callable[[], Any]]:
    """A function giving ``parser``'s events after the stream's start, each as a tuple (None at the end).

    A scalar: ``(anchor, tag, implicit, value, start_mark, end_mark, style)``;
    a collection's start: ``(kind, (anchor, tag, implicit, start_mark,
    end_mark, flow_style))``; a collection's end: ``(COLLECTION_END,
    (start_mark, end_mark))``; an alias: ``(ALIAS, (anchor, start_mark,
    end_mark))``; the document's and the stream's end: ``(kind, ...)``.
    """
    saved = _swap()
    try:
        first = parser.get_event()  # the stream's start
        yield parser.get_event if first.__class__ is tuple else _converted(parser.get_event)
    finally:
        if saved is not None:
            for name, cls in saved.items():
                setattr(_yaml, name, cls)
            _SWAP_LOCK.release()


def _swap() -> dict[str, Any] | None:
    """PyYAML's event classes swapped for tuple makers; the classes, to put back (None: not swapped)."""
    if _yaml is None or threading.active_count() != 1 or not _SWAP_LOCK.acquire(blocking=False):
        return None
    saved = {name: getattr(_yaml, name, None) for name in _SWAPS}
    if any(cls is None for cls in saved.values()):  # pragma: no cover - another PyYAML
        _SWAP_LOCK.release()
        return None
    for name, swap in _SWAPS.items():
        setattr(_yaml, name, swap)
    return saved


def _converted(get: Callable[[], Any]) -> Callable[[], Any]:
    """``get``'s event objects as the tuples ``tuple_events`` describes."""

    def next_event() -> Any:
        event = get()
        if event is None:
            return None
        if event.__class__ is events.ScalarEvent:
            return (
                event.anchor,
                event.tag,
                event.implicit,
                event.value,
                event.start_mark,
                event.end_mark,
                event.style,
            )
        kind = _KINDS[event.__class__]
        start, end = event.start_mark, event.end_mark
        if kind in (MAPPING_START, SEQUENCE_START):
            return kind, (event.anchor, event.tag, event.implicit, start, end, event.flow_style)
        if kind == ALIAS:
            return kind, (event.anchor, start, end)
        if kind == DOCUMENT_END:
            return kind, (start, end, event.explicit)
        return kind, (start, end)  # a collection's or the stream's end (and a start the loader never reads)

    return next_event
