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

from orgmodel.formatters.stats_tables import CellValue, Table
from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.schema import OrgModel
    from orgmodel.schema_sections import Forum


def design_tables(model: OrgModel) -> list[Table]:
    """The units' responsibilities, the forums and the positions, each when the model states any."""
    names = {unit.id: unit.name for unit in model.units}
    names.update({position.id: position.title for position in model.positions})
    out = []
    answering = [unit for unit in model.units if unit.responsibility]
    if answering:
        units = tuple((u.name, u.leader, u.level, u.responsibility) for u in answering)
        heads = (_("unit"), _("leader"), _("level"), _("responsibility (ansvar)"))
        out.append(Table("responsibilities", _("What each unit answers for"), heads, units))
    if model.forums:
        out.append(_forums(model, names))
    if model.positions:
        rows: tuple[tuple[CellValue, ...], ...] = tuple(
            (
                p.title,
                names.get(p.unit, p.unit) if p.unit else None,
                p.fte,
                _("yes") if p.personnel else _("no"),
                names.get(p.professional_to, p.professional_to) if p.professional_to else None,
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
    from orgmodel.journey_forums import frequency_text

    rows = tuple(
        (
            f.name,
            f.kind,
            names.get(f.chair, f.chair) if f.chair else None,
            ", ".join(names.get(m, m) for m in f.members) or _members_unwritten(f),
            frequency_text(f.frequency.times, f.frequency.per) if f.frequency else None,
            f.mandate,
        )
        for f in model.forums
    )
    header = (_("forum"), _("kind"), _("chair"), _("members"), _("how often"), _("mandate"))
    return Table("forums", _("Forums (møteplasser)"), header, rows)


def _members_unwritten(forum: Forum) -> str | None:
    """An empty ``members`` list the model writes ('nobody'), else None (not stated: shown as '–')."""
    return _("nobody") if "members" in forum.model_fields_set else None
