"""The rules speak bokmål with --lang nb: messages with their placeholders and plurals, explain, rules."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from orgmodel import i18n
from orgmodel.cli import app
from orgmodel.rule import find_rule


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def model(tmp_path: Path, *units: str) -> str:
    path = tmp_path / "model.yaml"
    path.write_text("orgmodel: 1\nkommune: Testby\nunits:\n" + "".join(f"  - {u}\n" for u in units))
    return str(path)


def spans(tmp_path: Path) -> str:
    """A rådmann leading 17 direktører, each a leader of leaders; a kommunalsjef leading one rektor."""
    units = ["{id: radmann, name: Rådmann, level: 1, leader: Rådmann, staff: 0}"]
    units += [
        f"{{id: dir-{i}, name: Område {i}, level: 2, parent: radmann, leader: Direktør, staff: 0}}"
        for i in range(17)
    ]
    units += [
        "{id: ks-a, name: Skole, level: 3, parent: dir-0, leader: Kommunalsjef, staff: 0}",
        "{id: virk-a, name: A skole, level: 4, parent: ks-a, leader: Rektor, staff: 20}",
    ]
    # each other direktør leads two kommunalsjefer with staff: a top team, not a leader of enhetsledere
    units += [
        f"{{id: ks-{i}-{j}, name: K {i}{j}, level: 3, parent: dir-{i}, leader: Kommunalsjef, staff: 4}}"
        for i in range(17)
        for j in ((1,) if i == 0 else (1, 2))  # dir-0 leads ks-a as well
    ]
    return model(tmp_path, *units)


def concise(path: str, code: str, *lang: str) -> tuple[int, list[str]]:
    args = [*lang, "check", path, "--select", code, "--ruleset", "default", "--format", "concise"]
    exit_code, out = run(*args)
    return exit_code, [line.removeprefix(path + ":") for line in out.splitlines()]


def test_span_of_control_in_bokmal_with_17_and_with_1_report(tmp_path: Path) -> None:
    assert concise(spans(tmp_path), "OM120", "--lang", "nb") == (
        1,
        [
            "4:68: OM120 [warning] 'Rådmann' (radmann) har et lederspenn på 17 "
            "(17 enhetsledere + 0 ansatte), over regelsettets varslingsgrense på 12 for "
            "toppenhetens eget lederteam",
            "22:83: OM120 [warning] 'Skole' (ks-a) leder bare 1 (1 enhetsleder + 0 ansatte), "
            "under minimum på 2 for en leder av ledere: et nivå som kanskje ikke trengs",
        ],
    )


def test_span_of_control_in_english_is_unchanged(tmp_path: Path) -> None:
    assert concise(spans(tmp_path), "OM120") == (
        1,
        [
            "4:68: OM120 [warning] 'Rådmann' (radmann) has a span of control of 17 "
            "(17 unit leaders + 0 staff), above the ruleset's warning limit of 12 for the "
            "top unit's own team",
            "22:83: OM120 [warning] 'Skole' (ks-a) leads only 1 (1 unit leader + 0 staff), "
            "below the minimum of 2 for a leader of leaders: a level that may not be needed",
        ],
    )


def test_one_staff_is_one_ansatt_and_a_small_unit_has_a_hint(tmp_path: Path) -> None:
    """Tour L: 'leder bare 1 (0 enhetsledere + 1 ansatte)' and no hint on the minimum's warning."""
    path = model(
        tmp_path,
        "{id: radmann, name: Rådmann, level: 1, leader: Rådmann, staff: 3}",
        "{id: virk-a, name: Arkiv, level: 2, parent: radmann, leader: Leder, staff: 1}",
        "{id: virk-b, name: Bibliotek, level: 2, parent: radmann, leader: Leder, staff: 9}",
    )
    code, out = run("--lang", "nb", "check", path, "--select", "OM120", "--ruleset", "default")
    assert code == 1
    assert "'Arkiv' (virk-a) leder bare 1 (0 enhetsledere + 1 ansatt), under minimum på 2" in out
    assert "= tips: slå den sammen med en naboenhet, eller la de ansatte rapportere til lederen over" in out
    assert "('first_line.min' i span-of-control) eller som et begrunnet unntak i modellen" in out
    code, out = run("check", path, "--select", "OM120", "--ruleset", "default")
    assert "leads only 1 (0 unit leaders + 1 staff)" in out
    assert "= hint: merge it with a neighbouring unit" in out


