"""Persona journeys: how a fictional user (fiktiv bruker) meets the organisation.

Workshops tested every sketch against fictional users (Drammen report p. 8).
A persona's journey follows its ``needs`` through a model: for each service,
which unit delivers it in the persona's kommunedel (or that none does), which
unit decides it, at which site, and under which kommunalsjef and direktør;
then the totals. The result is plain frozen dataclasses, so the diff can
compare a persona's journey between two proposals, the OM22x rules judge it
and ``orgmodel trace`` prints it.

This module sits with the rules, below the engine: it reads a model and its
graph and nothing else. ``Journeys`` holds the lookups and every journey
computed so far for one model; a checked model keeps one (``journeys_of``
memoises it on the rules' context), so the rules, the diff and the trace of
one check share it::

    from orgmodel.graph import OrgGraph
    from orgmodel.journeys import Journeys

    journey = Journeys(OrgGraph(model)).by_id("kari")
    print(journey.totals.saksbehandlere)

How a provider is chosen for a need, among the units that ``deliver`` it:
units working in the persona's kommunedel (``local``); else units placed
nowhere, which serve the whole kommune (``central``); else units working in
other kommunedeler (``elsewhere``); else ``none``. A unit whose personnel
leader is also a candidate is folded into that leader. When several
candidates remain, the first one the persona already meets for another
need is chosen (else the first in the file); the others are listed as
alternatives. A persona without a kommunedel gets ``unknown`` for every
need that someone delivers, unless the model has no kommunedeler at all:
then the whole kommune is one place (``Journey.whole_kommune``), a unit of
the basisorganisasjon that delivers the need is ``local`` and a unit outside
it (an IKS) ``central``.
"""

from __future__ import annotations

from orgmodel.graph import OrgGraph
from orgmodel.i18n import _
from orgmodel.journey_forums import ForumRef as ForumRef
from orgmodel.journey_forums import forums_of
from orgmodel.journey_forums import frequency_text as frequency_text
from orgmodel.journey_steps import AgreementRef as AgreementRef
from orgmodel.journey_steps import Availability as Availability
from orgmodel.journey_steps import Journey as Journey
from orgmodel.journey_steps import Leader as Leader
from orgmodel.journey_steps import NeedStep as NeedStep
from orgmodel.journey_steps import Place as Place
from orgmodel.journey_steps import SiteRef as SiteRef
from orgmodel.journey_steps import Totals as Totals
from orgmodel.journey_steps import UnitRef as UnitRef
from orgmodel.journey_totals import SAKSBEHANDLER_CATEGORIES, saksbehandler_categories, totals
from orgmodel.rule import Context
from orgmodel.schema import OrgModel, Persona

MAX_ALTERNATIVES = 10
"""At most this many alternative providers are listed per need; ``more_alternatives`` counts the rest."""


class PersonaNotFound(LookupError):
    """No persona has the id; ``suggestion`` is the closest id, if any."""

    def __init__(self, persona_id: str, known: list[str], suggestion: str | None) -> None:
        message = _("no persona has the id '{id}'").format(id=persona_id)
        if suggestion is not None:
            message += "; " + _("did you mean '{guess}'?").format(guess=suggestion)
        super().__init__(message)
        self.persona_id = persona_id
        self.known = known
        self.suggestion = suggestion


def find_persona(model: OrgModel, persona_id: str) -> tuple[int, Persona]:
    """The index and persona with this id; PersonaNotFound (with a did-you-mean) otherwise."""
    for index, persona in enumerate(model.personas):
        if persona.id == persona_id:
            return index, persona
    from orgmodel.validate import suggest

    known = [p.id for p in model.personas]
    raise PersonaNotFound(persona_id, known, suggest(persona_id, known))


