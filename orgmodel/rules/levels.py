"""OM110 level-order, OM111 level-skip and OM112 max-levels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.i18n import N_, _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._outside import outside, top_unit
from orgmodel.rules._principles import words

DEPTH_NOT_FULLMAKT = N_("`level` counts the personnel tree's depth (a fullmaktsnivå is not a level): {hint}")


@dataclass
class LevelProblems:
    """The declared levels that contradict the personnel tree, each at its cause.

    ``order`` maps a unit whose own level is wrong to the level it should
    have; ``skip`` maps a unit that skips levels below its leader to how many.
    A unit whose level is wrong is the one cause: the units below it are
    measured against the level it should have, so a school written at level 2
    is one finding, not one more for each of its avdelinger at level 4; a
    kommunalsjef written at level 3 above schools at level 3 is one finding at
    the kommunalsjef, not one per school. Units cut off by a circle of
    personnel lines are not judged (OM102 reports the circle), nor are units
    outside the basisorganisasjon (an ``iks``/``external`` unit without a
    parent and the units below it).
    """

    order: dict[str, int] = field(default_factory=dict)
    above_units: set[str] = field(default_factory=set)
    skip: dict[str, int] = field(default_factory=dict)
    effective: dict[str, int] = field(default_factory=dict)


def level_problems(graph: OrgGraph, top: int = 1) -> LevelProblems:
    """Walk the tree from the top once, leaders before their units, and place each level problem.

    Computed once per graph and ``top`` (OM110, OM111 and OM120 read it): read, never change it.
    """
    return graph.memoised(("level_problems", top), lambda: _level_problems(graph, top))


def _level_problems(graph: OrgGraph, top: int) -> LevelProblems:
    out = LevelProblems()
    units, children = graph.units, graph.children
    effective = out.effective
    first_root, skip = top_unit(graph), outside(graph)
    for uid in graph.depth:
        if uid in skip:
            continue
        unit = units[uid]
        if unit.parent is not None and unit.level == effective[unit.parent] + 1:
            effective[uid] = unit.level  # one level below its leader's: the common case, in order
            continue
        parent = units[unit.parent] if unit.parent is not None else None
        if parent is None:  # another top unit is OM101's finding, its level is not judged
            if uid == first_root and unit.level != top:
                out.order[uid] = top
            effective[uid] = top if uid == first_root else unit.level
            continue
        should = effective[parent.id]
        if unit.level == top and parent.parent is None and should == top:
            effective[uid] = unit.level  # the top team: direktører sit with the rådmann at level 1
        elif unit.level <= min(should, parent.level):
            out.order[uid] = effective[uid] = should + 1
        elif unit.level > should + 1:
            below = [units[c].level for c in children[uid]]
            if below and should + 2 <= min(below) <= unit.level:
                out.order[uid] = effective[uid] = should + 1  # its units fit below the right level
                out.above_units.add(uid)
            else:
                out.skip[uid] = unit.level - should - 1
                effective[uid] = unit.level
        else:
            effective[uid] = unit.level
    return out


class LevelOrderParams(BaseModel):
    """Options of level-order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    top_level: int = Field(
        default=1,
        ge=0,
        description=(
            "the level of the top unit and its top team (Drammen: 'nivå 1 er rådmannens lederteam', "
            "Drammen report p. 18)"
        ),
    )


