"""Units outside the basisorganisasjon: an IKS or an external provider kept out of the personnel tree.

Not a rule module: it registers nothing. domain.md: an IKS (and an
external provider) delivers services but is outside the municipality's own
organisation, so a unit of ``kind: iks`` or ``kind: external`` written
without a ``parent`` is not a second top unit, needs no leader role, and is
not counted in levels, spans or sizes; nor are units placed below it. A unit
of those kinds WITH a ``parent`` sits in the personnel tree and is judged
like any other.

A unit listed under an agreement's ``units`` (an IKS, a vertskommune's
service, a partnership with the state: seeds 000 p. 39, 49 and 002) is
outside in the same way when it has no ``parent``, whatever its kind.
The graph works them out once per model (``OrgGraph.outside``, ``.top``);
these names are the rules' way in.
"""

from __future__ import annotations

from collections.abc import Set

from orgmodel.graph import OrgGraph


def outside(graph: OrgGraph) -> Set[str]:
    """The ids of parentless ``iks``/``external`` or agreement units and of every unit below them."""
    return graph.outside


def top_unit(graph: OrgGraph) -> str | None:
    """The top unit of the personnel tree: the first unit without a parent that is not outside it."""
    return graph.top
