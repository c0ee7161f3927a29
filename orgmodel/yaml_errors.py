"""YAML syntax errors in plain words, at their cause, the same from libyaml and PyYAML's pure parser.

The parsers report where they gave up, in their own words. This module
first gives both parsers one wording (``_canonical``), then looks for the
cause a planner must change: the quote, bracket or brace that opened and
was never closed, a missing space after a ':', a ':' inside a value, a
line indented to the wrong column. The diagnostic sits at the cause, with
a plain sentence first and where the parser gave up as a second location
(in the message and in ``extra["gave_up"]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import yaml

from orgmodel.bounds import clip_text
from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import N_, _
from orgmodel.yaml_front import Span, error_at, one_line

# the parser's words -> ours (shown with _())
_SYNTAX_WORDS = (
    ("exceeded maximum nesting depth", N_("exceeded maximum nesting depth (1000 levels)")),
    (
        "expected a single document in the stream",
        N_("more than one YAML document ('---'): a model file holds one"),
    ),
)

# libyaml and PyYAML's pure-Python parser word the same problem differently; these rewrites
# give both one message, so the pure path's diagnostics equal the C path's (test_pure_parser.py).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:did not find|could not find) (?:the )?expected "), "expected "),
    (re.compile(r", but (?:found|got) .*$", re.S), ""),
    (re.compile(r"^expected the "), "expected "),
    (re.compile(r"^expected a comment or a line break$"), "expected comment or line break"),
    (re.compile(r"'(<[^>]*>)'"), r"\1"),
    (re.compile(r" in this context$"), " here"),
    (re.compile(r"^block sequence entries"), "sequence entries"),
    (re.compile(r"^found incompatible YAML document.*", re.S), "found incompatible YAML document"),
    (
        re.compile(r"^found an indentation indicator equal to 0$"),
        "expected indentation indicator in the range 1-9",
    ),
)
_SAME_IN_CONTEXT: dict[str, tuple[frozenset[str], str]] = {
    "while parsing a block mapping": (
        frozenset({"expected key", "expected <block end>"}),
        "expected a key at this indentation",
    ),
    "while parsing a block collection": (
        frozenset({"expected '-' indicator", "expected <block end>"}),
        "expected a '- ' entry at this indentation",
    ),
    "while scanning a block scalar": (
        frozenset({"expected comment or line break", "expected chomping or indentation indicators"}),
        "expected comment or line break",
    ),
    "while scanning a directive": (
        frozenset({"expected directive name", "expected alphabetic or numeric character"}),
        "expected a directive name",
    ),
    "while scanning a tag": (
        frozenset({"expected whitespace or line break", "expected ' '"}),
        "expected whitespace or line break",
    ),
}
_QUOTED_CONTEXTS = {
    "while parsing a quoted scalar",
    "while scanning a double-quoted scalar",
    "while scanning a single-quoted scalar",
}
_NAME_AT = re.compile(r"[*&]([^\s,\[\]{}]+)")


def _canonical(problem: str, context: str | None, source: str, col: int) -> tuple[str, str | None, int]:
    """One wording (and column) for a syntax problem, whichever parser found it."""
    for pattern, replacement in _REWRITES:
        problem = pattern.sub(replacement, problem)
    if context in _QUOTED_CONTEXTS:
        context = "while scanning a quoted scalar"
    elif context == "while parsing a tag":
        context = "while scanning a tag"
    same = _SAME_IN_CONTEXT.get(context or "")
    if same is not None and problem in same[0]:
        problem = same[1]
    here = source[col - 1 : col]
    if problem.startswith("found character") and problem.endswith("that cannot start any token") and here:
        problem = f"found character '{here}' that cannot start any token"
    elif problem.startswith("found unknown escape character"):
        if here != "\\" and source[col - 2 : col - 1] == "\\":
            col -= 1  # PyYAML points at the escaped character, libyaml at the backslash
        problem = f"found unknown escape character '{source[col : col + 1]}'"
    elif problem.startswith("found undefined alias"):
        name = _NAME_AT.match(source, col - 1)
        problem = (
            f"found undefined alias '{clip_text(name.group(1), 40)}'" if name else "found undefined alias"
        )
    return problem, context, col


def _parser_words(
    exc: yaml.MarkedYAMLError, lines: list[str]
) -> tuple[int, int, str, str | None, str | None]:
    """(line, col, problem, context, hint) in one wording, whichever parser found it."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context if exc.context and exc.problem else None
    source = _line(lines, line)
    if context and "found duplicate anchor" in context and exc.context_mark is not None:
        name = _NAME_AT.match(source, col - 1)
        anchor = f"'&{clip_text(name.group(1), 40)}' " if name else ""
        first = exc.context_mark.line + 1
        problem, context = (
            _("the anchor {anchor}is defined twice (first on line {line})").format(anchor=anchor, line=first),
            None,
        )
    else:
        problem, context, col = _canonical(problem, context, source, col)
    for raw, nice in _SYNTAX_WORDS:
        if raw in problem or (context and raw in context):
            problem, context = _(nice), None
            break
    hint = None
    if ("\t" in source[: col + 1] and "cannot start any token" in problem) or (
        "tab character that violates indentation" in problem
    ):
        problem, context = _("a tab character: YAML indents with spaces only"), None
        hint = _("replace the tab with spaces")
    return line, col, one_line(problem), one_line(context) if context else None, hint


