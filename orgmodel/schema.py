"""The model file format, version 1, as pydantic v2 models.

Every model forbids unknown keys, so a misspelt key is an error, never a
silently ignored line. Field names are the file's keys: they are a contract.

Each key's ``description`` gives the Norwegian term and its English meaning,
and ``examples`` a value as a planner writes it; ``orgmodel schema`` prints
them in the JSON Schema that editors show on hover and offer on completion
(``orgmodel.schema_export``). Descriptions and examples never change what is
valid or any message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from orgmodel.i18n import N_
from orgmodel.schema_items import Kommunedel, Persona, Service, Site
from orgmodel.schema_sections import (
    ABOUT,
    AGREEMENT_KINDS,
    FORUM_KINDS,
    ID_PATTERN,
    LABEL_PATTERN,
    PERIODS,
    PROJECT_PARTIES,
    Agreement,
    Collaboration,
    Committee,
    Consideration,
    Forum,
    Id,
    Label,
    Position,
    Project,
    Ref,
    Text,
)
from orgmodel.schema_sections import Strict as _Strict
from orgmodel.schema_unit import UNIT_ROLES, UNIT_STATUSES, Unit

__all__ = [
    "ID_PATTERN",
    "LABEL_PATTERN",
    "UNIT_ROLES",
    "UNIT_STATUSES",
    "Id",
    "Kommunedel",
    "Label",
    "Persona",
    "Ref",
    "Service",
    "Site",
    "Text",
    "Unit",
]

STATUSES = ("draft", "hearing", "adopted")
STATUS_WORDS = {
    "draft": N_("draft"),
    "hearing": N_("out for consultation (høring)"),
    "adopted": N_("adopted"),
}
"""How a model's status reads (draft = utkast), in the diff's changes and the charts' subtitles."""
# The enumerations, by key (the Literal types below spell the same values); a key that means
# different things in different places is looked up by (section, key) first (enum_values).
ENUMS = {
    "role": UNIT_ROLES,
    "status": STATUSES,
    "per": PERIODS,
    "parties": PROJECT_PARTIES,
    "represents": PROJECT_PARTIES,
}
SECTION_ENUMS = {
    ("units", "status"): UNIT_STATUSES,
    ("forums", "kind"): FORUM_KINDS,
    ("agreements", "kind"): AGREEMENT_KINDS,
}


def enum_values(loc: tuple[object, ...]) -> tuple[str, ...]:
    """The allowed values of the enumeration at ``loc`` (``("units", 3, "status")``)."""
    keys = [str(part) for part in loc if not isinstance(part, int)]
    if not keys:
        return ()
    return SECTION_ENUMS.get((keys[0], keys[-1]), ENUMS.get(keys[-1], ()))


