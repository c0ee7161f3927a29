"""OM240 authority-inside-supervised and OM242 authority-scope: authority apart from provision.

OM241 authority-distance lives in authority_distance.py and reads the helpers here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import N_, _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import words

_SUPERVISING_ROLES = ("authority", "appeals")
_ROLE_WORDS = {"authority": N_("an authority (myndighet)"), "appeals": N_("an appeals body (klageinstans)")}


def supervision(ctx: Context) -> Iterator[tuple[str, int, str]]:
    """(authority or appeals unit, position in its 'supervises', supervised unit) for existing units."""
    units = ctx.graph.units
    for uid, unit in units.items():
        if unit.role not in _SUPERVISING_ROLES:
            continue
        for pos, target in enumerate(unit.supervises):
            if target in units and target != uid:
                yield uid, pos, target


def role_words(ctx: Context, uid: str) -> str:
    """How a supervising unit's role is said in a message: 'an authority (myndighet)', ..."""
    return _(_ROLE_WORDS[ctx.graph.units[uid].role or "authority"])


def supervised_above(ctx: Context, uid: str) -> set[str]:
    """The units an authority or appeals unit supervises that its own personnel line runs through."""
    unit = ctx.graph.units[uid]
    if unit.role not in _SUPERVISING_ROLES:
        return set()
    return set(unit.supervises).intersection(ctx.graph.ancestors(uid))


def _inside_hint(ctx: Context, target: str) -> str:
    """OM240's hint; for the top unit (internkontroll 'over everything'), to name the areas instead."""
    graph = ctx.graph
    if target == graph.top or graph.units[target].parent is None:
        return _(
            "the top unit cannot be supervised from inside it: list in 'supervises:' the areas it "
            "supervises (units under {top}) instead"
        ).format(top=target)
    return _("place it as a staff function of a leader above the units it supervises")


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
        for uid, pos, target in supervision(ctx):
            chain = ancestors.setdefault(uid, graph.ancestors(uid))
            role = role_words(ctx, uid)
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
                    hint=_inside_hint(ctx, target),
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
        role = role_words(ctx, uid)
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
                "leader, as Drammen did) or elsewhere in the organisation; a kommune that has decided to "
                "keep it so says it by a suppression with its reason"
            ),
            breach="leads",
        )


@register
class AuthorityScope(Rule[Any]):
    """An authority or appeals unit names what it supervises, each unit once; no other unit does.

    Authority is held apart from what it supervises (Drammen report p. 35,
    55, 59), and OM240/OM241 can only hold it apart from units it names. A
    unit with ``role: appeals`` names in ``supervises`` the units whose
    decisions it reviews (p. 55: Juridisk plan og byggesak handles the
    appeals "separate from byggesaksbehandling"); a unit with ``role:
    authority`` names the units it supervises, or the vedtak it makes in
    ``decides`` (authority exercised over inhabitants' applications). The
    finding sits at the ``role``.

    The other way round, ``supervises`` on a unit of another role
    (``provider``, ``staff``, ``support``) or of none is judged by nobody:
    reported once, at its ``role`` (else at ``supervises``), since either the
    role or the list is wrong. A unit naming itself in ``supervises``, or
    a unit twice, is reported at that entry, as OM130 does for
    ``functional``.

    Anti-pattern::

        - {id: stab-juridisk, name: Juridisk plan og byggesak, ..., role: appeals}
        - {id: stab-tilsyn, name: Tilsyn, ..., role: provider, supervises: [virk-eiendom]}

    Best practice::

        - {id: stab-juridisk, name: Juridisk plan og byggesak, ..., role: appeals,
           supervises: [virk-byggesak]}
        - {id: stab-tilsyn, name: Tilsyn, ..., role: authority, supervises: [virk-eiendom]}
    """

    code = "OM242"
    name = "authority-scope"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for uid, unit in ctx.graph.units.items():
            if unit.supervises:
                yield from self._entries(ctx, uid)
                if unit.role not in _SUPERVISING_ROLES:
                    yield self._not_supervising(ctx, uid)
                continue
            if unit.role not in _SUPERVISING_ROLES or (unit.role == "authority" and unit.decides):
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
                message.format(unit=ctx.unit_label(uid), role=role_words(ctx, uid)),
                unit=uid,
                hint=hint,
            )

    def _entries(self, ctx: Context, uid: str) -> Iterator[Diagnostic]:
        """An entry of ``supervises`` naming the unit itself, or a unit named before."""
        seen: set[str] = set()
        for pos, target in enumerate(ctx.graph.units[uid].supervises):
            if target == uid:
                message = _("{unit} names itself in 'supervises:': a unit cannot be held apart from itself")
                hint = _("remove it from 'supervises:'")
            elif target in seen:
                message = _("{unit} names '{target}' twice in 'supervises:'")
                hint = _("remove the second one")
            else:
                seen.add(target)
                continue
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid, "supervises", pos),
                message.format(unit=ctx.unit_label(uid), target=target),
                unit=uid,
                hint=hint,
                breach=f"entry:{target}",
            )

    def _not_supervising(self, ctx: Context, uid: str) -> Diagnostic:
        """``supervises`` on a unit that is neither an authority nor an appeals body: judged by nobody."""
        role = ctx.graph.units[uid].role
        if role is None:
            message = _(
                "{unit} lists units in 'supervises:' but has no role: only an authority or an appeals "
                "body is held apart from what it supervises, so nobody checks this list"
            )
        else:
            message = _(
                "{unit} lists units in 'supervises:' but its role is '{role}': only an authority or an "
                "appeals body is held apart from what it supervises, so nobody checks this list"
            )
        return self.diagnostic(
            ctx,
            ctx.unit_loc(uid, "role") if role is not None else ctx.unit_loc(uid, "supervises"),
            message.format(unit=ctx.unit_label(uid), role=role),
            unit=uid,
            hint=_(
                "give it 'role: authority' (or 'role: appeals' for a body that handles appeals) if it "
                "supervises them; otherwise remove 'supervises:'"
            ),
            breach="role",
        )
