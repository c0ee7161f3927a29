"""OM271-OM274 on issue 15's vocabulary (OM275-OM278: test_om275_om278_vocab.py), at exact spots."""

from __future__ import annotations

from typing import Any

from fixtures.principles.model import edit, pos

from conftest import FIXTURES, assert_diagnostics, check_yaml

BASE = (FIXTURES / "vocab" / "base.yaml").read_text(encoding="utf-8")

# the parameters asker-2020 sets, for the base model's ids, and seed 003's forum terms
PARAMS: dict[str, dict[str, Any]] = {
    "leader-forum": {"kinds": ["ledergruppe", "lederteam"]},
    "forum-terms": {"require": ["frequency", "mandate"]},
    "authority-levels": {"max_levels": 2},
    "forvaltning-apart": {"areas": ["ks-helse"]},
    "committee-mapping": {"mirror": True},
}
VOCAB = [
    "leader-forum",
    "forum-terms",
    "committee-mapping",
    "authority-levels",
    "position-personnel",
    "project-terms",
    "collaboration-proximity",
    "forvaltning-apart",
    "persona-unmet-need",
    "local-service",
    "agreement-terms",
]


def test_the_base_model_keeps_every_vocabulary_rule() -> None:
    assert_diagnostics(BASE, VOCAB, [], PARAMS)
    assert_diagnostics(BASE, VOCAB, [])


# --- OM271 leader-forum


def test_a_leader_of_leaders_without_a_ledergruppe_is_reported_at_the_unit() -> None:
    text = edit(BASE, "  - {id: lt-hjemme,", "  - {id: lt-hjemme, kind: fagteam,").replace(
        "kind: fagteam, name: Lederteam hjemmetjenester, kind: lederteam,", "name: Lederteam, kind: fagteam,"
    )
    diags = assert_diagnostics(
        text, ["leader-forum"], [pos(text, "{id: virk-hjemme,", "virk-hjemme", "OM271")], PARAMS
    )
    assert diags[0].message == (
        "'Hjemmetjenester' (virk-hjemme) leads 1 leader but chairs no ledergruppe/lederteam: a leader of "
        "leaders meets them in a forum with a frequency and a mandate"
    )
    assert diags[0].hint == "add a forum under 'forums:' with 'kind: ledergruppe' and 'chair: virk-hjemme'"
    assert_diagnostics(text, ["leader-forum"], [])  # off until a ruleset names the kinds


def test_a_ledergruppe_that_names_none_of_its_chairs_leaders_is_reported_at_its_members() -> None:
    # a Nordre Follo planner's find: 'members: []' (or only a fagansvarlig) passed as a ledergruppe
    text = edit(
        BASE, "chair: ks-oppvekst, members: [virk-skole, virk-bibliotek]", "chair: ks-oppvekst, members: []"
    )
    diags = assert_diagnostics(
        text, ["leader-forum"], [pos(text, "{id: lg-oppvekst,", "[]", "OM271")], PARAMS
    )
    assert diags[0].message == (
        "'Oppvekst' (ks-oppvekst) chairs the forum 'Ledergruppe oppvekst' (lg-oppvekst), but none of the 2 "
        "leaders under it is among its members: a leader of leaders meets them there"
    )
    assert diags[0].hint == "list them under 'members:' (virk-skole, virk-bibliotek)"
    unknown = edit(
        BASE, "chair: ks-oppvekst, members: [virk-skole, virk-bibliotek], ", "chair: ks-oppvekst, "
    )
    assert_diagnostics(
        unknown, ["leader-forum"], [], PARAMS
    )  # members not written: who sits there is unknown


