"""Parts of the organisation graph that need none of it: cycles (Tarjan), who delivers, the networkx export.

``orgmodel.graph`` uses both; they take plain mappings, so this module imports nothing of orgmodel's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

SPAN_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 0),
    ("1", 1, 1),
    ("2-3", 2, 3),
    ("4-7", 4, 7),
    ("8-12", 8, 12),
    ("13-16", 13, 16),
    ("17+", 17, None),
)
"""The span buckets of org-design tools (label, lowest, highest), with 0 for a leader of nobody:
``orgmodel stats`` and ``orgmodel diff`` count leaders per bucket alike."""


def span_bucket(value: int) -> str:
    """The label of the bucket a span (or a number of units led) falls in."""
    for label, low, high in SPAN_BUCKETS:
        if low <= value and (high is None or value <= high):
            return label
    raise ValueError(f"no span bucket for {value}")


def as_networkx(
    units: Mapping[str, Any], children: Mapping[str, list[str]], professional: Iterable[tuple[str, str]]
) -> Any:
    """A networkx ``MultiDiGraph`` of the units, their personnel lines and ``professional`` lines.

    networkx is imported here, never on the check path (``OrgGraph.to_networkx`` documents it).
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for uid, unit in units.items():
        graph.add_node(
            uid, name=unit.name, level=unit.level, kind=unit.kind, leader=unit.leader, staff=unit.staff
        )
    graph.add_edges_from(
        ((parent, child, {"line": "personnel"}) for parent, kids in children.items() for child in kids)
    )
    graph.add_edges_from((uid, target, {"line": "professional"}) for uid, target in professional)
    return graph


