"""OM275-OM278, rules on issue 15's vocabulary, and agreements in the coverage rules, at exact spots."""

from __future__ import annotations

import pytest
from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml

from .test_om27x_vocab import BASE, PARAMS

# --- OM275 position-personnel


@pytest.mark.parametrize(
    ("old", "new", "line_has", "token"),
    [
        (
            "personnel: false, professional_to",
            "personnel: false, staff: 3, professional_to",
            "{id: fa-demens",
            "3",
        ),
        (
            "kind: avdeling, level: 3, parent: virk-hjemme, leader: Avdelingsleder",
            "kind: avdeling, level: 3, parent: virk-hjemme, leader: Fagansvarlig demens",
            "{id: avd-natt,",
            "Fagansvarlig demens",
        ),
        (
            "kind: nettverk, chair: fa-demens",
            "kind: lederteam, chair: fa-demens",
            "{id: nettverk-demens",
            "fa-demens",
        ),
    ],
)
def test_a_position_without_personnel_responsibility_that_leads_is_reported_where_it_leads(
    old: str, new: str, line_has: str, token: str
) -> None:
    text = edit(BASE, old, new)
    assert_diagnostics(text, ["position-personnel"], [pos(text, line_has, token, "OM275")])
    assert_diagnostics(text.replace("personnel: false", "personnel: true"), ["position-personnel"], [])


def test_position_personnel_messages() -> None:
    text = edit(
        BASE, "personnel: false, professional_to", "staff: 3, professional_to"
    )  # false is the default
    diags = assert_diagnostics(text, ["position-personnel"], [pos(text, "{id: fa-demens", "3", "OM275")])
    assert diags[0].message == (
        "'Fagansvarlig demens' (fa-demens) has no personnel responsibility but 3 staff: a fagansvarlig "
        "has no "
        "personalansvar"
    )


# --- OM276 project-terms


def test_a_project_without_end_date_or_handover_is_reported_at_its_id() -> None:
    text = edit(BASE, ", ends: 2021-12-31, hands_over_to: virk-hjemme}", "}")
    diags = assert_diagnostics(
        text,
        ["project-terms"],
        [pos(text, "{id: prosjekt-velferd", "prosjekt-velferd", "OM276")],
    )
    assert diags[0].message == (
        "the project 'Velferdsteknologi' (prosjekt-velferd) has no 'ends:', 'hands_over_to:': a project is "
        "temporary, has an owner (prosjekteier) and a steering group, and hands its work over to the "
        "basisorganisasjon when it ends"
    )
    assert diags[0].hint == "add 'ends:', 'hands_over_to:' to the project"


def test_a_project_that_ended_before_valid_from_is_reported_at_its_end_date() -> None:
    text = edit(BASE, "ends: 2021-12-31", "ends: 2019-06-30")
    diags = assert_diagnostics(
        text, ["project-terms"], [pos(text, "{id: prosjekt-velferd", "2019-06-30", "OM276")]
    )
    assert diags[0].message == (
        "the project 'Velferdsteknologi' (prosjekt-velferd) ends 2019-06-30, before this design takes "
        "effect on 2020-01-01: its work has been handed over to 'Hjemmetjenester' (virk-hjemme)"
    )
    assert_diagnostics(edit(text, "valid_from: 2020-01-01\n", ""), ["project-terms"], [])


# --- OM277 collaboration-proximity


