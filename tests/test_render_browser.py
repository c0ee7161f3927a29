"""The HTML chart in headless Chromium: every Drammen unit, search, collapse, filter, print, escaping."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

import orgmodel
from browser import WatchedPage, open_page
from conftest import FIXTURES, ROOT
from orgmodel.i18n import ngettext, set_language
from orgmodel.render.html import page

DRAMMEN = ROOT / "models" / "drammen-2020.yaml"
CHART = FIXTURES / "render" / "chart.yaml"
VISIBLE = "nodes => nodes.filter(n => n.offsetParent !== null).map(n => n.closest('li').dataset.id)"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


@functools.cache
def _drammen_page() -> str:
    return page(orgmodel.model_chart(DRAMMEN))


@functools.cache
def _drammen_checked() -> orgmodel.CheckedModel:
    return orgmodel.check_text(DRAMMEN.read_bytes())


def _units() -> int:
    """Drammen's units (154: the digital agents are positions, not boxes)."""
    model = _drammen_checked().model
    assert model is not None
    return len(model.units)


@pytest.fixture
def drammen(tmp_path: Path) -> Iterator[WatchedPage]:
    html = tmp_path / "chart.html"
    html.write_text(_drammen_page(), encoding="utf-8")
    with open_page(html, tmp_path) as watched:
        yield watched
        watched.assert_quiet()  # after every test: no request left the page, no error, no dialog


def _visible(watched: WatchedPage) -> list[str]:
    return list(watched.page.eval_on_selector_all(".om-node", VISIBLE))


def test_every_unit_of_drammen_is_in_the_page_with_its_name_and_leader(drammen: WatchedPage) -> None:
    checked = _drammen_checked()
    assert checked.model is not None
    shown = drammen.page.eval_on_selector_all(
        "li.om-item",
        "items => items.map(li => [li.dataset.id, li.querySelector(':scope > .om-node > .om-name').innerText,"
        " (li.querySelector(':scope > .om-node > .om-leader') || {}).innerText || null])",
    )
    assert sorted(map(tuple, shown)) == sorted((u.id, u.name, u.leader) for u in checked.model.units)
    assert len(_visible(drammen)) == _units() == 154
    assert drammen.page.eval_on_selector("html", "h => h.lang") == "en"
    assert drammen.page.locator(".om-lines path.om-line").count() == 4  # every professional line of the model
    shot = drammen.screenshot("drammen.png")
    assert shot.stat().st_size > 50_000


def test_search_by_typing_marks_the_matching_units_and_says_how_many(drammen: WatchedPage) -> None:
    checked = _drammen_checked()
    assert checked.model is not None
    expected = sorted(u.id for u in checked.model.units if "omsorgstjenester" in _fold(u.name))
    drammen.page.locator("#om-search").press_sequentially("Omsorgstjenester")
    hits = drammen.page.eval_on_selector_all(
        ".om-node.om-hit", "ns => ns.map(n => n.closest('li').dataset.id)"
    )
    assert sorted(hits) == expected
    assert len(expected) == 9  # the nine Omsorgstjenester virksomheter (grep -c in the model)
    assert drammen.page.inner_text("#om-count") == "9 units match"
    drammen.page.locator("#om-search").fill("")
    drammen.page.locator("#om-search").press_sequentially("mjondalen")  # without the ø, as people type it
    hits = drammen.page.eval_on_selector_all(".om-hit", "ns => ns.map(n => n.closest('li').dataset.id)")
    assert hits == [u.id for u in checked.model.units if "Mjøndalen" in u.name]
    assert hits == ["virk-oms-mjondalen"]


