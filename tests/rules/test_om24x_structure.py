"""OM240-OM242 judged from the tree, whatever the level numbers; 'supervises' written sensibly."""

from __future__ import annotations

import pytest
from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml

AUTHORITY = ["authority-inside-supervised", "authority-distance", "authority-scope"]


def fjordvik(top: int = 1) -> str:
    """A kommunedirektør, two kommunalsjefer, and byggesak as an avdeling of Eiendom (tour L's proposal).

    ``top`` is the kommunedirektør's level: 1 numbers as Drammen does (kommunalsjefer 2, virksomheter
    3), 0 as Asker does (kommunalsjefer 1 beside the kommunedirektør, virksomheter 2).
    """
    kd, ks, virk, avd = 1, max(top + 1, 1), top + 2, top + 3
    return f"""orgmodel: 1
kommune: Fjordvik
units:
  - {{id: kd, name: Kommunedirektør, level: {kd}, leader: Kommunedirektør, budget: true, staff: 2}}
  - {{id: ks-samfunn, name: Samfunnsutvikling, kind: kommunalsjefområde, level: {ks}, parent: kd,
     leader: Kommunalsjef, budget: true, staff: 1}}
  - {{id: ks-helse, name: Helse, kind: kommunalsjefområde, level: {ks}, parent: kd,
     leader: Kommunalsjef, budget: true, staff: 1}}
  - {{id: virk-plan, name: Plan og oppmåling, kind: virksomhet, level: {virk}, parent: ks-samfunn,
     leader: Virksomhetsleder, budget: true, staff: 12}}
  - {{id: virk-eiendom, name: Eiendom, kind: virksomhet, level: {virk}, parent: ks-samfunn,
     leader: Eiendomssjef, budget: true, staff: 2}}
  - id: avd-byggesak
    name: Byggesak og tilsyn
    kind: avdeling
    level: {avd}
    parent: virk-eiendom
    leader: Avdelingsleder
    staff: 8
    role: authority
    supervises: [avd-byggprosjekt]
  - {{id: avd-byggprosjekt, name: Byggprosjekter, kind: avdeling, level: {avd}, parent: virk-eiendom,
     leader: Avdelingsleder, staff: 9}}
  - {{id: virk-hjemme, name: Hjemmetjenesten, kind: virksomhet, level: {virk}, parent: ks-helse,
     leader: Virksomhetsleder, budget: true, staff: 30}}
"""


@pytest.mark.parametrize("top", [1, 0], ids=["drammen-numbering", "asker-numbering"])
def test_byggesak_inside_the_kommunes_own_builder_is_found_however_levels_are_numbered(top: int) -> None:
    text = fjordvik(top)
    (found,) = assert_diagnostics(
        text, AUTHORITY, [pos(text, "    parent: virk-eiendom", "virk-eiendom", "OM241")]
    )
    assert found.unit == "avd-byggesak" and found.key == "virk-eiendom"
    assert "both are inside the virksomhet 'Eiendom' (virk-eiendom)" in found.message
    assert "staff function of 'Samfunnsutvikling' (ks-samfunn)" in (found.hint or "")


def test_one_finding_per_virksomhet_they_meet_in_naming_what_is_inside_it() -> None:
    text = fjordvik().replace(
        "  - {id: virk-hjemme,",
        "  - {id: avd-drift, name: Drift, kind: avdeling, level: 4, parent: virk-eiendom,\n"
        "     leader: L, staff: 9}\n"
        "  - {id: virk-hjemme,",
    )
    text = edit(
        text, "supervises: [avd-byggprosjekt]", "supervises: [avd-byggprosjekt, virk-plan, avd-drift]"
    )
    (found,) = check_yaml(text, AUTHORITY).diagnostics
    assert found.code == "OM241"
    assert found.message.startswith(
        "'Byggesak og tilsyn' (avd-byggesak) is an authority (myndighet) supervising 'Byggprosjekter' "
        "(avd-byggprosjekt) and 'Drift' (avd-drift), but they are all inside the virksomhet 'Eiendom' "
        "(virk-eiendom), whose leader leads them all"
    )


@pytest.mark.parametrize("top", [1, 0], ids=["drammen-numbering", "asker-numbering"])
def test_byggesak_as_its_own_virksomhet_beside_eiendom_is_apart(top: int) -> None:
    text = edit(fjordvik(top), "    kind: avdeling\n", "    kind: virksomhet\n")
    text = edit(text, "    parent: virk-eiendom\n", "    parent: ks-samfunn\n")
    text = edit(text, f"    level: {top + 3}\n", f"    level: {top + 2}\n")
    assert_diagnostics(text, AUTHORITY, [])


