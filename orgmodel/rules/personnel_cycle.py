"""OM102 personnel-cycle and OM103 unreachable-unit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgmodel.diagnostic import Diagnostic
from orgmodel.rule import Context, Rule, register


@register
class PersonnelCycle(Rule[Any]):
    """Personnel lines form a tree: no unit reports, through others, to itself.

    Each leader has exactly one personnel (personalmessig) line. Following
    ``parent`` upwards must end at the top unit; a circle means nobody in it
    has a real leader.

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
        for cycle in ctx.graph.personnel_cycles:
            first = cycle[0]
            path = " -> ".join([*self._order(ctx, first, set(cycle)), first])
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(first, "parent"),
                f"the personnel lines go round in a circle: {path}",
                unit=first,
                hint="one of these units must report to a leader outside the circle",
            )

    @staticmethod
    def _order(ctx: Context, first: str, members: set[str]) -> list[str]:
        out = [first]
        parent = ctx.graph.units[first].parent
        while parent is not None and parent != first and parent in members and parent not in out:
            out.append(parent)
            parent = ctx.graph.units[parent].parent
        return out


@register
class UnreachableUnit(Rule[Any]):
    """Every unit is reachable from the top unit along personnel lines.

    A unit whose chain of ``parent`` lines ends in a circle (reported by
    OM102) is cut off from the organisation; it is reported once, at the unit
    whose parent is inside the circle.

    Anti-pattern::

        - {id: a, name: A, level: 2, parent: b, leader: L}
        - {id: b, name: B, level: 2, parent: a, leader: L}
        - {id: c, name: C, level: 3, parent: a, leader: L}   # cut off

    Best practice: break the circle so that ``a`` reports to a unit on the way to the top.
    """

    code = "OM103"
    name = "unreachable-unit"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        in_cycle = {uid for cycle in graph.personnel_cycles for uid in cycle}
        for uid, unit in graph.units.items():
            if uid in graph.depth or uid in in_cycle:
                continue
            if unit.parent in in_cycle:
                below = len(self._subtree(ctx, uid))
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "parent"),
                    f"{ctx.unit_label(uid)} cannot be reached from the top unit: its leader "
                    f"'{unit.parent}' is in a circle of personnel lines ({below} unit(s) cut off)",
                    unit=uid,
                )

    @staticmethod
    def _subtree(ctx: Context, uid: str) -> list[str]:
        out, stack = [], [uid]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(c for c in ctx.graph.children[node] if c != uid)
        return out
