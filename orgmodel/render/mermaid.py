"""The organisation chart as a Mermaid flowchart, for wikis and Markdown documents.

Node ids are generated (``u1``, ``u2``, ... in drawing order), never a unit's id, so no id can
be a Mermaid keyword (``end``, ``graph``). Every label is a quoted string in which each
character other than letters, digits and a few plain marks is written as Mermaid's entity code
(``#34;`` for ``"``, ``#60;`` for ``<``), so no name can end its label, its line or the diagram;
lines inside a label are joined with ``<br/>``. Personnel lines are ``-->``, professional lines
dotted ``-.->``; units with findings get the class of their worst finding.
"""

from __future__ import annotations

from orgmodel import escape
from orgmodel.i18n import _
from orgmodel.render.tree import Chart, ChartUnit, span_text

CLASSES = (
    "  classDef error fill:#ffebe9,stroke:#cf222e,stroke-width:2px",
    "  classDef warning fill:#fff8c5,stroke:#9a6700,stroke-width:2px",
    "  classDef info fill:#ddf4ff,stroke:#0969da,stroke-width:2px",
)


def entities(text: str) -> str:
    """``text`` inside a Mermaid label (``escape.mermaid``; the chart's '·' and '≥' stay as they are)."""
    return escape.mermaid(text, keep="·≥")


def _label(unit: ChartUnit) -> str:
    lines = [entities(unit.name)]
    if unit.leader:
        lines.append(entities(unit.leader))
    lines.append(entities(_("level {level}").format(level=unit.level) + " · " + span_text(unit)))
    if unit.findings:
        lines.append(entities(", ".join(dict.fromkeys(f.code for f in unit.findings))))
    return '"' + "<br/>".join(lines) + '"'


def mermaid_text(chart: Chart) -> str:
    """The chart as a ``flowchart TD`` definition (without a Markdown fence)."""
    ids = {uid: f"u{i}" for i, uid in enumerate(chart.units, start=1)}
    lines = ["flowchart TD"]
    lines += [f"  {ids[uid]}[{_label(unit)}]" for uid, unit in chart.units.items()]
    lines += [
        f"  {ids[uid]} --> {ids[child]}" for uid, unit in chart.units.items() for child in unit.children
    ]
    lines += [f"  {ids[uid]} -.-> {ids[target]}" for uid, target in chart.professional_lines()]
    marked: dict[str, list[str]] = {}
    for uid, unit in chart.units.items():
        if unit.findings:
            marked.setdefault(unit.findings[0].severity.value, []).append(ids[uid])
    if marked:
        lines += CLASSES
        lines += [f"  class {','.join(nodes)} {severity}" for severity, nodes in marked.items()]
    return "\n".join(lines) + "\n"
