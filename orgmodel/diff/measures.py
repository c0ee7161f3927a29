"""Derived measures of issue 15's keys: årsverk and budget per area, provisional units, the hensyn scorecard.

Each is a ``MetricTable`` beside the other derived measures, built only when
either side states the key, so a diff of models without them is unchanged.

The hensyn scorecard (the Tønsberg/Re workshop: prioritised considerations every alternative
is judged by) puts both sides' ``scores`` (1-5) side by side, one row per
consideration, and a weighted score per side. The weight of a consideration
of rank r, among considerations whose highest rank number is n, is n + 1 - r,
normalised so the weights add up to 1: with three considerations ranked 1, 2
and 3 the weights are 3/6, 2/6 and 1/6. The weighted score is the sum of
weight times score. A side that leaves some considerations unscored gets a
partial score instead, marked '8 of 9 scored': the weighted mean of the scores
it gave, their weights normalised anew to add up to 1 (as though each unscored
consideration had scored that mean), so it stays on the 1-5 scale.

When the two sides rank (or list) the considerations differently, each side's
own weighted score mixes the change of scores with the change of weights: tour
O's round 2 rose from 3.40 to 3.43 by its own ranking only because it re-ranked
towards what it scores well on; by round 1's ranking it fell to 3.38. So the
scorecard then shows both sides by the earlier ranking first (OLD's weights,
NEW's scores: how the considerations moved) and each side by its own ranking
after it (principle 15).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from orgmodel.diff.matching import Matching
from orgmodel.diff.result import MetricRow, MetricTable, Partial
from orgmodel.diff.units import subtree
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _, decimal
from orgmodel.schema import OrgModel
from orgmodel.schema_sections import Consideration

SCORECARD = "hensyn-scorecard"
EARLIER_RANKING = "weighted-by-earlier-ranking"  # the row weighing both sides by OLD's ranks


def _sum_per_area(
    graph: OrgGraph, key: Callable[[str], str], value: Callable[[str], float | None]
) -> dict[str, float | None]:
    """The stated values summed over each top-level area's units; None where no unit states one."""
    out: dict[str, float | None] = {}
    for area in graph.top_areas:
        stated = [v for v in (value(uid) for uid in subtree(graph, area)) if v is not None]
        out[key(area)] = round(sum(stated), 2) if stated else None
    return out


def _table(
    name: str, title: str, was: dict[str, float | None], now: dict[str, float | None], labels: dict[str, str]
) -> MetricTable:
    keys = list(dict.fromkeys([*now, *was]))
    rows = tuple(MetricRow(k, labels.get(k, k), _number(was.get(k)), _number(now.get(k))) for k in keys)
    return MetricTable(name, title, rows)


def _number(value: float | None) -> float | None:
    """A whole number as an int (412.0 -> 412), so outputs show it as the planner wrote it."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def resource_tables(old: OrgGraph, new: OrgGraph, m: Matching, labels: dict[str, str]) -> list[MetricTable]:
    """Årsverk and budget per top-level area, and provisional units, when either side states them."""
    tables: list[MetricTable] = []
    graphs = (old, new)
    if any(u.fte is not None for g in graphs for u in g.units.values()):
        was = _sum_per_area(old, m.mapped, lambda uid: old.units[uid].fte)
        now = _sum_per_area(new, str, lambda uid: new.units[uid].fte)
        tables.append(_table("fte-per-area", _("Årsverk (fte) per top-level area"), was, now, labels))
    if any(u.budget_nok is not None for g in graphs for u in g.units.values()):
        was = _sum_per_area(old, m.mapped, lambda uid: old.units[uid].budget_nok)
        now = _sum_per_area(new, str, lambda uid: new.units[uid].budget_nok)
        tables.append(
            _table("budget-per-area", _("Annual budget (NOK) per top-level area"), was, now, labels)
        )
    if any(u.status is not None for g in graphs for u in g.units.values()):
        counts = [sum(1 for u in g.units.values() if u.status == "provisional") for g in graphs]
        row = MetricRow("provisional", _("units marked provisional"), counts[0], counts[1])
        tables.append(MetricTable("provisional-units", _("Provisional units (status: provisional)"), (row,)))
    return tables


def weights(considerations: list[Consideration]) -> dict[str, float]:
    """Each consideration's weight: n + 1 - rank, normalised to add up to 1 (n: the highest rank)."""
    if not considerations:
        return {}
    top = max(c.rank for c in considerations)
    raw = {c.id: top + 1 - c.rank for c in considerations}
    total = sum(raw.values())
    return {cid: value / total for cid, value in raw.items()}


