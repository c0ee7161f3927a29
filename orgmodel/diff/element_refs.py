"""The ids an element of the other sections names, as a reader names them: 'Name' (id).

A persona's kommunedel and needs, a forum's chair and members, a collaboration's units, a
position's unit: a reader of the diff does not know the YAML's ids ('kd2', 'da-helse'), so
each is shown with its name, looked up in NEW and then in OLD (a member dropped with its
position is named by OLD).
"""

from __future__ import annotations

from orgmodel.schema import OrgModel

# the keys of the sections' elements that name other things by id
REFERENCES = frozenset(
    {
        "kommunedel",
        "needs",
        "unit",
        "professional_to",
        "chair",
        "members",
        "between",
        "units",
        "services",
        "owner",
        "steering_group",
        "working_group",
        "hands_over_to",
    }
)
_NAMED = ("units", "positions", "kommunedeler", "sites", "services", "personas", "committees", "forums")


class Labels:
    """Every id of two models with the name a reader knows it by (NEW's name first)."""

    def __init__(self, old: OrgModel, new: OrgModel) -> None:
        self._names: dict[str, str] = {}
        for model in (old, new):  # NEW's names win
            for collection in _NAMED:
                for item in getattr(model, collection):
                    name = getattr(item, "name", None) or getattr(item, "title", None)
                    if isinstance(name, str):
                        self._names[str(item.id)] = name

    def label(self, uid: str) -> str:
        """'Name' (id), or 'id' for an id that names nothing."""
        name = self._names.get(uid)
        return f"'{name}' ({uid})" if name is not None else f"'{uid}'"

    def name(self, uid: str) -> str:
        """The plain name of an id (the id itself when it names nothing)."""
        return self._names.get(uid, uid)
