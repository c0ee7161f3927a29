"""Helpers shared by the OM2xx principle rules: data paths, names in messages, selectors.

Not a rule module: it registers nothing. Everything here is O(n) in the
model and is built once per rule run.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from orgmodel.i18n import _, language, ngettext
from orgmodel.rule import Context
from orgmodel.schema import Kommunedel, Persona, Service
from orgmodel.validate import suggest

Loc = tuple[Any, ...]


def item_loc(ctx: Context, collection: str, index: int, *fields: Any) -> tuple[Any, ...]:
    """The data path of an item's field; the item's ``id`` when the file does not write that field."""
    if fields:
        items = ctx.doc.data.get(collection) if isinstance(ctx.doc.data, dict) else None
        raw = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
        if isinstance(raw, dict) and fields[0] in raw:
            return (collection, index, *fields)
    return (collection, index, "id")


def first_index(items: Iterable[Any]) -> dict[str, int]:
    """Id -> index of its first occurrence (the schema reports duplicates before rules run)."""
    out: dict[str, int] = {}
    for index, item in enumerate(items):
        out.setdefault(item.id, index)
    return out


def words(items: Sequence[str], limit: int = 6) -> str:
    """'a', 'a and b', 'a, b and c', with '... and N more' beyond ``limit`` (in the current language)."""
    items = list(items)
    if len(items) > limit:
        rest = len(items) - limit + 1
        items = [*items[: limit - 1], ngettext("{count} more", "{count} more", rest).format(count=rest)]
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def services_in(categories: Iterable[str]) -> str:
    """The services of some categories in running text: "services in category 'helse-og-omsorg'".

    A category is a label the model gives its services (``category:``), not a name, so it is
    quoted as written, the same way in every message (OM210, OM212, OM220).
    """
    quoted = [f"'{c}'" for c in sorted(set(categories))]
    return ngettext("services in category {names}", "services in categories {names}", len(quoted)).format(
        names=words(quoted)
    )


def percent(share: float) -> str:
    """A share (0-1) as a whole percentage: 33% in English, 33 % in bokmål."""
    text = f"{share:.0%}"
    return text.replace("%", " %") if language() == "nb" else text


class Names:
    """How kommunedeler, services and sites are named in messages, built once per check."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.kommunedeler: dict[str, Kommunedel] = {}
        for kd in ctx.model.kommunedeler:
            self.kommunedeler.setdefault(kd.id, kd)
        self.services: dict[str, Service] = {}
        for service in ctx.model.services:
            self.services.setdefault(service.id, service)
        self.site_names = {site.id: site.name for site in reversed(ctx.model.sites)}

    def kd(self, kd_id: str) -> str:
        """A kommunedel as ``kommunedel 3 Åssiden/Solbergelva (kd3)``."""
        kd = self.kommunedeler.get(kd_id)
        if kd is None:
            return _("kommunedel '{id}'").format(id=kd_id)
        if kd.number is None:
            return _("kommunedel {name} ({id})").format(name=kd.name, id=kd_id)
        return _("kommunedel {number} {name} ({id})").format(number=kd.number, name=kd.name, id=kd_id)

    def kd_order(self, ids: Iterable[str]) -> list[str]:
        """Kommunedel ids in the file's order."""
        order = {kd_id: i for i, kd_id in enumerate(self.kommunedeler)}
        return sorted(set(ids), key=lambda k: (order.get(k, len(order)), k))

    def service(self, service_id: str) -> str:
        """A service as ``'Hjemmetjenester' (hjemmetjenester)``."""
        service = self.services.get(service_id)
        return f"'{service.name}' ({service_id})" if service else f"'{service_id}'"

    def site(self, site_id: str) -> str:
        """A site as ``'Rådhuset Svelvik' (kp-svelvik)``."""
        name = self.site_names.get(site_id)
        return f"'{name}' ({site_id})" if name else f"'{site_id}'"


