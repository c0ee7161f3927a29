"""Custom rules ``of:`` forums, projects, agreements, committees, positions and collaborations.

Each section's selectors and conditions, with every finding at its exact line and column: the key
that was compared, or the item's id (a collaboration's ``between``) when the item does not write it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.api import check_text

from .helpers import findings, messages, write_ruleset

MODEL = """orgmodel: 1
kommune: Testby
units:
  - {id: top, name: Rådmann, level: 1, committee: hu-a}
  - {id: ks-a, name: Oppvekst, level: 2, parent: top, committee: hu-a}
  - {id: skole, name: Skole, level: 3, parent: ks-a}
committees:
  - {id: hu-a, name: Hovedutvalg A}
  - {id: hu-b, name: Hovedutvalg B}
positions:
  - {id: htv, title: Hovedtillitsvalgt, unit: top, fte: 0.5}
  - {id: fa, title: Fagansvarlig lesing, unit: skole, personnel: false, professional_to: ks-a}
forums:
  - {id: lt, name: Lederteam, kind: lederteam, chair: top, members: [ks-a], \
frequency: {times: 1, per: week}, mandate: M}
  - {id: lg-a, name: Ledergruppe A, kind: ledergruppe, chair: ks-a, members: [skole, fa], \
frequency: {times: 4, per: year}}
  - {id: ft, name: Fagteam, kind: fagteam, chair: fa}
collaborations:
  - {between: [skole, ks-a], frequency: {times: 1, per: day}, purpose: Drift}
  - {between: [top, skole]}
agreements:
  - {id: iks, kind: iks, name: Vann IKS, parties: ["3005", "3048"], host: "3005"}
  - {id: nav, kind: partnerskap, name: NAV}
projects:
  - {id: p, name: Prosjekt, owner: top, steering_group: [top, htv], parties: [employer, employees], \
ends: 2021-12-31}
  - {id: p1, name: Delprosjekt, part_of: p}
  - {id: q, name: Q, owner: ks-a, parties: [employer], ends: 2019-12-31}
