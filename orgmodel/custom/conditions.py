"""The conditions of a custom rule: one line of text each, parsed once, judged per unit.

Two forms, both written as a planner would say them::

    staff >= 8                 # a field compared with a value (==, !=, <, <=, >, >=)
    budget == true
    people >= 8                # everyone in the unit's part of the tree, leaders included
    has site knutepunkt        # has (or lacks) a site of a kind; 'has site' alone: any site
    delivers category helse    # delivers (or decides) a service, or a service of a category
    not decides barnevern

A field the unit does not state (no ``staff:``, no ``budget:``) is *not
stated*: the condition is neither kept nor broken (``judge`` returns None),
and the rule finds nothing unless it says ``required: true``. An unstated
number is never read as 0. For ``people`` and ``span``, where only some units
below state their staff, the known part is a lower bound: ``people <= 60``
is broken when the known people are already 61, ``people >= 8`` is never
broken by a part that may grow.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from orgmodel.graph import OrgGraph
from orgmodel.hints import suggest
from orgmodel.i18n import _

NUMBERS = ("staff", "people", "span", "children", "units_below", "level")
FLAGS = ("budget", "pilot")
WORDS = ("kind",)
SUBJECTS = NUMBERS + FLAGS + WORDS
# keys a unit writes or not: 'has responsibility' (Nordre Follo's ANSVAR for each unit), 'lacks committee'
STATED = (
    "responsibility",
    "leader",
    "description",
    "target_group",
    "committee",
    "role",
    "status",
    "authority_level",
    "fte",
    "budget_nok",
)
VERBS = ("has", "lacks", "delivers", "decides")
# Comparisons written as other languages or a word processor write them, and the one meant.
SLIPS = (
    ("=>", ">="),
    ("=<", "<="),
    (">>", ">"),
    ("<<", "<"),
    ("!==", "!="),
    ("===", "=="),
    ("<>", "!="),
    ("≥", ">="),
    ("≤", "<="),
    ("≠", "!="),
)
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}
# where a finding on a subject points in the unit (its id when the unit does not write the key)
FIELD_OF = {
    "staff": "staff",
    "span": "staff",
    "budget": "budget",
    "pilot": "pilot",
    "kind": "kind",
    "level": "level",
    "site": "sites",
    "delivers": "delivers",
    "decides": "decides",
}


class ConditionError(ValueError):
    """A condition that does not parse: what is wrong, a hint, and the word at fault when there is one."""

    def __init__(self, message: str, hint: str | None = None, word: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.word = word


@dataclass(frozen=True)
class Condition:
    """One parsed condition: ``subject op value`` or ``[not] verb [category] what``."""

    text: str
    subject: str  # a field name, 'site', 'delivers' or 'decides'
    op: str  # an operator, or 'has' / 'lacks' for the verbs
    value: Any  # the number, flag or word compared with; the site kind, service or category (None: any)
    category: bool = False

    @property
    def breach(self) -> str:
        """What is breached, for the fingerprint: survives a changed number (``people>=``)."""
        if self.subject in SUBJECTS:
            return f"{self.subject}{self.op}"
        what = f"category:{self.value}" if self.category else str(self.value or "")
        return f"{self.op}:{self.subject}:{what}"

    @property
    def field(self) -> str:
        """The unit's key the finding points at."""
        if self.subject == "stated":
            return str(self.value)
        return FIELD_OF.get(self.subject, "id")


def parse(text: str) -> Condition:
    """A condition from its text; ConditionError with a did-you-mean when it does not parse."""
    words = text.split()
    if not words:
        raise ConditionError(_("the condition is empty"), _("e.g. 'staff >= 8' or 'has site knutepunkt'"))
    if words[0] in ("not", "has", "lacks", "delivers", "decides"):
        return _parse_verb(text, words)
    for slip, meant in SLIPS:
        if slip in text:
            raise ConditionError(
                _("'{text}': '{slip}' is no comparison").format(text=text, slip=slip),
                _("write '{meant}'").format(meant=meant),
                slip,
            )
    for symbol in sorted(OPERATORS, key=len, reverse=True):
        if symbol in text:
            left, _symbol, right = text.partition(symbol)
            return _parse_comparison(text, left.strip(), symbol, right.strip())
    left, equals, right = text.partition("=")
    if equals and left.strip() in SUBJECTS and right.strip():
        raise ConditionError(
            _("'{text}': '=' is no comparison").format(text=text),
            _("write '{field} == {value}'").format(field=left.strip(), value=right.strip()),
            "=",
        )
    guess = suggest(words[0], [*SUBJECTS, *VERBS])
    hint = (
        _("did you mean '{guess}'?").format(guess=guess)
        if guess
        else _("e.g. 'staff >= 8', 'budget == true' or 'has site knutepunkt'")
    )
    message = _("'{text}' is not a condition: no comparison (==, !=, <, <=, >, >=) and no verb").format(
        text=text
    )
    raise ConditionError(message, hint, words[0])


