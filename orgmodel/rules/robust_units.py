"""OM150 robust-units."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import words
from orgmodel.rules._virksomhet import OTHER_KINDS, people_known, virksomheter
from orgmodel.rules.authority import supervision


class RobustParams(BaseModel):
    """Options of robust-units."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min: int = Field(
        default=8,
        ge=1,
        description=(
            "the smallest headcount (leader + staff + everyone below). 8: assumption, no source gives a "
            "number: Drammen merged small home-care districts and made a small school an avdeling (Drammen "
            "report p. 26, 31) without naming a size; a municipality sets its own as 'min' of robust-units "
            "in its ruleset"
        ),
    )
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet"],
        description=(
            "unit kinds always judged as virksomheter (the report speaks of virksomheter, Drammen "
            "report p. 26, 31); units without these labels are judged by their place in the tree"
        ),
    )
    other_kinds: list[str] = Field(
        default_factory=lambda: list(OTHER_KINDS),
        description="unit kinds that are never virksomheter by their place in the tree (Drammen's "
        "labels for the levels above and below, Drammen report p. 18)",
    )


@register
class RobustUnits(Rule[RobustParams]):
    """Virksomheter are big enough to be robust.

    Small units are vulnerable (sårbare): Drammen merged small home-care
    districts and made a small school an avdeling of a bigger one (report
    p. 26, 31). The headcount is the leader, the ``staff`` and everyone in
    the units below. Units whose size is unknown (``staff`` omitted on the
    unit or on any unit below it) are not judged: one note per model counts
    them. The virksomheter are the units of kind
    ``virksomhet`` (``kinds``) and the units at the virksomhet depth of their
    area whatever their label (Kristiansand's ``enhet``, or no ``kind``),
    unless labelled as something else (``other_kinds``: ``avdeling``,
    ``stab``, ...), a staff or support unit (``role``), or a supervising or
    appeals function (``role: appeals``, or ``role: authority`` with units in
    ``supervises``): barnehagemyndighet is "a staff function" apart from the
    barnehager it supervises (p. 35), and a tilsyn of four is no virksomhet
    to be merged. An authority that only decides applications (a
    tildelingskontor) is judged where it sits. The hint never points an
    authority at the units it supervises, nor those units at it. A unit an agreement
    of kind ``partnerskap`` lists is not judged: the NAV office is a
    partnership with the state that every municipality has (NAV-loven § 13),
    so its municipal part cannot be merged or made an avdeling.
    The virksomhet depth of an area (a branch under one of the top unit's
    direct reports) is the depth in the tree at which its labelled
    virksomheter sit, else the model's; a model that labels none has its
    virksomheter at declared ``level: 3`` (Drammen report p. 18).

    Anti-pattern (min 8)::

        - {id: virk-sagstedbrua, name: Sagstedbrua skole, kind: virksomhet, level: 3, ..., staff: 4}

    Best practice::

        - {id: avd-sagstedbrua, name: Sagstedbrua skole, kind: avdeling, level: 4,
           parent: virk-eknes, ..., staff: 4}
    """

    code = "OM150"
    name = "robust-units"
    severity = Severity.WARNING
    Params = RobustParams

    def judged(self, ctx: Context) -> set[str]:
        """The virksomheter this rule sizes: not a partnership's unit (a NAV office)."""
        partners = {uid for a in ctx.model.agreements if a.kind == "partnerskap" for uid in a.units}
        return set(virksomheter(ctx.graph, self.params.kinds, self.params.other_kinds)) - partners

    def too_small(self, ctx: Context) -> set[str]:
        """The virksomheter this rule reports as too small (comparable-sizes leaves them out)."""
        graph = ctx.graph
        judged = self.judged(ctx)
        known = people_known(graph)
        return {
            uid
            for uid in judged
            if uid in graph.depth and known.get(uid) and graph.headcount[uid] < self.params.min
        }

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        judged = self.judged(ctx)
        known = people_known(graph)
        unknown: list[str] = []
        for uid, unit in graph.units.items():
            if uid not in judged or uid not in graph.depth:
                continue
            if not known.get(uid):
                unknown.append(uid)
                continue
            size = graph.headcount[uid]
            if size < self.params.min:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "staff"),
                    ngettext(
                        "{unit} has {size} person, fewer than the {min} a robust {kind} needs",
                        "{unit} has {size} people, fewer than the {min} a robust {kind} needs",
                        size,
                    ).format(
                        unit=ctx.unit_label(uid),
                        size=size,
                        min=self.params.min,
                        kind=unit.kind or "virksomhet",
                    ),
                    unit=uid,
                    hint=self._hint(ctx, uid),
                )
        if unknown and len(unknown) < len(judged):  # a model that states no sizes at all is not told so
            yield self._unknown(ctx, unknown)

    @staticmethod
    def _hint(ctx: Context, uid: str) -> str:
        """Where to merge a small virksomhet: never an authority with what it supervises (principle 11)."""
        supervised = [target for unit, _pos, target in supervision(ctx) if unit == uid]
        if supervised:
            parent = ctx.graph.units[uid].parent
            return _(
                "merge it with a unit it does not supervise, or make it a staff function of {parent} "
                "('kind: stab'), as Drammen did with barnehagemyndighet (report p. 35); never with "
                "{targets}, which it supervises: authority is kept apart from what it supervises"
            ).format(
                parent=ctx.unit_label(parent) if parent else "?",
                targets=words([ctx.unit_label(t) for t in dict.fromkeys(supervised)], limit=4),
            )
        supervisors = [unit for unit, _pos, target in supervision(ctx) if target == uid]
        if supervisors:
            return _(
                "merge it with a neighbour or make it an avdeling of a larger unit, but not with "
                "{authority}, which supervises it: authority is kept apart from what it supervises"
            ).format(authority=words([ctx.unit_label(u) for u in dict.fromkeys(supervisors)], limit=4))
        return _("merge it with a neighbour or make it an avdeling of a larger unit")

    def _unknown(self, ctx: Context, unknown: list[str]) -> Diagnostic:
        """One note for the virksomheter whose headcount is unknown (``staff`` omitted in them or below)."""
        count, first = len(unknown), ctx.unit_label(unknown[0])
        if count == 1:
            message = _(
                "the size of {first} is unknown: 'staff' is omitted in it or in "
                "a unit below, so robustness and comparable sizes cannot be judged"
            )
        else:
            message = _(
                "the size of {count} units ({first} first) is unknown: 'staff' is omitted in them or in "
                "a unit below, so robustness and comparable sizes cannot be judged"
            )
        return self.diagnostic(
            ctx,
            ctx.unit_loc(unknown[0], "id"),
            message.format(count=count, first=first),
            unit=None,  # one note per model: its fingerprint does not follow the first unit
            severity=Severity.INFO,
            breach="unknown",
            hint=_("write 'staff:' on every unit below when the numbers are known"),
        )
