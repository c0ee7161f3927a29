"""How a forum, project, agreement, committee, position or collaboration fares on a custom rule's conditions.

As for units (``orgmodel.custom.judging``), a key the item does not write is
*not stated*: the condition is neither kept nor broken (``Judgement(None,
...)``) unless the rule says ``required: true``. A delprosjekt (``part_of``)
states the owner, steering group, parties, end and receiver of its project
where it writes none of its own, as the model format says.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from pydantic import BaseModel

from orgmodel.custom.conditions import OPERATORS, Condition
from orgmodel.custom.items import SECTION_TABLE
from orgmodel.custom.judging import Judgement
from orgmodel.i18n import _
from orgmodel.rule import Context
from orgmodel.rules._vocab import frequency_words, times_a_year
from orgmodel.schema_period import Period, compare
from orgmodel.schema_sections import Frequency


@dataclass(frozen=True)
class ItemView:
    """One item of a section as a custom rule reads it: the model's item and the mapping as written."""

    section: str
    index: int
    item: BaseModel
    raw: dict[str, Any]
    chain: tuple[BaseModel, ...]
    """A delprosjekt's projects, nearest first (empty for every other item)."""
    ident: str
    """What the item's findings are about, for their fingerprint: its id (a collaboration's: its units)."""

    def value(self, key: str) -> Any:
        """The item's value of ``key``; a delprosjekt's project's where it writes none of its own."""
        own = getattr(self.item, key, None)
        if own not in (None, []) or key not in SECTION_TABLE[self.section].inherited:
            return own
        for project in self.chain:
            value = getattr(project, key, None)
            if value not in (None, []):
                return value
        return own

    def written(self, key: str) -> bool:
        """Whether the item states ``key``: it writes it, or (a delprosjekt) its project does."""
        if self.raw.get(key) is not None:
            return True
        return key in SECTION_TABLE[self.section].inherited and self.value(key) not in (None, [])


def item_views(ctx: Context, section: str) -> list[ItemView]:
    """The items of ``section`` in file order, each with its mapping as written."""
    items: list[BaseModel] = list(getattr(ctx.model, section))
    data = ctx.doc.data.get(section) if isinstance(ctx.doc.data, dict) else None
    written = data if isinstance(data, list) else []
    chains = _chains(items) if section == "projects" else {}
    pairs = Counter(_units_key(item) for item in items) if section == "collaborations" else Counter()
    views = []
    for index, item in enumerate(items):
        raw = written[index] if index < len(written) and isinstance(written[index], dict) else {}
        if section == "collaborations":
            ident = _units_key(item)
            purpose = getattr(item, "purpose", None)
            if pairs[ident] > 1 and purpose:  # one pair working together on two things: as the diff
                ident += f":{purpose}"
        else:
            ident = str(getattr(item, "id", index))
        views.append(ItemView(section, index, item, raw, chains.get(index, ()), ident))
    return views


def _units_key(item: BaseModel) -> str:
    return "+".join(sorted(set(getattr(item, "between", []))))


def _chains(projects: list[BaseModel]) -> dict[int, tuple[BaseModel, ...]]:
    """Each delprosjekt's projects, nearest first; a circle of ``part_of`` stops where it closes."""
    by_id = {getattr(p, "id", ""): p for p in reversed(projects)}
    out = {}
    for index, project in enumerate(projects):
        chain: list[BaseModel] = []
        parent = by_id.get(getattr(project, "part_of", None) or "")
        while parent is not None and parent is not project and parent not in chain:
            chain.append(parent)
            parent = by_id.get(getattr(parent, "part_of", None) or "")
        out[index] = tuple(chain)
    return out


class ItemFacts:
    """What item conditions look up in the model beyond the item: a committee's units."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        stated = [unit.committee for unit in ctx.model.units if unit.committee is not None]
        self.committees_stated = bool(stated)
        self.answering = Counter(stated)


def judge_item(cond: Condition, view: ItemView, facts: ItemFacts) -> Judgement:
    """Whether ``view`` keeps ``cond``: kept (True), broken (False) or not stated (None)."""
    table = SECTION_TABLE[view.section]
    if cond.subject == "stated":  # whether the item writes the key is the question: never 'not stated'
        return _judge_stated(cond, view, facts)
    if cond.subject in table.derived:  # a committee's units: those whose 'committee' names it
        if not facts.committees_stated:
            return Judgement(None, _("not stated"))
        count = facts.answering[view.ident]
        return Judgement(OPERATORS[cond.op](count, cond.value), str(count))
    if not view.written(cond.subject):
        return Judgement(None, _("not stated"))
    value = view.value(cond.subject)
    if cond.op == "includes":
        return _judge_includes(cond, value)
    if cond.subject in table.lists:
        count = len(dict.fromkeys(value))  # a member listed twice is one member (forum-terms reports it)
        return Judgement(OPERATORS[cond.op](count, cond.value), str(count))
    if isinstance(value, Frequency):
        return Judgement(
            OPERATORS[cond.op](times_a_year(value.times, value.per), cond.value),
            frequency_words(value.times, value.per),
        )
    if cond.subject == "frequency":  # as-needed: no fixed meetings, none a year ('>= monthly' fails)
        return Judgement(OPERATORS[cond.op](0, cond.value), _("as needed"))
    if isinstance(value, Period):  # a month or year against a day: judged only where certain
        return Judgement(compare(cond.op, value, cond.value), str(value))
    return Judgement(OPERATORS[cond.op](value, cond.value), _shown(value))


def _judge_stated(cond: Condition, view: ItemView, facts: ItemFacts) -> Judgement:
    key = cond.value
    if key in SECTION_TABLE[view.section].derived:  # 'has units': as 'units >= 1'
        if not facts.committees_stated:
            return Judgement(None, _("not stated"))
        count = facts.answering[view.ident]
        return Judgement((count > 0) == (cond.op == "has"), str(count))
    value = view.value(key)
    present = view.written(key) and value not in (None, "", [])
    shown = _shown(value) if present else _("not stated")
    return Judgement(present if cond.op == "has" else not present, shown)


def _judge_includes(cond: Condition, listed: list[str]) -> Judgement:
    hit = any(fnmatchcase(entry, cond.value) for entry in listed)
    return Judgement(hit, ", ".join(listed) if listed else _("nothing"))


def _shown(value: Any) -> str:
    """A value as a message shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, Frequency):
        return frequency_words(value.times, value.per)
    if isinstance(value, list):
        return ", ".join(map(str, value)) if value else _("nothing")
    return str(value)
