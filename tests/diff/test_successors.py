"""A removed unit whose work continues in a new unit: a successor (or a merger), and no false pairs."""

from __future__ import annotations

from typing import Any

from orgmodel.diff.matching import match_units
from orgmodel.graph import OrgGraph
from orgmodel.i18n import set_language

from .helpers import base_units, ids, org, run, unit

_IDS = ("a", "b", "c", "d", "e", "f", "g", "x", "y", "z")
SERVICES = [{"id": s, "name": f"Tjeneste {s.upper()}", "vedtak": True} for s in _IDS]


def _office(uid: str, name: str, decides: list[str], parent: str = "ks-a", **fields: Any) -> dict[str, Any]:
    fields.setdefault("staff", 9)
    return unit(uid, parent, 3, name=name, kind="virksomhet", decides=decides, **fields)


# Tour M: 'Tildelingskontoret' became 'Tjenestekontoret og koordinerende enhet' under the same
# kommunalsjef, deciding all seven of its services and three more, with more staff and a new leader.
OLD = [*base_units(), _office("tildeling", "Tildelingskontoret", list("abcdefg"))]
NEW = [
    *base_units(),
    _office("tjenestekontor", "Tjenestekontoret og koordinerende enhet", [*"abcdefg", *"xyz"], staff=16),
]


def _match(old: list, new: list):  # type: ignore[no-untyped-def]
    return match_units(OrgGraph(org(old, services=SERVICES)), OrgGraph(org(new, services=SERVICES)))


def test_a_new_unit_taking_over_all_the_vedtak_is_the_removed_units_successor() -> None:
    m = _match(OLD, NEW)
    assert m.renamed == [("tildeling", "tjenestekontor")]
    assert m.successors == {"tildeling": "tjenestekontor"}
    assert m.removed == [] and m.added == []


def test_a_successor_reads_as_becoming_it_and_nobody_gets_a_new_personnel_line() -> None:
    result = run(OLD, NEW, services=SERVICES)
    assert "unit-removed:tildeling" not in ids(result) and "unit-added:tjenestekontor" not in ids(result)
    change = next(c for c in result.changes if c.id == "unit-renamed:tildeling->tjenestekontor")
    assert change.message == (
        "'Tildelingskontoret' (tildeling) becomes 'Tjenestekontoret og koordinerende enhet' "
        "(tjenestekontor): it decides all 7 services the old unit decided; it also takes in "
        "'Tjeneste X' (x), 'Tjeneste Y' (y) and 'Tjeneste Z' (z)"
    )
    assert result.people.new_leader == 0  # before: the old office's 10 people lost their leader


def test_a_successor_names_the_units_it_takes_services_from() -> None:
    old = [*OLD, unit("v-hab", "ks-a", 3, name="Habilitering", kind="virksomhet", staff=5, delivers=["x"])]
    new = [*NEW, unit("v-hab", "ks-a", 3, name="Habilitering", kind="virksomhet", staff=5)]
    new = [*new, unit("avd-koord", "tjenestekontor", 4, name="Koordinerende enhet", delivers=["x"])]
    result = run(old, new, services=SERVICES)
    change = next(c for c in result.changes if c.kind == "unit-renamed")
    assert change.message.endswith(
        "it also takes in 'Tjeneste X' (x), 'Tjeneste Y' (y) and 'Tjeneste Z' (z) from 'Habilitering' (v-hab)"
    )
    set_language("nb")  # conftest speaks English again after the test
    nb = run(old, new, services=SERVICES)
    said = next(c for c in nb.changes if c.kind == "unit-renamed").message
    assert said.startswith("'Tildelingskontoret' (tildeling) blir 'Tjenestekontoret og koordinerende enhet'")


def test_most_of_the_work_is_enough_when_one_service_went_elsewhere() -> None:
    new = [
        *base_units(),
        _office("tjenestekontor", "Tjenestekontoret", list("abcdef")),
        _office("v-hab", "Habilitering", ["g"]),
    ]
    m = _match(OLD, new)
    assert m.successors == {"tildeling": "tjenestekontor"}
    result = run(OLD, new, services=SERVICES)
    change = next(c for c in result.changes if c.kind == "unit-renamed")
    assert "it decides 6 of the 7 services the old unit decided" in change.message


def test_two_new_units_each_taking_half_are_no_successor() -> None:
    old = [*base_units(), _office("tildeling", "Tildelingskontoret", list("abcd"))]
    new = [
        *base_units(),
        _office("bestiller-1", "Bestillerkontor helse", ["a", "b"]),
        _office("bestiller-2", "Bestillerkontor omsorg", ["c", "d"]),
    ]
    m = _match(old, new)
    assert m.renamed == [] and m.merges == [] and m.splits == []
    assert m.removed == ["tildeling"] and m.added == ["bestiller-1", "bestiller-2"]


def test_one_same_service_in_a_new_unit_under_the_same_leader_is_no_successor() -> None:
    old = [*base_units(), _office("dagsenter", "Dagsenteret", [], delivers=["a"])]
    new = [*base_units(), _office("aktivitet", "Aktivitetshuset", [], delivers=["a", "x", "y"])]
    m = _match(old, new)
    assert m.renamed == [] and m.removed == ["dagsenter"] and m.added == ["aktivitet"]


def test_one_of_two_services_is_not_most_of_the_work() -> None:
    old = [*base_units(), _office("dagsenter", "Dagsenteret", [], delivers=["a", "b"])]
    new = [*base_units(), _office("aktivitet", "Aktivitetshuset", [], delivers=["a", "x", "y"])]
    m = _match(old, new)
    assert m.renamed == [] and m.removed == ["dagsenter"] and m.added == ["aktivitet"]


