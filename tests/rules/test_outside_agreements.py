"""Tour P (inter-municipal VA, seed 002): vedtak made outside the kommune, and agreements' services.

OM211 finds a unit outside the kommune deciding a vedtak no agreement gives it (F1); OM279 finds an
IKS agreement's service its units do not deliver (F2) and places a cooperation agreement's undelivered
service at the service (F4); OM223's hint names the unit that grants a permit (F11).
"""

from __future__ import annotations

from pathlib import Path

from fixtures.principles.model import ONE_PLACE, edit, pos
from typer.testing import CliRunner

from conftest import assert_diagnostics
from orgmodel.cli import app
from orgmodel.diagnostic import Severity
from orgmodel.graph import OrgGraph
from orgmodel.journeys import trace_persona
from orgmodel.loader import load_bytes
from orgmodel.schema import OrgModel

AGREEMENT = (
    '  - {id: barnevern-avtale, kind: vertskommune, name: Barnevern Storvik og Småvik, parties: ["9002", '
    '"9001"], host: "9002", units: [storvik-barnevern], services: [barnevern]}\n'
)
assert AGREEMENT in ONE_PLACE
NO_AGREEMENT = edit(ONE_PLACE, "agreements:\n" + AGREEMENT, "")
DECIDER = "{id: storvik-barnevern"


def with_agreement(**keys: str) -> str:
    """ONE_PLACE with the barnevern agreement's keys changed (a value of '' drops the key)."""
    written = {
        "kind": "vertskommune",
        "name": "Barnevern Storvik og Småvik",
        "parties": '["9002", "9001"]',
        "host": '"9002"',
        "units": "[storvik-barnevern]",
        "services": "[barnevern]",
    }
    written.update(keys)
    body = ", ".join(f"{key}: {value}" for key, value in written.items() if value)
    return edit(ONE_PLACE, AGREEMENT, "  - {id: barnevern-avtale, " + body + "}\n")


# --- F1: OM211, a unit outside the kommune decides for its inhabitants


def test_a_partner_s_view_of_a_vertskommune_agreement_passes() -> None:
    # the host's unit decides barnevern under the agreement (kommuneloven § 20-2): no finding
    assert_diagnostics(ONE_PLACE, ["vedtak-decider"], [])
    assert_diagnostics(with_agreement(units=""), ["vedtak-decider"], [])  # the host's units unnamed
    assert_diagnostics(with_agreement(kind=""), ["vedtak-decider"], [])  # a kind not stated: not judged


def test_another_kommune_s_office_deciding_without_an_agreement_is_a_warning_at_its_decides() -> None:
    diags = assert_diagnostics(
        NO_AGREEMENT, ["vedtak-decider"], [pos(NO_AGREEMENT, DECIDER, "barnevern]", "OM211")]
    )
    assert diags[0].severity is Severity.WARNING
    assert diags[0].message == (
        "'Barneverntjenesten i Storvik' (storvik-barnevern) is outside the kommune's own organisation and "
        "decides 'Barnevern' (barnevern) for the kommune's inhabitants, but no vertskommune agreement lists "
        "it: another kommune makes vedtak for them under one (kommuneloven § 20-2)"
    )
    assert diags[0].hint == (
        "add the vertskommune agreement under 'agreements:' (kind: vertskommune, 'host:' the deciding "
        "kommune's number) with 'storvik-barnevern' under 'units:' and 'barnevern' under 'services:'; else "
        "let a unit of the kommune decide it"
    )


def test_the_hint_names_the_agreement_to_complete() -> None:
    other = with_agreement(services="[legevakt]")  # the agreement names the unit, not the service
    (found,) = assert_diagnostics(other, ["vedtak-decider"], [pos(other, DECIDER, "barnevern]", "OM211")])
    assert found.hint == (
        "add 'barnevern' to 'services:' of the vertskommune agreement 'Barnevern Storvik og Småvik' "
        "(barnevern-avtale) if it gives that authority; else let a unit of the kommune decide it"
    )
    elsewhere = with_agreement(units="[legevakt-iks]")  # the agreement names the service, not the unit
    (found,) = assert_diagnostics(
        elsewhere, ["vedtak-decider"], [pos(elsewhere, DECIDER, "barnevern]", "OM211")]
    )
    assert found.hint.startswith("add 'storvik-barnevern' to 'units:' of the vertskommune agreement")


def test_a_cooperation_agreement_gives_no_authority_to_decide() -> None:
    text = with_agreement(kind="samarbeidsavtale", host="")
    (found,) = assert_diagnostics(text, ["vedtak-decider"], [pos(text, DECIDER, "barnevern]", "OM211")])
    assert found.hint == (
        "a cooperation agreement gives no authority to decide: if the cooperation agreement 'Barnevern "
        "Storvik og Småvik' (barnevern-avtale) is a vertskommune agreement, write 'kind: vertskommune' and "
        "its 'host:'; else let a unit of the kommune decide it"
    )


