"""Hostile input: whatever a file holds, ``orgmodel check`` gives a diagnostic, never a traceback or a hang.

Every case runs the command line (typer's CliRunner in this process, or the
installed console script in a subprocess with a timeout where a hang or a
crash of the interpreter would otherwise go unseen) and asserts the exit code
(1 for findings, 2 for usage errors) and the diagnostic's code and position.
Nothing is timed (speed is a ``make bench`` row); a subprocess has a timeout of
minutes only so that a real hang ends. Big inputs are generated in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.engine import check_file, check_paths
from orgmodel.formatters import formats_for
from orgmodel.ruleset import load_ruleset

ROOT = Path(__file__).parent.parent
SMALL = ROOT / "tests" / "fixtures" / "models" / "small.yaml"
ORGMODEL = Path(sys.executable).parent / "orgmodel"


def run(*args: str | Path) -> tuple[int, str, str]:
    """Run ``orgmodel`` in this process; no exception but SystemExit may escape.

    No test here times anything (a loaded machine would fail it): speed is a ``make bench`` row.
    """
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def run_process(*args: str | Path, timeout: float = 600.0) -> subprocess.CompletedProcess[str]:
    """Run the installed console script; only a real hang (minutes) fails through the timeout."""
    proc = subprocess.run(
        [str(ORGMODEL), *map(str, args)], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def check_json(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and diagnostics of ``orgmodel check --format json path``."""
    code, out, _ = run("check", "--ruleset", "default", "--format", "json", *extra, path)
    return code, [d for f in json.loads(out)["files"] for d in f["diagnostics"]]


def where(diagnostics: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    return [(d["line"], d["col"], d["code"]) for d in diagnostics]


def write(tmp_path: Path, content: str | bytes, name: str = "model.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- YAML that expands, nests or grows without bound ------------------------------------------


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["orgmodel: 1", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    code, diags = check_json(write(tmp_path, "\n".join(lines) + "\n"))
    assert code == 1
    assert where(diags) == [(6, 4, "OM005")]
    assert "alias bomb" in diags[0]["message"]


def test_an_alias_that_contains_itself(tmp_path: Path) -> None:
    code, diags = check_json(write(tmp_path, "orgmodel: 1\nx: &a [*a]\n"))
    assert code == 1 and [d["code"] for d in diags] == ["OM001"]


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")])
def test_10000_levels_of_flow_nesting(tmp_path: Path, opening: str, closing: str) -> None:
    text = "orgmodel: 1\nx: " + opening * 10_000 + "1" * (opening != "[") + closing * 10_000 + "\n"
    code, diags = check_json(write(tmp_path, text))
    assert code == 1
    assert [(d["line"], d["code"]) for d in diags] == [(2, "OM001")]
    assert diags[0]["message"] == "invalid YAML: exceeded maximum nesting depth (1000 levels)"


def test_2000_levels_of_block_nesting(tmp_path: Path) -> None:
    text = "orgmodel: 1\nx:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(2_000))
    code, diags = check_json(write(tmp_path, text))
    assert code == 1 and where(diags) == [(1001, 1001, "OM001")]


@pytest.mark.parametrize("quote", ['"', ""])
def test_a_50_mb_scalar(tmp_path: Path, quote: str) -> None:
    text = f"orgmodel: 1\nkommune: {quote}{'x' * 50_000_000}{quote}\nunits: []\n"
    code, diags = check_json(write(tmp_path, text))
    assert code == 1
    assert where(diags) == [(2, 10, "OM010"), (3, 8, "OM010")]
    assert diags[0]["message"] == "kommune: is longer than 10000 characters"


def test_a_50_mb_file_of_one_plain_scalar(tmp_path: Path) -> None:
    code, diags = check_json(write(tmp_path, "x" * 50_000_000 + "\n"))
    assert code == 1 and where(diags) == [(1, 1, "OM006")]
    assert len(diags[0]["message"]) < 200


# --- bytes that are not UTF-8 text -------------------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    code, diags = check_json(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40))
    assert code == 1 and where(diags) == [(1, 1, "OM004")]
    assert "binary data" in diags[0]["message"]


def test_latin1_file(tmp_path: Path) -> None:
    code, diags = check_json(write(tmp_path, "orgmodel: 1\nkommune: Bærum\n".encode("cp1252")))
    assert code == 1 and where(diags) == [(2, 11, "OM004")]
    assert "not UTF-8" in diags[0]["message"]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_control_characters(tmp_path: Path, char: str) -> None:
    code, diags = check_json(write(tmp_path, f"orgmodel: 1\nkommune: Dram{char}men\n"))
    assert code == 1 and where(diags) == [(2, 14, "OM004")]
    assert f"U+{ord(char):04X}" in diags[0]["message"]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    ],
    ids=["utf-8 BOM", "utf-16 LE BOM", "utf-16 BE BOM"],
)
def test_byte_order_marks_are_read(tmp_path: Path, encode: Any) -> None:
    code, diags = check_json(write(tmp_path, encode(SMALL.read_text("utf-8"))))
    assert (code, diags) == (0, [])


def test_crlf_line_endings_keep_every_position(tmp_path: Path) -> None:
    text = SMALL.read_text("utf-8").replace("    budget: true\n    decides", "    budget: false\n    decides")
    _, lf = check_json(write(tmp_path, text, "lf.yaml"))
    code, crlf = check_json(write(tmp_path, text.replace("\n", "\r\n").encode(), "crlf.yaml"))
    assert code == 1 and where(crlf) == where(lf) != []
    assert check_json(write(tmp_path, SMALL.read_text("utf-8").replace("\n", "\r\n")))[0] == 0


# --- files that are not models -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (1, 1, "OM006")),
        ("   \n\n", (1, 1, "OM006")),
        ("# a comment only\n", (1, 1, "OM006")),
        ("- orgmodel: 1\n- kommune: x\n", (1, 1, "OM006")),
        ("just a sentence\n", (1, 1, "OM006")),
        ("3005\n", (1, 1, "OM006")),
        ("~\n", (1, 1, "OM006")),
        ("kommune: Drammen\n", (1, 1, "OM006")),
        ("orgmodel: 2\nkommune: x\nunits: [{id: a, name: A, level: 1}]\n", (1, 11, "OM010")),
    ],
    ids=["empty", "blank", "comment", "list", "scalar", "number", "null", "no version", "version 2"],
)
def test_not_a_model(tmp_path: Path, text: str, expected: tuple[int, int, str]) -> None:
    code, diags = check_json(write(tmp_path, text))
    assert code == 1 and where(diags) == [expected]


