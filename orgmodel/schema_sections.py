"""The model format's sections beside the personnel tree (issue 15), as pydantic v2 models.

Committees, considerations (hensyn), positions, forums (møteplasser),
collaborations, agreements and projects: what the seeds ask a proposal to
show beside its units. Every key is optional in the file; ``orgmodel.schema``
places these sections in the model. Each description names the seed (and its
page or point) the key comes from: 000 Drammen, 001 Asker LOS, 002
Drammensregionen, 003 Nordre Follo, 004 Tønsberg/Re (shared/seeds/README.md).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from orgmodel.i18n import N_
from orgmodel.schema_period import PeriodField
from orgmodel.scripts import mixed_script

ID_PATTERN = r"^[\w][\w.\-]*$"
LABEL_PATTERN = r"^[\w][\w\-]*$"


def _one_alphabet(value: str) -> str:
    """An id whose letters come from one alphabet ('hjemme-nоrd' with a Cyrillic 'о' is refused)."""
    mixed = mixed_script(value)
    if mixed is not None:
        first, other, index = mixed
        context = {"first": first, "other": other, "index": index}
        raise PydanticCustomError("mixed_script", "the id mixes {first} and {other} letters", context)
    return value


Ref = Annotated[StrictStr, Field(pattern=ID_PATTERN, max_length=200)]
Id = Annotated[Ref, AfterValidator(_one_alphabet)]  # where an id is defined; a reference to it is a Ref
Label = Annotated[StrictStr, Field(pattern=LABEL_PATTERN, max_length=100)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=10_000)]

PERIODS = ("day", "week", "month", "year")
PER_YEAR = {"day": 250, "week": 52, "month": 12, "year": 1}
"""How many times a year one meeting per period is (a year of 52 weeks, 12 months, 250 working days)."""
AS_NEEDED = "as-needed"
"""A frequency with no fixed meetings ('ved behov': a kriseteam, 'Andre tillitsvalgte (ved behov)')."""
FORUM_KINDS = ("ledergruppe", "utvidet-ledergruppe", "lederteam", "fagteam", "oppgaveteam", "nettverk")
AGREEMENT_KINDS = ("iks", "vertskommune", "partnerskap", "samarbeidsavtale")
PROJECT_PARTIES = ("employer", "employees", "safety")
PARTY_WORDS = {
    "employer": N_("employer (arbeidsgiver)"),
    "employees": N_("employees (tillitsvalgte)"),
    "safety": N_("safety (verneombud)"),
}
"""How a side of a project's trepartssamarbeid reads: the file's word and the Norwegian one."""

ID_CHARS = "letters, digits, '-', '_' and '.', no spaces"
ABOUT = "beskrivelse: free text about this {0}, for the people who read the model"


class Strict(BaseModel):
    """The base of every item: unknown keys are errors, values are frozen."""

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
        values = self.__dict__
        names = _LIST_FIELDS.get(type(self))
        for name in _empty_list_fields(type(self)) if names is None else names:
            if not values[name]:
                values[name] = _NO_ITEMS  # a unit's unwritten lists: 280 bytes a unit otherwise
        return self


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
# The one empty list of every list a model does not write; models are frozen and nothing in
# orgmodel changes a model's list in place (test_schema_memory.py checks that it stays empty).
_NO_ITEMS: list[Any] = []
_LIST_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _empty_list_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``cls`` whose default is a new empty list."""
    names = _LIST_FIELDS.get(cls)
    if names is None:
        names = _LIST_FIELDS[cls] = tuple(
            name for name, info in cls.model_fields.items() if info.default_factory is list
        )
    return names


class Frequency(Strict):
    """Hyppighet: how often people meet or work together, as a number of times per period (003, 004)."""

    times: StrictInt = Field(
        ge=1,
        le=1000,
        description="ganger: how many times per period, a whole number from 1 ('HR (10 ganger i året)', "
        "the Tønsberg/Re workshop)",
        examples=[10],
    )
    per: Literal["day", "week", "month", "year"] = Field(
        description="per: the period, day (daglig), week (ukentlig), month (månedlig) or year (årlig)",
        examples=["year"],
    )


# the tags of a frequency's two forms; validate drops them from an error's place (frequency.times)
FREQUENCY_TAGS = ("frequency-times", "frequency-word")


