"""OM213 allocation-apart: a deciding unit is not inside, and does not lead, a unit delivering its vedtak."""

from __future__ import annotations

from collections.abc import Iterator, Set

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, unknown_categories, words


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
