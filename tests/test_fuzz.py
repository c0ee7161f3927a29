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

The structure-aware mutants also go through ``orgmodel diff`` (the seed
against its mutant, in a drawn format) and ``orgmodel trace`` (the seed's first
persona, text or JSON): no exception, traceback or internal error, exit 0, 1
or 2, and no raw control character in the output.

``make test`` runs 320 examples in all, plus 30 of diff and trace (it stays under three minutes); the ``slow``
tests run ``ORGMODEL_FUZZ_EXAMPLES`` (``make fuzz``: 10,000, and a tenth of
that many of diff and trace). Every failure found
becomes a file in tests/fixtures/fuzz/, checked by ``test_regressions``.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.engine import FileResult, check_bytes
from orgmodel.escape import is_unsafe
from orgmodel.graph import strongly_connected_components
from orgmodel.rule import Rule
from orgmodel.ruleset import load_ruleset

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from generate_model import generate  # noqa: E402

FUZZ_FIXTURES = ROOT / "tests" / "fixtures" / "fuzz"
EXAMPLES = int(os.environ.get("ORGMODEL_FUZZ_EXAMPLES", "10000"))
DIFF_TRACE_EXAMPLES = (
    30  # diff and trace of structure-aware mutants in make test; make fuzz runs EXAMPLES // 10
)

