"""Per-rule tests for the structural rules OM101-OM160, with exact positions."""

from __future__ import annotations

from conftest import HEADER, assert_diagnostics, at, check_yaml


def model(units: str) -> str:
    return HEADER + "units:\n" + units


TOP = """\
  - {id: radmann, name: Rådmannens lederteam, level: 1, leader: Rådmann, budget: true}
  - {id: dir-a, name: Omsorg, level: 1, parent: radmann, leader: Direktør, budget: true}
"""


def test_single_root_reports_the_second_root_at_its_id() -> None:
    text = model(TOP + "  - {id: dir-b, name: Utdanning, level: 1, leader: Direktør}\n")
    diags = assert_diagnostics(text, ["single-root"], [at(text, 6, "dir-b", "OM101")])
    assert diags[0].unit == "dir-b"
    assert "'Utdanning' (dir-b) has no personnel leader" in diags[0].message


def test_single_root_passes_one_root() -> None:
    assert_diagnostics(model(TOP), ["single-root"], [])


def test_personnel_cycle_is_reported_once_at_the_parent_that_closes_it() -> None:
    text = model(
        TOP
        + "  - {id: a, name: A, level: 2, parent: b, leader: L}\n"
        + "  - {id: b, name: B, level: 3, parent: a, leader: L}\n"
    )
    # a (level 2) names b (level 3) as its leader: the line that points the wrong way
    diags = assert_diagnostics(text, ["personnel-cycle"], [at(text, 6, "b, leader", "OM102")])
    assert diags[0].message == "the personnel lines go round in a circle: a -> b -> a"
    assert diags[0].unit == "a"


def test_units_cut_off_by_a_cycle_are_folded_into_it() -> None:
    text = model(
        TOP
        + "  - {id: a, name: A, level: 2, parent: b, leader: L, budget: true}\n"
        + "  - {id: b, name: B, level: 3, parent: a, leader: L, budget: true}\n"
        + "  - {id: c, name: C, level: 4, parent: a, leader: L, budget: true}\n"
        + "  - {id: d, name: D, level: 5, parent: c, leader: L, budget: true}\n"
    )
    diags = assert_diagnostics(text, None, [at(text, 6, "b, leader", "OM102")])
    assert diags[0].message == (
        "the personnel lines go round in a circle: a -> b -> a, and 2 units below it are cut off from the top"
    )


def test_level_order_child_at_parent_level() -> None:
    text = model(TOP + "  - {id: ks, name: Skole, level: 1, parent: dir-a, leader: Kommunalsjef}\n")
    # only units directly under the top unit share its level
    diags = assert_diagnostics(text, ["level-order"], [at(text, 6, "1,", "OM110")])
    assert (
        diags[0].hint
        == "`level` counts the personnel tree's depth (a fullmaktsnivå is not a level): set level: 2"
    )


def test_level_order_top_unit_must_be_level_one() -> None:
    text = model("  - {id: radmann, name: R, level: 2, leader: Rådmann}\n")
    assert_diagnostics(text, ["level-order"], [at(text, 4, "2,", "OM110")])


def test_level_order_allows_the_top_team() -> None:
    assert_diagnostics(model(TOP), ["level-order"], [])


def test_level_skip_and_its_suppression() -> None:
    skipping = TOP + "  - {id: pilot, name: Pilot, level: 3, parent: dir-a, leader: Leder}\n"
    diags = assert_diagnostics(model(skipping), ["level-skip"], [at(model(skipping), 6, "3,", "OM111")])
    assert "skipping 1 level" in diags[0].message
    suppressed = TOP + (
        "  # orgmodel: ignore[level-skip] the pilot reports to the direktør (report p. 17)\n"
        "  - {id: pilot, name: Pilot, level: 3, parent: dir-a, leader: Leder}\n"
    )
    result = check_yaml(model(suppressed), ["level-skip"])
    assert result.diagnostics == []
    assert result.suppressed == 1


