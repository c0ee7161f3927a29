"""Span of control by role and one cause, one finding: checked with the shipped default ruleset.

The helper loads ``rules/default.yaml`` as ``orgmodel check --ruleset default`` does, so these tests
see the parameters a user's run sees, not only the classes' defaults.
"""

from __future__ import annotations

import textwrap

from conftest import ROOT
from orgmodel.diagnostic import Diagnostic
from orgmodel.engine import check_bytes, is_selected
from orgmodel.ruleset import load_ruleset

FULLMAKT = "`level` counts the personnel tree's depth (a fullmaktsnivå is not a level): "
HEADER = "orgmodel: 1\nkommune: Testby\nunits:\n"
TOP = (
    "  - {id: radmann, name: Rådmann, level: 1, leader: Rådmann, budget: true}\n"
    "  - {id: dir, name: Oppvekst, level: 1, parent: radmann, leader: Direktør, budget: true}\n"
    "  - {id: dir2, name: Helse, level: 1, parent: radmann, leader: Direktør, budget: true, staff: 3}\n"
)


def check_default(text: str, select: tuple[str, ...] = ()) -> list[Diagnostic]:
    """Findings of the shipped default ruleset (optionally only the selected rules) on ``text``."""
    ruleset = load_ruleset(ROOT / "rules" / "default.yaml")
    rules = [r for r in ruleset.instances() if is_selected(r.code, r.name, select, ())]
    raw = textwrap.dedent(text).encode()
    result = check_bytes("model.yaml", raw, rules)
    assert result.rules_run, [d.message for d in result.diagnostics]
    return result.diagnostics


def where(diags: list[Diagnostic]) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.code, d.severity.value) for d in diags]


def expect(text: str, line: int, token: str, code: str, severity: str) -> tuple[int, int, str, str]:
    """(line, col, code, severity) where ``token`` first appears on 1-based ``line``."""
    source = text.splitlines()[line - 1]
    assert token in source, f"{token!r} not on line {line}: {source!r}"
    return (line, source.index(token) + 1, code, severity)


def units(n: int, parent: str, level: int, staff: int, prefix: str = "v") -> str:
    return "".join(
        f"  - {{id: {prefix}{i}, name: {prefix.upper()}{i}, kind: virksomhet, level: {level}, "
        f"parent: {parent}, leader: Leder, budget: true, staff: {staff}}}\n"
        for i in range(n)
    )


def test_a_kommunalsjef_with_29_enhetsledere_is_not_a_finding() -> None:
    # Kristiansand, oppvekst og læring (seed 003): about 29 enhetsledere per kommunalsjef
    text = HEADER + TOP + "  - {id: ks, name: Skole, level: 2, parent: dir, leader: Ks, budget: true}\n"
    text += units(29, "ks", 3, 25)
    assert check_default(text, ("OM120",)) == []


def test_34_schools_under_one_kommunalsjef_pass_and_36_warn_at_the_kommunalsjef() -> None:
    ks = "  - {id: ks, name: Skole, level: 2, parent: dir, leader: Ks, budget: true}\n"
    assert check_default(HEADER + TOP + ks + units(34, "ks", 3, 25), ("OM120",)) == []
    diags = check_default(HEADER + TOP + ks + units(36, "ks", 3, 25), ("OM120",))
    assert where(diags) == [expect(HEADER + TOP + ks + units(36, "ks", 3, 25), 7, "ks,", "OM120", "warning")]
    assert diags[0].message == (
        "'Skole' (ks) has a span of control of at least 36 (36 unit leaders; staff not stated), above the "
        "ruleset's warning limit of 35 "
        "for a leader of leaders"
    )


def test_a_leader_with_80_direct_reports_is_an_error() -> None:
    ks = "  - {id: ks, name: Skole, level: 2, parent: dir, leader: Ks, budget: true}\n"
    diags = check_default(HEADER + TOP + ks + units(80, "ks", 3, 20), ("OM120",))
    assert where(diags) == [expect(HEADER + TOP + ks, 7, "ks,", "OM120", "error")]
    assert "above the maximum of 60 for a leader of leaders" in diags[0].message


