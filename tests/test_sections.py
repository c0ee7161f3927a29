"""Issue 15's keys: committees, considerations, positions, forums, collaborations, agreements, projects.

Each reference is checked like the existing ones (OM021 at the reference, with
did-you-mean), ids are unique per section (OM020), enumerations name their
values, agreement units sit outside the personnel tree, and OM270 reports
provisional units.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import assert_diagnostics, at, check_yaml
from orgmodel.cli import app

FULL = """\
orgmodel: 1
kommune: Testby
kommunenummer: "3005"
valid_from: 2020-01-01
committees:
  - {id: hu-oppvekst, name: Hovedutvalg for oppvekst og utdanning}
considerations:
  - {id: brukernarhet, name: Nærhet til brukerne, rank: 1}
  - {id: robust, name: Robuste enheter, rank: 2}
services:
  - {id: vann, name: Vann}
units:
  - {id: radmann, name: Rådmannens lederteam, level: 1, leader: Rådmann, budget: true}
  - id: ks-oppvekst
    name: Oppvekst
    level: 2
    parent: radmann
    leader: Kommunalsjef
    budget: true
    committee: hu-oppvekst
    authority_level: 1
    status: decided
    fte: 412.5
    budget_nok: 385000000
    responsibility: "Barnehage og skole"
    target_group: barn-og-unge
  - {id: virk-a, name: A skole, level: 3, parent: ks-oppvekst, leader: Rektor, budget: true, status: provisional}
  - {id: va-drift, name: VA-drift, level: 1, leader: Daglig leder, delivers: [vann]}
positions:
  - {id: fa-lesing, title: Fagansvarlig lesing, unit: virk-a, personnel: false, professional_to: ks-oppvekst}
forums:
  - id: lg-oppvekst
    name: Kommunalsjefens ledergruppe oppvekst
    kind: ledergruppe
    chair: ks-oppvekst
    members: [virk-a, fa-lesing]
    frequency: {times: 2, per: month}
    mandate: "Drift og budsjett"
collaborations:
  - {between: [virk-a, ks-oppvekst], frequency: {times: 10, per: year}, purpose: "HR"}
agreements:
  - id: va-samarbeid
    kind: iks
    name: Drammensregionens vann og avløp
    parties: ["3005", "3048"]
    host: "3005"
    units: [va-drift]
    services: [vann]
projects:
  - id: prosjekt-va
    name: Nye VA
    owner: radmann
    steering_group: [radmann, ks-oppvekst]
    parties: [employer, employees, safety]
    ends: 2021-12-31
    hands_over_to: ks-oppvekst