def test_duplicate_keys(tmp_path: Path) -> None:
    text = SMALL.read_text("utf-8").replace("kommune: Testby\n", "kommune: Testby\nkommune: Annenby\n")
    text = text.replace("    staff: 12\n", "    staff: 12\n    staff: 13\n")
    code, diags = check_json(write(tmp_path, text))
    assert code == 1 and where(diags) == [(3, 1, "OM002"), (35, 5, "OM002")]
    assert "first on line 2" in diags[0]["message"] and "first on line 34" in diags[1]["message"]


# --- tags: never constructed, never run --------------------------------------------------------

PAYLOADS = [
    "!!python/object/apply:os.system ['touch {pwned}']",
    "!!python/object/apply:builtins.exec [\"open('{pwned}', 'w')\"]",
    "!!python/object/apply:subprocess.check_call [['touch', '{pwned}']]",
    "!!python/object/new:builtins.open ['{pwned}', 'w']",
    "!!python/object:builtins.open {{file: '{pwned}'}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!python/list [1]",
    "!!python/dict {{a: 1}}",
    "!!python/str x",
    "!!python/unicode x",
    "!!python/bytes eA==",
    "!!python/int 1",
    "!!python/long 1",
    "!!python/float 1",
    "!!python/complex 1+2j",
    "!!python/bool true",
    "!!python/none ''",
    "!!binary aGVsbG8=",
    "!!timestamp 2001-12-14",
    "!!set {{a, b}}",
    "!!omap [{{a: 1}}]",
    "!!pairs [{{a: 1}}]",
    "!!value x",
    "!custom x",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {pwned}']",
    "!<tag:example.com,2024:unit> x",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_tags_are_refused_and_nothing_runs(tmp_path: Path, payload: str) -> None:
    pwned = tmp_path / "pwned"
    value = payload.format(pwned=pwned)
    code, diags = check_json(write(tmp_path, f"orgmodel: 1\nkommune: Drammen\nunits:\n  - name: {value}\n"))
    assert code == 1 and where(diags) == [(4, 11, "OM003")]
    assert not pwned.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.yaml"]


@pytest.mark.parametrize(
    "text",
    [
        "orgmodel: 1\n!!python/name:os.system key: x\n",
        "orgmodel: 1\n? !!python/object/apply:os.system ['touch {pwned}']\n: x\n",
        "orgmodel: 1\nbase: &b !!python/object/apply:os.system ['touch {pwned}']\nx: *b\n",
        "orgmodel: 1\nx:\n  <<: !!python/object/apply:os.system ['touch {pwned}']\n",
        "%TAG !py! tag:yaml.org,2002:python/\n---\norgmodel: 1\n"
        "x: !py!object/apply:os.system ['touch {pwned}']\n",
        "orgmodel: 1\nx: !!python/object/apply:os.system\n  args: ['touch {pwned}']\n",
    ],
    ids=["on a key", "on a complex key", "behind an alias", "in a merge", "through %TAG", "block style"],
)
def test_tags_anywhere_are_refused(tmp_path: Path, text: str) -> None:
    pwned = tmp_path / "pwned"
    code, diags = check_json(write(tmp_path, text.format(pwned=pwned)))
    assert code == 1 and [d["code"] for d in diags] == ["OM001" if "? " in text else "OM003"]
    assert not pwned.exists()


def test_tags_in_the_real_console_script(tmp_path: Path) -> None:
    pwned = tmp_path / "pwned"
    path = write(tmp_path, f"orgmodel: 1\nkommune: !!python/object/apply:os.system ['touch {pwned}']\n")
    proc = run_process("check", path)
    assert proc.returncode == 1 and ":2:10: OM003 forbidden-tag" in proc.stdout
    assert not pwned.exists()


@pytest.mark.parametrize("module", ["typer", "yaml", "pydantic", "rich"])
def test_python_m_orgmodel_never_imports_a_module_from_the_checkout(tmp_path: Path, module: str) -> None:
    pwned = tmp_path / "pwned"
    (tmp_path / f"{module}.py").write_text(f"open({str(pwned)!r}, 'w').close()\n", encoding="utf-8")
    write(tmp_path, "orgmodel: 1\nkommune: X\nunits:\n  - {id: r, name: R, level: 1, leader: L}\n")
    for args in (["check", "model.yaml"], ["rules"], ["check", "--format", "sarif", "model.yaml"]):
        command = [sys.executable, "-m", "orgmodel", *args]
        proc = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    assert not pwned.exists()


def test_a_stream_that_cannot_show_norwegian_letters_gets_question_marks(tmp_path: Path) -> None:
    unit = "  - {id: r, name: Rådmannens kontor, level: 1}\n"
    path = write(tmp_path, f"orgmodel: 1\nkommune: Bærum\nunits:\n{unit}")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}

    def run_ascii(*args: str) -> str:
        command = [str(ORGMODEL), *args]
        proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
        assert proc.returncode == 1 and "internal error" not in proc.stderr, proc.stderr
        return proc.stdout

    assert "'R?dmannens kontor' (r) names no leader" in run_ascii("check", str(path))
    assert "'R?dmannens kontor' (r) nevner ingen leder" in run_ascii("--lang", "nb", "check", str(path))
    assert json.loads(run_ascii("check", "--format", "json", str(path)))["summary"]["errors"] == 1


