"""OM274 authority-levels: fullmaktsnivåer, apart from depth, within the adopted number (Asker LOS)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._vocab import standing_for


class AuthorityLevelsParams(BaseModel):
    """Options of authority-levels."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_levels: int | None = Field(
        default=None,
        ge=1,
        description="the adopted number of fullmaktsnivåer; unset: no limit (a municipality's own decision: "
        "Asker adopted two, LOS, Organisering pkt. 2); the order down the line is checked either way",
    )


@register
class AuthorityLevels(Rule[AuthorityLevelsParams]):
    """Fullmaktsnivåer stay within the adopted number and never increase down a personnel line.

    A delegation level is not the same as depth in the tree: Asker adopted
    a "flat struktur med to organisasjons- og fullmaktsnivåer", fullmaktsnivå
    1 the rådmann and the direktører/kommunalsjefer in the rådmann's
    ledergruppe, fullmaktsnivå 2 the virksomhetsledere and their
    mellomledere, with "full delegering av ansvar og myndighet fra
    fullmaktsnivå 1 til fullmaktsnivå 2" (Asker LOS, Organisering pkt. 2). A
    unit's ``authority_level`` above ``max_levels`` is reported at that
    value (no limit until a ruleset sets one). So is a level that is a
    smaller number (more authority) than that of the nearest unit above it
    in the personnel line that writes one: it would hold more authority
    than its own leader. Equal levels are fine (the mellomledere share the
    virksomhetsleder's fullmaktsnivå 2), and so are units that write none.
    Fullmaktsnivå 1 is the rådmann's ledergruppe: a unit at fullmaktsnivå 1
    is the top unit, reports to it, or sits in a forum the top unit chairs
    (not an ``utvidet-ledergruppe``, which widens the group to leaders below);
    one further down the line (a kommunalsjef for skole under the
    kommunalsjef for oppvekst, with the schools under her) makes a third
    level of delegation and is reported at its value.

    Anti-pattern (max_levels 2)::

        - {id: virk-skole-a, name: Skole A, level: 2, parent: ks-oppvekst, authority_level: 2}
        - {id: avd-sfo, name: SFO, level: 3, parent: virk-skole-a, authority_level: 3}
        - {id: avd-bibliotek, name: Skolebibliotek, level: 3, parent: virk-skole-a, authority_level: 1}

    Best practice::

        - {id: virk-skole-a, name: Skole A, level: 2, parent: ks-oppvekst, authority_level: 2}
        - {id: avd-sfo, name: SFO, level: 3, parent: virk-skole-a, authority_level: 2}
        - {id: avd-bibliotek, name: Skolebibliotek, level: 3, parent: virk-skole-a, authority_level: 2}
    """

    code = "OM274"
    name = "authority-levels"
    Params = AuthorityLevelsParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max_levels
        units = ctx.graph.units
        top_team = _top_team(ctx)
        for uid, unit in units.items():
            level = unit.authority_level
            if level is None:
                continue
            if limit is not None and level > limit:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "authority_level"),
                    _(
                        "{unit} has fullmaktsnivå {level}, beyond the {limit} adopted levels of delegation"
                    ).format(unit=ctx.unit_label(uid), level=level, limit=limit),
                    unit=uid,
                    hint=_(
                        "give it fullmaktsnivå {limit}, as the leader it reports through: delegation goes "
                        "from the rådmann to the virksomhetsleder, not further"
                    ).format(limit=limit),
                    breach="max",
                )
            if uid not in ctx.graph.depth:  # cut off from the top by a circle of personnel lines: OM102's
                continue
            above = next((a for a in ctx.graph.ancestors(uid) if units[a].authority_level is not None), None)
            theirs = units[above].authority_level if above is not None else None
            if above is None or theirs is None or level >= theirs:
                if level == 1 and uid not in top_team:
                    yield self._outside_top_team(ctx, uid)
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "authority_level"),
                _(
                    "{unit} has fullmaktsnivå {level}, above that of {leader} (fullmaktsnivå {theirs}) "
                    "whose line it is in: delegation never increases down a personnel line"
                ).format(unit=ctx.unit_label(uid), level=level, leader=ctx.unit_label(above), theirs=theirs),
                unit=uid,
                hint=_("give it fullmaktsnivå {theirs} or a larger number, or move it up the line").format(
                    theirs=theirs
                ),
                breach="order",
            )

    def _outside_top_team(self, ctx: Context, uid: str) -> Diagnostic:
        """A unit at fullmaktsnivå 1 below the rådmann's ledergruppe: a third level of delegation."""
        parent = ctx.graph.units[uid].parent or ""
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "authority_level"),
            _(
                "{unit} has fullmaktsnivå 1 but reports to {leader}, not to the top unit, and sits in no "
                "forum the top unit chairs: fullmaktsnivå 1 is the rådmann's ledergruppe, and a leader "
                "between it and the virksomhetsledere is a further level of delegation"
            ).format(unit=ctx.unit_label(uid), leader=ctx.unit_label(parent)),
            unit=uid,
            hint=_(
                "let it report to the top unit (and sit in its ledergruppe), or fold it into {leader}'s "
                "area so that the virksomhetsledere report to a leader at fullmaktsnivå 1"
            ).format(leader=parent),
            breach="top-team",
        )


def _top_team(ctx: Context) -> set[str]:
    """The top unit, the units reporting to it and the members of the forums it chairs."""
    top = ctx.graph.top
    if top is None:
        return set()
    team = {top, *ctx.graph.children[top]}
    leader_of = standing_for(ctx)
    for forum in ctx.model.forums:
        if forum.kind == "utvidet-ledergruppe":
            continue  # widened to leaders below: not the top team (the Drammen report p. 72)
        if leader_of.get(forum.chair or "", forum.chair) == top:
            team.update(leader_of.get(m, m) for m in forum.members)
    return team