scores: {brukernarhet: 4, robust: 3}
"""  # noqa: E501


def errors_of(text: str) -> list[tuple[int, int, str, str, str | None]]:
    """(line, col, code, message, hint) of each error-severity finding of ``text``."""
    result = check_yaml(text, [])
    return [
        (d.line, d.col, d.code, d.message, d.hint) for d in result.diagnostics if d.severity.value == "error"
    ]


def test_a_model_with_every_new_key_loads_and_only_its_provisional_unit_is_reported() -> None:
    result = check_yaml(FULL)
    assert [(d.line, d.col, d.code, d.severity.value) for d in result.diagnostics] == [
        (*at(FULL, 27, "provisional", "OM270")[:2], "OM270", "info")
    ]
    assert (
        result.diagnostics[0].message
        == "'A skole' (virk-a) is provisional: the design does not decide it yet"
    )
    assert result.diagnostics[0].unit == "virk-a"


def test_an_agreement_unit_without_a_parent_is_no_second_top_unit() -> None:
    assert_diagnostics(FULL, ["OM101", "OM112", "OM160"], [])
    alone = FULL.replace("    units: [va-drift]\n", "")
    assert_diagnostics(alone, ["OM101"], [at(alone, 28, "va-drift", "OM101")])


def test_every_new_reference_is_checked_at_its_position_with_did_you_mean() -> None:
    text = (
        FULL.replace("committee: hu-oppvekst", "committee: hu-oppvekts")
        .replace("unit: virk-a, personnel", "unit: virk-b, personnel")
        .replace("professional_to: ks-oppvekst}", "professional_to: ks-opvekst}")
        .replace("chair: ks-oppvekst", "chair: ks-oppvekt")
        .replace("members: [virk-a, fa-lesing]", "members: [virk-a, fa-lesin]")
        .replace("between: [virk-a, ks-oppvekst]", "between: [virk-a, ks-oppvekts]")
        .replace("units: [va-drift]", "units: [va-drif]")
        .replace("services: [vann]\nprojects", "services: [van]\nprojects")
        .replace("owner: radmann", "owner: radman")
        .replace("steering_group: [radmann, ks-oppvekst]", "steering_group: [radmann, ks-oppvekt]")
        .replace("hands_over_to: ks-oppvekst", "hands_over_to: ks-opvekst")
        .replace("robust: 3}", "robus: 3}")
    )
    found = errors_of(text)
    assert [(line, col, code) for line, col, code, _, _ in found] == [
        at(text, 20, "hu-oppvekts", "OM021"),
        at(text, 30, "virk-b", "OM021"),
        at(text, 30, "ks-opvekst", "OM021"),
        at(text, 35, "ks-oppvekt", "OM021"),
        at(text, 36, "fa-lesin", "OM021"),
        at(text, 40, "ks-oppvekts", "OM021"),
        at(text, 47, "va-drif", "OM021"),
        at(text, 48, "van]", "OM021"),
        at(text, 52, "radman", "OM021"),
        at(text, 53, "ks-oppvekt", "OM021"),
        at(text, 56, "ks-opvekst", "OM021"),
        at(text, 57, "robus", "OM021"),
    ]
    messages = [message for _, _, _, message, _ in found]
    assert messages[0] == "units[1] (id 'ks-oppvekst').committee: no committee has the id 'hu-oppvekts'"
    assert messages[3] == "forums[0] (id 'lg-oppvekst').chair: no unit or position has the id 'ks-oppvekt'"
    assert messages[4] == "forums[0] (id 'lg-oppvekst').members[1]: no unit or position has the id 'fa-lesin'"
    assert messages[7] == "agreements[0] (id 'va-samarbeid').services[0]: no service has the id 'van'"
    assert messages[11] == "scores.robus: no consideration has the id 'robus'"
    assert [hint for _, _, _, _, hint in found] == [
        "did you mean 'hu-oppvekst'?",
        "did you mean 'virk-a'?",
        "did you mean 'ks-oppvekst'?",
        "did you mean 'ks-oppvekst'?",
        "did you mean 'fa-lesing'?",
        "did you mean 'ks-oppvekst'?",
        "did you mean 'va-drift'?",
        "did you mean 'vann'?",
        "did you mean 'radmann'?",
        "did you mean 'ks-oppvekst'?",
        "did you mean 'ks-oppvekst'?",
        "did you mean 'robust'?",
    ]


def test_a_steering_group_takes_positions_as_a_forum_does() -> None:
    # seed 002, Nedre Eiker: "I styringsgruppa sitter fem politikere, tre tillitsvalgte, tre fra
    # administrasjon, hovedvernombud og prosjektleder"
    text = FULL.replace(
        "steering_group: [radmann, ks-oppvekst]", "steering_group: [radmann, ks-oppvekst, fa-lesing]"
    )
    assert errors_of(text) == []
    found = errors_of(text.replace("ks-oppvekst, fa-lesing]", "ks-oppvekst, fa-lesin]"))
    assert [(line, col, code) for line, col, code, _, _ in found] == [at(text, 53, "fa-lesin", "OM021")]
    assert found[0][3] == (
        "projects[0] (id 'prosjekt-va').steering_group[2]: no unit, position or committee has the id "
        "'fa-lesin'"
    )
    assert found[0][4] == "did you mean 'fa-lesing'?"


@pytest.mark.parametrize("broken", ["", "x: 1\n"])
def test_a_position_as_a_projects_owner_is_said_to_be_a_position(broken: str) -> None:
    # the owner stays a unit (prosjekteier is a unit's leader); with a schema error elsewhere the
    # written references are checked all the same (raw_refs), with the same words
    text = FULL.replace("owner: radmann", "owner: fa-lesing").replace("valid_from:", broken + "valid_from:")
    found = [f for f in errors_of(text) if f[2] == "OM021"]
    line = 52 + (1 if broken else 0)
    assert [(line_, col, code) for line_, col, code, _, _ in found] == [at(text, line, "fa-lesing", "OM021")]
    assert found[0][3] == (
        "projects[0] (id 'prosjekt-va').owner: 'fa-lesing' is a position, but a project's owner "
        "(prosjekteier) is a unit, whose leader owns the project"
    )
    assert (
        found[0][4]
        == "name the unit whose leader owns the project; the position may sit in 'steering_group:'"
    )
    other = [f for f in errors_of(FULL.replace("unit: virk-a, personnel", "unit: fa-lesing, personnel")) if f]
    assert other[0][3] == (
        "positions[0] (id 'fa-lesing').unit: 'fa-lesing' is a position, but this key names a unit "
        "(its leader)"
    )


def test_a_score_without_considerations_says_where_they_go() -> None:
    text = FULL.replace(
        "considerations:\n  - {id: brukernarhet, name: Nærhet til brukerne, rank: 1}\n"
        "  - {id: robust, name: Robuste enheter, rank: 2}\n",
        "",
    )
    found = errors_of(text)
    assert [(line, code, hint) for line, _, code, _, hint in found] == [
        (54, "OM021", "list the considerations under 'considerations:' with their rank"),
        (54, "OM021", "list the considerations under 'considerations:' with their rank"),
    ]


def test_duplicate_ids_in_new_sections_and_a_position_named_like_a_unit() -> None:
    text = (
        FULL.replace(
            "  - {id: robust, name: Robuste enheter, rank: 2}\n",
            "  - {id: robust, name: Robuste enheter, rank: 2}\n  - {id: robust, name: Igjen, rank: 3}\n",
        )
        .replace("id: fa-lesing, title", "id: virk-a, title")
        .replace("members: [virk-a, fa-lesing]", "members: [virk-a]")
    )
    found = errors_of(text)
    assert [(line, col, code) for line, col, code, _, _ in found] == [
        at(text, 10, "robust", "OM020"),
        at(text, 31, "virk-a", "OM020"),
    ]
    assert found[0][3] == "considerations: the id 'robust' is used twice (first on line 9)"
    assert found[1][3] == (
        "positions: the id 'virk-a' is also a unit's id (on line 28), so a forum naming it would be ambiguous"
    )
    assert found[1][4] == "give the position its own id, such as 'virk-a-stilling'"


def test_enumerations_and_frequency_say_what_to_write() -> None:
    text = (
        FULL.replace("status: provisional}", "status: foreløpig}")
        .replace("per: month}", "per: ukentlig}")
        .replace("kind: iks", "kind: IKS")
        .replace("kind: ledergruppe", "kind: styringsgruppe")
        .replace("parties: [employer, employees, safety]", "parties: [employer, verneombud]")
        .replace("times: 10, per: year", "times: 0, pre: year")
    )
    found = errors_of(text)
    assert [(line, code, message, hint) for line, _, code, message, hint in found] == [
        (
            27,
            "OM010",
            "units[2] (id 'virk-a').status: expected 'decided' or 'provisional', got 'foreløpig'",
            "did you mean 'provisional'?",
        ),
        (
            34,
            "OM010",
            "forums[0] (id 'lg-oppvekst').kind: expected 'ledergruppe', 'utvidet-ledergruppe', 'lederteam', "
            "'fagteam', 'oppgaveteam' or 'nettverk', got 'styringsgruppe'",
            "write one of ledergruppe, utvidet-ledergruppe, lederteam, fagteam, oppgaveteam, nettverk",
        ),
        (
            37,
            "OM010",
            "forums[0] (id 'lg-oppvekst').frequency.per: expected 'day', 'week', 'month' or 'year', "
            "got 'ukentlig'",
            "did you mean 'week'?",
        ),
        (40, "OM010", "collaborations[0].frequency.times: must be at least 1, got the number 0", None),
        (
            40,
            "OM011",
            "collaborations[0].frequency: unknown key 'pre'",
            "did you mean 'per'? ('per' is required)",
        ),
        (
            43,
            "OM010",
            "agreements[0] (id 'va-samarbeid').kind: expected 'iks', 'vertskommune', 'partnerskap' or "
            "'samarbeidsavtale', "
            "got 'IKS'",
            "did you mean 'iks'?",
        ),
        (
            54,
            "OM010",
            "projects[0] (id 'prosjekt-va').parties[1]: expected 'employer', 'employees' or 'safety', "
            "got 'verneombud'",
            "did you mean 'safety'?",
        ),
    ]


def test_scores_are_one_to_five_and_a_collaboration_names_two_units() -> None:
    text = FULL.replace("robust: 3}", "robust: 6}").replace(
        "between: [virk-a, ks-oppvekst]", "between: [virk-a]"
    )
    found = errors_of(text)
    assert [(line, code, message) for line, _, code, message, _ in found] == [
        (40, "OM010", "collaborations[0].between: a collaboration is between at least two units, got 1"),
        (57, "OM010", "scores.robust: must be at most 5, got the number 6"),
    ]


def test_a_score_naming_no_consideration_is_reported_beside_a_schema_error_in_the_same_scores() -> None:
    # tour H: 'barnas-beste' was hidden until the 6 beside it was fixed
    text = FULL.replace("robust: 3}", "robust: 6, robus: 3}")
    found = errors_of(text)
    assert [(line, code, message, hint) for line, _, code, message, hint in found] == [
        (57, "OM010", "scores.robust: must be at most 5, got the number 6", found[0][4]),
        (57, "OM021", "scores.robus: no consideration has the id 'robus'", "did you mean 'robust'?"),
    ]


def test_the_cli_checks_the_full_model_and_exits_0_on_info(tmp_path: Path) -> None:
    model = tmp_path / "full.yaml"
    model.write_text(textwrap.dedent(FULL), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(model), "--ruleset", "default"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[0] == (
        f"{model}:27:102: OM270 provisional-unit [info] 'A skole' (virk-a) is provisional: "
        "the design does not decide it yet"
    )


# issue 15's contract: the new top-level sections, the new unit keys and each section's own keys
NEW_TOP = {
    "committees",
    "considerations",
    "scores",
    "positions",
    "forums",
    "collaborations",
    "agreements",
    "projects",
}
NEW_UNIT = {"committee", "authority_level", "status", "fte", "budget_nok", "responsibility", "target_group"}
SECTION_KEYS = {
    "positions": {"id", "title", "unit", "personnel", "professional_to"},
    "forums": {"id", "name", "kind", "chair", "members", "frequency", "mandate"},
    "collaborations": {"between", "frequency", "purpose"},
    "agreements": {"id", "kind", "name", "parties", "units", "services"},  # host: FULL above (a vertskommune)
    "projects": {"id", "name", "owner", "steering_group", "parties", "ends", "hands_over_to"},
}


@pytest.mark.parametrize("name", ["samarbeid.yaml", "samarbeid-2.yaml"])
def test_the_documented_example_uses_every_new_key_and_checks_and_diffs(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15's "Done when": a model using every new key loads, checks and diffs (docs/model-format.md)."""
    import yaml

    root = Path(__file__).resolve().parents[1]
    data = yaml.safe_load((root / "docs" / "examples" / name).read_text(encoding="utf-8"))
    assert set(data) >= NEW_TOP
    assert {key for unit in data["units"] for key in unit} >= NEW_UNIT
    for section, keys in SECTION_KEYS.items():
        assert keys <= {key for item in data[section] for key in item}, section
    monkeypatch.chdir(root)
    checked = CliRunner().invoke(app, ["check", f"docs/examples/{name}", "--ruleset", "default"])
    assert checked.exit_code == 0, checked.stdout
    other = "samarbeid-2.yaml" if name == "samarbeid.yaml" else "samarbeid.yaml"
    diffed = CliRunner().invoke(
        app, ["diff", f"docs/examples/{name}", f"docs/examples/{other}", "--ruleset", "default"]
    )
    assert diffed.exception is None or isinstance(diffed.exception, SystemExit), diffed.exception
    assert "Hensyn scorecard" in diffed.stdout and "forum-" in diffed.stdout