def _frequency_form(value: Any) -> str:
    """Which form a frequency is written in: the word 'as-needed', or times per period.

    Anything but that exact word is read as times per period, so 'ukentlig' and 'ved behov' are
    refused as not a mapping, with a hint that names both forms (one cause, one finding).
    """
    return FREQUENCY_TAGS[1] if value == AS_NEEDED else FREQUENCY_TAGS[0]


HowOften = Annotated[
    Annotated[Frequency, Tag(FREQUENCY_TAGS[0])] | Annotated[Literal["as-needed"], Tag(FREQUENCY_TAGS[1])],
    Discriminator(_frequency_form),
]
"""A frequency as written: ``{times: 2, per: month}``, or ``as-needed`` for a forum with no fixed meetings."""


def times_a_year(frequency: Frequency | str | None) -> int | None:
    """A frequency as times a year (1 per week is 52, 1 per day 250); None when unstated or as needed."""
    if not isinstance(frequency, Frequency):
        return None
    return frequency.times * PER_YEAR[frequency.per]


class Committee(Strict):
    """Hovedutvalg: a political committee the administrative structure mirrors (001 pkt. 1)."""

    id: Id = Field(
        description=f"id: the committee's identifier, which units name ({ID_CHARS})", examples=["hu-oppvekst"]
    )
    name: Text = Field(
        description="navn: the committee's name", examples=["Hovedutvalg for oppvekst og utdanning"]
    )
    description: Text | None = Field(
        default=None, description=ABOUT.format("committee"), examples=["Formannskapet og fem hovedutvalg"]
    )


class Consideration(Strict):
    """Hensyn: a prioritised consideration every alternative is judged by (004, Tønsberg/Re)."""

    id: Id = Field(
        description=f"id: the consideration's identifier, which scores name ({ID_CHARS})",
        examples=["brukernarhet"],
    )
    name: Text = Field(
        description="navn: the consideration as the workshop wrote it", examples=["Nærhet til brukerne"]
    )
    rank: StrictInt = Field(
        ge=1,
        le=99,
        description="prioritet: the consideration's rank, 1 the most important (the Tønsberg/Re workshop's "
        "prioritised "
        "hensyn); it weighs the scores in 'orgmodel diff'",
        examples=[1],
    )
    description: Text | None = Field(
        default=None, description=ABOUT.format("consideration"), examples=["Tjenestene nær der folk bor"]
    )


class Position(Strict):
    """Stilling: a role that is not a unit: fagansvarlig, digital agent, tillitsvalgt (000 p. 58, 70; 002)."""

    id: Id = Field(
        description=f"id: the position's identifier, which forums name as chair or member ({ID_CHARS})",
        examples=["fa-demens"],
    )
    title: Text = Field(description="tittel: the position's title", examples=["Fagansvarlig demens"])
    represents: Literal["employer", "employees", "safety"] | None = Field(
        default=None,
        description="representerer: the side of a trepartssamarbeid the position speaks for, in the words "
        "of a project's parties: employees for a tillitsvalgt or hovedtillitsvalgt, safety for a "
        "verneombud or the hovedverneombud (employer for one who sits for the arbeidsgiver). Nedre "
        "Eiker's steering group holds 'fem politikere, tre tillitsvalgte, tre fra administrasjon, "
        "hovedvernombud og prosjektleder' (seed 002): OM276 looks for such a position in the steering "
        "group of a project whose parties include its side. Omit it for any other position; a model "
        "that marks nobody does not say who the tillitsvalgte are, and is not judged on them",
        examples=["employees", "safety"],
    )
    unit: Ref | None = Field(
        default=None,
        description="enhet: the id of the unit the position sits in (whose leader has personnel "
        "responsibility for it)",
        examples=["virk-hjemme-nord"],
    )
    personnel: StrictBool = Field(
        default=False,
        description="personalansvar: true when the position has personnel responsibility; fagansvarlige "
        "have none (Drammen report p. 58)",
        examples=[False],
    )
    professional_to: Ref | None = Field(
        default=None,
        description="faglig rapportering: the id of the unit the position reports to professionally (the "
        "digital agents to utvikling og digitalisering, Drammen report p. 70)",
        examples=["ks-helse"],
    )
    staff: StrictInt | None = Field(
        default=None,
        ge=0,
        le=1_000_000,
        description="medarbeidere: how many employees the position has personnel responsibility for; "
        "omit when it has none",
        examples=[0],
    )
    fte: StrictFloat | StrictInt | None = Field(
        default=None,
        gt=0,
        le=1_000,
        description="årsverk: the share of a full post the position holds (0.5 for half a post: "
        "'HR-ressursen stiller 50 prosent', the Nordre Follo workbook), or the posts when it stands for "
        "several; decimals "
        "allowed",
        examples=[0.5],
    )
    description: Text | None = Field(
        default=None, description=ABOUT.format("position"), examples=["Kvalitet, metode og fagutvikling"]
    )


