"""The typed result of ``orgmodel stats``: plain frozen dataclasses that every format renders.

Counts of people are leaders plus the ``staff`` a model states. A unit
without ``staff`` is "not stated": it adds its leader and nothing else, and
every row that sums people says in ``staff_missing`` how many of its units
lack the number, so a total is never silently too low.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SERVICE_ROLES = frozenset({"provider", "authority", "appeals"})
"""Roles that serve or decide for inhabitants: the service side of the service vs staff share."""
STAFF_ROLES = frozenset({"staff", "support"})
"""Roles that serve the organisation itself (stab and støtte)."""

TOP_AREA = "(top)"
"""The key and name of the direktørområde row of the units above every direktørområde."""
NO_ROLE = "not stated"
"""The key of the role row of the units with no ``role``, on themselves or a leader above them."""
CENTRAL = ("central", "placed in no kommunedel")
"""The key and name of the kommunedel row of the units placed in no kommunedel."""


@dataclass(frozen=True)
class Group:
    """Units and people in one group (a level, a direktørområde, a role, a kommunedel)."""

    key: str
    name: str
    units: int
    people: int
    """Leaders plus the staff stated; units in ``staff_missing`` add their leader only."""
    staff_missing: int
    """Units of the group without ``staff`` (not stated, never counted as 0)."""


@dataclass(frozen=True)
class Summary:
    """Minimum, median and maximum of some numbers (None for each when there are none)."""

    count: int
    min: int | None
    median: float | None
    max: int | None


@dataclass(frozen=True)
class SpanGroup:
    """The spans of control of the leaders of one role or one level."""

    key: str
    leaders: int
    units_led: Summary
    """Units whose leaders report to these leaders (always known from the model)."""
    span: Summary
    """Unit leaders plus staff, over the leaders whose ``staff`` is stated."""
    span_unknown: int
    """Leaders without ``staff``: their span is known only from below (at least the units led)."""


@dataclass(frozen=True)
class Bucket:
    """How many leaders have a span, or a number of units led, within one bucket."""

    label: str
    span: int
    units_led: int


@dataclass(frozen=True)
class OutsideLimits:
    """A leader whose span the ruleset's span-of-control rule (OM120) reports."""

    unit: str
    name: str
    role: str
    level: int
    severity: str
    message: str
    suppressed: bool = False
    """Silenced in the model by a suppression (an adopted exception): reported, but not a finding."""


@dataclass(frozen=True)
class Spans:
    """Span of control per role and per level, the buckets and the leaders outside the limits."""

    by_role: tuple[SpanGroup, ...]
    by_level: tuple[SpanGroup, ...]
    buckets: tuple[Bucket, ...]
    span_unknown: int
    outside_limits: tuple[OutsideLimits, ...] | None
    """None when the ruleset turns span-of-control off (then no limits are known)."""


@dataclass(frozen=True)
class ServiceShare:
    """The service vs staff-and-support split of the units (and of people where staff is stated)."""

    service_units: int
    staff_support_units: int
    unit_share: float | None
    """Service units / (service + staff-and-support units); None when neither exists."""
    people_share: float | None
    """The same for people; None when a unit of either side lacks ``staff``."""
    service_people: int | None = None
    """The people of the service units (leaders and staff); None as for ``people_share``."""
    staff_support_people: int | None = None
    """The people of the staff and support units; None as for ``people_share``."""
    not_stated: int = 0
    """Units with no ``role`` of their own or of a leader above them: on neither side of the share."""


@dataclass(frozen=True)
class Named:
    """An id with its name."""

    id: str
    name: str


@dataclass(frozen=True)
class Cell:
    """Who delivers one local service in one kommunedel (the journeys' choice of provider)."""

    kommunedel: str
    service: str
    availability: str
    """local, central, elsewhere or none (``orgmodel.journeys``)."""
    units: tuple[str, ...]
    named_units: tuple[Named, ...] = ()
    """The same units with their names, as the tables for people show them."""


