"""OM272 forum-terms: the møteplasser a proposal describes, with frequency and mandate (Nordre Follo)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import item_loc
from orgmodel.rules._vocab import forum_label, standing_for
from orgmodel.schema_sections import Forum


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
    ledergrupper and faglige nettverk without either) is not wrong. A
    forum with no fixed meetings, one that meets "ved behov" (a
    kriseteam), writes ``frequency: as-needed``: that states how often.

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
