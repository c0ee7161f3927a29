"""The diff's HTML and the report in headless Chromium: every unit, collapse, links, print, escaping."""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from playwright.sync_api import expect

import orgmodel
from browser import WatchedPage, open_page
from conftest import ROOT
from orgmodel.formatters import diff_renderer, report_renderer

BEFORE = ROOT / "models" / "drammen-2020-before.yaml"
AFTER = ROOT / "models" / "drammen-2020.yaml"
OLD = ROOT / "tests" / "fixtures" / "diff" / "old.yaml"
NEW = ROOT / "tests" / "fixtures" / "diff" / "new.yaml"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# Whether a row is on screen: the content of a closed <details> is skipped (content-visibility).
SHOWN = "el => el.checkVisibility()"


def _diff_html(old: Path, new: Path) -> str:
    stream = io.StringIO()
    diff_renderer("html", stream).diff(orgmodel.compare(old, new))
    return stream.getvalue()


def _report_html(model: Path, other: Path | None) -> str:
    stream = io.StringIO()
    result = orgmodel.meeting_report(model, compare=str(other) if other else None)
    report_renderer("html", stream).report(result)
    return stream.getvalue()


@functools.cache
def _drammen_diff() -> str:
    return _diff_html(BEFORE, AFTER)


@functools.cache
def _drammen_report() -> str:
    return _report_html(AFTER, BEFORE)


def _units(path: Path) -> dict[str, str]:
    checked = orgmodel.check_text(path.read_bytes())
    assert checked.model is not None
    return {u.id: u.name for u in checked.model.units}


def _open(tmp_path: Path, name: str, html: str) -> tuple[Path, AbstractContextManager[WatchedPage]]:
    file = tmp_path / name
    file.write_text(html, encoding="utf-8")
    return file, open_page(file, tmp_path)


def _cells(watched: WatchedPage, side: str) -> dict[str, str]:
    pairs = watched.page.eval_on_selector_all(
        f".cell.{side}[data-unit]",
        "els => els.map(e => [e.dataset.unit, e.querySelector('.name').textContent])",
    )
    return dict(map(tuple, pairs))


def test_every_unit_of_both_drammen_models_is_on_a_row(tmp_path: Path) -> None:
    _, opened = _open(tmp_path, "diff.html", _drammen_diff())
    with opened as watched:
        assert _cells(watched, "old") == _units(BEFORE)
        assert _cells(watched, "new") == _units(AFTER)
        watched.screenshot("diff.png")
        assert (tmp_path / "diff.png").stat().st_size > 10_000
        watched.assert_quiet()


def test_a_collapsed_branch_opens_on_a_click(tmp_path: Path) -> None:
    _, opened = _open(tmp_path, "diff.html", _drammen_diff())
    with opened as watched:
        page = watched.page
        group = page.locator("details.same").first
        row = group.locator(".row").first
        assert group.evaluate("d => d.open") is False
        assert row.evaluate(SHOWN) is False  # collapsed: in the DOM, not on screen
        assert group.locator("summary").inner_text().startswith("3 units unchanged: ")
        group.locator("summary").click()
        expect(row).to_be_visible()  # waits for the toggle's layout, which a loaded machine delays
        assert row.evaluate(SHOWN) is True
        assert group.evaluate("d => d.open") is True
        watched.assert_quiet()


def test_the_change_list_and_the_units_link_to_each_other(tmp_path: Path) -> None:
    _, opened = _open(tmp_path, "diff.html", _drammen_diff())
    with opened as watched:
        page = watched.page
        item = page.locator("ol.changes li", has_text="unit-moved:avd-sagstedbrua").first
        item.locator("a", has_text="show in the tree").click()
        assert page.evaluate("location.hash") == "#n-avd-sagstedbrua"
        assert page.evaluate("document.querySelector(':target').id") == "n-avd-sagstedbrua"
        top = page.evaluate("document.getElementById('n-avd-sagstedbrua').getBoundingClientRect().top")
        assert -1 < top < 900  # scrolled into the window
        page.locator("#n-avd-sagstedbrua a.what", has_text="moved from Skole").click()
        target = page.evaluate("document.querySelector(':target').textContent")
        assert "'Sagstedbrua skole' (avd-sagstedbrua) moved from 'Skole' (ks-skole)" in target
        watched.assert_quiet()


