"""Schema validation and reference integrity, with every error at its line and column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from yaml.nodes import ScalarNode

from orgmodel.bounds import DEFAULT_LIMITS, Limits, clip_text
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import KNOWN_KINDS, bool_hint, enum_hint, int_hint, kind_of, reference_hint
from orgmodel.hints import describe as describe
from orgmodel.hints import loc_text as loc_text
from orgmodel.hints import suggest as suggest
from orgmodel.loader import Document, Span
from orgmodel.schema import ID_COLLECTIONS, ITEM_MODELS, REFERENCES, OrgModel, enum_values
from orgmodel.schema_sections import Frequency
from orgmodel.section_refs import SINGULAR, member_ids, section_problems


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    if not loc:
        return OrgModel
    if len(loc) == 2 and isinstance(loc[1], int):
        return ITEM_MODELS.get(str(loc[0]))
    if len(loc) == 3 and loc[2] == "frequency" and str(loc[0]) in ("forums", "collaborations"):
        return Frequency
    return None


def _written(doc: Document, loc: tuple[Any, ...]) -> str | None:
    """A scalar value as written in the file (``0301``, not 301)."""
    node = doc.source.lookup(loc)[1]
    return node.value if isinstance(node, ScalarNode) else None


def _reference_target(loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 3 and isinstance(loc[1], int):
        return REFERENCES.get((str(loc[0]), str(loc[2])))
    return None


def _message(err: Any, doc: Document) -> tuple[str, str | None]:
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    where = loc_text(doc.source.local(loc))
    ctx = err.get("ctx") or {}
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where}: expected a whole number, got {describe(value)}", int_hint(value)
    if kind in ("bool_type", "bool_parsing"):
        return f"{where}: expected true or false, got {describe(value)}", bool_hint(value)
    if kind == "string_type":
        hint = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = _written(doc, loc) or str(value)
            target = _reference_target(loc)
            if loc[-1] == "kommunenummer" and written.isdigit() and len(written) < 4:
                written = written.zfill(4)  # Oslo's 0301 written as 301
            hint = f'put it in quotes: "{clip_text(written)}"'
            if target is not None:
                hint = reference_hint(value, written, target, doc.data)
        return f"{where}: expected text, got {describe(value)}", hint
    if kind == "list_type":
        return f"{where}: expected a list, got {describe(value)}", "write [a, b] or one '- item' per line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where}: expected a mapping of 'key: value' lines, got {describe(value)}", None
    if kind == "literal_error":
        allowed = enum_values(loc)
        return f"{where}: expected {ctx.get('expected', 'another value')}, got {describe(value)}", enum_hint(
            value, allowed
        )
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
    return f"{where}: {clip_text(str(err['msg']), 200)}", None


def _field(loc: tuple[Any, ...]) -> str:
    """What a schema finding is about, without list indices, which move (``functional``)."""
    names = [str(part) for part in loc if not isinstance(part, int)]
    return clip_text(names[-1]) if names else "file"


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


def _not_a_model(doc: Document, message: str, hint: str | None = None) -> None:
    """OM006; the file's text is dropped so that no output quotes a file that is not a model."""
    diag = make_diagnostic(doc, Span(1, 1, 1, 1), "OM006", "not-a-model", message, hint=hint)
    doc.diagnostics.append(diag)
    doc.text, doc._lines = "", None


def validate_schema(doc: Document, limits: Limits | None = None) -> OrgModel | None:
    """Validate ``doc.data``; append diagnostics to ``doc`` and return the model when valid."""
    limits = limits or DEFAULT_LIMITS
    data = doc.data
    if not isinstance(data, dict):
        _not_a_model(
            doc, f"a model file is a mapping that starts with 'orgmodel: 1'; this file is {kind_of(data)}"
        )
        return None
    if "orgmodel" not in data and "orgmodel-ruleset" in data:
        _not_a_model(
            doc,
            "not an orgmodel file: it starts with 'orgmodel-ruleset:', so it is a ruleset, not a model",
            hint=f"check a model with this ruleset: orgmodel check MODEL --ruleset {doc.path}",
        )
        return None
    if "orgmodel" not in data:
        _not_a_model(doc, "not an orgmodel file: the key 'orgmodel: 1' (the format version) is missing")
        return None
    data, go_on = _check_version(doc, data)
    units = data.get("units")
    if go_on and isinstance(units, list) and len(units) > limits.max_units:
        message = f"units: {len(units):,} units, more than orgmodel checks in one file ({limits.max_units:,})"
        span = doc.source.span(("units",), key=True)
        doc.diagnostics.append(
            make_diagnostic(doc, span, "OM012", "too-large", message, hint="split the model")
        )
        return None
    if not go_on:
        return None
    try:
        model = OrgModel.model_validate(data)
    except ValidationError as exc:
        _report(doc, exc.errors(include_url=False))
        return None
    _check_kinds(doc, model)
    return model if doc.ok else None


