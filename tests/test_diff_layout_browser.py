"""The HTML diff read as a tillitsvalgt reads it, in headless Chromium: each column is its model.

Tour J: in "Before", Drammen helsehus stood under Helsetjenester (where it went) and the legevakt
IKS inside the tree (it was outside). Here each column is read by eye: a unit's leader is the
nearest name above it on the same side that stands further left on the screen.
"""

from __future__ import annotations

import functools
import io
from contextlib import AbstractContextManager
from pathlib import Path

import orgmodel
from browser import WatchedPage, open_page
from conftest import ROOT
from orgmodel.formatters import diff_renderer
from orgmodel.i18n import set_language

BEFORE = ROOT / "models" / "drammen-2020-before.yaml"
AFTER = ROOT / "models" / "drammen-2020.yaml"

# per side, each non-empty cell in page order: where its first word starts, and the unit it shows
# (a "↳ unit" cell continues that unit; a ghost "moved to ..." shows none)
CELLS = """side => {
  document.querySelectorAll('details.same').forEach(d => { d.open = true; });
  return [...document.querySelectorAll(`.grid .row:not(.head) > .cell.${side}`)]
    .filter(cell => cell.firstElementChild)
    .map(cell => [cell.firstElementChild.getBoundingClientRect().left,
                  cell.dataset.unit || cell.dataset.cont || null, Boolean(cell.dataset.unit)]);
}"""


@functools.cache
def _drammen_diff(lang: str = "en") -> str:
    stream = io.StringIO()
    set_language(lang)
    try:
        diff_renderer("html", stream).diff(orgmodel.compare(BEFORE, AFTER))
    finally:
        set_language("en")
    return stream.getvalue()


def _parents(path: Path) -> dict[str, str | None]:
    model = orgmodel.check_text(path.read_bytes()).model
    assert model is not None
    ids = {u.id for u in model.units}
    return {u.id: u.parent if u.parent in ids and u.parent != u.id else None for u in model.units}


def _read(watched: WatchedPage, side: str) -> dict[str, str | None]:
    """Each unit on one side, with the unit a reader takes for its leader."""
    stack: list[tuple[float, str | None]] = []
    read: dict[str, str | None] = {}
    for x, shown, is_unit in watched.page.evaluate(CELLS, side):
        while stack and stack[-1][0] >= x - 0.5:
            stack.pop()
        if is_unit:
            assert shown not in read, f"{shown} twice on the {side} side"
            read[shown] = stack[-1][1] if stack else None
        stack.append((x, shown))
    return read


def _open(tmp_path: Path, lang: str = "en") -> AbstractContextManager[WatchedPage]:
    html = tmp_path / "diff.html"
    html.write_text(_drammen_diff(lang), encoding="utf-8")
    return open_page(html, tmp_path, width=1400, height=900)


def test_each_column_of_the_drammen_diff_reads_as_its_own_model(tmp_path: Path) -> None:
    with _open(tmp_path) as watched:
        assert _read(watched, "old") == _parents(BEFORE)
        assert _read(watched, "new") == _parents(AFTER)
        watched.assert_quiet()


def test_a_moved_unit_links_its_old_place_and_its_new_place(tmp_path: Path) -> None:
    with _open(tmp_path, "nb") as watched:
        page = watched.page
        old_row = page.locator("#o-virk-helsehuset")
        assert old_row.locator(".cell.old .name").inner_text() == "Drammen helsehus"
        old_row.locator("a.ghost").click()
        assert page.evaluate("location.hash") == "#n-virk-helsehuset"
        new_row = page.locator("#n-virk-helsehuset")
        top = new_row.evaluate("r => r.getBoundingClientRect().top")
        assert -1 < top < 900  # scrolled into the window
        assert (
            new_row.locator(".cell.new .name").inner_text()
            == "Døgnakutte tjenester i institusjon - Helsehuset"
        )
        ghost = new_row.locator(".cell.old a.ghost")
        assert ghost.inner_text() == "↪ flyttet hit fra Hjemmetjenester og institusjon"
        ghost.click()
        assert page.evaluate("location.hash") == "#o-virk-helsehuset"
        legevakt = page.locator("#o-virk-legevakt")
        assert (
            legevakt.locator(".cell.new").inner_text() == "↪ tatt inn i organisasjonen under Helsetjenester"
        )
        assert page.locator(".note").inner_text().startswith("Hver side er sin egen modells tre")
        watched.screenshot("helsehus.png", full_page=False)
        watched.assert_quiet()