def test_an_avdeling_above_the_recommended_span_is_told_to_split_not_to_add_avdelinger() -> None:
    # an Asker adviser's avdeling in hjemmesykepleien (38) was told "add avdelinger" inside an avdeling
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: Hjemme, level: 2, parent: dir2, leader: Ks, budget: true}\n"
            "  - {id: v, name: Hjemmesykepleien, kind: virksomhet, level: 3, parent: ks, leader: V, "
            "budget: true}\n"
            "  - {id: a, name: Nord, kind: avdeling, level: 4, parent: v, leader: A, budget: true, "
            "staff: 38}\n"
            "  - {id: b, name: Sør, kind: avdeling, level: 4, parent: v, leader: A, budget: true, "
            "staff: 20}\n"
        )
    )
    (found,) = check_default(text, ("OM120",))
    assert found.hint is not None and found.hint.startswith(
        "split it, or give team leaders personnel responsibility; a span the municipality has decided on"
    )
    # the rektor of a school, no virksomhet above her: avdelinger are the advice
    rektor = check_default(
        HEADER + TOP + "  - {id: ks, name: Skole, level: 2, parent: dir2, leader: Ks, budget: true}\n"
        "  - {id: s, name: Skolen, kind: virksomhet, level: 3, parent: ks, leader: R, budget: true, "
        "staff: 38}\n",
        ("OM120",),
    )
    assert rektor[0].hint is not None and rektor[0].hint.startswith("add avdelinger with their own leaders")


def test_first_line_leaders_warn_above_30_and_err_above_60_at_their_staff() -> None:
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: Hjemme, level: 2, parent: dir2, leader: Ks, budget: true}\n"
            "  - {id: nord, name: Nord, level: 3, parent: ks, leader: L, budget: true, staff: 45}\n"
            "  - {id: sor, name: Sør, level: 3, parent: ks, leader: L, budget: true, staff: 61}\n"
            "  - {id: vest, name: Vest, level: 3, parent: ks, leader: L, budget: true, staff: 30}\n"
        )
    )
    diags = check_default(text, ("OM120",))
    assert where(diags) == [
        expect(text, 8, "45", "OM120", "warning"),
        expect(text, 9, "61", "OM120", "error"),
    ]
    assert diags[1].message == (
        "'Sør' (sor) has a span of control of 61 (0 unit leaders + 61 staff), above the maximum of 60 "
        "for a first-line leader"
    )


def test_a_rektor_with_one_avdelingsleder_and_31_teachers_is_judged_as_a_first_line_leader() -> None:
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: Skole, level: 2, parent: dir, leader: Ks, budget: true}\n"
            "  - {id: s, name: S, level: 3, parent: ks, leader: Rektor, budget: true, staff: 31}\n"
            "  - {id: a, name: A, level: 4, parent: s, leader: Avdelingsleder, budget: true, staff: 12}\n"
        )
    )
    diags = check_default(text, ("OM120",))
    assert where(diags) == [expect(text, 8, "31", "OM120", "warning")]
    assert (
        "32 (1 unit leader + 31 staff), above the ruleset's warning limit of 30 for a first-line leader"
        in diags[0].message
    )


def two_conventions(body_top_team: str) -> tuple[str, str]:
    """The same tree written with kommunalsjefer at level 1 beside the rådmann, and at level 2."""
    two_level = body_top_team.replace("level: 3", "level: 4").replace("level: 2", "level: 3")
    two_level = two_level.replace("level: 1, parent: radmann", "level: 2, parent: radmann")
    return body_top_team, two_level


