"""Bokmål in the report, the diff's Markdown, HTML and mermaid, stats, --show-settings and file errors.

Each text here was English under ``--lang nb`` once: an ``_()`` inside an f-string that the
extractor never saw, a word written in English, or a count with a fixed plural. The English stays as
it was, except where its plural was wrong ("1 warnings", "1 principles").
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgmodel
from conftest import FIXTURES
from orgmodel import i18n
from orgmodel.cli import app
from orgmodel.formatters.diff_markdown import Block, Section
from orgmodel.formatters.diff_mermaid import mermaid
from orgmodel.formatters.report_html import render_report

SMALL = FIXTURES / "models" / "small.yaml"
SPAN = FIXTURES / "invalid" / "span-above-max.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def one_warning(tmp_path: Path) -> Path:
    """small.yaml with Tjenestetildeling at 6 people: one warning (OM150 robust-units, with a hint)."""
    path = tmp_path / "one-warning.yaml"
    path.write_text(SMALL.read_text(encoding="utf-8").replace("    staff: 12\n", "    staff: 5\n"), "utf-8")
    return path


@pytest.fixture
def proposals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """old.yaml -> new.yaml: a persona added, a unit added, budget responsibility yes -> no (OM140)."""
    text = SMALL.read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    new = text.replace("    staff: 12\n    budget: true\n", "    staff: 12\n    budget: false\n")
    new = new.replace(
        "needs: [hjemmesykepleie]}\n",
        'needs: [hjemmesykepleie]}\n  - {id: ola, name: "Ola, 90", kommunedel: kd1, '
        "needs: [hjemmesykepleie]}\n",
    )
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    (tmp_path / "grown.yaml").write_text(
        new.replace(
            "  - id: hjemme-nord\n",
            "  - {id: hjemme-sor, name: Hjemmetjenester Sør, kind: virksomhet, level: 3, parent: ks-hjemme,"
            " leader: Virksomhetsleder, staff: 20, budget: true}\n  - id: hjemme-nord\n",
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _summary_row(html: str) -> str:
    found = re.search(r"<tr><th>(?:Findings|Funn)</th><td>([^<]*)</td></tr>", html)
    assert found is not None, html
    return found[1]


# --- orgmodel report ---------------------------------------------------------------------------------


def test_the_report_in_bokmal_contents_ruleset_hint_and_counts(one_warning: Path) -> None:
    code, out, _err = run("--lang", "nb", "report", str(one_warning), "--ruleset", "default")
    assert code == 0
    assert '<nav class="toc" aria-label="Innhold">' in out
    assert '<p class="note">Sjekket med regelsettet default (følger med orgmodel).</p>' in out
    assert '<span class="note">tips: slå den sammen med en nabo' in out
    assert _summary_row(out) == "0 feil, 1 advarsel, 0 info"
    for english in ("Contents", "Checked with the ruleset", "hint: ", "1 warnings", "1 advarsler"):
        assert english not in out


def test_the_report_without_findings_in_bokmal() -> None:
    code, out, _err = run("--lang", "nb", "report", str(SMALL), "--ruleset", "default")
    assert code == 0
    assert "<p>Ingen funn med regelsettet default (følger med orgmodel).</p>" in out
    assert _summary_row(out) == "0 feil, 0 advarsler, 0 info"


def test_the_report_counts_its_findings_with_plurals_in_english(one_warning: Path) -> None:
    warned = render_report(orgmodel.meeting_report(one_warning, ruleset="default"))[0]
    assert _summary_row(warned) == "0 errors, 1 warning, 0 info"
    assert '<nav class="toc" aria-label="Contents">' in warned
    assert '<span class="note">hint: merge it with a neighbour' in warned
    failed = render_report(orgmodel.meeting_report(SPAN, ruleset="default"))[0]
    assert _summary_row(failed) == "1 error, 0 warnings, 0 info"


# --- orgmodel diff: yes/no, the total line -------------------------------------------------------------


def test_the_diff_counts_each_group_with_its_plural_in_both_languages(proposals: Path) -> None:
    code, out, _err = run("--lang", "nb", "diff", "--ruleset", "default", "old.yaml", "new.yaml")
    assert code == 0
    lines = out.splitlines()
    assert (
        "  • 'Tjenestetildeling' (tildeling): budsjettansvar ja -> nei  [budget-changed:tildeling]" in lines
    )
    assert lines[-1] == "3 endringer i 1 fil (1 om personer, 1 struktur, 1 prinsipp)"
    code, out, _err = run("diff", "--ruleset", "default", "old.yaml", "new.yaml")
    lines = out.splitlines()
    assert (
        "  • 'Tjenestetildeling' (tildeling): budget responsibility yes -> no  [budget-changed:tildeling]"
        in lines
    )
    assert lines[-1] == "3 changes in 1 file (1 about people, 1 structure, 1 principle)"
    code, out, _err = run("diff", "--ruleset", "default", "old.yaml", "grown.yaml")
    assert out.splitlines()[-1] == "5 changes in 1 file (1 about people, 3 structure, 1 principle)"
    code, out, _err = run("--lang", "nb", "diff", "--ruleset", "default", "grown.yaml", "old.yaml")
    assert out.splitlines()[-1] == "5 endringer i 1 fil (1 om personer, 3 struktur, 1 prinsipp)"


def test_yes_and_no_are_words_in_every_format_and_true_false_in_json(proposals: Path) -> None:
    said = "budsjettansvar ja -> nei"
    for form, shown in (("markdown", said), ("html", "budsjettansvar ja -&gt; nei")):
        code, out, _err = run(
            "--lang", "nb", "diff", "--ruleset", "default", "-f", form, "old.yaml", "new.yaml"
        )
        assert code == 0
        assert shown in out, form
        assert "yes -" not in out
    code, out, _err = run(
        "--lang", "nb", "diff", "--ruleset", "default", "-f", "json", "old.yaml", "new.yaml"
    )
    change = next(c for c in json.loads(out)["files"][0]["changes"] if c["kind"] == "budget-changed")
    assert change["message"].endswith(said)
    assert (change["before"], change["after"]) == (True, False)  # the values stay as the model has them


# --- orgmodel diff --format markdown and html ----------------------------------------------------------


def test_the_markdown_comment_in_bokmal(proposals: Path) -> None:
    code, out, _err = run(
        "--lang", "nb", "diff", "--ruleset", "default", "-f", "markdown", "old.yaml", "grown.yaml"
    )
    assert code == 0
    lines = out.splitlines()
    assert "| Hva | Endring |" in lines
    assert '  subgraph bside["Før"]' in lines
    assert '  subgraph aside["Etter"]' in lines
    assert (
        "| Enheter hver fiktiv bruker møter (de som yter og de som fatter vedtak, talt som i orgmodel trace) "
        "| før | etter |" in lines
    )
    assert lines[-1] == "_5 endringer i 1 fil (1 om personer, 3 struktur, 1 prinsipp)_"
    for english in ("| What | Change |", '["Before"]', '["After"]', "| before | after |"):
        assert english not in out


def test_the_markdown_comment_in_english_is_unchanged(proposals: Path) -> None:
    code, out, _err = run("diff", "--ruleset", "default", "-f", "markdown", "old.yaml", "grown.yaml")
    assert code == 0
    lines = out.splitlines()
    assert "| What | Change |" in lines
    assert '  subgraph bside["Before"]' in lines
    assert (
        "| Units each persona meets (providers and deciders, as orgmodel trace counts them) "
        "| before | after |" in lines
    )


def test_a_shortened_section_and_a_capped_diagram_say_so_in_bokmal(proposals: Path) -> None:
    section = Section("Struktur", [Block(["- a"], 0), Block(["- b"], 0), Block(["- c"], 0)])
    assert section.head(2)[0] == "<details><summary><b>Struktur</b> (2 of 3 shown)</summary>"
    i18n.set_language("nb")
    assert section.head(2)[0] == "<details><summary><b>Struktur</b> (2 av 3 vist)</summary>"
    result = orgmodel.compare("old.yaml", "grown.yaml", ruleset="default").files[0].result
    assert result is not None
    assert mermaid(result, cap=1)[-1] == (
        "_Diagrammet viser høyst 1 enhet på hver side: de første endrede enhetene og enhetene over dem._"
    )


def test_the_html_diff_in_bokmal(proposals: Path) -> None:
    code, out, _err = run(
        "--lang", "nb", "diff", "--ruleset", "default", "-f", "html", "old.yaml", "grown.yaml"
    )
    assert code == 0
    assert '<ul class="legend" aria-label="Tegnforklaring">' in out
    assert '<a href="#n-hjemme-sor">vis i treet</a>' in out
    assert "<th>før</th><th>etter</th>" in out
    for english in ("show in the tree", '"Legend"', "<th>before</th>"):
        assert english not in out
    code, out, _err = run("diff", "--ruleset", "default", "-f", "html", "old.yaml", "grown.yaml")
    assert '<a href="#n-hjemme-sor">show in the tree</a>' in out
    assert '<ul class="legend" aria-label="Legend">' in out


# --- orgmodel stats ------------------------------------------------------------------------------------


@pytest.fixture
def two_kommunedeler(tmp_path: Path) -> Path:
    """SMALL with a second kommunedel: its units placed nowhere are central (with one, they work in it)."""
    path = tmp_path / "small-two.yaml"
    one = "  - {id: kd1, number: 1, name: Nord}\n"
    path.write_text(
        SMALL.read_text(encoding="utf-8").replace(one, one + "  - {id: kd2, number: 2, name: Sør}\n"),
        encoding="utf-8",
    )
    return path


def test_stats_in_bokmal_names_the_top_the_missing_role_and_the_central_units(two_kommunedeler: Path) -> None:
    code, out, _err = run("--lang", "nb", "stats", str(two_kommunedeler))
    assert code == 0
    lines = out.splitlines()
    assert "  (toppen)        (toppen)        1         1                          1" in lines
    assert "  ikke oppgitt                  -        5        42                          3" in lines
    assert (
        "  sentralt    ikke plassert i noen kommunedel        4        16                          3" in lines
    )
    for english in ("(top)", "not stated  ", "  central  ", "placed in no kommunedel"):
        assert (
            english not in out
        )  # (the note of the coverage table names its cells' words: central/elsewhere)


def test_stats_in_english_and_the_keys_of_csv_and_json_stay(two_kommunedeler: Path) -> None:
    code, out, _err = run("stats", str(two_kommunedeler))
    assert "  central     placed in no kommunedel      4      16                 3" in out.splitlines()
    code, out, _err = run("--lang", "nb", "stats", "-f", "csv", str(two_kommunedeler))
    assert code == 0
    rows = out.splitlines()
    assert "direktor-areas,(top),navn,(toppen)" in rows  # the key as it is; the name translated
    assert "roles,not stated,enheter,5" in rows
    assert "kommunedeler,central,navn,ikke plassert i noen kommunedel" in rows
    code, out, _err = run("--lang", "nb", "stats", "-f", "json", str(two_kommunedeler))
    stats = json.loads(out)["stats"]
    assert [(g["key"], g["name"]) for g in stats["kommunedeler"]][-1] == (
        "central",
        "placed in no kommunedel",
    )
    assert stats["direktor_areas"][0]["key"] == "(top)"


# --- check --show-settings -----------------------------------------------------------------------------


def _columns(lines: list[str]) -> set[int]:
    """Where the value starts on each label line: after the label's colon and its spaces."""
    return {len(m[0]) for line in lines if (m := re.match(r"^\S[^:]*:\s+", line))}


