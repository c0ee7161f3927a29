"""Schema validation and reference integrity, with every error at its line and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.loader import Document, Span
from orgmodel.schema import COLLECTIONS, REFERENCES, Kommunedel, OrgModel, Persona, Service, Site, Unit

_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "kommunedeler": Kommunedel,
    "sites": Site,
    "services": Service,
    "units": Unit,
    "personas": Persona,
}

# Norwegian words planners type for an English key of the format.
_SYNONYMS = {
    "navn": "name",
    "nivå": "level",
    "niva": "level",
    "nivaa": "level",
    "leder": "leader",
    "overordnet": "parent",
    "forelder": "parent",
    "ansatte": "staff",
    "medarbeidere": "staff",
    "budsjett": "budget",
    "budsjettansvar": "budget",
    "faglig": "functional",
    "type": "kind",
    "tjenester": "delivers",
    "leverer": "delivers",
    "vedtar": "decides",
    "steder": "sites",
    "kommunedel": "kommunedeler",
    "behov": "needs",
    "rolle": "role",
    "beskrivelse": "description",
    "kategori": "category",
    "lokal": "local",
    "nummer": "number",
    "enheter": "units",
    "tjenestesteder": "sites",
    "brukere": "personas",
    "kommunenr": "kommunenummer",
    "maks": "max",
    "maksimum": "max",
    "minimum": "min",
    "nivåer": "levels",
}


def loc_text(loc: Iterable[Any]) -> str:
    """``("units", 12, "level")`` as ``units[12].level``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def describe(value: Any) -> str:
    """A value as a planner would read it in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 60 else value[:57] + "..."
        return f"'{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to a misspelt word, or None."""
    choices = list(choices)
    if word.lower() in _SYNONYMS and _SYNONYMS[word.lower()] in choices:
        return _SYNONYMS[word.lower()]
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    if not loc:
        return OrgModel
    if len(loc) == 2 and isinstance(loc[1], int):
        return _ITEM_MODELS.get(str(loc[0]))
    return None


def _message(err: Any, data: Any) -> tuple[str, str | None]:
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    where = loc_text(loc)
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"{loc_text(loc[:-1])}: the required key '{loc[-1]}' is missing", None
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        guess = suggest(str(loc[-1]), model.model_fields) if model else None
        hint = f"did you mean '{guess}'?" if guess else None
        if model is not None and not guess:
            hint = "known keys: " + ", ".join(model.model_fields)
        return f"{loc_text(loc[:-1])}: unknown key '{loc[-1]}'", hint
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where}: expected a whole number, got {describe(value)}", None
    if kind in ("bool_type", "bool_parsing"):
        return f"{where}: expected true or false, got {describe(value)}", None
    if kind == "string_type":
        hint = f'put it in quotes: "{value}"' if isinstance(value, int | float) else None
        return f"{where}: expected text, got {describe(value)}", hint
    if kind == "list_type":
        return f"{where}: expected a list, got {describe(value)}", "write [a, b] or one '- item' per line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where}: expected a mapping of 'key: value' lines, got {describe(value)}", None
    if kind == "literal_error":
        if loc == ("orgmodel",):
            return f"unsupported format version {value!r}: this orgmodel reads version 1", None
        return f"{where}: expected {ctx.get('expected', 'another value')}, got {describe(value)}", None
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "kommunenummer":
            return f"{where}: expected the 4-digit kommunenummer, got {describe(value)}", 'e.g. "3005"'
        return (
            f"{where}: {describe(value)} is not a valid id or label",
            "use letters, digits, '-', '_' and '.', with no spaces",
        )
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where}: must be at least {ctx.get('ge', ctx.get('gt'))}, got {describe(value)}", None
    if kind in ("less_than_equal", "less_than"):
        return f"{where}: must be at most {ctx.get('le', ctx.get('lt'))}, got {describe(value)}", None
    if kind == "too_short" and loc == ("units",):
        return "units: a model needs at least one unit", None
    if kind == "string_too_short":
        return f"{where}: must not be empty", None
    if kind == "string_too_long":
        return f"{where}: is longer than {ctx.get('max_length')} characters", None
    if kind.startswith("date"):
        return f"{where}: expected a date like 2020-01-01, got {describe(value)}", None
    return f"{where}: {err['msg']}", None