"""
LINES = MODEL.splitlines()


def at(item: str, token: str) -> tuple[int, int]:
    """(line, column) of ``token`` on the line of the item with this id (a collaboration: these units)."""
    start = f"- {{between: {item}" if item.startswith("[") else f"- {{id: {item},"
    number = next(n for n, line in enumerate(LINES, 1) if line.lstrip().startswith(start))
    line = LINES[number - 1]
    return number, line.index(token, line.index(start) + 3) + 1


def rule(section: str, require: str, where: str = "{}", more: str = "") -> str:
    return (
        f"custom:\n  - {{code: ABC1, name: probe, summary: s, of: {section}, where: {where},"
        f" require: ['{require}']{more}}}\n"
    )


def found(tmp_path: Path, section: str, require: str, where: str = "{}", more: str = "") -> list[tuple]:
    path = write_ruleset(tmp_path, rule(section, require, where, more))
    return [(line, col, unit) for line, col, _code, unit in findings(path, MODEL)]


@pytest.mark.parametrize(
    ("section", "where", "selected"),
    [
        ("forums", "{}", ["lt", "lg-a", "ft"]),
        ("forums", "{kind: ledergruppe}", ["lg-a"]),
        ("forums", "{kind: [lederteam, fagteam]}", ["lt", "ft"]),
        ("forums", "{members: fa}", ["lg-a"]),
        ("forums", "{chair: 'k*'}", ["lg-a"]),
        ("forums", "{name: '*TEAM'}", ["lt", "ft"]),
        ("forums", "{id: 'l*', kind: lederteam}", ["lt"]),
        ("projects", "{owner: top}", ["p", "p1"]),  # a delprosjekt has its project's owner
        ("projects", "{part_of: p}", ["p1"]),
        ("projects", "{steering_group: htv}", ["p", "p1"]),
        ("agreements", "{kind: iks}", ["iks"]),
        ("agreements", "{parties: '3048'}", ["iks"]),
        ("agreements", "{host: '3005'}", ["iks"]),
        ("committees", "{name: '*b'}", ["hu-b"]),
        ("positions", "{personnel: false}", ["htv", "fa"]),  # not written: false, the format's default
        ("positions", "{title: 'fag*'}", ["fa"]),
        ("positions", "{unit: skole, professional_to: ks-a}", ["fa"]),
    ],
)
def test_each_selector_picks_exactly_its_items(
    tmp_path: Path, section: str, where: str, selected: list
) -> None:
    # 'lacks id' is broken by every item: one finding per selected item, at its id
    assert [unit for *_at, unit in found(tmp_path, section, "lacks id", where)] == selected


@pytest.mark.parametrize(
    ("where", "selected"),
    [
        ("{between: top}", ["skole+top"]),
        ("{purpose: DRIFT}", ["ks-a+skole"]),
        ("{}", ["ks-a+skole", "skole+top"]),
    ],
)
def test_collaborations_are_selected_by_their_units_and_purpose(
    tmp_path: Path, where: str, selected: list
) -> None:
    assert [unit for *_at, unit in found(tmp_path, "collaborations", "lacks between", where)] == selected


@pytest.mark.parametrize(
    ("section", "condition", "expected"),
    [
        # forums: a key not written breaks 'has' at the id; a comparison on it is not stated
        ("forums", "has mandate", [("lg-a", "lg-a"), ("ft", "ft")]),
        ("forums", "lacks mandate", [("lt", "M}")]),
        ("forums", "frequency >= monthly", [("lg-a", "{times: 4")]),
        ("forums", "frequency >= 2 per month", [("lg-a", "{times: 4")]),
        ("forums", "frequency <= quarterly", [("lt", "{times: 1")]),
        ("forums", "members >= 2", [("lt", "[ks-a]")]),
        ("forums", "members include fa", [("lt", "[ks-a]")]),
        ("forums", "kind == ledergruppe", [("lt", "lederteam"), ("ft", "fagteam")]),
        ("forums", "chair != top", [("lt", "top, members")]),
        ("forums", "chair == top", [("lg-a", "ks-a, members"), ("ft", "fa}")]),
        # projects: p1 has p's steering group, parties and end (a delprosjekt), and is judged on them
        ("projects", "has steering_group", [("q", "q")]),
        ("projects", "parties include employees", [("q", "[employer]")]),
        ("projects", "steering_group >= 3", [("p", "[top, htv]"), ("p1", "p1")]),
        ("projects", "ends <= 2020-12-31", [("p", "2021-12-31"), ("p1", "p1")]),
        ("projects", "owner == top", [("q", "ks-a")]),
        # agreements
        ("agreements", "has host", [("nav", "nav")]),
        ("agreements", "parties >= 3", [("iks", '["3005"')]),
        ("agreements", "kind != partnerskap", [("nav", "partnerskap")]),
        # committees: the units whose 'committee' names it
        ("committees", "units >= 1", [("hu-b", "hu-b")]),
        ("committees", "has units", [("hu-b", "hu-b")]),
        # positions: fa states no fte (not stated); its personnel is written false
        ("positions", "fte >= 1", [("htv", "0.5")]),
        ("positions", "personnel == true", [("fa", "false")]),
        ("positions", "has professional_to", [("htv", "htv")]),
        ("positions", "unit == top", [("fa", "skole")]),
        # collaborations: at 'between' when the compared key is not written (they have no id)
        ("collaborations", "has purpose", [("[top, skole]", "[top, skole]")]),
        ("collaborations", "frequency >= daily", []),  # 1 per day: 250 working days a year
        ("collaborations", "frequency > weekly", []),  # [top, skole] states no frequency
        ("collaborations", "frequency < weekly", [("[skole, ks-a]", "{times: 1")]),
        ("collaborations", "between >= 3", [("[skole, ks-a]", "[skole"), ("[top, skole]", "[top")]),
    ],
)
def test_each_condition_at_the_compared_key_or_the_id(
    tmp_path: Path, section: str, condition: str, expected: list[tuple[str, str]]
) -> None:
    assert [(line, col) for line, col, _unit in found(tmp_path, section, condition)] == [
        at(item, token) for item, token in expected
    ]


def test_required_makes_an_unstated_key_a_breach_at_the_id(tmp_path: Path) -> None:
    assert found(tmp_path, "positions", "fte >= 1", more=", required: true") == [
        (*at("htv", "0.5"), "htv"),
        (*at("fa", "fa"), "fa"),
    ]
    assert found(tmp_path, "forums", "frequency >= monthly", more=", required: true") == [
        (*at("lg-a", "{times: 4"), "lg-a"),
        (*at("ft", "ft"), "ft"),
    ]
    # a model in which no unit names a committee does not state any committee's units
    text = MODEL.replace(", committee: hu-a}", "}")
    path = write_ruleset(tmp_path, rule("committees", "units >= 1"))
    assert findings(path, text) == []


def test_default_messages_read_well_for_each_section(tmp_path: Path) -> None:
    cases = [
        ("forums", "has mandate", "{id: ft}"),
        ("projects", "parties include employees", "{}"),
        ("agreements", "has host", "{}"),
        ("committees", "units >= 1", "{}"),
        ("positions", "fte >= 1", "{}"),
        ("collaborations", "frequency < weekly", "{}"),
    ]
    shown = []
    for section, condition, where in cases:
        path = write_ruleset(tmp_path, rule(section, condition, where))
        shown += messages(path, MODEL)
    assert shown == [
        "the forum 'Fagteam' (ft) breaks 'has mandate': mandate is not stated",
        "the project 'Q' (q) breaks 'parties include employees': parties is employer",
        "the agreement 'NAV' (nav) breaks 'has host': host is not stated",
        "the committee 'Hovedutvalg B' (hu-b) breaks 'units >= 1': units is 0",
        "the position 'Hovedtillitsvalgt' (htv) breaks 'fte >= 1': fte is 0.5",
        "the collaboration between 'Skole' (skole) and 'Oppvekst' (ks-a) breaks 'frequency < weekly': "
        "frequency is once a day",
    ]


def test_every_item_placeholder_is_filled(tmp_path: Path) -> None:
    message = (
        '"{rule.code} {rule.name}: {item} | {item.id} | {item.name} | {item.kind} | {field} {value} '
        "{limit} '{condition}' {count} {{x}}\""
    )
    path = write_ruleset(
        tmp_path,
        "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n    of: forums\n    where: {id: lg-a}\n"
        f"    require: [frequency >= monthly]\n    message: {message}\n"
        "    hint: 'give {item.name} a plan'\n",
    )
    [diag] = check_text(MODEL, ruleset=path, select=["ABC1"]).diagnostics
    assert diag.message == (
        "ABC1 probe: the forum 'Ledergruppe A' (lg-a) | lg-a | Ledergruppe A | ledergruppe | frequency "
        "4 times a year monthly 'frequency >= monthly'  {x}"
    )
    assert diag.hint == "give Ledergruppe A a plan"
    path = write_ruleset(
        tmp_path, rule("positions", "fte >= 1", "{}", ", message: '{item.name}/{item.id}: {value}'")
    )
    assert messages(path, MODEL) == ["Hovedtillitsvalgt/htv: 0.5"]
    path = write_ruleset(
        tmp_path, rule("collaborations", "has purpose", "{}", ", message: '{item.name} ({item.id})'")
    )
    assert messages(path, MODEL) == ["Rådmann and Skole (skole+top)"]


def test_item_placeholders_work_on_units_too(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: probe, summary: s, where: {id: skole}, require: [has leader],"
        " message: '{item} | {item.id} | {item.name} | {item.kind} = {unit}'}\n",
    )
    assert messages(path, MODEL) == ["'Skole' (skole) | skole | Skole | not stated = 'Skole' (skole)"]


def test_the_fingerprint_is_the_rule_the_item_and_the_breach_never_the_number(tmp_path: Path) -> None:
    def one(require: str, text: str = MODEL) -> tuple[str | None, str | None, str]:
        path = write_ruleset(tmp_path, rule("forums", require, "{id: lt}"))
        [diag] = check_text(text, ruleset=path, select=["ABC1"]).diagnostics
        return diag.unit, diag.key, diag.fingerprint

    first = one("members >= 2")
    assert first[:2] == ("lt", "members>=")
    assert one("members >= 5") == first  # the rule's number changed
    assert (
        one("members >= 2", MODEL.replace("  - {id: lt,", "  # moved\n  - {id: lt,")) == first
    )  # lines moved
    often = one("frequency >= daily")
    assert often[:2] == ("lt", "frequency>=")
    assert (
        one("frequency >= 2 per week", MODEL.replace("{times: 1, per: week}", "{times: 3, per: month}"))
        == often
    )
    assert one("lacks mandate")[1] == "lacks:stated:mandate"
    path = write_ruleset(tmp_path, rule("projects", "parties include employees"))
    assert [d.key for d in check_text(MODEL, ruleset=path, select=["ABC1"]).diagnostics] == [
        "includes:parties:employees"
    ]


def test_two_collaborations_of_the_same_units_have_their_purpose_in_the_fingerprint(tmp_path: Path) -> None:
    text = MODEL.replace(
        "  - {between: [top, skole]}\n",
        "  - {between: [top, skole], purpose: Budsjett}\n"
        "  - {between: [skole, top], purpose: Rekruttering}\n",
    )
    path = write_ruleset(tmp_path, rule("collaborations", "has frequency", "{between: top}"))
    assert [d.unit for d in check_text(text, ruleset=path, select=["ABC1"]).diagnostics] == [
        "skole+top:Budsjett",
        "skole+top:Rekruttering",
    ]


def test_at_most_counts_the_items_and_points_at_the_first_beyond_the_limit(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: one-ledergruppe, summary: s, of: forums, where: {kind: [ledergruppe,"
        " lederteam]}, at_most: 1}\n",
    )
    checked = check_text(MODEL, ruleset=path, select=["ABC1"])
    assert [(d.line, d.col, d.unit, d.key, d.message) for d in checked.diagnostics] == [
        (
            *at("lg-a", "lg-a"),
            "lg-a",
            "at_most",
            "2 forums match one-ledergruppe, at most 1: the first beyond the limit is the forum "
            "'Ledergruppe A' (lg-a)",
        )
    ]
    path = write_ruleset(
        tmp_path,
        "custom:\n  - {code: ABC1, name: no-iks, summary: s, of: agreements, where: {kind: iks},"
        " at_most: 0}\n",
    )
    assert messages(path, MODEL) == [
        "1 agreement matches no-iks, at most 0: the first beyond the limit is the agreement 'Vann IKS' (iks)"
    ]


def test_a_where_value_no_item_of_the_model_has_is_a_note_at_the_ruleset_value(tmp_path: Path) -> None:
    path = write_ruleset(
        tmp_path,
        "custom:\n  - code: ABC1\n    name: probe\n    summary: s\n    of: forums\n"
        "    where: {chair: [top, ks-b], name: '*gruppe*', kind: nettverk}\n    require: [has mandate]\n",
    )
    checked = check_text(MODEL, ruleset=path, select=["ABC1"])
    assert [(d.line, d.col, d.severity.value, d.message, d.hint) for d in checked.diagnostics] == [
        (
            8,
            26,
            "info",
            "where.chair: 'ks-b' matches nothing under 'forums:' in this model; ABC1 checks nothing by it",
            "did you mean 'ks-a'? (found checking <text>)",
        ),
        (
            8,
            57,
            "info",
            "where.kind: 'nettverk' matches nothing under 'forums:' in this model; ABC1 checks nothing by it",
            "the values in this model: fagteam, ledergruppe, lederteam (found checking <text>)",
        ),
    ]
    # a model without forums describes none: nothing to match, no note
    bare = MODEL[: MODEL.index("forums:")]
    assert check_text(bare, ruleset=path, select=["ABC1"]).diagnostics == []


@pytest.mark.parametrize(
    ("ends", "condition", "reported"),
    [
        ("2021-12", "ends <= 2021-12-31", False),  # every day of December 2021 keeps it
        ("2022-01", "ends <= 2021-12-31", True),  # no day of January 2022 does
        ("2021", "ends <= 2021-06-30", False),  # some days do, some do not: not judged
        ("2021", "ends <= 2021", False),  # by the end of 2021
        ("2022-01", "ends < 2022", True),  # not before 2022
        ("2021-12-31", "ends < 2021-12", True),  # not before December 2021
        ("2022-03-01", "ends <= 2021-12", True),
    ],
)
def test_a_project_ending_in_a_month_or_year_is_judged_only_where_every_day_agrees(
    tmp_path: Path, ends: str, condition: str, reported: bool
) -> None:
    path = write_ruleset(tmp_path, rule("projects", condition, "{id: q}"))
    text = MODEL.replace("ends: 2019-12-31}", f"ends: {ends}}}")
    assert [unit for *_at, _code, unit in findings(path, text)] == (["q"] if reported else [])
    uncertain = write_ruleset(tmp_path, rule("projects", condition, "{id: q}", ", required: true"))
    judged = [unit for *_at, _code, unit in findings(uncertain, text)]
    assert judged == (["q"] if reported or (ends == "2021" and condition.endswith("06-30")) else [])


def test_a_forum_that_meets_as_needed_meets_no_times_a_year(tmp_path: Path) -> None:
    """'frequency: as-needed' (a kriseteam) has no fixed times: '>= monthly' breaks, '<= quarterly' holds."""
    model = MODEL.replace(
        "  - {id: ft, name: Fagteam, kind: fagteam, chair: fa}",
        "  - {id: ft, name: Fagteam, kind: fagteam, chair: fa, frequency: as-needed}",
    )
    assert "as-needed" in model
    path = write_ruleset(tmp_path, rule("forums", "frequency >= monthly", "{id: ft}"))
    assert messages(path, model) == [
        "the forum 'Fagteam' (ft) breaks 'frequency >= monthly': frequency is as needed"
    ]
    path = write_ruleset(tmp_path, rule("forums", "frequency <= quarterly", "{id: ft}"))
    assert messages(path, model) == []
