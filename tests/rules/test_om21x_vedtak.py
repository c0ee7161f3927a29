"""OM210-OM212: one saksbehandler per user, who decides each vedtak, at exact positions."""

from __future__ import annotations

from fixtures.principles.model import BASE, PARAMS, edit, pos

from conftest import assert_diagnostics, check_yaml, line_of

VEDTAK_RULES = ["single-decider", "vedtak-decider", "allocation-unit"]
NORD_DECIDES = "delivers: [hjemmetjenester, dagsenter]}"


def test_the_base_model_keeps_one_saksbehandler() -> None:
    assert_diagnostics(BASE, VEDTAK_RULES, [], PARAMS)


def test_nothing_is_judged_with_empty_categories() -> None:
    text = edit(BASE, "    decides: [hjemmetjenester, dagsenter]\n", "    decides: [dagsenter]\n")
    text = edit(text, NORD_DECIDES, "decides: [hjemmetjenester], " + NORD_DECIDES, count=2)
    none: dict[str, dict[str, object]] = {
        "single-decider": {"categories": []},
        "allocation-unit": {"categories": []},
    }
    assert_diagnostics(text, ["single-decider", "allocation-unit"], [], none)


# --- OM210 single-decider


def test_a_service_decided_by_two_units_is_reported_at_the_second_decision() -> None:
    """One cause, one finding: the `decides` entry beside the allocation unit's, naming the personas."""
    text = edit(
        BASE,
        "kommunedeler: [kd1], sites: [oms-nord, kp-nord], delivers",
        "kommunedeler: [kd1], sites: [oms-nord, kp-nord], decides: [hjemmetjenester], delivers",
    )
    expected = [pos(text, "{id: virk-oms-nord,", "hjemmetjenester], delivers", "OM210")]
    diags = assert_diagnostics(text, ["single-decider"], expected, PARAMS)
    assert diags[0].message == (
        "'Omsorg Nord' (virk-oms-nord) also decides 'Hjemmetjenester' (hjemmetjenester), which "
        "'Tjenestetildeling' (tildeling) decides: its users meet two saksbehandlere (each user shall meet "
        "one for all services in category 'helse-og-omsorg')"
    )
    assert diags[0].unit == "virk-oms-nord"
    # Kari lives in Nord's kommunedel: she is named, and OM212/OM220 add nothing for the same cause
    text = edit(text, "kommunedel: kd2, needs: [hjemmetjenester", "kommunedel: kd1, needs: [hjemmetjenester")
    rules = ["single-decider", "allocation-unit", "persona-saksbehandler"]
    diags = assert_diagnostics(text, rules, expected, PARAMS)
    assert diags[0].message.endswith("; fictional users affected: 'Kari, 84' (kari)")


def test_a_unit_deciding_two_services_beside_the_allocation_unit_gets_one_finding() -> None:
    """One cause, one finding: one `decides` list to change (tour N: Asker's hjemmetjenester had 6 for 3)."""
    text = edit(
        BASE,
        "kommunedeler: [kd1], sites: [oms-nord, kp-nord], delivers",
        "kommunedeler: [kd1], sites: [oms-nord, kp-nord], decides: [dagsenter, hjemmetjenester], delivers",
    )
    text = edit(text, "kommunedel: kd2, needs: [hjemmetjenester", "kommunedel: kd1, needs: [hjemmetjenester")
    expected = [pos(text, "{id: virk-oms-nord,", "dagsenter, hjemmetjenester], delivers", "OM210")]
    rules = ["single-decider", "allocation-unit", "persona-saksbehandler"]
    diags = assert_diagnostics(text, rules, expected, PARAMS)
    assert diags[0].message == (
        "'Omsorg Nord' (virk-oms-nord) also decides 'Dagsenter' (dagsenter) and 'Hjemmetjenester' "
        "(hjemmetjenester), which 'Tjenestetildeling' (tildeling) decides: its users meet two saksbehandlere "
        "(each user shall meet one for all services in category 'helse-og-omsorg'); fictional users "
        "affected: 'Kari, 84' (kari)"
    )
    assert diags[0].hint == (
        "remove them from this unit's 'decides'; tildeling grants them, this unit can still deliver them"
    )
    # the fingerprint stands on the unit and the unit it doubles, not on the services listed
    one = edit(
        text, "decides: [dagsenter, hjemmetjenester], delivers", "decides: [hjemmetjenester], delivers"
    )
    [single] = check_yaml(one, ["single-decider"], PARAMS).diagnostics
    assert single.fingerprint == diags[0].fingerprint


