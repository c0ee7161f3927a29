"""Two units that could both meet a persona's need: which one trace names is no change of the design."""

from __future__ import annotations

from typing import Any

from orgmodel.diff import diff_models

from .helpers import base_units, edit, org

KD = {
    "kommunedeler": [{"id": "kd1", "name": "Sentrum"}],
    "services": [{"id": "hjemme", "name": "Hjemmetjenester"}],
}
PERSONA = {"personas": [{"id": "kari", "name": "Kari, 84", "kommunedel": "kd1", "needs": ["hjemme"]}]}


def _both_deliver() -> list[dict[str, Any]]:
    units = edit(base_units(), "v-nord", delivers=["hjemme"], kommunedeler=["kd1"])
    return edit(units, "v-sor", delivers=["hjemme"], kommunedeler=["kd1"])


def _swapped(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same units, Sør's lines above Nord's."""
    nord = next(i for i, u in enumerate(units) if u["id"] == "v-nord")
    sor = next(i for i, u in enumerate(units) if u["id"] == "v-sor")
    out = list(units)
    out[nord], out[sor] = units[sor], units[nord]
    return out


def test_reordering_two_units_that_serve_the_persona_is_no_change() -> None:
    old = org(_both_deliver(), **KD, **PERSONA)
    new = org(_swapped(_both_deliver()), **KD, **PERSONA)
    assert diff_models(old, new).changes == []


def test_a_unit_that_stops_serving_the_persona_is_still_a_change() -> None:
    old = org(_swapped(_both_deliver()), **KD, **PERSONA)
    units = edit(_swapped(_both_deliver()), "v-sor", delivers=None, kommunedeler=None)
    changes = [
        c for c in diff_models(old, org(units, **KD, **PERSONA)).changes if c.kind.startswith("persona")
    ]
    assert [c.id for c in changes] == ["persona-contact-changed:kari"]
    assert changes[0].message == (
        "Kari, 84 (kari) meets 1 unit (was 1): now 'Hjemmetjenester Nord' (v-nord) "
        "instead of 'Hjemmetjenester Sør' (v-sor)"
    )
