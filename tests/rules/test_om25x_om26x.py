"""OM250-OM252 lean staffs and the basic organisation, OM260 comparable sizes, at exact positions."""

from __future__ import annotations

from fixtures.principles.model import BASE, PARAMS, edit, pos

from conftest import FIXTURES, assert_diagnostics, at, check_yaml

SIZED = (FIXTURES / "principles" / "sized.yaml").read_text(encoding="utf-8")
# headcount: radmann 2 + dir-a 1 + ks-a 1 + okonomi 10 + nord 65 + sor 20 + tildeling 5 = 104


# --- OM250 staff-share


def test_staff_share_counts_people_in_staff_and_support_roles() -> None:
    assert_diagnostics(SIZED, ["staff-share"], [], {"staff-share": {"max_share": 0.15}})
    diags = assert_diagnostics(
        SIZED, ["staff-share"], [at(SIZED, 7, "radmann", "OM250")], {"staff-share": {"max_share": 0.05}}
    )
    assert diags[0].message == (
        "staff and support units hold 10 of the 104 people (10%), more than the adopted 5%: support and "
        "administration shall be lean"
    )
    assert diags[0].hint == "the largest: 'Økonomi' (stab-okonomi)"


def test_staff_share_counts_the_basisorganisasjon_beside_an_iks_outside_it() -> None:
    """A parentless IKS (Legevakt before Drammen took it in, p. 48) is no second organisation to skip for."""
    text = SIZED.rstrip("\n") + (
        "\n  - {id: legevakt-iks, name: Legevakt IKS, kind: iks, level: 3, leader: Daglig leder, staff: 30}\n"
    )
    diags = assert_diagnostics(
        text, ["staff-share"], [at(text, 7, "radmann", "OM250")], {"staff-share": {"max_share": 0.05}}
    )
    assert "hold 10 of the 104 people (10%)" in diags[0].message


def test_staff_share_is_not_judged_without_sizes_or_limit() -> None:
    assert_diagnostics(SIZED, ["staff-share"], [])
    assert_diagnostics(BASE, ["staff-share"], [], {"staff-share": {"max_share": 0.01}})


# --- OM251 staff-units


def test_too_many_staff_units_under_a_kommunalsjef_are_reported_at_the_leader() -> None:
    text = edit(
        BASE,
        "personas:\n",
        "  - {id: stab-fag, name: Fagstab, level: 3, parent: ks-helse, leader: Fagleder, role: staff}\n"
        "  - {id: stab-analyse, name: Analyse, level: 3, parent: ks-helse, leader: Analysesjef,"
        " role: staff}\n"
        "personas:\n",
    )
    diags = assert_diagnostics(
        text, ["staff-units"], [pos(text, "{id: ks-helse,", "ks-helse", "OM251")], PARAMS
    )
    assert diags[0].message == (
        "'Helse' (ks-helse) has 2 staff units directly under it ('Fagstab' (stab-fag) and 'Analyse' "
        "(stab-analyse)), more than the adopted 1: staffs around kommunalsjefer and virksomhetsledere shall "
        "be very few"
    )
    assert_diagnostics(text, ["staff-units"], [])  # no limit configured


# --- OM252 outside-services


def test_a_service_from_an_iks_is_reported_at_the_delivers_entry() -> None:
    text = edit(
        BASE,
        "personas:\n",
        "  - {id: legevakt-iks, name: Legevakt IKS, kind: iks, level: 3, parent: ks-helse,"
        " leader: Daglig leder, budget: true}\n"
        "  - {id: legevakt-avd, name: Legevakt, level: 4, parent: legevakt-iks, leader: L,"
        " delivers: [fysio]}\n"
        "personas:\n",
    )
    diags = assert_diagnostics(
        text, ["outside-services"], [pos(text, "{id: legevakt-avd,", "fysio]", "OM252")], PARAMS
    )
    assert diags[0].message == (
        "'Legevakt' (legevakt-avd) is outside the basic organisation, under 'Legevakt IKS' (legevakt-iks) "
        "of kind 'iks', and delivers 'Fysioterapi' (fysio): service number 1 from outside, but the ruleset "
        "allows none"
    )
    assert_diagnostics(text, ["outside-services"], [], {"outside-services": {"max_services": 1}})


