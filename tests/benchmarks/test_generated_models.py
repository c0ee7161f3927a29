"""The benchmark generator makes valid, realistic models, and variants with a known number of findings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from generate_model import FINDING_KINDS, expected_findings, generate
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.engine import check_bytes
from orgmodel.rule import Rule
from orgmodel.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rules() -> list[Rule[Any]]:
    return load_ruleset(ROOT / "rules" / "default.yaml").instances()


def test_generation_is_deterministic_and_seeded() -> None:
    assert generate(500, seed=3) == generate(500, seed=3)
    assert generate(500, seed=3) != generate(500, seed=4)


@pytest.mark.parametrize("units", [40, 50, 99, 100, 1_000, 2_345])
def test_exact_unit_count(units: int) -> None:
    data = yaml.load(generate(units), Loader=yaml.CSafeLoader)
    assert len(data["units"]) == units


@pytest.mark.parametrize("units", [1_000, 10_000])
def test_generated_models_pass_the_default_ruleset(units: int, rules: list[Rule[Any]]) -> None:
    result = check_bytes("model.yaml", generate(units).encode(), rules)
    assert result.rules_run
    assert [(d.line, d.code, d.message) for d in result.diagnostics] == []


@pytest.mark.parametrize("units", [40, 50, 63, 77, 99, 100, 150, 250, 400])
def test_small_municipalities_pass_the_default_ruleset(units: int, rules: list[Rule[Any]]) -> None:
    for seed in (1, 2):
        result = check_bytes("model.yaml", generate(units, seed=seed).encode(), rules)
        assert result.rules_run
        assert [(d.line, d.code, d.message) for d in result.diagnostics] == []


def test_a_small_municipality_has_fewer_areas_and_kommunedeler() -> None:
    data = yaml.load(generate(50), Loader=yaml.CSafeLoader)
    levels = Counter(u["level"] for u in data["units"])
    assert levels[1] == 1 + 5  # the rådmann and five direktører
    assert levels[2] == 8 and levels[3] == 16
    assert len(data["kommunedeler"]) == 5
    with pytest.raises(ValueError, match="at least 40 units"):
        generate(39)


def test_orgmodel_check_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "model-1k.yaml"
    path.write_text(generate(1_000, seed=7), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--ruleset", str(ROOT / "rules" / "default.yaml"), str(path)])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings in 1 file (1000 units checked)" in result.output


def test_the_shape_is_realistic() -> None:
    data = yaml.load(generate(10_000), Loader=yaml.CSafeLoader)
    units = data["units"]
    by_id = {u["id"]: u for u in units}
    assert Counter(u["level"] for u in units).keys() == {1, 2, 3, 4, 5}
    children = Counter(u.get("parent") for u in units)
    spans = [children[u["id"]] + u.get("staff", 0) for u in units if children[u["id"]] or u.get("staff")]
    assert min(spans) >= 2 and max(spans) <= 30
    assert all(u.get("leader") for u in units)
    assert all(u.get("budget") for u in units if children[u["id"]] or u.get("staff"))
    hubs = [s for s in data["sites"] if s.get("kind") == "knutepunkt"]
    assert sorted(s["kommunedel"] for s in hubs) == sorted(k["id"] for k in data["kommunedeler"])
    for hub in hubs:
        parents = {u["parent"] for u in units if hub["id"] in u.get("sites", [])}
        assert len(parents) >= 2, hub
    for service in (s for s in data["services"] if s.get("local")):
        served = {
            kd for u in units if service["id"] in u.get("delivers", []) for kd in u.get("kommunedeler", [])
        }
        assert served == {k["id"] for k in data["kommunedeler"]}, service["id"]
    care = {s["id"] for s in data["services"] if s.get("vedtak") and s.get("category") == "helse-og-omsorg"}
    deciders = [u for u in units if care & set(u.get("decides", []))]
    assert len(deciders) == 1 and set(deciders[0]["decides"]) >= care
    assert data["personas"] and any(u.get("functional") for u in units)
    text = generate(10_000)
    assert text.count("&") > 5 and text.count("*") > 5 and text.count("#") > 10
    assert by_id["radmann"]["level"] == 1


@pytest.mark.parametrize("count", [1, 5, 12])
def test_variants_have_exactly_the_planted_findings(count: int, rules: list[Rule[Any]]) -> None:
    codes = expected_findings(1_000, seed=2, findings=count)
    assert len(codes) == count and set(codes) <= set(FINDING_KINDS)
    result = check_bytes("model.yaml", generate(1_000, seed=2, findings=count).encode(), rules)
    assert sorted(d.code for d in result.diagnostics) == sorted(codes)
