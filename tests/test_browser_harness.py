"""The browser harness (tests/browser.py) itself: it sees requests, errors and dialogs, in real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import open_page


def _page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html lang='en'><head><title>t</title></head><body>{body}</body></html>")
    return page


def test_a_quiet_page_passes_and_keeps_its_screenshot(tmp_path: Path) -> None:
    with open_page(_page(tmp_path, "<h1 id='h'>Kommunedirektør</h1>"), tmp_path) as watched:
        assert watched.page.inner_text("#h") == "Kommunedirektør"
        shot = watched.screenshot()
        watched.assert_quiet()
    assert shot == tmp_path / "page.png"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_request_that_leaves_the_page_is_recorded_and_refused(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("h1 { color: red }")
    body = "<img src='https://cdn.example.invalid/logo.png'><link rel='stylesheet' href='style.css'>"
    with open_page(_page(tmp_path, body), tmp_path, offline_only=False) as watched:
        requests = sorted(watched.requests)
    assert requests == [(tmp_path / "style.css").as_uri(), "https://cdn.example.invalid/logo.png"]


def test_a_dialog_and_a_console_error_are_recorded(tmp_path: Path) -> None:
    body = "<script>console.error('boom'); alert('from the model')</script>"
    with open_page(_page(tmp_path, body), tmp_path) as watched:
        dialogs, errors = list(watched.dialogs), list(watched.errors)
    assert dialogs == ["alert: from the model"]
    assert errors == ["boom"]


def test_a_script_error_is_recorded(tmp_path: Path) -> None:
    with open_page(_page(tmp_path, "<script>undefinedName()</script>"), tmp_path) as watched:
        errors = list(watched.errors)
    assert errors == ["page error: undefinedName is not defined"]


def test_a_request_fails_the_test_even_when_the_test_does_not_ask(tmp_path: Path) -> None:
    body = "<img src='https://cdn.example.invalid/logo.png'>"
    refused = pytest.raises(pytest.fail.Exception, match=r"page.html: requests left the page: \['https://cdn")
    with refused, open_page(_page(tmp_path, body), tmp_path):
        pass
