"""OM260 comparable-sizes: sibling units of one kind are of relatively equal size."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.i18n import _, decimal
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._virksomhet import OTHER_KINDS, people_known, virksomheter
from orgmodel.rules.robust_units import RobustUnits


class ComparableSizesParams(BaseModel):
    """Options of comparable-sizes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    factor: float = Field(
        default=3.0,
        gt=1,
        description=(
            "the largest sibling may be at most this many times the smallest. 3: assumption (no "
            "published norm; the Drammen report asks for 'relatively equal size', p. 26): flags only clear "
            "outliers"
        ),
    )
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet"],
        description=(
            "unit kinds compared as virksomheter, as in the Drammen report p. 26; units without "
            "these labels are compared too when their place in the tree makes them virksomheter (as for "
            "OM150). Empty: every labelled kind, each with its own kind"
        ),
    )
    other_kinds: list[str] = Field(
        default_factory=lambda: list(OTHER_KINDS),
        description="unit kinds that are never virksomheter by their place in the tree (as for OM150)",
    )
    geographic_only: bool = Field(
        default=True,
        description=(
            "compare only siblings that serve kommunedeler of their own ('kommunedeler:'): the report's "
            "geographic districts (Drammen report p. 26); a unit placed only by its site (a sykehjem, "
            "whose size follows its beds) is not one"
        ),
    )
    exempt_categories: list[str] = Field(
        default_factory=lambda: ["oppvekst", "utdanning"],
        description=(
            "service categories whose units are not compared: a school's or a barnehage's size follows "
            "its catchment (its pupils, its children), which the design does not choose; the report's "
            "equal sizes are home-care districts (Drammen report p. 26), and a school too small to be "
            "robust is robust-units' (p. 31). Empty: every category"
        ),
    )


