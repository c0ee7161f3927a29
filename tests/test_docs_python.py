"""The Python examples of docs/ run as shown: every complete block, in a fresh directory.

A block's ``print(...)  # prints: X`` says what it prints; the test holds the block to it. Blocks
that are fragments of a larger program (docs/i18n.md) are left out by name, and so is
docs/plugins.md, whose rule module registers a rule in this process (tests/plugin_example installs
and runs the same plugin for real, in tests/test_plugin_venv.py).
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from conftest import ROOT

FRAGMENTS = {"i18n.md", "plugins.md"}
BLOCKS = [
    pytest.param(path, index, code, id=f"{path.name}#{index}")
    for path in sorted((ROOT / "docs").glob("*.md"))
    if path.name not in FRAGMENTS
    for index, code in enumerate(re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S))
]


@pytest.mark.parametrize(("path", "index", "code"), BLOCKS)
def test_each_python_example_runs_and_prints_what_it_says(
    path: Path, index: int, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("models", "rules", "docs", "tests"):  # the paths the examples name, read only
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"{path.name} block {index}", "exec"), {"__name__": "docs_example"})
    promised = re.findall(r"^\s*print\(.*\)\s+# prints: (.*)$", code, re.M)
    lines = printed.getvalue().splitlines()
    for expected in promised:
        assert expected in lines, f"{path.name} block {index} promises {expected!r}, printed {lines!r}"


def test_there_are_examples_to_run() -> None:
    assert len(BLOCKS) >= 5
