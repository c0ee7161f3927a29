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
        kinds = set(self.params.kinds)
        outside: dict[str, str] = {}  # unit -> the outside unit it belongs to
        for top in [uid for uid, unit in graph.units.items() if unit.kind in kinds]:
            stack = [top]
            while stack:
                uid = stack.pop()
                if uid in outside:
                    continue  # an iks under an iks, or a circle of personnel lines
                outside[uid] = top
                stack.extend(graph.children[uid])
        names: Names | None = None
        counted: list[str] = []
        for uid in graph.units:
            if uid not in outside:
                continue
            for pos, service in enumerate(graph.units[uid].delivers):
                if service in counted:
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
                    hint=_("bring the service into the basisorganisasjon, or adopt a higher limit"),
                    breach=service,
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
