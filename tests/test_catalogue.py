"""The bokmål catalogue is complete, current and compiled: a message in one language only fails here."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message

from orgmodel import i18n

ROOT = Path(__file__).parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("orgmodel_messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


messages = _tool()


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    catalog: Catalog = messages.extract()
    return catalog


@pytest.fixture(scope="module", params=messages.LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def catalogue(language: str) -> Catalog:
    catalog: Catalog = messages.read(language)
    return catalog


def _key(message: Message) -> object:
    return (message.id, message.context)


def _forms(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (str(value or ""),)


def _fields(text: str) -> set[str]:
    """The names of a message's ``{placeholders}``, as str.format reads them.

    A paragraph of a rule's documentation is no format string and may hold a lone brace
    (OM001: "this '{' is never closed"): then its literal brace groups must match instead.
    """
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return set(re.findall(r"\{[^{}]*\}", text)) | {"<not a format string>"}


def test_every_message_of_the_source_has_a_translation(extracted: Catalog, catalogue: Catalog) -> None:
    untranslated = []
    for message in extracted:
        if not message.id:
            continue
        entry = catalogue.get(message.id, message.context)
        if entry is None or entry.fuzzy or not all(_forms(entry.string)):
            untranslated.append(message.id)
    assert untranslated == [], "translate these in the .po, then run `make messages` (docs/i18n.md)"


def test_no_entry_is_obsolete(extracted: Catalog, catalogue: Catalog) -> None:
    wanted = {_key(message) for message in extracted if message.id}
    obsolete = [message.id for message in catalogue if message.id and _key(message) not in wanted]
    assert obsolete == [], "these are no longer in the source: run `make messages`"
    assert list(catalogue.obsolete) == []


def test_no_entry_is_fuzzy(catalogue: Catalog) -> None:
    assert [message.id for message in catalogue if message.id and message.fuzzy] == []


def test_placeholders_are_the_same_in_both_languages(catalogue: Catalog) -> None:
    differ = []
    for message in catalogue:
        if not message.id:
            continue
        sources = _forms(message.id)
        wanted = set().union(*(_fields(source) for source in sources))
        for form in _forms(message.string):
            if form and _fields(form) != wanted:
                differ.append((sources[0], form))
    assert differ == []


def test_plural_entries_have_every_form(catalogue: Catalog) -> None:
    plurals = [message for message in catalogue if message.id and message.pluralizable]
    assert all(len(_forms(message.string)) == 2 for message in plurals)


def test_the_plural_rule_of_bokmal(catalogue: Catalog, language: str) -> None:
    assert language == "nb"
    assert catalogue.num_plurals == 2
    assert catalogue.plural_expr == "(n != 1)"
    with messages.po_path(language).with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.info()["plural-forms"] == "nplurals=2; plural=(n != 1);"
    assert compiled.ngettext("{n} x", "{n} xs", 1) == "{n} x"


def test_the_committed_mo_is_a_fresh_compile_of_the_po(catalogue: Catalog, language: str) -> None:
    committed = messages.po_path(language).with_suffix(".mo").read_bytes()
    assert committed == messages.compile_mo(catalogue, language), "run `make messages`"


def test_the_po_is_written_as_make_messages_writes_it(catalogue: Catalog, language: str) -> None:
    """Sorted, no locations, no dates: `make messages` would not change the committed file."""
    committed = messages.po_path(language).read_bytes()
    assert committed == messages.render_po(catalogue, language), "run `make messages`"
    assert b"#: " not in committed
    assert b"Date" not in committed


def test_the_runtime_reads_the_compiled_catalogue_with_the_standard_library() -> None:
    found = gettext.find(i18n.DOMAIN, str(i18n.LOCALE_DIR), languages=["nb"])
    assert found == str(i18n.LOCALE_DIR / "nb" / "LC_MESSAGES" / "orgmodel.mo")


def _marked_in_fstrings(source: str, where: str) -> list[str]:
    """Each _(), N_() or ngettext() call inside an f-string of ``source``: 'where:line: call'."""
    found = []
    for node in ast.walk(ast.parse(source, where)):
        if not isinstance(node, ast.JoinedStr):
            continue
        calls = [inner for inner in ast.walk(node) if isinstance(inner, ast.Call)]
        for call in calls:
            if isinstance(call.func, ast.Name) and call.func.id in messages.KEYWORDS:
                found.append(f"{where}:{call.lineno}: {ast.unparse(call)}")
    return found


def test_no_message_is_marked_inside_an_f_string() -> None:
    """Babel reads an f-string as one token on Python 3.11: a message inside one never reaches the .po.

    Translate first, then put the text in the f-string: ``title = _("Contents")``, ``f"<h2>{title}</h2>"``.
    """
    found = [
        hit
        for path in sorted((ROOT / "orgmodel").rglob("*.py"))
        for hit in _marked_in_fstrings(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    ]
    assert found == [], "compute each _() before the f-string (docs/i18n.md)"


def test_the_f_string_check_finds_a_message_inside_an_f_string() -> None:
    source = "name = \"x\"\ntitle = f\"<h2>{_('Contents')}</h2> {ngettext('a', 'b', 2)} {name}\"\n"
    assert _marked_in_fstrings(source, "sample.py") == [
        "sample.py:2: _('Contents')",
        "sample.py:2: ngettext('a', 'b', 2)",
    ]
    assert _marked_in_fstrings('title = _("Contents")\nhtml = f"<h2>{title}</h2>"\n', "fine.py") == []