def test_weekly_collaborators_in_different_lines_without_site_or_forum_are_reported() -> None:
    text = edit(
        BASE, "frequency: {times: 10, per: year}, purpose: Lesestund", "frequency: {times: 1, per: week}"
    )
    diags = assert_diagnostics(
        text,
        ["collaboration-proximity"],
        [pos(text, "{between: [virk-bibliotek, virk-hjemme]", "[virk-bib", "OM277")],
    )
    assert diags[0].message == (
        "'Biblioteket' (virk-bibliotek) and 'Hjemmetjenester' (virk-hjemme) work together once a week (52 "
        "times a year) in different lines but share no site and meet in no forum: frequent collaborators "
        "need a place to meet"
    )
    # a shared site, or a threshold above weekly, settles it
    shared = edit(text, "role: provider, delivers", "role: provider, sites: [kp-nord], delivers")
    assert_diagnostics(shared, ["collaboration-proximity"], [])
    assert_diagnostics(
        text, ["collaboration-proximity"], [], {"collaboration-proximity": {"min_per_year": 100}}
    )
    assert_diagnostics(
        text, ["collaboration-proximity"], [], {"collaboration-proximity": {"min_per_year": None}}
    )


def test_collaborators_sharing_only_a_forum_or_a_leader_pass() -> None:
    # virk-hjemme and stab-hr meet in the nettverk; without it they are apart
    text = edit(BASE, "members: [virk-hjemme, stab-hr]", "members: [virk-hjemme]")
    assert_diagnostics(
        text,
        ["collaboration-proximity"],
        [pos(text, "{between: [virk-hjemme, stab-hr]", "[virk-hjemme", "OM277")],
    )
    # school and library work together daily under the same kommunalsjef, and at the same site
    apart = edit(
        BASE, "leader: Rektor, authority_level: 2, sites: [kp-nord]", "leader: Rektor, authority_level: 2"
    )
    assert_diagnostics(apart, ["collaboration-proximity"], [])


# --- OM278 forvaltning-apart


def test_a_unit_granting_itself_what_others_deliver_too_is_reported_at_decides() -> None:
    # a second provider of hjemmetjenester: virk-hjemme now grants itself users another unit could serve
    text = edit(
        BASE,
        "role: provider, delivers: [hjemmetjenester]}",
        "role: provider, delivers: [hjemmetjenester], decides: [hjemmetjenester]}\n"
        "  - {id: virk-hjemme-sor, name: Hjemmetjenester sør, kind: virksomhet, level: 2, parent: ks-helse, "
        "leader: Virksomhetsleder, authority_level: 2, role: provider, delivers: [hjemmetjenester]}",
    )
    diags = assert_diagnostics(
        text, ["forvaltning-apart"], [pos(text, "{id: virk-hjemme,", "decides", "OM278")], PARAMS
    )
    assert diags[0].message == (
        "'Hjemmetjenester' (virk-hjemme) decides 'Hjemmetjenester' (hjemmetjenester), which it delivers "
        "itself beside 'Hjemmetjenester sør' (virk-hjemme-sor): in 'Helse og omsorg' (ks-helse) forvaltning "
        "shall stand apart from tjenesteyting (equal treatment, impartiality)"
    )
    assert_diagnostics(text, ["forvaltning-apart"], [])  # off until a ruleset names the areas
    assert_diagnostics(text, ["forvaltning-apart"], [], {"forvaltning-apart": {"areas": ["ks-oppvekst"]}})
    # "*" names the whole organisation; the message names the unit's own top-level area
    everywhere = check_yaml(text, ["forvaltning-apart"], {"forvaltning-apart": {"areas": ["*"]}}).diagnostics
    assert [d.message for d in everywhere] == [diags[0].message]


def test_units_of_an_area_granting_themselves_the_same_service_are_one_finding() -> None:
    # an Asker adviser's seven schools each deciding its own spesialundervisning: one design choice
    text = edit(
        BASE,
        "role: provider, delivers: [hjemmetjenester]}",
        "role: provider, delivers: [hjemmetjenester], decides: [hjemmetjenester]}\n"
        "  - {id: virk-hjemme-sor, name: Hjemmetjenester sør, kind: virksomhet, level: 2, parent: ks-helse, "
        "leader: Virksomhetsleder, authority_level: 2, role: provider, delivers: [hjemmetjenester], "
        "decides: [hjemmetjenester]}",
    )
    diags = assert_diagnostics(
        text, ["forvaltning-apart"], [pos(text, "{id: virk-hjemme,", "decides", "OM278")], PARAMS
    )
    assert diags[0].message == (
        "2 units decide 'Hjemmetjenester' (hjemmetjenester), which each also delivers itself (virk-hjemme "
        "and virk-hjemme-sor): in 'Helse og omsorg' (ks-helse) forvaltning shall stand apart from "
        "tjenesteyting (equal treatment, impartiality)"
    )
    assert diags[0].hint == (
        "gather the vedtak in one forvaltning unit of the area, a unit that does not deliver the "
        "service itself"
    )


