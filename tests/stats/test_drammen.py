"""orgmodel stats on the adopted Drammen model, against counts taken by hand from the YAML.

Every number below was counted in models/drammen-2020.yaml with the command
in its comment (``U`` is the units section:
``sed -n '/^units:/,/^personas:/p' models/drammen-2020.yaml``).
"""

from __future__ import annotations

import pytest

import orgmodel
from conftest import ROOT
from orgmodel.stats.result import ModelStats

DRAMMEN = ROOT / "models" / "drammen-2020.yaml"


@pytest.fixture(scope="module")
def drammen() -> ModelStats:
    return orgmodel.model_stats(DRAMMEN, ruleset="drammen-2020")


def test_units_and_units_per_level(drammen: ModelStats) -> None:
    # $U | grep -cE '^  - (\{id:|id:)'  -> 154 units (the 11 digital agents are positions, p. 70)
    assert drammen.units == 154
    # $U | grep -cE 'level: N[,}]|^    level: N$' for N = 1..4 -> 9, 20, 84, 41
    assert [(g.key, g.units) for g in drammen.levels] == [("1", 9), ("2", 20), ("3", 84), ("4", 41)]
    # the file's header: "No staff numbers are given anywhere", so `staff:` is omitted on every unit
    assert drammen.staff_missing == 154
    assert [g.people for g in drammen.levels] == [9, 20, 84, 41]  # the leaders only, each row says so
    assert all(g.staff_missing == g.units for g in drammen.levels)
    assert drammen.outside == 0


def test_the_virksomheter_under_skole(drammen: ModelStats) -> None:
    # $U | grep 'parent: ks-skole' | grep -c 'kind: virksomhet'  -> 33 (and 33 units in all)
    by_level = {g.key: g for g in drammen.spans.by_level}
    assert by_level["2"].units_led.max == 33  # ks-skole leads the most units of any kommunalsjef
    assert drammen.spans.by_role[1].key == "leaders_of_leaders"
    assert drammen.spans.by_role[1].units_led.max == 33
    # the one leader in the 17+ bucket of units led is ks-skole
    assert [(b.label, b.units_led) for b in drammen.spans.buckets if b.label == "17+"] == [("17+", 1)]


def test_the_top_team_and_the_direktor_areas(drammen: ModelStats) -> None:
    # $U | grep -c 'parent: radmann'  -> 8 direktører under the rådmann
    assert drammen.spans.by_role[0].key == "top"
    assert (drammen.spans.by_role[0].units_led.min, drammen.spans.by_role[0].units_led.max) == (8, 8)
    assert [g.key for g in drammen.direktor_areas] == [
        "(top)",
        "dir-omsorg",
        "dir-utdanning",
        "dir-arbeid",
        "dir-folkehelse",
        "dir-kultur",
        "dir-styring",
        "dir-administrasjon",
        "dir-utvikling",
    ]
    assert sum(g.units for g in drammen.direktor_areas) == 154


def test_units_per_kommunedel(drammen: ModelStats) -> None:
    # kd5 (Konnerud): $U | grep -nE 'kd5|kp-konnerud|oms-kd5' -> 11 units name kd5 or a kd5 site
    # (virk-oms-konnerud; virk-apent-hus, stab-lokaldemokrati, virk-bibliotek, virk-kulturskole,
    # virk-arena, virk-arrangementer; virk-medisinskfaglig, avd-leger-utdanning,
    # virk-aktivitet-rehab, avd-fysio-ergo), and 5 avdelinger placed nowhere work where their
    # leader does: $U | grep -E 'parent: (virk-medisinskfaglig|virk-aktivitet-rehab|
    # virk-kulturskole|virk-arena)' without sites -> avd-samfunnsmedisin, avd-hjelpemidler,
    # avd-kulturskolen, avd-apne-kulturtilbud, avd-arena-drift. 11 + 5 = 16.
    rows = {g.key: g for g in drammen.kommunedeler}
    assert rows["kd5"].units == 16
    # kd8 (Bragernes/Øren) has two care virksomheter (p. 26) and the Nattjenesten under one: 18
    assert rows["kd8"].units == 18
    assert list(rows) == [f"kd{n}" for n in range(1, 11)] + ["central"]


def test_hubs_and_their_co_located_units(drammen: ModelStats) -> None:
    # grep -c 'kind: knutepunkt' (sites) -> 10; $U | grep -c 'sites: \[kp-mjondalen' -> 4 units
    # name every knutepunkt: virk-bibliotek, virk-kulturskole, virk-arena, virk-arrangementer
    # (Åpent hus names no hub: "neppe 10 «åpne hus»", report p. 46)
    assert len(drammen.hubs) == 10
    assert drammen.without_hub == ()
    assert [h.kommunedel for h in drammen.hubs] == [f"kd{n}" for n in range(1, 11)]
    assert all(
        [u.id for u in hub.units]
        == ["virk-bibliotek", "virk-kulturskole", "virk-arena", "virk-arrangementer"]
        for hub in drammen.hubs
    )


def test_coverage_of_the_local_services(drammen: ModelStats) -> None:
    # sed -n '/^services:/,/^units:/p' | grep -cE '^    local: true|local: true[,}]' -> 4; 10 kommunedeler
    assert len(drammen.coverage.services) == 4
    assert len(drammen.coverage.cells) == 40
    cell = next(c for c in drammen.coverage.cells if (c.kommunedel, c.service) == ("kd8", "hjemmetjenester"))
    # kd8: virk-oms-bragernes and virk-oms-oren (`kommunedeler: [kd8]` on both)
    assert (cell.availability, cell.units) == ("local", ("virk-oms-bragernes", "virk-oms-oren"))


def test_personas_meet_one_saksbehandler_for_care(drammen: ModelStats) -> None:
    # the six `personas:`; kari's four needs: hjemmetjenester (virk-oms-konnerud), dagsenter (the
    # same), fysio-ergo-voksne and hjelpemidler (virk-aktivitet-rehab), all vedtak decided by
    # virk-tildeling (`decides:` on it)
    personas = {p.id: p for p in drammen.personas}
    assert list(personas) == ["kari", "per", "emil", "jonas", "familien-haddad", "lise"]
    assert personas["kari"].contacts == ("virk-oms-konnerud", "virk-tildeling", "virk-aktivitet-rehab")
    assert personas["kari"].saksbehandlere == ("virk-tildeling",)
    assert personas["lise"].saksbehandlere == ()


def test_graph_measures(drammen: ModelStats) -> None:
    # levels 1 to 4 under the rådmann, who is at level 1 with the direktører: 4 personnel lines deep
    # (radmann -> dir-omsorg -> ks-hjemmetjenester -> virk-oms-bragernes -> avd-nattjenesten)
    assert drammen.graph.depth == 4
    assert drammen.graph.components == 1
    # $U | grep -o 'functional: \[[^]]*\]' -> 4 lines (the digital agents' lines to dir-utvikling are
    # their positions' professional_to, not lines between units)
    assert drammen.graph.professional_lines == 4
    assert drammen.graph.unreachable == 0


def test_no_leader_is_outside_the_span_limits_of_the_adopted_design(drammen: ModelStats) -> None:
    # no staff is stated, so only the unit leaders count; 33 is within warn_above 35 (OM120's docs)
    assert drammen.spans.outside_limits == ()
    assert drammen.spans.span_unknown == 154
