"""OM277 collaboration-proximity: frequent collaborators in different lines meet (seeds 004, 000)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import and_list
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import words
from orgmodel.rules._vocab import forums_of, frequency_words, in_tree
from orgmodel.schema_sections import AS_NEEDED, PER_YEAR, Frequency, times_a_year


class CollaborationProximityParams(BaseModel):
    """Options of collaboration-proximity."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_per_year: int | None = Field(
        default=52,
        ge=1,
        description="collaborations this often a year or more need a shared site or a shared forum that "
        "meets this often itself (52 = weekly: a week counts 52 times a year, a month 12, a day 250 working "
        "days); unset: not judged. Source: the "
        "Tønsberg/Re workshop "
        "section 6 lists partners worked with daily or weekly ('Kommunalsjefene (ukentlig)', "
        "'Ledelsen (daglig)') beside those met a few times a year; Drammen report p. 20: services that work "
        "together are co-located",
    )


def _same_line(ctx: Context, a: str, b: str) -> bool:
    """One leads the other, or both report to the same leader (who meets them in her ledergruppe)."""
    units = ctx.graph.units
    if units[a].parent is not None and units[a].parent == units[b].parent:
        return True
    return a in ctx.graph.ancestors(b) or b in ctx.graph.ancestors(a)


def _how_often(frequency: Frequency) -> str:
    """'once a week (52 times a year)'; a yearly frequency once: '100 times a year'."""
    how = frequency_words(frequency.times, frequency.per)
    if frequency.per == "year":
        return how
    often = times_a_year(frequency)
    return _("{how} ({often} times a year)").format(how=how, often=often)


def _rare_forums(ctx: Context, limit: int) -> dict[str, str]:
    """Forum id -> "'SLT-nettverk' (6 times a year)" for each forum meeting less than ``limit`` times a year.

    A forum that meets as needed (no fixed meetings) is one; a forum that does not say how
    often it meets is not (it may meet weekly: not stated is not judged as rare).
    """
    out: dict[str, str] = {}
    for forum in ctx.model.forums:
        frequency = forum.frequency
        if isinstance(frequency, Frequency):
            if frequency.times * PER_YEAR[frequency.per] < limit:
                how = frequency_words(frequency.times, frequency.per)
                out[forum.id] = _("'{name}' ({how})").format(name=forum.name, how=how)
        elif frequency == AS_NEEDED:
            out[forum.id] = _("'{name}' (as needed)").format(name=forum.name)
    return out


