"""Who represents the employees and the safety side in a project's steering group (OM276, tour K item 5).

A position says whom it speaks for with ``represents:``, in the words of a project's ``parties``:
``employees`` for a tillitsvalgt, ``safety`` for a verneombud (seed 002: Nedre Eiker's steering group
holds "tre tillitsvalgte ... hovedvernombud"). A side is judged only where the model marks at least one
position for it: a model that marks nobody does not say who its tillitsvalgte are, and what a model
does not state is no breach.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from orgmodel.hints import or_list
from orgmodel.i18n import ngettext
from orgmodel.rules._principles import words
from orgmodel.schema_sections import Position, Project

Party = Literal["employer", "employees", "safety"]
Marked = dict[str, list[str]]
"""Side -> the ids of the positions that represent it, in file order."""

JUDGED: tuple[Party, ...] = ("employees", "safety")
"""The sides a steering group must hold a representative of; the units in it are the employer."""

_SHOWN = 3  # ids named per side in a hint before "N more"


def represented_by(positions: Iterable[Position]) -> Marked:
    """The positions that represent each judged side, by the side (a side nobody represents is absent)."""
    out: Marked = {}
    for position in positions:
        side = position.represents
        if side in JUDGED and position.id not in out.get(side, []):
            out.setdefault(side, []).append(position.id)
    return out


def needed_sides(parties: object, group: set[str], marked: Marked) -> list[Party]:
    """The judged sides among ``parties`` that ``group`` holds none of ``marked``'s representatives of."""
    if not isinstance(parties, list):
        return []  # no parties stated (nor inherited): how the project involves the employees is not said
    return [side for side in JUDGED if side in parties and side in marked and not group & set(marked[side])]


def candidates(sides: Sequence[Party], marked: Marked) -> str:
    """The positions that could sit for ``sides``, as a hint names them.

    "'htv-fo'" for one side; "'htv-fo' or 'htv-nsf' (employees) and 'hvo' (safety)" for two.
    """
    parts = []
    for side in sides:
        ids = [f"'{pid}'" for pid in marked.get(side, [])]
        if len(ids) > _SHOWN:
            rest = len(ids) - _SHOWN + 1
            ids = [*ids[: _SHOWN - 1], ngettext("{count} more", "{count} more", rest).format(count=rest)]
        named = or_list(ids)
        parts.append(named if len(sides) == 1 else f"{named} ({side})")
    return words(parts)


def first_along(chain: list[Project], key: str) -> object:
    """The first value of ``key`` along a delprosjekt's chain of projects (None where none writes one)."""
    for project in chain:
        value = getattr(project, key)
        if value:  # an empty steering group is no steering group
            return value
    return None


def unrepresented(chain: list[Project], marked: Marked) -> list[Party]:
    """The sides among a project's parties its steering group and working group hold no representative of.

    The employees may take part through the working group rather than the steering group (seed 002:
    the VA study's arbeidsutvalg, with members from Fagforbundet, NITO and TEKNA).
    """
    group = first_along(chain, "steering_group")
    if not isinstance(group, list):
        return []  # no steering group: the missing key is reported, naming the representatives
    working = first_along(chain, "working_group")
    held = set(group) | (set(working) if isinstance(working, list) else set())
    return needed_sides(first_along(chain, "parties"), held, marked)


def unrepresented_words(working_group: bool, count: int) -> str:
    """OM276's message for ``count`` unrepresented sides, naming the working group when there is one."""
    if working_group:
        return ngettext(
            "neither the steering group nor the working group of the project '{name}' ({id}) holds a "
            "position that represents {sides}, a side among the project's parties: a "
            "trepartssamarbeid is prepared with the employees' representatives",
            "neither the steering group nor the working group of the project '{name}' ({id}) holds a "
            "position that represents {sides}, both sides among the project's parties: a "
            "trepartssamarbeid is prepared with the employees' representatives",
            count,
        )
    return ngettext(
        "the steering group of the project '{name}' ({id}) holds no position that represents "
        "{sides}, a side among the project's parties: a trepartssamarbeid is steered with the "
        "employees' representatives",
        "the steering group of the project '{name}' ({id}) holds no position that represents "
        "{sides}, both sides among the project's parties: a trepartssamarbeid is steered with "
        "the employees' representatives",
        count,
    )
