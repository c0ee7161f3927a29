"""The rule delta: findings matched by fingerprint (rule, unit, what is breached), never by message."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.diff import diff_models
from orgmodel.diff.findings import finding_changes, finding_delta
from orgmodel.diff.result import DiffResult
from orgmodel.diff.run import DiffReport, FileDiff

from .helpers import base_units, org

# Two home-care districts under one kommunalsjef; Nord's staff is far above any span limit
# and many times Sør's size, so it carries two findings whose messages quote the staff number.
MODEL = """\
orgmodel: 1
kommune: Eksempel
kommunedeler:
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}
units:
  - {id: radmann, name: Rådmannens lederteam, level: 1, leader: Rådmann, budget: true}
  - {id: dir-omsorg, name: Omsorg, level: 1, parent: radmann, leader: Direktør, budget: true}
  - {id: ks-hjemme, name: Hjemmetjenester, level: 2, parent: dir-omsorg, leader: Kommunalsjef, budget: true}
  - id: hjemme-nord
    name: Hjemmetjenester Nord
    kind: virksomhet
    level: 3
    parent: ks-hjemme
    leader: Virksomhetsleder
    staff: {staff}
    budget: true
    kommunedeler: [kd1]
  - id: hjemme-sor
    name: Hjemmetjenester Sør
    kind: virksomhet
    level: 3
    parent: ks-hjemme
    leader: Virksomhetsleder
    staff: 19
    budget: true
    kommunedeler: [kd2]
