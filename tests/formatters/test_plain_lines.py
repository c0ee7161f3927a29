"""Where no colour can show, check and diff write their lines without rich, as rich would write them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.formatters import diff_text, lines, text
from orgmodel.formatters.console import PlainWriter, RichWriter, line_writer, make_console, may_colour

# every model the tests have, valid and broken (a broken one gets "the rules did not run")
MODELS = sorted(
    str(path.relative_to(ROOT))
    for folder, pattern in (
        (FIXTURES, "**/*.yaml"),
        (ROOT / "tests" / "corpus", "*.yaml"),
        (ROOT / "models", "*.yaml"),
    )
    for path in folder.glob(pattern)
    if not path.name.endswith(".expect.yaml")
)


def _through_rich(stream: IO[str], color: bool | None) -> RichWriter:
    return RichWriter(make_console(stream, color))


def check_output(monkeypatch: pytest.MonkeyPatch, *args: str, rich: bool) -> str:
    """What check prints to a pipe, its lines written as they are or through rich's console."""
    monkeypatch.chdir(ROOT)
    with monkeypatch.context() as patch:
        if rich:  # the writer the formatters used before: rich's console, which writes no codes here
            patch.setattr(text, "line_writer", _through_rich)
            patch.setattr(lines, "line_writer", _through_rich)
        result = CliRunner().invoke(app, ["check", "--isolated", "--no-cache", "--ruleset", "default", *args])
    assert result.exit_code in (1, 2), result.output
    return result.stdout


# names rich might measure, wrap or expand differently: wide and combining characters, an emoji,
# a tab, a bidi override and an escape sequence (these three shown escaped), lines of 250 characters
ODD = r"""orgmodel: 1
kommune: "Odd 漢字"
kommunenummer: "9999"
units:
  - {id: radmann, name: "Rådmann 漢字\t\u202e\e[31m", level: 1, leader: Rådmann, budget: true}
  - {id: v1, name: "Skole e\u0301 🙂 LANG", level: 3, parent: radmann, kind: virksomhet, staff: 2}
""".replace("LANG", "lang " * 30)


@pytest.mark.parametrize("options", [["--format", "text"], ["--format", "concise"]])
def test_plain_lines_are_what_rich_writes_without_colour(
    options: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text(ODD, encoding="utf-8")
    models = [*MODELS, str(odd)]
    plain = check_output(monkeypatch, *options, *models, rich=False)
    assert plain == check_output(monkeypatch, *options, *models, rich=True)
    assert plain.count("\n") > 150 and "\x1b" not in plain and "Rådmann 漢字\\t\\u202e\\x1b[31m" in plain


def diff_output(monkeypatch: pytest.MonkeyPatch, *args: str, rich: bool, color: str) -> str:
    """What diff prints (``color``: --color or --no-color), its lines written as they are or through rich."""
    monkeypatch.chdir(ROOT)
    with monkeypatch.context() as patch:
        if rich:
            patch.setattr(diff_text, "line_writer", _through_rich)
        result = CliRunner().invoke(app, ["diff", color, *args])
    assert result.exit_code in (0, 1, 2), result.output
    return result.stdout


DIFFS = [
    ["--ruleset", "rules/drammen-2020.yaml", "models/drammen-2020-before.yaml", "models/drammen-2020.yaml"],
    [
        "--ruleset",
        "tests/fixtures/diff/ruleset.yaml",
        "tests/fixtures/diff/old.yaml",
        "tests/fixtures/diff/new.yaml",
    ],
    ["models/drammen-2020.yaml", "models/drammen-2020.yaml"],  # no change
    ["models/drammen-2020.yaml", "tests/fixtures/invalid/broken-yaml.yaml"],  # a side that cannot be compared
]


@pytest.mark.parametrize("color", ["--color", "--no-color"])
@pytest.mark.parametrize("pair", range(len(DIFFS) + 1))
def test_diff_lines_are_what_rich_writes(
    pair: int, color: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if pair < len(DIFFS):
        args = DIFFS[pair]
    else:  # names rich might measure or wrap differently, renamed on the new side
        old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
        old.write_text(ODD, encoding="utf-8")
        new.write_text(ODD.replace("LANG", "ny").replace("lang ", "ny "), encoding="utf-8")
        args = ["--ruleset", "default", str(old), str(new)]
    plain = diff_output(monkeypatch, *args, rich=False, color=color)
    assert plain == diff_output(monkeypatch, *args, rich=True, color=color)
    assert plain.count("\n") >= 2 and ("\x1b[" in plain) == (color == "--color")


def test_colour_or_a_terminal_gets_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert isinstance(line_writer(io.StringIO(), None), PlainWriter)
    assert isinstance(line_writer(io.StringIO(), False), PlainWriter)
    assert isinstance(line_writer(io.StringIO(), True), RichWriter)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert may_colour(io.StringIO(), None) and not may_colour(io.StringIO(), False)


def test_a_terminal_is_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert may_colour(Terminal(), None)
    closed = io.StringIO()
    closed.close()
    assert not may_colour(closed, None)  # isatty raises ValueError on a closed stream; rich says no terminal