def test_the_top_team_and_the_two_level_conventions_give_the_same_findings() -> None:
    body = HEADER + (
        "  - {id: radmann, name: Kommunedirektør, level: 1, leader: Kommunedirektør, budget: true}\n"
        "  - {id: ks-opp, name: Oppvekst, level: 1, parent: radmann, leader: Ks, budget: true}\n"
        "  - {id: ks-helse, name: Helse, level: 1, parent: radmann, leader: Ks, budget: true}\n"
        + units(40, "ks-opp", 2, 28, "s")
        + units(6, "ks-helse", 2, 70, "h")
        + "  - {id: avd, name: Avd, kind: avdeling, level: 3, parent: h0, leader: L, budget: true, "
        + "staff: 1}\n"
    )
    top_team, two_level = two_conventions(body)
    assert top_team != two_level
    first = [(d.line, d.col, d.code, d.severity.value, d.unit) for d in check_default(top_team)]
    second = [(d.line, d.col, d.code, d.severity.value, d.unit) for d in check_default(two_level)]
    assert first == second
    assert {(code, unit) for _, _, code, _, unit in first} == {
        ("OM120", "ks-opp"),  # 40 enhetsledere: a warning
        ("OM120", "h0"),  # 70 staff (and one avdelingsleder) each: errors
        ("OM120", "h1"),
        ("OM120", "h2"),
        ("OM120", "h3"),
        ("OM120", "h4"),
        ("OM120", "h5"),
        ("OM120", "avd"),  # a leader of one person
    }


def test_a_ruleset_that_sets_one_limit_keeps_the_others() -> None:
    from orgmodel.rules.span_of_control import SpanParams

    params = SpanParams.model_validate({"first_line": {"max": 70}})
    assert params.first_line.warn_above == 30 and params.first_line.min == 2 and params.first_line.max == 70


def test_a_per_level_override_is_not_applied_at_a_level_that_is_itself_wrong() -> None:
    from conftest import assert_diagnostics

    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: Skole, level: 2, parent: dir, leader: Ks, budget: true}\n"
            "  - {id: s, name: S, level: 2, parent: ks, leader: Rektor, budget: true, staff: 25}\n"
        )
    )
    params = {"span-of-control": {"levels": {2: {"max": 10}}}}
    diags = assert_diagnostics(
        text,
        ["level-order", "span-of-control"],
        [(8, expect(text, 8, "2,", "OM110", "")[1], "OM110")],
        params,
    )
    assert diags[0].hint == FULLMAKT + "set level: 3"


# --- one cause, one finding ------------------------------------------------------------------


def test_a_self_parent_is_one_cycle_finding_at_its_parent() -> None:
    text = HEADER + TOP + "  - {id: ks, name: Skole, level: 3, parent: ks, leader: Ks, budget: true}\n"
    diags = check_default(text)
    assert where(diags) == [expect(text, 7, "ks, leader", "OM102", "error")]
    assert diags[0].message == "'Skole' (ks) is its own personnel leader (parent: ks)"


def test_a_cycle_folds_the_11_units_cut_off_below_it() -> None:
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: Skole, level: 2, parent: v0, leader: Ks, budget: true}\n"
            + units(11, "ks", 3, 20)
            + "  - {id: u, name: U, level: 4, parent: v0, leader: L, budget: true, staff: 10}\n"
        )
    )
    text = text.replace("level: 4, parent: v0", "level: 4, parent: v1")
    diags = check_default(text)
    # ks (level 2) names v0 (level 3) as its leader: the reference that points the wrong way
    assert where(diags) == [expect(text, 7, "v0, leader", "OM102", "error")]
    assert diags[0].message == (
        "the personnel lines go round in a circle: ks -> v0 -> ks, "
        "and 11 units below it are cut off from the top"
    )


def test_a_circle_through_the_top_is_one_finding_without_single_root() -> None:
    text = HEADER + (
        "  - {id: radmann, name: Rådmann, level: 1, parent: dir, leader: Rådmann, budget: true}\n"
        "  - {id: dir, name: Oppvekst, level: 1, parent: radmann, leader: Direktør, budget: true}\n"
        "  - {id: ks, name: Skole, level: 2, parent: dir, leader: Ks, budget: true}\n"
    )
    diags = check_default(text)
    assert where(diags) == [expect(text, 5, "radmann, leader", "OM102", "error")]
    assert diags[0].message.endswith(
        "and 1 unit below it is cut off from the top; no unit is left at the top"
    )


