"""Vedtak made outside the kommune: which agreement, if any, lets a unit outside it decide (OM211).

Not a rule module: it registers nothing. A unit outside the kommune's own
organisation (a parentless ``iks`` or ``external`` unit, or one an agreement
lists, and the units below it: ``OrgGraph.outside``; not the kommune's own
control bodies) that ``decides`` a vedtak service makes enkeltvedtak for the
kommune's inhabitants. Another kommune does so under a vertskommune agreement
(an administrativt vertskommunesamarbeid, kommuneloven § 20-2: the host makes
the vedtak), so the agreement that lists the service and the unit is where the
model says so. A cooperation agreement (``samarbeidsavtale``: a fagnettverk, the
hospital) gives no one authority to decide.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from orgmodel.graph import MEMBER_KINDS, OUTSIDE_KINDS
from orgmodel.i18n import _
from orgmodel.rule import Context
from orgmodel.rules._vocab import agreement_label
from orgmodel.schema_sections import Agreement


@dataclass(frozen=True)
class OutsideDecision:
    """One ``decides`` entry of a unit outside the kommune that no agreement covers."""

    unit: str
    position: int
    service: str
    company: bool
    """The unit is (or sits in) an IKS: a company, not another kommune."""
    hint: str


def outside_decisions(ctx: Context) -> Iterator[OutsideDecision]:
    """Each vedtak an outside unit decides that no agreement listing the service (and the unit) covers."""
    graph = ctx.graph
    roots = _outside_roots(ctx)
    if not roots:
        return
    vedtak = {s.id for s in ctx.model.services if s.vedtak}
    for uid, unit in graph.units.items():
        if not unit.decides:
            continue
        chain = [uid, *graph.ancestors(uid)]
        root = chain[-1]
        if root not in roots:
            continue
        seen: set[str] = set()
        for pos, service in enumerate(unit.decides):
            if service in seen or service not in vedtak or _covered(ctx.model.agreements, service, chain):
                continue
            seen.add(service)
            company = graph.units[root].kind == "iks"
            yield OutsideDecision(uid, pos, service, company, _hint(ctx, uid, service, chain, company))


def _outside_roots(ctx: Context) -> set[str]:
    """The parentless units outside the kommune: an IKS, another body (``external``), an agreement's unit."""
    graph = ctx.graph
    listed = {uid for agreement in ctx.model.agreements for uid in agreement.units}
    return {
        uid
        for uid in graph.roots
        if uid in graph.outside and (graph.units[uid].kind in OUTSIDE_KINDS or uid in listed)
    }


def _covered(agreements: list[Agreement], service: str, chain: list[str]) -> bool:
    """Whether an agreement that may give authority lists ``service`` and the unit (or names no units)."""
    return any(
        agreement.kind not in MEMBER_KINDS
        and service in agreement.services
        and (not agreement.units or _lists(agreement, chain))
        for agreement in agreements
    )


def _lists(agreement: Agreement, chain: list[str]) -> bool:
    """Whether the agreement names the unit, or a unit above it, under ``units``."""
    return any(uid in agreement.units for uid in chain)


def _hint(ctx: Context, uid: str, service: str, chain: list[str], company: bool) -> str:
    """The agreement to write or complete, named where the model has one near it."""
    agreements = ctx.model.agreements
    member = next(
        (
            a
            for a in agreements
            if a.kind in MEMBER_KINDS and service in a.services and (not a.units or _lists(a, chain))
        ),
        None,
    )
    if member is not None:
        return _(
            "a cooperation agreement gives no authority to decide: if {agreement} is a vertskommune "
            "agreement, write 'kind: vertskommune' and its 'host:'; else let a unit of the kommune decide it"
        ).format(agreement=agreement_label(member))
    others = [a for a in agreements if a.kind not in MEMBER_KINDS]
    listing = next((a for a in others if _lists(a, chain)), None)
    if listing is not None:  # it names the unit, not the service
        return _(
            "add '{service}' to 'services:' of {agreement} if it gives that authority; else let a unit of "
            "the kommune decide it"
        ).format(service=service, agreement=agreement_label(listing))
    agreed = next((a for a in others if service in a.services), None)
    if agreed is not None:  # it names the service, and other units
        return _(
            "add '{unit}' to 'units:' of {agreement} if it decides under it; else let a unit of the kommune "
            "decide it"
        ).format(unit=chain[-1], agreement=agreement_label(agreed))
    if company:
        return _(
            "if the kommune has delegated this vedtak to the company, add its IKS agreement under "
            "'agreements:' (kind: iks) with '{unit}' under 'units:' and '{service}' under 'services:'; else "
            "let a unit of the kommune decide it"
        ).format(unit=chain[-1], service=service)
    return _(
        "add the vertskommune agreement under 'agreements:' (kind: vertskommune, 'host:' the deciding "
        "kommune's number) with '{unit}' under 'units:' and '{service}' under 'services:'; else let a unit "
        "of the kommune decide it"
    ).format(unit=chain[-1], service=service)
