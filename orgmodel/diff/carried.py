"""Findings carried through a merge or a split: the same breach on the unit (or units) a unit became.

Konnerud (span 80) and Strømsø/Tangen (span 90) merged into one unit of span 170: each source's
OM120 finding continues, worse, in the merged unit. Paired by their fingerprint alone, the first
source's finding would read "changed (was 80)" and the other's "resolved", though nothing was
resolved. So before the findings are paired one to one (``findings.finding_delta``), each finding
of a merged or split unit is looked for on the unit(s) it became, under the same rule and breach
(its fingerprint with that unit's id): the merged unit's finding continues every source's, a
part's finding continues the split unit's. Neither side is then new or resolved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace

from orgmodel.diagnostic import Diagnostic

# (the OLD findings it continues, the NEW finding, whether a merge) per carried NEW finding
Group = tuple[list[Diagnostic], Diagnostic, bool]


def carry(
    old: list[Diagnostic],
    new: list[Diagnostic],
    mapped: Callable[[str], str],
    regrouped: Mapping[str, tuple[str, ...]],
) -> tuple[list[Group], list[Diagnostic], list[Diagnostic]]:
    """The NEW findings that continue findings of merged or split units; the findings of each side left.

    ``regrouped`` maps each merged or split OLD unit to the NEW unit(s) it became
    (``Matching.regroupings``): one for a merge, the parts for a split.
    """
    if not regrouped or not old or not new:
        return [], old, new
    by_print: dict[str, list[Diagnostic]] = defaultdict(list)
    for diag in new:
        by_print[diag.fingerprint].append(diag)
    links: dict[int, list[Diagnostic]] = defaultdict(list)  # id(NEW finding) -> OLD findings it continues
    merged: dict[int, bool] = {}
    used: set[int] = set()
    for diag in old:
        became = regrouped.get(diag.unit or "")
        if diag.unit is None or not became:
            continue
        for target in became:
            key = target if diag.key == diag.unit else (mapped(diag.key) if diag.key else None)
            for now in by_print.get(replace(diag, unit=target, key=key).fingerprint, ()):
                links[id(now)].append(diag)
                merged[id(now)] = len(became) == 1
                used.add(id(diag))
    if not links:
        return [], old, new
    groups = [(links[id(d)], d, merged[id(d)]) for d in new if id(d) in links]
    return groups, [d for d in old if id(d) not in used], [d for d in new if id(d) not in links]
