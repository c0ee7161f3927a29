"""Every selector (where:) and condition (require:, at_most:) of a custom rule, at exact positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from orgmodel.api import check_text

from .helpers import findings, messages, model, write_ruleset

UNITS = """
- {id: top, name: Rådmann, level: 1, staff: 2}
- {id: dir-opp, name: Oppvekst, level: 2, parent: top, staff: 1}
- {id: skole-a, name: Alfa Skole, kind: virksomhet, level: 3, parent: dir-opp, staff: 30, budget: true}
- {id: skole-b, name: Beta skole, kind: virksomhet, level: 3, parent: dir-opp, staff: 4}
- {id: bhg-c, name: Gamma barnehage, kind: virksomhet, level: 3, parent: dir-opp}
- {id: avd-a1, name: Alfa 1, kind: avdeling, level: 4, parent: skole-a, staff: 12}
- {id: dir-helse, name: Helse, level: 2, parent: top, staff: 2}
- {id: tildeling, name: Tildeling, kind: virksomhet, level: 3, parent: dir-helse, staff: 9, decides: [hjemme]}
- {id: hjemme, name: Hjem, kind: virksomhet, level: 3, parent: dir-helse, staff: 40, delivers: [hjemme, ppt]}
"""
SERVICES = """
services:
  - {id: hjemme, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true}
  - {id: ppt, name: PPT, category: oppvekst}