def test_level_skip_in_bokmal_counts_one_level_and_two_levels(tmp_path: Path) -> None:
    path = model(
        tmp_path,
        "{id: radmann, name: Rådmann, level: 1, leader: Rådmann}",
        "{id: virk-a, name: A, level: 3, parent: radmann, leader: Leder}",
        "{id: virk-b, name: B, level: 4, parent: radmann, leader: Leder}",
    )
    assert concise(path, "OM111", "--lang", "nb") == (
        1,
        [
            "5:34: OM111 [warning] 'A' (virk-a) på nivå 3 rapporterer til 'Rådmann' (radmann) på nivå 1 "
            "og hopper over 1 nivå",
            "6:34: OM111 [warning] 'B' (virk-b) på nivå 4 rapporterer til 'Rådmann' (radmann) på nivå 1 "
            "og hopper over 2 nivåer",
        ],
    )


def test_personnel_cycle_in_bokmal_names_the_circle_and_the_units_cut_off(tmp_path: Path) -> None:
    path = model(
        tmp_path,
        "{id: a, name: A, level: 1, parent: b, leader: Leder}",
        "{id: b, name: B, level: 2, parent: a, leader: Leder}",
        "{id: c, name: C, level: 3, parent: b, leader: Leder}",
    )
    assert concise(path, "OM102", "--lang", "nb") == (
        1,
        [
            "4:40: OM102 [error] personallinjene går i sirkel: a -> b -> a, og 1 enhet under den er avskåret "
            "fra toppen; ingen enhet er igjen på toppen",
        ],
    )


def test_hints_are_in_bokmal_too(tmp_path: Path) -> None:
    path = model(tmp_path, "{id: radmann, name: Rådmann, level: 1}")
    exit_code, out = run("--lang", "nb", "check", path, "--select", "OM160", "--ruleset", "default")
    assert exit_code == 1
    assert out.splitlines()[0].endswith(
        "OM160 leader-required [error] 'Rådmann' (radmann) nevner ingen leder"
    )
    assert "= tips: legg til 'leader:' med rollen, f.eks. 'leader: Virksomhetsleder'" in out


def test_explain_span_of_control_in_bokmal() -> None:
    exit_code, out = run("--lang", "nb", "explain", "span-of-control", "--ruleset", "default")
    assert exit_code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "OM120 span-of-control (alvorlighetsgrad i rules/default.yaml: feil; regelens standard: feil)",
        "",
        "En leders lederspenn holder seg innenfor grensene for rollen.",
    ]
    assert "- 'first_line': alle andre ledere, som for det meste leder ansatte." in lines
    # the YAML of the examples is never translated
    assert "Antimønster (first_line max 60):" in lines
    assert (
        "    - {id: barnevern, name: Barnevern, level: 3, parent: ks-forebygging, leader: Leder, staff: 95}"
    ) in lines
    assert "Innstillinger i rules/default.yaml (settes under regelens navn i et regelsett):" in lines
    levels = lines.index(" - levels: {}")
    assert lines[levels + 1] == (
        "     overstyringer per oppgitt nivå, i tillegg til rollens grenser, for en kommune som vedtar "
        "grenser etter nivå; tom som standard, siden kommuner teller nivåer ulikt"
    )


def test_explain_a_built_in_check_in_bokmal() -> None:
    exit_code, out = run("--lang", "nb", "explain", "OM002")
    assert (exit_code, out.splitlines()[:3]) == (
        0,
        [
            "OM002 duplicate-key (innebygd kontroll, alvorlighetsgrad: error)",
            "",
            "En nøkkel forekommer én gang i hver mapping.",
        ],
    )


def test_rule_summaries_follow_the_language_and_the_documentation_stays_english() -> None:
    rule = find_rule("OM160")
    assert rule is not None
    i18n.set_language("nb")
    assert rule.summary() == "Hver enhet oppgir lederrollen sin."
    assert rule.documentation().splitlines()[0] == "Every unit names its leader role."
    i18n.set_language("en")
    assert rule.summary() == "Every unit names its leader role."