def test_with_single_decider_off_the_second_decision_is_still_found() -> None:
    # a tour's ruleset turned single-decider off and set the allocation unit: OM212 and OM220 left the
    # doubled decision to OM210, which did not run, so nothing reported it (a missed defect)
    text = edit(
        BASE,
        "kommunedeler: [kd1], sites: [oms-nord, kp-nord], delivers",
        "kommunedeler: [kd1], sites: [oms-nord, kp-nord], decides: [hjemmetjenester], delivers",
    )
    text = edit(text, "kommunedel: kd2, needs: [hjemmetjenester", "kommunedel: kd1, needs: [hjemmetjenester")
    entry = pos(text, "{id: virk-oms-nord,", "hjemmetjenester], delivers", "OM212")
    need = pos(text, "{id: kari,", "hjemmetjenester", "OM220")
    params = {**PARAMS, "allocation-unit": {"allocation_unit": "tildeling"}}
    # one cause, one finding: OM212 names Kari, so OM220 says nothing more about her
    found = assert_diagnostics(text, ["allocation-unit", "persona-saksbehandler"], [entry], params)
    assert found[0].message.endswith("; fictional users affected: 'Kari, 84' (kari)")
    assert_diagnostics(text, ["persona-saksbehandler"], [need], params)  # OM212 off: OM220 finds it
    with_it = ["single-decider", "allocation-unit", "persona-saksbehandler"]
    assert_diagnostics(text, with_it, [(entry[0], entry[1], "OM210")], params)


def test_other_categories_may_have_their_own_deciders() -> None:
    text = edit(
        BASE, "delivers: [barnehageplass]}", "decides: [barnehageplass], delivers: [barnehageplass]}", 2
    )
    assert_diagnostics(text, ["single-decider"], [], PARAMS)


# --- OM211 vedtak-decider


def test_a_vedtak_service_nobody_decides_is_reported_at_vedtak() -> None:
    text = edit(BASE, ", decides: [barnehageplass]}", "}")
    diags = assert_diagnostics(
        text, ["vedtak-decider"], [pos(text, "{id: barnehageplass,", "true}", "OM211")]
    )
    assert diags[0].message == (
        "'Barnehageplass' (barnehageplass) is granted by vedtak, but no unit decides it: nobody in this "
        "design has the authority to grant it"
    )
    # a barnehageplass is no health and care service: no tildelingsenhet to point at (tour L 12)
    assert diags[0].hint == "add it to 'decides:' of the unit that grants it"


def test_the_tildelingsenhet_is_named_only_for_the_categories_one_unit_grants() -> None:
    text = edit(BASE, "    decides: [hjemmetjenester, dagsenter]\n", "    decides: [hjemmetjenester]\n")
    hints = {d.hint for d in check_yaml(text, ["vedtak-decider"]).diagnostics if d.unit == "dagsenter"}
    assert hints == {"add it to 'decides:' of the unit that grants it (e.g. the tildelingsenhet)"}
    # a municipality whose ruleset gives oppvekst one allocation unit too gets the example there
    plain = edit(BASE, ", decides: [barnehageplass]}", "}")
    params = {"single-decider": {"categories": ["helse-og-omsorg", "oppvekst"]}}
    found = check_yaml(plain, ["vedtak-decider", "single-decider"], params).diagnostics
    assert [d.hint for d in found if d.code == "OM211"] == [
        "add it to 'decides:' of the unit that grants it (e.g. the tildelingsenhet)"
    ]


