"""orgmodel stats for a politician reading in bokmål (tour J, findings 7, 8, 10 and 13).

Names where the tables showed ids, the summary's figures in plain words, the roles in the
reader's language, numbers grouped the Norwegian way and a name of 10,000 characters clipped. The
machine outputs keep what programs read: ids in CSV, every name whole in JSON and CSV, plain digits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app

DRAMMEN = str(ROOT / "models" / "drammen-2020.yaml")
SMALL = FIXTURES / "models" / "small.yaml"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def section(out: str, title: str) -> list[str]:
    """The lines of one table of the text output, from its title to the blank line after it."""
    lines = out.splitlines()
    start = lines.index(title)
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


@pytest.fixture(scope="module")
def drammen_nb() -> str:
    return run("--lang", "nb", "stats", DRAMMEN, "--ruleset", "drammen-2020")


def test_personas_hubs_and_forums_name_their_units_and_forums(drammen_nb: str) -> None:
    personas = section(drammen_nb, "Fiktive brukere: kontakter og saksbehandlere")
    emil = next(line for line in personas if line.startswith("  emil "))
    # one saksbehandler for helse og omsorg (OM220's category); spesialpedagogikk and barnehage apart
    assert emil.endswith("Tjenestetildeling og koordinerende enhet  Spesialpedagogikk; Barnehage"), emil
    assert "Åssiden/Solbergelva" in emil  # the kommunedel by name, not kd3
    hubs = section(drammen_nb, "Knutepunkter (lokasjoner av typen knutepunkt) per kommunedel")
    assert hubs[2].startswith("  Mjøndalen/Åsen ")
    assert hubs[2].endswith(
        "Bibliotek og møteplass; Kulturskole og ung kultur; Arena kultur-, idrett- og friluftsliv; "
        "Arrangementer og aktiv fritid"
    )
    forums = section(drammen_nb, "Møteplasser per leder (ledet og deltatt i)")
    assert forums[2].endswith("Rådmannens lederteam; Utvidet ledergruppe"), forums[2]
    for id_ in ("virk-tildeling", "virk-bibliotek", "lt-radmann", "lg-utvidet", "  kd1 "):
        assert id_ not in "\n".join(personas + hubs + forums)


def test_the_coverage_table_has_services_and_units_by_name(drammen_nb: str) -> None:
    coverage = section(drammen_nb, "Lokale tjenester per kommunedel (hvem som leverer)")
    heads = [
        "kommunedel",
        "Hjemmetjenester (hjemmesykepleie og praktisk bistand)",
        "Bibliotek, møteplass og servicetorg",
        "Kulturskole og åpne kulturtilbud for barn og unge",
        "Lokal dialog og medvirkning (lokale koordinatorer, sekretær for nærutvalg)",
    ]
    assert [head.strip() for head in coverage[1].split("  ") if head.strip()] == heads
    bragernes = next(line for line in coverage if line.startswith("  Bragernes/Øren "))
    assert "Omsorgstjenester Bragernes; Omsorgstjenester Øren" in bragernes
    assert "virk-" not in "\n".join(coverage)


def test_csv_and_json_keep_the_ids_for_programs() -> None:
    csv = run("stats", DRAMMEN, "--ruleset", "drammen-2020", "--format", "csv")
    assert 'coverage,kd8,hjemmetjenester,"virk-oms-bragernes, virk-oms-oren"' in csv
    assert "personas,emil,who decides,virk-tildeling\n" in csv
    assert 'personas,emil,other vedtak,"virk-spesialpedagogikk, ks-barnehage"' in csv
    document = json.loads(run("stats", DRAMMEN, "--ruleset", "drammen-2020", "--format", "json"))
    emil = next(p for p in document["stats"]["personas"] if p["id"] == "emil")
    assert emil["saksbehandlere"] == ["virk-tildeling", "virk-spesialpedagogikk", "ks-barnehage"]
    assert emil["named_saksbehandlere"][0] == {
        "id": "virk-tildeling",
        "name": "Tjenestetildeling og koordinerende enhet",
    }


def test_the_summary_says_its_figures_in_plain_words(drammen_nb: str) -> None:
    lines = drammen_nb.splitlines()
    assert "  ledd fra toppen ned til den laveste enheten (den lengste kjeden av personallinjer): 4" in lines
    assert (
        "  atskilte lederhierarkier (1 når alle enheter har en personallinje opp til samme topp; "
        "et IKS utenfor organisasjonen teller som ett til): 1"
    ) in lines
    for jargon in ("personaldybde", "trær av personallinjer", "et IKS utenfor er et eget"):
        assert jargon not in drammen_nb
    english = run("stats", DRAMMEN, "--ruleset", "drammen-2020")
    assert "  steps from the top down to the lowest unit (the longest chain of personnel lines): 4" in english


def test_roles_are_in_the_readers_language_with_the_models_key_beside(drammen_nb: str) -> None:
    assert "Lederspenn etter type leder (slik regel OM120 deler inn lederne)" in drammen_nb
    assert "span-of-control" not in drammen_nb
    roles = section(drammen_nb, "Personer per rolle (egen rolle, ellers nærmeste leders)")
    assert roles[1].split() == [
        "rolle",
        "nøkkel",
        "i",
        "modellen",
        "enheter",
        "personer",
        "medarbeidere",
        "ikke",
        "oppgitt",
    ]
    firsts = [line.split("  ")[1] for line in roles[2:]]
    assert firsts == [
        "ikke oppgitt",
        "myndighetsutøvelse",
        "tjenesteyting",
        "støtte",
        "stab",
        "klagebehandling",
    ]
    assert roles[3].split()[:2] == ["myndighetsutøvelse", "authority"]
    share = section(drammen_nb, "Tjenesteyting mot stab og støtte")
    assert share[-1].startswith(
        "  (tjenesteyting: enheter som yter tjenester, utøver myndighet eller behandler klager "
        "(rolle provider, authority, appeals i modellen)"
    )
    assert "stab og støtte: stabs- og støtteenheter (rolle staff, support)" in share[-1]


@pytest.fixture
def big_numbers(tmp_path: Path) -> Path:
    """small.yaml with 1234 staff, 1100.25 årsverk and a budget of 98765432 kroner in one unit."""
    text = SMALL.read_text(encoding="utf-8").replace(
        "    staff: 25\n", "    staff: 1234\n    fte: 1100.25\n    budget_nok: 98765432\n"
    )
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_numbers_are_grouped_in_bokmal_and_plain_in_english(big_numbers: Path) -> None:
    nb = run("--lang", "nb", "stats", str(big_numbers))
    resources = section(nb, "Årsverk og årsbudsjett per direktørområde")
    omsorg = next(line for line in resources if line.startswith("  dir-omsorg "))
    assert "1 100,25" in omsorg and "98 765 432" in omsorg, omsorg
    levels = section(nb, "Nivåer: enheter og personer per nivå")
    # level 3: 1234 + 12 staff and two leaders, grouped as the other tables group
    assert levels[4].split() == ["3", "2", "1", "248", "0"], levels
    en = run("stats", str(big_numbers))
    omsorg = next(
        line
        for line in section(en, "Årsverk (fte) and annual budget per direktørområde")
        if "dir-omsorg" in line
    )
    assert "1100.25" in omsorg and "98765432" in omsorg, omsorg
    csv = run("--lang", "nb", "stats", str(big_numbers), "--format", "csv")
    assert "resources,dir-omsorg,budsjett (kr),98765432" in csv  # machine output keeps the digits


def test_a_huge_name_is_clipped_in_the_text_and_whole_in_json(tmp_path: Path) -> None:
    """A name may be 10,000 characters; the tables show 120 of them and '…', escaped as before."""
    huge = "\x1b[31m" + "Å" * 9_990
    text = SMALL.read_text(encoding="utf-8").replace(
        "name: Hjemmetjenester Nord", f'name: "{huge.replace(chr(27), chr(92) + "e")}"'
    )
    path = tmp_path / "huge.yaml"
    path.write_text(text, encoding="utf-8")
    out = run("--lang", "nb", "stats", str(path))
    assert max(len(line) for line in out.splitlines() if "Å" in line) < 300  # was 10,000 and more
    assert "\x1b" not in out and "\\x1b[31m" + "Å" * 100 in out
    assert "Å" * 114 + "…" in out and "Å" * 115 not in out  # 120: the escape's 5, 114 and '…'
    document = json.loads(run("stats", str(path), "--format", "json"))
    cells = document["stats"]["coverage"]["cells"]
    assert [unit["name"] for cell in cells for unit in cell["named_units"]] == [huge]


def test_a_model_naming_no_knutepunkt_says_so_once(tmp_path: Path) -> None:
    # tour N: Asker's ten lokalsentre, none a knutepunkt, read "no knutepunkt in" all ten, as defects
    path = tmp_path / "uten.yaml"
    path.write_text(SMALL.read_text(encoding="utf-8").replace("kind: knutepunkt", "kind: kontor"), "utf-8")
    out = run("stats", str(path))
    assert "  the model names no knutepunkt site (a site with 'kind: knutepunkt')\n" in out
    assert "no knutepunkt in" not in out
