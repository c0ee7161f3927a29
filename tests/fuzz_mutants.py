"""The fuzzing inputs of tests/test_fuzz.py and the suites that reuse them: seeds and their mutants."""

from __future__ import annotations

import contextlib
import copy
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from orgmodel.rule import Rule
from orgmodel.ruleset import load_ruleset

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from generate_model import generate  # noqa: E402

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


def timed(run: Callable[[], Any]) -> Any:
    """``run()``'s result. Nothing is timed here: a loaded machine would fail a time bound, so speed
    is a ``make bench`` row; a quadratic slowdown shows there, and a hang stops ``make fuzz``.
    """
    return run()


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
