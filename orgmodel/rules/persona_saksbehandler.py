"""OM220 persona-saksbehandler: every fictional user meets one saksbehandler."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _, ngettext
from orgmodel.journeys import journeys_of
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._allocation import allocation_of, allocation_reports
from orgmodel.rules._principles import (
    Names,
    item_loc,
    services_in,
    single_decider_reports,
    unknown_categories,
    words,
)


class PersonaSaksbehandlerParams(BaseModel):
    """Options of persona-saksbehandler."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[str] = Field(
        default_factory=lambda: ["helse-og-omsorg"],
        description="service categories whose vedtak one unit grants, so each user meets one "
        "saksbehandler. Source: Drammen report p. 26, 29, 30, 49 (health and care only; barnevern "
        "and barnehage admissions stay outside). Empty: the rule finds nothing",
    )


@register
class PersonaSaksbehandler(Rule[PersonaSaksbehandlerParams]):
    """Each fictional user meets one deciding unit (saksbehandler) for their needs in the categories.

    Workshops tested every sketch against fictional users (fiktive brukere,
    Drammen report p. 8), and the adopted design gives "each user one
    saksbehandler for all health and care services, regardless of the
    number of services or which kommunalsjef is responsible" (p. 26, 29,
    30, 49). For each persona, the units that ``decide`` the services in
    its ``needs`` within the configured categories must be one unit. The
    finding names the units and sits at the first need a unit other than
    the allocation unit decides (the unit allocation-unit, OM212, names or
    would choose), else at the need that brings in the second
    saksbehandler; its hint names the allocation unit, or asks for one
    where the model has none.

    One cause, one finding: a decision that two units make is reported
    once, at the second unit's ``decides`` entry, by OM210, and a decision
    outside the allocation unit once per deciding unit by OM212 (also
    when the model has no allocation unit); both name the personas
    affected, so while they run this rule leaves those decisions out and
    speaks only of what they do not report. With them off, it reports
    the persona. Needs that no unit decides do not count, and a
    deciding unit whose ``kommunedeler`` (its own, else its leader's unit's)
    leave out the persona's own is not one the persona meets. The
    categories are ``helse-og-omsorg`` unless a ruleset says otherwise.

    A persona meets one of several deciding units, not all of them, where
    they each deliver what they decide (schools deciding spesialundervisning
    for their own pupils: her provider decides) and, for a persona without a
    kommunedel, where they are district offices that each decide for their
    own, non-overlapping ``kommunedeler`` (which one is unknown): either way
    one saksbehandler, as ``orgmodel trace`` shows it.

    Anti-pattern (categories: [helse-og-omsorg])::

        units:
          - {id: virk-tildeling, ..., decides: [dagsenter]}
          - {id: virk-oms-konnerud, ..., decides: [hjemmetjenester]}
        personas:
          - {id: kari, name: "Kari, 84", kommunedel: kd5, needs: [dagsenter, hjemmetjenester]}

    Best practice::

        units:
          - {id: virk-tildeling, ..., decides: [dagsenter, hjemmetjenester]}
    """

    code = "OM220"
    name = "persona-saksbehandler"
    Params = PersonaSaksbehandlerParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        categories = set(self.params.categories)
        if not categories:
            return
        for loc, category, message, hint in unknown_categories(
            ctx, "persona-saksbehandler categories", self.params.categories
        ):
            yield self.diagnostic(ctx, loc, message, hint=hint, key=True, breach=category)
        names = Names(ctx)
        elsewhere = [single_decider_reports(ctx), allocation_reports(ctx)]  # reported at their cause
        journeys = journeys_of(ctx)
        main = _allocation_unit(ctx, categories)
        for index, persona in enumerate(ctx.model.personas):
            # who decides each need for this persona (one of several district offices, as trace says)
            deciding = {step.service: [r.id for r in step.deciders] for step in journeys.of(persona).steps}
            decided: dict[str, list[str]] = {}
            at: dict[str, int] = {}  # each unit met: the first need it decides
            for pos, need in enumerate(persona.needs):
                service = names.services.get(need)
                if service is None or service.category not in categories:
                    continue
                for uid in deciding.get(need, []):
                    if any(uid in reports.get(need, ()) for reports in elsewhere):
                        continue  # OM210 or OM212 reports this decision at its cause and names the persona
                    at.setdefault(uid, pos)
                    if need not in decided.setdefault(uid, []):
                        decided[uid].append(need)
            if len(decided) < 2:
                continue
            yield self._finding(ctx, names, index, decided, at, main)

    def _finding(
        self,
        ctx: Context,
        names: Names,
        index: int,
        decided: dict[str, list[str]],
        at: dict[str, int],
        main: str | None,
    ) -> Diagnostic:
        """The finding for the persona at ``index``, at the first need a unit other than ``main`` decides.

        Without an allocation unit among the units met, at the need that brings in the second.
        """
        persona = ctx.model.personas[index]
        others = [u for u in decided if u != main] if main in decided else list(decided)[1:]
        who = [
            _("{unit} decides {services}").format(
                unit=ctx.unit_label(uid), services=words([names.service(n) for n in needs])
            )
            for uid, needs in decided.items()
        ]
        return self.diagnostic(
            ctx,
            item_loc(ctx, "personas", index, "needs", min(at[u] for u in others)),
            ngettext(
                "the fictional user '{persona}' ({id}) would meet {count} saksbehandler for "
                "{services}: {who}; each user shall have one saksbehandler however many services "
                "they get",
                "the fictional user '{persona}' ({id}) would meet {count} saksbehandlere for "
                "{services}: {who}; each user shall have one saksbehandler however many services "
                "they get",
                len(decided),
            ).format(
                persona=persona.name,
                id=persona.id,
                count=len(decided),
                services=services_in(self.params.categories),
                who=words(who),
            ),
            unit=persona.id,
            hint=(
                _("let the allocation unit {unit} decide all of these services").format(
                    unit=ctx.unit_label(main)
                )
                if main is not None
                else _("gather these vedtak in one tildelingsenhet that decides for all the providers")
            ),
        )


def _allocation_unit(ctx: Context, categories: set[str]) -> str | None:
    """The allocation unit of these categories: the one allocation-unit (OM212) names, or would."""
    rule = ctx.rules.get("OM212")
    configured = getattr(rule.params, "allocation_unit", None) if rule is not None else None
    return allocation_of(ctx, categories, configured).main
