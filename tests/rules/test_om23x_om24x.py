"""OM230 co-location, OM240-OM241 authority apart from provision, at exact positions."""

from __future__ import annotations

import pytest
from fixtures.principles.model import BASE, PARAMS, edit, pos
from pydantic import ValidationError

from conftest import assert_diagnostics, check_yaml, line_of
from orgmodel.rule import find_rule

# --- OM230 co-location


def test_the_base_model_co_locates_physio_with_care() -> None:
    assert_diagnostics(BASE, ["co-location"], [], PARAMS)


def test_a_care_unit_without_a_co_located_partner_is_reported_at_its_sites() -> None:
    text = edit(BASE, "sites: [oms-nord, oms-sor], delivers: [fysio]", "sites: [oms-nord], delivers: [fysio]")
    diags = assert_diagnostics(
        text, ["co-location"], [pos(text, "{id: virk-oms-sor,", "[oms-sor", "OM230")], PARAMS
    )
    assert diags[0].message == (
        "'Omsorg Sør' (virk-oms-sor) shares no site with 'Fysio og ergo' (virk-fysio) as 'fysio med omsorg' "
        "requires: it "
        "works at 'Omsorg Sør lokaler' (oms-sor) and 'Sør knutepunkt' (kp-sor), where none of them works"
    )
    assert diags[0].unit == "virk-oms-sor"


def test_selectors_by_kind_and_a_unit_without_sites() -> None:
    pair = {"name": "virksomheter med biblioteket", "units": ["kind:virksomhet"], "with": ["virk-bibliotek"]}
    # The care units share the hubs with the library; the tildelingsenhet (kontor) and virk-fysio (oms-*)
    # do not; the library cannot be its own partner; the kindergartens name no site (found at their id).
    diags = assert_diagnostics(
        BASE,
        ["co-location"],
        [
            pos(BASE, "    sites: [kontor]", "[kontor]", "OM230"),
            pos(BASE, "{id: virk-fysio,", "[oms-nord", "OM230"),
            pos(BASE, "{id: virk-bibliotek,", "[kp-nord", "OM230"),
            pos(BASE, "{id: virk-bhg-1,", "virk-bhg-1", "OM230"),
            pos(BASE, "{id: virk-bhg-2,", "virk-bhg-2", "OM230"),
        ],
        {"co-location": {"pairs": [pair]}},
    )
    assert diags[2].message.endswith("it is the only unit matched by 'virk-bibliotek'")
    assert diags[3].message.endswith("it names no site")


def test_a_selector_that_matches_nothing_while_the_other_side_does_is_reported() -> None:
    pair = {"name": "fysio med omsorg", "units": ["virk-oms-*"], "with": ["virk-fysioterapi"]}
    diags = check_yaml(BASE, ["co-location"], {"co-location": {"pairs": [pair]}}).diagnostics
    # at the selector that matches nothing, in the ruleset that set it (check_yaml writes one)
    assert [(d.code, line_of(d).strip()) for d in diags] == [("OM230", "- virk-fysioterapi")]
    assert diags[0].message == (
        "the co-location requirement 'fysio med omsorg' selects no unit with 'virk-fysioterapi', so it "
        "checks nothing"
    )


def test_every_pair_whose_selectors_match_nothing_is_reported_once() -> None:
    """Tester defect 15: a pair with both selectors wrong no longer vanishes; each bad pair is reported."""
    neither = {"name": "x", "units": ["virk-x-*"], "with": ["virk-y"]}
    one_side = {"name": "y", "units": ["virk-oms-*"], "with": ["avd-fysio-ergoo"]}
    diags = check_yaml(BASE, ["co-location"], {"co-location": {"pairs": [neither, one_side]}}).diagnostics
    assert [line_of(d).strip() for d in diags] == ["- virk-x-*", "- avd-fysio-ergoo"]
    assert [d.message for d in diags] == [
        "the co-location requirement 'x' selects no unit with 'virk-x-*' nor with 'virk-y', so it checks "
        "nothing",
        "the co-location requirement 'y' selects no unit with 'avd-fysio-ergoo', so it checks nothing",
    ]
    assert [d.key for d in diags] == ["x", "y"] and diags[0].fingerprint != diags[1].fingerprint


def test_a_pair_needs_a_name_and_both_groups() -> None:
    rule = find_rule("co-location")
    assert rule is not None
    CoLocationParams = rule.Params
    with pytest.raises(ValidationError):
        CoLocationParams.model_validate({"pairs": [{"name": "x", "units": ["a"]}]})
    with pytest.raises(ValidationError):
        CoLocationParams.model_validate({"pairs": [{"name": "x", "units": ["a"], "with": ["b"], "typo": 1}]})


# --- OM240 authority-inside-supervised and OM241 authority-distance

AUTHORITY = ["authority-inside-supervised", "authority-distance"]
MYNDIGHET = "    level: 3\n    parent: ks-bhg\n    leader: Leder barnehagemyndighet\n"


def test_the_base_authority_is_apart() -> None:
    assert_diagnostics(BASE, AUTHORITY, [])


