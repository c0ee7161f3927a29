"""OM170 similar-labels: a kind or category written almost like another one, at its exact spot."""

from __future__ import annotations

from conftest import HEADER, assert_diagnostics, check_yaml

SERVICES = (
    "services:\n"
    "  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true}\n"
    "  - {id: sykehjem, name: Sykehjem, category: helse-og-omsorg, vedtak: true}\n"
    "  - {id: bistand, name: Praktisk bistand, category: helse-omsorg, vedtak: true}\n"
)
UNITS = (
    "units:\n"
    "  - {id: r, name: R, level: 1, leader: L, budget: true}\n"
    "  - {id: ks, name: KS, level: 2, parent: r, leader: L, budget: true}\n"
    "  - {id: a, name: A, kind: virksomhet, level: 3, parent: ks, leader: L, budget: true}\n"
    "  - {id: b, name: B, kind: virksomhet, level: 3, parent: ks, leader: L, budget: true}\n"
)
RULE = ["similar-labels"]


def at(text: str, line: int, word: str) -> tuple[int, int, str]:
    """(line, col, OM170) of ``word`` on 1-based ``line`` of ``text``."""
    return (line, text.splitlines()[line - 1].index(word) + 1, "OM170")


def test_a_category_used_less_than_its_near_twin_is_reported_at_the_category() -> None:
    text = HEADER + SERVICES + UNITS
    found = assert_diagnostics(text, RULE, [at(text, 6, "helse-omsorg")])
    assert found[0].message == (
        "the category 'helse-omsorg' is written almost like 'helse-og-omsorg' (used 2 times in the "
        "model); the rules read them as two different labels"
    )
    assert (
        found[0].hint
        == "did you mean 'helse-og-omsorg'? (if 'helse-omsorg' is meant, suppress this with the reason)"
    )


def test_a_kind_near_a_kind_the_rules_read_is_reported_even_when_used_alone() -> None:
    text = HEADER + UNITS.replace(
        "kind: virksomhet, level: 3, parent: ks, leader: L, budget: true}\n  - {id: b",
        "kind: virksomheit, level: 3, parent: ks, leader: L, budget: true}\n  - {id: b",
        1,
    )
    text = text.replace("id: b, name: B, kind: virksomhet", "id: b, name: B, kind: avdeling")
    found = assert_diagnostics(text, RULE, [at(text, 6, "virksomheit")])
    assert (
        "the kind 'virksomheit' is written almost like 'virksomhet', which orgmodel or the ruleset knows"
        in found[0].message
    )
    assert found[0].unit == "a"


def test_two_labels_used_as_often_and_neither_known_are_left_alone() -> None:
    text = HEADER + UNITS.replace("A, kind: virksomhet", "A, kind: bydelskontor")
    text = text.replace("B, kind: virksomhet", "B, kind: bydelskontoret")
    assert check_yaml(text, RULE).diagnostics == []


def test_drammens_spelling_of_direktoromrade_and_a_case_slip_are_not_similar_labels() -> None:
    text = HEADER + UNITS.replace(
        "{id: ks, name: KS, level: 2", "{id: ks, name: KS, kind: direktorområde, level: 2"
    )
    assert check_yaml(text, RULE).diagnostics == []
    cased = HEADER + UNITS.replace("id: a, name: A, kind: virksomhet", "id: a, name: A, kind: Virksomhet")
    assert [d.code for d in check_yaml(cased, RULE).diagnostics] == ["OM010"]


def test_a_category_the_ruleset_names_and_no_service_has_is_left_to_the_rules_that_name_it() -> None:
    every = HEADER + SERVICES.replace("category: helse-og-omsorg", "category: helse-omsorg") + UNITS
    assert check_yaml(every, RULE).diagnostics == []
    codes = {d.code for d in check_yaml(every, [*RULE, "single-decider"]).diagnostics}
    assert codes == {"OM210"}


def test_a_slip_is_still_found_among_hundreds_of_long_labels_used_once() -> None:
    long = "etikett-" * 8
    long_units = "".join(
        f"  - {{id: u{n}, name: U{n}, kind: {long}{n}, level: 3, parent: ks, leader: L, budget: true}}\n"
        for n in range(300)
    )
    text = HEADER + UNITS.replace("A, kind: virksomhet", "A, kind: virksomheit") + long_units
    assert [(d.code, d.unit) for d in check_yaml(text, RULE).diagnostics] == [("OM170", "a")]
