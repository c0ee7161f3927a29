"""Each persona's route through a model: the units it meets and the units that decide its vedtak.

The route comes from the checked model's journeys (``orgmodel.journeys``,
what ``orgmodel trace`` prints): for each need, the providing unit the
persona meets, and for each vedtak need, the units that decide it. The diff
compares the units met (providers and deciders: trace's "units met" and
stats' "contacts", so the three agree) and the deciding units (one
saksbehandler each) between two proposals.

Where several units could meet a need in the persona's kommunedel (two
home-care districts both serving it), trace names one of them ("by
Omsorgstjenester Bragernes ... or Omsorgstjenester Øren"). Which one is not
part of the design: when NEW names another of the same units, the persona
meets the one OLD named (``unswapped``), so a file whose units were only
reordered shows no change.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgmodel.diff.matching import Matching
from orgmodel.journeys import Journeys


@dataclass(frozen=True)
class Journey:
    """The units one persona meets, and those of them that decide its vedtak."""

    persona: str
    name: str
    contacts: tuple[str, ...]
    """Every unit met: each need's provider and each vedtak's deciders, as ``orgmodel trace`` counts them."""
    deciders: tuple[str, ...]
    choices: tuple[tuple[str, str, frozenset[str]], ...] = ()
    """Each need with several possible providers: the need, the one trace names, and all of them."""


def routes(journeys: Journeys) -> dict[str, Journey]:
    """Every persona's units met and deciding units, from the model's journeys."""
    out: dict[str, Journey] = {}
    for journey in journeys.all():
        if journey.persona in out:
            continue
        totals = journey.totals
        kd = journey.kommunedel.id if journey.kommunedel is not None else None
        choices = tuple(
            (s.service, s.provider.id, frozenset(journeys.candidates(s.service, kd)[1]))
            for s in journey.steps
            if s.provider is not None and s.alternatives
        )
        out[journey.persona] = Journey(
            journey.persona, journey.name, totals.units, totals.saksbehandlere, choices
        )
    return out


def unswapped(was: Journey, now: Journey, m: Matching) -> list[str]:
    """NEW's units met, where NEW names another of the units that could meet a need in both: OLD's one.

    A unit NEW's persona meets for another reason too (another need, a vedtak) stays.
    """
    before = {need: (m.mapped(p), {m.mapped(u) for u in units}) for need, p, units in was.choices}
    swap: dict[str, str] = {}
    for need, picked, units in now.choices:
        old_pick, old_units = before.get(need, (picked, set()))
        if old_pick != picked and old_pick in units and picked in old_units:
            swap[picked] = old_pick
    if not swap:
        return list(now.contacts)
    kept = {p for need, p, _units in now.choices if p not in swap} | set(now.deciders)
    single = {p for _need, p, _units in now.choices}
    kept |= {u for u in now.contacts if u not in single}  # providers of needs with one provider
    return list(dict.fromkeys(u if u in kept else swap.get(u, u) for u in now.contacts))
