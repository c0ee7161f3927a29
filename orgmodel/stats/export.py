r"""``orgmodel export``: a model as a graph file for Gephi, yEd or a notebook, through networkx.

The graph shape (docs/stats.md): one node per unit, keyed by its id, with
the attributes ``name``, ``kind``, ``level``, ``leader``, ``staff``,
``budget``, ``role``, ``kommunedeler``, ``sites``, ``delivers`` and
``decides``; a directed edge with ``line`` set to ``personnel`` (leader ->
unit, along ``parent``), ``professional`` (unit -> the unit it reports to
professionally, along ``functional``) or ``supervises`` (authority ->
supervised unit). GraphML and GEXF hold only scalar attributes, so a list is
written as its ids joined by ``,`` and an attribute the model leaves out
(``staff`` not stated, no ``leader``) is omitted, never written as 0 or "".
Only references to existing units become edges. In GraphML and GEXF, text
with characters XML cannot hold or that are invisible (controls, bidi
overrides) shows them as visible escapes (``\x1b``), as on a terminal;
node-link JSON keeps every character (as ``\u`` escapes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any, Literal

from orgmodel.escape import json_dumps, text
from orgmodel.graph import OrgGraph

ExportFormat = Literal["graphml", "gexf", "json-graph"]
LIST_SEPARATOR = ","


def unit_graph(graph: OrgGraph) -> Any:
    """The model as a networkx ``MultiDiGraph`` with scalar attributes (built on ``OrgGraph.to_networkx``)."""
    nx_graph = graph.to_networkx()
    for uid, unit in graph.units.items():
        attrs = nx_graph.nodes[uid]
        attrs["budget"] = unit.budget
        attrs["role"] = unit.role
        for key in ("kommunedeler", "sites", "delivers", "decides"):
            attrs[key] = LIST_SEPARATOR.join(dict.fromkeys(getattr(unit, key))) or None
        for key in [k for k, v in attrs.items() if v is None]:
            del attrs[key]
    nx_graph.add_edges_from(
        (uid, target, {"line": "supervises"})
        for uid, unit in graph.units.items()
        for target in dict.fromkeys(unit.supervises)
        if target in graph.units
    )
    nx_graph.graph["kommune"] = graph.model.kommune
    return nx_graph


def _xml_safe(nx_graph: Any) -> Any:
    """Every text attribute with unsafe characters shown as visible escapes (``orgmodel.escape.text``).

    XML 1.0 cannot hold most control characters (a reader stops at them), and
    bidi overrides would reorder what Gephi or yEd shows; the graph is fresh,
    so it is changed in place.
    """
    attribute_maps = [nx_graph.graph, *(d for _, d in nx_graph.nodes(data=True))]
    attribute_maps += [d for *_, d in nx_graph.edges(data=True)]
    for attrs in attribute_maps:
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = text(value)
    return nx_graph


def _graphml(nx_graph: Any, stream: IO[bytes]) -> None:
    import networkx as nx

    nx.write_graphml(_xml_safe(nx_graph), stream, encoding="utf-8", named_key_ids=True)


def _gexf(nx_graph: Any, stream: IO[bytes]) -> None:
    import networkx as nx

    nx.write_gexf(_xml_safe(nx_graph), stream, encoding="utf-8")


def _node_link(nx_graph: Any, stream: IO[bytes]) -> None:
    import networkx as nx

    stream.write((json_dumps(nx.node_link_data(nx_graph, edges="edges")) + "\n").encode("utf-8"))


WRITERS: dict[ExportFormat, Callable[[Any, IO[bytes]], None]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "json-graph": _node_link,
}


def write_graph(graph: OrgGraph, output_format: ExportFormat, stream: IO[bytes]) -> None:
    """Write the unit graph to a binary stream in ``output_format`` (UTF-8)."""
    WRITERS[output_format](unit_graph(graph), stream)
