"""Output of ``orgmodel trace``: a persona's journey as text (rich) or one JSON document.

Both are registered in ``orgmodel.formatters.FORMATS`` (their names are the
command's ``--format`` choices); this module imports nothing heavy until a
format is rendered. The JSON shape is ``{"tool", "version", "format": 1,
"persona", "journeys": [{"path", ...Journey.to_dict()}]}`` (the envelope of
``formatters.envelope``); fields may be added, none renamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgmodel.escape import text as esc
from orgmodel.formatters import Formatter
from orgmodel.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from orgmodel.journey_steps import AgreementRef
    from orgmodel.trace import Journey, NeedStep, Place, TraceRun, UnitRef

_MAX_ALTERNATIVES = 3


class TraceJsonFormatter(Formatter):
    """Every journey of the run as one JSON document."""

    name = "json"

    def trace(self, run: TraceRun) -> None:
        """Write the document."""
        from orgmodel.formatters.envelope import write_document

        journeys = [{"path": path, **journey.to_dict()} for path, journey in run.journeys]
        write_document(self.stream, {"persona": run.persona, "journeys": journeys})


class TraceTextFormatter(Formatter):
    """Every journey of the run for people: one block per need, then the totals."""

    name = "text"

    def trace(self, run: TraceRun) -> None:
        """Write each journey, a blank line between two."""
        from orgmodel.formatters.console import make_console

        console = make_console(self.stream, self.color)
        for number, (path, journey) in enumerate(run.journeys):
            if number:
                console.print()
            _journey(console, path, journey)


def _journey(console: Console, path: str, journey: Journey) -> None:
    from rich.text import Text

    title = Text(f"{esc(journey.name)} ", style="bold") + Text(f"({esc(journey.persona)})", style="dim")
    place = journey.kommunedel
    home = _kd(place.id, place.name, place.number) if place else None
    if journey.whole_kommune:  # said once; the steps and totals read "in the kommune"
        title.append(" · " + _("the model has no kommunedeler: the whole kommune is one place"))
        home = _("the kommune")
    else:
        title.append(
            " · " + (_("lives in {kommunedel}").format(kommunedel=home) if home else _("names no kommunedel"))
        )
    console.print(title)
    console.print(Text(esc(path), style="dim"))
    places = {p.id: p for p in journey.places}
    for index, step in enumerate(journey.steps, 1):
        console.print()
        _step(console, index, step, home, places, journey)
    console.print()
    _totals(console, journey, home)
    if journey.forums:
        _forums(console, journey)


def _kd(kd_id: str, name: str, number: int | None) -> str:
    if number is not None:
        return _("kommunedel {number} {name}").format(number=number, name=esc(name))
    return _("kommunedel {name}").format(name=_ref(name, kd_id))


def _ref(name: str, ident: str) -> str:
    """'name (id)', escaped for a terminal."""
    return f"{esc(name)} ({esc(ident)})"


def _step(
    console: Console, index: int, step: NeedStep, home: str | None, places: dict[str, Place], journey: Journey
) -> None:
    from rich.text import Text

    tags = [
        esc(t)
        for t in (step.category, _("vedtak") if step.vedtak else "", _("local") if step.local else "")
        if t
    ]
    head = (
        Text(f"{index}. ", style="bold")
        + Text(esc(step.name), style="bold")
        + Text(f" ({esc(step.service)})")
    )
    if tags:
        head.append(" · " + " · ".join(tags), style="dim")
    console.print(head)
    mark, style, where = _availability(step, home, journey.whole_kommune)
    if step.served_from and journey.kommunedel is not None:  # local, but no site of the unit lies there
        where = _served_from(step, home, places, journey.kommunedel.name)
    console.print(_row(_("delivered"), Text(f"{mark} ", style=style) + Text(where)))
    if step.provider is not None:
        _unit(console, step.provider, places)
        _others(console, step.alternatives, step.more_alternatives)
    if not step.deciders and step.vedtak and step.decided_by_host:  # the vertskommune grants it
        how = _("by the host of the {kind} {agreement}").format(**_agreement_words(step.decided_by_host[0]))
        console.print(_row(_("decided"), Text("✓ ", style="green") + Text(how)))
        return
    if not step.deciders:
        nobody = _("no unit decides it")
        if step.deciders_elsewhere:  # decided, but only by units limited to other kommunedeler
            nobody = ngettext(
                "no unit decides it here: {units} decides it only for other kommunedeler",
                "no unit decides it here: {units} decide it only for other kommunedeler",
                len(step.deciders_elsewhere),
            ).format(units=", ".join(map(esc, step.deciders_elsewhere)))
        console.print(
            _row(
                _("decided"),
                Text("- " + _("not granted by vedtak"), style="dim")
                if not step.vedtak
                else Text("✗ " + nobody, style="red"),
            )
        )
        return
    for n, ref in enumerate(step.deciders):
        console.print(_row(_("decided") if n == 0 else "", _decider(step, ref, home)))
        _unit(console, ref, places)
    _others(console, step.decider_alternatives, 0)


def _decider(step: NeedStep, ref: UnitRef, home: str | None) -> Text:
    """'by X', and why X when one of several would decide (``NeedStep.decider_alternatives``)."""
    from rich.text import Text

    who = _("by {unit}").format(unit=_ref(ref.name, ref.id))
    if not step.decider_alternatives:
        return Text(who)
    if home is None:  # one of several, which one unknown
        return Text("? ", style="yellow") + Text(_("{who} (the persona names no kommunedel)").format(who=who))
    # units that each deliver what they decide: the one that delivers it to her decides
    return Text(
        _("{who}, which delivers it to the persona (each decides for those it serves)").format(who=who)
    )


def _others(console: Console, refs: tuple[UnitRef, ...], unlisted: int) -> None:
    """The units that could stand instead of the one shown: "or A; B; and 2 more"."""
    from rich.text import Text

    if not refs:
        return
    shown = [_ref(u.name, u.id) for u in refs[:_MAX_ALTERNATIVES]]
    more = len(refs) - len(shown) + unlisted
    text = _("or {units}").format(units="; ".join(shown))
    text += _("; and {n} more").format(n=more) if more else ""
    console.print(_row("", Text(text, style="dim")))


def _availability(step: NeedStep, home: str | None, whole: bool = False) -> tuple[str, str, str]:
    """The mark, its style and the words of a need's delivery; ``whole``: the model has no kommunedeler."""
    provider = step.provider
    who = _("by {unit}").format(unit=_ref(provider.name, provider.id)) if provider else ""
    if step.availability == "local":
        return "✓", "green", _("in {kommunedel}, {who}").format(kommunedel=home, who=who)
    # an IKS for the whole kommune; a unit of the kommune's own organisation (a vertskommune's own
    # barneverntjeneste serving its own residents) delivers as any unit does
    if step.through_agreement and provider is not None:
        how = _("through the {kind} {agreement}").format(**_agreement_words(step.agreements[0]))
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
        return "✗", "red", _("not in {kommunedel}: {who}").format(kommunedel=home, who=who)
    if step.availability == "unknown":
        return "?", "yellow", _("{who} (the persona names no kommunedel)").format(who=who)
    if step.through_agreement:
        return (
            "✓",
            "green",
            _("through the {kind} {agreement}").format(**_agreement_words(step.agreements[0])),
        )
    return "✗", "red", _("no unit delivers it")


