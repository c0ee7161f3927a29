"""The shipped Drammensregionen VA model (seed 002): the sections of issue 15 from a real source.

It must check clean under the default ruleset (its own), pass `make run` (`orgmodel check models/`
with the repository's configuration), keep the nine municipalities' VA units and the two IKS out of
the personnel tree, and say in its comments where each fact comes from.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.api import check_paths, compare
from orgmodel.cli import app
from orgmodel.config import load_config

VA = ROOT / "models" / "drammensregionen-va.yaml"
SECTION = FIXTURES / "seed-002-va.txt"  # the seed's VA section, verbatim
SEED = Path("/work/shared/seeds/002_471b4bc8f57781be.txt")  # the whole seed, where the seeds are


def test_it_checks_clean_under_its_own_ruleset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "models/drammensregionen-va.yaml", "--ruleset", "default"])
    assert (result.exit_code, result.stdout) == (
        0,
        "✓ 0 errors, 0 warnings in 1 file (14 units checked, 1 suppressed with a reason)\n",
    )


def test_make_run_passes_with_it_and_ignores_only_drammens_own_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    config = load_config(ROOT / ".orgmodel.yaml")
    assert config.per_file_ignores["models/drammensregionen-va.yaml"] == ["co-location", "outside-services"]
    report = check_paths(["models/"], config=config)
    assert [Path(f.path).name for f in report.files] == [
        "drammen-2020-before.yaml",
        "drammen-2020.yaml",
        "drammensregionen-va.yaml",
        "tonsberg-re-kultur.yaml",  # tests/test_shipped_tonsberg.py
    ]
    va = report.files[2]
    assert va.diagnostics == []
    # without the per-file ignores the Drammen ruleset finds exactly its own id-bound options
    plain = check_paths([VA], ruleset=ROOT / "rules" / "drammen-2020.yaml").files[0]
    assert sorted((d.code, Path(d.path).name, d.line) for d in plain.diagnostics) == [
        ("OM230", "drammen-2020.yaml", 52),
        ("OM230", "drammen-2020.yaml", 55),
        ("OM252", "drammensregionen-va.yaml", 94),
    ]


def test_the_municipal_va_units_and_the_two_iks_sit_outside_the_tree() -> None:
    checked = check_paths([VA], ruleset="default").files[0]
    model = checked.model
    assert model is not None
    outside = [u.id for u in model.units if u.parent is None and u.id != "rmu"]
    assert outside == [*(f"va-kommune-{n}" for n in range(1, 9)), "va-modum", "glitrevannverket", "va-iks-2"]
    in_agreements = {uid for a in model.agreements for uid in a.units}
    assert set(outside) == in_agreements
    assert [(a.id, a.kind) for a in model.agreements] == [
        ("va-samarbeid", "samarbeidsavtale"),
        ("glitrevannverket-iks", "iks"),
        ("va-iks-2-avtale", "iks"),
    ]


def test_the_study_is_a_project_of_the_radmannsutvalget_that_ends_with_its_report() -> None:
    model = check_paths([VA], ruleset="default").files[0].model
    assert model is not None
    (project,) = model.projects
    assert (project.owner, project.steering_group, project.hands_over_to) == ("rmu", ["rmu"], "rmu")
    assert project.parties == ["employer", "employees"]  # the section names no verneombud
    assert str(project.ends) == "2011-03-31"  # "rapport skal foreligge 31.03.2011"
    positions = [(p.id, p.unit, p.personnel, p.represents) for p in model.positions]
    assert positions == [
        ("prosjektleder", "arbeidsutvalg", False, None),
        # "medlemmer / varamedlemmer fra Fagforbundet, NITO og TEKNA" (tour K, item 5)
        ("medlem-fagforbundet", None, False, "employees"),
        ("medlem-nito", None, False, "employees"),
        ("medlem-tekna", None, False, "employees"),
    ]


def test_the_employees_take_part_through_the_working_group_not_the_steering_group(tmp_path: Path) -> None:
    # the rådmannsutvalget steers, the employees' organisations take part through their members (§VA)
    text = VA.read_text(encoding="utf-8")
    working = "    working_group: [arbeidsutvalg, medlem-fagforbundet, medlem-nito, medlem-tekna]\n"
    assert text.count(working) == 1 and "orgmodel: ignore[project-terms]" not in text
    without = tmp_path / "va.yaml"
    without.write_text(text.replace(working, ""), encoding="utf-8")
    (plain,) = check_paths([without], ruleset="default").files
    line = next(
        n for n, row in enumerate(text.replace(working, "").splitlines(), 1) if "steering_group: [rmu]" in row
    )
    assert [(d.code, d.line) for d in plain.diagnostics] == [("OM276", line)]
    assert plain.diagnostics[0].hint == (
        "add 'medlem-fagforbundet', 'medlem-nito' or 'medlem-tekna' to 'steering_group:', or to "
        "'working_group:' where the employees take part in the work"
    )


def test_an_edit_to_the_project_shows_in_the_diff(tmp_path: Path) -> None:
    edited = tmp_path / "va.yaml"
    edited.write_text(VA.read_text(encoding="utf-8").replace("ends: 2011-03-31", "ends: 2011-06-30"), "utf-8")
    changes = compare(VA, edited, ruleset="default").changes
    assert [c.id for c in changes] == ["project-changed:utredning-va"]


def test_the_section_is_the_seeds_own_text() -> None:
    if not SEED.exists():
        pytest.skip("the seeds are not in this checkout; the section is compared with them where they are")
    section = SECTION.read_text(encoding="utf-8").splitlines()[-1]
    assert section in SEED.read_text(encoding="utf-8")


def test_every_quote_is_in_the_seed() -> None:
    """Each quotation in the comments ("...", parts around an ellipsis) is a phrase of seed 002."""
    seed = " ".join(SECTION.read_text(encoding="utf-8").splitlines()[-1].split())
    comments = " ".join(
        line.split("#", 1)[1] for line in VA.read_text(encoding="utf-8").splitlines() if "#" in line
    )
    quotes = re.findall(r'"([^"]{12,})"', " ".join(comments.split()))
    assert len(quotes) >= 10
    fragments = [part.strip(" .") for q in quotes for part in q.split("...")]  # "a ... b": both a and b
    plain = seed.replace('"', "")  # the seed writes «Godt Vann» as "Godt Vann"
    missing = [f for f in fragments if f and f not in seed and re.sub("[«»]", "", f) not in plain]
    assert missing == []
