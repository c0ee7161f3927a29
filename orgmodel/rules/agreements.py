"""OM279 agreement-terms: a vertskommune or IKS agreement is between parties; its host delivers (000, 002)."""

from __future__ import annotations

from collections.abc import Iterator, Set

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import N_, _, ngettext
from orgmodel.rule import Context, NoParams, Rule, register
from orgmodel.rules._principles import Names, item_loc, words
from orgmodel.schema_sections import Agreement

SHARED_KINDS = ("vertskommune", "iks")
"""Kinds of agreement that are between municipalities by definition: at least two parties."""

_KIND_WORDS = {
    "iks": N_("the IKS agreement"),
    "vertskommune": N_("the vertskommune agreement"),
    "partnerskap": N_("the partnership"),
    "samarbeidsavtale": N_("the cooperation agreement"),
}


def _label(agreement: Agreement) -> str:
    """How an agreement is named in messages: its kind, name and id."""
    kind = _(_KIND_WORDS.get(agreement.kind or "", N_("the agreement")))
    return _("{kind} '{name}' ({id})").format(kind=kind, name=agreement.name, id=agreement.id)


@register
class AgreementTerms(Rule[NoParams]):
    """A vertskommune or IKS agreement is between parties, and its host delivers what it hosts.

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
      organisation delivers it (at the service under ``services``). In a
      partner's model the host delivers it, and the service counts as
      delivered (OM202, OM223), as it does for those rules in the host's
      model too: this rule reports the gap there, once;
    - a unit under the agreement's ``units`` that delivers services
      (itself, or units below it) but none of the agreed ones (at the unit
      under ``units``), unless an agreed service is undelivered: then that
      finding names it.

    What the model does not state is not judged: an agreement without
    ``parties`` (the owners of an IKS are not named in the source), without
    ``host`` or without ``services``, and a unit that states no
    ``delivers``.

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
            undelivered = False
            if agreement.host is not None and agreement.host == ctx.model.kommunenummer:
                for finding in self._hosted(ctx, index, agreement, names):
                    undelivered = True
                    yield finding
            if not undelivered:
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

    def _hosted(self, ctx: Context, index: int, agreement: Agreement, names: Names) -> Iterator[Diagnostic]:
        """In the host's model: each agreed service none of the agreement's units (or no unit) delivers."""
        units = _with_units_below(ctx, agreement.units)
        idle = [uid for uid in dict.fromkeys(agreement.units) if uid in ctx.graph.units]
        idle = [uid for uid in idle if not _delivers_any(ctx, uid, agreement.services)]
        seen: set[str] = set()
        for pos, service in enumerate(agreement.services):
            if service in seen:
                continue
            seen.add(service)
            deliverers = ctx.graph.deliverers.get(service, [])
            if agreement.units:
                deliverers = [uid for uid in deliverers if uid in units]
            if deliverers:
                continue
            if agreement.units:
                message = _(
                    "this kommune ({host}) hosts {service} under {agreement}, but none of the agreement's "
                    "units delivers it: the host's own organisation delivers what it hosts"
                )
            else:
                message = _(
                    "this kommune ({host}) hosts {service} under {agreement}, but no unit in this design "
                    "delivers it: the host's own organisation delivers what it hosts"
                )
            others = ctx.graph.deliverers.get(service, [])  # units of the model that deliver it elsewhere
            if agreement.units and others:
                hint = ngettext(
                    "did you mean {units}, which delivers it? List it under the agreement's 'units:'",
                    "did you mean one of {units}, which deliver it? List it under the agreement's 'units:'",
                    len(others),
                ).format(units=words([ctx.unit_label(uid) for uid in others], limit=3))
            elif idle:
                hint = ngettext(
                    "add it to 'delivers:' of {units}, which delivers none of the agreed services",
                    "add it to 'delivers:' of one of {units}, which deliver none of the agreed services",
                    len(idle),
                ).format(units=words([ctx.unit_label(uid) for uid in idle]))
            else:
                hint = _(
                    "add it to 'delivers:' of the unit that provides it, and list that unit under 'units:'"
                )
            yield self.diagnostic(
                ctx,
                ("agreements", index, "services", pos),
                message.format(
                    host=agreement.host, service=names.service(service), agreement=_label(agreement)
                ),
                unit=agreement.id,
                hint=hint,
                breach=f"hosted:{service}",
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