def _served_from(step: NeedStep, home: str | None, places: dict[str, Place], own: str) -> str:
    """'in kommunedel 3 Øst, served from kommunedel 4 Vest (no site in Øst), by X'.

    The unit serves the persona's kommunedel (its ``kommunedeler``), but works from sites elsewhere
    (``NeedStep.served_from``).
    """
    provider = step.provider
    who = _("by {unit}").format(unit=_ref(provider.name, provider.id)) if provider else ""
    found = {kd: places[kd] for kd in step.served_from if kd in places}
    where = ", ".join(
        _kd(kd, found[kd].name, found[kd].number) if kd in found else esc(kd) for kd in step.served_from
    )
    return _("in {kommunedel}, served from {places} (no site in {own}), {who}").format(
        kommunedel=home, places=where, own=esc(own), who=who
    )


def _agreement_words(agreement: AgreementRef) -> dict[str, str]:
    """The {kind} and {agreement} of 'through the {kind} {agreement}': the vertskommune agreement X (x)."""
    kind = _(_AGREEMENT_KINDS[agreement.kind]) if agreement.kind in _AGREEMENT_KINDS else _("agreement")
    return {"kind": kind, "agreement": _ref(agreement.name, agreement.id)}


# Translators: an agreement's kind in 'through the {kind} {agreement}' (bokmål: the definite form)
_AGREEMENT_KINDS = {
    "iks": N_("IKS (inter-municipal company)"),
    "vertskommune": N_("vertskommune agreement"),
    "partnerskap": N_("partnerskap"),
    "samarbeidsavtale": N_("samarbeidsavtale"),
}


