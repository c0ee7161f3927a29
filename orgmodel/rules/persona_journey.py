"""OM221 persona-local-needs and OM222 persona-contacts: judging a fictional user's journey."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.journeys import NeedStep, journeys_of
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, item_loc, words
from orgmodel.rules._vocab import agreement_services
from orgmodel.rules.local_services import LocalService
from orgmodel.schema import Persona


@register
class PersonaLocalNeeds(Rule[Any]):
    """A fictional user gets every local service they need in their own kommunedel.

    Basic services shall be available locally in every kommunedel (Drammen
    report p. 10, 14-15), and workshops test designs against fictional users
    (p. 8). For each persona with a ``kommunedel``, every need that is a
    ``local: true`` service must be delivered by a unit working in that
    kommunedel (see ``orgmodel trace`` for how providers are found). The
    finding sits at the need and says where the service is delivered
    instead. A need listed under an agreement's ``services`` is met through
    it, as OM202 reads it; a need that no unit delivers anywhere is OM223.
    A persona without a kommunedel is not judged where the model has
    kommunedeler (a gap in the persona). A model with none is one place,
    where every persona lives: a local need is met there when a unit of the
    kommune's own organisation delivers it, and reported when only units
    outside it (an IKS) do, under no agreement. OM202 reports the same gap
    from the service's side, for every kommunedel, naming the personas it
    leaves without the service: while OM202 runs, this rule stands down
    (one cause, one finding), except in a model without kommunedeler, which
    OM202 does not judge.

    Anti-pattern::

        units:
          - {id: virk-apent-hus, ..., kommunedeler: [kd1], delivers: [apent-hus]}
        personas:
          - {id: jonas, name: "Jonas, 22", kommunedel: kd7, needs: [apent-hus]}

    Best practice::

        units:
          - {id: virk-apent-hus, ..., kommunedeler: [kd1, kd7], delivers: [apent-hus]}
    """

    code = "OM221"
    name = "persona-local-needs"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        names: Names | None = None
        whole = not ctx.model.kommunedeler  # the whole kommune is one place, where every persona lives
        for index, persona in enumerate(ctx.model.personas):
            if persona.kommunedel is None and not whole:
                continue  # a gap in the persona, not in the design
            journey = journeys_of(ctx).of(persona)
            if journey.totals.local_needs_met or (LocalService.code in ctx.rules and not whole):
                continue  # local-service reports the gap once, naming the personas it leaves without
            names = names or Names(ctx)
            steps = {step.service: step for step in journey.steps}
            reported: set[str] = set()
            for pos, need in enumerate(persona.needs):
                step = steps.get(need)
                if (
                    step is None
                    or not step.local
                    or step.availability in ("local", "none")
                    or step.through_agreement  # the whole kommune is party to it, as OM202 reads it
                    or need in reported
                ):
                    continue  # a need no unit delivers at all is OM223
                reported.add(need)
                yield self._finding(ctx, names, index, pos, persona, step)

    def _finding(
        self, ctx: Context, names: Names, index: int, pos: int, persona: Persona, step: NeedStep
    ) -> Diagnostic:
        loc = item_loc(ctx, "personas", index, "needs", pos)
        refs = [ref for ref in (step.provider, *step.alternatives) if ref is not None]
        if persona.kommunedel is None:  # a model without kommunedeler: only units outside the kommune's own
            where = _(
                "it is delivered only by {units}, outside the kommune's own organisation, under no agreement"
            ).format(units=words([f"'{ref.name}' ({ref.id})" for ref in refs]))
            message = _(
                "the fictional user '{persona}' ({id}) lives in a kommune without kommunedeler and needs the "
                "local service {service}, but {where}: basic services shall be available locally"
            )
            hint = _("let a unit of the kommune deliver it, or list it under 'services:' of the agreement")
        else:
            if step.availability == "central":
                where = _("it is delivered only centrally")
            else:
                kds = {kd for ref in refs for kd in ref.kommunedeler}
                where = _("it is delivered only in {kommunedeler}").format(
                    kommunedeler=words([names.kd(k) for k in names.kd_order(kds)])
                )
            message = _(
                "the fictional user '{persona}' ({id}) lives in {kommunedel} and needs the local "
                "service {service}, but {where}: basic services shall be available locally in every "
                "kommunedel"
            )
            hint = _("let a unit that delivers it serve this kommunedel ('kommunedeler:' or a site)")
        return self.diagnostic(
            ctx,
            loc,
            message.format(
                persona=persona.name,
                id=persona.id,
                kommunedel=names.kd(persona.kommunedel) if persona.kommunedel else "",
                service=names.service(step.service),
                where=where,
            ),
            unit=persona.id,
            hint=hint,
            breach=step.service,
        )


@register
class PersonaUnmetNeed(Rule[Any]):
    """A fictional user's every need is delivered by some unit.

    Workshops tested each sketch against fictional users (Drammen report
    p. 8): a need that no unit in the design ``delivers`` is a service the
    persona cannot get from this organisation at all, whatever its vedtak
    say (``orgmodel trace`` shows "no unit delivers it"). The finding sits at
    the need, once per need and persona. A need that some unit delivers,
    but not in the persona's own kommunedel, is OM221. A need listed under
    an agreement's ``services`` is delivered through it (an IKS, a
    vertskommune, NAV as a partnership with the state: Drammen report p. 39, 49;
    the Drammensregionen VA study) and counts as met; in the host's own
    model, a hosted service no unit delivers is OM279's finding, once, at
    the agreement; so is a service an IKS agreement lists that its units,
    which state what they deliver, do not.

    A service that is only decided is not met: granting hjemmesykepleie
    while no unit provides it is the gap this rule exists to find. Where
    the vedtak itself is what the user gets (a permit such as a
    byggetillatelse or a tilknytning to the public water supply; a cash
    benefit such as omsorgsstønad, granted and paid by one unit), the unit
    that grants it delivers it too: write it under both ``decides`` and
    ``delivers``, and the hint says so, naming that unit.

    Anti-pattern::

        services:
          - {id: avlastning, name: Avlastning, category: helse-og-omsorg, vedtak: true}
        units:
          - {id: virk-tildeling, ..., decides: [avlastning]}     # decided, delivered by nobody
        personas:
          - {id: emil, name: "Emil, 5", kommunedel: kd3, needs: [avlastning]}

    Best practice::

        units:
          - {id: virk-tildeling, ..., decides: [avlastning]}
          - {id: virk-avlastning, ..., delivers: [avlastning]}
    """

    code = "OM223"
    name = "persona-unmet-need"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        deliverers = ctx.graph.deliverers
        through_agreement = agreement_services(ctx)
        names: Names | None = None
        for index, persona in enumerate(ctx.model.personas):
            seen: set[str] = set()
            for pos, need in enumerate(persona.needs):
                if need in seen or deliverers.get(need) or need in through_agreement:
                    continue
                seen.add(need)
                names = names or Names(ctx)
                if need not in names.services:
                    continue  # a dangling reference: OM021 before the rules run
                yield self.diagnostic(
                    ctx,
                    item_loc(ctx, "personas", index, "needs", pos),
                    _(
                        "the fictional user '{persona}' ({id}) needs {service}, but no "
                        "unit in this design delivers it"
                    ).format(persona=persona.name, id=persona.id, service=names.service(need)),
                    unit=persona.id,
                    hint=_unmet_hint(ctx, need),
                )


def _unmet_hint(ctx: Context, need: str) -> str:
    """Where to add the need: its decider, where the vedtak is what the user gets; else its provider."""
    deciders = ctx.graph.deciders.get(need, [])
    if deciders:  # decided, delivered by nobody: a permit or a benefit, or a service nobody provides
        return ngettext(
            "where the vedtak is what the user gets (a permit such as a byggetillatelse, a benefit such as "
            "omsorgsstønad), add it to 'delivers:' of {units}, which grants it; else to 'delivers:' of the "
            "unit that provides it",
            "where the vedtak is what the user gets (a permit such as a byggetillatelse, a benefit such as "
            "omsorgsstønad), add it to 'delivers:' of the one of {units} that grants it; else to "
            "'delivers:' of the unit that provides it",
            len(deciders),
        ).format(units=words([ctx.unit_label(uid) for uid in deciders], limit=3))
    return _(
        "add it to 'delivers:' of the unit that provides it (a benefit such as omsorgsstønad or a permit "
        "such as a byggetillatelse: the unit that grants it), or remove the need"
    )


class PersonaContactsParams(BaseModel):
    """Options of persona-contacts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_units: int | None = Field(
        default=None,
        ge=1,
        description="the most distinct units (providers and deciders) one fictional user meets; "
        "unset: not judged (no source gives a number)",
    )


