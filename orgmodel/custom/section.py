"""Read a ruleset's ``custom:`` section into rule classes, every mistake at its line and column."""

from __future__ import annotations

from typing import Any

from orgmodel.codes import CONFIG
from orgmodel.custom.checker import CustomRule
from orgmodel.custom.conditions import Condition, ConditionError, parse
from orgmodel.custom.grammar import KEYS, PLACEHOLDERS, CustomSpec, Example, Where, placeholders
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import describe, loc_text, suggest
from orgmodel.i18n import N_, _, ngettext
from orgmodel.loader import Document, Span


def _error(
    doc: Document, loc: tuple[Any, ...], message: str, hint: str | None = None, key: bool = False
) -> Diagnostic:
    return Diagnostic.at(doc.path, doc.source.span(loc, key=key), *CONFIG, message, hint=hint)


def find_custom(custom: dict[str, type[CustomRule]], key: str) -> type[CustomRule] | None:
    """A custom rule by its code (case-insensitive) or name."""
    key = key.strip()
    return custom.get(key.upper()) or next((c for c in custom.values() if c.name == key.lower()), None)


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
        label = _label(base, entry)
        found = _spec_errors(doc, base, entry)
        conditions, more = _conditions(doc, base, label, entry)
        found += more + _text_errors(doc, base, label, entry)
        found += _taken_errors(doc, base, entry, earlier, mine)
        problems += found
        if not found:
            spec = CustomSpec.model_validate(entry)
            line = doc.source.span((*base, "code")).line
            made.append(make_rule(spec, conditions, f"{doc.path}:{line}"))
    return made, problems


def make_rule(spec: CustomSpec, conditions: tuple[Condition, ...], defined_in: str) -> type[CustomRule]:
    """The rule class of one custom rule (a class per rule, so it lists and explains like a built-in)."""
    attrs = {
        "code": spec.code,
        "name": spec.name,
        "severity": Severity(spec.severity),
        "spec": spec,
        "conditions": conditions,
        "defined_in": defined_in,
        "__doc__": documentation(spec, defined_in),
    }
    return type(f"Custom{spec.code}", (CustomRule,), attrs)


def documentation(spec: CustomSpec, defined_in: str) -> str:
    """What ``orgmodel explain`` prints: the summary, the description, and the rule as written."""
    lines = [spec.summary, ""]
    if spec.description:
        lines += [spec.description.strip(), ""]
    lines.append(_("A custom rule, declared in {place}.").format(place=defined_in))
    where = spec.where.model_dump(exclude_none=True)
    lines.append(_("It checks every unit") if not where else _("It checks the units where:"))
    lines += [f"  {key}: {value}" for key, value in where.items()]
    if spec.require:
        lines.append(_("Each of them must satisfy (one finding per broken condition):"))
        lines += [f"  - {text}" for text in spec.require]
        stated = [text for text in spec.require if _asks_a_key(text)]
        if spec.required:
            lines.append(_("A condition on a field a unit does not state is broken."))
        elif len(stated) < len(spec.require):
            lines.append(
                _("A condition on a field a unit does not state is not broken (the unit does not say).")
            )
        if stated:  # 'has responsibility': whether the unit writes the key is the question
            lines.append(
                _("'has KEY' is broken by a unit that does not write KEY; 'lacks KEY' by one that does.")
            )
    if spec.at_most is not None:
        lines.append(
            ngettext(
                "At most {count} unit may match.", "At most {count} units may match.", spec.at_most
            ).format(count=spec.at_most)
        )
    for kind in ("fail", "pass"):
        snippets = spec.examples.fail if kind == "fail" else spec.examples.pass_
        if snippets:
            first = snippets[0] if isinstance(snippets[0], str) else snippets[0].model
            title = _("Anti-pattern") if kind == "fail" else _("Best practice")
            lines += ["", f"{title}::", "", *("    " + line for line in first.rstrip().splitlines())]
    return "\n".join(lines)


def _spec_errors(doc: Document, base: tuple[Any, ...], entry: dict[str, Any]) -> list[Diagnostic]:
    from orgmodel.wording import plain, strict_errors

    label = _label(base, entry)
    out: dict[tuple[Any, ...], Diagnostic] = {}
    errors = [
        (err, _clean(entry, tuple(err["loc"]), err["type"])) for err in strict_errors(CustomSpec, entry)
    ]
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
        message, hint = plain(err, _options(loc[:-1]) if extra else ())
        if extra and not loc[:-1]:
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
        where = f"{label}.{loc_text(loc)}" if loc else label
        key = extra or err["type"] == "missing"
        out[loc] = _error(doc, (*base, *loc), f"{where}: {message}", hint, key=key)
    return list(out.values())


