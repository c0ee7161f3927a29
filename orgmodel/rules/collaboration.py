"""OM277 collaboration-proximity: frequent collaborators in different lines meet (seeds 004, 000)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._vocab import forums_of, frequency_words, times_a_year


class CollaborationProximityParams(BaseModel):
    """Options of collaboration-proximity."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_per_year: int | None = Field(
        default=52,
        ge=1,
        description="collaborations this often a year or more need a shared site or forum (52 = weekly: a "
        "week counts 52 times a year, a month 12, a day 250 working days); unset: off. Source: seed 004 "
        "section 6 lists partners worked with daily or weekly ('Kommunalsjefene (ukentlig)', "
        "'Ledelsen (daglig)') beside those met a few times a year; seed 000 p. 20: services that work "
        "together are co-located",
    )


def _same_line(ctx: Context, a: str, b: str) -> bool:
    """One leads the other, or both report to the same leader (who meets them in her ledergruppe)."""
    units = ctx.graph.units
    if units[a].parent is not None and units[a].parent == units[b].parent:
        return True
    return a in ctx.graph.ancestors(b) or b in ctx.graph.ancestors(a)


@register
class CollaborationProximity(Rule[CollaborationProximityParams]):
    """Units that work together often, in different lines, share a site or a forum.

    Tønsberg/Re's service areas listed their collaboration partners with
    how often they work together, from a few times a year to "ukentlig" and
    "daglig" (seed 004, section 6: "HR (ukentlig)", "Ledelsen (daglig)");
    Drammen holds that services that work together shall be co-located
    ("Tjenester skal være samlokalisert", seed 000 p. 20). A collaboration
    under ``collaborations:`` at least ``min_per_year`` times a year
    (weekly by default) between units in different lines (neither leads the
    other and they have different leaders) needs a place to meet: a site
    both name under ``sites``, or a forum both chair or sit in. Otherwise it
    is reported at its ``between``. Collaborations without ``frequency``
    are not judged.

    Anti-pattern::

        collaborations:
          - {between: [virk-bibliotek, virk-skole-a], frequency: {times: 1, per: day}}
        # the library and the school have no site in common and meet in no forum

    Best practice::

        units:
          - {id: virk-bibliotek, ..., sites: [kp-nord]}
          - {id: virk-skole-a, ..., sites: [kp-nord]}
    """

    code = "OM277"
    name = "collaboration-proximity"
    severity = Severity.WARNING
    Params = CollaborationProximityParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.min_per_year
        if limit is None or not ctx.model.collaborations:
            return
        units, forums = ctx.graph.units, forums_of(ctx)
        for index, collab in enumerate(ctx.model.collaborations):
            if collab.frequency is None:
                continue
            often = times_a_year(collab.frequency.times, collab.frequency.per)
            parties = [uid for uid in dict.fromkeys(collab.between) if uid in units]
            if often < limit:
                continue
            apart = [
                (a, b)
                for i, a in enumerate(parties)
                for b in parties[i + 1 :]
                if not _same_line(ctx, a, b)
                and not set(units[a].sites) & set(units[b].sites)
                and not forums.get(a, set()) & forums.get(b, set())
            ]
            for a, b in apart:
                yield self.diagnostic(
                    ctx,
                    ("collaborations", index, "between"),
                    _(
                        "{a} and {b} work together {how} ({often} times a year) in different lines but "
                        "share no site and meet in no forum: frequent collaborators need a place to meet"
                    ).format(
                        a=ctx.unit_label(a),
                        b=ctx.unit_label(b),
                        how=frequency_words(collab.frequency.times, collab.frequency.per),
                        often=often,
                    ),
                    unit=a,
                    hint=_(
                        "name a site both work at under 'sites:', or a forum under 'forums:' with both as "
                        "members"
                    ),
                    breach=b,
                )
