"""A persona's journey in words: the sentences ``orgmodel trace`` prints and the report's journeys show.

One wording for both: each function returns text (with its mark, ✓ · ✗ ? -, and a style for a
terminal) and names things of the model through ``Words``, which each output gives: the terminal
escapes a name (``TERMINAL``), the report clips it and escapes the whole cell for HTML later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from orgmodel.escape import text as esc
from orgmodel.i18n import N_, _, ngettext
from orgmodel.journey_steps import AgreementRef, Journey, NeedStep, Place, UnitRef

MAX_ALTERNATIVES = 3
"""At most this many units are named after "or"; the rest are counted ("and 2 more")."""

Marked = tuple[str, str, str]
"""A mark (✓ · ✗ ? -), its style in a terminal and the words."""


@dataclass(frozen=True)
class Words:
    """How an output names a thing of the model: ``ref`` 'name (id)', ``name`` a name alone."""

    ref: Callable[[str, str], str]
    name: Callable[[str], str]


TERMINAL = Words(lambda name, ident: f"{esc(name)} ({esc(ident)})", esc)
"""Names for a terminal: every unsafe character shown as an escape."""


def kommunedel(words: Words, kd_id: str, name: str, number: int | None) -> str:
    """'kommunedel 3 Øst', or 'kommunedel Øst (kd-ost)' where the model gives it no number."""
    if number is not None:
        return _("kommunedel {number} {name}").format(number=number, name=words.name(name))
    return _("kommunedel {name}").format(name=words.ref(name, kd_id))


def home(journey: Journey, words: Words) -> str | None:
    """Where the persona lives, in the steps' words: her kommunedel, 'the kommune', or None (not named)."""
    if journey.whole_kommune:
        return _("the kommune")
    place = journey.kommunedel
    return kommunedel(words, place.id, place.name, place.number) if place else None


def lives(journey: Journey, words: Words) -> str:
    """The title's words on where the persona lives: 'lives in kommunedel 3 Øst'."""
    if journey.whole_kommune:  # said once; the steps and totals read "in the kommune"
        return _("the model has no kommunedeler: the whole kommune is one place")
    where = home(journey, words)
    return _("lives in {kommunedel}").format(kommunedel=where) if where else _("names no kommunedel")


def delivery(step: NeedStep, journey: Journey, words: Words) -> Marked:
    """How the need is delivered: '✓ in kommunedel 3 Øst, by X (x)', '✗ not in ...', and so on."""
    where = home(journey, words)
    mark, style, said = availability(step, where, words, journey.whole_kommune)
    if step.served_from and journey.kommunedel is not None:  # local, but no site of the unit lies there
        places = {p.id: p for p in journey.places}
        said = served_from(step, where, places, journey.kommunedel.name, words)
    return mark, style, said


def availability(step: NeedStep, where: str | None, words: Words, whole: bool = False) -> Marked:
    """The mark, its style and the words of a need's delivery; ``whole``: the model has no kommunedeler."""
    provider = step.provider
    who = _("by {unit}").format(unit=words.ref(provider.name, provider.id)) if provider else ""
    if step.availability == "local":
        return "✓", "green", _("in {kommunedel}, {who}").format(kommunedel=where, who=who)
    # an IKS for the whole kommune; a unit of the kommune's own organisation (a vertskommune's own
    # barneverntjeneste serving its own residents) delivers as any unit does
    if step.through_agreement and provider is not None:
        how = through(step.agreements[0], words)
        return "✓", "green", _("{how}, {who}").format(how=how, who=who)
    outside = provider is not None and provider.outside
    if step.availability == "central" and (whole or outside):  # only a unit outside the kommune's own
        return (
            "·",
            "yellow",
            _("{who}, outside the kommune's own organisation (no agreement lists it)").format(who=who),
        )
    if step.availability == "central":
        return "·", "yellow", _("centrally (a unit placed in no kommunedel), {who}").format(who=who)
    if step.availability == "elsewhere" and not step.local:  # one ward for the whole kommune: no fault
        return "·", "yellow", _("in another kommunedel, {who} (not a local service)").format(who=who)
    if step.availability == "elsewhere":
        return "✗", "red", _("not in {kommunedel}: {who}").format(kommunedel=where, who=who)
    if step.availability == "unknown":
        return "?", "yellow", _("{who} (the persona names no kommunedel)").format(who=who)
    if step.through_agreement:
        return "✓", "green", through(step.agreements[0], words)
    if step.unkept:  # the agreement lists it, but its units say they deliver other things (OM279)
        return (
            "✗",
            "red",
            _(
                "no unit delivers it: the {kind} {agreement} lists it, but none of its units delivers it"
            ).format(**agreement_words(step.unkept[0], words)),
        )
    return "✗", "red", _("no unit delivers it")


