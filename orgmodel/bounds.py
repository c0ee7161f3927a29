"""Bounds on what one file may make orgmodel do: its size, its YAML values, its units, its findings.

A pull request can hold any file. Each bound is checked before the work it
protects (the size before reading, the number of YAML values before the
node tree is built, the number of units before validation), and each one
that is reached is a diagnostic, never an internal error.

The file size limit is 64 MiB; the environment variable
``ORGMODEL_MAX_FILE_SIZE`` changes it (bytes, or a number with ``KiB``,
``MiB`` or ``GiB``). Library users pass ``Limits(...)`` to ``read_limited``,
``load_bytes`` and ``validate_schema``. Whole numbers have at most
``yaml_front.MAX_INT_DIGITS`` digits.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgmodel.diagnostic import Diagnostic
from orgmodel.files import open_regular
from orgmodel.i18n import _, ngettext

if TYPE_CHECKING:  # PyYAML is imported by the functions that walk its events and nodes, not to read a file
    from yaml.nodes import Node

ENV_MAX_FILE_SIZE = "ORGMODEL_MAX_FILE_SIZE"
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 2**20, "mb": 10**6, "mib": 2**20}
_UNITS |= {"g": 2**30, "gb": 10**9, "gib": 2**30}
_SIZE = re.compile(r"\s*([0-9]{1,15})\s*([a-zA-Z]{0,3})\s*\Z")


@dataclass(frozen=True)
class Limits:
    """The bounds for one file.

    ``max_nodes`` counts YAML values (scalars, lists, mappings, aliases): a
    100,000-unit model has about 1.6 million. ``max_units`` is far above
    any one municipality (Oslo, the largest, has about 50,000 employees).
    """

    max_file_size: int = 64 * 2**20
    max_nodes: int = 5_000_000
    max_units: int = 200_000
    max_diagnostics: int = 1_000


DEFAULT_LIMITS = Limits()


class LimitError(OSError):
    """A file that is refused before it is read (too large, or the limit itself is invalid)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.strerror = message


def parse_size(text: str) -> int | None:
    """Bytes in '64MiB', '1 GiB', '500000' (None when it is not a size)."""
    match = _SIZE.match(text)
    if match is None or match.group(2).lower() not in _UNITS:
        return None
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def limits_from_env(base: Limits = DEFAULT_LIMITS) -> Limits:
    """``base`` with the file size from ``ORGMODEL_MAX_FILE_SIZE`` when it is set (LimitError if invalid)."""
    raw = os.environ.get(ENV_MAX_FILE_SIZE)
    if raw is None or not raw.strip():
        return base
    size = parse_size(raw)
    if size is None:
        raise LimitError(
            _("{variable} must be a size like 64MiB or 1000000 (bytes), not {value}").format(
                variable=ENV_MAX_FILE_SIZE, value=repr(clip_text(raw, 40))
            )
        )
    return Limits(size, base.max_nodes, base.max_units, base.max_diagnostics)


def human_size(size: int) -> str:
    """'4.0 GiB', '64 MiB', '512 bytes'."""
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return ngettext("{n} byte", "{n} bytes", size).format(n=size)


def read_limited(path: str | Path, limits: Limits | None = None) -> bytes:
    """The bytes of a file, refused by its size before it is read.

    The size is taken from the open file (a sparse 4 GiB file is refused
    without reading it), and at most one byte more than the limit is read,
    so a file whose size the system does not know (``/proc``, a growing
    file) is refused too. Only a regular file is read (``open_regular``): a
    committed symlink to ``/dev/zero`` or a FIFO is refused, never read or
    waited on. Raises OSError (LimitError for a bound).
    """
    limits = limits or limits_from_env()
    cap = limits.max_file_size
    with open_regular(path) as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > cap:
            raise _too_large(info.st_size, cap)
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise _too_large(None, cap)
    return data


def read_limited_text(path: str | Path, limits: Limits | None = None) -> str:
    """``read_limited`` decoded as UTF-8 (UnicodeDecodeError when it is not)."""
    return read_limited(path, limits).decode("utf-8")


def _too_large(size: int | None, cap: int) -> LimitError:
    if size is not None:
        message = _(
            "it is {size}, above the limit of {limit} for one file (a model of 100,000 units "
            "is about 15 MiB); set {variable} to raise it"
        )
    else:
        message = _(
            "it is larger than the limit of {limit} for one file (a model of 100,000 units "
            "is about 15 MiB); set {variable} to raise it"
        )
    size_text = human_size(size) if size is not None else ""
    return LimitError(message.format(size=size_text, limit=human_size(cap), variable=ENV_MAX_FILE_SIZE))


