"""docs/model-parts.md shows real runs: its files are written, its commands run, its outputs compared."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.cli import app

PAGE = ROOT / "docs" / "model-parts.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)


def console() -> list[tuple[str, str]]:
    """(arguments, output) of every ``$ orgmodel ...`` line of the page, in order."""
    out = []
    for block in blocks("console"):
        for chunk in re.split(r"^\$ orgmodel ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            out.append((command, output))
    return out


def run(folder: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output  # what a terminal shows: stdout and stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_page_shows_what_the_commands_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for block in blocks("yaml"):
        name = block.splitlines()[0].removeprefix("# ").split(":")[0]
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(block, encoding="utf-8")
    runs = console()
    assert [command.split()[:2] for command, _ in runs] == [
        ["check", "models/kommune.yaml"],
        ["check", "models/utdanning/skole.yaml"],
        ["check", "models"],
        ["check", "kommune.yaml"],
        ["check", "kommune.yaml"],
        ["diff", "--base"],
        ["fmt", "--check"],
    ]
    for command, output in runs[:3]:
        assert run(tmp_path, command, monkeypatch) == output, command
    models = tmp_path / "models"
    edit(models / "kommune.yaml", "utdanning/skole.yaml]", "utdanning/skole.yaml, helse.yaml]")
    edit(
        models / "utdanning" / "skole.yaml",
        "part_of: ../kommune.yaml\n",
        "part_of: ../kommune.yaml\nstatus: adopted\n",
    )
    assert run(models, runs[3][0], monkeypatch) == runs[3][1]
    edit(models / "kommune.yaml", ", helse.yaml]", "]")
    edit(models / "utdanning" / "skole.yaml", "status: adopted\n", "")
    edit(models / "omsorg.yaml", "id: virk-hjemme,", "id: ks-skole,")
    assert run(models, runs[4][0], monkeypatch) == runs[4][1]
    edit(models / "omsorg.yaml", "id: ks-skole,", "id: virk-hjemme,")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t.invalid"}
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)
    edit(models / "utdanning" / "skole.yaml", "level: 4, parent: ks-skole", "level: 3, parent: ks-skole")
    assert run(tmp_path, runs[5][0], monkeypatch) == runs[5][1]
    assert run(tmp_path, runs[6][0], monkeypatch) == runs[6][1]


def test_the_page_names_every_section_a_part_may_hold() -> None:
    """Tour O, finding 8: the page said units, services, sites, kommunedeler and personas only."""
    from orgmodel.schema import COLLECTIONS

    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    said = text[text.index("a part holds any of the model's list sections:") :].split(".")[0]
    assert re.findall(r"`(\w+)`", said) == list(COLLECTIONS)


def test_a_part_holds_forums_and_collaborations_too(tmp_path: Path) -> None:
    from orgmodel.api import check_paths

    main = tmp_path / "kommune.yaml"
    main.write_text(
        "orgmodel: 1\nkommune: Testby\nparts: [oppvekst.yaml]\nunits:\n"
        "  - {id: kd, name: KD, level: 1, leader: Kommunedirektør}\n",
        encoding="utf-8",
    )
    (tmp_path / "oppvekst.yaml").write_text(
        "orgmodel-part: 1\npart_of: kommune.yaml\nunits:\n"
        "  - {id: ks, name: Oppvekst, level: 2, parent: kd, leader: Kommunalsjef}\n"
        "  - {id: ppt, name: PPT, level: 3, parent: ks, leader: Leder}\n"
        "forums:\n  - {id: lg, name: Ledergruppe oppvekst, chair: ks, members: [ks, ppt, nosuch]}\n"
        "collaborations:\n  - {between: [ks, ppt], frequency: {times: 10, per: year}}\n",
        encoding="utf-8",
    )
    result = check_paths([main], ruleset="default").files[0]
    assert [f.id for f in result.model.forums] == ["lg"]
    assert len(result.model.collaborations) == 1
    dangling = [d for d in result.diagnostics if d.code == "OM021"]
    assert [(Path(d.path).name, d.line) for d in dangling] == [("oppvekst.yaml", 7)]