def test_an_authority_inside_a_unit_it_supervises_is_reported_at_its_parent() -> None:
    text = edit(
        BASE, MYNDIGHET, "    level: 4\n    parent: virk-bhg-1\n    leader: Leder barnehagemyndighet\n"
    )
    diags = assert_diagnostics(text, AUTHORITY, [pos(text, "    parent: virk-bhg-1", "virk-bhg-1", "OM240")])
    assert diags[0].message == (
        "'Barnehagemyndighet' (stab-bhg-myndighet) is an authority (myndighet) supervising 'Barnehager 1' "
        "(virk-bhg-1), but sits inside it: its personnel line runs through the unit it supervises "
        "(authority shall be kept apart from the services it supervises)"
    )


def test_an_authority_leading_a_unit_it_supervises() -> None:
    text = edit(
        BASE,
        "level: 3, parent: ks-bhg, leader: Virksomhetsleder, budget: true, role: provider, "
        "delivers: [barnehageplass]}\n  - id: stab",
        "level: 4, parent: stab-bhg-myndighet, leader: "
        "Virksomhetsleder, budget: true, role: provider, delivers: [barnehageplass]}\n  - id: stab",
    )
    diags = assert_diagnostics(
        text,
        ["authority-inside-supervised"],
        [pos(text, "    supervises: [virk-bhg-1, virk-bhg-2]", "virk-bhg-2", "OM240")],
    )
    assert "supervising 'Barnehager 2' (virk-bhg-2), but is also their personnel leader" in diags[0].message
    assert diags[0].severity.value == "warning"  # a kommunalsjef's barnehagemyndighet: common, not an error


def test_an_authority_leading_every_unit_it_supervises_is_one_warning_naming_them() -> None:
    # a small kommune's kommunalsjef for oppvekst holding barnehagemyndighet: one error per barnehage
    text = edit(BASE, "    supervises: [virk-bhg-1, virk-bhg-2]\n", "")
    text = edit(
        text,
        "id: ks-bhg, name: Barnehage, level: 2,",
        "id: ks-bhg, name: Barnehage, role: authority, supervises: [virk-bhg-1, virk-bhg-2], level: 2,",
    )
    (found,) = check_yaml(text, ["authority-inside-supervised"]).diagnostics
    assert (found.severity.value, found.unit, found.key) == ("warning", "ks-bhg", "leads")
    assert "supervising 'Barnehager 1' (virk-bhg-1) and 'Barnehager 2' (virk-bhg-2)" in found.message
    # tour L: common in a small kommune, and the hint says how a kommune that keeps it records that
    assert found.hint is not None and found.hint.endswith("says it by a suppression with its reason")


def test_an_authority_meeting_the_supervised_inside_a_virksomhet_is_reported_at_its_parent() -> None:
    text = edit(
        BASE,
        "personas:\n",
        "  - {id: avd-a, name: Avdeling A, level: 4, parent: virk-bhg-1, leader: L}\n"
        "  - {id: avd-tilsyn, name: Tilsyn, level: 4, parent: virk-bhg-1, leader: L, role: appeals, "
        "supervises: [avd-a]}\n"
        "personas:\n",
    )
    # at 'parent', the line to change: deleting the 'supervises' entry would silence it wrongly
    diags = assert_diagnostics(text, AUTHORITY, [pos(text, "{id: avd-tilsyn,", "virk-bhg-1", "OM241")])
    assert diags[0].message == (
        "'Tilsyn' (avd-tilsyn) is an appeals body (klageinstans) supervising 'Avdeling A' (avd-a), but both "
        "are inside the virksomhet 'Barnehager 1' (virk-bhg-1), whose leader leads them both: supervision "
        "at arm's length keeps the authority out of the virksomhet it supervises"
    )
    assert diags[0].hint == (
        "move the authority out of virk-bhg-1: make it a staff function of 'Barnehage' (ks-bhg), as Drammen "
        "did with barnehagemyndighet (report p. 35), or a unit of its own beside virk-bhg-1"
    )
    # a ruleset's max_level keeps its old meaning: the level-number test, in the model's own numbering
    assert_diagnostics(text, AUTHORITY, [], {"authority-distance": {"max_level": 3}})
    (old,) = assert_diagnostics(
        text,
        AUTHORITY,
        [pos(text, "{id: avd-tilsyn,", "virk-bhg-1", "OM241")],
        {"authority-distance": {"max_level": 2}},
    )
    assert old.message == (
        "'Tilsyn' (avd-tilsyn) is an appeals body (klageinstans) supervising 'Avdeling A' (avd-a), but they "
        "share a leader already at level 3, 'Barnehager 1' (virk-bhg-1): supervision at arm's length needs "
        "them apart up to level 2"
    )


def test_providers_may_supervise_nothing_and_are_not_judged() -> None:
    text = edit(BASE, "    role: authority\n    supervises:", "    role: provider\n    supervises:")
    text = edit(
        text, MYNDIGHET, "    level: 4\n    parent: virk-bhg-1\n    leader: Leder barnehagemyndighet\n"
    )
    assert_diagnostics(text, AUTHORITY, [])
