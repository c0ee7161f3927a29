"""libyaml's events as tuples: PyYAML's classes are swapped only for the pass, never beside another thread."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from orgmodel import yaml_tuples
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
def another_thread() -> Iterator[Callable[[Callable[[], Any]], Any]]:
    """A second Python thread, alive for the block; calling what it gives runs a function in that thread."""
    jobs: queue.Queue[Callable[[], Any] | None] = queue.Queue()
    answers: queue.Queue[Any] = queue.Queue()

    def serve() -> None:
        while (job := jobs.get()) is not None:
            answers.put(job())

    def run(job: Callable[[], Any]) -> Any:
        jobs.put(job)
        return answers.get(timeout=60)

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield run
    finally:
        jobs.put(None)
        thread.join()


def test_the_parser_itself_gives_tuples_while_the_pass_runs() -> None:
    parser = FastComposer(SAMPLE)
    with tuple_events(parser) as get:
        assert get == parser.get_event  # PyYAML made the tuples: nothing converts them
        found = drained(get)
    assert [shape(event) for event in found] == SHAPES


def test_another_threads_pyyaml_gets_its_event_objects_during_the_pass() -> None:
    parser = FastComposer(SAMPLE)
    with another_thread() as run, tuple_events(parser) as get:
        assert get == parser.get_event
        first = get()
        theirs = run(lambda: drained(FastComposer(SAMPLE).get_event))
        found = [first, *drained(get)]
    assert [shape(event) for event in found] == SHAPES
    assert [type(event).__name__ for event in theirs][:3] == [
        "StreamStartEvent",
        "DocumentStartEvent",
        "MappingStartEvent",
    ]
    assert all(isinstance(event, yaml.Event) for event in theirs)


def test_pyyamls_classes_are_back_after_the_pass_and_after_an_error() -> None:
    before = pyyaml_classes()
    with tuple_events(FastComposer(SAMPLE)) as get:
        drained(get)
    assert pyyaml_classes() == before
    with pytest.raises(yaml.YAMLError), tuple_events(FastComposer(b"a: [1\nb: 2\n")) as get:
        drained(get)
    assert pyyaml_classes() == before
    assert isinstance(FastComposer(SAMPLE).get_event(), yaml.StreamStartEvent)


def test_a_pass_that_finds_the_swap_taken_converts_pyyamls_events_to_the_same_tuples() -> None:
    with tuple_events(FastComposer(SAMPLE)) as get:
        swapped = drained(get)
    parser = FastComposer(SAMPLE)
    with yaml_tuples._SWAP_LOCK, tuple_events(parser) as get:  # another thread's pass holds the swap
        assert get != parser.get_event
        converted = drained(get)
    assert [shape(event) for event in converted] == SHAPES
    assert offsets(converted) == offsets(swapped)


ALONE = """
import sys, threading
sys.path.insert(0, {benchmarks!r})
from generate_model import generate
from orgmodel import yaml_tuples
from orgmodel.loader import load_bytes
from orgmodel.yaml_front import FastComposer
assert threading.active_count() == 1
parser = FastComposer(b"a: 1\\n")
with yaml_tuples.tuple_events(parser) as get:
    assert get == parser.get_event and get()[0] == yaml_tuples.OTHER  # the document starts
raw = generate(300, seed=3).encode()
fast = load_bytes("m.yaml", raw)
with yaml_tuples._SWAP_LOCK:  # the swap is taken: every event converted
    slow = load_bytes("m.yaml", raw)
assert fast.ok and fast.data == slow.data
one, other = fast.source.table, slow.source.table
assert (one.offsets, one.kinds, one.ends, one.texts) == (other.offsets, other.kinds, other.ends, other.texts)
print("same")
"""


def test_alone_in_a_fresh_process_a_model_loads_as_from_converted_events() -> None:
    code = ALONE.format(benchmarks=str(ROOT / "tests" / "benchmarks"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"


def test_beside_another_thread_a_model_loads_the_same() -> None:
    raw = (ROOT / "models" / "drammen-2020.yaml").read_bytes()
    with another_thread():
        threaded = load_bytes("m.yaml", raw)
    with yaml_tuples._SWAP_LOCK:  # the swap is taken: every event converted
        converted = load_bytes("m.yaml", raw)
    for doc in (threaded, converted):
        assert doc.ok
    assert same_data(threaded.data, converted.data)
    one, other = threaded.source.table, converted.source.table
    assert one is not None and other is not None
    assert (one.offsets, one.kinds, one.ends) == (other.offsets, other.kinds, other.ends)
    assert one.texts == other.texts
