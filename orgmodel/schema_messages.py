"""The words of a schema error about a value: what was expected, what was written, what to write.

``validate`` turns each of pydantic's errors into a diagnostic at its line and column; this module
says it (in the current language, :mod:`orgmodel.i18n`) with a hint from :mod:`orgmodel.hints`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any, get_args

from pydantic import BaseModel

from orgmodel.bounds import clip_text
from orgmodel.diagnostic import Diagnostic
from orgmodel.hints import (
    bool_hint,
    data_at,
    date_hint,
    describe,
    enum_hint,
    int_hint,
    loc_text,
    number_hint,
    or_list,
    quote_hint,
    reference_hint,
    staff_hint,
    suggest,
)
from orgmodel.i18n import N_, _
from orgmodel.loader import Document, Span
from orgmodel.schema import REFERENCES, enum_values
from orgmodel.schema_sections import FREQUENCY_TAGS, PER_YEAR
from orgmodel.scripts import latin_lookalike


def written_value(doc: Document, loc: tuple[Any, ...]) -> str | None:
    """A scalar value as written in the file (``0301``, not 301)."""
    node = doc.source.lookup(loc)[1]
    return node.text if node is not None and node.is_scalar else None


def is_piece(mapping: dict[Any, Any], key: Any, known: Iterable[str]) -> bool:
    """Whether ``key`` of a flow mapping is a piece of a value cut at ',' (a key unknown, no value).

    ``Greverud`` of ``{name: Oppegård (Kolbotn, Greverud, Sofiemyr)}`` is one.
    """
    return isinstance(key, str) and key not in known and mapping[key] is None


def misspelt(key: str, guess: str | None) -> bool:
    """Whether ``key`` is a slip in spelling ``guess`` ('budgt'), not a word that only means it ('tilsyn').

    Keys have no spaces: a key with one is text, not a misspelt key.
    """
    if guess is None or any(ch.isspace() for ch in key):
        return False
    return key.lower() == guess.lower() or bool(difflib.get_close_matches(key, [guess], n=1, cutoff=0.6))


def comma_hint(doc: Document, loc: tuple[Any, ...], span: Span, known: Iterable[str] = ()) -> str | None:
    """The hint for an unknown key that is the end of a value cut at a ',' inside ``{...}``.

    ``{id: a, name: Kultur, idrett og frivillighet, level: 2}`` is, to YAML, a name 'Kultur' and a
    key 'idrett og frivillighet' with no value: the key has no ':' after it and follows a text.
    """
    written = next((part for part in doc.parts if part.path == span.path), doc) if span.path else doc
    after = written.line_text(span.end_line)[span.end_col - 1 :].lstrip()  # in the part that holds it
    if not after.startswith((",", "}")):
        return None  # a ':' follows: a key written as a key
    mapping = doc.data
    try:
        for part in loc[:-1]:
            mapping = mapping[part]
    except (KeyError, IndexError, TypeError):
        return None
    keys = list(mapping) if isinstance(mapping, dict) else []
    at = keys.index(loc[-1]) if loc[-1] in keys else 0
    if at == 0 or mapping[loc[-1]] is not None or not isinstance(mapping[keys[at - 1]], str):
        return None
    # 'Oppegård (Kolbotn, Greverud, Sofiemyr)' is cut twice: every piece after the value is one
    pieces = [str(loc[-1])]
    for key in keys[at + 1 :]:
        if not is_piece(mapping, key, known):
            break
        pieces.append(key)
    joined = clip_text(", ".join([mapping[keys[at - 1]], *pieces]), 80)
    # Translators: {key} is a YAML key (name) and {joined} the value as the planner meant it
    return _(
        "a ',' ends a value inside {{...}}; if '{joined}' is one value, put it in quotes: {key}: \"{joined}\""
    ).format(joined=joined, key=keys[at - 1])


def missing_hint(where: tuple[Any, ...], keys: list[str]) -> str | None:
    """What to write for a unit's missing ``level``: the numbers as adopted designs count them."""
    if keys != ["level"] or not where or where[0] != "units":
        return None
    return _(
        "write the unit's level: 1 for the top team, 2 for a kommunalsjef or stabsleder, 3 for a "
        "virksomhet, 4 for an avdeling (as the model counts them); a unit outside the tree (kind: iks "
        "or external) is not judged by its level, and the shipped models give it 1"
    )


