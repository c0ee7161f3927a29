"""Who decides a service, one line per service (tour L: vedtak on tvang moved unseen; re-tour R item 6)."""

from __future__ import annotations

from typing import Any

from .helpers import base_units, edit, run, unit, without

SERVICES = {
    "services": [
        {"id": "tvang", "name": "Tvang og makt (kap. 9)", "category": "helse-og-omsorg"},
        {"id": "hjemme", "name": "Hjemmesykepleie", "category": "helse-og-omsorg"},
    ]
}


def _with_office() -> list[dict[str, Any]]:
    office = unit("tk", "ks-a", 3, name="Tjenestekontoret", kind="virksomhet", authority_level=2)
    return [*edit(base_units(), "v-nord", delivers=["hjemme"]), {**office, "decides": ["tvang", "hjemme"]}]


def test_a_vedtak_moved_from_a_removed_unit_to_a_new_avdeling_is_said_with_its_level() -> None:
    bofellesskap = unit("avd-bo", "v-sor", 4, name="Bofellesskapet", kind="avdeling", authority_level=3)
    new = [
        *edit(without(_with_office(), "tk"), "v-nord", decides=["hjemme"]),
        {**bofellesskap, "decides": ["tvang"]},
    ]
    changes = {c.id: c for c in run(_with_office(), new, **SERVICES).changes}
    tvang = changes["service-decider-changed:tvang"]
    assert tvang.message == (
        "vedtak on 'Tvang og makt (kap. 9)' (tvang) are now decided by 'Bofellesskapet' (avd-bo; avdeling, "
        "level 4, fullmaktsnivå 3); before by 'Tjenestekontoret' (tk; virksomhet, level 3, fullmaktsnivå 2)"
    )
    assert (tvang.before, tvang.after) == (["tk"], ["avd-bo"])
    hjemme = changes["service-decider-changed:hjemme"]  # to a unit on both sides, from a removed one
    assert "now decided by 'Hjemmetjenester Nord' (v-nord; virksomhet, level 3)" in hjemme.message


def test_a_move_between_units_on_both_sides_is_one_line_per_service_and_no_unit_line() -> None:
    # byggesak from a virksomhet to an avdeling both models have: said with the levels, once
    new = edit(edit(_with_office(), "tk", decides=["hjemme"]), "v-sor", decides=["tvang"])
    result = run(_with_office(), new, **SERVICES)
    (tvang,) = [c for c in result.changes if c.kind == "service-decider-changed"]
    assert tvang.message == (
        "vedtak on 'Tvang og makt (kap. 9)' (tvang) are now decided by 'Hjemmetjenester Sør' (v-sor; "
        "virksomhet, level 3); before by 'Tjenestekontoret' (tk; virksomhet, level 3, fullmaktsnivå 2)"
    )
    assert (tvang.unit, tvang.before, tvang.after) == (
        "tvang",
        ["tk"],
        ["v-sor"],
    )  # the service, as service-outside
    assert not [c for c in result.changes if c.kind == "unit-decides-changed"]
    assert result.count("service-decider-changed") == 1


def test_a_unit_deciding_a_service_added_to_the_model_is_the_unit_s_own_change() -> None:
    from orgmodel.diff import diff_models

    from .helpers import org

    added = {"services": [*SERVICES["services"], {"id": "ny", "name": "Ny tjeneste", "vedtak": True}]}
    new = edit(_with_office(), "tk", decides=["tvang", "hjemme", "ny"])
    result = diff_models(org(_with_office(), **SERVICES), org(new, **added))
    assert not [c for c in result.changes if c.kind == "service-decider-changed"]
    (own,) = [c for c in result.changes if c.kind == "unit-decides-changed"]
    assert own.message == "'Tjenestekontoret' (tk) now also decides (grants by vedtak) 'Ny tjeneste' (ny)"


def test_district_offices_are_all_named_each_for_its_own_kommunedel() -> None:
    places = {"kommunedeler": [{"id": f"kd{n}", "name": f"Del {n}"} for n in range(1, 5)]}
    districts = [
        {**unit(f"d{n}", "ks-a", 3, name=f"Distrikt {n}", kind="virksomhet"), "kommunedeler": [f"kd{n}"]}
        for n in range(1, 5)
    ]
    new = [*edit(_with_office(), "tk", decides=["tvang"]), *({**d, "decides": ["hjemme"]} for d in districts)]
    old = [*_with_office(), *districts]
    (hjemme,) = [
        c for c in run(old, new, **SERVICES, **places).changes if c.kind == "service-decider-changed"
    ]
    assert hjemme.message == (
        "vedtak on 'Hjemmesykepleie' (hjemme) are now decided by 'Distrikt 1' (d1; virksomhet, level 3), "
        "'Distrikt 2' (d2; virksomhet, level 3), 'Distrikt 3' (d3; virksomhet, level 3) and 'Distrikt 4' "
        "(d4; virksomhet, level 3), each for its own kommunedel; before by 'Tjenestekontoret' (tk; "
        "virksomhet, level 3, fullmaktsnivå 2)"
    )
    assert "more" not in hjemme.message


