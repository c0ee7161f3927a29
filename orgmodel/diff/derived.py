"""Derived changes: spans, levels, headcounts, kommunedeler, local services (persona routes: personas.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.diff.measures import resource_tables, scorecard
from orgmodel.diff.result import MetricRow, MetricTable
from orgmodel.diff.units import label
from orgmodel.graph import SPAN_BUCKETS, OrgGraph
from orgmodel.graph import span_bucket as bucket
from orgmodel.i18n import _, ngettext
from orgmodel.schema import OrgModel


def span_changes(old: OrgGraph, new: OrgGraph, m: Matching) -> list[Change]:
    """One change per matched leader whose number of unit leaders reporting to it changed.

    A span that changed only because the unit's declared staff changed is
    already said by ``staff-changed``: reporting it twice counts one edit twice.
    """
    out = []
    led = [(o, n) for o, n in m.old_to_new.items() if len(old.children[o]) != len(new.children[n])]
    for o, n in sorted(led, key=lambda item: new.index[item[1]]):
        was, now = old.span(o), new.span(n)
        if was != now:
            moved = (
                _(" (bucket {before} -> {after})").format(before=bucket(was), after=bucket(now))
                if bucket(was) != bucket(now)
                else ""
            )
            message = ngettext(
                "{unit} now has {now} direct report, was {was}{moved}",
                "{unit} now has {now} direct reports, was {was}{moved}",
                now,
            ).format(unit=label(new, n), now=now, was=was, moved=moved)
            out.append(
                Change(
                    "span-changed",
                    f"span-changed:{n}",
                    message,
                    unit=n,
                    name=new.units[n].name,
                    before=was,
                    after=now,
                )
            )
    return out


def _levels_table(name: str, title: str, old: dict[int, int], new: dict[int, int]) -> MetricTable:
    was, now = _per_level(old), _per_level(new)
    keys = sorted({*was, *now}, key=lambda k: int(k.split()[1]))
    labels = {k: _("level {level}").format(level=k.split()[1]) for k in keys}
    return _table(
        name, title, {k: was.get(k, 0) for k in keys}, {k: now.get(k, 0) for k in keys}, labels, True
    )


def _table(
    name: str,
    title: str,
    was: dict[str, int],
    now: dict[str, int],
    labels: dict[str, str],
    show_all: bool = False,
) -> MetricTable:
    keys = list(dict.fromkeys([*now, *was]))
    rows = tuple(MetricRow(k, labels.get(k, k), was.get(k), now.get(k)) for k in keys)
    return MetricTable(name, title, rows, show_all)


@dataclass(frozen=True)
class _Counts:
    """What the diff's tables count of one side's units, in one pass (not one pass per table).

    Units outside the basisorganisasjon (an iks, an external unit, and below
    them) are left out as ``orgmodel stats`` leaves them out, except from the
    highest declared level.
    """

    led: dict[int, int]  # leaders by the number of units they lead directly
    spans: dict[int, int]  # leaders whose staff is stated, by span of control
    units_per_level: dict[int, int]
    people_per_level: dict[int, int]  # leaders plus declared staff
    declared: int  # the highest declared level
    staff_stated: bool  # whether any unit (outside ones too) states its staff


def _counts(graph: OrgGraph) -> _Counts:
    children, skip = graph.children, graph.outside
    led: dict[int, int] = {}
    spans: dict[int, int] = {}
    units: dict[int, int] = {}
    people: dict[int, int] = {}
    declared, stated = 0, False
    for uid, unit in graph.units.items():  # plain dicts and no calls: 10,000 units in a few ms
        level, staff = unit.level, unit.staff
        if level > declared:
            declared = level
        if staff is not None:
            stated = True
        if uid in skip:
            continue
        below = len(children[uid])
        led[below] = led.get(below, 0) + 1
        units[level] = units.get(level, 0) + 1
        if staff is None:
            people[level] = people.get(level, 0) + 1
        else:
            people[level] = people.get(level, 0) + 1 + staff
            spans[below + staff] = spans.get(below + staff, 0) + 1
    return _Counts(led, spans, units, people, declared, stated)


def _buckets(values: dict[int, int]) -> dict[str, int]:
    """Leaders per bucket of their span (or of the number of units they lead)."""
    counts: Counter[str] = Counter()
    for value, leaders in values.items():  # a few dozen distinct values
        counts[bucket(value)] += leaders
    return {name: counts.get(name, 0) for name, _, _ in SPAN_BUCKETS}


def _levels(graph: OrgGraph, counts: _Counts) -> dict[str, int]:
    depth = max(graph.depth.values(), default=-1) + 1
    return {"tree": depth, "declared": counts.declared}


def _per_level(counts: dict[int, int]) -> dict[str, int]:
    return {f"level {level}": count for level, count in sorted(counts.items())}


def _per_area(graph: OrgGraph, key: Callable[[str], str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for area in graph.top_areas:
        out[key(area)] = graph.headcount.get(area, 0)
    return out


def _per_kommunedel(model: OrgModel, graph: OrgGraph) -> dict[str, int]:
    """Units working in each kommunedel: by their own places, else their leader's (as they serve).

    Units outside the basisorganisasjon are left out, as ``orgmodel stats`` leaves them out.
    """
    skip = graph.outside
    counts = Counter(kd for uid, places in graph.places.items() if uid not in skip for kd in places)
    return {kd.id: counts.get(kd.id, 0) for kd in model.kommunedeler}


def coverage(model: OrgModel, graph: OrgGraph) -> dict[str, set[str]]:
    """For each kommunedel, the local services some unit working there delivers."""
    local = {s.id for s in model.services if s.local}
    out: dict[str, set[str]] = {kd.id: set() for kd in model.kommunedeler}
    for uid, unit in graph.units.items():
        if not unit.delivers:  # most units
            continue
        for service in unit.delivers:
            if service in local:
                for kd in graph.delivered_in(uid, service):
                    out.setdefault(kd, set()).add(service)
    return out


Coverage = tuple[dict[str, set[str]], dict[str, set[str]]]
"""Both sides' ``coverage``, computed once per diff."""


