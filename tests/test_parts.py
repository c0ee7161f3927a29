"""Models split across files: loading errors at their cause, suppressions, ids, discovery and git."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgmodel.api import check_paths
from orgmodel.cli import app
from orgmodel.diagnostic import Diagnostic

MAIN = """\
orgmodel: 1
kommune: Testby
units:
  - {id: radmann, name: Rådmannens lederteam, level: 1, leader: Rådmann}
parts: [omsorg.yaml, skole/skole.yaml]
"""
OMSORG = """\
orgmodel-part: 1
part_of: kommune.yaml
units:
  - {id: ks-omsorg, name: Omsorg, level: 2, parent: radmann, leader: Kommunalsjef}
  - {id: virk-a, name: A, level: 4, parent: ks-omsorg, leader: Leder}
"""
SKOLE = """\
orgmodel-part: 1
part_of: ../kommune.yaml
units:
  - {id: ks-skole, name: Skole, level: 2, parent: radmann, leader: Kommunalsjef}
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder / "kommune.yaml"


def model(folder: Path, **changes: str) -> Path:
    """The three files above, with ``changes`` by name (``skole`` for skole/skole.yaml)."""
    files = {"kommune.yaml": MAIN, "omsorg.yaml": OMSORG, "skole/skole.yaml": SKOLE}
    names = {"main": "kommune.yaml", "omsorg": "omsorg.yaml", "skole": "skole/skole.yaml"}
    files.update({names[key]: text for key, text in changes.items()})
    return write(folder, files)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def found(paths: list[str | Path]) -> list[tuple[str, int, int, str, str]]:
    report = check_paths(paths, ruleset="default")
    return [(d.path, d.line, d.col, d.code, d.message) for d in report.diagnostics]


def where(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.col, d.code)


def test_a_finding_in_a_part_names_its_file_line_and_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "kommune.yaml", "--ruleset", "default")
    assert code == 1
    assert out.splitlines() == [
        "omsorg.yaml:5:34: OM111 level-skip [warning] 'A' (virk-a) at level 4 reports to 'Omsorg' "
        "(ks-omsorg) "
        "at level 2, skipping 1 level",
        "     5 |   - {id: virk-a, name: A, level: 4, parent: ks-omsorg, leader: Leder}",
        "       |                                  ^",
        "       = hint: if it is at level 3 in your numbering (it reports to a leader at level 2), write "
        "level: 3; if the skip is decided, justify it: # orgmodel: ignore[level-skip] <reason>",
        "! 0 errors, 1 warning in 1 file (4 units checked)",
    ]
    code, out, _ = run("check", "kommune.yaml", "--ruleset", "default", "--format", "json")
    document = json.loads(out)
    assert [f["path"] for f in document["files"]] == ["kommune.yaml"]
    assert [(d["path"], d["line"], d["col"]) for d in document["files"][0]["diagnostics"]] == [
        ("omsorg.yaml", 5, 34)
    ]


def test_schema_and_reference_errors_in_a_part_use_its_own_numbering(tmp_path: Path) -> None:
    skole = SKOLE + "  - {id: virk-b, name: B, level: tre, parent: ks-skolee, leader: Rektor}\n"
    main = model(tmp_path, skole=skole)
    assert found([main]) == [
        (
            str(tmp_path / "skole/skole.yaml"),
            5,
            34,
            "OM010",
            "units[1] (id 'virk-b').level: expected a whole number, got 'tre'",
        ),
        (  # reported with the schema error, not after it is fixed
            str(tmp_path / "skole/skole.yaml"),
            5,
            47,
            "OM021",
            "units[1] (id 'virk-b').parent: no unit has the id 'ks-skolee'",
        ),
    ]
    skole = SKOLE + "  - {id: virk-b, name: B, level: 3, parent: ks-skolee, leader: Rektor}\n"
    main = model(tmp_path, skole=skole)
    assert found([main]) == [
        (
            str(tmp_path / "skole/skole.yaml"),
            5,
            45,
            "OM021",
            "units[1] (id 'virk-b').parent: no unit has the id 'ks-skolee'",
        ),
    ]


