"""OM202 local-service and OM203 place-mismatch: where units serve and work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, item_loc, personas_needing, words
from orgmodel.rules._vocab import agreement_services


@register
class LocalService(Rule[Any]):
    """Every service marked "local: true" is delivered in every kommunedel.

    Basic services shall be available locally in every kommunedel (Drammen
    report p. 10, 14-15). A service counts as delivered in a kommunedel when
    a unit that ``delivers`` it serves that kommunedel (``kommunedeler``) or
    works at a site in it (``sites``), or a unit below it does that takes
    part in the delivery (one that names no ``delivers:`` of its own, or names
    the service): a virksomhet at the health centre delivers helsestasjon in
    every kommunedel where its avdelinger work at the hubs. A unit that names
    no place works where its personnel leader works (an avdeling of a local
    virksomhet is local too); a unit with no place anywhere up its line is
    central and makes no service local; one cut off from the top by a
    circle of personnel lines (OM102) works nowhere known, so a service it
    delivers is not judged. A service listed under an agreement's ``services``
    (an IKS, a vertskommune or a partnership with the state: Drammen report p. 39,
    49; the Drammensregionen VA study) and delivered by no unit of the municipality's own
    organisation counts as delivered for the whole municipality, which is a party to it; one its
    own units deliver (a vertskommune's own residents) is judged where those units work, as
    ``orgmodel trace`` shows it; in the host's own model, a hosted service no unit delivers is
    OM279's finding, once.
    The finding names each service and every kommunedel it is
    missing from. A model without ``kommunedeler`` is not judged. In a
    model with exactly one kommunedel ("Hele kommunen", numbered 1 or not
    numbered), a unit of the basisorganisasjon that is placed nowhere (no
    ``kommunedeler``, no site in a kommunedel, nor its leader's) works in
    that one: there is no other place to be, so a small kommune's
    hjemmetjeneste at a site that names no kommunedel delivers
    hjemmesykepleie there. An IKS outside the basisorganisasjon is still
    placed nowhere, and a unit cut off by a circle is still not judged. A
    lone kommunedel with another number (kommunedel 5 alone) is an
    excerpt of a kommune with more, and with several kommunedeler a unit
    placed nowhere is central, as before.

    Anti-pattern::

        services:
          - {id: bibliotek, name: Bibliotek og møteplass, local: true}
        units:
          - {id: virk-bibliotek, ..., kommunedeler: [kd1], delivers: [bibliotek]}   # kd2 has none

    Best practice::

        units:
          - {id: virk-bibliotek, ..., kommunedeler: [kd1, kd2], delivers: [bibliotek]}
    """

    code = "OM202"
    name = "local-service"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if not ctx.model.kommunedeler:
            return
        graph = ctx.graph
        names = Names(ctx)
        everywhere = list(names.kommunedeler)
        through_agreement = agreement_services(ctx)
        for index, service in enumerate(ctx.model.services):
            if not service.local:
                continue
            units = graph.deliverers.get(service.id, [])
            if service.id in through_agreement and all(uid in graph.outside for uid in units):
                continue  # the agreement's partner delivers it for the whole kommune (as trace reads it)
            loc = item_loc(ctx, "services", index, "local")
            if not units:
                yield self.diagnostic(
                    ctx,
                    loc,
                    _(
                        "the local service {service} is delivered by no unit, so it is "
                        "available in no kommunedel (basic services shall be available locally everywhere)"
                    ).format(service=names.service(service.id)),
                    unit=service.id,
                    hint=_("add it to 'delivers:' of the units that provide it"),
                )
                continue
            if any(uid not in graph.depth and not graph.places[uid] for uid in units):
                continue  # a unit cut off from the top by a circle works nowhere known: OM102's finding
            covered: set[str] = set()
            for uid in units:
                covered.update(graph.delivered_in(uid, service.id))
            missing = [kd for kd in everywhere if kd not in covered]
            if missing:
                affected = personas_needing(ctx, service.id, missing.__contains__)
                yield self.diagnostic(
                    ctx,
                    loc,
                    _(
                        "the local service {service} is not delivered in {kommunedeler}: basic services "
                        "shall be available locally in every kommunedel"
                    ).format(
                        service=names.service(service.id),
                        kommunedeler=words([names.kd(kd) for kd in missing], limit=10),
                    )
                    + affected,
                    unit=service.id,
                    hint=_served_hint(ctx, units, everywhere),
                )


def _served_hint(ctx: Context, units: list[str], everywhere: list[str]) -> str:
    """How to make a local service available everywhere; for one deliverer placed only by its site, how.

    A home-care unit at the rådhus that names no ``kommunedeler`` is placed where its site is; when it
    serves the whole kommune, its ``kommunedeler`` say so (a small kommune's planner read 'none: the
    whole kommune' and got four findings).
    """
    if len(units) == 1 and not ctx.graph.units[units[0]].kommunedeler:
        return _(
            "if {unit} serves all of the kommune, write 'kommunedeler: [{all}]' on it (it is placed "
            "by its site or its leader's now); else let a unit serve the others"
        ).format(unit=ctx.unit_label(units[0]), all=", ".join(everywhere))
    return _("let a unit that delivers it serve there ('kommunedeler:' or a site in it)")


@register
class PlaceMismatch(Rule[Any]):
    """A unit's sites lie in the kommunedeler it says it serves.

    A unit may serve several kommunedeler ("Helsestasjon for kommunedel 1
    og 2", Drammen report p. 9-18) from a site in one of them. But a unit
    that lists ``kommunedeler`` and works at a site in a kommunedel it does
    not list says two different things about where it is: a planner
    reading either list is misled. Each such site is reported. A unit
    without ``kommunedeler`` is placed by its sites alone and not judged.

    Anti-pattern::

        - {id: virk-helsestasjon-3, ..., kommunedeler: [kd3], sites: [kp-stromso]}   # kp-stromso is in kd7

    Best practice::

        - {id: virk-helsestasjon-3, ..., kommunedeler: [kd3, kd7], sites: [kp-stromso]}
    """

    code = "OM203"
    name = "place-mismatch"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        where = ctx.graph.site_kommunedel
        names: Names | None = None
        for uid, unit in ctx.graph.units.items():
            if not unit.kommunedeler or not unit.sites:
                continue
            serves = set(unit.kommunedeler)
            for pos, site in enumerate(unit.sites):
                kd = where.get(site)
                if kd is None or kd in serves:
                    continue
                names = names or Names(ctx)
                listed = words([names.kd(k) for k in names.kd_order(serves)])
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "sites", pos),
                    _(
                        "{unit} works at {site} in {kommunedel}, but its "
                        "'kommunedeler' list only {listed}: say where the unit serves"
                    ).format(
                        unit=ctx.unit_label(uid),
                        site=names.site(site),
                        kommunedel=names.kd(kd),
                        listed=listed,
                    ),
                    unit=uid,
                    hint=_("add {id} to 'kommunedeler' if it serves there too, or correct the site").format(
                        id=kd
                    ),
                    breach=site,
                )
