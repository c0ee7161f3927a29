"""Units outside the basisorganisasjon: an IKS or an external provider kept out of the personnel tree.

Not a rule module: it registers nothing. domain.md: an IKS (and an
external provider) delivers services but is outside the municipality's own
organisation, so a unit of ``kind: iks`` or ``kind: external`` written
without a ``parent`` is not a second top unit, needs no leader role, and is
not counted in levels, spans or sizes; nor are units placed below it. A unit
of those kinds WITH a ``parent`` sits in the personnel tree and is judged
like any other.
"""

from __future__ import annotations

from orgmodel.graph import OrgGraph

OUTSIDE_KINDS = frozenset({"iks", "external"})


def outside(graph: OrgGraph) -> set[str]:
    """The ids of parentless ``iks``/``external`` units and of every unit below them."""
    out: set[str] = set()
    units = graph.units
    for uid in graph.depth:  # leaders before their units
        unit = units[uid]
        if (unit.parent is None and unit.kind in OUTSIDE_KINDS) or unit.parent in out:
            out.add(uid)
    return out


def top_unit(graph: OrgGraph) -> str | None:
    """The top unit of the personnel tree: the first unit without a parent that is not outside it."""
    units = graph.units
    return next((uid for uid in graph.roots if units[uid].kind not in OUTSIDE_KINDS), None)
