"""The public Python API (orgmodel.api, re-exported from orgmodel): typed results, as the CLI gets them."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import orgmodel
from conftest import FIXTURES, ROOT
from orgmodel.diagnostic import Severity

CYCLE = FIXTURES / "invalid" / "cycle.yaml"
OLD = FIXTURES / "diff" / "old.yaml"
NEW = FIXTURES / "diff" / "new.yaml"
DRAMMEN = ROOT / "models" / "drammen-2020.yaml"


def test_check_paths_gives_each_file_as_a_checked_model() -> None:
    report = orgmodel.check_paths([FIXTURES / "invalid"], ruleset="default")
    by_file = {Path(f.path).name: f for f in report.files}
    cycle = by_file["cycle.yaml"]
    assert isinstance(cycle, orgmodel.CheckedModel)
    assert [(d.line, d.col, d.code) for d in cycle.diagnostics] == [(18, 13, "OM102")]
    assert not by_file["broken-yaml.yaml"].rules_run and by_file["broken-yaml.yaml"].model is None
    assert report.fails(Severity.ERROR)


def test_check_text_finds_at_the_cause_and_keeps_the_graph() -> None:
    checked = orgmodel.check_text(CYCLE.read_text(encoding="utf-8"), name="cycle.yaml", select=["OM102"])
    assert [(d.path, d.line, d.col, d.code) for d in checked.diagnostics] == [("cycle.yaml", 18, 13, "OM102")]
    assert checked.graph.personnel_cycles == [["v1", "v2"]]


def test_check_text_accepts_bytes_and_a_ruleset_object() -> None:
    ruleset = orgmodel.load_ruleset("default")
    checked = orgmodel.check_text(CYCLE.read_bytes(), ruleset=ruleset, ignore=["personnel-cycle"])
    assert "OM102" not in {d.code for d in checked.diagnostics} and checked.rules_run


def test_a_selector_that_matches_nothing_is_a_config_error() -> None:
    with pytest.raises(orgmodel.ConfigError, match="'OM999' matches no rule code"):
        orgmodel.check_text("orgmodel: 1\n", select=["OM999"])
    with pytest.raises(orgmodel.ConfigError, match="does not exist"):
        orgmodel.check_paths([CYCLE], ruleset="no-such-ruleset")


def test_compare_two_files_as_the_command_does() -> None:
    report = orgmodel.compare(OLD, NEW, ruleset="default")
    assert isinstance(report, orgmodel.DiffReport) and not report.problems
    kinds = {c.kind for c in report.changes}
    assert {"unit-moved", "persona-decider-changed", "service-uncovered"} <= kinds
    assert any(c.kind.startswith("finding-") for c in report.changes)


def test_compare_checked_reuses_what_the_check_built() -> None:
    old, new = (
        orgmodel.check_text(OLD.read_bytes(), name="old"),
        orgmodel.check_text(NEW.read_bytes(), name="new"),
    )
    graphs = (old.graph, new.graph)
    result = orgmodel.compare_checked(old, new)
    assert isinstance(result, orgmodel.DiffResult) and (result.old_name, result.new_name) == ("old", "new")
    assert (old.graph, new.graph) == graphs and result.findings is not None
    assert {c.id for c in result.changes} == {c.id for c in orgmodel.compare(OLD, NEW).changes}


def test_compare_checked_refuses_a_file_that_did_not_load() -> None:
    broken = orgmodel.check_text("units: [\n", name="broken.yaml")
    with pytest.raises(orgmodel.ConfigError, match=r"broken\.yaml did not load into a model"):
        orgmodel.compare_checked(broken, broken)


def test_trace_a_persona() -> None:
    run = orgmodel.trace_paths("kari", [DRAMMEN])
    assert isinstance(run, orgmodel.TraceRun) and [p for p, _ in run.journeys] == [str(DRAMMEN)]
    journey = run.journeys[0][1]
    assert journey.kommunedel is not None and journey.kommunedel.id == "kd5"
    assert [s.service for s in journey.steps] == [
        "hjemmetjenester",
        "dagsenter",
        "fysio-ergo-voksne",
        "hjelpemidler",
    ]


def test_rules_lists_rules_then_built_in_checks() -> None:
    found = orgmodel.list_rules()
    kinds = [r.kind for r in found]
    assert kinds == sorted(kinds, key=["rule", "check"].index) and "check" in kinds
    by_code = {r.code: r for r in found}
    assert by_code["OM102"].name == "personnel-cycle" and by_code["OM102"].kind == "rule"
    assert by_code["OM001"].kind == "check" and by_code["OM001"].severity is Severity.ERROR
    assert all(r.summary for r in found)


def test_list_rules_gives_the_severities_a_ruleset_sets_as_orgmodel_rules_shows_them(tmp_path: Path) -> None:
    ruleset = tmp_path / "strict.yaml"
    ruleset.write_text(
        "orgmodel-ruleset: 1\nrules:\n  level-skip: {severity: off}\n  robust-units: {severity: error}\n",
        encoding="utf-8",
    )
    found = {r.code: r for r in orgmodel.list_rules(ruleset)}
    assert (found["OM111"].enabled, found["OM111"].severity) == (False, Severity.WARNING)  # its default
    assert (found["OM150"].enabled, found["OM150"].severity) == (True, Severity.ERROR)
    default = {r.code: r for r in orgmodel.list_rules()}
    assert (default["OM150"].enabled, default["OM150"].severity) == (True, Severity.WARNING)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'chek_paths'"):
        orgmodel.chek_paths  # type: ignore[attr-defined]  # noqa: B018


def test_importing_orgmodel_is_light_and_checking_imports_no_diff_tracer_or_networkx() -> None:
    code = (
        "import sys, orgmodel\n"
        "light = sorted(m for m in sys.modules if m.startswith('orgmodel.'))\n"
        "orgmodel.check_paths(['models/'])\n"
        "heavy = ('orgmodel.diff', 'orgmodel.trace', 'networkx', 'orgmodel.cli')\n"
        "print(light, [m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] []"


def test_the_package_is_typed() -> None:
    assert (Path(orgmodel.__file__).parent / "py.typed").is_file()


def test_to_networkx_holds_units_and_both_kinds_of_line() -> None:
    import networkx as nx

    checked = orgmodel.check_text(DRAMMEN.read_bytes())
    graph = checked.graph
    full = graph.to_networkx()
    assert set(full.nodes) == set(graph.units)
    personnel = [(a, b) for a, b, line in full.edges(data="line") if line == "personnel"]
    professional = [(a, b) for a, b, line in full.edges(data="line") if line == "professional"]
    assert len(personnel) == sum(len(kids) for kids in graph.children.values())
    assert sorted(professional) == sorted(graph.professional_edges) and professional
    tree = graph.to_networkx(professional=False)
    assert tree.number_of_edges() == len(personnel) and nx.is_arborescence(tree)
    assert nx.dag_longest_path_length(tree) == max(graph.depth.values())
    top = graph.roots[0]
    assert (
        full.nodes[top]["name"] == graph.units[top].name
        and full.nodes[top]["level"] == graph.units[top].level
    )


def test_no_public_name_is_shadowed_by_a_module_of_the_package() -> None:
    import importlib

    for module in ("orgmodel.rules", "orgmodel.trace", "orgmodel.diff", "orgmodel.engine"):
        importlib.import_module(module)
    for name in orgmodel.__all__:
        assert not isinstance(getattr(orgmodel, name), type(orgmodel)), name


def test_the_readme_python_example_prints_what_the_readme_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib
    import io
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"<!-- readme-python -->\n```python\n(.*?)```\n.*?```text\n(.*?)```", readme, re.S)
    assert len(found) == 1, "the README's 'Use from Python' example is missing or not marked"
    code, shown = found[0]
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    assert printed.getvalue() == shown


def test_one_path_or_name_is_one_not_its_characters() -> None:
    # a plain string where a list is expected: the path, never '/', 'w', 'o' ... one by one
    models = str(ROOT / "models" / "drammen-2020.yaml")
    report = orgmodel.check_paths(models, select="OM101")
    assert [f.path for f in report.files] == [models]
    assert report.files[0].rules_run
    assert [f.path for f in orgmodel.check_paths(Path(models)).files] == [models]
    small = (FIXTURES / "models" / "small.yaml").read_text(encoding="utf-8")
    assert orgmodel.check_text(small, select="single-root").diagnostics == []
    with pytest.raises(TypeError, match="not int"):
        orgmodel.check_paths(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="as str or bytes, not NoneType"):
        orgmodel.check_text(None)  # type: ignore[arg-type]


def test_the_package_exports_what_the_api_exports() -> None:
    import orgmodel.api

    assert sorted(orgmodel.__all__) == sorted([*orgmodel.api.__all__, "__version__"])
    assert all(getattr(orgmodel, name) is not None for name in orgmodel.__all__)


def test_a_persona_that_is_not_there_and_a_format_that_is_none_say_so() -> None:
    checked = orgmodel.check_paths([ROOT / "models" / "drammen-2020.yaml"]).files[0]
    with pytest.raises(
        orgmodel.PersonaNotFound, match=r"^no persona has the id 'kar'; did you mean 'kari'\?$"
    ):
        checked.journeys.by_id("kar")
    with pytest.raises(
        orgmodel.ConfigError, match="'xyz' is no graph format; formats: graphml, gexf, json-graph"
    ):
        orgmodel.export_graph(ROOT / "models" / "drammen-2020.yaml", "xyz", io.BytesIO())  # type: ignore[arg-type]


def test_load_config_finds_the_configuration_the_command_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # check_paths(config=...) needed orgmodel.config.load_config (a Path only) and a private finder
    (tmp_path / ".git").mkdir()
    (tmp_path / ".orgmodel.yaml").write_text("ruleset: drammen-2020\nignore: [OM120]\n", encoding="utf-8")
    (tmp_path / "models").mkdir()
    monkeypatch.chdir(tmp_path / "models")
    found = orgmodel.load_config()
    assert found.path is not None and found.path.name == ".orgmodel.yaml"
    assert orgmodel.load_config(str(tmp_path / ".orgmodel.yaml")).ignore == found.ignore == ["OM120"]
    report = orgmodel.check_paths(str(ROOT / "models" / "drammen-2020.yaml"), config=found)
    assert report.ruleset.path.endswith("drammen-2020.yaml")
    assert not any(d.code == "OM120" for f in report.files for d in f.diagnostics)
    monkeypatch.chdir(tmp_path.parent)
    assert orgmodel.load_config().path is None  # none above: the empty configuration


def test_the_types_in_public_results_are_public() -> None:
    for name in ("Change", "Config", "Document", "FileDiff", "Journey", "RuleTest"):
        assert isinstance(getattr(orgmodel, name), type), name


def test_a_report_and_its_parts_show_a_line_in_a_repl_not_the_whole_model() -> None:
    report = orgmodel.check_paths([DRAMMEN], ruleset="drammen-2020")
    checked = report.files[0]
    errors = report.count(Severity.ERROR)
    assert repr(report) == (
        f"<Report of 1 file by {report.ruleset.path}: {errors} errors, "
        f"{report.count(Severity.WARNING)} warnings, {report.count(Severity.INFO)} info>"
    )
    assert repr(checked).startswith(f"<CheckedModel {checked.path}: {checked.units} units, ")
    lines = len(DRAMMEN.read_text(encoding="utf-8").splitlines())
    assert repr(checked.document) == f"<Document {checked.path}: {lines} lines, 0 problems>"
    settings = report.ruleset.settings
    on = sum(1 for s in settings.values() if s.severity is not None)
    assert repr(report.ruleset) == f"<Ruleset {report.ruleset.path}: {on} of {len(settings)} rules on>"
    broken = orgmodel.check_text("orgmodel: 1\nkommune: X\nunits: [}\n", name="x.yaml")
    assert repr(broken) == "<CheckedModel x.yaml: not loaded, 1 error, 0 warnings, 0 info>"


def test_tracing_a_persona_no_file_has_gives_the_ids_they_have_and_the_closest() -> None:
    run = orgmodel.trace_paths("kar", [DRAMMEN])
    assert run.journeys == [] and run.broken == []
    assert "kari" in run.known and run.suggestion == "kari"
    assert [journey.name for _path, journey in orgmodel.trace_paths("kari", [DRAMMEN]).journeys] == [
        "Kari, 84, bor hjemme med demens"
    ]


def test_a_rule_that_waits_for_a_decision_says_so_until_a_ruleset_makes_it(tmp_path: Path) -> None:
    default = {r.name: r for r in orgmodel.list_rules("default")}
    assert default["co-location"].waits_for == ("pairs",) and default["max-levels"].waits_for == ()
    drammen = {r.name: r for r in orgmodel.list_rules("drammen-2020")}
    assert drammen["co-location"].waits_for == ()  # the seed's pairs (p. 25, 27)
    assert {r.name: r for r in orgmodel.list_rules()}["staff-units"].waits_for == ("max",)
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules:\n  staff-units: {max: 2}\n", encoding="utf-8")
    assert {r.name: r for r in orgmodel.list_rules(ruleset)}["staff-units"].waits_for == ()
