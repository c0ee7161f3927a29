"""OM250 staff-share and OM251 staff-units: few staffs, a lean administration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import percent, words

Role = Literal["authority", "appeals", "provider", "staff", "support"]
_STAFF_SUPPORT: tuple[Role, ...] = ("staff", "support")
_STAFF: tuple[Role, ...] = ("staff",)


class StaffShareParams(BaseModel):
    """Options of staff-share."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_share: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="the largest share (0-1) of headcount in these roles; unset: off (no source gives a "
        "share: Drammen p. 21, 68 only asks for less than the three old municipalities had)",
    )
    roles: list[Role] = Field(default_factory=lambda: list(_STAFF_SUPPORT), description="the roles counted")


@register
class StaffShare(Rule[StaffShareParams]):
    """Staff and support functions hold no more than the adopted share of the people.

    Drammen aimed for fewer resources in support and administration than the
    sum of the three old municipalities (report p. 21, 68). The share is the
    headcount of the units with a counted ``role`` (everyone below them
    included, each person once) over the headcount of the whole
    organisation. Sizes come from ``staff``: an organisation whose size is
    unknown (no ``staff`` anywhere) is not judged, and a unit without
    ``staff`` counts as its leader alone. Without ``max_share`` the rule finds
    nothing. The finding sits at the top unit.

    Anti-pattern (max_share 0.1)::

        - {id: radmann, ..., staff: 2}
        - {id: stab-okonomi, parent: radmann, role: support, staff: 30, ...}
        - {id: virk-skole, parent: radmann, role: provider, staff: 60, ...}   # 31 of 94: 33 %

    Best practice: keep the staff and support units small, or adopt the
    share the design actually has.
    """

    code = "OM250"
    name = "staff-share"
    severity = Severity.WARNING
    Params = StaffShareParams
    waits_for = ("max_share",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max_share
        graph = ctx.graph
        inside = [uid for uid in graph.roots if uid not in graph.outside]  # an IKS is no second top
        if limit is None or len(inside) != 1:
            return
        root = inside[0]
        if not graph.staff_known.get(root):
            return
        roles = set(self.params.roles)
        total = graph.headcount[root]
        counted = [
            uid
            for uid in graph.depth
            if graph.units[uid].role in roles
            and uid not in graph.outside
            and not any(graph.units[a].role in roles for a in graph.ancestors(uid))
        ]
        people = sum(graph.headcount[uid] for uid in counted)
        share = people / total if total else 0.0
        if share <= limit:
            return
        yield self.diagnostic(
            ctx,
            ctx.unit_loc(root, "id"),
            _(
                "{roles} units hold {people} of the {total} people ({share}), more than the "
                "adopted {limit}: support and administration shall be lean"
            ).format(
                roles=words(sorted(roles)),
                people=people,
                total=total,
                share=percent(share),
                limit=percent(limit),
            ),
            unit=root,
            hint=_("the largest: {units}").format(
                units=words(
                    [ctx.unit_label(u) for u in sorted(counted, key=lambda u: -graph.headcount[u])[:3]]
                )
            ),
        )


class StaffUnitsParams(BaseModel):
    """Options of staff-units."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max: int | None = Field(
        default=None,
        ge=0,
        description="the most staff units directly under one leader; unset: off (Drammen p. 21 says "
        "'i svært liten grad', not a number)",
    )
    levels: list[int] = Field(
        default_factory=lambda: [2, 3],
        description="levels of the leaders judged (2 kommunalsjef, 3 virksomhet: the leaders Drammen p. 21 "
        "names)",
    )
    roles: list[Role] = Field(
        default_factory=lambda: list(_STAFF), description="the roles that make a staff unit"
    )


@register
class StaffUnits(Rule[StaffUnitsParams]):
    """A kommunalsjef or virksomhetsleder has no more staff units than adopted.

    "Professional staffs around kommunalsjefer or virksomhetsledere shall be
    organised to a very small extent" (Drammen report p. 21). The units
    directly under a leader at one of ``levels`` whose ``role`` is one of
    ``roles`` are counted; more than ``max`` is reported at the leader. Without
    ``max`` the rule finds nothing.

    Anti-pattern (max 1)::

        - {id: ks-skole, name: Skole, level: 2, ...}
        - {id: stab-skole-fag, parent: ks-skole, role: staff, ...}
        - {id: stab-skole-analyse, parent: ks-skole, role: staff, ...}

    Best practice: one small staff, or the advisers in a shared staff of the direktør.
    """

    code = "OM251"
    name = "staff-units"
    severity = Severity.WARNING
    Params = StaffUnitsParams
    waits_for = ("max",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        limit = self.params.max
        if limit is None:
            return
        graph = ctx.graph
        levels, roles = set(self.params.levels), set(self.params.roles)
        for uid, unit in graph.units.items():
            if unit.level not in levels:
                continue
            staffs = [c for c in graph.children[uid] if graph.units[c].role in roles]
            if len(staffs) <= limit:
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "id"),
                ngettext(
                    "{unit} has {count} staff unit directly under it ({staffs}), more than the adopted "
                    "{limit}: staffs around kommunalsjefer and virksomhetsledere shall be very few",
                    "{unit} has {count} staff units directly under it ({staffs}), more than the adopted "
                    "{limit}: staffs around kommunalsjefer and virksomhetsledere shall be very few",
                    len(staffs),
                ).format(
                    unit=ctx.unit_label(uid),
                    count=len(staffs),
                    staffs=words([ctx.unit_label(s) for s in staffs]),
                    limit=limit,
                ),
                unit=uid,
                hint=_("merge them, or move advisers to a shared staff"),
            )
