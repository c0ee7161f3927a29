"""What changed in the other elements: kommunedeler, sites, services, personas and issue 15's sections.

Items are matched by id; a collaboration, which has none, by the units it is
between, and by its purpose where one pair of units has several.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel

from orgmodel.diff.element_refs import REFERENCES, Labels, list_change
from orgmodel.diff.kinds import Change
from orgmodel.hints import and_list
from orgmodel.i18n import N_, _, language
from orgmodel.journey_forums import how_often
from orgmodel.journeys import frequency_text
from orgmodel.schema import OrgModel
from orgmodel.schema_sections import AS_NEEDED, Collaboration


def show(value: Any) -> str:
    """A value as a change message shows it: '(none)', 'yes', quoted text, a number (words translated)."""
    if value is None:
        # Translators: a value the model does not state, in a change: "role (none) -> 'provider'"
        return _("(none)")
    if isinstance(value, bool):
        # Translators: the value true of a yes/no key, in a change: "budget responsibility yes -> no"
        yes = _("yes")
        # Translators: the value false of a yes/no key, in a change: "budget responsibility yes -> no"
        no = _("no")
        return yes if value else no
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


# section, kind prefix, and the messages of an element added, changed and removed
_ELEMENTS = (
    (
        "kommunedeler",
        "kommunedel",
        (
            N_("new kommunedel '{name}' ({id})"),
            N_("kommunedel '{name}' ({id}): {details}"),
            N_("the kommunedel '{name}' ({id}) was removed"),
        ),
    ),
    (
        "sites",
        "site",
        (
            N_("new site '{name}' ({id})"),
            N_("site '{name}' ({id}): {details}"),
            N_("the site '{name}' ({id}) was removed"),
        ),
    ),
    (
        "services",
        "service",
        (
            N_("new service '{name}' ({id})"),
            N_("service '{name}' ({id}): {details}"),
            N_("the service '{name}' ({id}) was removed"),
        ),
    ),
    (
        "personas",
        "persona",
        (
            N_("new persona '{name}' ({id})"),
            N_("persona '{name}' ({id}): {details}"),
            N_("the persona '{name}' ({id}) was removed"),
        ),
    ),
    (
        "committees",
        "committee",
        (
            N_("new committee '{name}' ({id})"),
            N_("committee '{name}' ({id}): {details}"),
            N_("the committee '{name}' ({id}) was removed"),
        ),
    ),
    (
        "considerations",
        "consideration",
        (
            N_("new consideration '{name}' ({id})"),
            N_("consideration '{name}' ({id}): {details}"),
            N_("the consideration '{name}' ({id}) was removed"),
        ),
    ),
    (
        "positions",
        "position",
        (
            # Translators: {where} is " in 'Kommunikasjon' (stab-kommunikasjon)", or empty
            N_("new position '{name}' ({id}){where}"),
            N_("position '{name}' ({id}): {details}"),
            # Translators: {where} is " in 'Kommunikasjon' (stab-kommunikasjon)", or empty
            N_("the position '{name}' ({id}){where} was removed"),
        ),
    ),
    (
        "forums",
        "forum",
        (
            N_("new forum '{name}' ({id})"),
            N_("forum '{name}' ({id}): {details}"),
            N_("the forum '{name}' ({id}) was removed"),
        ),
    ),
    (
        "collaborations",
        "collaboration",
        (
            # Translators: {units} is "'Barnevern' (virk-barnevern) and 'PPT' (virk-ppt)"; {about} is
            # ": purpose 'Felles oppfølging'; frequency 'weekly'", or empty
            N_("new collaboration between {units}{about}"),
            # Translators: {about} is the collaboration's purpose, " ('Felles oppfølging')", or empty
            N_("collaboration between {units}{about}: {details}"),
            # Translators: {about} is ": purpose 'Felles oppfølging'; frequency 'weekly'", or empty
            N_("the collaboration between {units} was removed{about}"),
        ),
    ),
    (
        "agreements",
        "agreement",
        (
            N_("new agreement '{name}' ({id})"),
            N_("agreement '{name}' ({id}): {details}"),
            N_("the agreement '{name}' ({id}) was removed"),
        ),
    ),
    (
        "projects",
        "project",
        (
            N_("new project '{name}' ({id})"),
            N_("project '{name}' ({id}): {details}"),
            N_("the project '{name}' ({id}) was removed"),
        ),
    ),
)


def pair_of(item: BaseModel) -> str:
    """A collaboration's units, sorted and joined by '+'."""
    return "+".join(sorted(getattr(item, "between", [])))


