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
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from orgmodel.custom.grammar import other_sections_key
from orgmodel.custom.items import sections_with_key
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
    shown: str | None = None  # how the value compared with reads, when not as str(value): 'monthly'

    @property
    def breach(self) -> str:
        """What is breached, for the fingerprint: survives a changed number (``people>=``)."""
        if self.op in OPERATORS:
            return f"{self.subject}{self.op}"
        what = f"category:{self.value}" if self.category else str(self.value or "")
        return f"{self.op}:{self.subject}:{what}"

    @property
    def field(self) -> str:
        """The unit's key the finding points at."""
        if self.subject == "stated":
            return str(self.value)
        return FIELD_OF.get(self.subject, "id")


def comparison(text: str, subjects: Collection[str]) -> tuple[str, str, str] | None:
    """(left, symbol, right) of a comparison; ConditionError for a slip ('=>', '≥', a lone '=')."""
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
            return left.strip(), symbol, right.strip()
    left, equals, right = text.partition("=")
    if equals and left.strip() in subjects and right.strip():
        raise ConditionError(
            _("'{text}': '=' is no comparison").format(text=text),
            _("write '{field} == {value}'").format(field=left.strip(), value=right.strip()),
            "=",
        )
    return None


def one_value(text: str, subject: str, symbol: str, raw: str, example: str) -> None:
    """ConditionError unless ``raw`` is one value: not missing, not two conditions joined by and/or."""
    if not raw:
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


def parse(text: str) -> Condition:
    """A condition from its text; ConditionError with a did-you-mean when it does not parse."""
    words = text.split()
    if not words:
        raise ConditionError(_("the condition is empty"), _("e.g. 'staff >= 8' or 'has site knutepunkt'"))
    if words[0] in ("not", "has", "lacks", "delivers", "decides"):
        return _parse_verb(text, words)
    found = comparison(text, SUBJECTS)
    if found is not None:
        return _parse_comparison(text, *found)
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
    one_value(
        text,
        subject,
        symbol,
        raw,
        {"kind": "virksomhet", "budget": "true", "pilot": "true"}.get(subject, "8"),
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
        return _parse_has(text, verb, rest, negated)
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


def _parse_has(text: str, verb: str, rest: list[str], negated: bool) -> Condition:
    """'has site knutepunkt', 'lacks responsibility': a site (of a kind), or a key the unit writes."""
    if negated:
        key = rest[1] if len(rest) > 1 and rest[1] in STATED else "site"
        raise ConditionError(
            _("'{text}': write 'lacks {what}' for 'not has {what}'").format(text=text, what=key)
        )
    if len(rest) == 2 and rest[1] in STATED:  # the unit writes the key (or does not)
        return Condition(text, "stated", verb, rest[1])
    elsewhere = other_sections_key(rest[1]) if len(rest) == 2 else []
    if elsewhere:  # 'has steering_group': a project's key, not a unit's (tour H, item 15)
        raise elsewhere_error(text, rest[1], elsewhere, "units")
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


def elsewhere_error(text: str, key: str, elsewhere: list[str], section: str) -> ConditionError:
    """A condition naming a key of other sections than the one the rule looks at: write ``of:``."""
    message = _("'{text}': '{key}' is a key of {sections}, and this rule looks at {section}").format(
        text=text, key=key, sections=", ".join(elsewhere), section=section
    )
    looks = [name for name in elsewhere if name in sections_with_key(key, but=section)]
    if looks:
        hint = _("write 'of: {section}' for a rule on {section}").format(section=looks[0])
    else:  # a key of sites or services only: what units are judged against
        hint = _(
            "a custom rule looks at units, forums, projects, agreements, committees, positions and "
            "collaborations"
        )
    return ConditionError(message, hint, key)