def _check_version(doc: Document, data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The format version must be the whole number 1.

    A slip (``"1"``, ``1.0``, ``true``) is reported and the rest of the file
    still validated; another version stops validation.
    """
    version = data["orgmodel"]
    if type(version) is int and version == 1:
        return data, True
    span = doc.source.span(("orgmodel",))
    slip = version in ("1", 1.0, True) or (isinstance(version, str) and version.strip() in ("1", "1.0", "v1"))
    if slip:
        message = f"orgmodel: the format version is the whole number 1, got {describe(version)}"
        doc.diagnostics.append(
            make_diagnostic(doc, span, "OM010", "schema", message, hint="write: orgmodel: 1", key="orgmodel")
        )
        return {**data, "orgmodel": 1}, True
    written = _written(doc, ("orgmodel",))
    shown = clip_text(written, 20) if written is not None else describe(version)
    message = f"unsupported format version {shown}: this orgmodel reads version 1"
    doc.diagnostics.append(
        make_diagnostic(doc, span, "OM010", "schema", message, hint="write: orgmodel: 1", key="orgmodel")
    )
    return data, False


def _report(doc: Document, errors: list[Any]) -> None:
    """Pydantic's errors as diagnostics.

    A mapping's missing keys are one finding, and a key missing because it
    was misspelt is folded into the misspelling.
    """
    missing: dict[tuple[Any, ...], list[str]] = {}
    for err in errors:
        if err["type"] == "missing":
            loc = tuple(err["loc"])
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing":
            continue
        if err["type"] == "extra_forbidden":
            doc.diagnostics.append(_unknown_key(doc, loc, missing.get(loc[:-1])))
            continue
        message, hint = _message(err, doc)
        span = doc.source.span(loc)
        doc.diagnostics.append(
            make_diagnostic(
                doc,
                span,
                "OM010",
                "schema",
                message,
                hint=hint,
                unit=_unit_of(loc, doc.data),
                key=_field(loc),
            )
        )
    for where, keys in missing.items():
        if not keys:
            continue
        names = ", ".join(f"'{k}'" for k in keys[:-1]) + (" and " if len(keys) > 1 else "") + f"'{keys[-1]}'"
        verb = "is" if len(keys) == 1 else "are"
        plural = "s" if len(keys) > 1 else ""
        message = f"{loc_text(doc.source.local(where))}: the required key{plural} {names} {verb} missing"
        span = doc.source.span(where)
        doc.diagnostics.append(
            make_diagnostic(
                doc, span, "OM010", "schema", message, unit=_unit_of((*where, 0), doc.data), key="missing"
            )
        )


def _unknown_key(doc: Document, loc: tuple[Any, ...], missing: list[str] | None) -> Diagnostic:
    model = _model_at(loc[:-1])
    key = str(loc[-1])
    guess = suggest(key, model.model_fields) if model else None
    hint = f"did you mean '{guess}'?" if guess else None
    if model is not None and not guess:
        hint = "known keys: " + ", ".join(model.model_fields)
    if guess is not None and missing is not None and guess in missing:
        missing.remove(guess)  # one cause, one finding: the required key is there, misspelt
        hint = f"did you mean '{guess}'? ('{guess}' is required)"
    name, colon, value = key.partition(":")
    if colon and model is not None and name.strip() in model.model_fields and value.strip():
        if missing is not None and name.strip() in missing:
            missing.remove(name.strip())  # {level:2} in a flow mapping is one key 'level:2'
        hint = f"put a space after the ':': {clip_text(f'{name.strip()}: {value.strip()}', 40)}"
    message = f"{loc_text(doc.source.local(loc[:-1]))}: unknown key '{clip_text(key)}'"
    span = doc.source.span(loc, key=True)
    return make_diagnostic(
        doc,
        span,
        "OM011",
        "unknown-key",
        message,
        hint=hint,
        unit=_unit_of(loc, doc.data),
        key=clip_text(key),
    )


def _check_kinds(doc: Document, model: OrgModel) -> None:
    """A kind that differs from a known kind only in case (``Knutepunkt``) is a slip the rules would miss."""
    slips: list[tuple[str, int, str, str | None]]
    slips = [
        ("units", i, u.kind, u.id) for i, u in enumerate(model.units) if u.kind and u.kind != u.kind.lower()
    ]
    slips += [
        ("sites", i, s.kind, None) for i, s in enumerate(model.sites) if s.kind and s.kind != s.kind.lower()
    ]
    if not slips:
        return
    used = {u.kind for u in model.units if u.kind} | {t.kind for t in model.sites if t.kind}
    known = KNOWN_KINDS | {k for k in used if k == k.lower()}
    for collection, index, kind, unit in slips:
        if kind.lower() not in known:
            continue
        loc = (collection, index, "kind")
        written = loc_text(doc.source.local(loc))
        message = f"{written}: the kind '{kind}' is written '{kind.lower()}' (kinds are compared exactly)"
        hint = f"did you mean '{kind.lower()}'?"
        span = doc.source.span(loc)
        doc.diagnostics.append(
            make_diagnostic(doc, span, "OM010", "schema", message, hint=hint, unit=unit, key="kind")
        )


def check_references(doc: Document, model: OrgModel) -> None:
    """Report duplicate ids and references that name no existing id."""
    ids: dict[str, dict[str, int]] = {}
    for collection in ID_COLLECTIONS:
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(model, collection)):
            if item.id in seen:
                span = doc.source.span((collection, index, "id"))
                first = _first(doc, span, doc.source.span((collection, seen[item.id], "id")))
                doc.diagnostics.append(
                    make_diagnostic(
                        doc,
                        span,
                        "OM020",
                        "duplicate-id",
                        f"{collection}: the id '{item.id}' is used twice (first {first})",
                        unit=item.id if collection == "units" else None,
                        key=f"id:{item.id}",
                    )
                )
            else:
                seen[item.id] = index
        ids[collection] = seen
    _check_numbers(doc, model)
    doc.diagnostics.extend(section_problems(doc, model, ids))
    budget = [20]  # suggestions are costly on huge models: only for the first few
    for (owner, field), target in REFERENCES.items():
        known = ids[target] if target in ids else member_ids(ids)
        for index, item in enumerate(getattr(model, owner)):
            value = getattr(item, field)
            refs = value if isinstance(value, list) else [value]
            for pos, ref in enumerate(refs):
                if ref is None or ref in known:
                    continue
                loc = (owner, index, field, pos) if isinstance(value, list) else (owner, index, field)
                doc.diagnostics.append(_unknown_ref(doc, loc, ref, target, known, item, owner, budget))


def _check_numbers(doc: Document, model: OrgModel) -> None:
    """A kommunedel number names one kommunedel ("Helsestasjon for kommunedel 1 og 2")."""
    seen: dict[int, int] = {}
    for index, kommunedel in enumerate(model.kommunedeler):
        number = kommunedel.number
        if number is None:
            continue
        if number not in seen:
            seen[number] = index
            continue
        span = doc.source.span(("kommunedeler", index, "number"))
        first = _first(doc, span, doc.source.span(("kommunedeler", seen[number], "number")))
        doc.diagnostics.append(
            make_diagnostic(
                doc,
                span,
                "OM020",
                "duplicate-id",
                f"kommunedeler: the number {number} is used twice (first {first})",
                hint="give each kommunedel its own number",
                key=f"number:{number}",
            )
        )


def _first(doc: Document, span: Span, first: Span) -> str:
    """Where the first use is, in words: its line, and its file when another file of the model holds it."""
    if first.path == span.path:
        return f"on line {first.line}"
    return f"on line {first.line} of {first.path or doc.path}"


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
    return make_diagnostic(
        doc,
        doc.source.span(loc),
        "OM021",
        "unknown-reference",
        f"{loc_text(doc.source.local(loc))}: no {SINGULAR.get(target, target)} has the id '{ref}'",
        hint=hint,
        unit=item.id if owner == "units" else None,
        key=f"{loc[2]}:{ref}",
    )


def iter_errors(diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """The error-severity diagnostics among ``diagnostics``."""
    return (d for d in diagnostics if d.severity is Severity.ERROR)
