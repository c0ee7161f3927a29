"""The hensyn scorecard in every diff format: a score-only change is a change, never "no change".

Issue 15: "a proposal may score itself per consideration ... diff shows the scores side by side
weighted by rank". Small models of this file's own: two considerations, scores on both sides.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from orgmodel.cli import app

MODEL = """\
orgmodel: 1
kommune: Testby
units:
  - {{id: top, name: Rådmannen, level: 1, leader: Rådmann}}
considerations:
  - {{id: narhet, name: Nærhet til brukerne, rank: 1}}
  - {{id: robust, name: Robuste <b>enheter</b>, rank: 2}}
scores: {scores}
"""


def _pair(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    paths = []
    for name, scores in (("old.yaml", old), ("new.yaml", new)):
        path = tmp_path / name
        path.write_text(MODEL.format(scores=scores), encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


def _diff(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["diff", *args, "--ruleset", "default"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_a_score_only_change_is_a_change_in_text(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, "{narhet: 4, robust: 3}", "{narhet: 1, robust: 3}")
    code, out = _diff(old, new)
    assert code == 0
    lines = out.splitlines()
    assert "no change" not in out
    assert lines[1:] == [
        "Structure",
        "  • score for 'Nærhet til brukerne' (narhet): 4 -> 1  [score-changed:narhet]",
        "Principles (rule findings)",
        "  0 new findings, 0 resolved, 0 changed, 0 unchanged",
        "Measures (before -> after)",
        "  Hensyn scorecard (each side's own scores, 1-5; weight = n + 1 - rank, normalised)",
        "    1. Nærhet til brukerne (weight 0.67): 4 -> 1",
        "    2. Robuste <b>enheter</b> (weight 0.33): 3 -> 3",
        "    weighted score: 3.67 -> 1.67",
        "1 change in 1 file (1 structure)",
    ]


def test_a_score_added_and_one_removed_are_changes(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, "{narhet: 4}", "{robust: 2}")
    code, out = _diff(old, new, "--format", "json")
    assert code == 0
    changes = json.loads(out)["files"][0]["changes"]
    assert [(c["id"], c["before"], c["after"]) for c in changes] == [
        ("score-changed:narhet", 4, None),
        ("score-changed:robust", None, 2),
    ]
    assert [c["message"] for c in changes] == [
        "score for 'Nærhet til brukerne' (narhet): 4 -> (none)",
        "score for 'Robuste <b>enheter</b>' (robust): (none) -> 2",
    ]


def test_markdown_counts_the_score_change_and_shows_the_scorecard(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, "{narhet: 4, robust: 3}", "{narhet: 1, robust: 3}")
    code, out = _diff(old, new, "--format", "markdown")
    assert code == 0
    assert "No change" not in out
    lines = out.splitlines()
    assert "| **Structure** | 1 hensyn score changed |" in lines
    assert "- score for 'Nærhet til brukerne' (narhet): 4 -> 1 <sub>`score-changed:narhet`</sub>" in lines
    assert "| 1\\. Nærhet til brukerne (weight 0.67) | 4 | **1** |" in lines
    assert lines[-1] == "_1 change in 1 file (1 structure)_"


def test_html_counts_the_score_change(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, "{narhet: 4, robust: 3}", "{narhet: 1, robust: 3}")
    code, out = _diff(old, new, "--format", "html")
    assert code == 0
    assert "<tr><th>Structure</th><td>1 hensyn score changed</td></tr>" in out
    assert "score for &#x27;Robuste" not in out  # only the changed score is a change
    assert "<tr><td>1. Nærhet til brukerne (weight 0.67)</td><td>4</td><td>1</td></tr>" in out
    assert "<tr><td>2. Robuste &lt;b&gt;enheter&lt;/b&gt; (weight 0.33)</td><td>3</td><td>3</td></tr>" in out
    assert "<p><em>1 change in 1 file (Structure: 1)</em></p>" in out


def test_unchanged_scores_show_the_scorecard_with_no_change(tmp_path: Path) -> None:
    """The scorecard is shown even when nothing changed (docs/model-format.md), in text and markdown too."""
    old, new = _pair(tmp_path, "{narhet: 4, robust: 3}", "{narhet: 4, robust: 3}")
    code, out = _diff(old, new)
    assert code == 0
    assert out.splitlines()[1:] == [
        "  no change",
        "Measures (before -> after)",  # every scorecard row follows, changed or not (tour O)
        "  Hensyn scorecard (each side's own scores, 1-5; weight = n + 1 - rank, normalised)",
        "    1. Nærhet til brukerne (weight 0.67): 4 -> 4",
        "    2. Robuste <b>enheter</b> (weight 0.33): 3 -> 3",
        "    weighted score: 3.67 -> 3.67",
        "0 changes in 1 file",
    ]
    code, out = _diff(old, new, "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert "No change (1 unit)." in lines
    assert "| weighted score | 3.67 | 3.67 |" in lines


def test_a_re_ranked_consideration_shows_both_sides_rank_and_weight(tmp_path: Path) -> None:
    """Tour H: a rank typo (2 -> 3) moved the weighted score while every row read '4 -> 4'."""
    old, new = _pair(tmp_path, "{narhet: 4, robust: 3}", "{narhet: 4, robust: 3}")
    Path(new).write_text(
        Path(new).read_text(encoding="utf-8").replace("rank: 2}", "rank: 3}"), encoding="utf-8"
    )
    code, out = _diff(old, new)
    assert code == 0
    rows = out.splitlines()[
        out.splitlines().index(
            "  Hensyn scorecard (each side's own scores, 1-5; weight = n + 1 - rank, normalised)"
        )
        + 1 :
    ]
    assert rows[:4] == [
        "    1. Nærhet til brukerne (weight 0.67 -> 0.75): 4 -> 4",
        "    3. Robuste <b>enheter</b> (rank 2 -> 3, weight 0.33 -> 0.25): 3 -> 3",
        "    weighted score, both sides by the earlier ranking: 3.67 -> 3.67",
        "    weighted score, each side by its own ranking: 3.67 -> 3.75",
    ]
    # each side's weighted score follows from its own weights in the rows
    assert round(0.67 * 4 + 0.33 * 3, 2) == 3.67 and round(0.75 * 4 + 0.25 * 3, 2) == 3.75
