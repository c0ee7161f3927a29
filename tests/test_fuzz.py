"""Fuzzing: no input makes ``check_bytes`` or the CLI raise or hang.

Three hypothesis suites feed mutated models to the whole pipeline:

- structure-aware: valid models (the fixtures, the shipped models and a
  generated one) loaded as data, then keys and values deleted, duplicated,
  retyped, swapped, renamed and pointed at other units (circles included),
  dumped back to YAML (block or flow style), with suppression comments
  sprinkled in;
- semantic: the same models changed only in ways the schema accepts (parents,
  professional and supervision lines, services, places, levels, staff, kinds,
  roles, copies and deletions, personas' needs), so the rules run on them;
- raw bytes: the same files with bytes inserted, deleted and replaced,
  lines duplicated, swapped, re-indented and truncated.

Each example runs ``check_bytes`` (sometimes on the pure-Python YAML path too)
and ``orgmodel check`` through typer's CliRunner, and asserts that no
exception escapes, that no rule failed (OM009), that every position is
1-based (``deadline=None``: no example is timed; speed is a ``make bench`` row).

The structure-aware mutants also go through ``orgmodel diff`` and ``orgmodel
trace`` (tests/test_fuzz_diff_trace.py). The mutants come from tests/fuzz_mutants.py.

``make test`` runs 200 examples in all, plus 30 of diff and trace (it stays under three minutes); the ``slow``
tests run ``ORGMODEL_FUZZ_EXAMPLES`` (``make fuzz``: 10,000, and a tenth of
that many of diff and trace). Every failure found
becomes a file in tests/fixtures/fuzz/, checked by ``test_regressions``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from fuzz_mutants import (
    EXAMPLES,
    ROOT,
    byte_example,
    rules,
    semantic_example,
    settings_for,
    structured_example,
    timed,
)
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.engine import FileResult, check_bytes
from orgmodel.graph import strongly_connected_components

FUZZ_FIXTURES = ROOT / "tests" / "fixtures" / "fuzz"

# the generators other suites import from here (tests/render, tests/stats, test_fmt_roundtrip.py)
__all__ = ["rules", "semantic_example", "settings_for", "structured_example"]

# --- the oracle ----------------------------------------------------------------------------------

_CODE = re.compile(r"OM\d{3}\Z")


def check_everything(raw: bytes, *, pure: bool = False, cli: bool = True) -> FileResult:
    """Run the engine (and the CLI) on ``raw``; fail on an exception, a rule crash, or a bad position."""
    result: FileResult = timed(lambda: check_bytes("fuzz.yaml", raw, rules()))
    for diag in result.diagnostics:
        assert diag.code != "OM009", diag.message  # a rule raised an exception
        assert _CODE.match(diag.code) and diag.line >= 1 and diag.col >= 1, diag
        assert diag.message and diag.message.isprintable(), diag  # one line per finding
    if pure:
        slow: FileResult = timed(lambda: check_bytes("fuzz.yaml", raw, rules(), pure=True))
        assert all(d.code != "OM009" and d.line >= 1 and d.col >= 1 for d in slow.diagnostics)
    if cli:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "fuzz.yaml"
            path.write_bytes(raw)
            for fmt in ("text", "json"):
                run = timed(lambda fmt=fmt: CliRunner().invoke(app, ["check", "--format", fmt, str(path)]))
                assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
                assert run.exit_code in (0, 1), (run.exit_code, run.stderr)
                assert "internal error" not in run.stderr and "Traceback" not in run.stdout + run.stderr
    return result


# --- the suites ----------------------------------------------------------------------------------


@settings_for(60)
@given(data=st.data())
def test_structure_fuzz(data: st.DataObject) -> None:
    check_everything(structured_example(data), pure=data.draw(st.integers(0, 9)) == 0)


@settings_for(60)
@given(data=st.data())
def test_semantic_fuzz(data: st.DataObject) -> None:
    check_everything(semantic_example(data), pure=data.draw(st.integers(0, 9)) == 0)


@settings_for(80)
@given(data=st.data())
def test_byte_fuzz(data: st.DataObject) -> None:
    check_everything(byte_example(data), pure=data.draw(st.integers(0, 9)) == 0)


@pytest.mark.slow
@settings_for(EXAMPLES // 3)
@given(data=st.data())
def test_structure_fuzz_long(data: st.DataObject) -> None:
    check_everything(
        structured_example(data), pure=data.draw(st.integers(0, 4)) == 0, cli=data.draw(st.booleans())
    )


@pytest.mark.slow
@settings_for(EXAMPLES // 3)
@given(data=st.data())
def test_semantic_fuzz_long(data: st.DataObject) -> None:
    check_everything(
        semantic_example(data), pure=data.draw(st.integers(0, 4)) == 0, cli=data.draw(st.booleans())
    )


@pytest.mark.slow
@settings_for(EXAMPLES - 2 * (EXAMPLES // 3))
@given(data=st.data())
def test_byte_fuzz_long(data: st.DataObject) -> None:
    check_everything(byte_example(data), pure=data.draw(st.integers(0, 4)) == 0, cli=data.draw(st.booleans()))


REGRESSIONS = sorted(FUZZ_FIXTURES.glob("*.yaml")) if FUZZ_FIXTURES.is_dir() else []


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_regressions(path: Path) -> None:
    """Inputs the fuzzers once broke; the first line says what is expected."""
    raw = path.read_bytes()
    result = check_everything(raw, pure=True)
    expected = raw.split(b"\n", 1)[0].decode("utf-8", "replace").removeprefix("# expect: ").split(", ")
    if expected != [""] and raw.startswith(b"# expect: "):
        assert sorted({d.code for d in result.diagnostics}) == sorted(expected)


@settings_for(300)
@given(
    edges=st.dictionaries(
        st.sampled_from([f"n{i}" for i in range(12)]),
        st.lists(st.sampled_from([f"n{i}" for i in range(12)]), max_size=3),
    )
)
def test_strongly_connected_components_agree_with_networkx(edges: dict[str, list[str]]) -> None:
    import networkx as nx

    nodes = sorted({*edges, *(t for ts in edges.values() for t in ts)})
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, vs in edges.items() for v in vs)
    ours = sorted(sorted(c) for c in strongly_connected_components(nodes, lambda n: edges.get(n, [])))
    assert ours == sorted(sorted(c) for c in nx.strongly_connected_components(graph))