def test_an_iks_delivering_itself_is_not_said_to_sit_under_itself() -> None:
    """Legevakt was an IKS of its own before Drammen took it in (p. 48): no 'under Legevakt' for Legevakt."""
    text = edit(
        BASE,
        "personas:\n",
        "  - {id: legevakt-iks, name: Legevakt IKS, kind: iks, level: 3, delivers: [fysio, bibliotek]}\n"
        "personas:\n",
    )
    diags = assert_diagnostics(
        text,
        ["outside-services"],
        [pos(text, "{id: legevakt-iks,", "bibliotek]", "OM252")],
        {"outside-services": {"max_services": 1}},
    )
    assert diags[0].message == (
        "'Legevakt IKS' (legevakt-iks), of kind 'iks', is outside the basic organisation and delivers "
        "'Bibliotek' (bibliotek): service number 2 from outside, but the ruleset allows 1"
    )


# --- OM260 comparable-sizes


def test_geographic_siblings_of_very_different_size_are_reported_at_the_largest() -> None:
    diags = assert_diagnostics(SIZED, ["comparable-sizes"], [at(SIZED, 11, "64", "OM260")])
    assert diags[0].message == (
        "'Hjemme Nord' (nord) has 65 people, 3.2 times 'Hjemme Sør' (sor) (20); sibling virksomhet units "
        "under 'Hjemmetjenester' (ks-a) should be of relatively equal size (at most 3 times)"
    )
    # the small non-geographic Tildeling (5) is not compared unless asked
    diags = assert_diagnostics(
        SIZED,
        ["comparable-sizes"],
        [at(SIZED, 11, "64", "OM260")],
        {"comparable-sizes": {"geographic_only": False, "factor": 4}},
    )
    assert "13.0 times 'Tildeling' (tildeling) (5)" in diags[0].message


def test_comparable_sizes_within_the_factor_or_unknown_pass() -> None:
    assert_diagnostics(SIZED, ["comparable-sizes"], [], {"comparable-sizes": {"factor": 3.25}})
    assert_diagnostics(BASE, ["comparable-sizes"], [], {"comparable-sizes": {"geographic_only": False}})


CARE = """\
orgmodel: 1
kommune: K
kommunedeler: [{id: kd1, number: 1, name: A}, {id: kd2, number: 2, name: B}]
sites:
  - {id: s1, name: S1, kind: knutepunkt, kommunedel: kd1}
  - {id: s2, name: S2, kind: knutepunkt, kommunedel: kd2}
services:
  - {id: sykehjem, name: Sykehjem, category: helse-og-omsorg}
  - {id: dagsenter, name: Dagsenter, category: helse-og-omsorg}
units:
  - {id: rm, name: Rådmann, level: 1, leader: R, budget: true, staff: 2}
  - {id: ks, name: Institusjon, level: 2, parent: rm, leader: K, budget: true}
  - {id: shj, name: Sykehjemmet, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, staff: 55, \
kommunedeler: [kd1], sites: [s1], delivers: [sykehjem, dagsenter]}
  - {id: dag, name: Dagsenteret, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, staff: 9, \
kommunedeler: [kd2], sites: [s2], delivers: [dagsenter]}
"""


def test_a_shared_secondary_service_does_not_make_like_units() -> None:
    """Tester defect 11: a sykehjem that also runs a dagsenter is not compared with a dagsenter."""
    assert_diagnostics(CARE, ["comparable-sizes"], [])


def test_units_with_the_same_main_service_are_compared_whatever_else_they_deliver() -> None:
    text = CARE.replace(
        "staff: 9, kommunedeler: [kd2], sites: [s2], delivers: [dagsenter]",
        "staff: 9, kommunedeler: [kd2], sites: [s2], delivers: [sykehjem]",
    )
    diags = assert_diagnostics(text, ["comparable-sizes"], [at(text, 13, "55", "OM260")])
    assert diags[0].message == (
        "'Sykehjemmet' (shj) has 56 people, 5.6 times 'Dagsenteret' (dag) (10); sibling virksomhet units "
        "delivering mainly sykehjem under 'Institusjon' (ks) should be of relatively equal size "
        "(at most 3 times)"
    )


