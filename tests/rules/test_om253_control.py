"""OM253 control-independence, and OM252's hint on marking a control body only where it can help."""

from __future__ import annotations

from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml
from orgmodel.diagnostic import Severity

MODEL = """orgmodel: 1
kommune: Fjordvik
services:
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg}
  - {id: revisjon, name: Regnskaps- og forvaltningsrevisjon, category: kontroll}
  - {id: sekretariat, name: Sekretariat for kontrollutvalget, category: kontroll}
  - {id: brann, name: Brannforebygging og tilsyn, category: brann}
  - {id: barnevern, name: Barneverntjeneste, category: barnevern, vedtak: true}
units:
  - {id: kd, name: Kommunedirektør, level: 1, leader: Kommunedirektør, budget: true, staff: 2}
  - {id: virk-hjemme, name: Hjemmetjenesten, kind: virksomhet, level: 2, parent: kd, leader: Leder,
     budget: true, staff: 30, delivers: [hjemmesykepleie]}
  - {id: stab-revisjon, name: Kommunerevisjonen, kind: stab, level: 2, parent: kd, leader: Revisjonssjef,
     budget: true, staff: 4, delivers: [hjemmesykepleie, revisjon, sekretariat]}
  - {id: brann-iks, name: Brann IKS, kind: iks, level: 1, delivers: [brann], role: authority,
     supervises: [virk-hjemme]}
  - {id: barnevern-vert, name: Barnevern (vertskommune), kind: external, level: 1, decides: [barnevern],
     delivers: [barnevern]}
"""
CONTROL = ["control-independence"]
OUTSIDE = ["outside-services"]
NONE_OUTSIDE = {"outside-services": {"max_services": 0}}


def test_revisjon_inside_the_administration_is_one_error_at_its_first_control_entry() -> None:
    (found,) = assert_diagnostics(
        MODEL, CONTROL, [pos(MODEL, "staff: 4, delivers:", "revisjon, sekretariat]", "OM253")]
    )
    assert found.severity is Severity.ERROR and found.unit == "stab-revisjon"
    assert found.message == (
        "'Kommunerevisjonen' (stab-revisjon) is inside the administration led by 'Kommunedirektør' (kd) but "
        "delivers 'Regnskaps- og forvaltningsrevisjon' (revisjon) and 'Sekretariat for kontrollutvalget' "
        "(sekretariat), the work of the kommune's control bodies: revisjon and the kontrollutvalg's "
        "secretariat must be independent of the administration they control (kommuneloven §§ 24-1, 23-7)"
    )
    assert "in an IKS, or with another kommune's revisjon or secretariat" in (found.hint or "")


def test_control_bodies_outside_the_administration_are_where_they_belong() -> None:
    for written in (
        "kind: iks, level: 1, leader: Revisjonssjef,",  # an IKS, no parent
        "kind: iks, level: 2, parent: kd, leader: Revisjonssjef,",  # an IKS drawn under the owner
        "kind: external, level: 1, leader: Revisjonssjef,",  # another kommune's revisjon
    ):
        text = edit(MODEL, "kind: stab, level: 2, parent: kd, leader: Revisjonssjef,", written)
        assert check_yaml(text, CONTROL).diagnostics == [], written
    listed = edit(MODEL, "kind: stab, level: 2, parent: kd,", "level: 1,") + (
        "agreements:\n  - {id: avt, kind: iks, name: Revisjon, parties: ['3999', '3998'], "
        "units: [stab-revisjon], services: [revisjon]}\n"
    )
    assert check_yaml(listed, CONTROL).diagnostics == []


def test_a_ruleset_names_its_own_control_category() -> None:
    text = MODEL.replace("category: kontroll}", "category: tilsyn-og-kontroll}")
    assert check_yaml(text, CONTROL).diagnostics == []
    params = {"control-independence": {"control_categories": ["tilsyn-og-kontroll"]}}
    assert [d.code for d in check_yaml(text, CONTROL, params).diagnostics] == ["OM253"]