# --- models that point at themselves -----------------------------------------------------------


def _ring(count: int, field: str) -> str:
    lines = ["orgmodel: 1", "kommune: Ring", "units:", "  - {id: top, name: Top, level: 1, leader: L}"]
    for i in range(count):
        nxt = f"u{(i + 1) % count}"
        link = f"functional: [{nxt}], parent: top" if field == "functional" else f"parent: {nxt}"
        lines.append(f"  - {{id: u{i}, name: U{i}, level: 2, leader: L, budget: true, {link}}}")
    return "\n".join(lines) + "\n"


def test_a_circle_of_10000_professional_lines(tmp_path: Path) -> None:
    code, diags = check_json(write(tmp_path, _ring(10_000, "functional")), "--select", "OM131")
    assert code == 1 and where(diags) == [(5, 72, "OM131")]
    assert "closes a circle" in diags[0]["message"] and "u9999" in diags[0]["message"]


def test_a_circle_of_10000_personnel_lines(tmp_path: Path) -> None:
    code, diags = check_json(write(tmp_path, _ring(10_000, "parent")))
    assert code == 1
    assert [d["code"] for d in diags if d["code"] in ("OM102", "OM103")] == ["OM102"]


# --- paths: many files, FIFOs, directories, files that vanish ---------------------------------


def test_a_directory_of_2000_files(tmp_path: Path) -> None:
    text = SMALL.read_text("utf-8")
    for i in range(2_000):
        staff = "    staff: many\n" if i % 10 == 0 else "    staff: 25\n"
        write(
            tmp_path,
            text.replace("    staff: 25\n", staff),
            f"m{i:04d}.yaml",
        )
        write(tmp_path, "not a model", f"notes{i:04d}.txt")
    code, out, _ = run("check", "--ruleset", "default", tmp_path)
    assert code == 1
    last = out.splitlines()[-1]
    assert last.endswith("in 2000 files (9000 units checked; the rules did not run on 200 files)")
    assert out.count("OM010 schema") == 200


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)
    proc = run_process("check", fifo)
    assert proc.returncode == 2 and "not a regular file or directory" in proc.stderr
    shutil.copy(SMALL, tmp_path / "real.yaml")
    proc = run_process("check", "--ruleset", "default", tmp_path)  # the FIFO in a directory is skipped
    assert proc.returncode == 0 and "in 1 file" in proc.stdout