def journeys_of(ctx: Context, categories: tuple[str, ...] | None = None) -> Journeys:
    """The journeys of the context's model, built on first use and kept on the context.

    Every rule of one check reads the same context, and a checked model keeps
    its context, so the rules, the diff and the trace share one ``Journeys``.
    Its saksbehandlere are counted in the categories of persona-saksbehandler (OM220)
    as the context's rules set them (the rule's default where it does not run), or
    ``categories`` where given (``orgmodel stats`` and ``trace`` read the ruleset's).
    """
    found = ctx.memo.get("journeys")
    categories = saksbehandler_categories(ctx.rules) if categories is None else categories
    if not isinstance(found, Journeys) or found.graph is not ctx.graph or found.categories != categories:
        found = ctx.memo["journeys"] = Journeys(ctx.graph, categories)
    return found


def trace_persona(model: OrgModel, graph: OrgGraph, persona_id: str) -> Journey:
    """The journey of the persona with this id (PersonaNotFound if there is none)."""
    return Journeys(graph).by_id(persona_id)


def trace_all(model: OrgModel, graph: OrgGraph) -> list[Journey]:
    """The journey of every persona, in file order."""
    return Journeys(graph).all()


def trace(model: OrgModel, graph: OrgGraph, persona: Persona) -> Journey:
    """The journey of one persona (a fresh computation: a check shares ``journeys_of`` instead)."""
    return Journeys(graph).of(persona)


def _trace(tracer: Journeys, graph: OrgGraph, persona: Persona) -> Journey:
    kd = persona.kommunedel
    needs = list(dict.fromkeys(persona.needs))
    options = {need: tracer.candidates(need, kd) for need in needs}
    met: set[str] = {c[0] for _, c in options.values() if len(c) == 1}
    decided: set[str] = set()
    steps = []
    for need in needs:
        availability, candidates = options[need]
        chosen = next((c for c in candidates if c in met), candidates[0] if candidates else None)
        if chosen is not None:
            met.add(chosen)
        others = [c for c in candidates if c != chosen] + tracer.own_instead(need, availability, candidates)
        deciding, instead = _deciding(graph, need, kd, met | decided, chosen)
        decided.update(deciding)
        service = tracer.services.get(need)
        steps.append(
            NeedStep(
                service=need,
                name=service.name if service else need,
                category=service.category if service else None,
                vedtak=bool(service and service.vedtak),
                local=bool(service and service.local),
                availability=availability,
                provider=tracer.ref(chosen, kd) if chosen else None,
                alternatives=tuple(tracer.ref(c, kd) for c in others[:MAX_ALTERNATIVES]),
                more_alternatives=max(0, len(others) - MAX_ALTERNATIVES),
                deciders=tuple(tracer.ref(u, kd) for u in deciding),
                deciders_elsewhere=tuple(
                    u for u in graph.deciders.get(need, []) if u not in deciding and u not in instead
                ),
                decider_alternatives=tuple(tracer.ref(u, kd) for u in instead),
                agreements=tuple(
                    AgreementRef(a.id, a.name, a.kind)
                    for a in graph.model.agreements
                    if need in a.services and a.id not in graph.undelivered_agreed.get(need, ())
                ),
                unkept=tuple(
                    AgreementRef(a.id, a.name, a.kind)
                    for a in graph.model.agreements
                    if a.id in graph.undelivered_agreed.get(need, ())
                ),
                decided_by_host=tuple(
                    AgreementRef(a.id, a.name, a.kind)
                    for a in graph.model.agreements
                    if not deciding and a.id in graph.hosted_elsewhere.get(need, ())
                ),
                served_from=tracer.served_from(chosen, kd) if availability == "local" and chosen else (),
            )
        )
    place = tracer.place(kd) if kd else None
    sums = totals(steps, graph.direktor_tier, tracer.categories)
    named = (
        k
        for s in steps
        for r in (s.provider, *s.alternatives, *s.deciders, *s.decider_alternatives)
        if r
        for k in (*r.kommunedeler, *s.served_from)
    )
    places = tuple(tracer.place(k) for k in dict.fromkeys(named))
    forums = forums_of(graph.model, sums.units)
    return Journey(persona.id, persona.name, place, tuple(steps), sums, forums, places, tracer.whole_kommune)


