"""Models across files: no part read through a link out of the repository; text input; per-file-ignores."""

from __future__ import annotations

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
