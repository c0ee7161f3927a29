"""Supervising and appeals functions are no virksomheter by their place (tour O, Drammen report p. 35, 55).

A barnehagemyndighet of four people, ``role: authority`` and ``supervises:`` the kindergartens, at
level 3 under the kommunalsjef, is a staff function apart from what it supervises: robust-units
(OM150), budget-responsibility (OM140) and comparable-sizes (OM260) do not judge it as a virksomhet, as
they do not judge ``role: staff``. An authority that only decides inhabitants' applications (a
tildelingskontor) still is one where it sits like one, and OM150's hint never points an authority at
what it supervises, nor a supervised unit at its authority.
"""

from __future__ import annotations

from conftest import HEADER, assert_diagnostics, at

LEADERS = "leader: Virksomhetsleder, budget: true"
UNITS = (
    "units:\n"
    "  - {id: kd, name: Kommunedirektør, level: 1, leader: Kommunedirektør, budget: true}\n"
    "  - {id: ks-oppvekst, name: Oppvekst, level: 2, parent: kd, leader: Kommunalsjef, budget: true}\n"
    "  - {id: bhg-myndighet, name: Barnehagemyndighet, level: 3, parent: ks-oppvekst, leader: Leder, "
    "staff: 3, budget: false, ROLE}\n"
    "  - {id: bhg-ski, name: Ski barnehager, kind: virksomhet, level: 3, parent: ks-oppvekst, "
    f"staff: 40, {LEADERS}}}\n"
    "  - {id: bhg-oppegard, name: Oppegård barnehager, kind: virksomhet, level: 3, parent: ks-oppvekst, "
    f"staff: SIZE, {LEADERS}}}\n"
)
AUTHORITY = "role: authority, supervises: [bhg-ski, bhg-oppegard]"


def design(role: str = AUTHORITY, size: int = 38, services: str = "") -> str:
    return HEADER + services + UNITS.replace("ROLE", role).replace("SIZE", str(size))


def test_a_small_barnehagemyndighet_is_no_virksomhet_as_a_staff_unit_is_none() -> None:
    for role in (AUTHORITY, "role: staff", "role: appeals, supervises: [bhg-ski]"):
        assert_diagnostics(design(role), ["robust-units", "budget-responsibility", "comparable-sizes"], [])


def test_its_kind_still_makes_it_a_virksomhet_and_the_hint_keeps_it_apart() -> None:
    text = design("kind: virksomhet, " + AUTHORITY)
    diags = assert_diagnostics(text, ["robust-units"], [at(text, 6, "3, budget", "OM150")])
    assert diags[0].hint == (
        "merge it with a unit it does not supervise, or make it a staff function of 'Oppvekst' (ks-oppvekst) "
        "('kind: stab'), as Drammen did with barnehagemyndighet (report p. 35); never with 'Ski barnehager' "
        "(bhg-ski) and 'Oppegård barnehager' (bhg-oppegard), which it supervises: authority is kept apart "
        "from what it supervises"
    )


def test_a_small_supervised_unit_is_not_told_to_merge_into_its_authority() -> None:
    text = design(size=3)
    diags = assert_diagnostics(text, ["robust-units"], [at(text, 8, "3, leader", "OM150")])
    assert diags[0].hint == (
        "merge it with a neighbour or make it an avdeling of a larger unit, but not with "
        "'Barnehagemyndighet' (bhg-myndighet), which supervises it: authority is kept apart from what it "
        "supervises"
    )


def test_an_authority_that_only_decides_applications_is_still_a_virksomhet() -> None:
    # a tildelingskontor (Drammen report p. 26: a virksomhet) or byggesak decides inhabitants' vedtak
    services = "services:\n  - {id: bolig, name: Bolig, vedtak: true}\n"
    text = design("role: authority, decides: [bolig]", services=services)
    found = [at(text, 8, "3, budget", "OM150")]
    diags = assert_diagnostics(text, ["robust-units"], found)
    assert diags[0].hint == "merge it with a neighbour or make it an avdeling of a larger unit"
    assert_diagnostics(text, ["budget-responsibility"], [at(text, 8, "false", "OM140")])
