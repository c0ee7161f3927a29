"""OM271 leader-forum: every leader of leaders chairs a ledergruppe (Nordre Follo, Asker)."""

from __future__ import annotations

from collections.abc import Iterator

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
    its møteplasser at all). The finding sits at the unit's ``id``; when a
    forum of those kinds that another chairs holds more than half of the
    leaders under it (a ledergruppe written with a styrer or the HR
    director as ``chair``), at that forum's ``chair:``, since a second
    ledergruppe would meet them twice. A forum chaired by a leader above
    it (a kommunedirektør's lederteam of all leaders) is that leader's.

    The leaders under it sit in them: when every such forum a leader chairs
    writes its ``members``, a leader under it in none of them (a new school
    left out of the rektormøte), or all of them (``members: []``, or only a
    fagansvarlig: a forum in name only), is reported at the first forum's
    ``members``, naming them; members from elsewhere (a styrer from another
    area) are no fault. Leaders of staff and support units (``role: staff``
    or ``support``: a kommuneadvokat or a communications office beside
    Asker's top team, which LOS pkt. 2 makes the direktører and
    kommunalsjefer alone) need not be members, unless every leader under
    the chair leads one (a stabsdirektør's ledergruppe); a message that
    leaves them out counts "the leaders of non-staff units" under it. A
    forum that does not write ``members`` is not judged on them: who sits
    in it is unknown.

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
            theirs = _chaired_by_another(ctx, uid, _lines(ctx, leaders), forums, leader_of)
            if theirs is not None:
                yield self._other_chair(ctx, uid, leaders, *theirs)
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
        lines = _lines(ctx, leaders)
        missing = [leader for leader in lines if leader not in met]
        if not missing:
            return
        forum = chaired[0]
        index = ctx.model.forums.index(forum)
        shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
        named = forum_label(forum.name, forum.id)
        if len(lines) < len(leaders):  # the count says which leaders: those of the units that are no staff
            message = _hollow_of_lines(ctx.unit_label(uid), named, len(missing), len(lines), shown)
        elif len(missing) == len(leaders):
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

    def _other_chair(self, ctx: Context, uid: str, leaders: list[str], forum: Forum, held: int) -> Diagnostic:
        """The leader's own ledergruppe, written with another chair: the finding at its ``chair:``."""
        index = ctx.model.forums.index(forum)
        chair = forum.chair or ""
        titles = {p.id: p.title for p in ctx.model.positions}
        who = ctx.unit_label(chair) if chair in ctx.graph.units else f"'{titles.get(chair, chair)}' ({chair})"
        lines = _lines(ctx, leaders)
        words = {"forum": forum_label(forum.name, forum.id), "unit": ctx.unit_label(uid), "chair": who}
        if held == len(lines):
            message = _(
                "{forum} holds the leaders under {unit}, but {chair} chairs it, not {unit}: a leader of "
                "leaders chairs the forum where she meets them"
            )
        elif len(lines) < len(leaders):
            message = _(
                "{forum} holds {n} of the {total} leaders of non-staff units under {unit}, but {chair} "
                "chairs it, not {unit}: a leader of leaders chairs the forum where she meets them"
            )
        else:
            message = _(
                "{forum} holds {n} of the {total} leaders under {unit}, but {chair} chairs it, not {unit}: "
                "a leader of leaders chairs the forum where she meets them"
            )
        return self.diagnostic(
            ctx,
            item_loc(ctx, "forums", index, "chair"),
            message.format(**words, n=held, total=len(lines)),
            unit=uid,
            hint=_(
                "write 'chair: {id}' if it is the {kind} of {unit}; a second {kind} would meet them twice"
            ).format(id=uid, kind=forum.kind, unit=ctx.unit_label(uid)),
        )


def _lines(ctx: Context, leaders: list[str]) -> list[str]:
    """The leaders a ledergruppe holds: those of units that are no staff or support, or all when all are."""
    lines = [leader for leader in leaders if ctx.graph.units[leader].role not in STAFF_ROLES]
    return lines or leaders


def _chaired_by_another(
    ctx: Context, uid: str, lines: list[str], forums: list[Forum], leader_of: dict[str, str]
) -> tuple[Forum, int] | None:
    """The forum, chaired by another, that holds most of ``lines`` (as chair or member), and how many.

    More than half of them: a ledergruppe written with the wrong chair, perhaps also missing a
    new school, is still theirs. The first of those that holds the most. A forum chaired by a
    leader above ``uid`` is that leader's (a kommunedirektør's lederteam of all leaders) and not
    counted; nor is one chaired by ``uid`` itself (the caller's case).
    """
    above = set(ctx.graph.ancestors(uid))
    wanted = set(lines)
    best: tuple[Forum, int] | None = None
    for forum in forums:
        chair = leader_of.get(forum.chair or "", forum.chair)
        if chair == uid or chair in above:
            continue
        held = len(wanted & {leader_of.get(ref, ref) for ref in [forum.chair or "", *forum.members]})
        if 2 * held > len(wanted) and (best is None or held > best[1]):
            best = (forum, held)
    return best


def _hollow_of_lines(unit: str, forum: str, missing: int, total: int, ids: str) -> str:
    """OM271's message on a forum missing leaders, when the leaders of staff units are not counted."""
    if missing == total:
        return ngettext(
            "{unit} chairs {forum}, but the {n} leader of a non-staff unit under it is not among its "
            "members: a leader of leaders meets them there",
            "{unit} chairs {forum}, but none of the {n} leaders of non-staff units under it is among its "
            "members: a leader of leaders meets them there",
            total,
        ).format(unit=unit, forum=forum, n=total)
    return ngettext(
        "{unit} chairs {forum}, but {n} of the {total} leaders of non-staff units under it is in none of "
        "the forums it chairs ({ids}): a leader of leaders meets them all",
        "{unit} chairs {forum}, but {n} of the {total} leaders of non-staff units under it are in none of "
        "the forums it chairs ({ids}): a leader of leaders meets them all",
        missing,
    ).format(unit=unit, forum=forum, n=missing, total=total, ids=ids)
