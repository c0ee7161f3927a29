"""Schema validation and reference integrity, with every error at its line and column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from operator import attrgetter
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError

from orgmodel.bounds import DEFAULT_LIMITS, Limits, clip_text
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hint_words import KNOWN_KINDS
from orgmodel.hints import and_list, data_at, did_you_mean, kind_of
from orgmodel.hints import describe as describe
from orgmodel.hints import loc_text as loc_text
from orgmodel.hints import suggest as suggest
from orgmodel.i18n import _, ngettext
from orgmodel.loader import Document, Span
from orgmodel.raw_refs import raw_reference_problems, unknown_ref
from orgmodel.schema import ID_COLLECTIONS, ITEM_MODELS, REFERENCES, OrgModel, joined_ids
from orgmodel.schema_messages import (
    comma_hint,
    fold_frequency_forms,
    fold_list_items,
    fold_numbers,
    is_piece,
    key_fits,
    missing_hint,
    misspelt,
    value_message,
    written_value,
)
from orgmodel.schema_messages import where as where_in
from orgmodel.schema_sections import Frequency
from orgmodel.section_refs import section_problems


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    if not loc:
        return OrgModel
    if len(loc) == 2 and isinstance(loc[1], int):
        return ITEM_MODELS.get(str(loc[0]))
    if len(loc) == 3 and loc[2] == "frequency" and str(loc[0]) in ("forums", "collaborations"):
        return Frequency
    return None


def _field(loc: tuple[Any, ...]) -> str:
    """What a schema finding is about, without list indices, which move (``functional``)."""
    names = [str(part) for part in loc if not isinstance(part, int)]
    return clip_text(names[-1]) if names else "file"


def _unit_of(loc: tuple[Any, ...], data: Any) -> str | None:
    if len(loc) >= 2 and loc[0] == "units" and isinstance(loc[1], int):
        unit_id = data_at(data, ("units", loc[1], "id"))
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
            doc,
            _("a model file is a mapping that starts with 'orgmodel: 1'; this file is {what}").format(
                what=kind_of(data)
            ),
        )
        return None
    if "orgmodel" not in data and "orgmodel-ruleset" in data:
        _not_a_model(
            doc,
            _("not an orgmodel file: it starts with 'orgmodel-ruleset:', so it is a ruleset, not a model"),
            hint=_("check a model with this ruleset: orgmodel check MODEL --ruleset {path}").format(
                path=doc.path
            ),
        )
        return None
    if "orgmodel" not in data:
        _not_a_model(doc, _("not an orgmodel file: the key 'orgmodel: 1' (the format version) is missing"))
        return None
    data, go_on = _check_version(doc, data)
    units = data.get("units")
    if go_on and isinstance(units, list) and len(units) > limits.max_units:
        message = _("units: {count} units, more than orgmodel checks in one file ({limit})").format(
            count=f"{len(units):,}", limit=f"{limits.max_units:,}"
        )
        span = doc.source.span(("units",), key=True)
        doc.diagnostics.append(
            make_diagnostic(doc, span, "OM012", "too-large", message, hint=_("split the model"))
        )
        return None
    if not go_on:
        return None
    try:
        model = OrgModel.model_validate(data)
    except ValidationError as exc:
        _report(doc, exc.errors(include_url=False))
        doc.diagnostics.extend(raw_reference_problems(doc, data))  # not one error at a time
        return None
    _check_kinds(doc, model)
    if not doc.ok:  # a key written twice (OM002): the references are judged beside it, every error at once
        doc.diagnostics.extend(raw_reference_problems(doc, data))
        return None
    return model


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
        message = _("orgmodel: the format version is the whole number 1, got {value}").format(
            value=describe(version)
        )
        doc.diagnostics.append(
            make_diagnostic(
                doc, span, "OM010", "schema", message, hint=_("write: orgmodel: 1"), key="orgmodel"
            )
        )
        return {**data, "orgmodel": 1}, True
    written = written_value(doc, ("orgmodel",))
    shown = clip_text(written, 20) if written is not None else describe(version)
    message = _("unsupported format version {version}: this orgmodel reads version 1").format(version=shown)
    doc.diagnostics.append(
        make_diagnostic(doc, span, "OM010", "schema", message, hint=_("write: orgmodel: 1"), key="orgmodel")
    )
    return data, False


def _report(doc: Document, errors: list[Any]) -> None:
    """Pydantic's errors as diagnostics.

    A mapping's missing keys are one finding, and a key missing because it
    was misspelt is folded into the misspelling.
    """
    errors, alike = fold_list_items(fold_numbers(fold_frequency_forms(errors)))
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
            if not later_piece(doc, loc):  # one value cut at two commas: one finding, at the first piece
                doc.diagnostics.append(_unknown_key(doc, loc, missing.get(loc[:-1])))
            continue
        message, hint = value_message(err, doc)
        more = alike.get(loc, 0)
        if more:  # 'parties: [3349, 3347, 3345]': one cause, one finding, at the first value
            message += ngettext(
                " (and {n} more value of this list alike)", " (and {n} more values of this list alike)", more
            ).format(n=more)
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
        names = and_list([f"'{k}'" for k in keys])
        message = ngettext(
            "{where}: the required key {names} is missing",
            "{where}: the required keys {names} are missing",
            len(keys),
        ).format(where=where_in(doc, where), names=names)
        span = doc.source.span(where)
        hint, unit = missing_hint(where, keys), _unit_of((*where, 0), doc.data)
        found = make_diagnostic(doc, span, "OM010", "schema", message, hint=hint, unit=unit, key="missing")
        doc.diagnostics.append(found)


def later_piece(doc: Document, loc: tuple[Any, ...]) -> bool:
    """Whether the unknown key at ``loc`` is the second or a later piece of a value cut at ','.

    ``{name: Oppegård (Kolbotn, Greverud, Sofiemyr)}`` gives the keys 'Greverud' and 'Sofiemyr)', both
    with no value: the first is reported with the whole value in its hint (``comma_hint``), the
    others are the same slip.
    """
    try:
        mapping = data_at(doc.data, loc[:-1])
    except (KeyError, IndexError, TypeError):
        return False
    if not isinstance(mapping, dict) or loc[-1] not in mapping or mapping[loc[-1]] is not None:
        return False
    keys = list(mapping)
    at = keys.index(loc[-1])
    model = _model_at(loc[:-1])
    known = frozenset(model.model_fields) if model is not None else frozenset()
    while at >= 2:
        if not is_piece(mapping, keys[at - 1], known):
            return False
        if isinstance(mapping[keys[at - 2]], str):
            return True  # the piece before this one is the first, after the value
        at -= 1
    return False


def _unknown_key(doc: Document, loc: tuple[Any, ...], missing: list[str] | None) -> Diagnostic:
    model = _model_at(loc[:-1])
    key = str(loc[-1])
    guess = suggest(key, model.model_fields, key_fits(model, data_at(doc.data, loc))) if model else None
    hint = did_you_mean(guess) if guess else None
    span = doc.source.span(loc, key=True)
    comma = comma_hint(doc, loc, span, model.model_fields) if model is not None else None
    if comma is not None and not misspelt(key, guess):
        hint, guess = comma, None  # a piece of a value cut at ',': no key has a space, nor reads like one
    elif model is not None and not guess:
        hint = _("known keys: {keys}").format(keys=", ".join(model.model_fields))
    if guess is not None and missing is not None and guess in missing:
        missing.remove(guess)  # one cause, one finding: the required key is there, misspelt
        hint = _("did you mean '{guess}'? ('{guess}' is required)").format(guess=guess)
    name, colon, value = key.partition(":")
    if colon and model is not None and name.strip() in model.model_fields and value.strip():
        if missing is not None and name.strip() in missing:
            missing.remove(name.strip())  # {level:2} in a flow mapping is one key 'level:2'
        hint = _("put a space after the ':': {written}").format(
            written=clip_text(f"{name.strip()}: {value.strip()}", 40)
        )
    message = _("{where}: unknown key '{key}'").format(where=where_in(doc, loc[:-1]), key=clip_text(key))
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
        written = where_in(doc, loc)
        message = _("{where}: the kind '{kind}' is written '{lower}' (kinds are compared exactly)").format(
            where=written, kind=kind, lower=kind.lower()
        )
        hint = did_you_mean(kind.lower())
        span = doc.source.span(loc)
        doc.diagnostics.append(
            make_diagnostic(doc, span, "OM010", "schema", message, hint=hint, unit=unit, key="kind")
        )


def check_references(doc: Document, model: OrgModel) -> None:
    """Report duplicate ids and references that name no existing id.

    Each id collection and each kind of reference is first tested as a whole
    with sets (C speed); only one with a duplicate or an unknown id is walked
    item by item to place its findings.
    """
    ids: dict[str, dict[str, int]] = {}
    for collection in ID_COLLECTIONS:
        items = getattr(model, collection)
        written = list(map(attrgetter("id"), items))
        seen: dict[str, int] = dict(zip(written, range(len(written)), strict=True))
        if len(seen) == len(written):  # no id twice
            ids[collection] = seen
            continue
        seen = {}
        for index, item in enumerate(items):
            if item.id in seen:
                span = doc.source.span((collection, index, "id"))
                first = _first(doc, span, doc.source.span((collection, seen[item.id], "id")))
                doc.diagnostics.append(
                    make_diagnostic(
                        doc,
                        span,
                        "OM020",
                        "duplicate-id",
                        _("{collection}: the id '{id}' is used twice (first {first})").format(
                            collection=collection, id=item.id, first=first
                        ),
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
        known = ids[target] if target in ids else joined_ids(ids, target)
        if _all_known(getattr(model, owner), owner, field, known):
            continue
        for index, item in enumerate(getattr(model, owner)):
            value = getattr(item, field)
            refs = value if isinstance(value, list) else [value]
            for pos, ref in enumerate(refs):
                if ref is None or ref in known:
                    continue
                loc = (owner, index, field, pos) if isinstance(value, list) else (owner, index, field)
                unit_id = item.id if owner == "units" else None
                positions = ids.get("positions")
                doc.diagnostics.append(
                    unknown_ref(doc, loc, ref, target, known, unit_id, owner, budget, positions)
                )


def _all_known(items: list[Any], owner: str, field: str, known: dict[str, int]) -> bool:
    """Whether every reference ``field`` of ``items`` names a known id (None: not written)."""
    values = map(attrgetter(field), items)
    if get_origin(ITEM_MODELS[owner].model_fields[field].annotation) is list:
        refs = set(chain.from_iterable(values))
    else:
        refs = set(values)
        refs.discard(None)
    return known.keys() >= refs


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
                _("kommunedeler: the number {number} is used twice (first {first})").format(
                    number=number, first=first
                ),
                hint=_("give each kommunedel its own number"),
                key=f"number:{number}",
            )
        )


def _first(doc: Document, span: Span, first: Span) -> str:
    """Where the first use is, in words: its line, and its file when another file of the model holds it."""
    if first.path == span.path:
        return _("on line {line}").format(line=first.line)
    return _("on line {line} of {path}").format(line=first.line, path=first.path or doc.path)


def iter_errors(diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """The error-severity diagnostics among ``diagnostics``."""
    return (d for d in diagnostics if d.severity is Severity.ERROR)
