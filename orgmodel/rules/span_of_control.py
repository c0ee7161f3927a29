"""OM120 span-of-control."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.rule import Context, Rule, register


class SpanLimits(BaseModel):
    """Span limits for one level; a missing limit is not checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min: int | None = Field(default=None, ge=0)
    warn_above: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)


class SpanParams(BaseModel):
    """Options of span-of-control: limits for every level, overridden per level."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    default: SpanLimits = SpanLimits(min=2, warn_above=30, max=50)
    levels: dict[int, SpanLimits] = Field(default_factory=dict)

    def limits(self, level: int) -> SpanLimits:
        """The default limits with this level's overrides on top."""
        own = self.levels.get(level)
        if own is None:
            return self.default
        merged = self.default.model_dump()
        merged.update(own.model_dump(exclude_unset=True))
        return SpanLimits(**merged)


@register
class SpanOfControl(Rule[SpanParams]):
    """A leader's span of control (lederspenn) stays within the adopted limits.

    The span is the number of people the leader has personnel
    responsibility for: the leaders of the units that report to it plus its
    own ``staff``. Drammen split units and added avdelinger explicitly "so
    the span does not get too large" (report p. 26, 34, 45, 54). There is no
    official Norwegian maximum: first-line leaders in municipal health and
    care lead 39 employees on average (Helsedirektoratet), typical working
    life spans are about 10 (Fafo). Above ``max`` is a finding at the rule's
    severity, above ``warn_above`` a warning; below ``min`` (a leader of one
    or two people: a level that may not be needed) a warning. Where
    ``staff`` is not given the span is unknown from below, so only the upper
    limits are checked.

    Anti-pattern (max 50)::

        - {id: barnevern, name: Barnevern, level: 3, parent: ks-forebygging, leader: Leder, staff: 95}

    Best practice: add avdelinger with their own leaders::

        - {id: barnevern, name: Barnevern, level: 3, parent: ks-forebygging, leader: Leder, staff: 3}
        - {id: bv-mottak, name: Mottak, level: 4, parent: barnevern, leader: Avdelingsleder, staff: 30}
    """

    code = "OM120"
    name = "span-of-control"
    Params = SpanParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        by_level: dict[int, SpanLimits] = {}
        for uid, unit in graph.units.items():
            children = len(graph.children[uid])
            span = children + (unit.staff or 0)
            limits = by_level.get(unit.level)
            if limits is None:
                limits = by_level[unit.level] = self.params.limits(unit.level)
            if not (
                (limits.max is not None and span > limits.max)
                or (limits.warn_above is not None and span > limits.warn_above)
                or (limits.min is not None and unit.staff is not None and 0 < span < limits.min)
            ):
                continue  # the common case: no message to build
            parts = f"{children} unit leader{'s' if children != 1 else ''} + {unit.staff or 0} staff"
            label = ctx.unit_label(uid)
            loc = ctx.unit_loc(uid, "staff")
            if limits.max is not None and span > limits.max:
                yield self.diagnostic(
                    ctx,
                    loc,
                    f"{label} has a span of control of {span} ({parts}), above the maximum of "
                    f"{limits.max} for level {unit.level}",
                    unit=uid,
                    hint="split the unit or add avdelinger with their own leaders",
                    breach="max",
                )
            elif limits.warn_above is not None and span > limits.warn_above:
                yield self.diagnostic(
                    ctx,
                    loc,
                    f"{label} has a span of control of {span} ({parts}), above the "
                    f"recommended {limits.warn_above} for level {unit.level}",
                    unit=uid,
                    severity=Severity.WARNING,
                    breach="max",
                )
            elif limits.min is not None and unit.staff is not None and 0 < span < limits.min:
                yield self.diagnostic(
                    ctx,
                    loc,
                    f"{label} leads only {span} ({parts}), below the minimum of {limits.min} "
                    f"for level {unit.level}: a level that may not be needed",
                    unit=uid,
                    severity=Severity.WARNING if self.level is Severity.ERROR else self.level,
                    breach="min",
                )
