"""The loader: data, positions, YAML 1.2 scalars, and problems as diagnostics."""

from __future__ import annotations

import pytest

from orgmodel.loader import MAX_ALIAS_EXPANSION, load_bytes, resolve_plain


def load(text: str, pure: bool = False):  # type: ignore[no-untyped-def]
    return load_bytes("f.yaml", text.encode(), pure=pure)


@pytest.mark.parametrize("pure", [False, True])
def test_positions_of_values_and_keys(pure: bool) -> None:
    doc = load("a: 1\nunits:\n  - id: x\n    level: 3\n  - {id: y, level: tre}\n", pure)
    assert doc.data == {"a": 1, "units": [{"id": "x", "level": 3}, {"id": "y", "level": "tre"}]}
    span = doc.source.span(("units", 1, "level"))
    assert (span.line, span.col, span.end_line, span.end_col) == (5, 20, 5, 23)
    key = doc.source.span(("units", 0, "level"), key=True)
    assert (key.line, key.col) == (4, 5)


def test_missing_path_falls_back_to_the_nearest_mapping() -> None:
    doc = load("units:\n  - id: x\n")
    span = doc.source.span(("units", 0, "leader"))
    assert (span.line, span.col) == (2, 5)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"), ("yes", "yes"), ("off", "off"), ("true", True), ("False", False),
        ("~", None), ("null", None), ("12", 12), ("-3", -3), ("0o17", 15), ("0x1F", 31),
        ("1.5", 1.5), ("1e3", 1000.0), ("2020-01-01", "2020-01-01"), ("3005", 3005), ("1_000", "1_000"),
        (".inf", float("inf")), ("+", "+"), ("-", "-"), ("0xZZ", "0xZZ"),
    ],
)  # fmt: skip
def test_yaml_12_core_scalars(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_quoted_scalars_stay_text() -> None:
    assert load('n: "3005"\nb: "true"\n').data == {"n": "3005", "b": "true"}


def test_explicit_core_tags() -> None:
    assert load("a: !!str 12\nb: !!int '7'\nc: !!float 1\n").data == {"a": "12", "b": 7, "c": 1.0}
    bad = load("a: !!int abc\n")
    assert [(d.line, d.col, d.code) for d in bad.diagnostics] == [(1, 4, "OM001")]


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    doc = load("a: 1\nb: 2\na: 3\n")
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(3, 1, "OM002")]
    assert "first on line 1" in doc.diagnostics[0].message


def test_merge_keys_and_anchors() -> None:
    doc = load("base: &b {staff: 3, budget: true}\nu:\n  <<: *b\n  staff: 5\n")
    assert doc.data["u"] == {"staff": 5, "budget": True}
    span = doc.source.span(("u", "budget"))
    assert (span.line, span.col) == (1, 29)


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!custom", "!!binary", "!!set"])
def test_tags_are_never_constructed(tag: str) -> None:
    doc = load(f"orgmodel: 1\nkommune: {tag} x\n")
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(2, 10, "OM003")]
    assert doc.data is None


def test_syntax_error_position_and_tabs() -> None:
    doc = load("a: [1, 2\nb: 3\n")
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(1, 4, "OM001")]  # where '[' opened
    assert (
        doc.diagnostics[0].message
        == "invalid YAML: this '[' is never closed (the parser gave up at line 2, column 2)"
    )
    assert doc.diagnostics[0].extra == {"gave_up": {"line": 2, "col": 2}}
    tab = load("units:\n\t- id: x\n")
    assert [(d.line, d.col, d.code) for d in tab.diagnostics] == [(2, 1, "OM001")]
    assert "tab" in tab.diagnostics[0].message


def test_encoding_problems() -> None:
    latin1 = load_bytes("f.yaml", "kommune: Bærum\n".encode("latin-1"))
    assert [(d.line, d.col, d.code) for d in latin1.diagnostics] == [(1, 11, "OM004")]
    bom = load_bytes("f.yaml", "\ufeffkommune: Bærum\n".encode())
    assert bom.data == {"kommune": "Bærum"} and not bom.diagnostics
    utf16 = load_bytes("f.yaml", "kommune: Bærum\n".encode("utf-16"))
    assert utf16.data == {"kommune": "Bærum"}


def test_crlf_line_endings_keep_positions() -> None:
    doc = load_bytes("f.yaml", b"a: 1\r\nb:\r\n  c: x\r\n")
    span = doc.source.span(("b", "c"))
    assert (span.line, span.col) == (3, 6)


def test_empty_file_and_multiple_documents() -> None:
    assert [d.code for d in load("").diagnostics] == ["OM006"]
    assert [d.code for d in load("# only a comment\n").diagnostics] == ["OM006"]
    multi = load("a: 1\n---\nb: 2\n")
    assert multi.diagnostics[0].code == "OM001"
    assert "more than one YAML document" in multi.diagnostics[0].message


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    doc = load("\n".join(lines) + "\n")
    assert [d.code for d in doc.diagnostics] == ["OM005"]
    assert f"{MAX_ALIAS_EXPANSION:,}" in doc.diagnostics[0].message


def test_complex_keys_are_refused() -> None:
    doc = load("? [a, b]\n: 1\n")
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(1, 3, "OM001")]


