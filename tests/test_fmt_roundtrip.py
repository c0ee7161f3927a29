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
    # the Drammen models write level before kind, so the order changes; the VA and Tønsberg/Re models
    # are in fmt's layout
    assert result.changed == (path.name not in {"drammensregionen-va.yaml", "tonsberg-re-kultur.yaml"})
    assert_same_meaning(result.path, raw, result.formatted, ("default", "drammen-2020"), naive=True)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_model_keeps_its_meaning_and_every_comment(path: Path) -> None:
    raw = path.read_bytes()
    result = format_bytes(path.name, raw)
    assert result.problem is None, result.problem
    assert result.formatted is not None
    assert_same_meaning(path.name, raw, result.formatted, ("default",), naive=True)


def test_the_shipped_models_change_only_in_the_order_of_keys() -> None:
    """Each line of the formatted Drammen model is a line of the original, or a unit's line reordered."""
    raw = (ROOT / "models" / "drammen-2020.yaml").read_bytes()
    formatted = format_bytes("drammen-2020.yaml", raw).formatted
    assert formatted is not None
    old, new = raw.decode().splitlines(), formatted.decode().splitlines()
    assert len(new) == len(old) and Counter(new) != Counter(old)
    changed = [index for index, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert len(changed) == 208  # the unit lines written with level before kind (positions keep their order)
    for index in changed:
        before, after = old[index], new[index]
        if before.lstrip().startswith("- {"):  # a flow unit: the same keys and values, in another order
            assert sorted(before.strip(" -{}").split(", ")) == sorted(after.strip(" -{}").split(", "))
        else:  # a block unit: a line of the same unit, moved
            assert after in old[index - 12 : index + 12], after


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