def test_max_levels_counts_employees_when_asked() -> None:
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L, budget: true}\n"
        "  - {id: v, name: V, level: 3, parent: ks, leader: L, budget: true}\n"
        "  - {id: avd, name: A, level: 4, parent: v, leader: L, budget: true, staff: 12}\n"
    )
    assert_diagnostics(model(units), ["max-levels"], [], {"max-levels": {"max": 5, "count_employees": True}})
    diags = assert_diagnostics(
        model(units),
        ["max-levels"],
        [at(model(units), 8, "4,", "OM112")],
        {"max-levels": {"max": 4, "count_employees": True}},
    )
    assert "its employees stand on level 5" in diags[0].message
    assert_diagnostics(model(units), ["max-levels"], [], {"max-levels": {"max": 4}})


SPAN_PARAMS = {"span-of-control": {"first_line": {"min": 2, "warn_above": 20, "max": 30}}}


def test_span_of_control_error_warning_and_minimum() -> None:
    units = TOP + (
        "  - {id: big, name: Stor, level: 2, parent: dir-a, leader: L, staff: 31}\n"
        "  - {id: mid, name: Middels, level: 2, parent: dir-a, leader: L, staff: 21}\n"
        "  - {id: one, name: Liten, level: 2, parent: dir-a, leader: L, staff: 1}\n"
        "  - {id: unknown, name: Ukjent, level: 2, parent: dir-a, leader: L}\n"
    )
    diags = assert_diagnostics(
        model(units),
        ["span-of-control"],
        [
            at(model(units), 6, "31", "OM120"),
            at(model(units), 7, "21", "OM120"),
            at(model(units), 8, "1}", "OM120"),
        ],
        SPAN_PARAMS,
    )
    assert [d.severity.value for d in diags] == ["error", "warning", "warning"]
    assert diags[0].message == (
        "'Stor' (big) has a span of control of 31 (0 unit leaders + 31 staff), above the maximum of 30 "
        "for a first-line leader"
    )


def test_span_counts_child_unit_leaders_and_per_level_limits() -> None:
    children = "".join(
        f"  - {{id: v{i}, name: V{i}, level: 2, parent: dir-a, leader: L, staff: 5}}\n" for i in range(4)
    )
    params = {"span-of-control": {"levels": {1: {"max": 3}}}}
    diags = assert_diagnostics(
        model(TOP + children), ["span-of-control"], [at(model(TOP + children), 5, "dir-a", "OM120")], params
    )
    assert diags[0].message == (
        "'Omsorg' (dir-a) has a span of control of at least 4 (4 unit leaders; staff not stated), above the "
        "maximum of 3 "
        "for a leader of leaders at level 1"
    )
    assert diags[0].unit == "dir-a"


def test_professional_line_problems() -> None:
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: ks2, name: K2, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: v, name: V, level: 3, parent: ks, leader: L, functional: [v, ks, ks2, ks2]}\n"
    )
    diags = assert_diagnostics(
        model(units),
        ["professional-line"],
        [at(model(units), 8, "v, ks", "OM130"), at(model(units), 8, "ks2]", "OM130")],
    )
    assert "to itself" in diags[0].message
    assert "twice" in diags[1].message


def test_a_only_professional_line_to_the_personnel_leader_is_reported_at_that_entry() -> None:
    # a Nordre Follo planner's 'parent: ks-helse, functional: [ks-helse]' said nothing, and passed
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: v, name: V, level: 3, parent: ks, leader: L, functional: [ks]}\n"
    )
    diags = assert_diagnostics(model(units), ["professional-line"], [at(model(units), 7, "ks]", "OM130")])
    assert diags[0].message == (
        "the only professional line of 'V' (v) goes to its personnel leader 'K' (ks): it says nothing the "
        "personnel line does not"
    )
    assert diags[0].hint == (
        "name the leaders it reports to professionally besides ks (a faglig line), or remove 'functional'"
    )