def served_from(step: NeedStep, where: str | None, places: dict[str, Place], own: str, words: Words) -> str:
    """'in kommunedel 3 Øst, served from kommunedel 4 Vest (no site in Øst), by X'.

    The unit serves the persona's kommunedel (its ``kommunedeler``), but works from sites elsewhere
    (``NeedStep.served_from``).
    """
    provider = step.provider
    who = _("by {unit}").format(unit=words.ref(provider.name, provider.id)) if provider else ""
    found = {kd: places[kd] for kd in step.served_from if kd in places}
    away = ", ".join(
        kommunedel(words, kd, found[kd].name, found[kd].number) if kd in found else words.name(kd)
        for kd in step.served_from
    )
    return _("in {kommunedel}, served from {places} (no site in {own}), {who}").format(
        kommunedel=where, places=away, own=words.name(own), who=who
    )


def through(agreement: AgreementRef, words: Words) -> str:
    """'through the vertskommune agreement Interkommunal legevakt (legevakt-avtale)'."""
    return _("through the {kind} {agreement}").format(**agreement_words(agreement, words))


def agreement_words(agreement: AgreementRef, words: Words) -> dict[str, str]:
    """The {kind} and {agreement} of 'through the {kind} {agreement}': the vertskommune agreement X (x)."""
    kind = _(_AGREEMENT_KINDS[agreement.kind]) if agreement.kind in _AGREEMENT_KINDS else _("agreement")
    return {"kind": kind, "agreement": words.ref(agreement.name, agreement.id)}


# Translators: an agreement's kind in 'through the {kind} {agreement}' (bokmål: the definite form)
_AGREEMENT_KINDS = {
    "iks": N_("IKS (inter-municipal company)"),
    "vertskommune": N_("vertskommune agreement"),
    "partnerskap": N_("partnerskap"),
    "samarbeidsavtale": N_("samarbeidsavtale"),
}


def alternatives(refs: tuple[UnitRef, ...], unlisted: int, words: Words) -> str | None:
    """The units that could stand instead of the one shown: "or A; B; and 2 more" (None: there are none)."""
    if not refs:
        return None
    shown = [words.ref(u.name, u.id) for u in refs[:MAX_ALTERNATIVES]]
    more = len(refs) - len(shown) + unlisted
    said = _("or {units}").format(units="; ".join(shown))
    return said + (_("; and {n} more").format(n=more) if more else "")


def undecided(step: NeedStep, words: Words) -> Marked | None:
    """Where no unit of the model decides the need: why ('- not granted by vedtak', '✗ ...'); else None."""
    if step.deciders:
        return None
    if step.vedtak and step.decided_by_host:  # the vertskommune grants it
        how = _("by the host of the {kind} {agreement}").format(
            **agreement_words(step.decided_by_host[0], words)
        )
        return "✓", "green", how
    if not step.vedtak:
        return "-", "dim", _("not granted by vedtak")
    nobody = _("no unit decides it")
    if step.deciders_elsewhere:  # decided, but only by units limited to other kommunedeler
        nobody = ngettext(
            "no unit decides it here: {units} decides it only for other kommunedeler",
            "no unit decides it here: {units} decide it only for other kommunedeler",
            len(step.deciders_elsewhere),
        ).format(units=", ".join(map(words.name, step.deciders_elsewhere)))
    return "✗", "red", nobody


