"""Where a file's comments are, and their indentation after formatting.

A comment is what YAML calls one: a ``#`` outside every token (the scan the
suppressions use), never a ``#`` inside a quoted or block scalar.
"""

from __future__ import annotations

from collections import Counter

from orgmodel.loader import iter_lines_with_comments
from orgmodel.suppress import _scan_outside


def comment_starts(text: str) -> dict[int, int]:
    """The 0-based column where the comment of each 0-based line starts (lines with one only)."""
    lines = list(iter_lines_with_comments(text))
    hashes = [(number - 1, col) for number, line in lines for col, ch in enumerate(line) if ch == "#"]
    if not hashes:
        return {}
    starts: dict[int, int] = {}
    for line, col in sorted(_scan_outside(text, hashes) or ()):
        starts.setdefault(line, col)  # a '#' after a comment's start is part of that comment
    return starts


def comment_texts(text: str) -> Counter[tuple[str, bool]]:
    """The text of every comment (trailing blanks dropped) and whether it has its line to itself, counted.

    A comment that moves from the end of a line to a line of its own (or back)
    covers other lines as a suppression, so the two are told apart.
    """
    return Counter(key for _line, key in comments_by_line(text))


def comments_by_line(text: str) -> list[tuple[int, tuple[str, bool]]]:
    """Each comment's 0-based line and its ``comment_texts`` key, in line order."""
    lines = text.splitlines()
    return [
        (line, (lines[line][col:].rstrip(), not lines[line][:col].strip()))
        for line, col in sorted(comment_starts(text).items())
    ]


def indent_comments(text: str) -> str:
    """Each comment on a line of its own indented as a line next to it, the nearer one in indentation.

    An end-of-line comment keeps its column, but at least two spaces after the value.

    ruamel.yaml keeps a comment line's old column, so a comment above a list
    item stays at column 0 when the items move to column 2. A comment that
    lines up with the line above or below it is left alone (a note at the end
    of a unit, indented as the unit's keys); any other takes the indentation
    of the content line above or below it, whichever is nearer (below on a
    tie). What a comment line covers as a suppression does not depend on it.
    """
    lines = text.splitlines(keepends=True)
    starts = comment_starts(text)
    own = {line: col for line, col in starts.items() if not lines[line][:col].strip()}
    for line, col in starts.items():  # ruamel.yaml keeps the old column: two spaces at least (yamllint's)
        if line not in own and not lines[line][:col].endswith("  "):
            code = lines[line][:col].rstrip(" ")
            lines[line] = code + "  " + lines[line][col:]
    if not own:
        return "".join(lines)
    inside = _block_scalar_lines(text)  # a comment indented as their text would become their text
    content = [n for n, line in enumerate(lines) if line.strip() and n not in own and n not in inside]
    below: dict[int, int] = {}
    above: dict[int, int] = {}
    for position, number in enumerate(content):
        if position + 1 == len(content):
            break  # comments after the last content line stay where they are (a note at the end)
        following = content[position + 1]
        for comment in range(number + 1, following):
            above[comment] = _indent(lines[number])
        if position == 0:
            for comment in range(number):
                below[comment] = _indent(lines[number])
        for comment in range(number + 1, following):
            below[comment] = _indent(lines[following])
    for number, col in own.items():
        choices = [c for c in (below.get(number), above.get(number)) if c is not None]
        if not choices or col in choices:
            continue
        best = min(choices, key=lambda c: abs(c - col))
        lines[number] = " " * best + lines[number].lstrip(" ")
    return "".join(lines)


def _block_scalar_lines(text: str) -> set[int]:
    """The 0-based lines of the text of block scalars (``description: >`` and the lines it folds)."""
    import yaml

    lines: set[int] = set()
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            start, end = event.start_mark, event.end_mark
            if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">") and start and end:
                lines.update(range(start.line + 1, end.line + (1 if end.column else 0)))
    except yaml.YAMLError:  # pragma: no cover - ruamel.yaml wrote it: it parses
        pass
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
