"""Suppressions as a planner writes them: on a unit, a line or a file; comments found by YAML's tokens."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import HEADER, ROOT, check_yaml, positions
from orgmodel.cli import app

TOP = HEADER + (
    "units:\n"
    "  - {id: r, name: R, level: 1, leader: L, budget: true}\n"
    "  - {id: d, name: D, level: 1, parent: r, leader: L, budget: true}\n"
)


def block_unit(uid: str, name: str | None = None, level_comment: str = "") -> str:
    return (
        f"  - id: {uid}\n"
        f"    name: {name or uid.upper()}\n"
        f"    level: 3{level_comment}\n"
        "    parent: d\n"
        "    leader: L\n"
    )


def test_a_comment_above_a_block_unit_covers_its_level_line() -> None:
    text = TOP + "  # orgmodel: ignore[level-skip] pilot reports to the direktør (p. 17)\n" + block_unit("p")
    result = check_yaml(text, ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 1


def test_a_suppression_later_in_an_own_line_comment_is_still_above_the_unit() -> None:
    text = TOP + "  # decided 2019-04-02 # orgmodel: ignore[level-skip] pilot (p. 17)\n" + block_unit("p")
    result = check_yaml(text, ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 1


def test_a_comment_on_the_id_line_covers_the_block() -> None:
    text = TOP + block_unit("p").replace("id: p\n", "id: p  # orgmodel: ignore[OM111] decided, p. 17\n")
    result = check_yaml(text, ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 1


def test_a_unit_suppression_covers_only_its_own_unit() -> None:
    text = TOP + "  # orgmodel: ignore[level-skip] pilot (p. 17)\n" + block_unit("p") + block_unit("q")
    result = check_yaml(text, ["level-skip"])
    assert positions(result.diagnostics) == [(14, 12, "OM111")]
    assert result.suppressed == 1


def test_a_comment_inside_a_block_covers_one_line() -> None:
    # on the line above 'name:' it covers only the name line: the finding on 'level:' stays, and the
    # suppression is unused
    unit = block_unit("p").replace("    name:", "    # orgmodel: ignore[level-skip] why\n    name:")
    result = check_yaml(TOP + unit, ["level-skip"])
    assert positions(result.diagnostics) == [(7, 5, "OM091"), (9, 12, "OM111")]
    assert (
        result.diagnostics[0].message
        == "the suppression of level-skip suppresses nothing on line 8 (unit p): remove it"
    )
    trailing = TOP + block_unit("p", level_comment="  # orgmodel: ignore[level-skip] decided (p. 58)")
    assert check_yaml(trailing, ["level-skip"]).suppressed == 1


def test_an_unused_unit_suppression_names_the_unit_lines() -> None:
    unit = block_unit("p").replace("level: 3", "level: 2")
    result = check_yaml(TOP + "  # orgmodel: ignore[level-skip] no longer needed\n" + unit, ["level-skip"])
    assert positions(result.diagnostics) == [(6, 3, "OM091")]
    assert (
        result.diagnostics[0].message
        == "the suppression of level-skip suppresses nothing on lines 7-11 (unit p): remove it"
    )


def test_ignore_file_in_the_leading_comments_covers_the_file() -> None:
    text = "# Utkast 2\n# orgmodel: ignore-file[level-skip] the draft skips levels everywhere (p. 58)\n" + TOP
    text += block_unit("p") + block_unit("q")
    result = check_yaml(text, ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 2


def test_a_units_own_suppression_beside_an_ignore_file_is_used_too() -> None:
    # the draft's ignore-file covers the finding as well: the unit's adopted exception is not "unused"
    text = "# orgmodel: ignore-file[level-skip] the draft skips levels everywhere (p. 58)\n" + TOP
    text += "  # orgmodel: ignore[level-skip] pilot reports to the direktør (p. 17)\n" + block_unit("p")
    result = check_yaml(text, ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 1 and result.suppressed_without_reason == 0


def test_a_finding_is_explained_when_any_suppression_covering_it_gives_a_reason() -> None:
    text = "# orgmodel: ignore-file[level-skip]\n" + TOP
    text += "  # orgmodel: ignore[level-skip] pilot reports to the direktør (p. 17)\n" + block_unit("p")
    result = check_yaml(text, ["level-skip"])
    assert positions(result.diagnostics) == [(1, 1, "OM090")]
    assert result.suppressed == 1 and result.suppressed_without_reason == 0


def test_a_suppression_at_a_unit_cut_off_by_a_personnel_circle_is_not_called_unused() -> None:
    # r -> d -> r: every unit is cut off from the top, so span-of-control judges none of them and
    # cannot tell whether the adopted exception is still needed; OM102 is the one finding
    circle = TOP.replace("budget: true}\n", "parent: d, budget: true}\n", 1)
    unit = block_unit("p").replace("    leader: L\n", "    leader: L\n    staff: 75\n")
    text = circle + "  # orgmodel: ignore[span-of-control] vedtatt, to inspektører avlaster (p. 34)\n" + unit
    assert [d.code for d in check_yaml(text, ["personnel-cycle", "span-of-control"]).diagnostics] == ["OM102"]
    mended = text.replace(", parent: d, budget", ", budget", 1)
    result = check_yaml(mended.replace("staff: 75", "staff: 5"), ["personnel-cycle", "span-of-control"])
    assert [d.code for d in result.diagnostics] == ["OM091"]


def test_ignore_file_after_a_directive_and_document_start_still_leads() -> None:
    text = "%YAML 1.2\n---\n# orgmodel: ignore-file[level-skip] the draft skips levels (p. 58)\n" + TOP
    result = check_yaml(text + block_unit("p"), ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 1


def test_ignore_file_below_the_first_key_is_reported() -> None:
    text = TOP + "# orgmodel: ignore-file[level-skip] too late\n" + block_unit("p")
    result = check_yaml(text, ["level-skip"])
    assert positions(result.diagnostics) == [(6, 1, "OM091"), (9, 12, "OM111")]
    assert "only among the comments at the top of the file" in result.diagnostics[0].message


def test_a_hash_inside_a_quoted_name_is_not_a_comment() -> None:
    for name in ('"S # orgmodel: ignore[level-skip] x"', "'S # orgmodel: ignore[level-skip] x'"):
        result = check_yaml(TOP + block_unit("s", name), ["level-skip"])
        assert positions(result.diagnostics) == [(8, 12, "OM111")], name
        assert result.suppressed == 0


def test_a_hash_inside_a_flow_unit_name_or_block_scalar_is_not_a_comment() -> None:
    flow = TOP + '  - {id: s, name: "S # orgmodel: ignore[level-skip] x", level: 3, parent: d, leader: L}\n'
    assert positions(check_yaml(flow, ["level-skip"]).diagnostics) == [(6, 64, "OM111")]
    block = TOP + (
        "  - id: s\n"
        "    name: |\n"
        "      Skole\n"
        "      # orgmodel: ignore[level-skip] x\n"
        "    level: 3\n"
        "    parent: d\n"
        "    leader: L\n"
    )
    assert positions(check_yaml(block, ["level-skip"]).diagnostics) == [(10, 12, "OM111")]


def test_a_hash_on_a_continuation_line_of_a_quoted_scalar_is_not_a_comment() -> None:
    text = TOP + (
        "  - id: s\n"
        '    name: "Skole\n'
        '      # orgmodel: ignore[level-skip] x"\n'
        "    level: 3\n"
        "    parent: d\n"
        "    leader: L\n"
    )
    result = check_yaml(text, ["level-skip"])
    assert positions(result.diagnostics) == [(9, 12, "OM111")] and result.suppressed == 0


def test_a_real_comment_after_a_quoted_hash_still_counts() -> None:
    unit = (
        '  - {id: s, name: "S # x", level: 3, parent: d, leader: L}  # orgmodel: ignore[level-skip] p. 17\n'
    )
    result = check_yaml(TOP + unit, ["level-skip"])
    assert result.diagnostics == [] and result.suppressed == 1


def test_a_suppression_of_a_rule_that_does_not_run_is_neither_applied_nor_unused() -> None:
    text = TOP + "  # orgmodel: ignore[level-skip] pilot (p. 17)\n" + block_unit("p")
    result = check_yaml(text, ["budget-responsibility"])
    assert result.diagnostics == [] and result.suppressed == 0
    unknown = TOP + "  # orgmodel: ignore[level-skipp] pilot (p. 17)\n" + block_unit("p")
    result = check_yaml(unknown, ["budget-responsibility"])
    assert positions(result.diagnostics) == [(6, 3, "OM091")]  # a misspelt rule is still reported


def test_ignore_on_the_command_line_keeps_a_valid_suppression_quiet(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        TOP + "  # orgmodel: ignore[level-skip] pilot (p. 17)\n" + block_unit("p"), encoding="utf-8"
    )
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(model), "--ruleset", "default", "--ignore", "OM111"])
    assert (result.exit_code, result.stdout) == (0, "✓ 0 errors, 0 warnings in 1 file (3 units checked)\n")
    result = runner.invoke(app, ["check", str(model), "--ruleset", "default", "--select", "OM140"])
    assert result.exit_code == 0 and "OM091" not in result.stdout


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"### {title}\n")
    end = text.index("\n### ", start + 1)
    return text[start:end]


def test_the_readme_suppression_examples_are_in_the_example_that_runs() -> None:
    section = readme_section("Suppressions")
    examples = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert len(examples) >= 2
    model = (ROOT / "docs" / "examples" / "unntak.yaml").read_text(encoding="utf-8")
    for example in examples:
        assert example in model, example
    assert "<!-- readme-run: orgmodel check docs/examples/unntak.yaml" in section


def test_a_suppression_of_a_misspelt_rule_or_a_built_in_check_says_so() -> None:
    text = TOP + block_unit("p").replace("id: p\n", "id: p  # orgmodel: ignore[levl-skip, OM011] why\n")
    result = check_yaml(text, ["level-skip"])
    assert positions(result.diagnostics) == [(6, 12, "OM091"), (6, 12, "OM091"), (8, 12, "OM111")]
    assert sorted(d.message for d in result.diagnostics[:2]) == [
        "'OM011' is a check built into loading, which a suppression cannot silence",
        "the suppression names 'levl-skip', which is not a rule; did you mean 'level-skip'?",
    ]


def test_a_suppression_naming_a_rule_by_its_norwegian_word_gets_the_rules_name() -> None:
    text = TOP + block_unit("p").replace("id: p\n", "id: p  # orgmodel: ignore[nivåhopp] vedtatt unntak\n")
    result = check_yaml(text, ["level-skip"])
    assert [d.message for d in result.diagnostics if d.code == "OM091"] == [
        "the suppression names 'nivåhopp', which is not a rule; did you mean 'level-skip'?"
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=12),
    style=st.sampled_from(["double", "single", "flow", "block"]),
)
def test_no_text_inside_a_scalar_suppresses_anything(before: str, style: str) -> None:
    inside = f"{before} # orgmodel: ignore[level-skip] x"
    if style == "double":
        name = json.dumps(inside, ensure_ascii=False)
    else:
        name = "'" + inside.replace("'", "''") + "'"
    if style == "block":
        first = before.strip() or "S"  # a less indented '#' line after the block is a real comment
        unit = f"  - id: s\n    name: |\n      {first}\n      # orgmodel: ignore[level-skip] x\n"
        unit += "    level: 3\n    parent: d\n    leader: L\n"
    elif style == "flow":
        unit = f"  - {{id: s, name: {name}, level: 3, parent: d, leader: L}}\n"
    else:
        unit = block_unit("s", name)
    result = check_yaml(TOP + unit, ["level-skip"])
    assert result.suppressed == 0
    assert [d.code for d in result.diagnostics] == ["OM111"], unit


def test_a_suppression_without_a_reason_is_not_counted_as_with_a_reason(tmp_path: Path) -> None:
    text = TOP + block_unit("p").replace("id: p\n", "id: p  # orgmodel: ignore[level-skip]\n")
    text += "  # orgmodel: ignore[level-skip] decided (p. 17)\n" + block_unit("q")
    result = check_yaml(text, ["level-skip"])
    assert positions(result.diagnostics) == [(6, 12, "OM090")]
    assert (result.suppressed, result.suppressed_without_reason) == (2, 1)
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(model), "--select", "level-skip,OM090"])
    assert out.output.splitlines()[-1].endswith("(4 units checked, 2 suppressed (1 without a reason))")
    data = json.loads(
        CliRunner()
        .invoke(app, ["check", str(model), "--select", "level-skip,OM090", "--format", "json"])
        .output
    )
    assert (data["files"][0]["suppressed"], data["files"][0]["suppressed_without_reason"]) == (2, 1)
    model.write_text(text.replace(" decided (p. 17)", ""), encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(model), "--select", "level-skip,OM090"])
    assert out.output.splitlines()[-1].endswith("(4 units checked, 2 suppressed without a reason)")


def test_a_suppressions_own_findings_name_the_unit_it_sits_on() -> None:
    # the unit makes the finding's fingerprint and diff id its own ('finding-new:OM090:p'), not ':-:2'
    text = TOP + "  # orgmodel: ignore[level-skip]\n" + block_unit("p")
    text += block_unit("q").replace("level: 3", "level: 3  # orgmodel: ignore[level-skip]")
    result = check_yaml(text, ["level-skip"])
    assert [(d.code, d.unit) for d in result.diagnostics] == [("OM090", "p"), ("OM090", "q")]
    assert len({d.fingerprint for d in result.diagnostics}) == 2
    whole = "# orgmodel: ignore-file[level-skip]\n" + TOP + block_unit("p")
    assert [(d.code, d.unit) for d in check_yaml(whole, ["level-skip"]).diagnostics] == [("OM090", None)]


def test_a_suppression_without_a_reason_is_as_serious_as_what_it_hides() -> None:
    # a hostile pull request hid two errors with a bare ignore-file: OM090 was a warning, so a gate at
    # '--fail-on error' passed
    staff = TOP + "  - {id: v, name: V, level: 2, parent: d, leader: L, budget: true, staff: 90}\n"
    bare = staff.replace("staff: 90}", "staff: 90}  # orgmodel: ignore[span-of-control]")
    result = check_yaml(bare, ["span-of-control"])
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("OM090", "error")]
    reasoned = bare.replace("ignore[span-of-control]", "ignore[span-of-control] vedtatt i sak 12/26")
    assert check_yaml(reasoned, ["span-of-control"]).diagnostics == []
    warning = TOP + "  # orgmodel: ignore[level-skip]\n" + block_unit("p")  # a skip is a warning
    assert [(d.code, d.severity.value) for d in check_yaml(warning, ["level-skip"]).diagnostics] == [
        ("OM090", "warning")
    ]
