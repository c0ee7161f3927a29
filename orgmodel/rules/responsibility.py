"""OM140 budget-responsibility and OM160 leader-required."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.rule import Context, Rule, register

Role = Literal["authority", "appeals", "provider", "staff", "support"]


class BudgetResponsibilityParams(BaseModel):
    """Options of budget-responsibility."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet"],
        description="unit kinds whose leaders need budget responsibility when they lead people. Source: "
        "seed 004 (Tønsberg/Re): 'virksomhetsleder som har personalansvar må også ha budsjettansvar'",
    )
    roles: list[Role] = Field(
        default_factory=list,
        description="unit roles judged as well, whatever their kind (none by default: the sources name "
        "virksomhetsledere only)",
    )


@register
class BudgetResponsibility(Rule[BudgetResponsibilityParams]):
    """A virksomhetsleder with personnel responsibility also holds budget responsibility.

    "A virksomhetsleder who has personnel responsibility must also have
    budget responsibility" (seed 004, Tønsberg/Re workshop input). The
    source speaks of virksomhetsledere, so by default the units of kind
    ``virksomhet`` are judged; a ruleset widens the scope with ``kinds``
    (e.g. ``avdeling``: Drammen's barnehage styrere get "fullt personal,
    økonomi og fagansvar", p. 33) or ``roles``. A judged unit with people
    (child units or ``staff``) says ``budget: true``. A fagansvarlig without
    personnel responsibility (no people) needs no budget.

    Anti-pattern::

        - {id: virk-a, name: A skole, kind: virksomhet, level: 3, parent: ks-skole, leader: Rektor,
           staff: 40}

    Best practice::

        - {id: virk-a, name: A skole, kind: virksomhet, level: 3, parent: ks-skole, leader: Rektor,
           staff: 40, budget: true}
    """

    code = "OM140"
    name = "budget-responsibility"
    Params = BudgetResponsibilityParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        kinds, roles = set(self.params.kinds), set(self.params.roles)
        for uid, unit in graph.units.items():
            if unit.budget or graph.span(uid) == 0:
                continue
            if unit.kind not in kinds and unit.role not in roles:
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