def _line(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


_CLOSERS = {"{": "}", "[": "]"}
_FLOW_CONTEXTS = {"while parsing a flow mapping", "while parsing a flow sequence"}
_INDENT_PROBLEMS = {"expected a key at this indentation", "expected a '- ' entry at this indentation"}
# the parser's words -> a plain sentence said before them (shown with _())
_PLAIN = {
    "expected a key at this indentation": N_("this line does not fit the structure above it"),
    "expected a '- ' entry at this indentation": N_("this line does not fit the list above it"),
    "mapping values are not allowed here": N_("a ':' where YAML cannot start a 'key: value'"),
    "expected ':'": N_("this line is not 'key: value'"),
    "found unexpected end of stream": N_("the file ends in the middle of a value"),
    "expected <document start>": N_("something follows the model that is not part of it"),
    "expected <block end>": N_("this line does not fit the structure above it"),
    "expected <node>": N_("a value is missing here"),
    "expected node content": N_("a value is missing here, or starts with a character YAML reads as syntax"),
}
_KEY_START = re.compile(r"(\s*)((?:-\s+)*)")
# the value runs greedily to a comment or the end (and is stripped): a lazy value before '\s*$'
# backtracked over every space of a long line (quadratic: 98 s for 80,000 spaces)
_NO_SPACE = re.compile(r"([^\s:#'\"{}\[\],][^:#]*?):([^\s:][^#]*)(?:#.*)?$")
Events = Callable[[], Iterable[Any]]
MAX_LOOK_BACK = 1_000  # lines above a badly indented line that are searched for the column that fits


def syntax_diagnostic(
    path: str, exc: yaml.MarkedYAMLError, text: str, events: Events | None = None
) -> Diagnostic:
    """A YAML syntax error as a diagnostic at its cause, worded the same by the C and the pure parser.

    ``events`` re-reads the file's parser events (up to the error), to find
    a quote that was closed only lines later.
    """
    lines = text.splitlines()
    line, col, problem, context, hint = _parser_words(exc, lines)
    found = _at_cause(exc, lines, line, col, problem, context, events)
    if found is not None:
        span, message, hint = found
        diag = error_at(
            path, span, "OM001", "yaml-syntax", _("invalid YAML: {message}").format(message=message), hint
        )
        if (span.line, span.col) != (line, col):
            diag = replace(diag, extra={"gave_up": {"line": line, "col": col}})
        return diag
    message = _("invalid YAML: {message}").format(message=problem)
    plain = _plain(problem)
    if plain is not None:
        message = _("invalid YAML: {plain} ({problem})").format(plain=plain, problem=problem)
    elif context:
        message += f" ({context})"
    return error_at(path, Span(line, col, line, col), "OM001", "yaml-syntax", message, hint)


def _plain(problem: str) -> str | None:
    """A plain sentence for the parser's words, said before them."""
    if problem in _PLAIN:
        return _(_PLAIN[problem])
    if problem.startswith("found character") and problem.endswith("that cannot start any token"):
        return _("a value cannot start with this character; put the value in quotes")
    if problem.startswith("found undefined alias"):
        return _("an alias ('*name') must name an anchor ('&name') defined above it")
    if problem.startswith("found unknown escape character"):
        return _("a '\\' in double quotes starts an escape; use single quotes or write '\\\\'")
    return None


def _at_cause(
    exc: yaml.MarkedYAMLError,
    lines: list[str],
    line: int,
    col: int,
    problem: str,
    context: str | None,
    events: Events | None,
) -> tuple[Span, str, str | None] | None:
    gave_up = _("the parser gave up at line {line}, column {col}").format(line=line, col=col)
    opened = exc.context_mark
    if context == "while scanning a quoted scalar" and opened is not None and "end of stream" in problem:
        at = Span(opened.line + 1, opened.column + 1, opened.line + 1, opened.column + 2)
        quote = _line(lines, at.line)[at.col - 1 : at.col] or '"'
        return (
            at,
            _("this {quote} is never closed ({gave_up}, at the end of the file)").format(
                quote=repr(quote), gave_up=gave_up
            ),
            _("close the quote with {quote} where the text ends on line {line}").format(
                quote=repr(quote), line=at.line
            ),
        )
    if context in _FLOW_CONTEXTS and opened is not None and problem.startswith("expected ','"):
        return _flow(lines, opened, line, col, gave_up)
    if events is not None and ('"' in _line(lines, line)[:col] or "'" in _line(lines, line)[:col]):
        quoted = _open_quote(events, lines, line)  # re-reads the file: only when a quote may end here
        if quoted is not None:
            return quoted
    if context == "while scanning a simple key" and opened is not None and problem == "expected ':'":
        return _no_space(lines, opened.line + 1, opened.column + 1)
    if problem == "mapping values are not allowed here":
        return _colon(lines, line, col)
    if problem in _INDENT_PROBLEMS:
        return _indentation(lines, line, col)
    return None


def _flow(lines: list[str], opened: Any, line: int, col: int, gave_up: str) -> tuple[Span, str, str | None]:
    at = Span(opened.line + 1, opened.column + 1, opened.line + 1, opened.column + 2)
    bracket = _line(lines, at.line)[at.col - 1 : at.col] or "["
    closer = _CLOSERS.get(bracket, "]")
    if line > at.line:
        message = _("this '{bracket}' is never closed ({gave_up})").format(bracket=bracket, gave_up=gave_up)
        return (
            at,
            message,
            _("close it with '{closer}' at the end of line {line}").format(closer=closer, line=at.line),
        )
    here = Span(line, col, line, col)
    message = _(
        "a ',' or the closing '{closer}' is missing here ('{bracket}' opened at column {col})"
    ).format(closer=closer, bracket=bracket, col=at.col)
    return here, message, _("separate entries with ', '; a value with ':' or ',' in it needs quotes")


def _open_quote(events: Events, lines: list[str], line: int) -> tuple[Span, str, str | None] | None:
    """A quoted value that spans lines and ends on the line of the error: its quote was not closed.

    Only when a line inside it is not indented past the line the quote
    opened on: those lines were meant as keys or entries, not as text.
    """
    last: Any = None
    try:
        for event in events():
            quoted = isinstance(event, yaml.ScalarEvent) and event.style in ('"', "'")
            if quoted and event.end_mark.line > event.start_mark.line:
                last = event
    except yaml.YAMLError:
        pass
    if last is None or last.end_mark.line + 1 != line:
        return None
    start, end = last.start_mark, last.end_mark
    opening = _line(lines, start.line + 1)
    floor = len(opening) - len(opening.lstrip(" "))
    inside = [_line(lines, n) for n in range(start.line + 2, end.line + 2)]
    if not any(text.strip() and len(text) - len(text.lstrip(" ")) <= floor for text in inside):
        return None  # an intended multi-line text: its lines are indented under its key
    at = Span(start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    message = _(
        "this {quote} is closed only on line {end_line}, column {end_col}, so the lines "
        "between are read as text (the parser gave up at line {line})"
    ).format(quote=repr(last.style), end_line=end.line + 1, end_col=end.column, line=line)
    return at, message, _("close the quote on line {line}").format(line=at.line)


def _no_space(lines: list[str], line: int, col: int) -> tuple[Span, str, str | None]:
    source = _line(lines, line)
    match = _NO_SPACE.match(source, col - 1)
    if match is None:
        return (
            Span(line, col, line, col),
            _("this line is neither 'key: value' nor '- item'"),
            _("write 'key: value', or put text that goes on in quotes"),
        )
    key, value = match.group(1).strip(), match.group(2).strip()
    colon = match.end(1) + 1
    written = clip_text(f"{key}:{value}", 40)
    return (
        Span(line, colon, line, colon + 1),
        _("'{written}' needs a space after the ':'").format(written=written),
        _("write: {written}").format(written=clip_text(f"{key}: {value}", 40)),
    )


def _colon(lines: list[str], line: int, col: int) -> tuple[Span, str, str | None] | None:
    source = _line(lines, line)
    indent, dashes = _KEY_START.match(source).groups()  # type: ignore[union-attr]
    start = len(indent) + len(dashes)
    first = source.find(": ", start)
    if 0 <= first < col - 1:
        key, value = source[start:first], source[first + 2 :].strip()
        value_col = first + 2 + (len(source[first + 2 :]) - len(source[first + 2 :].lstrip())) + 1
        quote = "'" if '"' in value else '"'
        message = _("a ': ' inside a value: YAML reads it as a second key")
        hint = _("put the value in quotes: {written}").format(  # whole, to copy (a very long one clipped)
            written=f"{clip_text(key, 60)}: {quote}{clip_text(value, 200)}{quote}"
        )
        return Span(line, value_col, line, value_col), message, hint
    return _indentation(lines, line, start + 1)


def _indentation(lines: list[str], line: int, col: int) -> tuple[Span, str, str | None] | None:
    """A line that starts at a column nothing above it starts at: say which column fits."""
    source = _line(lines, line)
    start = len(source) - len(source.lstrip(" "))
    here = start + 1
    if col != here:
        return None  # the parser stopped inside the line: its indentation is not the problem
    columns: dict[int, tuple[int, str]] = {}
    for number in range(line - 1, max(0, line - 1 - MAX_LOOK_BACK), -1):
        above = _line(lines, number)
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        indent, dashes = _KEY_START.match(above).groups()  # type: ignore[union-attr]
        key = re.match(r"[{\[\s]*([^:\s,{}\[\]]+)", above[len(indent) + len(dashes) :])
        columns.setdefault(len(indent) + len(dashes) + 1, (number, key.group(1) if key else ""))
        if dashes:
            columns.setdefault(len(indent) + 1, (number, "-"))
        if len(indent) == 0 and not dashes:
            break
    entry = source.lstrip(" ").startswith("-")
    if here in columns and columns[here][1] == "-" and not entry:
        keys = sorted(c for c, (_, w) in columns.items() if w != "-" and c > here)
        if keys:  # a key at the column of the '-' above: it belongs under the entry's keys
            dash_line, (_above, word) = columns[here][0], columns[keys[0]]
            message = _(
                "this line starts at column {col}, under the '-' of line {line}, not under a key"
            ).format(col=here, line=dash_line)
            hint = _("start it at column {col}, under '{key}', or begin a new entry with '- '").format(
                col=keys[0], key=clip_text(word, 30)
            )
            return Span(line, here, line, here), message, hint
    if not columns or here in columns:
        return None
    fitting = [c for c, (_, w) in columns.items() if (w == "-") == entry] or list(columns)
    best = min(fitting, key=lambda c: (abs(c - here), -c))
    number, word = columns[best]
    under = _("the '-'") if word == "-" else f"'{clip_text(word, 30)}'"
    message = _("this line starts at column {col}, which lines up with nothing above it").format(col=here)
    hint = _("start it at column {col}, under {under} on line {line}").format(
        col=best, under=under, line=number
    )
    return Span(line, here, line, here), message, hint