def test_a_vedtak_service_a_vertskommune_grants_needs_no_decider_in_a_partner_s_model() -> None:
    # tour I: a kommune buying barnehageplass-saker from its vertskommune got a false error, and a hint
    # to put the vedtak in its own tildelingsenhet (kommuneloven § 20-2: the host makes the vedtak)
    text = edit(BASE, ", decides: [barnehageplass]}", "}")
    agreement = (
        "agreements:\n  - {id: vk, kind: vertskommune, name: Vertskommune, parties: ['3005', '3025'], "
        "host: '3005', services: [barnehageplass]}\n"
    )
    partner = text.replace("kommune: ", "kommunenummer: '3025'\nkommune: ", 1) + agreement
    assert_diagnostics(partner, ["vedtak-decider"], [])
    assert_diagnostics(text + agreement, ["vedtak-decider"], [])  # a model that names no kommunenummer
    host = text.replace("kommune: ", "kommunenummer: '3005'\nkommune: ", 1) + agreement
    found = [pos(host, "{id: barnehageplass,", "true}", "OM211")]
    assert_diagnostics(host, ["vedtak-decider"], found)  # the host's own model must grant it


def test_a_kommunedel_no_decider_names_is_reported_at_the_first_deciders_kommunedeler() -> None:
    # a Nordre Follo planner wrote the tildelingsenhet with the kommunedel it sits in: Kari, in the
    # other, met no saksbehandler for three vedtak needs, and check said nothing
    text = edit(BASE, "    sites: [kontor]\n", "    kommunedeler: [kd1]\n    sites: [kontor]\n")
    expected = [pos(text, "    kommunedeler: [kd1]", "[kd1]", "OM211")] * 2
    diags = sorted(
        assert_diagnostics(text, ["vedtak-decider"], expected),
        key=lambda d: d.key != "districts:hjemmetjenester",
    )
    assert diags[0].message == (
        "'Hjemmetjenester' (hjemmetjenester) is decided only for kommunedel 1 Nord (kd1) "
        "(by 'Tjenestetildeling' (tildeling)): nobody decides it for users living in kommunedel 2 Sør (kd2)"
    )  # names, not ids (tour R item 8)
    assert diags[0].hint == (
        "a unit that decides for the whole kommune lists no 'kommunedeler:' (where it works goes under "
        "'sites:'); else let a unit decide it for kommunedel 2 Sør (kd2)"
    )
    assert {d.key for d in diags} == {"districts:hjemmetjenester", "districts:dagsenter"}
    # district offices that together name every kommunedel leave nobody out
    both = edit(
        text,
        "kommunedeler: [kd2], sites: [oms-sor, kp-sor], delivers",
        "kommunedeler: [kd2], sites: [oms-sor, kp-sor], decides: [hjemmetjenester, dagsenter], delivers",
    )
    assert_diagnostics(both, ["vedtak-decider"], [])


def test_deciding_a_service_without_vedtak_is_reported_at_the_decides_entry() -> None:
    text = edit(
        BASE,
        "    decides: [hjemmetjenester, dagsenter]\n",
        "    decides: [hjemmetjenester, dagsenter, fysio]\n",
    )
    diags = assert_diagnostics(
        text,
        ["vedtak-decider"],
        [pos(text, "decides: [hjemmetjenester, dagsenter, fysio]", "fysio", "OM211")],
    )
    assert "decides 'Fysioterapi' (fysio), which is not granted by vedtak" in diags[0].message


# --- OM212 allocation-unit


def moved() -> str:
    """The base model with hjemmetjenester decided by Omsorg Sør instead of the tildelingsenhet."""
    text = edit(BASE, "    decides: [hjemmetjenester, dagsenter]\n", "    decides: [dagsenter]\n")
    return edit(
        text,
        "kommunedeler: [kd2], sites: [oms-sor, kp-sor], delivers",
        "kommunedeler: [kd2], sites: [oms-sor, kp-sor], decides: [hjemmetjenester], delivers",
    )


