"""Property tests: any two models diff without error, a model against itself has no change, ids are unique."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.diff import diff_models

from .helpers import org

WORDS = ["Skole", "Omsorg", "Nord", "Sør", "Hjemmetjenester", "Kultur", "og", "Øren", "1", "2"]


@st.composite
def models(draw: st.DrawFn) -> Any:
    count = draw(st.integers(min_value=1, max_value=14))
    ids = [f"u{draw(st.integers(0, 20))}" for _ in range(count)]
    units = []
    for index, uid in enumerate(ids):
        parent = draw(st.one_of(st.none(), st.sampled_from([*ids[: index + 1], "ghost"])))
        name = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
        unit: dict[str, Any] = {"id": uid, "name": name, "level": draw(st.integers(1, 5))}
        if parent is not None:
            unit["parent"] = parent
        if draw(st.booleans()):
            unit["staff"] = draw(st.integers(0, 40))
        if draw(st.booleans()):
            unit["kommunedeler"] = draw(st.lists(st.sampled_from(["kd1", "kd2"]), max_size=2, unique=True))
            unit["delivers"] = ["s"]
        units.append(unit)
    return org(
        units,
        kommunedeler=[{"id": "kd1", "name": "Nord"}, {"id": "kd2", "name": "Sør"}],
        services=[{"id": "s", "name": "Tjeneste", "local": True, "vedtak": True}],
        personas=[{"id": "p", "name": "P", "kommunedel": "kd2", "needs": ["s"]}],
    )


@settings(max_examples=100, deadline=None)
@given(models(), models())
def test_any_two_models_diff_and_ids_are_unique(old: Any, new: Any) -> None:
    result = diff_models(old, new)
    ids = [c.id for c in result.changes]
    assert len(ids) == len(set(ids))
    assert all(c.message for c in result.changes)


@settings(max_examples=100, deadline=None)
@given(models())
def test_a_model_against_itself_has_no_change(model: Any) -> None:
    result = diff_models(model, model)
    assert result.changes == []
