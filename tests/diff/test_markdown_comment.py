"""The pull-request comment: hidden marker, real table headers, the size limit and the Mermaid diagram."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel import escape
from orgmodel.cli import app
from orgmodel.diff import diff_models
from orgmodel.diff.run import DiffReport, FileDiff, compare
from orgmodel.diff.sources import Side
from orgmodel.formatters.diff_markdown import MARKER, DiffMarkdownFormatter
from orgmodel.formatters.diff_mermaid import MAX_NODES, label, mermaid
from orgmodel.ruleset import load_ruleset
from tests.diff.helpers import base_units, edit, org, unit, without

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from generate_model import generate

MD = MarkdownIt("commonmark").enable("table")
OLD, NEW = "models/drammen-2020-before.yaml", "models/drammen-2020.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_comment_starts_with_the_hidden_marker_and_its_tables_have_real_headers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(OLD, NEW, "--format", "markdown")
    assert code == 0
    assert out.splitlines()[0] == MARKER == "<!-- orgmodel-diff -->"
    tokens = MD.parse(out)
    assert tokens[0].type == "html_block" and tokens[0].content == MARKER + "\n"  # hidden when rendered
    headers = [
        [tokens[i + 1].content for i in range(start, len(tokens)) if tokens[i].type == "th_open"][:2]
        for start, t in enumerate(tokens)
        if t.type == "thead_open"
    ]
    assert headers[0] == ["What", "Change"]
    assert all(all(cell.strip() for cell in header) for header in headers)  # no empty header row


def _sides(old: str, new: str) -> tuple[Side, Side]:
    return Side("old.yaml", "file", {"": old.encode()}, {"": "old.yaml"}), Side(
        "new.yaml", "file", {"": new.encode()}, {"": "new.yaml"}
    )


def _comment(old: str, new: str, max_chars: int | None) -> tuple[str, list[str], list[str]]:
    """The comment, and the ids of the structural changes and of the new errors."""
    report = compare(*_sides(old, new), load_ruleset("default"))
    stream = io.StringIO()
    DiffMarkdownFormatter(stream, max_chars=max_chars).diff(report)
    structure = [c.id for c in report.changes if c.group == "structure"]
    errors = [c.id for c in report.changes if c.kind == "finding-new" and c.severity == "error"]
    return stream.getvalue(), structure, errors


def _well_formed(text: str) -> None:
    """Every section closed, every fence closed, every table with its header and delimiter row."""
    assert text.count("<details") == text.count("</details>")
    assert text.count("```") % 2 == 0
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and (i == 0 or not lines[i - 1].startswith("|")):
            assert lines[i + 1].startswith("|---"), (i, line)  # a table starts with its header
    nesting = 0
    for token in MD.parse(text):
        if token.type == "html_block":
            nesting += token.content.count("<details") - token.content.count("</details>")
            assert nesting in (0, 1), token.content
    assert nesting == 0


@pytest.fixture(scope="module")
def large() -> tuple[str, str]:
    """A 2,000-unit model and a reorganised one with 12 planted errors: far over 60,000 characters."""
    return generate(2000, seed=1), generate(2000, seed=2, findings=12)


def test_a_comment_over_the_limit_keeps_the_summary_new_errors_diagram_and_structure_first(
    large: tuple[str, str],
) -> None:
    full, structure, errors = _comment(*large, max_chars=10**9)
    assert len(full) > 400_000 and len(errors) == 12 and len(structure) > 2000
    text, _, _ = _comment(*large, max_chars=None)
    assert len(text) <= 60_000
    assert text.splitlines()[0] == MARKER
    assert "| **Units** | 2000 → 2000 |" in text and "| **Structure** |" in text
    assert all(f"`{ident}`" in text for ident in errors)  # every new error stays
    shown = [ident for ident in structure if f"`{ident}`" in text]
    assert shown == structure[: len(shown)] and len(shown) > 50  # then the structure, in order
    assert "<summary><b>People affected</b>" not in text  # less important: left out
    left = full.count("\n- ") - text.count("\n- ")
    note = re.search(
        r"^_… and ([\d,]+) more changes \(also left out: ([^)]*)\): run `orgmodel diff` locally", text, re.M
    )
    assert note is not None and int(note.group(1).replace(",", "")) == left
    tables = full.count("|---|---:|---:|")
    assert tables == 8 and "|---|---:|---:|" not in text
    assert note.group(2) == "8 measure tables"
    assert text.count("```mermaid") == 1  # the diagram stays: it is capped in size
    assert f"<summary><b>Structure</b> ({len(shown):,} of {len(structure):,} shown)</summary>" in text
    _well_formed(text)
    _well_formed(full)


def test_max_chars_sets_the_limit_and_belongs_to_the_markdown_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(OLD, NEW, "--format", "markdown", "--max-chars", "3000")
    assert code == 0 and len(out) <= 3000
    _well_formed(out)
    last = "_58 changes in 1 file (7 about people, 38 structure, 6 services, 7 principles)_"
    assert out.splitlines()[-1] == last
    assert run(OLD, NEW, "--max-chars", "3000") == (
        2,
        "",
        "orgmodel: --max-chars shortens the Markdown comment: give it with --format markdown\n",
    )
    code, _, err = run(OLD, NEW, "--format", "markdown", "--max-chars", "10")
    assert code == 2 and "Invalid value for '--max-chars': the value must be at least 1000" in err


# The Mermaid diagram

HOSTILE = (
    '"]; end\n```\n<script>x</script> #quot; &amp; [a] {b} `c` \\n |d| %% e; click a href "javascript:x"'
)
DECLARE = re.compile(r'    ([ab]\d+)\["((?:[\w \-.,:/()\']|#\d+;)*)"\]')
EDGE = re.compile(r"    ([ab]\d+) --> ([ab]\d+)")
CLASS = re.compile(r"  class ([ab]\d+(?:,[ab]\d+)*) (added|removed|merged|split|changed)")
FIXED = re.compile(
    r'flowchart TB|  subgraph [ab]side\["(Before|After)"\]|    direction TB|  end'
    r"|  classDef (added|removed|merged|split|changed) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6}"
)


def grammar(block: list[str]) -> dict[str, str]:
    """Check a diagram line by line (its fenced part: a legend and a note may follow); each node's label."""
    assert block[0] == "```mermaid" and "```" in block
    block = block[: block.index("```") + 1]
    declared: dict[str, str] = {}
    for line in block[1:-1]:
        if found := DECLARE.fullmatch(line):
            assert found.group(1) not in declared
            declared[found.group(1)] = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), found.group(2))
        elif found := EDGE.fullmatch(line):
            assert found.group(1) in declared and found.group(2) in declared, line
        elif found := CLASS.fullmatch(line):
            assert set(found.group(1).split(",")) <= set(declared), line
        else:
            assert FIXED.fullmatch(line), line
    return declared


