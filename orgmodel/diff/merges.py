"""Merges and splits: which leader posts become one (or one becomes several), and who gets a new leader."""

from __future__ import annotations

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.diff.units import Affected, affect, label, reports_to, subtree
from orgmodel.graph import OrgGraph
from orgmodel.hints import and_list
from orgmodel.i18n import _, ngettext


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
    """One change per merge and per split.

    Each says whom the new units report to (and where from, when that changed), the leader posts,
    the units below that go along with each new unit, and the people who get a new personnel leader.
    """
    return [
        *(_merged(old, new, m, merge, affected) for merge in m.merges),
        *(_split(old, new, m, split, affected) for split in m.splits),
    ]


def _merged(
    old: OrgGraph, new: OrgGraph, m: Matching, merge: tuple[tuple[str, ...], str], affected: Affected
) -> Change:
    sources, target = merge
    names = and_list([label(old, s) for s in sources])
    stays = _continuing(old, m.merge_kept.get(target), sources)
    people = _merged_people(old, new, m, (sources, target), stays, affected)
    moved = _moved_from(old, new, m, [old.units[s].parent for s in sources], [target])
    if moved:  # the merged unit reports to another leader: everyone in it gets a new personnel line
        affect(new, affected, subtree(new, target))
    message = ngettext(
        "{names} merged into {unit}, which reports to {parent}{moved}: {k} leader posts become one",
        "{names} merged into {unit}, which reports to {parent}{moved}: {k} leader posts become one",
        len(sources),
    ).format(
        names=names, unit=label(new, target), parent=reports_to(new, target), moved=moved, k=len(sources)
    )
    joining = set(sources) - {m.merge_kept.get(target)}  # the units under a kept id stay where they were
    came = [
        c for c in new.children[target] if c in m.new_to_old and old.units[m.new_to_old[c]].parent in joining
    ]
    message += _going_with(new, came, None)
    message += _new_leader(people, [old.units[s].staff for s in sources if s != stays])
    return Change(
        "unit-merged",
        f"unit-merged:{'+'.join(sources)}->{target}",
        message,
        unit=target,
        name=new.units[target].name,
        before=list(sources),
        after=target,
        people=people,
    )


def _split(
    old: OrgGraph, new: OrgGraph, m: Matching, split: tuple[str, tuple[str, ...]], affected: Affected
) -> Change:
    source, parts = split
    names = and_list([label(new, p) for p in parts])
    stays = _continuing(new, m.split_kept.get(source), parts)
    people = _split_people(new, parts, stays, affected)
    moved = _moved_from(old, new, m, [old.units[source].parent], list(parts))
    if moved:
        affect(new, affected, (u for p in parts for u in subtree(new, p)))
    message = ngettext(
        "{unit} split into {names}{reporting}{moved}: one leader post becomes {k}",
        "{unit} split into {names}{reporting}{moved}: one leader post becomes {k}",
        len(parts),
    ).format(
        unit=label(old, source), names=names, reporting=_reporting(new, parts), moved=moved, k=len(parts)
    )
    kids = [k for k in old.children[source] if k in m.old_to_new]
    for part in parts:
        message += _going_with(
            new, [m.old_to_new[k] for k in kids if new.units[m.old_to_new[k]].parent == part], part
        )
    message += _new_leader(people, [new.units[p].staff for p in parts if p != stays])
    return Change(
        "unit-split",
        f"unit-split:{source}->{'+'.join(parts)}",
        message,
        unit=source,
        name=old.units[source].name,
        before=source,
        after=list(parts),
        people=people,
    )


def _reporting(new: OrgGraph, parts: tuple[str, ...]) -> str:
    """Whom a split's parts report to: ', which report to 'X' (x)', or each part's when they differ."""
    leaders = list(dict.fromkeys(new.units[p].parent for p in parts))
    if len(leaders) == 1:
        return _(", which report to {parent}").format(parent=reports_to(new, parts[0]))
    each = [_("{unit} to {parent}").format(unit=label(new, p), parent=reports_to(new, p)) for p in parts]
    return _(", reporting {parts}").format(parts=and_list(each))


def _moved_from(old: OrgGraph, new: OrgGraph, m: Matching, was: list[str | None], now: list[str]) -> str:
    """' (moved from 'X' (x))' when the new unit(s) report to none of the old units' leaders, else ''.

    A split whose parts report to several leaders, one of them the old one, did not move: its row
    says whom each part reports to.
    """
    before = list(dict.fromkeys(was))
    leaders = {new.units[n].parent for n in now}
    if before == [None] and leaders == {None}:
        return ""
    if any(p is not None and leaders & m.equivalents(p) for p in before):
        return ""  # (a part of) it stays under its leader
    return _(" (moved from {parent})").format(parent=and_list([label(old, p) for p in before]))


_SHOWN = 5  # units named going along before "and 3 more"


def _going_with(new: OrgGraph, units: list[str], part: str | None) -> str:
    """'; 'Nattjenesten' (avd-nattjenesten) goes with 'Omsorgstjenester Bragernes' (virk-oms-bragernes)'.

    ``part`` None: the units go with the merged unit ('; 'Nattjeneste' (avd-1) goes with it').
    """
    if not units:
        return ""
    names = [label(new, u) for u in units]
    shown = and_list(names)
    if len(names) > _SHOWN + 1:
        shown = _("{units} and {n} more").format(units=", ".join(names[:_SHOWN]), n=len(names) - _SHOWN)
    if part is None:
        return ngettext("; {units} goes with it", "; {units} go with it", len(units)).format(units=shown)
    return ngettext("; {units} goes with {part}", "; {units} go with {part}", len(units)).format(
        units=shown, part=label(new, part)
    )


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
