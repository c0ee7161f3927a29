"""``orgmodel report`` and the chart for a hovedtillitsvalgt and a politician in bokmål (tour J).

Finding 6: the findings that sit on no box of the chart say what they are attached to (a site, a
forum, the model), and their heading no longer says they concern no unit. Findings 7, 8, 10 and 13:
names instead of ids, words instead of the model's keys and jargon, Norwegian numbers and dates,
and a name of 10,000 characters clipped with the whole of it in a title.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel import i18n
from orgmodel.cli import app
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.render.html import _finding, anchor_text
from orgmodel.render.tree import Anchor, anchors
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


def test_a_finding_whose_message_begins_with_its_anchor_is_not_prefixed_twice() -> None:
    # tour O: "the forum 'Nettverk' (nv): the forum 'Nettverk' (nv) has no 'mandate:'"
    forum = Anchor("forum", "nv", "Nettverk", 7)
    own = Diagnostic("m.yaml", 7, 3, "OM272", "x", Severity.WARNING, "the forum 'Nettverk' (nv) has no 'x:'")
    assert 'class="om-at"' not in _finding(own, forum)
    other = Diagnostic("m.yaml", 7, 3, "OM999", "x", Severity.WARNING, "'A' (a) and 'B' (b) meet there")
    assert '<span class="om-at">the forum &#x27;Nettverk&#x27; (nv):</span>' in _finding(other, forum)


# --- finding 7: names, and the summary in plain words ---------------------------------------------------


def test_tables_name_units_forums_and_the_models_own_kommune(drammen_nb: str) -> None:
    personas = drammen_nb[drammen_nb.index('id="t-personas"') :]
    personas = personas[: personas.index("</table>")]
    assert (
        '<td><span title="virk-tildeling">Tjenestetildeling og koordinerende enhet</span></td>'
        '<td><span title="virk-spesialpedagogikk">Spesialpedagogikk</span>; '
        '<span title="ks-barnehage">Barnehage</span></td>'
    ) in personas
    assert '<td><span title="kd3">Åssiden/Solbergelva</span></td>' in personas
    hubs = drammen_nb[drammen_nb.index('id="t-hubs"') :]
    assert '<span title="virk-bibliotek">Bibliotek og møteplass</span>; ' in hubs[: hubs.index("</table>")]
    forums = drammen_nb[drammen_nb.index('id="t-forums-per-leader"') :]
    assert (
        '<td><span title="lt-radmann">Rådmannens lederteam</span>; '
        '<span title="lg-utvidet">Utvidet ledergruppe</span></td>'
    ) in forums[: forums.index("</table>")]
    agreements = drammen_nb[drammen_nb.index('id="t-agreements"') :]
    agreements = agreements[: agreements.index("</table>")]
    assert "<td>Drammen (3005), NAV Vest-Viken</td>" in agreements
    assert "<td>Drammen (3005)</td>" in agreements
    assert "<td>3005" not in agreements


def test_the_summary_says_levels_depth_and_trees_in_plain_words(drammen_nb: str) -> None:
    summary = drammen_nb[drammen_nb.index('id="summary"') : drammen_nb.index('id="chart"')]
    assert (
        "<tr><th>Organisasjonsnivåer, slik modellen nummererer dem</th><td>4 (nivå 1 til 4)</td></tr>"
        in summary
    )
    assert (
        "<tr><th>Ledd fra toppen ned til den laveste enheten (den lengste kjeden av personallinjer)</th>"
        "<td>4</td></tr>"
    ) in summary
    assert (
        "<th>Atskilte lederhierarkier (1 når alle enheter har en personallinje opp til samme topp; "
        in summary
    )
    for jargon in ("Nivånumre i bruk", "Personaldybde", "trær av personallinjer"):
        assert jargon not in drammen_nb
    english = run("report", str(SMALL))
    assert (
        "<tr><th>Organisational levels, as the model numbers them</th><td>3 (level 1 to 3)</td></tr>"
        in english
    )


# --- finding 8: the roles in the reader's language ------------------------------------------------------


def test_the_role_tables_speak_bokmal(drammen_nb: str) -> None:
    figures = drammen_nb[drammen_nb.index('id="figures"') : drammen_nb.index('id="coverage"')]
    assert "Lederspenn etter type leder (slik regel OM120 deler inn lederne)" in figures
    assert "span-of-control" not in figures
    assert "<tr><td>myndighetsutøvelse</td><td>authority</td>" in figures
    assert "<td>authority</td><td class" not in figures.replace(
        "<td>myndighetsutøvelse</td><td>authority</td>", ""
    )
    assert "(rolle provider, authority, appeals i modellen)" in figures
    assert "stab og støtte: staff, support;" not in figures


# --- finding 10: Norwegian numbers and dates ------------------------------------------------------------


def test_dates_for_people_and_numbers_grouped_in_bokmal(drammen_nb: str, tmp_path: Path) -> None:
    assert (
        '<p class="om-sub">Organisering av virksomhetene «Nivå 3», 2019 · vedtatt · 1. januar 2020</p>'
        in (drammen_nb)
    )
    assert "2020-01-01" not in _text(drammen_nb[: drammen_nb.index('id="diff"')])
    english = run("report", DRAMMEN, "--ruleset", "drammen-2020")
    assert "· adopted · 1 January 2020</p>" in english
    model = tmp_path / "big.yaml"
    model.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            "    staff: 25\n", "    staff: 1234\n    fte: 1100.25\n    budget_nok: 98765432\n"
        ),
        encoding="utf-8",
    )
    nb = run("--lang", "nb", "report", str(model))
    assert '<td class="num">1 100,25</td>' in nb and '<td class="num">98 765 432</td>' in nb
    assert "<th>Personer (ledere pluss oppgitte ansatte)</th><td>1 251</td>" in nb
    assert "1 234 medarbeidere" in nb  # the chart's box
    en = run("report", str(model))
    assert '<td class="num">1100.25</td>' in en and '<td class="num">98765432</td>' in en
    assert "1234 employees" in en


# --- finding 13: a huge name clipped, escaped, whole in a title -----------------------------------------


def test_a_huge_name_is_clipped_with_the_whole_in_a_title(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>" * 400  # 10,000 characters, the most a name may hold
    model = tmp_path / "huge.yaml"
    model.write_text(
        SMALL.read_text(encoding="utf-8").replace("name: Hjemmetjenester Nord", f'name: "{hostile}"'),
        encoding="utf-8",
    )
    out = run("--lang", "nb", "report", str(model))
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    clipped = escaped * 4 + "&lt;script&gt;alert(1)&lt;/s…"  # 4 × 25 + 19 characters, then …
    box = re.search(r'<div class="om-name"><span title="([^"]*)">([^<]*)</span></div>', out)
    assert box is not None
    assert box.group(1) == escaped * 400  # the whole name on hover
    assert box.group(2) == clipped  # 120 characters of it, then '…'
    assert f'<span title="hjemme-nord">{escaped}' not in out  # tables clip it too, id and whole on hover
    assert f'<span title="{escaped * 400} (hjemme-nord)">{clipped}</span>' in out
    assert "<script>alert" not in out
    shown = [len(line) for line in _text(out).splitlines() if "alert" in line and "(1)" in line]
    assert shown and max(shown) < 300 * len("&lt;")
