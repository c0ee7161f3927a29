"""OM201 kommunedel-hub."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, item_loc, words


class KommunedelHubParams(BaseModel):
    """Options of kommunedel-hub."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hub_kind: str = Field(default="knutepunkt", description="the site kind that marks a lokalt knutepunkt")
    every_kommunedel: bool = Field(
        default=False,
        description="true: every kommunedel shall have a lokalt knutepunkt, a municipality's own decision "
        "(Drammen report p. 9-18); false: only the hubs the model names are judged (Asker's lokalsentre "
        "and Nordre Follo's workbook name no such principle)",
    )
    exactly_one: bool = Field(
        default=False,
        description="true: exactly one hub per kommunedel; false: at least one (Drammen p. 16: a hub may "
        "be a cluster of buildings)",
    )


@register
class KommunedelHub(Rule[KommunedelHubParams]):
    """Every kommunedel has a lokalt knutepunkt (a site of kind knutepunkt), where a ruleset adopts it.

    "All kommunedeler shall have a local knutepunkt": a meeting place with
    co-located municipal services close to where people live (Drammen report
    p. 9-18). That is a municipality's own decision (Asker organises by
    lokalsentre "where appropriate", Nordre Follo's workbook asks for no
    hubs), so a kommunedel without a hub is reported only under a ruleset
    that sets ``every_kommunedel: true`` (drammen-2020 does). A hub is a
    site with ``kind: knutepunkt`` and the ``kommunedel`` it lies in. A hub
    site that names no kommunedel is always reported, because it cannot
    count for any; with ``exactly_one: true`` a second hub in the same
    kommunedel is reported too. A model without ``kommunedeler`` is not
    judged.

    Anti-pattern::

        kommunedeler:
          - {id: kd1, number: 1, name: Mjøndalen/Åsen}
          - {id: kd2, number: 2, name: Krokstadelva/Stenseth}   # no hub here
        sites:
          - {id: kp-mjondalen, name: Rådhuset Mjøndalen, kind: knutepunkt, kommunedel: kd1}

    Best practice::

        sites:
          - {id: kp-mjondalen, name: Rådhuset Mjøndalen, kind: knutepunkt, kommunedel: kd1}
          - {id: kp-krokstadelva, name: Folkets Hus Krokstadelva, kind: knutepunkt, kommunedel: kd2}
    """

    code = "OM201"
    name = "kommunedel-hub"
    Params = KommunedelHubParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if not ctx.model.kommunedeler:
            return
        names = Names(ctx)
        kind = self.params.hub_kind
        hubs: dict[str, list[int]] = {}
        for index, site in enumerate(ctx.model.sites):
            if site.kind != kind:
                continue
            if site.kommunedel is None:
                yield self.diagnostic(
                    ctx,
                    item_loc(ctx, "sites", index, "kind"),
                    _(
                        "the lokalt knutepunkt {hub} names no kommunedel, so it counts as the hub of none"
                    ).format(hub=names.site(site.id)),
                    hint=_("add 'kommunedel:' with the id of the kommunedel it lies in"),
                )
                continue
            hubs.setdefault(site.kommunedel, []).append(index)
        seen: set[str] = set()
        for index, kd in enumerate(ctx.model.kommunedeler):
            if kd.id in seen:
                continue
            seen.add(kd.id)
            found = hubs.get(kd.id, [])
            if not found and self.params.every_kommunedel:
                yield self.diagnostic(
                    ctx,
                    item_loc(ctx, "kommunedeler", index, "id"),
                    _(
                        "{kommunedel} has no lokalt knutepunkt: no site of kind '{kind}' lies in it "
                        "(every kommunedel shall have a local hub)"
                    ).format(kommunedel=names.kd(kd.id), kind=kind),
                    unit=kd.id,
                    hint=_("add a site with 'kind: {kind}' and 'kommunedel: {id}'").format(
                        kind=kind, id=kd.id
                    ),
                )
            elif self.params.exactly_one and len(found) > 1:
                sites = [names.site(ctx.model.sites[i].id) for i in found]
                message = ngettext(
                    "{kommunedel} has {count} lokalt knutepunkt ({sites}); the adopted principle is one "
                    "hub per kommunedel",
                    "{kommunedel} has {count} lokale knutepunkter ({sites}); the adopted principle is one "
                    "hub per kommunedel",
                    len(found),
                ).format(kommunedel=names.kd(kd.id), count=len(found), sites=words(sites))
                for extra in found[1:]:
                    yield self.diagnostic(
                        ctx,
                        item_loc(ctx, "sites", extra, "kommunedel"),
                        message,
                        unit=ctx.model.sites[extra].id,
                        hint=_("make one of them the hub and give the others another kind"),
                    )
