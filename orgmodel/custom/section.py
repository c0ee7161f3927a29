"""Read a ruleset's ``custom:`` section into rule classes, every mistake at its line and column."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from orgmodel.codes import CONFIG
from orgmodel.custom.checker import CustomRule
from orgmodel.custom.conditions import Condition, ConditionError, parse
from orgmodel.custom.documentation import documentation
from orgmodel.custom.grammar import (
    KEYS,
    UNIT_ONLY,
    CustomSpec,
    Example,
    placeholder_names,
    placeholders,
    where_model,
)
from orgmodel.custom.item_conditions import parse_item
from orgmodel.custom.items import LEFT_OUT, SECTION_TABLE, SECTIONS
from orgmodel.custom.naming import find_custom, taken_errors
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import describe, enum_hint, loc_text, suggest
from orgmodel.i18n import N_, _
from orgmodel.loader import Document, Span

__all__ = ["find_custom", "make_rule", "read_custom"]


def _error(
    doc: Document, loc: tuple[Any, ...], message: str, hint: str | None = None, key: bool = False
) -> Diagnostic:
    return Diagnostic.at(doc.path, doc.source.span(loc, key=key), *CONFIG, message, hint=hint)


def read_custom(
    doc: Document, earlier: dict[str, type[CustomRule]]
) -> tuple[list[type[CustomRule]], list[Diagnostic]]:
    """The rules of ``doc``'s ``custom:`` list, and the problems with it (none: every rule is valid).

    ``earlier`` holds the custom rules of the rulesets ``doc`` extends: a code
    or name one of them has, or a registered rule has, is an error.
    """
    entries = doc.data.get("custom") if isinstance(doc.data, dict) else None
    if entries is None:
        return [], []
    if not isinstance(entries, list):
        hint = _("each rule is an entry starting with '- code: ...'")
        message = _("custom: expected a list of rules, got {what}").format(what=describe(entries))
        return [], [_error(doc, ("custom",), message, hint)]
    made: list[type[CustomRule]] = []
    problems: list[Diagnostic] = []
    mine: dict[str, str] = {}
    for index, entry in enumerate(entries):
        base = ("custom", index)
        if not isinstance(entry, dict):
            message = _("custom[{index}]: expected a rule (code, name, summary, ...), got {what}").format(
                index=index, what=describe(entry)
            )
            problems.append(_error(doc, base, message))
            continue
        label, section = _label(base, entry), _section(entry)
        found = _spec_errors(doc, base, entry, section)
        conditions, more = _conditions(doc, base, label, entry, section)
        found += more + _text_errors(doc, base, label, entry, section)
        found += taken_errors(doc, base, entry, earlier, mine)
        problems += found
        if not found:
            spec = CustomSpec.model_validate(entry)
            line = doc.source.span((*base, "code")).line
            made.append(make_rule(spec, conditions, f"{doc.path}:{line}"))
    return made, problems


def make_rule(spec: CustomSpec, conditions: tuple[Condition, ...], defined_in: str) -> type[CustomRule]:
    """The rule class of one custom rule (a class per rule, so it lists and explains like a built-in)."""
    selector = where_model(spec.of).model_validate(spec.where)
    attrs = {
        "code": spec.code,
        "name": spec.name,
        "severity": Severity(spec.severity),
        "spec": spec,
        "selector": selector,
        "conditions": conditions,
        "defined_in": defined_in,
        "__doc__": documentation(spec, defined_in, selector, conditions),
    }
    return type(f"Custom{spec.code}", (CustomRule,), attrs)


def _section(entry: dict[str, Any]) -> str | None:
    """The section the rule looks at: its ``of:`` (``units`` when not written); None for a wrong one."""
    section = entry.get("of", "units")
    return section if isinstance(section, str) and section in SECTIONS else None


def _spec_errors(
    doc: Document, base: tuple[Any, ...], entry: dict[str, Any], section: str | None
) -> list[Diagnostic]:
    from orgmodel.wording import plain, strict_errors

    label = _label(base, entry)
    out: dict[tuple[Any, ...], Diagnostic] = {}
    found = strict_errors(CustomSpec, entry)
    where = entry.get("where")
    if isinstance(where, dict) and section is not None:  # by the section's own keys
        found += [
            {**err, "loc": ("where", *err["loc"])} for err in strict_errors(where_model(section), where)
        ]
    errors = [(err, _clean(entry, tuple(err["loc"]), err["type"])) for err in found]
    for err, loc in errors:
        if err["type"].endswith("_type") and any(
            len(o) > len(loc) and o[: len(loc)] == loc for _, o in errors
        ):
            continue  # a union's other branch (text instead of a mapping): the deeper error says more
        if loc in out:
            continue
        extra = err["type"] == "extra_forbidden"
        if err["type"] == "missing" and any(
            e["type"] == "extra_forbidden" and o[:-1] == loc[:-1] for e, o in errors
        ):
            continue  # a misspelt key is a missing one too: its did-you-mean says both
        message, hint = plain(err, _options(loc[:-1], section) if extra else ())
        if loc == ("of",):
            message, hint = _of_error(entry.get("of"), message, hint)
        elif extra and not loc[:-1]:
            guess = suggest(str(loc[-1]), KEYS)
            message = _("has no key '{key}' (a custom rule's keys: {keys})").format(
                key=loc[-1], keys=", ".join(KEYS)
            )
            hint = _("did you mean '{guess}'?").format(guess=guess) if guess else None
        elif err["type"] == "missing":
            message = _("'{key}' is required").format(key=loc[-1])
            missing = _MISSING_HINTS.get(str(loc[-1]))
            hint = hint or (_(missing) if missing else None)
        elif err["type"] == "string_pattern_mismatch" and str(loc[-1]) in _PATTERNS:
            message, hint = (_(text) for text in _PATTERNS[str(loc[-1])])
        place = f"{label}.{loc_text(loc)}" if loc else label
        key = extra or err["type"] == "missing"
        out[loc] = _error(doc, (*base, *loc), f"{place}: {message}", hint, key=key)
    if section is not None and isinstance(where, dict):
        wrong = _where_values(doc, base, label, where, section, {loc[:2] for loc in out})
        return list(out.values()) + wrong
    return list(out.values())


def _of_error(value: Any, message: str, hint: str | None) -> tuple[str, str | None]:
    """A section a custom rule does not look at (sites: what units are judged against), or a slip."""
    if isinstance(value, str) and value in LEFT_OUT:
        message = _("'{section}' is not a section a custom rule looks at ({sections})").format(
            section=value, sections=", ".join(SECTIONS)
        )
        hint = _(
            "kommunedeler, sites, services, personas and considerations are what units are judged against: "
            "write the rule on units ('has site knutepunkt', 'delivers category oppvekst')"
        )
        return message, hint
    guess = suggest(value, SECTIONS) if isinstance(value, str) else None  # 'møteplasser': forums
    return message, (_("did you mean '{guess}'?").format(guess=guess) if guess else hint)


def _where_values(
    doc: Document,
    base: tuple[Any, ...],
    label: str,
    where: dict[str, Any],
    section: str,
    reported: set[tuple[Any, ...]],
) -> list[Diagnostic]:
    """A ``where`` value no item of the section can have (a forum's kind 'ledergrupe'), at the value.

    ``reported``: the paths (``("where", "kind")``) pydantic found wrong already.
    """
    problems = []
    table = SECTION_TABLE.get(section)
    for key, allowed in table.enums.items() if table else ():
        wanted = where.get(key)
        if ("where", key) in reported:
            continue
        patterns = wanted if isinstance(wanted, list) else [wanted] if wanted is not None else []
        for position, pattern in enumerate(patterns):
            if not isinstance(pattern, str) or any(fnmatchcase(value, pattern) for value in allowed):
                continue
            loc = (*base, "where", key, *((position,) if isinstance(wanted, list) else ()))
            message = _("{where}: '{value}' is not a value of {key} ({values})").format(
                where=f"{label}.where.{key}", value=pattern, key=key, values=", ".join(allowed)
            )
            problems.append(_error(doc, loc, message, enum_hint(pattern, allowed)))
    return problems


def _options(parent: tuple[Any, ...], section: str | None) -> list[str]:
    """The keys the mapping at ``parent`` (a path in one custom rule) may have."""
    if parent[:1] == ("where",):
        return list(where_model(section or "units").model_fields)
    if parent[:1] == ("examples",):
        return ["pass", "fail"] if len(parent) == 1 else list(Example.model_fields)
    return list(KEYS)


_MISSING_HINTS = {
    "code": N_("your own prefix and a number, e.g. code: OPP001"),
    "name": N_("kebab-case, e.g. name: oppvekst-robust-virksomhet"),
    "summary": N_("one sentence: what every matching unit must be"),
}
_PATTERNS = {
    "code": (
        N_("a code is capital letters then digits, e.g. OPP001"),
        N_("choose your own prefix: OM is orgmodel's"),
    ),
    "name": (
        N_("a name is kebab-case: small letters, digits and '-'"),
        N_("e.g. oppvekst-robust-virksomhet"),
    ),
}


def _label(base: tuple[Any, ...], entry: dict[str, Any]) -> str:
    code = entry.get("code")
    return f"custom[{base[1]}]" + (f" ({code})" if isinstance(code, str) and len(code) < 20 else "")


def _clean(data: Any, loc: tuple[Any, ...], kind: str) -> tuple[Any, ...]:
    """The data path of an error: pydantic's union tags ('str', 'list[str]', 'Example') left out."""
    out: list[Any] = []
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if part == "[key]":
            continue
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if in_list or (isinstance(data, dict) and part in data):
            data = data[part]
        elif not (last and kind in ("missing", "extra_forbidden")):
            continue
        out.append(part)
    return tuple(out)


def _conditions(
    doc: Document, base: tuple[Any, ...], label: str, entry: dict[str, Any], section: str | None
) -> tuple[tuple[Condition, ...], list[Diagnostic]]:
    """The parsed ``require:`` lines (a line that is no text is pydantic's to report; a wrong ``of:`` too)."""
    parsed, problems = [], []
    require = entry.get("require")
    for index, text in enumerate(require if isinstance(require, list) and section else []):
        if not isinstance(text, str):
            continue
        try:
            parsed.append(parse(text) if section == "units" else parse_item(text, str(section)))
        except ConditionError as error:
            where, loc = f"{label}.require[{index}]", (*base, "require", index)
            span = _inside(doc, loc, text, error.word) or doc.source.span(loc)
            problems.append(Diagnostic.at(doc.path, span, *CONFIG, f"{where}: {error}", hint=error.hint))
    if not require and entry.get("at_most") is None:
        message = _("{rule}: the rule has neither 'require:' nor 'at_most:', so it can find nothing").format(
            rule=label
        )
        hint = _("add require: [budget == true], for example")
        problems.append(_error(doc, (*base, "code" if "code" in entry else "require"), message, hint))
    return tuple(parsed), problems


def _inside(doc: Document, loc: tuple[Any, ...], text: str, word: str | None) -> Span | None:
    """The span of ``word`` inside the one-line scalar at ``loc`` (None: no word, or no exact place)."""
    _key, node = doc.source.lookup(loc)
    if word is None or node is None or not node.is_scalar:
        return None
    at = node.span
    if at.line != at.end_line:
        return None
    quote = 1 if node.style in ("'", '"') else 0
    offset = text.find(word)
    if offset < 0 or at.end_col - at.col != len(text) + 2 * quote:
        return None  # an escape or a folded line: the text is not the source character for character
    line, col = at.line, at.col + quote + offset
    return Span(line, col, line, col + len(word))


def _text_errors(
    doc: Document, base: tuple[Any, ...], label: str, entry: dict[str, Any], section: str | None
) -> list[Diagnostic]:
    """Unknown placeholders in ``message`` and ``hint``, at the text that uses them."""
    problems = []
    known = placeholder_names(section or "units")
    for key in ("message", "hint"):
        text = entry.get(key)
        if not isinstance(text, str):
            continue
        where = f"{label}.{key}"
        try:
            names = placeholders(text)
        except ValueError as error:
            hint = _("write a literal brace twice: {{ or }}")
            problems.append(_error(doc, (*base, key), f"{where}: {error}", hint))
            continue
        for name in names:
            if name not in known:
                guess = name.replace("unit", "item", 1) if name in UNIT_ONLY else suggest(name, known)
                # {unit.level}: an item has no level; {item.kind}: a project has no kind
                guess = guess if guess in known and not name.startswith("item.") else None
                hint = (
                    _("did you mean '{guess}'?").format(guess="{" + guess + "}")
                    if guess
                    else _("placeholders: {names}").format(names=", ".join(known))
                )
                message = _("{where}: unknown placeholder {placeholder}").format(
                    where=where, placeholder="{" + name + "}"
                )
                if name in UNIT_ONLY and section != "units":
                    message = _(
                        "{where}: {placeholder} names a unit, and this rule looks at {section}"
                    ).format(where=where, placeholder="{" + name + "}", section=section)
                problems.append(_error(doc, (*base, key), message, hint))
    return problems
