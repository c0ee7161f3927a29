"""OM210 single-decider and OM211 vedtak-decider: who grants each vedtak."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._delegation import outside_decisions
from orgmodel.rules._principles import (
    Names,
    affected_personas,
    deciding_scope,
    decision_counts,
    doubled_deciders,
    item_loc,
    main_decider,
    named_personas,
    placed_by_sites,
    services_in,
    unknown_categories,
    words,
)


class SingleDeciderParams(BaseModel):
    """Options of single-decider."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[str] = Field(
        default_factory=lambda: ["helse-og-omsorg"],
        description="service categories whose vedtak one unit grants, so each user meets one "
        "saksbehandler. Source: Drammen report p. 26, 29, 30, 49 (health and care only; barnevern "
        "and barnehage admissions stay outside). Empty: the rule finds nothing",
    )


@register
class SingleDecider(Rule[SingleDeciderParams]):
    """Each vedtak service in the configured categories is decided by exactly one unit.

    "Each user has one saksbehandler for all health and care services,
    regardless of the number of services or which kommunalsjef is
    responsible for the service" (Drammen report p. 26, 29, 30, 49). A
    service granted by vedtak that two units both decide gives its users two
    saksbehandlere. The finding sits at the cause, the ``decides`` list of
    each unit beside the one deciding most of these services: one finding a
    unit, at its first doubled entry, naming every service it doubles (one
    list to change) and the fictional users who would meet both (OM220 then
    says nothing more about them). The categories are ``helse-og-omsorg`` unless a ruleset
    says otherwise (health and care only: barnevern and barnehage admissions
    stay outside); a configured category that is a slip for one of the
    model's (``helse-omsorg``) is reported with a did-you-mean. That no unit
    decides a vedtak service is OM211; that
    the services are split between units is OM212.

    A unit decides for the ``kommunedeler`` it lists, else for those its
    leader's unit lists (a bestillerkontor under a bydel), so district
    offices that each decide for their own kommunedeler (Oslo's bydeler,
    each with its bestillerkontor) give a user one saksbehandler: two
    deciders clash only where their districts overlap, and one with no
    kommunedeler, its own or its leader's, decides everywhere. Where every
    unit deciding a service also delivers it, each decides for those it
    serves (as trace says), so one without kommunedeler decides it where it
    delivers it. A finding names the fictional users living where the two
    decide for the same users.

    A site does not narrow whom a unit decides for (Drammen's
    tildelingsenhet sat in Mjøndalen and granted for the whole kommune). A
    unit without kommunedeler that works at sites in some kommunedeler only,
    beside units that work or decide elsewhere, looks like a district office
    whose district is not stated: it is reported once, with the services it
    decides for the whole kommune, and the hint names ``kommunedeler:``.

    Anti-pattern (categories: [helse-og-omsorg])::

        services:
          - {id: hjemmetjenester, name: Hjemmetjenester, category: helse-og-omsorg, vedtak: true}
        units:
          - {id: virk-tildeling, ..., decides: [hjemmetjenester]}
          - {id: virk-oms-konnerud, ..., decides: [hjemmetjenester]}

    Best practice::

        units:
          - {id: virk-tildeling, ..., decides: [hjemmetjenester]}
          - {id: virk-oms-konnerud, ..., delivers: [hjemmetjenester]}
    """

    code = "OM210"
    name = "single-decider"
    Params = SingleDeciderParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        categories = set(self.params.categories)
        if not categories:
            return
        for loc, category, message, hint in unknown_categories(
            ctx, "single-decider categories", self.params.categories
        ):
            yield self.diagnostic(ctx, loc, message, hint=hint, key=True, breach=category)
        names = Names(ctx)
        graph = ctx.graph
        counts = decision_counts(ctx, categories)
        unplaced: dict[str, list[tuple[str, list[str]]]] = {}
        doubled: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for service in names.services.values():
            deciders = graph.deciders.get(service.id, [])
            if len(deciders) < 2 or not service.vedtak or service.category not in categories:
                continue
            main = main_decider(ctx, deciders, counts)
            for uid, others in doubled_deciders(ctx, deciders, main, service.id).items():
                if placed_by_sites(ctx, uid, others, service.id, deciders):
                    unplaced.setdefault(uid, []).append((service.id, others))
                else:
                    doubled.setdefault((uid, tuple(others)), []).append(service.id)
        for (uid, clash), services in doubled.items():
            yield self._doubled(ctx, names, uid, services, list(clash))
        for uid, found in unplaced.items():
            yield self._without_kommunedeler(ctx, names, uid, found)

    def _doubled(
        self, ctx: Context, names: Names, uid: str, services: list[str], others: list[str]
    ) -> Diagnostic:
        """One finding at ``uid``'s first ``decides`` entry for services ``others`` decide for its users too.

        One cause, one finding: a unit deciding two services beside the allocation unit has one
        ``decides`` list to change, so it gets one finding naming both (as OM212 does).
        """
        unit = ctx.graph.units[uid]
        first = min(unit.decides.index(s) for s in services)
        category = names.services[services[0]].category or ""
        message = ngettext(
            "{unit} also decides {service}, which {main} decides: its users meet two "
            "saksbehandlere (each user shall meet one for all {services})",
            "{unit} also decides {service}, which {main} decide: its users meet two "
            "saksbehandlere (each user shall meet one for all {services})",
            len(others),
        ).format(
            unit=ctx.unit_label(uid),
            service=words([names.service(s) for s in sorted(services, key=unit.decides.index)]),
            main=words([ctx.unit_label(o) for o in others]),
            services=services_in([category]),
        )
        if len(services) == 1:
            hint = ngettext(
                "remove it from this unit's 'decides'; {main} grants it, this unit can still deliver it",
                "remove it from this unit's 'decides'; {main} grant it, this unit can still deliver it",
                len(others),
            )
        else:
            hint = ngettext(
                "remove them from this unit's 'decides'; {main} grants them, this unit can still "
                "deliver them",
                "remove them from this unit's 'decides'; {main} grant them, this unit can still deliver them",
                len(others),
            )
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "decides", first),
            message + _doubled_personas(ctx, uid, services, others),
            unit=uid,
            hint=hint.format(main=words(others)),
            breach="+".join(others),
        )

    def _without_kommunedeler(
        self, ctx: Context, names: Names, uid: str, found: list[tuple[str, list[str]]]
    ) -> Diagnostic:
        """One finding for a unit placed by its sites alone, deciding for the whole kommune beside others."""
        services = [s for s, _o in found]
        others = list(dict.fromkeys(o for _s, each in found for o in each))
        graph = ctx.graph
        here = names.kd_order(graph.own_places[uid])
        category = names.services[services[0]].category or ""
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "decides", graph.units[uid].decides.index(services[0])),
            ngettext(
                "{unit} decides {services} for the whole kommune, as {others} does, though it works only "
                "in {where}: a user meets more than one saksbehandler (each user shall meet one for all "
                "{category}); a unit without 'kommunedeler:' decides for every kommunedel",
                "{unit} decides {services} for the whole kommune, as {others} do, though it works only "
                "in {where}: a user meets more than one saksbehandler (each user shall meet one for all "
                "{category}); a unit without 'kommunedeler:' decides for every kommunedel",
                len(others),
            ).format(
                unit=ctx.unit_label(uid),
                services=words([names.service(s) for s in services]),
                others=words([ctx.unit_label(o) for o in others]),
                where=words([names.kd(k) for k in here]),
                category=services_in([category]),
            )
            + affected_personas(ctx, uid, services),
            unit=uid,
            hint=_(
                "if each of these units decides for its own kommunedel only, say so under 'kommunedeler:' "
                "of each ('kommunedeler: [{kd}]' here, and on {others}); else remove them from this unit's "
                "'decides'"
            ).format(kd=", ".join(here), others=words(others)),
            breach="kommunedeler",
        )


