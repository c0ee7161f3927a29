"""``orgmodel fmt``: the layout it writes, what it keeps, when it writes, and its exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.api import check_text
from orgmodel.cli import app
from orgmodel.fmt import format_bytes, write_atomic

MESSY = """\
# Testby: a model written by hand
units:
- name: Rådmannens lederteam
  id: radmann
  level: 1   # the top team
- {name: Omsorg, level: 1, id: dir-omsorg, parent: radmann, kind: direktorområde}
# the pilot
- id: pilot
  name: Pilot
  # orgmodel: ignore[level-skip] reports straight to the direktør (report p. 17)
  level: 3
  kind: knutepunkt
  parent: dir-omsorg
kommune: "no"
orgmodel: 1
kommunenummer: "3005"
"""

FORMATTED = """\
# Testby: a model written by hand
orgmodel: 1
kommune: "no"
kommunenummer: "3005"
units:
  - id: radmann
    name: Rådmannens lederteam
    level: 1  # the top team
  - {id: dir-omsorg, name: Omsorg, kind: direktorområde, level: 1, parent: radmann}
  # the pilot
  - id: pilot
    name: Pilot
    kind: knutepunkt
    # orgmodel: ignore[level-skip] reports straight to the direktør (report p. 17)
    level: 3
    parent: dir-omsorg
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_layout_key_order_indentation_quotes_and_comments() -> None:
    result = format_bytes("messy.yaml", MESSY.encode())
    assert result.problem is None
    assert result.formatted == FORMATTED.encode()


def test_the_suppression_stays_on_the_line_it_suppresses() -> None:
    before = check_text(MESSY, name="m.yaml", ruleset="default")
    after = check_text(FORMATTED, name="m.yaml", ruleset="default")
    assert (before.suppressed, after.suppressed) == (1, 1)
    assert sorted(d.fingerprint for d in after.diagnostics) == sorted(
        d.fingerprint for d in before.diagnostics
    )
    assert [(s.first, s.last, s.rules) for s in after.suppressions] == [(15, 15, ["level-skip"])]
    assert FORMATTED.splitlines()[14] == "    level: 3"


def test_a_comment_after_a_block_scalar_or_at_the_end_keeps_its_place() -> None:
    # a Kristiansand planner's 'mandate: >' followed by a note: fmt indented the note as the folded
    # text, so it became part of it and fmt refused the file ("the data would change"); and a note
    # at column 0 closing the file was moved into the last unit
    head = "orgmodel: 1\nkommune: X\nunits:\n  - id: a\n    name: A\n    level: 1\n"
    for text in (
        head + "    description: >\n      Første linje\n      andre linje\n# sluttkommentar\n",
        head + "    description: Tekst\n# sluttkommentar\n",
        head.replace("level: 1\n", "level: 1\n    leader: Rektor\n")
        + "    description: |\n      Første linje\n    # om enheten\n"
        + "  - {id: b, name: B, level: 2, parent: a}\n",
    ):
        result = format_bytes("m.yaml", text.encode())
        assert result.problem is None, text
        assert result.formatted == text.encode()


def test_yes_no_on_and_numbers_as_text_stay_as_written() -> None:
    text = (
        'orgmodel: 1\nkommune: no\nkommunenummer: "0301"\nproposal: yes\ndescription: on\n'
        "units:\n  - {id: a, name: 'off', level: 1, leader: \"Yes\"}\n"
    )
    assert format_bytes("m.yaml", text.encode()).formatted == text.encode()


def test_anchors_and_aliases_are_kept() -> None:
    text = (
        "orgmodel: 1\nkommune: X\nservices:\n  - {id: s1, name: S}\nunits:\n"
        "  - &top {id: a, name: A, level: 1}\n  - {id: b, name: B, level: 2, parent: a, delivers: &d [s1]}\n"
        "  - {id: c, name: C, level: 2, parent: a, delivers: *d}\n"
    )
    assert format_bytes("m.yaml", text.encode()).formatted == text.encode()


