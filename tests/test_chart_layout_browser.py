"""The chart's layout, measured in headless Chromium: professional lines, zoom, the top in view.

Tour J: the dashed professional lines from Tjenestetildeling were drawn straight across other
boxes, striking through their names (Eknes ungdomsskole, Boligtjenesten, PPT avdeling 1 and 2,
Åpent hus), and at 1400 px the 2,500 px wide Drammen chart opened with the rådmann's box at the
right edge and half the direktørområder behind a scroll bar. These tests measure what a reader
sees: every segment of every line against every box and its text, and where the top box is.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import orgmodel
from browser import WatchedPage, open_page
from conftest import ROOT
from orgmodel.formatters import report_renderer
from orgmodel.i18n import set_language
from orgmodel.render.html import page

DRAMMEN = ROOT / "models" / "drammen-2020.yaml"
BEFORE = ROOT / "models" / "drammen-2020-before.yaml"
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

# Every segment of every professional line, in the window's pixels (through the lines' own
# transform, so the zoom counts), against every box shown: a segment may touch no box's text, and
# no box at all but its own two ends. A line's first point must sit on the right edge of the box it
# leaves and its last on the right edge of the box it reaches, or the measure measures nothing.
CROSSINGS = """() => {
  const svg = document.querySelector('.om-lines');
  const ctm = svg.getScreenCTM();
  const boxes = [...document.querySelectorAll('.om-node')].filter(n => n.offsetParent).map(n => ({
    id: n.closest('li').dataset.id, rect: n.getBoundingClientRect(),
    texts: [...n.querySelectorAll(':scope > :not(.om-toggle)')].map(t => t.getBoundingClientRect())}));
  const byId = Object.fromEntries(boxes.map(b => [b.id, b]));
  const meets = (s, r) => s.left < r.right && s.right > r.left && s.top < r.bottom && s.bottom > r.top;
  const out = [];
  for (const path of svg.querySelectorAll('path.om-line')) {
    const n = path.getAttribute('d').match(/-?[0-9.]+/g).map(Number);
    const pts = [];
    for (let i = 0; i < n.length; i += 2) { pts.push(new DOMPoint(n[i], n[i + 1]).matrixTransform(ctm)); }
    const from = byId[path.dataset.from], to = byId[path.dataset.to], last = pts[pts.length - 1];
    if (Math.abs(pts[0].x - from.rect.right) > 2 || Math.abs(last.x - to.rect.right) > 2) {
      out.push(['ends', path.dataset.from, path.dataset.to]);
    }
    for (let i = 1; i < pts.length; i++) {
      const s = {left: Math.min(pts[i - 1].x, pts[i].x) - 1, right: Math.max(pts[i - 1].x, pts[i].x) + 1,
                 top: Math.min(pts[i - 1].y, pts[i].y) - 1, bottom: Math.max(pts[i - 1].y, pts[i].y) + 1};
      for (const b of boxes) {
        const own = (i === 1 && b === from) || (i === pts.length - 1 && b === to);
        if (b.texts.some(t => meets(s, t))) { out.push(['text', path.dataset.from, path.dataset.to, b.id]); }
        else if (!own && meets(s, b.rect)) { out.push(['box', path.dataset.from, path.dataset.to, b.id]); }
      }
    }
  }
  return out;
}"""
IN_VIEW = "el => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }"
FITS = "() => { const c = document.querySelector('.om-canvas'); return c.scrollWidth <= c.clientWidth; }"


@functools.cache
def _drammen_page(lang: str = "en") -> str:
    set_language(lang)
    try:
        return page(orgmodel.model_chart(DRAMMEN))
    finally:
        set_language("en")


@pytest.fixture
def drammen(tmp_path: Path) -> Iterator[WatchedPage]:
    html = tmp_path / "chart.html"
    html.write_text(_drammen_page(), encoding="utf-8")
    with open_page(html, tmp_path, width=1400, height=900) as watched:
        yield watched
        watched.assert_quiet()


def _lines(watched: WatchedPage) -> int:
    return int(watched.page.locator(".om-lines path.om-line").count())


def test_no_professional_line_crosses_a_box_in_drammen(drammen: WatchedPage) -> None:
    page_ = drammen.page
    assert _lines(drammen) == 4  # Tjenestetildeling's four faglige linjer
    assert page_.evaluate(CROSSINGS) == []  # opened fitted to the width
    page_.click("#om-full")
    assert page_.evaluate(CROSSINGS) == []  # at 100 %
    page_.select_option("#om-kd", "kd1")  # the filter moves the boxes: the lines follow
    assert page_.evaluate(CROSSINGS) == []
    page_.select_option("#om-kd", "")
    page_.locator("#om-u-ks-skole .om-toggle").click()  # so does closing a branch
    assert _lines(drammen) == 4 and page_.evaluate(CROSSINGS) == []
    drammen.screenshot("lines.png", full_page=False)


def test_the_boxes_lie_over_the_lines(drammen: WatchedPage) -> None:
    # a line drawn on purpose across a box's name, in the lines' layer: the name is on top of it
    name = drammen.page.locator("#om-u-virk-skole-02 .om-name")
    on_top = drammen.page.evaluate(
        """name => {
          const svg = document.querySelector('.om-lines'), r = name.getBoundingClientRect();
          const p = new DOMPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2)
            .matrixTransform(svg.getScreenCTM().inverse());
          const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
          path.setAttribute('d', `M${p.x - 200} ${p.y} L${p.x + 200} ${p.y}`);
          path.setAttribute('class', 'om-line');
          path.style.pointerEvents = 'stroke';
          svg.style.pointerEvents = 'auto';
          svg.appendChild(path);
          const stack = document.elementsFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
          return [stack.indexOf(name), stack.indexOf(path)];
        }""",
        name.element_handle(),
    )
    assert 0 <= on_top[0] < on_top[1]  # the name is painted above the line


def test_the_page_opens_with_the_whole_top_in_view_at_1400_px(drammen: WatchedPage) -> None:
    page_ = drammen.page
    assert page_.locator("#om-u-radmann").evaluate(IN_VIEW)
    for direktor in DIREKTORER:  # fitted to the width: every direktørområde on screen
        assert page_.locator(f"#om-u-dir-{direktor}").evaluate(IN_VIEW), direktor
    assert page_.get_attribute("#om-fit", "aria-pressed") == "true"
    scale = page_.inner_text("#om-scale")
    assert scale.endswith("%") and 50 <= int(scale[:-1]) < 100
    assert page_.evaluate("document.documentElement.scrollWidth") <= 1400  # no page scroll bar either
    page_.click("#om-full")
    assert page_.inner_text("#om-scale") == "100% · wider than the window: scroll sideways"
    assert page_.get_attribute("#om-full", "aria-pressed") == "true"
    assert page_.get_attribute("#om-fit", "aria-pressed") == "false"
    assert page_.locator("#om-u-radmann").evaluate(IN_VIEW)  # the middle stays in the middle
    width = page_.locator("#om-u-radmann").evaluate("el => el.getBoundingClientRect().width")
    assert width == pytest.approx(13.5 * 16, abs=1)  # really 100 %
    page_.click("#om-fit")
    assert page_.locator("#om-u-dir-omsorg").evaluate(IN_VIEW)
    assert page_.locator("#om-u-dir-utvikling").evaluate(IN_VIEW)
    for button in ("#om-collapse", "#om-u-dir-kultur .om-toggle", "#om-expand"):  # the fit follows
        page_.click(button)
        assert page_.evaluate(FITS), button
        assert "wider" not in page_.inner_text("#om-scale")


def test_a_narrow_window_keeps_the_top_unit_in_view_and_says_where_the_rest_is(tmp_path: Path) -> None:
    html = tmp_path / "chart.html"
    html.write_text(_drammen_page(), encoding="utf-8")
    with open_page(html, tmp_path, width=800, height=900) as watched:
        page_ = watched.page
        assert page_.locator("#om-u-radmann").evaluate(IN_VIEW)  # centred on it
        assert page_.inner_text("#om-scale") == "50% · wider than the window: scroll sideways"
        assert page_.evaluate(CROSSINGS) == []
        watched.assert_quiet()


def test_a_browser_without_css_zoom_gets_the_chart_at_100_percent_and_lines_in_place(
    drammen: WatchedPage,
) -> None:
    # CSS zoom came to Firefox in version 126: where the page cannot zoom, it says so and draws at 100 %
    page_ = drammen.page
    page_.evaluate(
        """() => {
          const z = document.querySelector('.om-zoom');
          z.style.removeProperty('zoom');
          Object.defineProperty(z.style, 'zoom', {set() {}, get() { return ''; }});
        }"""
    )
    page_.click("#om-full")
    page_.click("#om-fit")
    assert page_.inner_text("#om-scale") == "100% · wider than the window: scroll sideways"
    assert _lines(drammen) == 4 and page_.evaluate(CROSSINGS) == []


def test_the_keyboard_zooms_and_scrolls(drammen: WatchedPage) -> None:
    page_ = drammen.page
    page_.focus("#om-full")
    page_.keyboard.press("Enter")
    assert page_.get_attribute("#om-full", "aria-pressed") == "true"
    canvas = page_.locator(".om-canvas")
    assert canvas.get_attribute("tabindex") == "0" and canvas.get_attribute("role") == "region"
    before = canvas.evaluate("c => c.scrollLeft")
    canvas.focus()
    page_.keyboard.press("ArrowRight")
    page_.wait_for_function("b => document.querySelector('.om-canvas').scrollLeft > b", arg=before)
    page_.focus("#om-fit")
    page_.keyboard.press("Space")
    assert page_.get_attribute("#om-fit", "aria-pressed") == "true"


def test_printing_prints_at_100_percent_whatever_the_zoom(drammen: WatchedPage) -> None:
    assert drammen.page.evaluate("getComputedStyle(document.querySelector('.om-zoom')).zoom") != "1"
    drammen.page.emulate_media(media="print")
    assert drammen.page.evaluate("getComputedStyle(document.querySelector('.om-zoom')).zoom") == "1"
    width = drammen.page.locator("#om-u-radmann").evaluate("el => el.getBoundingClientRect().width")
    assert 400 < width < 700  # the print layout's one column of wide boxes, not a zoomed copy


def test_the_bokmal_page_names_its_zoom(tmp_path: Path) -> None:
    html = tmp_path / "chart.html"
    html.write_text(_drammen_page("nb"), encoding="utf-8")
    with open_page(html, tmp_path, width=1000, height=900) as watched:
        assert watched.page.inner_text("#om-fit") == "Tilpass til bredden"
        assert watched.page.inner_text("#om-full") == "100 %"
        assert watched.page.inner_text("#om-scale") == "50 % · bredere enn vinduet: rull sidelengs"
        watched.assert_quiet()


def _tangle(tmp_path: Path, *, top_children: int) -> Path:
    """A model whose professional lines go every way: across many columns, both ways, up and down
    one column, from deep units, to the top unit; with ``top_children`` over 12 the top unit's units
    stand in one column (html.ROW_LIMIT)."""
    units = ["  - {id: top, name: Rådmannens lederteam, level: 1, leader: Rådmann}"]
    lines: dict[str, list[str]] = {}
    for d in range(top_children):
        units.append(f"  - {{id: d{d}, name: Direktørområde {d}, level: 1, parent: top, leader: Direktør}}")
        for k in range(2):
            units.append(
                f"  - {{id: k{d}-{k}, name: Kommunalsjef {d}.{k}, level: 2, parent: d{d}, leader: Ks}}"
            )
            for v in range(3 if d % 2 else 2):
                units.append(
                    f"  - {{id: v{d}-{k}-{v}, name: Virksomhet {d}.{k}.{v} med et langt navn, level: 3,"
                    f" parent: k{d}-{k}, leader: Virksomhetsleder, staff: 10}}"
                )
    last = top_children - 1
    lines["v0-0-1"] = [f"k{last}-1", "k1-0", "d0", "top"]  # far right, next door, own column up, the top
    lines[f"v{last}-1-1"] = ["k0-0", "v0-1-0", f"k{last}-0"]  # right to left, and up its own column
    lines["k1-1"] = ["v1-0-1", f"v{last // 2 | 1}-1-2"]  # up its own column, and to a middle column
    lines["d2"] = ["v0-1-1", f"d{last}"]  # from a direktør's box
    text = "orgmodel: 1\nkommune: Floke\nunits:\n" + "\n".join(units) + "\n"
    for uid, targets in lines.items():
        text = text.replace(f"{{id: {uid},", f"{{id: {uid}, functional: [{', '.join(targets)}],", 1)
    path = tmp_path / "tangle.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("top_children", [7, 14])
def test_lines_that_go_every_way_keep_off_every_box(tmp_path: Path, top_children: int) -> None:
    chart = orgmodel.model_chart(_tangle(tmp_path, top_children=top_children))
    expected = len(chart.professional_lines())
    assert expected == 11
    html = tmp_path / "tangle.html"
    html.write_text(page(chart), encoding="utf-8")
    with open_page(html, tmp_path, width=1400, height=900) as watched:
        page_ = watched.page
        assert _lines(watched) == expected
        assert page_.evaluate(CROSSINGS) == []
        page_.click("#om-full")
        assert page_.evaluate(CROSSINGS) == []
        page_.click("#om-collapse")
        page_.click("#om-expand")
        assert _lines(watched) == expected and page_.evaluate(CROSSINGS) == []
        watched.screenshot(f"tangle-{top_children}.png")
        watched.assert_quiet()


def test_the_report_opens_with_the_chart_top_in_view_and_lines_off_the_boxes(tmp_path: Path) -> None:
    stream = io.StringIO()
    report_renderer("html", stream).report(orgmodel.meeting_report(DRAMMEN, compare=str(BEFORE)))
    html = tmp_path / "report.html"
    html.write_text(stream.getvalue(), encoding="utf-8")
    with open_page(html, tmp_path, width=1400, height=900) as watched:
        page_ = watched.page
        page_.locator("#om-u-radmann").scroll_into_view_if_needed()
        assert page_.locator("#om-u-radmann").evaluate(IN_VIEW)
        assert page_.locator("#om-u-dir-kultur").evaluate(IN_VIEW)  # tour J: "Kul…" cut at the edge
        assert page_.locator("#om-u-dir-utvikling").evaluate(IN_VIEW)
        assert _lines(watched) == 4 and page_.evaluate(CROSSINGS) == []
        watched.assert_quiet()