@register
class CollaborationProximity(Rule[CollaborationProximityParams]):
    """Units that work together often, in different lines, share a site or a forum.

    Tønsberg/Re's service areas listed their collaboration partners with
    how often they work together, from a few times a year to "ukentlig" and
    "daglig" (the Tønsberg/Re workshop, section 6: "HR (ukentlig)", "Ledelsen (daglig)");
    Drammen holds that services that work together shall be co-located
    ("Tjenester skal være samlokalisert", Drammen report p. 20) and places its
    units "for å skape lav terskel for samhandling ... også der samhandlende
    enheter er organisert under ulike kommunalsjefer" (p. 25). A
    collaboration under ``collaborations:`` at least ``min_per_year`` times
    a year (weekly by default) between units in different lines (neither
    leads the other and they have different leaders) needs a place to meet:
    a site both name under ``sites``, or a forum both chair or sit in that
    meets at least ``min_per_year`` times a year itself. Otherwise it is
    reported at its ``between``; when they share only rarer forums (an
    SLT-nettverk every other month for a collaboration three times a
    week), the message names them and how often they meet. A forum that
    does not say how often it meets counts (not stated is not judged as
    rare); one that meets ``as-needed`` does not. Collaborations without
    ``frequency``, or ``as-needed``, are not judged; a pair of units with
    several collaborations is judged once, at the first that is frequent
    enough.

    What the model does not say is not judged as missing. When it names
    sites for both units, or forums for both, and they share none, that is
    a warning for that pair. When it names neither (a workshop's list of
    partners, like the Tønsberg/Re workshop's, states how often, not where), the pairs have
    one cause: the model does not say where its units meet. They are
    reported together, once per model, at ``info`` severity like OM230's
    placeholder sites: how many pairs, the first three, at the first such
    collaboration, so the question stays visible until the design answers
    it. A pair the design then states for both units is judged on its own.

    Partners outside the organisation are not judged: the church, voluntary
    organisations and school bands that the Tønsberg/Re workshop section 6 lists beside
    the services ("Kirken", "Frivillighet", "Lag og foreninger, primært
    skolekorps"), written as units outside the personnel tree (a
    parentless ``kind: external`` or ``iks`` unit, or an agreement's unit).
    They are in no line of the municipality, and the design decides neither
    where they work nor whether they sit in its forums; Drammen report p. 25
    speaks of the municipality's own units under different kommunalsjefer.

    A unit listed twice under one collaboration's ``between`` is reported
    at its second listing, whatever ``min_per_year`` says: ``between:
    [virk-skole-a, virk-skole-a]`` is a unit working with itself, most
    likely a slip for its partner.

    Anti-pattern::

        collaborations:
          - {between: [virk-bibliotek, virk-skole-a], frequency: {times: 1, per: day}}
          - {between: [virk-skole-a, virk-skole-a], purpose: Leseløft}
        # the library works at kp-sentrum, the school at kp-nord, and no forum has both
        # (or only a forum that meets 4 times a year)

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
        yield from self._twice(ctx)
        limit = self.params.min_per_year
        if limit is None or not ctx.model.collaborations:
            return
        units, forums, tree = ctx.graph.units, forums_of(ctx), in_tree(ctx)
        rare = _rare_forums(ctx, limit)
        judged: set[frozenset[str]] = set()  # a pair with two collaborations is judged once, at the first
        unknown: list[tuple[int, str, str]] = []  # (collaboration, a, b): neither sites nor forums stated
        for index, collab in enumerate(ctx.model.collaborations):
            frequency = collab.frequency
            yearly = times_a_year(frequency)  # None: not stated, or as needed
            if not isinstance(frequency, Frequency) or yearly is None or yearly < limit:
                continue
            parties = [uid for uid in dict.fromkeys(collab.between) if uid in tree]
            for i, a in enumerate(parties):
                for b in parties[i + 1 :]:
                    if frozenset((a, b)) in judged:
                        continue
                    judged.add(frozenset((a, b)))
                    if _same_line(ctx, a, b) or set(units[a].sites) & set(units[b].sites):
                        continue
                    shared = forums.get(a, set()) & forums.get(b, set())
                    if shared - set(rare):
                        continue  # a forum both sit in that meets often enough (or says not how often)
                    if shared:
                        met = [rare[f] for f in rare if f in shared]  # in file order
                        yield self._rarely(ctx, (index, a, b), _how_often(frequency), met, limit)
                    elif (units[a].sites and units[b].sites) or (forums.get(a) and forums.get(b)):
                        yield self._apart(ctx, index, a, b, _how_often(frequency))
                    else:
                        unknown.append((index, a, b))
        if unknown:
            yield self._unknown(ctx, unknown, limit)

    def _twice(self, ctx: Context) -> Iterator[Diagnostic]:
        """Each unit listed twice in one collaboration's ``between``, once, at its second listing."""
        for index, collab in enumerate(ctx.model.collaborations):
            between = collab.between
            units = list(dict.fromkeys(between))
            if len(units) == len(between):
                continue  # none twice: nearly always
            alone = len(units) == 1
            seen: set[str] = set()
            reported: set[str] = set()
            for pos, uid in enumerate(between):
                if uid in seen and uid not in reported:
                    reported.add(uid)
                    message = (
                        _(
                            "the collaboration is between {unit} and itself: a collaboration is between "
                            "two or more units"
                        )
                        if alone
                        else _("{unit} is listed twice in the collaboration's 'between:'")
                        if between.count(uid) == 2
                        else _("{unit} is listed {n} times in the collaboration's 'between:'")
                    )
                    yield self.diagnostic(
                        ctx,
                        ("collaborations", index, "between", pos),
                        message.format(unit=ctx.unit_label(uid), n=between.count(uid)),
                        unit=uid,
                        hint=_("list each unit once, and the partners it works with"),
                        breach="twice:" + "+".join(sorted(units)),
                    )
                seen.add(uid)

    def _apart(self, ctx: Context, index: int, a: str, b: str, how: str) -> Diagnostic:
        """Sites (or forums) stated for both, none shared: a warning per pair."""
        return self.diagnostic(
            ctx,
            ("collaborations", index, "between"),
            _(
                "{a} and {b} work together {how} in different lines but share no site and meet in no "
                "forum: frequent collaborators need a place to meet"
            ).format(a=ctx.unit_label(a), b=ctx.unit_label(b), how=how),
            unit=a,
            hint=_(
                "name a site both work at under 'sites:', or a forum under 'forums:' with both as members"
            ),
            breach=b,
        )

    def _rarely(
        self, ctx: Context, pair: tuple[int, str, str], how: str, forums: list[str], limit: int
    ) -> Diagnostic:
        """A forum both sit in, but none that meets as often as they work together: a warning per pair."""
        index, a, b = pair
        return self.diagnostic(
            ctx,
            ("collaborations", index, "between"),
            _(
                "{a} and {b} work together {how} in different lines, share no site, and meet only in "
                "{forums}: frequent collaborators need a place to meet at least {limit} times a year"
            ).format(a=ctx.unit_label(a), b=ctx.unit_label(b), how=how, forums=and_list(forums), limit=limit),
            unit=a,
            hint=_(
                "name a site both work at under 'sites:', or a forum under 'forums:' with both as members "
                "that meets at least {limit} times a year"
            ).format(limit=limit),
            breach=b,
        )

    def _unknown(self, ctx: Context, unknown: list[tuple[int, str, str]], limit: int) -> Diagnostic:
        """One info per model: one cause (the model does not say where its units meet), one finding.

        Like OM230's placeholder sites: at the first such collaboration, naming
        the first pairs; its fingerprint is the rule and "meeting-place-unknown",
        so a diff shows the count change rather than findings new and resolved.
        """
        count = len(unknown)
        pairs = words([_("{a} with {b}").format(a=a, b=b) for _index, a, b in unknown], limit=3)
        return self.diagnostic(
            ctx,
            ("collaborations", unknown[0][0], "between"),
            ngettext(
                "{count} pair of units working together at least {limit} times a year in different lines "
                "has no known meeting place ({pairs}): the model names neither sites nor forums for both "
                "units, so whether they have a place to meet is unknown",
                "{count} pairs of units working together at least {limit} times a year in different lines "
                "have no known meeting place ({pairs}): the model names neither sites nor forums for both "
                "units of a pair, so whether they have a place to meet is unknown",
                count,
            ).format(count=count, limit=limit, pairs=pairs),
            severity=Severity.INFO,
            hint=_(
                "name under 'sites:' where each of these units works, or under 'forums:' the forum a pair "
                "meets in; a pair stated for both units is then judged on its own"
            ),
            breach="meeting-place-unknown",
        )