def test_services_other_units_deliver_too_tell_no_unit_apart() -> None:
    def school(uid: str, name: str) -> dict[str, Any]:
        return unit(uid, "ks-b", 3, name=name, kind="virksomhet", staff=30, delivers=["a", "b"])

    others = [school("v-gamma", "Gamma skole"), school("v-delta", "Delta skole")]
    old = [*base_units(), *others, school("v-fjell", "Fjell skole")]
    new = [*base_units(), *others, school("v-askollen", "Åskollen skole")]
    m = _match(old, new)
    assert m.renamed == [] and m.removed == ["v-fjell"] and m.added == ["v-askollen"]


def test_the_work_taken_over_under_another_leader_is_no_successor() -> None:
    new = [
        *base_units(),
        _office("tjenestekontor", "Tjenestekontoret", list("abcdefg"), parent="ks-b"),
    ]
    m = _match(OLD, new)
    assert m.renamed == [] and m.removed == ["tildeling"] and m.added == ["tjenestekontor"]


def test_under_the_successor_of_its_leaders_unit_it_is_a_successor() -> None:
    new = [
        *(u if u["id"] != "ks-a" else {**u, "id": "ks-helse", "name": "Helse"} for u in base_units()),
        _office("tjenestekontor", "Tjenestekontoret", [*"abcdefg", "x"], parent="ks-helse", staff=16),
    ]
    new = [u if u.get("parent") != "ks-a" else {**u, "parent": "ks-helse"} for u in new]
    m = _match(OLD, new)
    assert m.old_to_new["ks-a"] == "ks-helse"
    assert m.successors == {"tildeling": "tjenestekontor"}


def test_two_removed_units_whose_work_continues_in_one_new_unit_merged_into_it() -> None:
    old = [
        *base_units(),
        _office("tildeling", "Tildelingskontoret", ["a", "b", "c"]),
        _office("koordinerende", "Koordinerende enhet", [], delivers=["d", "e"], staff=4),
    ]
    new = [
        *base_units(),
        _office("tjenestekontor", "Tjenestekontoret", ["a", "b", "c"], delivers=["d", "e"], staff=13),
    ]
    m = _match(old, new)
    assert m.merges == [(("tildeling", "koordinerende"), "tjenestekontor")]
    assert m.renamed == [] and m.removed == [] and m.added == []
    result = run(old, new, services=SERVICES)
    assert "unit-merged:tildeling+koordinerende->tjenestekontor" in ids(result)


def _at(uid: str, name: str, sites: list[str], **fields: Any) -> dict[str, Any]:
    return unit(uid, "ks-a", 3, name=name, kind="virksomhet", staff=5, sites=sites, **fields)


SITES = [{"id": "torget", "name": "Torget helsesenter"}, {"id": "radhus", "name": "Rådhuset"}]


def test_a_unit_without_services_is_succeeded_by_the_one_now_alone_at_its_site() -> None:
    old = [*base_units(), _at("frivillig", "Frivilligsentralen", ["torget"], kommunedeler=["kd1"])]
    new = [*base_units(), _at("innbyggertorg", "Innbyggertorget", ["torget"], kommunedeler=["kd1", "kd2"])]
    kds = [{"id": "kd1", "name": "Sentrum"}, {"id": "kd2", "name": "Nord"}]
    m = match_units(
        OrgGraph(org(old, sites=SITES, kommunedeler=kds)), OrgGraph(org(new, sites=SITES, kommunedeler=kds))
    )
    assert m.successors == {"frivillig": "innbyggertorg"}
    result = run(old, new, sites=SITES, kommunedeler=kds)
    change = next(c for c in result.changes if c.kind == "unit-renamed")
    assert change.message == (
        "'Frivilligsentralen' (frivillig) becomes 'Innbyggertorget' (innbyggertorg): it works at "
        "'Torget helsesenter' (torget), where only the old unit worked"
    )


def test_a_shared_site_or_a_kommunedel_left_out_tells_no_successor() -> None:
    old = [*base_units(), _at("frivillig", "Frivilligsentralen", ["radhus"]), _at("v-x", "Stab", ["radhus"])]
    new = [*base_units(), _at("innbyggertorg", "Innbyggertorget", ["radhus"]), _at("v-x", "Stab", ["radhus"])]
    m = match_units(OrgGraph(org(old, sites=SITES)), OrgGraph(org(new, sites=SITES)))
    assert m.renamed == [] and m.removed == ["frivillig"]
    old = [*base_units(), _at("frivillig", "Frivilligsentralen", ["torget"], kommunedeler=["kd2"])]
    new = [*base_units(), _at("innbyggertorg", "Innbyggertorget", ["torget"], kommunedeler=["kd1"])]
    m = match_units(OrgGraph(org(old, sites=SITES)), OrgGraph(org(new, sites=SITES)))
    assert m.renamed == [] and m.removed == ["frivillig"]


def test_a_provider_is_succeeded_by_the_unit_now_alone_delivering_its_services() -> None:
    old = [*base_units(), _office("dagsenter", "Dagsenteret", [], delivers=["a", "b", "c"])]
    new = [*base_units(), _office("aktivitet", "Aktivitetshuset", [], delivers=["a", "b", "x"], staff=14)]
    result = run(old, new, services=SERVICES)
    change = next(c for c in result.changes if c.kind == "unit-renamed")
    assert change.message == (
        "'Dagsenteret' (dagsenter) becomes 'Aktivitetshuset' (aktivitet): it delivers 2 of the 3 services "
        "the old unit delivered; it also takes in 'Tjeneste X' (x)"
    )
