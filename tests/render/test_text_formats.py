"""DOT, Mermaid and SVG charts: exact text, escaped names, and the real parsers (dot, Mermaid) reading."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import orgmodel
from browser import open_page
from conftest import FIXTURES, ROOT
from orgmodel.render.graphviz import dot_text, svg_text
from orgmodel.render.mermaid import entities, mermaid_text

CHART = FIXTURES / "render" / "chart.yaml"
DRAMMEN = ROOT / "models" / "drammen-2020.yaml"
MERMAID_JS = Path(
    os.environ.get("ORGMODEL_MERMAID_JS", ROOT / "build/mermaid/node_modules/mermaid/dist/mermaid.min.js")
)


def test_mermaid_text_of_one_area_with_a_finding_and_hostile_names() -> None:
    chart = orgmodel.model_chart(CHART, ruleset="default")
    assert mermaid_text(chart).splitlines() == [
        "flowchart TD",
        '  u1["Rådmannens lederteam<br/>Rådmann<br/>level 1 · span ≥ 2"]',
        '  u2["Omsorg<br/>Direktør for omsorg<br/>level 1 · span ≥ 1"]',
        '  u3["Helse<br/>Kommunalsjef for helse<br/>level 2 · span 4"]',
        '  u4["Hjemmetjenester Nord<br/>Virksomhetsleder<br/>level 3 · span 60<br/>OM120, OM260"]',
        '  u5["Hjemmetjenester Sør<br/>Virksomhetsleder<br/>level 3 · span 8"]',
        '  u6["Oppvekst<br/>Direktør for oppvekst<br/>level 1 · span ≥ 1"]',
        '  u7["Skole<br/>Kommunalsjef for skole<br/>level 2 · span 3"]',
        '  u8["#60;script#62;alert(1)#60;/script#62;<br/>Rektor<br/>level 3 · span 20"]',
        '  u9["#34;#62;#60;img src#61;x onerror#61;alert(1)#62;<br/>Rektor #38; #60;b#62;co#60;/b#62;<br/>'
        'level 3 · span 15"]',
        "  u1 --> u2",
        "  u1 --> u6",
        "  u2 --> u3",
        "  u3 --> u4",
        "  u3 --> u5",
        "  u6 --> u7",
        "  u7 --> u8",
        "  u7 --> u9",
        "  u5 -.-> u7",
        "  classDef error fill:#ffebe9,stroke:#cf222e,stroke-width:2px",
        "  classDef warning fill:#fff8c5,stroke:#9a6700,stroke-width:2px",
        "  classDef info fill:#ddf4ff,stroke:#0969da,stroke-width:2px",
        "  class u4 warning",
    ]


def test_mermaid_entities_leave_no_character_that_ends_a_label_a_line_or_a_fence() -> None:
    assert entities('a"b]c#d\ne`f;') == "a#34;b#93;c#35;d#92;ne#96;f#59;"
    assert entities("Åsen · Mjøndalen (kd1)") == "Åsen · Mjøndalen (kd1)"


def test_dot_text_of_one_area_escapes_names_as_html_labels() -> None:
    chart = orgmodel.model_chart(CHART, ruleset="default", root="ks-skole")
    lines = dot_text(chart).splitlines()
    assert lines[0] == 'digraph "Testby" {'
    assert lines[6:] == [
        '  "ks-skole" [label=<<B>Skole</B><BR/>Kommunalsjef for skole<BR/>'
        '<FONT POINT-SIZE="9" COLOR="#57606a">level 2 · staff 1 · span 3</FONT>>];',
        '  "skole-script" [label=<<B>&lt;script&gt;alert(1)&lt;/script&gt;</B><BR/>Rektor<BR/>'
        '<FONT POINT-SIZE="9" COLOR="#57606a">level 3 · staff 20 · span 20</FONT>>];',
        '  "skole-img" [label=<<B>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</B><BR/>'
        'Rektor &amp; &lt;b&gt;co&lt;/b&gt;<BR/><FONT POINT-SIZE="9" COLOR="#57606a">'
        "level 3 · staff 15 · span 15</FONT>>];",
        '  "ks-skole" -> "skole-script";',
        '  "ks-skole" -> "skole-img";',
        "}",
    ]


def test_a_finding_colours_its_box_and_professional_lines_are_dashed_in_dot() -> None:
    text = dot_text(orgmodel.model_chart(CHART, ruleset="default"))
    assert (
        '"hjemme-sor" -> "ks-skole" [style=dashed, color="#8250df", constraint=false, arrowhead=vee];' in text
    )
    (nord,) = [line for line in text.splitlines() if line.startswith('  "hjemme-nord" [')]
    assert 'color="#9a6700", fillcolor="#fff8c5", penwidth=2, tooltip="OM120 ' in nord
    assert '<FONT POINT-SIZE="9" COLOR="#9a6700">OM120, OM260</FONT>' in nord


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


@needs_dot
def test_graphviz_reads_the_whole_drammen_chart_and_draws_every_unit() -> None:
    chart = orgmodel.model_chart(DRAMMEN)
    svg = svg_text(chart)
    assert svg.count('class="node"') == 154
    assert svg.count('class="edge"') == 153 + len(chart.professional_lines())
    assert svg.count('stroke-dasharray="5,2"') == len(chart.professional_lines())


@needs_dot
def test_the_svg_shows_hostile_names_as_text(tmp_path: Path) -> None:
    svg = svg_text(orgmodel.model_chart(CHART, ruleset="default"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script" not in svg and "<img" not in svg
    (tmp_path / "chart.svg").write_text(svg, encoding="utf-8")
    with open_page(tmp_path / "chart.svg", tmp_path) as watched:
        texts = watched.page.eval_on_selector_all("text", "nodes => nodes.map(n => n.textContent)")
        watched.screenshot("chart-svg.png", full_page=False)  # an SVG document has no page to stretch
        watched.assert_quiet()
    assert "<script>alert(1)</script>" in texts
    assert '"><img src=x onerror=alert(1)>' in texts


def test_without_graphviz_svg_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(orgmodel.ConfigError) as raised:
        svg_text(orgmodel.model_chart(CHART, ruleset="default"))
    assert raised.value.message == (
        "--format svg needs Graphviz's 'dot' command (Debian: apt-get install graphviz); "
        "--format dot writes the graph for it"
    )


def _mermaid(tmp_path: Path) -> Path:
    if not MERMAID_JS.exists():
        reason = f"no Mermaid at {MERMAID_JS} (npm install --prefix build/mermaid mermaid@11; .ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html lang='en'><head><title>m</title></head><body></body></html>")
    return blank


PARSE = (
    "async (s) => { try { await mermaid.parse(s); return 'ok'; } catch (e) { return String(e.message); } }"
)
RENDER = (
    "async (s) => { mermaid.initialize({startOnLoad: false}); const r = await mermaid.render('g', s);"
    " document.body.innerHTML = r.svg; return document.body.innerText; }"
)


def test_mermaid_itself_parses_and_draws_the_drammen_chart_and_the_hostile_names(tmp_path: Path) -> None:
    blank = _mermaid(tmp_path)
    drammen = mermaid_text(orgmodel.model_chart(DRAMMEN))
    hostile = mermaid_text(orgmodel.model_chart(CHART, ruleset="default"))
    with open_page(blank, tmp_path) as watched:
        watched.page.add_script_tag(path=str(MERMAID_JS))
        parsed = [
            watched.page.evaluate(PARSE, text) for text in (drammen, hostile, "flowchart TD\n  a --> end")
        ]
        shown = watched.page.evaluate(RENDER, hostile)
        watched.screenshot("mermaid.png")
        watched.assert_quiet()
    assert parsed[:2] == ["ok", "ok"]
    assert parsed[2].startswith("Parse error on line 2")  # the parser does refuse what is wrong
    assert "<script>alert(1)</script>\nRektor\nlevel 3 · span 20" in shown
    assert '"><img src=x onerror=alert(1)>\nRektor & <b>co</b>\nlevel 3 · span 15' in shown


@needs_dot
def test_a_dot_that_does_not_finish_is_stopped_with_a_way_out(monkeypatch: pytest.MonkeyPatch) -> None:
    from orgmodel.render import graphviz

    monkeypatch.setattr(graphviz, "DOT_TIMEOUT", 0.001)  # stopped long before it could draw 154 units
    stopped = r"did not finish in 0.001 seconds: draw a part of the model"
    with pytest.raises(orgmodel.ConfigError, match=stopped):
        svg_text(orgmodel.model_chart(DRAMMEN))
