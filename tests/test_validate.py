"""Schema and reference errors: planner-readable messages at the offending node."""

from __future__ import annotations

import pytest

from conftest import HEADER, at, check_yaml


def diags(text: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.code, d.message) for d in check_yaml(text, []).diagnostics]


UNITS = HEADER + "units:\n  - {id: radmann, name: R, level: 1, leader: Rådmann}\n"


def test_wrong_type_names_the_place_and_the_value() -> None:
    text = UNITS + "  - {id: a, name: A, level: tre, parent: radmann}\n"
    assert diags(text) == [
        (*at(text, 5, "tre", "OM010"), "units[1] (id 'a').level: expected a whole number, got 'tre'"),
    ]


def test_unknown_key_with_norwegian_suggestion() -> None:
    text = UNITS + "  - {id: a, name: A, level: 2, leder: L, parent: radmann}\n"
    result = check_yaml(text, [])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [at(text, 5, "leder", "OM011")]
    assert result.diagnostics[0].message == "units[1] (id 'a'): unknown key 'leder'"
    assert result.diagnostics[0].hint == "did you mean 'leader'?"
    assert result.diagnostics[0].unit == "a"


def test_the_workbooks_own_words_suggest_their_keys_where_they_stand() -> None:
    # a Nordre Follo planner's words (seed 003's headings and the schema's glosses): 'leder' is a
    # unit's leader but a forum's chair
    text = (
        HEADER
        + "møteplasser: []\nunits:\n  - {id: a, name: A, level: 1, ansvar: Alt, budsjett: 1000}\n"
        + "forums:\n  - {id: f, name: F, kind: fagteam, leder: a, hyppighet: {times: 1, per: week}}\n"
    )
    hints = {d.message.rsplit("'", 2)[1]: d.hint for d in check_yaml(text, []).diagnostics}
    assert hints == {
        "møteplasser": "did you mean 'forums'?",
        "ansvar": "did you mean 'responsibility'?",
        "budsjett": "did you mean 'budget_nok'?",
        "leder": "did you mean 'chair'?",
        "hyppighet": "did you mean 'frequency'?",
    }


def test_a_norwegian_word_for_two_keys_suggests_the_one_that_holds_the_value() -> None:
    # 'budsjett: true' is budget responsibility (budget), 'budsjett: 41000000' the budget (budget_nok)
    for value, key in (("true", "budget"), ("41000000", "budget_nok")):
        text = HEADER + f"units:\n  - {{id: a, name: A, level: 1, budsjett: {value}}}\n"
        (found,) = check_yaml(text, []).diagnostics
        assert found.hint == f"did you mean '{key}'?", value


def test_misspelt_key_suggestion() -> None:
    text = UNITS + "  - {id: a, name: A, level: 2, parnet: radmann}\n"
    assert check_yaml(text, []).diagnostics[0].hint == "did you mean 'parent'?"


def test_missing_key_points_at_the_mapping() -> None:
    text = UNITS + "  - {id: a, level: 2, parent: radmann}\n"
    missing = "units[1] (id 'a'): the required key 'name' is missing"
    assert diags(text) == [(*at(text, 5, "{", "OM010"), missing)]


def test_kommunenummer_must_be_quoted() -> None:
    text = "orgmodel: 1\nkommune: K\nkommunenummer: 3005\nunits:\n  - {id: r, name: R, level: 1}\n"
    result = check_yaml(text, [])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [(3, 16, "OM010")]
    assert result.diagnostics[0].hint == 'put it in quotes: "3005"'


def test_version_and_top_level_shape() -> None:
    assert diags("orgmodel: 2\nkommune: K\nunits: [{id: r, name: R, level: 1}]\n") == [
        (1, 11, "OM010", "unsupported format version 2: this orgmodel reads version 1")
    ]
    assert [c for *_, c, _ in diags("- a\n- b\n")] == ["OM006"]
    assert [c for *_, c, _ in diags("kommune: K\n")] == ["OM006"]


def test_parent_as_a_list_is_a_type_error() -> None:
    text = UNITS + "  - {id: a, name: A, level: 2, parent: [radmann, x]}\n"
    assert diags(text)[0][:3] == at(text, 5, "[radmann", "OM010")


