"""Each change kind of a unit, on small models: reported once, naming the unit, with before and after."""

from __future__ import annotations

from .helpers import base_units, edit, ids, kinds, run, unit, without


def test_no_change_against_itself() -> None:
    result = run(base_units(), base_units())
    assert result.changes == []
    assert not any(t.changed for t in result.metrics)
    assert result.people.new_leader == 0


def test_unit_added_with_its_subtree_reported_once() -> None:
    new = [
        *base_units(),
        unit("v-gamma", "ks-b", 3, name="Gamma skole"),
        unit("avd-g", "v-gamma", 4, name="Gamma"),
    ]
    result = run(base_units(), new)
    assert kinds(result) == [("unit-added", "v-gamma"), ("span-changed", "ks-b")]
    added = result.changes[0]
    assert added.count == 1 and "with 1 unit below it" in added.message
    assert added.id == "unit-added:v-gamma"
    assert added.people is None  # no staff declared in it: no count of people


def test_a_new_unit_counts_the_units_that_moved_in_under_it() -> None:
    # tour P: a new VA unit "with 2 units below it; 49 people work in it" had 3 units and 58 people,
    # one of them moved in from another leader (its move is its own line)
    new = [*edit(base_units(), "avd-1", parent="v-ny", level=4), unit("v-ny", "ks-a", 3, staff=7)]
    result = run(base_units(), new)
    (added,) = [c for c in result.changes if c.kind == "unit-added"]
    assert added.message == (
        "'V Ny' (v-ny) is new, reporting to 'Hjemmetjenester' (ks-a), with 1 unit below it (it moved "
        "here); 13 people work in it"
    )
    assert (added.count, added.people) == (1, (1 + 7) + (1 + 4))
    assert any(c.kind == "unit-moved" and c.unit == "avd-1" for c in result.changes)
    # and the way back: the removed unit had it below, and it stays on under another leader
    back = run(new, base_units())
    (removed,) = [c for c in back.changes if c.kind == "unit-removed"]
    assert removed.message == (
        "'V Ny' (v-ny) was removed (it reported to 'Hjemmetjenester' (ks-a)), with 1 unit below it (it "
        "moved elsewhere); 13 people worked in it"
    )


def test_added_and_removed_units_say_how_many_people_work_there() -> None:
    result = run(base_units(), [*without(base_units(), "v-sor", "avd-1"), unit("v-ny", "ks-b", 3, staff=7)])
    removed, added = (c for c in result.changes if c.kind in ("unit-removed", "unit-added"))
    assert removed.message == (
        "'Hjemmetjenester Sør' (v-sor) was removed (it reported to 'Hjemmetjenester' (ks-a)), "
        "with 1 unit below it; 18 people worked in it"
    )
    assert removed.people == (1 + 12) + (1 + 4)
    assert added.message == "'V Ny' (v-ny) is new, reporting to 'Skole' (ks-b); 8 people work in it"
    assert added.people == 8


def test_unit_removed_with_its_subtree_reported_once() -> None:
    result = run(base_units(), without(base_units(), "v-sor", "avd-1"))
    assert kinds(result) == [("unit-removed", "v-sor"), ("span-changed", "ks-a")]
    assert result.changes[0].count == 1


def test_unit_renamed_keeps_its_id() -> None:
    result = run(base_units(), edit(base_units(), "v-beta", name="Beta barneskole"))
    assert kinds(result) == [("unit-renamed", "v-beta")]
    change = result.changes[0]
    assert change.before == {"id": "v-beta", "name": "Beta skole"}
    assert change.after == {"id": "v-beta", "name": "Beta barneskole"}
    assert change.id == "unit-renamed:v-beta"


def test_subtree_move_is_reported_once_at_its_root_with_count_and_people() -> None:
    result = run(base_units(), edit(base_units(), "v-sor", parent="ks-b"))
    assert kinds(result) == [("unit-moved", "v-sor"), ("span-changed", "ks-a"), ("span-changed", "ks-b")]
    move = result.changes[0]
    assert move.before == "ks-a" and move.after == "ks-b"
    assert move.count == 1  # the Nattjeneste avdeling came along
    assert move.people == (1 + 12) + (1 + 4)  # leaders plus staff of the whole subtree
    assert "from the area 'Omsorg' (dir-a) to 'Oppvekst' (dir-b)" in move.message
    assert result.people.new_leader == 18


