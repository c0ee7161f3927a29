"""OM201-OM205: kommunedeler, local services, places and hubs, at exact positions."""

from __future__ import annotations

from fixtures.principles.model import BASE, PARAMS, edit, pos

from conftest import assert_diagnostics, check_yaml

HUB_RULES = ["kommunedel-hub", "local-service", "place-mismatch", "hub-pilot", "hub-co-location"]


def test_the_base_model_keeps_every_hub_principle() -> None:
    assert_diagnostics(BASE, HUB_RULES, [], PARAMS)


# --- OM201 kommunedel-hub


EVERY = {"kommunedel-hub": {"every_kommunedel": True}}  # Drammen's decision (drammen-2020 sets it)


def test_a_kommunedel_without_a_hub_is_reported_at_the_kommunedel_where_a_ruleset_adopts_hubs() -> None:
    text = edit(BASE, "name: Sør knutepunkt, kind: knutepunkt", "name: Sør knutepunkt, kind: office")
    assert_diagnostics(text, ["kommunedel-hub"], [])  # the default: no municipality-wide hub principle
    diags = assert_diagnostics(text, ["kommunedel-hub"], [pos(text, "{id: kd2,", "kd2", "OM201")], EVERY)
    assert diags[0].message.startswith("kommunedel 2 Sør (kd2) has no lokalt knutepunkt")
    assert diags[0].unit == "kd2"
    assert diags[0].hint == "add a site with 'kind: knutepunkt' and 'kommunedel: kd2'"


def test_a_second_hub_is_fine_unless_exactly_one_is_adopted() -> None:
    text = edit(
        BASE, "sites:\n", "sites:\n  - {id: kp-nord-2, name: Nord 2, kind: knutepunkt, kommunedel: kd1}\n"
    )
    assert_diagnostics(text, ["kommunedel-hub"], [])
    diags = assert_diagnostics(
        text,
        ["kommunedel-hub"],
        [pos(text, "{id: kp-nord,", "kd1}", "OM201")],
        {"kommunedel-hub": {"exactly_one": True}},
    )
    assert (
        "has 2 lokale knutepunkter ('Nord 2' (kp-nord-2) and 'Nord knutepunkt' (kp-nord))" in diags[0].message
    )


def test_a_hub_without_a_kommunedel_counts_for_none() -> None:
    text = edit(BASE, "kind: knutepunkt, kommunedel: kd2}", "kind: knutepunkt}")
    assert_diagnostics(text, ["kommunedel-hub"], [pos(text, "{id: kp-sor,", "knutepunkt}", "OM201")])
    assert_diagnostics(
        text,
        ["kommunedel-hub"],
        [pos(text, "{id: kd2,", "kd2", "OM201"), pos(text, "{id: kp-sor,", "knutepunkt}", "OM201")],
        EVERY,
    )


def test_a_model_without_kommunedeler_is_not_judged() -> None:
    text = edit(BASE, "  - {id: kd1, number: 1, name: Nord}\n  - {id: kd2, number: 2, name: Sør}\n", "")
    text = edit(text, "kommunedeler:\n", "", count=1)
    text = text.replace(", kommunedel: kd1}", "}").replace(", kommunedel: kd2}", "}")
    text = text.replace("kommunedeler: [kd1], ", "").replace("kommunedeler: [kd2], ", "")
    text = text.replace("kommunedeler: [kd1, kd2], ", "")
    text = edit(text, "    kommunedel: kd1\n", "")
    text = edit(text, "kommunedel: kd2, ", "")
    assert_diagnostics(text, ["kommunedel-hub", "local-service"], [])


# --- OM202 local-service


def test_a_local_service_missing_in_a_kommunedel_names_the_kommunedel() -> None:
    text = edit(
        BASE, "kommunedeler: [kd1, kd2], sites: [kp-nord, kp-sor]", "kommunedeler: [kd1], sites: [kp-nord]"
    )
    text = edit(text, "name: Sør knutepunkt, kind: knutepunkt", "name: Sør knutepunkt, kind: office")
    diags = assert_diagnostics(text, ["local-service"], [pos(text, "{id: bibliotek,", "true}", "OM202")])
    assert diags[0].message == (
        "the local service 'Bibliotek' (bibliotek) is not delivered in kommunedel 2 Sør (kd2): basic "
        "services shall be available locally in every kommunedel"
    )
    assert diags[0].unit == "bibliotek"


def test_a_local_service_nobody_delivers() -> None:
    text = edit(BASE, ", delivers: [bibliotek]}", "}")
    diags = assert_diagnostics(text, ["local-service"], [pos(text, "{id: bibliotek,", "true}", "OM202")])
    assert "is delivered by no unit" in diags[0].message


def test_an_avdeling_without_places_works_where_its_virksomhet_works() -> None:
    text = edit(BASE, ", delivers: [bibliotek]}", "}")
    text = text.replace(
        "personas:\n",
        "  - {id: avd-filial, name: Filial, level: 4, parent: virk-bibliotek, leader: L,"
        " delivers: [bibliotek]}\n"
        "personas:\n",
    )
    assert_diagnostics(text, ["local-service"], [])