def test_new_sections_in_a_part_file_are_checked_at_their_position_in_the_part(tmp_path: Path) -> None:
    (tmp_path / "main.yaml").write_text(
        "orgmodel: 1\nkommune: K\nparts: [forum.yaml]\nunits:\n"
        "  - {id: a, name: A, level: 1, leader: R}\n  - {id: b, name: B, level: 2, parent: a, leader: L}\n",
        encoding="utf-8",
    )
    (tmp_path / "forum.yaml").write_text(
        "orgmodel-part: 1\npart_of: main.yaml\npositions:\n  - {id: b, title: Dup}\n"
        "forums:\n  - {id: f, name: F, chair: x, members: [b]}\ncollaborations:\n  - {between: [a, bb]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(tmp_path / "main.yaml"), "--ruleset", "default"])
    part = tmp_path / "forum.yaml"
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if line.startswith(str(part))] == [
        f"{part}:4:10: OM020 duplicate-id [error] positions: the id 'b' is also a unit's id "
        f"(on line 6 of {tmp_path / 'main.yaml'}), so a forum naming it would be ambiguous",
        f"{part}:6:29: OM021 unknown-reference [error] forums[0] (id 'f').chair: "
        "no unit or position has the id 'x'",
        f"{part}:8:19: OM021 unknown-reference [error] collaborations[0].between[1]: no unit has the id 'bb'",
    ]


def test_fmt_puts_the_keys_of_the_new_sections_in_the_schemas_order(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: K\nscores: {h: 3}\nunits:\n  - {id: a, name: A, level: 1, leader: R}\n"
        "considerations:\n  - {rank: 1, name: H, id: h}\n"
        "forums:\n  - {members: [a], name: F, id: f, chair: a}  # ledergruppen\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["fmt", str(model)])
    assert result.exit_code == 0
    assert model.read_text(encoding="utf-8") == (
        "orgmodel: 1\nkommune: K\nunits:\n  - {id: a, name: A, level: 1, leader: R}\n"
        "considerations:\n  - {id: h, name: H, rank: 1}\nscores: {h: 3}\n"
        "forums:\n  - {id: f, name: F, chair: a, members: [a]}  # ledergruppen\n"
    )
