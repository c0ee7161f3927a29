"""The report's journeys say what ``orgmodel trace`` says, in its words, before and after (tour R item 5)."""

from __future__ import annotations

import re
from pathlib import Path

from fixtures.principles.model import ONE_PLACE
from test_trace_truth import MODEL
from typer.testing import CliRunner

from orgmodel.cli import app


def report(tmp_path: Path, text: str, *options: str, other: str | None = None) -> str:
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    args = ["report", str(model), "-o", str(tmp_path / "r.html")]
    if other is not None:
        (tmp_path / "old.yaml").write_text(other, encoding="utf-8")
        args += ["--compare", str(tmp_path / "old.yaml")]
    result = CliRunner().invoke(app, [*options, *args])
    assert result.exit_code in (0, 1), result.stdout
    return (tmp_path / "r.html").read_text(encoding="utf-8")


def rows(html: str, persona: str) -> list[list[str]]:
    """The persona's table as text, one list of cells per row (the header first)."""
    found = re.search(rf'<h3 id="t-journey-{persona}">[^<]+</h3><table>(.*?)</table>', html)
    assert found is not None
    table = found.group(1).replace("&#x27;", "'")
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


def test_each_need_reads_as_trace_says_it(tmp_path: Path) -> None:
    html = report(tmp_path, MODEL)
    assert '<h3 id="t-journey-ingrid">Ingrid · lives in kommunedel 1 Øst</h3>' in html
    table = rows(html, "ingrid")
    assert table[0] == ["need", "delivered", "decided"]
    assert table[1] == [
        "Hjemmesykepleie",
        "✓ in kommunedel 1 Øst, served from kommunedel 2 Vest (no site in Øst), by Hjemmetjenesten (hjemme)",
        "by Tildelingskontoret (tildeling)",
    ]
    # a local need met only in another kommunedel is marked; a service that is not local is no fault
    assert table[2][1] == "✗ not in kommunedel 1 Øst: by Vest sykehjem (sykehjem-vest)"
    assert table[3][1] == "· in another kommunedel, by Vest sykehjem (sykehjem-vest) (not a local service)"
    assert table[4][1] == (
        "· by Uloba BPA (uloba), outside the kommune's own organisation (no agreement lists it)"
        " · or Habiliteringen (habilitering)"
    )
    assert table[5][1:] == ["✗ no unit delivers it", "by Tildelingskontoret (tildeling)"]
    assert table[-1] == [
        "own kommunedel",
        "✗ NOT all local services are met in kommunedel 1 Øst; local services not met there: Dagsenter; "
        "met elsewhere or centrally: Sykehjem; BPA; Sosialhjelp; not delivered by any unit: Omsorgsstønad",
        "",
    ]
    norsk = report(tmp_path, MODEL, "--lang", "nb")
    assert "Ingrid · bor i kommunedel 1 Øst</h3>" in norsk
    assert "andre steder:" not in norsk and "hjemme i" not in norsk


def test_in_a_model_without_kommunedeler_the_kommune_and_the_agreement_are_named(tmp_path: Path) -> None:
    html = report(tmp_path, ONE_PLACE)
    assert "the whole kommune is one place" in html
    berg = rows(html, "berg")
    assert berg[1][1] == (
        "✓ through the vertskommune agreement Barnevern Storvik og Småvik (barnevern-avtale), "
        "by Barneverntjenesten i Storvik (storvik-barnevern)"
    )
    assert berg[2][1].startswith("✓ in the kommune, by ")
    assert berg[-1][1] == (
        "· no local needs; not by a unit of its own: Legevakt; "
        "through the vertskommune agreement Barnevern Storvik og Småvik (barnevern-avtale): Barnevern"
    )
    assert "in the user's own kommunedel" not in html


def test_with_compare_each_need_shows_the_journey_before_and_after(tmp_path: Path) -> None:
    # the proposal moves the dagsenter into Øst: a unit with a site there delivers it
    proposal = MODEL.replace(
        "  - {id: base-vest,",
        "  - {id: base-ost, name: Base Øst, kind: base, kommunedel: kd1}\n  - {id: base-vest,",
    ).replace(
        "kommunedeler: [kd1, kd2], sites: [base-vest], delivers: [hjemmesykepleie]",
        "kommunedeler: [kd1, kd2], sites: [base-ost, base-vest], delivers: [hjemmesykepleie, dagsenter]",
    )
    html = report(tmp_path, proposal, other=MODEL)
    table = rows(html, "ingrid")
    assert table[0] == ["need", "", "delivered", "decided"]
    assert table[3][:3] == [
        "Dagsenter",
        "Before",
        "✗ not in kommunedel 1 Øst: by Vest sykehjem (sykehjem-vest)",
    ]
    assert table[4][:3] == ["", "After", "✓ in kommunedel 1 Øst, by Hjemmetjenesten (hjemme)"]
    assert table[-2][:2] == ["own kommunedel", "Before"] and table[-2][2].startswith("✗ NOT all local")
    assert table[-1][:2] == ["", "After"] and table[-1][2].startswith("· all local services are met")
    # a persona only one model has, and a need only one side has, are said as such
    fewer = MODEL.replace(
        "omsorgsstonad, sosialhjelp]}", "omsorgsstonad]}\n  - {id: per, name: Per, needs: []}"
    )
    html = report(tmp_path, fewer, other=MODEL)
    sosial = [row for row in rows(html, "ingrid") if row[0] == "Sosialhjelp"]
    assert sosial and rows(html, "ingrid")[rows(html, "ingrid").index(sosial[0]) + 1][2] == (
        "not among the fictional user's needs in this model"
    )
    assert rows(html, "per")[1][2] == "the fictional user is not in this model"