def test_a_flow_unit_stays_on_one_line_however_long_and_a_block_unit_stays_block() -> None:
    name = "Omsorgstjenester " * 10
    text = f"orgmodel: 1\nkommune: X\nunits:\n  - {{level: 1, id: a, name: {name.strip()}}}\n  - id: b\n"
    text += "    level: 2\n    name: B\n    parent: a\n"
    expected = f"orgmodel: 1\nkommune: X\nunits:\n  - {{id: a, name: {name.strip()}, level: 1}}\n  - id: b\n"
    expected += "    name: B\n    level: 2\n    parent: a\n"
    assert format_bytes("m.yaml", text.encode()).formatted == expected.encode()


def test_crlf_line_breaks_a_bom_and_a_document_start_with_comments_above_it_are_kept() -> None:
    text = "\ufeff# lead\n%YAML 1.2\n---\norgmodel: 1\nkommune: X\nunits:\n- {name: A, id: a, level: 1}\n"
    raw = text.replace("\n", "\r\n").encode()
    expected = text.replace("- {name: A, id: a", "  - {id: a, name: A").replace("\n", "\r\n").encode()
    assert format_bytes("m.yaml", raw).formatted == expected


def test_a_comment_inside_a_flow_mapping_over_several_lines_refuses_the_file() -> None:
    text = "orgmodel: 1\nkommune: X\nunits: [{id: a,\n    name: A,  # the top\n    level: 1}]\n"
    result = format_bytes("m.yaml", text.encode())
    assert result.formatted is None
    assert result.problem == (
        "formatting it would change more than the layout: the comment on line 4 would be lost or changed "
        "(# the top)"
    )


def test_a_comment_inside_a_flow_sequence_over_several_lines_is_named_by_its_line() -> None:
    # a tour's planner wrote 'sites: [' / 'a,  # rådhuset' / ']': the refusal gave no line
    text = "orgmodel: 1\nkommune: X\nunits:\n  - id: a\n    name: A\n    level: 1\n    sites: [\n"
    text += "      s1,  # rådhuset\n      s2\n    ]\nsites: [{id: s1, name: S1}, {id: s2, name: S2}]\n"
    result = format_bytes("m.yaml", text.encode())
    assert result.formatted is None
    assert result.problem is not None and result.problem.endswith(
        "the comment on line 8 would be lost or changed (# rådhuset)"
    )


def test_check_lists_the_files_that_would_change_and_writes_nothing(tmp_path: Path) -> None:
    messy, tidy = tmp_path / "messy.yaml", tmp_path / "tidy.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(FORMATTED, encoding="utf-8")
    code, out, err = run("fmt", "--check", str(tmp_path))
    assert (code, out) == (1, f"would reformat {messy}\n")
    assert err == "1 file would be reformatted, 1 file already formatted\n"
    assert messy.read_text(encoding="utf-8") == MESSY
    assert run("fmt", "--check", str(tidy)) == (
        0,
        "",
        "0 files would be reformatted, 1 file already formatted\n",
    )


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("orgmodel: 1\nkommune: X\nunits:\n  - {name: A, id: a, level: 1}\n", encoding="utf-8")
    code, out, _ = run("fmt", "--diff", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"--- {path}",
        f"+++ {path} (formatted)",
        "@@ -1,4 +1,4 @@",
        " orgmodel: 1",
        " kommune: X",
        " units:",
        "-  - {name: A, id: a, level: 1}",
        "+  - {id: a, name: A, level: 1}",
    ]
    assert path.read_text(encoding="utf-8").endswith("{name: A, id: a, level: 1}\n")


def test_fmt_writes_the_file_and_a_second_run_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MESSY, encoding="utf-8")
    path.chmod(0o640)
    assert run("fmt", str(path)) == (
        0,
        f"reformatted {path}\n",
        "1 file reformatted, 0 files left unchanged\n",
    )
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert path.stat().st_mode & 0o777 == 0o640
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino
    assert run("fmt", str(path)) == (0, "", "0 files reformatted, 1 file left unchanged\n")
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == (1_000_000_000, inode)
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]  # no temporary file left behind


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert run("fmt", str(link))[0] == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FORMATTED


