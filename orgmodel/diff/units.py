"""Units as the diff names and counts them: 'Name' (id), the units below one, the people in them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from orgmodel.graph import OrgGraph
from orgmodel.hints import and_list
from orgmodel.i18n import _, ngettext


def label(graph: OrgGraph, uid: str | None) -> str:
    """A unit as a reader names it: 'Name' (id)."""
    if uid is None:
        return _("nobody (the top)")
    unit = graph.units.get(uid)
    return f"'{unit.name}' ({uid})" if unit is not None else f"'{uid}'"


# a unit's list field -> the model's collection its ids name (supervises names units)
_COLLECTIONS = {
    "sites": "sites",
    "kommunedeler": "kommunedeler",
    "delivers": "services",
    "decides": "services",
}


def listed_names(graphs: tuple[OrgGraph, OrgGraph], field: str, ids: list[str]) -> str:
    """The ids a unit's list gained or lost, as a reader names them: 'Name' (id), ...

    Each is looked up in the first graph's model, then the other's (a service
    dropped from a unit's ``decides`` may be gone from the model too); an id
    neither names stays as written.
    """
    if field == "supervises":
        return and_list([label(next((g for g in graphs if x in g.units), graphs[0]), x) for x in ids])
    names: dict[str, str] = {}
    for graph in reversed(graphs):  # the first graph's names win
        for item in getattr(graph.model, _COLLECTIONS[field]):
            names[item.id] = item.name
    return and_list([f"'{names[x]}' ({x})" if x in names else f"'{x}'" for x in ids])


def reports_to(graph: OrgGraph, uid: str) -> str:
    """Whom a unit reports to: its parent, or for an IKS written without one, that it is outside."""
    parent = graph.units[uid].parent
    if parent is None and uid in graph.outside:
        return _("nobody: it is outside the basisorganisasjon (kind {kind})").format(
            kind=graph.units[uid].kind
        )
    return label(graph, parent)


def units_below(units: int) -> str:
    """', with 3 units below it' (nothing for none)."""
    if not units:
        return ""
    return ngettext(", with {n} unit below it", ", with {n} units below it", units).format(n=units)


def subtree(graph: OrgGraph, uid: str) -> Iterator[str]:
    """A unit and every unit below it along personnel lines."""
    stack, seen = [uid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        stack.extend(graph.children.get(current, ()))


def people_in(graph: OrgGraph, uids: Iterable[str]) -> int:
    """Leaders plus declared staff of these units."""
    return sum(1 + (graph.units[u].staff or 0) for u in uids)


Affected = dict[str, int]  # NEW unit id -> how many of its people got a new personnel line


def affect(graph: OrgGraph, affected: Affected, uids: Iterable[str]) -> int:
    """Mark whole units as affected (leader and staff); how many people that is."""
    people = 0
    for uid in uids:
        affected[uid] = 1 + (graph.units[uid].staff or 0)
        people += affected[uid]
    return people
