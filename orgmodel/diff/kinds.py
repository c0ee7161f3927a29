"""The types a diff returns: every change has a stable kind and a stable id.

A change's ``id`` is built from its kind and the ids involved (never a line
number), so CI can allow-list an accepted change with ``--allow ID`` or an
``allow:`` list in ``.orgmodel.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from orgmodel.diff.kind import Kind as Kind
from orgmodel.diff.section_kinds import SECTION_KINDS
from orgmodel.i18n import N_, _

GROUPS = ("people", "structure", "places", "services", "principles")
# shown with _(): group_title()
GROUP_TITLES = {
    "people": N_("People affected"),
    "structure": N_("Structure"),
    "places": N_("Places"),
    "services": N_("Services"),
    "principles": N_("Principles (rule findings)"),
}


def group_title(group: str) -> str:
    """The heading of a group of changes, in the current language."""
    return _(GROUP_TITLES[group])


# kind -> its group, what it means, and the phrase for one and for many ("1 unit added",
# "3 units added") that the formats' summaries use. The kinds are a contract: never rename one.
KINDS: dict[str, Kind] = {
    "model-added": Kind(
        "structure", "a model file exists only in NEW", "model file added", "model files added"
    ),
    "model-removed": Kind(
        "structure", "a model file exists only in OLD", "model file removed", "model files removed"
    ),
    "model-status-changed": Kind(
        "structure",
        "the model's status (draft, hearing, adopted) changed",
        "model status changed",
        "model statuses changed",
    ),
    "proposal-changed": Kind(
        "structure",
        "the model's proposal (which proposal or report it is) changed",
        "proposal renamed",
        "proposals renamed",
    ),
    "valid-from-changed": Kind(
        "structure",
        "the date the organisation takes effect (valid_from) changed",
        "valid-from date changed",
        "valid-from dates changed",
    ),
    "unit-added": Kind("structure", "a unit exists only in NEW", "unit added", "units added"),
    "unit-removed": Kind("structure", "a unit exists only in OLD", "unit removed", "units removed"),
    "unit-renamed": Kind(
        "structure",
        "a unit's name or id changed (ids matched by rename detection, or a new unit carries on a "
        "removed unit's work)",
        "unit renamed or given a new id",
        "units renamed or given new ids",
    ),
    "unit-moved": Kind(
        "structure",
        "a unit has a new personnel parent; its whole subtree moved with it",
        "unit moved",
        "units moved",
    ),
    "unit-relevelled": Kind(
        "structure",
        "a unit's level changed (often with its kind: virksomhet -> avdeling)",
        "unit re-levelled",
        "units re-levelled",
    ),
    "levels-renumbered": Kind(
        "structure",
        "every unit's level moved by the same step (another level convention)",
        "renumbering of every level",
        "renumberings of every level",
    ),
    "unit-kind-changed": Kind(
        "structure",
        "a unit's kind changed at the same level (e.g. avdeling -> virksomhet)",
        "unit changed kind",
        "units changed kind",
    ),
    "unit-merged": Kind("structure", "two or more units in OLD became one unit in NEW", "merger", "mergers"),
    "unit-split": Kind("structure", "one unit in OLD became two or more units in NEW", "split", "splits"),
    "professional-line-added": Kind(
        "structure",
        "a unit gained a professional (faglig) reporting line",
        "professional line added",
        "professional lines added",
    ),
    "professional-line-removed": Kind(
        "structure",
        "a unit lost a professional (faglig) reporting line",
        "professional line removed",
        "professional lines removed",
    ),
    "leader-changed": Kind(
        "structure", "a unit's leader title changed", "leader title changed", "leader titles changed"
    ),
    "staff-changed": Kind(
        "structure",
        "a unit's declared staff (employees without a leader role) changed",
        "staff number changed",
        "staff numbers changed",
    ),
    "budget-changed": Kind(
        "structure",
        "a unit's budget responsibility changed",
        "budget responsibility changed",
        "budget responsibilities changed",
    ),
    "fte-changed": Kind(
        "structure",
        "a unit's årsverk (fte: full-time equivalents) changed, was stated or was taken away",
        "årsverk figure changed",
        "årsverk figures changed",
    ),
    "budget-nok-changed": Kind(
        "structure",
        "a unit's annual budget in kroner (budget_nok) changed, was stated or was taken away",
        "annual budget changed",
        "annual budgets changed",
    ),
    "role-changed": Kind(
        "structure",
        "a unit's role (authority, provider, staff, ...) changed",
        "role changed",
        "roles changed",
    ),
    "supervision-changed": Kind(
        "structure", "the units a unit supervises changed", "supervision changed", "supervisions changed"
    ),
    "pilot-changed": Kind(
        "structure", "a unit's pilot marking changed", "pilot marking changed", "pilot markings changed"
    ),
    "unit-committee-changed": Kind(
        "structure",
        "the political committee (hovedutvalg) a unit answers to changed",
        "committee mapping changed",
        "committee mappings changed",
    ),
    "unit-status-changed": Kind(
        "structure",
        "a unit's status changed (decided, provisional)",
        "unit status changed",
        "unit statuses changed",
    ),
    "authority-level-changed": Kind(
        "structure",
        "a unit's authority level (fullmaktsnivå) changed",
        "authority level changed",
        "authority levels changed",
    ),
    "target-group-changed": Kind(
        "structure",
        "the target group (målgruppe) a unit serves changed",
        "target group changed",
        "target groups changed",
    ),
    "responsibility-changed": Kind(
        "structure",
        "what a unit answers for (its responsibility, ANSVAR) changed",
        "responsibility changed",
        "responsibilities changed",
    ),
    "span-changed": Kind(
        "structure",
        "a leader's span of control changed (direct reports: leaders plus staff)",
        "span of control changed",
        "spans of control changed",
    ),
    "kommunedel-added": Kind(
        "places", "a kommunedel exists only in NEW", "kommunedel added", "kommunedeler added"
    ),
    "kommunedel-removed": Kind(
        "places", "a kommunedel exists only in OLD", "kommunedel removed", "kommunedeler removed"
    ),
    "kommunedel-changed": Kind(
        "places",
        "a kommunedel's name, number or description changed",
        "kommunedel changed",
        "kommunedeler changed",
    ),
    "kommunedel-renamed": Kind(
        "places",
        "a kommunedel's id changed, its name kept (matched by the name)",
        "kommunedel given a new id",
        "kommunedeler given new ids",
    ),
    "site-added": Kind("places", "a site exists only in NEW", "site added", "sites added"),
    "site-removed": Kind("places", "a site exists only in OLD", "site removed", "sites removed"),
    "site-changed": Kind(
        "places", "a site's name, kind, kommunedel or address changed", "site changed", "sites changed"
    ),
    "site-renamed": Kind(
        "places",
        "a site's id changed, its name kept (matched by the name)",
        "site given a new id",
        "sites given new ids",
    ),
    "unit-sites-changed": Kind(
        "places",
        "the sites a unit works at changed",
        "unit works at other sites",
        "units work at other sites",
    ),
    "unit-kommunedeler-changed": Kind(
        "places",
        "the kommunedeler a unit covers changed",
        "unit covers other kommunedeler",
        "units cover other kommunedeler",
    ),
    "service-added": Kind("services", "a service exists only in NEW", "service added", "services added"),
    "service-removed": Kind(
        "services", "a service exists only in OLD", "service removed", "services removed"
    ),
    "service-changed": Kind(
        "services",
        "a service's name, category, vedtak or local marking changed",
        "service changed",
        "services changed",
    ),
    "service-renamed": Kind(
        "services",
        "a service's id changed, its name kept (matched by the name)",
        "service given a new id",
        "services given new ids",
    ),
    "unit-delivers-changed": Kind(
        "services",
        "the services a unit delivers changed",
        "unit delivers other services",
        "units deliver other services",
    ),
    "unit-decides-changed": Kind(
        "services",
        "a unit now decides (grants by vedtak), or no longer decides, a service added to or removed from "
        "the model (a service on both sides: service-decider-changed)",
        "unit decides other services",
        "units decide other services",
    ),
    "service-decider-changed": Kind(
        "services",
        "the units deciding a service (granting it by vedtak) changed, each named with its kind, level "
        "and fullmaktsnivå",
        "service decided by other units",
        "services decided by other units",
    ),
    "service-outside": Kind(
        "services",
        "a service is now delivered from outside the basisorganisasjon (an IKS, a company)",
        "service moved out of the basisorganisasjon",
        "services moved out of the basisorganisasjon",
    ),
    "service-inside": Kind(
        "services",
        "a service delivered from outside the basisorganisasjon is now delivered inside it",
        "service brought into the basisorganisasjon",
        "services brought into the basisorganisasjon",
    ),
    "service-outside-also": Kind(
        "services",
        "a service the kommune's own units deliver is now also delivered from outside the "
        "basisorganisasjon (a private provider beside them: fritt brukervalg)",
        "service now also delivered from outside the basisorganisasjon",
        "services now also delivered from outside the basisorganisasjon",
    ),
    "service-inside-also": Kind(
        "services",
        "a service delivered from outside the basisorganisasjon is now also delivered by the kommune's own "
        "units",
        "service now also delivered inside the basisorganisasjon",
        "services now also delivered inside the basisorganisasjon",
    ),
    "service-uncovered": Kind(
        "services",
        "a local service is no longer delivered in a kommunedel",
        # a change is one service in one kommunedel: the plural says so (2 services x 2 kommunedeler: 4)
        "local service no longer delivered in a kommunedel",
        "local services no longer delivered in a kommunedel (counted per kommunedel)",
    ),
    "service-covered": Kind(
        "services",
        "a local service is now delivered in a kommunedel",
        "local service newly delivered in a kommunedel",
        "local services newly delivered in a kommunedel (counted per kommunedel)",
    ),
    "persona-added": Kind(
        "people", "a persona (fictional user) exists only in NEW", "persona added", "personas added"
    ),
    "persona-removed": Kind("people", "a persona exists only in OLD", "persona removed", "personas removed"),
    "persona-changed": Kind(
        "people", "a persona's kommunedel or needs changed", "persona changed", "personas changed"
    ),
    "persona-renamed": Kind(
        "people",
        "a persona's id changed, its name kept (matched by the name)",
        "persona given a new id",
        "personas given new ids",
    ),
    "persona-contact-changed": Kind(
        "people",
        "a persona meets different units (providers and deciders, as orgmodel trace counts them)",
        "persona meets other units",
        "personas meet other units",
    ),
    "persona-local-changed": Kind(
        "people",
        "a persona gets other needs met in its own kommunedel (as orgmodel trace reads each need)",
        "persona gets other services in its own kommunedel",
        "personas get other services in their own kommunedel",
    ),
    "persona-decider-changed": Kind(
        "people",
        "a persona's saksbehandlere changed: the units deciding its vedtak in persona-saksbehandler's "
        "categories (helse-og-omsorg by default)",
        "persona has other deciding units",
        "personas have other deciding units",
    ),
    "persona-other-decider-changed": Kind(
        "people",
        "a persona's other vedtak (outside persona-saksbehandler's categories: NAV's sosialhjelp) are "
        "decided by different units",
        "persona has other vedtak decided by other units",
        "personas have other vedtak decided by other units",
    ),
    "finding-new": Kind(
        "principles", "a rule finding in NEW that OLD did not have", "new finding", "new findings"
    ),
    "finding-resolved": Kind(
        "principles", "a rule finding in OLD that NEW no longer has", "finding resolved", "findings resolved"
    ),
    "finding-changed": Kind(
        "principles",
        "the same rule finding (rule, unit, what is breached) with other numbers or severity",
        "finding changed",
        "findings changed",
    ),
    "finding-suppressed": Kind(
        "principles",
        "a rule finding in OLD that NEW silences with an inline suppression (not resolved)",
        "finding suppressed in this change",
        "findings suppressed in this change",
    ),
    "suppression-added": Kind(
        "principles",
        "an inline '# orgmodel: ignore[RULE] reason' exists only in NEW",
        "suppression added",
        "suppressions added",
    ),
    "suppression-removed": Kind(
        "principles",
        "an inline '# orgmodel: ignore[RULE] reason' exists only in OLD",
        "suppression removed",
        "suppressions removed",
    ),
}


KINDS.update(SECTION_KINDS)
KINDS["score-changed"] = Kind(
    "structure",
    "a proposal's own score (1-5) for a consideration (hensyn) changed, was given or was taken away",
    "hensyn score changed",
    "hensyn scores changed",
)


def group_of(kind: str) -> str:
    """The output group of a kind."""
    return KINDS[kind].group


@dataclass(frozen=True)
class Change:
    """One change between OLD and NEW.

    ``unit`` is the id of what changed (a unit, kommunedel, site, service or
    persona; its NEW id, or its OLD id when it was removed); ``before`` and
    ``after`` are plain JSON values; ``count`` is the number of units that
    moved along with a moved unit, ``people`` the people whose personnel line
    changed with it (leaders plus declared staff).
    """

    kind: str
    id: str
    message: str
    unit: str | None = None
    name: str | None = None
    before: Any = None
    after: Any = None
    count: int | None = None
    people: int | None = None
    severity: str | None = None
    allowed: bool = False

    @property
    def group(self) -> str:
        """The group the change is shown under."""
        return group_of(self.kind)