def test_an_authority_inside_the_unit_it_supervises_is_authority_inside_supervised_s_finding() -> None:
    # Barnehagemyndighet placed inside a barnehage it supervises: OM240's error, not OM278's warning too
    text = edit(
        BASE,
        "leader: Avdelingsleder, authority_level: 2, delivers: [hjemmetjenester]}",
        "leader: Avdelingsleder, authority_level: 2, role: authority, decides: [hjemmetjenester], "
        "supervises: [virk-hjemme]}",
    )
    both = ["forvaltning-apart", "authority-inside-supervised"]
    assert_diagnostics(text, both, [pos(text, "{id: avd-natt,", "virk-hjemme", "OM240")], PARAMS)
    alone = [pos(text, "{id: avd-natt,", "virk-hjemme", "OM278")]
    assert_diagnostics(text, ["forvaltning-apart"], alone, PARAMS)  # without OM240 it is OM278's


def test_the_only_provider_of_what_it_decides_exercises_authority_and_passes() -> None:
    # virk-hjemme and its avdeling are the only providers of hjemmetjenester: barnevern, NAV and byggesak
    # decide and deliver their own services in the same way
    text = edit(
        BASE,
        "role: provider, delivers: [hjemmetjenester]}",
        "role: provider, delivers: [hjemmetjenester], decides: [hjemmetjenester]}",
    )
    assert_diagnostics(text, ["forvaltning-apart"], [], PARAMS)


BYDELER = """\
orgmodel: 1
kommune: Storby
kommunedeler:
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}
services:
  - {id: barneverntiltak, name: Barneverntiltak, category: barnevern, vedtak: true}
units:
  - {id: kd, name: Kommunedirektør, level: 1, leader: Kommunedirektør}
  - {id: bydel-nord, name: Bydel Nord, level: 2, parent: kd, leader: Bydelsdirektør, kommunedeler: [kd1]}
  - {id: bv-nord, name: Barneverntjenesten Nord, kind: virksomhet, level: 3, parent: bydel-nord, leader: Leder, decides: [barneverntiltak], delivers: [barneverntiltak]}
  - {id: bydel-sor, name: Bydel Sør, level: 2, parent: kd, leader: Bydelsdirektør, kommunedeler: [kd2]}
  - {id: bv-sor, name: Barneverntjenesten Sør, kind: virksomhet, level: 3, parent: bydel-sor, leader: Leder, decides: [barneverntiltak], delivers: [barneverntiltak]}
"""  # noqa: E501


def test_each_bydel_s_only_provider_of_what_it_decides_passes() -> None:
    # tour G: by law each bydel's barneverntjeneste decides and carries out its own bydel's tiltak
    assert_diagnostics(BYDELER, ["forvaltning-apart"], [], {"forvaltning-apart": {"areas": ["*"]}})
    # a second provider in the same bydel makes Nord's service grant itself users another could serve
    text = BYDELER + (
        "  - {id: tiltak-nord, name: Tiltak Nord, kind: virksomhet, level: 3, parent: bydel-nord, "
        "leader: Leder, delivers: [barneverntiltak]}\n"
    )
    found = [pos(text, "{id: bv-nord,", "decides", "OM278")]
    assert_diagnostics(text, ["forvaltning-apart"], found, {"forvaltning-apart": {"areas": ["*"]}})
    # a kommune-wide provider serves every bydel: it delivers where each office decides too
    central = BYDELER + (
        "  - {id: tiltak, name: Tiltak, kind: virksomhet, level: 2, parent: kd, leader: Leder, "
        "delivers: [barneverntiltak]}\n"
    )
    diags = check_yaml(central, ["forvaltning-apart"], {"forvaltning-apart": {"areas": ["*"]}}).diagnostics
    assert [d.code for d in diags] == ["OM278", "OM278"]


