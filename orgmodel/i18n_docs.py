"""Documentation in bokmål and English: a rule's docstring translated paragraph by paragraph.

A rule's docstring (and a built-in check's ``doc``) is its documentation in English, the
source language; ``docs/rules/*.md`` are generated from it unchanged. ``orgmodel explain``
shows it in the chosen language: each prose paragraph (text between blank lines) is one
message of the catalogue, and a literal block (the indented YAML after an ``Anti-pattern::``
line) is kept as written but for its comments: the text of each ``# comment`` is a message
of its own (of a suppression, ``# orgmodel: ignore[...] reason``, only the reason), so a
reader in bokmål reads "# ingen knutepunkt her" beside the same YAML. In English the text
comes back byte for byte.

``make messages`` finds the paragraphs with :func:`doc_messages` in the files babel.cfg
marks (the rule modules and ``orgmodel/checks.py``), beside their ``_()`` messages.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from orgmodel.i18n import _

# the blank lines between paragraphs (kept as written, so English stays byte-identical)
_BREAK = re.compile(r"(\n[ \t]*\n(?:[ \t]*\n)*)")
# a comment in a literal block: '#' first on a line or after a blank; its text is group 1,
# after a suppression's directive when it is one (the directive stays as YAML)
_COMMENT = re.compile(
    r"(?m)(?<!\S)#[ \t]+(?:orgmodel:[ \t]*ignore(?:-file)?\[[^\]\n]*\][ \t]*)?(\S[^\n]*?)[ \t]*$"
)


def paragraphs(doc: str) -> list[tuple[str, bool]]:
    """``doc`` cut into its paragraphs and the breaks between them: (text, whether to translate it).

    Prose is translated; a break, and a literal block (its first line indented), is not.
    Joining the texts gives ``doc`` back.
    """
    out: list[tuple[str, bool]] = []
    for index, part in enumerate(_BREAK.split(doc)):
        prose = index % 2 == 0 and bool(part.strip()) and not part[:1].isspace()
        out.append((part, prose))
    return out


def translate_doc(doc: str) -> str:
    """``doc`` in the current language, prose paragraph by prose paragraph."""
    return "".join(_(text) if prose else _translate_comments(text) for text, prose in paragraphs(doc))


def _translate_comments(block: str) -> str:
    """A literal block with the text of each comment translated (a break has none)."""
    return _COMMENT.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + _(m.group(1)), block)


def comments(block: str) -> list[str]:
    """The text of each comment in a literal block, as ``make messages`` extracts it."""
    return [m.group(1) for m in _COMMENT.finditer(block)]


def documented(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, documentation) of each rule class (decorated ``@register``) and built-in check in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(_named(d, "register") for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, doc
        elif isinstance(node, ast.Call) and _named(node.func, "BuiltinCheck") and len(node.args) >= 4:
            doc_arg = node.args[3]
            if isinstance(doc_arg, ast.Constant) and isinstance(doc_arg.value, str):
                yield doc_arg.lineno, doc_arg.value


def _named(node: ast.expr, name: str) -> bool:
    return (isinstance(node, ast.Name) and node.id == name) or (
        isinstance(node, ast.Attribute) and node.attr == name
    )


def doc_messages(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each prose paragraph documenting a rule or check, and of each option's description.

    ``make messages`` (tools/messages.py) adds these to the ``_()`` messages of the modules
    that babel.cfg marks as holding documentation.
    """
    tree = ast.parse(source)
    for lineno, doc in documented(tree):
        for text, prose in paragraphs(doc):
            if prose:
                yield lineno, text
            else:
                yield from ((lineno, comment) for comment in comments(text))
    yield from option_descriptions(tree)


def option_descriptions(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, text) of each ``Field(description=...)`` in a module: a rule option's description.

    ``orgmodel explain`` shows them translated under the rule's options.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _named(node.func, "Field"):
            for keyword in node.keywords:
                value = keyword.value
                text = value.value if isinstance(value, ast.Constant) else None
                if keyword.arg == "description" and isinstance(text, str) and text:
                    yield value.lineno, text
