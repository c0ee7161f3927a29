"""``orgmodel report`` and the chart for a hovedtillitsvalgt and a politician in bokmål (tour J).

Finding 6: the findings that sit on no box of the chart say what they are attached to (a site, a
forum, the model), and their heading no longer says they concern no unit.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel import i18n
from orgmodel.cli import app
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.render.html import anchor_text
from orgmodel.render.tree import anchors
from orgmodel.schema import OrgModel

DRAMMEN = str(ROOT / "models" / "drammen-2020.yaml")
BEFORE = str(ROOT / "models" / "drammen-2020-before.yaml")
CHART = str(FIXTURES / "render" / "chart.yaml")
SMALL = FIXTURES / "models" / "small.yaml"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def drammen_nb() -> str:
    return run("--lang", "nb", "report", DRAMMEN, "--compare", BEFORE, "--ruleset", "drammen-2020")


def _text(html: str) -> str:
    """The page's text, one line per element (tags dropped, entities kept as written)."""
    return re.sub(r"<[^>]+>", "\n", html)


# --- finding 6: what a finding off the boxes is attached to --------------------------------------------


def test_the_findings_at_a_site_say_so_and_the_heading_is_true(drammen_nb: str) -> None:
    elsewhere = drammen_nb[drammen_nb.index('<div class="om-elsewhere">') :]
    elsewhere = elsewhere[: elsewhere.index("</div>")]
    assert "<h2>Funn som er knyttet til noe annet enn én enhet i kartet</h2>" in elsewhere
    assert "ikke gjelder noen enhet" not in drammen_nb
    site = "lokasjonen &#x27;Omsorgstjenestenes lokaler Mjøndalen/Åsen (bygg ikke angitt)&#x27; (oms-kd1):"
    assert elsewhere.count(f'<b>OM230</b> <span class="om-at">{site}</span> ') == 2
    assert "enhetene meldingen nevner, kan likevel være i kartet" in elsewhere
    english = run("render", DRAMMEN, "--ruleset", "drammen-2020")
    assert "<h2>Findings attached to something other than one unit of the chart</h2>" in english
    assert "Findings on no unit of this chart" not in english
    assert (
        '<span class="om-at">the site &#x27;Omsorgstjenestenes lokaler Mjøndalen/Åsen (bygg ikke angitt)'
        "&#x27; (oms-kd1):</span>"
    ) in english


def test_a_finding_of_the_model_and_one_on_a_unit_left_out_say_so() -> None:
    out = run("--lang", "nb", "render", CHART, "--ruleset", "default", "--root", "ks-helse", "--depth", "0")
    assert '<b>OM120</b> <span class="om-at">enheten &#x27;Hjemmetjenester Nord&#x27; (hjemme-nord), ' in out
    assert "som ikke er tegnet i dette kartet:</span>" in out
    assert re.search(r'<b>OM140</b> <span class="om-at">modellen, på linje \d+:</span>', out)


def test_every_kind_of_anchor_is_named() -> None:
    model = OrgModel.model_validate(
        {
            "orgmodel": 1,
            "kommune": "X",
            "units": [{"id": "a", "name": "A", "level": 1}],
            "forums": [{"id": "lg", "name": "Ledergruppe"}],
            "agreements": [{"id": "ag", "name": "Avtale <b>", "kind": "iks"}],
            "positions": [{"id": "fa", "title": "Fagansvarlig", "unit": "a"}],
        }
    )

    def at(unit: str | None) -> Diagnostic:
        return Diagnostic("m.yaml", 7, 3, "OM999", "x", Severity.INFO, "m", unit=unit)

    found = anchors(model, [at("lg"), at("ag"), at("fa"), at("nosuch"), at(None)])
    assert [(a.kind, a.id, a.name) for a in found] == [
        ("forum", "lg", "Ledergruppe"),
        ("agreement", "ag", "Avtale <b>"),
        ("position", "fa", "Fagansvarlig"),
        ("model", None, None),
        ("model", None, None),
    ]
    i18n.set_language("nb")
    try:
        assert [anchor_text(a) for a in found] == [
            "møteplassen 'Ledergruppe' (lg)",
            "avtalen 'Avtale <b>' (ag)",
            "stillingen 'Fagansvarlig' (fa)",
            "modellen, på linje 7",
            "modellen, på linje 7",
        ]
    finally:
        i18n.set_language("en")
    assert anchor_text(found[0]) == "the forum 'Ledergruppe' (lg)"
