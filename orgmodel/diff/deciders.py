"""Who decides a service (grants it by vedtak): one line per service whose deciders changed.

A kontrollutvalg's secretary (tour L) asked first how the delegation of vedtak changes: a proposal
that abolished the tjenestekontor and let an avdeling in a bofellesskap decide vedtak on tvang (helse-
og omsorgstjenesteloven kap. 9) showed no line for it. Re-tour R found the per-service line only where
a deciding unit was new or gone, beside a per-unit "now decides" line saying the same move again. So
the move of a vedtak is said once, per service, whenever the set of units deciding a service present
on both sides changes, with each decider's kind, level and fullmaktsnivå (the level a vedtak is made at
is what delegation is about), all of them named, and "each for its own kommunedel" where the deciders
are district offices; ``unit-decides-changed`` says only what no such line says (a service added or
removed that a unit decides).
"""

from __future__ import annotations

from collections.abc import Callable

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _, ngettext
from orgmodel.journeys import district_offices
from orgmodel.rules._principles import words


def common_services(old: OrgGraph, new: OrgGraph, m: Matching) -> set[str]:
    """The services both sides have, by their NEW ids (a service given a new id is the same service)."""
    renamed = m.ids.get("services", {})
    return {renamed.get(s.id, s.id) for s in old.model.services} & {s.id for s in new.model.services}


def decider_changes(old: OrgGraph, new: OrgGraph, m: Matching) -> list[Change]:
    """Each service present on both sides whose set of deciding units changed (units matched across)."""
    renamed = m.ids.get("services", {})
    was = _deciders(old, lambda service: renamed.get(service, service))
    now = _deciders(new, lambda service: service)
    names = {s.id: s.name for s in new.model.services}
    both = common_services(old, new, m)
    out = []
    for service in sorted((set(was) | set(now)) & both):
        before, after = was.get(service, []), now.get(service, [])
        if {m.mapped(u) for u in before} != set(after):
            out.append(_change(old, new, m, service, names[service], before, after))
    return out


def _deciders(graph: OrgGraph, service_id: Callable[[str], str]) -> dict[str, list[str]]:
    """Service id (as NEW names it) -> the units deciding it, in file order."""
    out: dict[str, list[str]] = {}
    for uid, unit in graph.units.items():
        for service in unit.decides:
            out.setdefault(service_id(service), []).append(uid)
    return out


def _change(
    old: OrgGraph, new: OrgGraph, m: Matching, service: str, name: str, before: list[str], after: list[str]
) -> Change:
    template, fields = _delta(old, new, m, before, after) or _whole(old, new, before, after)
    return Change(
        "service-decider-changed",
        f"service-decider-changed:{service}",
        template.format(service=name, id=service, **fields),
        unit=service,
        name=name,
        before=sorted(before) or None,
        after=sorted(after) or None,
    )


def _whole(old: OrgGraph, new: OrgGraph, before: list[str], after: list[str]) -> tuple[str, dict[str, str]]:
    """The line naming every decider on both sides: its words and what fills them in."""
    if not before:
        message = _("vedtak on '{service}' ({id}) are now decided by {now}; no unit decided them before")
    elif not after:
        message = _("vedtak on '{service}' ({id}) are no longer decided by any unit; before by {was}")
    else:
        message = _("vedtak on '{service}' ({id}) are now decided by {now}; before by {was}")
    return message, {"now": _all(new, after), "was": _all(old, before)}


def _delta(
    old: OrgGraph, new: OrgGraph, m: Matching, before: list[str], after: list[str]
) -> tuple[str, dict[str, str]] | None:
    """Only who came and who went, when most of many deciders stay (None: name them all).

    Tour O: one school added to the five deciding spesialundervisning named all five before and
    all six after. With three or more deciders on each side, more of them kept than added and
    removed together, and district offices on both sides or on neither, the line says what
    changed and how many decide now.
    """
    if len(before) < 3 or len(after) < 3:
        return None
    kept = {m.mapped(u) for u in before} & set(after)
    added = [u for u in after if u not in kept]
    removed = [u for u in before if m.mapped(u) not in kept]
    districts = district_offices(new, after)
    if districts != district_offices(old, before) or not 0 < len(added) + len(removed) < len(kept):
        return None
    if districts:
        count = ngettext(
            "{n} deciding unit, each for its own kommunedel; before {was}",
            "{n} deciding units, each for its own kommunedel; before {was}",
            len(after),
        )
    else:
        count = ngettext("{n} deciding unit, before {was}", "{n} deciding units, before {was}", len(after))
    if added and removed:
        message = _(
            "vedtak on '{service}' ({id}) are now also decided by {added} and no longer by {removed} "
            "({count})"
        )
    elif added:
        message = _("vedtak on '{service}' ({id}) are now also decided by {added} ({count})")
    else:
        message = _("vedtak on '{service}' ({id}) are no longer decided by {removed} ({count})")
    counted = count.format(n=len(after), was=len(before))
    return message, {"added": _names(new, added), "removed": _names(old, removed), "count": counted}


def _names(graph: OrgGraph, units: list[str]) -> str:
    return words([_decider(graph, u) for u in units], limit=len(units) or 1)


def _all(graph: OrgGraph, units: list[str]) -> str:
    """Every decider, none left out; district offices said as such: ', each for its own kommunedel'."""
    named = _names(graph, units)
    if len(units) > 1 and district_offices(graph, units):
        return _("{units}, each for its own kommunedel").format(units=named)
    return named


def _decider(graph: OrgGraph, uid: str) -> str:
    """'Bofellesskapet Solbakken' (avd-bofellesskap; avdeling, level 4, fullmaktsnivå 3)."""
    unit = graph.units[uid]
    shown = {"kind": unit.kind, "level": unit.level, "authority": unit.authority_level}
    if unit.kind and unit.authority_level is not None:
        what = _("{kind}, level {level}, fullmaktsnivå {authority}").format(**shown)
    elif unit.kind:
        what = _("{kind}, level {level}").format(**shown)
    elif unit.authority_level is not None:
        what = _("level {level}, fullmaktsnivå {authority}").format(**shown)
    else:
        what = _("level {level}").format(**shown)
    return f"'{unit.name}' ({uid}; {what})"
