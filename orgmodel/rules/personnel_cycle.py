"""OM102 personnel-cycle: one finding per circle of personnel lines, with the units it cuts off."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgmodel.diagnostic import Diagnostic
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register


def circles(graph: OrgGraph) -> list[list[str]]:
    """Every circle of personnel lines in file order, a unit that is its own parent included.

    Each circle lists its members in file order.
    """
    if len(graph.depth) == len(graph.units):
        return []  # a top unit reaches every unit: none is in a circle (most models)
    found = list(graph.personnel_cycles)
    found.extend([uid] for uid, unit in graph.units.items() if unit.parent == uid)
    return sorted(found, key=lambda members: graph.index[members[0]])


def cut_off(graph: OrgGraph, members: dict[str, int]) -> dict[int, int]:
    """How many units outside the circles hang below each circle (by its number in ``members``)."""
    counts: dict[int, int] = {}
    owner: dict[str, int] = dict(members)
    for uid in graph.units:
        if uid in graph.depth or uid in owner:
            continue
        path: list[str] = []
        node: str | None = uid
        while node is not None and node not in owner:
            path.append(node)
            node = graph.units[node].parent
        if node is None:
            continue  # not below a circle (cannot happen: the chain of a unit off the tree ends in one)
        circle = owner[node]
        for unit in path:
            owner[unit] = circle
        counts[circle] = counts.get(circle, 0) + len(path)
    return counts


def closing_member(graph: OrgGraph, circle: list[str]) -> str:
    """The member whose ``parent`` is the likely mistake: the one that names the leader furthest down.

    A unit that names as its leader a unit at a deeper level points the
    wrong way (a kommunalsjef at level 2 naming its own legevakt at level 3);
    among equals, the member written last closes the circle when the file is
    read from the top.
    """
    units = graph.units

    def downwards(uid: str) -> int:
        parent = units[uid].parent
        return units[parent].level - units[uid].level if parent is not None else 0

    return max(reversed(circle), key=downwards)


@register
class PersonnelCycle(Rule[Any]):
    """Personnel lines form a tree: no unit reports, through others, to itself.

    Each leader has exactly one personnel (personalmessig) line. Following
    ``parent`` upwards must end at the top unit; a circle means nobody in it
    has a real leader. A unit that names itself as ``parent`` is a circle of
    one. Each circle is one finding, at the ``parent`` that closes it (the
    one naming a leader at a deeper level than the unit itself, else that of
    the member written last in the file), naming every unit in it and
    counting the units below it that are cut off from the top: those units,
    and the levels inside the circle, have no finding of their own.

    Anti-pattern::

        - {id: ks-skole, name: Skole, level: 2, parent: virk-a, leader: Kommunalsjef}
        - {id: virk-a, name: A skole, level: 3, parent: ks-skole, leader: Rektor}

    Best practice::

        - {id: ks-skole, name: Skole, level: 2, parent: dir-utdanning, leader: Kommunalsjef}
        - {id: virk-a, name: A skole, level: 3, parent: ks-skole, leader: Rektor}
    """

    code = "OM102"
    name = "personnel-cycle"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        found = circles(graph)
        if not found:
            return
        members = {uid: number for number, circle in enumerate(found) for uid in circle}
        below = cut_off(graph, members)
        for number, circle in enumerate(found):
            closing = closing_member(graph, circle)
            path = [closing]
            parent = graph.units[closing].parent
            while parent is not None and parent != closing:
                path.append(parent)
                parent = graph.units[parent].parent
            path.append(closing)
            if len(circle) == 1:
                message = _("{unit} is its own personnel leader (parent: {id})").format(
                    unit=ctx.unit_label(closing), id=closing
                )
            else:
                message = _("the personnel lines go round in a circle: {path}").format(path=" -> ".join(path))
            count = below.get(number, 0)
            if count:
                message += ngettext(
                    ", and {count} unit below it is cut off from the top",
                    ", and {count} units below it are cut off from the top",
                    count,
                ).format(count=count)
            if not graph.roots and number == 0:
                message += _("; no unit is left at the top")
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(closing, "parent"),
                message,
                unit=closing,
                hint=_("name a leader outside the circle in 'parent' (the top unit has no parent)"),
            )
