"""``orgmodel export``: GraphML, GEXF and node-link JSON read back with networkx's own readers."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.cli.stats_cmd import ExportFormat
from orgmodel.engine import check_file
from orgmodel.stats import WRITERS, unit_graph

DRAMMEN = ROOT / "models" / "drammen-2020.yaml"
BUCKETS = FIXTURES / "stats" / "buckets.yaml"


def _read(fmt: str, path: Path) -> nx.MultiDiGraph:
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return sorted((a, b, data["line"]) for a, b, data in graph.edges(data=True))


def _nodes(graph: nx.MultiDiGraph) -> dict[str, dict[str, object]]:
    # GEXF's reader adds a 'label' (the id, as no label is written); every other key round-trips
    return {n: {k: v for k, v in data.items() if k != "label"} for n, data in graph.nodes(data=True)}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json-graph"])
@pytest.mark.parametrize("model", [DRAMMEN, BUCKETS], ids=["drammen", "buckets"])
def test_the_export_reads_back_with_equal_nodes_edges_and_attributes(
    tmp_path: Path, fmt: str, model: Path
) -> None:
    out = tmp_path / f"graph.{ {'graphml': 'graphml', 'gexf': 'gexf', 'json-graph': 'json'}[fmt] }"
    result = CliRunner().invoke(app, ["export", str(model), "--format", fmt, "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    expected = unit_graph(check_file(model, []).graph)
    back = _read(fmt, out)
    assert back.number_of_nodes() == expected.number_of_nodes()
    assert back.number_of_edges() == expected.number_of_edges()
    assert _nodes(back) == _nodes(expected)
    assert _edges(back) == _edges(expected)


def test_the_graph_shape_of_the_small_model() -> None:
    graph = unit_graph(check_file(BUCKETS, []).graph)
    assert graph.number_of_nodes() == 9  # every unit, the iks too
    assert _edges(graph) == [
        ("helse", "hj-nord", "personnel"),
        ("helse", "hj-sor", "personnel"),
        ("helse", "tildeling", "personnel"),
        ("hj-nord", "avd-natt", "personnel"),
        ("stab", "bib", "personnel"),
        ("top", "helse", "personnel"),
        ("top", "stab", "personnel"),
    ]
    assert graph.nodes["hj-nord"] == {
        "name": "Hjemmetjenester Nord",
        "level": 3,
        "leader": "Leder",
        "staff": 10,
        "budget": False,
        "role": "provider",
        "kommunedeler": "nord",
        "sites": "hub-nord",
        "delivers": "hjemmetjenester",
    }
    assert "staff" not in graph.nodes["avd-natt"]  # not stated: omitted, never 0


def test_drammen_has_professional_and_supervision_lines() -> None:
    graph = unit_graph(check_file(DRAMMEN, []).graph)
    lines = [data["line"] for _, _, data in graph.edges(data=True)]
    assert lines.count("personnel") == 153  # every unit but the rådmann has one parent
    assert lines.count("professional") == 4  # Tjenestetildeling's; the digital agents are positions
    # grep -o 'supervises: \[[^]]*\]' models/drammen-2020.yaml -> 3 + 1 lines of supervision
    assert lines.count("supervises") == 4
    assert graph.nodes["virk-tildeling"]["decides"].split(",")[:2] == ["hjemmetjenester", "sykehjem"]


def test_stdout_and_refused_outputs(tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["export", str(BUCKETS), "--format", "json-graph"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["graph"] == {"kommune": "Testby"}
    refused = runner.invoke(app, ["export", str(BUCKETS), "--format", "gexf", "-o", str(tmp_path / "m.yaml")])
    assert refused.exit_code == 2
    assert refused.stderr == f"orgmodel: --output {tmp_path / 'm.yaml'}: a gexf file ends in .gexf\n"
    assert not (tmp_path / "m.yaml").exists()
    missing = runner.invoke(app, ["export", str(BUCKETS)])
    assert missing.exit_code == 2


def test_the_commands_choices_are_the_writers() -> None:
    assert [f.value for f in ExportFormat] == list(WRITERS) == ["graphml", "gexf", "json-graph"]


def test_control_characters_in_names_keep_the_xml_well_formed(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        'orgmodel: 1\nkommune: "K\\x01"\nunits:\n  - {id: a, name: "A\\x1b[31m\\u202e<b>&", level: 1}\n'
    )
    runner = CliRunner()
    for fmt, suffix in (("graphml", "graphml"), ("gexf", "gexf"), ("json-graph", "json")):
        out = tmp_path / f"g.{suffix}"
        assert runner.invoke(app, ["export", str(model), "-f", fmt, "-o", str(out)]).exit_code == 0
        back = _read(fmt, out)
        expected = "A\u001b[31m\u202e<b>&" if fmt == "json-graph" else "A\\x1b[31m\\u202e<b>&"
        assert back.nodes["a"]["name"] == expected
        assert "\x1b" not in out.read_text(encoding="utf-8")
