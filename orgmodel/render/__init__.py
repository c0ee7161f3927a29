"""Organisation charts: ``orgmodel render`` as HTML, SVG (through Graphviz), DOT and Mermaid.

``build_chart(checked, root=..., depth=...)`` gathers what a chart shows from a checked model;
``orgmodel.render.html``, ``orgmodel.render.graphviz`` and ``orgmodel.render.mermaid`` draw it.
A page of one's own embeds the chart with ``orgmodel.render.html.chart_section(chart)``.
"""

from __future__ import annotations

from orgmodel.render.tree import Chart, ChartUnit, build_chart

__all__ = ["Chart", "ChartUnit", "build_chart"]
