"""OM270 provisional-unit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register


@register
class ProvisionalUnit(Rule[Any]):
    """A unit marked provisional is reported, so that nobody reads it as decided.

    The Drammen report fixes the virksomheter but says several avdelinger
    are "not final" (Drammen report, p. 24): they are drawn, but may change before
    the organisation takes effect. A unit with ``status: provisional`` is
    reported once, as information, at its ``status``; ``orgmodel diff``
    counts provisional units on each side. The finding never fails a run
    unless a ruleset raises its severity (a design that must be final
    before adoption: ``severity: error``).

    Anti-pattern (reported as information)::

        - {id: avd-kad, name: KAD, level: 4, parent: virk-helsehus, leader: Leder, status: provisional}

    Best practice, once it is decided::

        - {id: avd-kad, name: KAD, level: 4, parent: virk-helsehus, leader: Leder, status: decided}
    """

    code = "OM270"
    name = "provisional-unit"
    severity = Severity.INFO

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for uid, unit in ctx.graph.units.items():
            if unit.status != "provisional":
                continue
            message = _("{unit} is provisional: the design does not decide it yet")
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "status"),
                message.format(unit=ctx.unit_label(uid)),
                unit=uid,
                hint=_("write 'status: decided' when it is decided, or leave it out"),
            )