def test_the_top_unit_delivering_revisjon_is_said_so() -> None:
    text = edit(
        MODEL,
        "leader: Kommunedirektør, budget: true, staff: 2}",
        "leader: Kommunedirektør, budget: true, staff: 2, delivers: [revisjon]}",
    )
    found = check_yaml(text, CONTROL).diagnostics
    assert [d.unit for d in found] == ["kd", "stab-revisjon"]
    assert found[0].message.startswith("'Kommunedirektør' (kd) leads the administration but delivers")


def test_outside_services_hint_says_nothing_of_control_where_the_model_has_its_control_category() -> None:
    """Tour R 7: the brann IKS and the vertskommune's barnevern were told to mark themselves 'kontroll'."""
    found = check_yaml(MODEL, OUTSIDE, NONE_OUTSIDE).diagnostics
    assert [d.key for d in found] == ["brann", "barnevern"]
    assert {d.hint for d in found} == {
        "bring the service into the basisorganisasjon, or adopt a higher limit"
    }


def test_outside_services_hint_names_the_category_only_for_what_may_be_an_unmarked_control_body() -> None:
    text = MODEL.replace("category: kontroll}", "}").replace(
        "  - {id: brann-iks,",
        "  - {id: kontroll-iks, name: Kontroll IKS, kind: iks, level: 1, delivers: [revisjon]}\n"
        "  - {id: brann-iks,",
    )
    text = edit(text, "staff: 4, delivers: [hjemmesykepleie, revisjon, sekretariat]}", "staff: 4}")
    found = {d.key: d.hint for d in check_yaml(text, OUTSIDE, NONE_OUTSIDE).diagnostics}
    assert list(found) == ["revisjon", "brann", "barnevern"]
    assert found["revisjon"] == (
        "bring the service into the basisorganisasjon, or adopt a higher limit; if it is revisjon or the "
        "kontrollutvalg's secretariat, which stay outside by law (kommuneloven §§ 24-1, 23-7), give it "
        "'category: kontroll'"
    )
    # the brann IKS supervises (tilsyn), the vertskommune decides vedtak: neither is a control body
    assert (
        found["brann"]
        == found["barnevern"]
        == "bring the service into the basisorganisasjon, or adopt a higher limit"
    )
    # a service a fictional user needs serves the inhabitants, not the kommunestyre
    needed = text + "personas:\n  - {id: per, name: Per, needs: [revisjon]}\n"
    hints = {d.key: d.hint for d in check_yaml(needed, OUTSIDE, NONE_OUTSIDE).diagnostics}
    assert "kontroll" not in (hints["revisjon"] or "")


def test_a_kommunes_own_revisjon_answering_to_the_kontrollutvalg_is_no_second_top_unit() -> None:
    """Oslo's and Bergen's kommunerevisjon: a unit of the kommune's own, without a parent, outside the
    administration; it was a second top unit (OM101), or even the top unit leading the administration."""
    stab = (
        "  - {id: stab-revisjon, name: Kommunerevisjonen, kind: stab, level: 2, parent: kd, "
        "leader: Revisjonssjef,\n"
        "     budget: true, staff: 4, delivers: [hjemmesykepleie, revisjon, sekretariat]}\n"
    )
    own = edit(MODEL, stab, "")
    first = own.replace(
        "units:\n",
        "units:\n  - {id: revisjonen, name: Kommunerevisjonen, level: 1, leader: Revisjonssjef, staff: 40,\n"
        "     delivers: [revisjon, sekretariat]}\n",
    )
    assert check_yaml(first, ["single-root", "control-independence", "span-of-control"]).diagnostics == []
    # a unit without a parent that also delivers a service of the administration is still a second top
    mixed = first.replace("delivers: [revisjon, sekretariat]}", "delivers: [revisjon, hjemmesykepleie]}")
    codes = {d.code for d in check_yaml(mixed, ["single-root", "control-independence"]).diagnostics}
    assert "OM101" in codes
