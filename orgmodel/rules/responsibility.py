"""OM140 budget-responsibility and OM160 leader-required."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgmodel.diagnostic import Diagnostic
from orgmodel.rule import Context, Rule, register


@register
class BudgetResponsibility(Rule[Any]):
    """A leader with personnel responsibility also holds budget responsibility.

    "A virksomhetsleder who has personnel responsibility must also have
    budget responsibility" (Tønsberg/Re workshop input; the same principle
    runs through the Drammen report). A unit with people (child units or
    ``staff``) says ``budget: true``. A fagansvarlig without personnel
    responsibility (no people) needs no budget.

    Anti-pattern::

        - {id: virk-a, name: A skole, level: 3, parent: ks-skole, leader: Rektor, staff: 40}

    Best practice::

        - {id: virk-a, name: A skole, level: 3, parent: ks-skole, leader: Rektor, staff: 40, budget: true}
    """

    code = "OM140"
    name = "budget-responsibility"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        for uid, unit in graph.units.items():
            if unit.budget or graph.span(uid) == 0:
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "budget"),
                f"the leader of {ctx.unit_label(uid)} has personnel responsibility for {graph.span(uid)} "
                "but no budget responsibility",
                unit=uid,
                hint="add 'budget: true'",
            )


@register
class LeaderRequired(Rule[Any]):
    """Every unit names its leader role.

    A unit in the model is a unit with a leader (virksomhetsleder,
    avdelingsleder, kommunalsjef, ...). Give the role, not a person's name,
    so the model stays valid when people change.

    Anti-pattern::

        - {id: virk-a, name: A skole, level: 3, parent: ks-skole}

    Best practice::

        - {id: virk-a, name: A skole, level: 3, parent: ks-skole, leader: Rektor}
    """

    code = "OM160"
    name = "leader-required"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for uid, unit in ctx.graph.units.items():
            if unit.leader is None:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "id"),
                    f"{ctx.unit_label(uid)} names no leader",
                    unit=uid,
                    hint="add 'leader:' with the role, e.g. 'leader: Virksomhetsleder'",
                )
