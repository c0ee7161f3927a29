"""Persona journeys: the library (orgmodel.trace) and the command (orgmodel trace)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.principles.model import BASE, edit
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.graph import OrgGraph
from orgmodel.loader import load_bytes
from orgmodel.schema import OrgModel
from orgmodel.trace import Journey, PersonaNotFound, trace_all, trace_persona

BASE_PATH = str(FIXTURES / "principles" / "base.yaml")
DRAMMEN = ROOT / "models" / "drammen-2020.yaml"


def journey(text: str, persona: str) -> Journey:
    model = OrgModel.model_validate(load_bytes("m.yaml", text.encode()).data)
    return trace_persona(model, OrgGraph(model), persona)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


# --- the library


def test_each_need_has_provider_decider_site_and_leaders() -> None:
    kari = journey(BASE, "kari")
    assert kari.kommunedel is not None and (kari.kommunedel.id, kari.kommunedel.number) == ("kd2", 2)
    home = kari.steps[0]
    assert (home.service, home.availability, home.vedtak, home.local) == (
        "hjemmetjenester",
        "local",
        True,
        True,
    )
    assert home.provider is not None and home.provider.id == "virk-oms-sor"
    assert [s.id for s in home.provider.sites] == ["oms-sor", "kp-sor"]
    assert home.provider.kommunalsjef is not None and home.provider.kommunalsjef.id == "ks-hjemme"
    assert home.provider.direktor is not None and home.provider.direktor.id == "dir-omsorg"
    assert [d.id for d in home.deciders] == ["tildeling"]
    assert [s.id for s in home.deciders[0].sites] == ["kontor"]
    fysio = kari.steps[2]
    assert fysio.provider is not None and [s.id for s in fysio.provider.sites] == [
        "oms-sor"
    ]  # the one in kd2
    assert fysio.deciders == ()
    totals = kari.totals
    assert totals.units == ("virk-oms-sor", "tildeling", "virk-fysio")
    assert totals.saksbehandlere == ("tildeling",)
    assert totals.kommunalsjef_areas == ("ks-hjemme", "ks-helse")
    assert totals.direktor_areas == ("dir-omsorg",)
    assert totals.all_in_own_kommunedel and totals.local_needs_met


def test_under_direktorer_a_unit_right_in_a_direktor_area_lies_in_no_kommunalsjef_area() -> None:
    # tour G: a bydel (a direktør area with no kommunalsjef) was listed as a kommunalsjef area too
    text = edit(
        BASE,
        "{id: virk-fysio, name: Fysio og ergo, kind: virksomhet, level: 3, parent: ks-helse,",
        "{id: virk-fysio, name: Fysio og ergo, kind: virksomhet, level: 3, parent: dir-omsorg,",
    )
    totals = journey(text, "kari").totals
    assert totals.kommunalsjef_areas == ("ks-hjemme",)
    assert totals.direktor_areas == ("dir-omsorg",)


def test_central_alternatives_prefer_a_unit_already_met() -> None:
    ola = journey(BASE, "ola")
    place = ola.steps[0]
    assert place.availability == "central"
    assert place.provider is not None and place.provider.id == "virk-bhg-1"
    assert [a.id for a in place.alternatives] == ["virk-bhg-2"]
    assert not ola.totals.all_in_own_kommunedel and ola.totals.local_needs_met
    assert ola.totals.not_in_own_kommunedel == ("barnehageplass",)
    text = edit(BASE, "needs: [barnehageplass, bibliotek]", "needs: [barnehageplass, bibliotek, lek]")
    text = edit(text, "  - {id: barnehageplass,", "  - {id: lek, name: Lek}\n  - {id: barnehageplass,")
    text = edit(
        text,
        "name: Barnehager 2, kind: virksomhet, level: 3, parent: ks-bhg, leader: Virksomhetsleder, "
        "budget: true, role: provider, delivers: [barnehageplass",
        "name: Barnehager 2, kind: virksomhet, "
        "level: 3, parent: ks-bhg, leader: Virksomhetsleder, budget: true, role: provider, delivers: "
        "[lek, barnehageplass",
    )
    ola = journey(text, "ola")
    assert ola.steps[0].provider is not None and ola.steps[0].provider.id == "virk-bhg-2"  # met for 'lek'


def test_elsewhere_none_and_unknown() -> None:
    text = edit(
        BASE, "kommunedeler: [kd1, kd2], sites: [kp-nord, kp-sor]", "kommunedeler: [kd2], sites: [kp-sor]"
    )
    text = edit(text, "needs: [barnehageplass, bibliotek]", "needs: [bibliotek, ukjent]")
    text = edit(text, "  - {id: barnehageplass,", "  - {id: ukjent, name: Ukjent}\n  - {id: barnehageplass,")
    ola = journey(text, "ola")
    assert [(s.service, s.availability) for s in ola.steps] == [
        ("bibliotek", "elsewhere"),
        ("ukjent", "none"),
    ]
    assert ola.steps[1].provider is None and not ola.totals.local_needs_met
    nowhere = journey(edit(text, "    kommunedel: kd1\n", ""), "ola")
    assert nowhere.kommunedel is None
    assert [s.availability for s in nowhere.steps] == ["unknown", "none"]
    assert not nowhere.totals.all_in_own_kommunedel


def test_a_unit_under_another_candidate_folds_into_it() -> None:
    text = edit(
        BASE,
        "personas:\n",
        "  - {id: avd-sor, name: Filial Sør, level: 4, parent: virk-bibliotek, leader: L,"
        " delivers: [bibliotek]}\n"
        "personas:\n",
    )
    step = journey(text, "ola").steps[1]
    assert step.provider is not None and step.provider.id == "virk-bibliotek" and step.alternatives == ()


def test_a_need_is_met_by_the_avdeling_that_works_in_the_personas_kommunedel() -> None:
    # the virksomhet delivers bibliotek from kd2 only; its filial in kd1 (ola's) delivers it there
    text = edit(
        BASE, "kommunedeler: [kd1, kd2], sites: [kp-nord, kp-sor]", "kommunedeler: [kd2], sites: [kp-sor]"
    )
    filial = (
        "  - {id: avd-nord, name: Filial Nord, level: 4, parent: virk-bibliotek, leader: L, sites: [kp-nord]}"
    )
    filial += "\n"
    step = journey(edit(text, "personas:\n", filial + "personas:\n"), "ola").steps[1]
    assert (step.service, step.availability) == ("bibliotek", "local")
    assert step.provider is not None and step.provider.id == "avd-nord"
    assert [s.id for s in step.provider.sites] == ["kp-nord"]
    elsewhere = filial.replace("sites: [kp-nord]}", "sites: [kp-nord], delivers: [barnehageplass]}")
    step = journey(edit(text, "personas:\n", elsewhere + "personas:\n"), "ola").steps[1]
    assert (step.availability, step.provider and step.provider.id) == ("elsewhere", "virk-bibliotek")


def test_unknown_persona_suggests_the_closest() -> None:
    with pytest.raises(PersonaNotFound) as info:
        journey(BASE, "karri")
    assert info.value.suggestion == "kari" and info.value.known == ["kari", "ola"]


def test_journeys_are_plain_comparable_data() -> None:
    model = OrgModel.model_validate(load_bytes("m.yaml", BASE.encode()).data)
    graph = OrgGraph(model)
    first, second = trace_all(model, graph), trace_all(model, OrgGraph(model))
    assert first == second  # frozen dataclasses compare by value: the diff can compare journeys
    data = first[0].to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["steps"][0]["provider"]["id"] == "virk-oms-sor"


# --- the command


def test_trace_text_shows_each_need_and_the_totals() -> None:
    code, out, err = run("trace", "kari", BASE_PATH, "--no-color")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Kari, 84 (kari) · lives in kommunedel 2 Sør"
    assert "1. Hjemmetjenester (hjemmetjenester) · helse-og-omsorg · vedtak · local" in lines
    assert "   delivered  ✓ in kommunedel 2 Sør, by Omsorg Sør (virk-oms-sor)" in lines
    assert "              at Omsorg Sør lokaler (oms-sor); Sør knutepunkt (kp-sor)" in lines
    assert (
        "              under kommunalsjef area Hjemmetjenester (ks-hjemme), direktør area Omsorg (dir-omsorg)"
        in lines
    )
    assert "   decided    by Tjenestetildeling (tildeling)" in lines
    assert "   decided    - not granted by vedtak" in lines
    assert "   saksbehandlere       1 for 'helse-og-omsorg': Tjenestetildeling (tildeling)" in lines
    assert "   own kommunedel       ✓ every need is met in kommunedel 2 Sør" in lines


def test_trace_json_is_one_document() -> None:
    code, out, _ = run("trace", "ola", BASE_PATH, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert (document["tool"], document["format"], document["persona"]) == ("orgmodel", 1, "ola")
    (only,) = document["journeys"]
    assert only["path"].endswith("base.yaml")
    assert only["totals"]["units"] == ["virk-bhg-1", "ks-bhg", "virk-bibliotek"]
    assert [s["availability"] for s in only["steps"]] == ["central", "local"]


def test_unknown_persona_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run("trace", "karri", BASE_PATH)
    assert code == 2 and out == ""
    assert "no persona has the id 'karri'; did you mean 'kari'? (personas: kari, ola)" in err


def test_an_invalid_model_exits_1_with_its_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        edit(BASE, "parent: ks-bhg, leader: Virksomhetsleder", "parent: ks-bhgg, leader: Virksomhetsleder", 2)
    )
    code, out, err = run("trace", "kari", str(bad))
    assert code == 1 and out == ""
    assert "OM021" in err and "is not a valid model" in err
    assert "       = hint: did you mean 'ks-bhg'?\n" in err


def test_paths_come_from_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / ".orgmodel.yaml").write_text("paths: [models]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("trace", "ola")
    assert code == 0 and "models/m.yaml" in out
    (tmp_path / ".orgmodel.yaml").unlink()
    code, _, err = run("trace", "ola")
    assert code == 2 and "no paths given" in err
    code, _, err = run("trace", "ola", "nowhere.yaml")
    assert code == 2 and "nowhere.yaml: no such file or directory" in err


@pytest.mark.skipif(not DRAMMEN.exists(), reason="models/drammen-2020.yaml is not written yet")
def test_trace_on_the_real_model() -> None:
    model = OrgModel.model_validate(load_bytes("m.yaml", DRAMMEN.read_bytes()).data)
    assert model.personas, "the real model has personas"
    persona = model.personas[0].id
    code, out, _ = run("trace", persona, str(DRAMMEN), "--no-color")
    assert code == 0 and out.splitlines()[0].startswith(model.personas[0].name)
    assert "Totals" in out
    code, out, _ = run("trace", persona, str(DRAMMEN), "--format", "json")
    assert code == 0
    journey = json.loads(out)["journeys"][0]
    assert len(journey["steps"]) == len(dict.fromkeys(model.personas[0].needs))
    assert len(journey["totals"]["saksbehandlere"]) <= 1 or any(
        s["category"] != "helse-og-omsorg" for s in journey["steps"] if s["deciders"]
    )


FLAT = """\
orgmodel: 1
kommune: Fjellvik
kommunedeler:
  - {id: kd1, number: 1, name: Indre}
