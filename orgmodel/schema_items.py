"""The places, services and users a model names: kommunedeler, sites, services and personas (format 1).

Part of the model file format (``orgmodel.schema``): every item forbids unknown keys, and each
key's ``description`` and ``examples`` feed the JSON Schema (``orgmodel schema``).
"""

from __future__ import annotations

from pydantic import Field, StrictBool, StrictInt

from orgmodel.schema_sections import ABOUT, ID_CHARS, Id, Label, Ref, Strict, Text


class Kommunedel(Strict):
    """Kommunedel: a geographic district of the municipality (nye Drammen has ten)."""

    id: Id = Field(
        description=f"id: the kommunedel's identifier, which sites, units and personas name ({ID_CHARS})",
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
        default=None, description=ABOUT.format("kommunedel"), examples=["Kommunedel 1 of nye Drammen's ten"]
    )


class Site(Strict):
    """Sted / lokale: a physical place where units work; ``kind: knutepunkt`` marks a local hub."""

    id: Id = Field(
        description=f"id: the site's identifier, which units name under sites ({ID_CHARS})",
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
        default=None, description=ABOUT.format("site"), examples=["Lokalt knutepunkt for kommunedel 1"]
    )


class Service(Strict):
    """Tjeneste: something the municipality delivers to its inhabitants."""

    id: Id = Field(
        description=f"id: the service's identifier, which units and personas name ({ID_CHARS})",
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
        default=None, description=ABOUT.format("service"), examples=["Helsehjelp i hjemmet"]
    )


class Persona(Strict):
    """Fiktiv bruker: a fictional user from the workshops that a design is tested against."""

    id: Id = Field(
        description=f"id: the persona's identifier, which 'orgmodel trace' takes ({ID_CHARS})",
        examples=["kari"],
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
        default=None, description=ABOUT.format("persona"), examples=["Bor alene; datteren bor i Oslo"]
    )
