"""The shipped models split across files check, diff and trace exactly like the one file.

``split_model`` writes a main file and one part per direktørområde to a
temporary directory (lines copied verbatim), so every finding must come out
the same (code, unit, key, message, severity) and quote the same source line,
now in the file that holds it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from split_model import split_model
from typer.testing import CliRunner

from conftest import ROOT
from orgmodel.api import check_paths, compare
from orgmodel.cli import app
from orgmodel.engine import CheckedModel

AFTER = ROOT / "models" / "drammen-2020.yaml"
BEFORE = ROOT / "models" / "drammen-2020-before.yaml"
DRAMMEN = str(ROOT / "rules" / "drammen-2020.yaml")


def strict_ruleset(folder: Path) -> str:
    """Drammen's principles with spans and depth so narrow that units in most parts are found."""
    path = folder / "strict.yaml"
    path.write_text(
        "orgmodel-ruleset: 1\n"
        f"extends: {DRAMMEN}\n"
        "rules:\n"
        "  span-of-control:\n"
        "    leaders_of_leaders: {min: 4, warn_above: 5, max: 60}\n"
        "    first_line: {min: 4, warn_above: 5, max: 60}\n"
        "  max-levels: {max: 3, count_employees: false}\n",
        encoding="utf-8",
    )
    return str(path)


def findings(result: CheckedModel) -> list[tuple[Any, ...]]:
    """Each finding's identity and the source line it quotes, sorted."""
    out = []
    for d in result.diagnostics:
        document = result.document if d.path == result.path else result.sources[d.path]
        out.append((d.code, d.unit, d.key, d.message, d.severity.value, document.line_text(d.line)))
    return sorted(out, key=repr)


def where(result: CheckedModel) -> dict[str, set[str]]:
    """The file each finding's unit is reported in."""
    out: dict[str, set[str]] = {}
    for d in result.diagnostics:
        if d.unit is not None:
            out.setdefault(d.unit, set()).add(Path(d.path).name)
    return out


@pytest.mark.parametrize("model", [AFTER, BEFORE], ids=["after", "before"])
@pytest.mark.parametrize("strict", [False, True], ids=["drammen", "strict"])
def test_a_split_model_checks_like_the_one_file(tmp_path: Path, model: Path, strict: bool) -> None:
    main, parts = split_model(model, tmp_path / "split")
    ruleset = strict_ruleset(tmp_path) if strict else DRAMMEN
    whole = check_paths([model], ruleset=ruleset).files
    split = check_paths([main], ruleset=ruleset).files
    assert len(whole) == len(split) == 1
    one, many = whole[0], split[0]
    areas = {p.stem.rsplit("-", 1)[0] if p.stem[-1].isdigit() else p.stem for p in parts}
    assert len(areas) == 8 and all(area.startswith("dir-") for area in areas)
    assert many.model is not None and one.model is not None
    assert [u.id for u in many.model.units] == [u.id for u in one.model.units]
    assert findings(many) == findings(one)
    assert (many.suppressed, many.suppressed_without_reason) == (
        one.suppressed,
        one.suppressed_without_reason,
    )
    in_parts = {d.path for d in many.diagnostics} - {str(main)}
    if strict:  # findings in parts, each at the file that holds its unit
        assert len(in_parts) >= 4 and len(many.diagnostics) == len(one.diagnostics) >= 10
        for unit, files in where(many).items():
            written = re.compile(rf"(?m)(\{{|^ *- ?)id: {re.escape(unit)}[,\n]")
            holder = next(p.name for p in [main, *parts] if written.search(p.read_text(encoding="utf-8")))
            assert files == {holder}, unit


def changes(report: Any) -> list[tuple[Any, ...]]:
    """Each change, a suppression's line left out (it moved to a part), in the order a part's come too."""
    out = [
        (c.kind, c.id, re.sub(r" \((was )?at line [^)]*\)$", "", c.message), c.unit) for c in report.changes
    ]
    return sorted(out, key=repr)


def test_a_split_model_diffs_like_the_one_file(tmp_path: Path) -> None:
    old, _ = split_model(BEFORE, tmp_path / "before")
    new, _ = split_model(AFTER, tmp_path / "after")
    one = compare(BEFORE, AFTER, ruleset=DRAMMEN)
    many = compare(old, new, ruleset=DRAMMEN)
    assert changes(many) == changes(one)
    assert len(one.changes) == 58
    resolved = [c.id for c in many.changes if c.kind == "finding-resolved"]
    # one OM212 per unit deciding outside the allocation unit; it names Per, so OM220 adds nothing
    assert len(resolved) == 5 and "finding-resolved:OM212:ks-rus-psykisk" in resolved


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_the_diff_command_of_split_models_prints_what_the_one_files_print(tmp_path: Path) -> None:
    old, _ = split_model(BEFORE, tmp_path / "before")
    new, _ = split_model(AFTER, tmp_path / "after")
    code_one, one = run("diff", str(BEFORE), str(AFTER), "--ruleset", DRAMMEN, "--format", "json")
    code_many, many = run("diff", str(old), str(new), "--ruleset", DRAMMEN, "--format", "json")
    assert code_one == code_many
    found = []
    for out in (one, many):
        listed = json.loads(out)["files"][0]["changes"]
        for change in listed:
            change["message"] = re.sub(r" \((was )?at line [^)]*\)$", "", change["message"])
        found.append(sorted(listed, key=repr))
    assert found[0] == found[1]
    assert len(found[0]) == 58


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_split_model_traces_like_the_one_file(tmp_path: Path, fmt: str) -> None:
    main, _ = split_model(AFTER, tmp_path / "split")
    whole = check_paths([AFTER], ruleset=DRAMMEN).files[0]
    assert whole.model is not None and whole.model.personas
    for persona in [p.id for p in whole.model.personas]:
        code_one, one = run("trace", persona, str(AFTER), "--format", fmt)
        code_many, many = run("trace", persona, str(main), "--format", fmt)
        assert code_one == code_many == 0
        assert many.replace(str(main), "MODEL") == one.replace(str(AFTER), "MODEL")