services:
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true, local: true}
units:
  - {id: radmann, name: Rådmannen, level: 1, leader: Rådmann, staff: 2,
     budget: true}
  - {id: ks-helse, name: Helse og omsorg, level: 2, parent: radmann, leader: Kommunalsjef, staff: 2,
     budget: true}
  - {id: hjemme, name: Hjemmetjenesten, kind: virksomhet, level: 3, parent: ks-helse, leader: Leder,
     staff: 20, budget: true, kommunedeler: [kd1], delivers: [hjemmesykepleie], decides: [hjemmesykepleie]}
personas:
  - {id: ola, name: Ola, kommunedel: kd1, needs: [hjemmesykepleie]}
"""


def test_an_area_right_under_the_top_is_named_once_not_as_a_direktor_area(tmp_path: Path) -> None:
    # rådmann -> kommunalsjef, no direktør level: ks-helse is the kommunalsjef area and the unit right
    # under the top, so it is one area, not also a "direktør area"
    model = tmp_path / "fjellvik.yaml"
    model.write_text(FLAT, encoding="utf-8")
    code, out, _err = run("trace", "ola", str(model))
    assert code == 0
    assert "under the area Helse og omsorg (ks-helse)\n" in out
    assert "direktør" not in out and "kommunalsjef area" not in out
    assert "   areas under the top  1: Helse og omsorg (ks-helse)\n" in out


def test_a_unit_deciding_only_for_another_kommunedel_is_not_the_personas_saksbehandler(
    tmp_path: Path,
) -> None:
    # as persona-saksbehandler (OM220) reads it: hjemme-sor decides praktisk bistand for kd2 only
    text = FLAT.replace(
        "  - {id: kd1, number: 1, name: Indre}\n",
        "  - {id: kd1, number: 1, name: Indre}\n  - {id: kd2, number: 2, name: Ytre}\n",
    ).replace(
        "services:\n",
        "services:\n  - {id: bistand, name: Praktisk bistand, category: helse-og-omsorg, vedtak: true}\n",
    )
    text = text.replace("needs: [hjemmesykepleie]", "needs: [hjemmesykepleie, bistand]")
    units_end = text.index("personas:")
    text = (
        text[:units_end]
        + "  - {id: hjemme-sor, name: Hjemme Sør, kind: virksomhet, level: 3, parent: ks-helse, leader: L,\n"
        + "     staff: 20, budget: true, kommunedeler: [kd2], delivers: [bistand], decides: [bistand]}\n"
        + text[units_end:]
    )
    model = tmp_path / "fjellvik.yaml"
    model.write_text(text, encoding="utf-8")
    ola = journey(text, "ola")
    (_home, help_at_home) = ola.steps
    assert help_at_home.deciders == () and help_at_home.deciders_elsewhere == ("hjemme-sor",)
    assert ola.totals.saksbehandlere == ("hjemme",)
    code, out, _err = run("trace", "ola", str(model))
    assert code == 0
    assert "✗ no unit decides it here: hjemme-sor decides it only for other kommunedeler\n" in out


def test_a_need_delivered_through_an_agreement_is_delivered_as_check_reads_it(tmp_path: Path) -> None:
    # KAD from the vertskommune (seed 002): no unit of the model delivers it, an agreement does;
    # persona-unmet-need (OM223) finds nothing, so the trace does not say "no unit delivers it"
    text = FLAT.replace(
        "services:\n",
        "services:\n  - {id: kad, name: KAD, category: helse-og-omsorg, vedtak: true}\n",
    ).replace("needs: [hjemmesykepleie]", "needs: [hjemmesykepleie, kad]")
    text += (
        "agreements:\n  - {id: kad-avtale, kind: vertskommune, name: KAD i vertskommunen, services: [kad]}\n"
    )
    model = tmp_path / "fjellvik.yaml"
    model.write_text(text, encoding="utf-8")
    code, out, _err = run("trace", "ola", str(model))
    assert code == 0, out
    assert "   delivered  ✓ through the vertskommune agreement KAD i vertskommunen (kad-avtale)\n" in out
    assert "no unit delivers it" not in out
    code, out, _err = run("trace", "ola", str(model), "--format", "json")
    step = json.loads(out)["journeys"][0]["steps"][1]
    assert (step["availability"], step["agreements"]) == (
        "none",
        [{"id": "kad-avtale", "name": "KAD i vertskommunen", "kind": "vertskommune"}],
    )
    code, out, _err = run("--lang", "nb", "trace", "ola", str(model))
    assert "✓ gjennom vertskommuneavtalen KAD i vertskommunen (kad-avtale)\n" in out


def test_kommunedeler_and_needs_are_named_by_their_names_not_ids(tmp_path: Path) -> None:
    text = FLAT.replace("  - {id: kd1, number: 1, name: Indre}\n", "  - {id: kd1, name: Indre Fjellvik}\n")
    text = text.replace(
        "local: true}", "local: true}\n  - {id: bistand, name: Praktisk bistand, local: true}"
    )
    text = text.replace(
        "kommunedel: kd1, needs: [hjemmesykepleie]", "kommunedel: kd2, needs: [hjemmesykepleie, bistand]"
    )
    text = text.replace("kommunedeler:\n", "kommunedeler:\n  - {id: kd2, name: Ytre Fjellvik}\n")
    model = tmp_path / "fjellvik.yaml"
    model.write_text(text, encoding="utf-8")
    code, out, _err = run("trace", "ola", str(model))
    assert code == 0
    assert "              in Indre Fjellvik (no site given)\n" in out, out
    # the local need delivered elsewhere apart from the need nobody delivers (tour M, finding 3), each
    # on a line of its own (tour P, F10)
    assert (
        "kommunedel Ytre Fjellvik (kd2)\n"
        "                        ✗ local services not met there: Hjemmesykepleie\n"
        "                        ✗ not delivered by any unit: Praktisk bistand\n" in out
    ), out


DISTRICTS = (
    FLAT.replace(
        "  - {id: kd1, number: 1, name: Indre}\n",
        "  - {id: kd1, number: 1, name: Indre}\n  - {id: kd2, number: 2, name: Ytre}\n",
    )
    .replace("decides: [hjemmesykepleie]}", "}")
    .replace(
        "personas:\n",
        "  - {id: kontor-indre, name: Tildeling Indre, kind: virksomhet, level: 3, parent: ks-helse,\n"
        "     leader: L, staff: 6, budget: true, kommunedeler: [kd1], decides: [hjemmesykepleie]}\n"
        "  - {id: kontor-ytre, name: Tildeling Ytre, kind: virksomhet, level: 3, parent: ks-helse,\n"
        "     leader: L, staff: 5, budget: true, kommunedeler: [kd2], decides: [hjemmesykepleie]}\n"
        "personas:\n  - {id: nn, name: NN, needs: [hjemmesykepleie]}\n",
    )
)


def test_a_persona_without_a_kommunedel_meets_one_of_the_district_offices(tmp_path: Path) -> None:
    # as OM220 reads it: two offices each deciding for their own kommunedel are one saksbehandler
    # to a user whose kommunedel is not known, not two (the rules, trace, stats and diff agree)
    nn = journey(DISTRICTS, "nn")
    (step,) = nn.steps
    assert [r.id for r in step.deciders] == ["kontor-indre"]
    assert [r.id for r in step.decider_alternatives] == ["kontor-ytre"]
    assert step.deciders_elsewhere == ()
    assert nn.totals.saksbehandlere == ("kontor-indre",)
    assert nn.totals.units == ("hjemme", "kontor-indre")
    model = tmp_path / "fjellvik.yaml"
    model.write_text(DISTRICTS, encoding="utf-8")
    code, out, _err = run("trace", "nn", str(model))
    assert code == 0
    assert "decided    ? by Tildeling Indre (kontor-indre) (the persona names no kommunedel)\n" in out
    assert "              or Tildeling Ytre (kontor-ytre)\n" in out
    assert "   saksbehandlere       1 for 'helse-og-omsorg': Tildeling Indre (kontor-indre)\n" in out


def test_overlapping_offices_are_both_met_by_a_persona_without_a_kommunedel() -> None:
    # an office that lists no kommunedeler decides everywhere: beside a district office, two
    text = DISTRICTS.replace("kommunedeler: [kd2], decides", "decides")
    (step,) = journey(text, "nn").steps
    assert [r.id for r in step.deciders] == ["kontor-indre", "kontor-ytre"]
    assert step.decider_alternatives == ()


def test_the_district_office_taken_is_one_the_persona_already_meets() -> None:
    text = DISTRICTS.replace(
        "services:\n",
        "services:\n  - {id: bistand, name: Praktisk bistand, category: helse-og-omsorg, vedtak: true}\n",
    ).replace(
        "kommunedeler: [kd2], decides: [hjemmesykepleie]",
        "kommunedeler: [kd2], decides: [hjemmesykepleie, bistand]",
    )
    text = text.replace("needs: [hjemmesykepleie]}\n", "needs: [bistand, hjemmesykepleie]}\n")
    nn = journey(text, "nn")
    assert [[r.id for r in s.deciders] for s in nn.steps] == [["kontor-ytre"], ["kontor-ytre"]]
    assert nn.totals.saksbehandlere == ("kontor-ytre",)


def test_stats_counts_the_district_office_as_one_saksbehandler_and_check_agrees(tmp_path: Path) -> None:
    model = tmp_path / "fjellvik.yaml"
    model.write_text(DISTRICTS, encoding="utf-8")
    code, out, _err = run("stats", "--format", "json", str(model))
    assert code == 0
    (persona,) = [p for p in json.loads(out)["stats"]["personas"] if p["id"] == "nn"]
    assert (persona["saksbehandlere"], persona["contacts"]) == (["kontor-indre"], ["hjemme", "kontor-indre"])
    code, out, _err = run("check", "--no-cache", "--select", "OM220", str(model))
    assert code == 0, out


SCHOOLS = """\
orgmodel: 1
kommune: Fjellvik
kommunedeler:
  - {id: kd2, number: 2, name: Ytre}
