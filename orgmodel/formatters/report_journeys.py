"""The report's journeys: each fictional user's needs, who meets them, where, and who decides.

A kommunalsjef for helse og omsorg (tour M) had to paste ``orgmodel trace`` text into the
workshop slides: the report named each persona's counts but not the journey. Workshops test
every sketch against fictional users (Drammen report p. 8), so the report shows, per persona,
what ``orgmodel trace`` walks through, one row per need, in trace's own words
(``journey_words``), from the same checked model. With ``--compare`` or ``--base`` each need has
two rows, the persona's journey before and after, so a workshop reads "Ingrid today and in the
proposal" from one page.
"""

from __future__ import annotations

from orgmodel.bounds import clip_name
from orgmodel.formatters import journey_words as words
from orgmodel.formatters.cells import CellValue, Name, Table
from orgmodel.i18n import _
from orgmodel.journey_steps import Journey, NeedStep
from orgmodel.journeys import Journeys

REPORT = words.Words(lambda name, ident: f"{clip_name(name)} ({ident})", clip_name)
"""Names in a report's cell: clipped to ``bounds.NAME_LIMIT``; the cell escapes the whole for HTML."""

Row = tuple[CellValue, ...]


def journey_tables(journeys: Journeys, before: Journeys | None = None) -> list[Table]:
    """One table per persona, in the model's order (none for a model without personas).

    With ``before`` (the journeys of the model compared with) each need has a row for each side,
    and a persona only the other model has comes last.
    """
    now = journeys.by_persona()
    if before is None:
        return [_table(journey) for journey in now.values()]
    was = before.by_persona()
    order = [*now, *(p for p in was if p not in now)]
    return [_compared(was.get(persona), now.get(persona)) for persona in order]


def _title(journey: Journey) -> str:
    return f"{clip_name(journey.name)} · {words.lives(journey, REPORT)}"


def _table(journey: Journey) -> Table:
    header = (_("need"), _("delivered"), _("decided"))
    rows: list[Row] = [(Name(step.name), *_cells(step, journey)) for step in journey.steps]
    rows.append((_("own kommunedel"), _verdict(journey), ""))
    keys = (*(s.service for s in journey.steps), "own-kommunedel")
    return Table(f"journey-{journey.persona}", _title(journey), header, tuple(rows), keys=keys)


def _compared(was: Journey | None, now: Journey | None) -> Table:
    """A persona's table with a row per need and side: before (the model compared with), after."""
    shown = now if now is not None else was
    assert shown is not None
    header = (_("need"), "", _("delivered"), _("decided"))
    needs: dict[str, str] = {}
    for journey in (now, was):
        for step in journey.steps if journey is not None else ():
            needs.setdefault(step.service, step.name)
    rows: list[Row] = []
    keys: list[str] = []
    for service, name in [*needs.items(), ("own-kommunedel", "")]:
        for n, (side, journey) in enumerate(((_("Before"), was), (_("After"), now))):
            first: CellValue = (
                (Name(name) if service != "own-kommunedel" else _("own kommunedel")) if n == 0 else ""
            )
            rows.append((first, side, *_side(journey, service)))
            keys.append(f"{service}:{'before' if n == 0 else 'after'}")
    title = _title(shown)
    return Table(f"journey-{shown.persona}", title, header, tuple(rows), keys=tuple(keys))


def _side(journey: Journey | None, service: str) -> tuple[CellValue, CellValue]:
    """The delivered and decided cells of one need on one side; the verdict for 'own-kommunedel'."""
    if journey is None:
        return _("the fictional user is not in this model"), ""
    if service == "own-kommunedel":
        return _verdict(journey), ""
    step = next((s for s in journey.steps if s.service == service), None)
    if step is None:
        return _("not among the fictional user's needs in this model"), ""
    return _cells(step, journey)


def _cells(step: NeedStep, journey: Journey) -> tuple[str, str]:
    """Trace's words for a need: how it is delivered (and by whom else), and who decides it."""
    delivered = _said(words.delivery(step, journey, REPORT))
    others = words.alternatives(step.alternatives, step.more_alternatives, REPORT)
    if others:
        delivered += f" · {others}"
    missing = words.undecided(step, REPORT)
    if missing is not None:
        return delivered, _said(missing)
    lives = journey.kommunedel is not None or journey.whole_kommune
    decided = "; ".join(_said(words.decider(step, ref, lives, REPORT)) for ref in step.deciders)
    others = words.alternatives(step.decider_alternatives, 0, REPORT)
    return delivered, f"{decided} · {others}" if others else decided


def _verdict(journey: Journey) -> str:
    """Trace's 'own kommunedel' total: the verdict on the local needs, then what is met away."""
    where = words.home(journey, REPORT)
    if where is None:
        return "? " + _("the persona names no kommunedel")
    return _said(words.locality(journey, where, REPORT))


def _said(found: words.Marked) -> str:
    mark, _style, said = found
    return f"{mark} {said}" if mark else said
