"""Rule parameters and configuration values checked strictly, with errors in a planner's words.

Rule parameters are validated in pydantic's strict mode on the JSON form of
the YAML data: a quoted number (``max: "5"``) or a boolean (``max: true``) is
not a number, while a list still fills a tuple and a text still names an
enumeration member. Errors never reach the user in pydantic's wording
("Input should be a valid dictionary"): ``plain`` turns each into a sentence
about the value in the file, with a hint where one helps.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from orgmodel.hints import did_you_mean
from orgmodel.i18n import N_, _
from orgmodel.validate import describe, suggest

# shown with _(); the English words decide the hint ("number" in them)
_EXPECTED = {
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "finite_number": N_("a finite number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "string_type": N_("text"),
    "list_type": N_("a list, like [a, b]"),
    "tuple_type": N_("a list, like [a, b]"),
    "set_type": N_("a list, like [a, b]"),
    "dict_type": N_("a mapping (indented 'key: value' lines)"),
    "model_type": N_("a mapping (indented 'key: value' lines)"),
    "model_attributes_type": N_("a mapping (indented 'key: value' lines)"),
    "none_required": N_("nothing (null)"),
}

_BOUNDS = {
    "greater_than": ("gt", N_("expected a number above {limit}, got {value}")),
    "greater_than_equal": ("ge", N_("expected a number at least {limit}, got {value}")),
    "less_than": ("lt", N_("expected a number below {limit}, got {value}")),
    "less_than_equal": ("le", N_("expected a number at most {limit}, got {value}")),
}


def strict_errors(model: type[BaseModel], data: Any) -> list[ErrorDetails]:
    """The errors of validating ``data`` strictly against ``model`` (an empty list when it is valid).

    Two strict passes, and the value is valid when either accepts it: the
    JSON form (where a text names an enumeration member and a list fills a
    tuple) and the Python form with integer mapping keys restored (the loader
    keeps every key as text, and a ``mode="before"`` validator hands a JSON
    input on as Python data, where the text '3' is no integer key).
    """
    try:
        text = json.dumps(data, default=str)
    except (TypeError, ValueError):
        text = "null"
    try:
        model.model_validate_json(text, strict=True)
    except ValidationError:
        pass
    else:
        return []
    try:
        model.model_validate(_integer_keys(data), strict=True)
    except ValidationError as exc:
        return exc.errors(include_url=False)
    return []


def _integer_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_key(key): _integer_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integer_keys(item) for item in value]
    return value


def _key(key: Any) -> Any:
    if isinstance(key, str) and key.isascii() and key.lstrip("-").isdigit() and len(key) < 20:
        return int(key)
    return key


def plain(err: ErrorDetails, options: Any = ()) -> tuple[str, str | None]:
    """What is wrong with one value, and a hint: ("expected a whole number, got '5'", hint)."""
    kind, value = err["type"], err.get("input")
    ctx = err.get("ctx") or {}
    got = describe(value)
    if kind in _EXPECTED:
        english = _EXPECTED[kind]
        hint = None
        if isinstance(value, str) and _looks_numeric(value) and "number" in english:
            hint = _("write the number without quotes: {value}").format(value=value.strip())
        elif isinstance(value, bool) and "number" in english:
            hint = _("write a number, e.g. 5")
        elif isinstance(value, str) and value.lower() in ("yes", "no", "ja", "nei", "on", "off"):
            hint = _("write true or false")
        return _("expected {expected}, got {value}").format(expected=_(english), value=got), hint
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        guess = choice_guess(
            str(value), [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]
        )
        message = _("expected {expected}, got {value}").format(expected=expected, value=got)
        return message, (did_you_mean(guess) if guess else None)
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return _(words).format(limit=ctx.get(name), value=got), None
    if kind == "value_error":  # a parameters model's own check, worded in its ValueError
        return str(ctx.get("error", _("{value} is not a valid value here").format(value=got))), None
    if kind == "string_pattern_mismatch":
        return _("{value} does not have the expected form").format(value=got), None
    if kind == "missing":
        return _("this option is required"), None
    if kind == "extra_forbidden":
        known = list(options)
        guess = suggest(str(err["loc"][-1]), known)
        return (
            _("has no option '{option}' (its options: {options})").format(
                option=err["loc"][-1], options=", ".join(known) or _("none")
            ),
            did_you_mean(guess) if guess else None,
        )
    return _("{value} is not a valid value here").format(value=got), None


def choice_guess(word: str, choices: list[str]) -> str | None:
    """The choice a value of a fixed set meant: a prefix either way (`informational`, `warn`), or a slip."""
    lower = word.strip().lower()
    near = [choice for choice in choices if lower and (lower.startswith(choice) or choice.startswith(lower))]
    return near[0] if len(near) == 1 else suggest(lower, choices)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def plain_value(value: Any) -> Any:
    """A parameter value as plain data (nested parameter models as mappings)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, list | tuple):
        return [plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: plain_value(item) for key, item in value.items()}
    return value


def flow(value: Any) -> str:
    """A value written as YAML flow style: ``{min: 2, max: 50}``, ``[a, b]``, ``null``, ``true``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return "''" if value == "" else str(value)  # an empty text, as YAML writes it


def fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The option names of the (nested) parameters model at ``loc``."""
    import typing

    current: Any = model
    for part in loc:
        fields = getattr(current, "model_fields", None)
        if fields is not None and part in fields:
            current = fields[part].annotation
            continue
        args = [a for a in typing.get_args(current) if a is not type(None)]
        if args:
            current = args[-1]  # dict[K, V] -> V; list[V] -> V; V | None -> V
        if hasattr(current, "model_fields") and part in current.model_fields:
            current = current.model_fields[part].annotation
    while not hasattr(current, "model_fields") and typing.get_args(current):
        current = [a for a in typing.get_args(current) if a is not type(None)][-1]
    return list(getattr(current, "model_fields", {}))