@dataclass(frozen=True)
class Coverage:
    """The kommunedel x local-service matrix: one cell per pair, row by row."""

    kommunedeler: tuple[Named, ...]
    services: tuple[Named, ...]
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Hub:
    """A knutepunkt site and the units that work there."""

    kommunedel: str | None
    site: Named
    units: tuple[Named, ...]


@dataclass(frozen=True)
class PersonaContacts:
    """Whom a persona meets: the units (contacts), its saksbehandlere and who decides its other vedtak."""

    id: str
    name: str
    kommunedel: str | None
    contacts: tuple[str, ...]
    saksbehandlere: tuple[str, ...]
    """Every unit that decides a vedtak the persona needs, whatever its category (NAV's sosialhjelp too)."""
    named_saksbehandlere: tuple[Named, ...] = ()
    """Those units with their names."""
    saksbehandler_categories: tuple[str, ...] = ()
    """The categories persona-saksbehandler (OM220) counts in the ruleset (``helse-og-omsorg`` by default)."""
    saksbehandlere_in_categories: tuple[str, ...] = ()
    """The units that decide the persona's needs in those categories: the principle's figure, as the
    tables for people count it (every deciding unit where the ruleset names no category)."""
    other_deciders: tuple[str, ...] = ()
    """The units that decide only the persona's other vedtak (NAV's sosialhjelp): shown apart."""


@dataclass(frozen=True)
class GraphMeasures:
    """Measures of the personnel graph (from networkx)."""

    depth: int
    """The longest chain of personnel lines from the top (0: the top unit alone)."""
    components: int
    """Weakly connected parts of the personnel graph (1 for one tree)."""
    professional_lines: int
    unreachable: int
    """Units not reached from a top unit (in a circle of personnel lines)."""


@dataclass(frozen=True)
class AreaResources:
    """Årsverk (fte) and annual budget of one direktørområde, summed over its units (issue 15)."""

    key: str
    name: str
    units: int
    fte: float | None
    """None when no unit of the area states it."""
    fte_missing: int
    """Units of the area without ``fte`` (not stated, never counted as 0)."""
    budget_nok: int | None
    budget_missing: int
    """Units of the area without ``budget_nok``."""


@dataclass(frozen=True)
class LeaderForums:
    """The forums (møteplasser) one unit's leader chairs and sits in (the Nordre Follo workbook)."""

    unit: str
    name: str
    chairs: tuple[str, ...]
    member_of: tuple[str, ...]
    named_forums: tuple[Named, ...] = ()
    """The forums of ``chairs`` and ``member_of``, each once, with their names."""
    kind: str = "unit"
    """``position`` for a position that chairs a forum (a fagansvarlig): ``unit`` is its id, ``name`` its
    title. A position with personnel responsibility is counted for its unit's leader."""


@dataclass(frozen=True)
class ModelStats:
    """Every figure ``orgmodel stats`` shows for one model."""

    path: str
    kommune: str
    units: int
    outside: int
    """Parentless iks/external units and the units below them: not counted in the figures."""
    staff_missing: int
    levels: tuple[Group, ...]
    direktor_areas: tuple[Group, ...]
    roles: tuple[Group, ...]
    kommunedeler: tuple[Group, ...]
    share: ServiceShare
    spans: Spans
    coverage: Coverage
    hubs: tuple[Hub, ...]
    without_hub: tuple[str, ...]
    """Kommunedeler with no knutepunkt site, in the model's order."""
    personas: tuple[PersonaContacts, ...]
    graph: GraphMeasures
    resources: tuple[AreaResources, ...] = ()
    """Per direktørområde, when some unit states ``fte`` or ``budget_nok`` (else empty)."""
    forums: tuple[LeaderForums, ...] = ()
    """Per unit that chairs or sits in a forum, in file order."""
    direktor_tier: bool = True
    """Whether the areas under the top lead areas of leaders (``OrgGraph.direktor_tier``): direktørområder."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data (dicts, lists, text, numbers) for the JSON output."""
        plain: dict[str, Any] = asdict(self)
        return plain
