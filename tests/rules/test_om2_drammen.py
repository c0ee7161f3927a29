"""The municipal principles on the real model: it passes, and three edits of its text each fail it.

The edits work on a copy of models/drammen-2020.yaml's text, wherever the
model writer put things: the loader finds each element's lines, the edit
changes only those lines, and the expected position is found in the edited
text independently of the rules.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import ROOT, positions
from orgmodel.engine import check_bytes
from orgmodel.loader import load_bytes
from orgmodel.rule import Rule
from orgmodel.ruleset import load_ruleset

MODEL = ROOT / "models" / "drammen-2020.yaml"
RULESET = ROOT / "rules" / "drammen-2020.yaml"
needs_model = pytest.mark.skipif(not MODEL.exists(), reason="models/drammen-2020.yaml is not written yet")


def principle_rules() -> list[Rule[Any]]:
    return [r for r in load_ruleset(str(RULESET)).instances() if r.code.startswith("OM2")]


def check(text: str) -> list[tuple[int, int, str]]:
    result = check_bytes("drammen.yaml", text.encode(), principle_rules())
    assert result.rules_run, [d.message for d in result.diagnostics]
    return positions([d for d in result.diagnostics if d.code.startswith("OM2") and d.severity != "info"])


def span_lines(text: str, loc: tuple[Any, ...]) -> tuple[int, int]:
    """0-based first and last line of the element at ``loc``."""
    span = load_bytes("m.yaml", text.encode()).source.span(loc)
    return span.line - 1, span.end_line - 1 - (1 if span.end_col == 1 else 0)


def edit_lines(text: str, loc: tuple[Any, ...], pattern: str, new: str) -> str:
    """Replace ``pattern`` (a regex, exactly once) within the lines of the element at ``loc``."""
    lines = text.splitlines(keepends=True)
    first, last = span_lines(text, loc)
    chunk = "".join(lines[first : last + 1])
    changed, count = re.subn(pattern, new, chunk, count=1)
    assert count == 1, f"{pattern!r} not found in {chunk!r}"
    return "".join(lines[:first]) + changed + "".join(lines[last + 1 :])


def where(text: str, line_pattern: str, token: str, code: str) -> tuple[int, int, str]:
    """(line, col, code) of ``token`` on the only line matching ``line_pattern``."""
    found = [(n, line) for n, line in enumerate(text.splitlines(), 1) if re.search(line_pattern, line)]
    assert len(found) == 1, f"{line_pattern!r} matches {len(found)} lines"
    number, line = found[0]
    return (number, line.index(token) + 1, code)


def data(text: str) -> Any:
    return load_bytes("m.yaml", text.encode()).data


def index_of(items: list[dict[str, Any]], item_id: str) -> int:
    return next(i for i, item in enumerate(items) if item.get("id") == item_id)


def test_the_ruleset_enables_and_configures_every_principle_rule() -> None:
    rules = {r.name: r for r in principle_rules()}
    from orgmodel.rule import load_rules

    assert sorted(rules) == sorted(c.name for code, c in load_rules().items() if code.startswith("OM2"))
    params = {name: rule.params.model_dump() for name, rule in rules.items()}
    assert params["single-decider"]["categories"] == ["helse-og-omsorg"]
    assert params["allocation-unit"]["allocation_unit"] == "virk-tildeling"
    assert params["persona-saksbehandler"]["categories"] == ["helse-og-omsorg"]
    assert len(params["co-location"]["pairs"]) == 2
    assert params["persona-contacts"]["max_units"] is not None
    assert params["staff-units"]["max"] is None  # the report gives no number (p. 21): off
    assert params["outside-services"]["max_services"] == 0


@needs_model
def test_the_real_model_keeps_every_principle() -> None:
    assert check(MODEL.read_text(encoding="utf-8")) == []


@needs_model
def test_the_ruleset_ids_exist_in_the_real_model() -> None:
    model = data(MODEL.read_text(encoding="utf-8"))
    ids = {unit["id"] for unit in model["units"]}
    assert "virk-tildeling" in ids
    assert "avd-fysio-ergo" in ids and "avd-leger-utdanning" in ids
    assert any(i.startswith("virk-oms-") for i in ids)


@needs_model
def test_removing_a_kommunedel_hub_fails_at_the_kommunedel() -> None:
    text = MODEL.read_text(encoding="utf-8")
    model = data(text)
    hub = next(s for s in model["sites"] if s.get("kind") == "knutepunkt" and s.get("kommunedel"))
    text = edit_lines(
        text, ("sites", index_of(model["sites"], hub["id"])), r"kind:\s*knutepunkt", "kind: office"
    )
    kd = hub["kommunedel"]
    assert check(text) == [where(text, rf"id:\s*{re.escape(kd)}\b(?!-)", kd, "OM201")]


@needs_model
def test_moving_a_care_vedtak_to_a_second_unit_fails_at_that_unit() -> None:
    text = MODEL.read_text(encoding="utf-8")
    model = data(text)
    units = model["units"]
    tildeling = units[index_of(units, "virk-tildeling")]
    service = next(
        s
        for s in tildeling["decides"]
        if any(s in u.get("delivers", []) and not u.get("decides") for u in units)
    )
    other = next(u for u in units if service in u.get("delivers", []) and not u.get("decides"))
    # take the service out of the tildelingsenhet's decides ...
    text = edit_lines(
        text,
        ("units", index_of(units, "virk-tildeling"), "decides"),
        rf"\b{service}\b,\s*|,\s*{service}\b",
        "",
    )
    # ... and let the other unit decide it
    loc = ("units", index_of(units, other["id"]), "delivers")
    first, _ = span_lines(text, loc)
    line = text.splitlines()[first]
    indent = re.match(r"\s*", line)
    assert indent is not None
    if line.strip().startswith("delivers:"):
        text = edit_lines(text, loc, r"^", f"decides: [{service}]\n{indent.group(0)}")
        marker = rf"^\s*decides: \[{service}\]$"
    else:
        text = edit_lines(text, loc, r"\bdelivers:", f"decides: [{service}], delivers:")
        marker = rf"id:\s*{re.escape(other['id'])}\b.*decides: \[{service}\]"
    found = check(text)
    line_no, bracket, _ = where(text, marker, f"[{service}]", "OM212")
    assert (line_no, bracket + 1, "OM212") in found  # at the service inside the new 'decides'
    assert {code for _, _, code in found} <= {"OM212", "OM220"}  # moved, not copied: no OM210


@needs_model
def test_barnehagemyndighet_inside_a_kindergarten_virksomhet_fails_at_its_parent() -> None:
    text = MODEL.read_text(encoding="utf-8")
    model = data(text)
    units = model["units"]
    authority = next(u for u in units if "barnehagemyndighet" in u["id"] and u.get("supervises"))
    inside = authority["supervises"][0]
    level = units[index_of(units, inside)]["level"]
    index = index_of(units, authority["id"])
    text = edit_lines(text, ("units", index, "parent"), r"parent:\s*[\w.\-]+", f"parent: {inside}")
    text = edit_lines(text, ("units", index, "level"), r"level:\s*\d+", f"level: {level + 1}")
    expected = where(text, rf"parent: {re.escape(inside)}\b(?!-)", inside, "OM240")
    assert check(text) == [expected]
