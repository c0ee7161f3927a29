"""The sections a custom rule may look at (``of: forums``): their selectors, keys and words.

A rule looks at ``units`` unless it says otherwise. Beside them it may look at
the sections that describe the organisation beyond its personnel tree
(issue 15): forums, projects, agreements, committees, positions and
collaborations. Kommunedeler, sites, services, personas and considerations
are left out: they are what units are judged against (a unit ``has site
knutepunkt`` or ``delivers category oppvekst``; a persona walks the design in
``orgmodel trace``; the hensyn weigh a proposal in ``orgmodel diff``), not
parts of the design a principle is about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from orgmodel.i18n import N_
from orgmodel.schema_sections import AGREEMENT_KINDS, FORUM_KINDS, PROJECT_PARTIES

Many = StrictStr | list[StrictStr]
SectionName = Literal[
    "units", "forums", "projects", "agreements", "committees", "positions", "collaborations"
]
SECTIONS: tuple[str, ...] = (
    "units",
    "forums",
    "projects",
    "agreements",
    "committees",
    "positions",
    "collaborations",
)
LEFT_OUT = ("kommunedeler", "sites", "services", "personas", "considerations")
"""Sections a custom rule does not look at: what units are judged against, not parts of the design."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ForumWhere(_Strict):
    """Which forums a custom rule checks: every key given must match (a list: any of its entries)."""

    id: Many | None = Field(default=None, description="a glob over forum ids: 'lg-*'")
    name: Many | None = Field(default=None, description="a glob over forum names, any case")
    kind: Many | None = Field(default=None, description="the forum's kind: ledergruppe, fagteam, ...")
    chair: Many | None = Field(default=None, description="the unit or position that chairs it (id or glob)")
    members: Many | None = Field(default=None, description="forums with this unit or position among members")


class ProjectWhere(_Strict):
    """Which projects a custom rule checks: every key given must match (a list: any of its entries)."""

    id: Many | None = Field(default=None, description="a glob over project ids")
    name: Many | None = Field(default=None, description="a glob over project names, any case")
    owner: Many | None = Field(default=None, description="the unit that owns it (id or glob)")
    leader: Many | None = Field(default=None, description="the unit or position that leads it")
    part_of: Many | None = Field(default=None, description="delprosjekter of this project (id or glob)")
    steering_group: Many | None = Field(default=None, description="projects with this one in the group")
    working_group: Many | None = Field(default=None, description="projects with it in the working group")


class AgreementWhere(_Strict):
    """Which agreements a custom rule checks: every key given must match (a list: any of its entries)."""

    id: Many | None = Field(default=None, description="a glob over agreement ids")
    name: Many | None = Field(default=None, description="a glob over agreement names, any case")
    kind: Many | None = Field(default=None, description="iks, vertskommune, partnerskap, samarbeidsavtale")
    host: Many | None = Field(default=None, description="the host party (a kommunenummer)")
    parties: Many | None = Field(default=None, description="agreements with this party")
    units: Many | None = Field(default=None, description="agreements with this unit (id or glob)")
    services: Many | None = Field(default=None, description="agreements with this service (id or glob)")


class CommitteeWhere(_Strict):
    """Which committees a custom rule checks: every key given must match (a list: any of its entries)."""

    id: Many | None = Field(default=None, description="a glob over committee ids")
    name: Many | None = Field(default=None, description="a glob over committee names, any case")


class PositionWhere(_Strict):
    """Which positions a custom rule checks: every key given must match (a list: any of its entries)."""

    id: Many | None = Field(default=None, description="a glob over position ids")
    title: Many | None = Field(default=None, description="a glob over position titles, any case")
    unit: Many | None = Field(default=None, description="the unit the position sits in (id or glob)")
    professional_to: Many | None = Field(default=None, description="the unit it reports to professionally")
    personnel: StrictBool | None = Field(default=None, description="whether it has personnel responsibility")
    represents: Many | None = Field(default=None, description="whom it speaks for: employees, safety")


class CollaborationWhere(_Strict):
    """Which collaborations a custom rule checks: every key given must match (a list: any of its entries)."""

    between: Many | None = Field(default=None, description="collaborations with this unit (id or glob)")
    purpose: Many | None = Field(default=None, description="a glob over the purpose, any case")


