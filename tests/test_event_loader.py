"""The event-stream loader gives the same data, positions and diagnostics as composing a node tree.

The oracle is the loader before the event stream: libyaml composes the node
tree (``FastComposer``), ``yaml_build.Builder`` builds the data, and every
key's and value's span is ``yaml_front.span_of`` of its node. The event
loader must agree on every fixture, shipped model, ruleset, corpus model,
generated benchmark model and a hypothesis sample (anchors, aliases, merges,
every scalar style, CR LF, no final line break, non-ASCII text).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

import orgmodel.loader as loader
from orgmodel.fmt.guard import same_data
from orgmodel.lines import ODD_BREAKS, recounted
from orgmodel.loader import HAVE_LIBYAML, Document, load_bytes
from orgmodel.yaml_build import Builder
from orgmodel.yaml_front import FastComposer, Span, span_of

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

from generate_model import generate  # noqa: E402

pytestmark = pytest.mark.skipif(not HAVE_LIBYAML, reason="the event stream is libyaml's")

FILES = sorted(
    [
        *(ROOT / "tests" / "fixtures").rglob("*.yaml"),
        *(ROOT / "tests" / "fixtures").rglob("*.yml"),
        *(ROOT / "tests" / "corpus").glob("*.yaml"),
        *(ROOT / "models").glob("*.yaml"),
        *(ROOT / "rules").glob("*.yaml"),
    ]
)


def composed(raw: bytes) -> Document:
    """The file loaded by composing the node tree (the loader's other road)."""
    saved = loader._stream
    loader._stream = lambda *_args: False
    try:
        return load_bytes("m.yaml", raw)
    finally:
        loader._stream = saved


def road(raw: bytes) -> tuple[Document, list[bool]]:
    """The file loaded, and whether the event stream took it (one entry per attempt)."""
    taken: list[bool] = []
    saved = loader._stream

    def stream(*args: Any) -> bool:
        taken.append(saved(*args))
        return taken[-1]

    loader._stream = stream
    try:
        return load_bytes("m.yaml", raw), taken
    finally:
        loader._stream = saved


def streamed(raw: bytes) -> Document:
    """The file loaded from the event stream, failing the test if it took the other road."""
    doc, taken = road(raw)
    assert taken == [True], "the event stream did not take this file"
    return doc


def spans(root: Node) -> Iterator[tuple[tuple[Any, ...], Span, Span | None, str | None]]:
    """(path, value span, key span, scalar text) of every value, as the old SourceMap found them."""
    seen: set[int] = set()
    pending: list[tuple[Node, tuple[Any, ...], Span | None]] = [(root, (), None)]
    while pending:
        node, path, key = pending.pop()
        yield path, span_of(node), key, node.value if isinstance(node, ScalarNode) else None
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            names: set[str] = set()
            for key_node, value in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value not in names | {"<<"}:
                    names.add(key_node.value)
                    pending.append((value, (*path, key_node.value), span_of(key_node)))
        elif isinstance(node, SequenceNode):
            pending.extend((item, (*path, i), None) for i, item in enumerate(node.value))


def assert_same(raw: bytes) -> Document:
    """The event loader agrees with composing on data, diagnostics and every key's and value's span."""
    new, old = load_bytes("m.yaml", raw), composed(raw)
    assert [d.to_dict() for d in new.diagnostics] == [d.to_dict() for d in old.diagnostics]
    assert same_data(new.data, old.data)
    text = new.text
    root = FastComposer(text.encode("utf-8")).get_single_node() if new.ok else None
    # libyaml's marks count NEL, LS and PS as line breaks; orgmodel's spans count lines as editors do
    ours = recounted(text) if ODD_BREAKS.search(text) else None

    def counted(span: Span | None) -> Span | None:
        if span is None or ours is None:
            return span
        return Span(*ours(span.line, span.col), *ours(span.end_line, span.end_col))

    if root is not None:
        assert same_data(Builder("m.yaml").build(root)[0], new.data)
        for path, value, key, written in spans(root):
            assert new.source.span(path) == counted(value), path
            assert old.source.span(path) == counted(value), path
            if key is not None:
                assert new.source.span(path, key=True) == counted(key), path
            node = new.source.lookup(path)[1]
            assert node is not None and node.text == written, path
    return new


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fixture_model_and_ruleset_loads_the_same(path: Path) -> None:
    assert_same(path.read_bytes())


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_model_loads_the_same_from_the_event_stream(seed: int) -> None:
    raw = generate(400, seed=seed).encode("utf-8")
    doc = streamed(raw)
    assert doc.ok
    assert_same(raw)


def test_the_shipped_models_take_the_event_stream() -> None:
    for path in sorted((ROOT / "models").glob("*.yaml")):
        assert streamed(path.read_bytes()).ok, path


CASES = {
    "merge of an alias": b"base: &b {x: 1, y: 2}\nu:\n  <<: *b\n  y: 3\n",
    "merge of a list": b"a: &a {x: 1}\nb: &b {y: 2, x: 9}\nu:\n  <<: [*a, *b]\n  z: 3\n",
    "inline merge": b"u:\n  z: 0\n  <<: {x: 1, z: 5}\n",
    "anchored scalar and key": b"&k key: &v 0301\nb: *v\nc: *k\n",
    "every scalar style": b"a: 'x'\nb: \"y\\u00e6\"\nc: |\n  lit\nd: >-\n  fold\n  ed\ne: plain\n  more\n",
    "no final line break": b"a: [1, 2]\nb:\n  c: d",
    "an empty value at the end": b"a: 1\nb:",
    "a list at the end": b"a:\n- 1\n- 2",
    "CR LF": b"a: 1\r\nb:\r\n  - x\r\n  - {y: 2}\r\n",
    "non-ASCII": 'navn: Bærum 😀\nsted: [Ås, "Øvre"]\n'.encode(),
    "other line breaks": 'a: "x\u2028  y"\nb: 1 # c\u2028c: |\n  x\u2029  y\rd: [1,\x85 2]\n'.encode(),
    "a root scalar": b"just text\n",
    "a root list": b"- 1\n- [2, 3]\n",
    "explicit document": b"%YAML 1.2\n---\na: 1\n...\n",
    "YAML 1.2 scalars": b"a: no\nb: on\nc: 0o17\nd: 0x1F\ne: .inf\nf: -.Inf\ng: ~\nh: 1_000\ni: 2026-01-01\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unusual_but_valid_yaml_loads_the_same_from_the_event_stream(name: str) -> None:
    streamed(CASES[name])
    assert_same(CASES[name])


def test_a_merge_key_is_looked_up_through_its_sources() -> None:
    doc = streamed(CASES["merge of a list"])
    assert doc.data["u"] == {"z": 3, "x": 1, "y": 2}
    assert doc.source.span(("u", "y")) == Span(2, 11, 2, 12)
    assert doc.source.span(("u", "x"), key=True) == Span(1, 8, 1, 9)


def test_the_end_of_a_file_without_a_line_break_is_where_libyaml_puts_it() -> None:
    doc = streamed(CASES["no final line break"])
    assert doc.source.span(("b",)) == Span(3, 3, 4, 1)
    assert doc.source.span(("b", "c")) == Span(3, 6, 3, 7)
    assert doc.source.span(()) == Span(1, 1, 4, 1)


PROBLEMS = {
    "syntax error": b"a: [1, 2\nb: 3\n",
    "duplicate key": b"a: 1\nb: 2\na: 3\n",
    "duplicate merge": b"x: &x {a: 1}\nu:\n  <<: *x\n  <<: *x\n",
    "python tag": b"a: !!python/object/apply:os.system [echo]\n",
    "list as key": b"? [a]\n: b\n",
    "undefined alias": b"a: *nowhere\n",
    "duplicate anchor": b"a: &x 1\nb: &x 2\n",
    "recursive alias": b"a: &x [1, *x]\n",
    "merge of a scalar": b"a: &s 1\nu:\n  <<: *s\n",
    "merge of a list of scalars": b"u:\n  <<: [1, 2]\n",
    "huge number": b"a: " + b"9" * 150 + b"\n",
    "two documents": b"a: 1\n---\nb: 2\n",
    "empty file": b"",
    "only a comment": b"# nothing\n",
    "alias bomb": b"a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
    + b"".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n".encode() for p, c in zip("abcdef", "bcdefg", strict=True)
    ),
    "deep nesting": b"a: " + b"[" * 950 + b"]" * 950 + b"\n",
}


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_a_file_with_a_problem_is_composed_and_worded_as_before(name: str) -> None:
    assert_same(PROBLEMS[name])
    doc, taken = road(PROBLEMS[name])
    assert doc.diagnostics
    assert taken in ([False], [])  # composed (an empty file stops before either road)


def test_a_core_schema_tag_is_honoured_on_the_composing_road() -> None:
    raw = b"a: !!str 1\nb: !!int '7'\nc: ! 5\n"
    doc, taken = road(raw)
    assert taken == [False]
    assert same_data(doc.data, {"a": "1", "b": 7, "c": 5})
    assert doc.source.span(("b",)) == Span(2, 4, 2, 13)
    assert_same(raw)


# hypothesis: documents with shared (aliased) collections, every scalar type and style, in block or flow
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["no", "on", "0301", "1e3", ".inf", "~", "<<", "2026-01-01", "a: b", "- x", "#c"]),
)
_keys = st.text(min_size=1, max_size=8)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=25,
)


def _share(data: Any, pool: list[Any]) -> Any:
    """``data`` with some collections replaced by earlier ones, so the dump writes anchors and aliases."""
    if isinstance(data, dict | list):
        if pool and len(pool) % 3 == 2:
            return pool[len(pool) // 2]
        pool.append(data)
        if isinstance(data, dict):
            return {k: _share(v, pool) for k, v in data.items()}
        return [_share(v, pool) for v in data]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=_data,
    flow=st.sampled_from([None, True, False]),
    crlf=st.booleans(),
    trailing=st.booleans(),
    width=st.sampled_from([12, 80]),
)
def test_random_documents_load_the_same_from_the_event_stream(
    data: Any, flow: bool | None, crlf: bool, trailing: bool, width: int
) -> None:
    text = yaml.safe_dump(
        {"root": _share(data, [])}, default_flow_style=flow, allow_unicode=True, width=width
    )
    if crlf:
        text = text.replace("\n", "\r\n")
    if not trailing:
        text = text.rstrip("\r\n")
    assert_same(text.encode("utf-8"))
    streamed(text.encode("utf-8"))