def test_duplicate_ids_and_unknown_references() -> None:
    text = UNITS + (
        "  - {id: a, name: A, level: 2, parent: radmann, functional: [radman]}\n"
        "  - {id: a, name: B, level: 2, parent: radmannn}\n"
    )
    result = check_yaml(text, [])
    found = [(d.line, d.col, d.code) for d in result.diagnostics]
    assert found == [
        at(text, 5, "radman]", "OM021"),
        at(text, 6, "a,", "OM020"),
        at(text, 6, "radmannn", "OM021"),
    ]
    messages = [d.message for d in result.diagnostics]
    assert messages[0] == "units[1] (id 'a').functional[0]: no unit has the id 'radman'"
    assert result.diagnostics[0].hint == "did you mean 'radmann'?"
    assert messages[1] == "units: the id 'a' is used twice (first on line 5)"


def test_every_reference_field_is_checked() -> None:
    text = HEADER + (
        "kommunedeler: [{id: kd1, name: Nord}]\n"
        "sites: [{id: s1, name: S, kommunedel: kd9}]\n"
        "services: [{id: t1, name: T}]\n"
        "units:\n"
        "  - {id: r, name: R, level: 1, decides: [t9], kommunedeler: [kd9], sites: [s9], delivers: [t9],"
        " supervises: [r9]}\n"
        "personas: [{id: p, name: P, kommunedel: kd9, needs: [t9]}]\n"
    )
    codes = [(d.line, d.code) for d in check_yaml(text, []).diagnostics]
    assert codes == [(4, "OM021")] + [(7, "OM021")] * 5 + [(8, "OM021")] * 2


def test_rules_do_not_run_on_an_invalid_model() -> None:
    text = UNITS + "  - {id: a, name: A, level: x}\n"
    result = check_yaml(text, None)
    assert not result.rules_run
    assert [d.code for d in result.diagnostics] == ["OM010"]


def hints(text: str) -> list[tuple[int, int, str, str | None]]:
    return [(d.line, d.col, d.code, d.hint) for d in check_yaml(text, []).diagnostics]


def test_quote_hint_keeps_the_text_as_written() -> None:
    text = "orgmodel: 1\nkommune: Oslo\nkommunenummer: 0301\nunits:\n  - {id: r, name: R, level: 1}\n"
    assert hints(text) == [(3, 16, "OM010", 'put it in quotes: "0301"')]
    short = text.replace("0301", "301")
    assert hints(short) == [(3, 16, "OM010", 'put it in quotes: "0301"')]
    assert check_yaml(text.replace("0301", '"0301"'), []).diagnostics == []


KD = HEADER + (
    "kommunedeler:\n  - {id: kd4, number: 4, name: Fjell}\n  - {id: kd5, number: 5, name: Konnerud}\n"
    "units:\n  - {id: r, name: R, level: 1}\n"
)


def test_a_number_where_an_id_is_expected_suggests_the_id_with_that_number() -> None:
    text = KD + "personas:\n  - {id: p, name: P, kommunedel: 5}\n"
    assert hints(text) == [(*at(text, 9, "5}", "OM010"), "write the id: 'kd5'")]
    fixed = text.replace("kommunedel: 5", "kommunedel: kd5")
    assert check_yaml(fixed, []).diagnostics == []
    in_list = KD.replace("level: 1}", "level: 1, kommunedeler: [4]}")
    assert hints(in_list) == [(*at(in_list, 7, "4]", "OM010"), "write the id: 'kd4'")]
    unknown = KD + "personas:\n  - {id: p, name: P, kommunedel: 9}\n"
    assert hints(unknown)[0][3] == "name the kommunedel by its id (such as 'kd4'), not by a number"


def test_quoted_numbers_and_yes_no_get_hints() -> None:
    text = UNITS + '  - {id: a, name: A, level: "3", parent: radmann, budget: yes}\n'
    assert hints(text) == [
        (*at(text, 5, '"3"', "OM010"), "write 3 without quotes"),
        (*at(text, 5, "yes", "OM010"), "write true (orgmodel reads YAML 1.2: 'yes' is text)"),
    ]
    text = UNITS + "  - {id: a, name: A, level: tre, parent: radmann, budget: nei}\n"
    assert [h for *_, h in hints(text)] == ["write 3", "write false (orgmodel reads YAML 1.2: 'nei' is text)"]


