"""The report's account of what a proposal describes beside its chart: ansvar, møteplasser, stillinger.

Nordre Follo's template (p. 21-22) asks a proposal to describe, besides its leader levels,
what each unit answers for (ANSVAR) and its meeting forums (MØTEPLASSER) with how often they meet
and their mandate; Drammen report p. 58 and 70 add the positions that are not units (fagansvarlige,
digital agents). The model holds them as ``responsibility``, ``forums`` and ``positions``; these
tables put them in the document a planner hands on. A table the model gives nothing for is left
out, and so is the whole section when the model states none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgmodel.formatters.cells import CellValue, Name, Names, one, shown
from orgmodel.formatters.stats_tables import Table
from orgmodel.i18n import _, decimal, long_date, month_year

if TYPE_CHECKING:
    from orgmodel.schema import OrgModel
    from orgmodel.schema_period import Period
    from orgmodel.schema_sections import Forum


def design_tables(model: OrgModel) -> list[Table]:
    """The units' responsibilities, the forums and the positions, each when the model states any."""
    names = {unit.id: unit.name for unit in model.units}
    names.update({position.id: position.title for position in model.positions})
    out = []
    answering = [unit for unit in model.units if unit.responsibility]
    if answering:
        units = tuple(
            (Name(u.name), Name(u.leader) if u.leader else None, u.level, u.responsibility) for u in answering
        )
        heads = (_("unit"), _("leader"), _("level"), _("responsibility (ansvar)"))
        out.append(Table("responsibilities", _("What each unit answers for"), heads, units))
    if model.forums:
        out.append(_forums(model, names))
    if model.positions:
        rows: tuple[tuple[CellValue, ...], ...] = tuple(
            (
                Name(p.title),
                _one(p.unit, names),
                p.fte,
                _("yes") if p.personnel else _("no"),
                _one(p.professional_to, names),
            )
            for p in model.positions
        )
        header = (
            _("position"),
            _("unit"),
            _("fte"),
            _("personnel responsibility"),
            _("reports professionally to"),
        )
        out.append(Table("positions", _("Positions that are not units"), header, rows))
    return out


def _forums(model: OrgModel, names: dict[str, str]) -> Table:
    from orgmodel.journey_forums import how_often

    rows = tuple(
        (
            Name(f.name),
            f.kind,
            _one(f.chair, names),
            _listed(f.members, names) or _members_unwritten(f),
            how_often(f.frequency),
            f.mandate,
        )
        for f in model.forums
    )
    header = (_("forum"), _("kind"), _("chair"), _("members"), _("how often"), _("mandate"))
    return Table("forums", _("Forums (møteplasser)"), header, rows)


def _members_unwritten(forum: Forum) -> str | None:
    """An empty ``members`` list the model writes ('nobody'), else None (not stated: shown as '–')."""
    return _("nobody") if "members" in forum.model_fields_set else None


def arrangement_tables(model: OrgModel) -> list[Table]:
    """Collaborations, agreements and projects, each when the model states any (seeds 000-004).

    What politicians decide beside the chart: the vertskommune and partnerskap agreements, the
    projects with their trepartssamarbeid, and who works together how often.
    """
    names = {unit.id: unit.name for unit in model.units}
    names.update({position.id: position.title for position in model.positions})
    out = []
    if model.collaborations:
        out.append(_collaborations(model, names))
    if model.agreements:
        out.append(_agreements(model, names))
    if model.projects:
        out.append(_projects(model, names))
    return out


def _listed(ids: list[str], known: dict[str, str]) -> Names | None:
    """Things of the model by name (their ids on hover), or None for none."""
    from orgmodel.stats.result import Named

    return Names(tuple(Named(i, known.get(i, i)) for i in dict.fromkeys(ids))) if ids else None


def _one(ident: str | None, known: dict[str, str]) -> Names | None:
    return one(ident, known.get(ident or "", ident))


def _collaborations(model: OrgModel, names: dict[str, str]) -> Table:
    from orgmodel.hints import and_list
    from orgmodel.journey_forums import how_often

    rows: tuple[tuple[CellValue, ...], ...] = tuple(
        (
            and_list([shown(names.get(u, u)) for u in c.between]),
            how_often(c.frequency),
            c.purpose,
        )
        for c in model.collaborations
    )
    header = (_("who works together"), _("how often"), _("purpose"))
    return Table("collaborations", _("Collaborations (samarbeid)"), header, rows)


