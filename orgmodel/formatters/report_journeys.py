"""The report's journeys: each fictional user's needs, who meets them, where, and who decides.

A kommunalsjef for helse og omsorg (tour M) had to paste ``orgmodel trace`` text into the
workshop slides: the report named each persona's counts but not the journey. Workshops test
every sketch against fictional users (Drammen report p. 8), so the report shows, per persona,
what ``orgmodel trace`` walks through, one row per need, from the same checked model.
"""

from __future__ import annotations

from orgmodel.formatters.cells import CellValue, Name, Names, Table
from orgmodel.i18n import _
from orgmodel.journey_steps import Journey, NeedStep, Place
from orgmodel.journeys import Journeys
from orgmodel.stats.result import Named


def journey_tables(journeys: Journeys) -> list[Table]:
    """One table per persona, in the model's order (none for a model without personas)."""
    seen: set[str] = set()
    out = []
    for journey in journeys.all():
        if journey.persona in seen:
            continue
        seen.add(journey.persona)
        out.append(_table(journey))
    return out


def _table(journey: Journey) -> Table:
    places = {p.id: p for p in journey.places}
    if journey.kommunedel is not None:
        places.setdefault(journey.kommunedel.id, journey.kommunedel)
    home = _place(journey.kommunedel) if journey.kommunedel is not None else None
    title = (
        _("{persona} (home: {kommunedel})").format(persona=journey.name, kommunedel=home)
        if home
        else journey.name
    )
    header = (_("need"), _("delivered by"), _("where"), _("vedtak decided by"))
    rows = tuple(_row(step, places) for step in journey.steps)
    return Table(
        f"journey-{journey.persona}", title, header, rows, keys=tuple(s.service for s in journey.steps)
    )


def _row(step: NeedStep, places: dict[str, Place]) -> tuple[CellValue, ...]:
    deciders: CellValue = Names(tuple(Named(d.id, d.name) for d in step.deciders)) if step.deciders else None
    if step.vedtak and not step.deciders:
        deciders = _("no unit decides it")
    if step.provider is None:
        if step.agreements:
            return (Name(step.name), _("through an agreement"), None, deciders)
        return (Name(step.name), _("no unit delivers it"), None, deciders)
    provider = Names((Named(step.provider.id, step.provider.name),))
    return (Name(step.name), provider, _where(step, places), deciders)


def _where(step: NeedStep, places: dict[str, Place]) -> str:
    """Where the user meets the provider, in trace's words."""
    provider = step.provider
    assert provider is not None
    if provider.outside:
        return _("outside the kommune's own organisation")
    if step.availability == "local":
        return _("in the user's own kommunedel")
    if step.availability == "central":
        return _("centrally")
    named = [_place(places[k]) for k in provider.kommunedeler if k in places]
    if step.availability == "elsewhere" and named:
        return _("elsewhere: {kommunedeler}").format(kommunedeler=", ".join(named))
    return _("elsewhere") if step.availability == "elsewhere" else _("not known")


def _place(place: Place) -> str:
    if place.number is not None:
        return _("kommunedel {number} {name}").format(number=place.number, name=place.name)
    return place.name
