"""OM279 agreement-terms: an agreement is between parties; its units deliver what it lists (000, 002)."""

from __future__ import annotations

from collections.abc import Iterator, Set

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import MEMBER_KINDS
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, NoParams, Rule, register
from orgmodel.rules._principles import Names, item_loc, words
from orgmodel.rules._vocab import agreement_label as _label
from orgmodel.schema_sections import Agreement

SHARED_KINDS = ("vertskommune", "iks")
"""Kinds of agreement that are between municipalities by definition: at least two parties."""


@register
class AgreementTerms(Rule[NoParams]):
    """An agreement is between parties, and the units it names deliver what it lists.

    In a vertskommunesamarbeid one municipality runs a service for others
    by agreement (kommuneloven ch. 20): nye Drammen's Helsehus takes the
    KAD places "inkludert det som eventuelt måtte inngå i nye
    vertskommuneavtaler" (Drammen report p. 49), and Drammensregionen's VA
    services are split among "9 kommuner og 2 interkommunale selskaper"
    (the Drammensregionen VA study). An agreement under ``agreements:``
    is reported, each at the key to change:

    - its ``host`` is not one of its ``parties`` (at ``host``);
    - a ``vertskommune`` or ``iks`` agreement names fewer than two
      ``parties``: one municipality alone hosts nobody and owns no IKS
      (at ``parties``; a host left out of them counts, as the finding
      above already asks to add it);
    - in the host's own model (the model's ``kommunenummer`` is the
      agreement's ``host``), an agreed service that none of the agreement's
      ``units`` delivers, or, when it names no ``units``, that no unit of
      the model delivers: the host runs the service, so a unit of its own
      organisation delivers it (at the service under ``services``);
    - an agreement without a ``host`` (an IKS, a partnership) whose
      ``units`` state what they deliver (one of them, or a unit below,
      has ``delivers``), and list none of an agreed service: the model
      contradicts itself, and the service is delivered through the
      agreement by nobody (at the service; ``orgmodel trace`` says "no
      unit delivers it" and names the agreement);
    - a unit under the agreement's ``units`` that delivers services
      (itself, or units below it) but none of the agreed ones (at the unit
      under ``units``), unless an agreed service is undelivered: then that
      finding names it.

    A service the agreement lists counts as delivered through it for
    OM202 and OM223 (in a partner's model the host delivers it), so the
    gaps above are this rule's findings, once. A ``samarbeidsavtale``
    (a fagnettverk, a cooperation with the hospital) is no arrangement
    for delivering services: its members take part in what it lists
    without delivering it, so a member delivering none of it is no
    finding, and a listed service no unit of the model delivers is
    information at the service (who delivers it is unknown: the parties
    may deliver it together), never a warning.

    What the model does not state is not judged: an agreement without
    ``parties`` (the owners of an IKS are not named in the source), without
    ``host`` or without ``services``, a partner's model (the host delivers
    what it hosts), and units that state no ``delivers``. A unit outside
    the kommune that decides vedtak no agreement lists is OM211.

    Anti-pattern::

        kommunenummer: "3005"
        agreements:
          - {id: kad-avtale, kind: vertskommune, name: KAD-plasser, parties: ["3005"], host: "3025",
             units: [virk-helsehuset], services: [kad]}      # and virk-helsehuset delivers no KAD

    Best practice::

        kommunenummer: "3005"
        agreements:
          - {id: kad-avtale, kind: vertskommune, name: KAD-plasser, parties: ["3005", "3025", "3048"],
             host: "3005", units: [avd-kad], services: [kad]}
        units:
          - {id: avd-kad, ..., delivers: [kad]}
    """

    code = "OM279"
    name = "agreement-terms"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        names: Names | None = None
        for index, agreement in enumerate(ctx.model.agreements):
            yield from self._parties(ctx, index, agreement)
            if not agreement.services:
                continue
            names = names or Names(ctx)
            if agreement.kind in MEMBER_KINDS and agreement.host is None:  # its units take part in it
                yield from self._unknown_deliverer(ctx, index, agreement, names)
                continue
            undelivered = False
            for finding in self._undelivered(ctx, index, agreement, names):
                undelivered = True
                yield finding
            if not undelivered and agreement.kind not in MEMBER_KINDS:
                yield from self._idle_units(ctx, index, agreement, names)

    def _parties(self, ctx: Context, index: int, agreement: Agreement) -> Iterator[Diagnostic]:
        """The host among the parties; two parties at least to a vertskommune or IKS agreement."""
        if not agreement.parties:
            return  # not stated: the source does not name them
        parties = list(dict.fromkeys(agreement.parties))
        host_missing = agreement.host is not None and agreement.host not in parties
        if host_missing:
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "agreements", index, "host"),
                _("the host '{host}' of {agreement} is not one of its parties ({parties})").format(
                    host=agreement.host, agreement=_label(agreement), parties=", ".join(parties)
                ),
                unit=agreement.id,
                hint=_("add '{host}' to 'parties:', or correct 'host:'").format(host=agreement.host),
                breach="host",
            )
        # a host left out of the parties is one cause: adding it makes the second party
        if agreement.kind in SHARED_KINDS and len(parties) + host_missing < 2:
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "agreements", index, "parties"),
                _(
                    "{agreement} names one party ({party}): a vertskommune or IKS agreement is between "
                    "two or more municipalities"
                ).format(agreement=_label(agreement), party=parties[0]),
                unit=agreement.id,
                hint=_(
                    "name the other municipalities under 'parties:' (their kommunenummer in quotes); when "
                    "the source does not name them, leave 'parties:' out"
                ),
                breach="parties",
            )

    def _undelivered(
        self, ctx: Context, index: int, agreement: Agreement, names: Names
    ) -> Iterator[Diagnostic]:
        """Each agreed service none of the agreement's units (or, hosted here, no unit) delivers."""
        gaps = ctx.graph.undelivered_agreed
        seen: set[str] = set()
        for pos, service in enumerate(agreement.services):
            if service in seen or agreement.id not in gaps.get(service, ()):
                continue
            seen.add(service)
            hosted = agreement.host is not None and agreement.host == ctx.model.kommunenummer
            if hosted and agreement.units:
                message = _(
                    "this kommune ({host}) hosts {service} under {agreement}, but none of the agreement's "
                    "units delivers it: the host's own organisation delivers what it hosts"
                )
            elif hosted:
                message = _(
                    "this kommune ({host}) hosts {service} under {agreement}, but no unit in this design "
                    "delivers it: the host's own organisation delivers what it hosts"
                )
            else:
                message = _(
                    "{agreement} lists {service}, but none of the agreement's units delivers it, so it is "
                    "delivered through the agreement by nobody"
                )
            yield self.diagnostic(
                ctx,
                ("agreements", index, "services", pos),
                message.format(
                    host=agreement.host, service=names.service(service), agreement=_label(agreement)
                ),
                unit=agreement.id,
                hint=_undelivered_hint(ctx, agreement, service, hosted),
                breach=f"hosted:{service}" if hosted else f"undelivered:{service}",
            )

    def _unknown_deliverer(
        self, ctx: Context, index: int, agreement: Agreement, names: Names
    ) -> Iterator[Diagnostic]:
        """A cooperation agreement's service that no unit of the model delivers: who does is unknown."""
        seen: set[str] = set()
        for pos, service in enumerate(agreement.services):
            if service in seen or ctx.graph.deliverers.get(service) or service not in names.services:
                continue
            seen.add(service)
            yield self.diagnostic(
                ctx,
                ("agreements", index, "services", pos),
                _(
                    "who delivers {service} under {agreement} is unknown: no unit in this design delivers "
                    "it (the parties to a cooperation agreement may deliver it together)"
                ).format(service=names.service(service), agreement=_label(agreement)),
                unit=agreement.id,
                hint=_unknown_hint(ctx, agreement),
                severity=Severity.INFO,
                breach=f"unknown:{service}",
            )

    def _idle_units(
        self, ctx: Context, index: int, agreement: Agreement, names: Names
    ) -> Iterator[Diagnostic]:
        """Each agreement unit that delivers services, but none of the agreed ones."""
        seen: set[str] = set()
        for pos, uid in enumerate(agreement.units):
            if uid in seen or uid not in ctx.graph.units:
                continue
            seen.add(uid)
            delivered = _delivered_below(ctx, uid)
            if not delivered or any(service in delivered for service in agreement.services):
                continue
            yield self.diagnostic(
                ctx,
                ("agreements", index, "units", pos),
                _(
                    "{unit} belongs to {agreement} but delivers none of its services ({services}); it "
                    "delivers {delivered}"
                ).format(
                    unit=ctx.unit_label(uid),
                    agreement=_label(agreement),
                    services=words([names.service(s) for s in dict.fromkeys(agreement.services)]),
                    delivered=words([names.service(s) for s in delivered]),
                ),
                unit=agreement.id,
                hint=_(
                    "remove the unit from the agreement's 'units:', or add what it delivers to 'services:'"
                ),
                breach=f"unit:{uid}",
            )


