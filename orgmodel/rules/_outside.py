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
"""

from __future__ import annotations

from orgmodel.graph import OrgGraph

OUTSIDE_KINDS = frozenset({"iks", "external"})


def _outside_root(graph: OrgGraph, uid: str, in_agreements: set[str]) -> bool:
    unit = graph.units[uid]
    return unit.parent is None and (unit.kind in OUTSIDE_KINDS or uid in in_agreements)


def agreement_units(graph: OrgGraph) -> set[str]:
    """The ids of the units some agreement lists under ``units``."""
    return {uid for agreement in graph.model.agreements for uid in agreement.units}


def outside(graph: OrgGraph) -> frozenset[str]:
    """The ids of parentless ``iks``/``external`` or agreement units and of every unit below them."""
    return graph.memoised("outside", lambda: frozenset(_outside(graph)))


def _outside(graph: OrgGraph) -> set[str]:
    in_agreements = agreement_units(graph)
    pending = [uid for uid in graph.roots if _outside_root(graph, uid, in_agreements)]  # none, mostly
    out: set[str] = set(pending)
    while pending:
        below = graph.children[pending.pop()]
        out.update(below)
        pending.extend(below)
    return out


def top_unit(graph: OrgGraph) -> str | None:
    """The top unit of the personnel tree: the first unit without a parent that is not outside it."""
    in_agreements = agreement_units(graph)
    return next((uid for uid in graph.roots if not _outside_root(graph, uid, in_agreements)), None)