class OrgModel(_Strict):
    """Organisasjonsmodell: a municipality's administrative organisation, one design (orgmodel format 1)."""

    # the JSON Schema's title (orgmodel schema); pydantic's messages are read by their type, never this
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, title="orgmodel model, format 1"
    )

    orgmodel: Literal[1] = Field(
        description="formatversjon: the version of this file format, the whole number 1", examples=[1]
    )
    kommune: Text = Field(description="kommune: the municipality's name", examples=["Drammen"])
    kommunenummer: Annotated[StrictStr, Field(pattern=r"^[0-9]{4}$")] | None = Field(
        default=None,
        description="kommunenummer: the municipality's official 4-digit number, in quotes so that a leading "
        'zero stays (Oslo "0301"; nye Drammen "3005", "3301" from 2024)',
        examples=["3005"],
    )
    proposal: Text | None = Field(
        default=None,
        description="forslag: which proposal or report this design is, with its date",
        examples=["Organisering av virksomhetene «Nivå 3», 2019"],
    )
    status: Literal["draft", "hearing", "adopted"] | None = Field(
        default=None,
        description="status: draft (utkast), hearing (på høring) or adopted (vedtatt)",
        examples=["adopted"],
    )
    valid_from: dt.date | None = Field(
        default=None,
        description="gyldig fra: the date the organisation takes effect, written 2020-01-01",
        examples=["2020-01-01"],
    )
    description: Text | None = Field(
        default=None,
        description=ABOUT.format("design"),
        examples=["Nye Drammen kommune as decided in the level-3 report"],
    )
    parts: list[StrictStr] = Field(
        default_factory=list,
        description="deler: the files that hold the rest of the model (each starts with 'orgmodel-part: 1'), "
        "paths relative to this file and inside its directory; see docs/model-parts.md",
        examples=[["omsorg.yaml", "utdanning.yaml"]],
    )
    kommunedeler: list[Kommunedel] = Field(
        default_factory=list,
        description="kommunedeler: the geographic districts of the municipality",
        examples=[[{"id": "kd1", "number": 1, "name": "Mjøndalen/Åsen"}]],
    )
    sites: list[Site] = Field(
        default_factory=list,
        description="steder: the physical places where units work, such as each lokalt knutepunkt",
        examples=[
            [{"id": "kp-mjondalen", "name": "Rådhuset Mjøndalen", "kind": "knutepunkt", "kommunedel": "kd1"}]
        ],
    )
    services: list[Service] = Field(
        default_factory=list,
        description="tjenester: what the municipality delivers to its inhabitants",
        examples=[
            [
                {
                    "id": "hjemmesykepleie",
                    "name": "Hjemmesykepleie",
                    "category": "helse-og-omsorg",
                    "vedtak": True,
                    "local": True,
                }
            ]
        ],
    )
    units: list[Unit] = Field(
        min_length=1,
        description="enheter: every unit with a leader, from the top team (rådmannens lederteam) down to the "
        "avdelinger; at least one",
        examples=[
            [
                {
                    "id": "radmann",
                    "name": "Rådmannens lederteam",
                    "level": 1,
                    "leader": "Rådmann",
                    "budget": True,
                }
            ]
        ],
    )
    personas: list[Persona] = Field(
        default_factory=list,
        description="fiktive brukere: fictional users from the workshops, walked through the design by "
        "'orgmodel trace'",
        examples=[
            [
                {
                    "id": "kari",
                    "name": "Kari, 84, bor hjemme med demens",
                    "kommunedel": "kd1",
                    "needs": ["hjemmesykepleie"],
                }
            ]
        ],
    )
    committees: list[Committee] = Field(
        default_factory=list,
        description="hovedutvalg: the political committees the administrative structure mirrors (Asker LOS "
        "pkt. 1)",
        examples=[[{"id": "hu-oppvekst", "name": "Hovedutvalg for oppvekst og utdanning"}]],
    )
    considerations: list[Consideration] = Field(
        default_factory=list,
        description="hensyn: the prioritised considerations every alternative is judged by (the Tønsberg/Re "
        "workshop), "
        "rank 1 the most important",
        examples=[[{"id": "brukernarhet", "name": "Nærhet til brukerne", "rank": 1}]],
    )
    scores: dict[Id, Annotated[StrictInt, Field(ge=1, le=5)]] = Field(
        default_factory=dict,
        description="hensynsvurdering: this design's own score per consideration id, 1 (poor) to 5 (very "
        "good); 'orgmodel diff' shows both sides' scores weighted by rank (the Tønsberg/Re workshop)",
        examples=[{"brukernarhet": 4}],
    )
    positions: list[Position] = Field(
        default_factory=list,
        description="stillinger: roles that are not units, such as fagansvarlige without personnel "
        "responsibility and the digital agents (Drammen report p. 58, 70)",
        examples=[
            [
                {
                    "id": "fa-demens",
                    "title": "Fagansvarlig demens",
                    "unit": "u",
                    "personnel": False,
                    "professional_to": "u",
                }
            ]
        ],
    )
    forums: list[Forum] = Field(
        default_factory=list,
        description="møteplasser: ledergrupper, lederteam, fagteam, oppgaveteam and nettverk, with how often "
        "each meets and its mandate (the Nordre Follo workbook p. 21)",
        examples=[
            [
                {
                    "id": "lg-topp",
                    "name": "Rådmannens ledergruppe",
                    "kind": "ledergruppe",
                    "chair": "u",
                    "frequency": {"times": 1, "per": "week"},
                    "mandate": "Strategi og samordning",
                }
            ]
        ],
    )
    collaborations: list[Collaboration] = Field(
        default_factory=list,
        description="samarbeid: units that work together, with how often (the Tønsberg/Re workshop: 'HR (10 "
        "ganger i året)')",
        examples=[[{"between": ["u", "u"], "frequency": {"times": 10, "per": "year"}}]],
    )
    agreements: list[Agreement] = Field(
        default_factory=list,
        description="avtaler: arrangements with other municipalities or the state: IKS, vertskommune, "
        "partnerskap, samarbeidsavtale (Drammen report p. 39, 49; the Drammensregionen VA study)",
        examples=[
            [
                {
                    "id": "nav",
                    "kind": "partnerskap",
                    "name": "NAV Drammen",
                    "parties": ["3005", "NAV Vest-Viken"],
                }
            ]
        ],
    )
    projects: list[Project] = Field(
        default_factory=list,
        description="prosjekter: temporary organisations with an owner, a steering group, an end date and "
        "the unit they hand over to (the Drammensregionen VA study)",
        examples=[[{"id": "prosjekt-va", "name": "Felles VA", "owner": "u", "ends": "2021-12-31"}]],
    )


