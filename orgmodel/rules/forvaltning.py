"""OM278 forvaltning-apart: forvaltning apart from tjenesteyting in the areas a ruleset names (Asker LOS)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, select_units, words
from orgmodel.rules.allocation_apart import AllocationApart, provider_above
from orgmodel.rules.authority import AuthorityInsideSupervised, supervised_above


class ForvaltningApartParams(BaseModel):
    """Options of forvaltning-apart."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    areas: list[str] = Field(
        default_factory=list,
        description="the areas where forvaltning stands apart from tjenesteyting: unit ids, globs on ids "
        "(ks-helse*, or * for the whole organisation) or kind:<kind>; each unit and everything under it is "
        "one area, the outermost named unit of a line counting. Empty: off (a municipality's own decision: "
        "Asker LOS, Organisering pkt. 7)",
    )


def _other_providers(ctx: Context, uid: str, service: str) -> list[str]:
    """The units outside ``uid`` and those under it that deliver ``service`` where ``uid`` decides it.

    A bydel's barneverntjeneste decides and carries out the tiltak of its own bydel: the
    barneverntjenester of the other bydeler do not make it grant itself users others could serve.
    """
    graph = ctx.graph
    deciding = graph.deciding_places[uid]
    others = []
    for other in graph.deliverers.get(service, []):
        if other == uid or uid in graph.ancestors(other):
            continue
        where = graph.delivered_in(other, service)
        if not deciding or not where or deciding & where:
            others.append(other)
    return others


@register
class ForvaltningApart(Rule[ForvaltningApartParams]):
    """In the named areas, a unit that decides a vedtak service is not among those who deliver it.

    "Skille mellom forvaltning og tjenesteytelse": to secure equal
    treatment, impartiality (habilitet) and the inhabitants' legal rights,
    Asker gathers the forvaltning tasks of each tjenesteområde in larger
    professional units (Asker LOS, Organisering pkt. 7). In each of the
    ``areas``, a unit that ``decides`` a vedtak service must not be among
    those who deliver it: one that ``delivers`` the service it decides,
    while other units deliver it too (it grants itself the users), is
    reported at its ``decides``; one placed under a unit of its area that
    delivers it at its ``parent``. A unit that alone delivers what it
    decides (NAV's sosialhjelp, barnevern, byggesak) exercises authority
    and is not reported; so does one that alone delivers it in the
    kommunedeler it decides for (each bydel's barneverntjeneste and NAV
    office). Off until a ruleset names the areas; OM212 holds
    the allocation unit apart for the categories a ruleset names. A decider
    placed inside a provider of a service that allocation-apart (OM213)
    judges is OM213's finding, and an authority placed inside a unit it
    supervises is OM240's: this rule stands down for them while those
    rules run, so one cause gives one finding. Units of an area that decide
    what they deliver themselves (seven schools each deciding its own
    spesialundervisning) are one design choice: one finding, at the first.

    Anti-pattern (areas [ks-helse])::

        - {id: virk-hjemme-nord, parent: ks-helse, ..., delivers: [hjemmesykepleie],
           decides: [hjemmesykepleie]}

    Best practice::

        - {id: virk-tildeling, parent: ks-helse, ..., decides: [hjemmesykepleie]}
        - {id: virk-hjemme-nord, parent: ks-helse, ..., delivers: [hjemmesykepleie]}
    """

    code = "OM278"
    name = "forvaltning-apart"
    Params = ForvaltningApartParams
    waits_for = ("areas",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if not self.params.areas:
            return
        graph, names = ctx.graph, Names(ctx)
        roots = set(select_units(ctx, self.params.areas))
        owner = ctx.rules.get(AllocationApart.code)
        judged = owner.judged(ctx) if isinstance(owner, AllocationApart) else set()
        granting: dict[
            tuple[str, tuple[str, ...]], list[str]
        ] = {}  # (area, services): units granting themselves
        for uid, unit in graph.units.items():
            if not unit.decides:
                continue
            chain = [uid, *graph.ancestors(uid)]
            area = next((a for a in reversed(chain) if a in roots), None)  # the outermost named area
            if area is None:
                continue
            if graph.units[area].parent is None:  # the whole organisation: name the unit's own area
                area = graph.areas(uid)[1] or area
            own = [
                s for s in dict.fromkeys(unit.decides) if s in unit.delivers and _other_providers(ctx, uid, s)
            ]
            if own:
                granting.setdefault((area, tuple(own)), []).append(uid)
            if provider_above(graph, uid, judged.intersection(unit.decides)) is not None:
                continue  # allocation-apart reports this placement: one cause, one finding
            yield from self._under_provider(ctx, uid, chain[1 : chain.index(area) + 1], area, names)
        for (area, services), units in granting.items():
            yield self._granting(ctx, area, list(services), units, names)

    def _granting(
        self, ctx: Context, area: str, own: list[str], units: list[str], names: Names
    ) -> Diagnostic:
        """One finding for the units of an area that decide what they deliver (one design choice)."""
        services = words([names.service(x) for x in own], limit=4)
        if len(units) == 1:
            message = _(
                "{unit} decides {services}, which it delivers itself beside {others}: in {area} "
                "forvaltning shall stand apart from tjenesteyting (equal treatment, impartiality)"
            )
        else:
            message = _(
                "{count} units decide {services}, which each also delivers itself ({units}): in {area} "
                "forvaltning shall stand apart from tjenesteyting (equal treatment, impartiality)"
            )
        first = units[0]
        others = dict.fromkeys(o for s in own for o in _other_providers(ctx, first, s))
        return self.diagnostic(
            ctx,
            ctx.unit_loc(first, "decides"),
            message.format(
                unit=ctx.unit_label(first),
                count=len(units),
                units=words(units, limit=3),
                others=words([ctx.unit_label(o) for o in others], limit=2),
                services=services,
                area=ctx.unit_label(area),
            ),
            unit=first,
            key=True,
            hint=_(
                "gather the vedtak in one forvaltning unit of the area, a unit that does not deliver the "
                "service itself"
            ),
        )

    def _under_provider(
        self, ctx: Context, uid: str, within: list[str], area: str, names: Names
    ) -> Iterator[Diagnostic]:
        decides = [
            s for s in dict.fromkeys(ctx.graph.units[uid].decides) if s not in ctx.graph.units[uid].delivers
        ]
        # an authority inside a unit it supervises is authority-inside-supervised's: one cause, one finding
        supervised = supervised_above(ctx, uid) if AuthorityInsideSupervised.code in ctx.rules else set()
        for provider in within:
            shared = [s for s in decides if s in ctx.graph.units[provider].delivers]
            if not shared or provider in supervised:
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "parent"),
                _(
                    "{unit} decides {services} but sits under {provider}, which delivers it: in {area} "
                    "forvaltning shall stand apart from tjenesteyting (equal treatment, impartiality)"
                ).format(
                    unit=ctx.unit_label(uid),
                    services=words([names.service(x) for x in shared], limit=4),
                    provider=ctx.unit_label(provider),
                    area=ctx.unit_label(area),
                ),
                unit=uid,
                hint=_("place it beside the units that deliver, under the area's leader"),
            )
            return
