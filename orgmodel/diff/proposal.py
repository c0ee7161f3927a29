"""What a model says of itself: its proposal, status and the date it takes effect.

A model going from adopted back to hearing, or renamed as the next proposal,
is a change of its own (``model-status-changed``, ``proposal-changed``,
``valid-from-changed``), so such a diff never says "no change".
"""

from __future__ import annotations

from typing import Any

from orgmodel.diff.elements import show
from orgmodel.diff.kinds import Change
from orgmodel.i18n import N_, _
from orgmodel.schema import STATUS_WORDS, OrgModel

# kind, field, sentence
_FIELDS = (
    ("model-status-changed", "status", N_("the model's status: {before} -> {after}")),
    ("proposal-changed", "proposal", N_("the model's proposal: {before} -> {after}")),
    ("valid-from-changed", "valid_from", N_("the date the organisation takes effect: {before} -> {after}")),
)


def _shown(field: str, value: Any) -> str:
    if field == "status" and value in STATUS_WORDS:
        return _(STATUS_WORDS[value])
    if field == "valid_from" and value is not None:
        return str(value.isoformat())
    return show(value)


def model_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    """The model's own status, proposal and valid-from date, each when it changed."""
    out: list[Change] = []
    for kind, field, words in _FIELDS:
        was, now = getattr(old, field), getattr(new, field)
        if was == now:
            continue
        message = _(words).format(before=_shown(field, was), after=_shown(field, now))
        plain = [v.isoformat() if field == "valid_from" and v is not None else v for v in (was, now)]
        out.append(Change(kind, kind, message, before=plain[0], after=plain[1]))
    return out
