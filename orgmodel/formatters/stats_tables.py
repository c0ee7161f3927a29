"""The figures of ``orgmodel stats`` as titled tables of plain cells, shared by text, Markdown and CSV.

A cell is text (a name or id from the model, escaped by each format for
its medium), a number, or None (nothing to show: no leader of that kind, no
staff stated). Each table keeps the order of ``ModelStats``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgmodel.stats.result import Group, ModelStats, SpanGroup, Summary

CellValue = str | int | float | None

ROLE_LABELS = {
    "top": "top (own team)",
    "leaders_of_leaders": "leaders of leaders",
    "first_line": "first-line leaders",
}


@dataclass(frozen=True)
class Table:
    """One titled table: a header row and the rows, the first cell of each row its key."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    note: str | None = None


def summary_lines(result: ModelStats) -> list[tuple[str, CellValue]]:
    """The headline figures: label and value."""
    graph = result.graph
    return [
        ("units", result.units),
        ("personnel depth (lines from the top)", graph.depth),
        ("units without staff (not stated)", result.staff_missing),
        ("units outside the basisorganisasjon (iks, external)", result.outside),
        ("parts of the personnel graph", graph.components),
        ("units cut off from the top", graph.unreachable),
        ("professional lines", graph.professional_lines),
    ]


def _groups(key: str, title: str, first: str, groups: tuple[Group, ...], *, named: bool = True) -> Table:
    header = (
        (first, "name", "units", "people", "staff not stated")
        if named
        else (first, "units", "people", "staff not stated")
    )
    rows = tuple(
        (g.key, g.name, g.units, g.people, g.staff_missing)
        if named
        else (g.key, g.units, g.people, g.staff_missing)
        for g in groups
    )
    return Table(key, title, header, rows)


def _stats(summary: Summary) -> tuple[CellValue, ...]:
    return (summary.min, summary.median, summary.max)


def _spans(key: str, title: str, first: str, groups: tuple[SpanGroup, ...], labels: dict[str, str]) -> Table:
    header = (
        first,
        "leaders",
        "units led min",
        "median",
        "max",
        "span min",
        "median",
        "max",
        "span not stated",
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
    spans, share = result.spans, result.share
    return [
        _groups("levels", "Levels: units and people per level", "level", result.levels, named=False),
        _spans(
            "span-by-role",
            "Span of control by role (span-of-control's roles)",
            "role",
            spans.by_role,
            ROLE_LABELS,
        ),
        _spans("span-by-level", "Span of control by level", "level", spans.by_level, {}),
        Table(
            "span-buckets",
            "Span buckets: leaders per bucket",
            ("bucket", "by span", "by units led"),
            tuple((b.label, b.span, b.units_led) for b in spans.buckets),
            note=f"by span counts only the leaders whose staff is stated ({spans.span_unknown} without)",
        ),
        _outside(result),
        _groups("direktor-areas", "People per direktørområde", "direktørområde", result.direktor_areas),
        _groups(
            "roles",
            "People per role (own role, else the nearest leader's)",
            "role",
            result.roles,
            named=False,
        ),
        Table(
            "service-share",
            "Service vs staff and support",
            ("measure", "service", "staff and support", "service share"),
            (
                ("units", share.service_units, share.staff_support_units, _percent(share.unit_share)),
                ("people", None, None, _percent(share.people_share)),
            ),
            note="service: provider, authority, appeals; staff and support: staff, support; "
            "the people share needs staff stated on every unit of both sides",
        ),
    ]


def _vocabulary_tables(result: ModelStats) -> list[Table]:
    """Årsverk and budget per direktørområde, forums per leader: only when the model states them."""
    from orgmodel.i18n import _

    out: list[Table] = []
    if result.resources:
        header = (
            _("direktørområde"),
            _("name"),
            _("units"),
            _("fte"),
            _("fte not stated"),
            _("budget (NOK)"),
        )
        out.append(
            Table(
                "resources",
                _("Årsverk (fte) and annual budget per direktørområde"),
                (*header, _("budget not stated")),
                tuple(
                    (r.key, r.name, r.units, r.fte, r.fte_missing, r.budget_nok, r.budget_missing)
                    for r in result.resources
                ),
                note=_(
                    "sums of the units that state fte or budget_nok; the others are counted as not stated"
                ),
            )
        )
    if result.forums:
        out.append(
            Table(
                "forums-per-leader",
                _("Forums per leader (møteplasser chaired and attended)"),
                (_("unit"), _("name"), _("chairs"), _("member of"), _("forums")),
                tuple(
                    (
                        f.unit,
                        f.name,
                        len(f.chairs),
                        len(f.member_of),
                        ", ".join(dict.fromkeys(f.chairs + f.member_of)),
                    )
                    for f in result.forums
                ),
            )
        )
    return out


def _place_tables(result: ModelStats) -> list[Table]:
    """Kommunedeler, local-service coverage, hubs and personas: where the organisation meets people."""
    return [
        _groups(
            "kommunedeler",
            "Units per kommunedel (own places, else the leader's)",
            "kommunedel",
            result.kommunedeler,
        ),
        _coverage(result),
        Table(
            "hubs",
            "Hubs (knutepunkt sites) per kommunedel",
            ("kommunedel", "site", "name", "units", "co-located units"),
            tuple(
                (h.kommunedel, h.site.id, h.site.name, len(h.units), ", ".join(u.id for u in h.units))
                for h in result.hubs
            ),
            note=f"no knutepunkt in {', '.join(result.without_hub)}" if result.without_hub else None,
        ),
        Table(
            "personas",
            "Personas: contacts and saksbehandlere",
            ("persona", "kommunedel", "contacts", "saksbehandlere", "who decides"),
            tuple(
                (p.id, p.kommunedel, len(p.contacts), len(p.saksbehandlere), ", ".join(p.saksbehandlere))
                for p in result.personas
            ),
        ),
    ]


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{value * 100:.1f} %"


def _outside(result: ModelStats) -> Table:
    found = result.spans.outside_limits
    header = ("unit", "name", "role", "level", "severity", "finding")
    if found is None:
        return Table(
            "outside-limits",
            "Leaders outside the span limits",
            header,
            (),
            note="span-of-control is off in this ruleset: no limits to compare with",
        )
    rows = tuple(
        (o.unit, o.name, ROLE_LABELS.get(o.role, o.role), o.level, o.severity, o.message) for o in found
    )
    return Table("outside-limits", "Leaders outside the span limits (OM120 of the ruleset)", header, rows)


def _coverage(result: ModelStats) -> Table:
    """One row per kommunedel, one column per local service: the providers, or how it is missing."""
    coverage = result.coverage
    cells = {(c.kommunedel, c.service): c for c in coverage.cells}
    rows = []
    for kd in coverage.kommunedeler:
        row: list[CellValue] = [kd.id]
        for service in coverage.services:
            cell = cells[(kd.id, service.id)]
            units = ", ".join(cell.units)
            row.append(
                units if cell.availability == "local" else f"{cell.availability}: {units}".rstrip(": ")
            )
        rows.append(tuple(row))
    return Table(
        "coverage",
        "Local services per kommunedel (who delivers)",
        ("kommunedel", *(s.id for s in coverage.services)),
        tuple(rows),
        note="a unit id: delivered in the kommunedel; central/elsewhere: from outside it; none: nobody",
    )
