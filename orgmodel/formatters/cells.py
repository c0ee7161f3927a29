"""The figures' tables and their cells, and how a name from a model is shown to people.

A cell is text, a number, ``Names`` or None (nothing to show: no leader of that kind, no staff
stated). Text written as ``Name`` is a name from the model: the formats for people (the terminal,
Markdown, the report's HTML) clip it to ``bounds.NAME_LIMIT`` characters with '…' (a model may hold names
of 10,000 characters), the report keeps the whole of it in a ``title``, and CSV and JSON write it
whole. ``Names`` are things of the model (units, forums, kommunedeler) in one cell: people read
their names, CSV their ids. Each format escapes every cell for its medium after clipping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgmodel.bounds import clip_name
from orgmodel.i18n import N_, number

if TYPE_CHECKING:
    from orgmodel.stats.result import Named


class Name(str):
    """Text of a cell that is a name from the model: clipped for people, whole for machines."""

    __slots__ = ()


def shown(name: str) -> str:
    """A name as people see it: cut to ``bounds.NAME_LIMIT`` characters, with '…' where it was cut."""
    return clip_name(name)


@dataclass(frozen=True)
class Names:
    """Things of the model in one cell: by name for people, by id for machines (CSV)."""

    items: tuple[Named, ...]
    prefix: str = ""
    """Words before the list, already translated ('central: '), or nothing."""

    def ids(self) -> str:
        """The cell for machines: the prefix and the ids ('central: virk-a, virk-b')."""
        return self.prefix + ", ".join(item.id for item in self.items)

    def names(self) -> list[str]:
        """The names as people see them, each clipped."""
        return [shown(item.name) for item in self.items]


CellValue = str | int | float | Names | None


def one(id_: str | None, name: str | None) -> Names | None:
    """A cell naming one thing of the model (None when there is none)."""
    if id_ is None:
        return None
    from orgmodel.stats.result import Named

    return Names((Named(id_, name if name is not None else id_),))


def figure(value: float) -> str:
    """A number of a table as the reader's language writes it: 1 256 and 2,5 in bokmål; 3.0 as 3."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return number(value)


# where a local service is delivered for a kommunedel (orgmodel.journeys' availability), in words
AVAILABILITY = {
    "local": N_("local"),
    "central": N_("central"),
    "elsewhere": N_("elsewhere"),
    "none": N_("none"),
}


@dataclass(frozen=True)
class Table:
    """One titled table: a header row and the rows, the first cell of each row its key."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    note: str | None = None
    keys: tuple[str, ...] = ()
    """The key of each row where it is not its first cell (a translated label): CSV's "row" column."""
    column_keys: tuple[str, ...] = ()
    """The key of each column where its head is a name (a service's): CSV's "column"."""

    def row_keys(self) -> list[CellValue]:
        """The key of each row, as machine output (CSV) writes it."""
        return list(self.keys) if self.keys else [row[0] for row in self.rows]

    def columns(self) -> tuple[str, ...]:
        """The head of each column, as machine output (CSV) writes it."""
        return self.column_keys or self.header
