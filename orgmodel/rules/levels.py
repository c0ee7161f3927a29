"""OM110 level-order, OM111 level-skip and OM112 max-levels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.rule import Context, Rule, register


class LevelOrderParams(BaseModel):
    """Options of level-order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    top_level: int = Field(default=1, ge=0, description="the level of the top unit and its top team")


@register
class LevelOrder(Rule[LevelOrderParams]):
    """A unit's declared level sits below its personnel leader's level.

    Levels are counted from the top: level 1 is the rådmann's lederteam
    (the rådmann and the direktører sit in it together), level 2 the
    kommunalsjefer and stabsledere, level 3 the virksomheter, level 4 the
    avdelinger (Drammen report p. 18). A unit at or above its own leader's
    level contradicts the personnel line; only the top team shares level 1
    (units directly under the top unit may sit at its level).

    Anti-pattern::

        - {id: ks-skole, name: Skole, level: 2, parent: dir-utdanning, leader: Kommunalsjef}
        - {id: virk-a, name: A skole, level: 2, parent: ks-skole, leader: Rektor}

    Best practice::

        - {id: ks-skole, name: Skole, level: 2, parent: dir-utdanning, leader: Kommunalsjef}
        - {id: virk-a, name: A skole, level: 3, parent: ks-skole, leader: Rektor}
    """

    code = "OM110"
    name = "level-order"
    Params = LevelOrderParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        top = self.params.top_level
        units = ctx.graph.units
        for uid in ctx.graph.roots:
            if units[uid].level != top:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "level"),
                    f"{ctx.unit_label(uid)} is the top unit and should be at level {top}, "
                    f"not {units[uid].level}",
                    unit=uid,
                )
        for uid, unit in units.items():
            parent = units.get(unit.parent) if unit.parent else None
            if parent is None or unit.level > parent.level:
                continue
            if unit.level == parent.level == top and parent.parent is None:
                continue  # the top team: direktører sit with the rådmann at level 1
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "level"),
                f"{ctx.unit_label(uid)} is at level {unit.level} but reports to "
                f"{ctx.unit_label(parent.id)} at level {parent.level}: a unit sits below its leader",
                unit=uid,
                hint=f"set level: {parent.level + 1}",
            )


@register
class LevelSkip(Rule[Any]):
    """A unit that skips a level is an exception that must be justified.

    A child sits one level below its personnel leader. Nye Drammen allowed
    skips where the report argues for them: the pilot lokalt knutepunkt is a
    level-3 virksomhet reporting straight to the direktør for arbeid og
    inkludering (p. 17, 38, 42), and in some staff areas employees report to
    the direktør or stabsleder with no level-3 leader (p. 58). Such a unit
    carries a suppression with the reason, so the exception is visible.

    Anti-pattern::

        - {id: dir-arbeid, name: Arbeid og inkludering, level: 1, parent: radmann, leader: Direktør}
        - {id: virk-pilot, name: Pilot knutepunkt, level: 3, parent: dir-arbeid, leader: Leder}

    Best practice::

        - {id: dir-arbeid, name: Arbeid og inkludering, level: 1, parent: radmann, leader: Direktør}
        # orgmodel: ignore[level-skip] the pilot reports to the direktør (report p. 17)
        - {id: virk-pilot, name: Pilot knutepunkt, level: 3, parent: dir-arbeid, leader: Leder}
    """

    code = "OM111"
    name = "level-skip"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        units = ctx.graph.units
        for uid, unit in units.items():
            parent = units.get(unit.parent) if unit.parent else None
            if parent is None or unit.level <= parent.level + 1:
                continue
            skipped = unit.level - parent.level - 1
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "level"),
                f"{ctx.unit_label(uid)} at level {unit.level} reports to {ctx.unit_label(parent.id)} at "
                f"level {parent.level}, skipping {skipped} level{'s' if skipped > 1 else ''}",
                unit=uid,
                hint="if the skip is decided, justify it: # orgmodel: ignore[level-skip] <reason>",
            )


class MaxLevelsParams(BaseModel):
    """Options of max-levels."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max: int = Field(default=5, ge=1, description="the most levels the organisation may have")
    count_employees: bool = Field(
        default=False, description="employees below a leader count as one more level (Drammen counts them)"
    )


@register
class MaxLevels(Rule[MaxLevelsParams]):
    """The organisation has no more levels than adopted.

    Nye Drammen is "a 4-5 level organisation": rådmannens lederteam,
    kommunalsjefer and stabsledere, virksomheter, avdelinger where a
    virksomhet is large, and their employees as level 5 (p. 18). With
    ``count_employees: true`` a unit with ``staff`` adds the level its
    employees stand on.

    Anti-pattern (max 5, employees counted)::

        - {id: team, name: Team, level: 5, parent: avd, leader: Teamleder, staff: 6}

    Best practice: lead the team's employees from the level-4 avdeling.
    """

    code = "OM112"
    name = "max-levels"
    Params = MaxLevelsParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max
        for uid, unit in ctx.graph.units.items():
            employees = self.params.count_employees and (unit.staff or 0) > 0
            deepest = unit.level + (1 if employees else 0)
            if deepest <= limit:
                continue
            what = (
                f"its employees stand on level {deepest}"
                if employees and unit.level <= limit
                else (f"it is at level {unit.level}")
            )
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "level"),
                f"{ctx.unit_label(uid)} makes the organisation deeper than the adopted {limit} levels: "
                f"{what}",
                unit=uid,
            )
