"""Issue 17: principle rules read the structure: the same design with other labels, the same finding.

Each test edits a copy of the OM2xx base model (tests/fixtures/principles/base.yaml)
and expects exact positions.
"""

from __future__ import annotations

from fixtures.principles.model import BASE, PARAMS, edit, pos

from conftest import assert_diagnostics, check_yaml

TILDELING = """\
  - id: tildeling
    name: Tjenestetildeling
    kind: virksomhet
    level: 3
    parent: ks-hjemme
    leader: Virksomhetsleder
    role: authority
"""


def tildeling(kind: str, parent: str, role: str | None) -> str:
    """The base model with the allocation unit labelled ``kind`` and ``role``, under ``parent``."""
    text = TILDELING.replace("kind: virksomhet", f"kind: {kind}").replace(
        "parent: ks-hjemme", f"parent: {parent}"
    )
    text = text.replace("    level: 3\n", "    level: 4\n") if parent != "ks-hjemme" else text
    text = text.replace("    role: authority\n", f"    role: {role}\n" if role else "")
    return edit(BASE, TILDELING, text)


def test_an_allocation_unit_inside_a_provider_is_reported_at_its_parent_whatever_its_labels() -> None:
    for kind, role in (("virksomhet", "authority"), ("kontor", None), ("avdeling", "provider")):
        text = tildeling(kind, "virk-oms-nord", role)
        expected = [pos(text, "    parent: virk-oms-nord", "virk-oms-nord", "OM213")]
        diags = assert_diagnostics(text, ["allocation-apart"], expected)
        assert "sits inside 'Omsorg Nord' (virk-oms-nord)" in diags[0].message, kind
        hint = "place it beside 'Omsorg Nord' (virk-oms-nord), under 'Hjemmetjenester' (ks-hjemme)"
        assert diags[0].hint == hint


def test_an_allocation_unit_leading_a_provider_is_reported_once_at_its_decides() -> None:
    text = edit(
        BASE,
        "{id: virk-oms-sor, name: Omsorg Sør, kind: virksomhet, level: 3, parent: ks-hjemme,",
        "{id: virk-oms-sor, name: Omsorg Sør, kind: virksomhet, level: 4, parent: tildeling,",
    )
    text = edit(
        text,
        "    kind: virksomhet\n    level: 3\n    parent: ks-hjemme\n",
        "    kind: kontor\n    level: 3\n    parent: ks-hjemme\n",
    )
    diags = assert_diagnostics(
        text, ["allocation-apart"], [pos(text, "    decides: [hjemmetjenester, dagsenter]", "[", "OM213")]
    )
    assert "but leads 'Omsorg Sør' (virk-oms-sor), which delivers them" in diags[0].message
    assert diags[0].hint == (
        "let a unit beside 'Tjenestetildeling' (tildeling) grant them (a tildelingskontor under "
        "'Hjemmetjenester' (ks-hjemme)), or let the providers report to another leader"
    )


def test_a_leader_who_decides_for_the_providers_she_leads_is_one_finding_her_suppression_covers() -> None:
    """A small kommune's helse og omsorg: one cause (she decides and leads both providers), one finding."""
    text = BASE
    for unit in ("virk-oms-nord", "virk-oms-sor"):
        name = "Nord" if unit.endswith("nord") else "Sør"
        text = edit(
            text,
            f"{{id: {unit}, name: Omsorg {name}, kind: virksomhet, level: 3, parent: ks-hjemme,",
            f"{{id: {unit}, name: Omsorg {name}, kind: virksomhet, level: 4, parent: tildeling,",
        )
    diags = assert_diagnostics(
        text, ["allocation-apart"], [pos(text, "    decides: [hjemmetjenester, dagsenter]", "[", "OM213")]
    )
    assert "but leads 'Omsorg Nord' (virk-oms-nord) and 'Omsorg Sør' (virk-oms-sor), which deliver them" in (
        diags[0].message
    )
    suppressed = edit(
        text,
        "  - id: tildeling\n",
        "  # orgmodel: ignore[allocation-apart] liten kommune: vedtatt av kommunestyret\n  - id: tildeling\n",
    )
    assert_diagnostics(suppressed, ["allocation-apart"], [])


def test_the_allocation_unit_beside_the_providers_passes() -> None:
    assert_diagnostics(tildeling("kontor", "ks-hjemme", None), ["allocation-apart"], [])


HUB = (
    "  - {id: hub, name: Nord lokale tjenester, kind: KIND, level: 3, parent: ks-kultur, leader: Leder, "
    "sites: [kp-nord], delivers: [bibliotek, fysio]PILOT}\n"
)


# the structure is judged where a ruleset adopts co-location at hubs (drammen-2020 does)
ADOPTED = {"hub-pilot": {"co_locate_at_hubs": True}}


def with_hub(kind: str, pilot: bool = False) -> str:
    line = HUB.replace("KIND", kind).replace("PILOT", ", pilot: true" if pilot else "")
    return edit(BASE, "personas:\n", line + "personas:\n")