def text_of(block: list[str]) -> str:
    """The lines between the fences."""
    return "".join(block[1:-1])


def test_a_hostile_name_cannot_break_out_of_the_diagram() -> None:
    old = base_units()
    new = [*base_units(), unit("v-gamma", "ks-b", 3, name=HOSTILE, kind="virksomhet", staff=9)]
    new[4]["name"] = "end"  # a Mermaid keyword as a name
    block = mermaid(diff_models(org(old), org(new)))
    labels = grammar(block)
    assert list(labels.values()) == [
        *("Rådmannens lederteam", "Omsorg", "Hjemmetjenester", "Hjemmetjenester Nord"),  # before
        *("Rådmannens lederteam", "Oppvekst", "Skole", escape.text(HOSTILE)),  # after: added
        *("Omsorg", "Hjemmetjenester", "end"),  # after: renamed
    ]
    assert escape.text(HOSTILE) != HOSTILE and "\n" not in text_of(block)
    assert "  class a4 added" in block  # the new unit, in the After side
    text = "\n".join(block)
    tokens = MD.parse(f"{text}\n")
    # one fence, then the legend's paragraph: nothing of the names outside the fence
    assert [(t.type, t.info) for t in tokens][:2] == [("fence", "mermaid"), ("paragraph_open", "")]
    assert block[block.index("```") + 1 :] == [
        "",
        "_Colours: green: added; yellow: moved, renamed or otherwise changed._",
    ]
    assert label('a"b#c<d') == '"a#34;b#35;c#60;d"'


def test_the_diagram_draws_the_changed_branches_before_and_after() -> None:
    old = base_units()
    new = [dict(u) for u in old]
    new[5]["parent"] = "ks-b"  # v-sor moves (with avd-1) from Hjemmetjenester to Skole
    new = [u for u in new if u["id"] != "v-beta"]  # and Beta skole closes
    labels = grammar(mermaid(diff_models(org(old), org(new))))
    before = sorted(v for k, v in labels.items() if k.startswith("b"))
    after = sorted(v for k, v in labels.items() if k.startswith("a"))
    assert before == [
        "Beta skole",
        "Hjemmetjenester",
        "Hjemmetjenester Sør",
        "Omsorg",
        "Oppvekst",
        "Rådmannens lederteam",
        "Skole",
    ]
    assert after == ["Hjemmetjenester Sør", "Oppvekst", "Rådmannens lederteam", "Skole"]


def test_a_split_whose_part_keeps_the_id_is_drawn_as_changed_not_removed_and_added() -> None:
    # a Nordre Follo proposal split Langhus og Kråkstad, Langhus keeping the id: the picture said the
    # unit was abolished and a new one created (its leader post re-advertised), the text said otherwise
    old = base_units()
    new = [dict(u) for u in old]
    new[5]["staff"] = 6  # Hjemmetjenester Sør keeps its id and half its people
    new.append(unit("v-vest", "ks-a", 3, name="Hjemmetjenester Vest", kind="virksomhet", staff=6))
    result = diff_models(org(old), org(new))
    assert "unit-split:v-sor->v-sor+v-vest" in {c.id for c in result.changes}
    block = mermaid(result)
    labels = grammar(block)
    node = {(k[0], v): k for k, v in labels.items()}
    classes = {line.split()[-1]: line.split()[1].split(",") for line in block if line.startswith("  class ")}
    assert node["b", "Hjemmetjenester Sør"] in classes["split"]
    assert node["a", "Hjemmetjenester Sør"] in classes["split"]
    assert node["a", "Hjemmetjenester Vest"] in classes["split"]
    assert "removed" not in classes and "added" not in classes
    assert block[block.index("```") + 2] == "_Colours: orange: split (the unit before and its parts)._"