IKS_DECIDES = edit(
    edit(
        NO_AGREEMENT,
        "{id: legevakt-iks, name: Legevakt IKS, kind: iks, level: 1, delivers: [legevakt]}",
        "{id: legevakt-iks, name: Legevakt IKS, kind: iks, level: 1, delivers: [legevakt]}\n"
        "  - {id: iks-avd, name: Tilknytning i IKS-et, kind: avdeling, level: 2, parent: legevakt-iks, "
        "decides: [tilknytning]}",
    ),
    "services:\n",
    "services:\n  - {id: tilknytning, name: Tillatelse til tilknytning, category: vann-og-avlop, "
    "vedtak: true}\n",
)


def test_an_iks_deciding_for_the_kommune_with_no_agreement_is_reported_at_the_unit_below_it_too() -> None:
    text = IKS_DECIDES
    diags = assert_diagnostics(
        text,
        ["vedtak-decider"],
        [pos(text, DECIDER, "barnevern]", "OM211"), pos(text, "{id: iks-avd", "tilknytning]", "OM211")],
    )
    assert diags[1].message == (
        "'Tilknytning i IKS-et' (iks-avd), in an IKS outside the kommune's own organisation, decides "
        "'Tillatelse til tilknytning' (tilknytning) for the kommune's inhabitants, but no agreement lists "
        "it: nothing in this design gives the company that authority"
    )
    assert diags[1].hint == (
        "if the kommune has delegated this vedtak to the company, add its IKS agreement under 'agreements:' "
        "(kind: iks) with 'legevakt-iks' under 'units:' and 'tilknytning' under 'services:'; else let a unit "
        "of the kommune decide it"
    )
    # an IKS agreement naming the company and the vedtak is where the model states the delegation
    stated = edit(
        text,
        "personas:\n",
        "agreements:\n  - {id: va-iks, kind: iks, name: VA IKS, units: [legevakt-iks], "
        "services: [legevakt, tilknytning]}\npersonas:\n",
    )
    assert_diagnostics(stated, ["vedtak-decider"], [pos(stated, DECIDER, "barnevern]", "OM211")])


def test_a_unit_inside_the_kommune_decides_without_any_agreement() -> None:
    # the host's own model: its unit decides for its own inhabitants; an agreement says who else it serves
    inside = edit(
        NO_AGREEMENT,
        "kind: external, level: 1, decides",
        "kind: virksomhet, level: 2, parent: kommunedirektor, decides",
    )
    assert_diagnostics(inside, ["vedtak-decider"], [])


# --- F2: OM279, an IKS agreement's service its units do not deliver; trace is honest about it

IKS_AGREEMENT = (
    '  - {id: legevakt-avtale, kind: iks, name: Legevakt IKS, parties: ["9001", "9002"], '
    "units: [legevakt-iks], services: [legevakt, legetjeneste]}\n"
)
IKS_GAP = edit(ONE_PLACE, AGREEMENT, AGREEMENT + IKS_AGREEMENT)
LEGE = edit(IKS_GAP, "delivers: [legetjeneste]}", "}")  # the kommune's own legekontor delivers nothing


def journey(text: str, persona: str):  # type: ignore[no-untyped-def]
    model = OrgModel.model_validate(load_bytes("m.yaml", text.encode()).data)
    return trace_persona(model, OrgGraph(model), persona)


def test_an_iks_agreement_s_service_its_units_do_not_deliver_is_reported_at_the_service() -> None:
    text = LEGE
    (found,) = assert_diagnostics(
        text,
        ["agreement-terms", "persona-unmet-need"],
        [pos(text, "{id: legevakt-avtale", "legetjeneste]", "OM279")],
    )
    assert found.message == (
        "the IKS agreement 'Legevakt IKS' (legevakt-avtale) lists 'Fastlege' (legetjeneste), but none of the "
        "agreement's units delivers it, so it is delivered through the agreement by nobody"
    )
    assert found.hint == (
        "add it to 'delivers:' of 'Legevakt IKS' (legevakt-iks) if it provides it, or remove it from the "
        "agreement's 'services:'"
    )
    # the kommune's own legekontor delivers it: the IKS agreement names the wrong unit
    (found,) = assert_diagnostics(
        IKS_GAP, ["agreement-terms"], [pos(IKS_GAP, "{id: legevakt-avtale", "legetjeneste]", "OM279")]
    )
    assert found.hint == (
        "did you mean 'Legekontoret' (legekontor), which delivers it? List it under the agreement's 'units:'"
    )


