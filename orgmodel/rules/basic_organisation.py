"""OM252 outside-services and OM253 control-independence: the basisorganisasjon and what is outside it.

OM252 counts the services delivered from outside it; OM253 finds the
kommune's control bodies inside it. Both know revisjon and the
kontrollutvalg's secretariat by the service's ``category`` (``kontroll``).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import CONTROL_CATEGORIES, OUTSIDE_KINDS
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, words


class OutsideServicesParams(BaseModel):
    """Options of outside-services."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[str] = Field(
        default_factory=lambda: ["iks", "external"],
        description="unit kinds outside the basic organisation (basisorganisasjonen)",
    )
    control_categories: list[str] = Field(
        default_factory=lambda: sorted(CONTROL_CATEGORIES),
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

    The hint names the control category only where the label can help and
    cannot serve to silence the rule: in a model with no service of a
    control category yet, for a service no one gets by vedtak and no
    fictional user needs, delivered by a unit that neither decides vedtak
    nor supervises as an authority, whose category is none or one the
    basisorganisasjon does not deliver (an unmarked revisjon IKS, not a
    brann IKS or a vertskommune's barnevern). A control body inside the
    administration is OM253.

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
                    hint=_hint(ctx, uid, service, outside, control),
                    breach=service,
                )


class ControlIndependenceParams(BaseModel):
    """Options of control-independence."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    control_categories: list[str] = Field(
        default_factory=lambda: sorted(CONTROL_CATEGORIES),
        description="service categories of the kommune's control bodies (revisjon, the kontrollutvalg's "
        "secretariat), which kommuneloven §§ 24-1 and 23-7 keep out of the administration",
    )


@register
class ControlIndependence(Rule[ControlIndependenceParams]):
    """Revisjon and the kontrollutvalg's secretariat are not delivered from inside the administration.

    The kontrollutvalg controls the administration on the kommunestyre's
    behalf; its secretariat "kan ikke legges til kommunens administrasjon"
    (kommuneloven § 23-7), and the revisor is chosen by the kommunestyre and
    independent of the administration it audits (§ 24-1, § 24-3). So a unit
    under the top unit (the kommunedirektør) that delivers a service of the
    ``control_categories`` (``kontroll``) is an error, whatever the limit on
    outside services: one finding per unit, at its first such ``delivers``
    entry, naming them all. Units outside the basisorganisasjon (kind
    ``iks`` or ``external``, a unit an agreement lists, and every unit below
    them) are where these services belong. The kommunedirektør's own
    internkontroll (§ 25-1) is part of the administration and is no
    ``kontroll`` service in this sense.

    A rule of its own rather than part of OM252: OM252 counts outside
    services against a limit a ruleset adopts and is off without it, a
    warning about a policy; a control body inside the administration is
    unlawful in every kommune, so this one runs by default, as an error.

    Anti-pattern::

        - {id: stab-revisjon, name: Kommunerevisjonen, kind: stab, parent: kd, ..., delivers: [revisjon]}

    Best practice::

        - {id: revisjon-iks, name: Fjordregionen revisjon IKS, kind: iks, level: 1, delivers: [revisjon]}
    """

    code = "OM253"
    name = "control-independence"
    severity = Severity.ERROR
    Params = ControlIndependenceParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        control = set(self.params.control_categories)
        category = {s.id: s.category for s in ctx.model.services}
        names: Names | None = None
        for uid, unit in ctx.graph.units.items():
            found = [(pos, d) for pos, d in enumerate(unit.delivers) if category.get(d) in control]
            if not found or not _in_administration(ctx, uid):
                continue
            names = names or Names(ctx)
            top = ctx.graph.top or uid
            if uid == top:
                message = _(
                    "{unit} leads the administration but delivers {services}, the work of the kommune's "
                    "control bodies: revisjon and the kontrollutvalg's secretariat must be independent of "
                    "the administration they control (kommuneloven §§ 24-1, 23-7)"
                )
            else:
                message = _(
                    "{unit} is inside the administration led by {top} but delivers {services}, the work of "
                    "the kommune's control bodies: revisjon and the kontrollutvalg's secretariat must be "
                    "independent of the administration they control (kommuneloven §§ 24-1, 23-7)"
                )
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "delivers", found[0][0]),
                message.format(
                    unit=ctx.unit_label(uid),
                    top=ctx.unit_label(top),
                    services=words([names.service(d) for _pos, d in found], limit=4),
                ),
                unit=uid,
                hint=_(
                    "place it outside the administration: in an IKS, or with another kommune's revisjon or "
                    "secretariat (a unit of kind 'iks' or 'external' without 'parent', or one an agreement "
                    "lists), or as the kommune's own revisjon answering to the kontrollutvalg (a unit "
                    "without 'parent' delivering only control services); if it is the "
                    "kommunedirektør's own internkontroll (kommuneloven § 25-1), give the service another "
                    "category"
                ),
            )


def _in_administration(ctx: Context, uid: str) -> bool:
    """Whether a unit sits in the top unit's personnel tree and under no IKS, external or agreement unit."""
    graph = ctx.graph
    if graph.top is None or uid in graph.outside:
        return False
    chain = [uid, *graph.ancestors(uid)]
    if graph.top not in chain:
        return False  # a unit cut off from the top, or a second top unit (OM101)
    listed = {u for agreement in ctx.model.agreements for u in agreement.units}
    return not any(graph.units[u].kind in OUTSIDE_KINDS or u in listed for u in chain)


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


def _hint(ctx: Context, uid: str, service: str, outside: dict[str, str], control: set[str]) -> str:
    """Bring it in; where the service may be an unmarked control body, say how such a body is exempt."""
    plain = _("bring the service into the basisorganisasjon, or adopt a higher limit")
    if not control or not _may_be_control(ctx, uid, service, outside, control):
        return plain
    return _(
        "bring the service into the basisorganisasjon, or adopt a higher limit; if it is revisjon or the "
        "kontrollutvalg's secretariat, which stay outside by law (kommuneloven §§ 24-1, 23-7), give it "
        "'category: {category}'"
    ).format(category=sorted(control)[0])


def _may_be_control(ctx: Context, uid: str, service: str, outside: dict[str, str], control: set[str]) -> bool:
    """Whether an outside service may be revisjon or the kontrollutvalg's secretariat not yet marked so.

    Only where the label can help, so that it is never the hint's way to silence the rule: the
    model has no service of a control category (one that has knows the label), the service is no
    vedtak and no fictional user needs it (the control bodies serve the kommunestyre, not the
    inhabitants), the unit delivering it neither decides vedtak nor supervises as an authority
    (a brann IKS's tilsyn, a vertskommune's barnevern), and its category is none, or one neither
    the basisorganisasjon delivers nor a rule names (a legevakt among the health services is not).
    """
    services = {s.id: s for s in ctx.model.services}
    if any(s.category in control for s in services.values()):
        return False
    mine = services.get(service)
    unit = ctx.graph.units[uid]
    if (mine is not None and mine.vedtak) or unit.decides or unit.role in ("authority", "appeals"):
        return False
    if any(service in persona.needs for persona in ctx.model.personas):
        return False
    if mine is None or mine.category is None:
        return True
    known = {c for rule in ctx.rules.values() for c in getattr(rule.params, "categories", None) or ()}
    for other, delivering in ctx.graph.units.items():
        if other not in outside:
            known.update(services[d].category for d in delivering.delivers if d in services)
    return mine.category not in known


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