def test_a_care_vedtak_moved_out_of_the_allocation_unit_is_reported_at_the_new_decider() -> None:
    text = moved()
    # kd1 is then left with nobody to decide hjemmetjenester (Omsorg Sør decides for kd2): a second defect
    expected = [
        pos(text, "{id: virk-oms-sor,", "[kd2]", "OM211"),
        pos(text, "{id: virk-oms-sor,", "hjemmetjenester]", "OM212"),
    ]
    diags = assert_diagnostics(text, VEDTAK_RULES, expected, PARAMS)[1:]
    assert diags[0].message == (
        "'Omsorg Sør' (virk-oms-sor) decides 'Hjemmetjenester' (hjemmetjenester), but vedtak on "
        "services in category 'helse-og-omsorg' belong to the allocation unit 'Tjenestetildeling' "
        "(tildeling): a user of several services would meet more than one saksbehandler (decisions split: "
        "tildeling 1 service and virk-oms-sor 1 service); fictional users affected: 'Kari, 84' (kari)"
    )
    assert diags[0].hint == "move it to 'decides:' of tildeling; this unit can still deliver the service"
    assert diags[0].unit == "virk-oms-sor"


def test_without_a_configured_unit_the_unit_deciding_most_is_the_allocation_unit() -> None:
    text = moved()
    text = edit(
        text,
        "  - {id: dagsenter,",
        "  - {id: avlastning, name: Avlastning, category: helse-og-omsorg, "
        "vedtak: true}\n  - {id: dagsenter,",
    )
    text = edit(text, "    decides: [dagsenter]\n", "    decides: [dagsenter, avlastning]\n")
    diags = assert_diagnostics(
        text,
        ["allocation-unit"],
        [pos(text, "{id: virk-oms-sor,", "hjemmetjenester]", "OM212")],
        {"allocation-unit": {"categories": ["helse-og-omsorg"]}},
    )
    assert "are decided for most providers by 'Tjenestetildeling' (tildeling)" in diags[0].message


def test_a_misspelt_allocation_unit_is_reported_with_a_suggestion() -> None:
    params = {"allocation-unit": {"categories": ["helse-og-omsorg"], "allocation_unit": "tildelling"}}
    diags = check_yaml(BASE, ["allocation-unit"], params).diagnostics
    # at the value to change, in the ruleset that set it (check_yaml writes one, as a user would)
    assert [(d.code, line_of(d).strip()) for d in diags] == [("OM212", "allocation_unit: tildelling")]
    assert diags[0].message == (
        "the ruleset names 'tildelling' as the allocation unit (tildelingsenhet), but no unit has that id; "
        "the vedtak on services in category 'helse-og-omsorg' here are decided by 'Tjenestetildeling' "
        "(tildeling)"
    )
    assert diags[0].hint is not None and "did you mean 'tildeling'?" in diags[0].hint


SPLIT = """\
orgmodel: 1
kommune: K
services:
  - {id: hjem, name: Hjemmetjenester, category: helse-og-omsorg, vedtak: true}
  - {id: bolig, name: Bolig, category: helse-og-omsorg, vedtak: true}
  - {id: avl, name: Avlastning, category: helse-og-omsorg, vedtak: true}
units:
  - {id: rm, name: Rådmann, level: 1, leader: R}
  - {id: ks-a, name: Hjemme, level: 2, parent: rm, leader: K}
  - {id: p1, name: P1, level: 3, parent: ks-a, leader: V, delivers: [hjem]}
  - {id: p2, name: P2, level: 3, parent: ks-a, leader: V, delivers: [hjem]}
  - {id: p3, name: P3, level: 3, parent: ks-a, leader: V, delivers: [hjem]}
  - {id: tildeling, name: Tildeling, level: 3, parent: ks-a, leader: V, role: authority, decides: [hjem]}
  - {id: ks-b, name: Funksjonsevne, level: 2, parent: rm, leader: K}
  - {id: p4, name: P4, level: 3, parent: ks-b, leader: V, delivers: [bolig, avl]}
  - {id: tild-b, name: Tildeling B, level: 3, parent: ks-b, leader: V, role: authority, decides: [bolig, avl]}
"""


