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


def staff_into_new_units(old: OrgGraph, new: OrgGraph, m: Matching) -> dict[str, int]:
    """People who moved from a unit's own staff into new units under it: NEW unit id -> how many.

    A school that goes from ``staff: 38`` to ``staff: 2`` and gains two avdelinger of 20 and 16
    moved 36 teachers under new avdelingsledere: each gets a new personnel leader. The drop of a
    matched unit's declared staff is given to its new child units in file order, at most each
    one's declared staff.
    """
    added = set(m.added)
    came: dict[str, int] = {}
    for o, n in m.old_to_new.items():
        was, now = old.units[o].staff, new.units[n].staff
        if was is None or now is None or now >= was or n in new.outside:  # an IKS's staff are not ours
            continue
        left = was - now
        for child in new.children[n]:
            staff = new.units[child].staff
            if child in added and staff and left > 0:
                came[child] = min(left, staff)
                left -= came[child]
    return came


def staff_from_removed_units(old: OrgGraph, new: OrgGraph, m: Matching) -> dict[str, int]:
    """People of removed units now in their parent's own staff: OLD unit id -> how many.

    The reverse of ``staff_into_new_units``: an avdeling of 5 removed while its virksomhet goes
    from ``staff: 10`` to ``staff: 15`` folded its 5 into the virksomhet, where they get its leader.
    """
    removed = set(m.removed)
    folded: dict[str, int] = {}
    for o, n in m.old_to_new.items():
        was, now = old.units[o].staff, new.units[n].staff
        if was is None or now is None or now <= was or n in new.outside:  # an IKS's staff are not ours
            continue
        left = now - was
        for child in old.children[o]:
            staff = old.units[child].staff
            if child in removed and staff and left > 0:
                folded[child] = min(left, staff)
                left -= folded[child]
    return folded
