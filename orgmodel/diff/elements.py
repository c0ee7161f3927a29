"""What changed in the other elements: kommunedeler, sites, services, personas and issue 15's sections.

Items are matched by id; a collaboration, which has none, by the units it is
between.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from orgmodel.diff.kinds import Change
from orgmodel.journeys import frequency_text
from orgmodel.schema import OrgModel


def show(value: Any) -> str:
    """A value as a change message shows it: '(none)', 'yes', quoted text, a number."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


# (section, kind prefix, noun in messages)
_ELEMENTS = (
    ("kommunedeler", "kommunedel", "kommunedel"),
    ("sites", "site", "site"),
    ("services", "service", "service"),
    ("personas", "persona", "persona"),
    ("committees", "committee", "committee"),
    ("considerations", "consideration", "consideration"),
    ("positions", "position", "position"),
    ("forums", "forum", "forum"),
    ("collaborations", "collaboration", "collaboration"),
    ("agreements", "agreement", "agreement"),
    ("projects", "project", "project"),
)


def key_of(item: BaseModel) -> str:
    """An item's id; a collaboration's units, sorted and joined by '+'."""
    key = getattr(item, "id", None)
    if isinstance(key, str):
        return key
    return "+".join(sorted(getattr(item, "between", [])))


def name_of(item: BaseModel, key: str) -> str:
    """How a change names an item: its name, a position's title, the units a collaboration is between."""
    for attr in ("name", "title"):
        value = getattr(item, attr, None)
        if isinstance(value, str):
            return value
    return " and ".join(key.split("+"))


def _by_key(items: list[BaseModel]) -> dict[str, BaseModel]:
    out: dict[str, BaseModel] = {}
    for item in items:
        out.setdefault(key_of(item), item)
    return out


def element_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    """Every element of the other sections added, removed or changed (matched by id)."""
    out: list[Change] = []
    for collection, prefix, noun in _ELEMENTS:
        was, now = _by_key(getattr(old, collection)), _by_key(getattr(new, collection))
        for key, item in now.items():
            name = name_of(item, key)
            if key not in was:
                message = f"new {noun} '{name}' ({key})"
                out.append(Change(f"{prefix}-added", f"{prefix}-added:{key}", message, key, name))
            else:
                out.extend(_changed(prefix, noun, key, name, was[key], item))
        for key, item in was.items():
            if key not in now:
                name = name_of(item, key)
                message = f"the {noun} '{name}' ({key}) was removed"
                out.append(Change(f"{prefix}-removed", f"{prefix}-removed:{key}", message, key, name))
    return out


def _changed(prefix: str, noun: str, key: str, name: str, was: BaseModel, now: BaseModel) -> list[Change]:
    before, after = was.model_dump(), now.model_dump()
    if "between" in after:  # a collaboration's units in another order are the same collaboration
        before["between"], after["between"] = sorted(before["between"]), sorted(after["between"])
    fields = [f for f in after if f != "id" and before.get(f) != after.get(f)]
    if not fields:
        return []
    details = "; ".join(f"{f} {show(_plain(before[f]))} -> {show(_plain(after[f]))}" for f in fields)
    return [
        Change(
            f"{prefix}-changed",
            f"{prefix}-changed:{key}",
            f"{noun} '{name}' ({key}): {details}",
            key,
            name,
            before={f: _plain(before[f]) for f in fields},
            after={f: _plain(after[f]) for f in fields},
        )
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if isinstance(value, dict) and set(value) == {"times", "per"}:
        return frequency_text(value["times"], value["per"])
    if value is not None and not isinstance(value, str | int | bool | float):
        return str(value)
    return value
