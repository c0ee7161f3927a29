"""OM241 authority-distance: an authority and what it supervises meet only above the virksomheter."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._virksomhet import OTHER_KINDS, virksomheter
from orgmodel.rules.authority import role_words, supervision


class AuthorityDistanceParams(BaseModel):
    """Options of authority-distance."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_level: int | None = Field(
        default=None,
        ge=1,
        description="unset: judged from the tree (the two must not meet inside a virksomhet, whatever the "
        "level numbers). Set: the level-number test of earlier versions, in the model's own numbering: "
        "the nearest common leader is at this declared level or higher up (Drammen counts the kommunalsjef "
        "2, Asker 1), so a ruleset that set it keeps what it meant",
    )
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet"],
        description="unit kinds always judged as virksomheter (Drammen report p. 35, 55: the authority "
        "sits apart from the virksomheter it supervises); units without these labels are judged by their "
        "place in the tree",
    )
    other_kinds: list[str] = Field(
        default_factory=lambda: list(OTHER_KINDS),
        description="unit kinds that are never virksomheter by their place in the tree (Drammen's labels "
        "for the levels above and below, Drammen report p. 18)",
    )


@register
class AuthorityDistance(Rule[AuthorityDistanceParams]):
    """An authority and the units it supervises do not meet inside a virksomhet.

    Supervision at "arm's length" (Drammen report p. 35, 55, 59) keeps the
    authority out of the virksomhet that provides what it supervises:
    barnehagemyndighet is "a staff function of the kommunalsjef for
    barnehage", apart from the virksomheter that run the municipal
    kindergartens ("the importance of separating barnehagemyndighet and
    barnehageeier", p. 35); the appeals staff for plan and building sits
    in the kommunalsjef's staff, "a separate organisational unit, apart
    from byggesaksbehandling" (p. 55). So the nearest common personnel
    leader of an authority (or appeals body) and a unit it supervises must
    not be a virksomhet or a unit inside one: a virksomhetsleder who leads
    both leads the supervisor and the supervised. The finding sits at the
    authority's ``parent``, the line to change.

    The virksomheter are found from the tree as OM150 finds them (units of
    kind ``virksomhet`` and the units at the virksomhet depth of their
    area), never from the ``level`` numbers, which municipalities count
    differently (Drammen puts the direktører at level 1 beside the rådmann,
    Asker the kommunalsjefer). A ruleset that sets ``max_level`` gets the
    level-number test of earlier versions instead, in the model's own
    numbering. A supervisor inside the supervised unit is OM240.

    Anti-pattern::

        - {id: virk-eiendom, kind: virksomhet, parent: ks-samfunn, ...}
        - {id: avd-byggesak, kind: avdeling, parent: virk-eiendom, role: authority,
           supervises: [avd-byggprosjekt], ...}
        - {id: avd-byggprosjekt, kind: avdeling, parent: virk-eiendom, ...}   # they meet in Eiendom

    Best practice::

        - {id: virk-byggesak, kind: virksomhet, parent: ks-samfunn, role: authority,
           supervises: [avd-byggprosjekt], ...}                  # they meet at the kommunalsjef
    """

    code = "OM241"
    name = "authority-distance"
    Params = AuthorityDistanceParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        judged = virksomheter(graph, self.params.kinds, self.params.other_kinds)
        lines: dict[str, list[str]] = {}
        for uid, _pos, target in supervision(ctx):
            mine = lines.setdefault(uid, [uid, *graph.ancestors(uid)])
            theirs = lines.setdefault(target, [target, *graph.ancestors(target)])
            if uid in theirs or target in mine:
                continue  # one inside the other: OM240
            shared = set(theirs)
            common = next((a for a in mine if a in shared), None)
            if common is None:
                continue
            if self.params.max_level is not None:
                if graph.units[common].level > self.params.max_level:
                    yield self._by_level(ctx, uid, target, common, self.params.max_level)
                continue
            inside = next((a for a in mine[mine.index(common) :] if a in judged), None)
            if inside is not None:
                yield self._inside_virksomhet(ctx, uid, target, common, inside)

    def _inside_virksomhet(self, ctx: Context, uid: str, target: str, common: str, inside: str) -> Diagnostic:
        """They meet at ``common``, which is the virksomhet ``inside`` or a unit inside it."""
        if common == inside:
            message = _(
                "{unit} is {role} supervising {target}, but both are inside the virksomhet {common}, whose "
                "leader leads them both: supervision at arm's length keeps the authority out of the "
                "virksomhet it supervises"
            )
        else:
            message = _(
                "{unit} is {role} supervising {target}, but they share a leader at {common}, inside the "
                "virksomhet {virksomhet}: supervision at arm's length keeps the authority out of the "
                "virksomhet it supervises"
            )
        above = ctx.graph.units[inside].parent
        if above is not None and above in ctx.graph.units:
            hint = _(
                "move the authority out of {virksomhet}: make it a staff function of {above}, as Drammen "
                "did with barnehagemyndighet (report p. 35), or a unit of its own beside {virksomhet}"
            ).format(virksomhet=inside, above=ctx.unit_label(above))
        else:
            hint = _("move the authority out of {virksomhet}").format(virksomhet=inside)
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "parent"),
            message.format(
                unit=ctx.unit_label(uid),
                role=role_words(ctx, uid),
                target=ctx.unit_label(target),
                common=ctx.unit_label(common),
                virksomhet=ctx.unit_label(inside),
            ),
            unit=uid,
            hint=hint,
            breach=target,
        )

    def _by_level(self, ctx: Context, uid: str, target: str, common: str, limit: int) -> Diagnostic:
        """The level-number test a ruleset's ``max_level`` asks for."""
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "parent"),
            _(
                "{unit} is {role} supervising {target}, but they share a "
                "leader already at level {level}, {common}: supervision "
                "at arm's length needs them apart up to level {limit}"
            ).format(
                unit=ctx.unit_label(uid),
                role=role_words(ctx, uid),
                target=ctx.unit_label(target),
                level=ctx.graph.units[common].level,
                common=ctx.unit_label(common),
                limit=limit,
            ),
            unit=uid,
            hint=_("move the authority up, as a staff function of a leader at or above level {limit}").format(
                limit=limit
            ),
            breach=target,
        )
