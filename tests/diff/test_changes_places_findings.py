"""Change kinds of places, services, personas and findings, on small models; every kind made by an edit."""

from __future__ import annotations

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.diff import KINDS, diff_models
from orgmodel.schema import OrgModel

from .helpers import SECTIONS, base_units, edit, ids, kinds, load_model, org, run, unit, without
from .test_changes import _shifted
from .test_persona_local import persona_local_diff


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


CARE = {"category": "helse-og-omsorg"}  # persona-saksbehandler's category: its deciders are saksbehandlere


def _places() -> dict:  # type: ignore[type-arg]
    return {
        "kommunedeler": [{"id": "kd1", "name": "Nord"}, {"id": "kd2", "name": "Sør"}],
        "services": [
            {"id": "hjemme", "name": "Hjemmetjenester", "vedtak": True, "local": True, **CARE},
            {"id": "bistand", "name": "Bistand", "vedtak": True, **CARE},
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


def test_a_persona_with_no_need_in_the_categories_has_no_saksbehandlere_row() -> None:
    # tour P, F10: a VA customer (no helse-og-omsorg need) showed "Ola: 0 -> -" among the saksbehandlere
    places = _places()
    places["services"].append({"id": "vann", "name": "Vannforsyning", "category": "vann-og-avlop"})
    places["personas"].append({"id": "ola", "name": "Ola", "kommunedel": "kd1", "needs": ["vann"]})
    old = _care()
    new = edit(_care(), "tildeling", decides=["hjemme", "bistand"])
    new = edit(new, "tildeling-2", decides=None)
    new = edit(new, "v-nord", delivers=["hjemme", "vann"])
    result = run(old, new, **places)
    saks = next(t for t in result.metrics if t.name == "persona-saksbehandlere")
    assert [(r.key, r.before, r.after) for r in saks.rows] == [("kari", 2, 1)]
    contacts = next(t for t in result.metrics if t.name == "persona-contacts")
    assert [r.key for r in contacts.rows] == ["kari", "ola"]  # the units met are counted for every persona


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


def _kinds_of_the_snapshot_files() -> set[str]:
    """The kinds of the snapshot pair, compared as directories and as files, both ways."""
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
    return seen


def _kinds_of_unit_edits() -> set[str]:
    """The kinds of edits to sites and units: lines, roles, kinds, levels, a split and merge, coverage."""
    seen: set[str] = set()
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
    return seen


def _kinds_of_findings_places_and_sections() -> set[str]:
    """The kinds of findings new, resolved, changed and silenced, of places moved, of the sections pair."""
    seen: set[str] = set()
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
    persona = {"id": "p", "name": "P", "kommunedel": "kd1"}
    places = org(base_units(), **extra, personas=[persona], valid_from="2020-01-01")
    moved = org(
        edit(base_units(), "v-nord", sites=["s1"], delivers=["tj"]),
        kommunedeler=[{"id": "kd1", "name": "Nord-Øst"}, {"id": "kd3", "name": "Vest"}],
        sites=[{"id": "s1", "name": "Huset"}],
        services=[{"id": "tj", "name": "Tjeneste"}],
        personas=[{"id": "p", "name": "P", "kommunedel": "kd3"}],
        valid_from="2021-01-01",
    )
    seen |= {c.kind for c in diff_models(places, moved).changes}
    quiet = diff_models(
        org(base_units()), org(base_units()), old_findings=findings, new_findings=[], new_silenced=findings
    )
    seen |= {c.kind for c in quiet.changes}

    def named(suffix: str) -> OrgModel:  # the same kommunedel, site, service and persona, other ids
        return org(
            base_units(),
            kommunedeler=[{"id": f"kd{suffix}", "name": "Nord"}],
            sites=[{"id": f"s{suffix}", "name": "Huset"}],
            services=[{"id": f"tj{suffix}", "name": "Tjeneste"}],
            personas=[{"id": f"p{suffix}", "name": "P", "kommunedel": f"kd{suffix}"}],
        )

    seen |= {c.kind for c in diff_models(named("1"), named("2")).changes}
    pair = [load_model(SECTIONS / "old.yaml"), load_model(SECTIONS / "new.yaml")]
    seen |= {c.kind for c in diff_models(*pair).changes}
    return seen


def _legevakt(*, outside: bool, inside: bool | None = None) -> OrgModel:
    """Legevakt delivered by a virksomhet (``inside``, by default when not ``outside``), by an IKS
    outside the basisorganisasjon (``outside``), or by both."""
    services = [{"id": "legevakt", "name": "Legevakt"}]
    inside = not outside if inside is None else inside
    units = edit(base_units(), "v-nord", delivers=["legevakt"]) if inside else base_units()
    if outside:
        iks = {
            "id": "legevakt-iks",
            "name": "Legevakt IKS",
            "level": 1,
            "kind": "iks",
            "delivers": ["legevakt"],
        }
        units = [*units, iks]
    return org(units, services=services)


def test_a_provider_outside_beside_the_kommunes_own_units_is_no_move_out() -> None:
    # tour N: a private provider of praktisk bistand (fritt brukervalg) beside six own hjemmetjenester
    # was "now delivered from outside the basisorganisasjon" and "1 service moved out" in the summary
    own, both, iks = (
        _legevakt(outside=False),
        _legevakt(outside=True, inside=True),
        _legevakt(outside=True),
    )

    def moved(a: OrgModel, b: OrgModel) -> tuple[str, str]:
        (change,) = [c for c in diff_models(a, b).changes if c.kind.startswith("service-")]
        return change.id, change.message

    assert moved(own, both) == (
        "service-outside-also:legevakt",
        "'Legevakt' (legevakt) is now also delivered from outside the basisorganisasjon, by 'Legevakt IKS' "
        "(legevakt-iks); still by 'Hjemmetjenester Nord' (v-nord)",
    )
    assert moved(both, own) == (
        "service-inside:legevakt",
        "'Legevakt' (legevakt) is no longer delivered from outside the basisorganisasjon (before also by "
        "'Legevakt IKS' (legevakt-iks)); still by 'Hjemmetjenester Nord' (v-nord)",
    )
    assert moved(both, iks) == (  # the own units stopped: now wholly outside, which was missed
        "service-outside:legevakt",
        "'Legevakt' (legevakt) is now delivered only from outside the basisorganisasjon, by 'Legevakt IKS' "
        "(legevakt-iks); before also by 'Hjemmetjenester Nord' (v-nord)",
    )
    assert moved(iks, both) == (
        "service-inside-also:legevakt",
        "'Legevakt' (legevakt) is now also delivered inside the basisorganisasjon, by 'Hjemmetjenester Nord' "
        "(v-nord); still from outside it, by 'Legevakt IKS' (legevakt-iks)",
    )
    assert (
        KINDS["service-outside-also"].phrase(1)
        == "1 service now also delivered from outside the basisorganisasjon"
    )


def test_a_service_moved_into_an_iks_is_said_once_under_services() -> None:
    # an Asker planner's proposal moved legevakt into an IKS: Services said "no change"
    moved = diff_models(_legevakt(outside=False), _legevakt(outside=True))
    (change,) = [c for c in moved.changes if c.kind.startswith("service-")]
    assert change.id == "service-outside:legevakt"
    assert change.message == (
        "'Legevakt' (legevakt) is now delivered from outside the basisorganisasjon, by 'Legevakt IKS' "
        "(legevakt-iks); before by 'Hjemmetjenester Nord' (v-nord)"
    )
    added = next(c for c in moved.changes if c.id == "unit-added:legevakt-iks")
    assert added.message == (
        "'Legevakt IKS' (legevakt-iks) is new, reporting to nobody: it is outside the basisorganisasjon "
        "(kind iks)"
    )
    back = diff_models(_legevakt(outside=True), _legevakt(outside=False))
    (change,) = [c for c in back.changes if c.kind.startswith("service-")]
    assert change.message == (
        "'Legevakt' (legevakt) is now delivered inside the basisorganisasjon, by 'Hjemmetjenester Nord' "
        "(v-nord); before from outside it, by 'Legevakt IKS' (legevakt-iks)"
    )


def _kinds_of_the_outside() -> set[str]:
    pair = (_legevakt(outside=False), _legevakt(outside=True))
    both = _legevakt(outside=True, inside=True)
    changes = [*diff_models(*pair).changes, *diff_models(*reversed(pair)).changes]
    changes += [*diff_models(pair[0], both).changes, *diff_models(pair[1], both).changes]
    return {c.kind for c in changes}


def _kinds_of_other_vedtak() -> set[str]:
    """A vedtak outside persona-saksbehandler's categories (NAV's sosialhjelp) no longer decided."""
    places = _places()
    places["services"][1] = dict(places["services"][1], category="sosial")
    return {c.kind for c in run(_care(), edit(_care(), "tildeling-2", decides=None), **places).changes}


def _kinds_of_a_new_service_decided() -> set[str]:
    """A unit deciding a service only NEW has: the unit's own change (one on both sides: per service)."""
    places = _places()
    added = {**places, "services": [*places["services"], {"id": "ny", "name": "Ny", "vedtak": True}]}
    new = edit(_care(), "tildeling", decides=["hjemme", "ny"])
    return {c.kind for c in diff_models(org(_care(), **places), org(new, **added)).changes}


def test_every_kind_is_produced_by_some_edit() -> None:
    seen = _kinds_of_the_snapshot_files() | _kinds_of_unit_edits() | _kinds_of_findings_places_and_sections()
    seen |= _kinds_of_the_outside() | _kinds_of_other_vedtak() | _kinds_of_a_new_service_decided()
    seen |= {c.kind for c in persona_local_diff().changes}
    # the suppression kinds come from the checked files (run.py), tested in test_suppressions.py
    assert set(KINDS) - seen == {"suppression-added", "suppression-removed"}
