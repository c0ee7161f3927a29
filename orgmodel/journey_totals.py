"""What a persona's journey adds up to: the units met, the saksbehandlere, the areas and the locality.

``orgmodel.journeys`` computes each need's step; this module sums them into ``Totals``,
which trace prints, stats tabulates, the diff compares and OM221/OM222 judge. Two
figures follow the principles the rules check, so the numbers and ``check`` agree:

- the saksbehandlere are the deciders of the categories persona-saksbehandler (OM220)
  counts (``helse-og-omsorg`` unless the ruleset says otherwise): NAV's sosialhjelp is
  another vedtak, shown apart, not a second saksbehandler (Drammen report p. 26);
- the locality verdict judges the ``local: true`` needs only, as local-service (OM202)
  and persona-local-needs (OM221) do; a need no unit delivers is said as such (OM223),
  apart from the needs met elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from orgmodel.journey_steps import NeedStep, Totals

SAKSBEHANDLER_CATEGORIES = ("helse-og-omsorg",)
"""The categories whose vedtak one unit grants, so each user meets one saksbehandler (Drammen report
p. 26, 29, 30, 49): persona-saksbehandler (OM220)'s default ``categories``."""


def saksbehandler_categories(rules: Mapping[str, Any]) -> tuple[str, ...]:
    """The categories persona-saksbehandler (OM220) counts in this run (its default where it does not run)."""
    rule = rules.get("OM220")
    if rule is None:
        return SAKSBEHANDLER_CATEGORIES
    return tuple(dict.fromkeys(getattr(rule.params, "categories", SAKSBEHANDLER_CATEGORIES)))


def totals(steps: Iterable[NeedStep], direktor_tier: bool, categories: tuple[str, ...]) -> Totals:
    """The journey's sums.

    Under direktører (``direktor_tier``) a unit right in a direktør area (a bydel with no kommunalsjef
    between) lies in no kommunalsjef area; without them the two lists are the same units, the areas
    under the top, whatever the persona meets (trace prints them once).
    """
    steps = list(steps)
    units: dict[str, None] = {}
    areas: dict[str, None] = {}
    direktors: dict[str, None] = {}
    for step in steps:
        met = ([step.provider] if step.provider else []) + list(step.deciders)
        for ref in met:
            units[ref.id] = None
            if ref.kommunalsjef and not (
                direktor_tier and ref.direktor and ref.kommunalsjef.id == ref.direktor.id
            ):
                areas[ref.kommunalsjef.id] = None
            if ref.direktor:
                direktors[ref.direktor.id] = None
    deciders = tuple(dict.fromkeys(ref.id for step in steps for ref in step.deciders))
    counted = set(categories)
    principle = (
        tuple(dict.fromkeys(r.id for s in steps if s.category in counted for r in s.deciders))
        if counted
        else deciders
    )
    away = tuple(s.service for s in steps if s.availability != "local")
    missing = tuple(s.service for s in steps if s.availability == "none" and not s.through_agreement)
    return Totals(
        units=tuple(units),
        saksbehandlere=deciders,
        kommunalsjef_areas=tuple(areas),
        direktor_areas=tuple(direktors),
        all_in_own_kommunedel=not away,
        local_needs_met=all(s.availability == "local" or s.through_agreement for s in steps if s.local),
        not_in_own_kommunedel=away,
        not_delivered=missing,
        local_not_met=tuple(
            s.service
            for s in steps
            if s.local and s.availability not in ("local", "none", "unknown") and not s.through_agreement
        ),
        saksbehandler_categories=categories,
        saksbehandlere_in_categories=principle,
        needs_in_categories=not counted or any(s.category in counted for s in steps),
        other_deciders=tuple(u for u in deciders if u not in principle),
    )


def met_elsewhere(found: Totals) -> tuple[str, ...]:
    """The needs met, but not in the persona's kommunedel: elsewhere, centrally or through an agreement.

    Neither a local need not met there nor a need nobody delivers: the totals name those apart.
    """
    apart = set(found.not_delivered) | set(found.local_not_met)
    return tuple(need for need in found.not_in_own_kommunedel if need not in apart)