def _doubled_personas(ctx: Context, uid: str, services: list[str], others: list[str]) -> str:
    """'; fictional users affected: ...': those needing one of ``services`` where both sides decide it."""
    lives_by_service = []
    for service in services:
        deciders = ctx.graph.deciders.get(service, [])
        scope = {u: deciding_scope(ctx, u, service, deciders) for u in (uid, *others)}
        lives_by_service.append((service, scope))
    wanted = set(services)
    affected = (
        p
        for p in ctx.model.personas
        if not wanted.isdisjoint(p.needs)
        and any(
            service in p.needs and _both_decide(scope, uid, others, p.kommunedel)
            for service, scope in lives_by_service
        )
    )
    return named_personas(affected)


def _both_decide(scope: dict[str, frozenset[str]], uid: str, others: list[str], kd: str | None) -> bool:
    """Whether a user living in ``kd`` falls under ``uid``'s decision and one of ``others``'."""
    return kd is None or (
        (not scope[uid] or kd in scope[uid]) and any(not scope[o] or kd in scope[o] for o in others)
    )


def _decider_hint(ctx: Context, category: str | None) -> str:
    """Where to add a vedtak nobody decides; the tildelingsenhet is named only for its own categories.

    The categories are those one unit grants (OM210's and OM212's ``categories`` where they run,
    else OM210's default, helse og omsorg: Drammen report p. 26): a byggesak has no tildelingsenhet.
    """
    running = [ctx.rules[code] for code in ("OM210", "OM212") if code in ctx.rules]
    allocated = {c for rule in running for c in getattr(rule.params, "categories", ())}
    if not running:
        allocated = set(SingleDeciderParams().categories)
    if category in allocated:
        return _("add it to 'decides:' of the unit that grants it (e.g. the tildelingsenhet)")
    return _("add it to 'decides:' of the unit that grants it")