class Forum(Strict):
    """Møteplass: a ledergruppe, lederteam, fagteam, oppgaveteam or nettverk (003 p. 21)."""

    id: Id = Field(description=f"id: the forum's identifier ({ID_CHARS})", examples=["lg-oppvekst"])
    name: Text = Field(
        description="navn: the forum's name", examples=["Kommunalsjefens ledergruppe oppvekst"]
    )
    kind: (
        Literal["ledergruppe", "utvidet-ledergruppe", "lederteam", "fagteam", "oppgaveteam", "nettverk"]
        | None
    ) = Field(
        default=None,
        description="type: ledergruppe, lederteam, fagteam, oppgaveteam or nettverk, the møteplasser "
        "the Nordre Follo workbook (p. 21) asks every proposal to describe; utvidet-ledergruppe for a "
        "leader group widened with the leaders below or staff leaders (the Drammen report p. 72), which "
        "is neither the top team nor the ledergruppe of those it widens to",
        examples=["ledergruppe"],
    )
    chair: Ref | None = Field(
        default=None,
        description="møteleder: the id of the unit (its leader) or position that chairs the forum",
        examples=["ks-oppvekst"],
    )
    members: list[Ref] = Field(
        default_factory=list,
        description="deltakere: ids of the units (their leaders) and positions that meet in the forum",
        examples=[["virk-skole-a", "virk-skole-b"]],
    )
    frequency: HowOften | None = Field(
        default=None,
        description="hyppighet: how often the forum meets ('hvor ofte de bør møtes', the Nordre Follo "
        "workbook p. 21), or as-needed for one with no fixed meetings (ved behov: a kriseteam)",
        examples=[{"times": 2, "per": "month"}, "as-needed"],
    )
    mandate: Text | None = Field(
        default=None,
        description="mandat: the forum's authority, roles and mandate (the Nordre Follo workbook p. 21)",
        examples=["Samordner drift og budsjett i oppvekst"],
    )
    description: Text | None = Field(
        default=None, description=ABOUT.format("forum"), examples=["Møtes annenhver tirsdag"]
    )


class Collaboration(Strict):
    """Samarbeid: units that work together, and how often (004: 'HR (10 ganger i året)')."""

    between: list[Ref] = Field(
        min_length=2,
        description="mellom: the ids of the units that work together, at least two",
        examples=[["virk-iao", "stab-hr"]],
    )
    frequency: HowOften | None = Field(
        default=None,
        description="hyppighet: how often they work together (the Tønsberg/Re workshop: daglig, ukentlig, "
        "10 ganger i året), or as-needed (the workshop's 'Andre tillitsvalgte (ved behov)')",
        examples=[{"times": 10, "per": "year"}, "as-needed"],
    )
    purpose: Text | None = Field(
        default=None,
        description="formål: what they work together on",
        examples=["Rådgivning om rutiner og lovverk, ansettelse og overtallighet"],
    )
    description: Text | None = Field(
        default=None, description=ABOUT.format("collaboration"), examples=["Fast møte første mandag"]
    )