def test_a_move_between_areas_says_the_areas_once() -> None:
    # ks-a moves from dir-a to dir-b: its old and new parents are the areas, said once
    result = run(base_units(), edit(base_units(), "ks-a", parent="dir-b"))
    move = next(c for c in result.changes if c.kind == "unit-moved")
    assert move.message.startswith(
        "'Hjemmetjenester' (ks-a) moved from 'Omsorg' (dir-a) to 'Oppvekst' (dir-b), with 3 units below it;"
    )
    assert "from the area" not in move.message


def test_a_new_level_moves_the_units_under_it_once() -> None:
    # a tour's Bergvik added a skoleområde between the kommunalsjef and the schools: 24 moves and 48
    # 'relevelled' lines, one per school and per SFO under it, where the moves said it all
    old = [*base_units(), unit("sfo", "v-alfa", 4, name="Alfa SFO", kind="avdeling", staff=3)]
    new = [
        *edit(
            edit(edit(old, "v-alfa", parent="omr", level=4), "v-beta", parent="omr", level=4), "sfo", level=5
        ),
        unit("omr", "ks-b", 3, name="Skoleområde"),
    ]
    result = run(old, new)
    assert [k for k, _ in kinds(result)].count("unit-relevelled") == 0
    assert [(k, u) for k, u in kinds(result) if k == "unit-moved"] == [
        ("unit-moved", "v-alfa"),
        ("unit-moved", "v-beta"),
    ]


def test_relevelled_virksomhet_to_avdeling() -> None:
    new = edit(base_units(), "v-beta", parent="v-alfa", level=4, kind="avdeling")
    result = run(base_units(), new)
    assert ("unit-relevelled", "v-beta") in kinds(result)
    change = next(c for c in result.changes if c.kind == "unit-relevelled")
    assert change.before == {"level": 3, "kind": "virksomhet"}
    assert change.after == {"level": 4, "kind": "avdeling"}


def test_a_kind_change_at_the_same_level_is_no_relevelling() -> None:
    new = edit(base_units(), "avd-1", kind="virksomhet")
    result = run(base_units(), new)
    assert kinds(result) == [("unit-kind-changed", "avd-1")]
    (change,) = result.changes
    assert change.id == "unit-kind-changed:avd-1"
    assert change.message == "'Nattjeneste' (avd-1) is now a virksomhet, was an avdeling (level 4 unchanged)"
    assert change.before == {"level": 4, "kind": "avdeling"} and change.after == {
        "level": 4,
        "kind": "virksomhet",
    }
    assert kinds(run(base_units(), edit(base_units(), "ks-a", kind="tjenesteområde"))) == [
        ("unit-kind-changed", "ks-a")
    ]


def _shifted(units: list[dict[str, object]], step: int, *keep: str) -> list[dict[str, object]]:
    out = [dict(u) for u in units]
    for data in out:
        if data["id"] not in keep:
            data["level"] = int(str(data["level"])) + step
    return out


def test_every_level_renumbered_is_one_change_not_one_per_unit() -> None:
    result = run(base_units(), _shifted(base_units(), 1))
    assert kinds(result) == [("levels-renumbered", None)]
    (change,) = result.changes
    assert change.id == "levels-renumbered:+1"
    assert change.message == (
        "every unit's level went up by 1 (level 1 -> 2, 2 -> 3, 3 -> 4, 4 -> 5): the same structure "
        "numbered another way, so they are not listed one by one"
    )
    assert (change.before, change.after, change.count) == ([1, 2, 3, 4], [2, 3, 4, 5], 10)


