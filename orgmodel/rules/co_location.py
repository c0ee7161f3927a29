"""OM230 co-location: named groups of units share a site."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, item_loc, select_units, words

Selector = str


class CoLocationPair(BaseModel):
    """Every unit selected by ``units`` shares a site with a unit selected by ``with``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    name: str = Field(min_length=1, description="what the requirement is, in the report's words")
    units: list[Selector] = Field(min_length=1, description="ids, globs on ids (virk-oms-*) or kind:<kind>")
    partners: list[Selector] = Field(alias="with", min_length=1, description="the units they sit with")


class CoLocationParams(BaseModel):
    """Options of co-location."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    pairs: list[CoLocationPair] = Field(
        default_factory=list,
        description="groups of units that must share a site; none: nothing is checked (no default pair "
        "has a source that holds for every municipality)",
    )
    unknown_kinds: list[str] = Field(
        default_factory=lambda: ["placeholder", "ukjent"],
        description="site kinds that mark a placeholder whose building is not known: sharing one proves "
        "nothing, so it is reported as unknown (info), not as co-located",
    )


@register
class CoLocation(Rule[CoLocationParams]):
    """Units the ruleset names as belonging together work at a shared site.

    Co-location (samlokalisering) keeps services that serve the same users
    physically together while each stays led from its own professional
    unit. Drammen decided that physio- and ergotherapists and the
    nursing-home doctors are "to a large degree co-located with the care
    services" (report p. 25, 27); the report's tests for co-locating are user
    experience, wholeness, shared facilities and economies of scale (p. 20).

    The ruleset lists ``pairs``: each unit matched by ``units`` must share at
    least one of its ``sites`` with a unit matched by ``with``. A selector is
    a unit id, a glob on ids (``virk-oms-*``) or ``kind:<kind>``. The finding
    names the unit with no co-located partner. A selector list that matches
    no unit while the other matches some is reported too (a renamed id
    would otherwise silently pass); a model with neither group is not judged.
    To require it both ways, list the pair twice. Without pairs the rule
    finds nothing.

    A site whose ``kind`` is one of ``unknown_kinds`` (``placeholder``,
    ``ukjent``) stands for premises not yet decided. Units that share only
    such sites are neither co-located nor apart: the rule reports them once
    per pair, at ``info`` severity, at the placeholder site, so the
    requirement stays visible until the buildings are known.

    Anti-pattern (pair: units [virk-oms-*], with [avd-fysio-ergo])::

        - {id: virk-oms-konnerud, ..., sites: [oms-kd5]}
        - {id: avd-fysio-ergo, ..., sites: [oms-kd1, oms-kd2]}

    Best practice::

        - {id: virk-oms-konnerud, ..., sites: [oms-kd5]}
        - {id: avd-fysio-ergo, ..., sites: [oms-kd1, oms-kd2, oms-kd5]}
    """

    code = "OM230"
    name = "co-location"
    Params = CoLocationParams
    waits_for = ("pairs",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, pair in enumerate(self.params.pairs):
            members = select_units(ctx, pair.units)
            partners = select_units(ctx, pair.partners)
            sides = ((pair.units, members), (pair.partners, partners))
            empty = [side for side, chosen in sides if not chosen]
            if empty:  # one finding per pair, naming every selector that matches nothing
                selectors = _(" nor with ").join(words([repr(s) for s in side]) for side in empty)
                option = "units" if not members else "with"  # the first selector list matching nothing
                yield self.diagnostic(
                    ctx,
                    ctx.setting("pairs", index, option, 0, fallback=("units",)),
                    _(
                        "the co-location requirement '{pair}' selects no unit with {selectors}, "
                        "so it checks nothing"
                    ).format(pair=pair.name, selectors=selectors),
                    key=True,
                    hint=_("correct the selector in the ruleset (ids, globs like virk-oms-*, kind:<kind>)"),
                    breach=pair.name,
                )
            if not members or not partners:
                continue
            yield from self._judge(ctx, pair, members, partners)

    def _judge(
        self, ctx: Context, pair: CoLocationPair, members: list[str], partners: list[str]
    ) -> Iterator[Diagnostic]:
        graph = ctx.graph
        names = Names(ctx)
        placeholder = {site.id for site in ctx.model.sites if site.kind in set(self.params.unknown_kinds)}
        partner_set = set(partners)
        partner_sites: dict[str, set[str]] = {}
        for uid in partners:
            for site in graph.units[uid].sites:
                partner_sites.setdefault(site, set()).add(uid)
        unknown: dict[str, list[str]] = {}  # member -> the placeholder sites it shares with partners
        for uid in members:
            unit = graph.units[uid]
            shared = [site for site in unit.sites if partner_sites.get(site, set()) - {uid}]
            if any(site not in placeholder for site in shared):
                continue
            if shared:
                unknown[uid] = shared
                continue
            # a partner named by its id is named as a reader knows it; a glob or kind: stays as written
            wanted = words([ctx.unit_label(s) if s in graph.units else repr(s) for s in pair.partners])
            if partner_set == {uid}:
                message = _(
                    "{unit} shares no site with {wanted} as '{pair}' requires: it is the only unit matched "
                    "by {selectors}"
                )
            elif not unit.sites:
                message = _("{unit} shares no site with {wanted} as '{pair}' requires: it names no site")
            else:
                message = _(
                    "{unit} shares no site with {wanted} as '{pair}' requires: it works at {sites}, "
                    "where none of them works"
                )
            sites = words([names.site(s) for s in unit.sites])
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "sites"),
                message.format(
                    unit=ctx.unit_label(uid),
                    wanted=wanted,
                    selectors=words([repr(s) for s in pair.partners]),
                    pair=pair.name,
                    sites=sites,
                ),
                unit=uid,
                hint=_("add a shared site to 'sites:' of this unit or of a partner unit"),
                breach=pair.name,
            )
        if unknown:
            yield self._unknown(ctx, names, pair, unknown)

    def _unknown(
        self, ctx: Context, names: Names, pair: CoLocationPair, unknown: dict[str, list[str]]
    ) -> Diagnostic:
        # every placeholder a member shares, counted once (a merged unit's two sites are two)
        sites = list(dict.fromkeys(site for shared in unknown.values() for site in shared))
        site = sites[0]
        index = next(i for i, s in enumerate(ctx.model.sites) if s.id == site)
        return self.diagnostic(
            ctx,
            item_loc(ctx, "sites", index, "kind"),
            _(
                "'{pair}' is unknown: {units} ({ids}) share only placeholder sites with their partners "
                "({sites} like {site}), so co-location is neither confirmed nor broken"
            ).format(
                pair=pair.name,
                units=ngettext("{count} unit", "{count} units", len(unknown)).format(count=len(unknown)),
                ids=words([ctx.unit_label(uid) for uid in unknown], limit=3),
                sites=ngettext("{count} site", "{count} sites", len(sites)).format(count=len(sites)),
                site=names.site(site),
            ),
            unit=site,
            severity=Severity.INFO,
            hint=_("name the real premises as sites when they are decided"),
            breach=pair.name,
        )
