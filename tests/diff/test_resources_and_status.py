"""A unit's årsverk and budget, and the model's own status and proposal, are changes of their own."""

from __future__ import annotations

import io

from orgmodel.diff import KINDS, DiffResult, diff_models
from orgmodel.diff.run import DiffReport, FileDiff
from orgmodel.formatters import diff_renderer

from .helpers import base_units, edit, kinds, org, run


def test_fte_change_is_reported_by_unit() -> None:
    old = edit(base_units(), "v-nord", fte=42.5)
    result = run(old, edit(base_units(), "v-nord", fte=40))
    assert kinds(result) == [("fte-changed", "v-nord")]
    change = result.changes[0]
    assert change.id == "fte-changed:v-nord"
    assert change.message == "'Hjemmetjenester Nord' (v-nord): årsverk (fte) 42.5 -> 40"
    assert (change.before, change.after) == (42.5, 40)


def test_fte_first_stated_is_a_change() -> None:
    result = run(base_units(), edit(base_units(), "v-nord", fte=12))
    assert kinds(result) == [("fte-changed", "v-nord")]


def test_same_fte_written_as_float_is_no_change() -> None:
    assert run(edit(base_units(), "v-nord", fte=40), edit(base_units(), "v-nord", fte=40.0)).changes == []


def test_budget_nok_change_is_reported_by_unit() -> None:
    result = run(base_units(), edit(base_units(), "v-alfa", budget_nok=30_000_000))
    assert kinds(result) == [("budget-nok-changed", "v-alfa")]
    assert result.changes[0].message == "'Alfa skole' (v-alfa): annual budget (NOK) (none) -> 30000000"


def test_model_status_and_proposal_changes() -> None:
    old = org(base_units(), status="adopted", proposal="Forslag 3", valid_from="2020-01-01")
    new = org(base_units(), status="hearing", proposal="Forslag 4", valid_from="2021-01-01")
    result = diff_models(old, new)
    by_kind = {c.kind: c for c in result.changes}
    assert list(by_kind) == ["model-status-changed", "proposal-changed", "valid-from-changed"]
    assert by_kind["model-status-changed"].message == (
        "the model's status: adopted -> out for consultation (høring)"
    )
    assert by_kind["proposal-changed"].message == "the model's proposal: 'Forslag 3' -> 'Forslag 4'"
    assert by_kind["valid-from-changed"].after == "2021-01-01"
    assert all(kind in KINDS for kind in by_kind)


def _render(result: DiffResult, fmt: str) -> str:
    stream = io.StringIO()
    report = DiffReport("a.yaml", "b.yaml", [FileDiff("a.yaml", "b.yaml", result)])
    diff_renderer(fmt, stream, color=False).diff(report)
    return stream.getvalue()


def test_a_diff_of_only_resource_changes_never_says_no_change() -> None:
    result = run(base_units(), edit(base_units(), "v-nord", fte=12, budget_nok=1000))
    for fmt in ("text", "markdown", "html"):
        text = _render(result, fmt)
        assert "No change (" not in text and "\n  no change\n" not in text, fmt
        arrow = "-&gt;" if fmt == "html" else "->"
        assert f"årsverk (fte) (none) {arrow} 12" in text
    assert '"kind": "budget-nok-changed"' in _render(result, "json")


def test_list_kinds_names_the_new_kinds() -> None:
    from typer.testing import CliRunner

    from orgmodel.cli import app

    out = CliRunner().invoke(app, ["diff", "--list-kinds"]).stdout
    for kind in ("fte-changed", "budget-nok-changed", "model-status-changed", "proposal-changed"):
        assert f"\n{kind} " in out
