"""What a tour of the seeds' projects and vertskommune agreements found: OM276, OM279, OM272, OM277."""

from __future__ import annotations

import pytest
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


# --- OM279 agreement-terms

AGREEMENT = (
    '{id: kad-avtale, kind: vertskommune, name: KAD-plasser, parties: ["3005", "3025"], host: "3005", '
    "services: [kad]}"
)
assert AGREEMENT in BASE
HOST = edit(BASE, "valid_from: 2020-01-01\n", 'kommunenummer: "3005"\nvalid_from: 2020-01-01\n')
KAD = (
    "  - {id: avd-kad, name: KAD, kind: avdeling, level: 3, parent: virk-hjemme, leader: Avdelingsleder, "
    "delivers: [kad]}\n"
)


def agreement(text: str, **keys: str) -> str:
    """``text`` with its agreement's keys changed (a value of '' drops the key)."""
    written = {"kind": "vertskommune", "name": "KAD-plasser", "parties": '["3005", "3025"]', "host": '"3005"'}
    written.update(keys)
    written.setdefault("services", "[kad]")
    body = ", ".join(f"{key}: {value}" for key, value in written.items() if value)
    return edit(text, AGREEMENT, "{id: kad-avtale, " + body + "}")


def with_kad_unit(text: str) -> str:
    return edit(text, "positions:\n", KAD + "positions:\n")


def test_a_host_that_is_not_a_party_is_reported_at_host() -> None:
    text = agreement(BASE, host='"3048"')
    diags = assert_diagnostics(text, ["agreement-terms"], [pos(text, "{id: kad-avtale", '"3048"', "OM279")])
    assert diags[0].message == (
        "the host '3048' of the vertskommune agreement 'KAD-plasser' (kad-avtale) is not one of its parties "
        "(3005, 3025)"
    )
    assert diags[0].hint == "add '3048' to 'parties:', or correct 'host:'"
    # one cause, one finding: the host left out of one party is not also 'one party'
    text = agreement(BASE, parties='["3025"]')
    assert_diagnostics(text, ["agreement-terms"], [pos(text, "{id: kad-avtale", '"3005",', "OM279")])


def test_a_vertskommune_or_iks_agreement_with_one_party_is_reported_at_parties() -> None:
    text = agreement(BASE, parties='["3005", "3005"]')
    diags = assert_diagnostics(text, ["agreement-terms"], [pos(text, "{id: kad-avtale", '["3005"', "OM279")])
    assert diags[0].message == (
        "the vertskommune agreement 'KAD-plasser' (kad-avtale) names one party (3005): a vertskommune or IKS "
        "agreement is between two or more municipalities"
    )
    text = agreement(BASE, kind="iks", parties='["3005"]', host="")
    assert_diagnostics(text, ["agreement-terms"], [pos(text, "{id: kad-avtale", '["3005"]', "OM279")])
    # a partnership with the state, or parties the source does not name, is not judged
    assert_diagnostics(agreement(BASE, kind="partnerskap", parties='["3005"]'), ["agreement-terms"], [])
    assert_diagnostics(agreement(BASE, parties=""), ["agreement-terms"], [])


def test_in_the_hosts_model_a_service_no_unit_delivers_is_reported_once_at_the_agreements_service() -> None:
    # the base model delivers no KAD: in a partner's model the host delivers it, fine
    assert_diagnostics(BASE, ["agreement-terms", "persona-unmet-need"], [])
    diags = assert_diagnostics(
        HOST,
        ["agreement-terms", "persona-unmet-need", "local-service"],
        [pos(HOST, "{id: kad-avtale", "kad]", "OM279")],
    )
    assert diags[0].message == (
        "this kommune (3005) hosts 'Kommunal akutt døgnplass' (kad) under the vertskommune agreement "
        "'KAD-plasser' (kad-avtale), but no unit in this design delivers it: the host's own organisation "
        "delivers what it hosts"
    )
    assert diags[0].hint == (
        "add it to 'delivers:' of the unit that provides it, and list that unit under 'units:'"
    )
    assert_diagnostics(with_kad_unit(HOST), ["agreement-terms"], [])


def test_in_the_hosts_model_the_agreements_units_or_units_below_them_deliver_its_services() -> None:
    text = agreement(with_kad_unit(HOST), units="[virk-bibliotek]")
    diags = assert_diagnostics(text, ["agreement-terms"], [pos(text, "{id: kad-avtale", "kad]", "OM279")])
    assert "but none of the agreement's units delivers it" in diags[0].message
    # tour I: the unit that delivers it is named, not the wrong unit listed (asked to deliver it)
    assert diags[0].hint == (
        "did you mean 'KAD' (avd-kad), which delivers it? List it under the agreement's 'units:'"
    )
    nobody = agreement(HOST, units="[virk-bibliotek]")
    diags = assert_diagnostics(nobody, ["agreement-terms"], [pos(nobody, "{id: kad-avtale", "kad]", "OM279")])
    assert diags[0].hint == (
        "add it to 'delivers:' of 'Biblioteket' (virk-bibliotek), which delivers none of the agreed services"
    )
    assert_diagnostics(agreement(with_kad_unit(HOST), units="[virk-hjemme]"), ["agreement-terms"], [])
    assert_diagnostics(agreement(with_kad_unit(HOST), units="[avd-kad]"), ["agreement-terms"], [])