def test_a_merger_is_drawn_as_merged_on_both_sides_with_a_legend_not_removed_and_added() -> None:
    """Tour J #12: the merged units were red ('removed') and the merged unit green, with no legend."""
    old = base_units()
    new = without(old, "v-nord", "v-sor")
    new.insert(
        4, unit("v-nord-sor", "ks-a", 3, name="Hjemmetjenester Nord og Sør", kind="virksomhet", staff=22)
    )
    new = edit(new, "avd-1", parent="v-nord-sor")
    result = diff_models(org(old), org(new))
    assert "unit-merged:v-nord+v-sor->v-nord-sor" in {c.id for c in result.changes}
    block = mermaid(result)
    labels = grammar(block)
    node = {(k[0], v): k for k, v in labels.items()}
    classes = {line.split()[-1]: line.split()[1].split(",") for line in block if line.startswith("  class ")}
    merged = {
        node["b", "Hjemmetjenester Nord"],
        node["b", "Hjemmetjenester Sør"],
        node["a", "Hjemmetjenester Nord og Sør"],
    }
    assert merged <= set(classes["merged"]) and "removed" not in classes and "added" not in classes
    assert "purple: merged (the units before and the unit they became)" in block[-1]


def test_the_diagram_is_capped_per_side() -> None:
    old = base_units()
    new = [*old, *(unit(f"v-new-{i}", "ks-b", 3, kind="virksomhet", staff=9) for i in range(60))]
    block = mermaid(diff_models(org(old), org(new)))
    labels = grammar(block)
    assert sum(1 for k in labels if k.startswith("a")) == MAX_NODES
    assert (
        block[-1] == f"_The diagram shows at most {MAX_NODES} units a side: "
        "the first changed units and the units above them._"
    )


def test_no_diagram_without_a_structural_change(tmp_path: Path) -> None:
    old = base_units()
    new = [dict(u) for u in old]
    new[4]["staff"] = 11
    assert mermaid(diff_models(org(old), org(new))) == []


def test_every_limit_is_kept_and_a_larger_limit_never_shows_less(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = compare(
        Side(OLD, "file", {"": Path(OLD).read_bytes()}, {"": OLD}),
        Side(NEW, "file", {"": Path(NEW).read_bytes()}, {"": NEW}),
        load_ruleset("drammen-2020"),
    )

    def comment(limit: int) -> str:
        stream = io.StringIO()
        DiffMarkdownFormatter(stream, max_chars=limit).diff(report)
        return stream.getvalue()

    full = comment(10**9)
    shown_before = {False: -1, True: -1}  # with and without the diagram
    for limit in range(1000, len(full) + 500, 250):
        text = comment(limit)
        assert len(text) <= limit and text.splitlines()[0] == MARKER, limit
        _well_formed(text)
        shown, diagram = text.count("\n- "), "```mermaid" in text
        # the limit that first makes room for the diagram shows it in the place of some changes
        assert shown >= shown_before[diagram], limit
        shown_before[diagram] = shown
        assert (text == full) == (limit >= len(full)), limit


def test_a_diagram_too_large_for_the_limit_leaves_its_room_to_the_changes() -> None:
    """Tour F finding 16: --max-chars 4000 wrote 2,341 characters, 3 of 55 changes."""
    old = base_units()
    new = [*old, *(unit(f"v-ny-{i}", "ks-b", 3, name=f"Ny skole nummer {i}") for i in range(40))]
    report = DiffReport("a.yaml", "b.yaml", [FileDiff("a.yaml", "b.yaml", diff_models(org(old), org(new)))])
    stream = io.StringIO()
    DiffMarkdownFormatter(stream, max_chars=2500).diff(report)
    text = stream.getvalue()
    assert "```mermaid" not in text and "1 diagram" in text
    assert len(text) > 2000 and text.count("\n- ") >= 5


def test_the_units_cell_uses_one_arrow() -> None:
    """Tour F finding 16: '154 → 155; 0 -> 2 of them outside the basisorganisasjon' mixed arrows."""
    old = base_units()
    new = [*old, unit("iks", None, 3, name="Arkiv IKS", kind="iks")]
    report = DiffReport("a.yaml", "b.yaml", [FileDiff("a.yaml", "b.yaml", diff_models(org(old), org(new)))])
    stream = io.StringIO()
    DiffMarkdownFormatter(stream).diff(report)
    (row,) = [line for line in stream.getvalue().splitlines() if line.startswith("| **Units** |")]
    assert row == "| **Units** | 10 → 11; 0 → 1 of them outside the basisorganisasjon |"
