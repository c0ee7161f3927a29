"""OM202 in a kommune with one kommunedel ("Hele kommunen"): every unit inside the kommune serves it.

Tour K, item 12: Tindvik (about 3,000 inhabitants) named one kommunedel, its sites none, and its two
local services got OM202 errors, "not delivered in kommunedel 1 Hele kommunen". With several
kommunedeler nothing changes: a unit placed nowhere is central there.
"""

from __future__ import annotations

import yaml
from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml
from orgmodel.graph import OrgGraph
from orgmodel.schema import OrgModel
from orgmodel.trace import trace_persona

ONE = """\
orgmodel: 1
kommune: Tindvik
kommunedeler:
  - {id: hele, number: 1, name: Hele kommunen}
sites:
  - {id: helsetunet, name: Tindvik helsetun}
services:
  - {id: hjemmesykepleie, name: Hjemmesykepleie, vedtak: true, local: true}
  - {id: grunnskole, name: Grunnskole, local: true}
units:
  - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør}
  - {id: helse-omsorg, name: Helse og omsorg, level: 2, parent: kd, leader: Leder, decides: [hjemmesykepleie]}
  - id: hjemmetjeneste
    name: Hjemmetjenesten
    level: 3
    parent: helse-omsorg
    leader: Leder
    sites: [helsetunet]           # a site that names no kommunedel
    delivers: [hjemmesykepleie]
  - {id: skole, name: Tindvik skole, level: 2, parent: kd, leader: Rektor, delivers: [grunnskole]}
personas:
  - {id: olga, name: "Olga, 87", kommunedel: hele, needs: [hjemmesykepleie]}
"""
TWO = edit(
    ONE,
    "  - {id: hele, number: 1, name: Hele kommunen}\n",
    "  - {id: nord, number: 1, name: Nord}\n  - {id: sor, number: 2, name: Sør}\n",
)
TWO = edit(TWO, "kommunedel: hele,", "kommunedel: nord,")
RULES = ["local-service", "persona-local-needs"]


def graph_of(text: str) -> OrgGraph:
    return OrgGraph(OrgModel.model_validate(yaml.safe_load(text)))


def test_with_one_kommunedel_a_unit_placed_nowhere_serves_it() -> None:
    assert_diagnostics(ONE, RULES, [])
    graph = graph_of(ONE)
    assert {uid: set(places) for uid, places in graph.places.items()} == {
        "kd": {"hele"},
        "helse-omsorg": {"hele"},
        "hjemmetjeneste": {"hele"},
        "skole": {"hele"},
    }


def test_with_two_kommunedeler_a_unit_placed_nowhere_is_central_as_before() -> None:
    diags = assert_diagnostics(
        TWO,
        ["local-service"],
        [
            pos(TWO, "{id: hjemmesykepleie,", "true}", "OM202"),
            pos(TWO, "{id: grunnskole,", "true}", "OM202"),
        ],
    )
    assert "not delivered in kommunedel 1 Nord (nord) and kommunedel 2 Sør (sor)" in diags[0].message
    assert not any(graph_of(TWO).places.values())


def test_with_one_kommunedel_an_iks_outside_the_kommune_is_placed_nowhere() -> None:
    # an IKS is not the kommune's own organisation: what it delivers is local only by an agreement
    text = edit(ONE, "delivers: [grunnskole]}", "}")
    text = edit(
        text,
        "personas:\n",
        "  - {id: skole-iks, name: Skole IKS, kind: iks, level: 1, delivers: [grunnskole]}\npersonas:\n",
    )
    diags = assert_diagnostics(text, ["local-service"], [pos(text, "{id: grunnskole,", "true}", "OM202")])
    assert "(grunnskole) is not delivered in kommunedel 1 Hele kommunen (hele)" in diags[0].message
    agreed = text + "agreements:\n  - {id: a, kind: iks, name: Skole IKS, services: [grunnskole]}\n"
    assert_diagnostics(agreed, ["local-service"], [])


def test_with_one_kommunedel_a_unit_cut_off_by_a_circle_works_nowhere_known() -> None:
    text = edit(ONE, "parent: kd, leader: Rektor", "parent: avd-b, leader: Rektor")
    text = edit(
        text, "personas:\n", "  - {id: avd-b, name: B, level: 3, parent: skole, leader: L}\npersonas:\n"
    )
    assert_diagnostics(text, ["local-service"], [])  # not judged: OM102's finding
    assert [d.code for d in check_yaml(text, ["personnel-cycle"]).diagnostics] == ["OM102"]
    assert not graph_of(text).places["skole"]


def test_with_one_kommunedel_trace_finds_the_service_in_the_personas_kommunedel() -> None:
    # the same notion of where a unit serves: 'delivered ✓ in kommunedel 1 Hele kommunen', not
    # 'centrally (a unit placed in no kommunedel)' and 'NOT all local services are met'
    model = OrgModel.model_validate(yaml.safe_load(ONE))
    olga = trace_persona(model, OrgGraph(model), "olga")
    assert [(s.service, s.availability) for s in olga.steps] == [("hjemmesykepleie", "local")]
    assert olga.totals.local_needs_met


def test_one_kommunedel_numbered_other_than_1_is_an_excerpt_and_placed_units_only_count() -> None:
    # 'kommunedel 5 Konnerud' alone (the rule pages' examples) is one of several: central stays central
    text = edit(ONE, "{id: hele, number: 1, name: Hele kommunen}", "{id: hele, number: 5, name: Konnerud}")
    diags = assert_diagnostics(
        text,
        ["local-service"],
        [
            pos(text, "{id: hjemmesykepleie,", "true}", "OM202"),
            pos(text, "{id: grunnskole,", "true}", "OM202"),
        ],
    )
    assert "not delivered in kommunedel 5 Konnerud (hele)" in diags[0].message
    unnumbered = edit(ONE, "{id: hele, number: 1, name: Hele kommunen}", "{id: hele, name: Hele kommunen}")
    assert_diagnostics(unnumbered, RULES, [])
