"""A real browser for the tests: Debian's headless Chromium driven by Playwright.

``open_page(path, tmp_path)`` loads one local HTML file and watches it:

- every request that is not the file itself is recorded and aborted (``page.requests``), so a
  chart or report that reaches for a font, an image or a CDN fails its test;
- console errors (a Content-Security-Policy refusal among them) and page errors are collected
  (``page.errors``);
- every ``dialog`` (an ``alert`` run by a name from the model) is recorded and dismissed
  (``page.dialogs``);
- ``page.screenshot()`` writes a full-page PNG under the test's ``tmp_path``.

Chromium is started once per test run with the flags this machine's closed network needs (no
background networking, no component updates) and a temporary profile; each page gets a fresh
browser context (its own cookies, cache and storage) with the network switched off. Where
Chromium or Playwright is missing the tests are skipped with the reason, except under
``CI=true``, where they fail:
``.ci/run`` installs Chromium, so a missing one there is a broken CI, not a reason to skip.
"""

from __future__ import annotations

import atexit
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium executable on this machine (ORGMODEL_CHROMIUM overrides), or None."""
    override = os.environ.get("ORGMODEL_CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def require_browser() -> str:
    """The Chromium path; skip the test when there is none (fail under CI=true, which installs it)."""
    path = chromium_path()
    reason = None
    if path is None:
        reason = "no Chromium (install Debian's 'chromium' package; .ci/run does)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is missing (pip install -e '.[dev]')"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
        pytest.skip(reason)
    assert path is not None
    return path


@dataclass
class WatchedPage:
    """A loaded page with what it tried to do: requests out, errors, dialogs."""

    page: Any  # playwright.sync_api.Page
    tmp_path: Path
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    shots: list[Path] = field(default_factory=list)

    def screenshot(self, name: str = "page.png", *, full_page: bool = True) -> Path:
        """A PNG of the page under the test's tmp_path (kept after the test)."""
        target = self.tmp_path / name
        self.page.screenshot(path=str(target), full_page=full_page)
        self.shots.append(target)
        return target

    def assert_quiet(self) -> None:
        """No request left the page, nothing logged an error, no dialog opened."""
        assert self.requests == [], f"requests left the page: {self.requests}"
        assert self.errors == [], f"console or page errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened (a script ran): {self.dialogs}"


_RUNNING: dict[str, Any] = {}


def _browser(executable: str) -> Any:
    """One Chromium for the whole test run (started on first use, stopped at exit): a launch costs
    seconds, a fresh context per page (its own profile, cache and storage) a few milliseconds."""
    if "browser" not in _RUNNING:
        from playwright.sync_api import sync_playwright

        driver = sync_playwright().start()
        _RUNNING["driver"] = driver
        _RUNNING["browser"] = driver.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        atexit.register(_stop)
    return _RUNNING["browser"]


def _stop() -> None:
    browser, driver = _RUNNING.pop("browser", None), _RUNNING.pop("driver", None)
    if browser is not None:
        browser.close()
    if driver is not None:
        driver.stop()


@contextmanager
def open_page(
    html_file: Path, tmp_path: Path, *, width: int = 1400, height: int = 900, offline_only: bool = True
) -> Iterator[WatchedPage]:
    """Load ``html_file`` in headless Chromium and watch what it does (see the module docstring).

    With ``offline_only`` (the default) a request that left the page fails the test when the
    block ends, even if the test never looks at ``requests``.
    """
    executable = require_browser()
    url = html_file.resolve().as_uri()
    context = _browser(executable).new_context(viewport={"width": width, "height": height}, offline=True)
    try:
        page = context.new_page()
        watched = WatchedPage(page, tmp_path)
        _watch(page, url, watched)
        page.goto(url)
        page.wait_for_load_state("load")
        yield watched
        if offline_only and watched.requests:
            pytest.fail(f"{html_file.name}: requests left the page: {watched.requests}")
    finally:
        context.close()


def _watch(page: Any, url: str, watched: WatchedPage) -> None:
    """Route every request, and listen for console errors, page errors and dialogs."""

    def route(handle: Any) -> None:
        if handle.request.url.split("#")[0] == url:
            handle.continue_()
        else:
            watched.requests.append(handle.request.url)
            handle.abort()

    def console(message: Any) -> None:
        if message.type == "error":
            watched.errors.append(message.text)

    def dialog(opened: Any) -> None:
        watched.dialogs.append(f"{opened.type}: {opened.message}")
        opened.dismiss()

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("dialog", dialog)
