"""orgmodel stats on a small model with a leader in every span bucket (tests/fixtures/stats/buckets.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgmodel
from conftest import FIXTURES
from orgmodel.cli import app
from orgmodel.stats.result import Bucket, Group, ModelStats, Summary

BUCKETS = FIXTURES / "stats" / "buckets.yaml"


@pytest.fixture(scope="module")
def small() -> ModelStats:
    return orgmodel.model_stats(BUCKETS)


def test_every_bucket_holds_one_leader_by_span(small: ModelStats) -> None:
    # spans (unit leaders + staff): tildeling 0, bib 1, top 3, helse 5, hj-nord 11, hj-sor 14, stab 66;
    # avd-natt states no staff. Units led: top 2, helse 3, hj-nord 1, stab 1, the other four 0.
    assert small.spans.buckets == (
        Bucket("0", 1, 4),
        Bucket("1", 1, 2),
        Bucket("2-3", 1, 2),
        Bucket("4-7", 1, 0),
        Bucket("8-12", 1, 0),
        Bucket("13-16", 1, 0),
        Bucket("17+", 1, 0),
    )
    assert small.spans.span_unknown == 1


def test_span_per_role_and_level(small: ModelStats) -> None:
    roles = {g.key: g for g in small.spans.by_role}
    assert list(roles) == ["top", "leaders_of_leaders", "first_line"]
    assert roles["top"].span == Summary(1, 3, 3.0, 3)
    assert roles["leaders_of_leaders"].span == Summary(1, 5, 5.0, 5)  # helse: 2 of 3 units lead people
    # hj-nord 11, hj-sor 14, tildeling 0, stab 66, bib 1 (avd-natt unknown)
    assert roles["first_line"].span == Summary(5, 0, 11.0, 66)
    assert roles["first_line"].span_unknown == 1
    levels = {g.key: g for g in small.spans.by_level}
    assert levels["2"].span == Summary(2, 5, 35.5, 66)
    assert levels["4"].span == Summary(0, None, None, None)


def test_the_leaders_outside_the_limits_are_what_span_of_control_reports(small: ModelStats) -> None:
    outside = small.spans.outside_limits
    assert outside is not None
    assert [(o.unit, o.role, o.level, o.severity) for o in outside] == [
        ("stab", "first_line", 2, "error"),
        ("bib", "first_line", 3, "warning"),
    ]
    assert outside[0].message.startswith(
        "'Stab' (stab) has a span of control of 66 (1 unit leader + 65 staff)"
    )


def test_a_ruleset_without_span_of_control_has_no_limits(tmp_path: pytest.TempPathFactory) -> None:
    ruleset = tmp_path / "off.yaml"  # type: ignore[operator]
    ruleset.write_text("orgmodel-ruleset: 1\nextends: default\nrules:\n  span-of-control: {severity: off}\n")
    assert orgmodel.model_stats(BUCKETS, ruleset=ruleset).spans.outside_limits is None


def test_the_limits_are_the_rulesets(tmp_path: Path) -> None:
    ruleset = tmp_path / "narrow.yaml"
    ruleset.write_text(
        "orgmodel-ruleset: 1\nextends: default\nrules:\n"
        "  span-of-control:\n    first_line: {warn_above: 10, max: 12}\n"
    )
    outside = orgmodel.model_stats(BUCKETS, ruleset=ruleset).spans.outside_limits
    assert outside is not None
    # hj-nord (11) is now above the ruleset's warning limit of 10, hj-sor (14) above the maximum 12
    assert [(o.unit, o.severity) for o in outside] == [
        ("hj-nord", "warning"),
        ("hj-sor", "error"),
        ("stab", "error"),
        ("bib", "warning"),
    ]


def test_people_never_count_a_missing_staff_as_zero(small: ModelStats) -> None:
    # the iks and nothing below it is outside; 8 units remain
    assert (small.units, small.outside, small.staff_missing) == (8, 1, 1)
    assert small.levels == (
        Group("1", "1", 1, 2, 0),  # top: 1 + 1
        Group("2", "2", 2, 69, 0),  # helse 1 + 2, stab 1 + 65
        Group("3", "3", 4, 29, 0),  # hj-nord 11, hj-sor 15, tildeling 1, bib 2
        Group("4", "4", 1, 1, 1),  # avd-natt: its leader, staff not stated
    )
    assert small.direktor_areas == (
        Group("(top)", "(top)", 1, 2, 0),
        Group("helse", "*Helse*", 5, 31, 1),
        Group("stab", "Stab", 2, 68, 0),
    )


def test_roles_and_the_service_share(small: ModelStats) -> None:
    # avd-natt has no role and takes hj-nord's (provider); top and helse state none
    assert [(g.key, g.units) for g in small.roles] == [
        ("not stated", 2),
        ("provider", 4),
        ("authority", 1),
        ("staff", 1),
    ]
    assert (small.share.service_units, small.share.staff_support_units) == (5, 1)
    assert small.share.unit_share == pytest.approx(5 / 6)
    assert small.share.people_share is None  # avd-natt's staff is not stated


def test_coverage_hubs_and_personas(small: ModelStats) -> None:
    cells = {(c.kommunedel, c.service): (c.availability, c.units) for c in small.coverage.cells}
    assert cells == {
        ("nord", "hjemmetjenester"): ("local", ("hj-nord",)),
        ("nord", "bibliotek"): ("local", ("bib",)),
        ("nord", "fysio"): ("none", ()),
        ("sor", "hjemmetjenester"): ("local", ("hj-sor",)),
        ("sor", "bibliotek"): ("elsewhere", ("bib",)),
        ("sor", "fysio"): ("none", ()),
        ("vest", "hjemmetjenester"): ("elsewhere", ("hj-nord", "hj-sor")),
        ("vest", "bibliotek"): ("elsewhere", ("bib",)),
        ("vest", "fysio"): ("none", ()),
    }
    assert [(h.kommunedel, h.site.id, [u.id for u in h.units]) for h in small.hubs] == [
        ("nord", "hub-nord", ["hj-nord", "bib"]),
        ("sor", "hub-sor", ["hj-sor"]),
    ]
    assert small.without_hub == ("vest",)
    assert [(g.key, g.units) for g in small.kommunedeler] == [
        ("nord", 3),
        ("sor", 1),
        ("vest", 0),
        ("central", 4),
    ]
    (ola,) = small.personas
    assert (ola.contacts, ola.saksbehandlere) == (("hj-sor", "tildeling", "bib"), ("tildeling",))


def test_graph_measures_count_the_iks_as_its_own_part(small: ModelStats) -> None:
    assert (small.graph.depth, small.graph.components, small.graph.professional_lines) == (3, 2, 0)


def test_names_are_escaped_per_medium() -> None:
    runner = CliRunner()
    csv_out = runner.invoke(app, ["stats", "--format", "csv", str(BUCKETS)]).stdout
    assert 'hubs,nord,co-located units,"hj-nord, bib"\n' in csv_out
    assert "hubs,sor,name,'=Sørhuset\n" in csv_out  # a spreadsheet shows it as text, not a formula
    assert "outside-limits,bib,name,'=Bibliotek+1\n" in csv_out
    assert ",=" not in csv_out and ",+" not in csv_out and ",@" not in csv_out
    markdown = runner.invoke(app, ["stats", "--format", "markdown", str(BUCKETS)]).stdout
    assert "| helse | \\*Helse\\* | 5 | 31 | 1 |" in markdown


def test_a_control_character_in_a_name_is_shown_escaped(tmp_path: pytest.TempPathFactory) -> None:
    model = tmp_path / "m.yaml"  # type: ignore[operator]
    text = BUCKETS.read_text(encoding="utf-8").replace('name: "*Helse*"', 'name: "He\\x1b[31mlse"')
    model.write_text(text, encoding="utf-8")
    for fmt in ("text", "markdown", "csv", "json"):
        out = CliRunner().invoke(app, ["stats", "--format", fmt, str(model)]).stdout
        assert "\x1b" not in out


def test_a_span_finding_suppressed_in_the_model_is_listed_as_suppressed(tmp_path: Path) -> None:
    text = BUCKETS.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "id: stab" in x)
    indent = line[: len(line) - len(line.lstrip())]
    why = f"{indent}# orgmodel: ignore[span-of-control] vedtatt i kommunestyret (sak 12/26)\n"
    model = tmp_path / "buckets.yaml"
    model.write_text(text.replace(line + "\n", why + line + "\n", 1), encoding="utf-8")
    outside = orgmodel.model_stats(model).spans.outside_limits
    assert outside is not None
    assert [(o.unit, o.severity, o.suppressed) for o in outside] == [
        ("stab", "error", True),
        ("bib", "warning", False),
    ]
    result = CliRunner().invoke(app, ["stats", str(model)])
    assert result.exit_code == 0
    assert "  error (suppressed)  'Stab' (stab) has a span of control of 66" in result.stdout


def test_the_people_of_both_sides_of_the_service_share_when_staff_is_stated(tmp_path: Path) -> None:
    model = tmp_path / "buckets.yaml"
    text = BUCKETS.read_text(encoding="utf-8")
    model.write_text(
        text.replace("leader: Avdelingsleder}", "leader: Avdelingsleder, staff: 4}", 1), encoding="utf-8"
    )
    share = orgmodel.model_stats(model).share
    served, supporting = share.service_people, share.staff_support_people
    assert served is not None and served > 0
    assert supporting == 66  # the stab: its leader and its 65 staff
    assert share.people_share == pytest.approx(served / (served + supporting))
    assert orgmodel.model_stats(BUCKETS).share.service_people is None  # avd-natt's staff is not stated


def test_units_cut_off_by_a_circle_are_said_to_be_left_out_of_the_count(tmp_path: Path) -> None:
    model = tmp_path / "circle.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: Ringby\nunits:\n"
        "  - {id: a, name: A, level: 1, parent: b, leader: L, staff: 2}\n"
        "  - {id: b, name: B, level: 2, parent: a, leader: L, staff: 3}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["stats", str(model)])
    assert "  units in the tree from the top: 0\n" in result.stdout
    assert "  units cut off from the top: 2\n" in result.stdout


def test_units_with_no_role_that_deliver_services_are_on_the_service_side(tmp_path: Path) -> None:
    # a Nordre Follo planner's schools and care units wrote no 'role:' (it is optional): 'service
    # share 21.7 %' where nearly everyone delivers services
    model = tmp_path / "roles.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: K\nservices: [{id: skole, name: Skole}]\nunits:\n"
        "  - {id: kd, name: Kommunedirektøren, level: 1, leader: K, staff: 1}\n"
        "  - {id: hr, name: HR, level: 2, parent: kd, leader: L, role: support, staff: 9}\n"
        "  - {id: s, name: Skolen, level: 2, parent: kd, leader: R, staff: 35, delivers: [skole]}\n"
        "  - {id: sfo, name: SFO, level: 3, parent: s, leader: A, staff: 8}\n",
        encoding="utf-8",
    )
    share = orgmodel.model_stats(model).share
    assert (share.service_units, share.staff_support_units, share.not_stated) == (2, 1, 1)  # kd on neither
    assert (share.service_people, share.staff_support_people) == (45, 10)
