"""Small builders for diff tests: models from dicts, so each test states only what it changes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from orgmodel.diff import DiffResult, diff_models
from orgmodel.schema import OrgModel


def unit(uid: str, parent: str | None = None, level: int = 3, **fields: Any) -> dict[str, Any]:
    """A unit mapping with a readable default name."""
    data: dict[str, Any] = {
        "id": uid,
        "name": fields.pop("name", uid.replace("-", " ").title()),
        "level": level,
    }
    if parent is not None:
        data["parent"] = parent
    data.update(fields)
    return data


def base_units() -> list[dict[str, Any]]:
    """A small tree: top, two direktørområder, a kommunalsjef and some virksomheter."""
    return [
        unit("top", None, 1, name="Rådmannens lederteam"),
        unit("dir-a", "top", 1, name="Omsorg"),
        unit("dir-b", "top", 1, name="Oppvekst"),
        unit("ks-a", "dir-a", 2, name="Hjemmetjenester"),
        unit("v-nord", "ks-a", 3, name="Hjemmetjenester Nord", kind="virksomhet", staff=10),
        unit("v-sor", "ks-a", 3, name="Hjemmetjenester Sør", kind="virksomhet", staff=12),
        unit("avd-1", "v-sor", 4, name="Nattjeneste", kind="avdeling", staff=4),
        unit("ks-b", "dir-b", 2, name="Skole"),
        unit("v-alfa", "ks-b", 3, name="Alfa skole", kind="virksomhet", staff=20),
        unit("v-beta", "ks-b", 3, name="Beta skole", kind="virksomhet", staff=6),
    ]


def org(units: list[dict[str, Any]], **extra: Any) -> OrgModel:
    """A model from unit mappings and other top-level keys."""
    return OrgModel.model_validate({"orgmodel": 1, "kommune": "Testby", "units": units, **extra})


def edit(units: list[dict[str, Any]], uid: str, **fields: Any) -> list[dict[str, Any]]:
    """A copy of ``units`` with one unit's fields changed (None removes a field)."""
    out = copy.deepcopy(units)
    for data in out:
        if data["id"] == uid:
            for key, value in fields.items():
                if value is None:
                    data.pop(key, None)
                else:
                    data[key] = value
    return out


def without(units: list[dict[str, Any]], *uids: str) -> list[dict[str, Any]]:
    """A copy of ``units`` without these units."""
    return [copy.deepcopy(u) for u in units if u["id"] not in uids]


def run(old: list[dict[str, Any]], new: list[dict[str, Any]], **extra: Any) -> DiffResult:
    """Diff two unit lists (other top-level keys shared)."""
    return diff_models(org(old, **extra), org(new, **extra))


def kinds(result: DiffResult) -> list[tuple[str, str | None]]:
    """(kind, unit) of every change, in order."""
    return [(c.kind, c.unit) for c in result.changes]


def ids(result: DiffResult) -> set[str]:
    """The ids of every change."""
    return {c.id for c in result.changes}


SECTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "sections"
"""old.yaml and new.yaml: every one of issue 15's keys, with every kind of change between them."""


def load_model(path: Path) -> OrgModel:
    """A model file that must load (through the engine, references checked)."""
    from orgmodel.engine import check_file

    result = check_file(path, [])
    assert result.model is not None, [d.message for d in result.diagnostics]
    return result.model