@register
class VedtakDecider(Rule[Any]):
    """Every service granted by vedtak is decided by a unit, and units decide only vedtak services.

    A service with ``vedtak: true`` is granted by an enkeltvedtak, so some
    unit must hold the authority to decide it (vedtaksmyndighet, e.g. the
    tildelingsenhet; Drammen report p. 26): without one, nobody in the
    design can grant the service. A service an agreement lists whose
    ``host`` is another kommune (the model's ``kommunenummer`` is not the
    host, or is not stated) is granted by the host: under an
    administrativt vertskommunesamarbeid the vertskommune makes the vedtak
    (kommuneloven § 20-2), so a partner's model needs no unit deciding it.
    A unit that lists ``kommunedeler`` decides
    for those districts only; when every unit deciding a service lists
    some itself, a kommunedel none of them names has nobody to grant it (a
    tildelingsenhet written with the kommunedel it sits in, when it decides
    for the whole kommune), reported once at the first decider's
    ``kommunedeler``. Conversely, a unit whose ``decides`` names a service
    that is not granted by vedtak claims an authority the model does not
    know about.

    A unit outside the kommune's own organisation (a parentless
    ``external`` or ``iks`` unit, one an agreement lists, or a unit below
    one) that decides a vedtak service makes enkeltvedtak for the
    kommune's inhabitants. Another kommune does so under a vertskommune
    agreement (kommuneloven § 20-2), so the model states it with an
    agreement that lists the service and the unit (or names no units).
    An ``iks``, ``partnerskap`` or unstated kind of agreement that lists
    them is taken as the model's word that the authority was given; a
    ``samarbeidsavtale`` gives none. Without one, the finding is at the
    unit's ``decides`` entry, a warning whatever the rule's severity (the
    model may not yet write down an agreement that exists), and the hint
    names the agreement to write or complete. A host's own model needs
    nothing of this: its unit is inside it, and a vertskommune agreement
    with the model's ``kommunenummer`` as ``host`` says whom else it
    serves (OM279 checks that it delivers what it hosts); that the host
    decides for a partner without an agreement is found in the partner's
    model, the one whose inhabitants the vedtak are for.

    Anti-pattern::

        services:
          - {id: avlastning, name: Avlastning, category: helse-og-omsorg, vedtak: true}
          - {id: apent-hus, name: Åpent hus}
        units:
          - {id: virk-tildeling, ..., decides: [apent-hus]}      # avlastning: decided by nobody
          - {id: virk-korttid, ..., kommunedeler: [kd1], decides: [korttid]}   # kd2: nobody
          # a partner's model: another kommune's office deciding with no agreement
          - {id: spredt-kontor, kind: external, level: 1, decides: [utslipp-spredt]}

    Best practice::

        units:
          - {id: virk-tildeling, ..., decides: [avlastning]}
        agreements:
          - {id: spredt-avtale, kind: vertskommune, name: Felles kontor for spredt avløp, host: "3005",
             parties: ["3005", "3048"], units: [spredt-kontor], services: [utslipp-spredt]}
    """

    code = "OM211"
    name = "vedtak-decider"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        names = Names(ctx)
        hosted = graph.hosted_elsewhere  # granted by another kommune, the host of an agreement
        for index, service in enumerate(ctx.model.services):
            if service.vedtak and not graph.deciders.get(service.id) and service.id not in hosted:
                yield self.diagnostic(
                    ctx,
                    item_loc(ctx, "services", index, "vedtak"),
                    _(
                        "{service} is granted by vedtak, but no unit decides it: nobody in "
                        "this design has the authority to grant it"
                    ).format(service=names.service(service.id)),
                    unit=service.id,
                    hint=_decider_hint(ctx, service.category),
                )
        yield from self._districts_without_decider(ctx, names)
        yield from self._outside_deciders(ctx, names)
        for uid, unit in graph.units.items():
            for pos, service_id in enumerate(unit.decides):
                decided = names.services.get(service_id)
                if decided is None or decided.vedtak:
                    continue
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "decides", pos),
                    _("{unit} decides {service}, which is not granted by vedtak").format(
                        unit=ctx.unit_label(uid), service=names.service(service_id)
                    ),
                    unit=uid,
                    hint=_("mark the service 'vedtak: true' or remove it from 'decides:'"),
                    breach=service_id,
                )

    def _outside_deciders(self, ctx: Context, names: Names) -> Iterator[Diagnostic]:
        """A unit outside the kommune deciding a vedtak no agreement lets it decide (``_delegation``)."""
        for found in outside_decisions(ctx):
            if found.company:
                message = _(
                    "{unit}, in an IKS outside the kommune's own organisation, decides {service} for the "
                    "kommune's inhabitants, but no agreement lists it: nothing in this design gives the "
                    "company that authority"
                )
            else:
                message = _(
                    "{unit} is outside the kommune's own organisation and decides {service} for the "
                    "kommune's inhabitants, but no vertskommune agreement lists it: another kommune makes "
                    "vedtak for them under one (kommuneloven § 20-2)"
                )
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(found.unit, "decides", found.position),
                message.format(unit=ctx.unit_label(found.unit), service=names.service(found.service)),
                unit=found.unit,
                hint=found.hint,
                # the model may not yet write down an agreement that exists: a warning, not an error
                severity=Severity.WARNING if self.level is Severity.ERROR else self.level,
                breach=f"outside:{found.service}",
            )

    def _districts_without_decider(self, ctx: Context, names: Names) -> Iterator[Diagnostic]:
        """A vedtak service whose deciders all list kommunedeler, some kommunedel named by none."""
        every = [k.id for k in ctx.model.kommunedeler]
        units = ctx.graph.units
        for service_id, deciders in ctx.graph.deciders.items():
            service = names.services.get(service_id)
            if not every or service is None or not service.vedtak:
                continue
            if any(not units[u].kommunedeler for u in deciders):
                continue  # a unit deciding for the whole municipality
            covered = set().union(*(units[u].kommunedeler for u in deciders))
            missing = [k for k in every if k not in covered]
            if not missing:
                continue
            first = deciders[0]
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(first, "kommunedeler"),
                _(
                    "{service} is decided only for {covered} (by {units}): nobody decides it for users "
                    "living in {missing}"
                ).format(
                    service=names.service(service_id),
                    covered=words([names.kd(k) for k in sorted(covered, key=every.index)], limit=4),
                    units=words([ctx.unit_label(u) for u in deciders], limit=3),
                    missing=words([names.kd(k) for k in missing], limit=4),
                ),
                unit=first,
                hint=_(
                    "a unit that decides for the whole kommune lists no 'kommunedeler:' (where it works "
                    "goes under 'sites:'); else let a unit decide it for {missing}"
                ).format(missing=words([names.kd(k) for k in missing], limit=4)),
                breach=f"districts:{service_id}",
            )
