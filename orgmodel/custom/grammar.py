"""The grammar of a ruleset's ``custom:`` section, as pydantic models (unknown keys are errors).

One entry::

    custom:
      - code: OPP001                       # your own prefix (not OM), letters then digits
        name: oppvekst-robust-virksomhet   # kebab-case, unique among all rules
        summary: Every virksomhet under Oppvekst has budget responsibility and at least 8 people.
        severity: warning                  # error (the default) | warning | info
        of: units                          # what it looks at: units (the default), forums, projects, ...
        where:                             # which of them the rule checks; every key given must match
          kind: virksomhet
          under: dir-oppvekst
        require:                           # what each of them must satisfy; one finding per broken line
          - budget == true
          - people >= 8
        message: "{unit} has {field} {value}, the rule asks {condition}"
        examples: {pass: [...], fail: [...]}   # model snippets for 'orgmodel rules test'
"""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from orgmodel.bounds import clip_text
from orgmodel.custom.items import SECTION_TABLE, SectionName, sections_with_key
from orgmodel.i18n import _

Many = StrictStr | list[StrictStr]
Roles = Literal["top", "leaders_of_leaders", "first_line"]
CODE_PATTERN = r"^[A-Z]{1,10}[0-9]{1,6}$"
NAME_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Where(_Strict):
    """Which units a custom rule checks: every key given must match (a list: any of its entries)."""

    kind: Many | None = Field(default=None, description="the unit's kind (virksomhet, avdeling, ...)")
    role: Roles | list[Roles] | None = Field(
        default=None, description="top, leaders_of_leaders or first_line, as span-of-control decides them"
    )
    level: StrictInt | list[StrictInt] | None = Field(default=None, description="the declared level")
    id: Many | None = Field(default=None, description="a glob over unit ids: 'skole-*'")
    name: Many | None = Field(default=None, description="a glob over unit names, any case: '*skole*'")
    under: Many | None = Field(default=None, description="units anywhere below this unit (its id)")
    delivers: Many | None = Field(default=None, description="units delivering this service (id or glob)")
    decides: Many | None = Field(default=None, description="units deciding this service (id or glob)")
    delivers_category: Many | None = Field(default=None, description="units delivering a service of it")
    decides_category: Many | None = Field(default=None, description="units deciding a service of it")


class Example(_Strict):
    """A model snippet for ``orgmodel rules test``; a failing one may say where the finding is."""

    model: StrictStr
    line: Annotated[StrictInt, Field(ge=1)] | None = None


class Examples(_Strict):
    """Snippets the rule must pass (no finding) and must fail (a finding, at ``line`` when given)."""

    pass_: list[StrictStr | Example] = Field(default_factory=list, alias="pass")
    fail: list[StrictStr | Example] = Field(default_factory=list)


class CustomSpec(_Strict):
    """One rule written in a ruleset."""

    code: Annotated[StrictStr, Field(pattern=CODE_PATTERN)]
    name: Annotated[StrictStr, Field(pattern=NAME_PATTERN, max_length=80)]
    summary: Annotated[StrictStr, Field(min_length=1, max_length=300)]
    description: StrictStr | None = None
    severity: Literal["error", "warning", "info"] = "error"
    of: SectionName = "units"
    where: dict[StrictStr, Any] = Field(default_factory=dict)
    """Validated by the section's own model (``Where`` for units, ``items.SECTION_TABLE``'s for the rest)."""
    require: list[StrictStr] = Field(default_factory=list)
    at_most: Annotated[StrictInt, Field(ge=0)] | None = None
    required: StrictBool = False
    message: Annotated[StrictStr, Field(min_length=1, max_length=1000)] | None = None
    hint: Annotated[StrictStr, Field(min_length=1, max_length=1000)] | None = None
    examples: Examples = Field(default_factory=Examples)


KEYS = tuple(field.alias or name for name, field in CustomSpec.model_fields.items())

PLACEHOLDERS = {
    "item": "what the rule looks at as messages name it: 'Name' (id), the forum 'Name' (id), ...",
    "item.id": "its id (a collaboration's: its units' ids joined by '+')",
    "item.name": "its name (a position's title; a collaboration's: its units' names)",
    "item.kind": "its kind ('not stated' when it has none): units, forums and agreements",
    "unit": "the unit as messages name it: 'Name' (id)",
    "unit.id": "the unit's id",
    "unit.name": "the unit's name",
    "unit.kind": "the unit's kind ('not stated' when it has none)",
    "unit.level": "the unit's declared level",
    "field": "what the broken condition compares: staff, people, budget, site, ...",
    "value": "the unit's value of it ('not stated' when the unit does not state it)",
    "limit": "what the condition asks: 8 in 'people >= 8'; the N of at_most",
    "condition": "the broken condition as written: 'people >= 8'",
    "count": "at_most: how many match",
    "rule.code": "the rule's code",
    "rule.name": "the rule's name",
}


ITEM_ONLY = ("item", "item.id", "item.name", "item.kind")
UNIT_ONLY = ("unit", "unit.id", "unit.name", "unit.kind", "unit.level")


def placeholder_names(section: str) -> list[str]:
    """The placeholders a rule on ``section`` may use: ``{unit...}`` on units, ``{item.kind}`` with a kind."""
    if section == "units":
        return list(PLACEHOLDERS)
    kinds = section in ("forums", "agreements")
    return [name for name in PLACEHOLDERS if name not in UNIT_ONLY and (kinds or name != "item.kind")]


def where_model(section: str) -> type[BaseModel]:
    """The model a rule's ``where:`` is read by: ``Where`` for units, the section's own for the rest."""
    return Where if section == "units" else SECTION_TABLE[section].where


def placeholders(text: str) -> list[str]:
    """The placeholders a message or hint uses; ValueError for a broken brace or a format spec."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(
                _("'{placeholder}' takes no format: write {placeholder}").format(placeholder="{" + name + "}")
            )
        names.append(name)
    return names


FILLED_LIMIT = 2_000
"""The most characters of a filled message or hint: a message of 166 ``{unit}`` placeholders over
10,000-character names would otherwise print gigabytes (each value is clipped to 200 as well)."""


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each placeholder replaced (checked by ``placeholders`` when the ruleset loaded)."""
    out = []
    for literal, name, _spec, _conversion in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(clip_text(values.get(name, "{" + name + "}"), 200))
    return clip_text("".join(out), FILLED_LIMIT)


def other_sections_key(key: str) -> list[str]:
    """The sections beside the units whose items write ``key`` ('steering_group': projects), if units do not.

    A rule on units asked 'has steering_group' means a project's key, and the message says so
    (and to write ``of: projects``) rather than guess a unit key that looks alike.
    """
    from orgmodel.schema import ITEM_MODELS, Unit

    if key in Unit.model_fields:
        return []
    named = sections_with_key(key, but="units")
    return named or [section for section, item in ITEM_MODELS.items() if key in item.model_fields]