def test_an_agreement_unit_delivering_none_of_its_services_is_reported_at_the_unit() -> None:
    text = agreement(with_kad_unit(BASE), units="[avd-kad, virk-bibliotek, virk-tildeling]")
    diags = assert_diagnostics(
        text, ["agreement-terms"], [pos(text, "{id: kad-avtale", "virk-bibliotek", "OM279")]
    )
    assert diags[0].message == (
        "'Biblioteket' (virk-bibliotek) belongs to the vertskommune agreement 'KAD-plasser' (kad-avtale) but "
        "delivers none of its services ('Kommunal akutt døgnplass' (kad)); it delivers 'Bibliotek' "
        "(bibliotek)"
    )
    assert (
        diags[0].hint
        == "remove the unit from the agreement's 'units:', or add what it delivers to 'services:'"
    )
    # an agreement that names no services is not judged on its units
    assert_diagnostics(agreement(BASE, units="[virk-bibliotek]", services=""), ["agreement-terms"], [])


# --- OM272 forum-terms and OM277 collaboration-proximity: a member or partner listed twice


def test_a_forum_member_listed_twice_is_reported_at_its_second_listing_whatever_require_says() -> None:
    members = "members: [virk-tildeling, virk-hjemme]"
    text = edit(BASE, members, "members: [virk-tildeling, virk-hjemme, virk-tildeling]")
    spot = pos(text, "{id: lg-helse", "virk-tildeling]", "OM272")
    diags = assert_diagnostics(text, ["forum-terms"], [spot])
    assert diags[0].message == (
        "'virk-tildeling' is listed twice among the members of the forum 'Ledergruppe helse og omsorg' "
        "(lg-helse)"
    )
    assert diags[0].hint == "list each member of the forum once"
    assert_diagnostics(text, ["forum-terms"], [spot], {"forum-terms": {"require": ["frequency", "mandate"]}})
    # the chair among the members writes the group out in full: no fault
    assert_diagnostics(edit(BASE, members, "members: [ks-helse, virk-tildeling, virk-hjemme]"), VOCAB, [])


def test_a_unit_and_the_position_that_leads_it_are_one_person_listed_twice() -> None:
    # tour I: the kommuneoverlege's post (personnel: true) and her unit, both among a forum's members
    members = "members: [virk-tildeling, virk-hjemme]"
    text = edit(BASE, members, "members: [virk-tildeling, virk-hjemme, leder-hjemme]")
    text = edit(
        text,
        "positions:\n",
        "positions:\n  - {id: leder-hjemme, title: Virksomhetsleder hjemmetjenester, unit: virk-hjemme, "
        "personnel: true}\n",
    )
    diags = assert_diagnostics(text, ["forum-terms"], [pos(text, "{id: lg-helse", "leder-hjemme]", "OM272")])
    assert diags[0].message == (
        "'leder-hjemme' and 'virk-hjemme' are one person among the members of the forum 'Ledergruppe helse "
        "og omsorg' (lg-helse): a position with personnel responsibility stands for its unit's leader"
    )
    # a position without personnel responsibility (a fagansvarlig) is another person
    assert_diagnostics(text.replace("personnel: true}", "personnel: false}"), ["forum-terms"], [])


def test_a_collaboration_of_a_unit_with_itself_or_a_partner_twice_is_reported_at_the_second_listing() -> None:
    text = edit(BASE, "between: [virk-bibliotek, virk-hjemme]", "between: [virk-hjemme, virk-hjemme]")
    diags = assert_diagnostics(
        text,
        ["collaboration-proximity"],
        [pos(text, "{between: [virk-hjemme, virk-hjemme]", "virk-hjemme]", "OM277")],
    )
    assert diags[0].message == (
        "the collaboration is between 'Hjemmetjenester' (virk-hjemme) and itself: a collaboration is between "
        "two or more units"
    )
    assert diags[0].hint == "list each unit once, and the partners it works with"
    off = {"collaboration-proximity": {"min_per_year": None}}
    assert_diagnostics(
        text,
        ["collaboration-proximity"],
        [pos(text, "{between: [virk-hjemme, virk-hjemme]", "virk-hjemme]", "OM277")],
        off,
    )
    text = edit(
        BASE, "between: [virk-hjemme, stab-hr]", "between: [virk-hjemme, stab-hr, virk-hjemme, virk-hjemme]"
    )
    diags = assert_diagnostics(
        text,
        ["collaboration-proximity"],
        [pos(text, "{between: [virk-hjemme, stab-hr,", "virk-hjemme, virk-hjemme]", "OM277")],
    )
    assert (
        diags[0].message
        == "'Hjemmetjenester' (virk-hjemme) is listed 3 times in the collaboration's 'between:'"
    )


