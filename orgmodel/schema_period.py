"""When a project ends, as precisely as the plan says it: a day, a month or a year.

Plans give a project's end as a date ("31.12.2021"), a month or a year ("Prosjektperioden varer til
høsten 2011", seed 002). The model writes the day as ``2021-12-31``, the month as ``2011-12`` and
the year as ``2011``; each is a ``Period`` from its first day to its last. A rule compares periods
only where the answer is certain: a project ending in ``2011-09`` has ended before a design that
takes effect on 2011-10-01, but one ending in ``2011`` may still run on 2011-06-01.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEARS = (1900, 2200)  # a year outside is a slip ('20211'), not a plan


@dataclass(frozen=True, slots=True)
class Period:
    """A day, month or year, as written (``text``), from its ``first`` day to its ``last``."""

    text: str
    first: dt.date
    last: dt.date

    def __str__(self) -> str:
        return self.text

    def before(self, day: dt.date) -> bool:
        """Whether the whole period lies before ``day``."""
        return self.last < day

    def after(self, other: Period) -> bool:
        """Whether the whole period lies after the whole of ``other``."""
        return self.first > other.last


def compare(op: str, left: Period, right: Period) -> bool | None:
    """``left OP right`` when every day of ``left`` gives the same answer, else None (not certain).

    ``right`` is read as a planner reads a month or a year: ``<= 2021`` is "by the end of 2021",
    ``< 2021`` "before 2021", ``>= 2021`` "from 2021 on", ``> 2021`` "after 2021" and ``== 2021``
    "in 2021". A project ending in ``2021-12`` keeps ``<= 2021-12-31`` on every day of its month; one
    ending in ``2021`` keeps ``<= 2021-06-30`` on some days only, so a rule cannot say.
    """
    if op in ("==", "!="):
        inside = right.first <= left.first and left.last <= right.last
        outside = left.last < right.first or right.last < left.first
        answer = True if inside else False if outside else None
        return answer if answer is None or op == "==" else not answer
    test = _BOUND[op]
    first, last = test(left.first, right), test(left.last, right)
    return first if first == last else None


_BOUND: dict[str, Callable[[dt.date, Period], bool]] = {
    "<": lambda day, period: day < period.first,
    "<=": lambda day, period: day <= period.last,
    ">": lambda day, period: day > period.last,
    ">=": lambda day, period: day >= period.first,
}


def _refused(value: Any) -> PydanticCustomError:
    return PydanticCustomError("period", "expected a date, a month or a year", {"value": value})


def _month(year: int, month: int, text: str) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(text, dt.date(year, month, 1), dt.date(year, month, last))


def parse_period(value: Any) -> Period:
    """A ``Period`` from the file's value: ``2021-12-31``, ``2021-12`` or ``2021`` (a number or text)."""
    if isinstance(value, Period):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Period(value.isoformat(), value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _refused(value)
    text = value.strip()
    try:
        if day := _DAY.match(text):
            date = dt.date(*(int(part) for part in day.groups()))
            return Period(text, date, date)
        if month := _MONTH.match(text):
            return _month(int(month[1]), int(month[2]), text)
    except ValueError:  # 2021-02-30, 2021-13
        raise _refused(value) from None
    if text.isascii() and text.isdigit() and YEARS[0] <= int(text) <= YEARS[1]:
        year = int(text)
        return Period(text, dt.date(year, 1, 1), dt.date(year, 12, 31))
    raise _refused(value)


_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
        {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
    ]
}

PeriodField = Annotated[
    Period,
    PlainValidator(parse_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_SCHEMA),
]