services:
  - {id: grunnskole, name: Grunnskole, category: oppvekst, local: true}
  - {id: spesialundervisning, name: Spesialundervisning, category: oppvekst, vedtak: true}
units:
  - {id: dir, name: Oppvekst, level: 1, leader: Direktør, budget: true, staff: 1}
  - {id: ks, name: Grunnskole, level: 2, parent: dir, leader: Kommunalsjef, budget: true, staff: 1}
  - {id: skole-a, name: Skole A, kind: virksomhet, level: 3, parent: ks, leader: Rektor, staff: 40,
     budget: true, kommunedeler: [kd2], delivers: [grunnskole, spesialundervisning],
     decides: [spesialundervisning]}
  - {id: skole-b, name: Skole B, kind: virksomhet, level: 3, parent: ks, leader: Rektor, staff: 25,
     budget: true, kommunedeler: [kd2], delivers: [spesialundervisning, grunnskole],
     decides: [spesialundervisning]}
personas:
  - {id: jonas, name: Jonas, kommunedel: kd2, needs: [grunnskole, spesialundervisning]}
"""


def test_units_that_each_decide_what_they_deliver_decide_for_those_they_serve(tmp_path: Path) -> None:
    # two schools that each decide spesialundervisning for their own pupils: Jonas meets his
    # school's rektor, one saksbehandler (trace and stats said two, while OM220 said one)
    jonas = journey(SCHOOLS, "jonas")
    _school, special = jonas.steps
    assert special.provider is not None and special.provider.id == "skole-a"
    assert [r.id for r in special.deciders] == ["skole-a"]
    assert [r.id for r in special.decider_alternatives] == ["skole-b"]
    assert (jonas.totals.units, jonas.totals.saksbehandlere) == (("skole-a",), ("skole-a",))
    model = tmp_path / "fjellvik.yaml"
    model.write_text(SCHOOLS, encoding="utf-8")
    code, out, _err = run("trace", "jonas", str(model))
    assert code == 0
    assert (
        "   decided    by Skole A (skole-a), which delivers it to the persona (each decides for those it "
        "serves)\n" in out
    )
    # spesialundervisning is no helse-og-omsorg vedtak (OM220's category): decided, apart; Jonas needs
    # nothing in that category, so he has no saksbehandlere to count there (tour P, F10)
    assert "   other vedtak         1: Skole A (skole-a)\n" in out and "saksbehandlere" not in out
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules:\n  persona-saksbehandler: {categories: [oppvekst]}\n")
    code, out, _err = run("check", "--no-cache", "--ruleset", str(ruleset), "--select", "OM220", str(model))
    assert code == 0, out


def test_a_decider_that_does_not_deliver_beside_one_that_does_is_a_second_saksbehandler() -> None:
    # a tildelingskontor beside a school that also decides: that is two, as OM210 says
    text = SCHOOLS.replace(
        "personas:\n",
        "  - {id: ppt-kontor, name: Vedtakskontor, kind: virksomhet, level: 3, parent: ks, leader: L,\n"
        "     staff: 5, budget: true, decides: [spesialundervisning]}\npersonas:\n",
    )
    (_school, special) = journey(text, "jonas").steps
    assert [r.id for r in special.deciders] == ["skole-a", "skole-b", "ppt-kontor"]
    assert special.decider_alternatives == ()


def test_a_service_that_is_not_local_delivered_in_another_kommunedel_is_no_fault(tmp_path: Path) -> None:
    # a Nordre Follo planner's one short-term ward for the whole kommune was a red ✗ "not in kommunedel"
    text = Path(BASE_PATH).read_text(encoding="utf-8")
    sor = "kommunedeler: [kd2], sites: [oms-sor, kp-sor], delivers: [hjemmetjenester, dagsenter]}"
    assert sor in text
    model = tmp_path / "m.yaml"
    model.write_text(text.replace(sor, sor.replace(", dagsenter]", "]")), encoding="utf-8")
    code, out, err = run("trace", "kari", str(model), "--no-color")
    assert code == 0, err
    assert (
        "   delivered  · in another kommunedel, by Omsorg Nord (virk-oms-nord) (not a local service)" in out
    )
    local = text.replace(sor, sor.replace("delivers: [hjemmetjenester, dagsenter]", "delivers: [dagsenter]"))
    model.write_text(local, encoding="utf-8")
    out = run("trace", "kari", str(model), "--no-color")[1]
    assert "   delivered  ✗ not in kommunedel 2 Sør: by" in out  # a local service elsewhere still is


def test_a_service_an_iks_delivers_under_an_agreement_is_met_through_it(tmp_path: Path) -> None:
    # a small kommune's PPT from an IKS: 'centrally' and 'not met there', and the agreement unnamed
    model = tmp_path / "m.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: K\nkommunedeler: [{id: kd1, number: 1, name: Nord}]\n"
        "services: [{id: ppt, name: PPT}]\n"
        "units:\n"
        "  - {id: kd, name: Kommunedirektøren, level: 1, leader: K}\n"
        "  - {id: ppt-iks, name: PPT IKS, kind: iks, level: 1, delivers: [ppt]}\n"
        "agreements:\n"
        "  - {id: ppt-avtale, name: PPT-samarbeidet, kind: iks, units: [ppt-iks], services: [ppt]}\n"
        "personas: [{id: ola, name: Ola, kommunedel: kd1, needs: [ppt]}]\n",
        encoding="utf-8",
    )
    code, out, err = run("trace", "ola", str(model), "--no-color")
    assert code == 0, err
    assert (
        "   delivered  ✓ through the IKS (inter-municipal company) PPT-samarbeidet (ppt-avtale), by PPT IKS"
        in out
    )
    assert "met elsewhere or centrally: PPT" in out


def test_the_kommune_s_own_unit_delivers_a_service_its_agreement_lists_as_any_unit_does() -> None:
    # tour H: a vertskommune's own resident was served "through the vertskommune agreement" by the
    # host's own barneverntjeneste; the agreement is how the partner's residents are served
    text = edit(
        BASE,
        "role: provider, sites: [oms-nord, oms-sor], delivers: [fysio]}",
        "role: provider, sites: [oms-nord], delivers: [fysio]}",
    )
    text += "agreements:\n  - {id: vk, kind: vertskommune, name: Fysio for nabokommunen, services: [fysio]}\n"
    fysio = journey(text, "kari").steps[2]
    assert fysio.availability == "elsewhere" and [a.id for a in fysio.agreements] == ["vk"]
    from orgmodel.formatters.journey_words import TERMINAL, availability

    mark, _style, words = availability(fysio, "kommunedel 2 Sør", TERMINAL)
    assert (mark, words) == (
        "·",
        "in another kommunedel, by Fysio og ergo (virk-fysio) (not a local service)",
    )


def test_an_avdeling_that_names_no_place_is_shown_at_its_virksomhet_s_site() -> None:
    # tour H: "(no site given)" for an avdeling whose virksomhet names its sites
    text = edit(
        BASE,
        "role: provider, sites: [oms-nord, oms-sor], delivers: [fysio]}",
        "role: provider, sites: [oms-nord, oms-sor]}\n"
        "  - {id: avd-fysio, name: Fysio, kind: avdeling, level: 4, parent: virk-fysio, leader: L, "
        "delivers: [fysio]}",
    )
    fysio = journey(text, "kari").steps[2]
    assert fysio.provider is not None and fysio.provider.id == "avd-fysio"
    assert [s.id for s in fysio.provider.sites] == ["oms-sor"]  # the one in Kari's kommunedel


def test_a_need_a_vertskommune_grants_is_decided_by_the_host(tmp_path: Path) -> None:
    # tour I: "decided ✗ no unit decides it" in a partner's model, where the host makes the vedtak
    text = FLAT.replace(
        "services:\n",
        "services:\n  - {id: kad, name: KAD, category: helse-og-omsorg, vedtak: true}\n",
    ).replace("needs: [hjemmesykepleie]", "needs: [hjemmesykepleie, kad]")
    text += (
        "agreements:\n  - {id: kad-avtale, kind: vertskommune, name: KAD i vertskommunen, "
        "parties: ['3005', '3025'], host: '3005', services: [kad]}\n"
    )
    model = tmp_path / "fjellvik.yaml"
    model.write_text(text, encoding="utf-8")
    step = journey(text, "ola").steps[1]
    assert step.deciders == () and [a.id for a in step.decided_by_host] == ["kad-avtale"]
    code, out, _err = run("trace", "ola", str(model))
    assert code == 0, out
    assert (
        "   decided    ✓ by the host of the vertskommune agreement KAD i vertskommunen (kad-avtale)\n" in out
    )
    code, out, _err = run("--lang", "nb", "trace", "ola", str(model))
    assert "✓ av vertskommunen etter vertskommuneavtalen KAD i vertskommunen (kad-avtale)\n" in out
    # an agreement without a host (an IKS the kommune owns with others) leaves the vedtak to the model
    hostless = text.replace(", host: '3005'", "")
    assert journey(hostless, "ola").steps[1].decided_by_host == ()


def test_the_forums_name_the_units_the_persona_meets() -> None:
    # tour I: 'bhg-sorli, barnevern' were ids where a reader needs the units' names
    code, out, _err = run("trace", "kari", str(FIXTURES / "vocab" / "base.yaml"))
    assert code == 0
    assert (
        "    Ledergruppe helse og omsorg (lg-helse), ledergruppe, 2 times a month: "
        "Tildeling (virk-tildeling); Hjemmetjenester (virk-hjemme)\n"
    ) in out


def test_a_forum_that_meets_as_needed_says_so_in_trace_and_report(tmp_path: Path) -> None:
    text = (FIXTURES / "vocab" / "base.yaml").read_text(encoding="utf-8")
    text = text.replace("frequency: {times: 1, per: week}, mandate: Fagutvikling", "frequency: as-needed")
    model = tmp_path / "base.yaml"
    model.write_text(text, encoding="utf-8")
    code, out, _err = run("trace", "kari", str(model))
    assert code == 0
    assert "    Faglig nettverk demens (nettverk-demens), nettverk, as needed: Hjemmetjenester" in out
    code, out, _err = run("report", str(model), "-o", str(tmp_path / "r.html"))
    assert code == 0, out
    assert "<td>as needed</td>" in (tmp_path / "r.html").read_text(encoding="utf-8")
