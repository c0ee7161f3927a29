"""The ids an element of the other sections names, as a reader names them: 'Name' (id).

A persona's kommunedel and needs, a forum's chair and members, a collaboration's units, a
position's unit: a reader of the diff does not know the YAML's ids ('kd2', 'da-helse'), so
each is shown with its name, looked up in NEW and then in OLD (a member dropped with its
position is named by OLD).
"""

from __future__ import annotations

from collections.abc import Callable

from orgmodel.hints import and_list
from orgmodel.i18n import _, ngettext
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


def list_change(word: str, field: str, came: list[str], gone: list[str], show: Callable[[str], str]) -> str:
    """What a list gained and lost, each joined as the reader's language joins a list.

    A forum's members say who came and who left ("new member: 'PPT' (virk-ppt); no longer a
    member: ..."); a project's groups who is in them now; any other list its key with what it
    gained and lost ("services adds 'Avlastning' (avlastning)").
    """
    new, old = and_list([show(x) for x in came]), and_list([show(x) for x in gone])
    if field == "members":
        parts = (
            [ngettext("new member: {ids}", "new members: {ids}", len(came)).format(ids=new)] if came else []
        )
        if gone:
            lost = ngettext("no longer a member: {ids}", "no longer members: {ids}", len(gone))
            parts.append(lost.format(ids=old))
        return "; ".join(parts)
    if field in ("steering_group", "working_group"):
        group = _("the steering group") if field == "steering_group" else _("the working group")
        parts = [_("now in {group}: {ids}").format(group=group, ids=new)] if came else []
        parts += [_("no longer in {group}: {ids}").format(group=group, ids=old)] if gone else []
        return "; ".join(parts)
    parts = [_("adds {ids}").format(ids=new)] if came else []
    parts += [_("drops {ids}").format(ids=old)] if gone else []
    return f"{word} {', '.join(parts)}"