def test_the_top_that_stays_at_level_1_is_the_one_exception_of_a_renumbering() -> None:
    new = edit(_shifted(base_units(), 1, "top"), "v-beta", kind="avdeling")
    result = run(base_units(), new)
    assert [c.id for c in result.changes] == [
        "levels-renumbered:+1",
        "unit-relevelled:top",
        "unit-kind-changed:v-beta",
    ]
    assert result.changes[0].message.startswith("the level of 9 units went up by 1 (level 1 -> 2,")
    assert result.changes[1].message == (
        "'Rådmannens lederteam' (top) stayed unit at level 1 while the other units' levels went up by 1"
    )
    assert (
        result.changes[2].message
        == "'Beta skole' (v-beta) is now an avdeling, was a virksomhet (level 3 -> 4)"
    )


def test_a_few_units_relevelled_are_listed_one_by_one() -> None:
    new = edit(edit(base_units(), "v-nord", level=4), "v-sor", level=4)
    assert kinds(run(base_units(), new)) == [("unit-relevelled", "v-nord"), ("unit-relevelled", "v-sor")]


def test_professional_lines_added_and_removed() -> None:
    old = edit(base_units(), "v-nord", functional=["dir-b"])
    new = edit(base_units(), "v-nord", functional=["ks-b"])
    assert ids(run(old, new)) == {
        "professional-line-added:v-nord->ks-b",
        "professional-line-removed:v-nord->dir-b",
    }


def test_leader_staff_budget_role_pilot_changes() -> None:
    new = edit(base_units(), "v-alfa", leader="Rektor", staff=25, budget=True, role="provider", pilot=True)
    result = run(base_units(), new)
    assert sorted(k for k, _ in kinds(result)) == [
        "budget-changed",
        "leader-changed",
        "pilot-changed",
        "role-changed",
        "staff-changed",
    ]  # the span moved with the staff: said once, by staff-changed
    staff = next(c for c in result.changes if c.kind == "staff-changed")
    assert (staff.before, staff.after) == (20, 25)
    assert all(c.unit == "v-alfa" for c in result.changes)


def test_a_span_change_is_reported_when_unit_leaders_come_or_go() -> None:
    moved = edit(base_units(), "avd-1", parent="v-nord")
    spans = {
        (c.unit, c.before, c.after) for c in run(base_units(), moved).changes if c.kind == "span-changed"
    }
    assert spans == {("v-nord", 10, 11), ("v-sor", 13, 12)}
    both = edit(moved, "v-nord", staff=12)
    result = run(base_units(), both)
    assert [(c.kind, c.before, c.after) for c in result.changes if c.unit == "v-nord"] == [
        ("staff-changed", 10, 12),
        ("span-changed", 10, 13),
    ]


def test_supervision_sites_kommunedeler_services_of_a_unit() -> None:
    extra = {
        "kommunedeler": [{"id": "kd1", "name": "Nord"}, {"id": "kd2", "name": "Sør"}],
        "sites": [{"id": "s1", "name": "Huset", "kommunedel": "kd1"}],
        "services": [{"id": "tj", "name": "Tjeneste", "vedtak": True}],
    }
    new = edit(base_units(), "v-nord", supervises=["v-alfa"], sites=["s1"], kommunedeler=["kd2"])
    new = edit(new, "v-nord", delivers=["tj"], decides=["tj"])
    result = run(base_units(), new, **extra)
    assert sorted(k for k, _ in kinds(result)) == [
        "service-decider-changed",  # who decides a service on both sides: said once, per service
        "supervision-changed",
        "unit-delivers-changed",
        "unit-kommunedeler-changed",
        "unit-sites-changed",
    ]


def test_span_changed_names_the_leader_and_the_bucket() -> None:
    new = edit(edit(base_units(), "avd-1", parent="v-beta"), "v-beta", staff=8)
    result = run(base_units(), new)
    span = next(c for c in result.changes if c.kind == "span-changed" and c.unit == "v-beta")
    assert (span.unit, span.before, span.after) == ("v-beta", 6, 9)
    assert span.message == "'Beta skole' (v-beta) now has 9 direct reports, was 6 (bucket 4-7 -> 8-12)"
    buckets = next(t for t in result.metrics if t.name == "span-buckets")
    changed = {r.key: (r.before, r.after) for r in buckets.rows if r.changed}
    assert changed == {"4-7": (2, 1), "8-12": (1, 3), "13-16": (1, 0)}


