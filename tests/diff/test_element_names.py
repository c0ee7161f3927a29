"""The ids an element names are shown with their names: personas, forums, collaborations (tour F 3-5)."""

from __future__ import annotations

from typing import Any

from orgmodel.diff import diff_models

from .helpers import base_units, org

PLACES: dict[str, Any] = {
    "kommunedeler": [{"id": "kd2", "name": "Krokstadelva/Stenseth"}, {"id": "kd5", "name": "Konnerud"}],
    "services": [{"id": "helsehus", "name": "Korttidsopphold i helsehuset"}],
}


def _messages(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [
        c.message
        for c in diff_models(org(base_units(), **PLACES, **old), org(base_units(), **PLACES, **new)).changes
    ]


def test_a_personas_kommunedel_and_needs_are_named() -> None:
    lise = {"id": "lise", "name": "Lise, 45", "kommunedel": "kd2", "needs": []}
    moved = {**lise, "kommunedel": "kd5", "needs": ["helsehus"]}
    assert _messages({"personas": [lise]}, {"personas": [moved]}) == [
        "persona 'Lise, 45' (lise): kommunedel 'Krokstadelva/Stenseth' (kd2) -> 'Konnerud' (kd5); "
        "needs adds 'Korttidsopphold i helsehuset' (helsehus)"
    ]


def test_a_forum_member_dropped_with_its_position_is_named_by_old() -> None:
    position = {"id": "da-helse", "title": "Digital agent helse", "unit": "ks-a"}
    forum = {"id": "lg", "name": "Ledergruppe helse", "chair": "ks-a", "members": ["da-helse"]}
    assert _messages(
        {"positions": [position], "forums": [forum]}, {"forums": [{**forum, "members": []}]}
    ) == [
        "the position 'Digital agent helse' (da-helse) in 'Hjemmetjenester' (ks-a) was removed",
        "forum 'Ledergruppe helse' (lg): no longer a member: 'Digital agent helse' (da-helse)",
    ]


def test_a_new_collaboration_says_between_whom_what_for_and_how_often() -> None:
    collaboration = {
        "between": ["v-nord", "v-alfa"],
        "purpose": "Felles oppfølging av barn med sammensatte behov",
        "frequency": {"times": 1, "per": "week"},
    }
    assert _messages({}, {"collaborations": [collaboration]}) == [
        "new collaboration between 'Hjemmetjenester Nord' (v-nord) and 'Alfa skole' (v-alfa): "
        "purpose 'Felles oppfølging av barn med sammensatte behov'; frequency 'weekly'"
    ]
