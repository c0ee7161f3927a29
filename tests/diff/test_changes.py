"""Each change kind, on small models: reported once, naming the unit, with before and after."""

from __future__ import annotations

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.diff import KINDS, diff_models

from .helpers import SECTIONS, base_units, edit, ids, kinds, load_model, org, run, unit, without


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
        "supervision-changed",
        "unit-decides-changed",
        "unit-delivers-changed",
        "unit-kommunedeler-changed",
        "unit-sites-changed",
    ]


def test_elements_added_removed_changed() -> None:
    old = org(
        base_units(),
        kommunedeler=[{"id": "kd1", "name": "Nord"}, {"id": "kd9", "name": "Borte"}],
        sites=[{"id": "s1", "name": "Huset"}],
        services=[{"id": "tj", "name": "Tjeneste"}],
        personas=[{"id": "kari", "name": "Kari", "needs": ["tj"]}],
    )
    new = org(
        base_units(),
        kommunedeler=[{"id": "kd1", "name": "Nord-Øst"}],
        sites=[{"id": "s1", "name": "Huset"}, {"id": "s2", "name": "Hallen"}],
        services=[{"id": "tj", "name": "Tjeneste", "vedtak": True}],
        personas=[{"id": "kari", "name": "Kari", "needs": []}, {"id": "per", "name": "Per"}],
    )
    assert ids(diff_models(old, new)) == {
        "kommunedel-changed:kd1",
        "kommunedel-removed:kd9",
        "site-added:s2",
        "service-changed:tj",
        "persona-changed:kari",
        "persona-added:per",
    }


def _places() -> dict:  # type: ignore[type-arg]
    return {
        "kommunedeler": [{"id": "kd1", "name": "Nord"}, {"id": "kd2", "name": "Sør"}],
        "services": [
            {"id": "hjemme", "name": "Hjemmetjenester", "vedtak": True, "local": True},
            {"id": "bistand", "name": "Bistand", "vedtak": True},
        ],
        "personas": [{"id": "kari", "name": "Kari", "kommunedel": "kd2", "needs": ["hjemme", "bistand"]}],
    }


def _care(**sor: object) -> list:  # type: ignore[type-arg]
    units = edit(base_units(), "v-nord", kommunedeler=["kd1"], delivers=["hjemme"])
    units = edit(units, "v-sor", **{"kommunedeler": ["kd2"], "delivers": ["hjemme"], **sor})
    units += [
        unit("tildeling", "ks-a", 3, name="Tildeling", decides=["hjemme"]),
        unit("tildeling-2", "ks-b", 3, name="Bistandskontor", decides=["bistand"], delivers=["bistand"]),
    ]
    return units


def test_local_service_uncovered_and_covered() -> None:
    old, new = _care(), _care(kommunedeler=["kd1"])
    result = run(old, new, **_places())
    assert "service-uncovered:hjemme@kd2" in ids(result)
    back = run(new, old, **_places())
    assert "service-covered:hjemme@kd2" in ids(back)
    table = next(t for t in result.metrics if t.name == "local-services-per-kommunedel")
    assert [(r.key, r.before, r.after) for r in table.rows if r.changed] == [("kd2", 1, 0)]


def test_a_service_no_longer_local_is_one_service_change_not_a_loss_in_every_kommunedel() -> None:
    places = _places()
    was_local = run(_care(), _care(), **places)
    assert was_local.changes == []
    not_local = {**places, "services": [dict(places["services"][0], local=False), places["services"][1]]}
    result = diff_models(org(_care(), **places), org(_care(), **not_local))
    assert kinds(result) == [("service-changed", "hjemme")]
    assert result.changes[0].message == "service 'Hjemmetjenester' (hjemme): local yes -> no"


