"""The change kinds of issue 15's sections (committees, forums, agreements ...), all under structure."""

from __future__ import annotations

from orgmodel.diff.kind import Kind

# the added, removed and changed kinds of issue 15's sections (all under structure), written out so
# that `make messages` takes each into the catalogue
SECTION_KINDS: dict[str, Kind] = {
    "committee-added": Kind(
        "structure",
        "a political committee (hovedutvalg) exists only in NEW",
        "committee added",
        "committees added",
    ),
    "committee-removed": Kind(
        "structure",
        "a political committee (hovedutvalg) exists only in OLD",
        "committee removed",
        "committees removed",
    ),
    "committee-changed": Kind(
        "structure",
        "a political committee (hovedutvalg): its name changed",
        "committee changed",
        "committees changed",
    ),
    "consideration-added": Kind(
        "structure",
        "a consideration (hensyn) exists only in NEW",
        "consideration added",
        "considerations added",
    ),
    "consideration-removed": Kind(
        "structure",
        "a consideration (hensyn) exists only in OLD",
        "consideration removed",
        "considerations removed",
    ),
    "consideration-changed": Kind(
        "structure",
        "a consideration (hensyn): its name or rank changed",
        "consideration changed",
        "considerations changed",
    ),
    "position-added": Kind("structure", "a position exists only in NEW", "position added", "positions added"),
    "position-removed": Kind(
        "structure", "a position exists only in OLD", "position removed", "positions removed"
    ),
    "position-changed": Kind(
        "structure",
        "a position: its title, unit, personnel responsibility or professional line changed",
        "position changed",
        "positions changed",
    ),
    "forum-added": Kind("structure", "a forum (møteplass) exists only in NEW", "forum added", "forums added"),
    "forum-removed": Kind(
        "structure", "a forum (møteplass) exists only in OLD", "forum removed", "forums removed"
    ),
    "forum-changed": Kind(
        "structure",
        "a forum (møteplass): its kind, chair, members, frequency or mandate changed",
        "forum changed",
        "forums changed",
    ),
    "collaboration-added": Kind(
        "structure",
        "a collaboration between units exists only in NEW",
        "collaboration added",
        "collaborations added",
    ),
    "collaboration-removed": Kind(
        "structure",
        "a collaboration between units exists only in OLD",
        "collaboration removed",
        "collaborations removed",
    ),
    "collaboration-changed": Kind(
        "structure",
        "a collaboration between units: its frequency or purpose changed",
        "collaboration changed",
        "collaborations changed",
    ),
    "agreement-added": Kind(
        "structure", "an agreement exists only in NEW", "agreement added", "agreements added"
    ),
    "agreement-removed": Kind(
        "structure", "an agreement exists only in OLD", "agreement removed", "agreements removed"
    ),
    "agreement-changed": Kind(
        "structure",
        "an agreement: its kind, parties, host, units or services changed",
        "agreement changed",
        "agreements changed",
    ),
    "project-added": Kind("structure", "a project exists only in NEW", "project added", "projects added"),
    "project-removed": Kind(
        "structure", "a project exists only in OLD", "project removed", "projects removed"
    ),
    "project-changed": Kind(
        "structure",
        "a project: its owner, steering group, parties, end date or hand-over changed",
        "project changed",
        "projects changed",
    ),
}
