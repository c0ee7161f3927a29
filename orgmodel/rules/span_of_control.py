"""OM120 span-of-control: limits by the leader's role in the graph, not by the level number."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.i18n import N_, _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._outside import outside
from orgmodel.rules._virksomhet import OTHER_KINDS, virksomheter
from orgmodel.rules.levels import level_problems

Role = Literal["top", "leaders_of_leaders", "first_line"]

# the hint of a span above a role's limits, warning or error
_SPLIT = N_("split the unit or add avdelinger with their own leaders")
ROLE_WORDS: dict[Role, str] = {
    "top": N_("the top unit's own team"),
    "leaders_of_leaders": N_("a leader of leaders"),
    "first_line": N_("a first-line leader"),
}


class SpanLimits(BaseModel):
    """Span limits for one role or level; a missing limit is not checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min: int | None = Field(default=None, ge=0, description="below this (and above 0) a warning")
    warn_above: int | None = Field(default=None, ge=0, description="above this a warning")
    max: int | None = Field(default=None, ge=0, description="above this a finding at the rule's severity")

    @model_validator(mode="after")
    def _limits_rise(self) -> SpanLimits:
        """The limits rise from min to warn_above to max: else one span is both too small and too large."""
        named = [(name, getattr(self, name)) for name in ("min", "warn_above", "max")]
        given = [(name, value) for name, value in named if value is not None]
        above = _("{limit} {value} is above {other} {other_value}")
        wrong = [
            above.format(limit=a, value=x, other=b, other_value=y)
            for (a, x), (b, y) in pairwise(given)
            if x > y
        ]
        if wrong:
            raise ValueError(
                _("the limits contradict each other: {problems}").format(problems="; ".join(wrong))
            )
        return self


TOP = SpanLimits(min=2, warn_above=12, max=40)
LEADERS_OF_LEADERS = SpanLimits(min=2, warn_above=35, max=60)
FIRST_LINE = SpanLimits(min=2, warn_above=30, max=60)
ROLE_DEFAULTS = {"top": TOP, "leaders_of_leaders": LEADERS_OF_LEADERS, "first_line": FIRST_LINE}


class SpanParams(BaseModel):
    """Options of span-of-control: limits per role, and optional overrides per declared level."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    top: SpanLimits = Field(
        default=TOP,
        description=(
            "the top unit (rådmann, kommunedirektør) and its direct reports, when at least half of them "
            "lead leaders (a top team; else the top unit is a leader of leaders: a small kommune's "
            "kommunedirektør leading ~20 enhetsledere directly). warn_above 12: a top team "
            "is a working group; nye Drammen had 8 direktører (Drammen report p. 18). max "
            "40: assumption, far beyond any top team. min 2: a leader of one person "
            "is a level that may not be needed (management literature)"
        ),
    )
    leaders_of_leaders: SpanLimits = Field(
        default=LEADERS_OF_LEADERS,
        description=(
            "leaders mostly of unit leaders who lead people. warn_above 35: adopted "
            "designs reach 29 enhetsledere per kommunalsjef (Kristiansand oppvekst, in the Nordre Follo "
            "workbook) and 33-34 under Drammen's kommunalsjef for skole (Drammen report p. 30); above them a "
            "warning. max 60: assumption, about twice the widest adopted span of a kommunalsjef. "
            "min 2: as for the top"
        ),
    )
    first_line: SpanLimits = Field(
        default=FIRST_LINE,
        description=(
            "leaders mostly of staff (rektorer, virksomhetsledere, avdelingsledere). warn_above 30: "
            "NSF argues 20-30 is enough, Fafo reports about 40 in municipal health and care. max 60: "
            "rektorer and virksomhetsledere in adopted designs lead 20-60; "
            "Helsedirektoratet's average is 39 (range 12-146, the far end what the study flags). "
            "min 2: as for the top"
        ),
    )
    levels: dict[int, SpanLimits] = Field(
        default_factory=dict,
        description=(
            "overrides per declared level, on top of the role's limits, for a municipality that "
            "adopts limits by level; empty by default, since municipalities count levels differently"
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _keep_unset_limits(cls, data: Any) -> Any:
        """A role given with only some limits keeps the defaults of the others."""
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for role, default in ROLE_DEFAULTS.items():
            given = out.get(role)
            if isinstance(given, dict):
                out[role] = {**default.model_dump(), **given}
        return out

    def limits(self, role: Role, level: int | None) -> SpanLimits:
        """The role's limits with the overrides of ``level`` (None: no override) on top."""
        own: SpanLimits = getattr(self, role)
        override = self.levels.get(level) if level is not None else None
        if override is None:
            return own
        merged = own.model_dump()
        merged.update(override.model_dump(exclude_unset=True))
        # each layer was checked on its own; a level's max under a role's warn_above is no contradiction
        return SpanLimits.model_construct(**merged)


