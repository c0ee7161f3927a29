"""Start-up stays lazy: what ``--help``, ``--version`` and ``check`` import (timed by ``make bench``).

Imports are what a short command costs: networkx alone takes 0.24 s, pydantic
with the schema 0.15 s, rich 0.05 s, against a 150 ms budget for ``--help``
and ``--version`` and 0.4 s for checking the Drammen model. These tests fail
when a module-level import brings one of them back.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("networkx", "pydantic", "rich", "yaml", "ruamel")

PROBE = """
import sys
from orgmodel.cli import {entry}
sys.argv = ["orgmodel", *{args!r}]
try:
    {entry}() if "{entry}" == "main" else app(prog_name="orgmodel")
except SystemExit:
    pass
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print("IMPORTED", ",".join(heavy), file=sys.stderr)
"""


def imported(entry: str, *args: str) -> set[str]:
    code = PROBE.format(entry=entry, args=list(args), heavy=HEAVY)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("IMPORTED"))
    return set(filter(None, line.removeprefix("IMPORTED").strip().split(",")))


def test_help_imports_nothing_heavy() -> None:
    assert imported("app", "--help") == set()


def test_check_help_imports_nothing_heavy() -> None:
    assert imported("app", "check", "--help") - {"pydantic"} == set()


def test_version_imports_nothing_heavy() -> None:
    assert imported("app", "--version") == set()


def test_check_does_not_import_networkx() -> None:
    model = str(ROOT / "models" / "drammen-2020.yaml")
    ruleset = str(ROOT / "rules" / "drammen-2020.yaml")
    found = imported("app", "check", "--ruleset", ruleset, model)
    assert "networkx" not in found, (
        "a module imports networkx at import time: 0.24 s on every check; "
        "use OrgGraph's own graph walks, or import networkx inside the function that needs it"
    )
    assert {"pydantic", "yaml"} <= found


def test_the_console_script_answers_version_before_loading_the_command_line() -> None:
    """``orgmodel --version`` (orgmodel.launch) imports neither typer nor click, let alone the heavy ones."""
    code = (
        "import sys\n"
        "sys.argv = ['orgmodel', '--version']\n"
        "from orgmodel.launch import main\n"
        "main()\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        f"print(sorted(loaded & {{'typer', 'click', *{HEAVY!r}}}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    )
    from orgmodel import __version__

    assert proc.stdout.splitlines() == [f"orgmodel {__version__}", "[]"]
