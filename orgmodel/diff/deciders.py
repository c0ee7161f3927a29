"""Who decides a service (grants it by vedtak), when a deciding unit is new or gone.

A kontrollutvalg's secretary (tour L) asked first how the delegation of vedtak changes: a proposal
that abolished the tjenestekontor and let an avdeling in a bofellesskap decide vedtak on tvang (helse-
og omsorgstjenesteloven kap. 9) showed no line for it, because the old decider was removed and the
new one added, and ``unit-decides-changed`` compares only units present on both sides. This says
it once per service, with each decider's kind, level and fullmaktsnivå: the level a vedtak is made
at is what delegation is about.
"""

from __future__ import annotations

from collections.abc import Callable

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _
from orgmodel.rules._principles import words


def decider_changes(old: OrgGraph, new: OrgGraph, m: Matching) -> list[Change]:
    """A service present on both sides whose deciders changed, where one of them is new or gone.

    A change among units present on both sides is ``unit-decides-changed`` of each unit already
    ("now also decides", "no longer decides"); saying it again per service would be one cause twice.
    """
    renamed = m.ids.get("services", {})
    was = _deciders(old, lambda service: renamed.get(service, service))
    now = _deciders(new, lambda service: service)
    names = {s.id: s.name for s in new.model.services}
    out = []
    for service in sorted(set(was) | set(now)):
        if service not in names:
            continue  # a service gone from the model is service-removed
        before, after = was.get(service, []), now.get(service, [])
        if {m.mapped(u) for u in before} == set(after):
            continue
        if all(u in m.old_to_new for u in before) and all(u in m.new_to_old for u in after):
            continue  # both sides' units exist on both sides: each unit's own decides change says it
        out.append(_change(old, new, service, names[service], before, after))
    return out


def _deciders(graph: OrgGraph, service_id: Callable[[str], str]) -> dict[str, list[str]]:
    """Service id (as NEW names it) -> the units deciding it, in file order."""
    out: dict[str, list[str]] = {}
    for uid, unit in graph.units.items():
        for service in unit.decides:
            out.setdefault(service_id(service), []).append(uid)
    return out


def _change(
    old: OrgGraph, new: OrgGraph, service: str, name: str, before: list[str], after: list[str]
) -> Change:
    now = words([_decider(new, u) for u in after], limit=3)
    then = words([_decider(old, u) for u in before], limit=3)
    if not before:
        message = _("vedtak on '{service}' ({id}) are now decided by {now}; no unit decided them before")
    elif not after:
        message = _("vedtak on '{service}' ({id}) are no longer decided by any unit; before by {was}")
    else:
        message = _("vedtak on '{service}' ({id}) are now decided by {now}; before by {was}")
    return Change(
        "service-decider-changed",
        f"service-decider-changed:{service}",
        message.format(service=name, id=service, now=now, was=then),
        unit=service,
        name=name,
        before=sorted(before) or None,
        after=sorted(after) or None,
    )


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
