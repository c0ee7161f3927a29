"""OM271 leader-forum and OM272 forum-terms: the møteplasser a proposal describes (Nordre Follo)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import item_loc
from orgmodel.rules._vocab import forum_label, in_tree, standing_for
from orgmodel.schema_sections import Forum

STAFF_ROLES = ("staff", "support")
"""Roles of units whose leaders a ledergruppe need not hold (they may meet their leader alone)."""


class LeaderForumParams(BaseModel):
    """Options of leader-forum."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[str] = Field(
        default_factory=list,
        description="the forum kinds a leader of leaders chairs (ledergruppe, lederteam); empty: off. No "
        "source makes it a rule for every municipality: the Nordre Follo workbook (p. 22) asks each "
        "proposal to "
        "describe its ledergrupper/lederteam, and Asker LOS (pkt. 2) names the rådmann's and each "
        "virksomhetsleder's ledergruppe",
    )
    top_team_exempt: bool = Field(
        default=False,
        description="a member of such a forum the top unit chairs (the top team) needs none of its own: "
        "Asker LOS pkt. 2 puts the kommunalsjefer in 'rådmannens ledergruppe' and names no ledergruppe of "
        "theirs; false by default, as the Nordre Follo workbook asks every kommunalsjef to describe hers",
    )


@register
class LeaderForum(Rule[LeaderForumParams]):
    """Every leader of leaders chairs a ledergruppe or lederteam.

    Nordre Follo's template for proposals (the Nordre Follo workbook, p. 22, MØTEPLASSER)
    asks every kommunalsjef and stabsleder to describe "hvilke
    ledergrupper/lederteam" are set up; Asker's two fullmaktsnivåer are
    "rådmannens ledergruppe" and "virksomhetsleders ledergruppe" (Asker LOS,
    Organisering pkt. 2). A unit in the personnel tree with leaders under it
    (a unit whose ``parent`` it is) is a leader of leaders; it chairs
    (``chair:``) a forum of one of the ``kinds``, or, with ``top_team_exempt``,
    sits in one the top unit chairs (Asker's kommunalsjefer in rådmannens
    ledergruppe). An ``utvidet-ledergruppe`` counts only when the ruleset
    names that kind: a virksomhetsleder widened into the rådmann's group
    still chairs a ledergruppe of her own. Off until a ruleset names the
    kinds; a model without ``forums:`` is not judged (it does not describe
    its møteplasser at all). The finding sits at the unit's ``id``.

    The leaders under it sit in them: when every such forum a leader chairs
    writes its ``members``, a leader under it in none of them (a new school
    left out of the rektormøte), or all of them (``members: []``, or only a
    fagansvarlig: a forum in name only), is reported at the first forum's
    ``members``, naming them; members from elsewhere (a styrer from another
    area) are no fault. Leaders of staff and support units (``role: staff``
    or ``support``: a kommuneadvokat or a communications office beside
    Asker's top team, which LOS pkt. 2 makes the direktører and
    kommunalsjefer alone) need not be members, unless every leader under
    the chair leads one (a stabsdirektør's ledergruppe). A forum that does
    not write ``members`` is not judged on them: who sits in it is unknown.

    A position with personnel responsibility (``personnel: true``) stands
    for its unit's leader, as a forum's chair or member (a kommunalsjef's
    post chairing her ledergruppe).

    Anti-pattern (kinds [ledergruppe, lederteam])::

        units:
          - {id: ks-oppvekst, name: Oppvekst, level: 2, parent: radmann, ...}
          - {id: virk-skole-a, name: Skole A, level: 3, parent: ks-oppvekst, ...}
        forums: []                      # the kommunalsjef meets her virksomhetsledere nowhere

    Best practice::

        forums:
          - {id: lg-oppvekst, name: Kommunalsjefens ledergruppe oppvekst, kind: ledergruppe,
             chair: ks-oppvekst, members: [virk-skole-a], frequency: {times: 2, per: month},
             mandate: "Samordning, budsjett og tjenesteutvikling i oppvekst"}
    """

    code = "OM271"
    name = "leader-forum"
    severity = Severity.WARNING
    Params = LeaderForumParams
    waits_for = ("kinds",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        kinds = set(self.params.kinds)
        if not kinds or not ctx.model.forums:
            return
        tree = in_tree(ctx)
        forums = [f for f in ctx.model.forums if f.chair is not None and f.kind in kinds]
        # a position with personnel responsibility stands for its unit's leader (a kommunalsjef's post)
        leader_of = standing_for(ctx)
        chair_of = {f.id: leader_of.get(f.chair or "", f.chair) for f in forums}
        chairs = set(chair_of.values())
        # with top_team_exempt: a member of a forum the top unit chairs (a kommunalsjef in rådmannens
        # ledergruppe) needs none of her own, and is not judged on the one she has
        top = ctx.graph.top
        exempt = self.params.top_team_exempt
        seated = (
            {leader_of.get(m, m) for f in forums if chair_of[f.id] == top for m in f.members}
            if exempt
            else set()
        )
        wanted = "/".join(sorted(kinds))
        for uid in ctx.graph.units:
            leaders = [child for child in ctx.graph.children[uid] if child in tree]
            if uid not in tree or not leaders or uid in seated:
                continue
            if uid in chairs:
                chaired = [f for f in forums if chair_of[f.id] == uid]
                yield from self._hollow(ctx, uid, leaders, chaired, leader_of)
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid),
                ngettext(
                    "{unit} leads {n} leader but chairs no {kinds}: a leader of leaders meets them in a "
                    "forum with a frequency and a mandate",
                    "{unit} leads {n} leaders but chairs no {kinds}: a leader of leaders meets them in a "
                    "forum with a frequency and a mandate",
                    len(leaders),
                ).format(unit=ctx.unit_label(uid), n=len(leaders), kinds=wanted),
                unit=uid,
                hint=_("add a forum under 'forums:' with 'kind: {kind}' and 'chair: {id}'").format(
                    kind=sorted(kinds)[0], id=uid
                ),
            )

    def _hollow(
        self, ctx: Context, uid: str, leaders: list[str], chaired: list[Forum], leader_of: dict[str, str]
    ) -> Iterator[Diagnostic]:
        """A leader who chairs such forums that all name their members, none of its own leaders among them.

        A ledergruppe whose ``members`` are written but hold none of the leaders under its chair
        (``members: []``, or only staff positions) is a forum in name: the leader still meets them
        nowhere. Forums that do not write ``members`` are not judged (who sits in them is unknown).
        """
        if any("members" not in f.model_fields_set for f in chaired):
            return
        met = {leader_of.get(m, m) for f in chaired for m in f.members}
        # leaders of staff and support units (a kommuneadvokat beside the top team) may stay outside
        lines = [leader for leader in leaders if ctx.graph.units[leader].role not in STAFF_ROLES]
        leaders = lines or leaders
        missing = [leader for leader in leaders if leader not in met]
        if not missing:
            return
        forum = chaired[0]
        index = ctx.model.forums.index(forum)
        shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
        named = forum_label(forum.name, forum.id)
        if len(missing) == len(leaders):
            message = ngettext(
                "{unit} chairs {forum}, but the {n} leader under it is not among its members: a leader of "
                "leaders meets them there",
                "{unit} chairs {forum}, but none of the {n} leaders under it is among its members: a leader "
                "of leaders meets them there",
                len(leaders),
            ).format(unit=ctx.unit_label(uid), forum=named, n=len(leaders))
        else:  # some of them: the others meet their leader in no forum
            message = ngettext(
                "{unit} chairs {forum}, but {n} of the {total} leaders under it is in none of the forums it "
                "chairs ({ids}): a leader of leaders meets them all",
                "{unit} chairs {forum}, but {n} of the {total} leaders under it are in none of the forums it "
                "chairs ({ids}): a leader of leaders meets them all",
                len(missing),
            ).format(unit=ctx.unit_label(uid), forum=named, n=len(missing), total=len(leaders), ids=shown)
        yield self.diagnostic(
            ctx,
            item_loc(ctx, "forums", index, "members"),
            message,
            unit=uid,
            hint=_("list them under 'members:' ({ids})").format(ids=shown),
            breach=f"members:{forum.id}",
        )


