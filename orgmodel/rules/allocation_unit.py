"""OM212 allocation-unit: one unit grants every vedtak in the configured categories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Set

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
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


class AllocationApartParams(BaseModel):
    """Options of allocation-apart."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[str] = Field(
        default_factory=lambda: ["helse-og-omsorg"],
        description="service categories whose deciding unit is kept apart from the units delivering "
        "them. Source: Drammen report p. 26 (Tjenestetildeling under its own kommunalsjef 'to secure "
        "habilitet'). Empty: the rule finds nothing",
    )


@register
class AllocationApart(Rule[AllocationApartParams]):
    """The unit that grants a service by vedtak is not inside, and does not lead, a unit delivering it.

    Drammen places Tjenestetildeling og koordinerende enhet beside the care
    districts, under the kommunalsjef, "to secure habilitet (impartiality)
    and one practice for vedtak across the care districts" (report p. 26).
    A deciding unit whose personnel line runs through a unit that delivers
    the services it decides grants services for its own leader's users;
    one that leads such a unit decides on its own staff's work. The rule
    reads the structure (``parent``, ``decides``, ``delivers``), never the
    units' ``kind`` or ``role``. It is a design choice the law leaves to the
    municipality (the law asks for an enkeltvedtak, pasient- og
    brukerrettighetsloven § 2-7, not for a split between the unit that
    grants and the one that delivers), and many municipalities place the
    tildelingskontor inside their care organisation: in a small municipality's
    two-level model the helse- og omsorgsleder grants the vedtak and leads
    the sykehjem and the hjemmetjeneste. So the default is a note (info); a
    ruleset that adopts the principle makes it a warning (``asker-2020``) or
    an error (``drammen-2020``). A decider inside a provider is reported at
    its ``parent``; a decider leading providers once, at its ``decides``,
    naming every provider it leads (a suppression above the deciding unit
    covers it). A unit that decides and delivers
    alone is not judged here: a second decider of the same vedtak is OM210.
    While this rule runs, forvaltning-apart (OM278) leaves a decider placed
    inside a provider of these services to it: one cause, one finding.

    Anti-pattern (categories: [helse-og-omsorg])::

        - {id: virk-oms-konnerud, ..., parent: ks-hjemme, delivers: [hjemmetjenester]}
        - {id: tildeling, ..., parent: virk-oms-konnerud, decides: [hjemmetjenester]}

    Best practice::

        - {id: virk-oms-konnerud, ..., parent: ks-hjemme, delivers: [hjemmetjenester]}
        - {id: tildeling, ..., parent: ks-hjemme, decides: [hjemmetjenester]}
    """

    code = "OM213"
    name = "allocation-apart"
    severity = Severity.INFO
    Params = AllocationApartParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        categories = set(self.params.categories)
        if not categories:
            return
        for loc, category, message, hint in unknown_categories(
            ctx, "allocation-apart categories", categories
        ):
            yield self.diagnostic(ctx, loc, message, hint=hint, key=True, breach=category)
        names = Names(ctx)
        in_scope = self.judged(ctx)
        for uid, unit in ctx.graph.units.items():
            if not unit.decides:
                continue  # most units decide nothing
            decided = [s for s in dict.fromkeys(unit.decides) if s in in_scope]
            if decided:
                yield from self._apart(ctx, names, uid, set(decided))

    def judged(self, ctx: Context) -> set[str]:
        """The services whose deciders this rule keeps apart from their providers (vedtak, ``categories``)."""
        categories = set(self.params.categories)
        return {s.id for s in ctx.model.services if s.vedtak and s.category in categories}

    def _apart(self, ctx: Context, names: Names, uid: str, decided: set[str]) -> Iterator[Diagnostic]:
        graph = ctx.graph
        label = ctx.unit_label(uid)

        def what(providers: list[str]) -> str:
            both = [s for p in providers for s in graph.units[p].delivers if s in decided]
            return words([names.service(s) for s in dict.fromkeys(both)])

        inside = provider_above(graph, uid, decided)
        if inside is not None:
            above = _leader_of(graph, inside)
            hint = (
                _("place it beside {inside}, under {leader}").format(
                    inside=ctx.unit_label(inside), leader=ctx.unit_label(above)
                )
                if above is not None
                else _("place it beside the providers, under their common leader")
            )
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "parent"),
                _(
                    "{unit} decides vedtak on {services}, but sits inside {inside}, which "
                    "delivers them: allocation is kept apart from provision"
                ).format(unit=label, services=what([inside]), inside=ctx.unit_label(inside)),
                unit=uid,
                hint=hint,
            )
        led = {child: self._first_provider(ctx, child, decided) for child in graph.children[uid]}
        providers = {child: provider for child, provider in led.items() if provider is not None}
        if providers:
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "decides"),
                self._leads_message(ctx, label, what(list(providers.values())), providers),
                unit=uid,
                hint=self._leads_hint(ctx, uid),
                breach="leads",
            )

    @staticmethod
    def _leads_message(ctx: Context, label: str, services: str, providers: dict[str, str]) -> str:
        """The message of a deciding unit leading providers, each directly or through a unit below it."""
        led = [
            ctx.unit_label(provider)
            if provider == child
            else _("{led} (through {child})").format(
                led=ctx.unit_label(provider), child=ctx.unit_label(child)
            )
            for child, provider in providers.items()
        ]
        message = ngettext(
            "{unit} decides vedtak on {services}, but leads {led}, which delivers them: "
            "allocation is kept apart from provision",
            "{unit} decides vedtak on {services}, but leads {led}, which deliver them: "
            "allocation is kept apart from provision",
            len(led),
        )
        return message.format(unit=label, services=services, led=words(led))

    @staticmethod
    def _leads_hint(ctx: Context, uid: str) -> str:
        """Where the vedtak could go instead: a unit beside the providers, under the decider's own leader."""
        above = _leader_of(ctx.graph, uid)
        if above is None:
            return _(
                "let a unit that delivers none of these services grant them, or let the providers "
                "report to another leader"
            )
        return _(
            "let a unit beside {unit} grant them (a tildelingskontor under {leader}), or let the providers "
            "report to another leader"
        ).format(unit=ctx.unit_label(uid), leader=ctx.unit_label(above))

    @staticmethod
    def _first_provider(ctx: Context, top: str, decided: set[str]) -> str | None:
        """The first unit in ``top``'s subtree (``top`` included) delivering a decided service."""
        graph = ctx.graph
        stack, seen = [top], {top}
        while stack:
            uid = stack.pop()
            if decided & set(graph.units[uid].delivers):
                return uid
            for child in reversed(graph.children[uid]):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return None


def _leader_of(graph: OrgGraph, uid: str) -> str | None:
    """The unit ``uid``'s personnel leader, if the model has it."""
    parent = graph.units[uid].parent
    return parent if parent in graph.units else None


def provider_above(graph: OrgGraph, uid: str, decided: Set[str]) -> str | None:
    """The nearest unit above ``uid`` in its personnel line that delivers one of the ``decided`` services.

    allocation-apart (OM213) reports a decider placed inside it; forvaltning-apart (OM278) stands down
    for that placement while OM213 runs (one cause, one finding).
    """
    return next((a for a in graph.ancestors(uid) if not decided.isdisjoint(graph.units[a].delivers)), None)


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
