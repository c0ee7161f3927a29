"""The pure-Python YAML path gives the same diagnostics as libyaml's C path.

``load_bytes(..., pure=True)`` composes with PyYAML's Python parser, for
machines without libyaml. Both paths must report the same (line, col, code,
message) for every fixture, shipped model and ruleset, and for the broken
inputs below; the loader rewrites the two parsers' different wordings into
one (``_canonical``) and checks control characters and nesting depth itself.

Known divergences, where the two parsers disagree on the YAML grammar itself
rather than on words (found by the byte-mutation fuzzing in test_fuzz.py;
both paths still give a diagnostic or valid data, never a traceback):

- tabs used as separation space (``a:\tb``, ``- \tx``): libyaml accepts
  many of them, PyYAML reports "found character '\t' that cannot start any
  token";
- a ':' right after a plain scalar inside a flow collection (``{a:b}``,
  ``[a:]``): libyaml reports "found unexpected ':'", PyYAML reads a key or
  reports a different place;
- unknown directives (``%FOO``): libyaml refuses them, PyYAML ignores them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orgmodel.engine import check_bytes
from orgmodel.loader import HAVE_LIBYAML, load_bytes
from orgmodel.rule import Rule
from orgmodel.ruleset import load_ruleset

ROOT = Path(__file__).parent.parent
FILES = sorted(
    [
        *(ROOT / "tests" / "fixtures").rglob("*.yaml"),
        *(ROOT / "tests" / "fixtures").rglob("*.yml"),
        *(ROOT / "models").glob("*.yaml"),
        *(ROOT / "rules").glob("*.yaml"),
    ]
)


def _block(levels: int, key: str = "a", sep: str = ":") -> str:
    return (
        "".join(" " * i + key + sep + "\n" for i in range(levels - 1))
        + " " * (levels - 1)
        + key
        + sep
        + " 1\n"
    )


BROKEN: dict[str, bytes] = {
    "tab indentation": b"orgmodel: 1\nunits:\n\t- id: a\n",
    "unclosed quote": b'orgmodel: 1\nkommune: "abc\nunits: []\n',
    "unclosed bracket": b"orgmodel: 1\nunits: [a, b\n",
    "unclosed brace": b"orgmodel: 1\nunits: [{id: a, name: b\n",
    "bad indentation": b"orgmodel: 1\nunits:\n  - id: a\n   name: b\n",
    "stray dedent in a list": b"orgmodel: 1\nunits:\n  - id: a\n - id: b\n",
    "two documents": b"orgmodel: 1\n---\norgmodel: 1\n",
    "colon in a plain value": b"orgmodel: 1\nkommune: a: b\n",
    "undefined alias": b"orgmodel: 1\nkommune: *nowhere\n",
    "duplicate anchor": b"orgmodel: 1\na: &x 1\nb: &x 2\n",
    "list entry in a flow list": b"orgmodel: 1\nx: [a, - b]\n",
    "unknown escape": b'orgmodel: 1\nk: "a\\qb"\n',
    "bad anchor": b"orgmodel: 1\nk: &\n",
    "bad alias": b"orgmodel: 1\nk: * x\n",
    "bad block scalar header": b"orgmodel: 1\nk: |x\n  b\n",
    "zero block indentation": b"orgmodel: 1\nk: |0\n  b\n",
    "character that starts no token": b"orgmodel: 1\nk: a\n@x: 1\n",
    "stray closing bracket": b"orgmodel: 1\n]\n",
    "YAML 2.0 directive": b"%YAML 2.0\n---\norgmodel: 1\n",
    "bad tag": b"orgmodel: 1\nk: !<x y\n",
    "complex key": b"orgmodel: 1\n? [a]\n: b\n",
    "python tag": b"orgmodel: 1\nkommune: !!python/object/apply:os.system [echo]\n",
    "custom tag": b"orgmodel: 1\nkommune: !custom x\n",
    "bad int": b"orgmodel: 1\nkommune: !!int abc\n",
    "duplicate key": b"orgmodel: 1\nkommune: a\nkommune: b\n",
    "empty": b"",
    "only a comment": b"# nothing\n",
    "a list": b"- a\n- b\n",
    "a scalar": b"just text\n",
    "control character": b"orgmodel: 1\nkommune: a\x07b\n",
    "NUL byte": b"orgmodel: 1\nkommune: a\x00b\n",
    "C1 control character": "orgmodel: 1\nkommune: a\x90b\n".encode(),
    "Latin-1": "orgmodel: 1\nkommune: Bærum\n".encode("latin-1"),
    "UTF-8 BOM": b"\xef\xbb\xbforgmodel: 1\nkommune: [\n",
    "UTF-16": "orgmodel: 1\nkommune: [\n".encode("utf-16"),
    "CRLF": b"orgmodel: 1\r\nkommune: x\r\nunits:\r\n  - id: a\r\n    name: b\r\n     level: 1\r\n",
    "alias bomb": (
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n".encode()
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        )
    ),
    "recursive alias": b"x: &a [*a]\n",
    "flow nesting 1,001": b"[" * 1001 + b"]" * 1001 + b"\n",
    "flow nesting 10,000 in a mapping": b"orgmodel: 1\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "flow mapping nesting 1,001": b"{a: " * 1001 + b"1" + b"}" * 1001 + b"\n",
    "block nesting 1,000": _block(1000).encode(),
    "block nesting 1,000 with spaced keys": _block(1000, "abc", "   :").encode(),
    "block nesting 1,000 with quoted keys": _block(1000, '"q"').encode(),
    "complex-key nesting 1,000": (
        "".join(" " * i + "? k\n" + " " * i + ":\n" for i in range(999)) + " " * 999 + "? k\n"
    ).encode(),
    "block and flow nesting": (_block(2).rstrip("\n")[:-1] + "[" * 999 + "]" * 999 + "\n").encode(),
    "nesting 950 (over the builder's 900)": b"[" * 950 + b"]" * 950 + b"\n",
    "quote closed lines later": b'orgmodel: 1\nkommune: "abc\nunits:\n  - id: a\n    name: "b"\n',
    "unclosed single quote": b"orgmodel: 1\nkommune: 'abc\nunits: []\n",
    "unclosed brace before the next entry": b"orgmodel: 1\nunits:\n  - {id: a, name: b\n  - {id: c}\n",
    "missing comma in a flow mapping": b"orgmodel: 1\nunits: [{id: a name: b}]\n",
    "no space after a colon": b"orgmodel: 1\nunits:\n  - id: a\n    staff:12\n    level: 1\n",
    "a colon in a plain value": b"orgmodel: 1\nunits:\n  - id: a\n    name: Helse: omsorg\n",
    "indented one column too far": b"orgmodel: 1\nunits:\n  - id: a\n     name: b\n    level: 1\n",
    "indented one column too little": b"orgmodel: 1\nunits:\n  - id: a\n   name: b\n",
}


@pytest.fixture(scope="module")
def rules() -> list[Rule[Any]]:
    return load_ruleset(ROOT / "rules" / "default.yaml").instances()


def _diagnostics(raw: bytes, rules: list[Rule[Any]], *, pure: bool) -> list[tuple[int, int, str, str]]:
    result = check_bytes("model.yaml", raw, rules, pure=pure)
    return [(d.line, d.col, d.code, d.message) for d in result.diagnostics]


def test_every_fixture_is_covered() -> None:
    assert len(FILES) >= 10
    assert HAVE_LIBYAML, "libyaml is missing: the C path would silently be the pure path"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_files_give_identical_diagnostics(path: Path, rules: list[Rule[Any]]) -> None:
    raw = path.read_bytes()
    assert _diagnostics(raw, rules, pure=True) == _diagnostics(raw, rules, pure=False)


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_inputs_give_identical_diagnostics(name: str, rules: list[Rule[Any]]) -> None:
    raw = BROKEN[name]
    fast = _diagnostics(raw, rules, pure=False)
    assert fast, "every broken input gives at least one diagnostic"
    assert _diagnostics(raw, rules, pure=True) == fast


def test_valid_files_give_identical_data() -> None:
    for path in FILES:
        raw = path.read_bytes()
        fast, pure = load_bytes(str(path), raw), load_bytes(str(path), raw, pure=True)
        assert fast.ok == pure.ok
        if fast.ok:
            assert pure.data == fast.data, path


def test_messages_name_what_libyaml_leaves_out() -> None:
    """The canonical messages keep PyYAML's detail: the alias, the anchor, the character."""
    messages = {
        name: d[0].message for name in BROKEN if (d := load_bytes("model.yaml", BROKEN[name]).diagnostics)
    }
    assert messages["undefined alias"] == (
        "invalid YAML: an alias ('*name') must name an anchor ('&name') defined above it"
        " (found undefined alias 'nowhere')"
    )
    assert messages["duplicate anchor"] == "invalid YAML: the anchor '&x' is defined twice (first on line 2)"
    assert messages["unknown escape"].endswith("(found unknown escape character 'q')")
    assert messages["character that starts no token"] == (
        "invalid YAML: a value cannot start with this character; put the value in quotes"
        " (found character '@' that cannot start any token)"
    )
    assert messages["control character"].startswith("the file contains the control character U+0007")
    assert messages["flow nesting 1,001"] == "invalid YAML: exceeded maximum nesting depth (1000 levels)"


