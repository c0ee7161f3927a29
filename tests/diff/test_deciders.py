"""Who decides a service when a deciding unit is new or gone (tour L: vedtak on tvang moved unseen)."""

from __future__ import annotations

from typing import Any

from .helpers import base_units, edit, run, unit, without

SERVICES = {
    "services": [
        {"id": "tvang", "name": "Tvang og makt (kap. 9)", "category": "helse-og-omsorg"},
        {"id": "hjemme", "name": "Hjemmesykepleie", "category": "helse-og-omsorg"},
    ]
}


def _with_office() -> list[dict[str, Any]]:
    office = unit("tk", "ks-a", 3, name="Tjenestekontoret", kind="virksomhet", authority_level=2)
    return [*edit(base_units(), "v-nord", delivers=["hjemme"]), {**office, "decides": ["tvang", "hjemme"]}]


def test_a_vedtak_moved_from_a_removed_unit_to_a_new_avdeling_is_said_with_its_level() -> None:
    bofellesskap = unit("avd-bo", "v-sor", 4, name="Bofellesskapet", kind="avdeling", authority_level=3)
    new = [
        *edit(without(_with_office(), "tk"), "v-nord", decides=["hjemme"]),
        {**bofellesskap, "decides": ["tvang"]},
    ]
    changes = {c.id: c for c in run(_with_office(), new, **SERVICES).changes}
    tvang = changes["service-decider-changed:tvang"]
    assert tvang.message == (
        "vedtak on 'Tvang og makt (kap. 9)' (tvang) are now decided by 'Bofellesskapet' (avd-bo; avdeling, "
        "level 4, fullmaktsnivå 3); before by 'Tjenestekontoret' (tk; virksomhet, level 3, fullmaktsnivå 2)"
    )
    assert (tvang.before, tvang.after) == (["tk"], ["avd-bo"])
    hjemme = changes["service-decider-changed:hjemme"]  # to a unit on both sides, from a removed one
    assert "now decided by 'Hjemmetjenester Nord' (v-nord; virksomhet, level 3)" in hjemme.message


def test_a_move_between_units_on_both_sides_is_each_units_own_change_only() -> None:
    new = edit(edit(_with_office(), "tk", decides=["hjemme"]), "v-sor", decides=["tvang"])
    result = run(_with_office(), new, **SERVICES)
    assert not [c for c in result.changes if c.kind == "service-decider-changed"]
    assert {c.id for c in result.changes if c.kind == "unit-decides-changed"} == {
        "unit-decides-changed:tk",
        "unit-decides-changed:v-sor",
    }


def test_a_vedtak_no_unit_decides_any_more_and_one_newly_decided() -> None:
    gone = without(_with_office(), "tk")
    (change,) = [c for c in run(_with_office(), gone, **SERVICES).changes if c.id.endswith(":tvang")]
    assert change.message.startswith("vedtak on 'Tvang og makt (kap. 9)' (tvang) are no longer decided by")
    (back,) = [c for c in run(gone, _with_office(), **SERVICES).changes if c.id.endswith(":tvang")]
    assert back.message.endswith("; no unit decided them before")