def test_directories_where_files_are_expected(tmp_path: Path) -> None:
    (tmp_path / "models" / "looks-like.yaml").mkdir(parents=True)
    os.symlink(tmp_path / "models", tmp_path / "models" / "loop")
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / "models" / "dangling.yaml")
    code, out, _ = run("check", tmp_path / "models")
    assert code == 0 and "no model files found" in out
    code, _, err = run("check", "--ruleset", tmp_path / "models", SMALL)
    assert code == 2 and "does not exist or is not a file" in err
    result = check_file(tmp_path / "models" / "looks-like.yaml", [])
    assert [(d.code, d.line, d.col) for d in result.diagnostics] == [("OM007", 1, 1)]


def test_a_file_that_vanishes_before_it_is_read(tmp_path: Path) -> None:
    gone = write(tmp_path, SMALL.read_text("utf-8"), "gone.yaml")
    rules = load_ruleset(None).instances()
    gone.unlink()
    result = check_file(gone, rules)
    assert [(d.code, d.line, d.col) for d in result.diagnostics] == [("OM007", 1, 1)]
    assert "No such file or directory" in result.diagnostics[0].message
    assert not result.rules_run
    code, _, err = run("check", gone)
    assert code == 2 and "no such file or directory" in err


def test_a_file_that_vanishes_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(SMALL, tmp_path / name)
    import orgmodel.engine as engine

    listed = list(engine.iter_model_files([tmp_path]))
    (tmp_path / "b.yaml").unlink()
    monkeypatch.setattr(engine, "discover", lambda paths, exclusion=None: engine.Discovery(listed))
    report = check_paths([tmp_path], load_ruleset(None))
    assert [(Path(f.path).name, [d.code for d in f.diagnostics]) for f in report.files] == [
        ("a.yaml", []),
        ("b.yaml", ["OM007"]),
    ]


def test_an_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = write(tmp_path, SMALL.read_text("utf-8"))
    path.chmod(0)
    try:
        code, diags = check_json(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert code == 2 and [d["code"] for d in diags] == ["OM007"]


def _snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(directory)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
    }


def test_check_never_writes_into_the_inputs_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(SMALL, models / "small.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "invalid" / "broken-yaml.yaml", models / "broken.yaml")
    write(models, SMALL.read_text("utf-8").replace("budget: true", "budget: false"), "findings.yaml")
    before = _snapshot(tmp_path)
    monkeypatch.chdir(models)
    for fmt in formats_for("check"):
        run("check", "--ruleset", "default", "--format", fmt, "--timings", models)
        run("check", "--ruleset", "default", "--format", fmt, models / "small.yaml")
    proc = run_process("check", "--ruleset", "default", models)
    assert proc.returncode == 1
    assert _snapshot(tmp_path) == before


def test_a_key_without_a_space_on_a_line_of_200000_spaces(tmp_path: Path) -> None:
    # the hint's pattern once backtracked over every space (quadratic: 98 s for 80,000 of them)
    text = "orgmodel: 1\nkommune: Testby\nunits:\n" + "ab:cd" + " " * 200_000 + "x\n"
    code, diags = check_json(write(tmp_path, text))
    assert code == 1
    assert [(d["code"], d["line"]) for d in diags] == [("OM001", 4)]


def test_a_unit_with_40000_unknown_keys(tmp_path: Path) -> None:
    # each unknown key's position was found by scanning the whole mapping (quadratic: 234 s)
    keys = ", ".join(f"k{i}: 1" for i in range(40_000))
    text = f"orgmodel: 1\nkommune: Testby\nunits:\n  - {{id: a, name: A, level: 1, {keys}}}\n"
    code, diags = check_json(write(tmp_path, text))
    assert code == 1
    assert [d["code"] for d in diags[:1000]] == ["OM011"] * 1000
    assert len(diags) == 1001  # and one finding saying how many more there are


def test_stats_of_a_personnel_line_20000_units_deep(tmp_path: Path) -> None:
    # every unit's areas and role were found by walking up its line (quadratic: 53 s at 20,000)
    lines = ["orgmodel: 1", "kommune: Testby", "units:", "  - {id: u0, name: U0, level: 1}"]
    lines += [f"  - {{id: u{i}, name: U{i}, level: 2, parent: u{i - 1}}}" for i in range(1, 20_000)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    code, out, _err = run("stats", path, "--format", "json")
    assert code == 0
    stats = json.loads(out)["stats"]
    assert stats["units"] == 20_000 and stats["graph"]["depth"] == 19_999