def _undelivered_hint(ctx: Context, agreement: Agreement, service: str, hosted: bool) -> str:
    """Where to turn: a unit of the model that delivers it, else one of the agreement's units."""
    others = ctx.graph.deliverers.get(service, [])  # units of the model that deliver it elsewhere
    if agreement.units and others:
        return ngettext(
            "did you mean {units}, which delivers it? List it under the agreement's 'units:'",
            "did you mean one of {units}, which deliver it? List it under the agreement's 'units:'",
            len(others),
        ).format(units=words([ctx.unit_label(uid) for uid in others], limit=3))
    listed = [uid for uid in dict.fromkeys(agreement.units) if uid in ctx.graph.units]
    if hosted:
        idle = [uid for uid in listed if not _delivers_any(ctx, uid, agreement.services)]
        if idle:
            return ngettext(
                "add it to 'delivers:' of {units}, which delivers none of the agreed services",
                "add it to 'delivers:' of one of {units}, which deliver none of the agreed services",
                len(idle),
            ).format(units=words([ctx.unit_label(uid) for uid in idle]))
        return _("add it to 'delivers:' of the unit that provides it, and list that unit under 'units:'")
    # a unit that states no 'delivers:' may be the one; else one of those that state theirs
    candidates = [uid for uid in listed if not _delivered_below(ctx, uid)] or listed
    return ngettext(
        "add it to 'delivers:' of {units} if it provides it, or remove it from the agreement's 'services:'",
        "add it to 'delivers:' of the one of {units} that provides it, or remove it from the agreement's "
        "'services:'",
        len(candidates),
    ).format(units=words([ctx.unit_label(uid) for uid in candidates], limit=3))