def test_units_placed_only_by_their_site_are_no_districts() -> None:
    # tour I: a central sykehjem of 96 and a rural one of 29, each in its building: sized by its beds,
    # its users from the whole kommune; districts serve kommunedeler of their own
    text = CARE.replace(
        "staff: 9, kommunedeler: [kd2], sites: [s2], delivers: [dagsenter]",
        "staff: 9, kommunedeler: [kd2], sites: [s2], delivers: [sykehjem]",
    )
    sited = text.replace("kommunedeler: [kd1], sites: [s1]", "sites: [s1]").replace(
        "kommunedeler: [kd2], sites: [s2]", "sites: [s2]"
    )
    assert_diagnostics(sited, ["comparable-sizes"], [])
    everywhere = {"comparable-sizes": {"geographic_only": False}}
    assert_diagnostics(sited, ["comparable-sizes"], [at(sited, 13, "55", "OM260")], everywhere)


def test_an_enhet_and_an_unlabelled_unit_are_compared_as_virksomheter() -> None:
    """Tester defect 10 for OM260: siblings by their place in the tree, whatever their label."""
    text = CARE.replace(
        "kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, staff: 55",
        "level: 3, parent: ks, leader: V, budget: true, staff: 55",
    )
    text = text.replace(
        "id: dag, name: Dagsenteret, kind: virksomhet", "id: dag, name: Dagsenteret, kind: enhet"
    )
    text = text.replace("delivers: [dagsenter]}", "delivers: [sykehjem]}")
    diags = assert_diagnostics(text, ["comparable-sizes"], [at(text, 13, "55", "OM260")])
    assert "sibling virksomhet units delivering mainly sykehjem under 'Institusjon' (ks)" in diags[0].message
    avdeling = text.replace("kind: enhet", "kind: avdeling")
    assert_diagnostics(avdeling, ["comparable-sizes"], [])


def test_schools_are_not_compared_by_size_their_catchment_sets_it() -> None:
    # a town school of 56 and a village school of 10: sized by their pupils, not by the design
    text = (
        CARE.replace(
            "{id: sykehjem, name: Sykehjem, category: helse-og-omsorg}",
            "{id: skole, name: Skole, category: oppvekst}",
        )
        .replace("delivers: [sykehjem, dagsenter]", "delivers: [skole]")
        .replace("delivers: [dagsenter]}", "delivers: [skole]}")
    )
    assert_diagnostics(text, ["comparable-sizes"], [])
    compared = {"comparable-sizes": {"exempt_categories": []}}
    assert_diagnostics(text, ["comparable-sizes"], [at(text, 13, "55", "OM260")], compared)


WHOLE_KOMMUNE = """\
orgmodel: 1
kommune: K
kommunedeler: [{id: kd1, number: 1, name: A}, {id: kd2, number: 2, name: B}]
units:
  - {id: rm, name: Rådmann, level: 1, leader: R, budget: true, staff: 2}
  - {id: ks, name: Barn og familie, level: 2, parent: rm, leader: K, budget: true, staff: 1}
  - {id: boliger, name: Barneboliger, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, \
staff: 38, kommunedeler: [kd1, kd2]}
  - {id: slt, name: SLT, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, staff: 9, \
kommunedeler: [kd1, kd2]}
"""


def test_units_naming_no_service_are_compared_only_as_districts_apart() -> None:
    # a Kristiansand planner's barneboliger (38) and SLT team (9), both for the whole kommune, were
    # "sibling units that should be of relatively equal size": nothing says they are alike
    assert_diagnostics(WHOLE_KOMMUNE, ["comparable-sizes"], [])
    # placed apart they are still two services (a Nordre Follo planner's bofellesskap and
    # frivilligsentral, kommunalteknikk and idrett were told to split the larger): nothing says they are alike
    apart = WHOLE_KOMMUNE.replace("staff: 38, kommunedeler: [kd1, kd2]", "staff: 38, kommunedeler: [kd1]")
    apart = apart.replace("staff: 9, kommunedeler: [kd1, kd2]", "staff: 9, kommunedeler: [kd2]")
    assert_diagnostics(apart, ["comparable-sizes"], [])
    # two districts of a sketch that names no services yet are alike: named alike, each in its own kommunedel
    districts = apart.replace("name: Barneboliger", "name: Hjemmetjenesten Nord").replace(
        "name: SLT", "name: Hjemmetjenester Sør"
    )
    diags = assert_diagnostics(districts, ["comparable-sizes"], [at(districts, 7, "38", "OM260")])
    assert "3.9 times 'Hjemmetjenester Sør' (slt) (10)" in diags[0].message
    # a ruleset that compares units placed anywhere compares them by kind alone, as it asks
    loose = {"comparable-sizes": {"geographic_only": False}}
    assert_diagnostics(WHOLE_KOMMUNE, ["comparable-sizes"], [at(WHOLE_KOMMUNE, 7, "38", "OM260")], loose)