def _parse_comparison(text: str, subject: str, symbol: str, raw: str) -> Condition:
    if subject not in SUBJECTS:
        guess = suggest(subject, SUBJECTS)
        hint = (
            _("did you mean '{guess}'?").format(guess=guess)
            if guess
            else _("the fields: {fields}").format(fields=", ".join(SUBJECTS))
        )
        raise ConditionError(
            _("'{field}' is not a field a condition can compare").format(field=subject), hint, subject
        )
    if not raw:
        example = {"kind": "virksomhet", "budget": "true", "pilot": "true"}.get(subject, "8")
        raise ConditionError(
            _("'{text}': nothing to compare {field} with").format(text=text, field=subject),
            _("e.g. '{field} {operator} {value}'").format(field=subject, operator=symbol, value=example),
        )
    if " and " in f" {raw} " or " or " in f" {raw} ":
        raise ConditionError(
            _("'{text}': one condition per item; the items of require: must all hold").format(text=text),
            _("write each condition as its own item: [{first}, ...]").format(
                first=f"{subject} {symbol} {raw.split()[0]}"
            ),
            raw,
        )
    if subject in FLAGS:
        if raw not in ("true", "false") or symbol not in ("==", "!="):
            raise ConditionError(
                _("'{text}': {field} is true or false").format(text=text, field=subject),
                _("write '{field} == true'").format(field=subject),
                raw,
            )
        return Condition(text, subject, symbol, raw == "true")
    if subject in WORDS:
        if symbol not in ("==", "!="):
            raise ConditionError(
                _("'{text}': {field} is a word; compare it with == or !=").format(text=text, field=subject)
            )
        return Condition(text, subject, symbol, raw)
    if not raw.isascii() or not raw.isdigit():
        raise ConditionError(
            _("'{text}': {field} is compared with a whole number, got '{value}'").format(
                text=text, field=subject, value=raw
            ),
            word=raw,
        )
    return Condition(text, subject, symbol, int(raw))


def _parse_verb(text: str, words: list[str]) -> Condition:
    negated = words[0] == "not"
    rest = words[1:] if negated else words
    verb = rest[0] if rest else ""
    if verb in ("has", "lacks"):
        if negated:
            key = rest[1] if len(rest) > 1 and rest[1] in STATED else "site"
            raise ConditionError(
                _("'{text}': write 'lacks {what}' for 'not has {what}'").format(text=text, what=key)
            )
        if len(rest) == 2 and rest[1] in STATED:  # the unit writes the key (or does not)
            return Condition(text, "stated", verb, rest[1])
        guess = suggest(rest[1], ["site", *STATED]) if len(rest) == 2 and rest[1] != "site" else None
        if guess is not None:
            raise ConditionError(
                _("'{text}': '{verb}' takes 'site' and an optional site kind, or a key").format(
                    text=text, verb=verb
                ),
                _("did you mean '{guess}'?").format(guess=f"{verb} {guess}"),
                rest[1],
            )
        if len(rest) < 2 or rest[1] != "site" or len(rest) > 3:
            hint = _(
                "e.g. '{verb} site knutepunkt' (a site of that kind), '{verb} site' (any site) or "
                "'{verb} responsibility' (a key the unit writes: {keys})"
            )
            raise ConditionError(
                _("'{text}': '{verb}' takes 'site' and an optional site kind, or a key").format(
                    text=text, verb=verb
                ),
                hint.format(verb=verb, keys=", ".join(STATED)),
            )
        return Condition(text, "site", verb, rest[2] if len(rest) == 3 else None)
    if verb not in ("delivers", "decides"):
        guess = suggest(verb, ["delivers", "decides"])
        hint = (
            _("did you mean '{guess}'?").format(guess=guess)
            if guess
            else _("after 'not': delivers or decides")
        )
        raise ConditionError(
            _("'{text}': '{verb}' is not a verb a condition knows").format(text=text, verb=verb),
            hint,
            verb or None,
        )
    what = rest[1:]
    category = bool(what) and what[0] == "category"
    if category:
        what = what[1:]
    if len(what) != 1:
        hint = _("e.g. '{verb} barnevern' (a service id) or '{verb} category helse-og-omsorg'")
        raise ConditionError(
            _("'{text}': '{verb}' takes one service id or 'category' and one category").format(
                text=text, verb=verb
            ),
            hint.format(verb=verb),
        )
    return Condition(text, verb, "lacks" if negated else "has", what[0], category)


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
