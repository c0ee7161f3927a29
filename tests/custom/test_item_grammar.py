"""Mistakes in a custom rule ``of:`` a section beside the units, each at its line and column; its
examples under ``orgmodel rules test``; its ``orgmodel explain``; and never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.api import check_text
from orgmodel.cli import app
from orgmodel.ruleset import ConfigError, display_path, load_ruleset

from .helpers import config_errors, write_ruleset
from .test_item_sections import MODEL

RULE = "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n    of: forums\n"  # lines 3-7
EXAMPLE = ROOT / "docs" / "examples" / "moteplasser-custom.yaml"


@pytest.mark.parametrize(
    ("line", "col", "message", "hint"),
    [
        (
            "    where: {under: dir-a}\n",
            13,
            "custom[0] (ABC1).where.under: has no option 'under' (its options: id, name, kind, chair, "
            "members)",
            None,
        ),
        (
            "    where: {membr: fa}\n",
            13,
            "custom[0] (ABC1).where.membr: has no option 'membr' (its options: id, name, kind, chair, "
            "members)",
            "did you mean 'members'?",
        ),
        (
            "    where: {kind: [lederteam, ledergrupe]}\n",
            31,
            "custom[0] (ABC1).where.kind: 'ledergrupe' is not a value of kind (ledergruppe, "
            "utvidet-ledergruppe, lederteam, fagteam, oppgaveteam, nettverk)",
            "did you mean 'ledergruppe'?",
        ),
        (
            "    message: '{unit} has no {field}'\n",
            14,
            "custom[0] (ABC1).message: {unit} names a unit, and this rule looks at forums",
            "did you mean '{item}'?",
        ),
    ],
)
def test_a_wrong_where_key_or_placeholder_for_the_section(
    tmp_path: Path, line: str, col: int, message: str, hint: str | None
) -> None:
    path = write_ruleset(tmp_path, RULE + "    require: [has mandate]\n" + line)
    assert config_errors(path) == [(9, col, message, hint)]


@pytest.mark.parametrize(
    ("of", "message", "hint"),
    [
        (
            "sites",
            "'sites' is not a section a custom rule looks at (units, forums, projects, agreements, "
            "committees, positions, collaborations)",
            "kommunedeler, sites, services, personas and considerations are what units are judged against: "
            "write the rule on units ('has site knutepunkt', 'delivers category oppvekst')",
        ),
        (
            "møteplasser",
            "expected 'units', 'forums', 'projects', 'agreements', 'committees', 'positions' or "
            "'collaborations', got 'møteplasser'",
            "did you mean 'forums'?",
        ),
        (
            "project",
            "expected 'units', 'forums', 'projects', 'agreements', 'committees', 'positions' or "
            "'collaborations', got 'project'",
            "did you mean 'projects'?",
        ),
    ],
)
def test_a_section_a_rule_cannot_look_at_is_an_error_at_of(
    tmp_path: Path, of: str, message: str, hint: str
) -> None:
    path = write_ruleset(tmp_path, RULE.replace("of: forums", f"of: {of}") + "    require: [has mandate]\n")
    # the conditions are not judged against a section that is not there: one cause, one error
    assert config_errors(path) == [(7, 9, f"custom[0] (ABC1).of: {message}", hint)]


@pytest.mark.parametrize(
    ("section", "condition", "col", "message", "hint"),
    [
        (
            "forums",
            "has steering_group",
            4,
            "'has steering_group': 'steering_group' is a key of projects, and this rule looks at forums",
            "write 'of: projects' for a rule on projects",
        ),
        ("forums", "has mandat", 4, "'has mandat': forums have no key 'mandat'", "did you mean 'mandate'?"),
        (
            "forums",
            "mandate == Strategi",
            0,  # the word at fault starts the condition
            "'mandate == Strategi': mandate is not compared; ask whether it is written: 'has mandate'",
            "the keys a condition compares: members, kind, chair, frequency",
        ),
        (
            "forums",
            "frequency >= månedlig",
            13,
            "'frequency >= månedlig': a frequency is compared with daily, weekly, monthly, quarterly, "
            "yearly or 'N per day|week|month|year', got 'månedlig'",
            "did you mean 'monthly'?",
        ),
        (
            "forums",
            "frequency >= 12",
            13,
            "'frequency >= 12': a frequency is compared with daily, weekly, monthly, quarterly, yearly or "
            "'N per day|week|month|year', got '12'",
            "e.g. 'frequency >= 2 per month'",
        ),
        (
            "forums",
            "members > many",
            10,
            "'members > many': members is compared with a whole number, got 'many'",
            None,
        ),
        (
            "forums",
            "kind == ledergrupe",
            8,
            "'kind == ledergrupe': 'ledergrupe' is not a value of kind (ledergruppe, utvidet-ledergruppe, "
            "lederteam, fagteam, oppgaveteam, nettverk)",
            "did you mean 'ledergruppe'?",
        ),
        (
            "projects",
            "parties include tillitsvalgte",
            16,
            "'parties include tillitsvalgte': 'tillitsvalgte' is not a value of parties (employer, "
            "employees, safety)",
            "did you mean 'employees'?",
        ),
        (
            "projects",
            "owner include radmann",
            0,
            "'owner include radmann': owner is no list; 'include' asks what a list holds (the lists: "
            "steering_group, working_group, parties)",
            "write 'owner == radmann'",
        ),
        (
            "projects",
            "ends <= 2021-13-01",
            8,
            "'ends <= 2021-13-01': ends is compared with a date, got '2021-13-01'",
            "write a date (2025-12-31), a month (2025-12) or a year (2025)",
        ),
        (
            "positions",
            "fte >= 0,5",
            7,
            "'fte >= 0,5': fte is compared with a number, got '0,5'",
            "a decimal is written with '.', not ','",
        ),
        (
            "positions",
            "staff >= 1.5",
            9,
            "'staff >= 1.5': staff is compared with a whole number, got '1.5'",
            None,
        ),
        (
            "positions",
            "personnel == ja",
            13,
            "'personnel == ja': personnel is true or false",
            "write 'personnel == true'",
        ),
        ("committees", "units ≥ 1", 6, "'units ≥ 1': '≥' is no comparison", "write '>='"),
        (
            "collaborations",
            "has kind",
            4,
            "'has kind': 'kind' is a key of units, forums, agreements, and this rule looks at collaborations",
            "write 'of: units' for a rule on units",
        ),
        (
            "agreements",
            "parties includes",
            None,
            "'parties includes': 'includes' takes one value",
            "e.g. 'parties includes ID'",
        ),
    ],
)
def test_a_condition_that_does_not_parse_for_the_section(
    tmp_path: Path, section: str, condition: str, col: int | None, message: str, hint: str | None
) -> None:
    body = RULE.replace("of: forums", f"of: {section}") + f"    require:\n      - '{condition}'\n"
    # at the word at fault (inside the quotes), else at the condition
    assert config_errors(path := write_ruleset(tmp_path, body)) == [
        (9, 9 if col is None else 10 + col, f"custom[0] (ABC1).require[0]: {message}", hint)
    ], path


def test_a_project_has_no_kind_placeholder(tmp_path: Path) -> None:
    body = (
        RULE.replace("of: forums", "of: projects") + "    require: [has owner]\n    hint: 'fix {item.kind}'\n"
    )
    assert config_errors(write_ruleset(tmp_path, body)) == [
        (
            9,
            11,
            "custom[0] (ABC1).hint: unknown placeholder {item.kind}",
            "placeholders: item, item.id, item.name, field, value, limit, condition, count, rule.code, "
            "rule.name",
        )
    ]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_the_shipped_example_passes_its_own_tests() -> None:
    assert run("rules", "test", str(EXAMPLE)) == (
        0,
        f"Testing the custom rules of {display_path(EXAMPLE)}\n"
        "MP001 ledergruppe-mandat: ok (1 pass, 1 fail)\n"
        "MP002 prosjekt-trepart: ok (1 pass, 2 fail)\n"
        "2 custom rules: 2 ok, 0 FAILED\n",
    )


def test_a_wrong_example_of_a_project_rule_fails_with_why(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "parties: [employer, employees]}", "parties: [employer]}"
    )
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    code, out = run("rules", "test", str(path))
    assert code == 1
    assert out.splitlines()[2:4] == [
        "MP002 prosjekt-trepart: FAILED (1 pass, 2 fail)",
        f"  pass example 1 ({display_path(path)}:58): expected no finding, found 2: line 4: the project "
        "'Prosjekt' (p) breaks 'parties include employees': parties is employer; line 5: the project "
        "'Delprosjekt' (p1) breaks 'parties include employees': parties is employer",
    ]


def test_explain_documents_a_rule_on_forums() -> None:
    code, out = run("explain", "MP001", "--ruleset", str(EXAMPLE))
    assert code == 0
    assert out.splitlines()[6:14] == [
        f"A custom rule, declared in {display_path(EXAMPLE)}:11.",
        "It checks the forums where:",
        "  kind: [ledergruppe, lederteam]",
        "Each of them must satisfy (one finding per broken condition):",
        "  - has mandate",
        "  - frequency >= monthly",
        "A condition on a key it does not write is not broken (it does not say).",
        "'has KEY' is broken by one that does not write KEY; 'lacks KEY' by one that does.",
    ]
    code, out = run("--lang", "nb", "explain", "MP002", "--ruleset", str(EXAMPLE))
    assert "Den kontrollerer hvert prosjekt" in out.splitlines()


def test_explain_of_at_most_on_committees(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, of: committees, at_most: 5, required: true}\n",
    )
    code, out = run("explain", "ABC1", "--ruleset", str(path))
    assert code == 0 and out.splitlines()[-2:] == [
        "It checks every committee",
        "At most 5 of them may match.",
    ]


CONDITIONS = [
    "has mandate",
    "members >= 2",
    "parties include employees",
    "frequency >= monthly",
    "frequency < 3 per week",
    "ends <= 2021-12-31",
    "fte >= 0.5",
    "personnel == true",
    "units >= 1",
    "kind == iks",
    "owner != top",
    "between > 2",
    "lacks purpose",
    "has x",
    "==",
    "include",
    "",
]


@settings(max_examples=40, deadline=None)
@given(
    of=st.sampled_from(
        ["forums", "projects", "agreements", "committees", "positions", "collaborations", "sites"]
    ),
    require=st.lists(st.sampled_from(CONDITIONS), max_size=3),
    where=st.dictionaries(
        st.sampled_from(["id", "name", "kind", "members", "owner", "title", "personnel", "between", "under"]),
        st.one_of(
            st.sampled_from(["*", "top", "iks", "lt"]), st.booleans(), st.lists(st.just("p*"), max_size=2)
        ),
        max_size=3,
    ),
    at_most=st.one_of(st.none(), st.integers(0, 2)),
)
def test_any_rule_on_a_section_loads_or_is_a_config_error_and_never_crashes_a_check(
    tmp_path_factory: object, of: str, require: list[str], where: dict[str, object], at_most: int | None
) -> None:
    entry = {"code": "ABC1", "name": "probe", "summary": "s", "of": of, "where": where, "require": require}
    if at_most is not None:
        entry["at_most"] = at_most
    path = Path(tmp_path_factory.mktemp("r")) / "r.yaml"  # type: ignore[attr-defined]
    path.write_text(
        "orgmodel-ruleset: 1\ncustom: " + json.dumps([entry], ensure_ascii=False) + "\n", encoding="utf-8"
    )
    try:
        ruleset = load_ruleset(path)
    except ConfigError as error:
        assert error.diagnostics and all(d.code == "OM008" for d in error.diagnostics)
        return
    checked = check_text(MODEL, ruleset=ruleset)
    assert not [d for d in checked.diagnostics if d.code == "OM009"]