def test_a_deciding_unit_under_a_provider_of_the_service_is_reported_at_its_parent() -> None:
    text = edit(
        BASE,
        "leader: Avdelingsleder, authority_level: 2, delivers: [hjemmetjenester]}",
        "leader: Avdelingsleder, authority_level: 2, role: authority, decides: [hjemmetjenester]}",
    )
    diags = assert_diagnostics(
        text, ["forvaltning-apart"], [pos(text, "{id: avd-natt,", "virk-hjemme", "OM278")], PARAMS
    )
    assert diags[0].message == (
        "'Nattjenesten' (avd-natt) decides 'Hjemmetjenester' (hjemmetjenester) but sits under "
        "'Hjemmetjenester' (virk-hjemme), which delivers it: in 'Helse og omsorg' (ks-helse) forvaltning "
        "shall stand apart from tjenesteyting (equal treatment, impartiality)"
    )
    # deciding a service the provider above does not deliver is no conflict
    other = edit(text, "role: authority, decides: [hjemmetjenester]}", "role: authority, decides: [kad]}")
    assert_diagnostics(other, ["forvaltning-apart"], [], PARAMS)


def test_a_decider_under_a_provider_is_one_finding_allocation_apart_s_when_that_rule_judges_it() -> None:
    """One cause, one finding: OM213 owns "a decider inside a provider"; OM278 stands down while it runs."""
    text = edit(
        BASE,
        "leader: Avdelingsleder, authority_level: 2, delivers: [hjemmetjenester]}",
        "leader: Avdelingsleder, authority_level: 2, role: authority, decides: [hjemmetjenester]}",
    )
    both = ["forvaltning-apart", "allocation-apart"]
    diags = assert_diagnostics(text, both, [pos(text, "{id: avd-natt,", "virk-hjemme", "OM213")], PARAMS)
    assert diags[0].message.startswith(
        "'Nattjenesten' (avd-natt) decides vedtak on 'Hjemmetjenester' (hjemmetjenester), but sits inside "
        "'Hjemmetjenester' (virk-hjemme)"
    )
    # where allocation-apart does not judge the service, forvaltning-apart reports the placement itself
    oppvekst = {**PARAMS, "allocation-apart": {"categories": ["oppvekst"]}}
    assert_diagnostics(text, both, [pos(text, "{id: avd-natt,", "virk-hjemme", "OM278")], oppvekst)


# --- agreements in the coverage rules (OM223, OM202)


def test_a_need_delivered_through_an_agreement_counts_as_delivered() -> None:
    assert_diagnostics(BASE, ["persona-unmet-need"], [])
    text = edit(BASE, "services: [kad]}", "services: []}")
    assert_diagnostics(text, ["persona-unmet-need"], [pos(text, "{id: kari,", "kad", "OM223")])


def test_a_local_service_delivered_through_an_agreement_is_not_missing() -> None:
    local = edit(BASE, "vedtak: true}\n  - {id: kad,", "vedtak: true}\n  - {id: kad, local: true,")
    local = edit(local, "sites:\n", "kommunedeler:\n  - {id: kd1, name: Nord}\nsites:\n")
    assert_diagnostics(local, ["local-service"], [])
    text = edit(local, "services: [kad]}", "services: []}")
    assert_diagnostics(text, ["local-service"], [pos(text, "{id: kad,", "true", "OM202")])
