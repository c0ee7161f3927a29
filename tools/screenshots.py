"""The README's pictures, from real runs: the Drammen chart and the Drammen diff, shot in Chromium.

Runs ``orgmodel render models/drammen-2020.yaml --format html`` and ``orgmodel diff
models/drammen-2020-before.yaml models/drammen-2020.yaml --format html`` as a user would (the
console script of this checkout's venv), opens each page in Debian's headless Chromium (the
browser the tests use, through Playwright; no request may leave the page) and writes
docs/images/chart.png and docs/images/diff.png. ``make pictures`` runs it.

    .venv/bin/python tools/screenshots.py [--out docs/images] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ORGMODEL = Path(sys.executable).parent / "orgmodel"
# the browser flags and the Chromium lookup (ORGMODEL_CHROMIUM, Debian's paths) of the browser tests
sys.path.insert(0, str(ROOT / "tests"))
from browser import LAUNCH_ARGS, chromium_path  # noqa: E402

MAX_BYTES = 300_000


def run(args: list[str], target: Path) -> None:
    """Run one orgmodel command from the repository root and keep its standard output in ``target``."""
    done = subprocess.run([str(ORGMODEL), *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: the diff has findings to show, which is what it is for
        sys.exit(f"orgmodel {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    target.write_text(done.stdout, encoding="utf-8")
    print(f"orgmodel {' '.join(args)} -> {len(done.stdout):,} characters")


def shoot(browser: Any, page_file: Path, png: Path, prepare: str, size: tuple[int, int]) -> None:
    """Open ``page_file``, run ``prepare`` (JavaScript) in it, save the viewport as ``png``."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, offline=True)
    page = context.new_page()
    url = page_file.as_uri()
    left: list[str] = []

    def route(handle: Any) -> None:
        if handle.request.url.split("#")[0] == url:
            handle.continue_()
        else:
            left.append(handle.request.url)
            handle.abort()

    page.route("**/*", route)
    page.goto(url)
    page.evaluate(prepare)
    page.screenshot(path=str(png))
    context.close()
    if left:
        sys.exit(f"{page_file.name} asked for {left}: a page must not reach the network")
    size_now = png.stat().st_size
    shown = png.relative_to(ROOT) if png.is_relative_to(ROOT) else png
    print(f"{shown}: {size[0]}x{size[1]}, {size_now:,} bytes")
    if size_now > MAX_BYTES:
        sys.exit(f"{png} is {size_now:,} bytes, over {MAX_BYTES:,}: shoot a smaller view")


# The chart: the top unit, the eight direktørområder and their level-2 units, with the first
# area (omsorg) open one level further so that boxes, dashed professional lines and the
# controls are all in the picture.
CHART_VIEW = """
document.getElementById('om-collapse').click();
for (const li of document.querySelectorAll('.om-tree > li > ul > li.om-item')) {
  li.querySelector(':scope > .om-node > .om-toggle').click();
}
document.querySelector('#om-u-ks-hjemmetjenester .om-toggle').click();
window.dispatchEvent(new Event('resize'));
"""
DIFF_VIEW = "window.scrollTo(0, 0);"


def main(argv: list[str] | None = None) -> int:
    """Make both pictures; exit non-zero when a command, the browser or a size limit fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--chromium", default=chromium_path() or "/usr/bin/chromium")
    options = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="orgmodel-pictures-") as scratch:
        chart, diff = Path(scratch) / "chart.html", Path(scratch) / "diff.html"
        run(["render", "models/drammen-2020.yaml", "--format", "html"], chart)
        run(["diff", "models/drammen-2020-before.yaml", "models/drammen-2020.yaml", "--format", "html"], diff)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=options.chromium, headless=True, args=LAUNCH_ARGS
            )
            shoot(browser, chart, options.out / "chart.png", CHART_VIEW, (1500, 900))
            shoot(browser, diff, options.out / "diff.png", DIFF_VIEW, (1400, 900))
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
