"""The needs a persona now gets (or no longer gets) in its own kommunedel.

A kommunalsjef for helse og omsorg (tour M) redesigned to bring services close to where people live
(Drammen report p. 8: the fictional users who tested every sketch; principle: basic services in every
kommunedel), and the diff told the tillitsvalgte only that dagsenter was now delivered in Øst, naming
no user. This says it per persona, as ``orgmodel trace`` reads each need: met in the persona's own
kommunedel (``local``) before and not now, or the reverse.
"""

from __future__ import annotations

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.hints import and_list
from orgmodel.i18n import _
from orgmodel.journey_steps import Journey
from orgmodel.journeys import Journeys


def local_changes(old: Journeys, new: Journeys, m: Matching) -> list[Change]:
    """Each persona on both sides, in the same kommunedel, whose needs met there changed."""
    personas, kds, services = (m.ids.get(key, {}) for key in ("personas", "kommunedeler", "services"))
    was = {personas.get(pid, pid): j for pid, j in old.by_persona().items()}
    out = []
    for journey in new.by_persona().values():
        before = was.get(journey.persona)
        if before is None or journey.kommunedel is None or before.kommunedel is None:
            continue  # a persona living nowhere in particular has no own kommunedel to compare
        if kds.get(before.kommunedel.id, before.kommunedel.id) != journey.kommunedel.id:
            continue  # moved: persona-changed says so, and 'here' is another place
        then = {services.get(s.service, s.service) for s in before.steps if s.availability == "local"}
        now = {s.service for s in journey.steps if s.availability == "local"}
        needed = {services.get(s.service, s.service) for s in before.steps} & {
            s.service for s in journey.steps
        }
        gained, lost = (now - then) & needed, (then - now) & needed
        if gained or lost:
            out.append(_change(journey, gained, lost))
    return out


def _named(journey: Journey, services: set[str]) -> list[str]:
    """The services' names in the order of the persona's needs."""
    return [f"'{s.name}'" for s in journey.steps if s.service in services]


def _change(journey: Journey, gained: set[str], lost: set[str]) -> Change:
    place = journey.kommunedel
    assert place is not None  # local_changes compares only personas with a kommunedel
    where = f"{place.name} ({place.id})"
    if gained and lost:
        message = _(
            "{persona} ({id}) now gets {gained} in their own kommunedel {place}, but no longer {lost}"
        )
    elif gained:
        message = _("{persona} ({id}) now gets {gained} in their own kommunedel {place}")
    else:
        message = _("{persona} ({id}) no longer gets {lost} in their own kommunedel {place}")
    return Change(
        "persona-local-changed",
        f"persona-local-changed:{journey.persona}",
        message.format(
            persona=journey.name,
            id=journey.persona,
            gained=and_list(_named(journey, gained)),
            lost=and_list(_named(journey, lost)),
            place=where,
        ),
        unit=journey.persona,
        name=journey.name,
        before=sorted(lost) or None,
        after=sorted(gained) or None,
    )
