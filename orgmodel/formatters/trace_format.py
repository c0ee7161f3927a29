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
from orgmodel.formatters import journey_words as words
from orgmodel.formatters.journey_words import TERMINAL
from orgmodel.i18n import N_, _

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from orgmodel.trace import Journey, NeedStep, Place, TraceRun, UnitRef

_MAX_ALTERNATIVES = words.MAX_ALTERNATIVES


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
    title.append(" · " + words.lives(journey, TERMINAL))
    console.print(title)
    console.print(Text(esc(path), style="dim"))
    places = {p.id: p for p in journey.places}
    for index, step in enumerate(journey.steps, 1):
        console.print()
        _step(console, index, step, places, journey)
    console.print()
    _totals(console, journey, words.home(journey, TERMINAL))
    if journey.forums:
        _forums(console, journey)


def _ref(name: str, ident: str) -> str:
    """'name (id)', escaped for a terminal."""
    return TERMINAL.ref(name, ident)


def _marked(found: words.Marked) -> Text:
    from rich.text import Text

    mark, style, said = found
    if style in ("dim", "red"):  # not granted by vedtak; nobody decides it: the whole line
        return Text(f"{mark} {said}", style=style)
    return (Text(f"{mark} ", style=style) if mark else Text()) + Text(said)


def _step(console: Console, index: int, step: NeedStep, places: dict[str, Place], journey: Journey) -> None:
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
    console.print(_row(_("delivered"), _marked(words.delivery(step, journey, TERMINAL))))
    if step.provider is not None:
        _unit(console, step.provider, places)
        _others(console, step.alternatives, step.more_alternatives)
    missing = words.undecided(step, TERMINAL)
    if missing is not None:
        console.print(_row(_("decided"), _marked(missing)))
        return
    lives = journey.kommunedel is not None or journey.whole_kommune
    for n, ref in enumerate(step.deciders):
        console.print(
            _row(_("decided") if n == 0 else "", _marked(words.decider(step, ref, lives, TERMINAL)))
        )
        _unit(console, ref, places)
    _others(console, step.decider_alternatives, 0)


def _others(console: Console, refs: tuple[UnitRef, ...], unlisted: int) -> None:
    """The units that could stand instead of the one shown: "or A; B; and 2 more"."""
    from rich.text import Text

    said = words.alternatives(refs, unlisted, TERMINAL)
    if said is not None:
        console.print(_row("", Text(said, style="dim")))


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

    categories = ", ".join(
        f"'{esc(c)}'" for c in totals.saksbehandler_categories
    )  # ids, as check quotes them
    principle = totals.saksbehandlere_in_categories
    count = _("{n} for {categories}").format(n=len(principle), categories=categories) if categories else None
    rows = [(_TOTALS[0], listed(totals.units))]
    if totals.needs_in_categories:  # a VA customer needs nothing a saksbehandler there decides
        rows.append((_TOTALS[1], listed(principle, count)))
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
        return
    # the verdict on the local services, then each group of needs not met at home on a line of its own
    for n, (mark, style, said) in enumerate(words.locality_lines(journey, home, TERMINAL)):
        console.print(_row(own if n == 0 else "", Text(f"{mark} {said}", style=style), width))


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
