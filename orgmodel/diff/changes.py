"""What changed, unit by unit and element by element, once units are matched."""

from __future__ import annotations

from orgmodel.diff.elements import show
from orgmodel.diff.kinds import Change
from orgmodel.diff.levels import level_changes, level_shift, parent_step, renumbered
from orgmodel.diff.matching import Matching
from orgmodel.diff.merges import merges_and_splits
from orgmodel.diff.moved_staff import moved_staff
from orgmodel.diff.subtree_changes import subtree_change
from orgmodel.diff.successors import successor_message
from orgmodel.diff.unit_lists import list_changes
from orgmodel.diff.units import Affected, affect, label, subtree, units_below
from orgmodel.graph import OrgGraph
from orgmodel.i18n import N_, _, ngettext, number
from orgmodel.schema import Unit
from orgmodel.schema_unit import ROLE_WORDS


def unit_changes(old: OrgGraph, new: OrgGraph, m: Matching) -> tuple[list[Change], Affected]:
    """Structural changes of units, and the people (by NEW unit id) whose personnel line changed."""
    affected: Affected = {}
    out = merges_and_splits(old, new, m, affected)
    came, folded = moved_staff(old, new, m)
    for uid, people in came.items():
        affected[uid] = affected.get(uid, 0) + people
    for o, people in folded.items():  # counted at the parent they now belong to
        parent = m.old_to_new[old.units[o].parent or ""]
        affected[parent] = affected.get(parent, 0) + people
    out += _removed_and_added(old, new, m, came, folded)
    for uid in m.removed:  # its people lose their leader: to an IKS, another unit, or out (a tour)
        if uid in old.outside:
            continue  # an IKS's people are not the municipality's
        lost = 1 + (old.units[uid].staff or 0) - folded.get(uid, 0)
        if lost > 0:
            affected[f"removed:{uid}"] = lost
    pairs = list(m.old_to_new.items())
    steps, closer = _screen(old, new, m, pairs)
    shift = level_shift(steps)
    if shift:  # levels renumbered: every unit is read against the shift
        out.append(renumbered(old, new, shift, steps[shift]))
        closer = pairs
    for o, n in sorted(closer, key=lambda item: new.index[item[1]]):  # in NEW's file order
        out.extend(_pair_changes(old, new, m, o, n, affected, shift))
    return out, affected


def _screen(
    old: OrgGraph, new: OrgGraph, m: Matching, pairs: list[tuple[str, str]]
) -> tuple[dict[int, int], list[tuple[str, str]]]:
    """The matched units counted by how far their level moved, and those that may have changed.

    One pass over the pairs (10,000 on a large model). A unit certainly has no
    change (most units) when it keeps its id and every field, its leader's unit
    keeps its id, and it lists no unit ids a renamed unit could change
    (professional lines, supervision); the others are read by ``_pair_changes``.
    """
    steps: dict[int, int] = {}
    closer: list[tuple[str, str]] = []
    kept, was_units, now_units = m.old_to_new, old.units, new.units
    for o, n in pairs:
        before, after = was_units[o], now_units[n]
        step = after.level - before.level
        steps[step] = steps.get(step, 0) + 1
        if (
            o != n
            or before.functional
            or before.supervises
            or before.__dict__ != after.__dict__
            or (before.parent is not None and kept.get(before.parent) != before.parent)
        ):
            closer.append((o, n))
    return steps, closer


def _removed_and_added(
    old: OrgGraph, new: OrgGraph, m: Matching, came: dict[str, int], folded: dict[str, int]
) -> list[Change]:
    """Units removed or added, each subtree once, at its root."""
    removed, added = set(m.removed), set(m.added)

    def now(parent: str | None) -> str:  # staff moved into a parent that stays: named as it is now
        kept = m.old_to_new.get(parent) if parent is not None else None
        return label(new, kept) if kept is not None else label(old, parent)

    out = [
        subtree_change("unit-removed", old, uid, removed, folded, now)
        for uid in m.removed
        if old.units[uid].parent not in removed
    ]
    return out + [
        subtree_change("unit-added", new, uid, added, came, lambda parent: label(new, parent))
        for uid in m.added
        if new.units[uid].parent not in added
    ]


