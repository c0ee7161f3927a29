"""Omitted staff is unknown (N5), units outside the basisorganisasjon (N1), level hints (N2)."""

from __future__ import annotations

from typer.testing import CliRunner

from conftest import assert_diagnostics, at, check_yaml
from orgmodel.cli import app

REPRO_N5 = """\
orgmodel: 1
kommune: K
kommunedeler: [{id: kd1, number: 1, name: A}, {id: kd2, number: 2, name: B}]
sites:
  - {id: s1, name: S1, kind: knutepunkt, kommunedel: kd1}
  - {id: s2, name: S2, kind: knutepunkt, kommunedel: kd2}
services:
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg}
units:
  - {id: rm, name: Rådmann, level: 1, leader: R, budget: true, staff: 2}
  - {id: ks, name: Helse, level: 2, parent: rm, leader: K, budget: true}
  - {id: h1, name: Hjemme A, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, staff: 40, kommunedeler: [kd1], sites: [s1], delivers: [hjemmesykepleie]}
  - {id: h2, name: Hjemme B, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, kommunedeler: [kd2], sites: [s2], delivers: [hjemmesykepleie]}
  - {id: h2a, name: Hjemme B natt, kind: avdeling, level: 4, parent: h2, leader: A, budget: true, staff: 2}
"""  # noqa: E501


def test_omitted_staff_is_unknown_so_no_size_warnings() -> None:
    # the tester's repro: h2 omits staff, so its size is "at least 4", not 4
    diags = assert_diagnostics(REPRO_N5, ["OM150", "OM260"], [at(REPRO_N5, 13, "h2,", "OM150")])
    assert diags[0].severity.value == "info"
    assert diags[0].message == (
        "the size of 'Hjemme B' (h2) is unknown: 'staff' is omitted in it or in a unit below, "
        "so robustness and comparable sizes cannot be judged"
    )
    result = check_yaml(REPRO_N5, None, {"OM150": {}})
    assert [d.severity.value for d in result.diagnostics if d.code in ("OM150", "OM260")] == ["info"]


def test_stated_staff_keeps_the_size_warnings() -> None:
    text = REPRO_N5.replace("true, kommunedeler: [kd2]", "true, staff: 0, kommunedeler: [kd2]")
    # one cause, one finding: the small unit is robust-units'; comparable-sizes leaves it out
    diags = assert_diagnostics(text, ["OM150", "OM260"], [at(text, 13, "0, kommunedeler", "OM150")])
    assert "'Hjemme B' (h2) has 4 people, fewer than the 8" in diags[0].message
    # without robust-units, comparable-sizes judges it
    diags = assert_diagnostics(text, ["OM260"], [at(text, 12, "40", "OM260")])
    assert "'Hjemme A' (h1) has 41 people, 10.2 times 'Hjemme B' (h2) (4)" in diags[0].message


def test_a_small_unit_left_out_leaves_the_others_compared_among_themselves() -> None:
    # tour G: a 3-person sykehjem put comparable-sizes' finding on the largest, healthy sykehjem
    text = REPRO_N5.replace("true, kommunedeler: [kd2]", "true, staff: 0, kommunedeler: [kd2]") + (
        "  - {id: h3, name: Hjemme C, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, "
        "staff: 30, kommunedeler: [kd2], delivers: [hjemmesykepleie]}\n"
    )
    assert_diagnostics(text, ["OM150", "OM260"], [at(text, 13, "0, kommunedeler", "OM150")])
    tiny = text.replace("staff: 30, kommunedeler", "staff: 10, kommunedeler")  # 41 is 3.7 times 11
    found = [at(tiny, 12, "40", "OM260"), at(tiny, 13, "0, kommunedeler", "OM150")]
    assert_diagnostics(tiny, ["OM150", "OM260"], found)


def test_a_model_that_states_no_staff_gets_no_size_note() -> None:
    text = REPRO_N5.replace(", staff: 40", "").replace(", staff: 2}", "}")
    assert_diagnostics(text, ["OM150", "OM260"], [])


def test_span_max_is_judged_on_the_lower_bound_but_min_not_when_staff_unknown() -> None:
    units = "".join(
        f"  - {{id: v{i}, name: V{i}, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true}}\n"
        for i in range(40)
    )
    text = REPRO_N5.split("  - {id: h1")[0] + units
    diags = assert_diagnostics(text, ["OM120"], [at(text, 11, "ks,", "OM120")])
    assert "span of control of at least 40 (40 unit leaders; staff not stated)" in diags[0].message
    small = REPRO_N5.split("  - {id: h1")[0] + units.split("\n")[0] + "\n"
    assert_diagnostics(small, ["OM120"], [])  # ks leads 1 leader and unknown staff: no min breach


