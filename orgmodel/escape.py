r"""One escaping function per output medium: terminal text, Markdown, HTML, JSON and CSV.

Whatever a model, a file name or a ruleset holds ends up in some output, and
CI prints that output to a terminal or posts it as a pull-request comment.
Every formatter passes every string that did not come from orgmodel itself
through the function for its medium:

- ``text``: control characters (C0, C1, DEL), format characters (category
  Cf: bidi overrides, zero-width joiners), line and paragraph separators,
  surrogates, private-use and unassigned characters are shown as visible
  escapes (``\x1b``, ``\u202e``); a line stays one line.
- ``markdown``: the text escape, then Markdown and HTML syntax neutralised:
  backslash escapes for inline markup, entities for ``<`` and ``&``, a block
  marker at the start escaped, ``@`` mentions, ``#123`` references and bare
  links broken with a zero-width space written as an entity, ``|`` escaped
  so a table cell stays one cell. ``markdown_code`` makes a code span.
- ``html``: the text escape, then ``html.escape`` (quotes included).
- ``json_dumps``: ``json.dumps`` with every unsafe character written as a
  ``\u`` escape, so the data is unchanged and the document is plain text.
- ``csv_cell``: the text escape, and a leading ``'`` before a value that a
  spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# Categories shown as escapes: controls, format characters, line/paragraph
# separators, surrogates (undecodable bytes of a file name), private use, unassigned.
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def is_unsafe(char: str) -> bool:
    """Whether one character must not reach an output raw."""
    return unicodedata.category(char) in _UNSAFE


def _visible(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def text(value: str) -> str:
    """``value`` for a terminal or a text file: every unsafe character shown as a visible escape."""
    if value.isprintable():  # no unsafe character (isprintable is False for all of them)
        return value
    return "".join(_visible(ch) if is_unsafe(ch) else ch for ch in value)


def text_lines(value: str) -> str:
    r"""Several lines for a terminal: each line escaped with ``text``, the ``\n`` line ends kept.

    A line that would start with ``::`` gets a backslash before it: CI runners read such a line of a
    step's output as a workflow command (``::error::``, ``::add-mask::``), and a custom rule's
    description comes from the pull request's ruleset.
    """
    return "\n".join(_not_a_command(text(line)) for line in value.split("\n"))


def _not_a_command(line: str) -> str:
    stripped = line.lstrip()
    return line if not stripped.startswith("::") else line[: len(line) - len(stripped)] + "\\" + stripped


_MD_INLINE = re.compile(r"([\\`*_\[\]|~!$])")
_MD_ENTITY = {"&": "&amp;", "<": "&lt;"}
_MD_BLOCK_START = re.compile(r"(\d{1,9})([.)])|([#+\-=>])")
_ZWSP = "&#8203;"  # a zero-width space written as an entity: no raw format character in the output
_MD_REFERENCE = re.compile(r"([@#])(?=\w)|(:)(?=//)|(www)(?=\.)", re.IGNORECASE)


def markdown(value: str) -> str:
    """``value`` as inline Markdown text: one line, no markup, no mention, reference or link.

    The result renders as the text itself wherever it stands: at the start
    of a line or a list item, in a heading or in a table cell.
    """
    escaped = re.sub(r"[&<]", lambda m: _MD_ENTITY[m.group()], text(value))
    escaped = _MD_INLINE.sub(r"\\\1", escaped)
    escaped = _MD_REFERENCE.sub(lambda m: (m.group(1) or m.group(2) or m.group(3)) + _ZWSP, escaped)
    stripped = escaped.lstrip(" ")
    lead = "&#32;" * (len(escaped) - len(stripped))  # leading spaces would make an indented code block
    start = _MD_BLOCK_START.match(stripped)
    if start is not None:
        if start.group(1):  # "1." or "1)": an ordered list
            stripped = f"{start.group(1)}\\{start.group(2)}{stripped[start.end() :]}"
        else:  # "#", "+", "-", "=", ">": a heading, a list, a rule, a setext underline, a quote
            stripped = "\\" + stripped
    return lead + stripped


def markdown_code(value: str, *, table: bool = False) -> str:
    """``value`` as a Markdown code span: one line, and no backtick run in it can close the span."""
    shown = text(value)
    if table:
        shown = shown.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    if shown.startswith(("`", " ")) or shown.endswith(("`", " ")) or not shown:
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text: a leading =, +, -, @ never starts a formula.

    Such a value gets a leading ``'`` (OWASP's advice against CSV injection);
    unsafe characters are shown as visible escapes, as on a terminal. The CSV
    writer quotes commas, quotes and line ends itself.
    """
    shown = text(value)
    return "'" + shown if shown.startswith(_CSV_FORMULA) else shown


_MERMAID_PLAIN = frozenset(" -_.,:/()'")


def mermaid(value: str, *, keep: str = "") -> str:
    """``value`` inside a quoted Mermaid label, every other character than the plain ones as ``#NN;``.

    Letters, digits, plain marks and ``keep`` stay as they are; anything else becomes Mermaid's
    ``#NN;`` entity, so no name can close the label or start markup. Control and format
    characters first become the visible escapes of :func:`text`.
    """
    plain = _MERMAID_PLAIN | frozenset(keep)
    return "".join(ch if ch.isalnum() or ch in plain else f"#{ord(ch)};" for ch in text(value))


def html(value: str) -> str:
    """``value`` as HTML text or an attribute value: unsafe characters visible, markup escaped."""
    import html as _html  # here, not above: it loads the table of HTML5 entities, which no text output needs

    return _html.escape(text(value), quote=True)


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if not is_unsafe(char):
        return char
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


# json.dumps escapes C0 itself; DEL and beyond are ours. Written as the complement of ASCII up to
# '~': the range [\x7f-\U0010ffff] means the same, but compiling it took 5-16 ms of every start.
_JSON_CANDIDATE = re.compile("[^\x00-\x7e]")


def json_dumps(data: Any, *, indent: int | None = 2) -> str:
    r"""JSON text of ``data``; unsafe characters (only ever inside strings) written as ``\u`` escapes."""
    return _JSON_CANDIDATE.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=indent))
