"""Level and kind changes of matched units, and a renumbering of every level at once.

Municipalities number the same structure differently: the top team at level 1 beside the
rådmann, or the kommunalsjefer at level 1 (Asker LOS's two fullmaktsnivåer). A proposal that
moves from one convention to the other shifts every unit's level by the same step; that is one
change (``levels-renumbered``), not one ``unit-relevelled`` per unit. A unit whose level moved
by another step is still re-levelled, and a new kind at the same (or the shifted) level is a
``unit-kind-changed``.
"""

from __future__ import annotations

from typing import Any

from orgmodel.diff.kinds import Change
from orgmodel.graph import OrgGraph
from orgmodel.i18n import N_, _
from orgmodel.schema import Unit

_MIN_UNITS = 3  # a shift of fewer units is read unit by unit
_SHARE = 0.8


def level_shift(steps: dict[int, int]) -> int:
    """The step most matched units' levels moved by, when nearly all moved by it; else 0.

    ``steps`` counts the matched units by how far their level moved (NEW minus
    OLD). "Nearly all" is at least 80 % of the matched units (and at least
    three): the rådmann's team that stays at level 1 while every area below it
    goes one level down is still a renumbering.
    """
    if not steps:
        return 0
    step, count = max(steps.items(), key=lambda item: item[1])  # a tie is under 80 % either way
    if step == 0 or count < _MIN_UNITS or count < _SHARE * sum(steps.values()):
        return 0
    return step


def parent_step(old: OrgGraph, new: OrgGraph, before: Unit, after: Unit) -> int | None:
    """How many levels the unit's leader's unit moved (None: it has none on a side)."""
    was, now = old.units.get(before.parent or ""), new.units.get(after.parent or "")
    return None if was is None or now is None else now.level - was.level


def renumbered(old: OrgGraph, new: OrgGraph, shift: int, units: int) -> Change:
    """The one change of a model whose levels (of ``units`` units) were renumbered by ``shift``."""
    levels = sorted({u.level for u in old.units.values()})
    shown = ", ".join(f"{lv} -> {lv + shift}" for lv in levels[:4]) + (", ..." if len(levels) > 4 else "")
    if units == len(old.units):
        message = (
            _(
                "every unit's level went up by {step} (level {shown}): the same structure numbered "
                "another way, so they are not listed one by one"
            )
            if shift > 0
            else _(
                "every unit's level went down by {step} (level {shown}): the same structure numbered another "
                "way, so they are not listed one by one"
            )
        )
    else:
        message = (
            _(
                "the level of {units} units went up by {step} (level {shown}): the same structure numbered "
                "another way, so they are not listed one by one"
            )
            if shift > 0
            else _(
                "the level of {units} units went down by {step} (level {shown}): the same structure numbered "
                "another way, so they are not listed one by one"
            )
        )
    return Change(
        "levels-renumbered",
        f"levels-renumbered:{shift:+d}",
        message.format(step=abs(shift), shown=shown, units=units),
        before=levels,
        after=[lv + shift for lv in levels],
        count=units,
    )


# the unit kinds the shipped models and the corpus use, with their article ('et IKS', 'en virksomhet' in
# bokmål, where the article follows the noun's gender); another kind is written as it stands
_KIND_WORDS = {
    "virksomhet": N_("a virksomhet"),
    "avdeling": N_("an avdeling"),
    "enhet": N_("an enhet"),
    "stab": N_("a stab"),
    "knutepunkt": N_("a knutepunkt"),
    "kommunalsjefområde": N_("a kommunalsjefområde"),
    "direktørområde": N_("a direktørområde"),
    "tjenesteområde": N_("a tjenesteområde"),
    "toppledelse": N_("the top team (toppledelse)"),
    "iks": N_("an IKS"),
    "external": N_("an external unit"),
}


def _kind(kind: str | None) -> str:
    """'an avdeling', 'a virksomhet', 'an IKS', 'no kind'."""
    if kind is None:
        return _("no kind")
    if kind in _KIND_WORDS:
        return _(_KIND_WORDS[kind])
    if kind[:1] in "aeiouyæøå":
        return _("an {kind}").format(kind=kind)
    return _("a {kind}").format(kind=kind)


def _describe(unit: Unit) -> str:
    return _("{kind} at level {level}").format(kind=unit.kind or _("unit"), level=unit.level)


def level_changes(label: str, n: str, before: Unit, after: Unit, shift: int) -> list[Change]:
    """A matched unit re-levelled (beyond ``shift``) or of another kind at its level."""
    if after.level - before.level == shift and before.kind == after.kind:
        return []  # most units: nothing to say, so nothing is built
    values: dict[str, Any] = {
        "unit": n,
        "name": after.name,
        "before": {"level": before.level, "kind": before.kind},
        "after": {"level": after.level, "kind": after.kind},
    }
    if after.level - before.level != shift:
        message = _("{unit} went from {before} to {after}").format(
            unit=label, before=_describe(before), after=_describe(after)
        )
        if shift:
            others = (
                _("the other units' levels went up by {step}")
                if shift > 0
                else _("the other units' levels went down by {step}")
            ).format(step=abs(shift))
            message = _("{message} (while {others})").format(message=message, others=others)
            if before.level == after.level:
                message = _("{unit} stayed {now} while {others}").format(
                    unit=label, now=_describe(after), others=others
                )
        return [Change("unit-relevelled", f"unit-relevelled:{n}", message, **values)]
    if before.kind != after.kind:
        at = (
            _("level {level} unchanged").format(level=after.level)
            if not shift
            else _("level {before} -> {after}").format(before=before.level, after=after.level)
        )
        message = _("{unit} is now {now}, was {was} ({at})").format(
            unit=label, now=_kind(after.kind), was=_kind(before.kind), at=at
        )
        return [Change("unit-kind-changed", f"unit-kind-changed:{n}", message, **values)]
    return []