def test_norwegian_status_words_and_case_slips() -> None:
    for word, meant in [
        ("utkast", "draft"),
        ("høring", "hearing"),
        ("vedtatt", "adopted"),
        ("Draft", "draft"),
    ]:
        text = HEADER + f"status: {word}\nunits:\n  - {{id: r, name: R, level: 1}}\n"
        assert hints(text) == [(3, 9, "OM010", f"did you mean '{meant}'?")]
    text = UNITS + "  - {id: a, name: A, level: 2, parent: radmann, role: myndighet}\n"
    assert hints(text) == [(*at(text, 5, "myndighet", "OM010"), "did you mean 'authority'?")]


def test_norwegian_section_names() -> None:
    for word, meant in [("tjenester", "services"), ("enheter", "units"), ("bydeler", "kommunedeler")]:
        assert hints(UNITS + f"{word}: []\n") == [(5, 1, "OM011", f"did you mean '{meant}'?")]
    only = HEADER + "enheter:\n  - {id: r, name: R, level: 1}\n"
    assert hints(only) == [(3, 1, "OM011", "did you mean 'units'? ('units' is required)")]


def test_a_misspelt_required_key_is_one_finding() -> None:
    text = UNITS + "  - {id: a, name: A, nivå: 2, parent: radmann}\n"
    result = check_yaml(text, [])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [at(text, 5, "nivå", "OM011")]
    assert result.diagnostics[0].hint == "did you mean 'level'? ('level' is required)"


def test_missing_keys_of_one_mapping_are_one_finding() -> None:
    text = UNITS + "  - {leader: L}\n"
    assert diags(text) == [
        (*at(text, 5, "{", "OM010"), "units[1]: the required keys 'id', 'name' and 'level' are missing")
    ]


def test_a_kind_with_a_capital_letter_is_a_slip() -> None:
    text = KD + "sites:\n  - {id: s, name: S, kind: Knutepunkt, kommunedel: kd4}\n"
    result = check_yaml(text, None)
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [at(text, 9, "Knutepunkt", "OM010")]
    assert result.diagnostics[0].hint == "did you mean 'knutepunkt'?"
    assert not result.rules_run  # so the hub rule does not also report the kommunedel


def test_the_version_is_the_whole_number_1() -> None:
    for written in ['"1"', "1.0", "true", "'1'"]:
        text = f"orgmodel: {written}\nkommune: K\nunits: [{{id: r, name: R, level: 1}}]\n"
        found = check_yaml(text, []).diagnostics
        assert [(d.line, d.col, d.code, d.hint) for d in found] == [(1, 11, "OM010", "write: orgmodel: 1")]
    assert diags("orgmodel: 1.0\nkommune: K\nunits: [{id: r, name: R, level: x}]\n") == [
        (1, 11, "OM010", "orgmodel: the format version is the whole number 1, got the number 1.0"),
        (3, 33, "OM010", "units[0] (id 'r').level: expected a whole number, got 'x'"),
    ]


def test_duplicate_kommunedel_numbers() -> None:
    text = KD.replace("number: 5", "number: 4")
    assert diags(text) == [
        (*at(text, 5, "4,", "OM020"), "kommunedeler: the number 4 is used twice (first on line 4)"),
    ]


def test_no_space_after_a_colon_in_a_flow_mapping() -> None:
    text = UNITS + "  - {id: a, name: A, level:2, parent: radmann}\n"
    result = check_yaml(text, [])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [at(text, 5, "level:2", "OM011")]
    assert result.diagnostics[0].hint == "put a space after the ':': level: 2"


def test_schema_findings_of_one_unit_have_their_own_fingerprints() -> None:
    text = UNITS + "  - {id: a, name: A, level: tre, parent: radmann, budget: ja, functional: [x, y]}\n"
    found = check_yaml(text, []).diagnostics
    assert [(d.code, d.unit, d.key) for d in found] == [
        ("OM010", "a", "level"),
        ("OM010", "a", "budget"),
        ("OM021", "a", "functional:x"),  # with the schema's errors, not after they are fixed
        ("OM021", "a", "functional:y"),
    ]
    assert len({d.fingerprint for d in found}) == 4
    moved = check_yaml(UNITS + "\n" + text.removeprefix(UNITS), []).diagnostics  # lines move, keys stay
    assert [d.fingerprint for d in moved] == [d.fingerprint for d in found]


