"""The README and docs/ show real output: every block marked ``readme-run`` is what the command prints now.

A block is ``<!-- readme-run: orgmodel ARGS -->`` followed by a ``text`` block that starts with
``$ orgmodel ARGS``; the test runs the command from the repository root and compares stdout.
The generated rule pages (docs/rules/) are compared by tests/test_docgen.py, which regenerates them.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKED = r"<!-- readme-run: orgmodel (.+?) -->\n```text\n\$ orgmodel \1\n(.*?)```"
BLOCKS = [
    (page.relative_to(ROOT).as_posix(), command, shown)
    for page in PAGES
    for command, shown in re.findall(MARKED, page.read_text(encoding="utf-8"), re.S)
]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_has_checked_blocks() -> None:
    assert len([b for b in BLOCKS if b[0] == "README.md"]) >= 4
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_marker_is_followed_by_its_block(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    found = re.findall(MARKED, text, re.S)
    assert text.count("readme-run:") == len(found), f"{page.name}: a marker is not followed by its block"


@pytest.mark.parametrize(("page", "command", "shown"), BLOCKS, ids=[f"{b[0]}: {b[1][:50]}" for b in BLOCKS])
def test_shown_output_is_real(page: str, command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.stdout == shown, f"{page}: regenerate the block from a real run of 'orgmodel {command}'"


def test_the_readme_is_a_quick_start() -> None:
    """The README is the tour, under 400 lines; docs/ is the reference, linked from its last section."""
    assert len(README.splitlines()) < 400
    reference = README.split("\n## Reference\n", 1)[1]
    linked = set(re.findall(r"\]\((docs/[^)#]+)\)", reference))
    pages = {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")}
    assert pages - linked == set(), "link every docs/ page from the README's Reference list"


@pytest.mark.parametrize("page", [*PAGES, ROOT / "docs" / "rules" / "README.md"], ids=lambda p: p.name)
def test_relative_links_lead_to_files(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)
    missing = [t for t in targets if not (page.parent / t).exists()]
    assert missing == [], f"{page.name} links to missing files"


def test_no_section_lives_in_both_the_readme_and_docs() -> None:
    """A paragraph of the README (three lines or more of prose) is not repeated in a docs/ page."""
    prose = re.sub(r"```.*?```", "", README, flags=re.S)
    paragraphs = [
        p for p in prose.split("\n\n") if p.count("\n") >= 2 and not p.lstrip().startswith(("|", "<!"))
    ]
    for page in PAGES[1:]:
        text = page.read_text(encoding="utf-8")
        assert [p for p in paragraphs if p.strip() in text] == [], page.name
