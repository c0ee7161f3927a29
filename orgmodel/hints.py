"""Hints that lead somewhere: did-you-mean for keys and values, Norwegian words, values as written.

A hint names what to write, and following it never leads straight to the
next error: a number where an id is expected suggests the id with that
number, a quoted number suggests the number, ``yes`` suggests ``true``, a
Norwegian status or section name suggests the format's word.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from orgmodel.bounds import clip_text, nearest
from orgmodel.hint_words import (
    BOOL_WORDS,
    KEY_SYNONYMS,
    MORE_SYNONYMS,
    NUMBER_WORDS,
    RULE_SYNONYMS,
    VALUE_SYNONYMS,
)
from orgmodel.i18n import N_, _


def suggest(word: str, choices: Iterable[str], fits: Callable[[str], bool] | None = None) -> str | None:
    """The closest choice to a misspelt word (Norwegian words and case slips too), or None.

    Of a Norwegian word's keys, the first that ``fits`` the value ('budsjett: true': 'budget').
    """
    if len(word) > 100:
        return None
    options = nearest(word, list(choices))
    lower = word.lower()
    synonyms = (*KEY_SYNONYMS.get(lower, ()), *RULE_SYNONYMS.get(lower.replace(" ", "-"), ()))
    known = [c for c in synonyms if c in options]
    if known:
        return next((c for c in known if fits is None or fits(c)), known[0])
    for option in options:
        if option.lower() == lower:
            return option
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def enum_hint(value: Any, allowed: Iterable[str]) -> str | None:
    """Did-you-mean for a value of an enumeration (case slips, Norwegian words, misspellings)."""
    if not isinstance(value, str) or len(value) > 100:
        return None
    options = list(allowed)
    word = VALUE_SYNONYMS.get(value.strip().lower())
    if word not in options:
        word = MORE_SYNONYMS.get(value.strip().lower())
    if word in options:
        return did_you_mean(word)
    guess = suggest(value.strip(), options)
    return did_you_mean(guess) if guess else _("write one of {choices}").format(choices=", ".join(options))


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' in the current language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def or_list(items: list[str]) -> str:
    """'a', 'a or b', 'a, b or c' in the current language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


def did_you_mean(guess: str) -> str:
    """The hint that names the word a slip probably meant."""
    return _("did you mean '{guess}'?").format(guess=guess)


def int_hint(value: Any) -> str | None:
    """What to write for a value where a whole number is expected."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?[0-9]{1,20}", text):
            return _("write {value} without quotes").format(value=int(text))
        if text.lower() in NUMBER_WORDS:
            return _("write {value}").format(value=NUMBER_WORDS[text.lower()])
        about = re.fullmatch(r"(?:ca\.?|cirka|omtrent|om lag|rundt|~|about)\s*([0-9]{1,15})", text, re.I)
        if about:  # 'ca. 46': an estimate is written as the number
            return _("write the number alone: {value}").format(value=int(about.group(1)))
        leading = re.fullmatch(r"([0-9]{1,15})\s+\S.*", text)  # '24 årsverk', '30 ansatte'
        if leading:
            return _("write the number alone: {value}").format(value=int(leading.group(1)))
        if re.fullmatch(r"[0-9]{1,15},[0-9]{1,6}", text):  # the Norwegian decimal comma
            return _("a whole number is expected here; a decimal is written with '.', not ','")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return _("write {value}").format(value=int(value))
    return None


MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def date_hint(value: Any) -> str | None:
    """The ISO date for a date written the Norwegian way: '01.01.2025', '1/1/2025', '1. januar 2025'."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    found = re.fullmatch(r"([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4})", text)
    if found:
        day, month, year = (int(part) for part in found.groups())
    else:
        worded = re.fullmatch(r"([0-9]{1,2})\.?\s+([a-zæøå]+)\.?\s+([0-9]{4})", text)
        names = [name for name in MONTHS if worded and name.startswith(worded.group(2)[:3])]
        if not worded or len(names) != 1:
            return None
        day, month, year = int(worded.group(1)), MONTHS.index(names[0]) + 1, int(worded.group(3))
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return _("write {value} (year-month-day)").format(value=iso)


