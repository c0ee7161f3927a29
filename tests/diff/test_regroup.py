"""Merges and splits with realistic names: remarks in brackets, one-letter parts, one id kept.

Tour F findings 1 and 11.
"""

from __future__ import annotations

from typing import Any

from .helpers import base_units, edit, ids, kinds, run, unit, without

KD = {"kommunedeler": [{"id": f"kd{i}", "name": f"Område {i}"} for i in (1, 2, 3)]}
SCHOOL = "Grunnskole 05 (navn ikke angitt i rapporten)"


def _with_school(**fields: Any) -> list[dict[str, Any]]:
    return [*base_units(), unit("v-05", "ks-b", 3, name=SCHOOL, kind="virksomhet", **fields)]


def _school(uid: str, name: str, **fields: Any) -> dict[str, Any]:
    return unit(uid, "ks-b", 3, name=name, kind="virksomhet", **fields)


def _only(result: Any, kind: str) -> Any:
    (change,) = [c for c in result.changes if c.kind == kind]
    return change


def _unit_kinds(result: Any) -> set[str]:
    return {k for k, _ in kinds(result) if k.startswith("unit-")}


def test_a_split_whose_names_change_their_remarks_and_add_a_letter() -> None:
    """Finding 1: 'Grunnskole 05 (...)' -> '05 A (barnetrinn)' + '05 B (...)' read as closed + 2 new."""
    new = [
        *without(_with_school(staff=60), "v-05"),
        _school("v-05a", "Grunnskole 05 A (barnetrinn)", staff=30),
        _school("v-05b", "Grunnskole 05 B (ungdomstrinn)", staff=30),
    ]
    result = run(_with_school(staff=60), new)
    assert _unit_kinds(result) == {"unit-split"}
    split = _only(result, "unit-split")
    assert split.id == "unit-split:v-05->v-05a+v-05b"
    assert split.message == (
        f"'{SCHOOL}' (v-05) split into 'Grunnskole 05 A (barnetrinn)' (v-05a) and 'Grunnskole 05 B "
        "(ungdomstrinn)' (v-05b), which report to 'Skole' (ks-b): one leader post becomes 2; 31 people get a "
        "new personnel leader"
    )
    assert result.people.new_leader == 31


def test_a_split_without_staff_is_told_by_the_names_alone() -> None:
    new = [
        *without(_with_school(), "v-05"),
        _school("v-05a", "Grunnskole 05 A (barnetrinn)"),
        _school("v-05b", "Grunnskole 05 B (ungdomstrinn)"),
    ]
    split = _only(run(_with_school(), new), "unit-split")
    assert split.message.endswith(
        "one leader post becomes 2; 1 person gets a new personnel leader (leaders only: no staff stated)"
    )


def test_a_split_where_one_part_keeps_the_id_and_grows_its_name() -> None:
    new = [
        *edit(_with_school(), "v-05", name="Grunnskole 05 A (barnetrinn)"),
        _school("v-05b", "Grunnskole 05 B (ungdomstrinn)"),
    ]
    result = run(_with_school(), new)
    assert _unit_kinds(result) == {"unit-split"}
    split = _only(result, "unit-split")
    assert split.id == "unit-split:v-05->v-05+v-05b"
    # the part that kept the id keeps its rektor; the new part's leader is the one new post
    assert split.people == 1


def test_a_merge_that_keeps_one_id_and_grows_its_name_and_kommunedeler() -> None:
    """Finding 11 (N2): 'Strømsø/Tangen' absorbs 'Øren' -> 'Strømsø/Tangen og Øren', and its kommunedel."""
    old = [
        *without(base_units(), "v-nord", "v-sor", "avd-1"),
        unit("v-st", "ks-a", 3, name="Omsorgstjenester Strømsø/Tangen", kommunedeler=["kd1"]),
        unit("v-oren", "ks-a", 3, name="Omsorgstjenester Øren", kommunedeler=["kd2"]),
    ]
    grown = "Omsorgstjenester Strømsø/Tangen og Øren"
    new = edit(without(old, "v-oren"), "v-st", name=grown, kommunedeler=["kd1", "kd2"])
    result = run(old, new, **KD)
    assert _unit_kinds(result) == {"unit-merged"}
    merge = _only(result, "unit-merged")
    assert merge.id == "unit-merged:v-st+v-oren->v-st"
    assert merge.message == (
        "'Omsorgstjenester Strømsø/Tangen' (v-st) and 'Omsorgstjenester Øren' (v-oren) merged into "
        "'Omsorgstjenester Strømsø/Tangen og Øren' (v-st), which reports to 'Hjemmetjenester' (ks-a): "
        "2 leader posts become one; 1 person gets a new personnel leader (leaders only: no staff stated)"
    )
    assert result.people.new_leader == 1  # Øren's leader; Strømsø/Tangen keeps its own