def _reference_target(loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 3 and isinstance(loc[1], int):
        return REFERENCES.get((str(loc[0]), str(loc[2])))
    return None


def where(doc: Document, loc: tuple[Any, ...]) -> str:
    """Where in the model ``loc`` is, as the planner wrote it: ``units[12] (id 'skole-1').level``."""
    return loc_text(loc, doc.data, doc.source.local(loc))


def _two_parents(loc: tuple[Any, ...], value: Any) -> bool:
    """Whether a unit's ``parent`` is a list of two or more ids (``parent: [ks-helse, ks-omsorg]``)."""
    if not (len(loc) == 3 and loc[0] == "units" and loc[-1] == "parent" and isinstance(value, list)):
        return False
    return len(value) >= 2 and all(isinstance(item, str) for item in value)


def value_message(err: Any, doc: Document) -> tuple[str, str | None]:
    """The message and hint of one pydantic error about a value, in the planner's words."""
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    at = where(doc, loc)
    ctx = err.get("ctx") or {}
    got = describe(value)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        hint = (
            (staff_hint(value) if loc and loc[-1] == "staff" else None)
            or _times_hint(doc, loc, value)
            or int_hint(value)
        )
        return _("{where}: expected a whole number, got {value}").format(where=at, value=got), hint
    if kind in ("float_type", "float_parsing"):
        return _("{where}: expected a number, got {value}").format(where=at, value=got), number_hint(value)
    if kind in ("bool_type", "bool_parsing"):
        return _("{where}: expected true or false, got {value}").format(where=at, value=got), bool_hint(value)
    if kind == "string_type":
        hint = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = written_value(doc, loc) or str(value)
            target = _reference_target(loc)
            if loc[-1] == "kommunenummer" and written.isdigit() and len(written) < 4:
                written = written.zfill(4)  # Oslo's 0301 written as 301
            hint = quote_hint(written)
            if target is not None:
                hint = reference_hint(value, written, target, doc.data)
        elif _two_parents(loc, value):  # two personnel leaders: one is a professional line
            hint = _(
                "a unit has one personnel line (parent: the leader with personnel responsibility); "
                "write the others as professional lines: functional: [{others}]"
            ).format(others=", ".join(value[1:]))
        return _("{where}: expected text, got {value}").format(where=at, value=got), hint
    if kind == "list_type":
        hint = _("write [a, b] or one '- item' per line")
        return _("{where}: expected a list, got {value}").format(where=at, value=got), hint
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        hint = None
        if loc and loc[-1] == "frequency":  # 'ukentlig', 'ved behov': how often is a number per period
            hint = _(
                "write how often as times per period, e.g. {times: 2, per: month} (per: day, week, month "
                "or year; four times a year is {times: 4, per: year}), or 'frequency: as-needed' when it "
                "meets only as needed (ved behov)"
            )
        return _("{where}: expected a mapping of 'key: value' lines, got {value}").format(
            where=at, value=got
        ), hint
    if kind == "literal_error":
        allowed = enum_values(loc)
        # pydantic's "'a', 'b' or 'c'" in the reader's language
        expected = (
            or_list([f"'{v}'" for v in allowed]) if allowed else ctx.get("expected") or _("another value")
        )
        message = _("{where}: expected {expected}, got {value}").format(
            where=at, expected=expected, value=got
        )
        return message, enum_hint(value, allowed)
    return _bounds_message(kind, loc, at, got, ctx, err)


def _times_hint(doc: Document, loc: tuple[Any, ...], value: Any) -> str | None:
    """A frequency's ``times`` as a fraction ('hver annen måned', 0.5 a month): the same, per year."""
    if len(loc) < 2 or loc[-2:] != ("frequency", "times") or not isinstance(value, float) or value <= 0:
        return None
    if value.is_integer():  # 2.0: int_hint says to write 2
        return None
    per = data_at(doc.data, (*loc[:-1], "per"))
    yearly = value * PER_YEAR[per] if isinstance(per, str) and per in PER_YEAR else None
    if yearly is not None and yearly >= 1 and abs(yearly - round(yearly)) < 1e-9:
        return _(
            "write a whole number of times over a longer period: {value} per {per} is "
            "{{times: {yearly}, per: year}}"
        ).format(value=value, per=per, yearly=round(yearly))
    return _("write a whole number of times over a longer period: every other month is {times: 6, per: year}")


def _bounds_message(
    kind: str, loc: tuple[Any, ...], where: str, got: str, ctx: dict[str, Any], err: Any
) -> tuple[str, str | None]:
    """The message of a value outside its pattern, range, length or date form (the rest of _message)."""
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "kommunenummer":
            message = _("{where}: expected the 4-digit kommunenummer, got {value}").format(
                where=where, value=got
            )
            return message, _('e.g. "3005"')
        return (
            _("{where}: {value} is not a valid id or label").format(where=where, value=got),
            _("use letters, digits, '-', '_' and '.', with no spaces"),
        )
    if kind == "mixed_script":
        return _alphabet_message(where, got, ctx, err.get("input"))
    if kind == "greater_than":  # gt: 0 itself is refused ('fte: 0' of a position)
        above = ctx.get("gt")
        return _("{where}: must be more than {least}, got {value}").format(
            where=where, least=above, value=got
        ), None
    if kind == "greater_than_equal":
        least = ctx.get("ge")
        return _("{where}: must be at least {least}, got {value}").format(
            where=where, least=least, value=got
        ), None
    if kind in ("less_than_equal", "less_than"):
        most = ctx.get("le", ctx.get("lt"))
        return _("{where}: must be at most {most}, got {value}").format(
            where=where, most=most, value=got
        ), None
    if kind == "too_short" and loc == ("units",):
        return _("units: a model needs at least one unit"), None
    if kind == "too_short" and loc and loc[-1] == "between":
        message = _("{where}: a collaboration is between at least two units, got {count}")
        return message.format(where=where, count=ctx.get("actual_length", 0)), _(
            "name the units that work together"
        )
    if kind == "string_too_short":
        return _("{where}: must not be empty").format(where=where), None
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return _("{where}: is longer than {limit} characters").format(where=where, limit=limit), None
    if kind == "period":  # a project's end: 'høsten 2011' is a month or a year in the file
        return _period_message(where, got, err.get("input"))
    if kind.startswith("date"):
        message = _("{where}: expected a date like 2020-01-01, got {value}").format(where=where, value=got)
        return message, date_hint(err.get("input"))
    return f"{where}: {clip_text(str(err['msg']), 200)}", None


def _period_message(where: str, got: str, value: Any) -> tuple[str, str | None]:
    """A project's end the file cannot read, with the year it names as the example."""
    message = _("{where}: expected a date (2021-12-31), a month (2021-12) or a year (2021), got {value}")
    worded = isinstance(value, str) and any(char.isalpha() for char in value)  # 'høsten 2011', 'innen 2012'
    year = re.search(r"(?<!\d)(19\d\d|2[01]\d\d)(?!\d)", value) if worded else None
    if year is None:
        return message.format(where=where, value=got), None
    hint = _("write the last month it may end in ({year}-12 for 'høsten {year}') or the year ({year})")
    return message.format(where=where, value=got), hint.format(year=year[1])


# Translators: adjectives for 'letters', as in 'mixes Latin and Cyrillic letters'
ALPHABETS = {
    "LATIN": N_("Latin"),
    "CYRILLIC": N_("Cyrillic"),
    "GREEK": N_("Greek"),
    "ARMENIAN": N_("Armenian"),
    "CHEROKEE": N_("Cherokee"),
    "COPTIC": N_("Coptic"),
}


def _alphabet_message(where: str, got: str, ctx: dict[str, Any], value: Any) -> tuple[str, str | None]:
    """An id in two alphabets: which, the first letter of the second, and the id in Latin letters."""
    first, other = (_(ALPHABETS.get(ctx.get(key, ""), ctx.get(key, ""))) for key in ("first", "other"))
    index = int(ctx.get("index", 0))
    char = value[index] if isinstance(value, str) and index < len(value) else "?"
    message = _(
        "{where}: {value} mixes {first} and {other} letters (the {other} letter '{char}' is character "
        "{number}), so it looks like an id it is not"
    ).format(where=where, value=got, first=first, other=other, char=char, number=index + 1)
    latin = latin_lookalike(value) if isinstance(value, str) else None
    if latin is not None:
        return message, _("write it in one alphabet: '{id}'").format(id=latin)
    return message, _("write the id in one alphabet")


def fold_numbers(errors: list[Any]) -> list[Any]:
    """A value refused by both members of a ``float | int`` field (``fte``) as one error, "a number".

    Pydantic reports each member of the union at its own tag (``fte.float``, ``fte.int``): one cause,
    one finding, at the value itself.
    """
    tagged = [tuple(e["loc"]) for e in errors if e["loc"] and e["loc"][-1] in ("float", "int")]
    both = {loc[:-1] for loc in tagged if (*loc[:-1], "float") in tagged and (*loc[:-1], "int") in tagged}
    if not both:
        return errors
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        if loc[:-1] in both and loc[-1] in ("float", "int"):
            if loc[-1] == "float":
                out.append({**err, "loc": loc[:-1], "type": "float_type"})
            continue
        out.append(err)
    return out


def fold_frequency_forms(errors: list[Any]) -> list[Any]:
    """A frequency's errors at the key itself, without the tag of its form (``frequency.frequency-times``).

    A frequency is times per period or the word ``as-needed``; pydantic names the form it read
    in an error's place, which the planner never wrote.
    """
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        if len(loc) > 3 and loc[2] == "frequency" and loc[3] in FREQUENCY_TAGS:
            err = {**err, "loc": (*loc[:3], *loc[4:])}
        out.append(err)
    return out


def fold_list_items(errors: list[Any]) -> tuple[list[Any], dict[tuple[Any, ...], int]]:
    """Errors of one kind at several items of one list, kept at the first item with how many more."""
    first: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    alike: dict[tuple[Any, ...], int] = {}
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        if loc and isinstance(loc[-1], int) and err["type"] not in ("missing", "extra_forbidden"):
            group = (*loc[:-1], err["type"], type(err.get("input")).__name__)  # a number, alike
            if group in first:
                alike[first[group]] = alike.get(first[group], 0) + 1
                continue
            first[group] = loc
        out.append(err)
    return out, alike


def key_fits(model: type[BaseModel], value: Any) -> Callable[[str], bool]:
    """Whether a key of ``model`` can hold ``value``: a yes or no needs booleans, a number numbers."""

    def fits(name: str) -> bool:
        annotation = model.model_fields[name].annotation
        accepted = get_args(annotation) or (annotation,)
        if isinstance(value, bool):
            return bool in accepted
        if isinstance(value, int | float):
            return any(kind in accepted for kind in (int, float))
        return True

    return fits


def unknown_score(doc: Document, consideration: str, known: Iterable[str]) -> Diagnostic:
    """OM021 at a key of ``scores`` that names no consideration, with did-you-mean."""
    ids = list(known)
    at: tuple[str, ...] = ("scores", consideration)
    guess = suggest(consideration, ids)
    if guess:
        hint = _("did you mean '{id}'?").format(id=guess)
    elif ids:
        hint = _("a score names a consideration by its id (such as '{id}')").format(id=ids[0])
    else:
        hint = _("list the considerations under 'considerations:' with their rank")
    return Diagnostic.at(
        doc.path,
        doc.source.span(at, key=True),
        "OM021",
        "unknown-reference",
        _("{where}: no consideration has the id '{id}'").format(where=where(doc, at), id=consideration),
        hint=hint,
        key=f"scores:{consideration}",
    )
