"""The diff's HTML: before and after aligned row by row, unchanged branches collapsed, changes linked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orgmodel.api import compare
from orgmodel.diff.result import DiffResult
from orgmodel.formatters.diff_html import render_body, render_result
from orgmodel.formatters.diff_rows import build_rows, walk_depth
from orgmodel.formatters.html_page import csp

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "diff"


def _result(monkeypatch: pytest.MonkeyPatch) -> DiffResult:
    monkeypatch.chdir(ROOT)
    report = compare("tests/fixtures/diff/old.yaml", "tests/fixtures/diff/new.yaml")
    result = report.files[0].result
    assert result is not None
    return result


def test_rows_pair_each_unit_with_what_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = build_rows(_result(monkeypatch))
    shown = [
        (
            depth,
            node.old.id if node.old else None,
            node.new.id if node.new else None,
            node.merged_into.id if node.merged_into else None,
        )
        for node, depth in walk_depth(rows.roots)
    ]
    assert shown == [
        (0, "radmann", "radmann", None),
        (1, "dir-omsorg", "dir-omsorg", None),
        (2, "ks-hjemme", "ks-hjemme", None),
        (3, "tildeling", "tildeling", None),
        (3, "tildeling-bistand", None, None),  # removed: where it stood in OLD, after its old sibling
        (3, "hjemme-nord", "hjemme-nord", None),
        (3, "hjemme-sor", "hjemme-sor-vest", None),  # a merge: one row per source...
        (3, "hjemme-vest", None, "hjemme-sor-vest"),  # ...the further one: "↳ Hjemmetjenester Sør og Vest"
        (1, "dir-oppvekst", "dir-oppvekst", None),
        (2, "ks-skole", "ks-skole", None),
        (3, "skole-alfa", "skole-alfa", None),
        (4, None, "avd-beta", None),  # renamed and moved: its NEW self at its new place...
        (3, "skole-beta", None, None),  # ...its OLD self at its old place, under Skole
        (2, "ks-kultur", "ks-kultur-frivillighet", None),
        (3, "bibliotek-virk", "bibliotek-virk", None),
        (3, "kino-virk", None, None),
        (3, None, "frivillighet", None),
        (1, "stab", "fellestjenester", None),
        (2, "hr", "hr", None),
        (2, "okonomi", "okonomi", None),
        (2, None, "innkjop", None),
    ]
    assert rows.old_class["hjemme-vest"] == "merged" and rows.new_class["hjemme-sor-vest"] == "merged"
    assert rows.new_class["avd-beta"] == "moved" and rows.old_class["skole-beta"] == "moved"
    assert rows.new_class["ks-kultur-frivillighet"] == "renamed"
    assert rows.new_class["tildeling"] == "changed"
    assert rows.old_class["kino-virk"] == "removed" and rows.new_class["innkjop"] == "added"
    assert [label.text for label in rows.new_labels["avd-beta"]] == [
        "new id (was skole-beta)",
        "moved from Skole",
        "level 3 → 4",
        "leader title Rektor → Avdelingsleder",
    ]
    assert [label.text for label in rows.new_labels["skole-alfa"]] == [
        "direct reports 30 → 31",
        "new finding OM120",
    ]
    assert [label.text for label in rows.old_labels["hjemme-vest"]] == [
        "merged into Hjemmetjenester Sør og Vest",
        "finding OM150 resolved",
    ]


def test_unchanged_branches_are_collapsed(monkeypatch: pytest.MonkeyPatch) -> None:
    html = render_result(_result(monkeypatch))
    summaries = re.findall(r"<summary>(.*?)</summary>", html)
    assert summaries == ["2 units unchanged: HR; Økonomi"]
    # every unit of both sides is on a row, the collapsed ones too
    assert html.count('data-unit="hr"') == 2 and html.count('data-unit="okonomi"') == 2
    assert html.count('class="row"') == 21  # the rows above


def test_each_changed_unit_says_what_changed_and_links_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _result(monkeypatch)
    html = render_result(result)
    moved = next(i for i, c in enumerate(result.changes) if c.id == "unit-moved:avd-beta")
    assert f'<a class="what" href="#c{moved}">moved from Skole</a>' in html
    assert f'<li id="c{moved}">' in html
    item = html.split(f'<li id="c{moved}">', 1)[1].split("</li>", 1)[0]
    assert '<a href="#n-avd-beta">show in the tree</a>' in item
    assert '<div class="row" id="n-avd-beta">' in html
    removed = next(i for i, c in enumerate(result.changes) if c.id == "unit-removed:kino-virk")
    assert '<a href="#o-kino-virk">show in the tree</a>' in html.split(f'<li id="c{removed}">')[1]
    legend = re.search(r'<ul class="legend".*?</ul>', html)
    assert legend is not None
    counts = re.findall(
        r'<span class="sw (\w+)">([^<]+)</span> (\d+) rows?(?: \(and ([^)]+)\))?<', legend.group()
    )
    assert counts == [
        ("added", "added", "2", ""),
        ("removed", "removed", "2", ""),
        ("merged", "merged", "2", ""),  # two sources merged: a row each, as the grid draws them
        ("split", "split", "0", ""),
        ("moved", "moved", "2", ""),  # a row at its old place and one at its new
        ("renamed", "renamed", "2", "2 shown as moved"),  # renamed and moved: coloured as moved, on two rows
        ("changed", "otherwise changed", "5", "2 shown as moved, 2 shown as renamed"),
    ]


def test_the_legend_counts_rows_with_a_change_shown_in_another_colour() -> None:
    """Tour J #5: 'renamed 0 rows' beside '2 units renamed or given new ids' in the summary."""
    report = compare("models/drammen-2020-before.yaml", "models/drammen-2020.yaml")
    html = render_body(report)
    legend = re.search(r'<ul class="legend".*?</ul>', html)
    assert legend is not None
    # each of the two renamed units changed place too: a row at its old place and one at its new
    assert '<span class="sw renamed">renamed</span> 0 rows (and 4 shown as moved)</li>' in legend.group()
    assert "2 units renamed or given new ids" in html