def test_tjenestetildeling_reporting_to_four_kommunalsjefer_one_its_personnel_leader_passes() -> None:
    """Drammen p. 26: OM130 and OM132 agree on the case the report describes (issue 17)."""
    units = TOP + (
        "  - {id: ks1, name: Hjemmetjenester, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: ks2, name: Helse, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: ks3, name: Rus og psykisk helse, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: ks4, name: Nedsatt funksjonsevne, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: v, name: Tildeling, level: 3, parent: ks1, leader: L, functional: [ks1, ks2, ks3, ks4]}\n"
    )
    rules = ["professional-line", "professional-cycle", "too-many-professional-lines"]
    assert_diagnostics(model(units), rules, [])
    fifth = units.replace("functional: [ks1, ks2, ks3, ks4]", "functional: [ks1, ks2, ks3, ks4, radmann]")
    assert_diagnostics(model(fifth), rules, [at(model(fifth), 10, "[ks1", "OM132")])


def test_professional_cycle_through_personnel_lines() -> None:
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L, functional: [v]}\n"
        "  - {id: v, name: V, level: 3, parent: ks, leader: L}\n"
    )
    diags = assert_diagnostics(model(units), ["professional-cycle"], [at(model(units), 6, "v]", "OM131")])
    assert diags[0].message == (
        "the professional line from 'K' (ks) to 'V' (v) closes a circle of reporting lines: "
        "ks -(professional)-> v -(personnel)-> ks"
    )
    assert diags[0].hint == (
        "a professional line leads to a leader above or beside the unit, never back to it: "
        "remove 'v' from ks's 'functional', or change the line that leads back"
    )


def test_a_circle_of_three_professional_lines_is_shown_in_its_order() -> None:
    """Tour K finding 6: the circle reads as its lines run, each with its kind."""
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: a, name: A, level: 3, parent: ks, leader: L, functional: [b]}\n"
        "  - {id: b, name: B, level: 3, parent: ks, leader: L, functional: [c]}\n"
        "  - {id: c, name: C, level: 3, parent: ks, leader: L, functional: [a]}\n"
    )
    diags = assert_diagnostics(model(units), ["professional-cycle"], [at(model(units), 7, "b]", "OM131")])
    assert diags[0].message.endswith("a -(professional)-> b -(professional)-> c -(professional)-> a")


def test_professional_lines_upwards_are_fine() -> None:
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: ks2, name: K2, level: 2, parent: dir-a, leader: L}\n"
        "  - {id: v, name: V, level: 3, parent: ks, leader: L, functional: [ks2, dir-a]}\n"
    )
    assert_diagnostics(
        model(units), ["professional-line", "professional-cycle", "too-many-professional-lines"], []
    )


def test_too_many_professional_lines() -> None:
    units = TOP + "  - {id: v, name: V, level: 2, parent: dir-a, leader: L, functional: [radmann, dir-a]}\n"
    params = {"too-many-professional-lines": {"max": 1}}
    assert_diagnostics(
        model(units), ["too-many-professional-lines"], [at(model(units), 6, "[radmann", "OM132")], params
    )


def test_budget_responsibility_false_at_the_budget_key_and_unstated_not_judged() -> None:
    """``budget: false`` is a finding; a missing ``budget`` is "not stated" (tester defect 1)."""
    units = TOP + (
        "  - {id: v, name: V, kind: virksomhet, level: 2, parent: dir-a, leader: L, staff: 10}\n"
        "  - {id: w, name: W, kind: virksomhet, level: 2, parent: dir-a, leader: L, staff: 9,\n"
        "     budget: false}\n"
        "  - {id: fag, name: Fagansvarlig, kind: virksomhet, level: 2, parent: dir-a, leader: L, staff: 0,\n"
        "     budget: false}\n"
        "  - {id: avd, name: Avdeling, kind: avdeling, level: 3, parent: v, leader: L, staff: 10,\n"
        "     budget: false}\n"
    )
    found = [at(model(units), 6, "v,", "OM140"), at(model(units), 8, "false", "OM140")]
    note, error = assert_diagnostics(model(units), ["budget-responsibility"], found)
    assert note.severity.value == "info" and note.message == (
        "the model does not state budget responsibility for the leader of 'V' (v), who has personnel "
        "responsibility, so it cannot be judged"
    )
    assert error.severity.value == "error" and error.message == (
        "the leader of 'W' (w) has personnel responsibility for 9 but no budget responsibility"
    )
    assert error.hint == "set 'budget: true'"


