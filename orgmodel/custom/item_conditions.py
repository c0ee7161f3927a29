"""The conditions of a custom rule on forums, projects, agreements, committees, positions or collaborations.

Written as a planner says them, like a unit's (``orgmodel.custom.conditions``)::

    has mandate                      # the item writes the key (lacks: it does not)
    members >= 3                     # a list's entries counted, compared with a number
    parties include employees        # a list holds a value (includes, for a singular key)
    frequency >= monthly             # as times a year: daily (250), weekly, monthly, quarterly, yearly
    frequency >= 2 per month
    kind == ledergruppe              # a word or an id, == or !=
    fte >= 0.5                       # a position's årsverk (decimals) or staff
    personnel == false
    ends <= 2021-12-31               # a project's end
"""

from __future__ import annotations

import re

from orgmodel.custom.conditions import Condition, ConditionError, comparison, elsewhere_error, one_value
from orgmodel.custom.items import SECTION_TABLE, Section, section_keys, sections_with_key
from orgmodel.hints import enum_hint, suggest
from orgmodel.i18n import _
from orgmodel.schema_period import Period, parse_period

FREQUENCY_WORDS = {"daily": 250, "weekly": 52, "monthly": 12, "quarterly": 4, "yearly": 1}
"""A frequency compared with a word, as times a year (250 working days, as OM277 counts them)."""
_FREQUENCY_SLIPS = {
    "daglig": "daily",
    "ukentlig": "weekly",
    "månedlig": "monthly",
    "kvartalsvis": "quarterly",
    "årlig": "yearly",
    "annually": "yearly",
    "annual": "yearly",
}
_PER_YEAR = {"day": 250, "week": 52, "month": 12, "year": 1}
_TIMES = re.compile(r"([0-9]{1,4}) +(?:times? +)?(?:per|a) +(day|week|month|year)")
INCLUDE = ("include", "includes")


def parse_item(text: str, section: str) -> Condition:
    """A condition on the items of ``section`` from its text; ConditionError with a did-you-mean."""
    table = SECTION_TABLE[section]
    words = text.split()
    if not words:
        raise ConditionError(_("the condition is empty"), _example(table))
    if words[0] in ("has", "lacks", "not"):
        return _parse_has(text, words, table)
    if len(words) > 1 and words[1] in INCLUDE:
        return _parse_include(text, words, table)
    found = comparison(text, table.compared)
    if found is not None:
        return _parse_comparison(text, *found, table)
    guess = suggest(words[0], [*table.compared, "has", "lacks"])
    hint = _("did you mean '{guess}'?").format(guess=guess) if guess else _example(table)
    message = _("'{text}' is not a condition: no comparison (==, !=, <, <=, >, >=) and no verb").format(
        text=text
    )
    raise ConditionError(message, hint, words[0])


EXAMPLES = {
    "forums": ("has mandate", "frequency >= monthly"),
    "projects": ("has steering_group", "parties include employees"),
    "agreements": ("has host", "units >= 1"),
    "committees": ("has description", "units >= 1"),
    "positions": ("has professional_to", "fte >= 0.5"),
    "collaborations": ("has purpose", "frequency >= weekly"),
}
"""Two conditions of each section, for hints."""


def _example(table: Section) -> str:
    first, second = EXAMPLES[table.name]
    return _("e.g. '{first}' or '{second}'").format(first=first, second=second)


def _unknown_key(text: str, key: str, table: Section, keys: list[str]) -> ConditionError:
    """A key the section's items do not have: the sections that have it, or the closest of its own."""
    elsewhere = sections_with_key(key, but=table.name)
    if elsewhere:
        return elsewhere_error(text, key, elsewhere, table.name)
    guess = suggest(key, keys)
    hint = (
        _("did you mean '{guess}'?").format(guess=guess)
        if guess
        else _("the keys of {section}: {keys}").format(section=table.name, keys=", ".join(keys))
    )
    return ConditionError(
        _("'{text}': {section} have no key '{key}'").format(text=text, section=table.name, key=key), hint, key
    )


def _parse_has(text: str, words: list[str], table: Section) -> Condition:
    """'has mandate', 'lacks steering_group': whether the item writes the key (a project: or inherits it)."""
    keys = section_keys(table.name)
    if words[0] == "not":
        key = words[2] if len(words) > 2 else (words[1] if len(words) > 1 else "KEY")
        raise ConditionError(
            _("'{text}': write 'lacks {what}' for 'not has {what}'").format(text=text, what=key)
        )
    verb = words[0]
    if len(words) != 2:
        lists = table.lists or ("members",)
        hint = _(
            "'{verb} KEY' asks whether it writes KEY; a list holds a value: '{key} include VALUE'"
        ).format(verb=verb, key=lists[0])
        raise ConditionError(
            _("'{text}': '{verb}' takes one key of {section}").format(
                text=text, verb=verb, section=table.name
            ),
            hint,
        )
    if words[1] not in keys:
        raise _unknown_key(text, words[1], table, keys)
    return Condition(text, "stated", verb, words[1])


