"""The escaping functions, and the issue's examples through the command line (issue 11 items 2 and 4)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel import escape
from orgmodel.cli import app
from orgmodel.formatters.console import make_console

SMALL = (FIXTURES / "models" / "small.yaml").read_text("utf-8")
ISSUE = r'"\e[2J\e]0;PWNED\a"'  # the issue's example, written with YAML escapes


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
        ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),
        ("\u202eabc\u2066", "\\u202eabc\\u2066"),
        ("x\u2028y\u2029z", "x\\u2028y\\u2029z"),
        ("\u200d\ufeff", "\\u200d\\ufeff"),
        ("\U000e0041", "\\U000e0041"),
        ("bad\udcff.yaml", "bad\\xff.yaml"),  # an undecodable byte of a file name
        ("Bærum æøå 🏛 [bold]", "Bærum æøå 🏛 [bold]"),
        ("a\u00a0b", "a\u00a0b"),  # a no-break space is text, not a control
    ],
)
def test_text_shows_unsafe_characters_visibly(raw: str, shown: str) -> None:
    assert escape.text(raw) == shown


def test_text_lines_keeps_line_ends() -> None:
    assert escape.text_lines("a\x1b\nb\r\n") == "a\\x1b\nb\\r\n"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("x\r\r# APPROVED\r\r> q\r\r---", "x\\\\r\\\\r# APPROVED\\\\r\\\\r> q\\\\r\\\\r---"),
        ("# heading", "\\# heading"),
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("===", "\\==="),
        ("  # two spaces", "&#32;&#32;\\# two spaces"),
        ("[a](b) ![i](c)", "\\[a\\](b) \\!\\[i\\](c)"),
        ("<b>&amp;", "&lt;b>&amp;amp;"),
        ("*a* _b_ `c` ~d~ $e$ |", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\$e\\$ \\|"),
        ("@everyone @org/team", "@&#8203;everyone @&#8203;org/team"),
        ("#1 owner/repo#2", "\\#&#8203;1 owner/repo#&#8203;2"),
        ("https://x.example www.y.example", "https:&#8203;//x.example www&#8203;.y.example"),
        ("a\\b", "a\\\\b"),
        ("Hjemmetjenester Nord (hjemme-nord) 12 -> 70", "Hjemmetjenester Nord (hjemme-nord) 12 -> 70"),
    ],
)
def test_markdown_neutralises_syntax(raw: str, shown: str) -> None:
    assert escape.markdown(raw) == shown


@pytest.mark.parametrize(
    ("raw", "table", "shown"),
    [
        ("models/x.yaml", False, "`models/x.yaml`"),
        ("a`b", False, "``a`b``"),
        ("`a", False, "`` `a ``"),
        ("a\nb|c", True, "`a\\nb\\|c`"),
        ("", False, "`  `"),
    ],
)
def test_markdown_code_span_cannot_be_closed_from_inside(raw: str, table: bool, shown: str) -> None:
    assert escape.markdown_code(raw, table=table) == shown


def test_markdown_renders_as_the_text_itself() -> None:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    raw = "1. # [x](y) <i>a</i> **b** `c` | d ~~e~~ &amp; \\"
    tokens = parser.parse(f"- {escape.markdown(raw)}\n")
    inline = next(t for t in tokens if t.type == "inline")
    assert [c.type for c in inline.children or []] == ["text"]
    assert (inline.children or [])[0].content == raw


def test_html_escapes_markup_and_shows_controls() -> None:
    assert escape.html('<a href="x">\x1b\u202e') == "&lt;a href=&quot;x&quot;&gt;\\x1b\\u202e"


def test_json_keeps_the_data_and_writes_unsafe_characters_as_escapes() -> None:
    data = {"name": "a\x1b\x7f\x85\u202e\u2028\U000e0041\udcffæ", "n": [1, None]}
    text = escape.json_dumps(data)
    assert json.loads(text) == data
    assert text.isascii() is False and "æ" in text  # ordinary letters stay readable
    assert not any(escape.is_unsafe(c) for c in text if c != "\n")
    assert "\\u001b" in text and "\\u007f" in text and "\\udb40\\udc41" in text


# --- the issue's examples through the command line ---------------------------------------------


def hostile_model(tmp_path: Path) -> Path:
    text = SMALL.replace("name: Hjemmetjenester Nord", f"name: {ISSUE}")
    text = text.replace('name: "Kari, 84"', 'name: "Kari \\u202e\\r\\r# APPROVED @everyone [bold]x[/bold]"')
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_names_with_terminal_escapes_are_shown_visibly_in_trace(tmp_path: Path) -> None:
    code, out, _ = invoke("trace", "kari", str(hostile_model(tmp_path)))
    assert code == 0
    lines = out.splitlines()
    title = "Kari \\u202e\\r\\r# APPROVED @everyone [bold]x[/bold] (kari) · lives in kommunedel 1 Nord"
    assert lines[0] == title
    assert "   delivered  ✓ in kommunedel 1 Nord, by \\x1b[2J\\x1b]0;PWNED\\x07 (hjemme-nord)" in lines
    assert "\x1b" not in out and "\u202e" not in out and "\r" not in out


def test_raw_escape_bytes_in_a_quoted_source_line(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_bytes(SMALL.replace("    staff: 25\n", "    staff: 25  # \x1b[31mred\u202e\n").encode())
    code, out, _ = invoke("check", "--ruleset", "default", str(path))
    assert code == 1
    assert out.splitlines()[:3] == [
        f"{path}:42:18: OM004 encoding [error] the file contains the control character U+001B, "
        "which YAML does not allow (only tab and line breaks are)",
        "    42 |     staff: 25  # \\x1b[31mred\\u202e",
        "       |                  ^^^^",
    ]


def test_a_file_name_with_escapes_in_a_directory_scan(tmp_path: Path) -> None:
    name = "m\x1b]0;PWNED\x07\n.yaml"
    (tmp_path / name).write_text(SMALL.replace("staff: 25", "staff: many"), encoding="utf-8")
    code, out, _ = invoke("check", "--ruleset", "default", str(tmp_path))
    assert code == 1
    shown = f"{tmp_path}/m\\x1b]0;PWNED\\x07\\n.yaml"
    assert out.splitlines()[0].startswith(f"{shown}:42:12: OM010 schema [error] ")
    assert f"{shown}: the rules did not run; fix the errors above first" in out.splitlines()
    assert "\x1b" not in out and "\x07" not in out


def test_names_in_ruleset_and_usage_errors_are_escaped(tmp_path: Path) -> None:
    ruleset = tmp_path / "r\x1b[2J.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules:\n  span-of-contro\x1b[31ml: {}\n", encoding="utf-8")
    code, _, err = invoke("check", "--ruleset", str(ruleset), str(FIXTURES / "models" / "small.yaml"))
    assert code == 2
    assert "\x1b" not in err and "r\\x1b[2J.yaml" in err
    code, _, err = invoke("trace", "nobody\x1b[2J", str(hostile_model(tmp_path)))
    assert code == 2
    assert err == "orgmodel: no persona has the id 'nobody\\x1b[2J' (personas: kari)\n"


def test_model_text_is_never_rich_markup(tmp_path: Path) -> None:
    code, out, _ = invoke("trace", "kari", str(hostile_model(tmp_path)), "--color")
    assert code == 0
    assert "[bold]x[/bold]" in out  # printed as written, not turned into bold
    assert "\x1b[1mx" not in out


def test_the_git_driver_fallback_escapes_the_text_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(b"a\n")
    new.write_bytes(b"b\x1b[2J\n")
    name = "notes\x1b]0;x\x07.txt"
    code, out, err = invoke("diff", name, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644")
    assert code == 0
    assert err.startswith("orgmodel: notes\\x1b]0;x\\x07.txt is not a model orgmodel can compare (")
    assert "\x1b" not in err and "\x07" not in err
    assert out.splitlines()[:2] == ["--- a/notes\\x1b]0;x\\x07.txt", "+++ b/notes\\x1b]0;x\\x07.txt"]
    assert "+b\\x1b[2J" in out.splitlines() and "\x1b" not in out


# --- colour: NO_COLOR, --color, --no-color -----------------------------------------------------


def styled(console: Console) -> bool:
    console.print("x", style="red")
    stream = console.file
    assert isinstance(stream, io.StringIO)
    return "\x1b[" in stream.getvalue()


@pytest.mark.parametrize(
    ("env", "color", "expected"),
    [
        ({}, None, True),
        ({"NO_COLOR": "1"}, None, False),
        ({"NO_COLOR": ""}, None, True),  # no-color.org: present and not empty
        ({"NO_COLOR": "1"}, True, True),  # a command-line flag overrides NO_COLOR
        ({}, False, False),
    ],
)
def test_no_color_on_a_terminal(
    env: dict[str, str], color: bool | None, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich treats the stream as a terminal
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    console = make_console(io.StringIO(), color)
    assert console.is_terminal is (color is not False)
    assert styled(console) is expected


def test_check_honours_no_color_and_color_beats_it() -> None:
    bad = str(FIXTURES / "invalid" / "misspelled-key.yaml")
    _, out, _ = invoke("check", "--ruleset", "default", "--color", bad, env={"NO_COLOR": "1"})
    assert "\x1b[" in out
    _, out, _ = invoke("check", "--ruleset", "default", bad, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[3" not in out  # FORCE_COLOR makes a terminal; NO_COLOR still removes the colours


def test_rules_has_no_color() -> None:
    code, out, _ = invoke("rules", "--no-color")
    assert code == 0 and "OM111" in out and "level-skip" in out and "\x1b[" not in out
    code, out, _ = invoke("rules", "--color")
    assert code == 0 and "\x1b[" in out


def test_the_summary_says_info_like_the_option(tmp_path: Path) -> None:
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text(
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  span-of-control: {severity: info}\n", "utf-8"
    )
    model = tmp_path / "m.yaml"
    model.write_text(SMALL.replace("staff: 25", "staff: 70"), encoding="utf-8")
    code, out, _ = invoke("check", "--ruleset", str(ruleset), "--select", "OM120", str(model))
    assert code == 0
    assert f"{model}:42:12: OM120 span-of-control [info] " in out
    assert out.splitlines()[-1] == "! 0 errors, 0 warnings, 1 info in 1 file (5 units checked)"


def test_the_git_driver_header_escapes_the_path(tmp_path: Path) -> None:
    model = FIXTURES / "models" / "small.yaml"
    name = "models/x\x1b[2J\u202e.yaml"
    code, out, _ = invoke("diff", name, str(model), "0" * 40, "100644", str(model), "1" * 40, "100644")
    assert code == 0
    shown = "models/x\\x1b[2J\\u202e.yaml"
    assert out.splitlines()[0] == f"orgmodel diff a/{shown} -> b/{shown}  (5 -> 5 units)"


def test_the_diff_says_info_too(tmp_path: Path) -> None:
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text(
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  span-of-control: {severity: info}\n", "utf-8"
    )
    new = tmp_path / "m.yaml"
    new.write_text(SMALL.replace("staff: 12", "staff: 70").replace("staff: 25", "staff: 80"), "utf-8")
    small = str(FIXTURES / "models" / "small.yaml")
    code, out, _ = invoke("diff", "--ruleset", str(ruleset), small, str(new))
    assert code == 0
    assert "  2 new findings (2 info), 0 resolved, 0 changed, 0 unchanged" in out.splitlines()


def test_notes_on_links_not_followed_escape_the_link_name(tmp_path: Path) -> None:
    scan = tmp_path / "models"
    scan.mkdir()
    (scan / "m.yaml").write_text(SMALL, encoding="utf-8")
    outside = tmp_path / "secret.yaml"
    outside.write_text(SMALL, encoding="utf-8")
    (scan / "l\x1b[2J.yaml").symlink_to(outside)
    note = f"orgmodel: note: {scan}/l\\x1b[2J.yaml: not read: a symbolic link that leads out of {scan}"
    for args in (["check", "--ruleset", "default", str(scan)], ["trace", "kari", str(scan)]):
        code, _, err = invoke(*args)
        assert code == 0, err
        assert err.startswith(note) and "\x1b" not in err


def test_an_undecodable_file_name_shows_its_byte(tmp_path: Path) -> None:
    raw = SMALL.replace("staff: 25", "staff: many").encode()
    with open(bytes(tmp_path) + b"/m\xff.yaml", "wb") as handle:
        handle.write(raw)
    code, out, _ = invoke("check", "--ruleset", "default", str(tmp_path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{tmp_path}/m\\xff.yaml:42:12: OM010 schema [error] ")
    code, out, _ = invoke("check", "--ruleset", "default", "--format", "json", str(tmp_path))
    assert json.loads(out)["files"][0]["path"] == f"{tmp_path}/m\udcff.yaml"  # os.fsdecode's form


def test_csv_cell_never_starts_a_formula() -> None:
    from orgmodel.escape import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "+47", "-x", "@SUM(A1)", "Skole", "a=b")] == [
        "'=1+1",
        "'+47",
        "'-x",
        "'@SUM(A1)",
        "Skole",
        "a=b",
    ]
    assert csv_cell("\x1b=x") == "\\x1b=x"  # shown escaped, and no longer a formula


def test_a_line_that_would_be_a_workflow_command_is_defused() -> None:
    # a hostile pull request's ruleset: summary "S.\n::error::from-summary" reached 'orgmodel explain'
    # as a line GitHub's runner reads as a command (it trims leading blanks first)
    assert (
        escape.text_lines("S.\n::error::x\n  ::add-mask::y\nok :: z")
        == "S.\n\\::error::x\n  \\::add-mask::y\nok :: z"
    )
