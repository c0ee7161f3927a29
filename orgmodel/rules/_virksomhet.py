"""Which units are virksomheter: decided from the tree, with the ``kind`` label as an override.

Not a rule module: it registers nothing. OM140 (budget-responsibility) and
OM150 (robust-units) judge virksomheter, and municipalities name them
differently (Drammen "virksomhet", Kristiansand "enhet", many models no
``kind`` at all), so a label alone lets a unit escape by its name.

A unit is a virksomhet when

1. its ``kind`` is one of ``kinds`` (the explicit override: always), or
2. it is not labelled as something else (``kind`` not in ``other_kinds``),
   is not a staff or support unit (``role``) nor a supervising or appeals
   function (see :func:`myndighet_function`), and sits at the virksomhet
   depth of its area: the depth in the personnel tree at which the units
   labelled with ``kinds`` sit in the same top-level area (the branch under
   one of the top unit's direct reports); in an area without such labels,
   the depth of the model's labelled virksomheter; in a model that labels
   none, declared ``level: 3`` (domain.md: a virksomhet is a level-3 unit,
   Drammen report p. 18; Kristiansand's enheter, the Nordre Follo workbook).

All of it is O(n) in the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from orgmodel.graph import OrgGraph
from orgmodel.rules._outside import outside
from orgmodel.schema import Unit

OTHER_KINDS = [
    "avdeling",
    "stab",
    "knutepunkt",
    "kommunalsjefområde",
    "direktørområde",
    "direktorområde",
    "toppledelse",
    "iks",
    "external",
]
"""Labels that say a unit is not a virksomhet (Drammen's model writes these)."""

NOT_VIRKSOMHET_ROLES = frozenset({"staff", "support"})
VIRKSOMHET_LEVEL = 3


def myndighet_function(unit: Unit) -> bool:
    """Whether a unit is a supervising or appeals function, judged as a staff function is.

    Barnehagemyndighet, which supervises the kindergartens, is "a staff
    function" of the kommunalsjef apart from the virksomheter it supervises,
    and the appeals staff for plan and building sits "i stab til
    kommunalsjefen" (Drammen report p. 35, 55): a unit with ``role: appeals``,
    or with ``role: authority`` that names units in ``supervises``, is no
    virksomhet by its place in the tree (its ``kind`` still says so). An
    authority that only decides inhabitants' applications (``decides``:
    Tjenestetildeling, Byggesak, Drammen report p. 26, 55) is a virksomhet
    where it sits like one.
    """
    return unit.role == "appeals" or (unit.role == "authority" and bool(unit.supervises))


def _area_of(graph: OrgGraph) -> dict[str, str]:
    """The top-level area of each reachable unit: its ancestor among the top unit's direct reports."""
    return graph.memoised("area", lambda: _areas(graph))


def _areas(graph: OrgGraph) -> dict[str, str]:
    # graph.depth lists every unit right after its leader, so each area is one run of it
    area: dict[str, str] = {}
    current = None
    for uid, depth in graph.depth.items():
        if depth > 1:
            if current is not None:
                area[uid] = current
        elif depth == 1:
            area[uid] = current = uid
        else:
            current = None
    return area


def _most_common(depths: Iterable[int]) -> int | None:
    counts = Counter(depths).most_common()
    if not counts:
        return None
    best = max(n for _, n in counts)
    return min(d for d, n in counts if n == best)  # a tie: the shallower depth


def virksomheter(graph: OrgGraph, kinds: Iterable[str], other_kinds: Iterable[str]) -> frozenset[str]:
    """The ids of the units judged as virksomheter (see the module docstring)."""
    wanted, others = frozenset(kinds), frozenset(other_kinds) - frozenset(kinds)
    return graph.memoised(("virksomheter", wanted, others), lambda: _virksomheter(graph, wanted, others))


def _virksomheter(graph: OrgGraph, kinds: frozenset[str], others: frozenset[str]) -> frozenset[str]:
    skip = outside(graph)  # units outside the basisorganisasjon are no virksomheter of the kommune
    depth = {u: d for u, d in graph.depth.items() if u not in skip} if skip else graph.depth
    area = _area_of(graph)
    labelled = [uid for uid, unit in graph.units.items() if unit.kind in kinds and uid not in skip]
    out = set(labelled)
    area_depths: dict[str, list[int]] = {}
    for uid in labelled:
        if uid in area and uid in depth:
            area_depths.setdefault(area[uid], []).append(depth[uid])
    model_depth = _most_common(depth[uid] for uid in labelled if uid in depth)
    by_area = {key: _most_common(values) for key, values in area_depths.items()}
    for uid, unit in graph.units.items():
        if uid in out or unit.kind in others or uid not in depth:
            continue
        if unit.role in NOT_VIRKSOMHET_ROLES or myndighet_function(unit):
            continue
        if model_depth is None:
            if unit.level == VIRKSOMHET_LEVEL and unit.parent is not None:
                out.add(uid)
            continue
        wanted = by_area.get(area.get(uid, ""), model_depth)
        if depth[uid] == wanted and depth[uid] > 0:
            out.add(uid)
    return frozenset(out)


def people_known(graph: OrgGraph) -> dict[str, bool]:
    """Whether a reachable unit's headcount is known: it and every unit below it state ``staff``.

    An omitted ``staff`` is unknown, not 0 (docs/model-format.md: "omit when unknown"), so a
    unit's people are "at least" its headcount unless its whole subtree states
    staff. OM150 and OM260 judge sizes only where they are known.
    """
    return graph.memoised("people_known", lambda: _people_known(graph))


def _people_known(graph: OrgGraph) -> dict[str, bool]:
    known: dict[str, bool] = {}
    units, children = graph.units, graph.children
    for uid in reversed(graph.depth):  # units before their leaders, so theirs are known first
        below = children[uid]
        known[uid] = units[uid].staff is not None and (not below or all(map(known.__getitem__, below)))
    return known