def test_a_school_at_level_2_is_one_level_order_finding_not_a_span_or_a_skip() -> None:
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: Skole, level: 2, parent: dir, leader: Ks, budget: true}\n"
            "  - {id: s, name: S, level: 2, parent: ks, leader: Rektor, budget: true, staff: 20}\n"
            "  - {id: a, name: A, level: 4, parent: s, leader: Avdelingsleder, budget: true, staff: 12}\n"
        )
    )
    diags = check_default(text)
    assert where(diags) == [expect(text, 8, "2,", "OM110", "error")]
    assert diags[0].hint == FULLMAKT + "set level: 3"


def test_a_kommunalsjef_written_at_the_level_of_its_schools_is_one_finding_at_the_kommunalsjef() -> None:
    text = HEADER + TOP + "  - {id: ks, name: Skole, level: 3, parent: dir, leader: Ks, budget: true}\n"
    text += units(5, "ks", 3, 20)
    diags = check_default(text)
    assert where(diags) == [expect(text, 7, "3,", "OM110", "error")]
    assert diags[0].message == (
        "'Skole' (ks) is at level 3, but the units it leads start at level 3 and its leader "
        "'Oppvekst' (dir) is at level 1"
    )
    assert diags[0].hint == "set level: 2"


def test_a_level_skip_without_justification_is_a_warning_at_its_level() -> None:
    text = (
        HEADER
        + TOP
        + "  - {id: pilot, name: Pilot, level: 3, parent: dir, leader: L, budget: true, staff: 9}\n"
    )
    diags = check_default(text)
    assert where(diags) == [expect(text, 7, "3,", "OM111", "warning")]
    assert diags[0].message == (
        "'Pilot' (pilot) at level 3 reports to 'Oppvekst' (dir) at level 1, skipping 1 level"
    )


def test_a_second_top_unit_is_one_single_root_finding() -> None:
    text = HEADER + TOP + "  - {id: x, name: X, level: 2, leader: L, budget: true, staff: 9}\n"
    assert where(check_default(text)) == [expect(text, 7, "x,", "OM101", "error")]
    # a virksomhet that forgot its parent is judged as the first-line leader it is, not as a top
    # team: 15 staff is within a first-line span, so OM101 stays the one finding
    virksomhet = text.replace("staff: 9}", "staff: 15}")
    assert where(check_default(virksomhet)) == [expect(virksomhet, 7, "x,", "OM101", "error")]


# --- comparable-sizes: like with like --------------------------------------------------------

B = "budget: true"
SIBLINGS = (
    HEADER.replace("units:\n", "")
    + "kommunedeler:\n  - {id: kd1, number: 1, name: Nord}\n  - {id: kd2, number: 2, name: Sør}\n"
    + "services:\n  - {id: sykehjem, name: Sykehjem}\n  - {id: dagsenter, name: Dagsenter}\n"
    + "units:\n"
    + TOP
    + f"  - {{id: ks, name: Institusjon, level: 2, parent: dir2, leader: Ks, {B}}}\n"
    + f"  - {{id: sh-nord, name: Sykehjem Nord, kind: virksomhet, level: 3, parent: ks, leader: L, {B},"
    + " "
    + "kommunedeler: [kd1], delivers: [sykehjem], staff: 2}\n"
    + f"  - {{id: sh-nord-a, name: A, kind: avdeling, level: 4, parent: sh-nord, leader: L, {B}, staff: 28}}"
    + "\n"
    + f"  - {{id: sh-nord-b, name: B, kind: avdeling, level: 4, parent: sh-nord, leader: L, {B}, staff: 26}}"
    + "\n"
    + f"  - {{id: sh-sor, name: Sykehjem Sør, kind: virksomhet, level: 3, parent: ks, leader: L, {B}, "
    + "kommunedeler: [kd2], delivers: [sykehjem], staff: 24}\n"
    + f"  - {{id: dag-sor, name: Dagsenter Sør, kind: virksomhet, level: 3, parent: ks, leader: L, {B}, "
    + "kommunedeler: [kd2], delivers: [dagsenter], staff: 8}\n"
)


