"""``orgmodel stats`` through the CLI: exit codes, every format against its snapshot, the help.

ORGMODEL_UPDATE_SNAPSHOTS=1 rewrites the snapshots in tests/fixtures/stats/; review them with git diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel import __version__
from orgmodel.cli import app

STATS = FIXTURES / "stats"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "csv": "csv"}


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["stats", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_each_format_matches_its_snapshot(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    code, out, err = _run(monkeypatch, "--format", fmt, "tests/fixtures/stats/buckets.yaml")
    assert (code, err) == (0, "")
    out = out.replace(f'"version": "{__version__}"', '"version": "<version>"')
    path = STATS / f"buckets.{SUFFIX[fmt]}"
    if os.environ.get("ORGMODEL_UPDATE_SNAPSHOTS") == "1":
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_json_holds_the_typed_result(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = _run(monkeypatch, "--format", "json", "models/drammen-2020.yaml")
    document = json.loads(out)
    assert code == 0
    assert document["command"] == "stats"
    assert document["stats"]["units"] == 154
    assert [row["units"] for row in document["stats"]["levels"]] == [9, 20, 84, 41]


def test_findings_do_not_change_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    # buckets.yaml has 3 errors under 'orgmodel check'; stats describes it and exits 0
    assert _run(monkeypatch, "tests/fixtures/stats/buckets.yaml")[0] == 0


def test_a_model_with_load_errors_is_reported_as_check_reports_it_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgmodel: 1\nkommune: X\nunits:\n  - {id: a, name: A, level: 1, parent: zz}\n")
    code, out, err = _run(monkeypatch, str(bad))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{bad}:4:40: OM021 unknown-reference [error] units[0] (id 'a').parent: no unit has the id 'zz'",
        f"orgmodel: {bad} is not a valid model; 'orgmodel check' shows why",
    ]


def test_usage_errors_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(monkeypatch, "nowhere.yaml")[::2] == (
        2,
        "orgmodel: nowhere.yaml: no such file or directory\n",
    )
    assert _run(monkeypatch, "models")[::2] == (
        2,
        "orgmodel: models holds 4 model files; name one model file\n",
    )
    code, _, err = _run(monkeypatch, "--format", "sarif", "models/drammen-2020.yaml")
    assert code == 2 and "'sarif' is not one of text, json, markdown, csv" in err
    code, _, err = _run(monkeypatch, "--ruleset", "nosuch", "models/drammen-2020.yaml")
    assert code == 2 and "nosuch" in err


def test_stats_does_not_write_to_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    before = (STATS / "buckets.yaml").read_bytes()
    _run(monkeypatch, "--format", "csv", "tests/fixtures/stats/buckets.yaml")
    assert (STATS / "buckets.yaml").read_bytes() == before


def test_the_configuration_files_ruleset_gives_the_limits(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".orgmodel.yaml").write_text("ruleset: narrow.yaml\n")
    (tmp_path / "narrow.yaml").write_text(
        "orgmodel-ruleset: 1\nextends: default\nrules:\n"
        "  span-of-control:\n    first_line: {warn_above: 10, max: 12}\n"
    )
    (tmp_path / "m.yaml").write_bytes((STATS / "buckets.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["stats", "--format", "json", "m.yaml"])
    outside = json.loads(result.stdout)["stats"]["spans"]["outside_limits"]
    assert [o["unit"] for o in outside] == ["hj-nord", "hj-sor", "stab", "bib"]
    shipped = CliRunner().invoke(app, ["stats", "--format", "json", "--ruleset", "default", "m.yaml"])
    assert [o["unit"] for o in json.loads(shipped.stdout)["stats"]["spans"]["outside_limits"]] == [
        "stab",
        "bib",
    ]


def test_a_two_level_model_has_areas_under_the_top_not_direktor_areas(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Asker (seed 001): the kommunalsjefer sit in the top team; the areas under it are theirs
    code, out, _err = _run(monkeypatch, "tests/fixtures/asker/two-level.yaml", "--ruleset", "asker-2020")
    assert code == 0
    assert "\nPeople per area under the top\n  area under the top " in out
    assert "direktørområde" not in out
    code, out, _err = _run(monkeypatch, "models/drammen-2020.yaml", "--ruleset", "drammen-2020")
    assert "\nPeople per direktørområde\n  direktørområde " in out
    code, out, _err = _run(monkeypatch, "tests/fixtures/asker/two-level.yaml", "--format", "json")
    assert json.loads(out)["stats"]["direktor_tier"] is False


def test_a_long_list_of_units_in_a_coverage_cell_is_cut_in_the_text(tmp_path: Path) -> None:
    """Tour G: 90 schools listed in one cell made the table several screens wide; JSON keeps them all."""
    schools = "".join(
        f"  - {{id: skole-nummer-{i:02}, name: Skole {i}, level: 2, parent: kd, leader: Rektor, "
        f"kommunedeler: [kd1], delivers: [grunnskole]}}\n"
        for i in range(12)
    )
    model = tmp_path / "m.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: Storby\nkommunedeler: [{id: kd1, number: 1, name: Nord}]\n"
        "services: [{id: grunnskole, name: Grunnskole, local: true}]\n"
        "units:\n  - {id: kd, name: Kommunedirektør, level: 1, leader: Kommunedirektør}\n" + schools,
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["stats", str(model)])
    assert result.exit_code == 0
    coverage = result.stdout.split("Local services per kommunedel (who delivers)\n", 1)[1]
    row = next(line for line in coverage.splitlines() if line.startswith("  Nord "))
    # the units by name (tour J: ids in a table a politician reads), cut to the first that fit
    assert row.split(None, 1)[1] == "Skole 0; Skole 1; Skole 2; Skole 3 and 8 more"
    document = CliRunner().invoke(app, ["stats", str(model), "--format", "json"]).stdout
    assert "skole-nummer-11" in document