def name_of(item: BaseModel) -> str:
    """How a change names an item: its name, a position's title, the units a collaboration is between."""
    for attr in ("name", "title"):
        value = getattr(item, attr, None)
        if isinstance(value, str):
            return value
    return and_list(pair_of(item).split("+"))


def _by_id(items: list[BaseModel]) -> dict[str, BaseModel]:
    out: dict[str, BaseModel] = {}
    for item in items:
        out.setdefault(str(getattr(item, "id", "")), item)
    return out


def _by_pair(items: list[BaseModel], repeated: set[str]) -> dict[str, BaseModel]:
    """Collaborations by their units; where a pair has several, by units and purpose ('a+b:Purpose').

    One without a purpose keeps the bare pair; a second with the same key is told apart by its
    place among them ('a+b#2').
    """
    out: dict[str, BaseModel] = {}
    for item in items:
        key = pair_of(item)
        purpose = getattr(item, "purpose", None)
        if key in repeated and purpose:
            key = f"{key}:{purpose}"
        base, number = key, 1
        while key in out:
            number += 1
            key = f"{base}#{number}"
        out[key] = item
    return out


Pairs = list[tuple[str, BaseModel | None, BaseModel | None]]


def matched(collection: str, old: list[BaseModel], new: list[BaseModel]) -> Pairs:
    """(key, OLD's item or None, NEW's item or None) of a section: by id; a collaboration by its units.

    Two collaborations of the same units (the Tønsberg/Re workshop lists "HR (ukentlig)" twice, for two
    purposes)
    are matched by purpose; those of a pair left over on both sides are paired in order, as a
    collaboration whose purpose changed.
    """
    if collection != "collaborations":
        was, now = _by_id(old), _by_id(new)
    else:
        repeated = {p for side in (old, new) for p, n in Counter(map(pair_of, side)).items() if n > 1}
        was, now = _by_pair(old, repeated), _by_pair(new, repeated)
    left = {key: item for key, item in was.items() if key not in now}
    out: Pairs = []
    for key, item in now.items():
        if key not in was and collection == "collaborations":
            same = next((k for k, o in left.items() if pair_of(o) == pair_of(item)), None)
            out.append((key, left.pop(same) if same is not None else None, item))
        else:
            out.append((key, was.get(key), item))
    out += [(key, item, None) for key, item in left.items()]
    return out


def element_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    """Every element of the other sections added, removed or changed (matched by id)."""
    out: list[Change] = []
    labels = Labels(old, new)
    for collection, prefix, (added, changed, removed) in _ELEMENTS:
        pairs = matched(collection, getattr(old, collection), getattr(new, collection))
        for key, was, now in pairs:
            item = now if now is not None else was
            assert item is not None  # a pair has at least one side
            name, units = _named(item, labels), _between(item, labels)
            if was is None or now is None:
                kind, words = (f"{prefix}-added", added) if was is None else (f"{prefix}-removed", removed)
                where = _in_unit(new if was is None else old, item)
                message = _(words).format(name=name, id=key, where=where, units=units, about=_stated(item))
                out.append(Change(kind, f"{kind}:{key}", message, key, name))
            else:
                out.extend(_changed(prefix, changed, key, (name, units), (was, now), labels))
        if collection == "considerations":
            out.extend(score_changes(old, new))
    return out


def _in_unit(model: OrgModel, item: BaseModel) -> str:
    """' in 'Kommunikasjon' (stab-kommunikasjon)' for a position that names its unit, else ''.

    Seven new positions with one title say nothing apart until each names where it sits.
    """
    uid = getattr(item, "unit", None)
    if not isinstance(uid, str):
        return ""
    name = next((u.name for u in model.units if u.id == uid), None)
    unit = f"'{name}' ({uid})" if name is not None else f"'{uid}'"
    return _(" in {unit}").format(unit=unit)


def score_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    """Each consideration whose score (``scores:``, 1-5) differs: given, changed or taken away.

    The scorecard (``measures.scorecard``) shows every score side by side; a
    score that moved is also a change, so a diff whose only change is a score
    says so in its summary and its total.
    """
    names = {c.id: c.name for c in [*old.considerations, *new.considerations]}
    out: list[Change] = []
    ranked = [c.id for c in sorted([*new.considerations, *old.considerations], key=lambda c: (c.rank, c.id))]
    for key in dict.fromkeys([*ranked, *new.scores, *old.scores]):
        before, after = old.scores.get(key), new.scores.get(key)
        if before == after:
            continue
        name = names.get(key, key)
        message = _("score for '{name}' ({id}): {before} -> {after}").format(
            name=name, id=key, before=show(before), after=show(after)
        )
        out.append(Change("score-changed", f"score-changed:{key}", message, key, name, before, after))
    return out