def number_hint(value: Any) -> str | None:
    """What to write for a value where a number (a decimal too) is expected."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?[0-9]{1,15}(\.[0-9]{1,6})?", text):
            return _("write {value} without quotes").format(value=text)
        if re.fullmatch(r"[0-9]{1,15},[0-9]{1,6}", text):
            return _("write {value}: a decimal is written with '.', not ','").format(
                value=text.replace(",", ".")
            )
        leading = re.fullmatch(r"([0-9]{1,15}(?:[.,][0-9]{1,6})?)\s+\S.*", text)
        if leading:
            return _("write the number alone: {value}").format(value=leading.group(1).replace(",", "."))
    return None


def staff_hint(value: Any) -> str | None:
    """What to write for ``staff`` given a decimal (årsverk rather than people): ``fte`` holds those."""
    decimal = isinstance(value, float) or (
        isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,15}[.,][0-9]{1,6}\s*", value) is not None
    )
    if not decimal:
        return None
    shown = str(value).strip().replace(",", ".")
    return _("staff counts people, a whole number; årsverk go under 'fte: {value}'").format(value=shown)


def bool_hint(value: Any) -> str | None:
    """What to write for a value where true or false is expected."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "false"):
            return _("write {value} without quotes").format(value=text)
        if text in BOOL_WORDS:
            word = "true" if BOOL_WORDS[text] else "false"
            return _("write {value} (orgmodel reads YAML 1.2: '{written}' is text)").format(
                value=word, written=clip_text(value, 20)
            )
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return _("write {value}").format(value="true" if value else "false")
    return None


# the thing a collection of the model holds, as a hint names it
_NOUNS = {
    "units": N_("the unit"),
    "sites": N_("the site"),
    "services": N_("the service"),
    "kommunedeler": N_("the kommunedel"),
}


def reference_hint(value: Any, written: str, target: str, data: Any) -> str:
    """For a number where an id is expected: the id with that number, when there is one."""
    items = data.get(target) if isinstance(data, dict) else None
    items = items if isinstance(items, list) else []
    ids: list[str] = [
        item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]
    if isinstance(value, int) and not isinstance(value, bool):
        numbered = [
            item["id"]
            for item in items
            if isinstance(item, dict) and item.get("number") == value and isinstance(item.get("id"), str)
        ]
        pattern = re.compile(rf"(?:\D|^)0*{value}\Z")
        matches = numbered or [i for i in ids if pattern.search(i) and not i.isdigit()]
        if len(matches) == 1:
            return _("write the id: '{id}'").format(id=clip_text(matches[0]))
    if written in ids:
        return quote_hint(written)
    what = _(_NOUNS[target]) if target in _NOUNS else target
    if ids:
        return _("name {what} by its id (such as '{id}'), not by a number").format(
            what=what, id=clip_text(ids[0])
        )
    return _("name {what} by its id, not by a number").format(what=what)


def quote_hint(written: str) -> str:
    """The hint to quote a value YAML read as something else than text."""
    return _('put it in quotes: "{value}"').format(value=clip_text(written))


def loc_text(loc: Iterable[Any], data: Any = None, written: Iterable[Any] | None = None) -> str:
    """``("units", 12, "level")`` as ``units[12].level`` (long keys clipped).

    With the file's ``data``, a list item that has an id is named by it too,
    as a planner knows it: ``units[12] (id 'skole-1').level``. ``written``
    is the same path as the file numbers its entries (a part file of a
    merged model numbers its own); ``loc`` then walks ``data``.
    """
    out = ""
    node = data
    for part, shown in zip(loc, loc if written is None else written, strict=False):
        node = data_child(node, part)
        if isinstance(part, int):
            ident = node.get("id") if isinstance(node, dict) else None
            out += f"[{shown}]" + (f" (id '{clip_text(ident, 40)}')" if isinstance(ident, str) else "")
        else:
            out += f".{clip_text(str(shown))}" if out else clip_text(str(shown))
    return out or _("the file")


def data_child(node: Any, part: Any) -> Any:
    """The item ``part`` of a list or mapping the loader built (an index or a key); None when absent."""
    in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
    if in_list or (isinstance(node, dict) and part in node):
        return node[part]
    return None


def data_at(data: Any, loc: Iterable[Any]) -> Any:
    """The value at data path ``loc`` of what the loader built; None when the path is not there."""
    for part in loc:
        data = data_child(data, part)
        if data is None:
            return None
    return data


def describe(value: Any) -> str:
    """A value as a planner would read it in a message (long text clipped with '…')."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return f"'{clip_text(value)}'"
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


def kind_of(value: Any) -> str:
    """What a value is, without quoting it (for files that may not be models at all)."""
    if isinstance(value, bool) or value is None:
        return "true/false" if value is not None else _("empty")
    if isinstance(value, int | float):
        return _("a number")
    return _("text") if isinstance(value, str) else describe(value)