def strongly_connected_components(
    nodes: Iterable[str], successors: Callable[[str], Iterable[str]]
) -> Iterator[list[str]]:
    """The strongly connected components of a directed graph (Tarjan's algorithm, without recursion).

    O(nodes + edges); a graph of 100,000 units in one long cycle needs no
    recursion limit. Each component is yielded once, as soon as it is complete.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        work: list[tuple[str, Iterator[str]]] = [(start, iter(successors(start)))]
        while work:
            node, edges = work[-1]
            advanced = False
            for succ in edges:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(successors(succ))))
                    advanced = True
                    break
                if succ in on_stack and index[succ] < low[node]:
                    low[node] = index[succ]
            if advanced:
                continue
            work.pop()
            if work and low[node] < low[work[-1][0]]:
                low[work[-1][0]] = low[node]
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component


def taking_part(
    units: Mapping[str, Any], children: Mapping[str, list[str]], uid: str, service: str
) -> list[str]:
    """``uid`` and the units below it that deliver ``service`` with it, leaders first (see ``OrgGraph``).

    The walk stops at a unit that names a ``delivers:`` of its own without the service.
    """
    out: list[str] = []
    stack, seen = [uid], set()
    while stack:
        unit = stack.pop()
        delivers = units[unit].delivers
        if unit in seen or (unit != uid and delivers and service not in delivers):
            continue
        seen.add(unit)
        out.append(unit)
        stack.extend(reversed(children[unit]))
    return out


def handed_down(
    units: Mapping[str, Any],
    children: Mapping[str, list[str]],
    roots: Iterable[str],
    own: Mapping[str, frozenset[str]],
) -> dict[str, frozenset[str]]:
    """Each unit's ``own`` places, else its nearest personnel ancestor's, never a top unit's.

    Leaders are visited before their units; a circle of personnel lines is never entered.
    """
    out = dict(own)
    stack = [uid for uid in roots if uid in children]
    while stack:
        uid = stack.pop()
        handed = out[uid] if units[uid].parent is not None else frozenset()
        for child in children[uid]:
            out[child] = out[child] if own[child] else handed
            stack.append(child)
    return out


def parent_cycles(
    units: Mapping[str, Any], reached: Mapping[str, int], index: Mapping[str, int]
) -> list[list[str]]:
    """The circles of ``parent`` lines among the units not ``reached`` from a top unit (``OrgGraph``)."""
    walk_of: dict[str, int] = {}
    cycles: list[list[str]] = []
    for walk, start in enumerate(uid for uid in units if uid not in reached):
        path: list[str] = []
        uid: str | None = start
        while uid is not None and uid in units and uid not in walk_of:
            walk_of[uid] = walk
            path.append(uid)
            uid = units[uid].parent
        if uid is not None and walk_of.get(uid) == walk:  # back on this walk's own path: a circle
            cycle = path[path.index(uid) :]
            if len(cycle) > 1:
                cycles.append(sorted(cycle, key=index.__getitem__))
    return sorted(cycles, key=lambda cycle: index[cycle[0]])


def hosted_elsewhere(model: Any) -> dict[str, list[str]]:
    """Service id -> the agreements whose host is another kommune, through which the host grants it.

    Under an administrativt vertskommunesamarbeid (kommuneloven § 20-2) the host makes the vedtak:
    in a partner's model (its ``kommunenummer`` is not the agreement's ``host``, or unstated) a
    service such an agreement lists is decided, by the host, though no unit of the model decides it.
    """
    own = model.kommunenummer
    out: dict[str, list[str]] = {}
    for agreement in model.agreements:
        if agreement.host is None or agreement.host == own:
            continue
        for service in dict.fromkeys(agreement.services):
            out.setdefault(service, []).append(agreement.id)
    return out


MEMBER_KINDS = frozenset({"samarbeidsavtale"})
"""Kinds of agreement whose units take part in what it lists without delivering it (a fagnettverk's
members, the parties to a samarbeidsavtale with the hospital)."""


def undelivered_agreed(
    model: Any,
    units: Mapping[str, Any],
    children: Mapping[str, list[str]],
    deliverers: Mapping[str, list[str]],
) -> dict[str, list[str]]:
    """Service id -> the agreements that list it though the model says none of their units delivers it.

    In the host's own model (its ``kommunenummer`` is the ``host``) the host's organisation delivers
    what it hosts: a service none of the agreement's ``units`` (or the units below them) delivers, or,
    when it names no units, no unit of the model. An agreement without a host (an IKS, a
    partnerskap) is judged by what its units say they deliver: when one of them (or a unit below) states
    ``delivers:``, a service none of them delivers. In a partner's model the host delivers it; the members
    of a samarbeidsavtale (``MEMBER_KINDS``) take part in what it lists without delivering it. OM279
    reports each; trace does not count the service as delivered through that agreement.
    """
    own = model.kommunenummer
    out: dict[str, list[str]] = {}
    for agreement in model.agreements:
        if agreement.host is not None and agreement.host != own:
            continue  # a partner's view: the host delivers it
        if agreement.host is None and agreement.kind in MEMBER_KINDS:
            continue  # a network's members take part in what it lists (OM279: who delivers it is unknown)
        below = subtrees(children, [uid for uid in agreement.units if uid in units])
        if agreement.host is None and not any(units[uid].delivers for uid in below):
            continue  # nothing stated, nothing judged
        for service in dict.fromkeys(agreement.services):
            found = deliverers.get(service, [])
            if (not agreement.units and not found) or (agreement.units and not below.intersection(found)):
                out.setdefault(service, []).append(agreement.id)
    return out


def subtrees(children: Mapping[str, list[str]], roots: Iterable[str]) -> set[str]:
    """The ``roots`` and every unit below them (no circle: they hang from parentless units)."""
    pending = list(roots)
    out = set(pending)
    while pending:
        below = children[pending.pop()]
        out.update(below)
        pending.extend(below)
    return out


CONTROL_CATEGORIES = frozenset({"kontroll"})
"""The category the model format gives revisjon and the kontrollutvalg's secretariat (model-format.md):
the default of OM252's and OM253's ``control_categories``, and what makes a parentless unit a control
body (``control_body``)."""


def control_body(
    units: Mapping[str, Any], children: Mapping[str, list[str]], control: set[str], root: str
) -> bool:
    """Whether a parentless unit is a control body, outside the administration.

    It delivers ``control`` services (of ``CONTROL_CATEGORIES``), and the units it leads deliver
    nothing else (a kommune's own revisjon answering to the kontrollutvalg).
    """
    if not control or not units[root].delivers:
        return False
    return all(set(units[uid].delivers) <= control for uid in subtrees(children, [root]))
