"""The checked model is the unit of exchange: check builds the graph once, diff and trace reuse it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel import journeys as journeys_module
from orgmodel.cli import app
from orgmodel.engine import check_file
from orgmodel.graph import OrgGraph
from orgmodel.journeys import Journeys
from orgmodel.ruleset import load_ruleset

OLD = str(FIXTURES / "diff" / "old.yaml")
NEW = str(FIXTURES / "diff" / "new.yaml")
RULESET = str(FIXTURES / "diff" / "ruleset.yaml")
DRAMMEN = ROOT / "models" / "drammen-2020.yaml"


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[int]]]:
    """Counts OrgGraph and Journeys constructions: the ids of the models each was built for."""
    seen: dict[str, list[int]] = {"graphs": [], "journeys": []}
    graph_init, journeys_init = OrgGraph.__init__, Journeys.__init__

    def count_graph(self: OrgGraph, model: Any) -> None:
        seen["graphs"].append(id(model))
        graph_init(self, model)

    def count_journeys(self: Journeys, graph: OrgGraph, *categories: tuple[str, ...]) -> None:
        seen["journeys"].append(id(graph))
        journeys_init(self, graph, *categories)

    monkeypatch.setattr(OrgGraph, "__init__", count_graph)
    monkeypatch.setattr(Journeys, "__init__", count_journeys)
    yield seen


def test_a_two_file_diff_builds_one_graph_and_one_set_of_journeys_per_side(
    built: dict[str, list[int]],
) -> None:
    result = CliRunner().invoke(app, ["diff", OLD, NEW, "--ruleset", RULESET, "--no-color"])
    assert result.exit_code == 0, result.output
    assert "persona" in result.stdout  # the journeys were compared
    assert len(built["graphs"]) == 2 and len(set(built["graphs"])) == 2
    assert len(built["journeys"]) == 2 and len(set(built["journeys"])) == 2


def test_a_diff_without_rules_still_builds_one_graph_per_side(built: dict[str, list[int]]) -> None:
    result = CliRunner().invoke(app, ["diff", OLD, NEW, "--no-color"])
    assert result.exit_code == 0, result.output
    assert len(built["graphs"]) == 2


def test_trace_builds_one_graph_per_file(built: dict[str, list[int]]) -> None:
    result = CliRunner().invoke(app, ["trace", "kari", OLD, NEW, "--no-color"])
    assert result.exit_code == 0, result.output
    assert len(built["graphs"]) == 2 and len(built["journeys"]) == 2


def test_the_rules_and_the_checked_model_share_the_journeys(built: dict[str, list[int]]) -> None:
    checked = check_file(DRAMMEN, load_ruleset("drammen-2020").instances())
    assert checked.rules_run and len(built["graphs"]) == 1
    assert len(built["journeys"]) == 1  # the OM22x rules computed them
    first = checked.journeys.by_id(checked.model.personas[0].id) if checked.model else None
    assert first is not None and checked.journeys.all()[0] is first
    assert checked.graph is checked.context.graph and len(built["graphs"]) == 1
    assert len(built["journeys"]) == 1


def test_no_module_keeps_a_cache_keyed_on_graphs() -> None:
    import orgmodel.diff.derived
    import orgmodel.diff.personas
    import orgmodel.trace

    for module in (orgmodel.trace, orgmodel.diff.derived, orgmodel.diff.personas, journeys_module):
        assert "weakref" not in vars(module), module.__name__


def test_a_model_with_reference_errors_builds_its_graph_on_first_use(tmp_path: Any) -> None:
    text = DRAMMEN.read_text(encoding="utf-8").replace("parent: ", "parent: nobody-", 1)
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    checked = check_file(path, [])
    assert checked.model is not None and not checked.rules_run
    assert checked.graph is checked.graph and len(checked.graph.units) == len(checked.model.units)


def test_a_file_that_does_not_load_has_no_graph(tmp_path: Any) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("units: [\n", encoding="utf-8")
    checked = check_file(path, [])
    with pytest.raises(ValueError, match="did not load into a model"):
        checked.graph  # noqa: B018


def test_the_checked_model_holds_the_source_map_at_the_cause() -> None:
    checked = check_file(FIXTURES / "invalid" / "cycle.yaml", load_ruleset("default").instances())
    assert checked.source is checked.document.source
    span = checked.source.span(("units", 4, "parent"))
    assert (span.line, span.col) == (18, 13) == (checked.diagnostics[0].line, checked.diagnostics[0].col)
