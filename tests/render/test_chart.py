"""What a chart holds (build_chart, through the API's model_chart): units, figures, findings."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgmodel
from conftest import FIXTURES, ROOT
from orgmodel.render import build_chart
from orgmodel.render.tree import span_text

CHART = FIXTURES / "render" / "chart.yaml"
DRAMMEN = ROOT / "models" / "drammen-2020.yaml"


def test_every_unit_in_drawing_order_with_its_figures_and_findings() -> None:
    chart = orgmodel.model_chart(CHART, ruleset="default")
    assert list(chart.units) == [
        "radmann",
        "dir-omsorg",
        "ks-helse",
        "hjemme-nord",
        "hjemme-sor",
        "dir-oppvekst",
        "ks-skole",
        "skole-script",
        "skole-img",
    ]
    assert chart.roots == ("radmann",)
    assert chart.title == "Testby"
    assert chart.subtitle == "Kartmodell · draft · 1 January 2021"  # a date for people (tour J)
    assert chart.kommunedeler == (("kd1", "Nord"), ("kd2", "Sør"))
    helse = chart.units["ks-helse"]
    assert (helse.level, helse.staff, helse.span, helse.people) == (2, 2, 4, 3 + 70)
    assert helse.children == ("hjemme-nord", "hjemme-sor")
    assert chart.units["radmann"].people is not None
    nord = chart.units["hjemme-nord"]
    assert [(f.code, f.line, f.col) for f in nord.findings] == [("OM120", 22, 12), ("OM260", 22, 12)]
    assert nord.kommunedeler == ("kd1",)
    assert chart.with_findings() == ["hjemme-nord"]
    assert chart.professional_lines() == [("hjemme-sor", "ks-skole")]
    assert [d.code for d in chart.other_findings] == ["OM140"]  # no hub principle under default


def test_root_and_depth_draw_one_area_and_count_what_is_left_out() -> None:
    chart = orgmodel.model_chart(DRAMMEN, root="ks-skole", depth=0)
    assert list(chart.units) == ["ks-skole"]
    assert chart.units["ks-skole"].children == ()
    assert chart.units["ks-skole"].hidden == 33 + 1 + 1 + 3  # virksomheter; avdelinger of 01, 02, VO
    area = orgmodel.model_chart(DRAMMEN, root="Utdanning", depth=1)  # a unit's exact name works too
    assert list(area.units) == ["dir-utdanning", "ks-skole", "ks-barnehage"]
    assert [area.units[u].hidden for u in area.units] == [0, 38, 5]
    whole = orgmodel.model_chart(DRAMMEN)
    assert len(whole.units) == 154
    assert whole.units["radmann"].hidden == 0


def test_an_unknown_root_is_a_configuration_error_with_the_closest_id() -> None:
    with pytest.raises(orgmodel.ConfigError) as raised:
        orgmodel.model_chart(DRAMMEN, root="ks-skol")
    assert (
        raised.value.message == "--root ks-skol: the model has no unit with that id; did you mean 'ks-skole'?"
    )
    with pytest.raises(orgmodel.ConfigError) as by_name:
        orgmodel.model_chart(DRAMMEN, root="Skoler")
    assert (
        by_name.value.message == "--root Skoler: the model has no unit with that id; did you mean 'ks-skole'?"
    )


def test_a_model_with_reference_errors_is_refused_with_its_diagnostics() -> None:
    with pytest.raises(orgmodel.ModelError) as raised:
        orgmodel.model_chart(FIXTURES / "invalid" / "dangling-parent.yaml")
    assert [d.code for d in raised.value.diagnostics] == ["OM021"]


def test_the_span_says_at_least_when_staff_is_unknown() -> None:
    drammen = orgmodel.model_chart(DRAMMEN)
    assert span_text(drammen.units["ks-skole"]) == "span ≥ 33"
    assert span_text(drammen.units["virk-barnevern"]) == "staff unknown"
    assert span_text(orgmodel.model_chart(CHART, ruleset="default").units["ks-helse"]) == "span 4"


def test_units_in_a_circle_of_personnel_lines_are_drawn_once_each() -> None:
    text = (FIXTURES / "invalid" / "cycle.yaml").read_text(encoding="utf-8")
    circle = orgmodel.check_text(text)
    chart = build_chart(circle)
    assert chart.roots == ("radmann", "v2")  # v1's line goes up to v2, whose line closes the circle
    assert chart.units["v2"].children == ("v1",)
    selfish = orgmodel.check_text(text.replace("name: Rådmannens lederteam,", "parent: radmann, name: R,"))
    looped = build_chart(selfish)
    assert looped.roots == ("radmann", "v2")
    assert list(looped.units) == ["radmann", "dir-omsorg", "ks-hjemme", "v2", "v1"]


def test_a_name_that_several_units_have_asks_for_an_id() -> None:
    with pytest.raises(orgmodel.ConfigError) as raised:
        orgmodel.model_chart(CHART, ruleset="default", root="Virksomhetsleder")
    assert raised.value.message.startswith("--root Virksomhetsleder: the model has no unit with that id")
    text = CHART.read_text(encoding="utf-8").replace(
        "name: Hjemmetjenester Sør", "name: Hjemmetjenester Nord"
    )
    with pytest.raises(orgmodel.ConfigError) as twice:
        build_chart(orgmodel.check_text(text), root="Hjemmetjenester Nord")
    assert twice.value.message == (
        "--root Hjemmetjenester Nord: 2 units have that name (hjemme-nord, hjemme-sor); give one id"
    )


def test_a_model_split_into_parts_draws_every_unit_of_every_part(tmp_path: Path) -> None:
    from split_model import split_model

    main, parts = split_model(DRAMMEN, tmp_path)
    assert len(parts) > 1
    chart = orgmodel.model_chart(main, ruleset="default")
    assert list(chart.units) == list(orgmodel.model_chart(DRAMMEN, ruleset="default").units)
    assert len(chart.units) == 154