def _unit(console: Console, ref: UnitRef, places: dict[str, Place]) -> None:
    from rich.text import Text

    above = ref.place_inherited_from
    # where the unit names no place: its leader's, said as such (OM202 reads it so; the model does not say)
    inherited = (
        _("where its leader {unit} works; the unit names no place").format(unit=_ref(above.name, above.id))
        if above is not None
        else ""
    )
    if ref.sites:
        sites = "; ".join(_ref(s.name, s.id) for s in ref.sites[:_MAX_ALTERNATIVES])
        if len(ref.sites) > _MAX_ALTERNATIVES:
            sites += _("; and {n} more").format(n=len(ref.sites) - _MAX_ALTERNATIVES)
        at = Text(_("at {sites}").format(sites=sites))
        console.print(_row("", at + Text(f" ({inherited})", style="dim") if inherited else at))
    elif ref.kommunedeler:
        where = ", ".join(esc(places[kd].name if kd in places else kd) for kd in ref.kommunedeler)
        said = (
            _("in {kommunedeler} ({inherited}; no site given)").format(
                kommunedeler=where, inherited=inherited
            )
            if inherited
            else _("in {kommunedeler} (no site given)").format(kommunedeler=where)
        )
        console.print(_row("", Text(said, style="dim")))
    else:
        console.print(_row("", Text(_("no site given"), style="dim")))
    line = []
    one = ref.kommunalsjef is not None and ref.direktor is not None and ref.kommunalsjef.id == ref.direktor.id
    if one and ref.direktor is not None:  # a unit right under the top at level 2: one area, named once
        line.append(_("the area {unit}").format(unit=_ref(ref.direktor.name, ref.direktor.id)))
    elif ref.kommunalsjef is not None:
        line.append(
            _("kommunalsjef area {unit}").format(unit=_ref(ref.kommunalsjef.name, ref.kommunalsjef.id))
        )
    if ref.direktor is not None and not one:
        line.append(_("direktør area {unit}").format(unit=_ref(ref.direktor.name, ref.direktor.id)))
    if line:
        console.print(_row("", Text(_("under {areas}").format(areas=", ".join(line)), style="dim")))


def _row(label: str, body: Text, width: int | None = None) -> Text:
    """A labelled row; the label column is as wide as the step labels in the current language."""
    from rich.text import Text

    if width is None:
        width = max(10, len(_("delivered")), len(_("decided")))
    return Text(f"   {label:<{width}} ", style="cyan") + body


def _names_met(journey: Journey) -> dict[str, str]:
    """The name of each unit the persona meets (providers and deciders) and of their areas, by id."""
    names: dict[str, str] = {}
    for step in journey.steps:
        for ref in (step.provider, *step.deciders):
            if ref is not None:
                names[ref.id] = ref.name
                if ref.kommunalsjef:
                    names[ref.kommunalsjef.id] = ref.kommunalsjef.name
                if ref.direktor:
                    names[ref.direktor.id] = ref.direktor.name
    return names