def _pair_changes(
    old: OrgGraph, new: OrgGraph, m: Matching, o: str, n: str, affected: Affected, shift: int
) -> list[Change]:
    before, after = old.units[o], new.units[n]
    out: list[Change] = []
    if o != n or before.name != after.name:
        out.append(
            Change(
                "unit-renamed",
                f"unit-renamed:{o}->{n}" if o != n else f"unit-renamed:{n}",
                successor_message(old, new, o, n)
                if m.successors.get(o) == n
                else _rename_message(before, after, o, n),
                unit=n,
                name=after.name,
                before={"id": o, "name": before.name},
                after={"id": n, "name": after.name},
            )
        )
    was, now = before.parent, after.parent
    if was in m.old_to_new:  # the old leader matched one new unit (most): moved unless led by it
        moved = now != m.old_to_new[was]
    else:
        moved = now not in m.equivalents(was) and not (was is None and now is None)
    if moved:
        out.append(_move(old, new, m, o, n, affected))
    step = after.level - before.level
    if (step != shift or before.kind != after.kind) and not (
        before.kind == after.kind and parent_step(old, new, before, after) == step
    ):  # as many levels as its leader's unit (it came along, or moved to a leader one level down): said there
        out.extend(level_changes(label(new, n), n, before, after, shift))
    if before.functional or after.functional:
        out.extend(_line_changes(old, new, m, o, n))
    same = before.__dict__ == after.__dict__  # most units: every field as it was
    if not same:
        out.extend(_field_changes(new, n, before, after))
    out.extend(list_changes(old, new, m, o, n, same))
    return out


def _line_changes(old: OrgGraph, new: OrgGraph, m: Matching, o: str, n: str) -> list[Change]:
    """Professional (faglig) lines a unit gained or lost."""
    before, after = old.units[o], new.units[n]
    out: list[Change] = []
    old_lines = {m.mapped(t) for t in before.functional}
    for target in after.functional:
        if target not in old_lines:
            out.append(
                Change(
                    "professional-line-added",
                    f"professional-line-added:{n}->{target}",
                    _("{unit} now also reports professionally to {target}").format(
                        unit=label(new, n), target=label(new, target)
                    ),
                    unit=n,
                    name=after.name,
                    after=target,
                )
            )
    for target in before.functional:
        if m.mapped(target) not in set(after.functional):
            out.append(
                Change(
                    "professional-line-removed",
                    f"professional-line-removed:{n}->{m.mapped(target)}",
                    _("{unit} no longer reports professionally to {target}").format(
                        unit=label(new, n), target=label(old, target)
                    ),
                    unit=n,
                    name=after.name,
                    before=target,
                )
            )
    return out


_FIELDS = (
    ("leader-changed", "leader", N_("{unit}: leader title {before} -> {after}")),
    ("staff-changed", "staff", N_("{unit}: declared staff {before} -> {after}")),
    ("budget-changed", "budget", N_("{unit}: budget responsibility {before} -> {after}")),
    ("fte-changed", "fte", N_("{unit}: årsverk (fte) {before} -> {after}")),
    ("budget-nok-changed", "budget_nok", N_("{unit}: annual budget (NOK) {before} -> {after}")),
    ("role-changed", "role", N_("{unit}: role {before} -> {after}")),
    ("pilot-changed", "pilot", N_("{unit}: pilot marking {before} -> {after}")),
    ("unit-committee-changed", "committee", N_("{unit}: committee {before} -> {after}")),
    ("unit-status-changed", "status", N_("{unit}: status {before} -> {after}")),
    (
        "authority-level-changed",
        "authority_level",
        N_("{unit}: authority level (fullmaktsnivå) {before} -> {after}"),
    ),
    ("target-group-changed", "target_group", N_("{unit}: target group {before} -> {after}")),
    ("responsibility-changed", "responsibility", N_("{unit}: responsibility {before} -> {after}")),
)


def _field_changes(new: OrgGraph, n: str, before: Unit, after: Unit) -> list[Change]:
    """A unit's leader title, staff, budget, årsverk, role, pilot marking and issue 15's unit keys."""
    out: list[Change] = []
    for kind, field, words in _FIELDS:
        was, now = getattr(before, field), getattr(after, field)
        if was != now:
            shown = (_role(was), _role(now)) if field == "role" else (show(was), show(now))
            if field in ("fte", "budget_nok"):  # 61 000 000 and 45,5 in bokmål
                shown = (show(was) if was is None else number(was), show(now) if now is None else number(now))
            if field == "budget":  # an omitted budget: is unknown (OM140 says so), not "no"
                shown = (_stated(before, field), _stated(after, field))
                was = was if field in before.model_fields_set else None
                now = now if field in after.model_fields_set else None
            out.append(
                Change(
                    kind,
                    f"{kind}:{n}",
                    _(words).format(unit=label(new, n), before=shown[0], after=shown[1]),
                    unit=n,
                    name=after.name,
                    before=was,
                    after=now,
                )
            )
    return out


