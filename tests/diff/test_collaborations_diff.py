"""diff of collaborations: two of the same pair of units are two collaborations, matched by purpose.

Seed 004 (Tønsberg/Re, section 6) lists "HR (ukentlig)" twice under one heading, for two purposes
(lines 210 and 213). A collaboration has no id: it is matched by its units, and, where one pair of
units has more than one collaboration on a side, by its purpose as well.
"""

from __future__ import annotations

from typing import Any

from orgmodel.diff import diff_models

from .helpers import org, unit

UNITS = [
    unit("top", None, 1, name="Rådmannen"),
    unit("kultur", "top", 2, name="Kultur"),
    unit("hr", "top", 2, name="HR"),
    unit("skole", "top", 2, name="Skole"),
]
STAFF = {"between": ["kultur", "hr"], "frequency": {"times": 1, "per": "week"}, "purpose": "Ansatte på jobb"}
TERMS = {"between": ["hr", "kultur"], "frequency": {"times": 1, "per": "week"}, "purpose": "Medbestemmelse"}


def _ids(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[tuple[str, str]]:
    result = diff_models(org(UNITS, collaborations=old), org(UNITS, collaborations=new))
    return [(c.id, c.message) for c in result.changes]


def test_two_collaborations_of_one_pair_are_both_seen() -> None:
    assert _ids([STAFF, TERMS], [STAFF, TERMS]) == []
    assert _ids([STAFF, TERMS], [TERMS, STAFF]) == []  # their order is not a change
    weekly_to_daily = {**TERMS, "frequency": {"times": 1, "per": "day"}}
    assert _ids([STAFF, TERMS], [STAFF, weekly_to_daily]) == [
        (
            "collaboration-changed:hr+kultur:Medbestemmelse",
            "collaboration between 'HR' (hr) and 'Kultur' (kultur) ('Medbestemmelse'): "
            "frequency 'weekly' -> 'daily'",
        )
    ]


def test_a_removed_or_an_added_second_collaboration_is_that_one() -> None:
    assert _ids([STAFF, TERMS], [TERMS]) == [
        (
            "collaboration-removed:hr+kultur:Ansatte på jobb",
            "the collaboration between 'Kultur' (kultur) and 'HR' (hr) was removed: "
            "purpose 'Ansatte på jobb'; frequency 'weekly'",
        )
    ]
    assert _ids([TERMS], [STAFF, TERMS]) == [
        (
            "collaboration-added:hr+kultur:Ansatte på jobb",
            "new collaboration between 'Kultur' (kultur) and 'HR' (hr): "
            "purpose 'Ansatte på jobb'; frequency 'weekly'",
        )
    ]


def test_a_new_purpose_of_one_of_two_is_a_change_of_that_one() -> None:
    renamed = {**STAFF, "purpose": "Rekruttering"}
    assert _ids([STAFF, TERMS], [renamed, TERMS]) == [
        (
            "collaboration-changed:hr+kultur:Rekruttering",
            "collaboration between 'Kultur' (kultur) and 'HR' (hr): "
            "purpose 'Ansatte på jobb' -> 'Rekruttering'",
        )
    ]


def test_a_pair_with_one_collaboration_keeps_its_id_and_two_without_purpose_are_told_apart() -> None:
    school = {"between": ["skole", "kultur"], "frequency": {"times": 4, "per": "year"}}
    monthly = {**school, "frequency": {"times": 1, "per": "month"}}
    assert _ids([school, STAFF], [monthly, STAFF]) == [
        (
            "collaboration-changed:kultur+skole",
            "collaboration between 'Skole' (skole) and 'Kultur' (kultur): "
            "frequency '4 times a year' -> 'monthly'",
        )
    ]
    assert _ids([school], [school, monthly]) == [
        (
            "collaboration-added:kultur+skole#2",
            "new collaboration between 'Skole' (skole) and 'Kultur' (kultur): frequency 'monthly'",
        )
    ]