SEEDS: dict[str, bytes] = {
    str(p.relative_to(ROOT)): p.read_bytes()
    for p in sorted(
        [
            *(ROOT / "tests" / "fixtures" / "models").glob("*.yaml"),
            *(ROOT / "tests" / "fixtures" / "invalid").glob("*.yaml"),
            *(ROOT / "tests" / "fixtures" / "principles").glob("*.yaml"),
            *(ROOT / "models").glob("*.yaml"),
        ]
    )
}
SEEDS["generated-120"] = generate(120, seed=5).encode()
VALID: dict[str, Any] = {}
for _name, _raw in SEEDS.items():
    try:
        _data = yaml.load(_raw, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        continue
    if isinstance(_data, dict) and "units" in _data:
        VALID[_name] = _data

_RULES: list[Rule[Any]] = []


def rules() -> list[Rule[Any]]:
    if not _RULES:
        _RULES.extend(load_ruleset(ROOT / "rules" / "default.yaml").instances())
    return _RULES


def settings_for(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# --- the oracle ----------------------------------------------------------------------------------

_CODE = re.compile(r"OM\d{3}\Z")


def timed(run: Callable[[], Any]) -> Any:
    """``run()``'s result. Nothing is timed here: a loaded machine would fail a time bound, so speed
    is a ``make bench`` row; a quadratic slowdown shows there, and a hang stops ``make fuzz``.
    """
    return run()


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


def _persona(name: str) -> str:
    personas = VALID[name].get("personas")
    first = personas[0] if isinstance(personas, list) and personas else None
    found = first.get("id") if isinstance(first, dict) else None
    return found if isinstance(found, str) else "kari"


def diff_and_trace(name: str, raw: bytes, data: st.DataObject) -> None:
    """``orgmodel diff`` of the seed and its mutant and ``orgmodel trace`` on the mutant, in a drawn format.

    Neither may raise, print a traceback or an internal error, or let a raw
    control character out (the mutants' strings reach every output).
    """
    # "report": orgmodel report of the mutant compared with the seed (its diff section is the HTML diff)
    diff_format = data.draw(
        st.sampled_from(["text", "json", "markdown", "html", "report"]), label="diff format"
    )
    trace_format = data.draw(st.sampled_from(["text", "json"]), label="trace format")
    with tempfile.TemporaryDirectory() as tmp:
        seed, mutant = Path(tmp) / "seed.yaml", Path(tmp) / "mutant.yaml"
        seed.write_bytes(SEEDS[name])
        mutant.write_bytes(raw)
        sides = (
            [str(seed), str(mutant)]
            if data.draw(st.booleans(), label="seed first")
            else [
                str(mutant),
                str(seed),
            ]
        )
        compared = (
            ["report", str(mutant), "--ruleset", "default", "--compare", str(seed)]
            if diff_format == "report"
            else ["diff", "--ruleset", "default", "--format", diff_format, *sides]
        )
        runs = [
            compared,
            ["trace", _persona(name), str(mutant), "--format", trace_format],
        ]
        for args in runs:
            run = timed(lambda args=args: CliRunner().invoke(app, args))
            assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
            assert run.exit_code in (0, 1, 2), (args, run.exit_code, run.stderr)
            assert "internal error" not in run.stderr and "Traceback" not in run.stdout + run.stderr
            raw_out = {f"U+{ord(c):04X}" for c in run.stdout + run.stderr if c != "\n" and is_unsafe(c)}
            assert not raw_out, (args, sorted(raw_out))


# --- structure-aware mutation --------------------------------------------------------------------

KEYS = [
    "id", "name", "level", "parent", "functional", "leader", "staff", "budget", "decides", "kommunedeler",
    "sites", "delivers", "role", "supervises", "pilot", "kind", "description", "units", "services",
    "personas", "needs", "kommunedel", "local", "vedtak", "category", "number", "orgmodel", "kommune",
    "nivå", "leder", "overordnet", "<<", "", " ", "id ", "ID",
]  # fmt: skip
ODD_TEXT = [
    "", " ", "yes", "no", "on", "off", "~", "null", "0o17", "0x1f", "1e3", ".nan", "-.inf", "2020-02-30",
    "3005", "true", "0", "-1", "1_000", "radmann", "kd1", "knutepunkt", "virksomhet", "helse-og-omsorg",
    "a" * 300, "x" * 10_001, "Bærum", "🏛", "\t", "a\nb", "#", "orgmodel: ignore[level-skip] x", "*", "&a",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ODD_TEXT),
    st.text(max_size=20),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=8,
)
SUPPRESSIONS = [
    "# orgmodel: ignore[level-skip] the pilot (report p. 17)",
    "# orgmodel: ignore[OM120, span-of-control]",
    "# orgmodel: ignore[]",
    "# orgmodel: ignore[no-such-rule] because",
    "# orgmodel: ignore[level-skip",
    "# orgmodel: nonsense",
    "# orgmodel:",
    "  # orgmodel: ignore[budget-responsibility] reason",
]


def _slots(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in the data, depth first."""
    if isinstance(node, dict):
        for key in list(node):
            out.append((node, key))
            _slots(node[key], out)
    elif isinstance(node, list):
        for index in range(len(node)):
            out.append((node, index))
            _slots(node[index], out)
    return out


def _is_tree(node: Any) -> bool:
    """Whether no list or mapping contains itself."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in seen:
                return False
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return True


def _ids(doc: Any) -> list[str]:
    units = doc.get("units") if isinstance(doc, dict) else None
    found = [u.get("id") for u in units if isinstance(u, dict)] if isinstance(units, list) else []
    return [i for i in found if isinstance(i, str)] or ["radmann"]


def mutate(doc: Any, data: st.DataObject) -> None:
    """One mutation of the data, chosen by hypothesis."""
    slots = _slots(doc, [])
    if not slots:
        return
    container, key = slots[data.draw(st.integers(0, len(slots) - 1), label="slot")]
    op = data.draw(
        st.sampled_from(["delete", "duplicate", "retype", "swap", "rename", "reference", "insert"])
    )
    if op == "delete":
        del container[key]
    elif op == "duplicate":
        if isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        else:
            container[data.draw(st.sampled_from(KEYS))] = copy.deepcopy(container[key])
    elif op == "retype":
        container[key] = data.draw(VALUES, label="value")
    elif op == "swap":
        other, other_key = slots[data.draw(st.integers(0, len(slots) - 1), label="other slot")]
        with contextlib.suppress(KeyError, IndexError):  # the other slot was inside the first one's value
            container[key], other[other_key] = other[other_key], container[key]
            if not _is_tree(doc):  # a value swapped into its own child: undo
                container[key], other[other_key] = other[other_key], container[key]
    elif op == "rename" and isinstance(container, dict):
        value = container.pop(key)
        container[data.draw(st.sampled_from(KEYS), label="new key")] = value
    elif op == "reference":
        ids = _ids(doc)
        target = data.draw(st.sampled_from(ids))
        field = data.draw(st.sampled_from(["parent", "functional", "supervises"]))
        if isinstance(container, dict):
            container[field] = (
                target
                if field == "parent"
                else [target, *data.draw(st.lists(st.sampled_from(ids), max_size=3))]
            )
    elif op == "insert":
        if isinstance(container, list):
            container.insert(key, data.draw(VALUES))
        else:
            container[data.draw(st.sampled_from(KEYS))] = data.draw(VALUES)


def dump(doc: Any, data: st.DataObject) -> bytes:
    style = data.draw(st.sampled_from([False, True, None]), label="flow style")
    text = yaml.dump(
        doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, default_flow_style=style
    )
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(0, 2), label="suppressions")):
        at = data.draw(st.integers(0, len(lines)))
        comment = data.draw(st.sampled_from(SUPPRESSIONS))
        if data.draw(st.booleans()) and at < len(lines):
            lines[at] += "  " + comment.strip()
        else:
            lines.insert(at, comment)
    return ("\n".join(lines) + "\n").encode()


def structured_pair(data: st.DataObject) -> tuple[str, bytes]:
    """The name of a valid seed model and a structure-aware mutant of it."""
    name = data.draw(st.sampled_from(sorted(VALID)), label="model")
    doc = copy.deepcopy(VALID[name])
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        mutate(doc, data)
    return name, dump(doc, data)


def structured_example(data: st.DataObject) -> bytes:
    return structured_pair(data)[1]


def _pick(data: st.DataObject, items: list[Any], most: int) -> list[Any]:
    return data.draw(st.lists(st.sampled_from(items), max_size=most)) if items else []