def test_a_comma_in_a_flow_mapping_name_says_to_quote_the_name() -> None:
    text = UNITS + "  - {id: a, name: Kultur, idrett og frivillighet, level: 2, parent: radmann}\n"
    result = check_yaml(text, [])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [
        at(text, 5, "idrett og frivillighet", "OM011")
    ]
    assert result.diagnostics[0].hint == (
        "a ',' ends a value inside {...}; if 'Kultur, idrett og frivillighet' is one value, put it in "
        'quotes: name: "Kultur, idrett og frivillighet"'
    )


def test_a_name_cut_at_two_commas_is_one_finding_whose_hint_quotes_all_of_it() -> None:
    # a Nordre Follo planner's 'Oppegård (Kolbotn, Greverud, Sofiemyr)': two findings, the hint half a name
    text = UNITS + "  - {id: a, name: Oppegård (Kolbotn, Greverud, Sofiemyr), level: 2, parent: radmann}\n"
    (found,) = check_yaml(text, []).diagnostics
    assert (found.line, found.col, found.code) == at(text, 5, "Greverud", "OM011")
    assert found.hint == (
        "a ',' ends a value inside {...}; if 'Oppegård (Kolbotn, Greverud, Sofiemyr)' is one value, put it "
        'in quotes: name: "Oppegård (Kolbotn, Greverud, Sofiemyr)"'
    )
    # a real key after the pieces is still its own finding
    typo = text.replace("level: 2", "levle: 2")
    assert [d.code for d in check_yaml(typo, []).diagnostics] == ["OM011", "OM011"]


def test_an_unknown_key_with_a_colon_after_it_keeps_the_known_keys_hint() -> None:
    text = UNITS + "  - {id: a, name: Kultur, idrett: x, level: 2, parent: radmann}\n"
    result = check_yaml(text, [])
    assert result.diagnostics[0].hint is not None
    assert result.diagnostics[0].hint.startswith("known keys: id, name, level")


def test_a_missing_unit_level_has_a_hint_with_the_numbers() -> None:
    text = UNITS + "  - {id: iks, name: Vestfold IKS, kind: iks, leader: Daglig leder}\n"
    result = check_yaml(text, [])
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("OM010", "units[1] (id 'iks'): the required key 'level' is missing")
    ]
    hint = result.diagnostics[0].hint
    assert hint is not None and hint.startswith("write the unit's level: 1 for the top team, 2 for")
    assert "(kind: iks or external) is not judged by its level" in hint


def test_norwegian_ways_of_writing_numbers_get_hints_that_lead_to_the_fix() -> None:
    text = UNITS + (
        '  - {id: a, name: A, level: 2, parent: radmann, staff: "24,5"}\n'
        "  - {id: b, name: B, level: 2, parent: radmann, staff: 24 årsverk}\n"
        '  - {id: c, name: C, level: 2, parent: radmann, fte: "3,5"}\n'
    )
    found = [(d.message, d.hint) for d in check_yaml(text, []).diagnostics]
    assert found == [
        (
            "units[1] (id 'a').staff: expected a whole number, got '24,5'",
            "staff counts people, a whole number; årsverk go under 'fte: 24.5'",
        ),
        ("units[2] (id 'b').staff: expected a whole number, got '24 årsverk'", "write the number alone: 24"),
        (  # one finding for fte's float | int, not one per member of the union
            "units[3] (id 'c').fte: expected a number, got '3,5'",
            "write 3.5: a decimal is written with '.', not ','",
        ),
    ]


def test_an_estimate_and_a_norwegian_date_get_the_value_to_write() -> None:
    """Tour K finding 11: 'ca. 46' and '01.01.2025', the two things a Norwegian writes most often."""
    text = UNITS.replace("units:\n", "valid_from: 01.01.2025\nunits:\n") + (
        "  - {id: a, name: A, level: 2, parent: radmann, staff: ca. 46}\n"
    )
    found = [(d.message, d.hint) for d in check_yaml(text, []).diagnostics]
    assert found == [
        (
            "valid_from: expected a date like 2020-01-01, got '01.01.2025'",
            "write 2025-01-01 (year-month-day)",
        ),
        ("units[1] (id 'a').staff: expected a whole number, got 'ca. 46'", "write the number alone: 46"),
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1.1.2025", "write 2025-01-01 (year-month-day)"),
        ("31/12/2024", "write 2024-12-31 (year-month-day)"),
        ("1. januar 2025", "write 2025-01-01 (year-month-day)"),
        ("15. okt. 2025", "write 2025-10-15 (year-month-day)"),
        ("31.02.2025", None),  # no such day: no value to offer
        ("neste år", None),
    ],
)
def test_a_date_written_the_norwegian_way_gets_its_iso_form(written: str, hint: str | None) -> None:
    from orgmodel.hints import date_hint

    assert date_hint(written) == hint