def test_a_vedtak_no_unit_decides_any_more_and_one_newly_decided() -> None:
    gone = without(_with_office(), "tk")
    (change,) = [c for c in run(_with_office(), gone, **SERVICES).changes if c.id.endswith(":tvang")]
    assert change.message.startswith("vedtak on 'Tvang og makt (kap. 9)' (tvang) are no longer decided by")
    (back,) = [c for c in run(gone, _with_office(), **SERVICES).changes if c.id.endswith(":tvang")]
    assert back.message.endswith("; no unit decided them before")


def test_the_summary_says_a_covered_service_is_counted_per_kommunedel() -> None:
    from orgmodel.diff import KINDS

    assert KINDS["service-covered"].phrase(4) == (
        "4 local services newly delivered in a kommunedel (counted per kommunedel)"
    )
    assert KINDS["service-uncovered"].phrase(1) == "1 local service no longer delivered in a kommunedel"


def _schools(count: int) -> list[dict[str, Any]]:
    return [
        {**unit(f"s{n}", "ks-b", 3, name=f"Skole {n}", kind="virksomhet"), "decides": ["spes"]}
        for n in range(1, count + 1)
    ]


SPES = {"services": [{"id": "spes", "name": "Spesialundervisning", "category": "opplaering"}]}


def _decider_line(old: list[dict[str, Any]], new: list[dict[str, Any]], **extra: Any) -> str:
    (change,) = [c for c in run(old, new, **SPES, **extra).changes if c.kind == "service-decider-changed"]
    return change.message


def test_one_school_more_among_many_deciders_is_said_alone_with_the_count() -> None:
    """Tour O: Langhus skole added to five deciding schools named all five, then all six."""
    five, six = [*base_units(), *_schools(5)], [*base_units(), *_schools(6)]
    assert _decider_line(five, six) == (
        "vedtak on 'Spesialundervisning' (spes) are now also decided by 'Skole 6' (s6; virksomhet, level 3) "
        "(6 deciding units, before 5)"
    )
    assert _decider_line(six, five) == (
        "vedtak on 'Spesialundervisning' (spes) are no longer decided by 'Skole 6' (s6; virksomhet, level 3) "
        "(5 deciding units, before 6)"
    )
    swapped = [*without(six, "s5")]
    assert _decider_line(five, swapped) == (
        "vedtak on 'Spesialundervisning' (spes) are now also decided by 'Skole 6' (s6; virksomhet, level 3) "
        "and no longer by 'Skole 5' (s5; virksomhet, level 3) (5 deciding units, before 5)"
    )
    (change,) = [c for c in run(five, six, **SPES).changes if c.kind == "service-decider-changed"]
    assert change.after == ["s1", "s2", "s3", "s4", "s5", "s6"]  # JSON still lists every decider


def test_few_deciders_or_most_of_them_changed_are_all_named() -> None:
    two, three = [*base_units(), *_schools(2)], [*base_units(), *_schools(3)]
    assert _decider_line(two, three).endswith(
        "; before by 'Skole 1' (s1; virksomhet, level 3) and 'Skole 2' (s2; virksomhet, level 3)"
    )
    # three of four replaced: the one kept is no majority, so both sides are named in full
    kept = [*base_units(), *_schools(1)]
    others = [
        {**unit(uid, "dir-b", 2, name=name, kind="virksomhet", staff=50), "decides": ["spes"]}
        for uid, name in (
            ("ppt", "PPT"),
            ("bup", "Barne- og ungdomspsykiatri"),
            ("larings", "Læringssenteret"),
        )
    ]
    line = _decider_line([*kept, *_schools(4)[1:]], [*kept, *others])
    assert "now decided by 'Skole 1' (s1; virksomhet, level 3), 'PPT'" in line


def test_district_offices_added_to_keep_their_kommunedel_wording() -> None:
    places = {"kommunedeler": [{"id": f"kd{n}", "name": f"Del {n}"} for n in range(1, 6)]}
    offices = [{**school, "kommunedeler": [f"kd{n}"]} for n, school in enumerate(_schools(5), start=1)]
    old = [*base_units(), *offices[:4]]
    assert _decider_line(old, [*base_units(), *offices], **places) == (
        "vedtak on 'Spesialundervisning' (spes) are now also decided by 'Skole 5' (s5; virksomhet, level 3) "
        "(5 deciding units, each for its own kommunedel; before 4)"
    )
