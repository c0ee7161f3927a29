"""diff, trace and stats of issue 15's keys: tests/fixtures/sections/old.yaml -> new.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.diff import diff_models
from orgmodel.diff.measures import weights
from orgmodel.schema_sections import Consideration

from .helpers import SECTIONS, load_model

ROOT = SECTIONS.parents[2]
OLD, NEW = "tests/fixtures/sections/old.yaml", "tests/fixtures/sections/new.yaml"


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_every_section_change_has_its_kind_id_and_message() -> None:
    result = diff_models(load_model(SECTIONS / "old.yaml"), load_model(SECTIONS / "new.yaml"))
    assert [(c.id, c.message) for c in result.changes] == [
        ("authority-level-changed:ks-a", "'Skole' (ks-a): authority level (fullmaktsnivå) 1 -> 2"),
        ("fte-changed:v-alfa", "'Alfa skole' (v-alfa): årsverk (fte) 40 -> 42.5"),
        ("budget-nok-changed:v-alfa", "'Alfa skole' (v-alfa): annual budget (NOK) 30000000 -> 31000000"),
        ("unit-status-changed:v-alfa", "'Alfa skole' (v-alfa): status 'provisional' -> 'decided'"),
        ("unit-committee-changed:dir-b", "'Helse' (dir-b): committee 'hu-helse' -> 'hu-velferd'"),
        ("target-group-changed:dir-b", "'Helse' (dir-b): target group 'voksne' -> 'eldre'"),
        (
            "responsibility-changed:dir-b",
            "'Helse' (dir-b): responsibility 'Helsetjenester' -> 'Helse- og omsorgstjenester'",
        ),
        (
            "committee-changed:hu-oppvekst",
            "committee 'Hovedutvalg for oppvekst og utdanning' (hu-oppvekst): "
            "name 'Hovedutvalg for oppvekst' -> 'Hovedutvalg for oppvekst og utdanning'",
        ),
        ("committee-added:hu-velferd", "new committee 'Hovedutvalg for velferd' (hu-velferd)"),
        ("committee-removed:hu-helse", "the committee 'Hovedutvalg for helse' (hu-helse) was removed"),
        ("consideration-changed:robust", "consideration 'Robuste enheter' (robust): rank 2 -> 3"),
        ("consideration-added:fag", "new consideration 'Faglig bredde' (fag)"),
        ("consideration-removed:kost", "the consideration 'Kostnadseffektivitet' (kost) was removed"),
        ("score-changed:narhet", "score for 'Nærhet til brukerne' (narhet): 4 -> 5"),
        ("score-changed:fag", "score for 'Faglig bredde' (fag): (none) -> 4"),
        ("score-changed:kost", "score for 'Kostnadseffektivitet' (kost): 2 -> (none)"),
        (
            "position-changed:fa-lesing",
            "position 'Fagansvarlig lesing og skriving' (fa-lesing): "
            "title 'Fagansvarlig lesing' -> 'Fagansvarlig lesing og skriving'",
        ),
        (
            "position-added:fa-matte",
            "new position 'Fagansvarlig matematikk' (fa-matte) in 'Alfa skole' (v-alfa)",
        ),
        (
            "position-removed:agent-a",
            "the position 'Digital agent oppvekst' (agent-a) in 'Skole' (ks-a) was removed",
        ),
        ("forum-changed:lg-a", "forum 'Ledergruppe skole' (lg-a): frequency '2 times a month' -> 'weekly'"),
        ("forum-added:ft-a", "new forum 'Fagteam skole' (ft-a)"),
        ("forum-removed:nett-les", "the forum 'Lesenettverket' (nett-les) was removed"),
        (
            "collaboration-changed:dir-b+v-alfa",
            "collaboration between 'Helse' (dir-b) and 'Alfa skole' (v-alfa) ('Helsesøster i skolen'): "
            "frequency '4 times a year' -> 'weekly'",
        ),
        (
            "collaboration-added:dir-a+dir-b",
            "new collaboration between 'Oppvekst' (dir-a) and 'Helse' (dir-b): frequency 'monthly'",
        ),
        (
            "collaboration-removed:dir-b+ks-a",
            "the collaboration between 'Skole' (ks-a) and 'Helse' (dir-b) was removed: frequency 'monthly'",
        ),
        (
            "agreement-changed:va-iks",
            "agreement 'Vann og avløp IKS' (va-iks): parties adds 3025",
        ),
        ("agreement-added:kad", "new agreement 'KAD-plasser' (kad)"),
        ("agreement-removed:nav", "the agreement 'NAV' (nav) was removed"),
        (
            "project-changed:p-va",
            "project 'Nye VA' (p-va): now in the steering group: 'Helse' (dir-b); parties adds safety; "
            "ends '2021-12-31' -> '2022-06-30'",
        ),
        ("project-added:p-skole", "new project 'Skolebruksplan' (p-skole)"),
        ("project-removed:p-digital", "the project 'Digitalisering' (p-digital) was removed"),
    ]
    assert all(c.group == "structure" for c in result.changes)


def test_a_diff_of_a_model_with_itself_shows_the_scorecard_and_no_change() -> None:
    model = load_model(SECTIONS / "new.yaml")
    result = diff_models(model, model)
    assert result.changes == []
    shown = [t for t in result.metrics if t.changed or t.always]
    assert [t.name for t in shown] == ["hensyn-scorecard"]
    assert [(r.label, r.before, r.after) for r in shown[0].rows][-1] == ("weighted score", 4.33, 4.33)


def test_weights_are_n_plus_one_minus_rank_normalised() -> None:
    ranked = [Consideration(id=c, name=c, rank=r) for c, r in (("a", 1), ("b", 2), ("c", 3))]
    assert weights(ranked) == {"a": 3 / 6, "b": 2 / 6, "c": 1 / 6}
    tied = [Consideration(id=c, name=c, rank=r) for c, r in (("a", 1), ("b", 1), ("c", 4))]
    assert weights(tied) == {"a": 4 / 9, "b": 4 / 9, "c": 1 / 9}
    assert weights([]) == {}


def test_text_shows_fte_budget_provisional_and_the_scorecard(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(monkeypatch, "diff", OLD, NEW, "--ruleset", "default")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Measures (before -> after; only rows that changed, the hensyn scorecard in full)")
    # the last line counts the rule findings too, which other rules' defaults decide
    assert lines[-1].endswith(" principles)") and "in 1 file (31 structure, " in lines[-1]
    assert lines[start:-1] == [
        "Measures (before -> after; only rows that changed, the hensyn scorecard in full)",
        "  Årsverk (fte) per top-level area",
        "    Oppvekst: 45.5 -> 48",
        "  Annual budget (NOK) per top-level area",
        "    Oppvekst: 33000000 -> 34000000",
        "  Provisional units (status: provisional)",
        "    units marked provisional: 1 -> 0",
        "  Hensyn scorecard (each side's own scores, 1-5; weight = n + 1 - rank, normalised)",
        "    1. Nærhet til brukerne (weight 0.50): 4 -> 5",
        "    2. Faglig bredde (weight 0.33): - -> 4",
        "    3. Kostnadseffektivitet (weight 0.17): 2 -> -",
        "    3. Robuste enheter (rank 2 -> 3, weight 0.33 -> 0.17): 3 -> 3",
        "    weighted score, both sides by the earlier ranking: 3.33 -> 4.20 (2 of 3 scored)",
        "    weighted score, each side by its own ranking: 3.33 -> 4.33",
    ]


def test_markdown_shows_every_scorecard_row(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(monkeypatch, "diff", OLD, NEW, "--ruleset", "default", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    start = lines.index(
        "| Hensyn scorecard (each side's own scores, 1-5; weight = n + 1 - rank, normalised) "
        "| before | after |"
    )
    assert lines[start + 1 : start + 8] == [
        "|---|---:|---:|",
        "| 1\\. Nærhet til brukerne (weight 0.50) | 4 | **5** |",
        "| 2\\. Faglig bredde (weight 0.33) | – | **4** |",
        "| 3\\. Kostnadseffektivitet (weight 0.17) | 2 | **–** |",
        "| 3\\. Robuste enheter (rank 2 -> 3, weight 0.33 -> 0.17) | 3 | 3 |",
        "| weighted score, both sides by the earlier ranking | 3.33 | **4.20 (2 of 3 scored)** |",
        "| weighted score, each side by its own ranking | 3.33 | **4.33** |",
    ]
    assert "| Oppvekst | 45.5 | **48** |" in lines


def test_json_holds_the_measures_and_the_new_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(monkeypatch, "diff", OLD, NEW, "--ruleset", "default", "--format", "json")
    assert code == 0
    document = json.loads(out)
    metrics = {m["name"]: m["rows"] for m in document["files"][0]["metrics"]}
    assert metrics["fte-per-area"] == [
        {"key": "dir-a", "label": "Oppvekst", "before": 45.5, "after": 48},
        {"key": "dir-b", "label": "Helse", "before": 100, "after": 100},
    ]
    assert metrics["budget-per-area"][1] == {"key": "dir-b", "label": "Helse", "before": None, "after": None}
    assert metrics["provisional-units"] == [
        {"key": "provisional", "label": "units marked provisional", "before": 1, "after": 0}
    ]
    assert [(r["key"], r["before"], r["after"]) for r in metrics["hensyn-scorecard"]] == [
        ("narhet", 4, 5),
        ("fag", None, 4),
        ("kost", 2, None),
        ("robust", 3, 3),
        ("weighted-by-earlier-ranking", 3.33, None),
        ("weighted", 3.33, 4.33),
    ]
    earlier = metrics["hensyn-scorecard"][-2]
    assert "before_partial" not in earlier and "before_partial" not in metrics["hensyn-scorecard"][-1]
    # NEW dropped 'kost': by OLD's ranking it scored 2 of 3, (3 * 5 + 2 * 3) / 5 = 4.2
    assert earlier["after_partial"] == {"score": 4.2, "scored": 2, "of": 3}
    assert document["summary"]["by_group"]["structure"] == 31


def test_html_shows_the_scorecard_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(monkeypatch, "diff", OLD, NEW, "--ruleset", "default", "--format", "html")
    assert code == 0
    assert (
        "<table><tr><th>Hensyn scorecard (each side&#x27;s own scores, 1-5; weight = n + 1 - rank, "
        "normalised)</th><th>before</th><th>after</th></tr>"
    ) in out
    assert "<tr><td>weighted score, each side by its own ranking</td><td>3.33</td><td>4.33</td></tr>" in out
    assert (
        "<tr><td>weighted score, both sides by the earlier ranking</td><td>3.33</td>"
        "<td>4.20 (2 of 3 scored)</td></tr>"
    ) in out


def test_trace_shows_the_forums_the_personas_units_meet_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = (SECTIONS / "new.yaml").read_text(encoding="utf-8")
    model = tmp_path / "m.yaml"
    model.write_text(text + "personas:\n  - {id: ola, name: Ola <b>, needs: [skole]}\n", encoding="utf-8")
    code, out = _run(monkeypatch, "trace", "ola", str(model))
    assert code == 0
    lines = out.splitlines()
    assert lines[lines.index("Forums the persona's units meet in") :] == [
        "Forums the persona's units meet in",
        "    Ledergruppe skole (lg-a), ledergruppe, weekly: Alfa skole (v-alfa)",
        "    Fagteam skole (ft-a), fagteam, frequency not stated: Alfa skole (v-alfa)",
    ]
    code, out = _run(monkeypatch, "trace", "ola", str(model), "--format", "json")
    forums = json.loads(out)["journeys"][0]["forums"]
    assert forums == [
        {
            "id": "lg-a",
            "name": "Ledergruppe skole",
            "kind": "ledergruppe",
            "times": 1,
            "per": "week",
            "units": ["v-alfa"],
        },
        {
            "id": "ft-a",
            "name": "Fagteam skole",
            "kind": "fagteam",
            "times": None,
            "per": None,
            "units": ["v-alfa"],
        },
    ]


def test_stats_shows_fte_and_budget_per_area_and_forums_per_leader(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(monkeypatch, "stats", NEW)
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Årsverk (fte) and annual budget per direktørområde")
    assert lines[start : start + 14] == [
        "Årsverk (fte) and annual budget per direktørområde",
        "  direktørområde  name      units  fte  fte not stated  budget (NOK)  budget not stated",
        "  (top)           (top)         1    -               1             -                  1",
        "  dir-a           Oppvekst      3   48               0      34000000                  1",
        "  dir-b           Helse         1  100               0             -                  1",
        "  (sums of the units that state fte or budget_nok; the others are counted as not stated)",
        "",
        "Forums per leader (møteplasser chaired and attended)",
        "  unit      name                     chairs  member of  forums",
        "  ks-a      Skole                         1          0  Ledergruppe skole",
        "  v-alfa    Alfa skole                    0          1  Ledergruppe skole",
        # tour O: the fagteam a fagansvarlig chairs was in no row, so its chair appeared nowhere
        "  fa-matte  Fagansvarlig matematikk       1          0  Fagteam skole",
        "  (fa-matte is a position, not a unit: it chairs a forum, so it is listed by its title)",
        "",
    ]
    code, out = _run(monkeypatch, "stats", NEW, "--format", "json")
    stats = json.loads(out)["stats"]
    assert stats["resources"][1] == {
        "key": "dir-a",
        "name": "Oppvekst",
        "units": 3,
        "fte": 48,
        "fte_missing": 0,
        "budget_nok": 34000000,
        "budget_missing": 1,
    }
    named = [{"id": "lg-a", "name": "Ledergruppe skole"}]  # the forums by name for the tables (tour J)
    team = [{"id": "ft-a", "name": "Fagteam skole"}]
    assert stats["forums"] == [
        {
            "unit": "ks-a",
            "name": "Skole",
            "chairs": ["lg-a"],
            "member_of": [],
            "named_forums": named,
            "kind": "unit",
        },
        {
            "unit": "v-alfa",
            "name": "Alfa skole",
            "chairs": [],
            "member_of": ["lg-a"],
            "named_forums": named,
            "kind": "unit",
        },
        {
            "unit": "fa-matte",
            "name": "Fagansvarlig matematikk",
            "chairs": ["ft-a"],
            "member_of": [],
            "named_forums": team,
            "kind": "position",
        },
    ]


def test_an_emptied_list_says_what_it_drops_in_the_readers_language() -> None:
    """Tour F finding 5: "members 'da-helse' -> (none)" beside "members adds x"; now drops, named."""
    from orgmodel.diff.elements import element_changes
    from orgmodel.i18n import set_language
    from orgmodel.schema import OrgModel

    base = {"orgmodel": 1, "kommune": "X", "units": [{"id": "a", "name": "A", "level": 1}]}
    base["services"] = [{"id": "s", "name": "S"}]
    old = OrgModel.model_validate(
        {**base, "agreements": [{"id": "ag", "kind": "iks", "name": "Avtale", "services": ["s"]}]}
    )
    new = OrgModel.model_validate(
        {**base, "agreements": [{"id": "ag", "kind": "iks", "name": "Avtale", "services": []}]}
    )
    set_language("nb")
    try:
        assert [c.message for c in element_changes(old, new)] == [
            "avtale 'Avtale' (ag): tjenester ikke lenger 'S' (s)"
        ]
    finally:
        set_language("en")
    assert [c.message for c in element_changes(old, new)] == [
        "agreement 'Avtale' (ag): services drops 'S' (s)"
    ]


def test_a_forum_that_loses_one_of_thirty_members_says_which_not_both_lists() -> None:
    # a Kristiansand planner merged two schools: the diff printed the ledergruppe's 30 members twice
    from orgmodel.diff.elements import element_changes
    from orgmodel.schema import OrgModel

    units = [{"id": "ks", "name": "KS", "level": 1}] + [
        {"id": f"s{n}", "name": f"S{n}", "level": 2, "parent": "ks"} for n in range(30)
    ]
    forum = {"id": "lg", "name": "Rektormøte", "kind": "ledergruppe", "chair": "ks"}
    base = {"orgmodel": 1, "kommune": "X", "units": units}
    old = OrgModel.model_validate({**base, "forums": [{**forum, "members": [f"s{n}" for n in range(30)]}]})
    now = [f"s{n}" for n in range(30) if n != 7] + ["s-ny"]
    new = OrgModel.model_validate({**base, "forums": [{**forum, "members": now}]})
    (change,) = element_changes(old, new)
    assert change.message == "forum 'Rektormøte' (lg): new member: 's-ny'; no longer a member: 'S7' (s7)"
    assert change.after == {"members": ", ".join(now)}  # the whole list stays in the JSON


def test_bokmal_writes_the_measures_with_decimal_commas_and_grouped_kroner(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # tour I: 'årsverk 38.0 -> 49.0' and 'årsbudsjett (kr) 61000000 -> 79000000' in a bokmål report
    code, out = _run(monkeypatch, "--lang", "nb", "diff", OLD, NEW, "--ruleset", "default")
    assert code == 0
    assert "    Oppvekst: 45,5 -> 48\n" in out
    assert "    Oppvekst: 33 000 000 -> 34 000 000\n" in out
    assert "1. Nærhet til brukerne (vekt 0,50): 4 -> 5\n" in out
    assert "vektet poengsum, hver side etter sin egen prioritering: 3,33 -> 4,33\n" in out
    earlier = "vektet poengsum, begge sider etter den tidligere prioriteringen: 3,33 -> 4,20 (2 av 3 vurdert)"
    assert earlier + "\n" in out
    assert "(v-alfa): årsbudsjett (kr) 30 000 000 -> 31 000 000  [budget-nok-changed:v-alfa]\n" in out
    assert "(v-alfa): årsverk 40 -> 42,5  [fte-changed:v-alfa]\n" in out


def test_forum_changes_read_as_a_planner_writes_them_in_bokmal() -> None:
    """Tour O: 'deltakere legger til ...', 'leder av møteplassen', a list joined by commas, 'as-needed'."""
    from orgmodel.diff.elements import element_changes
    from orgmodel.i18n import set_language
    from orgmodel.schema import OrgModel

    units = [{"id": k, "name": k.upper(), "level": 1} for k in ("a", "b", "c", "d")]
    forum = {
        "id": "f",
        "name": "Team",
        "chair": "a",
        "members": ["b"],
        "frequency": {"times": 2, "per": "month"},
    }
    old = OrgModel.model_validate({"orgmodel": 1, "kommune": "X", "units": units, "forums": [forum]})
    changed = {**forum, "chair": "b", "members": ["c", "d"], "frequency": "as-needed"}
    new = OrgModel.model_validate({"orgmodel": 1, "kommune": "X", "units": units, "forums": [changed]})
    set_language("nb")
    try:
        (nb,) = [c.message for c in element_changes(old, new)]
    finally:
        set_language("en")
    assert nb == (
        "møteplass 'Team' (f): møteleder 'A' (a) -> 'B' (b); nye deltakere: 'C' (c) og 'D' (d); "
        "ikke lenger deltaker: 'B' (b); hyppighet '2 ganger i måneden' -> 'ved behov'"
    )
    (en,) = [c.message for c in element_changes(old, new)]
    assert en == (
        "forum 'Team' (f): chair 'A' (a) -> 'B' (b); new members: 'C' (c) and 'D' (d); "
        "no longer a member: 'B' (b); frequency '2 times a month' -> 'as needed'"
    )
