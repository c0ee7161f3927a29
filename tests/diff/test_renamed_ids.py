"""A new id is one change: the sections naming it (forums, collaborations ...) and unit lists follow it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.diff import diff_models

from .helpers import base_units, edit, org

ROOT = Path(__file__).resolve().parents[2]


def _sections(beta: str) -> dict[str, Any]:
    """Every section naming the unit ``beta`` (Beta skole) by its id."""
    return {
        "positions": [
            {"id": "fa-les", "title": "Fagansvarlig lesing", "unit": beta, "professional_to": beta}
        ],
        "forums": [{"id": "lg", "name": "Ledergruppe skole", "chair": beta, "members": ["v-alfa", beta]}],
        "collaborations": [{"between": [beta, "v-nord"], "purpose": "Overgang"}],
        "agreements": [{"id": "avt", "name": "Avtale", "units": [beta]}],
        "projects": [{"id": "prj", "name": "Skolebruk", "owner": beta, "steering_group": [beta]}],
    }


def _reid(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return edit(units, "v-beta", id="v-beta-skole")


def test_a_units_new_id_is_followed_in_every_section() -> None:
    old = org(base_units(), **_sections("v-beta"))
    new = org(_reid(base_units()), **_sections("v-beta-skole"))
    result = diff_models(old, new)
    assert [c.id for c in result.changes] == ["unit-renamed:v-beta->v-beta-skole"]


def test_a_section_that_really_changed_still_shows_beside_a_new_id() -> None:
    old = org(base_units(), **_sections("v-beta"))
    sections = _sections("v-beta-skole")
    sections["forums"][0]["members"] = ["v-beta-skole"]
    result = diff_models(old, org(_reid(base_units()), **sections))
    forum = next(c for c in result.changes if c.kind == "forum-changed")
    assert forum.message == "forum 'Ledergruppe skole' (lg): no longer a member: 'Alfa skole' (v-alfa)"


def _places(kd: str, site: str, service: str, persona: str) -> dict[str, Any]:
    return {
        "kommunedeler": [{"id": kd, "name": "Konnerud", "number": 5}, {"id": "kd1", "name": "Sentrum"}],
        "sites": [{"id": site, "name": "Konnerudsenteret", "kommunedel": kd}],
        "services": [{"id": service, "name": "Hjemmesykepleie", "local": True}],
        "personas": [{"id": persona, "name": "Lise, 45", "kommunedel": kd, "needs": [service]}],
    }


def _placed(kd: str, site: str, service: str) -> list[dict[str, Any]]:
    return edit(base_units(), "v-nord", kommunedeler=[kd, "kd1"], sites=[site], delivers=[service])


def test_a_kommunedel_site_service_and_persona_with_new_ids_are_one_change_each() -> None:
    old = org(_placed("kd5", "kp-k", "hs"), **_places("kd5", "kp-k", "hs", "lise"))
    new = org(
        _placed("kd05", "kp-konnerud", "hjemmesykepleie"),
        **_places("kd05", "kp-konnerud", "hjemmesykepleie", "lise-45"),
    )
    result = diff_models(old, new)
    assert [c.message for c in result.changes] == [
        "the persona 'Lise, 45' has a new id: lise -> lise-45",
        "the kommunedel 'Konnerud' has a new id: kd5 -> kd05",
        "the site 'Konnerudsenteret' has a new id: kp-k -> kp-konnerud",
        "the service 'Hjemmesykepleie' has a new id: hs -> hjemmesykepleie",
    ]
    assert not any(t.changed for t in result.metrics if t.name.endswith("kommunedel"))
    json.dumps([c.after for c in result.changes])


def test_a_new_id_with_a_new_name_is_removed_and_added() -> None:
    old = org(base_units(), kommunedeler=[{"id": "kd5", "name": "Konnerud"}])
    new = org(base_units(), kommunedeler=[{"id": "kd6", "name": "Fjell"}])
    assert [c.kind for c in diff_models(old, new).changes] == ["kommunedel-added", "kommunedel-removed"]


def test_the_drammen_barnevern_with_a_new_id_and_name_is_one_rename_that_moves_nobody(tmp_path: Path) -> None:
    """Tour J's forslag-4a: only the id and the name changed; it was removed + added, 61 people 'affected'."""
    text = (ROOT / "models" / "drammen-2020.yaml").read_text(encoding="utf-8")
    line = '{id: virk-barnevern, name: "Barnevern", kind: virksomhet, level: 3, parent: ks-forebyggende, '
    assert line in text
    old = text.replace(
        "leader: Virksomhetsleder barnevern,", "leader: Virksomhetsleder barnevern, staff: 60,"
    )
    new = old.replace(
        line, line.replace('virk-barnevern, name: "Barnevern"', 'virk-bv, name: "Barneverntjenesten"')
    )
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    paths = [str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")]
    out = CliRunner().invoke(app, ["diff", *paths, "--ruleset", "default", "--fail-on-new", "warning"])
    assert out.exit_code == 0, out.stdout
    assert "'Barnevern' was renamed 'Barneverntjenesten' (id virk-barnevern -> virk-bv)" in out.stdout
    assert "unit-removed" not in out.stdout and "unit-added" not in out.stdout
    assert "new personnel line" not in out.stdout  # nobody affected: before, 61 people
    assert "  0 new findings, 0 resolved, 0 changed, " in out.stdout
