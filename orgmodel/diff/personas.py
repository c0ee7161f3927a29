"""Each persona's route through a model: the units it meets and the units that decide its vedtak.

The route comes from the checked model's journeys (``orgmodel.journeys``,
what ``orgmodel trace`` prints): for each need, the providing unit the
persona meets, and for each vedtak need, the units that decide it. The diff
compares the units met (providers and deciders: trace's "units met" and
stats' "contacts", so the three agree) and the deciding units (one
saksbehandler each) between two proposals.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgmodel.journeys import Journeys


@dataclass(frozen=True)
class Journey:
    """The units one persona meets, and those of them that decide its vedtak."""

    persona: str
    name: str
    contacts: tuple[str, ...]
    """Every unit met: each need's provider and each vedtak's deciders, as ``orgmodel trace`` counts them."""
    deciders: tuple[str, ...]


def routes(journeys: Journeys) -> dict[str, Journey]:
    """Every persona's units met and deciding units, from the model's journeys."""
    out: dict[str, Journey] = {}
    for journey in journeys.all():
        totals = journey.totals
        out.setdefault(
            journey.persona, Journey(journey.persona, journey.name, totals.units, totals.saksbehandlere)
        )
    return out
