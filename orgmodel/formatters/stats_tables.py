"""The figures of ``orgmodel stats`` as titled tables of plain cells, shared by text, Markdown and CSV.

A cell is text (a label, or a ``Name`` from the model), a number, ``Names``
(units, forums, kommunedeler: their names for people, their ids for CSV) or
None (nothing to show: no leader of that kind, no staff stated); each format
escapes it for its medium (``orgmodel.formatters.cells``). Each table keeps
the order of ``ModelStats``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from orgmodel.formatters.cells import AVAILABILITY, CellValue, Name, Names, Table, one
from orgmodel.formatters.stats_personas import persona_table
from orgmodel.i18n import N_, _, decimal, ngettext, number
from orgmodel.schema_unit import ROLE_WORDS

if TYPE_CHECKING:
    from orgmodel.stats.result import Group, LeaderForums, ModelStats, ServiceShare, SpanGroup, Summary

__all__ = ["AVAILABILITY", "CellValue", "Name", "Names", "Table", "summary_lines", "tables"]

ROLE_LABELS = {  # shown with _()
    "top": N_("top (own team)"),
    "leaders_of_leaders": N_("leaders of leaders"),
    "first_line": N_("first-line leaders"),
}
ROLE_ONE = {  # one leader's row (tour L: 'førstelinjeledere' on each single row)
    "top": N_("top (own team)"),
    "leaders_of_leaders": N_("leader of leaders"),
    "first_line": N_("first-line leader"),
}


def _labels(key: str, name: str) -> tuple[str, str]:
    """The key and name a table shows for a group: translated for a row that is no part of the model.

    Such a row's (key, name) are the words ``orgmodel.stats.result`` gives it (JSON writes them as
    they are, and CSV keeps the key in its "row" column: ``Table.keys``).
    """
    from orgmodel.stats.result import CENTRAL, NO_ROLE, TOP_AREA

    labels = {
        # Translators: the direktørområde of the units above every direktørområde (the organisation's top)
        (TOP_AREA, TOP_AREA): (N_("(top)"), N_("(top)")),
        # Translators: the role of the units with no role, on themselves or on a leader above them
        (NO_ROLE, NO_ROLE): (N_("not stated"), N_("not stated")),
        # Translators: the row of the units placed in no kommunedel, in the table of units per kommunedel
        CENTRAL: (N_("central"), N_("placed in no kommunedel")),
    }
    found = labels.get((key, name))
    return (_(found[0]), _(found[1])) if found is not None else (key, Name(name))


def _area_words(direktor_tier: bool) -> tuple[str, str]:
    """The heading and column of the table per area under the top (direktørområder where they lead areas)."""
    if direktor_tier:
        return _("People per direktørområde"), _("direktørområde")
    return _("People per area under the top"), _("area under the top")


def summary_lines(result: ModelStats) -> list[tuple[str, CellValue]]:
    """The headline figures: label and value."""
    graph = result.graph
    return [
        # units cut off by a circle of personnel lines are in no figure: say so where they are left out
        (
            _("units in the tree from the top")
            if graph.unreachable
            else _("units in the basisorganisasjon")
            if result.outside
            else _("units"),
            result.units,
        ),
        # Translators: the longest chain of personnel lines from the top unit (stats' depth, "4")
        (_("steps from the top down to the lowest unit (the longest chain of personnel lines)"), graph.depth),
        (_("units whose staff is not stated"), result.staff_missing),
        (
            _("units outside the basisorganisasjon (an IKS, a company, a partner in an agreement)"),
            result.outside,
        ),
        # Translators: the weakly connected parts of the personnel graph ("1" for one organisation)
        (
            _(
                "separate hierarchies of personnel lines (1 when every unit has a line up to the same top; "
                "an IKS outside the organisation counts as one more)"
            ),
            graph.components,
        ),
        (_("units cut off from the top"), graph.unreachable),
        (_("professional lines"), graph.professional_lines),
    ]


def _groups(key: str, title: str, first: str, groups: tuple[Group, ...], *, named: bool = True) -> Table:
    header = (
        (first, _("name"), _("units"), _("people"), _("staff not stated"))
        if named
        else (first, _("units"), _("people"), _("staff not stated"))
    )
    shown = [_labels(g.key, g.name) for g in groups]
    rows = tuple(
        (label, name, g.units, g.people, g.staff_missing)
        if named
        else (label, g.units, g.people, g.staff_missing)
        for g, (label, name) in zip(groups, shown, strict=True)
    )
    return Table(key, title, header, rows, keys=tuple(g.key for g in groups))


def _stats(summary: Summary) -> tuple[CellValue, ...]:
    return (summary.min, summary.median, summary.max)


def _spans(key: str, title: str, first: str, groups: tuple[SpanGroup, ...], labels: dict[str, str]) -> Table:
    header = (
        first,
        _("leaders"),
        _("units led min"),
        _("median"),
        _("max"),
        _("span min"),
        _("median"),
        _("max"),
        _("span not stated"),
    )
    rows = tuple(
        (labels.get(g.key, g.key), g.leaders, *_stats(g.units_led), *_stats(g.span), g.span_unknown)
        for g in groups
    )
    return Table(key, title, header, rows)


def tables(result: ModelStats) -> list[Table]:
    """Every table of the figures, in the order the text and Markdown show them."""
    return [*_structure_tables(result), *_vocabulary_tables(result), *_place_tables(result)]


def _structure_tables(result: ModelStats) -> list[Table]:
    """Levels, spans and people: the shape of the organisation."""
    spans, share, roles = result.spans, result.share, result.roles
    return [
        _groups("levels", _("Levels: units and people per level"), _("level"), result.levels, named=False),
        _spans(
            "span-by-role",
            # Translators: the leaders as rule OM120 sorts them: the top, leaders of leaders, first line
            _("Span of control by kind of leader (as rule OM120 sorts the leaders)"),
            _("kind of leader"),
            spans.by_role,
            {key: _(label) for key, label in ROLE_LABELS.items()},
        ),
        _spans("span-by-level", _("Span of control by level"), _("level"), spans.by_level, {}),
        Table(
            "span-buckets",
            _("Span buckets: leaders per bucket"),
            (_("bucket"), _("by span"), _("by units led")),
            tuple((b.label, b.span, b.units_led) for b in spans.buckets),
            note=_("by span counts only the leaders whose staff is stated ({n} without)").format(
                n=number(spans.span_unknown)
            ),
        ),
        _outside(result),
        _groups("direktor-areas", *_area_words(result.direktor_tier), result.direktor_areas),
        _roles(roles),
        Table(
            "service-share",
            _("Service vs staff and support"),
            (_("measure"), _("service"), _("staff and support"), _("service share")),
            (
                (_("units"), share.service_units, share.staff_support_units, _percent(share.unit_share)),
                (_("people"), share.service_people, share.staff_support_people, _percent(share.people_share)),
            ),
            note=_share_note(share),
        ),
    ]


def _roles(roles: tuple[Group, ...]) -> Table:
    """People per role: the role in words first (in the reader's language), then its key in the model."""
    header = (_("role"), _("key in the model"), _("units"), _("people"), _("staff not stated"))
    rows = tuple(
        (
            _(ROLE_WORDS[g.key]) if g.key in ROLE_WORDS else _labels(g.key, g.name)[1],
            g.key if g.key in ROLE_WORDS else None,
            g.units,
            g.people,
            g.staff_missing,
        )
        for g in roles
    )
    title = _("People per role (own role, else the nearest leader's)")
    return Table("roles", title, header, rows, keys=tuple(g.key for g in roles))


def _share_note(share: ServiceShare) -> str:
    """What the share counts, and the units it leaves out (no role of their own or of a leader above)."""
    # Translators: provider, authority, appeals, staff and support are the keys of 'role:' in a model
    note = _(
        "service: units that provide services, exercise authority or handle appeals (role provider, "
        "authority, appeals in the model), and units with no role that deliver services (or lie below "
        "one that does); staff and support: staff and support units (role staff, support); the people "
        "share needs staff stated on every unit of both sides"
    )
    if share.not_stated:
        left = ngettext(
            "{n} unit with no role (its own or a leader's) is on neither side",
            "{n} units with no role (their own or a leader's) are on neither side",
            share.not_stated,
        ).format(n=number(share.not_stated))
        note = f"{note}; {left}"
    return note


def _vocabulary_tables(result: ModelStats) -> list[Table]:
    """Årsverk and budget per direktørområde, forums per leader: only when the model states them."""
    from orgmodel.i18n import _

    out: list[Table] = []
    if result.resources:
        tier = result.direktor_tier
        header = (
            _("direktørområde") if tier else _("area under the top"),
            _("name"),
            _("units"),
            _("fte"),
            _("fte not stated"),
            _("budget (NOK)"),
        )
        out.append(
            Table(
                "resources",
                _("Årsverk (fte) and annual budget per direktørområde")
                if tier
                else _("Årsverk (fte) and annual budget per area under the top"),
                (*header, _("budget not stated")),
                tuple(
                    (*_labels(r.key, r.name), r.units, r.fte, r.fte_missing, r.budget_nok, r.budget_missing)
                    for r in result.resources
                ),
                note=_(
                    "sums of the units that state fte or budget_nok; the others are counted as not stated"
                ),
                keys=tuple(r.key for r in result.resources),
            )
        )
    if result.forums:
        out.append(
            Table(
                "forums-per-leader",
                _("Forums per leader (møteplasser chaired and attended)"),
                (_("unit"), _("name"), _("chairs"), _("member of"), _("forums")),
                tuple(
                    (f.unit, Name(f.name), len(f.chairs), len(f.member_of), _forum_names(f))
                    for f in result.forums
                ),
                note=_forum_note(result.forums),
            )
        )
    return out


def _place_tables(result: ModelStats) -> list[Table]:
    """Kommunedeler, local-service coverage, hubs and personas: where the organisation meets people."""
    return [
        replace(
            _groups(
                "kommunedeler",
                _("Units per kommunedel (own places, else the leader's, never the top unit's)"),
                _("kommunedel"),
                result.kommunedeler,
            ),
            note=_(
                "a unit that serves several kommunedeler is counted in each, so the rows can add up to "
                "more than the model's units and people"
            ),
        ),
        _coverage(result),
        Table(
            "hubs",
            _("Hubs (knutepunkt sites) per kommunedel"),
            (_("kommunedel"), _("site"), _("name"), _("units"), _("co-located units")),
            tuple(
                (_place(result, h.kommunedel), h.site.id, Name(h.site.name), len(h.units), Names(h.units))
                for h in result.hubs
            ),
            note=_hub_note(result),
        ),
        persona_table(result),
    ]


def _forum_note(rows: tuple[LeaderForums, ...]) -> str | None:
    """Which rows are positions, not units: a fagansvarlig who chairs an oppgaveteam."""
    ids = [f.unit for f in rows if f.kind == "position"]
    if not ids:
        return None
    return ngettext(
        "{ids} is a position, not a unit: it chairs a forum, so it is listed by its title",
        "{ids} are positions, not units: they chair forums, so they are listed by their titles",
        len(ids),
    ).format(ids=", ".join(ids))


def _hub_note(result: ModelStats) -> str | None:
    """Which kommunedeler have no knutepunkt; a model naming none says so once.

    Asker's lokalsentre are no knutepunkter: ten "no knutepunkt in ..." read as a list of defects.
    """
    if not result.without_hub:
        return None
    if not result.hubs:
        return _("the model names no knutepunkt site (a site with 'kind: knutepunkt')")
    return _("no knutepunkt in {kommunedeler}").format(
        kommunedeler=", ".join(_kommunedel_names(result, result.without_hub))
    )


def _forum_names(leader: LeaderForums) -> Names:
    """The forums a leader chairs or sits in, each once: their names (ids for CSV)."""
    return Names(leader.named_forums)


def _place(result: ModelStats, kommunedel: str | None) -> Names | None:
    """A kommunedel of the model by its name (its id for CSV)."""
    names = {kd.id: kd.name for kd in result.coverage.kommunedeler}
    return one(kommunedel, names.get(kommunedel or ""))


def _kommunedel_names(result: ModelStats, ids: tuple[str, ...]) -> list[str]:
    from orgmodel.formatters.cells import shown

    names = {kd.id: kd.name for kd in result.coverage.kommunedeler}
    return [shown(names.get(kd, kd)) for kd in ids]


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{decimal(value * 100, '.1f')} %"


def _outside(result: ModelStats) -> Table:
    found = result.spans.outside_limits
    header = (_("unit"), _("name"), _("role"), _("level"), _("severity"), _("finding"))
    if found is None:
        return Table(
            "outside-limits",
            _("Leaders outside the span limits"),
            header,
            (),
            note=_("span-of-control is off in this ruleset: no limits to compare with"),
        )
    rows = tuple(
        (
            o.unit,
            Name(o.name),
            _(ROLE_ONE[o.role]) if o.role in ROLE_ONE else o.role,
            o.level,
            # Translators: a span finding silenced in the model by a suppression; {severity} is e.g. warning
            _("{severity} (suppressed)").format(severity=_(o.severity)) if o.suppressed else _(o.severity),
            o.message,
        )
        for o in found
    )
    unknown = result.spans.span_unknown
    note = None
    if unknown and not rows:
        # Translators: the stats and the report's note under an empty table of span findings
        note = ngettext(
            "none found, but the span of {n} leader is unknown (no staff stated): only the units they "
            "lead were compared with the upper limits",
            "none found, but the spans of {n} leaders are unknown (no staff stated): only the units they "
            "lead were compared with the upper limits",
            unknown,
        ).format(n=number(unknown))
    title = _("Leaders outside the span limits (OM120 of the ruleset)")
    return Table("outside-limits", title, header, rows, note=note)


def _coverage(result: ModelStats) -> Table:
    """One row per kommunedel, one column per local service: the providers, or how it is missing."""
    coverage = result.coverage
    cells = {(c.kommunedel, c.service): c for c in coverage.cells}
    rows = []
    for kd in coverage.kommunedeler:
        row: list[CellValue] = [one(kd.id, kd.name)]
        for service in coverage.services:
            cell = cells[(kd.id, service.id)]
            where = _(AVAILABILITY.get(cell.availability, cell.availability))
            if cell.availability == "local":
                row.append(Names(cell.named_units))
            else:
                # Translators: a cell of the coverage table: how a service comes from outside, then its units
                row.append(
                    Names(cell.named_units, _("{where}: ").format(where=where)) if cell.units else where
                )
        rows.append(tuple(row))
    return Table(
        "coverage",
        _("Local services per kommunedel (who delivers)"),
        (_("kommunedel"), *(Name(s.name) for s in coverage.services)),
        tuple(rows),
        note=_("a unit: delivered in the kommunedel; central/elsewhere: from outside it; none: nobody"),
        column_keys=(_("kommunedel"), *(s.id for s in coverage.services)),
    )
