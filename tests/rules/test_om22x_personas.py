"""OM220-OM222: fictional users, at exact positions."""

from __future__ import annotations

from fixtures.principles.model import BASE, ONE_PLACE, PARAMS, edit, pos

from conftest import assert_diagnostics

PERSONA_RULES = ["persona-saksbehandler", "persona-local-needs", "persona-contacts"]


def test_the_base_personas_pass() -> None:
    assert_diagnostics(BASE, PERSONA_RULES, [], PARAMS)


# --- OM220 persona-saksbehandler


def test_two_saksbehandlere_are_reported_at_the_need_that_brings_the_second() -> None:
    text = edit(BASE, "    decides: [hjemmetjenester, dagsenter]\n", "    decides: [hjemmetjenester]\n")
    text = edit(
        text,
        "kommunedeler: [kd2], sites: [oms-sor, kp-sor], delivers",
        "kommunedeler: [kd2], sites: [oms-sor, kp-sor], decides: [dagsenter], delivers",
    )
    diags = assert_diagnostics(
        text, ["persona-saksbehandler"], [pos(text, "{id: kari,", "dagsenter", "OM220")], PARAMS
    )
    assert diags[0].message == (
        "the fictional user 'Kari, 84' (kari) would meet 2 saksbehandlere for services in category "
        "'helse-og-omsorg': 'Tjenestetildeling' (tildeling) decides 'Hjemmetjenester' (hjemmetjenester) and "
        "'Omsorg Sør' (virk-oms-sor) decides 'Dagsenter' (dagsenter); each user shall have one saksbehandler "
        "however many services they get"
    )
    # the hint names the allocation unit the model has, not one it may no longer have
    assert diags[0].hint == (
        "let the allocation unit 'Tjenestetildeling' (tildeling) decide all of these services"
    )
    assert diags[0].unit == "kari"


def test_deciders_outside_the_categories_do_not_count() -> None:
    text = edit(
        BASE, "needs: [hjemmetjenester, dagsenter, fysio]", "needs: [hjemmetjenester, barnehageplass]"
    )
    assert_diagnostics(text, ["persona-saksbehandler"], [], PARAMS)


# --- OM221 persona-local-needs


def test_a_local_need_delivered_elsewhere_is_reported_at_the_need() -> None:
    text = edit(
        BASE, "kommunedeler: [kd1, kd2], sites: [kp-nord, kp-sor]", "kommunedeler: [kd2], sites: [kp-sor]"
    )
    diags = assert_diagnostics(
        text,
        ["persona-local-needs"],
        [pos(text, "    needs: [barnehageplass, bibliotek]", "bibliotek]", "OM221")],
    )
    assert diags[0].message == (
        "the fictional user 'Ola, 3' (ola) lives in kommunedel 1 Nord (kd1) and needs the local service "
        "'Bibliotek' (bibliotek), but it is delivered only in kommunedel 2 Sør (kd2): basic services shall "
        "be available locally in every kommunedel"
    )
    assert diags[0].severity.value == "warning"


def test_a_local_need_delivered_only_centrally_or_not_at_all() -> None:
    central = edit(BASE, "kommunedeler: [kd1, kd2], sites: [kp-nord, kp-sor], ", "")
    diags = assert_diagnostics(
        central,
        ["persona-local-needs"],
        [pos(central, "    needs: [barnehageplass, bibliotek]", "bibliotek]", "OM221")],
    )
    assert "but it is delivered only centrally" in diags[0].message
    nowhere = edit(BASE, ", delivers: [bibliotek]}", "}")
    # delivered nowhere at all: one finding, OM223's, not a second one from OM221
    diags = assert_diagnostics(
        nowhere,
        ["persona-local-needs", "persona-unmet-need"],
        [pos(nowhere, "    needs: [barnehageplass, bibliotek]", "bibliotek]", "OM223")],
    )
    assert "but no unit in this design delivers it" in diags[0].message


def test_needs_that_are_not_local_services_may_be_met_elsewhere() -> None:
    text = edit(BASE, "sites: [oms-nord, oms-sor], delivers: [fysio]", "sites: [oms-nord], delivers: [fysio]")
    assert_diagnostics(text, ["persona-local-needs"], [])


def test_a_persona_without_kommunedel_is_not_judged() -> None:
    text = edit(BASE, "    kommunedel: kd1\n", "")
    text = edit(
        text, "kommunedeler: [kd1, kd2], sites: [kp-nord, kp-sor]", "kommunedeler: [kd2], sites: [kp-sor]"
    )
    assert_diagnostics(text, ["persona-local-needs"], [])


def test_a_local_need_met_through_an_agreement_is_met_as_trace_shows_it() -> None:
    # trace marked the library ✓ "through the IKS" but its totals said "NOT all local services are
    # met"; OM202 counts a service an agreement lists as delivered for the whole municipality
    text = edit(BASE, "sites: [kp-nord, kp-sor], delivers: [bibliotek]}", "sites: [kp-nord, kp-sor]}")
    text = edit(
        text,
        "personas:\n",
        "  - {id: bib-iks, name: Bibliotek IKS, kind: iks, level: 1, delivers: [bibliotek]}\npersonas:\n",
    )
    text += (
        "agreements:\n  - {id: bib, kind: iks, name: Biblioteket, units: [bib-iks], services: [bibliotek]}\n"
    )
    assert_diagnostics(text, ["persona-local-needs"], [])  # OM202 not running: OM221 judges alone
    assert_diagnostics(text, ["persona-local-needs", "local-service"], [])


def test_in_a_kommune_without_kommunedeler_a_local_need_only_an_iks_delivers_is_reported() -> None:
    # the whole kommune is one place where every persona lives: OM202 judges no such model, so
    # OM221 does, as trace's totals do
    text = edit(
        ONE_PLACE,
        "{id: legevakt, name: Legevakt, category: helse}",
        "{id: legevakt, name: Legevakt, category: helse, local: true}",
    )
    diags = assert_diagnostics(
        text,
        ["persona-local-needs", "local-service", "persona-unmet-need"],
        [pos(text, "{id: berg,", "legevakt]", "OM221")],
    )
    assert (
        diags[0].hint == "let a unit of the kommune deliver it, or list it under 'services:' of the agreement"
    )
    assert_diagnostics(ONE_PLACE, ["persona-local-needs", "local-service", "persona-unmet-need"], [])


# --- OM222 persona-contacts


def test_a_persona_meeting_too_many_units_is_reported_at_needs() -> None:
    # Kari meets virk-oms-sor (provider), tildeling (decider) and virk-fysio: 3 units; Ola meets
    # a kindergarten virksomhet, the deciding kommunalsjef and the library: 3 units.
    diags = assert_diagnostics(
        BASE,
        ["persona-contacts"],
        [
            pos(BASE, "{id: kari,", "needs", "OM222"),
            pos(BASE, "    needs: [barnehageplass", "needs", "OM222"),
        ],
        {"persona-contacts": {"max_units": 2}},
    )
    assert diags[1].message.endswith("virk-bhg-1, ks-bhg and virk-bibliotek")
    assert diags[0].message == (
        "the fictional user 'Kari, 84' (kari) meets 3 units for 3 needs, more than the 2 the ruleset "
        "allows: virk-oms-sor, tildeling and virk-fysio"
    )
    assert diags[0].hint == "run 'orgmodel trace kari' to see the journey"


def test_no_limit_no_finding() -> None:
    assert_diagnostics(BASE, ["persona-contacts"], [])