def clip_text(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


NAME_LIMIT = 120
"""The characters of a name from a model shown to people (a chart's box, a table's cell): a model
may hold names of 10,000 characters; the longest name of the shipped models has 112."""


def clip_name(name: str) -> str:
    """A name from a model as people see it: cut to ``NAME_LIMIT`` characters, with '…' where it was cut."""
    return clip_text(name, NAME_LIMIT)


# a quoted run longer than a name may be shown; a quote after or before a letter is an apostrophe (ruleset's)
_QUOTED = re.compile(r"(?<!\w)'([^'\n]{" + str(NAME_LIMIT + 1) + r",})'(?!\w)")


def clip_quoted(message: str) -> str:
    """A finding's message as people see it: each quoted run longer than ``NAME_LIMIT`` clipped.

    Messages quote the names they give ('Hjemmetjenester Nord' (hjemme-nord)); a name of 10,000
    characters made one finding fill the screen. Shorter quotes, and everything outside quotes,
    stay as they are.
    """
    if len(message) <= NAME_LIMIT:
        return message
    return _QUOTED.sub(lambda quoted: "'" + clip_name(quoted.group(1)) + "'", message)


def may_exceed(body: bytes, limit: int) -> bool:
    """Whether ``body`` may hold more than ``limit`` YAML values, decided at C speed without parsing.

    Every value but the document's root starts a block entry ('-'), is the
    first or a later entry of a flow collection ('[', '{', ','), or is the
    key or value of a pair (':' or '?'; a pair inside a flow sequence is
    itself a mapping). Characters inside text count too, so this only
    over-counts (a 100,000-unit model of 1.6 million values gives 4.3 million).
    """
    if 3 * len(body) + 1 <= limit:
        return False
    count = body.count
    pairs = count(b":") + count(b"?")
    return 1 + count(b"-") + count(b"[") + 2 * count(b",") + 2 * count(b"{") + 3 * pairs > limit


def first_value_over(parser: Any, limit: int) -> Any | None:
    """The start mark of the value that takes ``parser``'s events over ``limit`` values, or None.

    Events stream without building anything; a syntax error ends the count
    (composing the file reports it).
    """
    import yaml

    values = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
    count = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, values):
                count += 1
                if count > limit:
                    return event.start_mark
    except yaml.YAMLError:
        return None
    return None


def find_plain_scalar(root: Node, text: str) -> Node | None:
    """The first plain scalar node whose text is ``text`` (aliased collections visited once)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    stack: list[Node] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.value == text:
                return node
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        children: list[Node] = []
        if isinstance(node, MappingNode):
            for key, value in node.value:
                children += (key, value)
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        stack.extend(reversed(children))
    return None


def cap_diagnostics(diagnostics: list[Diagnostic], limit: int | None = None) -> list[Diagnostic]:
    """The first ``limit`` diagnostics of one file and, when there are more, one that counts the rest.

    The count carries the highest severity among the ones left out, so the
    exit code is the same as with all of them.
    """
    limit = DEFAULT_LIMITS.max_diagnostics if limit is None else limit
    if len(diagnostics) <= limit:
        return diagnostics
    rest = diagnostics[limit:]
    first = rest[0]
    severity = max((d.severity for d in rest), key=lambda s: s.rank)
    message = _("{n} more findings in this file are not shown (only the first {limit} are)").format(
        n=f"{len(rest):,}", limit=f"{limit:,}"
    )
    summary = Diagnostic(
        first.path, first.line, first.col, "OM012", "too-large", severity, message,
        hint=_("fix the findings above first: many of the rest often share their cause"),
    )  # fmt: skip
    return [*diagnostics[:limit], summary]


MAX_COMPARED = 500
"""A misspelt word is compared with at most this many choices (``nearest``): difflib's ratio of one
id against 16,000 ids of 90 characters took seconds, and a file can hold a thousand such slips."""


def nearest(word: str, choices: list[str], limit: int = MAX_COMPARED) -> list[str]:
    """The choices a did-you-mean compares ``word`` with: all, or the ``limit`` nearest by prefix and length.

    A slip keeps most of a word, so the choices sharing the longest prefix, then of the
    nearest length, are kept; the rest cost time and would not be suggested anyway.
    """
    if len(choices) <= limit:
        return choices
    import heapq

    lower = word.lower()

    def shared(other: str) -> tuple[int, int]:
        length = 0
        for mine, theirs in zip(lower, other.lower(), strict=False):  # a case slip keeps its prefix
            if mine != theirs:
                break
            length += 1
        return length, -abs(len(other) - len(word))

    return heapq.nlargest(limit, choices, key=shared)


# Text that aliases repeat, beyond the file's own: a few megabytes of names aliased 100,000 times made
# 'orgmodel report' build 20 GiB of HTML from an 8 MB file (a hostile pull request's tour).
MAX_ALIAS_TEXT = 10_000_000


def text_size(data: Any) -> int:
    """The characters of every text key and value in ``data``, each aliased repetition counted."""
    total, stack = 0, [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str:
            total += len(value)
        elif kind is dict:
            total += sum(len(key) for key in value if type(key) is str)
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
    return total


def first_alias(parser: Any) -> Any | None:
    """The start mark of the first alias among ``parser``'s events, or None."""
    import yaml

    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark
    except yaml.YAMLError:
        return None
    return None
