"""References of the sections beside the personnel tree (issue 15) that are not one field naming one section.

``orgmodel.validate.check_references`` checks every field of
``schema.REFERENCES`` alike. Three things need more than that, and live here:

- a forum's ``chair`` and ``members``, and a project's ``leader``, name a unit
  (its leader) or a position (a tillitsvalgt, the hovedverneombud), and a
  project's ``steering_group`` a committee too (the politicians), so they are
  looked up in those sections at once (``schema.joined_ids``);
- an id used by a unit and by a position would make such a reference
  ambiguous, so it is reported where the position declares it;
- ``scores`` is a mapping whose KEYS are consideration ids: an unknown key is
  reported at the key, with did-you-mean.
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.loader import Document
from orgmodel.schema import OrgModel
from orgmodel.schema_messages import unknown_score


def section_problems(doc: Document, model: OrgModel, ids: dict[str, dict[str, int]]) -> Iterator[Diagnostic]:
    """Position ids that are also unit ids, and scores that name no consideration."""
    units = ids.get("units", {})
    for index, position in enumerate(model.positions):
        if position.id not in units:
            continue
        loc = ("positions", index, "id")
        span = doc.source.span(loc)
        first = doc.source.span(("units", units[position.id], "id"))
        where = _("on line {line}").format(line=first.line)
        if first.path != span.path:  # another file of the model (None: the main file)
            where = _("on line {line} of {path}").format(line=first.line, path=first.path or doc.path)
        message = _(
            "positions: the id '{id}' is also a unit's id ({where}), so a forum naming it would be ambiguous"
        ).format(id=position.id, where=where)
        yield Diagnostic.at(
            doc.path,
            span,
            "OM020",
            "duplicate-id",
            message,
            hint=_("give the position its own id, such as '{id}'").format(id=f"{position.id}-stilling"),
            key=f"id:{position.id}",
        )
    known = ids.get("considerations", {})
    for consideration in model.scores:
        if consideration not in known:
            yield unknown_score(doc, consideration, known)
