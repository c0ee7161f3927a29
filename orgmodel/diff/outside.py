"""A service that moves out of the basisorganisasjon (into an IKS or a company), or back into it.

An Asker planner's proposal moved legevakt from a virksomhet into an IKS: the diff said the
virksomhet was removed and an IKS added, and under Services "no change". Whether a service is
delivered inside the municipality's own organisation is one of LOS's principles (Asker LOS,
Organisering pkt. 4; Drammen brought its legevakt IKS in, p. 48): the move is said once, per service.
"""

from __future__ import annotations

from orgmodel.diff.kinds import Change
from orgmodel.diff.units import label
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _
from orgmodel.rules._principles import words


def outside_changes(old: OrgGraph, new: OrgGraph) -> list[Change]:
    """Each service whose delivery from outside the basisorganisasjon changed between OLD and NEW.

    A service counts as delivered from outside when a unit outside the basisorganisasjon (``kind:
    iks`` or ``external`` without a parent, and the units under it) delivers it; a service only one
    side has is ``service-added`` or ``service-removed`` instead. Each side delivers a service from
    inside, from outside, or from both (a private provider beside the kommune's own units, Asker's
    fritt brukervalg): a service moving wholly out is ``service-outside``, wholly in ``service-inside``,
    and one the kommune's own units keep delivering beside a provider outside that came or went is
    ``service-outside-also`` or ``service-inside-also``, never "moved out" while its own units stay.
    """
    names = {s.id: s.name for s in [*old.model.services, *new.model.services]}
    common = {s.id for s in old.model.services} & {s.id for s in new.model.services}
    out = []
    for service in sorted(common):
        was_out, now_out = _outside(old, service), _outside(new, service)
        was_in, now_in = _inside(old, service), _inside(new, service)
        if bool(was_out) == bool(now_out) and bool(was_in) == bool(now_in):
            continue
        if not was_out and not now_out:
            continue  # delivered or not by the kommune's own units only: no move across the border
        kind, message = _move(bool(was_in), bool(was_out), bool(now_in), bool(now_out))
        text = message.format(
            service=names[service],
            id=service,
            out_now=words([label(new, u) for u in now_out], limit=3),
            in_now=words([label(new, u) for u in now_in], limit=3),
            out_was=words([label(old, u) for u in was_out], limit=3),
            in_was=words([label(old, u) for u in was_in], limit=3),
        )
        out.append(
            Change(
                kind,
                f"{kind}:{service}",
                text,
                unit=service,
                name=names[service],
                before=sorted(was_out) or None,
                after=sorted(now_out) or None,
            )
        )
    return out


def _move(was_in: bool, was_out: bool, now_in: bool, now_out: bool) -> tuple[str, str]:
    """The kind and message of a service's delivery moving across the basisorganisasjon's border."""
    if now_out and not now_in:  # wholly outside now
        if was_in and was_out:
            return "service-outside", _(
                "'{service}' ({id}) is now delivered only from outside the basisorganisasjon, by {out_now}; "
                "before also by {in_was}"
            )
        if was_in:
            return "service-outside", _(
                "'{service}' ({id}) is now delivered from outside the basisorganisasjon, by {out_now}; "
                "before by {in_was}"
            )
        return "service-outside", _(
            "'{service}' ({id}) is now delivered from outside the basisorganisasjon, by {out_now}"
        )
    if now_in and not now_out:  # wholly inside now
        if was_in:
            return "service-inside", _(
                "'{service}' ({id}) is no longer delivered from outside the basisorganisasjon (before also "
                "by {out_was}); still by {in_now}"
            )
        return "service-inside", _(
            "'{service}' ({id}) is now delivered inside the basisorganisasjon, by {in_now}; before from "
            "outside it, by {out_was}"
        )
    if not was_out:  # both now, inside only before: a provider outside came beside the kommune's own
        return "service-outside-also", _(
            "'{service}' ({id}) is now also delivered from outside the basisorganisasjon, by {out_now}; "
            "still by {in_now}"
        )
    return "service-inside-also", _(
        "'{service}' ({id}) is now also delivered inside the basisorganisasjon, by {in_now}; still from "
        "outside it, by {out_now}"
    )


def _outside(graph: OrgGraph, service: str) -> list[str]:
    """The units outside the basisorganisasjon that deliver ``service``, in file order."""
    return [u for u in graph.deliverers.get(service, []) if u in graph.outside]


def _inside(graph: OrgGraph, service: str) -> list[str]:
    """The units of the basisorganisasjon that deliver ``service``, in file order."""
    return [u for u in graph.deliverers.get(service, []) if u not in graph.outside]
