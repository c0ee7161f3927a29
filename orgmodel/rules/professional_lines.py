"""OM130 professional-line, OM131 professional-cycle and OM132 too-many-professional-lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph, strongly_connected_components
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register


@register
class ProfessionalLine(Rule[Any]):
    """A professional (faglig) line points at another unit than its own, and at each leader once.

    A leader has one personnel line (``parent``) and any number of
    professional lines (``functional``): the head of Tjenestetildeling
    "will report to all these kommunalsjefer, but reports personnel-wise to
    the kommunalsjef for hjemmetjenester og institusjon" (report p. 26), so
    a professional line may also go to the personnel leader; the digital
    agents report professionally to the direktør for utvikling og
    digitalisering (p. 70). A professional line to the unit itself, or
    twice to the same leader, says nothing and is usually a copy-paste slip;
    so does a unit's only professional line when it goes to its personnel
    leader (``parent: ks-helse, functional: [ks-helse]``): professional lines
    must not merely repeat the personnel line (reported at that entry).

    Anti-pattern::

        - {id: tildeling, name: Tjenestetildeling, level: 3, parent: ks-hjemme,
           functional: [ks-helse, tildeling, ks-helse], leader: Virksomhetsleder}

    Best practice (p. 26: four kommunalsjefer, one of them the personnel leader)::

        - {id: tildeling, name: Tjenestetildeling, level: 3, parent: ks-hjemme,
           functional: [ks-hjemme, ks-helse, ks-rus-psykisk, ks-nf], leader: Virksomhetsleder}
    """

    code = "OM130"
    name = "professional-line"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for uid, unit in ctx.graph.units.items():
            seen: set[str] = set()
            for pos, target in enumerate(unit.functional):
                loc = ctx.unit_loc(uid, "functional", pos)
                label = ctx.unit_label(uid)
                if target == uid:
                    yield self.diagnostic(
                        ctx,
                        loc,
                        _("{unit} has a professional line to itself").format(unit=label),
                        unit=uid,
                        hint=_("remove it from 'functional'"),
                        breach=target,
                    )
                elif target in seen:
                    yield self.diagnostic(
                        ctx,
                        loc,
                        _("{unit} names '{target}' twice in 'functional'").format(unit=label, target=target),
                        unit=uid,
                        hint=_("remove the second one"),
                        breach=target,
                    )
                seen.add(target)
            if unit.parent is not None and set(unit.functional) == {unit.parent}:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "functional", unit.functional.index(unit.parent)),
                    _(
                        "the only professional line of {unit} goes to its personnel leader {parent}: it "
                        "says nothing the personnel line does not"
                    ).format(unit=ctx.unit_label(uid), parent=ctx.unit_label(unit.parent)),
                    unit=uid,
                    hint=_(
                        "name the leaders it reports to professionally besides {parent} (a faglig line), "
                        "or remove 'functional'"
                    ).format(parent=unit.parent),
                    breach=f"personnel:{unit.parent}",
                )


@register
class ProfessionalCycle(Rule[Any]):
    """Professional and personnel lines together never go round in a circle.

    If A reports professionally to B while B reports (personnel-wise or
    professionally, directly or through others) to A, neither knows who
    sets the direction. Circles of personnel lines alone are OM102.

    Anti-pattern::

        - {id: ks-helse, name: Helsetjenester, level: 2, parent: dir-helse, functional: [tildeling], ...}
        - {id: tildeling, name: Tjenestetildeling, level: 3, parent: ks-helse, ...}

    Best practice: the professional line points upwards or sideways, never down the unit's own line.
    """

    code = "OM131"
    name = "professional-cycle"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        units = graph.units
        functional = [(u, t) for u, t in graph.professional_edges if u != t and t != units[u].parent]
        lines: dict[str, list[str]] = {}
        for uid, target in functional:
            lines.setdefault(uid, []).append(target)

        def reports_to(uid: str) -> list[str]:
            parent = units[uid].parent
            up = lines.get(uid, [])
            return [parent, *up] if parent is not None and parent in units else up

        components: list[list[str]] = []
        component_of: dict[str, int] = {}
        for component in strongly_connected_components(_on_circles(graph, lines), reports_to):
            if len(component) > 1:
                component_of.update(dict.fromkeys(component, len(components)))
                components.append(component)
        inside: dict[int, list[tuple[str, str]]] = {}
        for uid, target in functional:
            number = component_of.get(uid)
            if number is not None and component_of.get(target) == number:
                inside.setdefault(number, []).append((uid, target))
        for number, component in enumerate(components):
            if number not in inside:
                continue  # a pure personnel circle: OM102
            uid, target = min(inside[number], key=lambda e: (graph.index[e[0]], e[1]))
            pos = graph.units[uid].functional.index(target)
            path = _circle_path(graph, lines, set(component), uid, target)
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "functional", pos),
                _(
                    "the professional line from {unit} to {target} closes a circle of reporting lines: {path}"
                ).format(unit=ctx.unit_label(uid), target=ctx.unit_label(target), path=path),
                unit=uid,
                hint=_(
                    "a professional line leads to a leader above or beside the unit, never back to it: "
                    "remove '{target}' from {unit}'s 'functional', or change the line that leads back"
                ).format(target=target, unit=uid),
            )


def _circle_path(
    graph: OrgGraph, lines: dict[str, list[str]], members: set[str], uid: str, target: str
) -> str:
    """'a -(professional)-> b -(personnel)-> a': the circle the line from ``uid`` to ``target`` closes.

    The shortest way back from ``target`` to ``uid`` along reporting lines inside the circle's units.
    """
    came: dict[str, tuple[str, bool]] = {}
    queue, seen = [target], {target}
    while queue and uid not in came:
        here = queue.pop(0)
        parent = graph.units[here].parent
        steps = [(parent, True)] if parent in members else []
        steps += [(step, False) for step in lines.get(here, []) if step in members]
        for step, personnel in steps:
            if step not in seen:
                seen.add(step)
                came[step] = (here, personnel)
                queue.append(step)
    back: list[tuple[str, bool]] = []
    node = uid
    while node in came and node != target:
        before, personnel = came[node]
        back.append((node, personnel))
        node = before
    # Translators: the kind of a reporting line in a circle, 'a -(professional)-> b -(personnel)-> a'
    by_profession, by_personnel = _("professional"), _("personnel")
    text = f"{uid} -({by_profession})-> {target}"
    for node, personnel in reversed(back):
        text += f" -({by_personnel if personnel else by_profession})-> {node}"
    return text


def _on_circles(graph: OrgGraph, lines: dict[str, list[str]]) -> list[str]:
    """The units a circle holding a professional line can pass through, in file order.

    Going back along such a circle from any of its units to the last
    professional line before it, only personnel lines lead there from that
    line's target: so the unit draws a professional line itself (a key of
    ``lines``) or is a target or a target's personnel ancestor. The search
    starts from those units only (a few hundred of 10,000); a circle of
    personnel lines alone is OM102's, and not looked for here.
    """
    units = graph.units
    climbed: set[str] = set()
    for targets in lines.values():
        for target in targets:
            step: str | None = target
            while step is not None and step in units and step not in climbed:
                climbed.add(step)
                step = units[step].parent
    return [uid for uid in units if uid in climbed or uid in lines]


class TooManyParams(BaseModel):
    """Options of too-many-professional-lines."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max: int = Field(
        default=4,
        ge=0,
        description="the most professional lines one unit may have, a line to its own personnel leader "
        "included. Source: Drammen report p. 26 (the head of Tjenestetildeling reports professionally to "
        "four kommunalsjefer); more is an assumption of what a leader can follow",
    )


@register
class TooManyProfessionalLines(Rule[TooManyParams]):
    """A unit has no more professional (faglig) lines than a leader can follow.

    Tjenestetildeling reports professionally to four kommunalsjefer, its
    personnel leader among them (report p. 26), so four lines pass; beyond
    a handful, professional lines stop meaning anything.

    Anti-pattern (max 4)::

        - {id: x, ..., functional: [a, b, c, d, e]}

    Best practice: keep the lines that carry real professional direction.
    """

    code = "OM132"
    name = "too-many-professional-lines"
    severity = Severity.WARNING
    Params = TooManyParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max
        for uid, unit in ctx.graph.units.items():
            count = len(set(unit.functional))
            if count > limit:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "functional"),
                    ngettext(
                        "{unit} has {count} professional line, more than the {limit} allowed",
                        "{unit} has {count} professional lines, more than the {limit} allowed",
                        count,
                    ).format(unit=ctx.unit_label(uid), count=count, limit=limit),
                    unit=uid,
                )