def rewire(doc: dict[str, Any], data: st.DataObject) -> None:
    """One change that keeps the schema valid, so the rules run: the principle rules' inputs."""
    units = doc["units"]
    unit = units[data.draw(st.integers(0, len(units) - 1), label="unit")]
    ids = [u["id"] for u in units]
    services = [s["id"] for s in doc.get("services") or []]
    places = [k["id"] for k in doc.get("kommunedeler") or []]
    sites = [s["id"] for s in doc.get("sites") or []]
    field = data.draw(
        st.sampled_from(["parent", "lines", "services", "places", "numbers", "labels", "copy", "drop"])
    )
    if field == "parent":
        unit["parent"] = data.draw(st.sampled_from(ids))
    elif field == "lines":
        unit[data.draw(st.sampled_from(["functional", "supervises"]))] = _pick(data, ids, 6)
    elif field == "services":
        unit[data.draw(st.sampled_from(["decides", "delivers"]))] = _pick(data, services, 4)
    elif field == "places":
        unit["kommunedeler"], unit["sites"] = _pick(data, places, 3), _pick(data, sites, 3)
    elif field == "numbers":
        unit["level"] = data.draw(st.integers(1, 9))
        unit["staff"] = data.draw(st.sampled_from([0, 1, 2, 7, 30, 60, 5000]))
        unit["budget"] = data.draw(st.booleans())
    elif field == "labels":
        unit["kind"] = data.draw(
            st.sampled_from(["knutepunkt", "virksomhet", "stab", "iks", "avdeling", "team"])
        )
        unit["role"] = data.draw(st.sampled_from(["authority", "appeals", "provider", "staff", "support"]))
        unit["pilot"] = data.draw(st.booleans())
    elif field == "copy":
        units.append({**copy.deepcopy(unit), "id": f"{unit['id']}-copy"})
    elif len(units) > 1:
        units.remove(unit)
    for persona in doc.get("personas") or []:
        if data.draw(st.integers(0, 5)) == 0:
            persona["needs"] = _pick(data, services, 5)


def semantic_example(data: st.DataObject) -> bytes:
    doc = copy.deepcopy(VALID[data.draw(st.sampled_from(sorted(VALID)), label="model")])
    for _ in range(data.draw(st.integers(1, 8), label="changes")):
        rewire(doc, data)
    return dump(doc, data)


# --- raw byte mutation ---------------------------------------------------------------------------

TOKENS = [
    b":", b": ", b"-", b"- ", b"[", b"]", b"{", b"}", b",", b"?", b"&a", b"*a", b"!x", b"!!str", b"|", b">",
    b"'", b'"', b"#", b"%", b"@", b"`", b"\\", b"\t", b"\n", b"\r\n", b"\r", b"  ", b"---\n", b"...\n",
    b"<<: *a", b"\x00", b"\x07", b"\xc3", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc2\x85", b"\xe2\x80\xa8",
    b"\xf0\x9f\x8f\x9b", b"~", b"null", b"0x", b"1e999", b"- orgmodel: 1",
]  # fmt: skip


def byte_example(data: st.DataObject) -> bytes:
    raw = bytearray(SEEDS[data.draw(st.sampled_from(sorted(SEEDS)), label="file")])
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        op = data.draw(
            st.sampled_from(["insert", "delete", "replace", "dup-line", "swap-lines", "indent", "cut"])
        )
        pos = data.draw(st.integers(0, len(raw)), label="position")
        if op == "insert":
            raw[pos:pos] = data.draw(st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=6)))
        elif op == "delete":
            del raw[pos : pos + data.draw(st.integers(1, 40))]
        elif op == "replace" and pos < len(raw):
            raw[pos] = data.draw(st.integers(0, 255))
        elif op in ("dup-line", "swap-lines", "indent"):
            lines = bytes(raw).split(b"\n")
            i = min(pos * len(lines) // max(len(raw), 1), len(lines) - 1)
            if op == "dup-line":
                lines.insert(i, lines[i])
            elif op == "swap-lines":
                j = data.draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                shift = data.draw(st.integers(-4, 4))
                lines[i] = b" " * shift + lines[i] if shift > 0 else lines[i][-shift:]
            raw = bytearray(b"\n".join(lines))
        elif op == "cut":
            del raw[pos:]
    return bytes(raw)


# --- the suites ----------------------------------------------------------------------------------


@settings_for(100)
@given(data=st.data())
def test_structure_fuzz(data: st.DataObject) -> None:
    check_everything(structured_example(data), pure=data.draw(st.integers(0, 9)) == 0)


@settings_for(DIFF_TRACE_EXAMPLES)
@given(data=st.data())
def test_diff_and_trace_fuzz(data: st.DataObject) -> None:
    name, raw = structured_pair(data)
    diff_and_trace(name, raw, data)


@settings_for(100)
@given(data=st.data())
def test_semantic_fuzz(data: st.DataObject) -> None:
    check_everything(semantic_example(data), pure=data.draw(st.integers(0, 9)) == 0)


@settings_for(120)
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
@settings_for(EXAMPLES // 10)
@given(data=st.data())
def test_diff_and_trace_fuzz_long(data: st.DataObject) -> None:
    name, raw = structured_pair(data)
    diff_and_trace(name, raw, data)


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