def test_a_hub_organised_as_one_unit_is_found_whatever_its_kind() -> None:
    text = with_hub("virksomhet")
    diags = assert_diagnostics(text, ["hub-pilot"], [pos(text, "{id: hub,", "hub,", "OM204")], ADOPTED)
    assert "leads people delivering kultur and helse-og-omsorg services" in diags[0].message
    labelled = with_hub("knutepunkt")
    assert_diagnostics(labelled, ["hub-pilot"], [pos(labelled, "{id: hub,", "hub,", "OM204")], ADOPTED)


def test_without_the_adopted_principle_only_a_unit_labelled_as_a_hub_is_asked_to_be_a_pilot() -> None:
    # a tour's Bergen: each bydel, led at its bydelshus, leads helsestasjon, NAV and hjemmetjenesten
    # there; co-organising by area is a city's own choice, and 8 bydeler were 8 warnings by default
    assert_diagnostics(with_hub("virksomhet"), ["hub-pilot"], [])
    labelled = with_hub("knutepunkt")
    assert_diagnostics(labelled, ["hub-pilot"], [pos(labelled, "{id: hub,", "knutepunkt, level", "OM204")])


def test_the_adopted_pilot_is_the_allowed_exception_and_a_suppression_works() -> None:
    assert_diagnostics(with_hub("virksomhet", pilot=True), ["hub-pilot"], [], ADOPTED)
    text = edit(
        with_hub("virksomhet"),
        "  - {id: hub,",
        "  # orgmodel: ignore[hub-pilot] the adopted pilot\n  - {id: hub,",
    )
    assert_diagnostics(text, ["hub-pilot"], [], ADOPTED)


def test_the_same_people_under_their_own_lines_at_the_hub_pass() -> None:
    """A kommunalsjef whose units work at the hub does not co-organise it: it names no hub itself."""
    text = edit(
        BASE,
        "sites: [oms-nord, oms-sor], delivers: [fysio]",
        "sites: [oms-nord, oms-sor, kp-nord], delivers: [fysio]",
    )
    assert_diagnostics(text, ["hub-pilot"], [], ADOPTED)
    one_line = edit(with_hub("virksomhet"), "delivers: [bibliotek, fysio]}", "delivers: [bibliotek]}")
    assert_diagnostics(one_line, ["hub-pilot"], [], ADOPTED)


def test_a_leader_whose_virksomheter_all_work_at_every_hub_does_not_co_organise_one() -> None:
    """Drammen's kultur (p. 51): "Alle virksomhetene skal ha medarbeidere tilknyttet de lokale
    knutepunktene". The kommunalsjef names no site and each virksomhet works at every hub: co-location,
    each led from its own virksomhet, not a hub organised as the kommunalsjef's unit."""
    text = edit(
        BASE,
        "personas:\n",
        "  - {id: virk-fritid, name: Fritid med bistand, kind: virksomhet, level: 3, parent: ks-kultur, "
        "leader: Virksomhetsleder, budget: true, role: provider, kommunedeler: [kd1, kd2], "
        "sites: [kp-nord, kp-sor], delivers: [fysio]}\n"
        "personas:\n",
    )
    assert_diagnostics(text, ["hub-pilot"], [], ADOPTED)
    # the same two virksomheter working at one hub only are that hub organised as one unit
    one = text.replace(
        "sites: [kp-nord, kp-sor], delivers: [bibliotek]", "sites: [kp-nord], delivers: [bibliotek]"
    )
    one = edit(one, "sites: [kp-nord, kp-sor], delivers: [fysio]}", "sites: [kp-nord], delivers: [fysio]}")
    assert_diagnostics(one, ["hub-pilot"], [pos(one, "{id: ks-kultur,", "ks-kultur", "OM204")], ADOPTED)


def test_only_the_lowest_leader_of_a_co_organised_hub_is_reported() -> None:
    text = with_hub("virksomhet").replace("delivers: [bibliotek, fysio]}", "}")
    text = edit(
        text,
        "personas:\n",
        "  - {id: hub-a, name: A, kind: avdeling, level: 4, parent: hub, leader: L, delivers: [bibliotek]}\n"
        "  - {id: hub-b, name: B, kind: avdeling, level: 4, parent: hub, leader: L, delivers: [fysio]}\n"
        "personas:\n",
    )
    assert_diagnostics(text, ["hub-pilot"], [pos(text, "{id: hub,", "hub,", "OM204")], ADOPTED)


def hub_by_avdelinger(second_site: str = "kp-nord") -> str:
    """The hub unit names no site; its avdelinger work at the hub and deliver two lines there."""
    text = with_hub("virksomhet").replace("sites: [kp-nord], delivers: [bibliotek, fysio]}", "}")
    return edit(
        text,
        "personas:\n",
        "  - {id: hub-a, name: A, kind: avdeling, level: 4, parent: hub, leader: L, sites: [kp-nord], "
        "delivers: [bibliotek]}\n"
        f"  - {{id: hub-b, name: B, kind: avdeling, level: 4, parent: hub, leader: L, "
        f"sites: [{second_site}], "
        "delivers: [fysio]}\n"
        "personas:\n",
    )


