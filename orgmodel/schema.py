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
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator

ID_PATTERN = r"^[\w][\w.\-]*$"
LABEL_PATTERN = r"^[\w][\w\-]*$"
Id = Annotated[StrictStr, Field(pattern=ID_PATTERN, max_length=200)]
Ref = Id
Label = Annotated[StrictStr, Field(pattern=LABEL_PATTERN, max_length=100)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=10_000)]

UNIT_ROLES = ("authority", "appeals", "provider", "staff", "support")
STATUSES = ("draft", "hearing", "adopted")
# The enumerations, by key (the Literal types below spell the same values).
ENUMS = {"role": UNIT_ROLES, "status": STATUSES}

_ID = "letters, digits, '-', '_' and '.', no spaces"
_ABOUT = "beskrivelse: free text about this {0}, for the people who read the model"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    @model_validator(mode="after")
    def _share_fields_set(self) -> Self:
        """One set of written field names for every entry that wrote the same ones (issue 16: memory).

        pydantic gives each model its own set (about 700 bytes for a unit); a
        frozen model never changes it. At 100,000 units this saves about 65 MiB.
        """
        written = self.__pydantic_fields_set__
        one = _FIELDS_SETS.setdefault(frozenset(written), written) if len(_FIELDS_SETS) < 4096 else written
        if one is not written:
            object.__setattr__(self, "__pydantic_fields_set__", one)
        return self


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class Kommunedel(_Strict):
    """Kommunedel: a geographic district of the municipality (nye Drammen has ten)."""

    id: Id = Field(
        description=f"id: the kommunedel's identifier, which sites, units and personas name ({_ID})",
        examples=["kd1"],
    )
    number: StrictInt | None = Field(
        default=None,
        ge=1,
        le=999,
        description="kommunedelnummer: the district's number, unique in the model; a service for several "
        'districts is named by their numbers ("Helsestasjon for kommunedel 1 og 2")',
        examples=[1],
    )
    name: Text = Field(description="navn: the district's name", examples=["Mjøndalen/Åsen"])
    description: Text | None = Field(
        default=None, description=_ABOUT.format("kommunedel"), examples=["Kommunedel 1 of nye Drammen's ten"]
    )


class Site(_Strict):
    """Sted / lokale: a physical place where units work; ``kind: knutepunkt`` marks a local hub."""

    id: Id = Field(
        description=f"id: the site's identifier, which units name under sites ({_ID})",
        examples=["kp-mjondalen"],
    )
    name: Text = Field(description="navn: the place's name", examples=["Rådhuset Mjøndalen"])
    kind: Label | None = Field(
        default=None,
        description="type: a label for the kind of place: knutepunkt for a lokalt knutepunkt (a local hub: "
        "meeting place with co-located municipal services), placeholder or ukjent for premises not yet "
        "decided; labels are compared exactly, so write them in lower case",
        examples=["knutepunkt", "placeholder", "ukjent"],
    )
    kommunedel: Ref | None = Field(
        default=None, description="kommunedel: the id of the district the place is in", examples=["kd1"]
    )
    address: Text | None = Field(
        default=None, description="adresse: the postal address", examples=["Eksempelveien 1, 3050 Mjøndalen"]
    )
    description: Text | None = Field(
        default=None, description=_ABOUT.format("site"), examples=["Lokalt knutepunkt for kommunedel 1"]
    )


class Service(_Strict):
    """Tjeneste: something the municipality delivers to its inhabitants."""

    id: Id = Field(
        description=f"id: the service's identifier, which units and personas name ({_ID})",
        examples=["hjemmesykepleie"],
    )
    name: Text = Field(description="navn: the service's name", examples=["Hjemmesykepleie"])
    category: Label | None = Field(
        default=None,
        description="tjenesteområde: a label grouping services, which rulesets name (e.g. all vedtak-based "
        "services in helse-og-omsorg granted by one tildelingsenhet); compared exactly",
        examples=["helse-og-omsorg", "oppvekst"],
    )
    vedtak: StrictBool = Field(
        default=False,
        description="enkeltvedtak: true when a user is granted the service by an individual decision "
        "(enkeltvedtak) that a saksbehandler prepares",
        examples=[True],
    )
    local: StrictBool = Field(
        default=False,
        description="lokal tjeneste: true when the service must be available locally in every kommunedel "
        "(a basic service of the local hubs)",
        examples=[True],
    )
    description: Text | None = Field(
        default=None, description=_ABOUT.format("service"), examples=["Helsehjelp i hjemmet"]
    )


class Unit(_Strict):
    """Enhet: one unit with a leader: a direktørområde, a virksomhet, an avdeling, a stab."""

    id: Id = Field(
        description=f"id: the unit's identifier, which parent, functional, supervises and the findings name "
        f"({_ID})",
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
    description: Text | None = Field(
        default=None, description=_ABOUT.format("unit"), examples=["Hjemmesykepleie og praktisk bistand"]
    )


class Persona(_Strict):
    """Fiktiv bruker: a fictional user from the workshops that a design is tested against."""

    id: Id = Field(
        description=f"id: the persona's identifier, which 'orgmodel trace' takes ({_ID})", examples=["kari"]
    )
    name: Text = Field(description="navn: who the user is", examples=["Kari, 84, bor hjemme med demens"])
    kommunedel: Ref | None = Field(
        default=None, description="kommunedel: the id of the district the user lives in", examples=["kd1"]
    )
    needs: list[Ref] = Field(
        default_factory=list,
        description="behov: ids of the services the user needs",
        examples=[["hjemmesykepleie", "trygghetsalarm"]],
    )
    description: Text | None = Field(
        default=None, description=_ABOUT.format("persona"), examples=["Bor alene; datteren bor i Oslo"]
    )


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
        description=_ABOUT.format("design"),
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
}

COLLECTIONS = ("kommunedeler", "sites", "services", "units", "personas")