def test_an_iks_whose_units_state_nothing_is_not_judged_and_a_partner_s_host_delivers() -> None:
    silent = edit(LEGE, "kind: iks, level: 1, delivers: [legevakt]}", "kind: iks, level: 1}")
    assert_diagnostics(silent, ["agreement-terms"], [])
    # in a partner's model the host delivers what it hosts, whatever its unit in the model says
    hosted = edit(ONE_PLACE, "services: [barnevern]}", "services: [barnevern, legetjeneste]}")
    hosted = edit(hosted, "delivers: [legetjeneste]}", "}")
    assert_diagnostics(hosted, ["agreement-terms"], [])


def test_trace_does_not_count_a_service_through_an_agreement_whose_units_do_not_deliver_it(
    tmp_path: Path,
) -> None:
    olga = journey(LEGE, "olga")
    step = olga.steps[1]
    assert (step.service, step.through_agreement, [a.id for a in step.unkept]) == (
        "legetjeneste",
        False,
        ["legevakt-avtale"],
    )
    assert olga.totals.not_delivered == ("legetjeneste",)
    model = tmp_path / "m.yaml"
    model.write_text(LEGE, encoding="utf-8")
    out = CliRunner().invoke(app, ["trace", "olga", str(model), "--no-color"]).stdout
    assert (
        "   delivered  ✗ no unit delivers it: the IKS (inter-municipal company) Legevakt IKS "
        "(legevakt-avtale) lists it, but none of its units delivers it\n" in out
    ), out
    assert "✓ through the IKS" not in out


# --- F4: OM279, a cooperation agreement's service nobody delivers

NETWORK = (
    '  - {id: fagnettverk, kind: samarbeidsavtale, name: Fagnettverk, parties: ["9001", "9002"], '
    "units: [legekontor, storvik-barnevern, legevakt-iks], services: [felles-plan]}\n"
)
COOPERATION = edit(
    edit(ONE_PLACE, AGREEMENT, AGREEMENT + NETWORK),
    "services:\n",
    "services:\n  - {id: felles-plan, name: Felles plan}\n",
)


def test_a_cooperation_agreement_s_service_nobody_delivers_is_information_at_the_service() -> None:
    (found,) = assert_diagnostics(
        COOPERATION, ["agreement-terms"], [pos(COOPERATION, "{id: fagnettverk", "felles-plan]", "OM279")]
    )
    assert found.severity is Severity.INFO
    assert found.message == (
        "who delivers 'Felles plan' (felles-plan) under the cooperation agreement 'Fagnettverk' "
        "(fagnettverk) is unknown: no unit in this design delivers it (the parties to a cooperation "
        "agreement may deliver it together)"
    )
    assert found.hint == (
        "add it to 'delivers:' of the unit that provides it and list that unit under 'units:'; while the "
        "source does not say who delivers it, leave it"
    )
    # a member that delivers it: the others take part without delivering it, no finding for them
    delivered = edit(
        COOPERATION,
        "kind: iks, level: 1, delivers: [legevakt]}",
        "kind: iks, level: 1, delivers: [legevakt, felles-plan]}",
    )
    assert_diagnostics(delivered, ["agreement-terms"], [])


# --- F11: OM223, a permit written only under 'decides:'

PERMIT = edit(
    edit(
        ONE_PLACE,
        "services:\n",
        "services:\n  - {id: byggesak, name: Byggetillatelse, category: plan-og-bygg, vedtak: true}\n",
    ),
    "{id: legekontor, name: Legekontoret,",
    "{id: plan-bygg, name: Plan og bygg, kind: virksomhet, level: 2, parent: kommunedirektor, leader: Leder, "
    "budget: true, decides: [byggesak]}\n  - {id: legekontor, name: Legekontoret,",
)


def test_a_permit_only_decided_is_unmet_and_the_hint_names_the_unit_that_grants_it() -> None:
    text = edit(PERMIT, "needs: [hjemmesykepleie, legetjeneste]}", "needs: [hjemmesykepleie, byggesak]}")
    (found,) = assert_diagnostics(
        text, ["persona-unmet-need"], [pos(text, "{id: olga", "byggesak]", "OM223")]
    )
    assert found.hint == (
        "where the vedtak is what the user gets (a permit such as a byggetillatelse, a benefit such as "
        "omsorgsstønad), add it to 'delivers:' of 'Plan og bygg' (plan-bygg), which grants it; else to "
        "'delivers:' of the unit that provides it"
    )
    # written as model-format.md says: the unit that grants the permit delivers it
    granted = edit(text, "decides: [byggesak]}", "decides: [byggesak], delivers: [byggesak]}")
    assert_diagnostics(granted, ["persona-unmet-need"], [])