def test_persona_gets_a_different_deciding_unit_and_contact_unit() -> None:
    old = _care()
    new = edit(_care(), "tildeling", decides=["hjemme", "bistand"])
    new = edit(new, "tildeling-2", decides=None)
    result = run(old, new, **_places())
    change = next(c for c in result.changes if c.kind == "persona-decider-changed")
    assert (
        change.unit == "kari"
        and change.before == ["tildeling", "tildeling-2"]
        and change.after == ["tildeling"]
    )
    assert result.people.personas == ("kari",)
    saks = next(t for t in result.metrics if t.name == "persona-saksbehandlere")
    assert [(r.before, r.after) for r in saks.rows] == [(2, 1)]
    moved = edit(_care(), "v-sor", kommunedeler=["kd1"])
    moved = edit(moved, "v-nord", kommunedeler=["kd2"])
    contact = run(old, moved, **_places())
    assert "persona-contact-changed:kari" in ids(contact)


def test_span_changed_names_the_leader_and_the_bucket() -> None:
    new = edit(edit(base_units(), "avd-1", parent="v-beta"), "v-beta", staff=8)
    result = run(base_units(), new)
    span = next(c for c in result.changes if c.kind == "span-changed" and c.unit == "v-beta")
    assert (span.unit, span.before, span.after) == ("v-beta", 6, 9)
    assert span.message == "'Beta skole' (v-beta) now has 9 direct reports, was 6 (bucket 4-7 -> 8-12)"
    buckets = next(t for t in result.metrics if t.name == "span-buckets")
    changed = {r.key: (r.before, r.after) for r in buckets.rows if r.changed}
    assert changed == {"4-7": (2, 1), "8-12": (1, 3), "13-16": (1, 0)}


def _finding(
    code: str, unit: str, message: str, line: int, severity: Severity = Severity.ERROR
) -> Diagnostic:
    return Diagnostic("m.yaml", line, 1, code, "rule", severity, message, unit=unit)


def test_rule_delta_matches_by_fingerprint_not_line() -> None:
    old = [_finding("OM1", "v-beta", "too small", 10), _finding("OM2", "v-nord", "kept", 20)]
    new = [
        _finding("OM2", "v-nord", "kept", 99),
        _finding("OM3", "v-alfa", "too big", 5, Severity.WARNING),
    ]
    result = diff_models(org(base_units()), org(base_units()), old_findings=old, new_findings=new)
    assert result.findings is not None
    assert [d.code for d in result.findings.new] == ["OM3"]
    assert [d.code for d in result.findings.resolved] == ["OM1"]
    assert [d.line for d in result.findings.unchanged] == [99]
    assert ids(result) == {"finding-new:OM3:v-alfa", "finding-resolved:OM1:v-beta"}
    assert next(c for c in result.changes if c.kind == "finding-new").severity == "warning"


def test_rule_delta_follows_a_renamed_unit() -> None:
    new_units = edit(base_units(), "v-beta", id="v-beta-2", name="Beta skole og SFO")
    old = [_finding("OM1", "v-beta", "too small", 10)]
    new = [_finding("OM1", "v-beta-2", "too small", 10)]
    result = diff_models(org(base_units()), org(new_units), old_findings=old, new_findings=new)
    assert result.findings is not None and len(result.findings.unchanged) == 1


def test_allow_marks_changes_but_keeps_them() -> None:
    result = diff_models(
        org(base_units()),
        org(edit(base_units(), "v-beta", staff=7, leader="Rektor")),
        allow=["staff-changed:v-beta"],
    )
    allowed = {c.id: c.allowed for c in result.changes}
    assert allowed == {"staff-changed:v-beta": True, "leader-changed:v-beta": False}


def test_every_kind_has_a_group_and_a_description() -> None:
    groups = {"people", "structure", "places", "services", "principles"}
    assert all(kind.group in groups and kind.meaning and kind.one and kind.many for kind in KINDS.values())
    assert len(KINDS) == len(set(KINDS))


