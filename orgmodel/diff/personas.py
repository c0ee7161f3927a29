"""Each persona's route through a model: the units it meets and the units that decide its vedtak.

The route comes from the checked model's journeys (``orgmodel.journeys``,
what ``orgmodel trace`` prints): for each need, the providing unit the
persona meets, and for each vedtak need, the units that decide it. The diff
compares the units met (providers and deciders: trace's "units the user
meets" and stats' "contacts", so the three agree), the saksbehandlere (the
deciders of persona-saksbehandler's categories, as OM220 counts them) and
the units deciding the persona's other vedtak (NAV's sosialhjelp), apart,
between two proposals.

Where several units could meet a need in the persona's kommunedel (two
home-care districts both serving it), trace names one of them ("by
Omsorgstjenester Bragernes ... or Omsorgstjenester Øren"). Which one is not
part of the design: when NEW names another of the same units, the persona
meets the one OLD named (``unswapped``), so a file whose units were only
reordered shows no change.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.diff.result import MetricRow, MetricTable
from orgmodel.diff.units import label
from orgmodel.graph import OrgGraph
from orgmodel.hints import and_list
from orgmodel.i18n import _, ngettext
from orgmodel.journeys import Journeys


@dataclass(frozen=True)
class Journey:
    """The units one persona meets, and those of them that decide its vedtak."""

    persona: str
    name: str
    contacts: tuple[str, ...]
    """Every unit met: each need's provider and each vedtak's deciders, as ``orgmodel trace`` counts them."""
    deciders: tuple[str, ...]
    """The saksbehandlere: the units deciding its needs in persona-saksbehandler's categories."""
    choices: tuple[tuple[str, str, frozenset[str]], ...] = ()
    """Each need with several possible providers: the need, the one trace names, and all of them."""
    others: tuple[str, ...] = ()
    """The units deciding only its other vedtak (NAV's sosialhjelp), in no such category."""
    categories: tuple[str, ...] = ()
    """Those categories (``helse-og-omsorg`` by default); empty: ``deciders`` holds every deciding unit."""
    counted: bool = True
    """Whether it needs a service of those categories: a VA customer has no saksbehandlere to count."""


def routes(journeys: Journeys) -> dict[str, Journey]:
    """Every persona's units met and deciding units, from the model's journeys."""
    out: dict[str, Journey] = {}
    for journey in journeys.by_persona().values():
        totals = journey.totals
        kd = journey.kommunedel.id if journey.kommunedel is not None else None
        choices = tuple(
            (s.service, s.provider.id, frozenset(journeys.candidates(s.service, kd)[1]))
            for s in journey.steps
            if s.provider is not None and s.alternatives
        )
        out[journey.persona] = Journey(
            journey.persona,
            journey.name,
            totals.units,
            totals.saksbehandlere_in_categories,
            choices,
            totals.other_deciders,
            totals.saksbehandler_categories,
            totals.needs_in_categories,
        )
    return out


def unswapped(was: Journey, now: Journey, m: Matching) -> list[str]:
    """NEW's units met, where NEW names another of the units that could meet a need in both: OLD's one.

    A unit NEW's persona meets for another reason too (another need, a vedtak) stays.
    """
    before = {need: (m.mapped(p), {m.mapped(u) for u in units}) for need, p, units in was.choices}
    swap: dict[str, str] = {}
    for need, picked, units in now.choices:
        old_pick, old_units = before.get(need, (picked, set()))
        if old_pick != picked and old_pick in units and picked in old_units:
            swap[picked] = old_pick
    if not swap:
        return list(now.contacts)
    kept = {p for need, p, _units in now.choices if p not in swap} | set(now.deciders)
    single = {p for _need, p, _units in now.choices}
    kept |= {u for u in now.contacts if u not in single}  # providers of needs with one provider
    return list(dict.fromkeys(u if u in kept else swap.get(u, u) for u in now.contacts))