def test_a_duplicate_id_across_files_is_reported_at_the_second_naming_the_first(tmp_path: Path) -> None:
    main = model(tmp_path, skole=SKOLE + "  - {id: virk-a, name: B, level: 3, parent: ks-skole, leader: R}\n")
    assert found([main]) == [
        (
            str(tmp_path / "skole/skole.yaml"),
            5,
            10,
            "OM020",
            f"units: the id 'virk-a' is used twice (first on line 5 of {tmp_path / 'omsorg.yaml'})",
        ),
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"main": MAIN.replace("skole/skole.yaml]", "skole/skole.yaml, omsorg.yaml]")},
            (
                "kommune.yaml",
                5,
                40,
                "OM013",
                "parts[2]: the part 'omsorg.yaml' is listed twice (first as parts[0])",
            ),
        ),
        (
            {"main": MAIN.replace("skole/skole.yaml]", "skole/./skole.yaml, helse.yaml]")},
            (
                "kommune.yaml",
                5,
                42,
                "OM013",
                "parts[2]: the part 'helse.yaml' cannot be read: No such file or directory",
            ),
        ),
        (
            {"main": MAIN.replace("skole/skole.yaml]", "../x/kommune.yaml]")},
            (
                "kommune.yaml",
                5,
                22,
                "OM013",
                "parts[1]: '../x/kommune.yaml' is not a file in this file's directory or below it",
            ),
        ),
        (
            {"main": MAIN.replace("skole/skole.yaml]", "/proc/self/environ]")},
            (
                "kommune.yaml",
                5,
                22,
                "OM013",
                "parts[1]: '/proc/self/environ' is not a file in this file's directory or below it",
            ),
        ),
        (
            {"main": MAIN.replace("[omsorg.yaml, skole/skole.yaml]", "omsorg.yaml")},
            ("kommune.yaml", 5, 8, "OM013", "parts: a list of file names, got 'omsorg.yaml'"),
        ),
        (
            {"omsorg": OMSORG.replace("part_of: kommune.yaml", "part_of: drammen.yaml")},
            (
                "omsorg.yaml",
                2,
                10,
                "OM013",
                "part_of: 'drammen.yaml' does not lead back to kommune.yaml, "
                "the main file that lists this part",
            ),
        ),
        (
            {"omsorg": OMSORG.replace("part_of: kommune.yaml\n", "")},
            (
                "omsorg.yaml",
                1,
                1,
                "OM013",
                "the part does not say which model it belongs to: 'part_of' is missing",
            ),
        ),
        (
            {"skole": SKOLE.replace("orgmodel-part: 1\n", "orgmodel-part: 2\n")},
            (
                "skole/skole.yaml",
                1,
                16,
                "OM013",
                "orgmodel-part: the format version is the whole number 1, got the number 2",
            ),
        ),
        (
            {"skole": "units:\n  - {id: x, name: X, level: 2, parent: radmann}\n"},
            (
                "skole/skole.yaml",
                1,
                1,
                "OM013",
                "the part 'skole/skole.yaml' does not start with 'orgmodel-part: 1', "
                "so it is not a part of a model",
            ),
        ),
        (
            {
                "skole": SKOLE.replace(
                    "part_of: ../kommune.yaml\n", "part_of: ../kommune.yaml\nstatus: adopted\n"
                )
            },
            (
                "skole/skole.yaml",
                3,
                1,
                "OM014",
                "'status' is a fact of the whole model; a part holds only lists "
                "(kommunedeler, sites, services, units, personas, committees, considerations, positions, "
                "forums, collaborations, agreements, projects)",
            ),
        ),
        (
            {"skole": SKOLE.replace("units:", "unit:")},
            ("skole/skole.yaml", 3, 1, "OM014", "unknown key 'unit' in a part"),
        ),
    ],
    ids=[
        "twice",
        "missing",
        "outside",
        "absolute",
        "not-a-list",
        "other-main",
        "no-part-of",
        "version",
        "not-a-part",
        "fact",
        "typo",
    ],
)
def test_each_load_error_is_at_its_cause(
    tmp_path: Path, changes: dict[str, str], expected: tuple[object, ...]
) -> None:
    main = model(tmp_path, **changes)
    name, line, col, code, message = expected
    assert found([main]) == [(str(tmp_path / str(name)), line, col, code, message)]


def test_a_suppression_in_a_part_silences_its_finding_and_an_unused_one_is_reported_there(
    tmp_path: Path,
) -> None:
    omsorg = OMSORG.replace(
        "  - {id: virk-a,", "  # orgmodel: ignore[level-skip] decided in the report (p. 3)\n  - {id: virk-a,"
    )
    skole = SKOLE + "  # orgmodel: ignore[level-skip] nothing to silence here\n"
    main = model(tmp_path, omsorg=omsorg, skole=skole)
    report = check_paths([main], ruleset="default")
    assert [(d.path, d.line, d.col, d.code) for d in report.diagnostics] == [
        (str(tmp_path / "skole/skole.yaml"), 5, 3, "OM091"),
    ]
    assert report.files[0].suppressed == 1
    assert [(s.path, s.line) for s in report.files[0].suppressions] == [
        (str(tmp_path / "omsorg.yaml"), 5),
        (str(tmp_path / "skole/skole.yaml"), 5),
    ]