@register
class ComparableSizes(Rule[ComparableSizesParams]):
    """Geographic sibling units of the same kind are of relatively equal size.

    Drammen split home care on Bragernes and Øren "to get virksomheter of
    relatively equal size" and merged small districts (report p. 26).
    Siblings are virksomheter (by ``kind``, or by their place in the tree as
    for OM150: Kristiansand's ``enhet`` is compared with a ``virksomhet``)
    under the same personnel leader that deliver the same main service (the
    first service in ``delivers``): a school is compared with schools, not
    with PPT, a sykehjem with sykehjem, not with a dagsenter, even when the
    sykehjem runs a dagsenter as a secondary service. With
    ``geographic_only`` (the default) only districts are compared: units
    that serve kommunedeler of their own (``kommunedeler``), since a
    specialised unit next to geographic ones is a different thing, and a
    unit placed only by its site (a sykehjem, whose size follows its beds
    and whose users come from the whole kommune) is no district. When the largest sibling
    has more than ``factor`` times the headcount of the smallest, one finding
    per group sits at the largest. Units whose size is unknown (``staff``
    omitted on the unit or on any unit below it) are skipped (OM150's note
    counts them). Units whose main service is in ``exempt_categories``
    (schools and barnehager by default: their size follows their
    catchment) are not compared. A unit too small to be robust is
    robust-units' finding (OM150): while that rule runs it is left out of
    the comparison, so one small sykehjem does not also make the largest
    one a finding.

    Units that list no ``delivers`` are alike only as districts of one
    service: named alike (the same first word, give or take an ending:
    "Hjemmetjenesten Nord" and "Hjemmetjenester Sør") and each working in
    kommunedeler (their own or their sites') the other does not. Two that
    both serve the whole kommune (barneboliger and an SLT team), or that are
    different services placed apart (a bofellesskap and a frivilligsentral,
    kommunalteknikk and idrett), are not compared; with ``geographic_only``
    off, by kind alone.

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
        judged = (
            virksomheter(graph, self.params.kinds, self.params.other_kinds) if self.params.kinds else None
        )
        known = people_known(graph)
        # a unit too small to be robust is robust-units' finding: one cause, one finding
        robust = ctx.rules.get(RobustUnits.code)
        small = robust.too_small(ctx) if isinstance(robust, RobustUnits) else set()
        groups: dict[tuple[str, str], list[str]] = {}
        for uid, unit in graph.units.items():
            if unit.parent is None or (unit.kind is None if judged is None else uid not in judged):
                continue
            if not known.get(uid) or uid in small:
                continue
            if self.params.geographic_only and not unit.kommunedeler:
                continue
            kind = unit.kind if judged is None else "virksomhet"
            groups.setdefault((unit.parent, kind or ""), []).append(uid)
        exempt = set(self.params.exempt_categories)
        category = {s.id: s.category for s in ctx.model.services}
        for (parent, kind), siblings in groups.items():
            for members in same_service(graph, siblings, self.params.geographic_only):
                main = graph.units[members[0]].delivers[:1]
                if len(members) >= 2 and not (main and category.get(main[0]) in exempt):
                    yield from self._compare(ctx, parent, kind, members)

    def _compare(self, ctx: Context, parent: str, kind: str, members: list[str]) -> Iterator[Diagnostic]:
        graph = ctx.graph
        size = graph.headcount
        largest = max(members, key=lambda u: (size[u], -graph.index[u]))
        if self.params.geographic_only and not graph.units[largest].delivers:  # districts: those apart
            members = [u for u in members if _apart(graph, largest, u)] or [largest]
        smallest = min(members, key=lambda u: (size[u], graph.index[u]))
        if size[largest] <= self.params.factor * size[smallest]:
            return
        ratio = size[largest] / size[smallest]
        main = graph.units[largest].delivers[:1]
        if main:
            message = _(
                "{unit} has {people} people, {ratio} times {smallest} ({small}); sibling {kind} units "
                "delivering mainly {service} under {parent} should be of relatively equal size "
                "(at most {factor} times)"
            )
        else:
            message = _(
                "{unit} has {people} people, {ratio} times {smallest} ({small}); sibling {kind} units "
                "under {parent} should be of relatively equal size (at most {factor} times)"
            )
        own = (graph.units[largest].staff or 0) + 1 == size[largest]  # else most are in units below it
        yield self.diagnostic(
            ctx,
            ctx.unit_loc(largest, "staff") if own else ctx.unit_loc(largest),
            message.format(
                unit=ctx.unit_label(largest),
                people=size[largest],
                ratio=decimal(ratio, ".1f"),
                smallest=ctx.unit_label(smallest),
                small=size[smallest],
                kind=kind,
                service=main[0] if main else "",
                parent=ctx.unit_label(parent),
                factor=decimal(self.params.factor, "g"),
            ),
            unit=largest,
            hint=_("split the large unit or merge the small ones"),
        )


def same_service(graph: OrgGraph, siblings: list[str], geographic_only: bool = True) -> list[list[str]]:
    """Siblings grouped like with like: units with the same main service, the first in ``delivers``.

    Two schools delivering ``grunnskole`` first are one group, an
    oppvekstsenter delivering ``[grunnskole, barnehage]`` with them; PPT,
    delivering ``ppt``, is another; a sykehjem delivering ``[sykehjem,
    dagsenter]`` is not compared with a dagsenter, since one shared secondary
    service does not make them like units. Units that list no ``delivers``
    are alike only as districts of one service: a group of them holds
    units named alike (``_named_alike``) that work in kommunedeler (their
    own or their sites') some other of them does not work in, and each is
    compared with those apart from it (``_compare``): the home-care
    districts of a sketch that names no services yet are; barneboliger and
    an SLT team that both serve the whole kommune are not, nor a
    bofellesskap and a frivilligsentral in two kommunedeler. Without
    ``geographic_only`` (a ruleset that asks for units placed nowhere to be
    compared too) they are compared by kind alone. Groups keep file order.
    """
    groups: dict[str, list[str]] = {}
    for uid in siblings:
        delivers = graph.units[uid].delivers
        groups.setdefault(delivers[0] if delivers else "", []).append(uid)
    unnamed = groups.pop("", [])
    if not geographic_only:
        return [*groups.values(), unnamed] if unnamed else list(groups.values())
    districts: list[list[str]] = []
    for uid in unnamed:
        alike = next((group for group in districts if _named_alike(graph, group[0], uid)), None)
        if alike is None:
            districts.append([uid])
        else:
            alike.append(uid)
    apart = [[u for u in group if any(_apart(graph, u, o) for o in group)] for group in districts]
    return [*groups.values(), *(group for group in apart if group)]


def _apart(graph: OrgGraph, one: str, other: str) -> bool:
    """Whether two units work in kommunedeler apart (both in some, none shared)."""
    places = graph.own_places
    return bool(places[one] and places[other] and not places[one] & places[other])


ENDING = 3
"""Letters a first word may differ by at its end and stay the same word (-en, -er, -ene, -et)."""


def _named_alike(graph: OrgGraph, one: str, other: str) -> bool:
    """Whether two units' names start with the same word, give or take an ending.

    "Hjemmetjenesten Nord" and "Hjemmetjenester Sør", "Sykehjem A" and
    "Sykehjemmet B" are; "Bofellesskap Oppegård" and "Frivilligsentralen" are not.
    """
    first, second = (_first_word(graph.units[uid].name) for uid in (one, other))
    if not first or not second:
        return False
    if first == second:
        return True
    shorter = min(len(first), len(second))
    common = next((i for i in range(shorter) if first[i] != second[i]), shorter)
    return common >= 4 and common >= max(len(first), len(second)) - ENDING


def _first_word(name: str) -> str:
    """A name's first word in lower case, letters only ("Hjemmetjenesten/Nord" gives "hjemmetjenesten")."""
    word: list[str] = []
    for char in name.strip().casefold():
        if not char.isalpha():
            if word:
                break
            continue
        word.append(char)
    return "".join(word)