def _options(parent: tuple[Any, ...]) -> list[str]:
    """The keys the mapping at ``parent`` (a path in one custom rule) may have."""
    if parent[:1] == ("where",):
        return list(Where.model_fields)
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
    doc: Document, base: tuple[Any, ...], label: str, entry: dict[str, Any]
) -> tuple[tuple[Condition, ...], list[Diagnostic]]:
    """The parsed ``require:`` lines (a line that is no text is pydantic's to report)."""
    parsed, problems = [], []
    require = entry.get("require")
    for index, text in enumerate(require if isinstance(require, list) else []):
        if not isinstance(text, str):
            continue
        try:
            parsed.append(parse(text))
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


def _text_errors(doc: Document, base: tuple[Any, ...], label: str, entry: dict[str, Any]) -> list[Diagnostic]:
    """Unknown placeholders in ``message`` and ``hint``, at the text that uses them."""
    problems = []
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
            if name not in PLACEHOLDERS:
                guess = suggest(name, list(PLACEHOLDERS))
                hint = (
                    _("did you mean '{guess}'?").format(guess="{" + guess + "}")
                    if guess
                    else _("placeholders: {names}").format(names=", ".join(PLACEHOLDERS))
                )
                message = _("{where}: unknown placeholder {placeholder}").format(
                    where=where, placeholder="{" + name + "}"
                )
                problems.append(_error(doc, (*base, key), message, hint))
    return problems


def _custom_holder(code: object, name: object, place: str) -> str:
    return _("the custom rule {code} {name} ({place})").format(code=code, name=name, place=place)


def _taken(earlier: dict[str, type[CustomRule]], key: str) -> str | None:
    """Who already has a code or name ('the rule OM120 span-of-control'), or None."""
    from orgmodel.codes import BUILTIN
    from orgmodel.rule import find_rule

    cls = find_rule(key)
    if cls is not None:
        return _("the rule {code} {name}").format(code=cls.code, name=cls.name)
    check = next((b for b in BUILTIN if key in (b.code, b.name)), None)
    if check is not None:
        return _("the built-in check {code} {name}").format(code=check.code, name=check.name)
    mine = find_custom(earlier, key)
    if mine is None:
        return None
    return _custom_holder(code=mine.code, name=mine.name, place=mine.defined_in)


def _taken_errors(
    doc: Document,
    base: tuple[Any, ...],
    entry: dict[str, Any],
    earlier: dict[str, type[CustomRule]],
    mine: dict[str, str],
) -> list[Diagnostic]:
    """A code or name another rule has (built-in, plugin, or custom in this file or one it extends).

    ``mine`` collects the codes and names of this file's entries, valid or not.
    """
    problems = []
    code, name = entry.get("code"), entry.get("name")
    if isinstance(code, str) and code.upper().startswith("OM"):
        hint = _("choose your own prefix, e.g. the kommune's initials")
        message = _("custom[{index}].code: {code} starts with OM, orgmodel's own prefix").format(
            index=base[1], code=code
        )
        problems.append(_error(doc, (*base, "code"), message, hint))
    line = doc.source.span((*base, "code")).line
    holder_text = _custom_holder(code=code, name=name, place=f"{doc.path}:{line}")
    for key, value in (("code", code), ("name", name)):
        if not isinstance(value, str):
            continue
        holder = mine.get(value) or _taken(earlier, value)
        if holder is not None:
            message = _("custom[{index}].{key}: {value} is already {holder}").format(
                index=base[1], key=key, value=value, holder=holder
            )
            hint = (
                _("give the rule a code of its own")
                if key == "code"
                else _("give the rule a name of its own")
            )
            problems.append(_error(doc, (*base, key), message, hint))
        else:
            mine[value] = holder_text
    return problems


def _asks_a_key(text: str) -> bool:
    """Whether a condition is 'has KEY' or 'lacks KEY' (whether a unit writes a key)."""
    from orgmodel.custom.conditions import STATED

    words = text.split()
    return len(words) == 2 and words[0] in ("has", "lacks") and words[1] in STATED