ITEM_MODELS: dict[str, type[BaseModel]] = {
    "kommunedeler": Kommunedel,
    "sites": Site,
    "services": Service,
    "units": Unit,
    "personas": Persona,
    "committees": Committee,
    "considerations": Consideration,
    "positions": Position,
    "forums": Forum,
    "collaborations": Collaboration,
    "agreements": Agreement,
    "projects": Project,
}
"""The model of one item of each list section."""

MEMBERS = "units|positions"
"""The target of a forum's chair and members and of a project's leader: a unit (its leader) or a
position (a tillitsvalgt, the hovedverneombud)."""
_V = TypeVar("_V")
STEERING = "units|positions|committees"
"""The target of a project's steering group: units (their leaders), positions (the tillitsvalgte, the
hovedverneombud) and committees (the politicians: "I styringsgruppa sitter fem politikere", seed 002)."""


def joined_ids(ids: Mapping[str, Mapping[str, _V]], target: str) -> dict[str, _V]:
    """The ids a reference to ``target`` may name: one section's, or those of 'units|positions|…'.

    The first section's index wins an id two sections share (a unit's, then a position's).
    """
    merged: dict[str, _V] = {}
    for section in reversed(target.split("|")):
        merged.update(ids.get(section, {}))
    return merged


# Which collection each reference field points into: (owner collection, field) -> target.
REFERENCES: dict[tuple[str, str], str] = {
    ("sites", "kommunedel"): "kommunedeler",
    ("units", "parent"): "units",
    ("units", "functional"): "units",
    ("units", "decides"): "services",
    ("units", "kommunedeler"): "kommunedeler",
    ("units", "sites"): "sites",
    ("units", "delivers"): "services",
    ("units", "supervises"): "units",
    ("personas", "kommunedel"): "kommunedeler",
    ("personas", "needs"): "services",
    ("units", "committee"): "committees",
    ("positions", "unit"): "units",
    ("positions", "professional_to"): "units",
    ("forums", "chair"): MEMBERS,
    ("forums", "members"): MEMBERS,
    ("collaborations", "between"): "units",
    ("agreements", "units"): "units",
    ("agreements", "services"): "services",
    ("projects", "owner"): "units",
    ("projects", "steering_group"): STEERING,
    ("projects", "working_group"): "units|positions",
    ("projects", "hands_over_to"): "units",
    ("projects", "leader"): MEMBERS,
    ("projects", "part_of"): "projects",
}

# Every list section, in the schema's order (a part file may hold any of them).
COLLECTIONS = (
    "kommunedeler",
    "sites",
    "services",
    "units",
    "personas",
    "committees",
    "considerations",
    "positions",
    "forums",
    "collaborations",
    "agreements",
    "projects",
)
# The sections whose items have an id, which references name and which must be unique.
ID_COLLECTIONS = tuple(name for name in COLLECTIONS if name != "collaborations")