def test_every_kind_is_produced_by_some_edit() -> None:
    from orgmodel.diff.run import compare
    from orgmodel.diff.sources import Side

    from .test_snapshots import FIXTURES

    seen: set[str] = set()
    old = (FIXTURES / "old.yaml").read_bytes()
    new = (FIXTURES / "new.yaml").read_bytes()
    report = compare(
        Side("a", "dir", {"x.yaml": old, "gone.yaml": old.replace(b'"9999"', b'"9998"')}),
        Side("b", "dir", {"x.yaml": new, "new.yaml": new}),
        None,
        rules=[],
    )
    seen |= {c.kind for c in report.changes}
    both = [new, old]
    for first, second in (both, both[::-1]):
        checked = compare(Side("a", "file", {"": first}), Side("b", "file", {"": second}), None)
        seen |= {c.kind for c in checked.changes}
    extra: dict[str, list[dict[str, object]]] = {"kommunedeler": [{"id": "kd1", "name": "Nord"}]}
    before = org(base_units(), sites=[{"id": "s1", "name": "Huset"}, {"id": "s9", "name": "Borte"}], **extra)
    after = org(base_units(), sites=[{"id": "s1", "name": "Huset", "kind": "knutepunkt"}], **extra)
    seen |= {c.kind for c in diff_models(before, after).changes}
    units = edit(base_units(), "v-nord", supervises=["v-alfa"], role="authority", pilot=True, budget=True)
    seen |= {c.kind for c in run(base_units(), units).changes}
    seen |= {c.kind for c in run(base_units(), edit(base_units(), "avd-1", kind="virksomhet")).changes}
    seen |= {c.kind for c in run(base_units(), _shifted(base_units(), 1)).changes}
    seen |= {c.kind for c in run(edit(base_units(), "v-nord", functional=["dir-b"]), base_units()).changes}
    split = [
        *without(base_units(), "v-nord", "v-sor", "avd-1"),
        unit("v-ns", "ks-a", 3, name="Hjemmetjenester Nord/Sør"),
    ]
    seen |= {c.kind for c in run(split, base_units()).changes} | {
        c.kind for c in run(base_units(), split).changes
    }
    seen |= {c.kind for c in run(_care(), edit(_care(), "v-sor", kommunedeler=["kd1"]), **_places()).changes}
    seen |= {c.kind for c in run(edit(_care(), "v-sor", kommunedeler=["kd1"]), _care(), **_places()).changes}
    findings = [_finding("OM1", "v-beta", "x", 1)]
    seen |= {
        c.kind
        for c in diff_models(
            org(base_units()), org(base_units()), old_findings=findings, new_findings=[]
        ).changes
    }
    seen |= {
        c.kind
        for c in diff_models(
            org(base_units()), org(base_units()), old_findings=[], new_findings=findings
        ).changes
    }
    other = [_finding("OM1", "v-beta", "y", 2)]
    seen |= {
        c.kind
        for c in diff_models(
            org(base_units()), org(base_units()), old_findings=findings, new_findings=other
        ).changes
    }
    extra = {"kommunedeler": [{"id": "kd1", "name": "Nord"}, {"id": "kd2", "name": "Sør"}]}
    places = org(base_units(), **extra, personas=[{"id": "p", "name": "P", "kommunedel": "kd1"}])
    moved = org(
        edit(base_units(), "v-nord", sites=["s1"], delivers=["tj"]),
        kommunedeler=[{"id": "kd1", "name": "Nord-Øst"}, {"id": "kd3", "name": "Vest"}],
        sites=[{"id": "s1", "name": "Huset"}],
        services=[{"id": "tj", "name": "Tjeneste"}],
        personas=[{"id": "p", "name": "P", "kommunedel": "kd3"}],
    )
    seen |= {c.kind for c in diff_models(places, moved).changes}
    quiet = diff_models(
        org(base_units()), org(base_units()), old_findings=findings, new_findings=[], new_silenced=findings
    )
    seen |= {c.kind for c in quiet.changes}
    pair = [load_model(SECTIONS / "old.yaml"), load_model(SECTIONS / "new.yaml")]
    seen |= {c.kind for c in diff_models(*pair).changes}
    # the suppression kinds come from the checked files (run.py), tested in test_suppressions.py
    assert set(KINDS) - seen == {"suppression-added", "suppression-removed"}