def test_a_hub_is_found_when_only_its_avdelinger_name_the_knutepunkt() -> None:
    """Tester defect 9: the same co-organised hub, the site written on the avdelinger."""
    text = hub_by_avdelinger()
    diags = assert_diagnostics(text, ["hub-pilot"], [pos(text, "{id: hub,", "hub,", "OM204")], ADOPTED)
    assert "leads people delivering helse-og-omsorg and kultur services at the lokalt knutepunkt" in (
        diags[0].message
    )


def test_avdelinger_at_different_sites_do_not_make_a_hub() -> None:
    assert_diagnostics(hub_by_avdelinger("oms-nord"), ["hub-pilot"], [], ADOPTED)


def test_a_small_kommune_whose_units_all_work_at_one_hub_is_not_a_hub_unit() -> None:
    text = (
        "orgmodel: 1\nkommune: Småby\n"
        "kommunedeler: [{id: kd1, number: 1, name: Sentrum}]\n"
        "sites: [{id: hus, name: Kommunehuset, kind: knutepunkt, kommunedel: kd1}]\n"
        "services:\n"
        "  - {id: bibliotek, name: Bibliotek, category: kultur}\n"
        "  - {id: fysio, name: Fysioterapi, category: helse-og-omsorg}\n"
        "units:\n"
        "  - {id: rm, name: Rådmann, level: 1, leader: Rådmann, staff: 2}\n"
        "  - {id: a, name: A, level: 2, parent: rm, leader: L, staff: 3,"
        " sites: [hus], delivers: [bibliotek]}\n"
        "  - {id: b, name: B, level: 2, parent: rm, leader: L, staff: 3, sites: [hus], delivers: [fysio]}\n"
    )
    assert_diagnostics(text, ["hub-pilot"], [], ADOPTED)


def test_co_location_on_placeholder_premises_is_unknown_once_per_pair() -> None:
    text = BASE.replace("kind: institution", "kind: placeholder")
    diags = check_yaml(text, ["co-location"], PARAMS).diagnostics
    assert [(d.line, d.col, d.code, d.severity.value) for d in diags] == [
        (*pos(text, "{id: oms-nord,", "placeholder", "OM230")[:2], "OM230", "info")
    ]
    assert (
        "'fysio med omsorg' is unknown: 2 units ('Omsorg Nord' (virk-oms-nord) and "
        "'Omsorg Sør' (virk-oms-sor))" in diags[0].message
    )
    # a unit at two placeholder sites shared with partners counts both (a reader counted 11, not 9)
    two = edit(text, "sites: [oms-nord, kp-nord], delivers", "sites: [oms-nord, oms-sor, kp-nord], delivers")
    two = edit(two, "sites: [oms-sor, kp-sor], delivers", "sites: [oms-nord, kp-sor], delivers")
    (found,) = check_yaml(two, ["co-location"], PARAMS).diagnostics
    assert "(2 sites like" in found.message, found.message
    # a real shared building is co-location, whatever else is a placeholder
    mixed = edit(
        text,
        "{id: oms-nord, name: Omsorg Nord lokaler, kind: placeholder",
        "{id: oms-nord, name: Omsorg Nord lokaler, kind: institution",
    )
    diags = check_yaml(mixed, ["co-location"], PARAMS).diagnostics
    assert [(d.line, d.col, d.code) for d in diags] == [pos(mixed, "{id: oms-sor,", "placeholder", "OM230")]


def test_an_authority_that_names_nothing_is_reported_at_its_role() -> None:
    text = edit(BASE, "    supervises: [virk-bhg-1, virk-bhg-2]\n", "")
    diags = assert_diagnostics(
        text, ["authority-scope"], [pos(text, "    role: authority", "authority", "OM242", nth=2)]
    )
    assert "does not name what it supervises" in diags[0].message
    # the allocation unit names the vedtak it makes: that is what its authority covers
    assert_diagnostics(BASE, ["authority-scope"], [])


def test_an_allocation_unit_leading_a_provider_through_an_avdeling_names_the_avdeling() -> None:
    text = edit(
        BASE,
        "{id: virk-oms-sor, name: Omsorg Sør, kind: virksomhet, level: 3, parent: ks-hjemme,",
        "{id: virk-oms-sor, name: Omsorg Sør, kind: virksomhet, level: 5, parent: avd-x,",
    )
    text = edit(
        text,
        "personas:\n",
        "  - {id: avd-x, name: X, kind: avdeling, level: 4, parent: tildeling, leader: L}\npersonas:\n",
    )
    expected = [pos(text, "    decides: [hjemmetjenester, dagsenter]", "[", "OM213")]
    diags = assert_diagnostics(text, ["allocation-apart"], expected)
    assert "leads 'Omsorg Sør' (virk-oms-sor) (through 'X' (avd-x))" in diags[0].message
