"""OM212 allocation-unit: one unit grants every vedtak in the configured categories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, plural, words
from orgmodel.validate import suggest


class AllocationUnitParams(BaseModel):
    """Options of allocation-unit."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[str] = Field(
        default_factory=list,
        description="service categories whose vedtak one unit grants (Drammen: helse-og-omsorg); "
        "none configured: the rule finds nothing",
    )
    allocation_unit: str | None = Field(
        default=None,
        description="id of the tildelingsenhet that holds the authority; unset: the unit deciding most "
        "of these services",
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
    unit deciding most of these services (the first in the file on a tie).

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
            guess = suggest(configured, deciding)  # the tildelingsenhet decides something
            yield self.diagnostic(
                ctx,
                ("units",),
                f"the ruleset names '{configured}' as the allocation unit (tildelingsenhet), but no unit "
                f"has that id; the {words(sorted(categories))} vedtak here are decided by "
                f"{words([ctx.unit_label(u) for u in deciding])}",
                key=True,
                hint=f"did you mean '{guess}'? (set allocation_unit in the ruleset)"
                if guess
                else "set allocation_unit in the ruleset to the tildelingsenhet's id",
            )
            return
        main = configured or max(deciding, key=lambda u: (counts[u], -graph.index[u]))
        if len(deciding) == 1 and deciding[0] == main:
            return
        split = words(
            [f"{u} {plural(counts[u], 'service')}" for u in dict.fromkeys([main, *deciding]) if counts[u]]
        )
        what = "belong to the allocation unit" if configured else "are mostly decided by"
        area = words(sorted(categories))
        for uid in deciding:
            if uid == main:
                continue
            for pos, service_id in enumerate(graph.units[uid].decides):
                if service_id not in in_scope:
                    continue
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "decides", pos),
                    f"{ctx.unit_label(uid)} decides {names.service(service_id)}, but vedtak on {area} "
                    f"services {what} {ctx.unit_label(main)}: a user of several services would meet more "
                    f"than one saksbehandler (decisions split: {split})",
                    unit=uid,
                    hint=f"move it to 'decides:' of {main}; this unit can still deliver the service",
                    breach=service_id,
                )
