"""OM241 in a small two-level kommune: a virksomhet directly under the top unit is an area (tour R 1)."""

from __future__ import annotations

from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml
from orgmodel.diagnostic import Severity

AUTHORITY = ["authority-inside-supervised", "authority-distance", "authority-scope"]

SMAVIK = """orgmodel: 1
kommune: Småvik
units:
  - {id: kd, name: Kommunedirektør, level: 1, leader: Kommunedirektør, budget: true, staff: 3}
  - {id: oppvekst, name: Oppvekst, kind: virksomhet, level: 2, parent: kd, leader: Oppvekstsjef,
     budget: true, staff: 25}
  - {id: teknisk, name: Teknisk, kind: virksomhet, level: 2, parent: kd, leader: Teknisk sjef,
     budget: true, staff: 1}
  - id: avd-byggesak
    name: Byggesak og oppmåling
    kind: avdeling
    level: 3
    parent: teknisk
    leader: Byggesaksleder
    staff: 3
    role: authority
    supervises: [avd-eiendom]
  - {id: avd-eiendom, name: Eiendom og prosjekter, kind: avdeling, level: 3, parent: teknisk,
     leader: Eiendomsleder, staff: 8}
"""


def test_byggesak_beside_eiendom_in_a_small_kommunes_teknisk_is_a_warning_at_its_parent() -> None:
    (found,) = assert_diagnostics(SMAVIK, AUTHORITY, [pos(SMAVIK, "    parent: teknisk", "teknisk", "OM241")])
    assert found.severity is Severity.WARNING and found.unit == "avd-byggesak"
    assert found.message == (
        "'Byggesak og oppmåling' (avd-byggesak) is an authority (myndighet) supervising 'Eiendom og "
        "prosjekter' (avd-eiendom), but both are inside 'Teknisk' (teknisk), a virksomhet directly under "
        "'Kommunedirektør' (kd) and so an area of the kommune, whose leader leads them both (authority "
        "shall be kept apart from the services it supervises)"
    )
    assert found.hint == (
        "make the authority a staff function of 'Kommunedirektør' (kd), or a unit of its own beside teknisk; "
        "a kommune that has decided to keep it so (habilitet is then weighed case by case, "
        "forvaltningsloven § 6) says it by a suppression with its reason"
    )


def test_the_same_organisation_is_judged_alike_however_it_is_modelled() -> None:
    """Teknisk itself as the authority is OM240's warning; the byggesak avdeling is no worse."""
    itself = edit(SMAVIK, "    role: authority\n    supervises: [avd-eiendom]\n", "")
    itself = edit(
        itself,
        "leader: Teknisk sjef,\n     budget: true, staff: 1}",
        "leader: Teknisk sjef,\n     budget: true, staff: 1, role: authority, supervises: [avd-eiendom]}",
    )
    severities = {d.code: d.severity for d in check_yaml(itself, AUTHORITY).diagnostics}
    mine = {d.code: d.severity for d in check_yaml(SMAVIK, AUTHORITY).diagnostics}
    assert severities == {"OM240": Severity.WARNING} and mine == {"OM241": Severity.WARNING}


def test_a_kommune_that_keeps_it_records_it_by_a_suppression() -> None:
    reason = "  # orgmodel: ignore[authority-distance] kommunestyret vedtok byggesak i Teknisk (sak 12/24)\n"
    text = edit(SMAVIK, "  - id: avd-byggesak\n", reason + "  - id: avd-byggesak\n")
    result = check_yaml(text, AUTHORITY)
    assert result.diagnostics == [] and [d.code for d in result.silenced] == ["OM241"]


def test_meeting_below_the_area_leader_inside_one_of_its_units_stays_an_error() -> None:
    """The eiendomsleder leading both byggesak and the projects is inside a first-line unit of the area."""
    text = edit(
        SMAVIK,
        "    parent: teknisk\n    leader: Byggesaksleder",
        "    parent: avd-eiendom\n    leader: Byggesaksleder",
    )
    text = edit(text, "    level: 3\n    parent: avd-eiendom", "    level: 4\n    parent: avd-eiendom")
    text = edit(text, "supervises: [avd-eiendom]", "supervises: [avd-prosjekt]")
    text += (
        "  - {id: avd-prosjekt, name: Byggprosjekter, kind: avdeling, level: 4, parent: avd-eiendom,\n"
        "     leader: Prosjektleder, staff: 6}\n"
    )
    (found,) = assert_diagnostics(
        text, AUTHORITY, [pos(text, "    parent: avd-eiendom", "avd-eiendom", "OM241")]
    )
    assert found.severity is Severity.ERROR
    assert found.hint == (
        "move the authority out of avd-eiendom: make it a unit of its own under teknisk, beside avd-eiendom, "
        "or a staff function of 'Kommunedirektør' (kd)"
    )


def test_a_virksomhet_under_a_kommunalsjef_is_no_area_and_stays_an_error() -> None:
    """Fjordvik's case: Teknisk under a kommunalsjef; the two meet inside a virksomhet (tour L)."""
    text = edit(
        SMAVIK,
        "  - {id: teknisk, name: Teknisk, kind: virksomhet, level: 2, parent: kd,",
        "  - {id: ks-samfunn, name: Samfunn, kind: kommunalsjefområde, level: 2, parent: kd,\n"
        "     leader: Kommunalsjef, budget: true, staff: 1}\n"
        "  - {id: teknisk, name: Teknisk, kind: virksomhet, level: 2, parent: ks-samfunn,",
    )
    (found,) = check_yaml(text, AUTHORITY).diagnostics
    assert (found.code, found.severity) == ("OM241", Severity.ERROR)
    assert "both are inside the virksomhet 'Teknisk' (teknisk), whose leader leads them both" in found.message
