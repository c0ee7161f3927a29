"""How a unit fares on a custom rule's conditions (``orgmodel.custom.conditions`` parses them).

A field the unit does not state is *not stated*: ``judge`` returns None, neither kept nor broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from orgmodel.custom.conditions import FLAGS, OPERATORS, Condition
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _


@dataclass(frozen=True)
class Judgement:
    """How a unit fares on a condition: kept (True), broken (False) or not stated (None)."""

    kept: bool | None
    value: str  # the unit's value as the message shows it ('not stated' when it is not)


class Facts:
    """What conditions look up in a model, each computed once per check and only when asked for."""

    def __init__(self, graph: OrgGraph) -> None:
        self.graph = graph

    @cached_property
    def site_kinds(self) -> dict[str, str | None]:
        """Each site's kind."""
        return {s.id: s.kind for s in self.graph.model.sites}

    @cached_property
    def categories(self) -> dict[str, str | None]:
        """Each service's category."""
        return {s.id: s.category for s in self.graph.model.services}

    @cached_property
    def below(self) -> dict[str, tuple[int, int, bool]]:
        """For each unit reachable from a top unit: (people, units below, every unit states its staff).

        One pass, units before their leaders; a unit cut off by a circle of
        personnel lines is not here (``_walk`` counts it on its own).
        """
        graph = self.graph
        out: dict[str, tuple[int, int, bool]] = {}
        for uid in reversed(graph.depth):
            staff = graph.units[uid].staff
            people, units, complete = 1 + (staff or 0), 0, staff is not None
            for child in graph.children[uid]:
                more, count, known = out[child]
                people, units, complete = people + more, units + 1 + count, complete and known
            out[uid] = (people, units, complete)
        return out

    def of(self, uid: str) -> tuple[int, int, bool]:
        """(people, units below, every unit states its staff) of one unit."""
        found = self.below.get(uid)
        return found if found is not None else _walk(self.graph, uid)


def judge(cond: Condition, graph: OrgGraph, uid: str, raw: Any, facts: Facts) -> Judgement:
    """Whether unit ``uid`` keeps ``cond``; ``raw`` is the unit's mapping as written (for 'not stated')."""
    written = raw if isinstance(raw, dict) else {}
    if cond.subject == "stated":  # whether the unit writes the key is the question: never 'not stated'
        present = written.get(cond.value) not in (None, "")
        shown = str(written[cond.value]) if present else _("not stated")
        return Judgement(present if cond.op == "has" else not present, shown)
    if cond.subject == "site":
        return _judge_site(cond, graph, uid, written, facts.site_kinds)
    if cond.subject in ("delivers", "decides"):
        return _judge_service(cond, graph, uid, written, facts.categories)
    if cond.subject in ("people", "span"):
        return _judge_bound(cond, graph, uid, facts)
    unit = graph.units[uid]
    compare = OPERATORS[cond.op]
    value: Any
    if cond.subject == "children":
        value = len(graph.children[uid])
    elif cond.subject == "units_below":
        value = facts.of(uid)[1]
    elif cond.subject in FLAGS:
        if cond.subject not in written:
            return Judgement(None, _("not stated"))
        value = getattr(unit, cond.subject)
    else:
        value = getattr(unit, cond.subject)
        if value is None:
            return Judgement(None, _("not stated"))
    shown = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return Judgement(bool(compare(value, cond.value)), shown)


def _judge_bound(cond: Condition, graph: OrgGraph, uid: str, facts: Facts) -> Judgement:
    """``people`` or ``span``: exact when every unit involved states its staff, else a lower bound."""
    unit = graph.units[uid]
    if cond.subject == "span":
        known, complete = graph.span(uid), unit.staff is not None
    else:
        known, _units, complete = facts.of(uid)
    compare = OPERATORS[cond.op]
    if complete:
        return Judgement(compare(known, cond.value), str(known))
    shown = _("at least {count} (not every unit states its staff)").format(count=known)
    # the true value is known or more: broken only if every such value breaks the condition
    if cond.op in ("<", "<=", "==") and not compare(known, cond.value):
        return Judgement(False, shown)
    return Judgement(None, shown)


def _walk(graph: OrgGraph, uid: str) -> tuple[int, int, bool]:
    """``Facts.of`` for a unit on a circle of personnel lines: a walk that visits each unit once."""
    people, units, complete, stack, seen = 0, -1, True, [uid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        staff = graph.units[current].staff
        people, units, complete = people + 1 + (staff or 0), units + 1, complete and staff is not None
        stack.extend(graph.children[current])
    return people, units, complete


def _judge_site(
    cond: Condition, graph: OrgGraph, uid: str, written: dict[str, Any], kinds: dict[str, str | None]
) -> Judgement:
    unit = graph.units[uid]
    matching = [s for s in unit.sites if s in kinds and (cond.value is None or kinds[s] == cond.value)]
    shown = ", ".join(unit.sites) if unit.sites else _("no sites")
    if cond.op == "has":
        if "sites" not in written:
            return Judgement(None, _("not stated"))
        return Judgement(bool(matching), shown)
    return Judgement(not matching, shown)


def _judge_service(
    cond: Condition, graph: OrgGraph, uid: str, written: dict[str, Any], categories: dict[str, str | None]
) -> Judgement:
    listed: list[str] = getattr(graph.units[uid], cond.subject)
    if cond.category:
        hits = [s for s in listed if categories.get(s) == cond.value]
    else:
        hits = [s for s in listed if s == cond.value]
    shown = ", ".join(listed) if listed else _("nothing")
    if cond.op == "has":
        if cond.subject not in written:
            return Judgement(None, _("not stated"))
        return Judgement(bool(hits), shown)
    return Judgement(not hits, shown)