def select_units(ctx: Context, selectors: Sequence[str]) -> list[str]:
    """Units matched by any selector, in file order.

    A selector is ``kind:<kind>``, a unit id, or a glob on ids (``virk-oms-*``).
    """
    kinds = {s[5:].strip() for s in selectors if s.startswith("kind:")}
    globs = [s for s in selectors if not s.startswith("kind:")]
    exact = {s for s in globs if not any(c in s for c in "*?[")}
    patterns = [fnmatch.translate(s) for s in globs if s not in exact]
    units = ctx.graph.units
    if not kinds and not patterns:
        return sorted((uid for uid in exact if uid in units), key=ctx.graph.index.__getitem__)
    match = re.compile("|".join(patterns)).match if patterns else None
    return [
        uid
        for uid, unit in units.items()
        if uid in exact or unit.kind in kinds or (match is not None and match(uid))
    ]


def unknown_categories(
    ctx: Context, option: str, categories: Iterable[str]
) -> Iterator[tuple[Loc, str, str, str]]:
    """(where, category, message, hint) for each configured category that is a slip for one of the model's.

    A category no service has is only reported when the model has a close
    one (``helse-omsorg`` for ``helse-og-omsorg``): a model without any
    health and care services simply has nothing for the rule to check, and
    the default ruleset must not call that an error. The finding sits at
    the category in the ruleset file that names it (``ctx.setting``), or at
    the model's ``services:`` key when no ruleset file sets the categories.
    """
    known = sorted({s.category for s in ctx.model.services if s.category is not None})
    data = ctx.doc.data if isinstance(ctx.doc.data, dict) else {}
    loc: Loc = ("services",) if "services" in data else ("kommune",) if "kommune" in data else ()
    for category in dict.fromkeys(categories):
        if category in known:
            continue
        guess = suggest(category, known)
        if guess is None:
            continue
        message = _(
            "the ruleset's {option} names the category '{category}', which no service in this model "
            "has (the model's categories: {known}), so those vedtak are not checked"
        )
        hint = _("did you mean '{guess}'? correct it in the ruleset, or the 'category:' of the services")
        yield (
            ctx.setting("categories", item=category, fallback=loc),
            category,
            message.format(option=option, category=category, known=words(known, limit=8)),
            hint.format(guess=guess),
        )


def affected_personas(ctx: Context, uid: str, service: str | Collection[str]) -> str:
    """Names the personas needing ``service`` (or any of several) whose vedtak ``uid`` decides.

    A unit decides for its ``deciding_places`` only (its own ``kommunedeler``, else its leader's
    unit's); a persona without a kommunedel, or a unit deciding everywhere, always counts.
    """
    limited = ctx.graph.deciding_places[uid]
    return personas_needing(ctx, service, lambda kd: not limited or kd is None or kd in limited)


def personas_needing(
    ctx: Context, service: str | Collection[str], lives: Callable[[str | None], bool]
) -> str:
    """'; fictional users affected: ...': the personas needing ``service`` where ``lives`` accepts.

    ``service`` may be several services (a persona needing any of them counts). ``lives`` is given
    a persona's kommunedel (None when it names none); "" when no persona is named.
    """
    wanted = {service} if isinstance(service, str) else set(service)
    return named_personas(
        p for p in ctx.model.personas if not wanted.isdisjoint(p.needs) and lives(p.kommunedel)
    )


def named_personas(personas: Iterable[Persona]) -> str:
    """'; fictional users affected: 'Kari, 84' (kari), ...', or "" for none."""
    who = [f"'{p.name}' ({p.id})" for p in personas]
    return _("; fictional users affected: {personas}").format(personas=words(who)) if who else ""


def decision_counts(ctx: Context, categories: set[str]) -> dict[str, int]:
    """How many vedtak services in ``categories`` each unit decides."""
    counts: dict[str, int] = {}
    for service in ctx.model.services:
        if service.vedtak and service.category in categories:
            for uid in ctx.graph.deciders.get(service.id, []):
                counts[uid] = counts.get(uid, 0) + 1
    return counts


def main_decider(ctx: Context, deciders: Sequence[str], counts: dict[str, int]) -> str:
    """Of the units deciding one service, the one deciding most services (the first in the file on a tie).

    OM210 reports the others' ``decides`` entries; OM212 and OM220 leave those to it.
    """
    index = ctx.graph.index
    return max(deciders, key=lambda u: (counts.get(u, 0), -index[u]))