SYNTAX_AT_THE_CAUSE = [
    (  # an unclosed quote is reported where it opened, not where the file ends
        'orgmodel: 1\nkommune: "abc\nunits:\n  - {id: a, name: b}\n',
        (2, 10),
        "invalid YAML: this '\"' is never closed"
        " (the parser gave up at line 5, column 1, at the end of the file)",
        "close the quote with '\"' where the text ends on line 2",
    ),
    (  # a quote closed by the next quote lines later
        'orgmodel: 1\nkommune: "abc\nunits:\n  - id: a\n    name: "b"\n    level: 1\n',
        (2, 10),
        "invalid YAML: this '\"' is closed only on line 5, column 11, so the lines between are read as text"
        " (the parser gave up at line 5)",
        "close the quote on line 2",
    ),
    (
        "orgmodel: 1\nunits:\n  - {id: a, name: b\n  - {id: c, name: d}\n",
        (3, 5),
        "invalid YAML: this '{' is never closed (the parser gave up at line 4, column 5)",
        "close it with '}' at the end of line 3",
    ),
    (
        "orgmodel: 1\nunits: [{id: a name: b}]\n",
        (2, 20),
        "invalid YAML: a ',' or the closing '}' is missing here ('{' opened at column 9)",
        "separate entries with ', '; a value with ':' or ',' in it needs quotes",
    ),
    (
        "orgmodel: 1\nunits:\n  - id: a\n    staff:12\n    level: 1\n",
        (4, 10),
        "invalid YAML: 'staff:12' needs a space after the ':'",
        "write: staff: 12",
    ),
    (
        "orgmodel: 1\nunits:\n  - id: a\n    name: Helse: omsorg\n    level: 1\n",
        (4, 11),
        "invalid YAML: a ': ' inside a value: YAML reads it as a second key",
        'put the value in quotes: name: "Helse: omsorg"',
    ),
    (  # a Nordre Follo planner's mandate: the hint's line is whole, to copy
        "orgmodel: 1\nforums:\n  - id: f\n    mandate: Tidlig innsats: felles vurdering av barn med "
        "sammensatte behov\n",
        (4, 14),
        "invalid YAML: a ': ' inside a value: YAML reads it as a second key",
        'put the value in quotes: mandate: "Tidlig innsats: felles vurdering av barn med sammensatte behov"',
    ),
    (
        "orgmodel: 1\nunits:\n  - id: a\n     name: b\n    level: 1\n",
        (4, 6),
        "invalid YAML: this line starts at column 6, which lines up with nothing above it",
        "start it at column 5, under 'id' on line 3",
    ),
    (
        "orgmodel: 1\nunits:\n  - id: a\n   name: b\n",
        (4, 4),
        "invalid YAML: this line starts at column 4, which lines up with nothing above it",
        "start it at column 5, under 'id' on line 3",
    ),
]


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize(("text", "position", "message", "hint"), SYNTAX_AT_THE_CAUSE)
def test_syntax_errors_at_their_cause_in_plain_words(
    text: str, position: tuple[int, int], message: str, hint: str, pure: bool
) -> None:
    doc = load(text, pure)
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(*position, "OM001")]
    assert doc.diagnostics[0].message == message
    assert doc.diagnostics[0].hint == hint


MORE_INDENTATION = [
    (  # a key under the '-' of the entry instead of under its keys
        "orgmodel: 1\nunits:\n  - id: a\n    name: b\n  level: 1\n",
        (5, 3),
        "invalid YAML: this line starts at column 3, under the '-' of line 3, not under a key",
        "start it at column 5, under 'name', or begin a new entry with '- '",
    ),
    (  # a new entry one column off: the '-' columns fit it, not the keys
        "orgmodel: 1\nunits:\n- id: a\n  name: b\n - id: c\n",
        (5, 2),
        "invalid YAML: this line starts at column 2, which lines up with nothing above it",
        "start it at column 1, under the '-' on line 3",
    ),
    (  # an intended multi-line text is not blamed on its quote
        'orgmodel: 1\nunits:\n  - id: a\n    description: "long text\n      more" level: 1\n',
        (5, 13),
        "invalid YAML: this line does not fit the structure above it (expected a key at this indentation)",
        None,
    ),
]


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize(("text", "position", "message", "hint"), MORE_INDENTATION)
def test_indentation_hints_name_the_column_that_fits(
    text: str, position: tuple[int, int], message: str, hint: str | None, pure: bool
) -> None:
    doc = load(text, pure)
    assert [(d.line, d.col, d.code) for d in doc.diagnostics] == [(*position, "OM001")]
    assert doc.diagnostics[0].message == message
    assert doc.diagnostics[0].hint == hint


@pytest.mark.parametrize("text", ["", "   \n\n", "# passord=hemmelig\n"], ids=["empty", "blank", "comment"])
def test_a_file_with_no_value_says_it_is_empty_and_quotes_nothing(text: str) -> None:
    # valid YAML with nothing in it: not called "not valid YAML", and a comment is never echoed
    doc = load_bytes("model.yaml", text.encode(), expect="orgmodel")
    assert [(d.line, d.col, d.code, d.message) for d in doc.diagnostics] == [
        (1, 1, "OM006", "the file is empty: a model starts with 'orgmodel: 1'")
    ]
    assert doc.text == ""


def test_a_key_written_twice_leaves_the_schema_and_the_references_judged_beside_it() -> None:
    """Tour G: 'parent: [a, b]' two lines below a doubled 'parent:' showed only after the next run."""
    from orgmodel.api import check_text

    text = (
        "orgmodel: 1\nkommune: K\nunits:\n"
        "  - {id: kd, name: KD, level: 1, leader: L}\n"
        "  - id: a\n    name: A\n    level: 2\n    parent: kd\n    parent: kd\n    leader: L\n"
        "  - {id: b, name: B, level: 2, parent: [kd, a], leader: L}\n"
        "  - {id: c, name: C, level: 2, parent: kdd, leader: L}\n"
    )
    checked = check_text(text, name="m.yaml")
    assert [(d.line, d.code) for d in checked.diagnostics] == [(9, "OM002"), (11, "OM010"), (12, "OM021")]
    assert not checked.rules_run  # the rules still wait for the file to load
