"""Merges and splits: which leader posts become one (or one becomes several), and who gets a new leader."""

from __future__ import annotations

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.diff.units import Affected, affect, label, subtree
from orgmodel.graph import OrgGraph
from orgmodel.hints import and_list
from orgmodel.i18n import ngettext


def _merged_people(
    old: OrgGraph,
    new: OrgGraph,
    m: Matching,
    merge: tuple[tuple[str, ...], str],
    stays: str,
    affected: Affected,
) -> int:
    """The people of a merge who get a new personnel leader.

    ``stays`` is the source that continues under its leader (``_continuing``). The other
    sources' leaders (whose posts go) and declared staff get the continuing leader, and so do the
    leaders of the units right under them; the people of those units keep their own leader. Every
    one of them below the merged unit gets a new personnel line (``affected``).
    """
    sources, target = merge
    stay = set(subtree(old, stays))
    below = [u for u in subtree(new, target) if u != target and m.new_to_old.get(u) not in stay]
    joined = sum(1 + (old.units[s].staff or 0) for s in sources if s != stays)
    affected[target] = affected.get(target, 0) + joined
    affect(new, affected, below)
    return joined + sum(new.units[u].parent == target for u in below)


def _split_people(new: OrgGraph, parts: tuple[str, ...], stays: str, affected: Affected) -> int:
    """The people of a split who get a new personnel leader: those of every part but ``stays``.

    Each other part's leader (a new post) and staff, and the leaders of the units right under it;
    the people of those units keep their own leader, with a new personnel line (``affected``).
    """
    others = [p for p in parts if p != stays]
    affect(new, affected, (u for p in others for u in subtree(new, p)))
    return sum(1 + (new.units[p].staff or 0) + len(new.children[p]) for p in others)


def _continuing(graph: OrgGraph, kept: str | None, uids: tuple[str, ...]) -> str:
    """The side that continues under its leader: the one that kept the id, else the largest by staff.

    The id kept is ``Matching.merge_kept`` (``split_kept``); else the largest by declared staff,
    the first of them on a tie (or when none states any).
    """
    return kept or max(uids, key=lambda uid: (graph.units[uid].staff or 0, -uids.index(uid)))


def merges_and_splits(old: OrgGraph, new: OrgGraph, m: Matching, affected: Affected) -> list[Change]:
    """One change per merge and per split: the leader posts, and the people who get a new personnel leader."""
    out: list[Change] = []
    for sources, target in m.merges:
        names = and_list([label(old, s) for s in sources])
        stays = _continuing(old, m.merge_kept.get(target), sources)
        people = _merged_people(old, new, m, (sources, target), stays, affected)
        message = ngettext(
            "{names} merged into {unit}: {k} leader posts become one",
            "{names} merged into {unit}: {k} leader posts become one",
            len(sources),
        ).format(names=names, unit=label(new, target), k=len(sources))
        message += _new_leader(people, [old.units[s].staff for s in sources if s != stays])
        out.append(
            Change(
                "unit-merged",
                f"unit-merged:{'+'.join(sources)}->{target}",
                message,
                unit=target,
                name=new.units[target].name,
                before=list(sources),
                after=target,
                people=people,
            )
        )
    for source, parts in m.splits:
        names = and_list([label(new, p) for p in parts])
        stays = _continuing(new, m.split_kept.get(source), parts)
        people = _split_people(new, parts, stays, affected)
        message = ngettext(
            "{unit} split into {names}: one leader post becomes {k}",
            "{unit} split into {names}: one leader post becomes {k}",
            len(parts),
        ).format(unit=label(old, source), names=names, k=len(parts))
        message += _new_leader(people, [new.units[p].staff for p in parts if p != stays])
        out.append(
            Change(
                "unit-split",
                f"unit-split:{source}->{'+'.join(parts)}",
                message,
                unit=source,
                name=old.units[source].name,
                before=source,
                after=list(parts),
                people=people,
            )
        )
    return out


def _new_leader(people: int, staffs: list[int | None]) -> str:
    """'; 3 people get a new personnel leader', and whether that counts leaders only.

    ``staffs``: the declared staff of the units counted; where one states none, its people are not
    in the number.
    """
    if not people:
        return ""
    if any(staff is None for staff in staffs) and any(staff is not None for staff in staffs):
        return ngettext(
            "; {n} person gets a new personnel leader (more: not every unit states its staff)",
            "; {n} people get a new personnel leader (more: not every unit states its staff)",
            people,
        ).format(n=people)
    if any(staff is None for staff in staffs):
        return ngettext(
            "; {n} person gets a new personnel leader (leaders only: no staff stated)",
            "; {n} people get a new personnel leader (leaders only: no staff stated)",
            people,
        ).format(n=people)
    return ngettext(
        "; {n} person gets a new personnel leader", "; {n} people get a new personnel leader", people
    ).format(n=people)
