"""A rule's documentation, a reST-flavoured docstring, as HTML for the meeting report.

The docstrings are written for ``orgmodel explain`` and ``make docs`` (``orgmodel.docgen`` turns
them into Markdown): paragraphs, ``- `` lists (explain's options, each with its description
indented below it), ````code```` and an ``Anti-pattern::`` line before an indented YAML example.
Here the same become ``<p>``, ``<ul>``, ``<code>`` and ``<pre>``, every text escaped first.
"""

from __future__ import annotations

import re

from orgmodel.escape import html as escape

_CODE = re.compile(r"``(.+?)``")


def _inline(text: str) -> str:
    """One run of text: escaped, with ``code`` as <code>."""
    return _CODE.sub(r"<code>\1</code>", escape(text))


def doc_html(doc: str) -> str:
    """``doc`` as HTML blocks: paragraphs, lists and the examples after a ``::`` line as <pre>."""
    out: list[str] = []
    lines = doc.strip().splitlines()
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        block: list[str] = []
        while index < len(lines) and lines[index].strip():
            listed = bool(block) and block[0].startswith("- ")  # a list item's lines may be indented
            if not listed and (
                lines[index].startswith("    ") or (block and lines[index].lstrip().startswith("- "))
            ):
                break  # an example, or a list right under its heading line ("Options in ...:")
            block.append(lines[index].strip())
            index += 1
        literal = bool(block) and block[-1].endswith("::")
        if literal:
            block[-1] = block[-1][:-1]  # "Anti-pattern (...)::" reads "Anti-pattern (...):"
        out.append(_paragraph(block))
        if literal or (index < len(lines) and lines[index].startswith("    ")):
            example: list[str] = []
            while index < len(lines) and (not lines[index].strip() or lines[index].startswith("    ")):
                example.append(lines[index][4:])
                index += 1
            while example and not example[-1].strip():
                example.pop()
            while example and not example[0].strip():
                example.pop(0)
            shown = "\n".join(escape(line) for line in example)  # each line escaped, the line ends kept
            out.append(f"<pre><code>{shown}</code></pre>")
    return "\n".join(part for part in out if part)


def _paragraph(block: list[str]) -> str:
    """Lines of one block: a list when each item starts with '- ', else one paragraph."""
    if not block:
        return ""
    if block[0].startswith("- "):
        items: list[str] = []
        for line in block:
            if line.startswith("- ") or not items:
                items.append(line.removeprefix("- "))
            else:
                items[-1] += " " + line
        return "<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>"
    return f"<p>{_inline(' '.join(block))}</p>"