def test_collapse_and_expand_by_clicking(drammen: WatchedPage) -> None:
    toggle = drammen.page.locator("#om-u-ks-skole .om-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not drammen.page.locator("#om-u-virk-skole-01").is_visible()
    assert len(_visible(drammen)) == _units() - 38  # Skole's 33 virksomheter and their 5 avdelinger
    toggle.click()
    assert drammen.page.locator("#om-u-virk-skole-01").is_visible()
    drammen.page.click("#om-collapse")
    assert _visible(drammen) == ["radmann"] + [f"dir-{d}" for d in DIREKTORER]
    assert drammen.page.locator(".om-lines path.om-line").count() == 0  # none between top boxes
    drammen.page.locator("#om-search").press_sequentially("Nøsted skole")  # a search opens its branch
    assert drammen.page.locator("#om-u-avd-nosted").is_visible()
    drammen.page.click("#om-expand")
    assert len(_visible(drammen)) == _units()


DIREKTORER = (
    "omsorg",
    "utdanning",
    "arbeid",
    "folkehelse",
    "kultur",
    "styring",
    "administrasjon",
    "utvikling",
)


def test_the_kommunedel_filter_keeps_the_units_there_and_the_lines_above_them(drammen: WatchedPage) -> None:
    checked = _drammen_checked()
    graph = checked.graph
    drammen.page.select_option("#om-kd", "kd10")
    there = {uid for uid, places in graph.places.items() if "kd10" in places}
    wanted = there | {a for uid in there for a in graph.ancestors(uid)}
    assert set(_visible(drammen)) == wanted
    assert 0 < len(there) < _units()
    dimmed = drammen.page.eval_on_selector_all("li.om-dim", "ls => ls.map(l => l.dataset.id)")
    assert set(dimmed) == wanted - there
    drammen.page.select_option("#om-kd", "")
    assert len(_visible(drammen)) == _units()


def test_printing_shows_the_whole_tree_even_when_collapsed(drammen: WatchedPage, tmp_path: Path) -> None:
    drammen.page.click("#om-collapse")
    drammen.page.select_option("#om-kd", "kd3")
    drammen.page.emulate_media(media="print")
    assert len(_visible(drammen)) == _units()
    assert drammen.page.locator(".om-controls").is_hidden()
    widest = drammen.page.eval_on_selector_all(
        ".om-node", "ns => Math.max(...ns.map(n => n.getBoundingClientRect().right))"
    )
    assert widest < 700  # one column of boxes: fits an A4 page (718 px between 12 mm margins)
    pdf = drammen.page.pdf(path=str(tmp_path / "chart.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages >= 10  # 154 boxes of three lines or more; dropping the closed branches would take far fewer


def test_names_that_are_html_show_as_text_and_run_nothing(tmp_path: Path) -> None:
    html = tmp_path / "hostile.html"
    html.write_text(page(orgmodel.model_chart(CHART, ruleset="default")), encoding="utf-8")
    with open_page(html, tmp_path) as watched:
        names = watched.page.eval_on_selector_all(".om-name", "ns => ns.map(n => n.innerText)")
        leader = watched.page.inner_text("#om-u-skole-img .om-leader")
        watched.page.locator("#om-search").press_sequentially("<script>")
        hits = watched.page.eval_on_selector_all(".om-hit", "ns => ns.map(n => n.closest('li').dataset.id)")
        finding = watched.page.inner_text("#om-u-hjemme-nord .om-findings")
        flagged = watched.page.get_attribute("#om-u-hjemme-nord", "class")
        watched.screenshot("hostile.png")
        with pytest.raises(Exception, match="Content Security Policy"):
            watched.page.add_script_tag(content="alert('not allowed')")  # the policy refuses any other script
        watched.errors.clear()  # that refusal is logged; nothing else may be
        watched.assert_quiet()
    assert "<script>alert(1)</script>" in names
    assert '"><img src=x onerror=alert(1)>' in names
    assert leader == "Rektor & <b>co</b>"
    assert hits == ["skole-script"]
    assert finding.startswith("OM120 'Hjemmetjenester Nord' (hjemme-nord) has a span of control of 60")
    assert flagged == "om-node om-f-warning"


def test_the_page_says_its_language(tmp_path: Path) -> None:
    set_language("nb")
    try:
        text = page(orgmodel.model_chart(CHART, ruleset="default"))
        staff = ngettext("{n} employee", "{n} employees", 60).format(n=60)  # the catalogue's word
    finally:
        set_language("en")
    assert staff in ("60 ansatte", "60 medarbeidere")
    assert text.startswith('<!DOCTYPE html>\n<html lang="nb">')
    assert "<title>Organisasjonskart: Testby</title>" in text
    assert "<label>Søk på navn <input" in text
    assert "<span>9 enheter, 1 med funn</span>" in text
    assert f'<div class="om-meta">nivå 3 · virksomhet · {staff} · lederspenn 60</div>' in text
