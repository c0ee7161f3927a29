"""The diff's sentences in bokmål, as a hovedtillitsvalgt read them (tour J #9).

A count before a noun phrase that takes none ("1 modellens status endret", "1 antall ansatte
endret"), "en ny leder over den" with no clear referent, "fatter vedtak om: fjerner ...", "var iks"
and "rolle 'provider' (tjenesteyting)" are said plainly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]
DRAMMEN = [str(ROOT / "models" / "drammen-2020-before.yaml"), str(ROOT / "models" / "drammen-2020.yaml")]


def _nb(*args: str) -> str:
    result = CliRunner().invoke(app, ["--lang", "nb", "diff", *args])
    assert result.exit_code == 0, result.stdout
    return result.stdout


@pytest.fixture(scope="module")
def drammen() -> str:
    return _nb(*DRAMMEN)


def test_the_people_sentence_says_whose_leader(drammen: str) -> None:
    assert (
        "  9 personer får ny personallinje: ny nærmeste leder, eller ny leder over nærmeste leder "
        "(bare ledere: ingen ansatte oppgitt)\n" in drammen
    )
    assert "over den" not in drammen


def test_a_vedtak_that_moves_says_who_decides_it_now_and_before(drammen: str) -> None:
    assert (
        "vedtak om 'Avlastning' (avlastning) fattes nå av 'Tjenestetildeling og koordinerende enhet' "
        "(virk-tildeling; virksomhet, nivå 3); før av 'Tjenester til mennesker med nedsatt funksjonsevne' "
        "(ks-nedsatt-funksjonsevne; kommunalsjefområde, nivå 2)  [service-decider-changed:avlastning]"
    ) in drammen
    assert "unit-decides-changed" not in drammen  # the same move is not said again per unit


def test_a_kind_and_a_role_read_as_bokmal(drammen: str) -> None:
    assert "'Legevakt' (virk-legevakt) er nå en virksomhet, var et IKS (nivå 3 uendret)" in drammen
    assert "'Sagstedbrua skole' (avd-sagstedbrua): rolle tjenesteyting ('provider') -> (ingen)" in drammen


def test_the_summary_counts_nouns_that_take_a_count() -> None:
    out = CliRunner().invoke(app, ["--lang", "nb", "diff", *DRAMMEN, "--format", "markdown"]).stdout
    assert "| **Struktur** | 1 endret modellstatus; 1 endret forslagsnavn; 2 sammenslåinger;" in out


def test_staff_and_arsverk_counts_read_as_bokmal(tmp_path: Path) -> None:
    head = "orgmodel: 1\nkommune: Eksempel\nunits:\n  - {id: top, name: Topp, level: 1}\n"
    old = head + "  - {id: v, name: Skole, level: 2, parent: top, staff: 60, fte: 55.5}\n"
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(old.replace("60", "61").replace("55.5", "56.5"), encoding="utf-8")
    out = _nb(str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", "markdown")
    assert "| **Struktur** | 1 endret antall ansatte; 1 endret årsverkstall" in out


def test_a_unit_given_a_kind_was_uten_type() -> None:
    """Tour O: "er nå en stab, var ingen type" reads as "var uten type"."""
    from orgmodel.i18n import set_language

    from .helpers import base_units, edit, run

    set_language("nb")  # the conftest speaks English again after the test
    (change,) = run(base_units(), edit(base_units(), "ks-b", kind="stab")).changes
    assert change.message == "'Skole' (ks-b) er nå en stab, var uten type (nivå 2 uendret)"


def test_one_more_deciding_school_reads_as_bokmal() -> None:
    from orgmodel.i18n import set_language

    from .helpers import base_units, run, unit

    def schools(count: int) -> list[dict[str, object]]:
        return [
            {**unit(f"s{n}", "ks-b", 3, name=f"Skole {n}", kind="virksomhet"), "decides": ["spes"]}
            for n in range(1, count + 1)
        ]

    set_language("nb")
    services = {"services": [{"id": "spes", "name": "Spesialundervisning"}]}
    result = run([*base_units(), *schools(5)], [*base_units(), *schools(6)], **services)
    (change,) = [c for c in result.changes if c.kind == "service-decider-changed"]
    assert change.message == (
        "vedtak om 'Spesialundervisning' (spes) fattes nå også av 'Skole 6' (s6; virksomhet, nivå 3) "
        "(6 enheter fatter dem, før 5)"
    )