def decider(step: NeedStep, ref: UnitRef, lives_somewhere: bool, words: Words) -> Marked:
    """'by X', and why X when one of several would decide (``NeedStep.decider_alternatives``)."""
    who = _("by {unit}").format(unit=words.ref(ref.name, ref.id))
    if not step.decider_alternatives:
        return "", "", who
    if not lives_somewhere:  # one of several, which one unknown
        return "?", "yellow", _("{who} (the persona names no kommunedel)").format(who=who)
    # units that each deliver what they decide: the one that delivers it to her decides
    return (
        "",
        "",
        _("{who}, which delivers it to the persona (each decides for those it serves)").format(who=who),
    )


def locality(journey: Journey, where: str, words: Words) -> Marked:
    """The verdict on the local services and what is not met at home, in one line (a report's cell)."""
    parts = locality_lines(journey, where, words)
    mark, style, _said = parts[0]
    return mark, style, "; ".join(said for _mark, _style, said in parts)


def locality_lines(journey: Journey, where: str, words: Words) -> list[Marked]:
    """The verdict on the local services (as OM202/OM221 judge them), then each group of needs apart.

    Each group of needs not met at home has a line of its own, marked as trace marks a need: not
    delivered, met away, through an agreement.
    """
    from orgmodel.journey_totals import met_elsewhere

    totals = journey.totals
    if totals.all_in_own_kommunedel:
        return [("✓", "green", _("every need is met in {kommunedel}").format(kommunedel=where))]
    steps = {step.service: step for step in journey.steps}
    whole = journey.whole_kommune  # one place: what is away is what the kommune's own units do not do
    if not any(step.local for step in journey.steps):  # nothing to judge: say only what is away
        verdict = _("no local needs")
    elif totals.local_needs_met:
        verdict = _("all local services are met in {kommunedel}").format(kommunedel=where)
    else:
        verdict = _("NOT all local services are met in {kommunedel}").format(kommunedel=where)
    mark, style = ("·", "yellow") if totals.local_needs_met else ("✗", "red")
    lines: list[Marked] = [(mark, style, verdict)]
    away = met_elsewhere(totals)
    agreed = tuple(n for n in away if whole and n in steps and steps[n].through_agreement)
    groups = (
        (
            totals.local_not_met,
            ("✗", "red"),
            _("local services delivered only outside its own organisation: {needs}")
            if whole
            else _("local services not met there: {needs}"),
        ),
        (
            tuple(n for n in away if n not in agreed),
            ("·", "yellow"),
            _("not by a unit of its own: {needs}") if whole else _("met elsewhere or centrally: {needs}"),
        ),
        (totals.not_delivered, ("✗", "red"), _("not delivered by any unit: {needs}")),
    )
    for needs, (mark, style), said in groups:
        if needs:
            named = "; ".join(words.name(steps[n].name if n in steps else n) for n in needs)
            lines.append((mark, style, said.format(needs=named)))
    for agreement, through_it in _by_agreement(agreed, steps).items():  # as the step says it
        named = "; ".join(words.name(steps[n].name) for n in through_it)
        lines.append(("✓", "green", _("{how}: {needs}").format(how=through(agreement, words), needs=named)))
    return lines


def _by_agreement(needs: tuple[str, ...], steps: dict[str, NeedStep]) -> dict[AgreementRef, list[str]]:
    """The needs met through an agreement, by the agreement the step names (its first)."""
    out: dict[AgreementRef, list[str]] = {}
    for need in needs:
        out.setdefault(steps[need].agreements[0], []).append(need)
    return out
