"""The hensyn scorecard when the ranking changes or a hensyn goes unscored (tour O, principle 15).

Tour O's round 2 swapped the two top hensyn and read "vektet poengsum: 3,4 -> 3,43", an
improvement; by round 1's ranking round 2 scored 3,38, worse: the whole gain came from the
re-ranking. A round that left one hensyn unscored had no weighted score at all ('–').
Small models of this file's own: three hensyn, ranks and scores per side.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.formatters.report_design import consideration_table
from orgmodel.i18n import set_language

from .helpers import load_model

MODEL = """\
orgmodel: 1
kommune: Testby
units:
  - {{id: top, name: Rådmannens lederteam, level: 1, leader: Rådmann}}
considerations:
  - {{id: samarbeid, name: Tverrfaglig samarbeid, rank: {samarbeid}}}
  - {{id: robust, name: Robuste enheter, rank: {robust}}}
  - {{id: geografi, name: Geografisk lokalisering, rank: 3}}
scores: {scores}
"""

# round 1 puts samarbeid first; round 2 puts robust first, raises robust and lowers samarbeid
ROUND_1 = {"samarbeid": 1, "robust": 2, "scores": "{samarbeid: 3, robust: 4, geografi: 4}"}
ROUND_2 = {"samarbeid": 2, "robust": 1, "scores": "{samarbeid: 2, robust: 5, geografi: 4}"}


def _pair(tmp_path: Path, old: dict[str, object], new: dict[str, object]) -> tuple[str, str]:
    paths = []
    for name, fields in (("old.yaml", old), ("new.yaml", new)):
        path = tmp_path / name
        path.write_text(MODEL.format(**fields), encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


def _diff(*args: str) -> str:
    result = CliRunner().invoke(app, [*args[:1], "diff", *args[1:], "--ruleset", "default"])
    assert result.exit_code == 0, result.stdout
    return result.stdout


def _scorecard(out: str) -> list[str]:
    lines = out.splitlines()
    titles = ("  Hensyn scorecard (", "  Hensynsvurdering (")
    start = next(i for i, line in enumerate(lines) if line.startswith(titles))
    return lines[start + 1 : -1]


def test_a_re_ranking_shows_both_sides_by_the_earlier_ranking_first(tmp_path: Path) -> None:
    """By round 1's weights (3/6, 2/6, 1/6) round 2 scores 3.33, worse; by its own 3.83, better."""
    old, new = _pair(tmp_path, ROUND_1, ROUND_2)
    assert _scorecard(_diff("--lang=en", old, new)) == [
        "    1. Robuste enheter (rank 2 -> 1, weight 0.33 -> 0.50): 4 -> 5",
        "    2. Tverrfaglig samarbeid (rank 1 -> 2, weight 0.50 -> 0.33): 3 -> 2",
        "    3. Geografisk lokalisering (weight 0.17): 4 -> 4",
        "    weighted score, both sides by the earlier ranking: 3.50 -> 3.33",
        "    weighted score, each side by its own ranking: 3.50 -> 3.83",
    ]
    assert round(3 / 6 * 2 + 2 / 6 * 5 + 1 / 6 * 4, 2) == 3.33
    assert round(3 / 6 * 5 + 2 / 6 * 2 + 1 / 6 * 4, 2) == 3.83
    assert _scorecard(_diff("--lang=nb", old, new))[-2:] == [
        "    vektet poengsum, begge sider etter den tidligere prioriteringen: 3,50 -> 3,33",
        "    vektet poengsum, hver side etter sin egen prioritering: 3,50 -> 3,83",
    ]


def test_the_re_ranked_scores_in_markdown_html_and_json(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, ROUND_1, ROUND_2)
    markdown = _diff("--lang=en", old, new, "--format", "markdown").splitlines()
    assert "| weighted score, both sides by the earlier ranking | 3.50 | **3.33** |" in markdown
    assert "| weighted score, each side by its own ranking | 3.50 | **3.83** |" in markdown
    html = _diff("--lang=en", old, new, "--format", "html")
    earlier = "<tr><td>weighted score, both sides by the earlier ranking</td><td>3.50</td><td>3.33</td></tr>"
    assert earlier in html
    metrics = json.loads(_diff("--lang=en", old, new, "--format", "json"))["files"][0]["metrics"]
    (rows,) = [m["rows"] for m in metrics if m["name"] == "hensyn-scorecard"]
    # 'weighted' keeps its meaning (each side by its own ranks); the earlier ranking's row is added
    assert [(r["key"], r["before"], r["after"]) for r in rows[-2:]] == [
        ("weighted-by-earlier-ranking", 3.5, 3.33),
        ("weighted", 3.5, 3.83),
    ]
    assert all(set(r) == {"key", "label", "before", "after"} for r in rows)  # no partial score here