def scorecard(old: OrgModel, new: OrgModel) -> MetricTable | None:
    """Both sides' self-assessed scores per consideration, weighted by rank (None without any).

    Each side's weighted score uses its own considerations and ranks; a row
    shows NEW's rank and weight, or OLD's for a consideration only OLD lists,
    and both when a consideration's rank or weight differs between the sides.
    When the weights differ, a row before it weighs both sides by OLD's ranks.
    """
    if not (old.considerations or new.considerations):
        return None
    was, now = weights(old.considerations), weights(new.considerations)
    before = {c.id: c for c in old.considerations}
    listed = {c.id: c for c in old.considerations} | {c.id: c for c in new.considerations}
    ordered = sorted(listed.values(), key=lambda c: (c.rank, c.id))
    rows = [
        MetricRow(c.id, _row_label(c, before.get(c.id), was, now), old.scores.get(c.id), new.scores.get(c.id))
        for c in ordered
    ]
    rows.extend(_weighted_rows(old, new, was, now))
    title = _("Hensyn scorecard (each side's own scores, 1-5; weight = n + 1 - rank, normalised)")
    return MetricTable(SCORECARD, title, tuple(rows), show_all=True, always=True)


def _weighted_rows(
    old: OrgModel, new: OrgModel, was: dict[str, float], now: dict[str, float]
) -> list[MetricRow]:
    """The weighted score; by the earlier ranking and by each side's own when the weights differ."""
    own = _weighted_row("weighted", _("weighted score"), (old.scores, was), (new.scores, now))
    if not (was and now) or was == now:
        return [own]
    earlier = _weighted_row(
        EARLIER_RANKING,
        # Translators: the hensyn scorecard's weighted score of both proposals by the earlier one's ranks
        _("weighted score, both sides by the earlier ranking"),
        (old.scores, was),
        (new.scores, was),
    )
    # Translators: the hensyn scorecard's weighted score of each proposal by its own ranks
    return [earlier, replace(own, label=_("weighted score, each side by its own ranking"))]


def _weighted_row(
    key: str,
    label: str,
    before: tuple[dict[str, int], dict[str, float]],
    after: tuple[dict[str, int], dict[str, float]],
) -> MetricRow:
    (old_score, old_partial), (new_score, new_partial) = weighted_score(*before), weighted_score(*after)
    return MetricRow(key, label, old_score, new_score, decimals=2, partial=(old_partial, new_partial))


def _row_label(
    c: Consideration, earlier: Consideration | None, was: dict[str, float], now: dict[str, float]
) -> str:
    """'2. Nærhet (weight 0.23)'; a re-ranked or re-weighed one shows both sides' rank and weight.

    Each side's weighted score then follows from its own weights in the rows.
    """
    weight = _two(now.get(c.id, was.get(c.id, 0.0)))
    if earlier is None or c.id not in now:
        return _("{rank}. {name} (weight {weight})").format(rank=c.rank, name=c.name, weight=weight)
    old_weight = _two(was[c.id])
    if earlier.rank != c.rank:
        return _("{rank}. {name} (rank {old_rank} -> {rank}, weight {old_weight} -> {weight})").format(
            rank=c.rank, old_rank=earlier.rank, name=c.name, old_weight=old_weight, weight=weight
        )
    if old_weight != weight:
        return _("{rank}. {name} (weight {old_weight} -> {weight})").format(
            rank=c.rank, name=c.name, old_weight=old_weight, weight=weight
        )
    return _("{rank}. {name} (weight {weight})").format(rank=c.rank, name=c.name, weight=weight)


def _two(weight: float) -> str:
    """A weight with two decimals, as the reader's language writes it (0.33, in bokmål 0,33)."""
    return decimal(weight, ".2f")


def weighted_score(scores: dict[str, int], weight: dict[str, float]) -> tuple[float | None, Partial | None]:
    """The weighted score of every consideration, or a partial one over those scored (None, None: none).

    The partial score is the weighted mean of the scores given: each scored consideration's
    weight divided by the scored ones' total weight, so it stays on the 1-5 scale.
    """
    scored = [cid for cid in weight if cid in scores]
    if not scored:
        return None, None
    if len(scored) == len(weight):
        return round(sum(w * scores[cid] for cid, w in weight.items()), 2), None
    total = sum(weight[cid] for cid in scored)
    mean = sum(weight[cid] * scores[cid] for cid in scored) / total
    return None, Partial(round(mean, 2), len(scored), len(weight))
