"""OM240 authority-inside-supervised and OM241 authority-distance: authority apart from provision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import N_, _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import words

_SUPERVISING_ROLES = ("authority", "appeals")
_ROLE_WORDS = {"authority": N_("an authority (myndighet)"), "appeals": N_("an appeals body (klageinstans)")}


def _supervision(ctx: Context) -> Iterator[tuple[str, int, str]]:
    """(authority or appeals unit, position in its 'supervises', supervised unit) for existing units."""
    units = ctx.graph.units
    for uid, unit in units.items():
        if unit.role not in _SUPERVISING_ROLES:
            continue
        for pos, target in enumerate(unit.supervises):
            if target in units and target != uid:
                yield uid, pos, target


def supervised_above(ctx: Context, uid: str) -> set[str]:
    """The units an authority or appeals unit supervises that its own personnel line runs through."""
    unit = ctx.graph.units[uid]
    if unit.role not in _SUPERVISING_ROLES:
        return set()
    return set(unit.supervises).intersection(ctx.graph.ancestors(uid))


@register
class AuthorityInsideSupervised(Rule[Any]):
    """An authority or appeals unit does not sit inside, or lead, a unit it supervises.

    Authority is kept apart from the services it supervises: Drammen made
    barnehagemyndighet (supervising all kindergartens) "a staff function"
    of the kommunalsjef, apart from the virksomheter that run the municipal
    kindergartens; appeals are handled "at arm's length" from the body
    appealed against; legal plan/building staff sit apart from building-case
    handling "for independence" (report p. 35, 55, 59; Asker: separate
    forvaltning from tjenesteyting). A unit with ``role: authority`` or
    ``role: appeals`` whose personnel line runs through a unit it
    ``supervises`` is led by the unit it supervises: an error, at its
    ``parent``. One that is the personnel leader of units it supervises
    supervises its own staff: a warning (a kommunalsjef holding
    barnehagemyndighet over the barnehager she leads is common in a small
    kommune), once, naming them.

    Anti-pattern::

        - {id: virk-bhg-1, name: Barnehager område 1, level: 3, parent: ks-barnehage, ...}
        - {id: barnehagemyndighet, name: Barnehagemyndighet, level: 4, parent: virk-bhg-1,
           role: authority, supervises: [virk-bhg-1, virk-bhg-2], ...}

    Best practice::

        - {id: barnehagemyndighet, name: Barnehagemyndighet, level: 3, parent: ks-barnehage,
           role: authority, supervises: [virk-bhg-1, virk-bhg-2], ...}
    """

    code = "OM240"
    name = "authority-inside-supervised"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        ancestors: dict[str, list[str]] = {}
        led: dict[str, list[tuple[int, str]]] = {}  # authority -> (position, supervised unit it leads)
        for uid, pos, target in _supervision(ctx):
            chain = ancestors.setdefault(uid, graph.ancestors(uid))
            role = _(_ROLE_WORDS[graph.units[uid].role or "authority"])
            if target in chain:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "parent"),
                    _(
                        "{unit} is {role} supervising {target}, but sits inside "
                        "it: its personnel line runs through the unit it supervises (authority shall be kept "
                        "apart from the services it supervises)"
                    ).format(unit=ctx.unit_label(uid), role=role, target=ctx.unit_label(target)),
                    unit=uid,
                    hint=_("place it as a staff function of a leader above the units it supervises"),
                    breach=target,
                )
            elif uid in graph.ancestors(target):
                led.setdefault(uid, []).append((pos, target))
        for uid, targets in led.items():
            yield self._leads_supervised(ctx, uid, targets)

    def _leads_supervised(self, ctx: Context, uid: str, targets: list[tuple[int, str]]) -> Diagnostic:
        """An authority that leads units it supervises: one finding, a warning (a small kommune's usage).

        A kommunalsjef for oppvekst holding barnehagemyndighet over the barnehager she leads is common
        and lawful in a small kommune; Drammen placed the myndighet as a staff function beside them
        (report p. 35). Said once, at the first such entry of ``supervises``, naming them all.
        """
        role = _(_ROLE_WORDS[ctx.graph.units[uid].role or "authority"])
        supervised = words([ctx.unit_label(target) for _pos, target in targets], limit=4)
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "supervises", targets[0][0]),
            _(
                "{unit} is {role} supervising {targets}, but is also their personnel leader: it supervises "
                "its own staff (authority shall be kept apart from the services it supervises)"
            ).format(unit=ctx.unit_label(uid), role=role, targets=supervised),
            unit=uid,
            severity=Severity.WARNING if self.level is Severity.ERROR else self.level,
            hint=_(
                "place the authority as a staff function beside the units it supervises (under this "
                "leader, as Drammen did) or elsewhere in the organisation"
            ),
            breach="leads",
        )


class AuthorityDistanceParams(BaseModel):
    """Options of authority-distance."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_level: int = Field(
        default=2,
        ge=1,
        description="the nearest common leader of an authority and a unit it supervises is at this level "
        "or higher up (a smaller number: 2 = kommunalsjef). Source: Drammen p. 35 (barnehagemyndighet a "
        "staff function of the kommunalsjef) and p. 55 (appeals staff beside byggesak under it)",
    )


