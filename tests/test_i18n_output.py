"""`orgmodel --lang nb` and LANG=nb_NO.UTF-8 speak bokmål: check, diff, trace, stats, rules, explain."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel import i18n
from orgmodel.cli import app
from orgmodel.diff.kinds import KINDS

SMALL = FIXTURES / "models" / "small.yaml"
SPAN = str(FIXTURES / "invalid" / "span-above-max.yaml")
DANGLING = str(FIXTURES / "invalid" / "dangling-parent.yaml")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_check_with_lang_nb_speaks_bokmal_in_the_finding_the_hint_and_the_summary() -> None:
    code, out = run("--lang", "nb", "check", "--ruleset", "default", SPAN)
    assert code == 1
    assert out.splitlines() == [
        f"{SPAN}:13:12: OM120 span-of-control [error] 'Hjemmetjenester Nord' (v1) har et lederspenn på 75 "
        "(0 enhetsledere + 75 ansatte), over maksimum på 60 for en førstelinjeleder",
        "    13 |     staff: 75",
        "       |            ^^",
        "       = tips: del enheten, eller opprett avdelinger med egne ledere",
        "✗ 1 feil, 0 advarsler i 1 fil (4 enheter kontrollert)",
    ]


def test_check_under_a_norwegian_lang_speaks_bokmal_in_schema_errors_too() -> None:
    code, out = run("check", "--ruleset", "default", DANGLING, env={"LANG": "nb_NO.UTF-8"})
    assert code == 1
    assert out.splitlines() == [
        f"{DANGLING}:12:13: OM021 unknown-reference [error] units[3] (id 'v1').parent: ingen enhet har id-en "
        "'ks-hjemmetjenester'",
        "    12 |     parent: ks-hjemmetjenester",
        "       |             ^^^^^^^^^^^^^^^^^^",
        "       = tips: mente du 'ks-hjemme'?",
        f"{DANGLING}: reglene ble ikke kjørt; rett feilene over først",
        "✗ 1 feil, 0 advarsler i 1 fil (reglene ble ikke kjørt)",
    ]


def test_the_default_stays_english() -> None:
    code, out = run("check", "--ruleset", "default", DANGLING)
    assert code == 1
    assert out.splitlines()[-1] == "✗ 1 error, 0 warnings in 1 file (the rules did not run)"
    assert i18n.language() == "en"


@pytest.fixture
def two_proposals(tmp_path: Path) -> Path:
    text = SMALL.read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    added = (
        "  - id: hjemme-sor\n    name: Hjemmetjenester Sør\n    kind: virksomhet\n    level: 3\n"
        "    parent: ks-hjemme\n    leader: Virksomhetsleder\n    staff: 20\n    budget: true\n"
    )
    new = text.replace("  - id: hjemme-nord\n", added + "  - id: hjemme-nord\n")
    new = new.replace(
        "    leader: Virksomhetsleder\n    staff: 12", "    leader: Leder for tildeling\n    staff: 12"
    )
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return tmp_path


def test_diff_with_lang_nb(two_proposals: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(two_proposals)
    code, out = run("--lang", "nb", "diff", "--ruleset", "default", "old.yaml", "new.yaml")
    assert code == 0
    assert out.splitlines() == [
        "orgmodel diff old.yaml -> new.yaml  (5 -> 6 enheter)",
        "Struktur",
        "  • 'Hjemmetjenester Sør' (hjemme-sor) er ny og rapporterer til 'Hjemmetjenester' (ks-hjemme); "
        "21 personer arbeider der  [unit-added:hjemme-sor]",
        "  • 'Tjenestetildeling' (tildeling): ledertittel 'Virksomhetsleder' -> 'Leder for tildeling'  "
        "[leader-changed:tildeling]",
        "  • 'Hjemmetjenester' (ks-hjemme) har nå 3 direkte underordnede, hadde 2  [span-changed:ks-hjemme]",
        "Prinsipper (funn fra reglene)",
        "  0 nye funn, 0 løst, 0 endret, 0 uendret",
        "Nøkkeltall (før -> etter; bare rader som er endret)",
        "  Ledere etter hvor mange enheter de leder direkte",
        "    0: 2 -> 3",
        "  Ledere per lederspenn (ledere med oppgitt antall ansatte)",
        "    17+: 1 -> 2",
        "  Enheter per nivå",
        "    nivå 3: 2 -> 3",
        "  Personer per nivå",
        "    nivå 3: 39 -> 60",
        "  Personer per direktørområde (ledere pluss oppgitte ansatte)",
        "    Omsorg: 41 -> 62",
        # the model's one kommunedel is all of it: the new unit works there too (tour K, item 12)
        "  Enheter som arbeider i hver kommunedel (egne eller arvede steder)",
        "    Nord: 5 -> 6",
        "3 endringer i 1 fil (3 struktur)",
    ]


def test_a_new_findings_severity_is_said_in_bokmal_inside_the_diff_and_kept_in_json() -> None:
    old, new = str(FIXTURES / "diff" / "old.yaml"), str(FIXTURES / "diff" / "new.yaml")
    code, out = run("--lang", "nb", "diff", "--ruleset", "default", old, new)
    assert code == 0
    assert "  • ny advarsel: OM120 span-of-control: 'Alfa skole' (skole-alfa) har et lederspenn" in out
    assert "ny warning" not in out and "ny error" not in out
    code, out = run("--lang", "nb", "diff", "--ruleset", "default", "--format", "json", old, new)
    assert '"severity": "warning"' in out


def test_the_change_kinds_count_in_both_languages_with_plurals() -> None:
    assert [KINDS["service-added"].phrase(n) for n in (1, 2)] == ["1 service added", "2 services added"]
    i18n.set_language("nb")
    assert [KINDS["service-added"].phrase(n) for n in (0, 1, 2)] == [
        "0 tjenester lagt til",
        "1 tjeneste lagt til",
        "2 tjenester lagt til",
    ]
    assert KINDS["unit-merged"].described() == "to eller flere enheter i OLD ble én enhet i NEW"


def test_diff_list_kinds_in_bokmal() -> None:
    code, out = run("--lang", "nb", "diff", "--list-kinds")
    assert code == 0
    width = len("Prinsipper (funn fra reglene)")  # the longest heading: the column is as wide
    assert f"\n{'unit-added':<28} {'Struktur':<{width}} en enhet finnes bare i NEW\n" in out


UNDER = (
    "              under kommunalsjefområde Hjemmetjenester (ks-hjemme), direktørområde Omsorg (dir-omsorg)"
)


def test_trace_with_lang_nb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SMALL.parent)
    code, out = run("--lang", "nb", "trace", "kari", "small.yaml")
    assert code == 0
    assert out.splitlines() == [
        "Kari, 84 (kari) · bor i kommunedel 1 Nord",
        "small.yaml",
        "",
        "1. Hjemmesykepleie (hjemmesykepleie) · helse-og-omsorg · vedtak · lokal",
        "   levert     ✓ i kommunedel 1 Nord, av Hjemmetjenester Nord (hjemme-nord)",
        "              på Nord knutepunkt (kp-nord)",
        UNDER,
        "   vedtak     av Tjenestetildeling (tildeling)",
        "              i Nord (ingen lokasjon oppgitt)",  # the model's one kommunedel (tour K, item 12)
        UNDER,
        "",
        "Totalt",
        "   enheter brukeren møter 2: Hjemmetjenester Nord (hjemme-nord); Tjenestetildeling (tildeling)",
        "   saksbehandlere         1 for 'helse-og-omsorg': Tjenestetildeling (tildeling)",
        "   kommunalsjefområder    1: Hjemmetjenester (ks-hjemme)",
        "   direktørområder        1: Omsorg (dir-omsorg)",
        "   egen kommunedel        ✓ alle behov dekkes i kommunedel 1 Nord",
    ]


def test_stats_with_lang_nb() -> None:
    code, out = run("--lang", "nb", "stats", str(SMALL))
    assert code == 0
    lines = out.splitlines()
    assert lines[1:3] == [
        "  enheter: 5",
        "  ledd fra toppen ned til den laveste enheten (den lengste kjeden av personallinjer): 3",
    ]
    assert "Nivåer: enheter og personer per nivå" in lines
    assert "  nivå  enheter  personer  medarbeidere ikke oppgitt" in lines


def test_rules_and_explain_with_lang_nb() -> None:
    code, out = run("--lang", "nb", "rules", "--ruleset", "default")
    assert code == 0
    assert out.startswith("Regler i ")
    assert "('orgmodel explain KODE' dokumenterer hver av dem)" in out.splitlines()[0]
    header = out.splitlines()[2]
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")][:3] == [
        "kode",
        "navn",
        "alvorlighetsgrad",
    ]
    code, out = run("--lang", "nb", "explain", "OM120", "--ruleset", "default")
    assert code == 0
    assert out.splitlines()[0].startswith("OM120 span-of-control (alvorlighetsgrad i ")


def test_an_unknown_rule_is_a_usage_error_in_bokmal() -> None:
    result = CliRunner().invoke(app, ["--lang", "nb", "explain", "span-of-contrl", "--ruleset", "default"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "orgmodel: ingen regel eller kontroll heter 'span-of-contrl'; mente du 'span-of-control'?\n"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["diff", "nowhere.yaml", str(SMALL)],
            "nowhere.yaml: ingen slik fil eller mappe (og ingen git-revisjon",
        ),
        (["diff", str(SMALL.parent), str(SMALL)], "kan ikke sammenligne mappen "),
        (["diff", "no-such-rev:x.yaml", str(SMALL)], "har ingen revisjon 'no-such-rev' (en gren, tagg eller"),
        (
            ["check", "--select", "dubious", str(SMALL)],
            "'dubious' passer ikke med noen regelkode, prefiks eller",
        ),
        (["check", "--select", "span-of-contrl", str(SMALL)], "mente du 'span-of-control'?"),
        (
            ["check", "--isolated", "--config", "x.toml", str(SMALL)],
            "--config og --isolated motsier hverandre",
        ),
    ],
    ids=[
        "no such file",
        "file and directory",
        "no revision",
        "unknown rule",
        "did you mean",
        "contradiction",
    ],
)
def test_usage_and_configuration_errors_in_bokmal(args: list[str], said: str) -> None:
    result = CliRunner().invoke(app, ["--lang", "nb", *args])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.stderr.split()), result.stderr


def test_init_over_existing_files_in_bokmal(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["init", str(tmp_path)]).exit_code == 0
    result = CliRunner().invoke(app, ["--lang", "nb", "init", str(tmp_path)])
    assert result.exit_code == 2
    assert "models/kommune.yaml finnes allerede; --force overskriver" in result.stderr
    assert ".orgmodel.yaml og " in result.stderr