def role_of(graph: OrgGraph, uid: str) -> Role:
    """The role a leader's span is judged by, decided from the graph alone.

    The top unit judges its own team when at least half of the units reporting to it lead
    leaders themselves (direktører or kommunalsjefer with their areas); a top unit that leads
    mostly enhetsledere (a small kommune's two-level model, the kommunedirektør leading ~20
    enheter directly) is a leader of leaders. A second unit without a parent, which OM101
    reports, is judged by what it leads. Another unit is a leader of leaders when the units
    below it whose leaders lead people are at least as many as its own ``staff``, and at least
    one (``OrgGraph.leads_leaders``); otherwise it is a first-line leader.
    """
    if graph.units[uid].parent is None and uid == graph.top:
        below = graph.children[uid]
        if 2 * sum(1 for child in below if graph.leads_leaders(child)) >= len(below):
            return "top"
        return "leaders_of_leaders"
    return "leaders_of_leaders" if graph.leads_leaders(uid) else "first_line"


@register
class SpanOfControl(Rule[SpanParams]):
    """A leader's span of control (lederspenn) stays within the limits for its role.

    The span is the number of people the leader has personnel
    responsibility for: the leaders of the units that report to it plus its
    own ``staff``. Drammen split units and added avdelinger explicitly "so
    the span does not get too large" (report p. 26, 34, 45, 54). What a
    leader is held to follows from the graph, not from the ``level`` number
    (municipalities count levels differently: Drammen puts the direktører at
    level 1 beside the rådmann, Asker the kommunalsjefer):

    - ``top``: the top unit, leading its own team (when at least half of
      its direct reports lead leaders; else, as a small kommune's
      kommunedirektør leading the enhetsledere, a leader of leaders);
    - ``leaders_of_leaders``: a unit that leads at least one unit whose
      leader leads people (units below it, or staff other than ``staff: 0``),
      and at least as many such unit leaders as its own ``staff``;
    - ``first_line``: every other leader, mostly leading staff.

    There is no official Norwegian maximum. Above ``max`` is a finding at the
    rule's severity, above ``warn_above`` a warning; below ``min`` (a leader
    of one person: a level that may not be needed) a warning, unless other
    units report to it professionally (a kommunalsjef of a two-level model
    with one rådgiver, steering the enheter by professional lines). Where
    ``staff`` is not given the span is unknown from below, so only the upper
    limits are checked, and the message says "at least". For a leader of
    leaders the hint does not advise avdelinger (a level more, which Asker's
    two levels forbid) but recording a decided span, or sharing the units
    between two leaders. ``levels`` overrides the limits per declared level
    for a municipality that adopts them so; a unit whose own level is wrong
    (OM110) is judged by its role alone. ``orgmodel explain span-of-control``
    shows each default with its source.

    Anti-pattern (first-line max 60)::

        - {id: barnevern, name: Barnevern, level: 3, parent: ks-forebygging, leader: Leder, staff: 95}

    Best practice: add avdelinger with their own leaders::

        - {id: barnevern, name: Barnevern, level: 3, parent: ks-forebygging, leader: Leder, staff: 3}
        - {id: bv-mottak, name: Mottak, level: 4, parent: barnevern, leader: Avdelingsleder, staff: 30}
    """

    code = "OM120"
    name = "span-of-control"
    Params = SpanParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        wrong_level = set(level_problems(graph).order) if self.params.levels else set()
        limits_all = [getattr(self.params, role) for role in ROLE_DEFAULTS] + list(
            self.params.levels.values()
        )
        uppers = [x for lim in limits_all for x in (lim.warn_above, lim.max) if x is not None]
        lowest_upper = min(uppers, default=None)
        highest_min = max((lim.min for lim in limits_all if lim.min is not None), default=0)
        skip = outside(graph)  # an IKS kept outside the basisorganisasjon is not in the personnel tree
        # units others report to professionally: a kommunalsjef of a two-level model with one rådgiver
        steers = {target for unit in graph.units.values() for target in unit.functional}
        for uid in graph.depth:  # units cut off by a circle are folded into OM102
            if uid in skip:
                continue
            unit = graph.units[uid]
            children = len(graph.children[uid])
            span = children + (unit.staff or 0)
            if (lowest_upper is None or span <= lowest_upper) and not (
                unit.staff is not None and 0 < span < highest_min
            ):
                continue  # the common case: within every limit of every role
            role = role_of(graph, uid)
            level = None if uid in wrong_level else unit.level
            limits = self.params.limits(role, level)
            found = self._judge(limits, span, unit.staff is not None)
            if found is None or (found[0] == "min" and uid in steers):
                continue  # a leader others report to professionally is no level that may go
            kind, limit = found
            what = _(ROLE_WORDS[role])
            if level in self.params.levels:
                what = _("{role} at level {level}").format(role=what, level=level)
            parts = _span_parts(span, children, unit.staff)
            limit_words = _("{limit} for {role}").format(limit=limit, role=what)
            setting = f"levels.{level}.warn_above" if level in self.params.levels else f"{role}.warn_above"
            yield self._finding(ctx, uid, kind, parts, limit_words, (role, setting))

    def _finding(
        self, ctx: Context, uid: str, kind: str, span: str, limit: str, judged: tuple[Role, str]
    ) -> Diagnostic:
        """The finding for a breached limit: "max" (an error), "warn_above" or "min" (warnings).

        ``judged`` is the role the leader was judged as and the ruleset setting that holds its limit.
        """
        role, setting = judged
        label, loc = ctx.unit_label(uid), ctx.unit_loc(uid, "staff")
        if kind == "min":
            return self.diagnostic(
                ctx,
                loc,
                _(
                    "{unit} leads only {span}, below the minimum of {limit}: a level that may not be needed"
                ).format(unit=label, span=span, limit=limit),
                unit=uid,
                severity=Severity.WARNING if self.level is Severity.ERROR else self.level,
                hint=_(
                    "merge it with a neighbouring unit, or let its people report to the leader above; a "
                    "small unit the municipality has decided on is said in the ruleset ('{setting}' of "
                    "span-of-control) or by a suppression with its reason"
                ).format(setting=setting.rpartition(".")[0] + ".min"),
                breach="min",
            )
        message = (
            _("{unit} has a span of control of {span}, above the maximum of {limit}")
            if kind == "max"
            else _("{unit} has a span of control of {span}, above the ruleset's warning limit of {limit}")
        )
        return self.diagnostic(
            ctx,
            loc,
            message.format(unit=label, span=span, limit=limit),
            unit=uid,
            severity=Severity.WARNING if kind == "warn_above" else None,
            hint=_upper_hint(ctx, uid, role, kind, setting),
            breach="max",
        )

    @staticmethod
    def _judge(limits: SpanLimits, span: int, staff_known: bool) -> tuple[str, int] | None:
        """Which limit a span breaks, if any: ("max" | "warn_above" | "min", the limit)."""
        if limits.max is not None and span > limits.max:
            return ("max", limits.max)
        if limits.warn_above is not None and span > limits.warn_above:
            return ("warn_above", limits.warn_above)
        if limits.min is not None and staff_known and 0 < span < limits.min:
            return ("min", limits.min)
        return None