def _totals(console: Console, journey: Journey, home: str | None) -> None:
    from rich.text import Text

    totals = journey.totals
    names = _names_met(journey)

    def listed(ids: tuple[str, ...], count: str | None = None) -> str:
        shown = "; ".join(_ref(names.get(i, i), i) for i in ids)
        return (count or f"{len(ids)}") + (": " + shown if ids else "")

    categories = ", ".join(map(esc, totals.saksbehandler_categories))
    principle = totals.saksbehandlere_in_categories
    count = _("{n} for {categories}").format(n=len(principle), categories=categories) if categories else None
    rows = [(_TOTALS[0], listed(totals.units)), (_TOTALS[1], listed(principle, count))]
    if totals.other_deciders:  # NAV's sosialhjelp: a vedtak, but not one the principle counts
        rows.append((N_("other vedtak"), listed(totals.other_deciders)))
    if totals.kommunalsjef_areas == totals.direktor_areas:  # no direktør level: the same units, listed once
        rows.append((N_("areas under the top"), listed(totals.direktor_areas)))
    else:
        rows += [(_TOTALS[2], listed(totals.kommunalsjef_areas)), (_TOTALS[3], listed(totals.direktor_areas))]
    own = _(_TOTALS[-1])
    width = max(18, len(own), *(len(_(label)) for label, _body in rows))
    console.print(Text(_("Totals"), style="bold"))
    for label, body in rows:
        console.print(_row(_(label), Text(body), width))
    if home is None:
        console.print(_row(own, Text("? " + _("the persona names no kommunedel"), style="yellow"), width))
    else:
        console.print(_row(own, _locality(journey, home), width))


def _locality(journey: Journey, home: str) -> Text:
    """The verdict on the local services (as OM202/OM221 judge them), then what is not met at home, apart."""
    from rich.text import Text

    from orgmodel.journey_totals import met_elsewhere

    totals = journey.totals
    if totals.all_in_own_kommunedel:
        return Text("✓ " + _("every need is met in {kommunedel}").format(kommunedel=home), style="green")
    names = {step.service: step.name for step in journey.steps}
    whole = journey.whole_kommune  # one place: what is away is what the kommune's own units do not do
    verdict = (
        _("all local services are met in {kommunedel}")
        if totals.local_needs_met
        else _("NOT all local services are met in {kommunedel}")
    )
    parts = [verdict.format(kommunedel=home)]
    groups = (
        (
            totals.local_not_met,
            _("local services delivered only outside its own organisation: {needs}")
            if whole
            else _("local services not met there: {needs}"),
        ),
        (
            met_elsewhere(totals),
            _("not by a unit of its own: {needs}") if whole else _("met elsewhere or centrally: {needs}"),
        ),
        (totals.not_delivered, _("not delivered by any unit: {needs}")),
    )
    for needs, words in groups:
        if needs:
            parts.append(words.format(needs="; ".join(esc(names.get(n, n)) for n in needs)))
    mark, style = ("·", "yellow") if totals.local_needs_met else ("✗", "red")
    return Text(f"{mark} " + "; ".join(parts), style=style)


def _forums(console: Console, journey: Journey) -> None:
    """The forums (møteplasser) where the units the persona meets meet, with how often."""
    from rich.text import Text

    console.print(Text(_("Forums the persona's units meet in"), style="bold"))
    names = _names_met(journey)
    for forum in journey.forums:
        about = [forum.kind] if forum.kind else []
        about += [forum.frequency] if forum.frequency else [_("frequency not stated")]
        body = _("{forum}, {about}: {units}").format(
            forum=_ref(forum.name, forum.id),
            about=", ".join(map(esc, about)),
            units="; ".join(_ref(names[u], u) if u in names else esc(u) for u in forum.units),
        )
        console.print(_row("", Text(body), 0))


# the rows of a journey's totals; the last one says whether the persona's own kommunedel serves it
_TOTALS = (
    N_("units the user meets"),
    N_("saksbehandlere"),
    N_("kommunalsjef areas"),
    N_("direktør areas"),
    N_("own kommunedel"),
)
