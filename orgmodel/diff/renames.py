"""Ids that changed while the thing stayed: units (by the matching), kommunedeler, sites, services, personas.

A kommunedel, site, service or persona whose id is only in OLD and another
only in NEW, with the same name (the only one of that name on each side), is
one thing with a new id: one ``*-renamed`` change, not removed + added. The
references of the other sections (a forum's members, a collaboration's
units, a site's kommunedel, a persona's needs ...) are read through these
ids (``translated``), so a unit's new id does not show as a forum that
dropped one member and added another.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel

from orgmodel.diff.elements import name_of
from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.i18n import N_, _
from orgmodel.schema import REFERENCES, OrgModel, joined_ids

Ids = dict[str, dict[str, str]]
"""Per collection: OLD id -> NEW id, for the ids that changed."""

# collection, kind, sentence
_NAMED = (
    ("kommunedeler", "kommunedel-renamed", N_("the kommunedel '{name}' has a new id: {old} -> {new}")),
    ("sites", "site-renamed", N_("the site '{name}' has a new id: {old} -> {new}")),
    ("services", "service-renamed", N_("the service '{name}' has a new id: {old} -> {new}")),
    ("personas", "persona-renamed", N_("the persona '{name}' has a new id: {old} -> {new}")),
)


def renamed_ids(old: OrgModel, new: OrgModel, m: Matching) -> Ids:
    """The ids that changed: units' from the matching, the others' by an unchanged, unique name."""
    ids: Ids = {"units": {o: n for o, n in m.old_to_new.items() if o != n}}
    for collection, _kind, _words in _NAMED:
        was = {str(i.id): i for i in getattr(old, collection)}
        now = {str(i.id): i for i in getattr(new, collection)}
        gone = [i for i in was if i not in now]
        came = [i for i in now if i not in was]
        if not gone or not came:  # the common case
            continue
        names_gone = Counter(name_of(was[i]) for i in gone)
        by_name = {name_of(now[i]): i for i in came}
        names_came = Counter(name_of(now[i]) for i in came)
        ids[collection] = {
            i: by_name[name_of(was[i])]
            for i in gone
            if names_gone[name_of(was[i])] == 1 and names_came[name_of(was[i])] == 1
        }
    return ids


def rename_changes(new: OrgModel, ids: Ids) -> list[Change]:
    """One change per kommunedel, site, service or persona with a new id."""
    out: list[Change] = []
    for collection, kind, words in _NAMED:
        names = {str(i.id): name_of(i) for i in getattr(new, collection)}
        for o, n in ids.get(collection, {}).items():
            message = _(words).format(name=names[n], old=o, new=n)
            out.append(Change(kind, f"{kind}:{o}->{n}", message, n, names[n], before=o, after=n))
    return out


def translated(model: OrgModel, ids: Ids) -> OrgModel:
    """OLD's sections beside the units, with NEW's ids: their own and those they name (not the units)."""
    if not any(ids.values()):
        return model
    update: dict[str, list[BaseModel]] = {}
    for collection in {owner for owner, _field in REFERENCES} | {c for c, _k, _w in _NAMED}:
        if collection == "units":
            continue
        items = getattr(model, collection)
        fields = {f: target for (owner, f), target in REFERENCES.items() if owner == collection}
        update[collection] = [_item(item, fields, ids, collection) for item in items]
    return model.model_copy(update=update)


def _item(item: BaseModel, fields: dict[str, str], ids: Ids, collection: str) -> BaseModel:
    changed: dict[str, Any] = {}
    own = getattr(item, "id", None)
    if isinstance(own, str) and own in ids.get(collection, {}):
        changed["id"] = ids[collection][own]
    for field, target in fields.items():
        table = joined_ids(ids, target)
        if not table:
            continue
        value = getattr(item, field)
        if isinstance(value, str) and value in table:
            changed[field] = table[value]
        elif isinstance(value, list) and any(v in table for v in value):
            changed[field] = [table.get(v, v) for v in value]
    return item.model_copy(update=changed) if changed else item