def test_rules_lists_in_bokmal() -> None:
    exit_code, out = run("--lang", "nb", "rules", "--ruleset", "default")
    assert exit_code == 0
    assert "Regler i rules/default.yaml ('orgmodel explain KODE' dokumenterer hver av dem)" in out
    assert "Hver enhet oppgir lederrollen sin." in out
    assert "Innebygde kontroller ved innlesing (alltid på)" in out


def test_suppression_checks_in_bokmal(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(
        "orgmodel: 1\nkommune: Testby\nunits:\n"
        "  - {id: radmann, name: Rådmann, level: 1, leader: Rådmann}\n"
        "  # orgmodel: ignore[level-skip]\n"
        "  - {id: virk-a, name: A, level: 3, parent: radmann, leader: Leder}\n"
        "  # orgmodel: ignore[levl-skip] pilot\n"
        "  - {id: virk-b, name: B, level: 2, parent: radmann, leader: Leder}\n"
    )
    exit_code, out = run("--lang", "nb", "check", str(path), "--ruleset", "default", "--format", "concise")
    assert (exit_code, out.splitlines()) == (
        1,
        [
            f"{path}:5:3: OM090 [warning] unntaket fra level-skip gir ingen begrunnelse; si hvorfor "
            "unntaket er berettiget, f.eks. med siden i rapporten som vedtok det",
            f"{path}:7:3: OM091 [warning] unntaket nevner 'levl-skip', som ikke er en regel; "
            "mente du 'level-skip'?",
        ],
    )


def test_numbers_are_written_the_norwegian_way_in_bokmal() -> None:
    """A decimal comma and a space before the per cent sign in bokmål; English keeps 4.0 and 33%."""
    examples = "docs/rules/examples/"
    om250 = [examples + "OM250.yaml", "OM250", "--ruleset", examples + "OM250.ruleset.yaml"]
    om260 = [examples + "OM260.yaml", "OM260", "--ruleset", "default"]
    for args, nb, en in (
        (om250, "(33 %)", "(33%)"),
        (om250, "10 %:", "10%:"),
        (om260, " 4,0 ganger ", " 4.0 times "),
    ):
        path, code, *ruleset = args
        assert nb in run("--lang", "nb", "check", path, "--select", code, *ruleset)[1]
        assert en in run("check", path, "--select", code, *ruleset)[1]


def test_explain_robust_units_says_where_its_minimum_comes_from_for_a_user() -> None:
    # tour K: "8 is what runs of the default ruleset used (the class said 10)", a developer's note
    exit_code, out = run("explain", "OM150")
    assert exit_code == 0
    assert "class said" not in out and "runs of the default ruleset" not in out
    assert (
        "8: assumption, no source gives a number: Drammen merged small home-care districts and made a "
        "small school an avdeling (Drammen report p. 26, 31) without naming a size; a municipality sets "
        "its own as 'min' of robust-units in its ruleset" in " ".join(out.split())
    )
    exit_code, out = run("--lang", "nb", "explain", "OM150")
    assert exit_code == 0 and "klassen sa" not in out
    assert "8: antakelse, ingen kilde gir et tall" in out
    assert "en kommune setter sitt eget tall som 'min' for robust-units i regelsettet" in " ".join(
        out.split()
    )


def test_the_bokmal_explanations_leave_no_english_or_persona_behind() -> None:
    """Tour R item 8: 'pluss dens egne staff', 'level-nummeret', «no unit delivers it», 'personaen'."""
    from typer.testing import CliRunner

    from orgmodel.cli import app

    for code in ("OM120", "OM223", "OM241"):
        said = CliRunner().invoke(app, ["--lang", "nb", "explain", code]).stdout
        flat = " ".join(said.split())
        for english in ("egne 'staff'", "'level'-", "no unit delivers", "personaen", "staff annet"):
            assert english not in flat, (code, english)
    assert "«ingen enhet leverer den»" in " ".join(
        CliRunner().invoke(app, ["--lang", "nb", "explain", "OM223"]).stdout.split()
    )