def test_a_unit_that_leaves_for_an_iks_or_comes_in_from_one_is_said_so_not_moved_from_the_top() -> None:
    # an iks without a parent is outside the basisorganisasjon (domain.md), not under the top unit
    out = edit(base_units(), "v-sor", parent=None, kind="iks")
    left = next(c for c in run(base_units(), out).changes if c.kind == "unit-moved")
    assert left.message == (
        "'Hjemmetjenester Sør' (v-sor) left the organisation (it was under 'Hjemmetjenester' (ks-a)), "
        "with 1 unit below it; 18 people get a new personnel line"
    )
    came = next(c for c in run(out, base_units()).changes if c.kind == "unit-moved")
    assert came.message == (
        "'Hjemmetjenester Sør' (v-sor) came into the organisation from outside it, under "
        "'Hjemmetjenester' (ks-a), with 1 unit below it; 18 people get a new personnel line"
    )
    inside = edit(base_units(), "v-sor", parent="ks-b")
    assert (
        "moved from 'Hjemmetjenester' (ks-a) to 'Skole' (ks-b)"
        in run(base_units(), inside).changes[0].message
    )


def test_the_measures_leave_out_a_unit_that_left_the_organisation_as_stats_does() -> None:
    placed = edit(edit(base_units(), "v-sor", kommunedeler=["kd2"]), "v-nord", kommunedeler=["kd1"])
    out = edit(placed, "v-sor", parent=None, kind="iks")
    extra = {
        "kommunedeler": [
            {"id": "kd1", "number": 1, "name": "Nord"},
            {"id": "kd2", "number": 2, "name": "Sør"},
        ]
    }
    result = run(placed, out, **extra)
    tables = {t.name: t for t in result.metrics}
    rows = {r.key: (r.before, r.after) for r in tables["units-per-kommunedel"].rows}
    assert rows["kd2"] == (2, 0)  # Sør and its avdeling: outside the organisation now
    assert tables["units-per-level"].rows[0].key == "level 1"


def test_budget_left_out_reads_not_stated() -> None:
    result = run(base_units(), edit(base_units(), "v-beta", budget=True))
    (change,) = result.changes
    assert change.message == "'Beta skole' (v-beta): budget responsibility (not stated) -> yes"
    assert (change.before, change.after) == (None, True)
    stated = run(edit(base_units(), "v-beta", budget=False), edit(base_units(), "v-beta", budget=True))
    assert stated.changes[0].message == "'Beta skole' (v-beta): budget responsibility no -> yes"
    dropped = run(edit(base_units(), "v-beta", budget=True), base_units())
    assert dropped.changes[0].message == "'Beta skole' (v-beta): budget responsibility yes -> (not stated)"


def test_budget_false_written_out_is_no_change() -> None:
    assert run(base_units(), edit(base_units(), "v-beta", budget=False)).changes == []


def test_the_html_row_of_a_unit_that_left_the_organisation_says_so() -> None:
    # tour F: the row said "moved from Fellestjenester" where the list said "left the organisation"
    from orgmodel.formatters.diff_html import render_result

    out = edit(base_units(), "v-sor", parent=None, kind="iks")
    page = render_result(run(base_units(), out))
    assert "left the organisation" in page and "moved from" not in page
    assert "came into the organisation" in render_result(run(out, base_units()))


def test_a_units_list_is_joined_as_the_readers_language_joins_a_list() -> None:
    # tour O: "fører nå tilsyn med 'Ski barnehager' (bhg-ski), 'Oppegård barnehager'" wanted "og"
    from orgmodel.i18n import set_language

    new = edit(base_units(), "v-nord", supervises=["v-alfa", "v-beta"])
    (change,) = [c for c in run(base_units(), new).changes if c.kind == "supervision-changed"]
    assert change.message.endswith("now supervises 'Alfa skole' (v-alfa) and 'Beta skole' (v-beta)")
    set_language("nb")
    try:
        (change,) = [c for c in run(base_units(), new).changes if c.kind == "supervision-changed"]
    finally:
        set_language("en")
    assert change.message.endswith("fører nå tilsyn med 'Alfa skole' (v-alfa) og 'Beta skole' (v-beta)")