def persona_changes(
    old_journeys: Journeys, new_journeys: Journeys, m: Matching
) -> tuple[list[Change], list[MetricTable]]:
    """Personas whose units met, saksbehandlere or other deciders changed, and the counts before -> after."""
    old, new = old_journeys.graph, new_journeys.graph
    was, now = routes(old_journeys), routes(new_journeys)
    renamed = m.ids.get("personas", {})
    was = {renamed.get(p, p): j for p, j in was.items()}
    out: list[Change] = []
    for pid, journey in now.items():
        before = was.get(pid)
        if before is None:
            continue
        for what in ("contacts", "deciders", "others"):
            out.extend(_route_change(pid, journey, before, m, (new, old), what))
    labels = {p: j.name for p, j in [*was.items(), *now.items()]}
    categories = ", ".join(new_journeys.categories)
    tables = [
        _table(
            "persona-contacts",
            _("Units each persona meets (providers and deciders, as orgmodel trace counts them)"),
            ({p: len(j.contacts) for p, j in was.items()}, {p: len(j.contacts) for p, j in now.items()}),
            labels,
        ),
        _table(
            "persona-saksbehandlere",
            _("Saksbehandlere per persona (for {categories})").format(categories=categories)
            if categories
            else _("Deciding units (saksbehandlere) per persona"),
            (_saksbehandlere(was, now), _saksbehandlere(now, was)),
            labels,
        ),
    ]
    return out, tables


def _saksbehandlere(side: dict[str, Journey], other: dict[str, Journey]) -> dict[str, int]:
    """Each persona's saksbehandlere on one side, for those needing a service they decide on either side."""
    return {p: len(j.deciders) for p, j in side.items() if j.counted or (p in other and other[p].counted)}


def _table(
    name: str, title: str, counts: tuple[dict[str, int], dict[str, int]], labels: dict[str, str]
) -> MetricTable:
    was, now = counts
    keys = list(dict.fromkeys([*now, *was]))
    return MetricTable(
        name, title, tuple(MetricRow(k, labels.get(k, k), was.get(k), now.get(k)) for k in keys)
    )


def _route_change(
    pid: str, now: Journey, was: Journey, m: Matching, graphs: tuple[OrgGraph, OrgGraph], what: str
) -> list[Change]:
    new, old = graphs
    before = [m.mapped(u) for u in getattr(was, what)]
    count = len(getattr(now, what))  # as trace counts them
    after = unswapped(was, now, m) if what == "contacts" else list(getattr(now, what))
    # a unit met before that merged into one met now: the same route, another unit (and leader)
    merged = {target: sources for sources, target in m.merges}
    met = set(getattr(was, what))
    joined = [t for t in dict.fromkeys(after) if met.intersection(merged.get(t, ()))]
    if set(before) == set(after) and not joined:
        return []
    came = ", ".join(label(new, u) for u in after if u not in set(before))
    gone = ", ".join(label(new if u in new.units else old, u) for u in before if u not in set(after))
    if came and gone:  # who now stands where others stood, whether the count rose or fell
        parts = [_("now {units} instead of {was}").format(units=came, was=gone)]
    else:
        parts = [_("now also {units}").format(units=came)] if came else []
        parts += [_("no longer {units}").format(units=gone)] if gone else []
    parts += [
        _("{unit} is {sources} merged").format(
            unit=label(new, t), sources=and_list([label(old, u) for u in merged[t]])
        )
        for t in joined
    ]
    kind, message = _message(what, count, ", ".join(now.categories))
    return [
        Change(
            kind,
            f"{kind}:{pid}",
            message.format(
                persona=now.name,
                id=pid,
                n=count,
                was=len(before),
                changes="; ".join(parts),
                categories=", ".join(f"'{c}'" for c in now.categories),  # an id, quoted as check quotes it
            ),
            unit=pid,
            name=now.name,
            before=sorted(set(before)),
            after=sorted(set(after)),
        )
    ]


def _message(what: str, count: int, categories: str) -> tuple[str, str]:
    """The change's kind and message (with {persona}, {id}, {n}, {was}, {changes}, {categories})."""
    if what == "contacts":
        return "persona-contact-changed", ngettext(
            "{persona} ({id}) meets {n} unit (was {was}): {changes}",
            "{persona} ({id}) meets {n} units (was {was}): {changes}",
            count,
        )
    if what == "others":  # NAV's sosialhjelp: decided, but not by a saksbehandler the principle counts
        return "persona-other-decider-changed", ngettext(
            "{persona} ({id}) has its other vedtak (not {categories}) decided by {n} unit (was {was}): "
            "{changes}",
            "{persona} ({id}) has its other vedtak (not {categories}) decided by {n} units (was {was}): "
            "{changes}",
            count,
        )
    if categories:
        return "persona-decider-changed", ngettext(
            "{persona} ({id}) meets {n} saksbehandler for {categories} (was {was}): {changes}",
            "{persona} ({id}) meets {n} saksbehandlere for {categories} (was {was}): {changes}",
            count,
        )
    return "persona-decider-changed", ngettext(
        "{persona} ({id}) meets {n} deciding unit (saksbehandler) (was {was}): {changes}",
        "{persona} ({id}) meets {n} deciding units (saksbehandlere) (was {was}): {changes}",
        count,
    )
