r"""The message catalogue: extract the English messages, update the bokmål .po, compile the .mo.

``make messages`` runs this script; tests/test_catalogue.py imports it to check the catalogue.
It needs Babel (a dev dependency); orgmodel itself reads the compiled .mo with the standard
library's :mod:`gettext` and never imports Babel.

The written files are the same on every machine and every run, so branches that add messages
merge cleanly: entries sorted by msgid, no source locations (``#: file:line``), no lines wrapped,
no dates or tool versions in the header. The equivalent Babel command lines are::

    pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 \\
        -c Translators: --no-location --sort-output --omit-header -o orgmodel.pot .
    pybabel update -i orgmodel.pot -d orgmodel/locale -D orgmodel -l nb \\
        --no-fuzzy-matching --ignore-obsolete --no-wrap
    pybabel compile -d orgmodel/locale -D orgmodel -l nb

except that ``pybabel update`` would stamp the .po header with the date and Babel's version.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from orgmodel.i18n_docs import doc_messages

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "babel.cfg"
LOCALE_DIR = ROOT / "orgmodel" / "locale"
DOMAIN = "orgmodel"
LANGUAGES = ("nb",)
# _("text"), N_("text") and ngettext("one", "many", n): nothing else marks a message (orgmodel/i18n.py)
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("Translators:",)
PLURAL_FORMS = {"nb": "nplurals=2; plural=(n != 1);"}
HEADER_COMMENT = (
    "# The {language} messages of orgmodel; English (msgid) is the source language.\n"
    "# Translate the empty msgstr lines, then run `make messages` (docs/i18n.md).\n"
)


def po_path(language: str) -> Path:
    """The catalogue of ``language``: orgmodel/locale/<language>/LC_MESSAGES/orgmodel.po."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def headers(language: str) -> list[tuple[str, str]]:
    """The header of a catalogue: no dates, no tool versions, the language's plural rule."""
    return [
        ("Project-Id-Version", "orgmodel"),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", PLURAL_FORMS[language]),
    ]


# The change kinds of `orgmodel diff` are a table of Kind(group, meaning, one, many) (orgmodel/diff/
# kinds.py and section_kinds.py): its meanings are messages and its (one, many) pairs plural
# messages, as written there.
KINDS_FILES = ("orgmodel/diff/kinds.py", "orgmodel/diff/section_kinds.py")


def extract_kinds(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Babel's Python extraction of a file, and the messages of every ``Kind(...)`` written in it."""
    data = fileobj.read()
    yield from extract_python(io.BytesIO(data), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(data)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Kind"):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if len(texts) == len(node.args) == 4:
            yield node.lineno, "_", texts[1], []
            yield node.lineno, "ngettext", (texts[2], texts[3]), []


def extract_documented(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: dict[str, Any]
) -> Iterator[tuple[Any, ...]]:
    """Babel method ``orgmodel-docs`` (babel.cfg): a module's ``_()`` messages and its rules' documentation.

    Each prose paragraph of a rule's docstring or a built-in check's ``doc`` is one message
    (orgmodel/i18n_docs.py; ``orgmodel explain`` shows it translated). Babel applies one
    method per file, so this one also does what the ``python`` method does.
    """
    yield from extract_python(fileobj, keywords, comment_tags, cast(Any, options))
    fileobj.seek(0)
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for lineno, text in doc_messages(source):
        yield lineno, None, text, []


METHODS: dict[str, Any] = {"orgmodel-docs": extract_documented}
"""Extraction methods babel.cfg may name besides Babel's own."""


def extract() -> Catalog:
    """Every message the source marks, as a template catalogue."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))
    methods = [
        *((path, extract_kinds) for path in KINDS_FILES),
        *((pattern, METHODS.get(method, method)) for pattern, method in method_map),
    ]
    template = Catalog(domain=DOMAIN)
    found = extract_from_dir(
        str(ROOT),
        methods,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read(language: str) -> Catalog:
    """The committed catalogue of ``language`` (an empty one when there is none yet)."""
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def render_po(catalog: Catalog, language: str) -> bytes:
    """The text of the .po file: our header, then the entries sorted, without locations or wrapping."""
    body = io.BytesIO()
    write_po(
        body, catalog, width=0, no_location=True, omit_header=True, sort_output=True, ignore_obsolete=True
    )
    lines = ['msgid ""', 'msgstr ""'] + [f'"{name}: {value}\\n"' for name, value in headers(language)]
    head = HEADER_COMMENT.format(language=language) + "\n".join(lines) + "\n\n"
    return head.encode("utf-8") + body.getvalue().lstrip(b"\n")


class _Compiled:
    """What babel's write_mo reads of a catalogue (its messages, header first, and its charset)."""

    charset = "utf-8"

    def __init__(self, catalog: Catalog, language: str) -> None:
        self.catalog = catalog
        self.language = language

    def __iter__(self) -> Iterator[Message]:
        yield Message("", "".join(f"{name}: {value}\n" for name, value in headers(self.language)))
        for message in self.catalog:
            if message.id:
                yield message


def compile_mo(catalog: Catalog, language: str) -> bytes:
    """The compiled .mo of a catalogue: translated, non-fuzzy entries only, the same bytes every run."""
    out = io.BytesIO()
    write_mo(out, cast(Catalog, _Compiled(catalog, language)))
    return out.getvalue()


def update(language: str) -> tuple[int, int]:
    """Bring the .po of ``language`` in line with the source and compile it: (messages, untranslated)."""
    catalog = read(language)
    catalog.update(extract(), no_fuzzy_matching=True)
    text = render_po(catalog, language)
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    fresh = read(language)
    path.with_suffix(".mo").write_bytes(compile_mo(fresh, language))
    messages = [m for m in fresh if m.id]
    untranslated = [m for m in messages if not _translated(m)]
    return len(messages), len(untranslated)


def _translated(message: Message) -> bool:
    """Every form of the message has a translation, and none is fuzzy."""
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return not message.fuzzy and all(strings)


def main() -> int:
    """``make messages``: update and compile every catalogue; list what still needs a translation."""
    missing = 0
    for language in LANGUAGES:
        total, untranslated = update(language)
        missing += untranslated
        where = po_path(language).relative_to(ROOT)
        print(f"{where}: {total} messages, {untranslated} without a translation")
    if missing:
        print("translate the empty msgstr lines, then run `make messages` again (docs/i18n.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