def _shape_tables(old: OrgGraph, new: OrgGraph) -> list[MetricTable]:
    """Leaders by units led and by span, the levels, and units and people per level (staff: when stated)."""
    was, now = _counts(old), _counts(new)
    staff = was.staff_stated or now.staff_stated
    led = _("Leaders per number of units they lead directly")
    tables = [_table("units-led-buckets", led, _buckets(was.led), _buckets(now.led), {}, True)]
    if staff:
        title = _("Leaders per span of control (leaders whose staff is stated)")
        tables.append(_table("span-buckets", title, _buckets(was.spans), _buckets(now.spans), {}, True))
    levels = {"tree": _("levels in the personnel tree"), "declared": _("highest declared level")}
    tables += [
        _table("levels", _("Levels"), _levels(old, was), _levels(new, now), levels, True),
        _levels_table("units-per-level", _("Units per level"), was.units_per_level, now.units_per_level),
    ]
    if staff:
        people = _("People per level")
        tables.append(_levels_table("people-per-level", people, was.people_per_level, now.people_per_level))
    return tables


def metrics(
    old_model: OrgModel, new_model: OrgModel, old: OrgGraph, new: OrgGraph, m: Matching, cov: Coverage
) -> list[MetricTable]:
    """The before -> after tables of derived measures."""
    tables = _shape_tables(old, new)
    area_labels = {a: new.units[a].name for a in new.top_areas}
    area_labels.update({a: old.units[a].name for a in old.top_areas if a not in area_labels})
    kd_labels = {kd.id: kd.name for kd in [*old_model.kommunedeler, *new_model.kommunedeler]}
    was_cov, now_cov = cov
    kds = m.ids.get("kommunedeler", {})  # OLD's rows under NEW's ids
    local_total = sum(1 for s in new_model.services if s.local)
    tables += [
        _table(
            "people-per-area",
            _("People per direktørområde (leaders plus declared staff)")
            if old.direktor_tier or new.direktor_tier
            else _("People per area under the top (leaders plus declared staff)"),
            _per_area(old, m.mapped),
            _per_area(new, str),
            area_labels,
        ),
        _table(
            "units-per-kommunedel",
            _("Units working in each kommunedel (own or inherited places)"),
            _renamed(_per_kommunedel(old_model, old), kds),
            _per_kommunedel(new_model, new),
            kd_labels,
        ),
        _table(
            "local-services-per-kommunedel",
            _("Local services delivered in each kommunedel (of {total})").format(total=local_total),
            {kds.get(k, k): len(v) for k, v in was_cov.items()},
            {k: len(v) for k, v in now_cov.items()},
            kd_labels,
        ),
    ]
    tables += resource_tables(old, new, m, area_labels)
    card = scorecard(old_model, new_model)
    return [*tables, card] if card is not None else tables


def _renamed(counts: dict[str, int], ids: dict[str, str]) -> dict[str, int]:
    return {ids.get(k, k): n for k, n in counts.items()} if ids else counts


def coverage_changes(old_model: OrgModel, new_model: OrgModel, cov: Coverage) -> list[Change]:
    """A local service no longer (or newly) delivered in a kommunedel present on both sides.

    Only services that are local on both sides count: a service that stopped (or started)
    being local is one ``service-changed``, not a loss (or gain) in every kommunedel.
    """
    was_cov, now_cov = cov
    local = {s.id for s in old_model.services if s.local} & {s.id for s in new_model.services if s.local}
    names = {s.id: s.name for s in [*old_model.services, *new_model.services]}
    kd_names = {kd.id: kd.name for kd in new_model.kommunedeler}
    out = []
    for kd in kd_names:
        if kd not in was_cov:
            continue
        for service in sorted((was_cov[kd] - now_cov.get(kd, set())) & local):
            out.append(
                Change(
                    "service-uncovered",
                    f"service-uncovered:{service}@{kd}",
                    _("'{service}' is no longer delivered locally in {kommunedel} ({id})").format(
                        service=names[service], kommunedel=kd_names[kd], id=kd
                    ),
                    unit=kd,
                    name=kd_names[kd],
                    before=service,
                )
            )
        for service in sorted((now_cov.get(kd, set()) - was_cov[kd]) & local):
            out.append(
                Change(
                    "service-covered",
                    f"service-covered:{service}@{kd}",
                    _("'{service}' is now delivered locally in {kommunedel} ({id})").format(
                        service=names[service], kommunedel=kd_names[kd], id=kd
                    ),
                    unit=kd,
                    name=kd_names[kd],
                    after=service,
                )
            )
    return out
