"""``orgmodel stats`` and ``orgmodel export``: figures and graph files computed from a checked model.

``measure(checked, ruleset)`` returns a ``ModelStats`` (``orgmodel.stats.result``);
the formatters render it. ``write_graph`` writes the model as GraphML, GEXF
or networkx's node-link JSON. Both read the graph and journeys the engine
built, never a second parse; networkx is imported only here, on first use.
"""

from __future__ import annotations

from orgmodel.stats.export import WRITERS, ExportFormat, unit_graph, write_graph
from orgmodel.stats.measure import measure
from orgmodel.stats.result import ModelStats

__all__ = ["WRITERS", "ExportFormat", "ModelStats", "measure", "unit_graph", "write_graph"]