def doubled_deciders(
    ctx: Context, deciders: Sequence[str], main: str, service: str | None = None
) -> dict[str, list[str]]:
    """The units beside ``main`` whose decision on one service a user would meet beside another's.

    Each maps to the units it clashes with (``main`` first, then the others kept, in file order). A
    unit decides for its districts only (``OrgGraph.deciding_places``, ``deciding_for``): Oslo's
    bydeler each grant hjemmetjenester for their own district through a bestillerkontor, and a user
    meets one of them. Where every unit deciding ``service`` also delivers it, each decides for those
    it serves (as trace says), so one without districts decides where it delivers the service
    (``deciding_scope``). Two deciders clash when their scopes overlap (one without a scope decides
    everywhere); in each clash ``main`` is kept, else the first in the file.
    """
    cover = {u: deciding_scope(ctx, u, service, deciders) for u in deciders}

    def clash(one: str, other: str) -> bool:
        return not cover[one] or not cover[other] or bool(cover[one] & cover[other])

    kept = [main]
    out: dict[str, list[str]] = {}
    for uid in deciders:
        if uid == main:
            continue
        others = [k for k in kept if clash(uid, k)]
        if others:
            out[uid] = others
        else:
            kept.append(uid)
    return out


def deciding_scope(ctx: Context, uid: str, service: str | None, deciders: Sequence[str]) -> frozenset[str]:
    """The kommunedeler ``uid`` decides ``service`` for among ``deciders`` (empty: the whole kommune).

    Its ``deciding_places``; else, where every one of ``deciders`` delivers ``service`` too, the
    kommunedeler it delivers it in (each decides for those it serves: trace's reading, journeys).
    """
    graph = ctx.graph
    places = graph.deciding_places[uid]
    if places or service is None or not all(service in graph.units[u].delivers for u in deciders):
        return places
    return graph.delivered_in(uid, service)


def placed_by_sites(ctx: Context, uid: str, others: list[str], service: str, deciders: list[str]) -> bool:
    """Whether ``uid`` looks like a district office placed by its sites alone, apart from ``others``.

    It decides for the whole kommune (no ``kommunedeler``, its own or its leader's), works at sites
    in some kommunedeler, and each unit it clashes with decides for, or works in, others only.
    A site does not narrow whom a unit decides for (a tildelingsenhet in Mjøndalen grants for
    the whole kommune), so this is a design to state, not one to guess: single-decider (OM210)
    reports it once per unit, and its finding covers the units it clashes with too.
    """
    graph = ctx.graph
    mine = graph.own_places[uid]
    if deciding_scope(ctx, uid, service, deciders) or not mine:
        return False
    for other in others:
        theirs = deciding_scope(ctx, other, service, deciders) or graph.own_places[other]
        if not theirs or theirs & mine:
            return False
    return True


def single_decider_reports(ctx: Context) -> dict[str, set[str]]:
    """Service -> the units whose ``decides`` entry for it single-decider (OM210) reports in this run.

    Empty when OM210 does not run (``--select``, ``single-decider: off``): allocation-unit (OM212) and
    persona-saksbehandler (OM220) leave a doubled decision to OM210 only while it reports it, so one
    cause gives one finding and switching OM210 off hides none.
    """
    rule = ctx.rules.get("OM210")
    categories = frozenset(getattr(rule.params, "categories", None) or () if rule is not None else ())
    return ctx.graph.memoised(("single-decider", categories), lambda: _doubled(ctx, categories))


def _doubled(ctx: Context, categories: frozenset[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if not categories:
        return out
    counts = decision_counts(ctx, set(categories))
    for service in ctx.model.services:
        found = ctx.graph.deciders.get(service.id, [])
        if len(found) > 1 and service.vedtak and service.category in categories:
            doubled = doubled_deciders(ctx, found, main_decider(ctx, found, counts), service.id)
            reported = out[service.id] = set(doubled)
            for uid, others in doubled.items():
                if placed_by_sites(ctx, uid, others, service.id, found):
                    reported.update(others)  # one finding for units placed by their sites alone
    return out
