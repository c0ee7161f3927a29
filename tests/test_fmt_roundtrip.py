"""``orgmodel fmt`` changes layout only: every shipped, corpus and generated model keeps its meaning.

For each model: formatting twice gives what formatting once gave; the formatted
file loads into an equal model with equal data (types included); every comment's
text survives; and ``check`` finds the same findings (compared by fingerprint,
since lines move) and suppresses the same number, under the default ruleset and
the Drammen one. The hypothesis suites reuse tests/test_fuzz.py's generators:
schema-valid models (its semantic mutants, with suppressions sprinkled in) and
structure-aware mutants (mostly broken: they must be refused, untouched).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import semantic_example, settings_for, structured_example

from conftest import ROOT
from orgmodel.api import check_text
from orgmodel.engine import CheckedModel
from orgmodel.fmt import format_bytes
from orgmodel.fmt.guard import comments, same_data
from orgmodel.loader import load_bytes
from orgmodel.validate import validate_schema

SHIPPED = sorted((ROOT / "models").glob("*.yaml"))
CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").glob("*.yaml") if not p.name.endswith(".expect.yaml"))
EXAMPLES = int(os.environ.get("ORGMODEL_FUZZ_EXAMPLES", "10000"))


def _findings(checked: CheckedModel) -> Counter[tuple[str, str, str]]:
    """Each finding's fingerprint; one that falls back to its message, with the lines it names dropped.

    OM091 says "on lines 10-11" of a suppression over a flow unit written on two lines, "on line 8"
    when the unit is on one: the fingerprint removes digits but not the plural.
    """
    found: Counter[tuple[str, str, str]] = Counter()
    for d in checked.diagnostics:
        mark = d.fingerprint if d.unit or d.key else re.sub(r" on lines? [\d-]+", "", d.message)
        found[(d.code, d.severity.value, mark)] += 1
    return found


def _comment_lines(text: str) -> Counter[str]:
    """The lines that are nothing but a comment (an independent count, beside guard.comments)."""
    return Counter(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


def assert_same_meaning(
    name: str, raw: bytes, formatted: bytes, rulesets: tuple[str, ...], *, naive: bool = False
) -> None:
    again = format_bytes(name, formatted)
    assert again.problem is None and again.formatted == formatted  # idempotent
    assert not re.search(rb"\n[ \t]*\r?\n\Z", formatted)  # it ends in one line break, no blank line
    before, after = load_bytes(name, raw), load_bytes(name, formatted)
    assert same_data(before.data, after.data)
    assert validate_schema(load_bytes(name, raw)) == validate_schema(load_bytes(name, formatted))
    assert comments(after) == comments(before)
    if naive:  # no '#' line inside a quoted scalar here: a count that needs no YAML scanner
        old_text, new_text = raw.decode("utf-8-sig"), formatted.decode("utf-8-sig")
        assert _comment_lines(new_text) == _comment_lines(old_text)
    for ruleset in rulesets:
        old, new = (
            check_text(raw, name=name, ruleset=ruleset),
            check_text(formatted, name=name, ruleset=ruleset),
        )
        assert _findings(new) == _findings(old), ruleset
        assert (new.suppressed, new.suppressed_without_reason) == (
            old.suppressed,
            old.suppressed_without_reason,
        )
        assert len(new.suppressions) == len(old.suppressions)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_model_keeps_its_meaning_and_every_comment(path: Path) -> None:
    raw = path.read_bytes()
    result = format_bytes(str(path.relative_to(ROOT)), raw)
    assert result.problem is None, result.problem
    assert result.formatted is not None
    assert not result.changed  # every shipped model is in fmt's layout: `orgmodel fmt --check models/` passes
    assert_same_meaning(result.path, raw, result.formatted, ("default", "drammen-2020"), naive=True)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_model_keeps_its_meaning_and_every_comment(path: Path) -> None:
    raw = path.read_bytes()
    result = format_bytes(path.name, raw)
    assert result.problem is None, result.problem
    assert result.formatted is not None
    assert_same_meaning(path.name, raw, result.formatted, ("default",), naive=True)


def _level_before_kind(text: str) -> str:
    """The model as an earlier hand wrote it: each unit's ``level`` before its ``kind``."""
    flow = re.sub(r"kind: ([^,{}]+), level: (\d+)", r"level: \2, kind: \1", text)
    return re.sub(r"(\n    )kind: ([^\n]+)\n    level: (\d+)\n", r"\1level: \3\1kind: \2\n", flow)


@pytest.mark.parametrize("name", ["drammen-2020.yaml", "drammen-2020-before.yaml"])
def test_a_shipped_model_written_in_another_order_formats_back_to_itself(name: str) -> None:
    """fmt puts every flow and block unit's keys back in order and changes nothing else, comments included."""
    shipped = (ROOT / "models" / name).read_text(encoding="utf-8")
    shuffled = _level_before_kind(shipped)
    changed = sum(a != b for a, b in zip(shipped.splitlines(), shuffled.splitlines(), strict=True))
    assert changed > 150  # both kinds of unit were written in the other order
    result = format_bytes(name, shuffled.encode())
    assert result.problem is None and result.changed
    assert result.formatted == shipped.encode()


def _meaning_kept(raw: bytes) -> Any:
    result = format_bytes("fuzz.yaml", raw)
    if result.formatted is None:
        return result
    assert_same_meaning("fuzz.yaml", raw, result.formatted, ("default",))
    return result


@settings_for(40)
@given(st.data())
def test_generated_valid_models_keep_their_meaning(data: st.DataObject) -> None:
    raw = semantic_example(data)
    result = _meaning_kept(raw)
    if result.formatted is None:  # refused: a load error, or a comment ruamel.yaml would lose
        assert result.diagnostics or "comment" in (result.problem or ""), result.problem


@settings_for(40)
@given(st.data())
def test_generated_broken_models_are_refused_or_keep_their_meaning(data: st.DataObject) -> None:
    result = _meaning_kept(structured_example(data))
    assert result.formatted is not None or result.problem


@pytest.mark.slow
@settings_for(EXAMPLES // 10)
@given(st.data())
def test_many_generated_models_keep_their_meaning(data: st.DataObject) -> None:
    raw = semantic_example(data) if data.draw(st.booleans()) else structured_example(data)
    result = _meaning_kept(raw)
    assert result.formatted is not None or result.problem
