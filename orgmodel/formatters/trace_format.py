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

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from orgmodel.trace import Journey, NeedStep, TraceRun, UnitRef

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
    title.append(f" · lives in {home}" if home else " · names no kommunedel")
    console.print(title)
    console.print(Text(esc(path), style="dim"))
    for index, step in enumerate(journey.steps, 1):
        console.print()
        _step(console, index, step, home)
    console.print()
    _totals(console, journey, home)
    if journey.forums:
        _forums(console, journey)


def _kd(kd_id: str, name: str, number: int | None) -> str:
    return f"kommunedel {number} {esc(name)}" if number is not None else f"kommunedel {_ref(name, kd_id)}"


def _ref(name: str, ident: str) -> str:
    """'name (id)', escaped for a terminal."""
    return f"{esc(name)} ({esc(ident)})"


def _step(console: Console, index: int, step: NeedStep, home: str | None) -> None:
    from rich.text import Text

    tags = [
        esc(t) for t in (step.category, "vedtak" if step.vedtak else "", "local" if step.local else "") if t
    ]
    head = (
        Text(f"{index}. ", style="bold")
        + Text(esc(step.name), style="bold")
        + Text(f" ({esc(step.service)})")
    )
    if tags:
        head.append(" · " + " · ".join(tags), style="dim")
    console.print(head)
    label = "delivered"
    mark, style, where = _availability(step, home)
    console.print(_row(label, Text(f"{mark} ", style=style) + Text(where)))
    if step.provider is not None:
        _unit(console, step.provider)
        if step.alternatives:
            shown = [_ref(u.name, u.id) for u in step.alternatives[:_MAX_ALTERNATIVES]]
            more = len(step.alternatives) - len(shown) + step.more_alternatives
            text = "or " + "; ".join(shown) + (f"; and {more} more" if more else "")
            console.print(_row("", Text(text, style="dim")))
    if not step.deciders:
        console.print(
            _row(
                "decided",
                Text("- not granted by vedtak", style="dim")
                if not step.vedtak
                else Text("✗ no unit decides it", style="red"),
            )
        )
        return
    for n, ref in enumerate(step.deciders):
        console.print(_row("decided" if n == 0 else "", Text(f"by {_ref(ref.name, ref.id)}")))
        _unit(console, ref, name=False)


def _availability(step: NeedStep, home: str | None) -> tuple[str, str, str]:
    provider = step.provider
    who = f"by {_ref(provider.name, provider.id)}" if provider else ""
    if step.availability == "local":
        return "✓", "green", f"in {home}, {who}"
    if step.availability == "central":
        return "·", "yellow", f"centrally (a unit placed in no kommunedel), {who}"
    if step.availability == "elsewhere":
        return "✗", "red", f"not in {home}: {who}"
    if step.availability == "unknown":
        return "?", "yellow", f"{who} (the persona names no kommunedel)"
    return "✗", "red", "no unit delivers it"


def _unit(console: Console, ref: UnitRef, *, name: bool = True) -> None:
    from rich.text import Text

    if ref.sites:
        sites = "; ".join(_ref(s.name, s.id) for s in ref.sites[:_MAX_ALTERNATIVES])
        if len(ref.sites) > _MAX_ALTERNATIVES:
            sites += f"; and {len(ref.sites) - _MAX_ALTERNATIVES} more"
        console.print(_row("", Text(f"at {sites}")))
    elif ref.kommunedeler:
        console.print(
            _row("", Text(f"in {', '.join(map(esc, ref.kommunedeler))} (no site given)", style="dim"))
        )
    else:
        console.print(_row("", Text("no site given", style="dim")))
    line = []
    if ref.kommunalsjef is not None:
        line.append(f"kommunalsjef area {_ref(ref.kommunalsjef.name, ref.kommunalsjef.id)}")
    if ref.direktor is not None:
        line.append(f"direktør area {_ref(ref.direktor.name, ref.direktor.id)}")
    if line:
        console.print(_row("", Text("under " + ", ".join(line), style="dim")))


def _row(label: str, body: Text, width: int = 10) -> Text:
    from rich.text import Text

    return Text(f"   {label:<{width}} ", style="cyan") + body


def _totals(console: Console, journey: Journey, home: str | None) -> None:
    from rich.text import Text

    totals = journey.totals
    names: dict[str, str] = {}
    for step in journey.steps:
        for ref in (step.provider, *step.deciders):
            if ref is not None:
                names[ref.id] = ref.name
                if ref.kommunalsjef:
                    names[ref.kommunalsjef.id] = ref.kommunalsjef.name
                if ref.direktor:
                    names[ref.direktor.id] = ref.direktor.name

    def listed(ids: tuple[str, ...]) -> str:
        return f"{len(ids)}" + (": " + "; ".join(_ref(names.get(i, i), i) for i in ids) if ids else "")

    console.print(Text("Totals", style="bold"))
    console.print(_row("units met", Text(listed(totals.units)), 18))
    console.print(_row("saksbehandlere", Text(listed(totals.saksbehandlere)), 18))
    console.print(_row("kommunalsjef areas", Text(listed(totals.kommunalsjef_areas)), 18))
    console.print(_row("direktør areas", Text(listed(totals.direktor_areas)), 18))
    if home is None:
        console.print(_row("own kommunedel", Text("? the persona names no kommunedel", style="yellow"), 18))
    elif totals.all_in_own_kommunedel:
        console.print(_row("own kommunedel", Text(f"✓ every need is met in {home}", style="green"), 18))
    else:
        away = ", ".join(map(esc, totals.not_in_own_kommunedel))
        mark, style = ("·", "yellow") if totals.local_needs_met else ("✗", "red")
        local = "all local services are" if totals.local_needs_met else "NOT all local services are"
        text = Text(f"{mark} {local} met in {home}; not met there: {away}", style=style)
        console.print(_row("own kommunedel", text, 18))


def _forums(console: Console, journey: Journey) -> None:
    """The forums (møteplasser) where the units the persona meets meet, with how often."""
    from rich.text import Text

    from orgmodel.i18n import _

    console.print(Text(_("Forums the persona's units meet in"), style="bold"))
    for forum in journey.forums:
        about = [forum.kind] if forum.kind else []
        about += [forum.frequency] if forum.frequency else [_("frequency not stated")]
        body = _("{forum}, {about}: {units}").format(
            forum=_ref(forum.name, forum.id),
            about=", ".join(map(esc, about)),
            units=", ".join(map(esc, forum.units)),
        )
        console.print(_row("", Text(body), 0))
