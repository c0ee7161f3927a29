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
    """Each service delivered from outside the basisorganisasjon in NEW and not in OLD, or the reverse.

    A service counts as delivered from outside when a unit outside the basisorganisasjon (``kind:
    iks`` or ``external`` without a parent, and the units under it) delivers it; a service only one
    side has is ``service-added`` or ``service-removed`` instead.
    """
    names = {s.id: s.name for s in [*old.model.services, *new.model.services]}
    common = {s.id for s in old.model.services} & {s.id for s in new.model.services}
    out = []
    for service in sorted(common):
        was, now = _outside(old, service), _outside(new, service)
        if bool(was) == bool(now):
            continue
        moved_out = bool(now)
        kind = "service-outside" if moved_out else "service-inside"
        if moved_out:
            message = _("'{service}' ({id}) is now delivered from outside the basisorganisasjon, by {now}")
            before = _inside(old, service)
            tail = _("; before by {units}") if before else ""
        else:
            message = _("'{service}' ({id}) is now delivered inside the basisorganisasjon, by {now}")
            before, tail = was, _("; before from outside it, by {units}")
        shown_now = now if moved_out else _inside(new, service)
        message = message.format(
            service=names[service], id=service, now=words([label(new, u) for u in shown_now], limit=3)
        )
        if tail:
            message += tail.format(units=words([label(old, u) for u in before], limit=3))
        out.append(
            Change(
                kind,
                f"{kind}:{service}",
                message,
                unit=service,
                name=names[service],
                before=sorted(was) or None,
                after=sorted(now) or None,
            )
        )
    return out


def _outside(graph: OrgGraph, service: str) -> list[str]:
    """The units outside the basisorganisasjon that deliver ``service``, in file order."""
    return [u for u in graph.deliverers.get(service, []) if u in graph.outside]


def _inside(graph: OrgGraph, service: str) -> list[str]:
    """The units of the basisorganisasjon that deliver ``service``, in file order."""
    return [u for u in graph.deliverers.get(service, []) if u not in graph.outside]
