"""The needs a persona gets in its own kommunedel, before and after (tour M: the users' main gain)."""

from __future__ import annotations

from typing import Any

from orgmodel.diff import DiffResult, diff_models

from .helpers import base_units, edit, run, unit

PLACES: dict[str, Any] = {
    "kommunedeler": [{"id": "kd1", "name": "Sentrum"}, {"id": "kd2", "name": "Øst"}],
    "services": [
        {"id": "dagsenter", "name": "Dagsenter", "local": True},
        {"id": "sykehjem", "name": "Sykehjem"},
    ],
    "personas": [
        {"id": "ingrid", "name": "Ingrid, 86", "kommunedel": "kd2", "needs": ["dagsenter", "sykehjem"]}
    ],
}


def _units(dagsenter_in: list[str]) -> list[dict[str, Any]]:
    units = edit(base_units(), "v-nord", kommunedeler=["kd1"], delivers=["dagsenter", "sykehjem"])
    units = edit(units, "v-sor", kommunedeler=["kd2"])
    if "kd2" in dagsenter_in:
        units.append(
            unit("avd-dag-ost", "v-sor", 4, name="Dagsenter Øst", kind="avdeling", delivers=["dagsenter"])
        )
    return units


def persona_local_diff() -> DiffResult:
    """Ingrid's dagsenter comes to her own kommunedel Øst (a unit there delivers it)."""
    return run(_units(["kd1"]), _units(["kd1", "kd2"]), **PLACES)


def test_a_need_now_met_in_the_own_kommunedel_names_the_persona() -> None:
    (change,) = [c for c in persona_local_diff().changes if c.kind == "persona-local-changed"]
    assert change.id == "persona-local-changed:ingrid"
    assert change.message == "Ingrid, 86 (ingrid) now gets 'Dagsenter' in their own kommunedel Øst (kd2)"
    assert change.after == ["dagsenter"] and change.before is None


def test_a_need_no_longer_met_there_and_a_persona_who_moved() -> None:
    back = run(_units(["kd1", "kd2"]), _units(["kd1"]), **PLACES)
    (change,) = [c for c in back.changes if c.kind == "persona-local-changed"]
    assert (
        change.message == "Ingrid, 86 (ingrid) no longer gets 'Dagsenter' in their own kommunedel Øst (kd2)"
    )
    moved = dict(PLACES, personas=[dict(PLACES["personas"][0], kommunedel="kd1")])
    old = run(_units(["kd1"]), _units(["kd1"]), **PLACES).old_model  # she moved: persona-changed says it
    new = run(_units(["kd1", "kd2"]), _units(["kd1", "kd2"]), **moved).new_model
    assert not [c for c in diff_models(old, new).changes if c.kind == "persona-local-changed"]