def test_one_ranking_gives_one_weighted_row_with_two_decimals_on_both_sides(tmp_path: Path) -> None:
    """Tour O read '3,4 -> 3,43': both sides now show two decimals."""
    scores = {**ROUND_1, "scores": "{samarbeid: 3, robust: 4, geografi: 2}"}
    old, new = _pair(tmp_path, scores, {**ROUND_1, "scores": "{samarbeid: 3, robust: 4, geografi: 4}"})
    assert _scorecard(_diff("--lang=nb", old, new))[-1] == "    vektet poengsum: 3,17 -> 3,50"
    assert _scorecard(_diff("--lang=en", old, old))[-1] == "    weighted score: 3.17 -> 3.17"


def test_an_unscored_hensyn_gives_a_partial_score_marked_as_such(tmp_path: Path) -> None:
    """The weighted mean of the scores given: (3/6 * 3 + 2/6 * 4) / (5/6) = 3.40, 2 of 3 scored."""
    unscored = {**ROUND_1, "scores": "{samarbeid: 3, robust: 4}"}
    old, new = _pair(tmp_path, ROUND_1, unscored)
    assert _scorecard(_diff("--lang=en", old, new))[-2:] == [
        "    3. Geografisk lokalisering (weight 0.17): 4 -> -",
        "    weighted score: 3.50 -> 3.40 (2 of 3 scored)",
    ]
    nb = _scorecard(_diff("--lang=nb", old, new))
    assert nb[-1] == "    vektet poengsum: 3,50 -> 3,40 (2 av 3 vurdert)"
    document = json.loads(_diff("--lang=en", old, new, "--format", "json"))
    (row,) = [
        r
        for m in document["files"][0]["metrics"]
        for r in m["rows"]
        if m["name"] == "hensyn-scorecard" and r["key"] == "weighted"
    ]
    # 'after' stays null (not every hensyn is scored); the partial score is beside it
    assert row["after"] is None and row["after_partial"] == {"score": 3.4, "scored": 2, "of": 3}
    assert "before_partial" not in row
    markdown = _diff("--lang=en", old, new, "--format", "markdown").splitlines()
    assert "| weighted score | 3.50 | **3.40 (2 of 3 scored)** |" in markdown


def test_a_proposal_with_no_score_at_all_has_no_weighted_score(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, ROUND_1, {**ROUND_1, "scores": "{}"})
    assert _scorecard(_diff("--lang=en", old, new))[-1] == "    weighted score: 3.50 -> -"


def test_the_heading_says_only_rows_that_changed_only_where_that_is_true(tmp_path: Path) -> None:
    """Tour O: 'only rows that changed' sat over nine unchanged scorecard rows."""
    old, new = _pair(tmp_path, ROUND_1, ROUND_1)
    same = _diff("--lang=nb", old, new).splitlines()
    assert "Nøkkeltall (før -> etter)" in same
    assert not [line for line in same if "bare rader som er endret" in line]
    text = Path(new).read_text(encoding="utf-8")
    skole = "  - {id: skole, name: Skole, level: 2, parent: top}\n"
    Path(new).write_text(text.replace("considerations:\n", skole + "considerations:\n"), encoding="utf-8")
    changed = _diff("--lang=en", old, new).splitlines()
    assert "Measures (before -> after; only rows that changed, the hensyn scorecard in full)" in changed


def test_the_report_gives_the_partial_score_and_says_how(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MODEL.format(**{**ROUND_1, "scores": "{samarbeid: 3, robust: 4}"}), encoding="utf-8")
    set_language("nb")  # the conftest speaks English again after the test
    table = consideration_table(load_model(path))
    assert table is not None
    assert table.rows[-1] == (None, "vektet poengsum", None, "3,40 (2 av 3 vurdert)")
    assert table.note == (
        "vekt = n + 1 - prioritet, normalisert, som 'orgmodel diff' bruker når to forslag sammenlignes; "
        "når et hensyn mangler poeng, er den vektede poengsummen det vektede gjennomsnittet av poengene "
        "som er gitt (vektene deres normalisert på nytt så de summeres til 1)"
    )
    path.write_text(MODEL.format(**ROUND_1), encoding="utf-8")
    set_language("en")
    table = consideration_table(load_model(path))
    assert table is not None and table.rows[-1] == (None, "weighted score", None, "3.50")
    assert table.note == (
        "weight = n + 1 - rank, normalised, as 'orgmodel diff' uses it when two proposals are compared"
    )
