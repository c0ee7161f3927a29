"""A project's ``ends``: a day, a month or a year, as precisely as the plan says (seed 002)."""

from __future__ import annotations

import datetime as dt

import pytest

from orgmodel.api import check_text
from orgmodel.schema_period import Period, compare, parse_period

MODEL = """\
orgmodel: 1
kommune: Røyken
valid_from: 2012-01-01
units:
  - {id: top, name: Rådmann, kind: toppledelse, level: 1, leader: Rådmann}
  - {id: va, name: VA, kind: virksomhet, level: 2, parent: top, leader: Leder}
projects:
  - {id: p, name: Felles arkiv, owner: top, steering_group: [top], parties: [employer, employees],
     ends: ENDS, hands_over_to: va}
"""


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("2011-09-30", dt.date(2011, 9, 30), dt.date(2011, 9, 30)),
        ("2011-12", dt.date(2011, 12, 1), dt.date(2011, 12, 31)),
        ("2012-02", dt.date(2012, 2, 1), dt.date(2012, 2, 29)),  # a leap year's February
        (2011, dt.date(2011, 1, 1), dt.date(2011, 12, 31)),
        ("2011", dt.date(2011, 1, 1), dt.date(2011, 12, 31)),
        (dt.date(2011, 3, 31), dt.date(2011, 3, 31), dt.date(2011, 3, 31)),
    ],
)
def test_a_day_a_month_and_a_year_are_periods_from_their_first_day_to_their_last(
    written: object, first: dt.date, last: dt.date
) -> None:
    period = parse_period(written)
    assert (period.first, period.last, str(period)) == (first, last, str(written))


@pytest.mark.parametrize(
    "written", ["2011-13", "2011-02-30", "20211", "1850", "høsten 2011", True, 2011.5, ""]
)
def test_what_is_no_day_month_or_year_is_refused(written: object) -> None:
    with pytest.raises(ValueError):
        parse_period(written)


def test_a_period_is_before_a_day_only_when_all_of_it_is() -> None:
    assert parse_period("2011-12").before(dt.date(2012, 1, 1))
    assert not parse_period("2012").before(dt.date(2012, 6, 1))
    assert parse_period("2012-01").after(Period("2011", dt.date(2011, 1, 1), dt.date(2011, 12, 31)))
    assert not parse_period("2011-12").after(parse_period("2011"))


@pytest.mark.parametrize(
    ("ends", "ended"), [("2011-12", True), ("2011", True), ("2012", False), ("2012-01", False)]
)
def test_a_project_ending_in_a_month_or_year_has_ended_only_when_the_whole_of_it_lies_before(
    ends: str, ended: bool
) -> None:
    checked = check_text(MODEL.replace("ENDS", ends), name="m.yaml", ruleset="default", select=["OM276"])
    found = [(d.line, d.col, d.key) for d in checked.diagnostics]
    column = MODEL.splitlines()[8].index("ENDS") + 1
    assert found == ([(9, column, "ended")] if ended else [])
    if ended:
        assert f"ends {ends}, before this design takes effect on 2012-01-01" in checked.diagnostics[0].message


def test_a_season_in_words_is_an_error_at_the_value_with_the_month_and_year_to_write() -> None:
    checked = check_text(MODEL.replace("ENDS", "høsten 2011"), name="m.yaml", ruleset="default")
    [found] = checked.diagnostics
    assert (found.code, found.line, found.col) == ("OM010", 9, MODEL.splitlines()[8].index("ENDS") + 1)
    assert found.message.endswith(
        "ends: expected a date (2021-12-31), a month (2021-12) or a year (2021), got 'høsten 2011'"
    )
    assert found.hint == "write the last month it may end in (2011-12 for 'høsten 2011') or the year (2011)"
    wrong_month = check_text(MODEL.replace("ENDS", "2011-13"), name="m.yaml", ruleset="default")
    assert [d.hint for d in wrong_month.diagnostics] == [None]


@pytest.mark.parametrize(
    ("left", "op", "right", "answer"),
    [
        ("2021-12", "<=", "2021-12-31", True),
        ("2021-12", "<", "2021-12-31", None),
        ("2022", ">", "2021-12-31", True),
        ("2021", "<=", "2021-06-30", None),
        ("2021", "<=", "2021", True),  # by the end of 2021
        ("2021-06", "<", "2021", False),  # not before 2021
        ("2021-06", "==", "2021", True),  # in 2021
        ("2021-06-30", "==", "2021-06-30", True),
        ("2021-06", "==", "2021-06-30", None),
        ("2021-06", "!=", "2021-07", True),
        ("2021", ">=", "2022", False),
        ("2022-01", ">", "2021", True),
    ],
)
def test_two_periods_compare_only_where_every_pair_of_days_agrees(
    left: str, op: str, right: str, answer: bool | None
) -> None:
    assert compare(op, parse_period(left), parse_period(right)) is answer
