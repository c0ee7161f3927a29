"""The plain ``orgmodel check`` and ``orgmodel diff`` parser (``orgmodel.cli.fast``) means what typer means.

The fast parser is only worth having if a user cannot tell it from typer's: the same options,
the same values, the same run. Its tables are held to the commands' typer declarations, every
command line below is parsed by both and compared, and a real process is run both ways.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from orgmodel.cli import commands, diff_cmd
from orgmodel.cli.fast import (
    DIFF_FLAGS,
    DIFF_LEFT_TO_TYPER,
    DIFF_MANY,
    DIFF_VALUES,
    FLAGS,
    LEFT_TO_TYPER,
    MANY,
    VALUES,
    parse,
    parse_diff,
)

ROOT = Path(__file__).resolve().parents[1]
DRAMMEN = str(ROOT / "models" / "drammen-2020.yaml")
BEFORE = str(ROOT / "models" / "drammen-2020-before.yaml")


def _params(command: str) -> list:
    group = typer.main.get_command(commands.app)
    return list(group.commands[command].params)  # type: ignore[attr-defined]


TABLES = {
    "check": (FLAGS, VALUES, MANY, LEFT_TO_TYPER),
    "diff": (DIFF_FLAGS, DIFF_VALUES, DIFF_MANY, DIFF_LEFT_TO_TYPER),
}


@pytest.mark.parametrize("command", sorted(TABLES))
def test_the_tables_name_every_option_of_the_command_and_nothing_else(command: str) -> None:
    flags, values, many, left_to_typer = TABLES[command]
    declared: set[str] = set()
    for param in _params(command):
        if param.param_type_name != "option":
            continue
        names = [*param.opts, *param.secondary_opts]
        declared.update(names)
        for name in names:
            if name in left_to_typer:
                continue
            if param.is_flag:
                field, value = flags[name]
                assert field == param.name
                assert value is (name not in param.secondary_opts)
            else:
                field, _ = values[name]
                assert field == param.name
                assert (field in many) == bool(param.multiple)
    assert set(flags) | set(values) | set(left_to_typer) == declared | {"--help"}


def _typer_args(command: str, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    """What typer hands to ``run_check`` or ``run_diff`` for ``orgmodel COMMAND ARGV``, or None."""
    seen: list[object] = []

    def record(args: object) -> int:
        seen.append(args)
        return 0

    module, runner = (commands, "run_check") if command == "check" else (diff_cmd, "run_diff")
    monkeypatch.setattr(module, runner, record)
    result = CliRunner().invoke(commands.app, [command, *argv])
    return seen[0] if seen and result.exit_code == 0 else None


PLAIN = [
    [],
    ["models"],
    ["a.yaml", "b.yaml", "-"],
    ["--format", "json", "a.yaml"],
    ["-f", "sarif", "-o", "out.sarif", "a.yaml"],
    ["--format=github", "--output-file=x.txt"],
    ["--select", "OM0", "--select", "OM1", "--ignore=OM021", "x"],
    ["--extend-select", "OM104", "--extend-ignore", "OM1"],
    ["--ruleset", "strict", "--fail-on", "warning", "--quiet", "-q"],
    ["--color", "--no-color", "--timings", "--no-timings", "--timings"],
    ["--exit-zero", "--statistics", "--isolated", "--show-settings", "--show-files"],
    ["--config", "c/.orgmodel.yaml", "--new-since", "HEAD~1", "--no-cache", "m.yaml"],
    ["--jobs", "3", "-j", "1", "--stdin-filename", "kommune.yaml", "-"],
    ["m.yaml", "--jobs=2", "n.yaml", "--fail-on=info"],
    ["--ruleset=legacy", "--select=OM0", "--select", "OM021,OM022"],
]


NOT_PLAIN = [
    ["--help"],
    ["--baseline", "b.json"],
    ["--write-baseline", "b.json", "m.yaml"],
    ["--jobs", "0"],
    ["--jobs", "two"],
    ["-j2"],
    ["-qj2"],
    ["--fail-on", "fatal"],
    ["--format", "pdf"],
    ["--format"],
    ["--select", "--quiet"],
    ["-f=json"],
    ["--", "-weird.yaml"],
    ["--frobnicate"],
    ["--lang", "nb"],
]


PLAIN_DIFF = [
    [],
    ["old.yaml", "new.yaml"],
    ["main:models/x.yaml", "models/x.yaml", "--format", "markdown", "--max-chars", "20000"],
    ["--base", "main", "models/", "-f", "json", "--ruleset=strict"],
    ["--allow", "unit-added:a", "--allow=unit-removed:b", "a.yaml", "b.yaml", "--fail-on-new", "warning"],
    ["--color", "--no-color", "--list-kinds"],
    ["--git-driver", "x.yaml", "/tmp/a", "abc1234", "100644", "/tmp/b", "def5678", "100644"],
    ["--fail-on-new=error", "--format=html", "a", "b"],
]


NOT_PLAIN_DIFF = [
    ["--help"],
    ["--max-chars", "999"],
    ["--max-chars", "lots"],
    ["--fail-on-new", "info"],
    ["--format", "sarif"],
    ["--base"],
    ["--allow", "--color"],
    ["-f=json"],
    ["--", "-old.yaml", "new.yaml"],
    ["--frobnicate"],
]


PARSERS = {"check": parse, "diff": parse_diff}


def _cases(cases: dict[str, list[list[str]]]) -> list[Any]:
    return [
        pytest.param(command, argv, id=f"{command} {' '.join(argv)}".rstrip())
        for command, lines in cases.items()
        for argv in lines
    ]


@pytest.mark.parametrize(("command", "argv"), _cases({"check": PLAIN, "diff": PLAIN_DIFF}))
def test_a_plain_command_line_parses_as_typer_parses_it(
    command: str, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = PARSERS[command](argv)
    assert fast is not None
    assert fast == _typer_args(command, argv, monkeypatch)


@pytest.mark.parametrize(("command", "argv"), _cases({"check": NOT_PLAIN, "diff": NOT_PLAIN_DIFF}))
def test_anything_else_is_left_to_typer(command: str, argv: list[str]) -> None:
    assert PARSERS[command](argv) is None


def _run(argv: list[str], *, via_typer: bool, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from orgmodel.cli import main; sys.argv[0] = 'orgmodel'; main()"
        if via_typer
        else "from orgmodel.launch import main; main()"
    )
    env = {**os.environ, "LANG": "C", "NO_COLOR": "1"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--isolated", "--no-cache", DRAMMEN],
        ["check", "--isolated", "--no-cache", "--format", "json", "--select", "OM0", BEFORE],
        ["check", "--isolated", "--no-cache", "--statistics", "--exit-zero", BEFORE],
        ["check", "--isolated", "--no-cache", "missing.yaml"],
        ["diff", "--ruleset", "default", BEFORE, DRAMMEN],
        ["diff", "--format", "json", "--fail-on-new", "warning", BEFORE, DRAMMEN],
        ["diff", "--list-kinds"],
        ["diff", BEFORE],
    ],
    ids=["clean", "json", "statistics", "missing", "diff", "diff json", "list-kinds", "one side"],
)
def test_the_fast_and_the_typer_run_print_the_same(argv: list[str], tmp_path: Path) -> None:
    fast = _run(argv, via_typer=False, cwd=tmp_path)
    slow = _run(argv, via_typer=True, cwd=tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert "Traceback" not in fast.stderr


def test_a_plain_check_imports_neither_typer_nor_pydantic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ORGMODEL_NO_CACHE")  # the suite's; this run is about the warm one
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    probe = (
        "import os, sys\n"
        "leave = os._exit\n"
        "def probed(code):\n"
        "    found = [m for m in ('typer', 'click', 'pydantic') if m in sys.modules]\n"
        "    sys.stderr.write('\\nIMPORTED ' + ' '.join(found))\n"
        "    sys.stderr.flush()\n"
        "    leave(code)\n"
        "os._exit = probed\n"
        "sys.argv = ['orgmodel', 'check', '--isolated', sys.argv[1]]\n"
        "from orgmodel.launch import main\n"
        "main()\n"
    )
    model = tmp_path / "m.yaml"
    model.write_text(Path(DRAMMEN).read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):  # the second run is warm: its result comes from the cache
        done = subprocess.run(
            [sys.executable, "-c", probe, str(model)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert done.stderr.rstrip().endswith("IMPORTED")


def test_a_plain_diff_imports_no_typer(tmp_path: Path) -> None:
    probe = (
        "import os, sys\n"
        "leave = os._exit\n"
        "def probed(code):\n"
        "    found = [m for m in ('typer', 'click') if m in sys.modules]\n"
        "    sys.stderr.write('\\nIMPORTED ' + ' '.join(found))\n"
        "    sys.stderr.flush()\n"
        "    leave(code)\n"
        "os._exit = probed\n"
        "sys.argv = ['orgmodel', 'diff', '--format', 'json', *sys.argv[1:]]\n"
        "from orgmodel.launch import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, BEFORE, DRAMMEN],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert '"files"' in done.stdout and done.stderr.rstrip().endswith("IMPORTED")