def test_control_characters_are_found_at_their_line_and_column() -> None:
    doc = load_bytes("f.yaml", "orgmodel: 1\nkommune: Bærum\x0c\n".encode())
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(2, 15, "OM004")]
    assert "U+000C" in doc.diagnostics[0].message
    # a byte order mark inside the text and NEL are allowed by YAML
    assert not load_bytes("f.yaml", "a: b\ufeffc\n".encode()).diagnostics
    assert load_bytes("f.yaml", "a: b\x85c\n".encode()).diagnostics[0].code == "OM001"


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
def test_a_line_separator_in_a_quoted_name_moves_no_later_finding(pure: bool, rules: list[Rule[Any]]) -> None:
    # text pasted from a PDF: U+2028, U+2029 and U+0085 inside a quoted name; libyaml (YAML 1.1) counts
    # them as line breaks, editors, YAML 1.2, GitHub and code scanning do not: every finding after them
    # was 3 lines below its cause in CI
    text = (
        "orgmodel: 1\nkommune: K\nunits:\n"
        '  - {id: r, name: "Rådmannen\u2028i\u2029Asker\u0085kommune", level: 1, leader: R}\n'
        "  - {id: a, name: A, level: 2, parent: r, leader: L, staf: 3}\n"
    )
    found = check_bytes("model.yaml", text.encode(), rules, pure=pure).diagnostics
    line = text.split("\n")[4]
    assert [(d.line, d.col, d.code) for d in found] == [(5, line.index("staf") + 1, "OM011")]
    assert len(text.splitlines()) == 8  # str.splitlines, as libyaml, would put it on line 8