def test_a_ruleset_naming_the_rules_in_norwegian_gets_them_as_did_you_mean() -> None:
    from orgmodel.hints import suggest
    from orgmodel.rule import load_rules

    names = [rule.name for rule in load_rules().values()]
    assert suggest("vertskommune", names) == "agreement-terms"
    assert suggest("styringsgruppe", names) == "project-terms"
    assert suggest("trepartssamarbeid", names) == "project-terms"


# --- OM276 project-terms: delprosjekter and the prosjektleder (seed 002)

DELPROSJEKT = (
    "  - {id: delprosjekt-alarm, name: Trygghetsalarmer, part_of: prosjekt-velferd, leader: fa-demens}\n"
)


def with_delprosjekt(line: str = DELPROSJEKT) -> str:
    text = edit(BASE, PROJECT + "\n", PROJECT + "\n" + line)
    assert line in text
    return text


def test_a_delprosjekt_has_its_project_s_owner_steering_group_end_and_receiver() -> None:
    # seed 002: "prosjekteier og styringsgruppe, prosjektleder og prosjektgruppe, delprosjektgrupper"
    assert_diagnostics(with_delprosjekt(), ["project-terms"], [])
    # its own values win; a project that is part of none is judged on its own
    alone = with_delprosjekt(DELPROSJEKT.replace("part_of: prosjekt-velferd, ", ""))
    found = [pos(alone, "{id: delprosjekt-alarm", "delprosjekt-alarm", "OM276")]
    diags = assert_diagnostics(alone, ["project-terms"], found)
    assert "has no 'owner:', 'steering_group:', 'ends:', 'hands_over_to:'" in diags[0].message


def test_a_delprosjekt_ending_after_its_project_is_reported_at_its_end() -> None:
    text = with_delprosjekt(DELPROSJEKT.replace("leader: fa-demens}", "leader: fa-demens, ends: 2022-06-30}"))
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: delprosjekt-alarm", "2022-06-30", "OM276")]
    )
    assert diags[0].message == (
        "the delprosjekt 'Trygghetsalarmer' (delprosjekt-alarm) ends 2022-06-30, after the project it "
        "is part of, 'Velferdsteknologi' (prosjekt-velferd), which ends 2021-12-31"
    )
    inside = text.replace("ends: 2022-06-30}", "ends: 2021-06-30}")
    assert_diagnostics(inside, ["project-terms"], [])


@pytest.mark.parametrize(
    ("ends", "reported"),
    [
        ("2022-01", True),  # the whole month lies after 2021-12-31
        ("2022", True),
        ("2021-12", False),  # may end on 2021-12-01: not certainly after
        ("2021", False),
    ],
)
def test_a_delprosjekt_ending_in_a_month_or_year_is_reported_only_when_certainly_after(
    ends: str, reported: bool
) -> None:
    text = with_delprosjekt(DELPROSJEKT.replace("leader: fa-demens}", f"leader: fa-demens, ends: {ends}}}"))
    found = [pos(text, "{id: delprosjekt-alarm", ends, "OM276")] if reported else []
    diags = assert_diagnostics(text, ["project-terms"], found)
    if reported:
        assert f"ends {ends}, after the project" in diags[0].message


def test_projects_that_are_delprosjekter_of_each_other_are_one_finding_at_the_first() -> None:
    text = with_delprosjekt().replace(
        "{id: prosjekt-velferd, name: Velferdsteknologi,",
        "{id: prosjekt-velferd, name: Velferdsteknologi, part_of: delprosjekt-alarm,",
    )
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "delprosjekt-alarm", "OM276")]
    )
    assert diags[0].message == (
        "the projects are delprosjekter of each other in a circle: prosjekt-velferd -> delprosjekt-alarm "
        "-> prosjekt-velferd"
    )


def test_a_prosjektleder_and_a_main_project_are_references() -> None:
    text = with_delprosjekt(DELPROSJEKT.replace("part_of: prosjekt-velferd", "part_of: prosjekt-velferdd"))
    diags = assert_diagnostics(text, [], [pos(text, "{id: delprosjekt-alarm", "prosjekt-velferdd", "OM021")])
    assert diags[0].message.endswith("no project has the id 'prosjekt-velferdd'")
    text = with_delprosjekt(DELPROSJEKT.replace("leader: fa-demens", "leader: fa-demenss"))
    diags = assert_diagnostics(text, [], [pos(text, "{id: delprosjekt-alarm", "fa-demenss", "OM021")])
    assert diags[0].message.endswith("no unit or position has the id 'fa-demenss'")


def test_a_steering_group_may_hold_a_committee_the_politicians() -> None:
    # seed 002, Nedre Eiker: "I styringsgruppa sitter fem politikere, tre tillitsvalgte ..."
    text = project(steering_group="[radmann, hu-helse, fa-demens]")
    assert_diagnostics(text, VOCAB, [])
    typo = project(steering_group="[radmann, hu-helsee]")
    diags = assert_diagnostics(typo, [], [pos(typo, "{id: prosjekt-velferd", "hu-helsee", "OM021")])
    assert diags[0].message.endswith("no unit, position or committee has the id 'hu-helsee'")
    assert diags[0].hint == "did you mean 'hu-helse'?"
