"""A unit removed or added with the units below it: one change at the subtree's root.

A tour's new VA unit "with 2 units below it; 49 people work in it" had 3 units and 58 people: the unit
moved in under it from elsewhere was left out, while a removed unit counted all of its own. Both sides
now count the whole subtree, and say how many of the units below moved in (or away) rather than came
(or went) with it.
"""

from __future__ import annotations

from collections.abc import Callable

from orgmodel.diff.kinds import Change
from orgmodel.diff.units import label, people_in, reports_to, subtree, units_below
from orgmodel.graph import OrgGraph
from orgmodel.i18n import N_, _, ngettext


def _declared_people(graph: OrgGraph, uids: list[str]) -> int | None:
    """Leaders plus declared staff of these units, when any of them declares ``staff`` (else None)."""
    if all(graph.units[u].staff is None for u in uids):
        return None
    return people_in(graph, uids)


# per kind: the people in the subtree, those of them who moved from or into its parent's own staff
# (orgmodel.diff.moved_staff), and the sentence
_SUBTREE_WORDS: dict[str, tuple[Callable[[int], str], Callable[[int], str], str]] = {
    "unit-removed": (
        lambda n: ngettext("; {n} person worked in it", "; {n} people worked in it", n),
        lambda n: ngettext(
            ", {n} of them now in the staff of {parent}, under its leader",
            ", {n} of them now in the staff of {parent}, under its leader",
            n,
        ),
        N_("{unit} was removed (it reported to {parent}){extra}"),
    ),
    "unit-added": (
        lambda n: ngettext("; {n} person works in it", "; {n} people work in it", n),
        lambda n: ngettext(
            ", {n} of them from the staff of {parent}, who get a new personnel leader",
            ", {n} of them from the staff of {parent}, who get a new personnel leader",
            n,
        ),
        N_("{unit} is new, reporting to {parent}{extra}"),
    ),
}


def subtree_change(
    kind: str,
    graph: OrgGraph,
    uid: str,
    members: set[str],
    moved_by: dict[str, int],
    parent_now: Callable[[str | None], str],
) -> Change:
    """A removed (added) subtree, at its root: the units below it, the people in it, those who moved.

    ``graph`` is the side the subtree is on, ``members`` the units removed (added) there;
    ``parent_now`` names the parent whose staff the people moved to (from) as the proposal names
    it (tour L: a removed unit's people "now in the staff of" the parent's old name read as a unit
    that no longer exists).
    """
    in_it, moved_words, sentence = _SUBTREE_WORDS[kind]
    whole = list(subtree(graph, uid))
    units = [u for u in whole if u in members]
    below = len(whole) - 1
    extra = units_below(below) + _kept_below(kind, below, len(whole) - len(units))
    people = _declared_people(graph, whole)
    if people is not None:
        extra += in_it(people).format(n=people)
    parent = graph.units[uid].parent
    moved = sum(moved_by.get(u, 0) for u in units)
    if moved:
        extra += moved_words(moved).format(n=moved, parent=parent_now(parent))
    message = _(sentence).format(unit=label(graph, uid), parent=reports_to(graph, uid), extra=extra)
    gone = kind == "unit-removed"
    return Change(
        kind,
        f"{kind}:{uid}",
        message,
        unit=uid,
        name=graph.units[uid].name,
        before=uid if gone else None,
        after=None if gone else uid,
        count=below or None,
        people=people,
    )


def _kept_below(kind: str, below: int, kept: int) -> str:
    """' (2 of them moved here)': the units below an added (removed) unit that the other side has too."""
    if not kept:
        return ""
    if kind == "unit-added":
        if kept == below:
            return ngettext(" (it moved here)", " (all of them moved here)", kept)
        return ngettext(" ({n} of them moved here)", " ({n} of them moved here)", kept).format(n=kept)
    if kept == below:
        return ngettext(" (it moved elsewhere)", " (all of them moved elsewhere)", kept)
    return ngettext(" ({n} of them moved elsewhere)", " ({n} of them moved elsewhere)", kept).format(n=kept)
