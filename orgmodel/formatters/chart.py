"""``orgmodel render``: the organisation chart as HTML, SVG, DOT or Mermaid (drawn by ``orgmodel.render``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgmodel.formatters import Formatter

if TYPE_CHECKING:
    from orgmodel.render import Chart


class ChartHtmlFormatter(Formatter):
    """One self-contained HTML page with a strict Content-Security-Policy."""

    def chart(self, chart: Chart) -> None:
        from orgmodel.render.html import page

        self.stream.write(page(chart))


class ChartSvgFormatter(Formatter):
    """SVG drawn by Graphviz's ``dot`` (ConfigError when it is not installed)."""

    def chart(self, chart: Chart) -> None:
        from orgmodel.render.graphviz import svg_text

        self.stream.write(svg_text(chart))


class ChartDotFormatter(Formatter):
    """Graphviz DOT text."""

    def chart(self, chart: Chart) -> None:
        from orgmodel.render.graphviz import dot_text

        self.stream.write(dot_text(chart))


class ChartMermaidFormatter(Formatter):
    """A Mermaid flowchart."""

    def chart(self, chart: Chart) -> None:
        from orgmodel.render.mermaid import mermaid_text

        self.stream.write(mermaid_text(chart))