"""


def _diag(code: str, unit: str | None, message: str, line: int = 1, **kw: object) -> Diagnostic:
    return Diagnostic("m.yaml", line, 5, code, "rule", Severity.ERROR, message, unit=unit, **kw)  # type: ignore[arg-type]


def _write(tmp_path: Path, name: str, staff: int) -> str:
    path = tmp_path / name
    path.write_text(MODEL.replace("{staff}", str(staff)), encoding="utf-8")
    return str(path)


def test_fingerprint_ignores_message_numbers_line_and_path() -> None:
    a = _diag("OM120", "u1", "a span of 62", line=40)
    b = Diagnostic("other.yaml", 41, 9, "OM120", "x", Severity.WARNING, "a span of 63 staff", unit="u1")
    assert a.fingerprint == b.fingerprint
    assert len(a.fingerprint) == 16 and int(a.fingerprint, 16) >= 0
    assert _diag("OM120", "u2", "a span of 62").fingerprint != a.fingerprint
    assert _diag("OM121", "u1", "a span of 62").fingerprint != a.fingerprint
    low, high = _diag("OM120", "u1", "x", key="min"), _diag("OM120", "u1", "x", key="max")
    assert low.fingerprint != high.fingerprint


def test_fingerprint_without_unit_uses_key_else_message_without_digits() -> None:
    moved = _diag("OM011", None, "units[3]: unknown key 'parnet'", line=12)
    shifted = _diag("OM011", None, "units[14]: unknown key 'parnet'", line=80)
    assert moved.fingerprint == shifted.fingerprint
    assert _diag("OM011", None, "units[3]: unknown key 'nivå'").fingerprint != moved.fingerprint
    assert _diag("OM011", None, "a", key="k").fingerprint == _diag("OM011", None, "b", key="k").fingerprint


def test_to_dict_carries_key_and_fingerprint() -> None:
    data = _diag("OM120", "u1", "m", key="max").to_dict()
    assert data["key"] == "max"
    assert data["fingerprint"] == _diag("OM120", "u1", "other", key="max").fingerprint


def test_changed_numbers_are_changed_not_new_and_resolved() -> None:
    old = [_diag("OM120", "u1", "span of 62 (0 + 62 staff)", line=40), _diag("OM260", "u1", "63 people")]
    new = [_diag("OM120", "u1", "span of 63 (0 + 63 staff)", line=41), _diag("OM260", "u1", "64 people")]
    delta = finding_delta(old, new)
    assert (len(delta.new), len(delta.resolved), len(delta.unchanged)) == (0, 0, 0)
    assert [(b.message, a.message) for b, a in delta.changed] == [
        ("span of 62 (0 + 62 staff)", "span of 63 (0 + 63 staff)"),
        ("63 people", "64 people"),
    ]
    changes = finding_changes(delta)
    assert [c.id for c in changes] == ["finding-changed:OM120:u1", "finding-changed:OM260:u1"]
    assert changes[0].message == "changed error: OM120 rule: span of 63 (0 + 63 staff) (was 62)"


def _was(before: str, after: str) -> str:
    (change,) = finding_changes(finding_delta([_diag("OM1", "u", before)], [_diag("OM1", "u", after)]))
    prefix = f"changed error: OM1 rule: {after}"
    assert change.message.startswith(prefix)
    return change.message[len(prefix) :]


def test_the_was_part_is_read_off_the_old_message_s_values() -> None:
    """Tester defect 16: no "(was Nord', 62)" or "(was 63 (1, leader)" fragments."""
    span = "'{}' (u) has a span of control of {} ({} unit {} + {} staff), above the maximum of 60"
    merged = (span.format("Nord", 62, 0, "leaders", 62), span.format("Nord og Sør", 80, 0, "leaders", 80))
    assert _was(*merged) == " (was 62)"  # the new name is a rename, reported on its own
    renamed = ("'Nord' (nord) has 26 people, 3.7 times", "'Nordre' (nordre) has 28 people, 4.0 times")
    assert _was(*renamed) == " (was 26 people, 3.7 times)"  # a new id is a rename too
    hub = "kommunedel 3 {} (kd3) has no lokalt knutepunkt, {} units"
    assert _was(hub.format("Vest", 4), hub.format("Vest og Sentrum", 5)) == " (was 4)"  # a kommunedel's name
    # only the kommunedel's name changed: the same breach, unchanged (tour F finding 13)
    renamed_only = finding_delta(
        [_diag("OM1", "u", hub.format("Vest", 4))], [_diag("OM1", "u", hub.format("Vest og Sentrum", 4))]
    )
    assert len(renamed_only.unchanged) == 1 and not renamed_only.changed
    moved = (span.format("Nord", 63, 1, "leader", 62), span.format("Nord", 62, 0, "leaders", 62))
    assert _was(*moved) == " (was 63 (1 unit leader + 62 staff))"
    sizes = ("'A' (a) has 63 people, 3.3 times 'B' (b) (19)", "'A' (a) has 64 people, 3.4 times 'B' (b) (19)")
    assert _was(*sizes) == " (was 63 people, 3.3 times)"
    near = ("10 units (a, b and 8 more) share 10 sites", "9 units (a, b and 7 more) share 9 sites")
    assert _was(*near) == " (was 10 units (a, b and 8 more) share 10 sites)"
    far = tuple(t.replace("a, b", "virk-oms-mjondalen, virk-oms-krokstadelva") for t in near)
    assert _was(*far) == " (was 10 units, 8 more, 10 sites)"  # too long as one phrase: each value named
    other = ("the leader has no budget", "the leader has 2 budgets")
    assert _was(*other) == " (was: the leader has no budget)"  # other words: the old message whole


def test_a_bokmal_plural_is_one_template_as_an_english_one() -> None:
    """Tour L: nb showed '(var: <the whole old message>)' where English showed '(was 46 (...))'."""
    span = "'B' (b) har et lederspenn på {} ({} + {}), over regelsettets varslingsgrense på 30"
    was = span.format(46, "0 enhetsledere", "46 ansatte")
    assert (
        _was(was, span.format(47, "1 enhetsleder", "46 ansatte")) == " (was 46 (0 enhetsledere + 46 ansatte))"
    )
    one = span.format(1, "0 enhetsledere", "1 ansatt")
    assert _was(span.format(2, "0 enhetsledere", "2 ansatte"), one) == " (was 2)"  # one value, repeated
    units = ("'A' (a) møter {} enheter", "'A' (a) møter {} enhet")
    assert _was(units[0].format(2), units[1].format(1)) == " (was 2)"
    other = ("'A' (a) har ingen leder", "'A' (a) har 2 ledere")
    assert _was(*other).startswith(" (was: ")  # other words: still the old message whole


def test_a_rename_leaves_the_finding_unchanged() -> None:
    """Tour F finding 13: 'Barnevern' -> 'Barnevern og familie' made its span finding "changed"."""
    span = "'{}' ({}) has a span of control of 75 (1 unit leader + 74 staff), above the maximum of 60"
    for after in (span.format("Barnevern og familie", "bv"), span.format("Barnevern", "bv-familie")):
        delta = finding_delta(
            [_diag("OM120", "bv", span.format("Barnevern", "bv"))], [_diag("OM120", "bv", after)]
        )
        assert len(delta.unchanged) == 1 and not delta.changed and not delta.new and not delta.resolved
    raised = finding_delta(
        [_diag("OM120", "bv", span.format("Barnevern", "bv"))],
        [
            _diag(
                "OM120",
                "bv",
                span.format("Barnevern og familie", "bv").replace(
                    "75 (1 unit leader + 74", "76 (1 unit leader + 75"
                ),
            )
        ],
    )
    assert len(raised.changed) == 1  # other numbers: changed, renamed or not


def test_another_id_among_the_examples_is_unchanged_and_other_numbers_are_short() -> None:
    """Tour F findings 13 and 16: OM230's example list changed ids, and "(was: <the whole message>)"."""
    unknown = "'p' is unknown: {} units ({} and {} more) share only placeholder sites with their partners"
    was = unknown.format(10, "virk-oms-mjondalen, virk-oms-krokstadelva", 8)
    same = finding_delta(
        [_diag("OM230", "s", was)],
        [_diag("OM230", "s", unknown.format(10, "virk-oms-mjondalen, virk-oms-ny", 8))],
    )
    assert len(same.unchanged) == 1 and not same.changed
    now = unknown.format(9, "virk-oms-mjondalen, virk-oms-ny", 7)
    assert _was(was, now) == " (was 10 units, 8 more)"