def test_an_exempt_top_team_member_and_a_leaders_posts_count_as_the_leader() -> None:
    # a tester's finds: top_team_exempt spared a kommunalsjef without a forum but not one whose own forum
    # lists only others; a kommunalsjef's post (a position with personnel) chairing her forum was ignored
    hollow = edit(
        BASE,
        "chair: ks-oppvekst, members: [virk-skole, virk-bibliotek]",
        "chair: ks-oppvekst, members: [fa-demens]",
    )
    exempt = {"leader-forum": {"kinds": ["ledergruppe", "lederteam"], "top_team_exempt": True}}
    assert check_yaml(hollow, ["leader-forum"], exempt).diagnostics == []  # she sits in lg-radmann
    posts = edit(
        BASE,
        "positions:\n",
        "positions:\n  - {id: p-ks, title: Kommunalsjef oppvekst, unit: ks-oppvekst, personnel: true}\n"
        "  - {id: p-rektor, title: Rektor, unit: virk-skole, personnel: true}\n",
    )
    posts = edit(
        posts,
        "chair: ks-oppvekst, members: [virk-skole, virk-bibliotek]",
        "chair: p-ks, members: [p-rektor, virk-bibliotek]",
    )
    assert_diagnostics(
        posts, ["leader-forum"], [], PARAMS
    )  # her post chairs it, the rektor's post sits in it


def test_a_ledergruppe_missing_some_of_its_chairs_leaders_names_them_at_its_members() -> None:
    # a Kristiansand planner's rektormøte listed skole-a and a styrer from another area but not skole-b:
    # skole-b's rektor met her kommunalsjef in no forum, and nothing was reported
    text = edit(
        BASE,
        "chair: ks-oppvekst, members: [virk-skole, virk-bibliotek]",
        "chair: ks-oppvekst, members: [virk-skole]",
    )
    diags = assert_diagnostics(
        text, ["leader-forum"], [pos(text, "{id: lg-oppvekst,", "[virk-skole]", "OM271")], PARAMS
    )
    assert diags[0].message == (
        "'Oppvekst' (ks-oppvekst) chairs the forum 'Ledergruppe oppvekst' (lg-oppvekst), but 1 of the 2 "
        "leaders under it is in none of the forums it chairs (virk-bibliotek): a leader of leaders meets "
        "them all"
    )
    assert diags[0].hint == "list them under 'members:' (virk-bibliotek)"


def test_a_staff_leader_beside_the_ledergruppe_need_not_be_a_member() -> None:
    # an Asker adviser's kommuneadvokat under the kommunedirektør: LOS pkt. 2 makes the top team the
    # direktører and kommunalsjefer; the hint told her to change an adopted composition
    text = edit(
        BASE,
        "chair: ks-oppvekst, members: [virk-skole, virk-bibliotek]",
        "chair: ks-oppvekst, members: [virk-skole]",
    )
    staff = text.replace(
        "leader: Virksomhetsleder, authority_level: 2, sites: [kp-nord], delivers: [bibliotek]}",
        "leader: Virksomhetsleder, authority_level: 2, sites: [kp-nord], role: staff}",
    )
    assert_diagnostics(staff, ["leader-forum"], [], PARAMS)
    # a ledergruppe of staff leaders alone still holds them (a stabsdirektør's)
    only_staff = staff.replace("chair: ks-oppvekst, members: [virk-skole]", "chair: ks-oppvekst, members: []")
    only_staff = only_staff.replace(
        "id: virk-skole, name: Nord skole,", "id: virk-skole, name: Nord skole, role: support,"
    )
    assert "role: support" in only_staff
    diags = check_yaml(only_staff, ["leader-forum"], PARAMS).diagnostics
    assert [d.unit for d in diags] == ["ks-oppvekst"] and "none of the 2 leaders" in diags[0].message


def test_with_top_team_exempt_a_kommunalsjef_in_the_radmanns_ledergruppe_needs_none_of_her_own() -> None:
    # Asker LOS pkt. 2: "Rådmannen og direktører/kommunalsjefer i rådmannens ledergruppe"
    text = edit(BASE, "  - {id: lg-oppvekst,", "  - {id: lg-oppvekst-x,").replace(
        "chair: ks-oppvekst,", "chair: virk-skole,"
    )
    params = {"leader-forum": {"kinds": ["ledergruppe", "lederteam"]}}
    diags = check_yaml(text, ["leader-forum"], params).diagnostics
    assert [d.unit for d in diags] == ["ks-oppvekst"]
    params["leader-forum"]["top_team_exempt"] = True  # type: ignore[index]
    assert check_yaml(text, ["leader-forum"], params).diagnostics == []  # she sits in lg-radmann