def _stated(unit: Unit, field: str) -> str:
    """A yes/no key as a change shows it: 'yes', 'no', or '(not stated)' when the unit leaves it out."""
    if field not in unit.model_fields_set:
        # Translators: a yes/no key left out, in a change: "budget responsibility (not stated) -> yes"
        return _("(not stated)")
    return show(getattr(unit, field))


def _role(value: str | None) -> str:
    """A ``role:`` value with what it means: "'provider' (provides services (tjenesteyting))".

    In bokmål the reader's word comes first: "tjenesteyting ('provider')".
    """
    if value not in ROLE_WORDS:
        return show(value)
    # Translators: a role as the model writes it and what it means: "'provider' (provides services
    # (tjenesteyting))"; bokmål puts its own word first: "tjenesteyting ('provider')"
    return _("{value} ({meaning})").format(value=show(value), meaning=_(ROLE_WORDS[value]))


def _rename_message(before: Unit, after: Unit, o: str, n: str) -> str:
    if before.name == after.name:
        return _("'{name}' has a new id: {old} -> {new}").format(name=after.name, old=o, new=n)
    if o != n:
        return _("'{old_name}' was renamed '{new_name}' (id {old} -> {new})").format(
            old_name=before.name, new_name=after.name, old=o, new=n
        )
    return _("'{old_name}' was renamed '{new_name}' ({id})").format(
        old_name=before.name, new_name=after.name, id=n
    )


def _moved_words(old: OrgGraph, new: OrgGraph, o: str, n: str, people: int) -> str:
    """How a move reads: into or out of the organisation when one side is outside it (an iks)."""
    if o in old.outside and n not in new.outside:
        if old.units[o].parent is None:
            return ngettext(
                "{unit} came into the organisation from outside it, under {new}{area}{along}; {n} person "
                "gets a new personnel line",
                "{unit} came into the organisation from outside it, under {new}{area}{along}; {n} people "
                "get a new personnel line",
                people,
            )
        return ngettext(
            "{unit} came into the organisation: it was under {old}, outside the organisation, and is now "
            "under {new}{area}{along}; {n} person gets a new personnel line",
            "{unit} came into the organisation: it was under {old}, outside the organisation, and is now "
            "under {new}{area}{along}; {n} people get a new personnel line",
            people,
        )
    if n in new.outside and o not in old.outside:
        return ngettext(
            "{unit} left the organisation (it was under {old}){along}; {n} person gets a new personnel line",
            "{unit} left the organisation (it was under {old}){along}; {n} people get a new personnel line",
            people,
        )
    return ngettext(
        "{unit} moved from {old} to {new}{area}{along}; {n} person gets a new personnel line",
        "{unit} moved from {old} to {new}{area}{along}; {n} people get a new personnel line",
        people,
    )


def _move(old: OrgGraph, new: OrgGraph, m: Matching, o: str, n: str, affected: Affected) -> Change:
    after = new.units[n]
    old_below = set(subtree(old, o))
    came_along = [u for u in subtree(new, n) if u != n and m.new_to_old.get(u) in old_below]
    people = affect(new, affected, {n, *came_along})
    was_area, now_area = old.areas(o)[1], new.areas(n)[1]
    area = ""
    same_as_parents = (was_area, now_area) == (old.units[o].parent, after.parent)  # said already
    if (
        was_area is not None
        and now_area is not None
        and m.mapped(was_area) != now_area
        and n != now_area
        and not same_as_parents
    ):
        area = _(" (from the area {old} to {new})").format(old=label(old, was_area), new=label(new, now_area))
    message = _moved_words(old, new, o, n, people).format(
        unit=label(new, n),
        old=label(old, old.units[o].parent),
        new=label(new, after.parent),
        area=area,
        along=units_below(len(came_along)),
        n=people,
    )
    return Change(
        "unit-moved",
        f"unit-moved:{n}",
        message,
        unit=n,
        name=after.name,
        before=old.units[o].parent,
        after=after.parent,
        count=len(came_along),
        people=people,
    )
