"""Semantic comparison of two organisation models.

Usable without the CLI::

    from orgmodel.diff import diff_models

    result = diff_models(old_model, new_model)
    for change in result.changes:
        print(change.kind, change.id, change.message)

``diff_checked`` compares two checked models (``orgmodel.engine.CheckedModel``)
and reads the graph and journeys the engine built for them; ``diff_models``
builds them for two bare models.

Units are matched by id, then by rename detection (``matching``); the
structural changes (``changes``), the derived ones (``derived``) and the rule
delta (``findings``) each have a stable kind (``kinds.KINDS``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from orgmodel.diagnostic import Diagnostic
from orgmodel.diff.changes import unit_changes
from orgmodel.diff.deciders import decider_changes
from orgmodel.diff.derived import coverage, coverage_changes, metrics, span_changes
from orgmodel.diff.elements import element_changes
from orgmodel.diff.findings import finding_changes, finding_delta
from orgmodel.diff.kinds import GROUPS, KINDS, Change
from orgmodel.diff.matching import Matching, match_units
from orgmodel.diff.outside import outside_changes
from orgmodel.diff.persona_local import local_changes
from orgmodel.diff.personas import persona_changes
from orgmodel.diff.proposal import model_changes
from orgmodel.diff.renames import rename_changes, renamed_ids, translated
from orgmodel.diff.result import DiffResult, FindingDelta, MetricTable, People
from orgmodel.diff.suppressions import split_suppressed
from orgmodel.diff.units import label
from orgmodel.engine import CheckedModel
from orgmodel.graph import OrgGraph
from orgmodel.journeys import Journeys
from orgmodel.schema import OrgModel

__all__ = [
    "GROUPS",
    "KINDS",
    "Change",
    "DiffResult",
    "FindingDelta",
    "Matching",
    "MetricTable",
    "People",
    "diff_checked",
    "diff_models",
    "match_units",
]


def diff_models(
    old: OrgModel,
    new: OrgModel,
    *,
    old_name: str = "OLD",
    new_name: str = "NEW",
    old_findings: Iterable[Diagnostic] | None = None,
    new_findings: Iterable[Diagnostic] | None = None,
    allow: Iterable[str] = (),
    new_silenced: Iterable[Diagnostic] = (),
) -> DiffResult:
    """Compare two models; with both sides' findings, also the rule delta.

    ``new_silenced`` holds the findings NEW silences with inline suppressions:
    an OLD finding among them is "suppressed in this change", not resolved.

    ``allow`` holds change ids accepted in advance: those changes are marked
    ``allowed`` (they are still listed) and never fail a ``--fail-on-new``.
    """
    sides = (Journeys(OrgGraph(old)), Journeys(OrgGraph(new)))
    return _paused(sides, (old_name, new_name), (old_findings, new_findings, new_silenced), allow)


def diff_checked(
    old: CheckedModel,
    new: CheckedModel,
    *,
    findings: bool = True,
    allow: Iterable[str] = (),
) -> DiffResult:
    """Compare two checked models (both loaded into a model), reusing their graphs and journeys.

    With ``findings``, the rule delta of both sides' diagnostics is part of
    the result; ``allow`` as for ``diff_models``.
    """
    pairs: Findings = (old.diagnostics, new.diagnostics, new.silenced) if findings else (None, None, ())
    return _paused((old.journeys, new.journeys), (old.path, new.path), pairs, allow)


# OLD's and NEW's findings (None: not judged), and the findings NEW silences with suppressions
Findings = tuple[Iterable[Diagnostic] | None, Iterable[Diagnostic] | None, Iterable[Diagnostic]]


def _paused(
    sides: tuple[Journeys, Journeys], names: tuple[str, str], findings: Findings, allow: Iterable[str]
) -> DiffResult:
    enabled = gc.isenabled()
    gc.disable()  # the diff builds acyclic data; collecting while building costs more than the diff
    try:
        return _diff(sides, names, findings, allow)
    finally:
        if enabled:
            gc.enable()


def _diff(
    sides: tuple[Journeys, Journeys], names: tuple[str, str], findings: Findings, allow: Iterable[str]
) -> DiffResult:
    (old_journeys, new_journeys), (old_name, new_name) = sides, names
    old_graph, new_graph = old_journeys.graph, new_journeys.graph
    old, new = old_graph.model, new_graph.model
    m = match_units(old_graph, new_graph)
    m.ids = renamed_ids(old, new, m)
    structure, affected = unit_changes(old_graph, new_graph, m)
    spans = span_changes(old_graph, new_graph, m)
    routes, route_tables = persona_changes(old_journeys, new_journeys, m)
    routes += local_changes(old_journeys, new_journeys, m)
    cov = (coverage(old, old_graph), coverage(new, new_graph))
    was = translated(old, m.ids)  # OLD's sections read through the ids that changed
    services = [
        *rename_changes(new, m.ids),
        *element_changes(was, new),
        *outside_changes(old_graph, new_graph),
        *decider_changes(old_graph, new_graph, m),
        *coverage_changes(was, new, (_renamed_coverage(cov[0], m.ids), cov[1])),
    ]
    changes = [*model_changes(old, new), *structure, *spans, *services, *routes]
    delta = None
    old_findings, new_findings, new_silenced = findings
    if old_findings is not None and new_findings is not None:
        delta = finding_delta(old_findings, new_findings, m.mapped, m.regroupings())
        split_suppressed(delta, new_silenced, m.mapped)
        changes += finding_changes(delta, lambda uid: label(old_graph, uid))
    allowed = set(allow)
    if allowed:
        changes = [_allow(c) if c.id in allowed else c for c in changes]
    staff_known = any(u.staff is not None for g in (old_graph, new_graph) for u in g.units.values())
    personas = tuple(dict.fromkeys(c.unit or "" for c in routes))
    return DiffResult(
        old_name=old_name,
        new_name=new_name,
        changes=_ordered(changes),
        metrics=[*metrics(old, new, old_graph, new_graph, m, cov), *route_tables],
        people=People(sum(affected.values()), staff_known, personas),
        findings=delta,
        old_units=len(old_graph.units),
        new_units=len(new_graph.units),
        old_outside=len(old_graph.outside),
        new_outside=len(new_graph.outside),
        old_model=old,
        new_model=new,
        matching=m,
        old_journeys=old_journeys,
    )


def _renamed_coverage(cov: dict[str, set[str]], ids: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    """OLD's local services per kommunedel, by NEW's ids of kommunedeler and services."""
    kds, services = ids.get("kommunedeler", {}), ids.get("services", {})
    if not kds and not services:
        return cov
    return {kds.get(kd, kd): {services.get(s, s) for s in found} for kd, found in cov.items()}


def _allow(change: Change) -> Change:
    from dataclasses import replace

    return replace(change, allowed=True)


def _ordered(changes: list[Change]) -> list[Change]:
    rank = {group: i for i, group in enumerate(GROUPS)}
    return sorted(changes, key=lambda c: rank[c.group])