def test_a_directory_scan_checks_each_model_once_with_its_parts(tmp_path: Path) -> None:
    model(tmp_path / "models")
    write(
        tmp_path / "models",
        {
            "other.yaml": "orgmodel: 1\nkommune: Annenby\n"
            "units:\n  - {id: r, name: R, level: 1, leader: Rådmann}\n"
        },
    )
    report = check_paths([tmp_path / "models"], ruleset="default")
    assert [f.path for f in report.files] == [
        str(tmp_path / "models/kommune.yaml"),
        str(tmp_path / "models/other.yaml"),
    ]
    assert [where(d) for d in report.diagnostics] == [(str(tmp_path / "models/omsorg.yaml"), 5, 34, "OM111")]


def test_parts_named_on_the_command_line_check_their_model_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model(tmp_path)
    monkeypatch.chdir(tmp_path)
    report = check_paths(["skole/skole.yaml", "omsorg.yaml", "kommune.yaml"], ruleset="default")
    assert [f.path for f in report.files] == ["kommune.yaml"]
    assert [where(d) for d in report.diagnostics] == [("omsorg.yaml", 5, 34, "OM111")]
    code, out, _ = run(
        "check", "omsorg.yaml", "skole/skole.yaml", "--ruleset", "default", "--format", "concise"
    )
    assert (code, out.splitlines()[0]) == (
        1,
        "omsorg.yaml:5:34: OM111 [warning] 'A' (virk-a) at level 4 reports to 'Omsorg' (ks-omsorg) "
        "at level 2, skipping 1 level",
    )


def test_a_part_its_main_does_not_list_and_a_part_without_a_main_are_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model(tmp_path, main=MAIN.replace("parts: [omsorg.yaml, skole/skole.yaml]", "parts: [omsorg.yaml]"))
    write(tmp_path, {"helse.yaml": "orgmodel-part: 1\npart_of: drammen.yaml\nunits: []\n"})
    monkeypatch.chdir(tmp_path)
    assert found(["skole/skole.yaml", "helse.yaml"]) == [
        (
            "omsorg.yaml",
            5,
            34,
            "OM111",
            "'A' (virk-a) at level 4 reports to 'Omsorg' (ks-omsorg) at level 2, skipping 1 level",
        ),
        ("skole/skole.yaml", 2, 10, "OM013", "kommune.yaml does not list this file in its 'parts:'"),
        ("helse.yaml", 2, 10, "OM013", "part_of: the main file 'drammen.yaml' does not exist"),
    ]
    write(tmp_path, {"helse.yaml": "orgmodel-part: 1\npart_of: ../../etc/passwd\nunits: []\n"})
    assert found(["helse.yaml"]) == [
        (
            "helse.yaml",
            2,
            10,
            "OM013",
            "part_of: '../../etc/passwd' is not a file in this file's directory or a directory above it",
        ),
    ]
    code, _, err = run("trace", "kari", "helse.yaml")
    assert code == 2 and "helse.yaml:2:10: part_of: '../../etc/passwd' is not a file" in err


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_diff_against_a_git_revision_reads_the_parts_at_that_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model(tmp_path / "models")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    omsorg = OMSORG.replace("level: 4, parent: ks-omsorg", "level: 3, parent: ks-omsorg")
    write(tmp_path / "models", {"omsorg.yaml": omsorg})
    monkeypatch.chdir(tmp_path)
    expected = [("unit-relevelled", "unit-relevelled:virk-a")]
    for args in (
        ["--base", "HEAD", "models/kommune.yaml"],
        ["HEAD:models/kommune.yaml", "models/kommune.yaml"],
        ["HEAD:models", "models"],
        ["--base", "HEAD", "models/omsorg.yaml"],  # a part: its model is compared
    ):
        code, out, err = run("diff", *args, "--ruleset", "default", "--format", "json")
        document = json.loads(out)
        changes = [(c["kind"], c["id"]) for f in document["files"] for c in f["changes"]]
        assert (code, changes[:1]) == (0, expected), (args, err)
        assert ("finding-resolved", "OM111") in [
            (c["kind"], c["id"].split(":")[1]) for f in document["files"] for c in f["changes"]
        ]
        assert len(document["files"]) == 1