def test_a_suppression_after_a_line_separator_covers_its_own_line(rules: list[Rule[Any]]) -> None:
    text = (
        "orgmodel: 1\nkommune: K\nunits:\n"
        '  - {id: r, name: "Rådmannen\u2028i Asker", level: 1, leader: R, budget: true}\n'
        "  - {id: a, name: A, level: 3, parent: r, leader: L, budget: true}\n"
    )
    found = check_bytes("model.yaml", text.encode(), rules).diagnostics
    assert [(d.line, d.code) for d in found] == [(5, "OM111")]
    quiet = text.removesuffix("}\n") + "}  # orgmodel: ignore[OM111] the pilot, decided\n"
    assert check_bytes("model.yaml", quiet.encode(), rules).diagnostics == []


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
def test_a_loading_error_after_a_line_separator_is_at_its_own_line(
    pure: bool, rules: list[Rule[Any]]
) -> None:
    # a duplicate key and a syntax error are placed at libyaml's marks, which count U+2028 as a break
    text = 'orgmodel: 1\nkommune: "Asker\u2028kommune"\nproposal: a\nproposal: b\n'
    found = check_bytes("model.yaml", text.encode(), rules, pure=pure).diagnostics
    # (the schema is judged beside a key written twice: this sketch has no units)
    assert [(d.line, d.col, d.code) for d in found] == [(1, 1, "OM010"), (4, 1, "OM002")]
    broken = 'orgmodel: 1\nkommune: "Asker\u2029kommune"\nunits: [a, b\n'
    (syntax,) = check_bytes("model.yaml", broken.encode(), rules, pure=pure).diagnostics
    assert syntax.code == "OM001" and syntax.line <= 3
