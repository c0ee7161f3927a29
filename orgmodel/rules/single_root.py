"""OM101 single-root."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._outside import outside, top_unit


@register
class SingleRoot(Rule[Any]):
    """The organisation has exactly one top unit (the rådmann or kommunedirektør).

    Every unit except the top one names its personnel leader in ``parent``.
    A second unit without a parent is a unit somebody forgot to place. No
    unit without a parent means the personnel lines go round in a circle:
    that is one finding of OM102 (personnel-cycle), not also one here. A
    unit of ``kind: iks`` or ``kind: external`` without a parent is outside
    the basisorganisasjon, not a second top unit; so is a kommune's own
    revisjon answering to the kontrollutvalg (a unit without a parent
    delivering only services of category ``kontroll``, kommuneloven § 24-1).

    Anti-pattern::

        units:
          - {id: radmann, name: Rådmannens lederteam, level: 1, leader: Rådmann}
          - {id: dir-omsorg, name: Omsorg, level: 1, leader: Direktør}   # no parent

    Best practice::

        units:
          - {id: radmann, name: Rådmannens lederteam, level: 1, leader: Rådmann}
          - {id: dir-omsorg, name: Omsorg, level: 1, parent: radmann, leader: Direktør}
    """

    code = "OM101"
    name = "single-root"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        first = top_unit(ctx.graph)
        if first is None:
            return  # every unit has a parent: a circle, which OM102 reports once
        top, skip = ctx.unit_label(first), outside(ctx.graph) | {first}
        for uid in ctx.graph.roots:
            if uid in skip:
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "id"),
                _("{unit} has no personnel leader (parent), but {top} is already the top unit").format(
                    unit=ctx.unit_label(uid), top=top
                ),
                unit=uid,
                hint=_("add 'parent:' naming the unit this unit's leader reports to"),
            )
