"""The organisation chart as Graphviz DOT text, and as SVG drawn by Graphviz's ``dot`` command.

Labels are Graphviz's HTML-like labels, whose text is escaped as HTML (``escape.html``), so no
name can end its label, its node or the graph. Personnel lines are solid and lay out the tree;
professional lines are dashed and purple and do not move the boxes (``constraint=false``). A unit
with findings has a red (error), yellow (warning) or blue (info) border and its findings'
codes in the box, the messages in its tooltip.
"""

from __future__ import annotations

import shutil
import subprocess

from orgmodel import escape
from orgmodel.i18n import _
from orgmodel.render.tree import Chart, ChartUnit, span_text
from orgmodel.ruleset import ConfigError

COLOURS = {"error": "#cf222e", "warning": "#9a6700", "info": "#0969da"}
PROFESSIONAL = 'style=dashed, color="#8250df", constraint=false, arrowhead=vee'
FILLS = {"error": "#ffebe9", "warning": "#fff8c5", "info": "#ddf4ff"}


def _quoted(value: str) -> str:
    """A DOT double-quoted string (an id or an attribute) holding ``value`` as it is."""
    return '"' + escape.text(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label(unit: ChartUnit) -> str:
    esc = escape.html
    rows = [f"<B>{esc(unit.name)}</B>"]
    if unit.leader:
        rows.append(esc(unit.leader))
    figures = [_("level {level}").format(level=unit.level), span_text(unit)]
    if unit.staff is not None:
        figures.insert(1, _("staff {n}").format(n=unit.staff))
    rows.append(f'<FONT POINT-SIZE="9" COLOR="#57606a">{esc(" · ".join(figures))}</FONT>')
    if unit.findings:
        codes = ", ".join(dict.fromkeys(f.code for f in unit.findings))
        rows.append(
            f'<FONT POINT-SIZE="9" COLOR="{COLOURS[unit.findings[0].severity.value]}">{esc(codes)}</FONT>'
        )
    return "<" + "<BR/>".join(rows) + ">"


def _node(unit: ChartUnit) -> str:
    attrs = [f"label={_label(unit)}"]
    if unit.findings:
        severity = unit.findings[0].severity.value
        tooltip = "\n".join(f"{f.code} {f.message}" for f in unit.findings)
        attrs += [
            f'color="{COLOURS[severity]}"',
            f'fillcolor="{FILLS[severity]}"',
            "penwidth=2",
            f"tooltip={_quoted(tooltip)}",
        ]
    return f"  {_quoted(unit.id)} [{', '.join(attrs)}];"


def dot_text(chart: Chart) -> str:
    """The chart as a DOT digraph, top unit first, one node per unit."""
    lines = [
        f"digraph {_quoted(chart.title)} {{",
        "  rankdir=LR;",
        '  graph [fontname="Helvetica", ranksep=0.5, nodesep=0.12];',
        '  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#8c959f",',
        '    fontname="Helvetica", fontsize=11, margin="0.12,0.06"];',
        '  edge [color="#8c959f", arrowhead=none];',
    ]
    lines += [_node(unit) for unit in chart.units.values()]
    lines += [
        f"  {_quoted(uid)} -> {_quoted(child)};"
        for uid, unit in chart.units.items()
        for child in unit.children
    ]
    lines += [
        f"  {_quoted(uid)} -> {_quoted(target)} [{PROFESSIONAL}];"
        for uid, target in chart.professional_lines()
    ]
    lines.append("}")
    return "\n".join(lines) + "\n"


DOT_TIMEOUT = 300
"""Seconds Graphviz may take to draw a chart (a model of 10,000 units takes about 20) before it is stopped."""


def svg_text(chart: Chart) -> str:
    """The chart drawn by Graphviz as SVG; ConfigError when ``dot`` is not installed or fails."""
    program = shutil.which("dot")
    if program is None:
        raise ConfigError(
            _(
                "--format svg needs Graphviz's 'dot' command (Debian: apt-get install graphviz); "
                "--format dot writes the graph for it"
            )
        )
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=dot_text(chart).encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=DOT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise ConfigError(
            _(
                "Graphviz's dot did not finish in {seconds} seconds: draw a part of the model "
                "(--root, --depth), or write --format dot and run dot yourself"
            ).format(seconds=DOT_TIMEOUT)
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines() or [str(done.returncode)]
        raise ConfigError(_("Graphviz's dot failed: {said}").format(said=escape.text(said[-1])))
    return done.stdout.decode("utf-8")