def test_a_link_out_of_its_repository_is_never_written_through(tmp_path: Path) -> None:
    # a pull request commits models/x.yaml as a link to a file elsewhere; 'orgmodel fmt models/*.yaml'
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(MESSY, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    link = repo / "x.yaml"
    link.symlink_to(outside)
    code, out, err = run("fmt", str(link))
    assert (code, out) == (2, "")
    assert f"{link}: not written: a symbolic link that leads out of its repository; left as it is" in err
    assert outside.read_text(encoding="utf-8") == MESSY


BROKEN = [FIXTURES / "invalid" / "broken-yaml.yaml", FIXTURES / "invalid" / "dangling-parent.yaml"]


@pytest.mark.parametrize("fixture", BROKEN, ids=lambda p: p.stem)
def test_a_file_with_load_errors_is_refused_with_exit_2_and_left_untouched(
    fixture: Path, tmp_path: Path
) -> None:
    path = tmp_path / fixture.name
    path.write_bytes(fixture.read_bytes())
    before = path.stat().st_mtime_ns
    code, out, err = run("fmt", str(path))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:") and " OM0" in lines[0]
    why = "it has errors 'orgmodel check' reports; fix them first"
    assert f"orgmodel: {path}: not formatted: {why}; left as it is" in lines
    assert lines[-1] == "0 files reformatted, 0 files left unchanged, 1 file refused"
    assert path.read_bytes() == fixture.read_bytes() and path.stat().st_mtime_ns == before


def test_a_ruleset_is_skipped_with_a_note_and_left_untouched(tmp_path: Path) -> None:
    ruleset = tmp_path / "rules.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules:   {max-levels: {max: 5}}\n", encoding="utf-8")
    code, out, err = run("fmt", str(ruleset))
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"orgmodel: note: {ruleset}: skipped, not a model: it starts with 'orgmodel-ruleset:', "
        "so it is a ruleset, not a model",
        "0 files reformatted, 0 files left unchanged",
    ]
    assert ruleset.read_text(encoding="utf-8") == "orgmodel-ruleset: 1\nrules:   {max-levels: {max: 5}}\n"


def test_without_paths_the_configured_paths_are_formatted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("fmt") == (
        2,
        "",
        "orgmodel: no paths given and no .orgmodel.yaml with 'paths:' found; try 'orgmodel fmt models/'\n",
    )
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.yaml").write_text(MESSY, encoding="utf-8")
    (tmp_path / ".orgmodel.yaml").write_text("paths: [models]\n", encoding="utf-8")
    assert run("fmt", "--check") == (
        1,
        "would reformat models/m.yaml\n",
        "1 file would be reformatted, 0 files already formatted\n",
    )


def test_a_missing_path_is_a_usage_error() -> None:
    code, out, err = run("fmt", "no/such/file.yaml")
    assert (code, out, err) == (2, "", "orgmodel: no/such/file.yaml: no such file or directory\n")


def test_write_atomic_refuses_a_file_that_changed_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("changed by someone else\n", encoding="utf-8")
    with pytest.raises(OSError, match="changed while it was being formatted"):
        write_atomic(path, FORMATTED.encode(), MESSY.encode())
    assert path.read_text(encoding="utf-8") == "changed by someone else\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]


def _read_only(directory: Path) -> Callable[[], None]:
    """Make ``directory`` unwritable (mode 555; for root, which ignores the mode, the immutable flag).

    Returns what undoes it; skips the test where neither stops a write.
    """
    directory.chmod(0o555)
    immutable = (
        os.geteuid() == 0
        and shutil.which("chattr") is not None
        and subprocess.run(["chattr", "+i", str(directory)], capture_output=True).returncode == 0
    )

    def undo() -> None:
        if immutable:
            subprocess.run(["chattr", "-i", str(directory)], check=True)
        directory.chmod(0o755)

    try:
        (directory / ".probe").touch()
    except OSError:
        return undo
    (directory / ".probe").unlink()
    undo()
    pytest.skip("this file system lets the test write into a read-only directory")


def test_a_file_that_cannot_be_written_is_reported_with_exit_2(tmp_path: Path) -> None:
    directory = tmp_path / "models"
    directory.mkdir()
    path = directory / "m.yaml"
    path.write_text(MESSY, encoding="utf-8")
    undo = _read_only(directory)
    try:
        code, out, err = run("fmt", str(path))
    finally:
        undo()
    assert (code, out) == (2, "")
    why = "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
    assert err.splitlines() == [
        f"orgmodel: {path}: not written: {why}; left as it is",
        "0 files reformatted, 0 files left unchanged, 1 file refused",
    ]
    assert path.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in directory.iterdir()] == ["m.yaml"]