def _named(item: BaseModel, labels: Labels) -> str:
    """An element's name; a collaboration's, the names of its units ('Barnevern and PPT')."""
    if isinstance(item, Collaboration):
        return and_list([labels.name(uid) for uid in item.between])
    return name_of(item)


def _between(item: BaseModel, labels: Labels) -> str:
    """A collaboration's units as a reader names them; empty for other elements."""
    if not isinstance(item, Collaboration):
        return ""
    return and_list([labels.label(uid) for uid in item.between])


def _stated(item: BaseModel) -> str:
    """What a new or removed collaboration is for and how often: ": purpose '...'; frequency 'weekly'"."""
    if not isinstance(item, Collaboration):
        return ""
    data = item.model_dump()
    said = [
        f"{_field_word(Collaboration, f)} {show(_plain(data[f], f))}"
        for f in ("purpose", "frequency")
        if data[f]
    ]
    return ": " + "; ".join(said) if said else ""


def _changed(
    prefix: str,
    words: str,
    key: str,
    names: tuple[str, str],
    sides: tuple[BaseModel, BaseModel],
    labels: Labels,
) -> list[Change]:
    (name, units), (was, now) = names, sides
    before, after = was.model_dump(), now.model_dump()
    if "between" in after:  # a collaboration's units in another order are the same collaboration
        before["between"], after["between"] = sorted(before["between"]), sorted(after["between"])
    fields = [f for f in after if f != "id" and before.get(f) != after.get(f)]
    if not fields:
        return []
    details = "; ".join(_detail(type(now), f, before[f], after[f], labels) for f in fields)
    purpose = getattr(now, "purpose", None)
    about = f" ('{purpose}')" if purpose and "purpose" not in fields else ""
    return [
        Change(
            f"{prefix}-changed",
            f"{prefix}-changed:{key}",
            _(words).format(name=name, id=key, details=details, units=units, about=about),
            key,
            name,
            before={f: _plain(before[f], f) for f in fields},
            after={f: _plain(after[f], f) for f in fields},
        )
    ]


def _detail(item: type[BaseModel], field: str, before: Any, after: Any, labels: Labels) -> str:
    """One changed key: "chair 'Skole' (ks-a) -> 'Helse' (ks-b)", a list by what it gained and lost.

    A ledergruppe of 30 rektorer that loses one says "members drops 'Fagerholt skole'
    (skole-fagerholt)", not both lists of 30; so does a list emptied or filled (its one
    member dropped: 'drops', as a member added says 'adds'). A list only reordered is shown
    whole. Ids of units, positions, kommunedeler and services are named ('Name' (id)).
    """
    word = _field_word(item, field)
    named = field in REFERENCES
    if isinstance(before, list) and isinstance(after, list) and set(map(str, before)) != set(map(str, after)):
        came = [str(x) for x in after if x not in before]
        gone = [str(x) for x in before if x not in after]
        return list_change(word, field, came, gone, labels.label if named else str)
    if named and isinstance(before, str | None) and isinstance(after, str | None):
        was = labels.label(before) if before is not None else show(None)
        return f"{word} {was} -> {labels.label(after) if after is not None else show(None)}"
    return f"{word} {show(_plain(before, field))} -> {show(_plain(after, field))}"


def _field_word(item: type[BaseModel], field: str) -> str:
    """A key as the reader's language names it: the key in English, in bokmål the schema's word.

    Each field's description starts with its Norwegian word ('beskrivelse: free text ...'), so
    a bokmål diff says 'beskrivelse', not 'description'.
    """
    if language() != "nb":
        return field
    info = item.model_fields.get(field)
    described = (info.description or "") if info is not None else ""
    word, colon, _rest = described.partition(":")
    return word if colon and word and len(word) <= 40 else field


def _plain(value: Any, field: str = "") -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None  # shown as "(none)" in the reader's language
    if isinstance(value, dict) and set(value) == {"times", "per"}:
        return frequency_text(value["times"], value["per"])
    if field == "frequency" and value == AS_NEEDED:  # 'as needed' in the reader's words
        return how_often(value)
    if value is not None and not isinstance(value, str | int | bool | float):
        return str(value)
    return value
