"""libyaml's parse events as plain tuples: most of what an event costs is the object PyYAML makes of it.

PyYAML's C parser (``yaml._yaml.CParser``) makes each event by calling the
event class it finds among its module's globals, such as
``ScalarEvent(anchor, tag, implicit, value, start_mark, end_mark, style)``:
a Python class whose ``__init__`` stores seven attributes. For the single
pass of ``orgmodel.yaml_events`` those classes are swapped, while the pass
runs, for functions that keep the arguments as they come: a scalar is the
tuple of its seven arguments, any other event ``(kind, arguments)`` with a
kind below. At 10,000 units the events cost 67 ms of CPU instead of 96
(issue 16: the Python work per event as small as possible).

The swap is undone when the pass ends, whatever happens, and one pass at a
time makes it (a lock). While this is the one Python thread the functions
keep every event; beside other threads (an application's, asyncio's) they
keep only the events of the thread that swapped and make the others their
PyYAML class, as before (78 ms instead of 67). A pass that finds the swap
taken, or a PyYAML that does not look its classes up (the stream's first
event is no tuple), converts each event object to the same tuple: slower,
never different.
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


_ALONE: dict[str, Callable[..., Any]] = {"ScalarEvent": _scalar} | {
    cls.__name__: _tagged(kind) for cls, kind in _KINDS.items()
}


def _beside_threads(classes: dict[str, Any]) -> dict[str, Callable[..., Any]]:
    """The swaps for a process with other threads: tuples for this thread only, event objects for theirs."""
    owner, ident = threading.get_ident(), threading.get_ident

    def guarded(name: str) -> Callable[..., Any]:
        mine, theirs = _ALONE[name], classes[name]

        def make(*args: Any) -> Any:
            return mine(*args) if ident() == owner else theirs(*args)

        return make

    scalar = classes["ScalarEvent"]

    def make_scalar(*args: Any) -> Any:
        return args if ident() == owner else scalar(*args)

    return {name: guarded(name) for name in _ALONE} | {"ScalarEvent": make_scalar}


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
    if _yaml is None or not _SWAP_LOCK.acquire(blocking=False):
        return None
    saved = {name: getattr(_yaml, name, None) for name in _ALONE}
    if any(cls is None for cls in saved.values()):  # pragma: no cover - another PyYAML
        _SWAP_LOCK.release()
        return None
    swaps = _ALONE if threading.active_count() == 1 else _beside_threads(saved)
    for name, swap in swaps.items():
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
