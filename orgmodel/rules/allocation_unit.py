"""OM212 allocation-unit: one unit grants every vedtak in the configured categories."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._allocation import Allocation, allocation_of, meeting, reported_services
from orgmodel.rules._principles import (
    Names,
    affected_personas,
    services_in,
    unknown_categories,
    words,
)
from orgmodel.validate import suggest


class AllocationUnitParams(BaseModel):
    """Options of allocation-unit."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[str] = Field(
        default_factory=lambda: ["helse-og-omsorg"],
        description="service categories whose vedtak one unit grants, so each user meets one "
        "saksbehandler. Source: Drammen report p. 26, 29, 30, 49 (health and care only; barnevern "
        "and barnehage admissions stay outside). Empty: the rule finds nothing",
    )
    allocation_unit: str | None = Field(
        default=None,
        description="id of the tildelingsenhet that holds the authority; unset: the unit deciding "
        "for the most providers outside its own line (p. 26: one saksbehandler regardless of which "
        "kommunalsjef is responsible for the service), then the one deciding most of these services; "
        "none when every deciding unit decides only its own vedtak",
    )


@register
class AllocationUnit(Rule[AllocationUnitParams]):
    """All vedtak in the configured categories are decided by the same unit (the tildelingsenhet).

    Drammen's Tjenestetildeling og koordinerende enhet grants all
    vedtak-based health and care services "so that each user has one
    saksbehandler for all health and care services, regardless of the
    number of services or which kommunalsjef is responsible for the
    service" (report p. 26, 29, 30, 49). A unit other than the allocation
    unit that decides a service in these categories holds authority outside
    the allocation unit: its users meet a second saksbehandler. Each such
    unit is reported once, at its first such ``decides`` entry, with the
    services it decides there, how the decisions are split and the
    fictional users who need them; persona-saksbehandler (OM220) then says
    nothing more about those users, as for OM210's doubled decisions.

    The allocation unit is ``allocation_unit`` from the ruleset, or else the
    unit that decides for the most providers outside its own virksomhet
    (itself, the units above it and the units inside the virksomhet it is
    or belongs to): a tildelingsenhet grants for the providers "regardless
    of which kommunalsjef is responsible for the service" (p. 26), and so
    does a kommunalsjef's unit deciding for the virksomheter it leads; then
    the one deciding most of these services, then the first in the file. A
    unit that decides for the whole municipality comes before district
    offices that decide for their own ``kommunedeler``, which are reported
    alike; district offices that decide the allocation unit's services for
    their own districts give each user one saksbehandler and are not
    reported.

    A district design has no allocation unit: when in every kommunedel the
    unit deciding most of these services for its users is a district office
    deciding for its own ``kommunedeler`` (no two overlapping), each user's
    district is her one saksbehandler. A unit deciding any of them beside
    the districts (a kommune-wide psykisk helse, or a tildelingskontor
    deciding one service for all the districts' providers) gives her a
    second one, and its finding says to let each district decide it for
    its own kommunedeler, naming them; no district is named the allocation
    unit.

    When every deciding unit decides only its own vedtak (what it, its own
    units or the unit above it deliver), there is no allocation unit, and
    none is invented: one finding says so, at the first such unit's
    ``decides``, naming the units and the fictional users who meet more
    than one of them. District offices that each decide for their own
    ``kommunedeler`` are not reported. A kommune that has chosen to let each
    service decide its own vedtak says so: this rule and
    persona-saksbehandler off in its ruleset, or a suppression with its
    reason above that ``decides``.

    Anti-pattern (categories: [helse-og-omsorg], allocation_unit: virk-tildeling)::

        - {id: virk-tildeling, ..., decides: [sykehjem, dagsenter]}
        - {id: virk-oms-konnerud, ..., decides: [hjemmetjenester]}

    Best practice::

        - {id: virk-tildeling, ..., decides: [sykehjem, dagsenter, hjemmetjenester]}
        - {id: virk-oms-konnerud, ..., delivers: [hjemmetjenester]}
    """

    code = "OM212"
    name = "allocation-unit"
    Params = AllocationUnitParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        categories = set(self.params.categories)
        if not categories:
            return
        for loc, category, message, hint in unknown_categories(
            ctx, "allocation-unit categories", self.params.categories
        ):
            yield self.diagnostic(ctx, loc, message, hint=hint, key=True, breach=category)
        configured = self.params.allocation_unit
        found = allocation_of(ctx, categories, configured)
        if not found.deciding:
            return
        if configured is not None and configured not in ctx.graph.units:
            yield self._unknown_unit(ctx, configured, list(found.deciding), categories)
            return
        reported = reported_services(ctx, found)
        if found.chosen == "none":
            if reported:
                yield self._no_allocation_unit(ctx, reported, categories)
            return
        why = self._why(ctx, found, categories)
        names = Names(ctx)
        for uid, services in reported.items():
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "decides", ctx.graph.units[uid].decides.index(services[0])),
                _("{unit} decides {services}, but {why}").format(
                    unit=ctx.unit_label(uid), services=words([names.service(s) for s in services]), why=why
                )
                + affected_personas(ctx, uid, services),
                unit=uid,
                hint=self._hint(ctx, found, uid, len(services)),
            )

    @staticmethod
    def _hint(ctx: Context, found: Allocation, uid: str, count: int) -> str:
        """Where the services of ``uid`` go: the allocation unit, or the district offices serving it."""
        if found.chosen != "districts":
            return ngettext(
                "move it to 'decides:' of {unit}; this unit can still deliver the service",
                "move them to 'decides:' of {unit}; this unit can still deliver the services",
                count,
            ).format(unit=found.main)
        places = ctx.graph.deciding_places
        mine = places[uid]
        offices = [d for d in found.districts if not mine or mine & places[d]]
        return ngettext(
            "let each district office decide it for its own kommunedeler: add it to 'decides:' of {units}; "
            "this unit can still deliver the service",
            "let each district office decide them for its own kommunedeler: add them to 'decides:' of "
            "{units}; this unit can still deliver the services",
            count,
        ).format(units=words(offices or list(found.districts)))

    def _unknown_unit(
        self, ctx: Context, configured: str, deciding: list[str], categories: set[str]
    ) -> Diagnostic:
        """The finding at the ruleset's ``allocation_unit`` when no unit has that id."""
        guess = suggest(configured, deciding)  # the tildelingsenhet decides something
        message = _(
            "the ruleset names '{configured}' as the allocation unit (tildelingsenhet), but no unit "
            "has that id; the vedtak on {services} here are decided by {units}"
        ).format(
            configured=configured,
            services=services_in(categories),
            units=words([ctx.unit_label(u) for u in deciding]),
        )
        hint = (
            _("did you mean '{guess}'? (set allocation_unit in the ruleset)").format(guess=guess)
            if guess
            else _("set allocation_unit in the ruleset to the tildelingsenhet's id")
        )
        return self.diagnostic(
            ctx, ctx.setting("allocation_unit", fallback=("units",)), message, key=True, hint=hint
        )

    def _no_allocation_unit(
        self, ctx: Context, reported: dict[str, list[str]], categories: set[str]
    ) -> Diagnostic:
        """The one finding when every deciding unit decides its own vedtak (no allocation unit).

        No unit is invented as the allocation unit; it sits at the first such unit's first
        ``decides`` entry in the file.
        """
        first = next(iter(reported))
        who = meeting(ctx, frozenset(categories), reported)
        split = words(
            [
                ngettext("{unit} {count} service", "{unit} {count} services", len(s)).format(
                    unit=ctx.unit_label(u), count=len(s)
                )
                for u, s in reported.items()
            ]
        )
        message = ngettext(
            "no allocation unit (tildelingsenhet): {count} unit decides its own vedtak on {services} "
            "({split}), and none decides for the others' providers: a user of several services would "
            "meet more than one saksbehandler",
            "no allocation unit (tildelingsenhet): {count} units decide their own vedtak on {services} "
            "({split}), and none decides for the others' providers: a user of several services would "
            "meet more than one saksbehandler",
            len(reported),
        ).format(count=len(reported), services=services_in(categories), split=split)
        if who:
            message += _("; fictional users affected: {personas}").format(personas=words(who))
        return self.diagnostic(
            ctx,
            ctx.unit_loc(first, "decides", ctx.graph.units[first].decides.index(reported[first][0])),
            message,
            unit=first,
            hint=_(
                "gather these vedtak in one tildelingsenhet that decides for all the providers, or name "
                "the unit that shall decide them as allocation_unit in the ruleset; a kommune that has "
                "chosen to let each service decide its own vedtak says so in the ruleset "
                "(allocation-unit: off, persona-saksbehandler: off) or by a suppression with its reason"
            ),
            breach="no-allocation-unit",
        )

    @staticmethod
    def _why(ctx: Context, found: Allocation, categories: set[str]) -> str:
        """Why a decision outside the allocation unit is a finding, with how the decisions are split."""
        main, counts = found.main or "", found.counts
        split = words(
            [
                ngettext("{unit} {count} service", "{unit} {count} services", counts[u]).format(
                    unit=u, count=counts[u]
                )
                for u in dict.fromkeys([*found.districts, main, *found.deciding])
                if counts.get(u)
            ]
        )
        if found.chosen == "districts":
            return _(
                "vedtak on {services} are decided by district offices, each for its own kommunedeler "
                "({districts}): a user of several services would meet more than one saksbehandler "
                "(decisions split: {split})"
            ).format(services=services_in(categories), districts=_districts(ctx, found), split=split)
        if found.chosen == "configured":
            why = _(
                "vedtak on {services} belong to the allocation unit {unit}: a user of several "
                "services would meet more than one saksbehandler (decisions split: {split})"
            )
        elif found.chosen == "providers":
            why = _(
                "vedtak on {services} are decided for most providers by {unit}: a user of "
                "several services would meet more than one saksbehandler (decisions split: {split})"
            )
        else:
            why = _(
                "vedtak on {services} are split between units, and {unit} is taken as the "
                "allocation unit (allocation_unit in the ruleset names it): a user of several services "
                "would meet more than one saksbehandler (decisions split: {split})"
            )
        return why.format(services=services_in(categories), unit=ctx.unit_label(main), split=split)


def _districts(ctx: Context, found: Allocation) -> str:
    """The district offices with the kommunedeler each decides for: 'hj1 for Sentrum and hj2 for Nord'."""
    names = Names(ctx)
    places = ctx.graph.deciding_places
    return words(
        [
            _("{unit} for {kommunedeler}").format(
                unit=d,
                kommunedeler=words(
                    [
                        names.kommunedeler[k].name if k in names.kommunedeler else k
                        for k in names.kd_order(places[d])
                    ]
                ),
            )
            for d in found.districts
        ]
    )