def test_same_fingerprint_pairs_identical_messages_first() -> None:
    old = [_diag("OM1", "u", "b"), _diag("OM1", "u", "a")]
    new = [_diag("OM1", "u", "a"), _diag("OM1", "u", "c")]
    delta = finding_delta(old, new)
    assert [d.message for d in delta.unchanged] == ["a"]
    assert [(b.message, a.message) for b, a in delta.changed] == [("b", "c")]


def test_key_separates_what_is_breached() -> None:
    delta = finding_delta([_diag("OM1", "u", "x", key="min")], [_diag("OM1", "u", "x", key="max")])
    assert len(delta.new) == len(delta.resolved) == 1 and not delta.changed
    assert [c.id for c in finding_changes(delta)] == ["finding-new:OM1:u:max", "finding-resolved:OM1:u:min"]


def test_renamed_unit_keeps_its_findings() -> None:
    units = base_units()
    renamed = [dict(u, id="v-nord-ny") if u["id"] == "v-nord" else u for u in units]
    result = diff_models(
        org(units),
        org(renamed),
        old_findings=[_diag("OM1", "v-nord", "span 10")],
        new_findings=[_diag("OM1", "v-nord-ny", "span 11")],
    )
    assert result.findings is not None
    assert len(result.findings.changed) == 1 and not result.findings.new


