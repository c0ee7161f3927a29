"""Settings in TOML: ``[tool.orgmodel]`` in ``pyproject.toml``, or the top table of another ``.toml`` file.

``tomllib`` keeps no positions, so ``TomlSource`` finds them in the text: the
line of a key inside the settings' table (or of a sub-table such as
``[tool.orgmodel.per-file-ignores]``), and the column of its key or value. A
key it cannot find is reported at the table's header, and the message names
the key path in any case.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orgmodel.bounds import read_limited_text
from orgmodel.diagnostic import ConfigError, Diagnostic
from orgmodel.i18n import _
from orgmodel.yaml_front import Span

TABLE = ("tool", "orgmodel")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def table_path(path: Path) -> tuple[str, ...]:
    """Where the settings live in a TOML file: ``tool.orgmodel`` in pyproject.toml, else the top."""
    return TABLE if path.name == "pyproject.toml" else ()


def has_settings(path: Path) -> bool:
    """Whether a pyproject.toml holds ``[tool.orgmodel]`` (one that cannot be parsed: if it mentions it)."""
    try:
        text = read_limited_text(path)
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):  # ValueError: a 5,000-digit number
        return "tool.orgmodel" in text
    tool = data.get("tool")
    return isinstance(tool, dict) and "orgmodel" in tool


def _key_pattern(key: str) -> re.Pattern[str]:
    quoted = re.escape(key)
    return re.compile(rf"^(\s*)(\"{quoted}\"|'{quoted}'|{quoted})\s*=\s*")


def _dotted(header: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in header.split("."))


@dataclass
class TomlSource:
    """Positions of keys in one TOML file, for the settings under ``table``."""

    lines: list[str]
    table: tuple[str, ...]

    def _section(self, name: tuple[str, ...]) -> tuple[int, int] | None:
        """The 0-based line range of the table ``name`` (the top-level table when empty)."""
        start = 0 if not name else None
        for number, line in enumerate(self.lines):
            match = _HEADER.match(line)
            if match is None:
                continue
            if start is not None:
                return start, number
            if _dotted(match.group(1)) == name:
                start = number + 1
        return (start, len(self.lines)) if start is not None else None

    def _find(self, name: tuple[str, ...], key: str) -> tuple[int, int, int, int] | None:
        section = self._section(name)
        if section is None:
            return None
        pattern = _key_pattern(key)
        for number in range(*section):
            match = pattern.match(self.lines[number])
            if match:
                return number, match.start(2), match.end(2), match.end()
        return None

    def span(self, loc: tuple[Any, ...], *, key: bool = False) -> Span:
        """The 1-based span of the value (or key) at ``loc`` below the table; the header if not found."""
        parts = [str(part) for part in loc if not isinstance(part, int)]
        for depth in range(len(parts), 0, -1):
            found = self._find(self.table + tuple(parts[: depth - 1]), parts[depth - 1])
            if found is not None:
                line, key_start, key_end, value_start = found
                if key and depth == len(parts) and not isinstance(loc[-1], int):
                    return Span(line + 1, key_start + 1, line + 1, key_end + 1)
                if depth == len(parts) and loc and isinstance(loc[-1], int):  # an item of an array
                    item = self._item(line, value_start, loc[-1])
                    if item is not None:
                        return item
                if key:
                    return Span(line + 1, key_start + 1, line + 1, key_end + 1)
                end = len(self.lines[line].rstrip()) + 1
                return Span(line + 1, value_start + 1, line + 1, max(end, value_start + 2))
            if parts[: depth - 1] and self._section(self.table + tuple(parts[: depth - 1])) is not None:
                return self._header_span(self.table + tuple(parts[: depth - 1]))
        return self._header_span(self.table)

    def _item(self, line: int, column: int, wanted: int) -> Span | None:
        """The span of item ``wanted`` (0-based) of the array that starts at ``line``, ``column``.

        A flat array of strings, numbers or words, over one line or several, with comments: what a
        selector, path or pattern list is (``select = ["OM1", "nosuch"]``). None when the value is
        not such an array.
        """
        number, at, index, start = line, column, 0, None
        if not self.lines[line][column:].lstrip().startswith("["):
            return None
        at = self.lines[line].index("[", column) + 1
        while number < len(self.lines):
            text = self.lines[number]
            while at < len(text):
                char = text[at]
                if char in "\"'":  # a string: to its closing quote (a backslash escapes in "...")
                    end = at + 1
                    while end < len(text) and text[end] != char:
                        end += 2 if char == '"' and text[end] == "\\" else 1
                    if index == wanted:
                        return Span(number + 1, at + 1, number + 1, min(end, len(text)) + 2)
                    at = end + 1
                    continue
                if start is not None and (char.isspace() or char in ",]#"):
                    return Span(number + 1, start + 1, number + 1, at + 1)  # a bare value's end
                if char == "#":
                    break  # a comment: the rest of the line
                if char == ",":
                    index += 1
                elif char in "[{]":
                    return None  # nested, or the end before the item
                elif not char.isspace() and start is None and index == wanted:
                    start = at  # a bare value (a number, true)
                at += 1
            if start is not None:
                return Span(number + 1, start + 1, number + 1, len(text.rstrip()) + 1)
            number, at = number + 1, 0
        return None

    def _header_span(self, name: tuple[str, ...]) -> Span:
        section = self._section(name)
        if not name or section is None or section[0] == 0:
            return Span(1, 1, 1, 1)
        line = section[0]  # 1-based number of the header line
        return Span(line, 1, line, len(self.lines[line - 1].rstrip()) + 1)


@dataclass
class TomlDocument:
    """What ``load_config`` reads from a TOML file: the settings' data and their positions."""

    path: str
    data: Any
    source: TomlSource


def read_toml(path: Path, shown: str) -> TomlDocument:
    """The settings table of a TOML file; ConfigError (at tomllib's line and column) when it is not TOML."""
    try:
        text = read_limited_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("cannot read {what} {path}: {reason}").format(
                what=_("the configuration file"), path=shown, reason=exc
            )
        ) from None
    try:
        data: Any = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        # tomllib's own errors carry their line; an array nested 100,000 deep (RecursionError) or a
        # number of 5,000 digits (Python's limit on int(), a ValueError) are said as they are
        line, col = _decode_position(str(exc)) if isinstance(exc, tomllib.TOMLDecodeError) else (1, 1)
        problem = (
            str(exc).split(" (at ")[0]
            if isinstance(exc, tomllib.TOMLDecodeError)
            else _("it nests too deeply or holds a number too long to read")
        )
        message = _("not valid TOML: {problem}").format(problem=problem)
        diag = Diagnostic.at(shown, Span(line, col, line, col), "OM008", "config", message)
        raise ConfigError(
            _("the configuration file {path} is not valid TOML").format(path=shown), [diag]
        ) from None
    table = table_path(path)
    for part in table:
        data = data.get(part, {}) if isinstance(data, dict) else {}
    # TOML breaks lines at \n (or \r\n) only; str.splitlines() also at \x85, \u2028 and others
    return TomlDocument(shown, data, TomlSource(text.replace("\r\n", "\n").split("\n"), table))


def _decode_position(message: str) -> tuple[int, int]:
    match = re.search(r"at line (\d+), column (\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (1, 1)