def test_without_a_configured_unit_the_unit_serving_most_providers_is_the_allocation_unit() -> None:
    """The before model: Tjenestetildeling grants for 11 providers, the nf unit more services for 4."""
    # one cause, one finding: one per deciding unit, at its first decision, naming all of them
    diags = assert_diagnostics(SPLIT, ["allocation-unit"], [pos(SPLIT, "{id: tild-b,", "bolig,", "OM212")])
    first = "'Tildeling B' (tild-b) decides 'Bolig' (bolig) and 'Avlastning' (avl), "
    assert diags[0].message.startswith(first)
    assert "are decided for most providers by 'Tildeling' (tildeling)" in diags[0].message
    assert "(decisions split: tildeling 1 service and tild-b 2 services)" in diags[0].message
    assert diags[0].hint == "move them to 'decides:' of tildeling; this unit can still deliver the services"


def test_without_a_configured_unit_a_tie_says_which_unit_was_taken_and_how_to_choose() -> None:
    # one provider each: neither serves more providers (tild-b decides more services and is taken)
    even = SPLIT.replace(", delivers: [hjem]}\n  - {id: p2", ", delivers: [hjem]}\n  - {id: p2x").replace(
        "  - {id: p2x, name: P2, level: 3, parent: ks-a, leader: V, delivers: [hjem]}\n"
        "  - {id: p3, name: P3, level: 3, parent: ks-a, leader: V, delivers: [hjem]}\n",
        "",
    )
    diags = check_yaml(even, ["allocation-unit"]).diagnostics
    assert diags and all(d.code == "OM212" for d in diags)
    assert "are split between units, and 'Tildeling B' (tild-b) is taken as the allocation unit" in (
        diags[0].message
    )
    assert "most providers" not in diags[0].message


DISTRICTS = """orgmodel: 1
kommune: Testby
kommunedeler:
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}
services:
  - {id: hs, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true}
units:
  - {id: top, name: Rådmann, level: 1, leader: Rådmann}
  - {id: t1, name: Kontor Nord, level: 2, parent: top, leader: Leder, kommunedeler: [kd1], decides: [hs]}
  - {id: t2, name: Kontor Sør, level: 2, parent: top, leader: Leder, kommunedeler: [kd2], decides: [hs]}
personas:
  - {id: p, name: P, needs: [hs]}
  - {id: q, name: Q, kommunedel: kd2, needs: [hs]}
"""


def test_district_offices_that_each_decide_for_their_own_kommunedeler_are_one_saksbehandler_a_user() -> None:
    # Oslo's bydeler each grant hjemmetjenester through their own bestillerkontor: a user meets one
    rules = ["single-decider", "persona-saksbehandler"]
    assert check_yaml(DISTRICTS, rules).diagnostics == []
    overlap = DISTRICTS.replace("kommunedeler: [kd2], decides", "kommunedeler: [kd1, kd2], decides")
    (found,) = check_yaml(overlap, rules).diagnostics
    assert (found.code, found.unit) == ("OM210", "t2")  # both decide for Nord: its users meet two


BYDELER = """\
orgmodel: 1
kommune: Testby
kommunedeler:
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}
  - {id: kd3, number: 3, name: Øst}
services:
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true}
  - {id: sykehjem, name: Sykehjemsplass, category: helse-og-omsorg, vedtak: true}
units:
  - {id: top, name: Rådmann, level: 1, leader: R, budget: true}
  - {id: ks, name: Helse, level: 2, parent: top, leader: K, budget: true}
  - {id: best-1, name: BN, level: 3, parent: ks, leader: L, decides: [hjemmesykepleie], kommunedeler: [kd1]}
  - {id: best-2, name: BS, level: 3, parent: ks, leader: L, decides: [hjemmesykepleie], kommunedeler: [kd2]}
  - {id: best-3, name: BØ, level: 3, parent: ks, leader: L, decides: [hjemmesykepleie], kommunedeler: [kd3]}
  - {id: inntak, name: Inntak sykehjem, level: 3, parent: ks, leader: L, decides: [sykehjem]}
  - {id: h1, name: HN, level: 3, parent: ks, leader: L, delivers: [hjemmesykepleie], kommunedeler: [kd1]}
  - {id: h2, name: HS, level: 3, parent: ks, leader: L, delivers: [hjemmesykepleie], kommunedeler: [kd2]}
  - {id: h3, name: HØ, level: 3, parent: ks, leader: L, delivers: [hjemmesykepleie], kommunedeler: [kd3]}
  - {id: s1, name: Sykehjem A, level: 3, parent: ks, leader: L, delivers: [sykehjem]}
  - {id: s2, name: Sykehjem B, level: 3, parent: ks, leader: L, delivers: [sykehjem]}
  - {id: s3, name: Sykehjem C, level: 3, parent: ks, leader: L, delivers: [sykehjem]}
"""


