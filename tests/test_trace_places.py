"""Where trace says a unit works and a persona lives: what the model states, and what it does not (tour K).

A unit that names no place works where its personnel leader works, as the
rules read it (OM202); trace shows that place and says where it comes from.
A model with no kommunedeler is one place, where every persona lives.
"""

from __future__ import annotations

import json
from pathlib import Path

from fixtures.principles.model import BASE, ONE_PLACE, edit
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.graph import OrgGraph
from orgmodel.journeys import Journey, trace_persona
from orgmodel.loader import load_bytes
from orgmodel.schema import OrgModel


def journey(text: str, persona: str) -> Journey:
    model = OrgModel.model_validate(load_bytes("m.yaml", text.encode()).data)
    return trace_persona(model, OrgGraph(model), persona)


def invoke(tmp_path: Path, text: str, *args: str) -> tuple[int, str]:
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, [*args, str(model), "--no-color"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def trace(tmp_path: Path, text: str, *args: str) -> str:
    code, out = invoke(tmp_path, text, "trace", *args)
    assert code == 0, out
    return out


# Kari's fysio from a unit right under the kommunalsjef, which names no place; the kommunalsjef
# sits at the tildelingskontor (tour K: Elvdal's bo-miljo shown at the rådhus of ks-helse)
UNDER_KS = edit(
    edit(
        BASE,
        "{id: ks-helse, name: Helse, level: 2, parent: dir-omsorg, leader: Kommunalsjef, budget: true}",
        "{id: ks-helse, name: Helse, level: 2, parent: dir-omsorg, leader: Kommunalsjef, budget: true, "
        "sites: [kontor]}",
    ),
    "budget: true, role: provider, sites: [oms-nord, oms-sor], delivers: [fysio]}",
    "budget: true, role: provider}",
).replace(
    "personas:\n",
    "  - {id: bo-fysio, name: Fysio i bolig, kind: virksomhet, level: 3, parent: ks-helse, leader: L, "
    "delivers: [fysio]}\npersonas:\n",
)

# an avdeling that names no place, under a virksomhet that names its sites (tour H)
AVDELING = edit(
    BASE,
    "role: provider, sites: [oms-nord, oms-sor], delivers: [fysio]}",
    "role: provider, sites: [oms-nord, oms-sor]}\n"
    "  - {id: avd-fysio, name: Fysio, kind: avdeling, level: 4, parent: virk-fysio, leader: L, "
    "delivers: [fysio]}",
)


def test_a_unit_that_names_no_place_is_shown_at_its_leader_s_site_and_says_so(tmp_path: Path) -> None:
    fysio = journey(UNDER_KS, "kari").steps[2]
    provider = fysio.provider
    assert provider is not None and provider.id == "bo-fysio"
    assert [s.id for s in provider.sites] == ["kontor"]
    assert provider.place_inherited_from is not None
    assert (provider.place_inherited_from.id, provider.place_inherited_from.name) == ("ks-helse", "Helse")
    out = trace(tmp_path, UNDER_KS, "kari")
    assert (
        "              at Tildelingskontoret (kontor) (where its leader Helse (ks-helse) works; the unit "
        "names no place)\n" in out
    )


def test_an_avdeling_shown_at_its_virksomhet_s_sites_says_so(tmp_path: Path) -> None:
    provider = journey(AVDELING, "kari").steps[2].provider
    assert provider is not None and [s.id for s in provider.sites] == ["oms-sor"]
    assert provider.place_inherited_from is not None and provider.place_inherited_from.id == "virk-fysio"
    out = trace(tmp_path, AVDELING, "kari")
    assert (
        "at Omsorg Sør lokaler (oms-sor) (where its leader Fysio og ergo (virk-fysio) works; the unit names "
        "no place)\n" in out
    )


def test_a_kommunedel_handed_down_without_a_site_says_whose_it_is(tmp_path: Path) -> None:
    text = edit(
        AVDELING,
        "role: provider, sites: [oms-nord, oms-sor]}",
        "role: provider, kommunedeler: [kd2]}",
    )
    provider = journey(text, "kari").steps[2].provider
    assert provider is not None and provider.sites == () and provider.kommunedeler == ("kd2",)
    assert provider.place_inherited_from is not None and provider.place_inherited_from.id == "virk-fysio"
    out = trace(tmp_path, text, "kari")
    assert (
        "in Sør (where its leader Fysio og ergo (virk-fysio) works; the unit names no place; no site "
        "given)\n" in out
    )


def test_a_unit_s_own_place_is_stated_as_it_is() -> None:
    kari = journey(BASE, "kari")
    refs = [r for s in kari.steps for r in (s.provider, *s.deciders) if r is not None]
    assert refs and all(r.place_inherited_from is None for r in refs)


def test_the_json_says_where_a_place_comes_from_beside_the_fields_it_had(tmp_path: Path) -> None:
    doc = json.loads(trace(tmp_path, UNDER_KS, "kari", "--format", "json"))
    fysio = doc["journeys"][0]["steps"][2]
    leader = {"id": "ks-helse", "name": "Helse", "leader": "Kommunalsjef"}
    assert fysio["provider"]["place_inherited_from"] == leader
    assert [s["id"] for s in fysio["provider"]["sites"]] == ["kontor"]  # the field it had, unchanged
    home = doc["journeys"][0]["steps"][0]
    assert home["provider"]["place_inherited_from"] is None


# --- a model with no kommunedeler: the whole kommune is one place (tour K finding 13)


def test_in_a_model_without_kommunedeler_a_need_the_kommune_delivers_is_met_in_the_kommune(
    tmp_path: Path,
) -> None:
    olga = journey(ONE_PLACE, "olga")
    assert olga.whole_kommune and olga.kommunedel is None
    assert [(s.service, s.availability) for s in olga.steps] == [
        ("hjemmesykepleie", "local"),
        ("legetjeneste", "local"),
    ]
    assert olga.totals.all_in_own_kommunedel and olga.totals.local_needs_met
    assert olga.totals.not_in_own_kommunedel == ()
    out = trace(tmp_path, ONE_PLACE, "olga")
    assert out.startswith("Olga, 87 (olga) · the model has no kommunedeler: the whole kommune is one place\n")
    assert out.count("no kommunedel") == 1  # said once
    assert "   delivered  ✓ in the kommune, by Hjemmetjenesten (hjemmetjeneste)\n" in out
    assert "   own kommunedel       ✓ every need is met in the kommune\n" in out
    assert "?" not in out


def test_in_a_model_without_kommunedeler_agreements_and_units_outside_are_said_as_such(
    tmp_path: Path,
) -> None:
    berg = journey(ONE_PLACE, "berg")
    assert [(s.service, s.availability, s.through_agreement) for s in berg.steps] == [
        ("barnevern", "central", True),  # the vertskommune's
        ("legetjeneste", "local", False),
        ("legevakt", "central", False),  # an IKS no agreement lists
    ]
    assert berg.totals.local_needs_met and berg.totals.not_in_own_kommunedel == ("barnevern", "legevakt")
    out = trace(tmp_path, ONE_PLACE, "berg")
    assert (
        "   delivered  ✓ through the vertskommune agreement Barnevern Storvik og Småvik (barnevern-avtale), "
        "by Barneverntjenesten i Storvik (storvik-barnevern)\n" in out
    )
    assert (
        "   delivered  · by Legevakt IKS (legevakt-iks), outside the kommune's own organisation "
        "(no agreement lists it)\n" in out
    )
    assert (
        "   own kommunedel       · no local needs\n"
        "                        · not by a unit of its own: Legevakt\n"
        "                        ✓ through the vertskommune agreement Barnevern Storvik og Småvik "
        "(barnevern-avtale): Barnevern\n" in out
    )


def test_in_a_model_without_kommunedeler_the_json_says_so() -> None:
    doc = journey(ONE_PLACE, "olga").to_dict()
    assert doc["whole_kommune"] is True and doc["kommunedel"] is None
    assert doc["totals"]["all_in_own_kommunedel"] is True
    assert journey(BASE, "kari").to_dict()["whole_kommune"] is False


def test_a_persona_that_names_no_kommunedel_where_the_model_has_them_is_still_unknown(tmp_path: Path) -> None:
    text = edit(BASE, '{id: kari, name: "Kari, 84", kommunedel: kd2,', '{id: kari, name: "Kari, 84",')
    kari = journey(text, "kari")
    assert not kari.whole_kommune and {s.availability for s in kari.steps} == {"unknown"}
    out = trace(tmp_path, text, "kari")
    assert "Kari, 84 (kari) · names no kommunedel\n" in out
    assert "   own kommunedel       ? the persona names no kommunedel\n" in out


# a local service only an IKS delivers, in a kommune of one place
IKS_ONLY = edit(
    ONE_PLACE,
    "{id: legevakt, name: Legevakt, category: helse}",
    "{id: legevakt, name: Legevakt, category: helse, local: true}",
)


def test_a_local_need_only_a_unit_outside_delivers_is_reported_by_trace_and_check_alike(
    tmp_path: Path,
) -> None:
    assert not journey(IKS_ONLY, "berg").totals.local_needs_met
    out = trace(tmp_path, IKS_ONLY, "berg")
    assert (
        "   own kommunedel       ✗ NOT all local services are met in the kommune\n"
        "                        ✗ local services delivered only outside its own organisation: Legevakt\n"
        "                        ✓ through the vertskommune agreement Barnevern Storvik og Småvik "
        "(barnevern-avtale): Barnevern" in out
    )
    code, out = invoke(tmp_path, IKS_ONLY, "check", "--isolated", "--no-cache", "--select", "OM22", "-q")
    assert code == 1 and out.count(" OM221 ") == 1, out
    assert (
        "OM221 persona-local-needs [warning] the fictional user 'Familien Berg' (berg) lives in a "
        "kommune without kommunedeler and needs the local service 'Legevakt' (legevakt), but it is "
        "delivered only by 'Legevakt IKS' (legevakt-iks), outside the kommune's own organisation, under "
        "no agreement: basic services shall be available locally" in out
    )
    # listed under an agreement: the whole kommune is party to it, met (trace and check agree)
    listed = IKS_ONLY.replace(
        "personas:",
        "  - {id: legevakt-avtale, kind: iks, name: Legevaktsamarbeidet, "
        "units: [legevakt-iks], services: [legevakt]}\npersonas:",
    )
    assert journey(listed, "berg").totals.local_needs_met
    assert "✓ through the IKS (inter-municipal company) Legevaktsamarbeidet" in trace(
        tmp_path, listed, "berg"
    )
    code, out = invoke(tmp_path, listed, "check", "--isolated", "--no-cache", "--select", "OM22", "-q")
    assert code == 0, out


def test_a_tour_k_model_without_kommunedeler_traces_and_checks_clean(tmp_path: Path) -> None:
    code, out = invoke(tmp_path, ONE_PLACE, "check", "--isolated", "--no-cache", "--select", "OM22", "-q")
    assert code == 0, out


def test_a_local_need_met_through_an_agreement_is_met_in_the_totals(tmp_path: Path) -> None:
    # Ola's library from an IKS: the step said ✓ "through the IKS", the totals "NOT all local services"
    text = edit(BASE, "sites: [kp-nord, kp-sor], delivers: [bibliotek]}", "sites: [kp-nord, kp-sor]}")
    text = edit(
        text,
        "personas:\n",
        "  - {id: bib-iks, name: Bibliotek IKS, kind: iks, level: 1, delivers: [bibliotek]}\npersonas:\n",
    )
    text += (
        "agreements:\n  - {id: bib, kind: iks, name: Biblioteket, units: [bib-iks], services: [bibliotek]}\n"
    )
    ola = journey(text, "ola")
    assert ola.steps[1].through_agreement and ola.totals.local_needs_met
    assert "   own kommunedel       · all local services are met in kommunedel 1 Nord\n" in trace(
        tmp_path, text, "ola"
    )