def test_comparable_sizes_compares_a_sykehjem_with_sykehjem_not_with_a_dagsenter() -> None:
    # Sykehjem Nord (59) is 6.6 times Dagsenter Sør (9), but only 2.4 times Sykehjem Sør (25)
    assert check_default(SIBLINGS, ("OM260",)) == []
    text = SIBLINGS.replace("staff: 24}", "staff: 12}")
    diags = check_default(text, ("OM260",))
    # at Sykehjem Nord's id: 'staff: 2' is its own office, the 59 are mostly in its avdelinger
    assert where(diags) == [expect(text, 14, "sh-nord", "OM260", "warning")]
    assert diags[0].message == (
        "'Sykehjem Nord' (sh-nord) has 59 people, 4.5 times 'Sykehjem Sør' (sh-sor) (13); "
        "sibling virksomhet units delivering mainly sykehjem under 'Institusjon' (ks) "
        "should be of relatively equal size (at most 3 times)"
    )


def test_units_that_list_no_service_are_compared_as_districts_named_alike() -> None:
    # without 'delivers', Sykehjem Nord (59) is compared with Sykehjem Sør, not with Dagsenter Sør (9)
    text = SIBLINGS.replace(", delivers: [sykehjem]", "").replace(", delivers: [dagsenter]", "")
    assert check_default(text, ("OM260",)) == []
    diags = check_default(text.replace("staff: 24}", "staff: 12}"), ("OM260",))
    assert [d.unit for d in diags] == ["sh-nord"]
    assert "4.5 times 'Sykehjem Sør' (sh-sor) (13)" in diags[0].message


def test_a_shifted_subtree_is_one_finding_whose_hint_moves_the_units_below_too() -> None:
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: Skole, level: 1, parent: dir, leader: Ks, budget: true}\n"
            "  - {id: s, name: S, level: 2, parent: ks, leader: Rektor, budget: true, staff: 20}\n"
            "  - {id: a, name: A, level: 3, parent: s, leader: Avdelingsleder, budget: true, staff: 12}\n"
        )
    )
    diags = check_default(text)
    assert where(diags) == [expect(text, 7, "1,", "OM110", "error")]
    assert diags[0].hint == FULLMAKT + "set level: 2, and add 1 to the level of every unit below it"
    fixed = text.replace("level: 3", "level: 4").replace("level: 2, parent: ks", "level: 3, parent: ks")
    fixed = fixed.replace("level: 1, parent: dir,", "level: 2, parent: dir,")
    assert check_default(fixed) == []


def test_units_that_lead_nobody_count_as_people_of_a_first_line_leader() -> None:
    # 31 one-person units (staff: 0, nothing below): their leader is a first-line leader of 31
    posts = "".join(
        f"  - {{id: p{i}, name: P{i}, level: 4, parent: v, leader: Fagansvarlig, staff: 0}}\n"
        for i in range(31)
    )
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: K, level: 2, parent: dir, leader: Ks, budget: true}\n"
            "  - {id: v, name: V, level: 3, parent: ks, leader: L, budget: true}\n"
        )
        + posts
    )
    diags = check_default(text, ("OM120",))
    assert where(diags) == [expect(text, 8, "v,", "OM120", "warning")]
    assert diags[0].message.endswith(
        "(31 unit leaders; staff not stated), above the ruleset's warning limit of 30 for a first-line leader"
    )