def test_show_settings_in_bokmal_translates_the_labels_and_keeps_the_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".orgmodel.yaml").write_text("jobs: 3\ncache: false\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _err = run("--lang", "nb", "check", "--show-settings", "m.yaml")
    _code, english, _err = run("check", "--show-settings", "m.yaml")
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == [
        "konfigurasjonsfil:       .orgmodel.yaml",
        "regelsett:               default (følger med orgmodel)",
        "regelsettkjede:          default (følger med orgmodel)",
        "select:                  alle regler",
    ]
    assert "select (konfigurasjon):  -" in lines
    assert "ignore (konfigurasjon):  -" in lines
    assert "jobs:                    3 (konfigurasjon)" in lines
    assert "hurtigbuffer:            av (konfigurasjon)" in lines
    assert [line.split(":")[0] for line in lines[5:7] + lines[8:10] + lines[11:14]] == [
        "extend-select", "ignore", "fail-on", "jobs", "exclude", "per-file-ignores", "paths",
    ]  # fmt: skip
    assert _columns(lines[:14]) == {25}
    assert english.splitlines()[:2] == [
        "config file:       .orgmodel.yaml",
        "ruleset:           default (shipped)",
    ]
    assert "jobs:              3 (config)" in english.splitlines()
    assert "cache:             off (config)" in english.splitlines()
    assert _columns(english.splitlines()[:14]) == {19}


# --- a model part that cannot be read (OM013), and the OS's reasons ------------------------------------


def test_a_missing_part_says_why_in_bokmal(tmp_path: Path) -> None:
    main = tmp_path / "main.yaml"
    main.write_text(SMALL.read_text(encoding="utf-8") + "parts: [missing.yaml]\n", encoding="utf-8")
    code, out, _err = run("--lang", "nb", "check", "--ruleset", "default", str(main))
    assert code == 1
    assert (
        "OM013 model-part [error] parts[0]: delen 'missing.yaml' kan ikke leses: ingen slik fil eller mappe"
        in out
    )
    assert "No such file" not in out
    code, out, _err = run("check", "--ruleset", "default", str(main))
    assert "parts[0]: the part 'missing.yaml' cannot be read: No such file or directory" in out


@pytest.mark.parametrize(
    ("number", "bokmal"),
    [
        (errno.ENOENT, "ingen slik fil eller mappe"),
        (errno.EACCES, "ingen tilgang"),
        (errno.EISDIR, "det er en mappe"),
        (errno.ENOTDIR, "en del av stien er ikke en mappe"),
    ],
)
def test_the_common_os_reasons_are_translated(number: int, bokmal: str) -> None:
    error = OSError(number, os.strerror(number), "x.yaml")
    assert i18n.os_reason(error) == os.strerror(number)  # English: the operating system's own words
    i18n.set_language("nb")
    assert i18n.os_reason(error) == bokmal


def test_another_reason_or_one_orgmodel_wrote_stays_as_it_is() -> None:
    i18n.set_language("nb")
    assert i18n.os_reason(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) == os.strerror(errno.ENOSPC)
    written = FileNotFoundError(errno.ENOENT, "ingen slik fil i revisjon main")
    assert i18n.os_reason(written) == "ingen slik fil i revisjon main"
    assert i18n.os_reason(OSError("no errno at all")) == "no errno at all"


def test_stats_in_bokmal_writes_decimals_with_a_comma() -> None:
    code, out, _err = run("--lang", "nb", "stats", str(SMALL))
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("  ledere av ledere "))
    assert row.split()[4:7] == ["1", "1,5", "2"], row


def test_numbers_and_dates_for_people_in_each_language() -> None:
    """Tour J finding 10: bokmål groups from four digits (1 256, 1 100,25) and writes '1. januar 2020'."""
    import datetime as dt

    i18n.set_language("nb")
    try:
        shown = [i18n.number(v) for v in (1256, 98765432, 1100.25, 999, -1234, 55.5, None)]
        assert shown == ["1 256", "98 765 432", "1 100,25", "999", "-1 234", "55,5", "-"]
        assert i18n.long_date(dt.date(2020, 1, 1)) == "1. januar 2020"
        assert i18n.month_year(dt.date(2011, 12, 1)) == "desember 2011"
    finally:
        i18n.set_language("en")
    # English keeps its plain digits and decimal point, and writes the day before the month
    assert [i18n.number(v) for v in (1256, 98765432, 1100.25)] == ["1256", "98765432", "1100.25"]
    assert i18n.long_date(dt.date(2027, 6, 30)) == "30 June 2027"
