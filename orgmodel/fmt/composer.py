"""A ruamel.yaml composer that keeps the comment lines above a flow-style list item with an end comment.

ruamel.yaml (seen in 0.19.1: ``Composer.compose_mapping_node``, ``compose_sequence_node``)
gives a flow collection the comment of its start event, which holds the comment
lines above it, and then replaces it with the comment of its end event, the
end-of-line comment after its ``}`` or ``]``. So in::

    units:
      - {id: a, name: A, level: 1}
      # above
      - {id: k, name: K, level: 1}   # trailing

``# above`` was lost on the round trip, and fmt refused the whole file to keep
it. This composer keeps both: the end event's comment stays the end-of-line
part, and the lines above come back as the part before the item, where
ruamel.yaml's constructor and emitter keep them for a flow item without an
end-of-line comment. Imported by ``orgmodel.fmt`` only (ruamel.yaml is fmt's alone).
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.composer import Composer


class KeepingComposer(Composer):
    """ruamel.yaml's composer, keeping the comment lines above a flow collection that has an end comment."""

    def compose_mapping_node(self, anchor: Any) -> Any:
        """A mapping node; a flow mapping keeps the comment lines above it."""
        above = _lines_above(self.parser.peek_event())
        return _keep(super().compose_mapping_node(anchor), above)

    def compose_sequence_node(self, anchor: Any) -> Any:
        """A sequence node; a flow sequence keeps the comment lines above it."""
        above = _lines_above(self.parser.peek_event())
        return _keep(super().compose_sequence_node(anchor), above)


def _lines_above(event: Any) -> Any:
    """The comment lines a start event carries (ruamel.yaml's ``comment[1]``), or None."""
    comment = getattr(event, "comment", None)
    if comment and len(comment) > 1 and comment[1]:
        return comment[1]
    return None


def _keep(node: Any, above: Any) -> Any:
    """Give a flow node whose comment its end event replaced the lines above it back."""
    comment = node.comment
    if above is None or node.flow_style is not True or comment is None or comment[1] is above:
        return node
    if comment[1] is None:  # the end event's own lines before it went to comment[2] (check_end_doc_comment)
        comment[1] = above
    return node