def _upper_hint(ctx: Context, uid: str, role: Role, kind: str, setting: str) -> str:
    """What to do about a span above a limit: "max" (an error) or "warn_above"."""
    if role != "first_line":
        # a leader of leaders: avdelinger under it would be one level more (Asker's two levels forbid it)
        return _(
            "a span the municipality has decided on is said in the ruleset ('{setting}' of "
            "span-of-control) or by a suppression with its reason; else share its units between two leaders"
        ).format(setting=setting.rpartition(".")[0] + "." + kind)
    if kind == "max":
        return _(_SPLIT)
    if _inside_a_virksomhet(ctx, uid):  # an avdeling already: no avdelinger inside it
        return _(
            "split it, or give team leaders personnel responsibility; a span the municipality has decided "
            "on is said in the ruleset ('{setting}' of span-of-control) or by a suppression with its reason"
        ).format(setting=setting)
    return _(
        "add avdelinger with their own leaders; a span the municipality has decided on is said in the "
        "ruleset ('{setting}' of span-of-control) or by a suppression with its reason"
    ).format(setting=setting)


def _span_parts(span: int, children: int, staff: int | None) -> str:
    """'63 (1 unit leader + 62 staff)': each count with its own plural (nb '1 ansatt', '2 ansatte').

    Without ``staff`` the span is at least its unit leaders: 'at least 40 (40 unit leaders; staff not
    stated)', never '+ 0 staff' (docs/model-format.md: omit ``staff`` when it is unknown).
    """
    leaders = ngettext("{n} unit leader", "{n} unit leaders", children).format(n=children)
    if staff is None:
        return _("at least {span} ({leaders}; staff not stated)").format(span=span, leaders=leaders)
    people = ngettext("{n} staff", "{n} staff", staff).format(n=staff)
    return _("{span} ({leaders} + {staff})").format(span=span, leaders=leaders, staff=people)


def _inside_a_virksomhet(ctx: Context, uid: str) -> bool:
    """Whether ``uid`` lies below a virksomhet (an avdeling, by its place in the tree or its label)."""
    judged = virksomheter(ctx.graph, ["virksomhet"], OTHER_KINDS)
    return any(above in judged for above in ctx.graph.ancestors(uid))
