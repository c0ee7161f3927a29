"""OM201 kommunedel-hub."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, item_loc, plural, words


class KommunedelHubParams(BaseModel):
    """Options of kommunedel-hub."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hub_kind: str = Field(default="knutepunkt", description="the site kind that marks a lokalt knutepunkt")
    exactly_one: bool = Field(
        default=False,
        description="true: exactly one hub per kommunedel; false: at least one (Drammen p. 16: a hub may "
        "be a cluster of buildings)",
    )


@register
class KommunedelHub(Rule[KommunedelHubParams]):
    """Every kommunedel has a lokalt knutepunkt (a site of kind knutepunkt).

    "All kommunedeler shall have a local knutepunkt": a meeting place with
    co-located municipal services close to where people live (Drammen report
    p. 9-18; Asker organises by ten lokalsentre the same way). A hub is a
    site with ``kind: knutepunkt`` and the ``kommunedel`` it lies in. With
    ``exactly_one: true`` a second hub in the same kommunedel is reported
    too. A hub site that names no kommunedel is reported, because it cannot
    count for any. A model without ``kommunedeler`` is not judged.

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
                    f"the lokalt knutepunkt {names.site(site.id)} names no kommunedel, so it counts as "
                    "the hub of none",
                    hint="add 'kommunedel:' with the id of the kommunedel it lies in",
                )
                continue
            hubs.setdefault(site.kommunedel, []).append(index)
        seen: set[str] = set()
        for index, kd in enumerate(ctx.model.kommunedeler):
            if kd.id in seen:
                continue
            seen.add(kd.id)
            found = hubs.get(kd.id, [])
            if not found:
                yield self.diagnostic(
                    ctx,
                    item_loc(ctx, "kommunedeler", index, "id"),
                    f"{names.kd(kd.id)} has no lokalt knutepunkt: no site of kind '{kind}' lies in it "
                    "(every kommunedel shall have a local hub)",
                    unit=kd.id,
                    hint=f"add a site with 'kind: {kind}' and 'kommunedel: {kd.id}'",
                )
            elif self.params.exactly_one and len(found) > 1:
                sites = [names.site(ctx.model.sites[i].id) for i in found]
                count = plural(len(found), "lokalt knutepunkt", "lokale knutepunkter")
                for extra in found[1:]:
                    yield self.diagnostic(
                        ctx,
                        item_loc(ctx, "sites", extra, "kommunedel"),
                        f"{names.kd(kd.id)} has {count} ({words(sites)}); the adopted principle is one "
                        "hub per kommunedel",
                        unit=ctx.model.sites[extra].id,
                        hint="make one of them the hub and give the others another kind",
                    )