def test_an_utvidet_ledergruppe_is_not_the_top_team_nor_a_ledergruppe_of_those_it_widens_to() -> None:
    # tour H: a virksomhetsleder widened into the rådmann's group still chairs a ledergruppe of her own
    text = edit(BASE, "  - {id: lg-oppvekst,", "  - {id: lg-oppvekst-x,").replace(
        "chair: ks-oppvekst,", "chair: virk-skole,"
    )
    text = text.replace(
        "  - {id: lg-radmann, name: Rådmannens ledergruppe, kind: ledergruppe, chair: radmann, "
        "members: [ks-oppvekst, ks-helse, stab-hr],",
        "  - {id: lg-radmann, name: Rådmannens ledergruppe, kind: ledergruppe, chair: radmann, "
        "members: [ks-helse, stab-hr], frequency: {times: 1, per: week}}\n"
        "  - {id: lg-utvidet, name: Utvidet ledergruppe, kind: utvidet-ledergruppe, chair: radmann, "
        "members: [ks-oppvekst, ks-helse, stab-hr],",
    )
    exempt = {"leader-forum": {"kinds": ["ledergruppe", "lederteam"], "top_team_exempt": True}}
    # ks-oppvekst chairs none of her own (her leaders' group is chaired by the rektor: at its chair), and
    # the rådmann's own ledergruppe leaves her out
    found = [
        pos(text, "{id: lg-radmann,", "[ks-helse", "OM271"),
        pos(text, "{id: lg-oppvekst-x,", "virk-skole", "OM271"),
    ]
    assert_diagnostics(text, ["leader-forum"], found, exempt)
    # a ruleset that names the kind counts it as the top team
    exempt["leader-forum"]["kinds"].append("utvidet-ledergruppe")  # type: ignore[index]
    assert_diagnostics(text, ["leader-forum"], [], exempt)
    # fullmaktsnivå 1 is the rådmann's ledergruppe: a seat in the utvidet one does not make it
    level_one = text.replace(
        "leader: Rektor, authority_level: 2,", "leader: Rektor, authority_level: 1,"
    ).replace(
        "members: [ks-oppvekst, ks-helse, stab-hr],", "members: [ks-oppvekst, ks-helse, stab-hr, virk-skole],"
    )
    found = [pos(level_one, "{id: virk-skole,", "1,", "OM274")]
    assert_diagnostics(level_one, ["authority-levels"], found)
    seated = level_one.replace("members: [ks-helse, stab-hr]", "members: [ks-helse, stab-hr, virk-skole]")
    assert_diagnostics(seated, ["authority-levels"], [])


def test_leader_forum_counts_leaders_and_skips_units_outside_the_tree() -> None:
    head, rest = BASE.split("forums:\n")
    # one forum none of these leaders chairs
    only = "forums:\n  - {id: nettverk, name: Nettverk, kind: nettverk, chair: fa-demens}\n"
    text = head + only + "collaborations:\n" + rest.split("collaborations:\n")[1]
    diags = check_yaml(text, ["leader-forum"], PARAMS).diagnostics
    assert [(d.unit, d.message.split(" but ")[0]) for d in diags] == [
        ("radmann", "'Rådmannens ledergruppe' (radmann) leads 3 leaders"),
        ("ks-oppvekst", "'Oppvekst' (ks-oppvekst) leads 2 leaders"),
        ("ks-helse", "'Helse og omsorg' (ks-helse) leads 2 leaders"),
        ("virk-hjemme", "'Hjemmetjenester' (virk-hjemme) leads 1 leader"),
    ]
    # a model without forums does not describe its møteplasser: not judged
    bare = text.replace(only, "")
    assert_diagnostics(bare, ["leader-forum"], [], PARAMS)


# --- OM272 forum-terms


