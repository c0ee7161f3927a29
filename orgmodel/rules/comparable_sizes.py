"""OM260 comparable-sizes: sibling units of one kind are of relatively equal size."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.rule import Context, Rule, register


class ComparableSizesParams(BaseModel):
    """Options of comparable-sizes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    factor: float = Field(
        default=3.0,
        gt=1,
        description=(
            "the largest sibling may be at most this many times the smallest. 3: assumption (no "
            "published norm; Drammen asks for 'relatively equal size', 000 p. 26): flags only clear outliers"
        ),
    )
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet"],
        description="unit kinds compared (empty: every kind); virksomheter, as in the report (000 p. 26)",
    )
    geographic_only: bool = Field(
        default=True,
        description="compare only siblings placed in kommunedeler: the report's geographic units (000 p. 26)",
    )


@register
class ComparableSizes(Rule[ComparableSizesParams]):
    """Geographic sibling units of the same kind are of relatively equal size.

    Drammen split home care on Bragernes and Øren "to get virksomheter of
    relatively equal size" and merged small districts (report p. 26).
    Siblings are units of the same ``kind`` under the same personnel leader
    that deliver the same kind of service (at least one service in common,
    from ``delivers``): a school is compared with schools, not with PPT, a
    sykehjem with sykehjem, not with a dagsenter. With ``geographic_only``
    (the default) only those placed in kommunedeler (``kommunedeler`` or
    ``sites``) are compared, since a specialised unit
    next to geographic ones is a different thing. When the largest sibling
    has more than ``factor`` times the headcount of the smallest, one finding
    per group sits at the largest. Units whose size is unknown (no ``staff``
    in their subtree) are skipped.

    Anti-pattern (factor 3)::

        - {id: virk-oms-bragernes-oren, kind: virksomhet, parent: ks-hjemme, kommunedeler: [kd8],
           staff: 240, ...}
        - {id: virk-oms-konnerud, kind: virksomhet, parent: ks-hjemme, kommunedeler: [kd5], staff: 60, ...}

    Best practice: split the large unit (Bragernes and Øren) or merge small ones.
    """

    code = "OM260"
    name = "comparable-sizes"
    severity = Severity.WARNING
    Params = ComparableSizesParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        kinds = set(self.params.kinds)
        groups: dict[tuple[str, str], list[str]] = {}
        for uid, unit in graph.units.items():
            if unit.parent is None or unit.kind is None or (kinds and unit.kind not in kinds):
                continue
            if not graph.staff_known.get(uid):
                continue
            if self.params.geographic_only and not graph.own_places[uid]:
                continue
            groups.setdefault((unit.parent, unit.kind), []).append(uid)
        for (parent, kind), siblings in groups.items():
            for members in same_service(graph, siblings):
                if len(members) >= 2:
                    yield from self._compare(ctx, parent, kind, members)

    def _compare(self, ctx: Context, parent: str, kind: str, members: list[str]) -> Iterator[Diagnostic]:
        graph = ctx.graph
        size = graph.headcount
        largest = max(members, key=lambda u: (size[u], -graph.index[u]))
        smallest = min(members, key=lambda u: (size[u], graph.index[u]))
        if size[largest] <= self.params.factor * size[smallest]:
            return
        ratio = size[largest] / size[smallest]
        shared = sorted(set(graph.units[largest].delivers) & set(graph.units[smallest].delivers))
        what = f" delivering {', '.join(shared)}" if shared else ""
        yield self.diagnostic(
            ctx,
            ctx.unit_loc(largest, "staff"),
            f"{ctx.unit_label(largest)} has {size[largest]} people, {ratio:.1f} times "
            f"{ctx.unit_label(smallest)} ({size[smallest]}); sibling {kind} units{what} under "
            f"{ctx.unit_label(parent)} should be of relatively equal size "
            f"(at most {self.params.factor:g} times)",
            unit=largest,
            hint="split the large unit or merge the small ones",
        )


def same_service(graph: OrgGraph, siblings: list[str]) -> list[list[str]]:
    """Siblings grouped like with like: units joined by a service they both deliver.

    Two schools both delivering ``grunnskole`` are one group; PPT, delivering
    ``ppt``, is another; a sykehjem and a dagsenter with no service in common
    are not compared. Units that list no ``delivers`` are compared with each
    other (by kind alone, as the model says nothing more). Groups keep file order.
    """
    group_of: dict[str, int] = {}
    groups: list[list[str]] = []
    by_service: dict[str, int] = {}
    for uid in siblings:
        services = list(dict.fromkeys(graph.units[uid].delivers)) or [""]
        joined = sorted({by_service[s] for s in services if s in by_service})
        if joined:
            target = joined[0]
            for other in joined[1:]:  # this unit bridges two groups: merge them
                for member in groups[other]:
                    group_of[member] = target
                groups[target].extend(groups[other])
                groups[other] = []
                for service, number in by_service.items():
                    if number == other:
                        by_service[service] = target
        else:
            target = len(groups)
            groups.append([])
        groups[target].append(uid)
        group_of[uid] = target
        for service in services:
            by_service[service] = target
    return [sorted(g, key=graph.index.__getitem__) for g in groups if g]
