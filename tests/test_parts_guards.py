"""Models across files: links out of the repository, no regular file, text input, per-file-ignores, trace."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_parts import MAIN, OMSORG, SKOLE, found, write
from typer.testing import CliRunner

from orgmodel.api import check_text
from orgmodel.cli import app


def test_a_part_read_as_a_model_says_which_file_is_the_model() -> None:
    result = check_text(OMSORG, name="omsorg.yaml", ruleset="default")
    assert [(d.line, d.col, d.code, d.message, d.hint) for d in result.diagnostics] == [
        (
            1,
            1,
            "OM013",
            "this file is a part of a model (part_of: 'kommune.yaml'), not a model of its own",
            "check or diff the main file, which lists this part in its 'parts:'",
        )
    ]


def test_a_main_file_given_as_text_cannot_read_its_parts() -> None:
    result = check_text(MAIN, name="kommune.yaml", ruleset="default")
    assert [(d.line, d.col, d.code, d.message) for d in result.diagnostics] == [
        (
            5,
            9,
            "OM013",
            "parts[0]: the part 'omsorg.yaml' cannot be read: the model was not read from a file",
        ),
        (
            5,
            22,
            "OM013",
            "parts[1]: the part 'skole/skole.yaml' cannot be read: the model was not read from a file",
        ),
    ]


def test_a_part_linked_from_outside_the_repository_is_not_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    main = write(repo, {"kommune.yaml": MAIN, "omsorg.yaml": OMSORG})
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    secret = write(tmp_path / "outside", {"kommune.yaml": SKOLE}).parent / "kommune.yaml"
    (repo / "skole").mkdir()
    (repo / "skole" / "skole.yaml").symlink_to(secret)
    assert found([main]) == [
        (
            str(main),
            5,
            22,
            "OM013",
            f"parts[1]: the part 'skole/skole.yaml' cannot be read: it leads out of {repo} "
            "(through a symbolic link)",
        )
    ]


@pytest.mark.parametrize(
    ("pattern", "kept"), [("omsorg.yaml", []), ("kommune.yaml", ["omsorg.yaml:5:34: OM111"])]
)
def test_per_file_ignores_judge_a_finding_in_a_part_by_the_parts_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, kept: list[str]
) -> None:
    write(tmp_path, {"kommune.yaml": MAIN, "omsorg.yaml": OMSORG, "skole/skole.yaml": SKOLE})
    config = f"ruleset: default\nper-file-ignores:\n  {pattern}: [level-skip]\n"
    (tmp_path / ".orgmodel.yaml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "kommune.yaml", "--format", "concise"])
    assert [line.split(" [")[0] for line in result.stdout.splitlines()] == kept
    assert result.exit_code == (1 if kept else 0)


@pytest.mark.parametrize(
    ("make", "reason"),
    [(os.mkfifo, "it is not a regular file"), (os.mkdir, "it is not a regular file")],
    ids=["fifo", "directory"],
)
def test_a_part_that_is_no_regular_file_is_not_opened(tmp_path: Path, make: Any, reason: str) -> None:
    main = write(tmp_path, {"kommune.yaml": MAIN, "omsorg.yaml": OMSORG})
    (tmp_path / "skole").mkdir()
    make(tmp_path / "skole" / "skole.yaml")
    assert found([main]) == [
        (str(main), 5, 22, "OM013", f"parts[1]: the part 'skole/skole.yaml' cannot be read: {reason}")
    ]


def test_a_main_files_section_that_is_no_list_is_reported_not_replaced_by_the_parts(tmp_path: Path) -> None:
    main = write(
        tmp_path, {"kommune.yaml": MAIN.replace("units:\n  - {id: radmann", "units: 5\nx:\n  - {id: radmann")}
    )
    write(tmp_path, {"omsorg.yaml": OMSORG, "skole/skole.yaml": SKOLE})
    assert [(line, col, code, message) for _, line, col, code, message in found([main])] == [
        (3, 8, "OM010", "units: expected a list, got the number 5"),
        (4, 1, "OM011", "the file: unknown key 'x'"),
    ]


def test_trace_given_a_part_walks_the_persona_through_its_whole_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    persona = (
        "personas:\n  - {id: kari, name: Kari, needs: [omsorg]}\nservices:\n  - {id: omsorg, name: Omsorg}\n"
    )
    write(tmp_path, {"kommune.yaml": MAIN + persona, "skole/skole.yaml": SKOLE})
    write(tmp_path, {"omsorg.yaml": OMSORG.replace("leader: Leder}", "leader: Leder, delivers: [omsorg]}")})
    monkeypatch.chdir(tmp_path)
    by_part = CliRunner().invoke(app, ["trace", "kari", "omsorg.yaml", "skole/skole.yaml"])
    by_main = CliRunner().invoke(app, ["trace", "kari", "kommune.yaml"])
    assert by_part.exit_code == by_main.exit_code == 0
    assert by_part.stdout == by_main.stdout
    assert "by A (virk-a)" in by_main.stdout and by_main.stdout.count("Kari (kari)") == 1


def test_the_ci_formats_place_a_finding_in_its_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"kommune.yaml": MAIN, "omsorg.yaml": OMSORG, "skole/skole.yaml": SKOLE})
    monkeypatch.chdir(tmp_path)
    github = CliRunner().invoke(app, ["check", "kommune.yaml", "--ruleset", "default", "--format", "github"])
    assert github.stdout.startswith("::warning file=omsorg.yaml,line=5,col=34,endLine=5,endColumn=35,")
    sarif = CliRunner().invoke(app, ["check", "kommune.yaml", "--ruleset", "default", "--format", "sarif"])
    location = json.loads(sarif.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert (location["artifactLocation"]["uri"], location["region"]["startLine"]) == ("omsorg.yaml", 5)


def test_new_since_reads_the_parts_at_the_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"kommune.yaml": MAIN, "omsorg.yaml": OMSORG, "skole/skole.yaml": SKOLE})
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t.invalid"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)
    write(tmp_path, {"skole/skole.yaml": SKOLE.replace(", leader: Kommunalsjef}", "}")})
    write(
        tmp_path,
        {"omsorg.yaml": OMSORG.replace("level: 4, parent: ks-omsorg", "level: 3, parent: ks-omsorg")},
    )
    monkeypatch.chdir(tmp_path)
    args = ["check", "kommune.yaml", "--ruleset", "default", "--new-since", "HEAD", "--format", "concise"]
    result = CliRunner().invoke(app, args)
    assert [line.split(" [")[0] for line in result.stdout.splitlines()] == ["skole/skole.yaml:4:10: OM160"]
    assert "fixed since HEAD: omsorg.yaml: OM111 level-skip" in result.stderr


def test_stats_render_and_report_read_the_whole_model_of_a_part(tmp_path: Path) -> None:
    """Tour G: 'stats models/bydeler.yaml' refused a part that 'check' reads as its whole model."""
    from split_model import split_model

    from conftest import ROOT

    main, parts = split_model(ROOT / "models" / "drammen-2020.yaml", tmp_path / "models")
    runner = CliRunner()
    whole = runner.invoke(app, ["stats", str(main)])
    assert whole.exit_code == 0
    for given in (parts[0], main.parent):
        result = runner.invoke(app, ["stats", str(given)])
        assert (result.exit_code, result.stdout) == (0, whole.stdout)
    rendered = runner.invoke(app, ["render", str(parts[-1]), "--format", "mermaid"])
    assert (
        rendered.exit_code == 0
        and rendered.stdout == runner.invoke(app, ["render", str(main), "--format", "mermaid"]).stdout
    )
