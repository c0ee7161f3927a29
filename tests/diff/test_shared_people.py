"""Splits and merges recognised by the people they share; places a unit serves by inheritance."""

from __future__ import annotations

from typing import Any

from .helpers import base_units, edit, ids, kinds, run, unit, without

KD = {"kommunedeler": [{"id": "kd1", "name": "Nord"}, {"id": "kd2", "name": "Sør"}]}


def _split(result: Any) -> Any:
    (change,) = [c for c in result.changes if c.kind == "unit-split"]
    return change


def test_a_split_into_two_new_ids_with_the_staff_shared() -> None:
    new = [
        *without(base_units(), "v-nord"),
        unit("v-nord-1", "ks-a", 3, name="Hjemmetjenester Nord 1", kind="virksomhet", staff=5),
        unit("v-nord-2", "ks-a", 3, name="Hjemmetjenester Nord 2", kind="virksomhet", staff=5),
    ]
    result = run(base_units(), new)
    assert [k for k, _ in kinds(result)] == ["unit-split", "span-changed"]
    change = _split(result)
    assert change.id == "unit-split:v-nord->v-nord-1+v-nord-2"
    assert change.message == (
        "'Hjemmetjenester Nord' (v-nord) split into 'Hjemmetjenester Nord 1' (v-nord-1) and "
        "'Hjemmetjenester Nord 2' (v-nord-2), which report to 'Hjemmetjenester' (ks-a): one leader post "
        "becomes 2; 6 people get a new personnel leader"
    )
    # one part continues under the old leader (the first, both being as large): the other's 1 + 5
    assert change.people == 6 and result.people.new_leader == 6


def test_a_split_that_keeps_the_id_is_one_split_not_a_staff_change_and_a_new_unit() -> None:
    new = [
        *edit(base_units(), "v-nord", staff=6),
        unit("v-nord-ost", "ks-a", 3, name="Hjemmetjenester Nord øst", kind="virksomhet", staff=4),
    ]
    result = run(base_units(), new)
    assert ids(result) == {"unit-split:v-nord->v-nord+v-nord-ost", "span-changed:ks-a"}
    # the 6 who stay in v-nord keep their leader; the new unit's leader and its 4 staff do not
    assert _split(result).people == 1 + 4
    assert _split(result).message.endswith("; 5 people get a new personnel leader")
    assert result.people.new_leader == 5


def test_a_merge_that_keeps_one_id_and_renames_it() -> None:
    new = edit(without(base_units(), "v-sor"), "v-nord", name="Hjemmetjenester Nord og Sør", staff=22)
    new = edit(new, "avd-1", parent="v-nord")
    result = run(base_units(), new)
    assert ids(result) == {"unit-merged:v-nord+v-sor->v-nord", "span-changed:ks-a"}
    (merge,) = [c for c in result.changes if c.kind == "unit-merged"]
    assert merge.message == (
        "'Hjemmetjenester Nord' (v-nord) and 'Hjemmetjenester Sør' (v-sor) merged into "
        "'Hjemmetjenester Nord og Sør' (v-nord), which reports to 'Hjemmetjenester' (ks-a): 2 leader posts "
        "become one; 'Nattjeneste' (avd-1) goes with it; 14 people get a new personnel leader"
    )
    # v-nord's leader and 10 staff stay; v-sor's leader and 12 staff, and the leader of the avdeling
    # that moved with them, get a new leader; its 4 staff keep theirs (a tour's tillitsvalgt read
    # '57 people get a new personnel leader' where 5 did). All 18 get a new personnel line.
    assert merge.people == (1 + 12) + 1
    assert result.people.new_leader == 18


def test_a_merge_into_a_kept_id_counts_only_the_people_who_join() -> None:
    """Tester defect 16: Nord (62) and Sør (18) merge into Nord: Sør's 18 and its leader are affected."""
    old = edit(edit(base_units(), "v-nord", staff=62), "v-sor", staff=18)
    old = without(old, "avd-1")
    new = edit(without(old, "v-sor"), "v-nord", name="Hjemmetjenester Nord og Sør", staff=80)
    result = run(old, new)
    (merge,) = [c for c in result.changes if c.kind == "unit-merged"]
    assert merge.people == 19 and result.people.new_leader == 19
    assert merge.message.endswith("; 19 people get a new personnel leader")


