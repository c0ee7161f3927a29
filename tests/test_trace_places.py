"""Where trace says a unit works: the places the model states and those it hands down (tour K).

A unit that names no place works where its personnel leader works, as the
rules read it (OM202); trace shows that place and says where it comes from.
"""

from __future__ import annotations

import json
from pathlib import Path

from fixtures.principles.model import BASE, edit
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.graph import OrgGraph
from orgmodel.journeys import Journey, trace_persona
from orgmodel.loader import load_bytes
from orgmodel.schema import OrgModel


def journey(text: str, persona: str) -> Journey:
    model = OrgModel.model_validate(load_bytes("m.yaml", text.encode()).data)
    return trace_persona(model, OrgGraph(model), persona)


def trace(tmp_path: Path, text: str, *args: str) -> str:
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["trace", *args, str(model), "--no-color"])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


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
