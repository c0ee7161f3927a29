"""References checked in a file whose schema errors keep it from becoming a model.

A planner who misspells one key should not have to fix it before learning that a ``parent:`` names
no unit: every error is reported at once, as a ruleset's are. The written data is read as it stands:
the ids each collection writes as text, and each reference written as text (a reference of another
type is the schema's error already). A collection with an item whose id is missing or is no text is
not judged as a target, since a reference to it may name that very item; duplicate ids and the
sections' own references wait for the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgmodel.diagnostic import Diagnostic
from orgmodel.hint_words import KEY_SYNONYMS
from orgmodel.hints import did_you_mean, suggest
from orgmodel.i18n import N_, _
from orgmodel.loader import Document
from orgmodel.schema import ID_COLLECTIONS, MEMBERS, REFERENCES, STEERING, OrgModel, joined_ids
from orgmodel.schema_messages import unknown_score
from orgmodel.schema_messages import where as where_in


def raw_reference_problems(doc: Document, data: dict[str, Any]) -> list[Diagnostic]:
    """OM021 for each reference written as text that names no id its target collection writes."""
    ids: dict[str, dict[str, int]] = {}
    for collection in ID_COLLECTIONS:
        items = data.get(collection)
        if items is None:
            items = _misspelt_section(data, collection)  # 'hovedutvalg:' for 'committees:', told by OM011
        if items is None:
            ids[collection] = {}
            continue
        if not isinstance(items, list):
            continue
        written = [item.get("id") if isinstance(item, dict) else None for item in items]
        texts = [item_id for item_id in written if isinstance(item_id, str)]
        if len(texts) == len(written):
            ids[collection] = {item_id: index for index, item_id in enumerate(texts)}
    for target in {t for t in REFERENCES.values() if "|" in t}:  # a forum's members, a steering group
        if all(section in ids for section in target.split("|")):
            ids[target] = joined_ids(ids, target)
    problems: list[Diagnostic] = []
    taken = {(d.path, d.line, d.col) for d in doc.diagnostics}  # a reference the schema refused already
    budget = [20]
    for (owner, field), target in REFERENCES.items():
        items = data.get(owner)
        known = ids.get(target)
        if known is None or not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            value = item.get(field) if isinstance(item, dict) else None
            refs = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for pos, ref in refs:
                if not isinstance(ref, str) or ref in known:
                    continue
                loc = (owner, index, field) if pos is None else (owner, index, field, pos)
                item_id = item.get("id") if isinstance(item.get("id"), str) else None
                found = unknown_ref(
                    doc, loc, ref, target, known, item_id, owner, budget, ids.get("positions")
                )
                if (found.path, found.line, found.col) not in taken:
                    problems.append(found)
    scores, considered = data.get("scores"), ids.get("considerations")
    if isinstance(scores, dict) and considered is not None:  # a score's key names a consideration
        for key in scores:
            if isinstance(key, str) and key not in considered:
                found = unknown_score(doc, key, considered)
                if (found.path, found.line, found.col) not in taken:
                    problems.append(found)
    return problems


def _misspelt_section(data: dict[str, Any], collection: str) -> list[Any] | None:
    """The items of a top-level key the format does not know that stands for ``collection``.

    An Asker adviser wrote ``hovedutvalg:`` for ``committees:``: OM011 says so at the key, and the
    units' ``committee:`` references are judged against its ids rather than each reported as naming
    no committee (one slip, one finding).
    """
    for key, value in data.items():
        if not isinstance(key, str) or key in OrgModel.model_fields or not isinstance(value, list):
            continue
        word = key.casefold()
        if collection in KEY_SYNONYMS.get(word, ()) or suggest(word, [collection]) == collection:
            return value
    return None


# the message of a reference to an id that does not exist, per collection referred to
_NO_SUCH = {
    "units": N_("{where}: no unit has the id '{ref}'"),
    "sites": N_("{where}: no site has the id '{ref}'"),
    "services": N_("{where}: no service has the id '{ref}'"),
    "kommunedeler": N_("{where}: no kommunedel has the id '{ref}'"),
    "committees": N_("{where}: no committee has the id '{ref}'"),
    "considerations": N_("{where}: no consideration has the id '{ref}'"),
    "positions": N_("{where}: no position has the id '{ref}'"),
    MEMBERS: N_("{where}: no unit or position has the id '{ref}'"),
    STEERING: N_("{where}: no unit, position or committee has the id '{ref}'"),
    "projects": N_("{where}: no project has the id '{ref}'"),
}


def unknown_ref(
    doc: Document,
    loc: tuple[Any, ...],
    ref: str,
    target: str,
    known: Mapping[str, int],
    item_id: str | None,
    owner: str,
    budget: list[int],
    positions: Mapping[str, int] | None = None,
) -> Diagnostic:
    """OM021 at ``loc``: ``ref`` names no id of ``target``, with a did-you-mean while ``budget`` lasts.

    A reference to a unit that names a position (a project's ``owner: htv-fo``) says so: the key takes
    a unit, whose leader it means, and a position belongs where positions are allowed.
    """
    hint = None
    if target == "units" and positions and ref in positions:
        if (owner, loc[2]) == ("projects", "owner"):
            message = _(
                "{where}: '{ref}' is a position, but a project's owner (prosjekteier) is a unit, whose "
                "leader owns the project"
            )
            hint = _("name the unit whose leader owns the project; the position may sit in 'steering_group:'")
        else:
            message = _("{where}: '{ref}' is a position, but this key names a unit (its leader)")
            hint = _(
                "name a unit here; a position may chair or sit in a forum, or in a project's steering group"
            )
    else:
        if budget[0] > 0:
            budget[0] -= 1
            guess = suggest(ref, known)
            hint = did_you_mean(guess) if guess else None
        message = _(_NO_SUCH.get(target, N_("{where}: no item of '{target}' has the id '{ref}'")))
    return Diagnostic.at(
        doc.path,
        doc.source.span(loc),
        "OM021",
        "unknown-reference",
        message.format(where=where_in(doc, loc), target=target, ref=ref),
        hint=hint,
        unit=item_id if owner == "units" else None,
        key=f"{loc[2]}:{ref}",
    )