@pytest.mark.parametrize("top", [1, 0], ids=["drammen-numbering", "asker-numbering"])
def test_an_unlabelled_virksomhet_is_found_by_its_place_in_the_tree(top: int) -> None:
    # Eiendom written without 'kind': it sits where its area's labelled virksomhet (Plan) sits
    text = edit(
        fjordvik(top),
        "{id: virk-eiendom, name: Eiendom, kind: virksomhet,",
        "{id: virk-eiendom, name: Eiendom,",
    )
    (found,) = check_yaml(text, AUTHORITY).diagnostics
    assert (found.code, found.unit) == ("OM241", "avd-byggesak")


def test_appeals_at_the_kommunalsjef_beside_byggesak_is_apart_drammen_p55() -> None:
    text = fjordvik().replace(
        "  - {id: virk-hjemme,",
        "  - {id: stab-juridisk, name: Juridisk plan og byggesak, kind: stab, level: 3, parent: ks-samfunn,\n"
        "     leader: Leder, staff: 4, role: appeals, supervises: [virk-plan, avd-byggesak]}\n"
        "  - {id: virk-hjemme,",
    )
    found = check_yaml(text, AUTHORITY).diagnostics
    assert [(d.code, d.unit) for d in found] == [("OM241", "avd-byggesak")]


def test_a_suppression_above_the_unit_or_before_its_parent_covers_the_finding() -> None:
    reason = "# orgmodel: ignore[authority-distance] vedtatt av kommunestyret (sak 12/25)\n"
    above = edit(fjordvik(), "  - id: avd-byggesak\n", "  " + reason + "  - id: avd-byggesak\n")
    result = check_yaml(above, AUTHORITY)
    assert result.diagnostics == [] and [d.code for d in result.silenced] == ["OM241"]
    before = edit(
        fjordvik(),
        "    parent: virk-eiendom\n    leader: Avdelingsleder\n    staff: 8\n",
        "    " + reason + "    parent: virk-eiendom\n    leader: Avdelingsleder\n    staff: 8\n",
    )
    result = check_yaml(before, AUTHORITY)
    assert result.diagnostics == [] and [d.code for d in result.silenced] == ["OM241"]


def test_supervising_the_top_unit_hints_to_name_the_areas() -> None:
    text = edit(fjordvik(), "    supervises: [avd-byggprosjekt]\n", "    supervises: [kd]\n")
    (found,) = check_yaml(text, AUTHORITY).diagnostics
    assert found.code == "OM240"
    assert found.hint == (
        "the top unit cannot be supervised from inside it: list in 'supervises:' the areas it supervises "
        "(units under kd) instead"
    )


def test_a_unit_supervising_itself_or_a_unit_twice_is_reported_at_the_entry() -> None:
    text = edit(
        fjordvik(),
        "    supervises: [avd-byggprosjekt]\n",
        "    supervises: [avd-byggprosjekt, avd-byggesak, avd-byggprosjekt]\n",
    )
    found = [d for d in check_yaml(text, AUTHORITY).diagnostics if d.code == "OM242"]
    line = "    supervises: [avd-byggprosjekt, avd-byggesak, avd-byggprosjekt]"
    assert [(d.line, d.col) for d in found] == [
        pos(text, line, "avd-byggesak", "OM242")[:2],
        (pos(text, line, "avd-byggprosjekt", "OM242")[0], line.rindex("avd-byggprosjekt") + 1),
    ]
    assert found[0].message == (
        "'Byggesak og tilsyn' (avd-byggesak) names itself in 'supervises:': a unit cannot be held apart "
        "from itself"
    )
    assert (
        found[1].message
        == "'Byggesak og tilsyn' (avd-byggesak) names 'avd-byggprosjekt' twice in 'supervises:'"
    )
    assert [d.hint for d in found] == ["remove it from 'supervises:'", "remove the second one"]
    assert all(d.severity.value == "warning" for d in found)


def test_supervises_on_a_unit_that_is_no_authority_is_reported_once() -> None:
    provider = edit(fjordvik(), "    role: authority\n", "    role: provider\n")
    (found,) = assert_diagnostics(
        provider, AUTHORITY, [pos(provider, "    role: provider", "provider", "OM242")]
    )
    assert found.message == (
        "'Byggesak og tilsyn' (avd-byggesak) lists units in 'supervises:' but its role is 'provider': only "
        "an authority or an appeals body is held apart from what it supervises, so nobody checks this list"
    )
    assert found.hint == (
        "give it 'role: authority' (or 'role: appeals' for a body that handles appeals) if it supervises "
        "them; otherwise remove 'supervises:'"
    )
    none = edit(fjordvik(), "    role: authority\n", "")
    (found,) = assert_diagnostics(
        none, AUTHORITY, [pos(none, "    supervises: [avd-byggprosjekt]", "[avd-byggprosjekt]", "OM242")]
    )
    assert "but has no role" in found.message
