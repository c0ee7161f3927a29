"""OM275 position-personnel: a position without personnel responsibility leads nobody (Drammen p. 58)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.rule import Context, NoParams, Rule, register
from orgmodel.rules._principles import item_loc
from orgmodel.rules._vocab import LEADER_FORUMS, forum_label


@register
class PositionPersonnel(Rule[NoParams]):
    """A position without personnel responsibility has no staff and leads no unit.

    Drammen's staffs get fagansvarlige "med spesielt ansvar for kvalitet,
    metode og fagutvikling innenfor sitt fag", and "Fagansvarlige skal ikke
    ha personalansvar" (Drammen report, p. 58). A position with ``personnel:
    false`` (the default) is reported when it has ``staff`` (at that value),
    when it is the leader of a unit (a unit whose ``leader`` is the
    position's ``title``; at that unit's ``leader``), and when it chairs a
    ledergruppe or lederteam (at the forum's ``chair``): each of them is
    personnel leadership. A position may chair a fagteam or nettverk.

    Anti-pattern::

        positions:
          - {id: fa-demens, title: Fagansvarlig demens, unit: virk-hjemme-nord, personnel: false, staff: 4}

    Best practice::

        positions:
          - {id: fa-demens, title: Fagansvarlig demens, unit: virk-hjemme-nord, personnel: false}
        forums:
          - {id: nettverk-demens, name: Faglig nettverk demens, kind: nettverk, chair: fa-demens, ...}
    """

    code = "OM275"
    name = "position-personnel"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if not ctx.model.positions:
            return
        chaired: dict[str, list[int]] = {}
        for index, forum in enumerate(ctx.model.forums):
            if forum.chair is not None and forum.kind in LEADER_FORUMS:
                chaired.setdefault(forum.chair, []).append(index)
        leaders: dict[str, list[str]] = {}
        for uid, unit in ctx.graph.units.items():
            if unit.leader is not None:
                leaders.setdefault(unit.leader.strip().casefold(), []).append(uid)
        seen: set[str] = set()
        for index, position in enumerate(ctx.model.positions):
            if position.personnel or position.id in seen:
                continue
            seen.add(position.id)
            label = f"'{position.title}' ({position.id})"
            if position.staff:
                yield self.diagnostic(
                    ctx,
                    item_loc(ctx, "positions", index, "staff"),
                    _(
                        "{position} has no personnel responsibility but {n} staff: a fagansvarlig has no "
                        "personalansvar"
                    ).format(position=label, n=position.staff),
                    unit=position.id,
                    hint=_("let the leader of its unit hold the staff, or write 'personnel: true'"),
                    breach="staff",
                )
            for uid in leaders.get(position.title.strip().casefold(), []):
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "leader"),
                    _(
                        "{unit} is led by {position}, a position without personnel responsibility: the "
                        "leader of a unit holds personalansvar"
                    ).format(unit=ctx.unit_label(uid), position=label),
                    unit=position.id,
                    hint=_(
                        "give the unit a leader with personnel responsibility, or write 'personnel: true' "
                        "on the position"
                    ),
                    breach=uid,
                )
            for forum_index in chaired.get(position.id, []):
                forum = ctx.model.forums[forum_index]
                yield self.diagnostic(
                    ctx,
                    ("forums", forum_index, "chair"),
                    _(
                        "{forum} is a {kind} chaired by {position}, a position without personnel "
                        "responsibility: a leader group is chaired by a leader"
                    ).format(forum=forum_label(forum.name, forum.id), kind=forum.kind, position=label),
                    unit=position.id,
                    hint=_("let a leader chair it, or make it a fagteam or nettverk"),
                    breach=forum.id,
                )
