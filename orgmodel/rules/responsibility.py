"""OM140 budget-responsibility and OM160 leader-required."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._outside import outside
from orgmodel.rules._virksomhet import OTHER_KINDS, virksomheter

Role = Literal["authority", "appeals", "provider", "staff", "support"]


class BudgetResponsibilityParams(BaseModel):
    """Options of budget-responsibility."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet", "enhet"],
        description="unit kinds always judged as virksomheter, whose leaders need budget responsibility "
        "when they lead people (Kristiansand's and many small kommuner's 'enhet' too: an enhet of a "
        "two-level model sits at level 2, where no place in the tree says it is one); units without "
        "these labels are judged by their place in the tree (see below). Source: the Tønsberg/Re "
        "workshop: 'virksomhetsleder som har personalansvar må også ha budsjettansvar'",
    )
    other_kinds: list[str] = Field(
        default_factory=lambda: list(OTHER_KINDS),
        description="unit kinds that are never virksomheter by their place in the tree (Drammen's "
        "labels for the levels above and below, Drammen report p. 18)",
    )
    roles: list[Role] = Field(
        default_factory=list,
        description="unit roles judged as well, whatever their kind (none by default: the sources name "
        "virksomhetsledere only)",
    )


@register
class BudgetResponsibility(Rule[BudgetResponsibilityParams]):
    """A virksomhetsleder with personnel responsibility also holds budget responsibility.

    "A virksomhetsleder who has personnel responsibility must also have
    budget responsibility" (Tønsberg/Re workshop input). The
    source speaks of virksomhetsledere, so the virksomheter are judged:
    the units of kind ``virksomhet``, and the units at the virksomhet depth
    of their area whatever their label (Kristiansand's ``enhet``, or no
    ``kind``), unless labelled as something else (``other_kinds``), a staff
    or support unit, or a supervising or appeals function (``role: appeals``,
    or ``role: authority`` with units in ``supervises``: barnehagemyndighet is
    a staff function, Drammen report p. 35). The virksomhet depth of an area (a branch under one of
    the top unit's direct reports) is the depth in the tree at which its
    labelled virksomheter sit, else the model's; a model that labels none
    has its virksomheter at declared ``level: 3`` (Drammen report p. 18). A ruleset
    widens the scope with ``kinds`` (e.g. ``avdeling``: Drammen's barnehage
    styrere get "fullt personal, økonomi og fagansvar", p. 33) or ``roles``. A fagansvarlig without personnel
    responsibility (no people) needs no budget.

    ``budget: false`` on a judged unit with people (child units or
    ``staff``) is a finding. A unit that does not write ``budget`` has not
    stated it (the sources are often silent) and is not judged: one note
    per model, at the first such unit, counts them.

    Anti-pattern::

        - {id: virk-a, name: A skole, kind: virksomhet, level: 3, parent: ks-skole, leader: Rektor,
           staff: 40, budget: false}

    Best practice::

        - {id: virk-a, name: A skole, kind: virksomhet, level: 3, parent: ks-skole, leader: Rektor,
           staff: 40, budget: true}
    """

    code = "OM140"
    name = "budget-responsibility"
    Params = BudgetResponsibilityParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        roles = set(self.params.roles)
        judged = virksomheter(graph, self.params.kinds, self.params.other_kinds)
        unstated: list[str] = []
        for uid, unit in graph.units.items():
            if unit.budget or graph.span(uid) == 0:
                continue
            if uid not in judged and unit.role not in roles:
                continue
            if "budget" not in unit.model_fields_set:
                unstated.append(uid)
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "budget"),
                _(
                    "the leader of {unit} has personnel responsibility for {span} "
                    "but no budget responsibility"
                ).format(unit=ctx.unit_label(uid), span=graph.span(uid)),
                unit=uid,
                hint=_("set 'budget: true'"),
            )
        if unstated:
            yield self._unstated(ctx, unstated)

    def _unstated(self, ctx: Context, unstated: list[str]) -> Diagnostic:
        """One note for the virksomheter whose budget responsibility the model does not state."""
        count, first = len(unstated), ctx.unit_label(unstated[0])
        if count == 1:
            message = _(
                "the model does not state budget responsibility for the leader of {first}, who has "
                "personnel responsibility, so it cannot be judged"
            ).format(first=first)
        else:
            message = _(
                "the model does not state budget responsibility for {leaders} with "
                "personnel responsibility ({first} first), so they cannot be judged"
            ).format(leaders=_leaders(ctx, unstated), first=first)
        return self.diagnostic(
            ctx,
            ctx.unit_loc(unstated[0], "id"),
            message,
            unit=None,  # one note per model: its fingerprint does not follow the first unit
            severity=Severity.INFO,
            breach="unstated",
            hint=_("write 'budget: true' or 'budget: false' where the design decides it"),
        )


def _leaders(ctx: Context, uids: list[str]) -> str:
    """Who the leaders are, by the units' ``kind`` as the model writes it (unlabelled: virksomheter)."""
    kinds = sorted({ctx.graph.units[u].kind or "virksomhet" for u in uids})
    count = len(uids)
    if kinds == ["virksomhet"]:
        return ngettext("{count} virksomhetsleder", "{count} virksomhetsledere", count).format(count=count)
    if len(kinds) == 1:
        return ngettext(
            "the leader of {count} unit of kind '{kind}'",
            "the leaders of {count} units of kind '{kind}'",
            count,
        ).format(count=count, kind=kinds[0])
    return ngettext(
        "the leader of {count} unit (kinds {kinds})", "the leaders of {count} units (kinds {kinds})", count
    ).format(count=count, kinds=", ".join(f"'{k}'" for k in kinds))


@register
class LeaderRequired(Rule[Any]):
    """Every unit names its leader role.

    A unit in the model is a unit with a leader (virksomhetsleder,
    avdelingsleder, kommunalsjef, ...). Give the role, not a person's name,
    so the model stays valid when people change. A unit of ``kind: iks`` or
    ``kind: external`` without a parent (outside the basisorganisasjon) and
    the units below it need none.

    Anti-pattern::

        - {id: virk-a, name: A skole, level: 3, parent: ks-skole}

    Best practice::

        - {id: virk-a, name: A skole, level: 3, parent: ks-skole, leader: Rektor}
    """

    code = "OM160"
    name = "leader-required"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        skip = outside(ctx.graph)  # an IKS outside the basisorganisasjon has no leader role in it
        for uid, unit in ctx.graph.units.items():
            if unit.leader is None and uid not in skip:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "id"),
                    _("{unit} names no leader").format(unit=ctx.unit_label(uid)),
                    unit=uid,
                    hint=_("add 'leader:' with the role, e.g. 'leader: Virksomhetsleder'"),
                )
