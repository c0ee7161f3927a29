"""Matching units by id and by evidence: renames, merges, splits, and no false pairs."""

from __future__ import annotations

from orgmodel.diff.matching import match_units
from orgmodel.graph import OrgGraph

from .helpers import base_units, edit, org, unit, without


def _match(old: list, new: list):  # type: ignore[no-untyped-def]
    return match_units(OrgGraph(org(old)), OrgGraph(org(new)))


def test_identical_models_match_by_id() -> None:
    m = _match(base_units(), base_units())
    assert m.renamed == [] and m.removed == [] and m.added == []
    assert len(m.old_to_new) == len(base_units())


def test_rename_same_parent_and_similar_name() -> None:
    new = edit(base_units(), "v-nord", id="v-nord-2", name="Hjemmetjenester Nord og Øst")
    new = edit(new, "ks-a")  # unchanged
    m = _match(base_units(), new)
    assert m.renamed == [("v-nord", "v-nord-2")]
    assert m.removed == [] and m.added == []


def test_rename_by_same_children_even_with_a_new_name() -> None:
    new = edit(base_units(), "ks-b", id="ks-utdanning", name="Utdanning")
    new = edit(new, "v-alfa", parent="ks-utdanning")
    new = edit(new, "v-beta", parent="ks-utdanning")
    m = _match(base_units(), new)
    assert m.renamed == [("ks-b", "ks-utdanning")]


def test_rename_by_unique_name_even_when_moved_elsewhere() -> None:
    new = edit(base_units(), "v-beta", id="avd-beta", parent="v-alfa", level=4, kind="avdeling")
    m = _match(base_units(), new)
    assert m.renamed == [("v-beta", "avd-beta")]


def test_false_rename_guard_unrelated_units_under_the_same_parent() -> None:
    old = base_units()
    new = [*without(old, "v-beta"), unit("v-kultur", "ks-b", 3, name="Kulturskole", kind="virksomhet")]
    m = _match(old, new)
    assert m.renamed == []
    assert m.removed == ["v-beta"] and m.added == ["v-kultur"]


def test_false_rename_guard_similar_names_under_different_parents() -> None:
    old = base_units()
    new = [*without(old, "avd-1"), unit("avd-2", "v-alfa", 4, name="Nattjeneste skole", kind="avdeling")]
    m = _match(old, new)
    assert m.renamed == []
    assert m.removed == ["avd-1"] and m.added == ["avd-2"]


def test_two_units_of_the_same_name_are_not_paired_by_name_alone() -> None:
    old = [*base_units(), unit("x1", "v-nord", 4, name="Kjøkken"), unit("x2", "v-sor", 4, name="Kjøkken")]
    new = [
        *without(old, "x1", "x2"),
        unit("y1", "v-alfa", 4, name="Kjøkken"),
        unit("y2", "v-beta", 4, name="Kjøkken"),
    ]
    m = _match(old, new)
    assert m.renamed == []


def test_merge_of_siblings_is_one_unit() -> None:
    old = base_units()
    new = without(old, "v-nord", "v-sor")
    new.insert(4, unit("v-nord-sor", "ks-a", 3, name="Hjemmetjenester Nord og Sør", kind="virksomhet"))
    new = edit(new, "avd-1", parent="v-nord-sor")
    m = _match(old, new)
    assert m.merges == [(("v-nord", "v-sor"), "v-nord-sor")]
    assert m.removed == [] and m.added == [] and m.renamed == []
    assert m.equivalents("v-sor") == {"v-nord-sor"}


def test_split_into_siblings() -> None:
    old = [
        *without(base_units(), "v-nord", "v-sor", "avd-1"),
        unit("v-ns", "ks-a", 3, name="Hjemmetjenester Nord/Sør"),
    ]
    new = base_units()
    m = _match(old, new)
    assert m.splits == [("v-ns", ("v-nord", "v-sor"))]
    assert m.added == ["avd-1"]


