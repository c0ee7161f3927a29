"""OM252 outside-services: services delivered from outside the basic organisation."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names


class OutsideServicesParams(BaseModel):
    """Options of outside-services."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[str] = Field(
        default_factory=lambda: ["iks", "external"],
        description="unit kinds outside the basic organisation (basisorganisasjonen)",
    )
    control_categories: list[str] = Field(
        default_factory=lambda: ["kontroll"],
        description="service categories of the kommune's control bodies, never counted: revisjon and the "
        "kontrollutvalg's secretariat must be independent of the administration (kommuneloven § 24-1, "
        "§ 23-7), so they are rightly outside the basisorganisasjon",
    )
    max_services: int | None = Field(
        default=None,
        ge=0,
        description="the most services delivered from outside it; unset: off (no source gives a number: "
        "Asker limits company/IKS organisation, Asker LOS; Drammen takes legevakt in, p. 48)",
    )


@register
class OutsideServices(Rule[OutsideServicesParams]):
    """Few services are delivered from outside the municipality's own organisation.

    Asker organises its services in the basisorganisasjon and limits
    company and IKS organisation; Drammen brought the legevakt IKS into its
    own organisation (report p. 48). Units of the ``kinds`` (``iks``,
    ``external``), and every unit under them, are outside the basic
    organisation. The services they ``deliver`` are counted; beyond
    ``max_services`` each further one is reported at the unit that delivers it
    (in file order). Without ``max_services`` the rule finds nothing.

    Services of the ``control_categories`` (``kontroll``: give revisjon and
    the kontrollutvalgssekretariat ``category: kontroll``) are never counted:
    kommuneloven requires the revisor (§ 24-1) and the kontrollutvalg's
    secretariat (§ 23-7) to be independent of the administration they
    control, so bringing them into the basisorganisasjon would be unlawful.
    A service from a vertskommune (kommuneloven kap. 20, a unit of kind
    ``external``) is counted: it is no selskapsorganisering, but Asker's
    principle is that the services are "i hovedsak organisert innenfor
    basisorganisasjonen", for democratic steering (seed 001, Organisering
    pkt. 4), and a service run by another kommune's administration is
    outside it.

    Anti-pattern (max_services 0)::

        - {id: legevakt-iks, name: Legevakt IKS, kind: iks, ..., delivers: [legevakt]}

    Best practice::

        - {id: virk-legevakt, name: Legevakt, kind: virksomhet, parent: ks-helse, ..., delivers: [legevakt]}
    """

    code = "OM252"
    name = "outside-services"
    severity = Severity.WARNING
    Params = OutsideServicesParams
    waits_for = ("max_services",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max_services
        if limit is None:
            return
        graph = ctx.graph
        control = set(self.params.control_categories)
        exempt = {s.id for s in ctx.model.services if s.category in control}
        outside = _outside_units(ctx, set(self.params.kinds))
        names: Names | None = None
        counted: list[str] = []
        for uid in graph.units:
            if uid not in outside:
                continue
            for pos, service in enumerate(graph.units[uid].delivers):
                if service in counted or service in exempt:
                    continue
                counted.append(service)
                if len(counted) <= limit:
                    continue
                names = names or Names(ctx)
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "delivers", pos),
                    _message(ctx, uid, outside[uid], names.service(service), len(counted), limit),
                    unit=uid,
                    hint=_hint(ctx, service, outside),
                    breach=service,
                )


def _outside_units(ctx: Context, kinds: set[str]) -> dict[str, str]:
    """Each unit of the ``kinds`` and every unit under it -> the outside unit it belongs to."""
    graph = ctx.graph
    outside: dict[str, str] = {}
    for top in [uid for uid, unit in graph.units.items() if unit.kind in kinds]:
        stack = [top]
        while stack:
            uid = stack.pop()
            if uid in outside:
                continue  # an iks under an iks, or a circle of personnel lines
            outside[uid] = top
            stack.extend(graph.children[uid])
    return outside


def _hint(ctx: Context, service: str, outside: dict[str, str]) -> str:
    """Bring it in; unless its category is plainly a service area, say how a control body is exempt.

    A service whose category the basisorganisasjon also delivers, or a rule names (a legevakt
    among the health and care services), is plainly no control body; any other might be revisjon
    or the kontrollutvalg's secretariat, which kommuneloven §§ 24-1 and 23-7 keep outside.
    """
    category = {s.id: s.category for s in ctx.model.services}
    mine = category.get(service)
    known = {c for rule in ctx.rules.values() for c in getattr(rule.params, "categories", None) or ()}
    known.update(
        category.get(d) for uid, unit in ctx.graph.units.items() if uid not in outside for d in unit.delivers
    )
    if mine is not None and mine in known:
        return _("bring the service into the basisorganisasjon, or adopt a higher limit")
    return _(
        "bring the service into the basisorganisasjon, or adopt a higher limit; if it is revisjon or the "
        "kontrollutvalg's secretariat, which stay outside by law (kommuneloven §§ 24-1, 23-7), give it "
        "'category: kontroll'"
    )


def _message(ctx: Context, uid: str, top: str, service: str, number: int, limit: int) -> str:
    """What a planner reads: the unit, the outside unit it belongs to (unless itself) and the count."""
    allowed = _("none") if limit == 0 else str(limit)
    kind = ctx.graph.units[top].kind
    if uid == top:
        message = _(
            "{unit}, of kind '{kind}', is outside the basic organisation and delivers {service}: service "
            "number {number} from outside, but the ruleset allows {allowed}"
        )
    else:
        message = _(
            "{unit} is outside the basic organisation, under {outside} of kind '{kind}', and delivers "
            "{service}: service number {number} from outside, but the ruleset allows {allowed}"
        )
    return message.format(
        unit=ctx.unit_label(uid),
        outside=ctx.unit_label(top),
        kind=kind,
        service=service,
        number=number,
        allowed=allowed,
    )