def district_offices(graph: OrgGraph, deciders: list[str]) -> bool:
    """Whether these units each decide for their own ``kommunedeler``, no two overlapping.

    Oslo's bydeler each grant hjemmetjenester through their own bestillerkontor:
    a user meets the one of her district, never two. One decider that lists no
    kommunedeler decides everywhere, so it overlaps every other.
    """
    seen: set[str] = set()
    for uid in deciders:
        districts = graph.deciding_places[uid]
        if not districts or districts & seen:
            return False
        seen |= districts
    return True


def _deciding(
    graph: OrgGraph, need: str, kd: str | None, met: set[str], provider: str | None
) -> tuple[list[str], list[str]]:
    """The units that decide ``need`` for the persona, and those one of which would decide instead.

    Two structures give a user one of several deciders, not all of them:
    units that each deliver what they decide decide for those they serve (29
    schools, each deciding spesialundervisning for its own pupils), so the
    persona meets the one that serves her, her provider; and district offices
    (``district_offices``) give a persona who names no kommunedel one of them,
    the one she already meets for another need, else the first.
    """
    deciding = graph.deciding_for(need, kd)
    if len(deciding) < 2:
        return deciding, []
    units = graph.units
    if provider in deciding and all(need in units[u].delivers for u in deciding):
        return [provider], [u for u in deciding if u != provider]
    if kd is None and district_offices(graph, deciding):
        taken = next((u for u in deciding if u in met), deciding[0])
        return [taken], [u for u in deciding if u != taken]
    return deciding, []


