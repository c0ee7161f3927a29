"""Every output is an encoder: hostile names and file names never reach a terminal, a comment or a page raw.

A model whose names (units, leaders, kommunedeler, sites, services, personas,
the kommune) and whose file name hold any string is run through ``check``,
``trace`` and ``diff`` in every format of the registry (hypothesis). For each output:

- no raw control, format, separator, surrogate, private-use or unassigned
  character other than the format's own newline;
- Markdown, parsed with markdown-it-py, has exactly the structure (headings,
  lists, quotes, rules, links, images, raw HTML, tables, emphasis, code) of the
  same diff with every hostile string replaced by a plain word, and its text
  holds no ``@`` mention, ``#123`` reference or bare link;
- HTML has exactly the tags of the plain run;
- JSON parses and gives back the hostile strings unchanged.

``make test`` runs 12 examples; ``make fuzz`` a hundredth of ``ORGMODEL_FUZZ_EXAMPLES`` (100).
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from conftest import FIXTURES
from orgmodel.cli import app
from orgmodel.escape import is_unsafe
from orgmodel.formatters import formats_for

EXAMPLES = int(os.environ.get("ORGMODEL_FUZZ_EXAMPLES", "10000"))  # make fuzz: a hundredth of them here
BASE: dict[str, Any] = yaml.safe_load((FIXTURES / "models" / "small.yaml").read_text("utf-8"))

# Where a string goes: (path into the data, ...). The diff's NEW side changes one staff number.
SLOTS: list[tuple[Any, ...]] = [
    ("kommune",),
    ("proposal",),
    ("kommunedeler", 0, "name"),
    ("sites", 0, "name"),
    ("services", 0, "name"),
    *[("units", i, key) for i in range(5) for key in ("name", "leader")],
    ("personas", 0, "name"),
]

PAYLOADS = [
    "\x1b[2J\x1b]0;PWNED\x07",
    "\r\r# APPROVED BY SECURITY\r\r> quoted\r\r---",
    "\n# heading\n",
    "\u202egnp.exe",
    "\u2028- item\u2029",
    "@everyone",
    "@org/team",
    "#1",
    "owner/repo#12",
    "[link](https://evil.example)",
    "![img](https://evil.example/x.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt;",
    "&#64;x",
    "- x",
    "* x",
    "+ x",
    "> x",
    "1. x",
    "1) x",
    "---",
    "===",
    "    indented",
    "```",
    "`code`",
    "**bold** _em_ ~~del~~",
    "| a | b |",
    "\\",
    "[bold]x[/bold]",
    ":smile:",
    "$x^2$",
    "www.evil.example",
    "https://evil.example",
    "\x85\x9b31m\x7f\t",
    "\u200b\u200d\ufeff",
    "\U000e0041",
    "Bærum æøå",
]
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(PAYLOADS),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=6),
    ),
    min_size=1,
    max_size=3,
).map("".join)
NAMES = st.lists(HOSTILE, min_size=len(SLOTS) + 2, max_size=len(SLOTS) + 2)

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
STRUCTURE = {
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "list_item_open",
    "blockquote_open",
    "hr",
    "link_open",
    "image",
    "html_block",
    "html_inline",
    "code_block",
    "fence",
    "table_open",
    "tr_open",
    "td_open",
    "th_open",
    "em_open",
    "strong_open",
    "s_open",
    "code_inline",
    "paragraph_open",
}
REFERENCE = re.compile(r"@\w|#\d|://|www\.", re.IGNORECASE)


class QuotingDumper(yaml.SafeDumper):
    """Writes every text double-quoted: PyYAML's resolver is YAML 1.1's, so it would leave ``0E0`` plain,
    which orgmodel (YAML 1.2) reads as a number."""


QuotingDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


def model(names: list[str], staff: int) -> str:
    data = copy.deepcopy(BASE)
    for slot, name in zip(SLOTS, names, strict=False):
        node = data
        for key in slot[:-1]:
            node = node[key]
        node[slot[-1]] = name if name.strip() else f"{name}x"  # a blank name is a schema error
    data["units"][3]["staff"] = staff
    return yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False)


def file_name(name: str) -> str:
    cleaned = name.replace("/", "_").replace("\x00", "_").lstrip(".") or "m"
    while len(cleaned.encode()) > 120:
        cleaned = cleaned[:-1]
    return cleaned + ".yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "internal error" not in result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


def outputs(names: list[str], tmp: Path) -> dict[str, str]:
    """Every command's output in every format, for a model named with ``names``."""
    old_dir, new_dir = tmp / "old", tmp / "new"
    old_dir.mkdir()
    new_dir.mkdir()
    old = old_dir / file_name(names[-2])
    new = new_dir / file_name(names[-1])
    old.write_text(model(names, 12), encoding="utf-8")
    new.write_text(model(names, 70), encoding="utf-8")
    out: dict[str, str] = {}
    for fmt in formats_for("check"):
        code, out[f"check-{fmt}"], out[f"check-{fmt}-err"] = invoke(
            "check", "--ruleset", "default", "--format", fmt, str(new_dir)
        )
        assert code in (0, 1)
    for fmt in formats_for("trace"):
        trace = invoke("trace", "kari", str(new), "--format", fmt)
        code, out[f"trace-{fmt}"], out[f"trace-{fmt}-err"] = trace
        assert code in (0, 1)
    for fmt in formats_for("diff"):
        code, out[f"diff-{fmt}"], out[f"diff-{fmt}-err"] = invoke(
            "diff", "--ruleset", "default", "--format", fmt, str(old), str(new)
        )
        assert code in (0, 1)
    return out