@dataclass(frozen=True)
class Section:
    """What a custom rule can ask of the items of one section (every key: ``has KEY``, ``lacks KEY``)."""

    name: str
    where: type[BaseModel]
    numbers: tuple[str, ...] = ()
    """Keys compared with a number (``staff >= 1``); ``decimals`` of them take a decimal (``fte``)."""
    decimals: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    """List keys: counted (``members >= 3``) and searched (``parties include employees``)."""
    words: tuple[str, ...] = ()
    """Keys compared with a word or id by ``==`` and ``!=``: ``kind == ledergruppe``, ``owner == radmann``."""
    flags: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    frequency: bool = False
    derived: tuple[str, ...] = ()
    """Counts the model gives without a key of the item: a committee's ``units`` (those answering to it)."""
    inherited: tuple[str, ...] = ()
    """Keys a delprosjekt takes from the project it is part of where it writes none (``part_of``)."""
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The values a key may have (a forum's kind), checked when the ruleset loads."""
    name_key: str | None = "name"
    """The key ``{item.name}`` shows and a ``where`` glob over names reads (a position's ``title``)."""
    texts: tuple[str, ...] = ("name",)
    """Keys a ``where`` glob matches in any case."""

    @property
    def compared(self) -> tuple[str, ...]:
        """Every key a comparison may name."""
        counted = self.lists + self.derived
        return self.numbers + counted + self.words + self.flags + self.dates + self.frequency_key

    @property
    def frequency_key(self) -> tuple[str, ...]:
        """('frequency',) for a section with a frequency, else ()."""
        return ("frequency",) if self.frequency else ()


SECTION_TABLE: dict[str, Section] = {
    "forums": Section(
        "forums",
        ForumWhere,
        lists=("members",),
        words=("kind", "chair"),
        frequency=True,
        enums={"kind": FORUM_KINDS},
    ),
    "projects": Section(
        "projects",
        ProjectWhere,
        lists=("steering_group", "working_group", "parties"),
        words=("owner", "leader", "part_of", "hands_over_to"),
        dates=("ends",),
        inherited=("owner", "steering_group", "parties", "ends", "hands_over_to"),
        enums={"parties": PROJECT_PARTIES},
    ),
    "agreements": Section(
        "agreements",
        AgreementWhere,
        lists=("parties", "units", "services"),
        words=("kind", "host"),
        enums={"kind": AGREEMENT_KINDS},
    ),
    "committees": Section("committees", CommitteeWhere, derived=("units",)),
    "positions": Section(
        "positions",
        PositionWhere,
        numbers=("staff", "fte"),
        decimals=("fte",),
        words=("unit", "professional_to", "represents"),
        flags=("personnel",),
        name_key="title",
        texts=("title",),
        enums={"represents": PROJECT_PARTIES},
    ),
    "collaborations": Section(
        "collaborations",
        CollaborationWhere,
        lists=("between",),
        frequency=True,
        name_key=None,
        texts=("purpose",),
    ),
}
"""The sections beside the units, by name."""

# Translators: what 'orgmodel explain' says a custom rule looks at, one per section
CHECKS_EVERY = {
    "forums": N_("It checks every forum"),
    "projects": N_("It checks every project"),
    "agreements": N_("It checks every agreement"),
    "committees": N_("It checks every committee"),
    "positions": N_("It checks every position"),
    "collaborations": N_("It checks every collaboration"),
}
CHECKS_WHERE = {
    "forums": N_("It checks the forums where:"),
    "projects": N_("It checks the projects where:"),
    "agreements": N_("It checks the agreements where:"),
    "committees": N_("It checks the committees where:"),
    "positions": N_("It checks the positions where:"),
    "collaborations": N_("It checks the collaborations where:"),
}


def section_keys(name: str) -> list[str]:
    """The keys an item of section ``name`` may write (``has KEY``), then the counts the model gives."""
    from orgmodel.schema import ITEM_MODELS

    keys = list(ITEM_MODELS[name].model_fields)
    table = SECTION_TABLE.get(name)
    return keys + [key for key in (table.derived if table else ()) if key not in keys]


def sections_with_key(key: str, but: str) -> list[str]:
    """The sections (a custom rule may look at) whose items write ``key``, ``but`` this one."""
    from orgmodel.schema import ITEM_MODELS

    return [name for name in SECTIONS if name != but and key in ITEM_MODELS[name].model_fields]