def test_a_merge_into_a_new_id_with_the_plain_common_name() -> None:
    """Finding 11 (N9): 'Rus og psykisk helse, område 1 (...)' + '... 2' -> 'Rus og psykisk helse'."""
    area = "Rus og psykisk helse, geografisk område {} (navn og grenser ikke angitt)"
    old = [
        *base_units(),
        unit("v-rus-1", "ks-a", 3, name=area.format(1), kind="virksomhet"),
        unit("v-rus-2", "ks-a", 3, name=area.format(2), kind="virksomhet"),
    ]
    new = [
        *without(old, "v-rus-1", "v-rus-2"),
        unit("v-rus", "ks-a", 3, name="Rus og psykisk helse", kind="virksomhet"),
    ]
    result = run(old, new)
    assert _unit_kinds(result) == {"unit-merged"}
    assert _only(result, "unit-merged").id == "unit-merged:v-rus-1+v-rus-2->v-rus"
    assert "2 leader posts become one" in _only(result, "unit-merged").message


def test_a_rename_to_a_new_id_beside_an_unrelated_new_unit_is_no_split() -> None:
    new = [
        *without(base_units(), "v-alfa"),
        unit("v-alfa-sfo", "ks-b", 3, name="Alfa skole og SFO", kind="virksomhet", staff=20),
        unit("v-kultur", "ks-b", 3, name="Kulturskole", kind="virksomhet", staff=8),
    ]
    result = run(base_units(), new)
    assert {"unit-renamed:v-alfa->v-alfa-sfo", "unit-added:v-kultur"} <= ids(result)
    assert not _unit_kinds(result) & {"unit-split", "unit-merged"}


def test_a_unit_that_grows_its_name_beside_an_unrelated_new_unit_is_a_rename() -> None:
    new = [*edit(base_units(), "v-alfa", name="Alfa skole og SFO"), _school("v-kultur", "Kulturskole")]
    result = run(base_units(), new)
    assert {"unit-renamed:v-alfa", "unit-added:v-kultur"} <= ids(result)
    assert not _unit_kinds(result) & {"unit-split", "unit-merged"}


def test_a_unit_that_keeps_its_name_beside_a_new_part_named_like_it_is_no_split() -> None:
    new = [*_with_school(), _school("v-05b", "Grunnskole 05 B (ungdomstrinn)")]
    result = run(_with_school(), new)
    assert _unit_kinds(result) == {"unit-added"}


def test_parts_named_alike_whose_staff_does_not_add_up_are_no_split() -> None:
    new = [
        *edit(_with_school(staff=60), "v-05", name="Grunnskole 05 A (barnetrinn)", staff=58),
        _school("v-05b", "Grunnskole 05 B (ungdomstrinn)", staff=30),
    ]
    result = run(_with_school(staff=60), new)
    assert {"unit-renamed:v-05", "unit-added:v-05b"} <= ids(result)
    assert "unit-split" not in _unit_kinds(result)


def test_a_unit_that_grows_its_name_while_an_unrelated_sibling_goes_is_no_merge() -> None:
    new = edit(without(base_units(), "v-beta"), "v-alfa", name="Alfa skole og SFO")
    result = run(base_units(), new)
    assert {"unit-renamed:v-alfa", "unit-removed:v-beta"} <= ids(result)
    assert "unit-merged" not in _unit_kinds(result)


def test_numbered_areas_are_not_each_other() -> None:
    old = [*base_units(), unit("v-rus-1", "ks-a", 3, name="Rus og psykisk helse, område 1")]
    new = [*base_units(), unit("v-rus-2", "ks-a", 3, name="Rus og psykisk helse, område 2")]
    assert {"unit-removed:v-rus-1", "unit-added:v-rus-2"} <= ids(run(old, new))


# Tour J #3: the merged unit under another kommunalsjef (forslag-8): Konnerud (80, kd5) and
# Strømsø/Tangen (90, kd7) under Hjemmetjenester became one unit of 170 (kd5, kd7) under Helse.
KD57 = {"kommunedeler": [{"id": "kd5", "name": "Konnerud"}, {"id": "kd7", "name": "Strømsø/Tangen"}]}


def _care(uid: str, name: str, parent: str, staff: int | None, kds: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"name": name, "kind": "virksomhet", "kommunedeler": kds}
    if staff is not None:
        fields["staff"] = staff
    return unit(uid, parent, 3, **fields)


def _two_care(staff: tuple[int | None, int | None] = (80, 90)) -> list[dict[str, Any]]:
    return [
        *base_units(),
        unit("ks-helse", "dir-a", 2, name="Helsetjenester"),
        _care("v-konnerud", "Omsorgstjenester Konnerud", "ks-a", staff[0], ["kd5"]),
        _care("v-stromso", "Omsorgstjenester Strømsø/Tangen", "ks-a", staff[1], ["kd7"]),
    ]