@register
class PersonaContacts(Rule[PersonaContactsParams]):
    """A fictional user meets no more distinct units than the ruleset allows.

    Each unit a user has to deal with is one more door, one more contact
    and one more hand-over (Drammen's Åpent hus is "one door in", report
    p. 46; workshops judged sketches by their fictional users, p. 8). The
    units counted are the providers and deciding units of the persona's
    journey, as ``orgmodel trace`` shows them. Without ``max_units`` the rule
    finds nothing.

    Anti-pattern (max_units 3)::

        personas:
          - {id: emil, ..., needs: [helsestasjon, avlastning, ppt, barnehageplass]}
          # four needs met by four different units, plus two deciding units

    Best practice: bring services for the same users together (one door
    in, co-location in the hub), or raise the limit if the journey is
    accepted.
    """

    code = "OM222"
    name = "persona-contacts"
    severity = Severity.WARNING
    Params = PersonaContactsParams
    waits_for = ("max_units",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max_units
        if limit is None:
            return
        for index, persona in enumerate(ctx.model.personas):
            journey = journeys_of(ctx).of(persona)
            met = journey.totals.units
            if len(met) <= limit:
                continue
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "personas", index, "needs"),
                _(
                    "the fictional user '{persona}' ({id}) meets {units} for {needs}, more than the {limit} "
                    "the ruleset allows: {met}"
                ).format(
                    persona=persona.name,
                    id=persona.id,
                    units=ngettext("{count} unit", "{count} units", len(met)).format(count=len(met)),
                    needs=ngettext("{count} need", "{count} needs", len(journey.steps)).format(
                        count=len(journey.steps)
                    ),
                    limit=limit,
                    met=words(list(met), limit=12),
                ),
                unit=persona.id,
                key=True,
                hint=_("run 'orgmodel trace {id}' to see the journey").format(id=persona.id),
            )
