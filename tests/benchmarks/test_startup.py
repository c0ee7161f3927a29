"""Start-up stays lazy: what ``--help``, ``--version`` and ``check`` import (timed by ``make bench``).

Imports are what a short command costs: networkx alone takes 0.24 s, pydantic
with the schema 0.15 s, rich 0.05 s, against a 150 ms budget for ``--help``
and ``--version``; the check of the shipped Drammen model is mostly start-up
(docs/performance.md, "Start-up"). These tests fail when a module-level import
brings one of them back; they count modules, they never time anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from orgmodel.cli.group import LAZY

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("networkx", "pydantic", "rich", "yaml", "ruamel")
MODEL = str(ROOT / "models" / "drammen-2020.yaml")
RULESET = str(ROOT / "rules" / "drammen-2020.yaml")
# the modules of the commands other than check (orgmodel.cli.group builds them when asked for)
OTHER_COMMANDS = {module for module, _function, _help in LAZY.values()}

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
print("ORGMODEL", ",".join(sorted(m for m in sys.modules if m.startswith("orgmodel"))), file=sys.stderr)
"""


def probe(entry: str, *args: str) -> dict[str, set[str]]:
    """The heavy packages (IMPORTED) and orgmodel's modules (ORGMODEL) that a run imported.

    The run's stdout is a pipe, as in CI or pre-commit, never a terminal.
    """
    code = PROBE.format(entry=entry, args=list(args), heavy=HEAVY)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    found = {}
    for label in ("IMPORTED", "ORGMODEL"):
        line = next(x for x in proc.stderr.splitlines() if x.startswith(label))
        found[label] = set(filter(None, line.removeprefix(label).strip().split(",")))
    return found


def imported(entry: str, *args: str) -> set[str]:
    return probe(entry, *args)["IMPORTED"]


def test_help_imports_nothing_heavy() -> None:
    assert imported("app", "--help") == set()


def test_check_help_imports_nothing_heavy() -> None:
    assert imported("app", "check", "--help") - {"pydantic"} == set()


def test_version_imports_nothing_heavy() -> None:
    assert imported("app", "--version") == set()


def test_check_does_not_import_networkx() -> None:
    found = imported("app", "check", "--ruleset", RULESET, MODEL)
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


def test_a_check_to_a_pipe_imports_only_what_it_needs(tmp_path: Path) -> None:
    """Piped output has no colour, so no rich; a ruleset without custom: needs no custom rules."""
    found = probe("app", "check", "--no-cache", "--ruleset", RULESET, MODEL)
    assert "rich" not in found["IMPORTED"], "the text output imports rich only where colour can show"
    assert not any(m.startswith("orgmodel.custom") for m in found["ORGMODEL"])
    assert not found["ORGMODEL"] & OTHER_COMMANDS, "check needs none of the other commands' modules"
    assert "orgmodel.formatters.text" in found["ORGMODEL"]


def test_what_check_leaves_out_is_imported_when_it_is_needed(tmp_path: Path) -> None:
    """The same probe sees rich with --color and the custom rules with a ruleset that declares one."""
    ruleset = tmp_path / "custom.yaml"
    ruleset.write_text(
        "orgmodel-ruleset: 1\nextends: default\ncustom:\n"
        "  - {code: OPP001, name: bemannet, summary: A virksomhet has staff.,"
        " where: {kind: virksomhet}, require: [staff >= 1]}\n",
        encoding="utf-8",
    )
    found = probe("app", "check", "--no-cache", "--color", "--ruleset", str(ruleset), MODEL)
    assert "rich" in found["IMPORTED"]
    assert "orgmodel.custom.checker" in found["ORGMODEL"]


def test_a_command_is_built_from_its_module_when_it_runs() -> None:
    found = probe("app", "diff", "--help")["ORGMODEL"]
    assert "orgmodel.cli.diff_cmd" in found and not found & (OTHER_COMMANDS - {"orgmodel.cli.diff_cmd"})