def test_a_frequency_in_words_is_shown_how_to_write_it() -> None:
    text = UNITS + "forums:\n  - {id: f, name: F, kind: fagteam, chair: radmann, frequency: ved behov}\n"
    (diag,) = check_yaml(text, []).diagnostics
    assert (
        diag.message
        == "forums[0] (id 'f').frequency: expected a mapping of 'key: value' lines, got 'ved behov'"
    )
    assert diag.hint is not None and diag.hint.startswith(
        "write how often as times per period, e.g. {times: 2"
    )
    # tour O: the hint said to leave frequency out, and forum-terms then asked for it back
    assert diag.hint.endswith("or 'frequency: as-needed' when it meets only as needed (ved behov)")


def test_a_forum_or_collaboration_that_meets_as_needed_says_so() -> None:
    text = (
        UNITS
        + "  - {id: a, name: A, level: 2, parent: radmann, leader: L}\n"
        + "forums:\n  - {id: f, name: Kriseteam, kind: oppgaveteam, chair: radmann, frequency: as-needed}\n"
        + "collaborations:\n  - {between: [radmann, a], frequency: as-needed}\n"
    )
    checked = check_yaml(text, [])
    assert checked.diagnostics == []
    assert checked.model is not None
    assert checked.model.forums[0].frequency == "as-needed"
    assert checked.model.collaborations[0].frequency == "as-needed"


@pytest.mark.parametrize(
    ("frequency", "hint"),
    [
        (
            "{times: 0.5, per: month}",  # 'hver annen måned'
            "write a whole number of times over a longer period: 0.5 per month is {times: 6, per: year}",
        ),
        (
            "{times: 0.5, per: week}",
            "write a whole number of times over a longer period: 0.5 per week is {times: 26, per: year}",
        ),
        (
            "{times: 0.3, per: month}",  # no whole number a year: the example
            "write a whole number of times over a longer period: every other month is {times: 6, per: year}",
        ),
    ],
)
def test_a_fraction_of_times_per_period_is_shown_per_year(frequency: str, hint: str) -> None:
    text = UNITS + f"forums:\n  - {{id: f, name: F, kind: fagteam, chair: radmann, frequency: {frequency}}}\n"
    (diag,) = check_yaml(text, []).diagnostics
    assert diag.message.startswith("forums[0] (id 'f').frequency.times: expected a whole number")
    assert diag.hint == hint


def test_a_position_holds_a_share_of_a_post_and_more_than_none() -> None:
    # seed 003 p. 6: "HR-ressursen stiller 50 prosent"
    text = (
        UNITS
        + "positions:\n  - {id: hr, title: HR, unit: radmann, fte: 0.5}\n  - {id: x, title: X, fte: 0}\n"
    )
    assert diags(text) == [
        (*at(text, 7, "0}", "OM010"), "positions[1] (id 'x').fte: must be more than 0, got the number 0")
    ]


def test_an_id_in_two_alphabets_is_refused_where_it_is_defined_not_where_it_is_used() -> None:
    text = (
        UNITS
        + "  - {id: hjemme-nord, name: A, level: 2, parent: radmann}\n"
        + "  - {id: hjemme-nоrd, name: B, level: 2, parent: radmann}\n"  # a Cyrillic 'о'
        + "  - {id: c, name: C, level: 3, parent: hjemme-nоrd}\n"
    )
    found = check_yaml(text, []).diagnostics
    assert [(d.line, d.col, d.code) for d in found] == [at(text, 6, "hjemme-nоrd", "OM010")]
    assert found[0].message == (
        "units[2] (id 'hjemme-nоrd').id: 'hjemme-nоrd' mixes Latin and Cyrillic letters (the Cyrillic "
        "letter 'о' is character 9), so it looks like an id it is not"
    )
    assert found[0].hint == "write it in one alphabet: 'hjemme-nord'"


def test_norwegian_sami_and_greek_ids_in_one_alphabet_are_ids() -> None:
    for unit_id in ("nærmiljø-åsen", "Guovdageaidnu-čáhci-ŋ", "ΑΘΗΝΑ", "skole-1", "ª-kontor"):
        text = UNITS + f"  - {{id: {unit_id}, name: A, level: 2, parent: radmann}}\n"
        assert diags(text) == [], unit_id