def test_a_merge_into_a_new_id_with_a_shorter_name() -> None:
    new = [
        *without(base_units(), "v-nord", "v-sor", "avd-1"),
        unit("v-hjemme", "ks-a", 3, name="Hjemmetjenester", kind="virksomhet", staff=22),
        unit("avd-1", "v-hjemme", 4, name="Nattjeneste", kind="avdeling", staff=4),
    ]
    result = run(base_units(), new)
    assert "unit-merged:v-nord+v-sor->v-hjemme" in ids(result)
    assert not {k for k, _ in kinds(result)} & {"unit-renamed", "unit-removed", "unit-added", "unit-moved"}


def test_an_unrelated_new_unit_beside_a_smaller_one_is_no_split() -> None:
    new = [
        *edit(base_units(), "v-nord", staff=5),
        unit("kreft", "ks-a", 3, name="Kreftkoordinator", kind="virksomhet", staff=5),
    ]
    assert ids(run(base_units(), new)) == {"staff-changed:v-nord", "unit-added:kreft", "span-changed:ks-a"}


def test_parts_whose_staff_does_not_add_up_are_no_split() -> None:
    new = [
        *without(base_units(), "v-nord"),
        unit("v-nord-1", "ks-a", 3, name="Hjemmetjenester Nord 1", kind="virksomhet", staff=5),
        unit("v-nord-2", "ks-a", 3, name="Hjemmetjenester Nord 2", kind="virksomhet", staff=30),
    ]
    result = run(base_units(), new)
    assert "unit-split" not in {k for k, _ in kinds(result)}
    assert "unit-added:v-nord-2" in ids(result)


def test_an_avdeling_made_a_virksomhet_keeps_the_places_it_served_by_inheritance() -> None:
    old = edit(base_units(), "v-sor", kommunedeler=["kd2"])
    new = edit(old, "avd-1", parent="ks-a", level=3, kind="virksomhet", kommunedeler=["kd2"])
    result = run(old, new, **KD)
    assert {k for k, _ in kinds(result) if k.startswith("unit-")} == {"unit-moved", "unit-relevelled"}
    tables = {t.name: t for t in result.metrics}
    assert not tables["units-per-kommunedel"].changed


def test_a_unit_that_names_other_places_than_it_inherited_changes_its_kommunedeler() -> None:
    old = edit(base_units(), "v-sor", kommunedeler=["kd2"])
    new = edit(old, "avd-1", kommunedeler=["kd1", "kd2"])
    (change,) = [c for c in run(old, new, **KD).changes if c.kind == "unit-kommunedeler-changed"]
    assert (change.before, change.after) == (["kd2"], ["kd1", "kd2"])
    assert change.message == "'Nattjeneste' (avd-1) now also covers 'Nord' (kd1)"


def test_a_merge_whose_joining_unit_states_no_staff_says_the_count_is_a_floor() -> None:
    # a tester's find: the count said nothing of a joining unit whose staff is not stated
    old = without(edit(edit(base_units(), "v-nord", staff=62), "v-sor", staff=None), "avd-1")
    merged = unit("v-nord-sor", "ks-a", 3, name="Hjemmetjenester Nord og Sør", kind="virksomhet", staff=80)
    new = [*without(old, "v-nord", "v-sor"), merged]
    (merge,) = [c for c in run(old, new).changes if c.kind == "unit-merged"]
    assert merge.message.endswith("; 1 person gets a new personnel leader (leaders only: no staff stated)")
    three = [*old, unit("v-ost", "ks-a", 3, name="Hjemmetjenester Øst", kind="virksomhet", staff=5)]
    merged = unit("v-alle", "ks-a", 3, name="Hjemmetjenester Nord, Sør og Øst", kind="virksomhet", staff=90)
    new = [*without(three, "v-nord", "v-sor", "v-ost"), merged]
    (merge,) = [c for c in run(three, new).changes if c.kind == "unit-merged"]
    # Nord (62) continues; Sør's leader, Øst's leader and its 5: 7, and Sør's staff unknown
    assert merge.people == 7
    assert merge.message.endswith(
        "; 7 people get a new personnel leader (more: not every unit states its staff)"
    )