def test_district_offices_beside_a_central_office_are_reported_alike() -> None:
    # a tour's Bergvik: one office was reported and its twin not, and with three bydeler the first
    # bydel's office became the city's allocation unit ('move sykehjem to Bestiller Nord')
    expected = [pos(BYDELER, f"{{id: best-{n},", "hjemmesykepleie]", "OM212") for n in (1, 2, 3)]
    found = assert_diagnostics(BYDELER, ["allocation-unit"], expected)
    assert all("'Inntak sykehjem' (inntak)" in d.message for d in found)
    assert found[0].hint == "move it to 'decides:' of inntak; this unit can still deliver the service"
    # bydel offices that decide all of it for their own bydel: one saksbehandler, nothing reported
    each = BYDELER.replace(
        "decides: [hjemmesykepleie], kommunedeler", "decides: [hjemmesykepleie, sykehjem], kommunedeler"
    )
    assert_diagnostics(each.replace(", decides: [sykehjem]}", "}"), ["allocation-unit"], [])


UNDER_BYDELER = """\
orgmodel: 1
kommune: Storby
kommunedeler:
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}
services:
  - {id: hs, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true}
units:
  - {id: top, name: Kommunedirektør, level: 1, leader: K}
  - {id: bydel-nord, name: Bydel Nord, level: 2, parent: top, leader: B, kommunedeler: [kd1]}
  - {id: nord-hok, name: Helse- og omsorgskontor Nord, level: 3, parent: bydel-nord, leader: L, decides: [hs]}
  - {id: nord-hjemme, name: Hjemmetjenesten Nord, level: 3, parent: bydel-nord, leader: L, delivers: [hs]}
  - {id: bydel-sor, name: Bydel Sør, level: 2, parent: top, leader: B, kommunedeler: [kd2]}
  - {id: sor-hok, name: Helse- og omsorgskontor Sør, level: 3, parent: bydel-sor, leader: L, decides: [hs]}
  - {id: sor-hjemme, name: Hjemmetjenesten Sør, level: 3, parent: bydel-sor, leader: L, delivers: [hs]}
personas:
  - {id: kari, name: Kari, kommunedel: kd1, needs: [hs]}
"""


def test_a_bydels_office_decides_for_the_kommunedeler_its_bydel_lists() -> None:
    # a tour's Bergen: the bydel lists its kommunedel and its helse- og omsorgskontor under it decides
    # for it; read as deciding for the whole city, 7 offices x 10 services were 70 false OM210 errors
    rules = ["single-decider", "allocation-unit", "persona-saksbehandler", "vedtak-decider"]
    assert check_yaml(UNDER_BYDELER, rules).diagnostics == []
    # a second decider in Nord's bydel clashes with Nord's office, and is told so (not with Sør's)
    doubled = UNDER_BYDELER.replace("L, delivers: [hs]}", "L, decides: [hs], delivers: [hs]}", 1)
    (found,) = check_yaml(doubled, rules).diagnostics
    assert (found.code, found.unit) == ("OM210", "nord-hjemme")
    assert "which 'Helse- og omsorgskontor Nord' (nord-hok) decides" in found.message
    assert found.hint.startswith("remove it from this unit's 'decides'; nord-hok grants it")