def test_checking_never_imports_ruamel_yaml() -> None:
    script = (
        "import sys; from orgmodel.api import check_paths; check_paths(['models/']);"
        "print(any(name.startswith('ruamel') for name in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout == "False\n"


def test_a_utf16_file_is_refused() -> None:
    raw = "orgmodel: 1\nkommune: X\nunits:\n  - {name: A, id: a, level: 1}\n".encode("utf-16")
    result = format_bytes("m.yaml", raw)
    assert (result.formatted, result.problem) == (
        None,
        "the file is UTF-16; fmt writes UTF-8 only (save it as UTF-8 first)",
    )


def test_a_mapping_keeps_its_order_when_a_comment_stands_above_the_key_that_would_come_first() -> None:
    text = "orgmodel: 1\nkommune: X\nunits:\n  - name: A\n    # the top unit\n    id: a\n    level: 1\n"
    assert format_bytes("m.yaml", text.encode()).formatted == text.encode()
    moved = text.replace("    # the top unit\n", "")
    expected = "orgmodel: 1\nkommune: X\nunits:\n  - id: a\n    name: A\n    level: 1\n"
    assert format_bytes("m.yaml", moved.encode()).formatted == expected.encode()


def test_the_diff_and_the_file_names_show_unsafe_characters_as_escapes(tmp_path: Path) -> None:
    path = tmp_path / "utkast\u202e.yaml"
    path.write_text(
        'orgmodel: 1\nkommune: X\nunits:\n  - {name: "A\u202eB", id: a, level: 1}\n', encoding="utf-8"
    )
    code, out, _ = run("fmt", "--diff", str(path))
    assert code == 1 and "\u202e" not in out
    shown = str(path).replace("\u202e", "\\u202e")
    assert out.splitlines()[0] == f"--- {shown}"
    assert out.splitlines()[-1] == '+  - {id: a, name: "A\\u202eB", level: 1}'
    code, out, _ = run("fmt", str(path))
    assert (code, out) == (0, f"reformatted {shown}\n")
    assert "\u202e" in path.read_text(encoding="utf-8")  # the file keeps the character itself


def test_directory_scans_skip_what_the_configuration_excludes_as_check_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models" / "arkiv").mkdir(parents=True)
    (tmp_path / "models" / "m.yaml").write_text(MESSY, encoding="utf-8")
    (tmp_path / "models" / "arkiv" / "old.yaml").write_text(MESSY, encoding="utf-8")
    (tmp_path / "models" / "notes.yaml").write_text("agenda: [budsjett]\n", encoding="utf-8")
    (tmp_path / ".orgmodel.yaml").write_text(
        "paths: [models]\nextend-exclude: [models/arkiv/]\n", encoding="utf-8"
    )
    assert run("fmt", "--check") == (
        1,
        "would reformat models/m.yaml\n",
        "1 file would be reformatted, 0 files already formatted\n",
    )
    assert run("check", "--show-files")[:2] == (0, "models/m.yaml\n")  # what check reads


def test_a_model_on_stdin_is_formatted_to_stdout() -> None:
    result = CliRunner().invoke(app, ["fmt", "-"], input=MESSY)
    assert (result.exit_code, result.stdout, result.stderr) == (0, FORMATTED, "")
    result = CliRunner().invoke(app, ["fmt", "--check", "-"], input=MESSY)
    assert (result.exit_code, result.stdout) == (1, "")
    result = CliRunner().invoke(app, ["fmt", "--diff", "-"], input=FORMATTED)
    assert (result.exit_code, result.stdout) == (0, "")
    result = CliRunner().invoke(app, ["fmt", "-"], input="orgmodel: 1\nunits: [\n")
    assert (result.exit_code, result.stdout) == (2, "")
    why = "it has errors 'orgmodel check' reports; fix them first"
    assert result.stderr.splitlines()[-1] == f"orgmodel: <stdin>: not formatted: {why}; left as it is"


def test_a_tab_ruamel_cannot_read_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text(
        "orgmodel: 1\nkommune: T\nunits:\n  - id: a\n    name: A \t# c\n    level: 1\n", encoding="utf-8"
    )
    code, out, err = run("fmt", "--check", str(path))
    assert (code, out) == (2, "")
    assert (
        f"{path}: not formatted: fmt's YAML library cannot read line 5 as it is written (found character "
        "'\\t' that cannot start any token); a tab there is the usual cause: write spaces; left as it is"
    ) in err
