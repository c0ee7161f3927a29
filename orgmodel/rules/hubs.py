"""OM204 hub-pilot and OM205 hub-co-location: hubs are co-located, not co-organised."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._principles import Names, item_loc, plural, words


class HubPilotParams(BaseModel):
    """Options of hub-pilot."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    unit_kind: str = Field(default="knutepunkt", description="the unit kind of a hub with its own leader")
    max_pilots: int = Field(default=1, ge=0, description="how many hubs may be organised as pilot units")


@register
class HubPilot(Rule[HubPilotParams]):
    """A hub organised as its own unit is an adopted pilot, and pilots are few.

    Staff working at a lokalt knutepunkt are led from their own professional
    unit: the hubs are co-located (samlokalisert), not co-organised
    (samorganisert). Drammen makes one exception, a pilot knutepunkt
    organised as a virksomhet with its own personnel leader (report p. 15-17,
    38, 42). A unit of kind ``knutepunkt`` must therefore say
    ``pilot: true``, and no more pilots than ``max_pilots`` may exist; the
    pilots beyond the cap are reported.

    Anti-pattern::

        - {id: virk-knutepunkt-konnerud, name: Knutepunkt Konnerud, kind: knutepunkt, level: 3, ...}

    Best practice::

        - {id: virk-pilot-knutepunkt, name: Pilot lokalt knutepunkt, kind: knutepunkt, level: 3,
           pilot: true, ...}
    """

    code = "OM204"
    name = "hub-pilot"
    Params = HubPilotParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        kind, cap = self.params.unit_kind, self.params.max_pilots
        pilots = 0
        for uid, unit in ctx.graph.units.items():
            if unit.kind != kind:
                continue
            if not unit.pilot:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "kind"),
                    f"{ctx.unit_label(uid)} organises a hub as a unit with its own personnel leader; hubs "
                    "co-locate services that stay led from their own professional units (samlokalisering, "
                    "not samorganisering), and only an adopted pilot is organised otherwise",
                    unit=uid,
                    hint="mark it 'pilot: true' if it is the adopted pilot; otherwise let the services' own "
                    "units work at a site of kind knutepunkt",
                )
                continue
            pilots += 1
            if pilots > cap:
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "pilot"),
                    f"{ctx.unit_label(uid)} is pilot hub number {pilots}, but the ruleset allows "
                    f"{plural(cap, 'pilot hub')} organised as its own unit",
                    unit=uid,
                    hint="end a pilot or change 'max_pilots' in the ruleset when more are adopted",
                )


class HubCoLocationParams(BaseModel):
    """Options of hub-co-location."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hub_kind: str = Field(default="knutepunkt", description="the site kind that marks a lokalt knutepunkt")
    min_units: int = Field(
        default=1, ge=1, description="the fewest distinct units (from different lines) working at a hub"
    )


@register
class HubCoLocation(Rule[HubCoLocationParams]):
    """A lokalt knutepunkt hosts several units from different lines.

    A hub is where services led from different professional units sit
    together (Drammen report p. 15-17; the tests for co-locating on p. 20:
    user experience, wholeness, shared facilities). A unit works at a hub
    when the site is in its ``sites``. A unit and the units under it that
    work at the same hub count once: an avdeling at the hub of its own
    virksomhet adds no other line. The built-in default only asks for one
    unit (an empty hub is just a building); rulesets raise ``min_units``.

    Anti-pattern (min_units 2)::

        sites:
          - {id: kp-konnerud, name: Konnerudsenteret, kind: knutepunkt, kommunedel: kd5}
        units:
          - {id: virk-bibliotek, ..., sites: [kp-konnerud]}
          - {id: avd-filial-konnerud, ..., parent: virk-bibliotek, sites: [kp-konnerud]}

    Best practice::

        units:
          - {id: virk-bibliotek, ..., sites: [kp-konnerud]}
          - {id: virk-apent-hus, ..., sites: [kp-konnerud]}
    """

    code = "OM205"
    name = "hub-co-location"
    severity = Severity.WARNING
    Params = HubCoLocationParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        graph = ctx.graph
        names: Names | None = None
        need = self.params.min_units
        for index, site in enumerate(ctx.model.sites):
            if site.kind != self.params.hub_kind:
                continue
            here = graph.site_units.get(site.id, [])
            present = set(here)
            lines = [uid for uid in here if not any(a in present for a in graph.ancestors(uid))]
            if len(lines) >= need:
                continue
            names = names or Names(ctx)
            hosted = f"only {words([ctx.unit_label(uid) for uid in lines])}" if lines else "no unit"
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "sites", index, "id"),
                f"the lokalt knutepunkt {names.site(site.id)} hosts {hosted}; a hub co-locates services "
                f"from at least {plural(need, 'unit')} of different lines",
                unit=site.id,
                hint="list the hub in 'sites:' of the units whose staff work there",
            )