def _central_bibliotek_with(avdeling: str) -> str:
    """The bibliotek virksomhet at kd1 only, with ``avdeling`` (a unit line) below it."""
    text = edit(
        BASE, "kommunedeler: [kd1, kd2], sites: [kp-nord, kp-sor], delivers", "sites: [kp-nord], delivers"
    )
    return text.replace("personas:\n", f"  - {avdeling}\npersonas:\n")


def test_a_deliverer_cut_off_from_the_top_by_a_circle_works_nowhere_known() -> None:
    # tour G: a personnel circle (OM102's error) also gave "the dagsenter is not delivered in Fana"
    text = _central_bibliotek_with(
        "{id: avd-a, name: Filial A, level: 4, parent: avd-b, leader: L, delivers: [bibliotek]}\n"
        "  - {id: avd-b, name: Filial B, level: 4, parent: avd-a, leader: L}"
    )
    assert_diagnostics(text, ["local-service"], [])
    # placed by its own kommunedeler, it is judged where it says it works
    placed = text.replace("parent: avd-b, leader: L,", "parent: avd-b, leader: L, kommunedeler: [kd1],")
    assert_diagnostics(placed, ["local-service"], [pos(placed, "{id: bibliotek,", "true", "OM202")])


def test_a_service_is_delivered_where_the_avdelinger_of_its_virksomhet_work() -> None:
    # a tour's Helse og rehabilitering: it sits at the health centre, its helsestasjon at every hub
    filial = (
        "{id: avd-filial, name: Filial Sør, level: 4, parent: virk-bibliotek, leader: L, sites: [kp-sor]}"
    )
    assert_diagnostics(_central_bibliotek_with(filial), ["local-service"], [])
    with_it = filial.replace("sites: [kp-sor]}", "sites: [kp-sor], delivers: [bibliotek, barnehageplass]}")
    assert_diagnostics(_central_bibliotek_with(with_it), ["local-service"], [])


def test_an_avdeling_delivering_other_services_does_not_deliver_its_virksomhets() -> None:
    other = (
        "{id: avd-arkiv, name: Arkiv Sør, level: 4, parent: virk-bibliotek, leader: L, sites: [kp-sor],"
        " delivers: [barnehageplass]}"
    )
    text = _central_bibliotek_with(other)
    diags = assert_diagnostics(text, ["local-service"], [pos(text, "{id: bibliotek,", "true}", "OM202")])
    assert "is not delivered in kommunedel 2 Sør (kd2)" in diags[0].message


def test_one_deliverer_placed_by_its_site_is_told_how_to_serve_all_and_names_who_is_left_out() -> None:
    # a small kommune's hjemmetjeneste at the rådhus, naming no kommunedeler: OM202 twice and OM221
    # twice for one cause, and a hint that did not say what to write
    other = (
        "{id: avd-arkiv, name: Arkiv Sør, level: 4, parent: virk-bibliotek, leader: L, sites: [kp-sor],"
        " delivers: [barnehageplass]}"
    )
    text = _central_bibliotek_with(other).replace(
        "kommunedel: kd1\n    needs:", "kommunedel: kd2\n    needs:"
    )
    both = ["local-service", "persona-local-needs"]
    diags = assert_diagnostics(text, both, [pos(text, "{id: bibliotek,", "true}", "OM202")])
    assert diags[0].message.endswith("; fictional users affected: 'Ola, 3' (ola)")
    assert diags[0].hint == (
        "if 'Bibliotek' (virk-bibliotek) serves all of the kommune, write 'kommunedeler: [kd1, kd2]' on it "
        "(it is placed by its site or its leader's now); else let a unit serve the others"
    )
    # without local-service, the persona's side is the finding
    (alone,) = check_yaml(text, ["persona-local-needs"]).diagnostics
    assert alone.code == "OM221" and alone.unit == "ola"


def test_a_central_unit_makes_no_service_local() -> None:
    text = edit(BASE, "delivers: [barnehageplass]}", "delivers: [barnehageplass, bibliotek]}", count=2)
    text = edit(text, ", delivers: [bibliotek]}", "}")
    diags = assert_diagnostics(text, ["local-service"], [pos(text, "{id: bibliotek,", "true}", "OM202")])
    assert "kommunedel 1 Nord (kd1) and kommunedel 2 Sør (kd2)" in diags[0].message


# --- OM203 place-mismatch


def test_a_site_outside_the_listed_kommunedeler_is_reported_at_the_site() -> None:
    text = edit(
        BASE,
        "kommunedeler: [kd1], sites: [oms-nord, kp-nord]",
        "kommunedeler: [kd1], sites: [oms-nord, kp-sor]",
    )
    text = edit(
        text, "kommunedeler: [kd2], sites: [oms-sor, kp-sor]", "kommunedeler: [kd2], sites: [oms-sor]"
    )
    diags = assert_diagnostics(
        text, ["place-mismatch"], [pos(text, "{id: virk-oms-nord,", "kp-sor", "OM203")]
    )
    assert diags[0].message == (
        "'Omsorg Nord' (virk-oms-nord) works at 'Sør knutepunkt' (kp-sor) in kommunedel 2 Sør (kd2), but its "
        "'kommunedeler' list only kommunedel 1 Nord (kd1): say where the unit serves"
    )
    assert diags[0].severity.value == "warning"