class Agreement(Strict):
    """Avtale: an arrangement with other municipalities or the state (IKS, vertskommune; 000, 002)."""

    id: Id = Field(description=f"id: the agreement's identifier ({ID_CHARS})", examples=["va-samarbeid"])
    kind: Literal["iks", "vertskommune", "partnerskap", "samarbeidsavtale"] | None = Field(
        default=None,
        description="type: iks (interkommunalt selskap, the Drammensregionen VA study), vertskommune "
        "(vertskommuneavtale, "
        "Drammen report p. 49), partnerskap (NAV with the state, Drammen report p. 39) or samarbeidsavtale "
        "(with the hospital or a university college, the Drammensregionen VA study)",
        examples=["iks"],
    )
    name: Text = Field(
        description="navn: the arrangement's name", examples=["Drammensregionens vann og avløp"]
    )
    parties: list[Text] = Field(
        default_factory=list,
        description="parter: the parties, each a kommunenummer in quotes or a named state body",
        examples=[["3005", "3048", "NAV Vest-Viken"]],
    )
    host: Text | None = Field(
        default=None,
        description="vertskommune: the host party (a kommunenummer in quotes) of a vertskommune arrangement",
        examples=["3005"],
    )
    units: list[Ref] = Field(
        default_factory=list,
        description="enheter: ids of the units that belong to the arrangement; such a unit may sit outside "
        "the personnel tree (no 'parent')",
        examples=[["va-iks"]],
    )
    services: list[Ref] = Field(
        default_factory=list,
        description="tjenester: ids of the services delivered through the arrangement",
        examples=[["vann", "avlop"]],
    )
    description: Text | None = Field(
        default=None,
        description=ABOUT.format("agreement"),
        examples=["Ni kommuner og to IKS, om lag 200 ansatte"],
    )


class Project(Strict):
    """Prosjekt: a temporary organisation with an owner, a steering group and an end (002)."""

    id: Id = Field(description=f"id: the project's identifier ({ID_CHARS})", examples=["prosjekt-nye-va"])
    name: Text = Field(
        description="navn: the project's name", examples=["Felles organisering av vann og avløp"]
    )
    owner: Ref | None = Field(
        default=None,
        description="prosjekteier: the id of the unit that owns the project",
        examples=["radmann"],
    )
    leader: Ref | None = Field(
        default=None,
        description="prosjektleder: the id of the unit (its leader) or position that leads the project "
        "(seed 002: 'prosjekteier og styringsgruppe, prosjektleder og prosjektgruppe')",
        examples=["pl-va"],
    )
    part_of: Ref | None = Field(
        default=None,
        description="delprosjekt av: the id of the project this one is a delprosjekt of (seed 002: "
        "'delprosjektgrupper'); it has that project's owner, steering group, parties, end and receiver "
        "where it writes none of its own",
        examples=["prosjekt-nye-va"],
    )
    steering_group: list[Ref] = Field(
        default_factory=list,
        description="styringsgruppe: ids of the units (their leaders), positions and committees (the "
        "politicians) in the steering group (the rådmannsutvalg in the Drammensregionen VA study; "
        "'fem politikere, tre tillitsvalgte, tre fra administrasjon, hovedvernombud og prosjektleder' "
        "in Nedre Eiker's, seed 002)",
        examples=[["radmann", "stab-okonomi", "htv-fo"]],
    )
    working_group: list[Ref] = Field(
        default_factory=list,
        description="arbeidsgruppe: ids of the units and positions that do the project's work (the "
        "Drammensregionen VA study: 'det er satt ned et arbeidsutvalg for arbeidet. De ansattes "
        "organisasjoner deltar gjennom medlemmer', seed 002); the employees' representatives may sit "
        "here rather than in the steering group",
        examples=[["arbeidsutvalg", "medlem-fagforbundet"]],
    )
    parties: list[Literal["employer", "employees", "safety"]] = Field(
        default_factory=list,
        description="parter: the parties of a trepartssamarbeid: employer (arbeidsgiver), employees "
        "(tillitsvalgte) and safety (verneombud) (the Drammensregionen VA study)",
        examples=[["employer", "employees", "safety"]],
    )
    ends: PeriodField | None = Field(
        default=None,
        description="slutter: when the project ends, as precisely as the plan says: a date "
        "(2021-12-31), a month (2011-12: 'til høsten 2011', seed 002) or a year (2011)",
        examples=["2021-12-31", "2011-12", 2011],
    )
    hands_over_to: Ref | None = Field(
        default=None,
        description="overleveres til: the id of the unit in the basisorganisasjon that takes over when the "
        "project ends",
        examples=["virk-va"],
    )
    description: Text | None = Field(
        default=None, description=ABOUT.format("project"), examples=["Utredning av felles VA-organisering"]
    )