def _parse_include(text: str, words: list[str], table: Section) -> Condition:
    """'parties include employees', 'steering_group includes htv-fo': a value in a list."""
    key = words[0]
    if key not in table.lists:
        keys = section_keys(table.name)
        if key not in keys:
            raise _unknown_key(text, key, table, list(table.lists) or keys)
        lists = ", ".join(table.lists) or _("none")
        raise ConditionError(
            _("'{text}': {key} is no list; '{verb}' asks what a list holds (the lists: {lists})").format(
                text=text, key=key, verb=words[1], lists=lists
            ),
            _("write '{key} == {value}'").format(key=key, value=words[2]) if len(words) == 3 else None,
            key,
        )
    if len(words) != 3:
        raise ConditionError(
            _("'{text}': '{verb}' takes one value").format(text=text, verb=words[1]),
            _("e.g. '{key} {verb} {value}'").format(key=key, verb=words[1], value=_an_entry(table, key)),
        )
    return Condition(text, key, "includes", _enum_value(text, table, key, words[2]))


def _an_entry(table: Section, key: str) -> str:
    allowed = table.enums.get(key)
    return allowed[0] if allowed else "ID"


def _enum_value(text: str, table: Section, key: str, value: str) -> str:
    """``value`` when ``key`` takes any word, or one of its values; else ConditionError with the right one."""
    allowed = table.enums.get(key)
    if allowed is None or value in allowed:
        return value
    message = _("'{text}': '{value}' is not a value of {key} ({values})").format(
        text=text, value=value, key=key, values=", ".join(allowed)
    )
    raise ConditionError(message, enum_hint(value, allowed), value)


def _parse_comparison(text: str, subject: str, symbol: str, raw: str, table: Section) -> Condition:
    if subject not in table.compared:
        keys = section_keys(table.name)
        if subject in keys:
            raise ConditionError(
                _("'{text}': {key} is not compared; ask whether it is written: 'has {key}'").format(
                    text=text, key=subject
                ),
                _("the keys a condition compares: {keys}").format(keys=", ".join(table.compared)),
                subject,
            )
        raise _unknown_key(text, subject, table, list(table.compared) or keys)
    one_value(text, subject, symbol, raw, _sample(table, subject))
    if subject in table.flags or subject in table.words:
        if symbol not in ("==", "!="):
            raise ConditionError(
                _("'{text}': {field} is a word; compare it with == or !=").format(text=text, field=subject)
            )
        if subject in table.words:
            return Condition(text, subject, symbol, _enum_value(text, table, subject, raw))
        if raw not in ("true", "false"):
            raise ConditionError(
                _("'{text}': {field} is true or false").format(text=text, field=subject),
                _("write '{field} == true'").format(field=subject),
                raw,
            )
        return Condition(text, subject, symbol, raw == "true")
    if subject in table.dates:
        return Condition(text, subject, symbol, _date(text, subject, raw))
    if subject == "frequency":
        return Condition(text, subject, symbol, _times_a_year(text, raw), shown=raw)
    return Condition(text, subject, symbol, _number(text, subject, raw, subject in table.decimals))


def _sample(table: Section, subject: str) -> str:
    if subject == "frequency":
        return "monthly"
    if subject in table.dates:
        return "2025-12-31"
    if subject in table.flags:
        return "true"
    allowed = table.enums.get(subject)
    if subject in table.words:
        return allowed[0] if allowed else "ID"
    return "1"


def _number(text: str, subject: str, raw: str, decimal: bool) -> int | float:
    if raw.isascii() and raw.isdigit():
        return int(raw)
    if decimal and re.fullmatch(r"[0-9]{1,9}\.[0-9]{1,6}", raw):
        return float(raw)
    hint = None
    if re.fullmatch(r"[0-9]{1,9},[0-9]{1,6}", raw):
        hint = _("a decimal is written with '.', not ','")
    message = (
        _("'{text}': {field} is compared with a number, got '{value}'")
        if decimal
        else _("'{text}': {field} is compared with a whole number, got '{value}'")
    )
    raise ConditionError(message.format(text=text, field=subject, value=raw), hint, raw)


def _date(text: str, subject: str, raw: str) -> Period:
    """A day, a month or a year to compare a project's end with, as ``ends`` itself is written."""
    try:
        return parse_period(raw)
    except ValueError:
        raise ConditionError(
            _("'{text}': {field} is compared with a date, got '{value}'").format(
                text=text, field=subject, value=raw
            ),
            _("write a date (2025-12-31), a month (2025-12) or a year (2025)"),
            raw,
        ) from None


def _times_a_year(text: str, raw: str) -> int:
    """A frequency as times a year: 'monthly' is 12, '2 per month' 24, 'weekly' 52, 'daily' 250."""
    word = raw.lower()
    if word in FREQUENCY_WORDS:
        return FREQUENCY_WORDS[word]
    found = _TIMES.fullmatch(word)
    if found:
        return int(found.group(1)) * _PER_YEAR[found.group(2)]
    meant = _FREQUENCY_SLIPS.get(word) or suggest(word, list(FREQUENCY_WORDS))
    raise ConditionError(
        _(
            "'{text}': a frequency is compared with daily, weekly, monthly, quarterly, yearly or "
            "'N per day|week|month|year', got '{value}'"
        ).format(text=text, value=raw),
        _("did you mean '{guess}'?").format(guess=meant) if meant else _("e.g. 'frequency >= 2 per month'"),
        raw,
    )