def test_a_forum_without_frequency_or_mandate_is_reported_at_its_id() -> None:
    text = edit(BASE, ", frequency: {times: 1, per: week}, mandate: Fagutvikling}", "}")
    diags = assert_diagnostics(
        text, ["forum-terms"], [pos(text, "{id: nettverk-demens,", "nettverk-demens", "OM272")], PARAMS
    )
    assert diags[0].severity.value == "warning"
    assert diags[0].message == (
        "the forum 'Faglig nettverk demens' (nettverk-demens) has no 'frequency:', 'mandate:': a proposal "
        "describes for each møteplass how often it meets and its mandate"
    )
    assert diags[0].hint == "add 'frequency:', 'mandate:' to the forum"
    # only what the ruleset requires is asked for; nothing until a ruleset adopts seed 003's template
    diags = check_yaml(text, ["forum-terms"], {"forum-terms": {"require": ["mandate"]}}).diagnostics
    assert [d.hint for d in diags] == ["add 'mandate:' to the forum"]
    assert_diagnostics(text, ["forum-terms"], [])
    text = edit(BASE, ", mandate: Drift}", "}")
    assert_diagnostics(text, ["forum-terms"], [pos(text, "{id: lt-hjemme,", "lt-hjemme", "OM272")], PARAMS)
    assert_diagnostics(text, ["forum-terms"], [], {"forum-terms": {"require": ["frequency"]}})


# --- OM273 committee-mapping

MIRROR = {"committee-mapping": {"mirror": True}}  # adopted, as asker-2020 does


def test_one_hovedutvalg_over_two_areas_is_no_finding_until_a_ruleset_adopts_the_mirror() -> None:
    # tour I: three hovedutvalg over five areas is common and lawful; Asker's LOS adopts the mirror
    text = edit(
        BASE, "authority_level: 1, committee: hu-helse}", "authority_level: 1, committee: hu-oppvekst}"
    )
    assert_diagnostics(text, ["committee-mapping"], [])
    assert_diagnostics(text, ["committee-mapping"], [], {"committee-mapping": {"mirror": False}})
    assert check_yaml(text, ["committee-mapping"], MIRROR).diagnostics != []


def test_a_committee_in_two_areas_is_reported_at_the_second_areas_committee() -> None:
    # an Asker adviser's one slip (Helse pointed at hu-oppvekst) gave two errors, the second at the
    # unused hu-helse: one finding now, whose hint names the committee meant
    text = edit(
        BASE, "authority_level: 1, committee: hu-helse}", "authority_level: 1, committee: hu-oppvekst}"
    )
    diags = assert_diagnostics(
        text, ["committee-mapping"], [pos(text, "{id: ks-helse,", "hu-oppvekst", "OM273")], MIRROR
    )
    assert diags[0].message == (
        "the committee 'Hovedutvalg for oppvekst' (hu-oppvekst) is named in 'Helse og omsorg' (ks-helse) and "
        "already in 'Oppvekst' (ks-oppvekst): each committee maps to one top-level area, so that the "
        "administrative structure matches the political one"
    )
    assert diags[0].hint == (
        "did you mean 'committee: hu-helse'? 'Hovedutvalg for helse og omsorg' (hu-helse) is named by no "
        "area; else give this area its own committee, or join the two areas"
    )
    # another unused committee, not the one meant, is still its own finding
    other = text.replace("committees:\n", "committees:\n  - {id: hu-z, name: Zzz}\n")
    found = check_yaml(other, ["committee-mapping"], MIRROR).diagnostics
    assert [d.unit for d in found] == ["hu-z", "ks-helse"]