"""
MODEL = model(UNITS, SERVICES)
# the line of each unit in MODEL (units start on line 7)
LINE = {
    uid: 7 + i
    for i, uid in enumerate(
        ["top", "dir-opp", "skole-a", "skole-b", "bhg-c", "avd-a1", "dir-helse", "tildeling", "hjemme"]
    )
}


def selected(tmp_path: Path, where: str) -> list[str | None]:
    """The units a rule with this ``where:`` selects (each breaks 'level == 0' at its level)."""
    path = write_ruleset(
        tmp_path,
        f"custom:\n  - {{code: ABC1, name: probe, summary: s, where: {where}, require: [level == 0]}}\n",
    )
    return [unit for _line, _col, _code, unit in findings(path, MODEL)]


@pytest.mark.parametrize(
    ("where", "units"),
    [
        ("{kind: virksomhet}", ["skole-a", "skole-b", "bhg-c", "tildeling", "hjemme"]),
        ("{kind: [avdeling, virksomhet], level: 4}", ["avd-a1"]),
        ("{level: [1, 2]}", ["top", "dir-opp", "dir-helse"]),
        ("{id: 'skole-*'}", ["skole-a", "skole-b"]),
        ("{name: '*SKOLE*'}", ["skole-a", "skole-b"]),
        ("{under: dir-opp}", ["skole-a", "skole-b", "bhg-c", "avd-a1"]),
        ("{under: [skole-a, dir-helse], kind: virksomhet}", ["tildeling", "hjemme"]),
        ("{role: top}", ["top"]),
        ("{role: leaders_of_leaders}", ["dir-opp", "dir-helse"]),
        ("{role: first_line, under: dir-opp}", ["skole-a", "skole-b", "bhg-c", "avd-a1"]),
        ("{delivers: hjemme}", ["hjemme"]),
        ("{decides: 'hjem*'}", ["tildeling"]),
        ("{delivers_category: oppvekst}", ["hjemme"]),
        ("{decides_category: helse-og-omsorg}", ["tildeling"]),
        (
            "{}",
            ["top", "dir-opp", "skole-a", "skole-b", "bhg-c", "avd-a1", "dir-helse", "tildeling", "hjemme"],
        ),
    ],
)
def test_each_selector_picks_exactly_its_units(tmp_path: Path, where: str, units: list[str]) -> None:
    assert selected(tmp_path, where) == units


def judged(
    tmp_path: Path, condition: str, *, required: bool = False
) -> list[tuple[int, int, str, str | None]]:
    """The findings of one condition over the virksomheter under dir-opp."""
    path = write_ruleset(
        tmp_path,
        f"custom:\n  - code: ABC1\n    name: probe\n    summary: s\n    required: {str(required).lower()}\n"
        f"    where: {{under: dir-opp, kind: virksomhet}}\n    require: ['{condition}']\n",
    )
    return findings(path, MODEL)


def col(uid: str, token: str) -> int:
    """The 1-based column of ``token`` on the line of unit ``uid``."""
    return MODEL.splitlines()[LINE[uid] - 1].index(token) + 1


def test_a_stated_false_budget_is_a_finding_at_the_budget_key_and_an_unstated_one_is_not(
    tmp_path: Path,
) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, where: {id: 'skole-*'},"
        " require: [budget == true]}\n",
    )
    text = MODEL.replace("parent: dir-opp, staff: 4}", "parent: dir-opp, staff: 4, budget: false}")
    line = text.splitlines()[LINE["skole-b"] - 1]
    assert findings(path, text) == [(LINE["skole-b"], line.index("false") + 1, "ABC1", "skole-b")]
    assert findings(path, MODEL) == []  # skole-b does not state its budget: not a breach


def test_required_makes_an_unstated_field_a_finding(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: p, summary: s, where: {id: bhg-c}, required: true,"
        " require: [staff > 0]}\n",
    )
    assert messages(path, MODEL) == ["'Gamma barnehage' (bhg-c) breaks 'staff > 0': staff is not stated"]
    assert judged(tmp_path, "budget == true", required=True) == [
        (LINE["skole-b"], col("skole-b", "skole-b"), "ABC1", "skole-b"),
        (LINE["bhg-c"], col("bhg-c", "bhg-c"), "ABC1", "bhg-c"),
    ]


def test_staff_compares_the_stated_number_and_never_reads_unstated_as_zero(tmp_path: Path) -> None:
    assert judged(tmp_path, "staff >= 8") == [(LINE["skole-b"], col("skole-b", "4}"), "ABC1", "skole-b")]
    assert judged(tmp_path, "staff >= 8", required=True)[-1] == (
        LINE["bhg-c"],
        col("bhg-c", "bhg-c"),
        "ABC1",
        "bhg-c",
    )


def test_people_counts_everyone_below_and_an_unknown_part_is_a_lower_bound(tmp_path: Path) -> None:
    # skole-a: 1 + 30 + avd-a1 (1 + 12) = 44; skole-b: 5; bhg-c: at least 1 (no staff stated)
    assert judged(tmp_path, "people <= 40") == [
        (LINE["skole-a"], col("skole-a", "skole-a"), "ABC1", "skole-a")
    ]
    assert judged(tmp_path, "people >= 8") == [
        (LINE["skole-b"], col("skole-b", "skole-b"), "ABC1", "skole-b")
    ]
    assert judged(tmp_path, "people <= 0") == [
        (LINE[u], col(u, u), "ABC1", u) for u in ("skole-a", "skole-b", "bhg-c")
    ]


@pytest.mark.parametrize(
    ("condition", "units"),
    [
        ("children == 0", ["skole-a"]),
        ("units_below >= 1", ["skole-b", "bhg-c"]),
        ("span <= 30", ["skole-a"]),  # 1 unit leader + 30 staff; bhg-c's span is unknown, at least 0
        ("level == 3", []),
        ("level != 3", ["skole-a", "skole-b", "bhg-c"]),
        ("kind == virksomhet", []),
        ("pilot == true", []),  # nobody states pilot
    ],
)
def test_number_and_word_conditions(tmp_path: Path, condition: str, units: list[str]) -> None:
    assert [unit for *_rest, unit in judged(tmp_path, condition)] == units


def test_site_conditions(tmp_path: Path) -> None:
    sites = (
        SERVICES + "sites:\n  - {id: kp, name: Knutepunkt, kind: knutepunkt}\n  - {id: hus, name: Huset}\n"
    )
    text = model(
        UNITS.replace("staff: 30, budget: true}", "staff: 30, budget: true, sites: [kp]}").replace(
            "parent: dir-opp, staff: 4}", "parent: dir-opp, staff: 4, sites: [hus]}"
        ),
        sites,
    )
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, where: {under: dir-opp, kind: virksomhet},"
        " require: [has site knutepunkt]}\n"
        "  - {code: ABC2, name: probe-2, summary: s, where: {under: dir-opp, kind: virksomhet},"
        " require: [lacks site knutepunkt]}\n"
        "  - {code: ABC3, name: probe-3, summary: s, where: {under: dir-opp, kind: virksomhet},"
        " require: [has site]}\n",
    )
    # skole-b has a site of another kind; bhg-c states no sites (not stated: no finding)
    assert [(code, unit) for *_x, code, unit in findings(path, text)] == [
        ("ABC2", "skole-a"),
        ("ABC1", "skole-b"),
    ]
    number, line = next((n, t) for n, t in enumerate(text.splitlines(), 1) if "id: skole-b" in t)
    assert findings(path, text, "ABC1") == [(number, line.index("[hus]") + 1, "ABC1", "skole-b")]


def test_service_conditions(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n"
        "  - {code: ABC1, name: probe, summary: s, where: {under: dir-helse}, require: [delivers hjemme]}\n"
        "  - {code: ABC2, name: probe-2, summary: s, where: {under: dir-helse},"
        " require: [not decides category helse-og-omsorg]}\n"
        "  - {code: ABC3, name: probe-3, summary: s, where: {under: dir-helse},"
        " require: [delivers category oppvekst]}\n",
    )
    hjemme = MODEL.splitlines()[LINE["hjemme"] - 1]
    tildeling = MODEL.splitlines()[LINE["tildeling"] - 1]
    # tildeling lists no delivers: not stated, so ABC1 and ABC3 are silent on it
    assert findings(path, MODEL) == [
        (LINE["tildeling"], tildeling.index("[hjemme]") + 1, "ABC2", "tildeling")
    ]
    assert hjemme.count("delivers") == 1


def test_at_most_points_at_the_first_unit_beyond_the_limit(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: few-virksomheter, summary: s, where: {kind: virksomhet},"
        " at_most: 3}\n",
    )
    assert findings(path, MODEL) == [(LINE["tildeling"], col("tildeling", "tildeling"), "ABC1", "tildeling")]
    assert messages(path, MODEL) == [
        "5 units match few-virksomheter, at most 3: 'Tildeling' (tildeling) is the first beyond the limit"
    ]


def test_every_placeholder_is_filled(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        """
        custom:
          - code: ABC1
            name: probe
            summary: s
            where: {id: skole-b}
            require: [people >= 8]
            message: "{rule.code} {rule.name}: {unit} | {unit.id} | {unit.name} | {unit.kind} |
              {unit.level} | {field} {value} {limit} '{condition}' {count} {{literal}}"
        """,
    )
    assert messages(path, MODEL) == [
        "ABC1 probe: 'Beta skole' (skole-b) | skole-b | Beta skole | virksomhet | 3 | people 5 8 "
        "'people >= 8'  {literal}"
    ]


def test_the_default_message_and_the_fingerprint_key(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, where: {id: skole-b}, require: [staff >= 8]}\n",
    )
    checked = check_text(MODEL, ruleset=path, select=["ABC1"])
    [diag] = checked.diagnostics
    assert (diag.message, diag.key, diag.unit) == (
        "'Beta skole' (skole-b) breaks 'staff >= 8': staff is 4",
        "staff>=",
        "skole-b",
    )
    lower = MODEL.replace("staff: 4}", "staff: 5}")
    again = check_text(lower, ruleset=path, select=["ABC1"])
    assert again.diagnostics[0].fingerprint == diag.fingerprint  # a changed number keeps the fingerprint


def test_an_under_naming_no_unit_of_the_model_is_a_warning_at_the_ruleset_line(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n"
        "    where: {under: dir-opvekst}\n    require: [staff >= 8]\n",
    )
    checked = check_text(MODEL, ruleset=path, select=["ABC1"])
    assert [d.hint for d in checked.diagnostics] == ["did you mean 'dir-opp'? (found checking <text>)"]
    assert [(Path(d.path).name, d.line, d.col, d.severity.value, d.message) for d in checked.diagnostics] == [
        (
            "r.yaml",
            7,
            20,
            "warning",
            "where.under: this model has no unit 'dir-opvekst'; ABC1 checks no unit by it",
        )
    ]


def test_units_on_a_circle_of_personnel_lines_are_counted_once_each(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: p, summary: s, where: {id: '[ab]'},"
        " require: [people <= 3, units_below <= 0]}\n",
    )
    text = model(
        """
        - {id: a, name: A, level: 1, parent: b, staff: 1}
        - {id: b, name: B, level: 2, parent: a, staff: 1}
        - {id: t, name: T, level: 1, staff: 9}
        """
    )
    assert messages(path, text) == [
        "'A' (a) breaks 'people <= 3': people is 4",
        "'A' (a) breaks 'units_below <= 0': units_below is 1",
        "'B' (b) breaks 'people <= 3': people is 4",
        "'B' (b) breaks 'units_below <= 0': units_below is 1",
    ]


def test_a_kind_or_service_the_model_lacks_is_a_note_with_the_closest_name(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n"
        "    where: {kind: [virksomhet, virksomhte], delivers: 'hjem*', decides: ppx}\n"
        "    require: [staff >= 0]\n",
    )
    checked = check_text(MODEL, ruleset=path, select=["ABC1"])
    assert [(d.line, d.col, d.severity.value, d.message, d.hint) for d in checked.diagnostics] == [
        (
            7,
            32,
            "info",
            "where.kind: this model has no unit of kind 'virksomhte'; ABC1 checks no unit by it",
            "did you mean 'virksomhet'? (found checking <text>)",
        ),
        (
            7,
            73,
            "info",
            "where.decides: this model has no service 'ppx'; ABC1 checks no unit by it",
            "did you mean 'ppt'? (found checking <text>)",
        ),
    ]


def test_a_category_the_model_lacks_without_a_close_name_lists_the_models_categories(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n"
        "    where: {decides_category: nokat}\n    require: [staff >= 0]\n",
    )
    checked = check_text(MODEL, ruleset=path, select=["ABC1"])
    categories = sorted({s["category"] for s in yaml.safe_load(MODEL)["services"] if s.get("category")})
    assert [d.hint for d in checked.diagnostics] == [
        f"the model's service categories: {', '.join(categories)} (found checking <text>)"
    ]


def test_a_message_of_many_placeholders_over_long_names_is_clipped(tmp_path: Path) -> None:
    # a hostile ruleset: 166 placeholders of a 10,000-character name would be 1.66 MB a finding
    path = write_ruleset(
        tmp_path,
        "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n"
        "    require: [staff >= 100]\n    message: '" + "{unit.name}" * 90 + "'\n",
    )
    long_name = "N" * 10_000
    model_text = MODEL.replace("name: Rådmann,", f"name: {long_name},", 1)
    assert long_name in model_text
    checked = check_text(model_text, ruleset=path, select=["ABC1"])
    assert checked.diagnostics
    assert max(len(d.message) for d in checked.diagnostics) <= 2_000


def test_an_id_name_or_level_no_unit_of_the_model_has_is_a_note_at_its_value(tmp_path: Path) -> None:
    # 'skole-*' and '*SKOLE*' match (names in any case), '[12]' and level 3 too; the rest would let
    # the rule check nothing in silence
    path = write_ruleset(
        tmp_path,
        "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n"
        "    where: {id: ['skole-*', skol-a], name: ['*SKOLE*', '*barnhage*'], level: [3, 5]}\n"
        "    require: [staff >= 0]\n",
    )
    checked = check_text(MODEL, ruleset=path, select=["ABC1"])
    assert [(d.line, d.col, d.severity.value, d.message, d.hint) for d in checked.diagnostics] == [
        (
            7,
            29,
            "info",
            "where.id: no unit of this model has an id matching 'skol-a'; ABC1 checks no unit by it",
            "did you mean 'skole-a'? (found checking <text>)",
        ),
        (
            7,
            56,
            "info",
            "where.name: no unit of this model has a name matching '*barnhage*'; ABC1 checks no unit by it",
            "did you mean 'Gamma barnehage'? (found checking <text>)",
        ),
        (
            7,
            82,
            "info",
            "where.level: no unit of this model is at level 5; ABC1 checks no unit by it",
            "the model's levels: 1, 2, 3, 4 (found checking <text>)",
        ),
    ]


def test_has_a_key_asks_whether_the_unit_writes_it(tmp_path: Path) -> None:
    # seed 003 asks every unit's ANSVAR: 'has responsibility' (a planner could not say it before)
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, where: {kind: virksomhet},"
        " require: [has responsibility]}\n",
    )
    text = MODEL.replace(
        "{id: skole-a, name: Alfa Skole,", "{id: skole-a, name: Alfa Skole, responsibility: Trinn 1-7,"
    )
    assert [u for _l, _c, _code, u in findings(path, text)] == ["skole-b", "bhg-c", "tildeling", "hjemme"]
    assert (
        messages(path, text)[0]
        == "'Beta skole' (skole-b) breaks 'has responsibility': responsibility is not stated"
    )
    lacks = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, where: {kind: virksomhet},"
        " require: [lacks responsibility]}\n",
    )
    assert [u for _l, _c, _code, u in findings(lacks, text)] == ["skole-a"]


def test_explain_says_that_has_a_key_is_broken_by_a_unit_without_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from orgmodel.cli import app

    path = write_ruleset(
        tmp_path, "custom:\n  - {code: ABC1, name: probe, summary: s, require: [has responsibility]}\n"
    )
    out = CliRunner().invoke(app, ["explain", "ABC1", "--ruleset", str(path)]).stdout
    assert "'has KEY' is broken by a unit that does not write KEY; 'lacks KEY' by one that does." in out
    assert "does not state is not broken" not in out  # it would say the opposite of what the rule does
    both = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, require: [has responsibility, staff >= 2]}\n",
    )
    out = CliRunner().invoke(app, ["explain", "ABC1", "--ruleset", str(both)]).stdout
    assert "does not state is not broken" in out and "'has KEY' is broken" in out
