"""What a tour of the seeds' projects and vertskommune agreements found: OM276, OM279, OM272, OM277."""

from __future__ import annotations

from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics

from .test_om27x_vocab import BASE, VOCAB

PROJECT = (
    "{id: prosjekt-velferd, name: Velferdsteknologi, owner: ks-helse, steering_group: [radmann, ks-helse], "
    "parties: [employer, employees, safety], ends: 2021-12-31, hands_over_to: virk-hjemme}"
)
assert PROJECT in BASE


def project(**keys: str) -> str:
    """BASE with its project's keys changed (a value of '' drops the key)."""
    written = {
        "owner": "ks-helse",
        "steering_group": "[radmann, ks-helse]",
        "parties": "[employer, employees, safety]",
        "ends": "2021-12-31",
        "hands_over_to": "virk-hjemme",
    }
    written.update(keys)
    body = ", ".join(f"{key}: {value}" for key, value in written.items() if value)
    return edit(BASE, PROJECT, "{id: prosjekt-velferd, name: Velferdsteknologi, " + body + "}")


# --- OM276 project-terms: the steering group


def test_a_project_without_a_steering_group_is_reported_at_its_id() -> None:
    # seed 002: "organisert med prosjekteier og styringsgruppe"
    text = project(steering_group="")
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "prosjekt-velferd", "OM276")]
    )
    assert diags[0].message == (
        "the project 'Velferdsteknologi' (prosjekt-velferd) has no 'steering_group:': a project is "
        "temporary, has an owner (prosjekteier) and a steering group, and hands its work over to the "
        "basisorganisasjon when it ends"
    )
    assert diags[0].hint == "add 'steering_group:' to the project"


def test_an_empty_steering_group_is_reported_at_it_and_with_other_gaps_once_at_the_id() -> None:
    text = project(steering_group="[]")
    assert_diagnostics(text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "[]", "OM276")])
    text = project(steering_group="[]", owner="")
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "prosjekt-velferd", "OM276")]
    )
    assert "has no 'owner:', 'steering_group:':" in diags[0].message


def test_a_steering_group_with_tillitsvalgte_and_the_hovedverneombud_passes() -> None:
    # seed 002, Nedre Eiker: "tre tillitsvalgte, tre fra administrasjon, hovedvernombud og prosjektleder"
    text = edit(
        BASE,
        "positions:\n",
        "positions:\n  - {id: htv-fo, title: Hovedtillitsvalgt Fagforbundet}\n"
        "  - {id: hvo, title: Hovedverneombud}\n",
    )
    text = edit(
        text, "steering_group: [radmann, ks-helse]", "steering_group: [radmann, ks-helse, htv-fo, hvo]"
    )
    assert_diagnostics(text, VOCAB, [])


def test_a_member_listed_twice_in_the_steering_group_is_reported_once_at_its_second_listing() -> None:
    text = project(steering_group="[radmann, ks-helse, radmann, radmann, ks-helse]")
    number, line = next((n, x) for n, x in enumerate(text.splitlines(), 1) if "{id: prosjekt-velferd" in x)
    second_radmann = line.index("radmann, radmann") + 1
    second_ks = line.index("ks-helse]") + 1
    diags = assert_diagnostics(
        text, ["project-terms"], [(number, second_radmann, "OM276"), (number, second_ks, "OM276")]
    )
    assert [d.message for d in diags] == [
        "'radmann' is listed 3 times in the steering group of the project 'Velferdsteknologi' "
        "(prosjekt-velferd)",
        "'ks-helse' is listed twice in the steering group of the project 'Velferdsteknologi' "
        "(prosjekt-velferd)",
    ]
    assert diags[0].hint == "list each member of the steering group once"


# --- OM276 project-terms: the parties of the trepartssamarbeid


def test_stated_parties_without_the_employees_are_reported_at_parties() -> None:
    text = project(parties="[employer, safety]")
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "[employer, safety]", "OM276")]
    )
    assert diags[0].message == (
        "the project 'Velferdsteknologi' (prosjekt-velferd) has no employees (tillitsvalgte) among its "
        "parties: a project is a trepartssamarbeid, prepared with the employees' organisations"
    )
    assert diags[0].hint == "add employees to 'parties:', and its representatives to 'steering_group:'"


def test_unstated_parties_are_not_judged_and_safety_only_where_the_ruleset_requires_it() -> None:
    assert_diagnostics(project(parties=""), ["project-terms"], [])
    text = project(parties="[employer, employees]")  # the VA study names no verneombud (seed 002)
    assert_diagnostics(text, ["project-terms"], [])
    three = {"project-terms": {"parties": ["employer", "employees", "safety"]}}
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "[employer, employees]", "OM276")], three
    )
    assert "has no safety (verneombud) among its parties" in diags[0].message
    assert_diagnostics(project(parties="[safety]"), ["project-terms"], [], {"project-terms": {"parties": []}})
    diags = assert_diagnostics(
        project(parties="[safety]"),
        ["project-terms"],
        [pos(project(parties="[safety]"), "{id: prosjekt-velferd", "[safety]", "OM276")],
    )
    assert (
        "has no employer (arbeidsgiver) and employees (tillitsvalgte) among its parties" in diags[0].message
    )


# --- OM276 project-terms: the hand-over


def test_a_project_handing_over_to_an_iks_outside_the_basisorganisasjon_is_reported_at_hands_over_to() -> (
    None
):
    text = edit(
        BASE,
        "positions:\n",
        "  - {id: velferd-iks, name: Velferdsteknologi IKS, kind: iks, level: 1, leader: Daglig leder}\n"
        "positions:\n",
    )
    text = edit(text, "hands_over_to: virk-hjemme}", "hands_over_to: velferd-iks}")
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "velferd-iks", "OM276")]
    )
    assert diags[0].message == (
        "the project 'Velferdsteknologi' (prosjekt-velferd) hands its work over to 'Velferdsteknologi IKS' "
        "(velferd-iks), which is outside the basisorganisasjon: a project hands over to the municipality's "
        "own organisation"
    )
    assert diags[0].hint == "name the unit in the personnel tree that takes over in 'hands_over_to:'"