class Journeys:
    """The journeys of one model's personas, each computed once, and the lookups they share."""

    def __init__(self, graph: OrgGraph, categories: tuple[str, ...] = SAKSBEHANDLER_CATEGORIES) -> None:
        model = graph.model
        self.graph = graph
        self.categories = categories
        """The service categories whose deciders are the personas' saksbehandlere (OM220's)."""
        self.model: OrgModel = model
        self.services = {s.id: s for s in reversed(model.services)}
        self.sites = {s.id: s for s in reversed(model.sites)}
        self.kommunedeler = {k.id: k for k in reversed(model.kommunedeler)}
        self.whole_kommune = not model.kommunedeler
        """The model has no kommunedeler: the whole kommune is one place, where every persona lives."""
        self.refs: dict[tuple[str, str | None], UnitRef] = {}
        self.options: dict[tuple[str, str | None], tuple[Availability, list[str]]] = {}
        self.journeys: dict[int, tuple[Persona, Journey]] = {}

    def of(self, persona: Persona) -> Journey:
        """The journey of one persona of the model."""
        known = self.journeys.get(id(persona))
        if known is None or known[0] is not persona:
            known = self.journeys[id(persona)] = (persona, _trace(self, self.graph, persona))
        return known[1]

    def by_id(self, persona_id: str) -> Journey:
        """The journey of the persona with this id (PersonaNotFound, with a did-you-mean, if none)."""
        return self.of(find_persona(self.model, persona_id)[1])

    def all(self) -> list[Journey]:
        """The journey of every persona, in file order."""
        return [self.of(persona) for persona in self.model.personas]

    def by_persona(self) -> dict[str, Journey]:
        """Each persona's journey by its id, in file order; the first where two personas share an id."""
        out: dict[str, Journey] = {}
        for journey in self.all():
            out.setdefault(journey.persona, journey)
        return out

    def candidates(self, need: str, kd: str | None) -> tuple[Availability, list[str]]:
        """How available a service is to someone living in ``kd``, and the units that could provide it."""
        key = (need, kd)
        if key not in self.options:
            self.options[key] = self._candidates(need, kd)
        return self.options[key]

    def _candidates(self, need: str, kd: str | None) -> tuple[Availability, list[str]]:
        units = self.graph.deliverers.get(need, [])
        if not units:
            return "none", []
        places = self.graph.places
        if kd is None and self.whole_kommune:  # one place: every unit of the kommune's own works in it
            inside = [u for u in units if u not in self.graph.outside]
            return ("local", self._fold(inside)) if inside else ("central", self._fold(units))
        if kd is None:
            return "unknown", self._fold(units)
        # where a deliverer does not work itself, the units below it that deliver with it and work in kd
        local = list(
            dict.fromkeys(d for u in units for d in self.graph.delivering(u, need) if kd in places[d])
        )
        if local:
            return "local", self._fold(local)
        central = [u for u in units if not places[u]]
        if central:
            return "central", self._fold(central)
        return "elsewhere", self._fold(units)

    def own_instead(self, need: str, availability: Availability, candidates: list[str]) -> list[str]:
        """The kommune's own units delivering ``need`` elsewhere, where outside units alone deliver centrally.

        A private BPA provider placed nowhere is chosen, and the kommune's own unit, which the persona
        may use instead, is listed as an alternative ("or ...").
        """
        outside = self.graph.outside
        if availability != "central" or any(c not in outside for c in candidates):
            return []
        own = [u for u in self.graph.deliverers.get(need, []) if u not in outside]
        return [u for u in self._fold(own) if u not in candidates]

    def served_from(self, uid: str, kd: str | None) -> tuple[str, ...]:
        """The kommunedeler of the sites a unit serving ``kd`` comes from, where none of its sites lies in it.

        A home-care district listing two kommunedeler with its one base in the other serves the persona
        from there; empty where a site lies in ``kd``, or a site's kommunedel is not known.
        """
        sites = [self.sites[s] for s in self._place_of(uid)[1] if s in self.sites]
        where = [s.kommunedel for s in sites]
        if kd is None or not where or None in where or kd in where:
            return ()
        return tuple(sorted({k for k in where if k is not None}, key=self._kd_order))

    def _fold(self, units: list[str]) -> list[str]:
        present = set(units)
        return [u for u in units if not any(a in present for a in self.graph.ancestors(u))]

    def ref(self, uid: str, kd: str | None) -> UnitRef:
        """A unit as a persona living in ``kd`` meets it (the sites shown are the nearest ones)."""
        key = (uid, kd)
        if key not in self.refs:
            unit = self.graph.units[uid]
            kommunalsjef, direktor = self.graph.areas(uid)
            placed_by, site_ids = self._place_of(uid)
            sites = [self.sites[s] for s in site_ids if s in self.sites]
            near = [s for s in sites if kd is not None and s.kommunedel == kd]
            shown = near or sites
            self.refs[key] = UnitRef(
                id=uid,
                name=unit.name,
                level=unit.level,
                kind=unit.kind,
                kommunedeler=tuple(sorted(self.graph.places[uid], key=self._kd_order)),
                sites=tuple(SiteRef(s.id, s.name, s.kind, s.kommunedel) for s in shown),
                kommunalsjef=self._leader(kommunalsjef),
                direktor=self._leader(direktor),
                place_inherited_from=self._leader(placed_by if placed_by != uid else None),
                outside=uid in self.graph.outside,
            )
        return self.refs[key]

    def _place_of(self, uid: str) -> tuple[str | None, list[str]]:
        """Who names the unit's place, and that unit's sites: itself, else its nearest leader (not the top).

        (None, []) where no unit up the line names a place. An avdeling that names no place works
        where its virksomhet works (docs/principles.md); one that names its own kommunedeler but no
        site has none given.
        """
        graph = self.graph
        for member in [uid, *graph.ancestors(uid)]:
            unit = graph.units[member]
            if member != uid and unit.parent is None:
                return None, []  # the rådmann's rådhus is not where a kommune-wide unit below it works
            if unit.sites or unit.kommunedeler:
                return member, list(unit.sites)
        return None, []

    def _kd_order(self, kd: str) -> tuple[int, str]:
        found = self.kommunedeler.get(kd)
        return ((found.number or 0) if found else 10**6, kd)

    def _leader(self, uid: str | None) -> Leader | None:
        if uid is None:
            return None
        unit = self.graph.units[uid]
        return Leader(uid, unit.name, unit.leader)

    def place(self, kd: str) -> Place:
        """A kommunedel by id (its id as its name when the model does not declare it)."""
        found = self.kommunedeler.get(kd)
        return Place(kd, found.name if found else kd, found.number if found else None)