@register
class LevelOrder(Rule[LevelOrderParams]):
    """A unit's declared level sits below its personnel leader's level.

    Levels are counted from the top: level 1 is the rådmann's lederteam
    (the rådmann and the direktører sit in it together), level 2 the
    kommunalsjefer and stabsledere, level 3 the virksomheter, level 4 the
    avdelinger (Drammen report p. 18). A unit at or above its own leader's
    level contradicts the personnel line; only the top team shares level 1
    (units directly under the top unit may sit at its level).
    A ``level`` is the depth in the personnel tree, not a fullmaktsnivå:
    Asker puts virksomhetsledere and their middle managers on one
    fullmaktsnivå, but here an avdeling is one level below its virksomhet.

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
        problems = level_problems(ctx.graph, top)
        for uid, should in problems.order.items():
            unit = units[uid]
            label = ctx.unit_label(uid)
            hint = self._hint(ctx, uid, should)
            if unit.parent is None:
                message = _("{unit} is the top unit and should be at level {top}, not {level}").format(
                    unit=label, top=top, level=unit.level
                )
            elif uid in problems.above_units:
                lowest = min(units[c].level for c in ctx.graph.children[uid])
                message = _(
                    "{unit} is at level {level}, but the units it leads start at level {lowest} "
                    "and its leader {leader} is at level {leader_level}"
                ).format(
                    unit=label,
                    level=unit.level,
                    lowest=lowest,
                    leader=ctx.unit_label(unit.parent),
                    leader_level=units[unit.parent].level,
                )
            else:
                parent = units[unit.parent]
                message = _(
                    "{unit} is at level {level} but reports to {leader} at "
                    "level {leader_level}: a unit sits below its leader"
                ).format(
                    unit=label, level=unit.level, leader=ctx.unit_label(parent.id), leader_level=parent.level
                )
                if unit.level == parent.level:  # Asker counts fullmaktsnivåer, where they may share one
                    hint = _(DEPTH_NOT_FULLMAKT).format(hint=hint)
            yield self.diagnostic(ctx, ctx.unit_loc(uid, "level"), message, unit=uid, hint=hint)

    @staticmethod
    def _hint(ctx: Context, uid: str, should: int) -> str:
        """``set level: N``, and move the units below it too where they would then clash with it."""
        below = [ctx.graph.units[c].level for c in ctx.graph.children[uid]]
        shift = should - ctx.graph.units[uid].level
        if below and shift > 0 and min(below) <= should:
            return _("set level: {level}, and add {shift} to the level of every unit below it").format(
                level=should, shift=shift
            )
        return _("set level: {level}").format(level=should)


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
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        units = ctx.graph.units
        for uid, skipped in level_problems(ctx.graph).skip.items():
            unit = units[uid]
            parent = units[unit.parent or uid]
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "level"),
                ngettext(
                    "{unit} at level {level} reports to {leader} at level {leader_level}, skipping "
                    "{skipped} level",
                    "{unit} at level {level} reports to {leader} at level {leader_level}, skipping "
                    "{skipped} levels",
                    skipped,
                ).format(
                    unit=ctx.unit_label(uid),
                    level=unit.level,
                    leader=ctx.unit_label(parent.id),
                    leader_level=unit.level - skipped - 1,
                    skipped=skipped,
                ),
                unit=uid,
                hint=_(
                    "if it is at level {level} in your numbering (it reports to a leader at level {above}), "
                    "write level: {level}; if the skip is decided, justify it: # orgmodel: "
                    "ignore[level-skip] <reason>"
                ).format(level=unit.level - skipped, above=unit.level - skipped - 1),
            )


class MaxLevelsParams(BaseModel):
    """Options of max-levels."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max: int = Field(
        default=6,
        ge=1,
        description=(
            "the most levels the organisation may have. 6: assumption, one more than nye Drammen's "
            "'4-5 level organisation' counting employees (Drammen report p. 18), so the default errs on no "
            "adopted design in either level convention; a municipality adopts its own (drammen-2020: 5)"
        ),
    )
    count_employees: bool = Field(
        default=False,
        description=(
            "employees below a leader count as one more level (the Drammen report counts them, p. 18)"
        ),
    )


