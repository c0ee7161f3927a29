"""OM273 committee-mapping: the administrative areas mirror the political committees (Asker LOS)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import suggest
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._outside import top_unit
from orgmodel.rules._principles import item_loc
from orgmodel.rules._vocab import in_tree


class CommitteeMappingParams(BaseModel):
    """Options of committee-mapping."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    mirror: bool | None = Field(
        default=None,
        description="true: the ruleset adopts 'den administrative strukturen skal samsvare med den "
        "politiske strukturen' (Asker LOS, Organisering pkt. 1). Unset: off, a municipality's own "
        "decision (three hovedutvalg over five areas is common and lawful)",
    )
    exempt_roles: list[str] = Field(
        default_factory=lambda: ["staff", "support"],
        description="roles of top-level units that answer to no committee of their own: the rådmann's "
        "staffs and support (Asker LOS pkt. 1 maps tjenesteområder, not staffs, to the hovedutvalg)",
    )
    exempt_kinds: list[str] = Field(
        default_factory=lambda: ["stab", "støtte"],
        description="kinds of top-level units that answer to no committee of their own (as exempt_roles)",
    )


@register
class CommitteeMapping(Rule[CommitteeMappingParams]):
    """Each committee maps to one top-level area, and every top-level area answers to a committee.

    "Den administrative strukturen skal samsvare med den politiske
    strukturen": Asker's hovedutvalg give the six tjenesteområder (Asker LOS,
    Organisering pkt. 1). A top-level area is a unit directly under the top
    unit (a direktørområde, or a kommunalsjefområde in a two-level model);
    a unit's ``committee`` counts for the area it lies in, the top unit's
    for the whole organisation (formannskapet), and any number of areas may
    answer to that one (LOS's "Administrasjon og ledelse", or an area with
    no hovedutvalg of its own). Another committee named
    in two areas is reported at the ``committee`` of the first unit in the
    second area; a committee no unit names at its ``id`` under
    ``committees:`` (one named only by units outside the personnel tree, an
    IKS or an agreement's unit, is no area's either, and the message says
    which unit names it); an area that answers to none (neither it nor a unit in
    it names a committee) at the area's ``id``. Staffs and support units
    (``exempt_roles``, ``exempt_kinds``) need no committee. A model without
    ``committees:`` is not judged. Off until a ruleset adopts the
    principle (``mirror: true``, as ``asker-2020`` does): many
    municipalities let one hovedutvalg answer for two areas.

    Anti-pattern::

        committees:
          - {id: hu-oppvekst, name: Hovedutvalg for oppvekst og utdanning}
        units:
          - {id: ks-oppvekst, ..., parent: radmann, committee: hu-oppvekst}
          - {id: ks-kultur, ..., parent: radmann, committee: hu-oppvekst}   # a second area
          - {id: ks-helse, ..., parent: radmann}                             # answers to no committee

    Best practice::

        committees:
          - {id: hu-oppvekst, name: Hovedutvalg for oppvekst og utdanning}
          - {id: hu-kultur, name: Hovedutvalg for kultur}
          - {id: hu-helse, name: Hovedutvalg for helse og omsorg}
        units:
          - {id: ks-oppvekst, ..., parent: radmann, committee: hu-oppvekst}
          - {id: ks-kultur, ..., parent: radmann, committee: hu-kultur}
          - {id: ks-helse, ..., parent: radmann, committee: hu-helse}
    """

    code = "OM273"
    name = "committee-mapping"
    severity = Severity.WARNING
    Params = CommitteeMappingParams
    waits_for = ("mirror",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if not ctx.model.committees or not self.params.mirror:
            return
        graph, tree = ctx.graph, in_tree(ctx)
        names = {c.id: c.name for c in reversed(ctx.model.committees)}
        mapped: dict[str, dict[str, str]] = {}  # committee -> area -> the first unit naming it there
        answered: set[str] = set()
        outside: dict[str, str] = {}  # committee -> the first unit outside the tree naming it
        top = graph.top
        whole = graph.units[top].committee if top is not None else None  # formannskapet, for all areas
        doubled: list[tuple[str, str, str, str]] = []  # (unit, committee, its area, the area before it)
        for uid, unit in graph.units.items():
            if unit.committee is None or unit.committee not in names:
                continue
            if uid not in tree:
                outside.setdefault(unit.committee, uid)
                continue
            if uid not in graph.depth:  # cut off from the top by a circle of personnel lines: OM102's
                mapped.setdefault(unit.committee, {})
                continue
            # the area a unit lies in; the top unit answers for the whole organisation (formannskapet)
            area = graph.areas(uid)[1] or (uid if unit.parent is None else None)
            if area is None:
                continue
            answered.add(area)
            areas = mapped.setdefault(unit.committee, {})
            if area in areas:
                continue
            areas[area] = uid
            if len(areas) > 1 and unit.committee != whole:
                doubled.append((uid, unit.committee, area, next(iter(areas))))
        unused = [c.id for c in ctx.model.committees if c.id not in mapped and c.id not in outside]
        meant: set[str] = set()
        for uid, committee, area, first in doubled:
            guess = _meant(ctx, uid, area, [c for c in unused if c not in meant])
            meant.update([guess] if guess else [])
            yield self._doubled(ctx, uid, committee, area, first, names, guess)
        mapped.update({c: {} for c in meant})  # the slip's other half: one cause, one finding
        yield from self._unmapped(ctx, mapped, names, outside)
        yield from self._unanswered(ctx, tree, answered)

    def _doubled(
        self,
        ctx: Context,
        uid: str,
        committee: str,
        area: str,
        first: str,
        names: dict[str, str],
        guess: str | None,
    ) -> Diagnostic:
        """A committee named in a second top-level area, at that second naming."""
        hint = (
            _(
                "did you mean 'committee: {guess}'? '{name}' ({guess}) is named by no area; else give this "
                "area its own committee, or join the two areas"
            ).format(guess=guess, name=names[guess])
            if guess is not None
            else _(
                "give this area its own committee, or join the two areas; a committee that answers "
                "for the whole organisation (formannskapet) is named on the top unit, and then any "
                "area may answer to it"
            )
        )
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "committee"),
            _(
                "the committee '{name}' ({id}) is named in {area} and already in {first}: each "
                "committee maps to one top-level area, so that the administrative structure matches "
                "the political one"
            ).format(
                name=names[committee], id=committee, area=ctx.unit_label(area), first=ctx.unit_label(first)
            ),
            unit=uid,
            hint=hint,
            breach=committee,
        )

    def _unmapped(
        self, ctx: Context, mapped: dict[str, dict[str, str]], names: dict[str, str], outside: dict[str, str]
    ) -> Iterator[Diagnostic]:
        seen: set[str] = set()
        for index, committee in enumerate(ctx.model.committees):
            if committee.id in mapped or committee.id in seen:
                continue
            seen.add(committee.id)
            namer = outside.get(committee.id)
            if namer is None:
                message = _(
                    "the committee '{name}' ({id}) is named by no unit: every committee maps to a top-level "
                    "area"
                )
                hint = _(
                    "write 'committee: {id}' on the area that answers to it, or, where that area already "
                    "names another committee, on the unit inside it that does (a unit's committee counts "
                    "for its area)"
                )
            else:
                message = _(
                    "the committee '{name}' ({id}) is named only by {unit}, which is outside the "
                    "basisorganisasjon: every committee maps to a top-level area"
                )
                hint = _("write 'committee: {id}' on the top-level area that answers to it")
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "committees", index),
                message.format(
                    name=names[committee.id],
                    id=committee.id,
                    unit=ctx.unit_label(namer) if namer is not None else "",
                ),
                unit=committee.id,
                hint=hint.format(id=committee.id),
            )

    def _unanswered(self, ctx: Context, tree: set[str], answered: set[str]) -> Iterator[Diagnostic]:
        top = top_unit(ctx.graph)
        if top is None:
            return
        roles, kinds = set(self.params.exempt_roles), set(self.params.exempt_kinds)
        for uid in ctx.graph.children[top]:
            unit = ctx.graph.units[uid]
            if uid not in tree or uid in answered or unit.role in roles or unit.kind in kinds:
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid),
                _(
                    "{area} is a top-level area that answers to no committee: the administrative structure "
                    "shall match the political one"
                ).format(area=ctx.unit_label(uid)),
                unit=uid,
                hint=_("write 'committee:' with the id of its hovedutvalg on the area"),
            )


def _meant(ctx: Context, uid: str, area: str, unused: list[str]) -> str | None:
    """The committee named by no area that the unit naming another area's committee likely meant.

    An Asker adviser pointed Kultur at hu-oppvekst: 'hu-kultur' is named by nobody and is close to
    the area's id or name. None when no unused committee is close.
    """
    by_id = {c.casefold(): c for c in unused}
    by_name = {c.name.casefold(): c.id for c in ctx.model.committees if c.id in unused}
    for word in (uid, area, ctx.graph.units[area].name, ctx.graph.units[uid].name):
        for written in (by_id, by_name):
            found = suggest(word.casefold(), written)
            if found is not None:
                return written[found]
    return None