def test_references_are_checked_beside_schema_errors_once_each() -> None:
    text = (
        UNITS.replace("orgmodel: 1\n", "orgmodel: 1\nstaus: draft\n")
        + "  - {id: a, name: A, level: 2, parent: rr, staff: mange}\n"
        + '  - {id: b, name: B, level: 2, parent: "x y"}\n'  # refused as an id: no second finding
        + "  - {id: c, name: C, level: 2, parent: radmann, functional: [a, q, 5]}\n"
    )
    assert [(d.line, d.col, d.code) for d in check_yaml(text, []).diagnostics] == [
        at(text, 2, "staus", "OM011"),
        at(text, 6, "rr", "OM021"),
        at(text, 6, "mange", "OM010"),
        at(text, 7, '"x y"', "OM010"),
        at(text, 8, "q", "OM021"),
        at(text, 8, "5", "OM010"),
    ]


def test_a_section_under_a_norwegian_name_is_one_finding_not_one_per_reference() -> None:
    # an Asker adviser wrote 'hovedutvalg:' for 'committees:': 1 good error and 6 'no committee has the id'
    text = UNITS.replace("units:\n", "hovedutvalg:\n  - {id: hu-a, name: A}\nunits:\n") + (
        "  - {id: a, name: A, level: 2, parent: radmann, committee: hu-a}\n"
        "  - {id: b, name: B, level: 2, parent: radmann, committee: hu-x}\n"
    )
    found = [(d.line, d.col, d.code) for d in check_yaml(text, []).diagnostics]
    assert found == [at(text, 3, "hovedutvalg", "OM011"), at(text, 8, "hu-x", "OM021")]


def test_a_reference_to_a_collection_with_an_item_without_an_id_waits_for_the_id() -> None:
    text = UNITS + "  - {name: A, level: 2, parent: radmann}\n  - {id: b, name: B, level: 3, parent: a}\n"
    assert [d.code for d in check_yaml(text, []).diagnostics] == ["OM010"]  # the missing id, once


def test_two_personnel_leaders_in_a_list_are_told_the_one_line_principle() -> None:
    # a planner's 'parent: [ks-helse, ks-omsorg]': one personnel line, the other a professional line
    text = UNITS + (
        "  - {id: ks-helse, name: H, level: 2, parent: radmann}\n"
        "  - {id: ks-omsorg, name: O, level: 2, parent: radmann}\n"
        "  - {id: t, name: T, level: 3, parent: [ks-helse, ks-omsorg]}\n"
    )
    (found,) = check_yaml(text, []).diagnostics
    assert (found.line, found.col, found.code) == at(text, 7, "[ks-helse", "OM010")
    assert found.message == "units[3] (id 't').parent: expected text, got a list"
    assert found.hint == (
        "a unit has one personnel line (parent: the leader with personnel responsibility); "
        "write the others as professional lines: functional: [ks-omsorg]"
    )
    listed = text.replace("parent: [ks-helse, ks-omsorg]", "parent: [ks-helse, {x: 1}]")
    assert check_yaml(listed, []).diagnostics[0].hint is None  # not ids: no advice to copy


def test_one_mistake_in_every_value_of_a_list_is_one_finding_at_the_first() -> None:
    """Tour I: kommunenummer written unquoted gave one error per value; the hint quotes each alike."""
    from orgmodel.api import check_text

    text = (
        "orgmodel: 1\nkommune: X\nunits:\n  - {id: kd, name: KD, level: 1, leader: L}\n"
        'agreements:\n  - {id: iks, kind: iks, name: IKS, parties: [3349, 3347, "3345", 3351]}\n'
    )
    (found,) = check_text(text, name="m.yaml").diagnostics
    assert (found.line, found.col, found.code) == (6, 47, "OM010")
    assert found.message == (
        "agreements[0] (id 'iks').parties[0]: expected text, got the number 3349 "
        "(and 2 more values of this list alike)"
    )
    assert found.hint == 'put it in quotes: "3349"'
    # mistakes of different kinds in one list stay apart
    mixed = text.replace('"3345", 3351', "[3345], 3351")
    assert len(check_text(mixed, name="m.yaml").diagnostics) == 2
