"""``orgmodel report`` on a model split into parts: every finding names its file (tour O, finding 7).

``check`` names the part a finding is in; the report's findings table gave ``4:96`` alone under a
page that names the main file, and the chart's list said "the model, at line 5" for a finding in a
part. Whenever the model has parts (or a finding is in the ruleset), each row shows ``file:line:col``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app

MAIN = """\
orgmodel: 1
kommune: Testby
units:
  - {id: kd, name: Kommunedirektør, level: 1, leader: KD, staff: 2, budget: true}
  - {id: ks, name: Oppvekst, level: 2, parent: kd, leader: KS, staff: 1, budget: true}
  - {id: skole-a, name: A skole, kind: virksomhet, level: 3, parent: ks, leader: R, staff: 3, budget: true}
parts: [oppvekst.yaml]
"""
PART = """\
orgmodel-part: 1
part_of: kommune.yaml
units:
  - {id: skole-b, name: B skole, kind: virksomhet, level: 3, parent: ks, leader: R, staff: 2, budget: true}
  - {id: skole-c, name: C skole, kind: virksomhet, level: 3, parent: ks, leader: R, budget: true}
"""


def report(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    main: str,
    part: str | None = PART,
    ruleset: str = "default",
) -> str:
    (folder / "kommune.yaml").write_text(main, encoding="utf-8")
    if part is not None:
        (folder / "oppvekst.yaml").write_text(part, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, ["report", "kommune.yaml", "--ruleset", ruleset, "-o", "r.html"])
    assert result.exit_code == 0, result.output
    return (folder / "r.html").read_text(encoding="utf-8")


def cells(page: str) -> list[str]:
    """The first cell of each row of the OM150 findings table."""
    table = page[page.index('id="rule-OM150"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<tr><td class="num">([^<]*)</td>', table)


def test_a_model_in_parts_names_the_file_of_every_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = report(tmp_path, monkeypatch, MAIN)
    assert "<th>file:line:col</th>" in page
    # the main file's findings first, then the part's, each in file order
    assert cells(page) == ["kommune.yaml:6:92", "oppvekst.yaml:4:92", "oppvekst.yaml:5:10"]
    # the chart's list of findings on no box says which file, not "the model, at line 5"
    assert "oppvekst.yaml, at line 5:" in page
    assert "the model, at line" not in page


def test_a_model_in_one_file_keeps_line_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = MAIN.replace("parts: [oppvekst.yaml]\n", "") + "".join(PART.splitlines(keepends=True)[3:])
    page = report(tmp_path, monkeypatch, whole, part=None)
    assert "<th>line:col</th>" in page and "file:line:col" not in page
    assert cells(page) == ["6:92", "7:92", "8:10"]
    assert "the model, at line 8:" in page


def test_a_finding_in_the_ruleset_names_the_ruleset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = MAIN.replace("parts: [oppvekst.yaml]\n", "")
    page = report(tmp_path, monkeypatch, whole, part=None, ruleset="drammen-2020")
    table = page[page.index('id="rule-OM230"') :]
    assert "<th>file:line:col</th>" in table
    assert re.search(r'<tr><td class="num">[^<]*drammen-2020\.yaml:\d+:\d+</td>', table)
