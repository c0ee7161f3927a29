"""Schema and reference errors: planner-readable messages at the offending node."""

from __future__ import annotations

from conftest import HEADER, at, check_yaml


def diags(text: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.code, d.message) for d in check_yaml(text, []).diagnostics]


UNITS = HEADER + "units:\n  - {id: radmann, name: R, level: 1, leader: Rådmann}\n"


def test_wrong_type_names_the_place_and_the_value() -> None:
    text = UNITS + "  - {id: a, name: A, level: tre, parent: radmann}\n"
    assert diags(text) == [
        (*at(text, 5, "tre", "OM010"), "units[1].level: expected a whole number, got 'tre'"),
    ]


def test_unknown_key_with_norwegian_suggestion() -> None:
    text = UNITS + "  - {id: a, name: A, level: 2, leder: L, parent: radmann}\n"
    result = check_yaml(text, [])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [at(text, 5, "leder", "OM011")]
    assert result.diagnostics[0].message == "units[1]: unknown key 'leder'"
    assert result.diagnostics[0].hint == "did you mean 'leader'?"
    assert result.diagnostics[0].unit == "a"


def test_misspelt_key_suggestion() -> None:
    text = UNITS + "  - {id: a, name: A, level: 2, parnet: radmann}\n"
    assert check_yaml(text, []).diagnostics[0].hint == "did you mean 'parent'?"


def test_missing_key_points_at_the_mapping() -> None:
    text = UNITS + "  - {id: a, level: 2, parent: radmann}\n"
    assert diags(text) == [(*at(text, 5, "{", "OM010"), "units[1]: the required key 'name' is missing")]


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
    assert messages[0] == "units[1].functional[0]: no unit has the id 'radman'"
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
