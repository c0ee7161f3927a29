"""Enhet: one unit of the model format, version 1, as a pydantic v2 model (see ``orgmodel.schema``).

The keys from ``committee`` on come from issue 15 (seeds 000, 001 and 003);
each description names its seed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt

from orgmodel.i18n import N_
from orgmodel.schema_sections import ABOUT, ID_CHARS, Id, Label, Ref, Strict, Text

UNIT_ROLES = ("authority", "appeals", "provider", "staff", "support")
# what each ``role:`` value means, shown beside it (stats' roles, a diff's role change)
ROLE_WORDS = {
    "provider": N_("provides services (tjenesteyting)"),
    "authority": N_("exercises authority (myndighetsutøvelse)"),
    "appeals": N_("handles appeals (klagebehandling)"),
    "staff": N_("staff (stab)"),
    "support": N_("support (støtte)"),
}
UNIT_STATUSES = ("decided", "provisional")


class Unit(Strict):
    """Enhet: one unit with a leader: a direktørområde, a virksomhet, an avdeling, a stab."""

    id: Id = Field(
        description=f"id: the unit's identifier, which parent, functional, supervises and the findings name "
        f"({ID_CHARS})",
        examples=["virk-hjemmetjenester-mjondalen"],
    )
    name: Text = Field(description="navn: the unit's name", examples=["Hjemmetjenester Mjøndalen"])
    level: StrictInt = Field(
        ge=1,
        le=99,
        description="nivå: the level the unit's leader stands on, counted from the top team (Drammen: 1 "
        "rådmann and direktører, 2 kommunalsjefer and stabsledere, 3 virksomheter, 4 avdelinger); it must "
        "match the personnel lines",
        examples=[3],
    )
    kind: Label | None = Field(
        default=None,
        description="type: a label such as direktørområde, kommunalsjefområde, virksomhet, avdeling, stab, "
        "støtte or knutepunkt; iks or external without a parent is outside the basisorganisasjon "
        "(an inter-municipal company); labels are compared exactly",
        examples=[
            "virksomhet",
            "avdeling",
            "direktørområde",
            "kommunalsjefområde",
            "stab",
            "støtte",
            "knutepunkt",
            "tjenestested",
            "team",
            "iks",
            "external",
        ],
    )
    parent: Ref | None = Field(
        default=None,
        description="personalmessig rapportering: the id of the unit this unit's leader reports to for "
        "personnel (hiring, follow-up, salary); exactly one line, none for the top unit",
        examples=["ks-hjemmetjenester"],
    )
    functional: list[Ref] = Field(
        default_factory=list,
        description="faglig rapportering: ids of the units this unit reports to professionally; any number, "
        "never the parent itself",
        examples=[["ks-helse", "ks-rus-psykisk"]],
    )
    leader: Text | None = Field(
        default=None,
        description="leder: the leader's title (virksomhetsleder, avdelingsleder, kommunalsjef for ...)",
        examples=["Virksomhetsleder"],
    )
    staff: StrictInt | None = Field(
        default=None,
        ge=0,
        le=1_000_000,
        description="medarbeidere: how many employees the leader has personnel responsibility for directly, "
        "beside the leaders of the units under it (a headcount, for the lederspenn); omit when unknown",
        examples=[45],
    )
    budget: StrictBool = Field(
        default=False,
        description="budsjettansvar: true when the leader holds budget responsibility; personalansvar goes "
        "with budsjettansvar",
        examples=[True],
    )
    decides: list[Ref] = Field(
        default_factory=list,
        description="vedtaksmyndighet: ids of the services this unit grants by enkeltvedtak (the "
        "tildelingsenhet holds it)",
        examples=[["hjemmesykepleie", "praktisk-bistand"]],
    )
    kommunedeler: list[Ref] = Field(
        default_factory=list,
        description="kommunedeler: ids of the districts the unit serves",
        examples=[["kd1", "kd2"]],
    )
    sites: list[Ref] = Field(
        default_factory=list,
        description="lokaler: ids of the sites where the unit's people work (samlokalisering, co-location, "
        "is read from them)",
        examples=[["kp-mjondalen"]],
    )
    delivers: list[Ref] = Field(
        default_factory=list,
        description="tjenesteyting: ids of the services the unit provides",
        examples=[["hjemmesykepleie"]],
    )
    role: Literal["authority", "appeals", "provider", "staff", "support"] | None = Field(
        default=None,
        description="rolle: authority (myndighet: supervision, permits), appeals (klagebehandling at arm's "
        "length), provider (tjenesteyting), staff (stab) or support (støtte: HR, finance, ICT, archive); "
        "authority and appeals sit apart from the units they supervise",
        examples=["provider"],
    )
    supervises: list[Ref] = Field(
        default_factory=list,
        description="tilsyn: ids of the units this authority or appeals unit supervises (barnehagemyndighet "
        "over the kindergartens)",
        examples=[["virk-bhg-1", "virk-bhg-2"]],
    )
    pilot: StrictBool = Field(
        default=False,
        description="pilot: true for a knutepunkt organised as its own unit with its own personnel leader "
        "(the Drammen pilot), the one exception to co-locating without co-organising",
        examples=[True],
    )
    committee: Ref | None = Field(
        default=None,
        description="hovedutvalg: the id of the political committee this area answers to (Asker LOS pkt. 1: "
        "the administrative structure matches the political one)",
        examples=["hu-oppvekst"],
    )
    authority_level: StrictInt | None = Field(
        default=None,
        ge=1,
        le=9,
        description="fullmaktsnivå: the unit's delegation level, separate from its depth in the tree (seed "
        "001 pkt. 2: two fullmaktsnivåer)",
        examples=[2],
    )
    status: Literal["decided", "provisional"] | None = Field(
        default=None,
        description="status: decided (besluttet) or provisional (foreløpig: Drammen report p. 24, "
        "avdelinger that "
        "are not final); 'orgmodel check' reports provisional units",
        examples=["provisional"],
    )
    fte: StrictFloat | StrictInt | None = Field(
        default=None,
        ge=0,
        le=1_000_000,
        description="årsverk: full-time equivalents of the unit's own staff, beside staff (a headcount), "
        "not of the units below it (stats and diff add those up); decimals allowed",
        examples=[412.5],
    )
    budget_nok: StrictInt | None = Field(
        default=None,
        ge=0,
        le=10**13,
        description="budsjett: the unit's own annual budget in whole kroner (NOK), not its area's total "
        "(ramme): stats and diff add up the units below it",
        examples=[385000000],
    )
    responsibility: Text | None = Field(
        default=None,
        description="ansvar: what the unit answers for (the Nordre Follo workbook p. 21: ANSVAR, the "
        "responsibility of each "
        "service, virksomhet and avdeling)",
        examples=["Grunnskoleopplæring og SFO for kommunedel 1"],
    )
    target_group: Label | None = Field(
        default=None,
        description="målgruppe: the target group the unit serves, when it is organised by target group "
        "rather than profession (Asker LOS pkt. 5); a label, compared exactly",
        examples=["barn-og-unge", "eldre"],
    )
    description: Text | None = Field(
        default=None, description=ABOUT.format("unit"), examples=["Hjemmesykepleie og praktisk bistand"]
    )