def _unknown_hint(ctx: Context, agreement: Agreement) -> str:
    """Where to name who delivers a cooperation's service: a member that states nothing, if any."""
    listed = [uid for uid in dict.fromkeys(agreement.units) if uid in ctx.graph.units]
    silent = [uid for uid in listed if not _delivered_below(ctx, uid)]  # members that state nothing
    if silent:
        return ngettext(
            "add it to 'delivers:' of {units} if it provides it; while the source does not say who "
            "delivers it, leave it",
            "add it to 'delivers:' of the one of {units} that provides it; while the source does not say "
            "who delivers it, leave it",
            len(silent),
        ).format(units=words([ctx.unit_label(uid) for uid in silent], limit=3))
    return _(
        "add it to 'delivers:' of the unit that provides it and list that unit under 'units:'; while the "
        "source does not say who delivers it, leave it"
    )


def _with_units_below(ctx: Context, roots: list[str]) -> Set[str]:
    """``roots`` and every unit below them (an IKS's avdelinger deliver for it)."""
    out: set[str] = set()
    pending = [uid for uid in roots if uid in ctx.graph.units]
    while pending:
        uid = pending.pop()
        if uid not in out:
            out.add(uid)
            pending.extend(ctx.graph.children[uid])
    return out


def _delivered_below(ctx: Context, uid: str) -> list[str]:
    """The services ``uid`` and the units below it deliver, in file order."""
    units, index = ctx.graph.units, ctx.graph.index
    below = sorted(_with_units_below(ctx, [uid]), key=index.__getitem__)
    return list(dict.fromkeys(s for u in below for s in units[u].delivers))


def _delivers_any(ctx: Context, uid: str, services: list[str]) -> bool:
    """Whether ``uid`` or a unit below it delivers one of ``services``."""
    return any(service in services for service in _delivered_below(ctx, uid))