class ForumTermsParams(BaseModel):
    """Options of forum-terms."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    require: list[Literal["frequency", "mandate"]] = Field(
        default_factory=list,
        description="what every forum names: frequency, mandate or both; empty: not judged. Seed 003 "
        "(Nordre Follo, p. 22) asks both of a proposal written on its template; Drammen's report names its "
        "ledergrupper and faglige nettverk without them (p. 34-35, 70), so no default",
    )


@register
class ForumTerms(Rule[ForumTermsParams]):
    """Every forum names how often it meets and its mandate, and each member once.

    Nordre Follo's template (p. 22, MØTEPLASSER) asks for each
    møteplass "hvor ofte de bør møtes, og myndighet/roller/mandat for den
    enkelte møteplass". A forum under ``forums:`` without a key the
    ruleset ``require``s (``frequency``, ``mandate``) is reported at its
    ``id``, once, naming what is missing. Not judged until a ruleset adopts
    the template: a report that does not state them (Drammen's names its
    ledergrupper and faglige nettverk without either) is not wrong.

    A unit or position listed twice under a forum's ``members`` is
    reported at its second listing, whatever ``require`` says; so is a
    unit listed beside the position with personnel responsibility that
    leads it (one person twice). The chair
    listed among the members is no fault: many proposals write the group
    out in full.

    Anti-pattern (require [frequency, mandate])::

        forums:
          - {id: nettverk-demens, name: Faglig nettverk demens, kind: nettverk, chair: fa-demens,
             members: [virk-hjemme-nord, virk-hjemme-sor, virk-hjemme-nord]}

    Best practice::

        forums:
          - {id: nettverk-demens, name: Faglig nettverk demens, kind: nettverk, chair: fa-demens,
             frequency: {times: 1, per: month}, mandate: "Felles metode og fagutvikling i demensomsorgen"}
    """

    code = "OM272"
    name = "forum-terms"
    severity = Severity.WARNING
    Params = ForumTermsParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, forum in enumerate(ctx.model.forums):
            yield from self._twice(ctx, index, forum)
        required = set(self.params.require)
        if not required:
            return
        for index, forum in enumerate(ctx.model.forums):
            keys = ", ".join(
                f"'{key}:'"
                for key, value in (("frequency", forum.frequency), ("mandate", forum.mandate))
                if key in required and value is None
            )
            if not keys:
                continue
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "forums", index),
                _(
                    "{forum} has no {keys}: a proposal describes for each møteplass how often it meets and "
                    "its mandate"
                ).format(forum=forum_label(forum.name, forum.id), keys=keys),
                unit=forum.id,
                hint=_("add {keys} to the forum").format(keys=keys),
            )

    def _twice(self, ctx: Context, index: int, forum: Forum) -> Iterator[Diagnostic]:
        """Each person listed more than once in ``members``, once, at the second listing.

        A position with personnel responsibility stands for its unit's leader: the unit and that
        position listed together are one person twice.
        """
        leader_of = standing_for(ctx)
        person = [leader_of.get(ref, ref) for ref in forum.members]
        if len(set(person)) == len(person):
            return
        first: dict[str, str] = {}
        reported: set[str] = set()
        for pos, ref in enumerate(forum.members):
            who = person[pos]
            if who in first and who not in reported:
                reported.add(who)
                yield self._listed_again(ctx, index, forum, pos, ref, first[who])
            first.setdefault(who, ref)

    def _listed_again(
        self, ctx: Context, index: int, forum: Forum, pos: int, ref: str, earlier: str
    ) -> Diagnostic:
        if ref == earlier:
            count = forum.members.count(ref)
            message = (
                _("'{ref}' is listed twice among the members of {forum}")
                if count == 2
                else _("'{ref}' is listed {n} times among the members of {forum}")
            ).format(ref=ref, n=count, forum=forum_label(forum.name, forum.id))
        else:
            message = _(
                "'{ref}' and '{earlier}' are one person among the members of {forum}: a position with "
                "personnel responsibility stands for its unit's leader"
            ).format(ref=ref, earlier=earlier, forum=forum_label(forum.name, forum.id))
        return self.diagnostic(
            ctx,
            ("forums", index, "members", pos),
            message,
            unit=forum.id,
            hint=_("list each member of the forum once"),
            breach=f"members-twice:{ref}",
        )