def test_units_below_a_unit_that_is_too_deep_are_folded_into_its_finding() -> None:
    text = (
        HEADER
        + TOP
        + (
            "  - {id: ks, name: K, level: 2, parent: dir, leader: Ks, budget: true}\n"
            "  - {id: v, name: V, level: 3, parent: ks, leader: L, budget: true}\n"
            "  - {id: a, name: A, level: 4, parent: v, leader: L, budget: true}\n"
            "  - {id: t, name: T, level: 5, parent: a, leader: L, budget: true, staff: 6}\n"
            "  - {id: t1, name: T1, level: 6, parent: t, leader: L, budget: true, staff: 4}\n"
            "  - {id: t2, name: T2, level: 6, parent: t, leader: L, budget: true, staff: 4}\n"
        )
    )
    from conftest import assert_diagnostics

    # two siblings too deep for one reason are one structural fact: one finding at their leader (tour G:
    # a city one level deeper than Drammen's ruleset got 347 findings, one per school and avdeling)
    six = [expect(text, 10, "t,", "OM112", "")[:3]]
    diags = assert_diagnostics(text, ["max-levels"], six, {"max-levels": {"max": 5}})
    assert diags[0].message == (
        "'T' (t) leads 2 units that make the organisation deeper than the adopted 5 levels ('T1' (t1) and "
        "'T2' (t2)): they are at level 6"
    )
    assert diags[0].hint == (
        "take a level out of the line down to them (let t's units report one level higher, or their "
        "leaders lead the employees directly), or adopt 6 levels ('max-levels.max' in the ruleset)"
    )
    employees = {"max-levels": {"max": 6, "count_employees": True}}
    diags = assert_diagnostics(text, ["max-levels"], six, employees)
    assert diags[0].message.endswith("('T1' (t1) and 'T2' (t2)): their employees stand on level 7")
    five = [expect(text, 10, "5,", "OM112", "")[:3]]
    diags = assert_diagnostics(text, ["max-levels"], five, {"max-levels": {"max": 4}})
    assert diags[0].message == (
        "'T' (t) makes the organisation deeper than the adopted 4 levels: "
        "it is at level 5, and 2 units below it"
    )


def _two_level(enheter: int) -> str:
    """A small kommune's strict two-level model: the kommunedirektør leads every enhetsleder, and two
    kommunalsjefer, each with one rådgiver, steer the enheter by professional lines."""
    lines = [
        "  - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør, budget: true, staff: 2}\n",
        "  - {id: ks-a, name: Oppvekst, level: 2, parent: kd, leader: Kommunalsjef, budget: true, "
        "staff: 1}\n",
        "  - {id: ks-b, name: Helse, level: 2, parent: kd, leader: Kommunalsjef, budget: true, staff: 1}\n",
    ]
    for i in range(enheter):
        steer = "ks-a" if i % 2 else "ks-b"
        lines.append(
            f"  - {{id: e{i}, name: Enhet {i}, level: 2, parent: kd, functional: [{steer}], leader: L, "
            "budget: true, staff: 12}\n"
        )
    return HEADER + "".join(lines)


def test_a_kommunedirektor_leading_the_enhetsledere_is_a_leader_of_leaders_not_a_top_team() -> None:
    # a small kommune's adviser: 'above the ruleset's warning limit of 12 for the top unit's own team' on the
    # textbook two-level model, and 'add avdelinger' for the kommunedirektør
    assert check_default(_two_level(20), ("OM120",)) == []  # 22 + 2 staff: within a leader of leaders' 35
    (wide,) = check_default(_two_level(40), ("OM120",))
    assert "above the ruleset's warning limit of 35 for a leader of leaders" in wide.message
    from orgmodel.graph import OrgGraph
    from orgmodel.loader import load_bytes
    from orgmodel.rules.span_of_control import role_of
    from orgmodel.schema import OrgModel

    drammen = ROOT / "models" / "drammen-2020.yaml"
    model = OrgModel.model_validate(load_bytes(str(drammen), drammen.read_bytes()).data)
    assert role_of(OrgGraph(model), "radmann") == "top"  # a rådmann with her direktører: a top team


def test_a_kommunalsjef_steering_enheter_by_professional_lines_is_no_level_that_may_go() -> None:
    # the kommunalsjefer lead one rådgiver each: 'below the minimum of 2 ... a level that may not be
    # needed', though five enheter report to each professionally
    found = check_default(_two_level(10), ("OM120",))
    assert found == []
    unsteered = _two_level(10).replace("functional: [ks-a], ", "").replace("functional: [ks-b], ", "")
    assert [d.unit for d in check_default(unsteered, ("OM120",))] == ["ks-a", "ks-b"]