def test_cli_staff_62_to_63_gives_two_changed_and_passes_the_gate(tmp_path: Path) -> None:
    old, new = _write(tmp_path, "old.yaml", 162), _write(tmp_path, "new.yaml", 163)
    runner = CliRunner()
    text = runner.invoke(app, ["diff", old, new, "--ruleset", "default", "--fail-on-new", "error"])
    assert text.exit_code == 0, text.stdout
    assert "0 new findings, 0 resolved, 2 changed, " in text.stdout
    out = runner.invoke(app, ["diff", old, new, "--ruleset", "default", "--format", "json"])
    findings = json.loads(out.stdout)["files"][0]["findings"]
    assert (len(findings["new"]), len(findings["resolved"]), len(findings["changed"])) == (0, 0, 2)
    assert {c["after"]["unit"] for c in findings["changed"]} == {"hjemme-nord"}
    assert all(c["before"]["fingerprint"] == c["after"]["fingerprint"] for c in findings["changed"])
    assert all(c["before"]["line"] == c["after"]["line"] == 16 for c in findings["changed"])


def test_a_severity_that_rises_to_the_gate_fails_it() -> None:
    was = Diagnostic("m", 1, 1, "OM1", "rule", Severity.WARNING, "x 1", unit="u")
    (change,) = finding_changes(finding_delta([was], [_diag("OM1", "u", "x 2")]))
    assert change.message == "changed warning -> error: OM1 rule: x 2 (was 1)"
    report = DiffReport("a", "b", [FileDiff("a", "b", DiffResult("a", "b", [change]))])
    assert report.fails(Severity.ERROR) and report.fails(Severity.WARNING) is False


_DIAGS = st.lists(
    st.builds(
        lambda code, unit, key, message, sev: Diagnostic(
            "m.yaml", 1, 1, code, "rule", sev, message, unit=unit, key=key
        ),
        st.sampled_from(["OM1", "OM2"]),
        st.one_of(st.none(), st.sampled_from(["a", "b"])),
        st.one_of(st.none(), st.sampled_from(["max", "min"])),
        st.sampled_from(["x 1", "x 2", "y"]),
        st.sampled_from(list(Severity)),
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(_DIAGS, _DIAGS)
def test_every_finding_lands_in_exactly_one_group(old: list[Diagnostic], new: list[Diagnostic]) -> None:
    delta = finding_delta(old, new)
    after = [*delta.new, *delta.unchanged, *(a for _, a in delta.changed)]
    before = [*delta.resolved, *(b for b, _ in delta.changed)]
    assert sorted(map(id, after)) == sorted(map(id, new))
    assert len(before) + len(delta.unchanged) == len(old)
    assert all(b.fingerprint == a.fingerprint for b, a in delta.changed)
    assert not {d.fingerprint for d in delta.new} & {d.fingerprint for d in delta.resolved}
    assert finding_delta(new, new).new == [] and finding_delta(new, new).changed == []


@settings(max_examples=200, deadline=None)
@given(_DIAGS, _DIAGS, st.sampled_from([{"a": ("b",)}, {"a": ("a", "b")}, {"a": ("b",), "b": ("b",)}]))
def test_with_merges_and_splits_every_new_finding_lands_in_one_group_and_no_old_is_lost(
    old: list[Diagnostic], new: list[Diagnostic], regrouped: dict[str, tuple[str, ...]]
) -> None:
    delta = finding_delta(old, new, regrouped=regrouped)
    carried = [c.after for c in delta.carried]
    after = [*delta.new, *delta.unchanged, *(a for _, a in delta.changed), *carried]
    assert sorted(map(id, after)) == sorted(map(id, new))
    before = {id(d) for d in [*delta.resolved, *(b for b, _ in delta.changed)]}
    before |= {id(d) for c in delta.carried for d in c.before}
    assert before <= {id(d) for d in old}
    assert all(c.before and all(d.unit in regrouped for d in c.before) for c in delta.carried)
    assert not {id(d) for d in delta.resolved} & {id(d) for c in delta.carried for d in c.before}
