"""OM241 authority-distance: an authority and what it supervises meet only above the virksomheter."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import words
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
    area, not staff, support, supervising or appeals functions), never from
    the ``level`` numbers, which municipalities count
    differently (Drammen puts the direktører at level 1 beside the rådmann,
    Asker the kommunalsjefer). A ruleset that sets ``max_level`` gets the
    level-number test of earlier versions instead, in the model's own
    numbering. A supervisor inside the supervised unit is OM240.

    A virksomhet directly under the top unit is an area of the kommune: in
    a small two-level kommune (a kommunedirektør and a few virksomheter,
    Teknisk holding byggesak and eiendom) its leader stands where a
    kommunalsjef stands in Drammen, who kept barnehagemyndighet as her
    staff beside the barnehager she leads (p. 35). Where the authority and
    what it supervises meet at that leader, the finding is OM240's warning
    for a leader supervising its own staff: lawful and common, habilitet
    weighed case by case (forvaltningsloven § 6), recorded by a suppression
    with its reason. Where they meet lower, inside a unit of that area, or
    inside a virksomhet under a kommunalsjef (byggesak inside Eiendom), it
    stays an error.

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
        limit = self.params.max_level
        met: dict[tuple[str, str], list[str]] = {}  # (authority, where they meet) -> supervised units
        for uid, target, common in self._meetings(ctx):
            if limit is not None:
                if ctx.graph.units[common].level > limit:
                    met.setdefault((uid, common), []).append(target)
                continue
            inside = next((a for a in [common, *ctx.graph.ancestors(common)] if a in self._judged(ctx)), None)
            if inside is not None:
                met.setdefault((uid, inside), []).append(target)
        for (uid, where), targets in met.items():  # one cause, one finding: each place they meet
            if limit is not None:
                yield self._by_level(ctx, uid, targets, where, limit)
            else:
                yield self._inside_virksomhet(ctx, uid, targets, where)

    def _judged(self, ctx: Context) -> frozenset[str]:
        return virksomheter(ctx.graph, self.params.kinds, self.params.other_kinds)

    @staticmethod
    def _meetings(ctx: Context) -> Iterator[tuple[str, str, str]]:
        """(authority, supervised unit, their nearest common leader) where neither is inside the other."""
        graph = ctx.graph
        lines: dict[str, list[str]] = {}
        for uid, _pos, target in supervision(ctx):
            mine = lines.setdefault(uid, [uid, *graph.ancestors(uid)])
            theirs = lines.setdefault(target, [target, *graph.ancestors(target)])
            if uid in theirs or target in mine:
                continue  # one inside the other: OM240
            shared = set(theirs)
            common = next((a for a in mine if a in shared), None)
            if common is not None:
                yield uid, target, common

    def _inside_virksomhet(self, ctx: Context, uid: str, targets: list[str], inside: str) -> Diagnostic:
        """They meet inside the virksomhet ``inside``: at its leader, or at a unit inside it."""
        common = _nearest_common(ctx, uid, targets)
        if common == inside and inside in ctx.graph.top_areas:
            return self._in_own_area(ctx, uid, targets, inside)
        if common == inside:
            message = ngettext(
                "{unit} is {role} supervising {target}, but both are inside the virksomhet {common}, whose "
                "leader leads them both: supervision at arm's length keeps the authority out of the "
                "virksomhet it supervises",
                "{unit} is {role} supervising {target}, but they are all inside the virksomhet {common}, "
                "whose leader leads them all: supervision at arm's length keeps the authority out of the "
                "virksomhet it supervises",
                len(targets),
            )
        else:
            message = _(
                "{unit} is {role} supervising {target}, but they share a leader at {common}, inside the "
                "virksomhet {virksomhet}: supervision at arm's length keeps the authority out of the "
                "virksomhet it supervises"
            )
        above = ctx.graph.units[inside].parent
        if inside in ctx.graph.top_areas and above is not None:
            hint = _(
                "move the authority out of {common}: make it a unit of its own under {virksomhet}, beside "
                "{common}, or a staff function of {above}"
            ).format(common=common, virksomhet=inside, above=ctx.unit_label(above))
        elif above is not None and above in ctx.graph.units:
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
                target=words([ctx.unit_label(t) for t in targets], limit=4),
                common=ctx.unit_label(common),
                virksomhet=ctx.unit_label(inside),
            ),
            unit=uid,
            hint=hint,
            breach=inside,
        )

    def _in_own_area(self, ctx: Context, uid: str, targets: list[str], area: str) -> Diagnostic:
        """A virksomhet directly under the top unit is an area: its leader leading both is OM240's warning.

        In a small two-level kommune the virksomheter under the kommunedirektør
        are its areas (Teknisk, Oppvekst), as a kommunalsjef's area is in
        Drammen, where barnehagemyndighet sat in the kommunalsjef's staff beside
        the barnehager she leads (report p. 35). A leader who leads both the
        authority and what it supervises is judged as OM240 judges a leader
        supervising its own staff: lawful, habilitet weighed case by case
        (forvaltningsloven § 6), so a warning whose hint says how a kommune
        that keeps it records it.
        """
        top = ctx.graph.units[area].parent or area
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "parent"),
            ngettext(
                "{unit} is {role} supervising {target}, but both are inside {area}, a virksomhet directly "
                "under {top} and so an area of the kommune, whose leader leads them both (authority shall "
                "be kept apart from the services it supervises)",
                "{unit} is {role} supervising {target}, but they are all inside {area}, a virksomhet "
                "directly under {top} and so an area of the kommune, whose leader leads them all "
                "(authority shall be kept apart from the services it supervises)",
                len(targets),
            ).format(
                unit=ctx.unit_label(uid),
                role=role_words(ctx, uid),
                target=words([ctx.unit_label(t) for t in targets], limit=4),
                area=ctx.unit_label(area),
                top=ctx.unit_label(top),
            ),
            unit=uid,
            severity=Severity.WARNING if self.level is Severity.ERROR else self.level,
            hint=_(
                "make the authority a staff function of {top}, or a unit of its own beside {area}; a "
                "kommune that has decided to keep it so (habilitet is then weighed case by case, "
                "forvaltningsloven § 6) says it by a suppression with its reason"
            ).format(top=ctx.unit_label(top), area=area),
            breach=area,
        )

    def _by_level(self, ctx: Context, uid: str, targets: list[str], common: str, limit: int) -> Diagnostic:
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
                target=words([ctx.unit_label(t) for t in targets], limit=4),
                level=ctx.graph.units[common].level,
                common=ctx.unit_label(common),
                limit=limit,
            ),
            unit=uid,
            hint=_("move the authority up, as a staff function of a leader at or above level {limit}").format(
                limit=limit
            ),
            breach=targets[0],
        )


def _nearest_common(ctx: Context, uid: str, targets: list[str]) -> str:
    """The nearest leader the authority shares with every one of ``targets``."""
    shared = set.intersection(*({t, *ctx.graph.ancestors(t)} for t in targets))
    return next(a for a in ctx.graph.ancestors(uid) if a in shared)
