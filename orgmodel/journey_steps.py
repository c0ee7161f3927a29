"""The plain data of a persona's journey: frozen dataclasses the rules, the diff, trace and stats read.

``orgmodel.journeys`` computes them (and re-exports every name here); they
convert to plain data with ``Journey.to_dict`` for JSON output and for
comparing one persona's journey between two proposals.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from orgmodel.journey_forums import ForumRef

Availability = Literal["local", "central", "elsewhere", "none", "unknown"]


@dataclass(frozen=True)
class Place:
    """A kommunedel."""

    id: str
    name: str
    number: int | None


@dataclass(frozen=True)
class SiteRef:
    """A site a unit works at."""

    id: str
    name: str
    kind: str | None
    kommunedel: str | None


@dataclass(frozen=True)
class AgreementRef:
    """An agreement a service is delivered through (an IKS, a vertskommune, a partnerskap)."""

    id: str
    name: str
    kind: str | None


@dataclass(frozen=True)
class Leader:
    """A unit above another: its id, name and leader role."""

    id: str
    name: str
    leader: str | None


@dataclass(frozen=True)
class UnitRef:
    """A unit the persona meets, placed in the organisation."""

    id: str
    name: str
    level: int
    kind: str | None
    kommunedeler: tuple[str, ...]
    sites: tuple[SiteRef, ...]
    kommunalsjef: Leader | None
    direktor: Leader | None
    place_inherited_from: Leader | None = None
    """The unit above whose place (``sites``, else ``kommunedeler``) is shown, where the unit names
    neither itself: it works where that leader works, as the rules read it (OM202), not where the model
    says; None where the unit names its own place, or none is known."""
    outside: bool = False
    """The unit is outside the kommune's own organisation (an IKS, a private provider, ``kind: external``)."""


@dataclass(frozen=True)
class NeedStep:
    """One need of the persona and how the organisation meets it."""

    service: str
    name: str
    category: str | None
    vedtak: bool
    local: bool
    availability: Availability
    provider: UnitRef | None
    alternatives: tuple[UnitRef, ...]
    more_alternatives: int
    deciders: tuple[UnitRef, ...]
    deciders_elsewhere: tuple[str, ...] = ()
    """Units that decide the need only for other kommunedeler (ids): none of them decides it here."""
    decider_alternatives: tuple[UnitRef, ...] = ()
    """The units one of which would decide instead of ``deciders`` (then one unit): the user meets one.

    Units that each deliver what they decide (schools deciding spesialundervisning)
    decide for those they serve: ``deciders`` is the persona's provider. District
    offices that each decide for their own, non-overlapping kommunedeler give a
    persona who names no kommunedel one of them: the one she already meets, else
    the first in the file.
    """
    agreements: tuple[AgreementRef, ...] = ()
    """Agreements listing the need under ``services``: it is delivered through them (as OM223 reads it)."""
    unkept: tuple[AgreementRef, ...] = ()
    """Agreements listing the need though none of their units delivers it (OM279): not delivered through
    them, whatever they say."""
    decided_by_host: tuple[AgreementRef, ...] = ()
    """Where no unit of the model decides the need: the agreements whose host, another kommune, grants it
    (an administrativt vertskommunesamarbeid; OM211 reads it so)."""
    served_from: tuple[str, ...] = ()
    """Where the provider serves the persona's kommunedel without a site in it: the kommunedeler of its
    sites (ids), from where it comes (a home-care base in the next kommunedel); else empty."""

    @property
    def through_agreement(self) -> bool:
        """Whether an agreement lists the need and no unit of the kommune's own organisation delivers it.

        No unit delivers it, or the provider is outside the organisation (an IKS, the vertskommune).
        The whole kommune is party to the agreement, so the need counts as met wherever the persona
        lives, as local-service (OM202) and persona-unmet-need (OM223) read it.
        """
        if not self.agreements:
            return False
        outside = self.provider is None or self.provider.direktor is None
        return self.availability == "none" or (outside and self.availability in ("central", "elsewhere"))


@dataclass(frozen=True)
class Totals:
    """What the whole journey adds up to."""

    units: tuple[str, ...]
    saksbehandlere: tuple[str, ...]
    """Every unit that decides a vedtak the persona needs, whatever its category (NAV's sosialhjelp too);
    the principle's figure is ``saksbehandlere_in_categories``."""
    kommunalsjef_areas: tuple[str, ...]
    direktor_areas: tuple[str, ...]
    all_in_own_kommunedel: bool
    local_needs_met: bool
    not_in_own_kommunedel: tuple[str, ...]
    """Every need not met by a unit working in the persona's kommunedel: the two below, and the needs met
    elsewhere, centrally or through an agreement."""
    not_delivered: tuple[str, ...] = ()
    """The needs no unit delivers and no agreement lists: the persona cannot get them at all (OM223)."""
    local_not_met: tuple[str, ...] = ()
    """The ``local: true`` needs delivered, but not in the persona's kommunedel (nor through an agreement)."""
    saksbehandler_categories: tuple[str, ...] = ()
    """The service categories whose deciders count as the persona's saksbehandlere: persona-saksbehandler
    (OM220)'s ``categories`` in the ruleset in use (``helse-og-omsorg`` by default)."""
    saksbehandlere_in_categories: tuple[str, ...] = ()
    """The units that decide the persona's needs in those categories: the figure the principle judges
    (one saksbehandler per user). Every deciding unit where no category is given."""
    needs_in_categories: bool = True
    """Whether the persona needs a service of ``saksbehandler_categories`` (any need, where there are
    none): a VA customer needs none, so it has no saksbehandlere to count (trace and diff leave it out)."""
    other_deciders: tuple[str, ...] = ()
    """The units that decide the persona's other vedtak only (NAV's sosialhjelp), in no such category."""


@dataclass(frozen=True)
class Journey:
    """A persona's journey through one model."""

    persona: str
    name: str
    kommunedel: Place | None
    steps: tuple[NeedStep, ...]
    totals: Totals
    forums: tuple[ForumRef, ...] = ()
    places: tuple[Place, ...] = ()
    """The kommunedeler the units of the journey work in, by id, name and number (for their names)."""
    whole_kommune: bool = False
    """The model has no kommunedeler: the whole kommune is one place, where the persona lives (a need a
    unit of the kommune's own organisation delivers is met there, ``local``)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data (dicts, lists, text, numbers) for JSON output and for comparing two proposals."""
        plain: dict[str, Any] = _plain(asdict(self))
        return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
