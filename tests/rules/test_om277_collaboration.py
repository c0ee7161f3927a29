"""OM277 collaboration-proximity: what the model says, what it leaves unknown, and who is outside it.

A small model of this file's own: a library and a school in different lines (two kommunalsjefer),
and three partners outside the organisation (the church and a school band, kind external; NAV, a
partnership's unit). Seed 004 section 6 lists both kinds of partner.
"""

from __future__ import annotations

from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml

RULE = ["collaboration-proximity"]
MODEL = """\
orgmodel: 1
kommune: Testby
units:
  - {id: radmann, name: Rådmannen, level: 1, leader: Rådmann}
  - {id: ks-kultur, name: Kultur, level: 2, parent: radmann, leader: Kommunalsjef}
  - {id: ks-oppvekst, name: Oppvekst, level: 2, parent: radmann, leader: Kommunalsjef}
  - {id: bibliotek, name: Biblioteket, level: 3, parent: ks-kultur, leader: Virksomhetsleder}
  - {id: skole, name: Skolen, level: 3, parent: ks-oppvekst, leader: Rektor}
  - {id: kirken, name: Kirken, kind: external, level: 1}
  - {id: korps, name: Skolekorpset, kind: external, level: 1}
  - {id: nav, name: NAV Testby, level: 1, leader: NAV-leder}
agreements:
  - {id: nav-avtale, kind: partnerskap, name: NAV, parties: ["9999", Staten], units: [nav]}
collaborations:
  - {between: [bibliotek, skole], frequency: {times: 1, per: day}, purpose: Skolebibliotek}
  - {between: [bibliotek, kirken], frequency: {times: 100, per: year}, purpose: Leksehjelp}
  - {between: [skole, korps], frequency: {times: 1, per: week}}
  - {between: [skole, nav], frequency: {times: 1, per: week}}
"""
PAIR = "{between: [bibliotek, skole]"
SITES = "sites:\n  - {id: hus-a, name: Kulturhuset}\n  - {id: hus-b, name: Skolen}\nunits:\n"


def _with_sites(text: str, library: str | None, school: str | None) -> str:
    text = edit(text, "units:\n", SITES)
    if library:
        text = edit(text, "leader: Virksomhetsleder}", f"leader: Virksomhetsleder, sites: [{library}]}}")
    if school:
        text = edit(text, "leader: Rektor}", f"leader: Rektor, sites: [{school}]}}")
    return text


def test_a_model_that_names_no_site_and_no_forum_leaves_the_pair_unknown() -> None:
    diags = assert_diagnostics(MODEL, RULE, [pos(MODEL, PAIR, "[bibliotek", "OM277")])
    assert diags[0].severity.value == "info"
    assert diags[0].unit is None and diags[0].key == "meeting-place-unknown"
    assert diags[0].message == (
        "1 pair of units working together at least 52 times a year in different lines has no known meeting "
        "place (bibliotek with skole): the model names neither sites nor forums for both units, so whether "
        "they have a place to meet is unknown"
    )
    assert diags[0].hint == (
        "name under 'sites:' where each of these units works, or under 'forums:' the forum a pair meets in; "
        "a pair stated for both units is then judged on its own"
    )


def _more_pairs(count: int) -> str:
    """MODEL with ``count`` more schools under Oppvekst, each working daily with the library."""
    text = MODEL
    for n in range(count):
        text = edit(
            text,
            "  - {id: kirken,",
            f"  - {{id: skole-{n}, name: Skole {n}, level: 3, parent: ks-oppvekst, leader: Leder}}\n"
            "  - {id: kirken,",
        )
        text += f"  - {{between: [bibliotek, skole-{n}], frequency: {{times: 1, per: week}}}}\n"
    return text


