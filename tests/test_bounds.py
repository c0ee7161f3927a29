"""Bounds on one file (issue 11): size, YAML values, units, findings, message length, big numbers.

Each bound reached is a diagnostic at a position (or exit 2 for a ruleset),
never an internal error, and files that are not models are reported without
quoting their contents.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from orgmodel.bounds import LimitError, Limits, nearest, parse_size, read_limited
from orgmodel.cli import app
from orgmodel.hints import suggest
from orgmodel.loader import load_bytes

SECRET = "ghp_s3cretTOKEN0123456789"


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout + result.stderr


def check_json(path: Path, env: dict[str, str] | None = None) -> tuple[int, list[dict[str, Any]]]:
    code, out = run("check", "--ruleset", "default", "--format", "json", path, env=env)
    return code, [d for f in json.loads(out)["files"] for d in f["diagnostics"]]


def where(diags: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    return [(d["line"], d["col"], d["code"]) for d in diags]


def write(tmp_path: Path, content: str | bytes, name: str = "model.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


MODEL = "orgmodel: 1\nkommune: K\nunits:\n  - {id: r, name: R, level: 1, leader: L}\n"


# --- file size ---------------------------------------------------------------------------------


def test_a_4_gib_sparse_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(4 * 2**30)
    code, diags = check_json(path)
    assert code == 2 and where(diags) == [(1, 1, "OM007")]
    assert diags[0]["message"] == (
        "the file cannot be read: it is 4 GiB, above the limit of 64 MiB for one file "
        "(a model of 100,000 units is about 15 MiB); set ORGMODEL_MAX_FILE_SIZE to raise it"
    )


def test_the_size_limit_is_set_by_an_environment_variable(tmp_path: Path) -> None:
    path = write(tmp_path, MODEL + "# " + "x" * 10_000 + "\n")
    code, diags = check_json(path, env={"ORGMODEL_MAX_FILE_SIZE": "8KiB"})  # the ruleset is 4.3 KiB
    assert code == 2 and where(diags) == [(1, 1, "OM007")]
    assert "it is 9.8 KiB, above the limit of 8 KiB" in diags[0]["message"]
    assert check_json(path, env={"ORGMODEL_MAX_FILE_SIZE": "1MiB"}) == (0, [])
    code, out = run("check", "--ruleset", "default", path, env={"ORGMODEL_MAX_FILE_SIZE": "lots"})
    assert code == 2 and "ORGMODEL_MAX_FILE_SIZE must be a size like 64MiB" in out


def test_a_file_of_unknown_size_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    status = Path("/proc/self/status")  # its size is 0 to stat
    if not status.exists():
        pytest.skip("no /proc on this system")
    with pytest.raises(LimitError, match=r"^it is larger than the limit of 10 bytes for one file"):
        read_limited(status, Limits(max_file_size=10))
    assert read_limited(status, Limits(max_file_size=100_000)).startswith(b"Name:")


@pytest.mark.parametrize(
    ("text", "size"), [("64MiB", 64 * 2**20), ("1 GiB", 2**30), ("500", 500), ("1kb", 1000)]
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size
    assert parse_size("-1") is None and parse_size("1 TB") is None


# --- contents that are not a model are never quoted --------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        f"https://planner:{SECRET}@github.com\n",  # ~/.git-credentials
        f"password: {SECRET}\nuser: planner\n",  # a mapping without 'orgmodel:'
        f"HOME=/root\x00TOKEN={SECRET}\x00PATH=/usr/bin\x00",  # /proc/self/environ
        f"- {SECRET}\n- b\n",
        f"[{SECRET}: {{\n",  # not valid YAML
        f"token: *{SECRET}\n",
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_file_that_is_not_a_model_is_not_quoted(tmp_path: Path, content: str, fmt: str) -> None:
    path = write(tmp_path, content, "creds.yaml")
    code, out = run("check", "--ruleset", "default", "--format", fmt, path)
    assert code == 1
    assert SECRET not in out and "s3cret" not in out
    assert "not-a-model" in out or "OM004" in out


def test_a_model_with_a_syntax_error_is_still_quoted(tmp_path: Path) -> None:
    code, out = run("check", "--ruleset", "default", write(tmp_path, MODEL + "  - {id: x, name: @Y}\n"))
    assert code == 1 and "OM001" in out and "{id: x" in out


# --- YAML values, units, findings ---------------------------------------------------------------


@pytest.mark.parametrize("pure", [False, True])
def test_too_many_yaml_values_are_refused_before_the_tree_is_built(pure: bool) -> None:
    raw = b"orgmodel: 1\nunits: [" + b",".join([b"{}"] * 5_000) + b"]\n"
    doc = load_bytes("f.yaml", raw, pure=pure, limits=Limits(max_nodes=1_000))
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [
        (2, 9 + 3 * 995, "OM012")
    ]  # the 1,001st value: the 996th unit
    assert doc.diagnostics[0].message == "the file holds more than 1,000 YAML values; orgmodel stops here"
    assert load_bytes("f.yaml", raw, pure=pure, limits=Limits(max_nodes=5_005)).ok


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize("through", ["scalar", "mapping"])
def test_aliases_that_repeat_text_beyond_the_bound_are_refused(pure: bool, through: str) -> None:
    # a hostile pull request's 8 MB file named 100,000 units with one aliased name of 10,000
    # characters: 'orgmodel report' built 20 GiB of HTML from it
    name = "x" * 9_000
    anchor = f'&n "{name}"' if through == "scalar" else f'&n {{name: "{name}"}}'
    alias = "*n"
    units = [f"  - {{id: u0, name: {anchor}, level: 1}}"] if through == "scalar" else [f"  - {anchor}"]
    units += [f"  - {{id: u{i}, name: {alias}, level: 2, parent: u0}}" for i in range(1, 1_200)]
    if through == "mapping":
        units = ["  - {id: u0, name: top, level: 1}", f"sites:\n  - {anchor}"]
        units += ["  - *n"] * 1_200
    raw = ("orgmodel: 1\nkommune: X\nunits:\n" + "\n".join(units) + "\n").encode()
    doc = load_bytes("f.yaml", raw, pure=pure)
    assert [d.code for d in doc.diagnostics] == ["OM005"] and doc.data is None
    assert doc.diagnostics[0].message.startswith(
        "aliases repeat text in this file to more than 10,000,000 characters beyond its own"
    )
    first_alias = raw.decode().splitlines().index(next(u for u in raw.decode().splitlines() if "*n" in u))
    assert doc.diagnostics[0].line == first_alias + 1
    fewer = raw.replace(b"x" * 9_000, b"x" * 500)  # 1,200 aliases of 500 characters: a model
    assert not [d for d in load_bytes("f.yaml", fewer, pure=pure).diagnostics if d.code == "OM005"]


def test_too_many_units_are_one_finding(tmp_path: Path) -> None:
    path = write(tmp_path, "orgmodel: 1\nkommune: K\nunits: [" + ",".join(["{}"] * 200_001) + "]\n")
    code, diags = check_json(path)
    assert code == 1 and where(diags) == [(3, 1, "OM012")]
    assert diags[0]["message"] == "units: 200,001 units, more than orgmodel checks in one file (200,000)"


@pytest.mark.parametrize("count", [10_000, 100_000])
def test_many_empty_units_give_the_first_1000_findings_and_a_count(tmp_path: Path, count: int) -> None:
    path = write(tmp_path, "orgmodel: 1\nkommune: K\nunits: [" + ",".join(["{}"] * count) + "]\n")
    if count == 10_000:  # text output once; it renders 1,001 findings whatever the count
        code, out = run("check", "--ruleset", "default", path)
        assert code == 1
        lines = [line for line in out.splitlines() if line.startswith(str(path))]
        assert len(lines) == 1_001 + 1  # 1,000 findings, the count of the rest, "the rules did not run"
    code, diags = check_json(path)
    assert len(diags) == 1_001
    assert where(diags[:2]) == [(3, 9, "OM010"), (3, 12, "OM010")]
    assert diags[0]["message"] == "units[0]: the required keys 'id', 'name' and 'level' are missing"
    assert diags[-1]["code"] == "OM012" and diags[-1]["severity"] == "error"
    assert diags[-1]["message"] == (
        f"{count - 1_000:,} more findings in this file are not shown (only the first 1,000 are)"
    )


def test_a_1_mb_key_is_clipped_in_messages(tmp_path: Path) -> None:
    key = "k" * 1_000_000
    text = f"orgmodel: 1\nkommune: &b {key}\nunits:\n" + "".join(
        f"  - {{id: u{i}, name: U, level: 1, ? *b : 1}}\n" for i in range(8)
    )
    code, diags = check_json(write(tmp_path, text))
    assert code == 1 and len(diags) == 9
    assert diags[0]["message"] == "kommune: is longer than 10000 characters"
    assert diags[1]["message"] == f"units[0] (id 'u0'): unknown key '{'k' * 59}…'"
    assert max(len(d["message"]) for d in diags) < 200
    many = text + "".join(f"  - {{id: v{i}, name: V, level: 1, ? *b : 1}}\n" for i in range(192))
    code, diags = check_json(write(tmp_path, many))  # 200 MB of one key: the alias bound
    assert code == 1 and [d["code"] for d in diags] == ["OM005"]


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["1" * 5_000, "0x" + "f" * 5_000, "-" + "9" * 4_301, "!!int " + "7" * 5_000]
)
def test_an_integer_of_thousands_of_digits_is_a_diagnostic(tmp_path: Path, value: str) -> None:
    text = MODEL + f"  - {{id: a, staff: {value}, name: A, level: 2, parent: r}}\n"
    code, diags = check_json(write(tmp_path, text))
    assert code == 1 and where(diags) == [(5, 20, "OM012")]
    assert diags[0]["message"].startswith("a whole number of ")
    assert diags[0]["message"].endswith(" digits; orgmodel reads up to 100 digits")


def test_a_ruleset_version_of_thousands_of_digits_is_exit_2(tmp_path: Path) -> None:
    ruleset = write(tmp_path, "orgmodel-ruleset: " + "9" * 5_000 + "\n", "rules.yaml")
    code, out = run("check", "--ruleset", ruleset, write(tmp_path, MODEL))
    assert code == 2
    assert "rules.yaml:1:19: OM012" in out and "Traceback" not in out and "internal error" not in out


# --- merge keys --------------------------------------------------------------------------------


@pytest.mark.parametrize("pure", [False, True])
def test_a_duplicate_merge_key_is_om002(pure: bool) -> None:
    doc = load_bytes("f.yaml", b"u:\n  <<: {staff: 1}\n  <<: {staff: 2}\n  name: x\n", pure=pure)
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(3, 3, "OM002")]
    assert doc.diagnostics[0].message == "the key '<<' appears twice in this mapping (first on line 2)"
    assert doc.diagnostics[0].hint == "merge all of them with one key: '<<: [*first, *second]'"
    quoted = load_bytes("f.yaml", b'u:\n  <<: {staff: 1}\n  "<<": 2\n', pure=pure)
    assert quoted.ok and quoted.data == {"u": {"<<": 2, "staff": 1}}


# --- through the command line -------------------------------------------------------------------


@pytest.mark.parametrize("version", ["true", "1.0", '"1"'])
def test_a_loose_version_is_an_error_with_a_hint(tmp_path: Path, version: str) -> None:
    code, diags = check_json(write(tmp_path, MODEL.replace("orgmodel: 1", f"orgmodel: {version}")))
    assert code == 1 and where(diags) == [(1, 11, "OM010")]
    assert diags[0]["hint"] == "write: orgmodel: 1"


def test_a_duplicate_merge_key_in_a_unit(tmp_path: Path) -> None:
    text = (
        MODEL
        + "  - id: a\n    <<: {staff: 1}\n    <<: {staff: 2}\n    name: A\n    level: 2\n    parent: r\n"
    )
    code, diags = check_json(write(tmp_path, text))
    assert code == 1 and where(diags) == [(7, 5, "OM002")]


def test_a_symlinked_credentials_file_never_reaches_check_or_diff_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    write(repo / "models", MODEL, "a.yaml")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t.invalid"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one model"], check=True)
    creds = write(tmp_path, f"https://planner:{SECRET}@github.com\n", "git-credentials")
    (repo / "models" / "creds.yaml").symlink_to(creds)
    monkeypatch.chdir(repo)
    for fmt in ("text", "json"):
        _, out = run("check", "--ruleset", "default", "--format", fmt, "models")
        assert SECRET not in out  # a directory scan may skip the link; it never quotes the file
        code, out = run("check", "--ruleset", "default", "--format", fmt, "models/creds.yaml")
        assert code == 1 and SECRET not in out and "OM006" in out
    for fmt in ("text", "markdown", "json"):
        _, out = run("diff", "--format", fmt, "HEAD:models/", "models/")
        assert SECRET not in out
        _, out = run("diff", "--format", fmt, "models/a.yaml", "models/creds.yaml")
        assert SECRET not in out and "OM006" in out


def test_only_a_regular_file_is_opened_and_a_pipe_never_waited_on(tmp_path: Path) -> None:
    from orgmodel.bounds import read_limited
    from orgmodel.files import open_regular

    (tmp_path / "model.yaml").write_bytes(b"orgmodel: 1\n")
    with open_regular(tmp_path / "model.yaml") as handle:
        assert handle.read() == b"orgmodel: 1\n"
    os.mkfifo(tmp_path / "pipe")  # no writer: a blocking open would wait for ever
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    for target in ("pipe", "zero.yaml"):
        with pytest.raises(OSError, match="not a regular file"):
            read_limited(tmp_path / target)


def test_a_did_you_mean_compares_a_slip_with_the_nearest_choices_only() -> None:
    ids = [f"{'avdeling-for-helse-' * 4}{n:05}" for n in range(16_000)]
    kept = nearest("Sykehjem-nord", [*ids, "sykehjem-nord", "sykehjem-sor"], limit=2)
    assert kept == ["sykehjem-nord", "sykehjem-sor"]
    assert nearest("a", ["b", "c"], limit=5) == ["b", "c"]
    assert suggest("sykehjemm-nord", [*ids, "sykehjem-nord"]) == "sykehjem-nord"
    assert suggest(ids[123][:-1] + "x", ids) is not None


def test_a_quoted_name_over_the_limit_is_clipped_for_people() -> None:
    """Tour J finding 13: a finding quoting a name of 10,000 characters filled the report's screen."""
    from orgmodel.bounds import NAME_LIMIT, clip_name, clip_quoted

    huge = "Å" * 10_000
    assert clip_name(huge) == "Å" * (NAME_LIMIT - 1) + "…"
    message = f"'{huge}' (virk-ppt) has a span of control of 80, above the ruleset's limit of 60"
    assert clip_quoted(message) == (
        f"'{'Å' * (NAME_LIMIT - 1)}…' (virk-ppt) has a span of control of 80, above the ruleset's limit of 60"
    )
    # an apostrophe is no quote, and a quoted name within the limit stays whole
    plain = "the ruleset's " + "x" * 200 + " and 'Alfa skole' (skole-alfa)"
    assert clip_quoted(plain) == plain