REPRO_N1 = """\
orgmodel: 1
kommune: K
services:
  - {id: legevakt, name: Legevakt, category: helse-og-omsorg}
  - {id: renovasjon, name: Renovasjon, category: teknisk}
units:
  - {id: rm, name: Kommunedirektør, level: 1, leader: R, budget: true, staff: 3}
  - {id: ks, name: Helse, level: 2, parent: rm, leader: Kommunalsjef, budget: true, staff: 2}
  - {id: v, name: Sykehjem, kind: virksomhet, level: 3, parent: ks, leader: V, budget: true, staff: 30}
  - {id: iks-lv, name: Legevakt IKS, kind: iks, level: 1, leader: Daglig leder, delivers: [legevakt]}
  - {id: iks-ren, name: Renovasjon IKS, kind: external, level: 1, delivers: [renovasjon]}
"""
STRUCTURE = ["OM101", "OM110", "OM111", "OM112", "OM120", "OM140", "OM150", "OM160", "OM260"]


def test_iks_and_external_without_parent_are_outside_the_personnel_tree() -> None:
    assert_diagnostics(REPRO_N1, STRUCTURE, [])


def test_an_iks_listed_first_does_not_become_the_top_unit() -> None:
    lines = REPRO_N1.splitlines(keepends=True)
    text = "".join(lines[:6] + lines[9:10] + lines[6:9] + lines[10:])
    assert_diagnostics(text, STRUCTURE, [])


def test_units_below_an_outside_unit_are_not_judged() -> None:
    text = REPRO_N1 + "  - {id: iks-a, name: Legevakt natt, level: 5, parent: iks-lv, staff: 90}\n"
    assert_diagnostics(text, STRUCTURE, [])


def test_a_normal_unit_without_parent_is_still_a_second_root() -> None:
    text = (
        REPRO_N1
        + "  - {id: lost, name: Glemt, kind: virksomhet, level: 3, leader: V, budget: true, "
        + "staff: 9}\n"
    )
    diags = assert_diagnostics(text, STRUCTURE, [at(text, 12, "lost,", "OM101")])
    assert diags[0].message == (
        "'Glemt' (lost) has no personnel leader (parent), but 'Kommunedirektør' (rm) is already the top unit"
    )


def test_an_iks_with_a_parent_keeps_todays_judgement() -> None:
    text = REPRO_N1.replace("kind: external, level: 1,", "kind: external, level: 2, parent: rm,")
    assert_diagnostics(text, STRUCTURE, [at(text, 11, "iks-ren,", "OM160")])


def test_an_avdeling_at_its_virksomhets_fullmaktsniva_gets_the_depth_hint() -> None:
    # Asker counts fullmaktsnivåer: an avdelingsleder shares level 2 with the virksomhetsleder
    text = """\
orgmodel: 1
kommune: Asker
units:
  - {id: kd, name: Kommunedirektør, level: 1, leader: Kommunedirektør, budget: true, staff: 4}
  - {id: ks, name: Oppvekst, level: 1, parent: kd, leader: Kommunalsjef, budget: true, staff: 2}
  - {id: v1, name: Heggedal skole, kind: virksomhet, level: 2, parent: ks, leader: Rektor, budget: true, staff: 10}
  - {id: a1, name: Heggedal skole 1-4, kind: avdeling, level: 2, parent: v1, leader: Avdelingsleder, staff: 20}
"""  # noqa: E501
    diags = assert_diagnostics(text, None, [at(text, 7, "2, parent: v1", "OM110")])
    assert diags[0].message == (
        "'Heggedal skole 1-4' (a1) is at level 2 but reports to 'Heggedal skole' (v1) at level 2: "
        "a unit sits below its leader"
    )
    assert (
        diags[0].hint
        == "`level` counts the personnel tree's depth (a fullmaktsnivå is not a level): set level: 3"
    )


def test_the_unstated_budget_note_names_the_kind_the_model_writes() -> None:
    units = "".join(
        f"  - {{id: {uid}, name: {uid}, kind: {kind}, level: 3, parent: ks, leader: L, staff: 20}}\n"
        for uid, kind in (("e1", "enhet"), ("e2", "enhet"))
    )
    text = "orgmodel: 1\nkommune: K\nunits:\n  - {id: rm, name: R, level: 1, leader: R, budget: true}\n"
    text += "  - {id: ks, name: K, level: 2, parent: rm, leader: K, budget: true}\n" + units
    diags = assert_diagnostics(text, ["OM140"], [at(text, 6, "e1,", "OM140")])
    assert diags[0].message == (
        "the model does not state budget responsibility for the leaders of 2 units of kind 'enhet' with "
        "personnel responsibility ('e1' (e1) first), so they cannot be judged"
    )
    mixed = text.replace("kind: enhet, ", "", 1)  # e1 unlabelled: a virksomhet by its place
    diags = assert_diagnostics(mixed, ["OM140"], [at(mixed, 6, "e1,", "OM140")])
    assert "for the leaders of 2 units (kinds 'enhet', 'virksomhet') with" in diags[0].message


def test_explain_cites_the_drammen_report_by_name() -> None:
    for code in ("OM150", "OM260", "OM110", "OM112", "OM120"):
        result = CliRunner().invoke(app, ["explain", code, "--ruleset", "default"])
        assert result.exit_code == 0, result.output
        assert "000 p." not in result.output
    result = CliRunner().invoke(app, ["explain", "OM260", "--ruleset", "default"])
    assert "(Drammen report p. 26)" in result.output.replace("\n", " ")
