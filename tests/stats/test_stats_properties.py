"""Property test: any model rewired from the corpus gives figures that add up, or a ModelError; never a crash.

The models come from the semantic strategy of tests/fuzz_mutants.py (valid models with
parents, lines, places and needs rewired at random). Every format of
``stats`` and ``export`` renders them, and the XML graph files read back.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import semantic_example, settings_for

import orgmodel
from orgmodel.api import ModelError
from orgmodel.engine import check_file
from orgmodel.formatters import formats_for, stats_renderer
from orgmodel.stats import WRITERS
from orgmodel.stats.result import ModelStats


def _adds_up(figures: ModelStats) -> None:
    units = figures.units
    assert sum(g.units for g in figures.levels) == units
    assert sum(g.units for g in figures.direktor_areas) == units
    assert sum(g.units for g in figures.roles) == units
    assert sum(g.leaders for g in figures.spans.by_role) == units
    assert sum(b.units_led for b in figures.spans.buckets) == units
    assert sum(b.span for b in figures.spans.buckets) == units - figures.spans.span_unknown
    assert sum(g.staff_missing for g in figures.levels) == figures.staff_missing
    assert all(g.people >= g.units for g in figures.levels)
    share = figures.share
    assert share.service_units + share.staff_support_units <= units
    assert len(figures.coverage.cells) == len(figures.coverage.kommunedeler) * len(figures.coverage.services)


@settings_for(30)
@given(data=st.data())
def test_figures_add_up_and_every_format_renders(data: st.DataObject) -> None:
    raw = semantic_example(data)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "model.yaml"
        path.write_bytes(raw)
        try:
            figures = orgmodel.model_stats(path)
        except ModelError as error:
            assert error.diagnostics  # the load errors, as check reports them
            return
        _adds_up(figures)
        for name in formats_for("stats"):
            stats_renderer(name, io.StringIO()).stats(figures)
        for fmt in WRITERS:
            stream = io.BytesIO()
            orgmodel.export_graph(path, fmt, stream)  # type: ignore[arg-type]
            if fmt in ("graphml", "gexf"):
                target = Path(directory) / f"g.{fmt}"
                target.write_bytes(stream.getvalue())
                back = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
                assert back.number_of_nodes() == len(check_file(path, []).graph.units)