@register
class MaxLevels(Rule[MaxLevelsParams]):
    """The organisation has no more levels than adopted.

    Nye Drammen is "a 4-5 level organisation": rådmannens lederteam,
    kommunalsjefer and stabsledere, virksomheter, avdelinger where a
    virksomhet is large, and their employees as level 5 (p. 18). With
    ``count_employees: true`` a unit with ``staff`` adds the level its
    employees stand on. The topmost unit that is too deep is the finding;
    the units below it are counted in it, not reported again. Sibling units
    too deep for the same reason (the avdelinger of one sykehjem, each with
    its employees) are one finding, at their leader's ``id``.

    Anti-pattern (max 5, employees counted)::

        - {id: team, name: Team, level: 5, parent: avd, leader: Teamleder, staff: 6}

    Best practice: lead the team's employees from the level-4 avdeling.
    """

    code = "OM112"
    name = "max-levels"
    Params = MaxLevelsParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max
        units = ctx.graph.units
        top_of: dict[str, str] = {}  # a unit below a too-deep unit -> the topmost too-deep unit
        below: dict[str, int] = {}
        found: list[tuple[str, int, bool]] = []
        skip = outside(ctx.graph)
        for uid in ctx.graph.depth:  # leaders first; units cut off by a circle are folded into OM102
            if uid in skip:
                continue
            unit = units[uid]
            parent = unit.parent
            if parent in top_of and unit.level > limit:
                top_of[uid] = top_of[parent]
                below[top_of[uid]] += 1
                continue
            employees = self.params.count_employees and (unit.staff or 0) > 0
            deepest = unit.level + (1 if employees else 0)
            if deepest <= limit:
                continue
            if unit.level > limit:
                top_of[uid] = uid
                below[uid] = 0
            found.append((uid, deepest, employees))
        groups: dict[tuple[str | None, int, bool], list[str]] = {}
        for uid, deepest, employees in found:
            kind = employees and units[uid].level <= limit  # its employees are the level too many
            groups.setdefault((units[uid].parent, deepest, kind), []).append(uid)
        for (parent, deepest, kind), siblings in groups.items():
            if parent is None or len(siblings) == 1:
                yield from (self._one(ctx, uid, deepest, kind, below.get(uid, 0)) for uid in siblings)
            else:
                yield self._siblings(
                    ctx, parent, siblings, deepest, kind, sum(below.get(u, 0) for u in siblings)
                )

    def _one(self, ctx: Context, uid: str, deepest: int, employees: bool, count: int) -> Diagnostic:
        """One unit too deep, with the ``count`` units below it folded in."""
        if employees:
            what = _("its employees stand on level {level}").format(level=deepest)
        else:
            what = _("it is at level {level}").format(level=ctx.graph.units[uid].level)
        if count:
            what += ngettext(", and {count} unit below it", ", and {count} units below it", count).format(
                count=count
            )
        message = _("{unit} makes the organisation deeper than the adopted {limit} levels: {what}")
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "level"),
            message.format(unit=ctx.unit_label(uid), limit=self.params.max, what=what),
            unit=uid,
        )

    def _siblings(
        self, ctx: Context, parent: str, siblings: list[str], deepest: int, employees: bool, count: int
    ) -> Diagnostic:
        """Sibling units too deep for one reason: one structural fact, one finding at their leader."""
        if employees:
            what = _("their employees stand on level {level}").format(level=deepest)
        else:
            what = _("they are at level {level}").format(level=deepest)
        if count:
            what += ngettext(", and {count} unit below them", ", and {count} units below them", count).format(
                count=count
            )
        message = _(
            "{parent} leads {n} units that make the organisation deeper than the adopted {limit} levels "
            "({units}): {what}"
        )
        return self.diagnostic(
            ctx,
            ctx.unit_loc(parent),
            message.format(
                parent=ctx.unit_label(parent),
                n=len(siblings),
                limit=self.params.max,
                units=words([ctx.unit_label(u) for u in siblings], limit=3),
                what=what,
            ),
            unit=parent,
            hint=_(
                "take a level out of the line down to them (let {parent}'s units report one level "
                "higher, or their leaders lead the employees directly), or adopt {deepest} levels "
                "('max-levels.max' in the ruleset)"
            ).format(parent=parent, deepest=deepest),
        )
