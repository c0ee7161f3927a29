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
MARKED = r"<!-- readme-{}: orgmodel (.+?) -->\n```text\n\$ orgmodel \1\n(.*?)```"


def _blocks(stream: str) -> list[tuple[str, str, str]]:
    """(page, command, shown) of every block marked ``readme-run`` (stdout) or ``readme-stderr``."""
    pattern = MARKED.format(stream)
    return [
        (page.relative_to(ROOT).as_posix(), command, shown)
        for page in PAGES
        for command, shown in re.findall(pattern, page.read_text(encoding="utf-8"), re.S)
    ]


BLOCKS = _blocks("run")
EXCERPT = r"<!-- readme-excerpt: orgmodel (.+?) -->\n```\w+\n(.*?)```"
EXCERPTS = [
    (page.relative_to(ROOT).as_posix(), command, shown)
    for page in PAGES
    for command, shown in re.findall(EXCERPT, page.read_text(encoding="utf-8"), re.S)
]
STDERR_BLOCKS = _blocks("stderr")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_has_checked_blocks() -> None:
    assert len([b for b in BLOCKS if b[0] == "README.md"]) >= 3
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_marker_is_followed_by_its_block(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.count("readme-excerpt:") == len(re.findall(EXCERPT, text, re.S))
    for stream in ("run", "stderr"):
        found = re.findall(MARKED.format(stream), text, re.S)
        assert text.count(f"readme-{stream}:") == len(found), (
            f"{page.name}: a marker is not followed by its block"
        )


@pytest.mark.parametrize(("page", "command", "shown"), BLOCKS, ids=[f"{b[0]}: {b[1][:50]}" for b in BLOCKS])
def test_shown_output_is_real(page: str, command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.stdout == shown, f"{page}: regenerate the block from a real run of 'orgmodel {command}'"


@pytest.mark.parametrize(
    ("page", "command", "shown"), STDERR_BLOCKS, ids=[f"{b[0]}: {b[1][:50]}" for b in STDERR_BLOCKS]
)
def test_shown_errors_are_real(page: str, command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``readme-stderr`` block shows a usage or configuration error: stderr, nothing on stdout, exit 2."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", shown), page


@pytest.mark.parametrize(
    ("page", "command", "shown"), EXCERPTS, ids=[f"{b[0]}: {b[1][:50]}" for b in EXCERPTS]
)
def test_shown_excerpts_are_real(
    page: str, command: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``readme-excerpt`` block (a Markdown comment, say) is the start of what the command prints."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.stdout.startswith(shown), f"{page}: regenerate the excerpt from 'orgmodel {command}'"


def test_the_readme_is_a_quick_start() -> None:
    """The README is the tour, under 400 lines; docs/ is the reference, linked from its last section."""
    assert len(README.splitlines()) < 400
    reference = re.sub(r"<!--.*?-->", "", README.split("\n## Reference\n", 1)[1], flags=re.S)
    linked = set(re.findall(r"\]\((docs/[^)#]+)\)", reference))
    pages = {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")}
    assert pages - linked == set(), "link every docs/ page from the README's Reference list"


@pytest.mark.parametrize("page", [*PAGES, ROOT / "docs" / "rules" / "README.md"], ids=lambda p: p.name)
def test_relative_links_lead_to_files(page: Path) -> None:
    text = re.sub(r"```.*?```|<!--.*?-->", "", page.read_text(encoding="utf-8"), flags=re.S)
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


def _yaml_after(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readmes_model_checks_clean() -> None:
    """The brief model of the README is a valid model that keeps every default rule."""
    import orgmodel

    checked = orgmodel.check_text(_yaml_after(README, "## The model format in brief\n"), ruleset="default")
    assert [(d.line, d.code, d.message) for d in checked.diagnostics] == []


def test_the_format_reference_uses_only_real_keys() -> None:
    """docs/model-format.md's example is an excerpt (its references lead out of it), but every key is real."""
    import orgmodel

    page = (ROOT / "docs" / "model-format.md").read_text(encoding="utf-8")
    checked = orgmodel.check_text(_yaml_after(page, "# The model format (version 1)\n"), ruleset="default")
    assert {d.code for d in checked.diagnostics} == {"OM021"}
    dangling = sorted(d.message.rsplit("'", 2)[1] for d in checked.diagnostics)
    assert dangling == ["ks-helse", "ks-hjemmetjenester", "ks-rus-psykisk"]


def test_the_proposal_in_principles_md_is_drammen_with_its_two_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/principles.md's proposal: Konnerudsenteret no hub, Konnerud granting its own hjemmetjenester."""
    import shutil

    model = (ROOT / "models" / "drammen-2020.yaml").read_text(encoding="utf-8")
    edits = [
        ('name: "Konnerudsenteret", kind: knutepunkt,', 'name: "Konnerudsenteret", kind: senter,'),
        ("    decides: [hjemmetjenester, sykehjem, dagsenter,", "    decides: [sykehjem, dagsenter,"),
        (
            "sites: [oms-kd5], delivers: [hjemmetjenester,",
            "sites: [oms-kd5], decides: [hjemmetjenester], delivers: [hjemmetjenester,",
        ),
    ]
    for old, new in edits:
        assert model.count(old) == 1, old
        model = model.replace(old, new)
    (tmp_path / "drammen-proposal.yaml").write_text(model, encoding="utf-8")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    command = "check drammen-proposal.yaml --ruleset rules/drammen-2020.yaml"
    page = (ROOT / "docs" / "principles.md").read_text(encoding="utf-8")
    shown = page.split(f"$ orgmodel {command}\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(command))
    assert (result.exit_code, result.stdout) == (1, shown)


def test_the_trace_totals_shown_are_kari_s(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/trace.md's JSON totals are Kari's in `orgmodel trace kari ... --format json`."""
    import json

    page = (ROOT / "docs" / "trace.md").read_text(encoding="utf-8")
    shown = json.loads(page.split("The totals for Kari:\n\n```json\n", 1)[1].split("```", 1)[0])
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["trace", "kari", "models/drammen-2020.yaml", "--format", "json"])
    assert json.loads(result.stdout)["journeys"][0]["totals"] == shown


def test_the_json_change_shown_in_diff_md_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    page = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    shown = json.loads(page.split("change of the Drammen diff:\n\n```json\n", 1)[1].split("```", 1)[0])
    monkeypatch.chdir(ROOT)
    command = ["diff", "models/drammen-2020-before.yaml", "models/drammen-2020.yaml", "--format", "json"]
    changes = [c for f in json.loads(CliRunner().invoke(app, command).stdout)["files"] for c in f["changes"]]
    assert [c for c in changes if c["id"] == shown["id"]] == [shown]