def test_an_enhet_of_a_two_level_model_is_judged_for_budget_responsibility() -> None:
    # a small kommune's enheter at level 2 under the kommunedirektør, 'kind: enhet': Kultur with
    # 'budget: false' passed, since no place in the tree said it was a virksomhet
    units = (
        "  - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør, budget: true}\n"
        "  - {id: skole, name: Skolen, kind: enhet, level: 2, parent: kd, leader: R, staff: 30, "
        "budget: true}\n"
        "  - {id: kultur, name: Kultur, kind: enhet, level: 2, parent: kd, leader: K, staff: 8, "
        "budget: false}\n"
    )
    (found,) = assert_diagnostics(
        model(units), ["budget-responsibility"], [at(model(units), 6, "false", "OM140")]
    )
    assert (
        found.message
        == "the leader of 'Kultur' (kultur) has personnel responsibility for 8 but no budget responsibility"
    )


def test_budget_responsibility_unstated_is_one_note_per_model() -> None:
    units = (
        "  - {id: rm, name: Rådmann, level: 1, leader: R, staff: 2}\n"
        "  - {id: ks, name: Oppvekst, level: 2, parent: rm, leader: K}\n"
        "  - {id: a, name: Skole A, kind: virksomhet, level: 3, parent: ks, leader: Rektor, staff: 20}\n"
        "  - {id: b, name: Skole B, kind: virksomhet, level: 3, parent: ks, leader: Rektor, staff: 30}\n"
    )
    diags = assert_diagnostics(model(units), ["budget-responsibility"], [at(model(units), 6, "a,", "OM140")])
    assert diags[0].severity.value == "info" and diags[0].key == "unstated" and diags[0].unit is None
    assert diags[0].message == (
        "the model does not state budget responsibility for 2 virksomhetsledere with personnel "
        "responsibility ('Skole A' (a) first), so they cannot be judged"
    )


ENHET = (
    "  - {id: rm, name: Rådmann, level: 1, leader: R, budget: true, staff: 2}\n"
    "  - {id: ks, name: Oppvekst, level: 2, parent: rm, leader: K, budget: true}\n"
    "  - {id: e1, name: Skole A, kind: enhet, level: 3, parent: ks, leader: Enhetsleder, staff: 2,"
    " budget: false}\n"
    "  - {id: e2, name: Skole B, level: 3, parent: ks, leader: Rektor, staff: 40, budget: false}\n"
    "  - {id: e3, name: Skole C, kind: virksomhet, level: 3, parent: ks, leader: Rektor, staff: 2,"
    " budget: false}\n"
    "  - {id: st, name: Stab, level: 3, parent: ks, leader: L, staff: 2, role: staff, budget: false}\n"
    "  - {id: av, name: Avd, kind: avdeling, level: 3, parent: ks, leader: L, staff: 2, budget: false}\n"
)


def test_virksomhet_is_decided_by_place_not_label_for_budget_and_robustness() -> None:
    """Tester defect 10: Kristiansand's ``enhet`` and a unit without ``kind`` are virksomheter too."""
    text = model(ENHET)
    budget = [at(text, row, "false", "OM140") for row in (6, 7, 8)]
    assert_diagnostics(text, ["budget-responsibility"], budget)
    robust = [at(text, 6, "2,", "OM150"), at(text, 8, "2,", "OM150")]
    diags = assert_diagnostics(text, ["robust-units"], robust)
    assert diags[0].message == "'Skole A' (e1) has 3 people, fewer than the 8 a robust enhet needs"


