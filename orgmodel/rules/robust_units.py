"""OM150 robust-units."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.rule import Context, Rule, register


class RobustParams(BaseModel):
    """Options of robust-units."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min: int = Field(
        default=8,
        ge=1,
        description=(
            "the smallest headcount (leader + staff + everyone below). 8: assumption; Drammen merged "
            "small home-care districts and made a small school an avdeling (000 p. 26, 31) without a "
            "number. 8 is what runs of the default ruleset used (the class said 10)"
        ),
    )
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet"],
        description="unit kinds this applies to (the report speaks of virksomheter, 000 p. 26, 31)",
    )


@register
class RobustUnits(Rule[RobustParams]):
    """Units of the given kinds are big enough to be robust.

    Small units are vulnerable (sårbare): Drammen merged small home-care
    districts and made a small school an avdeling of a bigger one (report
    p. 26, 31). The headcount is the leader, the ``staff`` and everyone in
    the units below. Units whose size is unknown (no ``staff`` anywhere in
    their subtree) are not judged.

    Anti-pattern (min 8)::

        - {id: virk-sagstedbrua, name: Sagstedbrua skole, kind: virksomhet, level: 3, ..., staff: 4}

    Best practice::

        - {id: avd-sagstedbrua, name: Sagstedbrua skole, kind: avdeling, level: 4,
           parent: virk-eknes, ..., staff: 4}
    """

    code = "OM150"
    name = "robust-units"
    severity = Severity.WARNING
    Params = RobustParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        kinds = set(self.params.kinds)
        for uid, unit in graph.units.items():
            if unit.kind not in kinds or not graph.staff_known.get(uid):
                continue
            size = graph.headcount[uid]
            if size < self.params.min:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "staff"),
                    f"{ctx.unit_label(uid)} has {size} people, fewer than the {self.params.min} a robust "
                    f"{unit.kind} needs",
                    unit=uid,
                    hint="merge it with a neighbour or make it an avdeling of a larger unit",
                )