def test_every_unknown_pair_is_one_finding_per_model_at_the_first_pair() -> None:
    """One cause (the model does not say where its units meet), one finding, as OM230 does."""
    text = _more_pairs(4)
    diags = assert_diagnostics(text, RULE, [pos(text, PAIR, "[bibliotek", "OM277")])
    assert diags[0].message.startswith(
        "5 pairs of units working together at least 52 times a year in different lines have no known meeting "
        "place (bibliotek with skole, bibliotek with skole-0 and 3 more): the model names neither sites nor "
        "forums for both units of a pair, "
    )
    # the fingerprint stays as pairs come and go: a diff shows the count change, not new and resolved
    assert diags[0].fingerprint == check_yaml(MODEL, RULE).diagnostics[0].fingerprint


def test_sites_stated_for_both_that_differ_are_a_warning_per_pair_beside_the_unknown_rest() -> None:
    text = _with_sites(MODEL, "hus-a", "hus-b")
    diags = assert_diagnostics(text, RULE, [pos(text, PAIR, "[bibliotek", "OM277")])
    assert diags[0].severity.value == "warning"
    assert diags[0].message == (
        "'Biblioteket' (bibliotek) and 'Skolen' (skole) work together once a day (250 times a year) in "
        "different lines but share no site and meet in no forum: frequent collaborators need a place to meet"
    )
    assert (diags[0].unit, diags[0].key) == ("bibliotek", "skole")
    assert_diagnostics(_with_sites(MODEL, "hus-a", "hus-a"), RULE, [])
    # the library's site is stated, the new schools' are not: the one pair warned, the rest one info
    more = _with_sites(_more_pairs(2), "hus-a", "hus-b")
    found = check_yaml(more, RULE).diagnostics
    assert [(d.severity.value, d.unit) for d in found] == [("warning", "bibliotek"), ("info", None)]
    assert found[1].message.startswith("2 pairs of units ")
    first = "  - {between: [bibliotek, skole-0], frequency: {times: 1, per: week}}"
    assert found[1].line == more.splitlines().index(first) + 1  # the first unknown pair's collaboration


def test_a_site_stated_for_one_side_only_leaves_the_pair_unknown() -> None:
    text = _with_sites(MODEL, "hus-a", None)
    diags = assert_diagnostics(text, RULE, [pos(text, PAIR, "[bibliotek", "OM277")])
    assert diags[0].severity.value == "info"


def test_forums_stated_for_both_decide_it() -> None:
    apart = MODEL + (
        "forums:\n"
        "  - {id: lg-kultur, name: Kultur, kind: ledergruppe, chair: ks-kultur, members: [bibliotek]}\n"
        "  - {id: lg-oppvekst, name: Oppvekst, kind: ledergruppe, chair: ks-oppvekst, members: [skole]}\n"
    )
    diags = assert_diagnostics(apart, RULE, [pos(apart, PAIR, "[bibliotek", "OM277")])
    assert diags[0].severity.value == "warning"
    together = edit(apart, "members: [skole]", "members: [skole, bibliotek]")
    assert_diagnostics(together, RULE, [])


def test_partners_outside_the_organisation_are_not_judged() -> None:
    """The church, a school band (kind external) and NAV (an agreement's unit): no line, no finding."""
    text = _with_sites(MODEL, "hus-a", "hus-b")
    text = edit(text, "kind: external, level: 1}", "kind: external, level: 1, sites: [hus-b]}", count=2)
    text = edit(text, "leader: NAV-leder}", "leader: NAV-leder, sites: [hus-a]}")
    diags = assert_diagnostics(text, RULE, [pos(text, PAIR, "[bibliotek", "OM277")])
    assert [d.unit for d in diags] == ["bibliotek"]


def test_a_yearly_frequency_is_said_once() -> None:
    text = _with_sites(
        edit(MODEL, "{times: 1, per: day}, purpose: Skolebibliotek", "{times: 60, per: year}"),
        "hus-a",
        "hus-b",
    )
    (diag,) = check_yaml(text, RULE).diagnostics
    assert diag.message.startswith(
        "'Biblioteket' (bibliotek) and 'Skolen' (skole) work together 60 times a year in different lines but "
    )


