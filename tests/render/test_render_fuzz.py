"""Every model that loads draws in every text format: mutants of the shipped and fixture models."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import rules, semantic_example, settings_for, structured_example

from orgmodel.engine import check_bytes
from orgmodel.render import build_chart
from orgmodel.render.graphviz import dot_text
from orgmodel.render.html import page
from orgmodel.render.mermaid import mermaid_text


def draw_all(raw: bytes, data: st.DataObject) -> None:
    checked = check_bytes("fuzz.yaml", raw, rules())
    if checked.model is None or not checked.document.ok:
        return
    ids = list(checked.graph.units)
    root = data.draw(st.one_of(st.none(), st.sampled_from(ids)), label="root")
    depth = data.draw(st.one_of(st.none(), st.integers(0, 4)), label="depth")
    chart = build_chart(checked, root=root, depth=depth)
    shown = set(chart.units)
    if root is None and depth is None:
        assert shown == set(ids)  # every unit, those in a circle of personnel lines too
    elif root is not None:
        assert root in shown
    assert all(chart.units[uid].depth <= (depth if depth is not None else len(ids)) for uid in shown)
    html = page(chart)
    assert html.count('<li class="om-item"') == len(shown)
    assert html.count("<ul") == html.count("</ul>")
    assert html.count("<li") == html.count("</li>")
    mermaid = mermaid_text(chart).splitlines()
    assert len([line for line in mermaid if line.startswith("  u") and "[" in line]) == len(shown)
    dot = dot_text(chart)
    assert dot.count(" [label=<") == len(shown)


@settings_for(40)
@given(data=st.data())
def test_structure_mutants_draw(data: st.DataObject) -> None:
    draw_all(structured_example(data), data)


@settings_for(40)
@given(data=st.data())
def test_semantic_mutants_draw(data: st.DataObject) -> None:
    draw_all(semantic_example(data), data)