def test_page_is_self_contained_with_a_strict_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    report = compare("tests/fixtures/diff/old.yaml", "tests/fixtures/diff/new.yaml")
    from orgmodel.formatters.diff_html import CSS
    from orgmodel.formatters.html_page import page

    text = page("t", render_body(report), [CSS])
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert policy is not None
    assert policy.group(1).startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe-inline" not in text and "<script" not in text
    assert '<html lang="en">' in text
    assert text.endswith("</body></html>\n")
    assert csp(["a"], ["b"]).split("; ")[2].startswith("script-src 'sha256-")


SMALL = """\
orgmodel: 1
kommune: Liten
units:
  - {id: top, name: Rådmannens lederteam, level: 1, leader: Rådmann, budget: true}
  - {id: skole, name: NAME, kind: virksomhet, level: 2, parent: top, leader: Rektor, staff: 20, budget: true}
"""


def test_total_line_counts_in_words_with_the_right_plural(tmp_path: Path) -> None:
    from orgmodel.formatters.diff_html import total_line

    (tmp_path / "a.yaml").write_text(SMALL.replace("NAME", "Alfa skole"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SMALL.replace("NAME", "Alfa barneskole"), encoding="utf-8")
    report = compare(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert [c.kind for c in report.changes] == ["unit-renamed"]
    assert total_line(report) == "1 change in 1 file (Structure: 1)"
    same = compare(tmp_path / "a.yaml", tmp_path / "a.yaml")
    assert total_line(same) == "0 changes in 1 file"
    html = render_body(same)
    # an Asker adviser read "17 units unchanged: A; B and 13 more" (15 names): the count holds those below
    assert re.findall(r"<summary>(.*?)</summary>", html) == [
        "2 units unchanged: Rådmannens lederteam (with the units under them)"
    ]


def test_a_personnel_cycle_puts_every_unit_on_one_row(tmp_path: Path) -> None:
    cycle = SMALL.replace("NAME", "Alfa skole") + (
        "  - {id: a, name: A, level: 3, parent: b, leader: L, budget: true}\n"
        "  - {id: b, name: B, level: 3, parent: a, leader: L, budget: true}\n"
    )
    (tmp_path / "a.yaml").write_text(SMALL.replace("NAME", "Alfa skole"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(cycle, encoding="utf-8")
    result = compare(tmp_path / "a.yaml", tmp_path / "b.yaml").files[0].result
    assert result is not None
    rows = build_rows(result)
    shown = [(d, n.new.id if n.new else None) for n, d in walk_depth(rows.roots)]
    assert shown == [(0, "top"), (1, "skole"), (0, "a"), (1, "b")]
    assert render_result(result).count('class="row"') == 4


def test_a_model_file_on_one_side_only_shows_every_unit_added_or_removed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    added = compare("/dev/null", "tests/fixtures/diff/new.yaml").files[0].result
    removed = compare("tests/fixtures/diff/old.yaml", "/dev/null").files[0].result
    assert added is not None and removed is not None
    html = render_result(added)
    assert len(re.findall(r'<div class="cell new d\d+ added"', html)) == 17 and "<details" not in html
    html = render_result(removed)
    assert len(re.findall(r'<div class="cell old d\d+ removed"', html)) == 18 and "<details" not in html


def test_the_page_speaks_bokmal_with_lang_nb(monkeypatch: pytest.MonkeyPatch) -> None:
    from orgmodel.formatters.diff_html import CSS
    from orgmodel.formatters.html_page import page
    from orgmodel.i18n import set_language

    monkeypatch.chdir(ROOT)
    report = compare("tests/fixtures/diff/old.yaml", "tests/fixtures/diff/new.yaml")
    set_language("nb")
    try:
        text = page("t", render_body(report), [CSS])
    finally:
        set_language("en")
    assert text.startswith('<!DOCTYPE html>\n<html lang="nb">')
    assert '<div class="cell old">Før: tests/fixtures/diff/old.yaml</div>' in text
    assert re.search(r'<a class="what" href="#c\d+">flyttet fra Skole</a>', text)
    assert "<summary>2 enheter uendret: HR; Økonomi</summary>" in text
    assert '<span class="sw changed">ellers endret</span>' in text


def test_a_changed_responsibility_and_arsverk_are_marked_on_the_unit_s_row() -> None:
    """Tour O: an ANSVAR change was listed but its unit's row said nothing, with no link to the tree."""
    from tests.diff.helpers import base_units, edit, run

    old = edit(base_units(), "v-nord", responsibility="Hjemmesykepleie og praktisk bistand", fte=9)
    new = edit(old, "v-nord", responsibility="Hjemmesykepleie", fte=9.5)
    result = run(old, new)
    assert [c.kind for c in result.changes] == ["fte-changed", "responsibility-changed"]
    rows = build_rows(result)
    labels = [label.text for label in rows.new_labels["v-nord"]]
    assert labels == ["årsverk 9 → 9.5", "responsibility changed"]
    assert rows.new_class["v-nord"] == "changed" and rows.old_class["v-nord"] == "changed"
    html = render_result(result)
    for index in (0, 1):
        item = html.split(f'<li id="c{index}">', 1)[1].split("</li>", 1)[0]
        assert '<a href="#n-v-nord">show in the tree</a>' in item
    assert '<a class="what" href="#c1">responsibility changed</a>' in html


def test_every_field_change_of_a_unit_is_marked_on_its_row() -> None:
    """Each kind ``diff.changes`` reports about one unit's own field is one the tree marks."""
    from orgmodel.diff.changes import _FIELDS
    from orgmodel.formatters.diff_rows import _UNIT_KINDS

    assert [kind for kind, _field, _words in _FIELDS if not kind.startswith(_UNIT_KINDS)] == []