def _agreements(model: OrgModel, names: dict[str, str]) -> Table:
    services = {service.id: service.name for service in model.services}
    rows: tuple[tuple[CellValue, ...], ...] = tuple(
        (
            Name(a.name),
            a.kind,
            ", ".join(_party(model, party) for party in a.parties) or None,
            _party(model, a.host) if a.host else None,
            _listed(a.units, names),
            _listed(a.services, services),
        )
        for a in model.agreements
    )
    header = (_("agreement"), _("kind"), _("parties"), _("host"), _("units"), _("services"))
    return Table("agreements", _("Agreements (IKS, vertskommune, partnerskap)"), header, rows)


def _party(model: OrgModel, party: str) -> str:
    """A party of an agreement for people: the model's own kommune by name ('Drammen (3005)').

    Another kommunenummer is said to be one; a named body is shown as written.
    """
    if party == model.kommunenummer:
        # Translators: the model's own municipality among an agreement's parties: "Drammen (3005)"
        return _("{kommune} ({kommunenummer})").format(kommune=shown(model.kommune), kommunenummer=party)
    if len(party) == 4 and party.isascii() and party.isdigit():
        # Translators: another municipality among an agreement's parties, known only by its number
        return _("kommunenummer {kommunenummer}").format(kommunenummer=party)
    return shown(party)


def _period(period: Period) -> str:
    """When a project ends, as precisely as the plan says: '31 December 2021', 'December 2011', '2011'."""
    if period.first == period.last:
        return long_date(period.first)
    if period.first.month == period.last.month:
        return month_year(period.first)
    return str(period.first.year)


def _projects(model: OrgModel, names: dict[str, str]) -> Table:
    from orgmodel.schema_sections import PARTY_WORDS

    projects = {p.id: p.name for p in model.projects}
    rows: tuple[tuple[CellValue, ...], ...] = tuple(
        (
            Name(p.name),
            _one(p.part_of, projects),
            _one(p.owner, names),
            _one(p.leader, names),
            _listed(p.steering_group, names),
            ", ".join(_(PARTY_WORDS[side]) for side in p.parties) or None,
            _period(p.ends) if p.ends else None,
            _one(p.hands_over_to, names),
        )
        for p in model.projects
    )
    header = (
        _("project"),
        _("part of"),
        _("owner (prosjekteier)"),
        _("prosjektleder"),
        _("steering group"),
        _("parties (trepartssamarbeid)"),
        _("ends"),
        _("hands over to"),
    )
    return Table("projects", _("Projects"), header, rows)


def consideration_table(model: OrgModel) -> Table | None:
    """The hensyn by rank with their weight and the proposal's own score (None without any).

    The weighted score is the diff's scorecard's: of every hensyn, or, with some unscored, the
    weighted mean of those scored, marked '8 of 9 scored'.
    """
    if not model.considerations:
        return None
    from orgmodel.diff.measures import weighted_score, weights
    from orgmodel.formatters.diff_common import partial_score

    weight = weights(model.considerations)
    ordered = sorted(model.considerations, key=lambda c: (c.rank, c.id))
    rows: tuple[tuple[CellValue, ...], ...] = tuple(
        (c.rank, Name(c.name), decimal(weight[c.id], ".2f"), model.scores.get(c.id)) for c in ordered
    )
    total, partial = weighted_score(model.scores, weight)
    if total is not None:
        rows += ((None, _("weighted score"), None, decimal(total, ".2f")),)
    elif partial is not None:
        rows += ((None, _("weighted score"), None, partial_score(partial)),)
    header = (_("rank"), _("hensyn"), _("weight"), _("the proposal's score (1-5)"))
    note = _("weight = n + 1 - rank, normalised, as 'orgmodel diff' uses it when two proposals are compared")
    if partial is not None:
        note = _(
            "weight = n + 1 - rank, normalised, as 'orgmodel diff' uses it when two proposals are compared; "
            "with a hensyn unscored, the weighted score is the weighted mean of the scores given (their "
            "weights normalised anew to add up to 1)"
        )
    return Table("considerations", _("Hensyn (considerations) and the proposal's scores"), header, rows, note)
