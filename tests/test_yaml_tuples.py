"""libyaml's events as tuples: PyYAML's classes are swapped only for the pass, never beside another thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from orgmodel.fmt.guard import same_data
from orgmodel.loader import HAVE_LIBYAML, load_bytes
from orgmodel.yaml_front import FastComposer
from orgmodel.yaml_tuples import (
    ALIAS,
    COLLECTION_END,
    DOCUMENT_END,
    MAPPING_START,
    OTHER,
    SEQUENCE_START,
    STREAM_END,
    tuple_events,
)

pytestmark = pytest.mark.skipif(not HAVE_LIBYAML, reason="the tuples are libyaml's events")

ROOT = Path(__file__).parent.parent
SAMPLE = b"a: &x [1, 'b']\nc: *x\nd: {e: f}\n"
SHAPES = [
    (OTHER,),  # the document's start
    (MAPPING_START, None, None, True, False),
    (None, None, (True, False), "a", ""),
    (SEQUENCE_START, "x", None, True, True),
    (None, None, (True, False), "1", ""),
    (None, None, (False, True), "b", "'"),
    (COLLECTION_END,),
    (None, None, (True, False), "c", ""),
    (ALIAS, "x"),
    (None, None, (True, False), "d", ""),
    (MAPPING_START, None, None, True, True),
    (None, None, (True, False), "e", ""),
    (None, None, (True, False), "f", ""),
    (COLLECTION_END,),
    (COLLECTION_END,),
    (DOCUMENT_END, False),  # not explicit
    (STREAM_END,),
]


def pyyaml_classes() -> dict[str, Any]:
    from yaml import _yaml

    return {name: getattr(_yaml, name) for name in dir(_yaml) if name.endswith("Event")}


def drained(get: Callable[[], Any]) -> list[Any]:
    out = []
    while (event := get()) is not None:
        out.append(event)
    return out


def is_mark(value: Any) -> bool:
    return type(value).__name__ == "Mark"


def shape(event: tuple[Any, ...]) -> tuple[Any, ...]:
    """An event tuple without its marks (each is a new object), with the offsets they hold."""
    if len(event) == 7:
        return (*event[:4], event[6])
    kind, args = event
    if kind == OTHER:
        return (kind,)  # the document's start: version and tags, which the loader never reads
    return (kind, *(arg for arg in args if not is_mark(arg)))


def offsets(events: list[Any]) -> list[int]:
    """The start and end offsets of every event that has marks."""
    out = []
    for event in events:
        marks = event[4:6] if len(event) == 7 else [a for a in event[1] if is_mark(a)]
        out.extend(mark.index for mark in marks)
    return out


@contextmanager
def another_thread() -> Iterator[None]:
    """A second Python thread, alive for the block."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def test_the_parser_itself_gives_tuples_while_the_pass_runs() -> None:
    if threading.active_count() != 1:
        pytest.skip("another test left a thread running: the classes are rightly not swapped")
    parser = FastComposer(SAMPLE)
    with tuple_events(parser) as get:
        assert get == parser.get_event  # PyYAML made the tuples: nothing converts them
        found = drained(get)
    assert [shape(event) for event in found] == SHAPES


def test_pyyamls_classes_are_back_after_the_pass_and_after_an_error() -> None:
    before = pyyaml_classes()
    with tuple_events(FastComposer(SAMPLE)) as get:
        drained(get)
    assert pyyaml_classes() == before
    with pytest.raises(yaml.YAMLError), tuple_events(FastComposer(b"a: [1\nb: 2\n")) as get:
        drained(get)
    assert pyyaml_classes() == before
    assert isinstance(FastComposer(SAMPLE).get_event(), yaml.StreamStartEvent)


def test_beside_another_thread_pyyaml_is_untouched_and_the_events_converted_alike() -> None:
    with tuple_events(FastComposer(SAMPLE)) as get:
        alone = drained(get)
    parser = FastComposer(SAMPLE)
    with another_thread(), tuple_events(parser) as get:
        assert get != parser.get_event
        assert isinstance(FastComposer(SAMPLE).get_event(), yaml.StreamStartEvent)
        converted = drained(get)
    assert [shape(event) for event in converted] == SHAPES
    assert offsets(converted) == offsets(alone)


def test_beside_another_thread_a_model_loads_the_same() -> None:
    raw = (ROOT / "models" / "drammen-2020.yaml").read_bytes()
    with another_thread():
        threaded = load_bytes("m.yaml", raw)
    alone = load_bytes("m.yaml", raw)
    assert threaded.ok and alone.ok
    assert same_data(threaded.data, alone.data)
    one, other = threaded.source.table, alone.source.table
    assert one is not None and other is not None
    assert (one.offsets, one.kinds, one.ends) == (other.offsets, other.kinds, other.ends)
    assert one.texts == other.texts
