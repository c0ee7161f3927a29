"""Mistakes in a custom: section, each at its line and column in the ruleset file, with a did-you-mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.ruleset import display_path, load_ruleset

from .helpers import HEAD, config_errors, write_ruleset

RULE = "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n"  # lines 3-6; the next key is on line 7


def test_a_misspelt_key_is_an_error_at_the_key_with_the_right_one(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, RULE + "    requires: [staff >= 8]\n")
    assert config_errors(path) == [
        (
            4,
            11,
            "custom[0] (ABC1): the rule has neither 'require:' nor 'at_most:', so it can find nothing",
            "add require: [budget == true], for example",
        ),
        (
            7,
            5,
            "custom[0] (ABC1).requires: has no key 'requires' (a custom rule's keys: code, name, summary, "
            "description, severity, of, where, require, at_most, required, message, hint, examples)",
            "did you mean 'require'?",
        ),
    ]


@pytest.mark.parametrize(
    ("line", "col", "message", "hint"),
    [
        (
            "    where: {knd: skole}\n",
            13,
            "custom[0] (ABC1).where.knd: has no option 'knd' (its options: kind, role, level, "
            "id, name, under, delivers, decides, delivers_category, decides_category)",
            "did you mean 'kind'?",
        ),
        (
            "    where: {role: first-line}\n",
            19,
            "custom[0] (ABC1).where.role: expected 'top', 'leaders_of_leaders' or "
            "'first_line', got 'first-line'",
            "did you mean 'first_line'?",
        ),
        (
            "    severity: warn\n",
            15,
            "custom[0] (ABC1).severity: expected 'error', 'warning' or 'info', got 'warn'",
            "did you mean 'warning'?",
        ),
        (
            "    at_most: -1\n",
            14,
            "custom[0] (ABC1).at_most: expected a number at least 0, got the number -1",
            None,
        ),
        (
            "    where: {level: '3'}\n",
            20,
            "custom[0] (ABC1).where.level: expected a whole number, got '3'",
            "write the number without quotes: 3",
        ),
    ],
)
def test_a_wrong_value_is_an_error_at_the_value(
    tmp_path: Path, line: str, col: int, message: str, hint: str | None
) -> None:
    path = write_ruleset(tmp_path, RULE + "    require: [staff >= 8]\n" + line)
    assert config_errors(path) == [(8, col, message, hint)]


@pytest.mark.parametrize(
    ("condition", "message", "hint"),
    [
        ("staf >= 8", "'staf' is not a field a condition can compare", "did you mean 'staff'?"),
        ("people >= many", "'people >= many': people is compared with a whole number, got 'many'", None),
        ("budget == yes", "'budget == yes': budget is true or false", "write 'budget == true'"),
        ("kind > skole", "'kind > skole': kind is a word; compare it with == or !=", None),
        ("staff >=", "'staff >=': nothing to compare staff with", "e.g. 'staff >= 8'"),
        ("kind ==", "'kind ==': nothing to compare kind with", "e.g. 'kind == virksomhet'"),
        ("staff => 3", "'staff => 3': '=>' is no comparison", "write '>='"),
        ("people >> 8", "'people >> 8': '>>' is no comparison", "write '>'"),
        ("people ≥ 8", "'people ≥ 8': '≥' is no comparison", "write '>='"),
        ("staff <> 3", "'staff <> 3': '<>' is no comparison", "write '!='"),
        ("kind === stab", "'kind === stab': '===' is no comparison", "write '=='"),
        ("kind !== stab", "'kind !== stab': '!==' is no comparison", "write '!='"),
        ("level = 3", "'level = 3': '=' is no comparison", "write 'level == 3'"),
        (
            "people >= 8 and staff >= 2",
            "'people >= 8 and staff >= 2': one condition per item; the items of require: must all hold",
            "write each condition as its own item: [people >= 8, ...]",
        ),
        (
            "has sites knutepunkt",
            "'has sites knutepunkt': 'has' takes 'site' and an optional site kind, or a key",
            "e.g. 'has site knutepunkt' (a site of that kind), 'has site' (any site) or 'has responsibility' "
            "(a key the unit writes: responsibility, leader, description, target_group, committee, role, "
            "status, authority_level, fte, budget_nok)",
        ),
        (
            "not has responsibility",
            "'not has responsibility': write 'lacks responsibility' for 'not has responsibility'",
            None,
        ),
        (
            "has responsibilty",
            "'has responsibilty': 'has' takes 'site' and an optional site kind, or a key",
            "did you mean 'has responsibility'?",
        ),
        (
            # a tour: 'did you mean has target_group?' sent a consultant the wrong way
            "has steering_group",
            "'has steering_group': 'steering_group' is a key of projects, and this rule looks at units",
            "write 'of: projects' for a rule on projects",
        ),
        (
            "has mandate",
            "'has mandate': 'mandate' is a key of forums, and this rule looks at units",
            "write 'of: forums' for a rule on forums",
        ),
        (
            "not delivrs ppt",
            "'not delivrs ppt': 'delivrs' is not a verb a condition knows",
            "did you mean 'delivers'?",
        ),
        (
            "decides category",
            "'decides category': 'decides' takes one service id or 'category' and one category",
            "e.g. 'decides barnevern' (a service id) or 'decides category helse-og-omsorg'",
        ),
        (
            "budgett",
            "'budgett' is not a condition: no comparison (==, !=, <, <=, >, >=) and no verb",
            "did you mean 'budget'?",
        ),
    ],
)
def test_a_condition_that_does_not_parse_is_an_error_at_its_line(
    tmp_path: Path, condition: str, message: str, hint: str | None
) -> None:
    path = write_ruleset(tmp_path, RULE + f"    require:\n      - budget == true\n      - {condition}\n")
    # at the word at fault when there is one (the value, the verb or the field), else at the condition
    col = 9 + WORD_AT.get(condition, 0)
    assert config_errors(path) == [(9, col, f"custom[0] (ABC1).require[1]: {message}", hint)]


WORD_AT = {
    "people >= many": 10,
    "budget == yes": 10,
    "not delivrs ppt": 4,
    "has responsibilty": 4,
    "has steering_group": 4,
    "has mandate": 4,
    "staff => 3": 6,
    "people >> 8": 7,
    "people ≥ 8": 7,
    "staff <> 3": 6,
    "kind === stab": 5,
    "kind !== stab": 5,
    "level = 3": 6,
    "people >= 8 and staff >= 2": 10,
}


def test_the_word_at_fault_inside_a_quoted_condition(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, RULE + "    require: ['staff >= 8', \"people > eight\"]\n")
    assert config_errors(path) == [
        (
            7,
            39,
            "custom[0] (ABC1).require[1]: 'people > eight': people is compared with a whole number, "
            "got 'eight'",
            None,
        )
    ]
    escaped = write_ruleset(tmp_path, RULE + '    require: ["peop\\x6ce > eight"]\n', name="e.yaml")
    assert config_errors(escaped)[0][:2] == (7, 15)  # an escape: the condition, not a guessed column


def test_an_unknown_placeholder_is_an_error_at_the_message(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        RULE + "    require: [staff >= 8]\n    message: '{unit.nam} has {value}'\n    hint: '{value:>3}'\n",
    )
    assert config_errors(path) == [
        (8, 14, "custom[0] (ABC1).message: unknown placeholder {unit.nam}", "did you mean '{unit.name}'?"),
        (
            9,
            11,
            "custom[0] (ABC1).hint: '{value}' takes no format: write {value}",
            "write a literal brace twice: {{ or }}",
        ),
    ]


def test_codes_and_names_must_be_new_and_of_their_own_form(tmp_path: Path) -> None:
    body = (
        "custom:\n"
        "  - {code: OM999, name: ok-one, summary: s, require: [staff > 1]}\n"
        "  - {code: ABC1, name: span-of-control, summary: s, require: [staff > 1]}\n"
        "  - {code: ABC2, name: Not Kebab, summary: s, require: [staff > 1]}\n"
        "  - {code: abc3, name: ok-three, summary: s, require: [staff > 1]}\n"
        "  - {code: ABC1, name: ok-four, summary: s, require: [staff > 1]}\n"
        "  - {code: ABC5, name: schema, summary: s, require: [staff > 1]}\n"
    )
    path = write_ruleset(tmp_path, body)
    assert config_errors(path) == [
        (
            4,
            12,
            "custom[0].code: OM999 starts with OM, orgmodel's own prefix",
            "choose your own prefix, e.g. the kommune's initials",
        ),
        (
            5,
            24,
            "custom[1].name: span-of-control is already the rule OM120 span-of-control",
            "give the rule a name of its own",
        ),
        (
            6,
            24,
            "custom[2] (ABC2).name: a name is kebab-case: small letters, digits and '-'",
            "e.g. oppvekst-robust-virksomhet",
        ),
        (
            7,
            12,
            "custom[3] (abc3).code: a code is capital letters then digits, e.g. OPP001",
            "choose your own prefix: OM is orgmodel's",
        ),
        (
            8,
            12,
            f"custom[4].code: ABC1 is already the custom rule ABC1 span-of-control ({display_path(path)}:5)",
            "give the rule a code of its own",
        ),
        (
            9,
            24,
            "custom[5].name: schema is already the built-in check OM010 schema",
            "give the rule a name of its own",
        ),
    ]


def test_a_code_taken_by_the_ruleset_it_extends_is_an_error_naming_where(tmp_path: Path) -> None:
    base = write_ruleset(tmp_path, RULE + "    require: [staff >= 8]\n", name="base.yaml")
    child = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: other, summary: s, require: [staff > 1]}\n",
        name="child.yaml",
        head="orgmodel-ruleset: 1\nextends: base.yaml\n",
    )
    assert config_errors(child) == [
        (
            4,
            12,
            f"custom[0].code: ABC1 is already the custom rule ABC1 probe ({display_path(base)}:4)",
            "give the rule a code of its own",
        )
    ]


def test_the_shapes_of_the_section(tmp_path: Path) -> None:
    path = write_ruleset(tmp_path, "custom: {code: ABC1}\n")
    assert config_errors(path) == [
        (
            3,
            9,
            "custom: expected a list of rules, got a mapping",
            "each rule is an entry starting with '- code: ...'",
        )
    ]
    path = write_ruleset(tmp_path, "custom:\n  - ABC1\n")
    assert config_errors(path) == [
        (4, 5, "custom[0]: expected a rule (code, name, summary, ...), got 'ABC1'", None)
    ]


def test_a_misspelt_example_key(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        RULE
        + "    require: [staff >= 8]\n    examples:\n      pass: [{modell: 'units: []'}]\n      fial: []\n",
    )
    assert config_errors(path) == [
        (
            9,
            15,
            "custom[0] (ABC1).examples.pass[0].modell: has no option 'modell' (its options: model, line)",
            "did you mean 'model'?",
        ),
        (
            10,
            7,
            "custom[0] (ABC1).examples.fial: has no option 'fial' (its options: pass, fail)",
            "did you mean 'fail'?",
        ),
    ]


def test_rules_sets_the_severity_of_a_custom_rule_here_and_in_a_ruleset_extending_it(tmp_path: Path) -> None:
    base = write_ruleset(
        tmp_path,
        RULE + "    severity: warning\n    require: [staff >= 8]\nrules:\n  probe: {severity: info}\n",
        name="base.yaml",
    )
    assert load_ruleset(base).settings["ABC1"].severity.value == "info"  # type: ignore[union-attr]
    child = write_ruleset(
        tmp_path,
        "rules:\n  ABC1: {severity: off}\n  prob: {severity: error}\n",
        name="child.yaml",
        head="orgmodel-ruleset: 1\nextends: base.yaml\n",
    )
    assert config_errors(child) == [(5, 3, "no rule is called 'prob'", "did you mean 'probe'?")]
    child.write_text(
        "orgmodel-ruleset: 1\nextends: base.yaml\nrules:\n  ABC1: {severity: off}\n", encoding="utf-8"
    )
    ruleset = load_ruleset(child)
    assert ruleset.settings["ABC1"].severity is None
    assert [r.code for r in ruleset.instances() if r.code == "ABC1"] == []
    assert HEAD.startswith("orgmodel-ruleset: 1")


def test_setting_a_custom_rule_that_did_not_load_adds_no_second_error(tmp_path: Path) -> None:
    # one cause, one finding: the declaration's own error, not also "no rule has the code"
    path = write_ruleset(
        tmp_path,
        RULE + "    severity: critical\n    require: [staff >= 8]\nrules:\n  ABC1: {severity: error}\n"
        "  probe: {severity: info}\n",
    )
    ((_line, _col, message, _hint),) = config_errors(path)
    assert message.endswith("severity: expected 'error', 'warning' or 'info', got 'critical'")
