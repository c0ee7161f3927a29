"""[tool.orgmodel] in pyproject.toml and its errors; --config, --isolated; --show-settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_check_config import municipal_repository, run, write

from orgmodel.api import check_paths
from orgmodel.config import load_config
from orgmodel.diagnostic import ConfigError


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return municipal_repository(tmp_path, monkeypatch)


PYPROJECT = """[project]
name = "kommune"

[tool.orgmodel]
paths = ["models"]
fail-on = "error"

[tool.orgmodel.per-file-ignores]
"stor.yaml" = ["span-of-control"]
"""


def test_tool_orgmodel_in_pyproject_is_a_configuration(repo: Path) -> None:
    write(repo, "pyproject.toml", PYPROJECT)
    assert run("check") == (0, "✓ 0 errors, 0 warnings in 2 files (9 units checked)\n", "")
    write(repo, "pyproject.toml", "[project]\nname = 'kommune'\n")  # no [tool.orgmodel]: not a configuration
    assert run("check")[0] == 2


def test_orgmodel_yaml_wins_over_pyproject_in_one_directory(repo: Path) -> None:
    write(repo, "pyproject.toml", PYPROJECT)
    write(repo, ".orgmodel.yaml", "paths: [models/utkast.yaml]\n")
    assert run("check")[1] == "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PYPROJECT.replace("fail-on", "failon"),
            [
                "pyproject.toml:6:1: OM008 config [error] unknown key 'failon' in pyproject.toml",
                "       = hint: did you mean 'fail-on'?",
                "orgmodel: pyproject.toml is invalid",
            ],
        ),
        (
            PYPROJECT.replace('"error"', '"errors"'),
            [
                "pyproject.toml:6:11: OM008 config [error] fail-on: expected 'error', 'warning' or 'info', "
                "got 'errors'",
            ],
        ),
        (
            PYPROJECT.replace('["span-of-control"]', '["span-of-controll"]'),
            [
                "pyproject.toml:9:16: OM008 config [error] per-file-ignores.stor.yaml[0]: 'span-of-controll' "
                "matches no rule code, prefix or name; did you mean 'span-of-control'?",
                "orgmodel: pyproject.toml selects rules that do not exist",
            ],
        ),
        (
            '[tool.orgmodel]\npaths = ["models"]\nselect = [\n  "OM1",  # structure\n  "nosuch-rule",\n]\n',
            [
                "pyproject.toml:5:3: OM008 config [error] select[1]: 'nosuch-rule' matches no rule code, "
                "prefix or name",
                "orgmodel: pyproject.toml selects rules that do not exist",
            ],
        ),
        (
            "[tool.orgmodel\npaths = 1\n",
            [
                "pyproject.toml:1:15: OM008 config [error] not valid TOML: "
                "Expected ']' at the end of a table declaration",
                "orgmodel: the configuration file pyproject.toml is not valid TOML",
            ],
        ),
        (
            "[tool]\norgmodel = 1\n",
            [
                "pyproject.toml:1:1: OM008 config [error] the settings are a table of 'key = value' lines",
                '       = hint: e.g. paths = ["models"]',
            ],
        ),
    ],
    ids=["unknown-key", "bad-value", "bad-selector", "an item of a list", "not-toml", "not-a-table"],
)
def test_an_error_in_pyproject_is_reported_at_its_line_and_column(
    repo: Path, text: str, expected: list[str]
) -> None:
    write(repo, "pyproject.toml", text)
    code, out, err = run("check")
    assert (code, out) == (2, "")
    assert err.splitlines()[: len(expected)] == expected


def test_both_spellings_of_fail_on_and_a_configuration_without_paths_say_so(repo: Path) -> None:
    write(
        repo, "pyproject.toml", PYPROJECT.replace('fail-on = "error"', 'fail-on = "error"\nfail_on = "info"')
    )
    code, out, err = run("check")
    assert (code, out) == (2, "")
    assert err.splitlines()[:2] == [
        "pyproject.toml:7:1: OM008 config [error] pyproject.toml sets 'fail-on' twice, as 'fail-on' "
        "and 'fail_on'",
        "       = hint: keep one of them",
    ]
    write(repo, "pyproject.toml", PYPROJECT.replace('paths = ["models"]\n', ""))
    assert run("check") == (
        2,
        "",
        "orgmodel: no paths given, and pyproject.toml has no 'paths:'; try 'orgmodel check models/'\n",
    )
    write(repo, "ci/x.toml", 'select = ["nosuch"]\n')  # its own mistakes come before the missing paths
    code, _out, err = run("check", "--config", "ci/x.toml")
    assert code == 2 and err.startswith("ci/x.toml:1:11: OM008 config [error] select[0]: 'nosuch' matches")


def test_config_names_the_file_and_isolated_ignores_every_file(repo: Path) -> None:
    write(repo, ".orgmodel.yaml", "paths: [models]\nignore: [OM120]\n")
    write(repo, "ci/strict.yaml", "paths: [../models]\n")
    assert run("check")[0] == 0
    assert run("check", "--config", "ci/strict.yaml")[0] == 1
    assert run("check", "--isolated", "models")[0] == 1
    assert run("check", "--isolated") == (
        2,
        "",
        "orgmodel: no paths given and no .orgmodel.yaml with 'paths:' found; try 'orgmodel check models/'\n",
    )
    write(repo, "ci/pyproject.toml", PYPROJECT.replace('"models"', '"../models"'))
    assert run("check", "--config", "ci/pyproject.toml")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--config", "nowhere.yaml"), "--config nowhere.yaml: no such file"),
        (("--config", "models"), "--config models: not a file"),
        (
            ("--config", ".orgmodel.yaml", "--isolated"),
            "--config and --isolated contradict each other: give one of them",
        ),
        (("--config", "pyproject.toml"), "--config pyproject.toml: the file has no [tool.orgmodel] table"),
    ],
)
def test_config_mistakes_are_usage_errors(repo: Path, args: tuple[str, ...], message: str) -> None:
    write(repo, ".orgmodel.yaml", "paths: [models]\n")
    write(repo, "pyproject.toml", "[project]\nname = 'kommune'\n")
    assert run("check", *args) == (2, "", f"orgmodel: {message}\n")


def test_show_settings_prints_what_a_check_would_use(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = [
        "ruleset: rules/kommune.yaml",
        "paths: [models]",
        "ignore: [OM150]",
        "extend-exclude: [stor.yaml]",
        "per-file-ignores: {'utkast.yaml': [OM120]}",
        "jobs: 2",
    ]
    write(repo, ".orgmodel.yaml", "\n".join(settings) + "\n")
    code, out, err = run(
        "check", "--show-settings", "--select", "OM1", "--extend-select", "OM210", "--fail-on", "info"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "config file:       .orgmodel.yaml",
        "ruleset:           rules/kommune.yaml",
        "ruleset chain:     default (shipped), rules/kommune.yaml",
        "select:            OM1",
        "select (config):   -",
        "extend-select:     OM210",
        "ignore:            -",
        "ignore (config):   OM150",
        "fail-on:           info",
        "jobs:              2 (config)",
        "cache:             off (ORGMODEL_NO_CACHE)",  # as in every test
        "exclude:           .*, node_modules/, stor.yaml",
        "per-file-ignores:  utkast.yaml: OM120",
        "paths:             models",
        "files (1):",
        "  models/utkast.yaml",
        "skipped (1):",
        "  models/stor.yaml: excluded",
    ]
    monkeypatch.delenv("ORGMODEL_NO_CACHE")
    shown = {
        args: run("check", "--show-settings", *args)[1].splitlines()[9:11]
        for args in [(), ("-j", "3", "--no-cache")]
    }
    assert shown == {
        (): ["jobs:              2 (config)", "cache:             .orgmodel_cache"],
        ("-j", "3", "--no-cache"): ["jobs:              3 (--jobs)", "cache:             off (--no-cache)"],
    }
    write(repo, ".orgmodel.yaml", "paths: [models]\ncache: false\n")
    assert run("check", "--show-settings")[1].splitlines()[9:11] == [
        "jobs:              one per core",
        "cache:             off (config)",
    ]


def test_show_settings_reports_a_configuration_error_as_check_does(repo: Path) -> None:
    write(repo, ".orgmodel.yaml", "paths: [models]\nignore: [OM99x]\n")
    code, out, err = run("check", "--show-settings")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "orgmodel: .orgmodel.yaml selects rules that do not exist"


_TOML_KEYS = st.sampled_from(
    ["paths", "exclude", "extend-exclude", "per-file-ignores", "select", "ignore", "fail-on", '"a.b"', "x"]
)
_TOML_VALUES = st.one_of(
    st.sampled_from(['["models"]', "1", '{"x" = ["OM120"]}', '"error"', "[[1]]", "{a = 1}", '["\\\\"]']),
    st.text(max_size=8).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
_TOML_LINES = st.one_of(
    st.tuples(_TOML_KEYS, _TOML_VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.sampled_from(
        ["[tool.orgmodel]", "[tool.orgmodel.per-file-ignores]", "[[tool.orgmodel]]", "[tool]", "# c"]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_TOML_LINES, max_size=8))
@example(lines=['paths = "\x85"', 'exclude = "\x85"', "extend-exclude = 1"])  # NEL breaks no TOML line
def test_any_tool_orgmodel_table_loads_or_is_a_config_error_at_a_position(
    tmp_path: Path, lines: list[str]
) -> None:
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = write(tmp_path, "pyproject.toml", "\n".join(["[tool.orgmodel]", *lines]) + "\n")
    try:
        config = load_config(path)
        check_paths([], config=config)
    except ConfigError as error:
        for diag in error.diagnostics:
            assert diag.path.endswith("pyproject.toml")
            assert 1 <= diag.line <= len(lines) + 2
            assert diag.col >= 1
