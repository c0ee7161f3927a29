"""Omitted staff is unknown (N5), units outside the basisorganisasjon (N1), level hints (N2)."""

from __future__ import annotations

from conftest import assert_diagnostics, at, check_yaml

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
    diags = assert_diagnostics(
        text, ["OM150", "OM260"], [at(text, 12, "40", "OM260"), at(text, 13, "0, kommunedeler", "OM150")]
    )
    assert "'Hjemme B' (h2) has 4 people, fewer than the 8" in diags[1].message
    assert "'Hjemme A' (h1) has 41 people, 10.2 times 'Hjemme B' (h2) (4)" in diags[0].message


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
    assert "span of control of 40 (40 unit leaders + 0 staff)" in diags[0].message
    small = REPRO_N5.split("  - {id: h1")[0] + units.split("\n")[0] + "\n"
    assert_diagnostics(small, ["OM120"], [])  # ks leads 1 leader and unknown staff: no min breach
