"""What an organisation chart shows, built once from a checked model and drawn by every chart format.

``build_chart`` walks the personnel tree from the top unit (or from ``root``) down, ``depth``
levels of personnel lines deep, and gathers per unit what the boxes say: name, leader title,
level, staff, people under the leader, span, the kommunedeler it works in, its professional
lines and the findings the check reported on it. HTML, SVG, DOT and Mermaid read this, never
the model itself, so every format shows the same units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orgmodel.bounds import clip_name
from orgmodel.diagnostic import Diagnostic
from orgmodel.hints import suggest
from orgmodel.i18n import _, long_date, number
from orgmodel.ruleset import ConfigError

if TYPE_CHECKING:
    from orgmodel.engine import CheckedModel
    from orgmodel.graph import OrgGraph
    from orgmodel.schema import OrgModel


@dataclass(frozen=True)
class ChartUnit:
    """One box of the chart.

    ``people`` counts the leader, the staff and everyone in the units below (None when no unit of
    the branch declares staff); ``span`` is the leader's direct reports: the leaders of the units
    below plus the staff. ``children`` are the units drawn under this one; ``hidden`` counts the
    units under it that ``depth`` left out. ``functional`` holds the ids of the units this one
    reports to professionally (drawn as dashed lines when the target is in the chart).
    """

    id: str
    name: str
    level: int
    kind: str | None
    leader: str | None
    staff: int | None
    people: int | None
    span: int
    kommunedeler: tuple[str, ...]
    functional: tuple[str, ...]
    findings: tuple[Diagnostic, ...]
    children: tuple[str, ...]
    hidden: int
    depth: int


@dataclass(frozen=True)
class Anchor:
    """What a finding off the chart's boxes is attached to: its ``Diagnostic.unit`` looked up in the model.

    ``kind`` is ``unit`` (a unit the chart does not draw: ``--root``, ``--depth``), ``site``,
    ``forum``, ``agreement``, ``project``, ``committee``, ``consideration``, ``persona``,
    ``service``, ``position``, ``kommunedel``, or ``model`` (no such id: the finding is on the model,
    at its line). ``path`` is the finding's file when it is not the model's main file (a part, the
    ruleset), else None: "the model, at line 12" would point into the wrong file.
    """

    kind: str
    id: str | None
    name: str | None
    line: int
    path: str | None = None


@dataclass(frozen=True)
class Chart:
    """The units of one chart in drawing order (every leader before its units) and what frames them."""

    path: str
    title: str
    subtitle: str | None
    units: dict[str, ChartUnit]
    roots: tuple[str, ...]
    kommunedeler: tuple[tuple[str, str], ...]
    # findings on no unit of the chart (on a site, a forum, the model, a unit left out ...)
    other_findings: tuple[Diagnostic, ...] = field(default=())
    other_anchors: tuple[Anchor, ...] = field(default=())
    """What each of ``other_findings`` is attached to, in the same order."""

    def professional_lines(self) -> list[tuple[str, str]]:
        """(unit, leader) for each professional line whose both ends are in the chart, in order."""
        return [
            (uid, target)
            for uid, unit in self.units.items()
            for target in unit.functional
            if target in self.units
        ]

    def with_findings(self) -> list[str]:
        """The ids of the units with findings, in drawing order."""
        return [uid for uid, unit in self.units.items() if unit.findings]


def build_chart(checked: CheckedModel, *, root: str | None = None, depth: int | None = None) -> Chart:
    """The chart of a checked model: from ``root`` (default: every top unit) ``depth`` levels down.

    ``depth`` counts personnel lines below the root (0: the root alone; None: all). An unknown
    ``root`` raises ConfigError with the closest unit id or name; so does a negative ``depth``
    and a model that did not load.
    """
    if checked.model is None:
        raise ConfigError(
            _("{path} is not a valid model; 'orgmodel check' shows why").format(path=checked.path)
        )
    if depth is not None and depth < 0:
        raise ConfigError(_("--depth {depth}: give 0 or more levels").format(depth=depth))
    graph = checked.graph
    starts = [_root_id(graph, root)] if root is not None else _tops(graph)
    order = _walk(graph, starts, depth)
    by_unit: dict[str, list[Diagnostic]] = {}
    other: list[Diagnostic] = []
    for diag in checked.diagnostics:
        if diag.unit is not None and diag.unit in order:
            by_unit.setdefault(diag.unit, []).append(diag)
        else:
            other.append(diag)
    units = {uid: _unit(graph, uid, d, order, depth, by_unit.get(uid, [])) for uid, d in order.items()}
    model = checked.model
    subtitle = model_subtitle(model)
    return Chart(
        path=checked.path,
        title=model.kommune,
        subtitle=subtitle or None,
        units=units,
        roots=tuple(starts),
        kommunedeler=tuple((kd.id, kd.name) for kd in model.kommunedeler),
        other_findings=tuple(other),
        other_anchors=anchors(model, other, checked.path),
    )


# where a finding's anchor id is looked up, in this order, and how the item is named there
_ANCHORED = (
    ("unit", "units", "name"),
    ("site", "sites", "name"),
    ("forum", "forums", "name"),
    ("agreement", "agreements", "name"),
    ("project", "projects", "name"),
    ("committee", "committees", "name"),
    ("consideration", "considerations", "name"),
    ("persona", "personas", "name"),
    ("service", "services", "name"),
    ("position", "positions", "title"),
    ("kommunedel", "kommunedeler", "name"),
)


def anchors(model: OrgModel, diags: list[Diagnostic], main: str | None = None) -> tuple[Anchor, ...]:
    """What each finding is attached to in ``model``: the item its ``unit`` names, else the model itself.

    A finding on the model in another file than ``main`` (the model's main file) keeps its path.
    """
    if not diags:
        return ()
    index: dict[str, tuple[str, str]] = {}
    for kind, section, attribute in reversed(_ANCHORED):  # the first section of the list wins an id
        index.update({item.id: (kind, str(getattr(item, attribute))) for item in getattr(model, section)})
    out = []
    for diag in diags:
        found = index.get(diag.unit) if diag.unit is not None else None
        if found is None:
            other = diag.path if main is not None and diag.path != main else None
            out.append(Anchor("model", None, None, diag.line, other))
        else:
            out.append(Anchor(found[0], diag.unit, found[1], diag.line))
    return tuple(out)


def model_subtitle(model: OrgModel) -> str:
    """What a model says of itself: proposal, status and date ('… «Nivå 3», 2019 · adopted · 1 January 2020').

    The chart's subtitle, and how a diff or a report names each side beside its file: a
    reconstruction or a draft is then never read as the adopted design.
    """
    from orgmodel.schema import STATUS_WORDS

    status = _(STATUS_WORDS[model.status]) if model.status in STATUS_WORDS else model.status
    proposal = clip_name(model.proposal) if model.proposal else None
    return " · ".join(part for part in (proposal, status, _date(model)) if part)


def _date(model: object) -> str | None:
    """The day the design takes effect, as people write it ('1. januar 2020' in bokmål); JSON keeps ISO."""
    valid_from = getattr(model, "valid_from", None)
    return long_date(valid_from) if valid_from is not None else None


def _root_id(graph: OrgGraph, root: str) -> str:
    """The unit ``--root`` names (by id, or by its exact name); ConfigError with a did-you-mean."""
    if root in graph.units:
        return root
    named = [uid for uid, unit in graph.units.items() if unit.name == root]
    if len(named) == 1:
        return named[0]
    if named:
        ids = ", ".join(named)
        raise ConfigError(
            _("--root {root}: {count} units have that name ({ids}); give one id").format(
                root=root, count=len(named), ids=ids
            )
        )
    guess = suggest(root, list(graph.units)) or suggest(root, [u.name for u in graph.units.values()])
    if guess is not None and guess not in graph.units:
        guess = next(uid for uid, unit in graph.units.items() if unit.name == guess)
    message = _("--root {root}: the model has no unit with that id").format(root=root)
    if guess is not None:
        message += "; " + _("did you mean '{guess}'?").format(guess=guess)
    raise ConfigError(message)


def _tops(graph: OrgGraph) -> list[str]:
    """The top units, then a start for the units no top unit reaches.

    Such a unit is in a circle of personnel lines or under one; its start is the furthest leader up
    its line, so every unit is drawn once, the circle cut where it closes.
    """
    starts = list(graph.roots)
    covered = set(graph.depth)
    for uid in graph.units:
        if uid in covered:
            continue
        top = [uid, *graph.ancestors(uid)][-1]
        starts.append(top)
        covered.update(_walk(graph, [top], None))
    return starts


def _walk(graph: OrgGraph, starts: list[str], depth: int | None) -> dict[str, int]:
    """Unit id -> depth below its start, depth-first (children in file order), each unit once."""
    order: dict[str, int] = {}
    stack = [(uid, 0) for uid in reversed(starts)]
    while stack:
        uid, d = stack.pop()
        if uid in order:
            continue
        order[uid] = d
        if depth is None or d < depth:
            stack.extend((child, d + 1) for child in reversed(graph.children[uid]) if child not in order)
    return order


def _below(graph: OrgGraph, uid: str) -> int:
    """How many units stand under ``uid`` along personnel lines (each counted once)."""
    seen = {uid}
    stack = list(graph.children[uid])
    while stack:
        child = stack.pop()
        if child not in seen:
            seen.add(child)
            stack.extend(graph.children[child])
    return len(seen) - 1


def _unit(
    graph: OrgGraph, uid: str, d: int, order: dict[str, int], depth: int | None, findings: list[Diagnostic]
) -> ChartUnit:
    unit = graph.units[uid]
    children = tuple(c for c in graph.children[uid] if c in order and order[c] == d + 1)
    hidden = _below(graph, uid) if depth is not None and d == depth else 0
    known = graph.staff_known.get(uid, unit.staff is not None)
    return ChartUnit(
        id=uid,
        name=unit.name,
        level=unit.level,
        kind=unit.kind,
        leader=unit.leader,
        staff=unit.staff,
        people=graph.headcount.get(uid) if known else None,
        span=graph.span(uid),
        kommunedeler=tuple(sorted(graph.places.get(uid, frozenset()))),
        functional=tuple(dict.fromkeys(t for t in unit.functional if t in graph.units)),
        findings=tuple(sorted(findings, key=lambda f: (-f.severity.rank, f.code))),
        children=children,
        hidden=hidden,
        depth=d,
    )


def span_text(unit: ChartUnit) -> str:
    """The leader's span: exact when the staff is known, else at least the leaders under it."""
    if unit.staff is not None:
        return _("span {span}").format(span=number(unit.span))
    if unit.children or unit.hidden:
        return _("span ≥ {span}").format(span=number(unit.span))
    return _("staff unknown")
