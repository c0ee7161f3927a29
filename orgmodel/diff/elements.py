"""What changed in the model's other elements: kommunedeler, sites, services and personas."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from orgmodel.diff.kinds import Change
from orgmodel.i18n import N_, _
from orgmodel.schema import OrgModel


def show(value: Any) -> str:
    """A value as a change message shows it: '(none)', 'yes', quoted text, a number."""
    if value is None:
        return _("(none)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


# collection, kind prefix, and the messages of an element added, changed and removed
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
)


def element_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    """Kommunedeler, sites, services and personas added, removed or changed (matched by id)."""
    out: list[Change] = []
    for collection, prefix, (added, changed, removed) in _ELEMENTS:
        was: dict[str, BaseModel] = {}
        for item in getattr(old, collection):
            was.setdefault(item.id, item)
        now: dict[str, BaseModel] = {}
        for item in getattr(new, collection):
            now.setdefault(item.id, item)
        for key, item in now.items():
            name = getattr(item, "name", key)
            if key not in was:
                out.append(
                    Change(
                        f"{prefix}-added",
                        f"{prefix}-added:{key}",
                        _(added).format(name=name, id=key),
                        key,
                        name,
                    )
                )
                continue
            before, after = was[key].model_dump(), item.model_dump()
            fields = [f for f in after if f != "id" and before.get(f) != after.get(f)]
            if fields:
                details = "; ".join(
                    f"{f} {show(_plain(before[f]))} -> {show(_plain(after[f]))}" for f in fields
                )
                out.append(
                    Change(
                        f"{prefix}-changed",
                        f"{prefix}-changed:{key}",
                        _(changed).format(name=name, id=key, details=details),
                        key,
                        name,
                        before={f: _plain(before[f]) for f in fields},
                        after={f: _plain(after[f]) for f in fields},
                    )
                )
        for key, item in was.items():
            if key not in now:
                name = getattr(item, "name", key)
                out.append(
                    Change(
                        f"{prefix}-removed",
                        f"{prefix}-removed:{key}",
                        _(removed).format(name=name, id=key),
                        key,
                        name,
                    )
                )
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if value is not None and not isinstance(value, str | int | bool | float):
        return str(value)
    return value