def test_an_area_answering_to_no_committee_is_reported_at_its_id_and_staffs_are_exempt() -> None:
    text = edit(BASE, ", committee: hu-helse}", "}")
    diags = assert_diagnostics(
        text,
        ["committee-mapping"],
        [pos(text, "{id: hu-helse,", "hu-helse", "OM273"), pos(text, "{id: ks-helse,", "ks-helse", "OM273")],
        MIRROR,
    )
    assert diags[1].message == (
        "'Helse og omsorg' (ks-helse) is a top-level area that answers to no committee: the administrative "
        "structure shall match the political one"
    )
    # a committee written on a unit inside the area counts for the area, and the hint says so (tour N:
    # an area that names one committee cannot name a second)
    assert diags[0].hint is not None and "on the unit inside it that does" in diags[0].hint
    moved = edit(text, "role: provider, delivers", "role: provider, committee: hu-helse, delivers")
    assert_diagnostics(moved, ["committee-mapping"], [], MIRROR)
    # a model without committees is not judged
    bare = edit(text, "  - {id: hu-oppvekst, name: Hovedutvalg for oppvekst}\n", "")
    bare = edit(bare, "  - {id: hu-helse, name: Hovedutvalg for helse og omsorg}\n", "")
    bare = edit(bare, "committees:\n", "").replace(", committee: hu-oppvekst", "")
    assert_diagnostics(bare, ["committee-mapping"], [], MIRROR)


def test_the_top_units_committee_answers_for_any_number_of_areas() -> None:
    """LOS pkt. 1: formannskapet answers for the whole organisation and for areas without a hovedutvalg."""
    text = edit(BASE, "name: Hovedutvalg for helse og omsorg}", "name: Formannskapet}").replace(
        "hu-helse", "fsk"
    )
    text = edit(text, "leader: HR-sjef, role: support,", "leader: HR-sjef, role: support, committee: fsk,")
    # two areas under Formannskapet, which the top unit does not name: the second is reported, with a way out
    diags = assert_diagnostics(
        text, ["committee-mapping"], [pos(text, "{id: stab-hr,", "fsk", "OM273")], MIRROR
    )
    assert "is named on the top unit, and then any area may answer to it" in (diags[0].hint or "")
    on_top = edit(
        text, "leader: Rådmann, authority_level: 1}", "leader: Rådmann, authority_level: 1, committee: fsk}"
    )
    assert_diagnostics(on_top, ["committee-mapping"], [], MIRROR)


def test_a_committee_named_in_a_circle_of_personnel_lines_is_left_to_om102() -> None:
    # ks-helse under its own virksomhet: a circle; its committee is named there, not "named by no unit",
    # and its fullmaktsnivå above the virksomhet's is the circle's doing
    text = edit(
        BASE,
        "level: 1, parent: radmann, leader: Kommunalsjef, authority_level: 1, committee: hu-helse",
        ("level: 1, parent: virk-hjemme, leader: Kommunalsjef, authority_level: 1, committee: hu-helse"),
    )
    expected = [pos(text, "{id: ks-helse,", "virk-hjemme", "OM102")]
    assert_diagnostics(text, ["committee-mapping", "authority-levels", "personnel-cycle"], expected, PARAMS)


def test_a_committee_named_only_outside_the_personnel_tree_is_said_so() -> None:
    """An IKS (no parent) may name a committee, but it is no top-level area: the finding says who names it."""
    text = edit(
        BASE,
        "  - {id: hu-helse, name: Hovedutvalg for helse og omsorg}\n",
        "  - {id: hu-helse, name: Hovedutvalg for helse og omsorg}\n"
        "  - {id: hu-teknikk, name: Hovedutvalg for teknikk}\n",
    )
    text = edit(
        text,
        "positions:\n",
        "  - {id: va-iks, name: Vann og avløp IKS, kind: iks, level: 2, committee: hu-teknikk}\npositions:\n",
    )
    diags = assert_diagnostics(
        text, ["committee-mapping"], [pos(text, "{id: hu-teknikk,", "hu-teknikk", "OM273")], MIRROR
    )
    assert diags[0].message == (
        "the committee 'Hovedutvalg for teknikk' (hu-teknikk) is named only by 'Vann og avløp IKS' (va-iks), "
        "which is outside the basisorganisasjon: every committee maps to a top-level area"
    )
    assert diags[0].hint == "write 'committee: hu-teknikk' on the top-level area that answers to it"
    # an area naming it as well maps it; the IKS's own committee then changes nothing
    named = edit(
        text, "authority_level: 1, committee: hu-helse}", "authority_level: 1, committee: hu-teknikk}"
    )
    named = edit(named, "role: provider, delivers", "role: provider, committee: hu-helse, delivers")
    assert_diagnostics(named, ["committee-mapping"], [], MIRROR)