def test_virksomhet_without_any_label_is_a_level_3_unit() -> None:
    text = model(ENHET.replace("kind: virksomhet, ", "").replace("kind: enhet, ", ""))
    assert_diagnostics(text, ["robust-units"], [at(text, 6, "2,", "OM150"), at(text, 8, "2,", "OM150")])


def test_virksomhet_kinds_override_and_other_kinds() -> None:
    text = model(ENHET)
    params = {"robust-units": {"kinds": ["avdeling"], "other_kinds": ["enhet"]}}
    # the avdeling is a virksomhet by label; e3 by its place (virksomhet is no longer a kinds label, but
    # not an other kind either); e1 is labelled as something else; e2 is big, st a staff unit
    found = [at(text, 8, "2,", "OM150"), at(text, 10, "2,", "OM150")]
    assert_diagnostics(text, ["robust-units"], found, params)


def test_robust_units_minimum_headcount() -> None:
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L, budget: true}\n"
        "  - {id: small, name: Liten skole, kind: virksomhet, level: 3, parent: ks, leader: L, staff: 4}\n"
        "  - {id: big, name: Stor skole, kind: virksomhet, level: 3, parent: ks, leader: L, staff: 40}\n"
        "  - {id: unknown, name: Ukjent, kind: virksomhet, level: 3, parent: ks, leader: L}\n"
    )
    diags = assert_diagnostics(
        model(units),
        ["robust-units"],
        [at(model(units), 7, "4}", "OM150"), at(model(units), 9, "unknown,", "OM150")],
        {"robust-units": {"min": 8}},
    )
    assert "has 5 people, fewer than the 8" in diags[0].message
    assert diags[1].message.startswith("the size of 'Ukjent' (unknown) is unknown")  # one note, not judged


def test_a_nav_office_in_a_partnership_with_the_state_is_not_sized() -> None:
    """Tour K finding 3: the municipal part of a NAV office cannot be merged or made an avdeling."""
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L, budget: true}\n"
        "  - {id: nav, name: NAV, kind: virksomhet, level: 3, parent: ks, leader: L, staff: 3}\n"
        "  - {id: big, name: Stor skole, kind: virksomhet, level: 3, parent: ks, leader: L, staff: 40}\n"
    )
    partnership = (
        '\nagreements:\n  - {id: nav-avtale, kind: partnerskap, name: NAV, parties: ["9001"], units: [nav]}\n'
    )
    assert_diagnostics(model(units) + partnership, ["robust-units"], [])
    samarbeid = partnership.replace("kind: partnerskap", "kind: samarbeidsavtale")
    assert_diagnostics(model(units) + samarbeid, ["robust-units"], [at(model(units), 7, "3}", "OM150")])


def test_leader_required() -> None:
    units = TOP + "  - {id: v, name: V, level: 2, parent: dir-a}\n"
    assert_diagnostics(model(units), ["leader-required"], [at(model(units), 6, "v,", "OM160")])


def test_robust_units_says_one_person_in_the_singular() -> None:
    """Tour F finding 8: a unit of its leader alone read 'has 1 people'."""
    units = TOP + (
        "  - {id: ks, name: K, level: 2, parent: dir-a, leader: L, budget: true}\n"
        "  - {id: tiny, name: Liten, kind: virksomhet, level: 3, parent: ks, leader: L, staff: 0}\n"
        "  - {id: big, name: Stor skole, kind: virksomhet, level: 3, parent: ks, leader: L, staff: 40}\n"
    )
    (diag,) = assert_diagnostics(
        model(units), ["robust-units"], [at(model(units), 7, "0}", "OM150")], {"robust-units": {"min": 8}}
    )
    assert diag.message == "'Liten' (tiny) has 1 person, fewer than the 8 a robust virksomhet needs"