def test_a_unit_whose_people_are_in_its_avdelinger_is_reported_at_its_id() -> None:
    # the caret sat on 'staff: 4' of a barnevern with 75 people, most of them in three avdelinger
    text = SIZED.replace("staff: 64", "staff: 4") + (
        "  - {id: avd, name: Avdeling, level: 4, parent: nord, leader: A, budget: true, staff: 59}\n"
    )
    diags = assert_diagnostics(text, ["comparable-sizes"], [at(text, 11, "nord", "OM260")])
    assert diags[0].message.startswith("'Hjemme Nord' (nord) has 65 people")


def test_first_words_alike_give_or_take_an_ending() -> None:
    from orgmodel.rules.comparable_sizes import _first_word

    assert _first_word(" Hjemmetjenesten/Nord") == "hjemmetjenesten"
    assert _first_word("3. Sykehjemmet") == "sykehjemmet"
    assert _first_word("") == ""


CONTROL = """orgmodel: 1
kommune: Fjordvik
services:
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg}
  - {id: legevakt, name: Legevakt, category: helse-og-omsorg}
  - {id: revisjon, name: Regnskaps- og forvaltningsrevisjon, category: kontroll}
  - {id: sekretariat, name: Sekretariat for kontrollutvalget, category: kontroll}
units:
  - {id: kd, name: Kommunedirektør, level: 1, leader: Kommunedirektør, budget: true, staff: 2}
  - {id: virk-hjemme, name: Hjemmetjenesten, kind: virksomhet, level: 2, parent: kd, leader: Leder,
     budget: true, staff: 30, delivers: [hjemmesykepleie]}
  - {id: revisjon-iks, name: Fjordregionen revisjon IKS, kind: iks, level: 1,
     delivers: [revisjon, sekretariat]}
  - {id: legevakt-iks, name: Legevakt IKS, kind: iks, level: 1, delivers: [legevakt]}
"""


def test_revisjon_and_the_kontrollutvalg_secretariat_are_never_counted() -> None:
    """kommuneloven §§ 24-1 and 23-7 keep them out of the administration: never 'bring it in' (tour L 7)."""
    (found,) = assert_diagnostics(
        CONTROL,
        ["outside-services"],
        [pos(CONTROL, "{id: legevakt-iks,", "legevakt]", "OM252")],
        {"outside-services": {"max_services": 0}},
    )
    assert "service number 1 from outside" in found.message
    # the legevakt's category is one the kommune delivers itself: no word about control bodies
    assert found.hint == "bring the service into the basisorganisasjon, or adopt a higher limit"


def test_an_unmarked_control_body_is_counted_with_a_hint_that_says_how_to_mark_it() -> None:
    text = CONTROL.replace("category: kontroll}", "category: revisjon}")
    found = check_yaml(text, ["outside-services"], {"outside-services": {"max_services": 0}}).diagnostics
    assert [d.key for d in found] == ["revisjon", "sekretariat", "legevakt"]
    assert found[0].hint == (
        "bring the service into the basisorganisasjon, or adopt a higher limit; if it is revisjon or the "
        "kontrollutvalg's secretariat, which stay outside by law (kommuneloven §§ 24-1, 23-7), give it "
        "'category: kontroll'"
    )
    # a municipality that names its control category otherwise says so
    params = {"outside-services": {"max_services": 0, "control_categories": ["revisjon"]}}
    assert [d.key for d in check_yaml(text, ["outside-services"], params).diagnostics] == ["legevakt"]