def _merged_under_helse(staff: int | None = 170, kds: list[str] | None = None) -> list[dict[str, Any]]:
    name = "Omsorgstjenester Konnerud og Strømsø/Tangen"
    merged = _care("v-ks", name, "ks-helse", staff, ["kd5", "kd7"] if kds is None else kds)
    return [*without(_two_care(), "v-konnerud", "v-stromso"), merged]


def test_a_merger_into_a_unit_under_another_kommunalsjef_is_a_merger_that_moved() -> None:
    result = run(_two_care(), _merged_under_helse(), **KD57)
    assert _unit_kinds(result) == {"unit-merged"}
    merge = _only(result, "unit-merged")
    assert merge.id == "unit-merged:v-konnerud+v-stromso->v-ks"
    assert merge.message.startswith(
        "'Omsorgstjenester Konnerud' (v-konnerud) and 'Omsorgstjenester Strømsø/Tangen' (v-stromso) "
        "merged into 'Omsorgstjenester Konnerud og Strømsø/Tangen' (v-ks), which reports to "
        "'Helsetjenester' (ks-helse) (moved from 'Hjemmetjenester' (ks-a)): 2 leader posts become one; "
        "81 people get a new personnel leader"
    )
    assert result.people.new_leader == 171  # everyone in it has a new leader above: the move


def test_a_merger_under_another_kommunalsjef_is_told_by_the_places_when_no_staff_is_stated() -> None:
    result = run(_two_care((None, None)), [*_merged_under_helse(None)], **KD57)
    assert _unit_kinds(result) == {"unit-merged"}


def test_names_alone_under_another_kommunalsjef_are_no_merger() -> None:
    """Neither places nor people back the names: two units closed, another opened elsewhere."""
    old = _two_care((None, None))
    result = run(old, _merged_under_helse(None, kds=[]), **KD57)
    assert {"unit-removed:v-konnerud", "unit-removed:v-stromso", "unit-added:v-ks"} <= ids(result)
    assert "unit-merged" not in _unit_kinds(result)


def test_staff_that_does_not_add_up_under_another_kommunalsjef_is_no_merger() -> None:
    """80 + 90 is not 120: the places held do not outweigh the people stated."""
    result = run(_two_care(), _merged_under_helse(120), **KD57)
    assert "unit-merged" not in _unit_kinds(result)


def test_a_split_whose_parts_sit_under_another_kommunalsjef() -> None:
    old = [
        *base_units(),
        unit("ks-helse", "dir-a", 2, name="Helsetjenester"),
        _care("v-ks", "Omsorgstjenester", "ks-a", 170, ["kd5", "kd7"]),
    ]
    new = [
        *without(old, "v-ks"),
        _care("v-konnerud", "Omsorgstjenester Konnerud", "ks-helse", 80, ["kd5"]),
        _care("v-stromso", "Omsorgstjenester Strømsø/Tangen", "ks-helse", 90, ["kd7"]),
    ]
    result = run(old, new, **KD57)
    assert _unit_kinds(result) == {"unit-split"}
    assert "which report to 'Helsetjenester' (ks-helse) (moved from 'Hjemmetjenester' (ks-a))" in (
        _only(result, "unit-split").message
    )


def test_a_split_says_which_part_each_avdeling_goes_with() -> None:
    """Tour J #4: Voksenopplæringen into Nord and Sør, its three avdelinger shared between them."""
    avd = {"level": 4, "kind": "avdeling"}
    old = [
        *base_units(),
        _school("v-vo", "Voksenopplæringen", staff=40),
        unit("avd-norsk", "v-vo", name="Norskopplæring", **avd),
        unit("avd-grunnskole", "v-vo", name="Grunnskoleopplæring", **avd),
        unit("avd-sprak", "v-vo", name="Språktjenester", **avd),
    ]
    new = [
        *without(old, "v-vo", "avd-norsk", "avd-grunnskole", "avd-sprak"),
        _school("v-vo-nord", "Voksenopplæringen Nord", staff=20),
        _school("v-vo-sor", "Voksenopplæringen Sør", staff=20),
        unit("avd-norsk", "v-vo-nord", name="Norskopplæring", **avd),
        unit("avd-grunnskole", "v-vo-sor", name="Grunnskoleopplæring", **avd),
        unit("avd-sprak", "v-vo-nord", name="Språktjenester", **avd),
    ]
    split = _only(run(old, new), "unit-split")
    assert (
        "which report to 'Skole' (ks-b): one leader post becomes 2; 'Norskopplæring' (avd-norsk) and "
        "'Språktjenester' (avd-sprak) go with 'Voksenopplæringen Nord' (v-vo-nord); 'Grunnskoleopplæring' "
        "(avd-grunnskole) goes with 'Voksenopplæringen Sør' (v-vo-sor); 22 people get a new personnel leader"
    ) in split.message