def test_a_pair_with_two_collaborations_is_judged_once_at_the_first() -> None:
    second = "  - {between: [skole, bibliotek], frequency: {times: 1, per: week}, purpose: Lesekurs}\n"
    text = MODEL + second
    assert_diagnostics(text, RULE, [pos(text, PAIR, "[bibliotek", "OM277")])


# --- how often the shared forum meets (tour O: PPT and barnevern, 3 a week, met only in an SLT-nettverk)

FORUMS = (
    "forums:\n"
    "  - {id: lg-kultur, name: Kultur, kind: ledergruppe, chair: ks-kultur, members: [bibliotek]}\n"
    "  - {id: slt, name: SLT-nettverk, kind: nettverk, chair: ks-kultur, members: [bibliotek, skole], "
    "frequency: {times: 6, per: year}}\n"
)


def test_a_forum_that_meets_less_often_than_the_threshold_is_no_place_to_meet() -> None:
    text = MODEL + FORUMS
    diags = assert_diagnostics(text, RULE, [pos(text, PAIR, "[bibliotek", "OM277")])
    assert diags[0].severity.value == "warning"
    assert (diags[0].unit, diags[0].key) == ("bibliotek", "skole")  # the fingerprint of 'no forum at all'
    assert diags[0].message == (
        "'Biblioteket' (bibliotek) and 'Skolen' (skole) work together once a day (250 times a year) in "
        "different lines, share no site, and meet only in 'SLT-nettverk' (6 times a year): frequent "
        "collaborators need a place to meet at least 52 times a year"
    )
    assert diags[0].hint == (
        "name a site both work at under 'sites:', or a forum under 'forums:' with both as members that "
        "meets at least 52 times a year"
    )
    # a weekly forum of both settles it; so does a threshold the network meets
    weekly = edit(text, "frequency: {times: 6, per: year}", "frequency: {times: 1, per: week}")
    assert_diagnostics(weekly, RULE, [])
    assert_diagnostics(text, RULE, [], {"collaboration-proximity": {"min_per_year": 6}})


def test_a_forum_that_does_not_say_how_often_it_meets_still_counts() -> None:
    """Not stated is not judged as rare: it may meet weekly, and a false warning is the worse error."""
    text = edit(MODEL + FORUMS, ", frequency: {times: 6, per: year}}", "}")
    assert_diagnostics(text, RULE, [])


def test_a_forum_that_meets_as_needed_is_no_frequent_place_and_each_rare_forum_is_named() -> None:
    text = edit(MODEL + FORUMS, "frequency: {times: 6, per: year}", "frequency: as-needed")
    text += (
        "  - {id: nett, name: Lesenettverk, kind: nettverk, chair: skole, members: [bibliotek], "
        "frequency: {times: 1, per: month}}\n"
    )
    (diag,) = check_yaml(text, RULE).diagnostics
    assert "meet only in 'SLT-nettverk' (as needed) and 'Lesenettverk' (once a month):" in diag.message
    from orgmodel.i18n import set_language

    set_language("nb")
    try:
        (diag,) = check_yaml(text, RULE).diagnostics
    finally:
        set_language("en")
    assert "møtes bare på 'SLT-nettverk' (ved behov) og 'Lesenettverk' (én gang i måneden):" in diag.message


def test_a_collaboration_as_needed_is_not_judged() -> None:
    text = edit(MODEL, "frequency: {times: 1, per: day}, purpose: Skolebibliotek", "frequency: as-needed")
    text = edit(
        text, "{between: [skole, korps], frequency: {times: 1, per: week}}", "{between: [skole, korps]}"
    )
    text = edit(text, "{between: [skole, nav], frequency: {times: 1, per: week}}", "{between: [skole, nav]}")
    assert_diagnostics(text, RULE, [])