def markdown_structure(text: str) -> list[tuple[str, str]]:
    shape: list[tuple[str, str]] = []
    for token in MARKDOWN.parse(text):
        for item in [token, *(token.children or [])]:
            if item.type in STRUCTURE:
                shape.append((item.type, item.content if item.type.startswith("html") else ""))
            if item.type == "text":
                assert not REFERENCE.search(item.content), item.content
    return shape


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)


def html_tags(text: str) -> list[str]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def examples(count: int) -> Any:
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@examples(12)
@given(names=NAMES)
def test_no_output_carries_hostile_text_raw(names: list[str]) -> None:
    no_output_carries_hostile_text_raw(names)


@pytest.mark.slow
@examples(max(12, EXAMPLES // 100))
@given(names=NAMES)
def test_no_output_carries_hostile_text_raw_long(names: list[str]) -> None:
    no_output_carries_hostile_text_raw(names)


def no_output_carries_hostile_text_raw(names: list[str]) -> None:
    """Every output of the hostile model is plain; Markdown and HTML have the plain model's structure."""
    plain = [f"n{sorted(set(names)).index(name)}" for name in names]  # the same equalities, no syntax
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        hostile, benign = outputs(names, Path(a)), outputs(plain, Path(b))
    for key, text in hostile.items():
        raw = sorted({f"U+{ord(c):04X}" for c in text if c != "\n" and is_unsafe(c)})
        assert not raw, (key, raw)
    assert markdown_structure(hostile["diff-markdown"]) == markdown_structure(benign["diff-markdown"])
    assert html_tags(hostile["diff-html"]) == html_tags(benign["diff-html"])
    journeys = json.loads(hostile["trace-json"])["journeys"]
    loaded = yaml.load(model(names, 70), Loader=yaml.CSafeLoader)  # libyaml folds a raw NEL, as we do
    assert journeys[0]["name"] == loaded["personas"][0]["name"]
    checked = json.loads(hostile["check-json"])
    assert [f["path"] for f in checked["files"]] == [str(Path(a) / "new" / file_name(names[-1]))]


@examples(15)
@given(ident=HOSTILE)
def test_a_hostile_id_is_reported_without_raw_text(ident: str) -> None:
    """An id that breaks the schema is quoted in the finding, in every output of every command."""
    data = copy.deepcopy(BASE)
    data["units"][4]["id"] = ident
    data["personas"][0]["needs"] = [ident]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / file_name(ident)
        path.write_text(yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True), encoding="utf-8")
        small = str(FIXTURES / "models" / "small.yaml")
        runs = [["check", "--ruleset", "default", "--format", f, str(path)] for f in formats_for("check")]
        runs += [["trace", "kari", "--format", f, str(path)] for f in formats_for("trace")]
        runs += [["diff", "--format", f, small, str(path)] for f in formats_for("diff")]
        for args in runs:
            code, out, err = invoke(*args)
            assert code in (0, 1, 2), (args, code, err)
            raw = sorted({f"U+{ord(c):04X}" for c in out + err if c != "\n" and is_unsafe(c)})
            assert not raw, (args, raw)
            if "markdown" in args:
                markdown_structure(out)  # no mention, reference or bare link in the text


EVERY_CONTROL = "".join(chr(c) for c in [*range(0x01, 0x20), *range(0x7F, 0xA0)])
EVERY_FORMAT = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
EVERYTHING = EVERY_CONTROL + EVERY_FORMAT + "\u2028\u2029" + "".join(PAYLOADS)


def test_every_control_and_syntax_character_at_once() -> None:
    """The issue's 'done when': every name and file name holds every control and syntax character."""
    names = [f"{i}{EVERYTHING}" if i % 2 else f"{EVERYTHING}{i}" for i in range(len(SLOTS))]
    syntax = "# > - 1. [x](y) ![i](z) <b>&amp; @all #1 | ` * _ ~ $ www.x https:"
    names += [f"{syntax}\x1b\r\n\u202e{side}" for side in ("old", "new")]  # a file name holds 255 bytes
    no_output_carries_hostile_text_raw(names)


def test_names_that_yaml_12_reads_as_numbers_or_booleans() -> None:
    """Found by hypothesis: a persona called ``0E0`` must stay text in the model the test writes."""
    words = ["0E0", "1e3", ".inf", "0x1F", "true", "null", "~", "0o17", "-.5", "1_000"]
    names = [words[i % len(words)] + ("" if i < len(words) else str(i)) for i in range(len(SLOTS) + 2)]
    no_output_carries_hostile_text_raw(names)