def test_the_report_shows_every_unit_in_the_chart_and_in_the_changes(tmp_path: Path) -> None:
    _, opened = _open(tmp_path, "report.html", _drammen_report())
    with opened as watched:
        page = watched.page
        chart = page.eval_on_selector_all("li.om-item", "items => items.map(li => li.dataset.id)")
        assert sorted(chart) == sorted(_units(AFTER))
        assert _cells(watched, "old") == _units(BEFORE)
        assert _cells(watched, "new") == _units(AFTER)
        sections = page.eval_on_selector_all("section.part", "s => s.map(e => e.id)")
        assert sections == [
            "summary",
            "chart",
            "figures",
            "coverage",
            "design",
            "arrangements",
            "journeys",
            "findings",
            "diff",
        ]
        page.locator("nav.toc a", has_text="Changes").click()
        assert page.evaluate("location.hash") == "#diff"
        page.locator("#om-search").fill("Sagstedbrua")  # the chart's own script runs under the policy
        assert page.locator("#om-count").inner_text().startswith("1 ")
        watched.screenshot("report.png")
        watched.assert_quiet()


def _hostile(tmp_path: Path) -> tuple[Path, Path]:
    def poison(source: Path, script_name: str) -> Path:
        text = source.read_text(encoding="utf-8")
        text = text.replace("name: Alfa skole", f"name: '{script_name}'")
        text = text.replace("name: Hjemmetjenester Nord", f"name: '{IMG}'")
        target = tmp_path / source.name
        target.write_text(text, encoding="utf-8")
        return target

    return poison(OLD, "Alfa skole"), poison(NEW, SCRIPT)


def test_hostile_names_are_text_in_the_diff(tmp_path: Path) -> None:
    old, new = _hostile(tmp_path)
    _, opened = _open(tmp_path, "hostile-diff.html", _diff_html(old, new))
    with opened as watched:
        page = watched.page
        assert _cells(watched, "new")["skole-alfa"] == SCRIPT
        assert _cells(watched, "old")["hjemme-nord"] == IMG
        assert page.evaluate("document.scripts.length") == 0
        assert page.evaluate("document.images.length") == 0
        watched.screenshot("hostile-diff.png")
        watched.assert_quiet()  # no dialog: no alert ran


def test_hostile_names_are_text_in_the_report(tmp_path: Path) -> None:
    old, new = _hostile(tmp_path)
    _, opened = _open(tmp_path, "hostile-report.html", _report_html(new, old))
    with opened as watched:
        page = watched.page
        names = page.eval_on_selector_all("li.om-item .om-name", "els => els.map(e => e.textContent)")
        assert SCRIPT in names and IMG in names
        assert _cells(watched, "new")["skole-alfa"] == SCRIPT
        assert page.evaluate("document.scripts.length") == 1  # the chart's own, allowed by its hash
        assert page.evaluate("document.images.length") == 0
        watched.assert_quiet()


def _pdf_text(watched: WatchedPage, tmp_path: Path, name: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed; .ci/run installs it")
    watched.page.emulate_media(media="print")
    pdf = tmp_path / name
    watched.page.pdf(path=str(pdf), format="A4", print_background=True)
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", "", done.stdout.decode("utf-8"))


def test_the_printed_diff_shows_every_unit_of_both_models(tmp_path: Path) -> None:
    _, opened = _open(tmp_path, "diff.html", _drammen_diff())
    with opened as watched:
        text = _pdf_text(watched, tmp_path, "diff.pdf")
        names = set(_units(BEFORE).values()) | set(_units(AFTER).values())
        missing = [n for n in sorted(names) if re.sub(r"\s+", "", n) not in text]
        assert missing == []
        watched.assert_quiet()


def test_the_printed_report_shows_every_unit(tmp_path: Path) -> None:
    _, opened = _open(tmp_path, "report.html", _report_html(AFTER, None))
    with opened as watched:
        why = watched.page.locator("details.why div.why").first
        assert why.evaluate(SHOWN) is False  # collapsed on screen
        explained = re.sub(r"\s+", "", why.text_content() or "")
        text = _pdf_text(watched, tmp_path, "report.pdf")
        missing = [n for n in sorted(set(_units(AFTER).values())) if re.sub(r"\s+", "", n) not in text]
        assert missing == []
        assert len(explained) > 200 and explained in text  # printed open, whole
        watched.assert_quiet()
