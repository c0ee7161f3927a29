"""Helpers shared by the rules on issue 15's vocabulary: forums, positions, collaborations, agreements.

Not a rule module: it registers nothing. Everything here is O(n) in the
model and is built once per rule run.
"""

from __future__ import annotations

from orgmodel.i18n import N_, _, ngettext
from orgmodel.rule import Context
from orgmodel.rules._outside import outside
from orgmodel.schema_sections import PER_YEAR, Agreement

LEADER_FORUMS = frozenset({"ledergruppe", "lederteam"})
_PERIOD_WORDS = {"day": N_("a day"), "week": N_("a week"), "month": N_("a month"), "year": N_("a year")}


def times_a_year(times: int, per: str) -> int:
    """A frequency as meetings a year: 1 per week is 52, 2 per month 24, 1 per day 250 (working days)."""
    return times * PER_YEAR[per]


def frequency_words(times: int, per: str) -> str:
    """'once a week', '10 times a year' (nb 'én gang i uken', '10 ganger i året')."""
    if times == 1:  # its own message: 'once' and 'én gang' name no number
        return _("once {per}").format(per=_(_PERIOD_WORDS[per]))
    # Translators: times is never 1 here ('once {per}' is said apart)
    return ngettext("{times} time {per}", "{times} times {per}", times).format(
        times=times, per=_(_PERIOD_WORDS[per])
    )


def agreement_services(ctx: Context) -> dict[str, list[str]]:
    """Service id -> the ids of the agreements (IKS, vertskommune, partnerskap) it is delivered through."""
    out: dict[str, list[str]] = {}
    for agreement in ctx.model.agreements:
        for service in agreement.services:
            out.setdefault(service, []).append(agreement.id)
    return out


def forum_label(name: str, forum_id: str) -> str:
    """How a forum is named in messages."""
    return _("the forum '{name}' ({id})").format(name=name, id=forum_id)


def forums_of(ctx: Context) -> dict[str, set[str]]:
    """Unit or position id -> the ids of the forums it chairs or sits in."""
    out: dict[str, set[str]] = {}
    for forum in ctx.model.forums:
        for ref in [*([forum.chair] if forum.chair else []), *forum.members]:
            out.setdefault(ref, set()).add(forum.id)
    return out


def standing_for(ctx: Context) -> dict[str, str]:
    """Position id -> its unit, for each position with personnel responsibility.

    Such a post stands for its unit's leader as a forum's chair or member (a kommunalsjef's post
    chairing her ledergruppe); look a chair or member up with ``.get(ref, ref)``.
    """
    return {p.id: p.unit for p in ctx.model.positions if p.personnel and p.unit}


def in_tree(ctx: Context) -> set[str]:
    """The units of the personnel tree: every unit but those outside it (an IKS, an agreement's units)."""
    out = outside(ctx.graph)
    return {uid for uid in ctx.graph.units if uid not in out}


_KIND_WORDS = {
    "iks": N_("the IKS agreement"),
    "vertskommune": N_("the vertskommune agreement"),
    "partnerskap": N_("the partnership"),
    "samarbeidsavtale": N_("the cooperation agreement"),
}


def agreement_label(agreement: Agreement) -> str:
    """How an agreement is named in messages: its kind, name and id."""
    kind = _(_KIND_WORDS.get(agreement.kind or "", N_("the agreement")))
    return _("{kind} '{name}' ({id})").format(kind=kind, name=agreement.name, id=agreement.id)