def test_thousands_of_changes_are_bucketed_not_compared_pairwise() -> None:
    old = base_units() + [unit(f"old-{i}", "ks-a", 3, name=f"Gammel enhet {i}") for i in range(3000)]
    old += [unit(f"was-{i}", "ks-b", 3, name=f"Skolekrets {i} vest") for i in range(3000)]
    new = base_units() + [unit(f"new-{i}", "ks-a", 3, name=f"Ny enhet {i + 5000}") for i in range(3000)]
    new += [unit(f"now-{i}", "ks-b", 3, name=f"Skolekrets {i} vest") for i in range(3000)]
    m = _match(old, new)  # how fast this is, is a make bench row, never a timed test
    assert len(m.removed) == 3000 and len(m.added) == 3000
    assert len(m.renamed) == 3000 and all(o[4:] == n[4:] for o, n in m.renamed)


# Tour J: 'Barnevern' (virk-barnevern) became 'Barneverntjenesten' (virk-barneverntjenesten) with
# everything else the same; the names share no word, so only its structure tells it.
_BARNEVERN = {"kind": "virksomhet", "leader": "Virksomhetsleder barnevern", "staff": 60}
_SERVICES = [
    {"id": "barnevern", "name": "Barneverntjenester", "vedtak": True},
    {"id": "grunnskole", "name": "Grunnskole"},
]


def _with_barnevern(uid: str, name: str) -> list:
    return [
        *base_units(),
        unit(uid, "ks-b", 3, name=name, decides=["barnevern"], delivers=["barnevern"], **_BARNEVERN),
    ]


def test_a_new_id_and_name_with_the_same_structure_and_the_only_decider_is_a_rename() -> None:
    old = _with_barnevern("virk-barnevern", "Barnevern")
    new = _with_barnevern("virk-barneverntjenesten", "Barneverntjenesten")
    m = match_units(OrgGraph(org(old, services=_SERVICES)), OrgGraph(org(new, services=_SERVICES)))
    assert m.renamed == [("virk-barnevern", "virk-barneverntjenesten")]
    assert m.removed == [] and m.added == []


def test_the_same_structure_with_an_unrelated_name_and_the_only_decider_is_a_rename_too() -> None:
    old = _with_barnevern("virk-barnevern", "Barnevern")
    new = _with_barnevern("virk-bfv", "Familievern og omsorg")
    m = match_units(OrgGraph(org(old, services=_SERVICES)), OrgGraph(org(new, services=_SERVICES)))
    assert m.renamed == [("virk-barnevern", "virk-bfv")]


def _school(uid: str, name: str, staff: int = 30) -> dict:
    return unit(
        uid, "ks-b", 3, name=name, kind="virksomhet", leader="Rektor", staff=staff, delivers=["grunnskole"]
    )


def test_a_school_closed_and_another_opened_under_the_same_kommunalsjef_stay_removed_and_added() -> None:
    schools = [_school("v-gamma", "Gamma skole"), _school("v-delta", "Delta skole", 40)]
    old = [*base_units(), *schools, _school("v-fjell", "Fjell skole")]
    new = [*base_units(), *schools, _school("v-askollen", "Åskollen skole")]
    m = match_units(OrgGraph(org(old, services=_SERVICES)), OrgGraph(org(new, services=_SERVICES)))
    assert m.renamed == []
    assert m.removed == ["v-fjell"] and m.added == ["v-askollen"]


def test_the_only_decider_with_other_staff_is_no_twin() -> None:
    old = _with_barnevern("virk-barnevern", "Barnevern")
    new = edit(_with_barnevern("virk-bfv", "Familievern og omsorg"), "virk-bfv", staff=45)
    m = match_units(OrgGraph(org(old, services=_SERVICES)), OrgGraph(org(new, services=_SERVICES)))
    assert m.renamed == [] and m.removed == ["virk-barnevern"] and m.added == ["virk-bfv"]
