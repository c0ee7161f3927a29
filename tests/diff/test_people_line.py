"""The head count of new personnel lines: shown when the structure changed, not for a persona's wording."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from orgmodel.cli import app

from .helpers import base_units, edit

KD = [{"id": "kd1", "name": "Nord"}]
SERVICES = [{"id": "hjemmesykepleie", "name": "Hjemmesykepleie"}]


def _files(tmp_path: Path, old: dict, new: dict) -> tuple[str, str]:  # type: ignore[type-arg]
    paths = []
    for name, data in (("old.yaml", old), ("new.yaml", new)):
        body = {"orgmodel": 1, "kommune": "Testby", "kommunedeler": KD, "services": SERVICES, **data}
        text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths[0], paths[1]


def _diff(*args: str) -> str:
    result = CliRunner().invoke(app, ["diff", *args, "--isolated", "--ruleset", "default"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _persona(description: str) -> dict:  # type: ignore[type-arg]
    return {"id": "kari", "name": "Kari, 84", "kommunedel": "kd1", "description": description}


def test_a_persona_only_change_prints_no_head_count(tmp_path: Path) -> None:
    """Tour F finding 8: '0 people get a new personnel line' headed a diff that moved nobody."""
    old, new = _files(
        tmp_path,
        {"units": base_units(), "personas": [_persona("Bor hjemme")]},
        {"units": base_units(), "personas": [_persona("Bor hjemme alene")]},
    )
    out = _diff(old, new)
    assert "People affected" in out and "[persona-changed:kari]" in out
    assert "get a new personnel line" not in out
    markdown = _diff(old, new, "--format", "markdown")
    assert "| **People affected** | 1 persona changed |" in markdown


def test_a_structure_change_beside_a_persona_change_keeps_the_head_count(tmp_path: Path) -> None:
    old, new = _files(
        tmp_path,
        {"units": base_units(), "personas": [_persona("Bor hjemme")]},
        {"units": edit(base_units(), "v-alfa", name="Alfa barneskole"), "personas": [_persona("Bor alene")]},
    )
    assert "  0 people get a new personnel line" in _diff(old, new)
