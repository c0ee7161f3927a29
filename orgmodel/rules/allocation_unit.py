"""OM212 allocation-unit: one unit grants every vedtak in the configured categories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import (
    Names,
    affected_personas,
    doubled_deciders,
    single_decider_reports,
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
        description="id of the tildelingsenhet that holds the authority; unset: the unit whose "
        "decisions cover the most providing units (p. 26: one saksbehandler regardless of which "
        "kommunalsjef is responsible for the service), then the "
        "one deciding most of these services",
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
    ``decides`` entry is reported, with how the decisions are split. The
    allocation unit is ``allocation_unit`` from the ruleset, or else the
    unit whose decisions cover the most providing units (a tildelingsenhet
    grants for the providers "regardless of which kommunalsjef is
    responsible for the service", p. 26), then the one deciding most of these
    services, then the first in the file; a unit that decides for the whole
    municipality comes before district offices that decide for their own
    ``kommunedeler``, which are reported alike. District offices that decide
    the allocation unit's services for their own districts give each user
    one saksbehandler and are not reported.

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
        graph = ctx.graph
        names = Names(ctx)
        in_scope = {s.id for s in names.services.values() if s.category in categories}
        counts: Counter[str] = Counter()
        for service in in_scope:
            counts.update(graph.deciders.get(service, []))
        configured = self.params.allocation_unit
        deciding = sorted(counts, key=graph.index.__getitem__)
        if not deciding:
            return
        if configured is not None and configured not in graph.units:
            yield self._unknown_unit(ctx, configured, deciding, categories)
            return
        reach = _providers_served(ctx, deciding, in_scope)
        whole = _deciding_everywhere(ctx, deciding)  # a district office is no municipality's allocation unit
        main = configured or max(
            deciding, key=lambda u: (u in whole, len(reach[u]), counts[u], -graph.index[u])
        )
        if len(deciding) == 1 and deciding[0] == main:
            return
        # how main was chosen: the ruleset, serving the most providers, or only by ties (file order)
        chosen = "configured" if configured else "providers"
        if not configured and sum(len(reach[u]) == len(reach[main]) for u in deciding) > 1:
            chosen = "split"
        why = self._why(ctx, main, deciding, counts, categories, chosen)
        for uid in deciding:
            if uid != main:
                yield from self._outside(ctx, names, uid, in_scope, why, main)

    def _unknown_unit(
        self, ctx: Context, configured: str, deciding: list[str], categories: set[str]
    ) -> Diagnostic:
        """The finding at the ruleset's ``allocation_unit`` when no unit has that id."""
        guess = suggest(configured, deciding)  # the tildelingsenhet decides something
        message = _(
            "the ruleset names '{configured}' as the allocation unit (tildelingsenhet), but no unit "
            "has that id; the {categories} vedtak here are decided by {units}"
        ).format(
            configured=configured,
            categories=words(sorted(categories)),
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

    @staticmethod
    def _why(
        ctx: Context,
        main: str,
        deciding: list[str],
        counts: Counter[str],
        categories: set[str],
        chosen: str,
    ) -> str:
        """Why a decision outside ``main`` is a finding, with how the decisions are split."""
        split = words(
            [
                ngettext("{unit} {count} service", "{unit} {count} services", counts[u]).format(
                    unit=u, count=counts[u]
                )
                for u in dict.fromkeys([main, *deciding])
                if counts[u]
            ]
        )
        if chosen == "configured":
            why = _(
                "vedtak on {categories} services belong to the allocation unit {unit}: a user of several "
                "services would meet more than one saksbehandler (decisions split: {split})"
            )
        elif chosen == "providers":
            why = _(
                "vedtak on {categories} services are decided for most providers by {unit}: a user of "
                "several services would meet more than one saksbehandler (decisions split: {split})"
            )
        else:
            why = _(
                "vedtak on {categories} services are split between units, and {unit} is taken as the "
                "allocation unit (allocation_unit in the ruleset names it): a user of several services "
                "would meet more than one saksbehandler (decisions split: {split})"
            )
        return why.format(categories=words(sorted(categories)), unit=ctx.unit_label(main), split=split)

    def _outside(
        self, ctx: Context, names: Names, uid: str, in_scope: set[str], why: str, main: str
    ) -> Iterator[Diagnostic]:
        """The findings at ``uid``'s decisions outside the allocation unit (not those OM210 reports).

        A decision OM210 would report is this rule's while OM210 does not run (``single-decider: off``).
        """
        graph = ctx.graph
        reported = single_decider_reports(ctx)
        for pos, service_id in enumerate(graph.units[uid].decides):
            if service_id not in in_scope:
                continue
            if uid in reported.get(service_id, ()):
                continue  # decided twice: OM210 reports this entry
            others = graph.deciders.get(service_id, [])
            if main in others and uid not in doubled_deciders(ctx, others, main):
                continue  # a district office beside the allocation unit's own districts: one saksbehandler
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "decides", pos),
                _("{unit} decides {service}, but {why}").format(
                    unit=ctx.unit_label(uid), service=names.service(service_id), why=why
                )
                + affected_personas(ctx, uid, service_id),
                unit=uid,
                hint=_("move it to 'decides:' of {unit}; this unit can still deliver the service").format(
                    unit=main
                ),
                breach=service_id,
            )


def _providers_served(ctx: Context, deciding: list[str], in_scope: set[str]) -> dict[str, set[str]]:
    """For each deciding unit, the other units delivering what it decides (the providers it serves)."""
    graph = ctx.graph
    out: dict[str, set[str]] = {uid: set() for uid in deciding}
    for uid in deciding:
        for service in graph.units[uid].decides:
            if service in in_scope:
                out[uid].update(d for d in graph.deliverers.get(service, []) if d != uid)
    return out


def _deciding_everywhere(ctx: Context, deciding: list[str]) -> set[str]:
    """The deciding units that decide for the whole municipality (no ``kommunedeler``, or all of them)."""
    places, every = ctx.graph.deciding_places, {kd.id for kd in ctx.model.kommunedeler}
    return {u for u in deciding if not places[u] or every <= places[u]}
