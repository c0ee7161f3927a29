"""The personas table of ``orgmodel stats``: contacts, saksbehandlere and who decides the other vedtak.

The saksbehandlere are counted as persona-saksbehandler (OM220) counts them, in its
categories (``helse-og-omsorg`` unless the ruleset says otherwise): NAV's sosialhjelp is
decided too, but by no saksbehandler the principle counts, so it has a column of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgmodel.formatters.cells import Name, Names, Table, one
from orgmodel.i18n import _

if TYPE_CHECKING:
    from orgmodel.stats.result import ModelStats, PersonaContacts


def persona_table(result: ModelStats) -> Table:
    """Per persona: contacts, the saksbehandlere the principle counts, and (where any) other vedtak."""
    categories = next((p.saksbehandler_categories for p in result.personas), ())
    counted = (
        _("saksbehandlere ({categories})").format(categories=", ".join(categories))
        if categories
        else _("saksbehandlere")
    )
    header = (_("persona"), _("name"), _("kommunedel"), _("contacts"), counted, _("who decides"))
    places = {kd.id: kd.name for kd in result.coverage.kommunedeler}
    rows = [
        (
            p.id,
            Name(p.name),
            one(p.kommunedel, places.get(p.kommunedel or "")),
            len(p.contacts),
            len(p.saksbehandlere_in_categories),
            _named(p, p.saksbehandlere_in_categories),
            _named(p, p.other_deciders),
        )
        for p in result.personas
    ]
    title = _("Personas: contacts and saksbehandlere")
    if any(p.other_deciders for p in result.personas):  # NAV's sosialhjelp: a vedtak the principle leaves out
        return Table("personas", title, (*header, _("other vedtak")), tuple(rows))
    return Table("personas", title, header, tuple(row[:-1] for row in rows))


def _named(persona: PersonaContacts, ids: tuple[str, ...]) -> Names:
    """Those of the persona's deciding units, by name (by id for CSV)."""
    return Names(tuple(n for n in persona.named_saksbehandlere if n.id in ids))
