"""The HTML diff's two columns each read as their own model's tree (tour J, finding 5).

A tillitsvalgt read the "Before" column as the organisation as it was, and found Drammen helsehus
under Helsetjenester, where it went, not under Hjemmetjenester og institusjon, where it was. Now a
unit that changed place stands at both places, each linked to the other, and a merge's further
source keeps the units that were under it. ``_columns`` reads each column as a reader does: a
unit's leader is the nearest row above it that is less indented on the same side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from diff.helpers import base_units, edit, run, unit, without

from orgmodel.api import compare
from orgmodel.diff.result import DiffResult
from orgmodel.formatters.diff_html import render_result
from orgmodel.formatters.diff_rows import Rows, build_rows, walk_depth
from orgmodel.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]


def _parents(model: Any) -> dict[str, str | None]:
    ids = {u.id for u in model.units}
    return {u.id: u.parent if u.parent in ids and u.parent != u.id else None for u in model.units}


def _columns(rows: Rows, result: DiffResult) -> None:
    """Each side: every unit once, under the row of its own leader in its own model."""
    for side, model in (("old", result.old_model), ("new", result.new_model)):
        parents = _parents(model)
        stack: list[tuple[int, str | None]] = []
        seen: list[str] = []
        for node, depth in walk_depth(rows.roots):
            while stack and stack[-1][0] >= depth:
                stack.pop()
            real = node.old if side == "old" else node.new
            # a "↳ unit" cell continues that unit (a split's further part, a merge's further source)
            shown = real or (node.split_of if side == "old" else node.merged_into)
            if real is not None:
                above = stack[-1][1] if stack else None
                assert above == parents[real.id], f"{side}: {real.id} under {above}, not {parents[real.id]}"
                seen.append(real.id)
            stack.append((depth, shown.id if shown is not None else None))
        assert sorted(seen) == sorted(parents)


def _ghosts(rows: Rows) -> dict[str, tuple[str, str]]:
    """Per row key, its ghost's words and the row they link to."""
    found = {}
    for node, _depth in walk_depth(rows.roots):
        for ghost in (node.came, node.went):
            if ghost is not None:
                found[node.key] = (ghost.text, ghost.target)
    return found


def test_a_unit_moved_with_its_avdeling_stands_at_both_places() -> None:
    result = run(base_units(), edit(base_units(), "v-sor", parent="ks-b"))
    rows = build_rows(result)
    _columns(rows, result)
    assert _ghosts(rows) == {
        "n-v-sor": ("moved here from Hjemmetjenester", "o-v-sor"),
        "o-v-sor": ("moved to Skole", "n-v-sor"),
        "n-avd-1": ("moved with Hjemmetjenester Sør", "o-avd-1"),  # it did not move itself
        "o-avd-1": ("moved with Hjemmetjenester Sør", "n-avd-1"),
    }
    html = render_result(result)
    assert '<a class="ghost" href="#n-v-sor">↪ moved to Skole</a>' in html
    assert '<div class="row" id="o-v-sor">' in html and '<div class="row" id="n-v-sor">' in html


def _merged(parent: str) -> list[dict[str, Any]]:
    units = without(base_units(), "v-nord", "v-sor", "avd-1")
    units.insert(
        4, unit("v-nord-sor", parent, 3, name="Hjemmetjenester Nord og Sør", kind="virksomhet", staff=22)
    )
    units.insert(5, unit("avd-1", "v-nord-sor", 4, name="Nattjeneste", kind="avdeling", staff=4))
    return units


@pytest.mark.parametrize("parent", ["ks-a", "ks-b"])
def test_a_merge_keeps_each_source_with_its_own_units_on_the_left(parent: str) -> None:
    # the second source, Hjemmetjenester Sør, had the Nattjeneste: on the left it stays under it
    result = run(base_units(), _merged(parent))
    _columns(build_rows(result), result)


def test_a_split_part_keeps_the_avdeling_that_went_with_it() -> None:
    units = without(base_units(), "v-sor", "avd-1")
    units.insert(5, unit("v-sor-a", "ks-a", 3, name="Hjemmetjenester Sør A", kind="virksomhet", staff=6))
    units.insert(6, unit("v-sor-b", "ks-a", 3, name="Hjemmetjenester Sør B", kind="virksomhet", staff=6))
    units.insert(7, unit("avd-1", "v-sor-b", 4, name="Nattjeneste", kind="avdeling", staff=4))
    result = run(base_units(), units)
    _columns(build_rows(result), result)


def test_a_unit_brought_in_from_outside_and_one_that_left() -> None:
    out = edit(base_units(), "v-beta", parent=None, kind="iks")
    for old, new in ((base_units(), out), (out, base_units())):
        result = run(old, new)
        rows = build_rows(result)
        _columns(rows, result)
        words = {text for text, _target in _ghosts(rows).values()}
        assert words in (
            {"left the organisation", "was under Skole"},
            {"was outside the organisation", "brought into the organisation under Skole"},
        )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("tests/fixtures/diff/old.yaml", "tests/fixtures/diff/new.yaml"),
        ("models/drammen-2020-before.yaml", "models/drammen-2020.yaml"),
        ("models/drammen-2020.yaml", "models/drammen-2020-before.yaml"),
    ],
)
def test_both_columns_of_real_diffs_read_as_their_models(
    monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = compare(old, new).files[0].result
    assert result is not None
    _columns(build_rows(result), result)


def test_drammen_helsehus_and_the_legevakt_stand_where_they_stood(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    set_language("nb")
    try:
        result = compare("models/drammen-2020-before.yaml", "models/drammen-2020.yaml").files[0].result
        assert result is not None
        ghosts = _ghosts(build_rows(result))
    finally:
        set_language("en")
    assert ghosts["o-virk-helsehuset"] == ("flyttet til Helsetjenester", "n-virk-helsehuset")
    assert ghosts["n-virk-helsehuset"] == (
        "flyttet hit fra Hjemmetjenester og institusjon",
        "o-virk-helsehuset",
    )
    assert ghosts["o-virk-legevakt"] == ("tatt inn i organisasjonen under Helsetjenester", "n-virk-legevakt")
    assert ghosts["n-virk-legevakt"] == ("sto utenfor organisasjonen", "o-virk-legevakt")
    assert ghosts["o-avd-kad"][0] == "flyttet til Døgnakutte tjenester i institusjon - Helsehuset"


def test_names_in_the_ghosts_are_text() -> None:
    hostile = "<script>alert(1)</script>"
    old = edit(base_units(), "ks-a", name=hostile)
    result = run(old, edit(old, "v-sor", parent="ks-b", name='"><img src=x onerror=alert(1)>'))
    html = render_result(result)
    assert "<script" not in html and "<img" not in html
    assert "↪ moved here from &lt;script&gt;alert(1)&lt;/script&gt;</a>" in html