def test_serving_several_kommunedeler_from_one_site_is_fine() -> None:
    text = edit(
        BASE, "kommunedeler: [kd1], sites: [oms-nord, kp-nord]", "kommunedeler: [kd1, kd2], sites: [oms-nord]"
    )
    assert_diagnostics(text, ["place-mismatch"], [])


# --- OM204 hub-pilot


PILOT = (
    "  - {id: pilot, name: Pilot knutepunkt, kind: knutepunkt, level: 3, parent: ks-kultur, leader: L,"
    " budget: true"
)


def test_a_hub_unit_must_be_a_pilot() -> None:
    text = edit(BASE, "personas:\n", PILOT + "}\npersonas:\n")
    diags = assert_diagnostics(text, ["hub-pilot"], [pos(text, "{id: pilot,", "knutepunkt, level", "OM204")])
    assert "samlokalisering, not samorganisering" in diags[0].message
    pilot = edit(BASE, "personas:\n", PILOT + ", pilot: true}\npersonas:\n")
    assert_diagnostics(pilot, ["hub-pilot"], [])


def test_pilots_beyond_the_cap_are_reported_at_pilot() -> None:
    second = PILOT.replace("id: pilot,", "id: pilot-2,") + ", pilot: true}\n"
    text = edit(BASE, "personas:\n", PILOT + ", pilot: true}\n" + second + "personas:\n")
    diags = assert_diagnostics(text, ["hub-pilot"], [pos(text, "{id: pilot-2,", "true}", "OM204")])
    assert "pilot hub number 2, but the ruleset allows 1 pilot hub" in diags[0].message
    assert_diagnostics(text, ["hub-pilot"], [], {"hub-pilot": {"max_pilots": 2}})


# --- OM205 hub-co-location


def test_a_hub_with_one_line_of_units_is_reported_at_the_site() -> None:
    text = edit(BASE, "sites: [oms-sor, kp-sor]", "sites: [oms-sor]")
    diags = assert_diagnostics(
        text, ["hub-co-location"], [pos(text, "{id: kp-sor,", "kp-sor", "OM205")], PARAMS
    )
    assert diags[0].message == (
        "the lokalt knutepunkt 'Sør knutepunkt' (kp-sor) hosts only 'Bibliotek' (virk-bibliotek); a hub "
        "co-locates services from at least 2 units of different lines"
    )


def test_a_unit_and_its_avdeling_at_the_same_hub_count_once() -> None:
    text = edit(BASE, "sites: [oms-sor, kp-sor]", "sites: [oms-sor]")
    text = edit(
        text,
        "personas:\n",
        "  - {id: avd-sor, name: Filial Sør, level: 4, parent: virk-bibliotek, leader: L, sites: [kp-sor]}\n"
        "personas:\n",
    )
    assert_diagnostics(text, ["hub-co-location"], [pos(text, "{id: kp-sor,", "kp-sor", "OM205")], PARAMS)


def test_an_empty_hub_is_reported_by_default() -> None:
    text = edit(BASE, "sites: [oms-sor, kp-sor]", "sites: [oms-sor]")
    text = edit(text, "sites: [kp-nord, kp-sor]", "sites: [kp-nord]")
    diags = assert_diagnostics(text, ["hub-co-location"], [pos(text, "{id: kp-sor,", "kp-sor", "OM205")])
    # a tour read "from at least 1 unit of different lines" for the default of one unit
    assert diags[0].message.endswith("hosts no unit: no unit names it in its 'sites:'")


def test_a_hub_organised_as_one_unit_is_hub_pilot_s_alone() -> None:
    # tour G: OM204 reported the bydel leading several lines at its bydelshus, and OM205 said the same
    # hub "hosts only" the bydel: one cause, two findings (OM205 stands down while OM204 runs)
    text = edit(BASE, "sites: [oms-sor, kp-sor]", "sites: [oms-sor]")
    text = edit(text, "sites: [kp-nord, kp-sor]", "sites: [kp-nord]")
    text = edit(text, "personas:\n", PILOT + ", sites: [kp-sor]}\npersonas:\n")
    both = ["hub-pilot", "hub-co-location"]
    assert_diagnostics(text, both, [pos(text, "{id: pilot,", "knutepunkt, level", "OM204")], PARAMS)
    adopted = text.replace("budget: true, sites: [kp-sor]}", "budget: true, pilot: true, sites: [kp-sor]}")
    assert_diagnostics(adopted, both, [], PARAMS)  # the adopted pilot hosts its own unit by design
    alone = [pos(text, "{id: kp-sor,", "kp-sor", "OM205")]
    assert_diagnostics(text, ["hub-co-location"], alone, PARAMS)  # without hub-pilot, OM205 judges it
