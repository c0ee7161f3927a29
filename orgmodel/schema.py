"""The model file format, version 1, as pydantic v2 models.

Every model forbids unknown keys, so a misspelt key is an error, never a
silently ignored line. Field names are the file's keys: they are a contract.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

Id = Annotated[StrictStr, Field(pattern=r"^[\w][\w.\-]*$", max_length=200)]
Ref = Id
Label = Annotated[StrictStr, Field(pattern=r"^[\w][\w\-]*$", max_length=100)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=10_000)]

UNIT_ROLES = ("authority", "appeals", "provider", "staff", "support")
STATUSES = ("draft", "hearing", "adopted")
# The enumerations, by key (the Literal types below spell the same values).
ENUMS = {"role": UNIT_ROLES, "status": STATUSES}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Kommunedel(_Strict):
    """A geographic district of the municipality."""

    id: Id
    number: StrictInt | None = Field(default=None, ge=1, le=999)
    name: Text
    description: Text | None = None


class Site(_Strict):
    """A physical place where units work; ``kind: knutepunkt`` marks a local hub."""

    id: Id
    name: Text
    kind: Label | None = None
    kommunedel: Ref | None = None
    address: Text | None = None
    description: Text | None = None


class Service(_Strict):
    """Something the municipality delivers to its inhabitants."""

    id: Id
    name: Text
    category: Label | None = None
    vedtak: StrictBool = False
    local: StrictBool = False
    description: Text | None = None


class Unit(_Strict):
    """One unit with a leader: a direktørområde, a virksomhet, an avdeling, a staff."""

    id: Id
    name: Text
    level: StrictInt = Field(ge=1, le=99)
    kind: Label | None = None
    parent: Ref | None = None
    functional: list[Ref] = Field(default_factory=list)
    leader: Text | None = None
    staff: StrictInt | None = Field(default=None, ge=0, le=1_000_000)
    budget: StrictBool = False
    decides: list[Ref] = Field(default_factory=list)
    kommunedeler: list[Ref] = Field(default_factory=list)
    sites: list[Ref] = Field(default_factory=list)
    delivers: list[Ref] = Field(default_factory=list)
    role: Literal["authority", "appeals", "provider", "staff", "support"] | None = None
    supervises: list[Ref] = Field(default_factory=list)
    pilot: StrictBool = False
    description: Text | None = None


class Persona(_Strict):
    """A fictional user (fiktiv bruker) a design is tested against."""

    id: Id
    name: Text
    kommunedel: Ref | None = None
    needs: list[Ref] = Field(default_factory=list)
    description: Text | None = None


class OrgModel(_Strict):
    """A whole model file."""

    orgmodel: Literal[1]
    kommune: Text
    kommunenummer: Annotated[StrictStr, Field(pattern=r"^[0-9]{4}$")] | None = None
    proposal: Text | None = None
    status: Literal["draft", "hearing", "adopted"] | None = None
    valid_from: dt.date | None = None
    description: Text | None = None
    kommunedeler: list[Kommunedel] = Field(default_factory=list)
    sites: list[Site] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    units: list[Unit] = Field(min_length=1)
    personas: list[Persona] = Field(default_factory=list)


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