@register
class AuthorityDistance(Rule[AuthorityDistanceParams]):
    """An authority and the units it supervises meet only high enough up in the line.

    Supervision at "arm's length" (Drammen report p. 35, 55, 59) means the
    authority and the supervised unit do not share a leader low in the
    organisation: their nearest common personnel leader must be at level
    ``max_level`` or above. Drammen's barnehagemyndighet and the kindergarten
    virksomheter meet at the kommunalsjef for barnehage (level 2). A
    supervisor inside the supervised unit is OM240.

    Anti-pattern (max_level 2)::

        - {id: virk-bhg-1, level: 3, parent: ks-barnehage, ...}
        - {id: avd-tilsyn, level: 4, parent: virk-bhg-1, role: authority, supervises: [avd-bhg-a], ...}
        - {id: avd-bhg-a, level: 4, parent: virk-bhg-1, ...}     # they meet at level 3

    Best practice::

        - {id: stab-barnehagemyndighet, level: 3, parent: ks-barnehage, role: authority,
           supervises: [virk-bhg-1], ...}                         # they meet at level 2
    """

    code = "OM241"
    name = "authority-distance"
    Params = AuthorityDistanceParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        limit = self.params.max_level
        lines: dict[str, list[str]] = {}
        for uid, pos, target in _supervision(ctx):
            mine = lines.setdefault(uid, [uid, *graph.ancestors(uid)])
            theirs = lines.setdefault(target, [target, *graph.ancestors(target)])
            if uid in theirs or target in mine:
                continue  # one inside the other: OM240
            shared = set(theirs)
            common = next((a for a in mine if a in shared), None)
            if common is None or graph.units[common].level <= limit:
                continue
            role = _(_ROLE_WORDS[graph.units[uid].role or "authority"])
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "supervises", pos),
                _(
                    "{unit} is {role} supervising {target}, but they share a "
                    "leader already at level {level}, {common}: supervision "
                    "at arm's length needs them apart up to level {limit}"
                ).format(
                    unit=ctx.unit_label(uid),
                    role=role,
                    target=ctx.unit_label(target),
                    level=graph.units[common].level,
                    common=ctx.unit_label(common),
                    limit=limit,
                ),
                unit=uid,
                hint=_(
                    "move the authority up, as a staff function of a leader at or above level {limit}"
                ).format(limit=limit),
                breach=target,
            )


@register
class AuthorityScope(Rule[Any]):
    """An authority or appeals unit names what it supervises or reviews.

    Authority is held apart from what it supervises (Drammen report p. 35,
    55, 59), and OM240/OM241 can only hold it apart from units it names. A
    unit with ``role: appeals`` names in ``supervises`` the units whose
    decisions it reviews (p. 55: Juridisk plan og byggesak handles the
    appeals "separate from byggesaksbehandling"); a unit with ``role:
    authority`` names the units it supervises, or the vedtak it makes in
    ``decides`` (authority exercised over inhabitants' applications). The
    finding sits at the ``role``.

    Anti-pattern::

        - {id: stab-juridisk, name: Juridisk plan og byggesak, ..., role: appeals}

    Best practice::

        - {id: stab-juridisk, name: Juridisk plan og byggesak, ..., role: appeals,
           supervises: [virk-byggesak]}
    """

    code = "OM242"
    name = "authority-scope"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for uid, unit in ctx.graph.units.items():
            if unit.role not in _SUPERVISING_ROLES or unit.supervises:
                continue
            if unit.role == "authority" and unit.decides:
                continue
            if unit.role == "appeals":
                message = _(
                    "{unit} is {role} but does not name the units whose decisions it reviews, so it "
                    "cannot be held apart from them"
                )
                hint = _("list them in 'supervises:', or give the unit another role")
            else:
                message = _(
                    "{unit} is {role} but does not name what it supervises, so it "
                    "cannot be held apart from it"
                )
                hint = _(
                    "list them in 'supervises:' (or the vedtak it makes in 'decides:'), "
                    "or give the unit another role"
                )
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "role"),
                message.format(unit=ctx.unit_label(uid), role=_(_ROLE_WORDS[unit.role])),
                unit=uid,
                hint=hint,
            )
