"""Staff who move between a unit and new or removed units under it, without a unit moving.

A school that splits its teachers into new avdelinger, or folds an avdeling back into itself,
gives people a new personnel leader though no unit moved: the diff counts them from the
change of the unit's declared ``staff`` (orgmodel.diff.changes says it in the added or removed
unit's line). Units outside the basisorganisasjon (an IKS) are left out: their staff are not the
municipality's, as ``orgmodel stats`` and the diff's measures leave them out.
"""

from __future__ import annotations

from orgmodel.diff.matching import Matching
from orgmodel.graph import OrgGraph


def moved_staff(old: OrgGraph, new: OrgGraph, m: Matching) -> tuple[dict[str, int], dict[str, int]]:
    """People moved between a matched unit's own staff and new or removed units under it.

    The first mapping is NEW unit id -> how many came from its parent's staff: a school that goes
    from ``staff: 38`` to ``staff: 2`` and gains two avdelinger of 20 and 16 moved 36 teachers
    under new avdelingsledere. The second is OLD unit id -> how many of its people its parent took
    into its own staff: an avdeling of 5 removed while its virksomhet goes from 10 to 15 folded its
    5 back under the virksomhetsleder. Either way they get a new personnel leader. The change of
    the declared staff is given to those child units in file order, at most each one's staff.
    """
    added, removed = set(m.added), set(m.removed)
    came: dict[str, int] = {}
    folded: dict[str, int] = {}
    if not added and not removed:  # no unit for anyone to move into or out of
        return came, folded
    for o, n in m.old_to_new.items():
        was, now = old.units[o].staff, new.units[n].staff
        if was is None or now is None or n in new.outside:  # an IKS's staff are not the municipality's
            continue
        if now < was:
            _share(was - now, new, new.children[n], added, came)
        elif now > was:
            _share(now - was, old, old.children[o], removed, folded)
    return came, folded


def _share(
    moved: int, graph: OrgGraph, children: list[str], eligible: set[str], into: dict[str, int]
) -> None:
    """Give ``moved`` people to the ``eligible`` children in order, at most each one's declared staff."""
    for child in children:
        staff = graph.units[child].staff
        if moved <= 0:
            return
        if child in eligible and staff:
            into[child] = min(moved, staff)
            moved -= into[child]
