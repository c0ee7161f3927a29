"""Issue 10 item 2: the one-saksbehandler principle is on in the default ruleset, for health and care.

Each test checks a copy of the OM2xx base model with the shipped default
ruleset (no parameters set by the test), at exact positions.
"""

from __future__ import annotations

from fixtures.principles.model import BASE, edit, pos

from conftest import positions
from orgmodel.diagnostic import Diagnostic
from orgmodel.engine import check_bytes
from orgmodel.ruleset import load_ruleset

NORD_SITES = "sites: [oms-nord, kp-nord], "


def check_default(text: str) -> list[Diagnostic]:
    """The findings of the shipped default ruleset's OM2xx rules on ``text``."""
    rules = [r for r in load_ruleset("default").instances() if r.code.startswith("OM2")]
    result = check_bytes("model.yaml", text.encode(), rules)
    assert result.rules_run, [d.message for d in result.diagnostics]
    return result.diagnostics


def test_the_base_model_passes_the_default_ruleset() -> None:
    assert positions(check_default(BASE)) == []


def test_two_deciders_of_one_care_vedtak_are_one_error_at_the_cause() -> None:
    text = edit(BASE, NORD_SITES, NORD_SITES + "decides: [hjemmetjenester], ")
    text = edit(text, "kommunedel: kd2, needs: [hjemmetjenester", "kommunedel: kd1, needs: [hjemmetjenester")
    found = check_default(text)
    assert positions(found) == [pos(text, "id: virk-oms-nord", "hjemmetjenester]", "OM210")]
    assert found[0].severity.value == "error"
    assert "fictional users affected: 'Kari, 84' (kari)" in found[0].message


def test_a_decider_limited_to_another_kommunedel_is_not_one_the_persona_meets() -> None:
    text = edit(BASE, NORD_SITES, NORD_SITES + "decides: [hjemmetjenester], ")  # Nord serves kd1, Kari kd2
    found = check_default(text)
    assert [d.code for d in found] == ["OM210"]
    assert "fictional users affected" not in found[0].message


def test_a_persona_meeting_two_saksbehandlere_for_care_is_one_error_at_the_cause() -> None:
    text = edit(BASE, "    decides: [hjemmetjenester, dagsenter]\n", "    decides: [dagsenter]\n")
    text = edit(text, NORD_SITES, NORD_SITES + "decides: [hjemmetjenester], ")
    text = edit(
        text,
        "kommunedel: kd2, needs: [hjemmetjenester, dagsenter, fysio]",
        "kommunedel: kd1, needs: [hjemmetjenester, dagsenter, fysio]",
    )
    found = [d for d in check_default(text) if d.code in ("OM212", "OM220")]
    # OM212 at Nord's decision names Kari; OM220 says nothing more about her (it did, a tour's idag.yaml)
    assert positions(found) == [pos(text, "id: virk-oms-nord", "hjemmetjenester]", "OM212")]
    assert found[0].severity.value == "error"
    assert found[0].message.endswith("; fictional users affected: 'Kari, 84' (kari)")
    # without allocation-unit, OM220 finds her, at the need the allocation unit does not decide (not at
    # dagsenter, Tjenestetildeling's own and right decision: a tour's finding)
    rules = [r for r in load_ruleset("default").instances() if r.code in ("OM210", "OM220")]
    persona = check_bytes("model.yaml", text.encode(), rules).diagnostics
    assert positions(persona) == [pos(text, "id: kari", "hjemmetjenester", "OM220")]
    assert persona[0].hint == (
        "let the allocation unit 'Tjenestetildeling' (tildeling) decide all of these services"
    )


def test_barnehage_admissions_stay_outside_the_principle() -> None:
    text = edit(
        BASE,
        "{id: virk-bhg-1, name: Barnehager 1,",
        "{id: virk-bhg-1, name: Barnehager 1, decides: [barnehageplass],",
    )
    assert positions(check_default(text)) == []


def test_a_misspelt_category_in_a_ruleset_gets_a_did_you_mean() -> None:
    from orgmodel.rule import find_rule

    cls = find_rule("single-decider")
    assert cls is not None
    rule = cls(cls.Params.model_validate({"categories": ["helse-omsorg"]}))
    found = check_bytes("model.yaml", BASE.encode(), [rule]).diagnostics
    assert positions(found) == [pos(BASE, "services:", "services", "OM210")]
    assert "'helse-omsorg'" in found[0].message
    assert found[0].hint is not None and "did you mean 'helse-og-omsorg'?" in found[0].hint


def test_a_category_the_model_does_not_use_at_all_is_not_an_error() -> None:
    """An oppvekst-only model has no care vedtak: nothing to check, nothing to report."""
    text = BASE.replace("category: helse-og-omsorg", "category: oppvekst-tjenester")
    assert [d for d in check_default(text) if d.code in ("OM210", "OM212", "OM220")] == []


def test_a_need_no_unit_delivers_is_a_finding_at_the_need() -> None:
    text = edit(
        BASE,
        "  - {id: fysio, name: Fysioterapi, category: helse-og-omsorg}\n",
        "  - {id: fysio, name: Fysioterapi, category: helse-og-omsorg}\n"
        "  - {id: avlastning, name: Avlastning, category: helse-og-omsorg, vedtak: true}\n",
    )
    text = edit(
        text,
        "    decides: [hjemmetjenester, dagsenter]\n",
        "    decides: [hjemmetjenester, dagsenter, avlastning]\n",
    )
    text = edit(
        text,
        "needs: [hjemmetjenester, dagsenter, fysio]",
        "needs: [hjemmetjenester, dagsenter, fysio, avlastning]",
    )
    found = check_default(text)
    assert positions(found) == [pos(text, "id: kari", "avlastning", "OM223")]
    assert found[0].severity.value == "warning"
