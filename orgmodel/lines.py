"""Lines as editors, YAML 1.2, GitHub and code scanning count them, and libyaml's count turned into theirs."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

# a line break as YAML 1.2, editors, GitHub and code scanning count lines: CR LF, LF or CR. libyaml
# (YAML 1.1) also breaks at NEL, LS and PS (U+0085, U+2028, U+2029), which text pasted from a PDF
# holds inside a quoted name; counted so, every later finding would sit lines below its cause
LINE_BREAK = re.compile("\r\n|[\r\n]")
ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
"""The breaks libyaml counts and editors do not: a text holding one has its marks at its end recounted."""


_YAML_1_1_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def recounted(text: str) -> Callable[[int, int], tuple[int, int]]:
    """Turns a 1-based line and column as libyaml counts them in ``text`` into the ones editors count.

    For a text holding NEL, LS or PS (``ODD_BREAKS``): the loading phase's findings, placed at
    libyaml's marks (a duplicate key, a syntax error), are moved to the lines the other findings use.
    """
    theirs = [0, *(m.end() for m in _YAML_1_1_BREAK.finditer(text))]
    ours = [0, *(m.end() for m in LINE_BREAK.finditer(text))]

    def convert(line: int, col: int) -> tuple[int, int]:
        if line > len(theirs):  # past the end of the text: every extra break libyaml counted lies before
            return line - (len(theirs) - len(ours)), col
        index = theirs[max(0, line - 1)] + col - 1
        real = bisect.bisect_right(ours, index) - 1
        return real + 1, index - ours[real] + 1

    return convert


def as_is(line: int, col: int) -> tuple[int, int]:
    """The line and column unchanged: ``recounted``'s stand-in for a text with no NEL, LS or PS."""
    return line, col


_LINE_WITH_END = re.compile("[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+\\Z")


def lines_with_ends(text: str) -> list[str]:
    """The lines of ``text`` with their breaks, at the breaks editors count (as ``lines_of``)."""
    return _LINE_WITH_END.findall(text)


def lines_of(text: str) -> list[str]:
    """The lines of ``text`` without their breaks, at the breaks editors count.

    ``str.splitlines`` also splits at U+2028 and others, which YAML 1.2 and editors do not.
    """
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
