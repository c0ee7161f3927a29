"""The plain ``orgmodel check`` parser (``orgmodel.cli.fast``) means what typer means.

The fast parser is only worth having if a user cannot tell it from typer's: the same options,
the same values, the same run. Its tables are held to check's typer declaration, every command
line below is parsed by both and compared, and a real process is run both ways.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from orgmodel.cli import commands
from orgmodel.cli.check_run import CheckArgs
from orgmodel.cli.fast import FLAGS, LEFT_TO_TYPER, MANY, VALUES, parse

ROOT = Path(__file__).resolve().parents[1]
DRAMMEN = str(ROOT / "models" / "drammen-2020.yaml")
BEFORE = str(ROOT / "models" / "drammen-2020-before.yaml")


def _check_params() -> list:
    group = typer.main.get_command(commands.app)
    return list(group.commands["check"].params)  # type: ignore[attr-defined]


def test_the_tables_name_every_option_of_check_and_nothing_else() -> None:
    declared: set[str] = set()
    for param in _check_params():
        if param.param_type_name != "option":
            continue
        names = [*param.opts, *param.secondary_opts]
        declared.update(names)
        for name in names:
            if name in LEFT_TO_TYPER:
                continue
            if param.is_flag:
                field, value = FLAGS[name]
                assert field == param.name
                assert value is (name not in param.secondary_opts)
            else:
                field, _ = VALUES[name]
                assert field == param.name
                assert (field in MANY) == bool(param.multiple)
    assert set(FLAGS) | set(VALUES) | set(LEFT_TO_TYPER) == declared | {"--help"}


def _typer_args(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> CheckArgs | None:
    """The ``CheckArgs`` typer hands to ``run_check`` for ``orgmodel check ARGV``, or None."""
    seen: list[CheckArgs] = []

    def record(args: CheckArgs) -> int:
        seen.append(args)
        return 0

    monkeypatch.setattr(commands, "run_check", record)
    result = CliRunner().invoke(commands.app, ["check", *argv])
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


@pytest.mark.parametrize("argv", PLAIN, ids=lambda argv: " ".join(argv) or "(none)")
def test_a_plain_command_line_parses_as_typer_parses_it(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = parse(argv)
    assert fast is not None
    assert fast == _typer_args(argv, monkeypatch)


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


@pytest.mark.parametrize("argv", NOT_PLAIN, ids=" ".join)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse(argv) is None


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
    ],
    ids=["clean", "json", "statistics", "missing"],
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