def test_staff_moved_into_new_avdelinger_get_a_new_personnel_leader() -> None:
    # a Nordre Follo planner's find: Kolbotn skole 38 -> 2 with avdelinger of 20 and 16 said "0 people"
    new = [
        *edit(base_units(), "v-alfa", staff=2),
        unit("avd-a1", "v-alfa", 4, name="Alfa 1-4", kind="avdeling", staff=10),
        unit("avd-a2", "v-alfa", 4, name="Alfa 5-7", kind="avdeling", staff=8),
    ]
    result = run(base_units(), new)
    assert result.people.new_leader == 18
    added = {c.unit: c.message for c in result.changes if c.kind == "unit-added"}
    assert added["avd-a1"] == (
        "'Alfa 1-4' (avd-a1) is new, reporting to 'Alfa skole' (v-alfa); 11 people work in it, 10 of them "
        "from the staff of 'Alfa skole' (v-alfa), who get a new personnel leader"
    )
    grown = [*base_units(), unit("avd-a3", "v-alfa", 4, name="Alfa SFO", kind="avdeling", staff=6)]
    assert run(base_units(), grown).people.new_leader == 0  # new people, not moved ones


def test_staff_folded_back_from_a_removed_avdeling_get_a_new_personnel_leader() -> None:
    # the reverse (a tester's find): Sør's avdeling of 4 removed, Sør goes from 12 to 16
    folded = edit(without(base_units(), "avd-1"), "v-sor", staff=16)
    result = run(base_units(), folded)
    assert result.people.new_leader == 5  # the 4 folded into Sør's staff, and the avdelingsleder
    (removed,) = [c for c in result.changes if c.kind == "unit-removed"]
    assert removed.message == (
        "'Nattjeneste' (avd-1) was removed (it reported to 'Hjemmetjenester Sør' (v-sor)); 5 people worked "
        "in it, 4 of them now in the staff of 'Hjemmetjenester Sør' (v-sor), under its leader"
    )
    # tour L: the parent renamed in the same proposal is named as it is now, not by a name that is gone
    renamed = edit(folded, "v-sor", name="Hjemmetjenester Sør og Øst")
    (removed,) = [c for c in run(base_units(), renamed).changes if c.kind == "unit-removed"]
    assert removed.message.endswith(
        "now in the staff of 'Hjemmetjenester Sør og Øst' (v-sor), under its leader"
    )
    assert "(it reported to 'Hjemmetjenester Sør' (v-sor))" in removed.message  # where it was: the old name


def test_staff_moved_inside_an_iks_are_not_the_municipalitys() -> None:
    # a tester's find: 20 staff moved to a new avdeling inside the legevakt IKS were in the headline
    iks = [*base_units(), unit("iks", None, 3, name="Legevakt IKS", kind="iks", staff=40)]
    moved = [
        *edit(iks, "iks", staff=20),
        unit("iks-avd", "iks", 4, name="Legevakt avd 2", kind="avdeling", staff=20),
    ]
    assert run(iks, moved).people.new_leader == 0


def test_a_split_whose_parts_sit_under_a_unit_added_beside_it() -> None:
    # a tour's Bergvik: a skoleområde added under the kommunalsjef, the big school split into two
    # under it; the diff said the school of 86 people was removed
    old = edit(base_units(), "v-alfa", staff=40)
    new = [
        *without(old, "v-alfa"),
        unit("omr", "ks-b", 3, name="Skoleområde", staff=1),
        unit("v-alfa-barn", "omr", 4, name="Alfa barneskole", kind="virksomhet", staff=22),
        unit("v-alfa-ungdom", "omr", 4, name="Alfa ungdomsskole", kind="virksomhet", staff=18),
    ]
    result = run(old, new)
    assert ("unit-split", "v-alfa") in kinds(result) and ("unit-removed", "v-alfa") not in kinds(result)
    assert ("unit-added", "omr") in kinds(result)


def test_the_people_of_a_unit_moved_into_an_iks_are_affected() -> None:
    # tour I: brann (1 + 44) replaced by an IKS of the same size, and the headline said 0 people
    iks = [*without(base_units(), "avd-1"), unit("iks", None, 3, name="Brann IKS", kind="iks", staff=4)]
    assert run(base_units(), iks).people.new_leader == 5
    # an IKS taken out of the model is not the municipality's people
    assert run(iks, without(iks, "iks")).people.new_leader == 0


def test_a_merger_into_a_kept_id_names_only_the_units_that_came_along() -> None:
    """The kept unit's own avdeling stays where it was; the joining unit's avdeling goes with it."""
    old = [*base_units(), unit("avd-n", "v-nord", 4, name="Dagsenter", kind="avdeling", staff=3)]
    new = without(old, "v-sor")
    new = edit(new, "v-nord", name="Hjemmetjenester Nord og Sør", staff=22)
    new = edit(new, "avd-1", parent="v-nord")
    (merge,) = [c for c in run(old, new).changes if c.kind == "unit-merged"]
    assert "; 'Nattjeneste' (avd-1) goes with it; " in merge.message
    assert "Dagsenter" not in merge.message