def _unit_of(loc: tuple[Any, ...], data: Any) -> str | None:
    if len(loc) >= 2 and loc[0] == "units" and isinstance(loc[1], int) and isinstance(data, dict):
        units = data.get("units")
        if isinstance(units, list) and 0 <= loc[1] < len(units) and isinstance(units[loc[1]], dict):
            unit_id = units[loc[1]].get("id")
            return unit_id if isinstance(unit_id, str) else None
    return None


def make_diagnostic(doc: Document, span: Span, code: str, name: str, message: str, **kw: Any) -> Diagnostic:
    """An error-severity diagnostic for ``doc`` at ``span``."""
    return Diagnostic.at(doc.path, span, code, name, message, **kw)


def validate_schema(doc: Document) -> OrgModel | None:
    """Validate ``doc.data``; append diagnostics to ``doc`` and return the model when valid."""
    data = doc.data
    if not isinstance(data, dict):
        what = describe(data) if data is not None else "empty"
        doc.diagnostics.append(
            make_diagnostic(
                doc,
                doc.source.span(()),
                "OM006",
                "not-a-model",
                f"a model file is a mapping that starts with 'orgmodel: 1'; this file is {what}",
            )
        )
        return None
    if "orgmodel" not in data:
        doc.diagnostics.append(
            make_diagnostic(
                doc,
                Span(1, 1, 1, 1),
                "OM006",
                "not-a-model",
                "not an orgmodel file: the key 'orgmodel: 1' (the format version) is missing",
            )
        )
        return None
    try:
        return OrgModel.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            message, hint = _message(err, data)
            if err["type"] == "missing":
                span = doc.source.span(loc[:-1])
            else:
                span = doc.source.span(loc, key=err["type"] == "extra_forbidden")
            code, name = ("OM011", "unknown-key") if err["type"] == "extra_forbidden" else ("OM010", "schema")
            doc.diagnostics.append(
                make_diagnostic(doc, span, code, name, message, hint=hint, unit=_unit_of(loc, data))
            )
        return None


def check_references(doc: Document, model: OrgModel) -> None:
    """Report duplicate ids and references that name no existing id."""
    ids: dict[str, dict[str, int]] = {}
    for collection in COLLECTIONS:
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(model, collection)):
            if item.id in seen:
                first = doc.source.span((collection, seen[item.id], "id")).line
                doc.diagnostics.append(
                    make_diagnostic(
                        doc,
                        doc.source.span((collection, index, "id")),
                        "OM020",
                        "duplicate-id",
                        f"{collection}: the id '{item.id}' is used twice (first on line {first})",
                        unit=item.id if collection == "units" else None,
                    )
                )
            else:
                seen[item.id] = index
        ids[collection] = seen
    budget = [20]  # suggestions are costly on huge models: only for the first few
    for (owner, field), target in REFERENCES.items():
        known = ids[target]
        for index, item in enumerate(getattr(model, owner)):
            value = getattr(item, field)
            refs = value if isinstance(value, list) else [value]
            for pos, ref in enumerate(refs):
                if ref is None or ref in known:
                    continue
                loc = (owner, index, field, pos) if isinstance(value, list) else (owner, index, field)
                doc.diagnostics.append(_unknown_ref(doc, loc, ref, target, known, item, owner, budget))


def _unknown_ref(
    doc: Document,
    loc: tuple[Any, ...],
    ref: str,
    target: str,
    known: dict[str, int],
    item: Any,
    owner: str,
    budget: list[int],
) -> Diagnostic:
    hint = None
    if budget[0] > 0:
        budget[0] -= 1
        guess = suggest(ref, known)
        hint = f"did you mean '{guess}'?" if guess else None
    singular = {"units": "unit", "sites": "site", "services": "service", "kommunedeler": "kommunedel"}
    return make_diagnostic(
        doc,
        doc.source.span(loc),
        "OM021",
        "unknown-reference",
        f"{loc_text(loc)}: no {singular.get(target, target)} has the id '{ref}'",
        hint=hint,
        unit=item.id if owner == "units" else None,
    )


def iter_errors(diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """The error-severity diagnostics among ``diagnostics``."""
    return (d for d in diagnostics if d.severity is Severity.ERROR)
