"""Level and kind changes of matched units, and a renumbering of every level at once.

Municipalities number the same structure differently: the top team at level 1 beside the
rådmann, or the kommunalsjefer at level 1 (seed 001's two fullmaktsnivåer). A proposal that
moves from one convention to the other shifts every unit's level by the same step; that is one
change (``levels-renumbered``), not one ``unit-relevelled`` per unit. A unit whose level moved
by another step is still re-levelled, and a new kind at the same (or the shifted) level is a
``unit-kind-changed``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from orgmodel.diff.kinds import Change
from orgmodel.graph import OrgGraph
from orgmodel.schema import Unit

_MIN_UNITS = 3  # a shift of fewer units is read unit by unit
_SHARE = 0.8


def level_shift(old: OrgGraph, new: OrgGraph, pairs: list[tuple[str, str]]) -> int:
    """The step most matched units' levels moved by, when nearly all moved by it; else 0.

    "Nearly all" is at least 80 % of the matched units (and at least three): the rådmann's team
    that stays at level 1 while every area below it goes one level down is still a renumbering.
    """
    steps = Counter(new.units[n].level - old.units[o].level for o, n in pairs)
    if not steps:
        return 0
    step, count = steps.most_common(1)[0]
    if step == 0 or count < _MIN_UNITS or count < _SHARE * len(pairs):
        return 0
    return step


def renumbered(old: OrgGraph, new: OrgGraph, shift: int, units: int) -> Change:
    """The one change of a model whose levels (of ``units`` units) were renumbered by ``shift``."""
    levels = sorted({u.level for u in old.units.values()})
    shown = ", ".join(f"{lv} -> {lv + shift}" for lv in levels[:4]) + (", ..." if len(levels) > 4 else "")
    way = "up" if shift > 0 else "down"
    every = "every unit's level" if units == len(old.units) else f"the level of {units} units"
    return Change(
        "levels-renumbered",
        f"levels-renumbered:{shift:+d}",
        f"{every} went {way} by {abs(shift)} (level {shown}): the same structure numbered another "
        "way, so they are not listed one by one",
        before=levels,
        after=[lv + shift for lv in levels],
        count=units,
    )


def _kind(kind: str | None) -> str:
    """'an avdeling', 'a virksomhet', 'no kind'."""
    if kind is None:
        return "no kind"
    return f"{'an' if kind[:1] in 'aeiouyæøå' else 'a'} {kind}"


def _describe(unit: Unit) -> str:
    return f"{unit.kind or 'unit'} at level {unit.level}"


def level_changes(label: str, n: str, before: Unit, after: Unit, shift: int) -> list[Change]:
    """A matched unit re-levelled (beyond ``shift``) or of another kind at its level."""
    values: dict[str, Any] = {
        "unit": n,
        "name": after.name,
        "before": {"level": before.level, "kind": before.kind},
        "after": {"level": after.level, "kind": after.kind},
    }
    if after.level - before.level != shift:
        message = f"{label} went from {_describe(before)} to {_describe(after)}"
        if shift:
            others = f"the other units' levels went {'up' if shift > 0 else 'down'} by {abs(shift)}"
            message = f"{message} (while {others})"
            if before.level == after.level:
                message = f"{label} stayed {_describe(after)} while {others}"
        return [Change("unit-relevelled", f"unit-relevelled:{n}", message, **values)]
    if before.kind != after.kind:
        at = f"level {after.level} unchanged" if not shift else f"level {before.level} -> {after.level}"
        message = f"{label} is now {_kind(after.kind)}, was {_kind(before.kind)} ({at})"
        return [Change("unit-kind-changed", f"unit-kind-changed:{n}", message, **values)]
    return []