# --- OM274 authority-levels


def test_a_fullmaktsniva_1_below_the_top_team_is_a_third_level() -> None:
    # an Asker adviser put a kommunalsjef for skole under Oppvekst, with the schools under her, and
    # gave her fullmaktsnivå 1: LOS's two levels became three, and nothing was found
    text = edit(
        BASE,
        "parent: ks-oppvekst, leader: Rektor, authority_level: 2",
        "parent: ks-skole, leader: Rektor, authority_level: 2",
    )
    text = edit(
        text,
        "  - {id: virk-skole,",
        "  - {id: ks-skole, name: Skole, level: 2, parent: ks-oppvekst, leader: Kommunalsjef skole, "
        "authority_level: 1}\n  - {id: virk-skole,",
    )
    diags = assert_diagnostics(text, ["authority-levels"], [pos(text, "{id: ks-skole,", "1}", "OM274")])
    assert diags[0].message == (
        "'Skole' (ks-skole) has fullmaktsnivå 1 but reports to 'Oppvekst' (ks-oppvekst), not to the top "
        "unit, and sits in no forum the top unit chairs: fullmaktsnivå 1 is the rådmann's ledergruppe, and "
        "a leader between it and the virksomhetsledere is a further level of delegation"
    )
    # a member of the rådmann's ledergruppe is in fullmaktsnivå 1 wherever it reports
    seated = edit(text, "chair: radmann, members: [", "chair: radmann, members: [ks-skole, ")
    assert_diagnostics(seated, ["authority-levels"], [])


def test_a_fullmaktsniva_beyond_the_adopted_levels_is_reported_at_the_value() -> None:
    text = edit(
        BASE, "leader: Avdelingsleder, authority_level: 2", "leader: Avdelingsleder, authority_level: 3"
    )
    diags = assert_diagnostics(
        text,
        ["authority-levels"],
        [pos(text, "{id: avd-natt,", "3, delivers", "OM274")],
        PARAMS,
    )
    assert diags[0].message == (
        "'Nattjenesten' (avd-natt) has fullmaktsnivå 3, beyond the 2 adopted levels of delegation"
    )
    assert_diagnostics(text, ["authority-levels"], [])  # off until a ruleset adopts a number


def test_a_fullmaktsniva_above_the_leaders_is_reported_at_the_value() -> None:
    text = edit(
        BASE, "leader: Avdelingsleder, authority_level: 2", "leader: Avdelingsleder, authority_level: 1"
    )
    diags = assert_diagnostics(
        text, ["authority-levels"], [pos(text, "{id: avd-natt,", "1, delivers", "OM274")]
    )
    assert diags[0].message == (
        "'Nattjenesten' (avd-natt) has fullmaktsnivå 1, above that of 'Hjemmetjenester' (virk-hjemme) "
        "(fullmaktsnivå 2) whose line it is in: delegation never increases down a personnel line"
    )
    # the nearest unit above that writes a level is the one compared with: the order holds, but an
    # avdeling at fullmaktsnivå 1 is outside the rådmann's ledergruppe
    skipped = edit(
        text,
        "leader: Virksomhetsleder, authority_level: 2, role: provider",
        "leader: Virksomhetsleder, role: provider",
    )
    (found,) = check_yaml(skipped, ["authority-levels"]).diagnostics
    assert found.key == "top-team" and found.unit == "avd-natt"


# --- suppressions


def test_a_vocabulary_finding_is_suppressed_with_a_reason() -> None:
    text = edit(BASE, "ends: 2021-12-31", "ends: 2019-06-30")
    text = edit(
        text,
        "  - {id: prosjekt-velferd",
        "  # orgmodel: ignore[project-terms] kept to show the handover\n  - {id: prosjekt-velferd",
    )
    result = check_yaml(text, ["project-terms"])
    assert result.diagnostics == []
    assert result.suppressed == 1
