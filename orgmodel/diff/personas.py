"""Each persona's route through a model: the units it meets and the units that decide its vedtak.

The route comes from the checked model's journeys (``orgmodel.journeys``,
what ``orgmodel trace`` prints): for each need, the providing unit the
persona meets, and for each vedtak need, the units that decide it. The diff
compares the contact units (one provider per need) and the deciding units
(one saksbehandler each) between two proposals.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgmodel.journeys import Journeys


@dataclass(frozen=True)
class Journey:
    """The contact units and deciding units one persona meets."""

    persona: str
    name: str
    contacts: tuple[str, ...]
    deciders: tuple[str, ...]


def routes(journeys: Journeys) -> dict[str, Journey]:
    """Every persona's contact units and deciding units, from the model's journeys."""
    out: dict[str, Journey] = {}
    for journey in journeys.all():
        contacts = tuple(dict.fromkeys(s.provider.id for s in journey.steps if s.provider is not None))
        out.setdefault(
            journey.persona, Journey(journey.persona, journey.name, contacts, journey.totals.saksbehandlere)
        )
    return out
