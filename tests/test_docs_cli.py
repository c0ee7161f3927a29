"""docs/cli.md shows real runs: every command of its text blocks prints what the page says it prints."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from orgmodel.starter import write_starter

DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
WORKFLOW = "name: ci\non: [pull_request]\njobs:\n  check:\n    steps: [{run: orgmodel check}]\n"
PYPROJECT = (
    '[project]\nname = "kommune-organisasjon"\n\n[tool.orgmodel]\npaths = ["models"]\nfail-on = "errors"\n'
)


def _per_file_ignores(rule: str) -> Callable[[Path], None]:
    def setup(repo: Path) -> None:
        config = repo / ".orgmodel.yaml"
        text = config.read_text(encoding="utf-8")
        text = text.replace("per-file-ignores: {}  ", f'per-file-ignores: {{"models/utkast.yaml": [{rule}]}}')
        config.write_text(text, encoding="utf-8")

    return setup


def _pyproject(repo: Path) -> None:
    (repo / ".orgmodel.yaml").unlink()
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")


def _empty(repo: Path) -> None:
    shutil.rmtree(repo / "models")
    (repo / ".orgmodel.yaml").unlink()


SETUPS: dict[str, Callable[[Path], None]] = {
    "Precedence": lambda repo: None,
    "Output": lambda repo: None,
    "What a directory scan reads": lambda repo: None,
    "Excludes and per-file ignores": _per_file_ignores("span-of-controll"),
    "`[tool.orgmodel]` in pyproject.toml": _pyproject,
    "`--show-settings`": _per_file_ignores("span-of-control"),
    "`orgmodel init`": _empty,
}


def transcripts() -> dict[str, list[str]]:
    """Each section's text blocks (``$ command`` lines and their output), by section heading."""
    found: dict[str, list[str]] = {}
    for section in DOC.split("\n## ")[1:]:
        heading, _, body = section.partition("\n")
        found[heading] = re.findall(r"```text\n(.*?)```", body, re.S)
    return found


def _repo(tmp_path: Path) -> Path:
    """The repository the page describes: orgmodel init, a draft with a span of 75, a GitHub workflow."""
    repo = tmp_path / "kommune"
    repo.mkdir()
    (repo / ".git").mkdir()
    write_starter(repo)
    draft = (FIXTURES / "invalid" / "span-above-max.yaml").read_text(encoding="utf-8").split("\n", 2)[2]
    (repo / "models" / "utkast.yaml").write_text(draft, encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    return repo


def _replay(block: str, repo: Path) -> str:
    """The block with each command's output replaced by what the command prints now."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "ORGMODEL_NO_CACHE"},  # the cache on, as for users
        "XDG_CACHE_HOME": str(repo.parent / "cache-home"),
        "NO_COLOR": "1",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
    }
    out = []
    for line in block.splitlines():
        if not line.startswith("$ "):
            continue
        command = line[2:].split("  #")[0]
        done = subprocess.run(
            ["bash", "-c", f"{command} 2>&1"], cwd=repo, env=env, capture_output=True, text=True
        )
        out.append(line + "\n" + done.stdout)
    return "".join(out)


def test_every_section_with_runs_is_replayed() -> None:
    with_commands = {h for h, blocks in transcripts().items() if any("$ orgmodel" in b for b in blocks)}
    assert with_commands - set(SETUPS) == {"Shell completion"}  # installing completion changes the shell


@pytest.mark.parametrize("heading", list(SETUPS))
def test_the_page_shows_what_the_commands_print(heading: str, tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    SETUPS[heading](repo)
    blocks = transcripts()[heading]
    assert blocks
    for block in blocks:
        assert _replay(block, repo) == block
