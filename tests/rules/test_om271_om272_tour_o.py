"""OM271 at a ledergruppe's wrong chair, its counts of leaders, and OM272 with 'as-needed' (tour O)."""

from __future__ import annotations

from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml

from .test_om27x_vocab import BASE, PARAMS

RULE = ["leader-forum"]
OPPVEKST = "chair: ks-oppvekst, members: [virk-skole, virk-bibliotek]"


def test_a_ledergruppe_of_the_leaders_under_her_chaired_by_another_is_reported_at_its_chair() -> None:
    # Nordre Follo round 2: the Ski barnehager ledergruppe written with a styrer as chair
    text = edit(BASE, OPPVEKST, "chair: stab-hr, members: [virk-skole, virk-bibliotek]")
    diags = assert_diagnostics(text, RULE, [pos(text, "{id: lg-oppvekst,", "stab-hr", "OM271")], PARAMS)
    assert diags[0].unit == "ks-oppvekst"  # the fingerprint of "chairs no ledergruppe": one finding
    assert diags[0].message == (
        "the forum 'Ledergruppe oppvekst' (lg-oppvekst) holds the leaders under 'Oppvekst' (ks-oppvekst), "
        "but 'HR' (stab-hr) chairs it, not 'Oppvekst' (ks-oppvekst): a leader of leaders chairs the forum "
        "where she meets them"
    )
    assert diags[0].hint == (
        "write 'chair: ks-oppvekst' if it is the ledergruppe of 'Oppvekst' (ks-oppvekst); a second "
        "ledergruppe would meet them twice"
    )
    # one of its own leaders as chair (a styrer), or a position: the same
    styrer = edit(BASE, OPPVEKST, "chair: virk-skole, members: [virk-bibliotek]")
    assert_diagnostics(styrer, RULE, [pos(styrer, "{id: lg-oppvekst,", "virk-skole", "OM271")], PARAMS)
    position = edit(BASE, OPPVEKST, "chair: fa-demens, members: [virk-skole, virk-bibliotek]")
    (diag,) = check_yaml(position, RULE, PARAMS).diagnostics
    assert "but 'Fagansvarlig demens' (fa-demens) chairs it" in diag.message


def test_a_forum_holding_most_of_her_leaders_is_hers_one_holding_few_or_chaired_above_is_not() -> None:
    three = edit(
        BASE,
        "  - {id: virk-tildeling,",
        "  - {id: virk-sfo, name: SFO, kind: virksomhet, level: 2, parent: ks-oppvekst, leader: Leder, "
        "authority_level: 2}\n  - {id: virk-tildeling,",
    )
    most = edit(three, OPPVEKST, "chair: stab-hr, members: [virk-skole, virk-bibliotek]")
    (diag,) = check_yaml(most, RULE, PARAMS).diagnostics
    assert diag.message.startswith(
        "the forum 'Ledergruppe oppvekst' (lg-oppvekst) holds 2 of the 3 leaders under 'Oppvekst' "
        "(ks-oppvekst)"
    )
    few = edit(three, OPPVEKST, "chair: stab-hr, members: [virk-skole]")
    assert_diagnostics(few, RULE, [pos(few, "{id: ks-oppvekst,", "ks-oppvekst", "OM271")], PARAMS)
    # the rådmann's lederteam of every leader is the rådmann's: ks-oppvekst still needs her own
    above = edit(BASE, OPPVEKST, "chair: radmann, members: [virk-skole, virk-bibliotek]")
    (diag,) = check_yaml(above, RULE, PARAMS).diagnostics
    assert diag.unit == "ks-oppvekst" and diag.hint is not None and diag.hint.startswith("add a forum")


def test_a_count_that_leaves_out_staff_leaders_says_so() -> None:
    # tour O: "1 of the 2 leaders under it" for a kommunedirektør with 4 leaders, 2 of them staff
    text = edit(BASE, "members: [ks-oppvekst, ks-helse, stab-hr]", "members: [ks-oppvekst]")
    diags = assert_diagnostics(text, RULE, [pos(text, "{id: lg-radmann,", "[ks-oppvekst]", "OM271")], PARAMS)
    assert diags[0].message == (
        "'Rådmannens ledergruppe' (radmann) chairs the forum 'Rådmannens ledergruppe' (lg-radmann), but 1 "
        "of the 2 leaders of non-staff units under it is in none of the forums it chairs (ks-helse): a "
        "leader of leaders meets them all"
    )
    empty = edit(BASE, "members: [ks-oppvekst, ks-helse, stab-hr]", "members: []")
    (diag,) = check_yaml(empty, RULE, PARAMS).diagnostics
    assert "none of the 2 leaders of non-staff units under it is among its members" in diag.message


def test_a_forum_that_meets_as_needed_states_its_frequency() -> None:
    # tour O: the schema hint said to leave frequency out; forum-terms then asked for it back
    text = edit(
        BASE, "frequency: {times: 1, per: week}, mandate: Fagutvikling", "frequency: as-needed, mandate: X"
    )
    assert_diagnostics(text, ["forum-terms"], [], PARAMS)
    unstated = edit(BASE, ", frequency: {times: 1, per: week}, mandate: Fagutvikling", ", mandate: X")
    found = [pos(unstated, "{id: nettverk-demens,", "nettverk-demens", "OM272")]
    assert_diagnostics(unstated, ["forum-terms"], found, PARAMS)
