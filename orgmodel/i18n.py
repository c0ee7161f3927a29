"""Messages in bokmål and English: one gettext catalogue, English as the source language.

Every string a user sees goes through :func:`_` (or :func:`ngettext` for a count), with its
placeholders filled afterwards by ``str.format`` so the translation can move them::

    _("{unit} has {count} direct reports").format(unit=name, count=n)
    ngettext("{n} service", "{n} services", n).format(n=n)

A string that must exist before a language is chosen (a class attribute, a table of labels) is
marked with :func:`N_` where it is written and translated with :func:`_` where it is shown.

The compiled catalogue is ``orgmodel/locale/<lang>/LC_MESSAGES/orgmodel.mo``, read by the standard
library's :mod:`gettext` (Babel is needed only to extract and compile it: ``make messages``).
"""

from __future__ import annotations

import errno
import gettext as _gettext
import os
from datetime import date
from pathlib import Path

DOMAIN = "orgmodel"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "nb")
DEFAULT_LANGUAGE = "en"

# Norwegian in any of its written forms, as LANG spells it, reads bokmål (the catalogue has no nynorsk).
_ALIASES = {"nb": "nb", "nn": "nb", "no": "nb", "en": "en"}

_state: dict[str, object] = {"lang": DEFAULT_LANGUAGE, "tr": _gettext.NullTranslations()}


def normalise(value: str | None) -> str | None:
    """The catalogue language a value like ``nb_NO.UTF-8``, ``no`` or ``en`` names, or None."""
    if not value:
        return None
    head = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return _ALIASES.get(head)


def set_language(lang: str) -> None:
    """Speak ``lang`` ("en" or "nb") from now on."""
    code = normalise(lang) or DEFAULT_LANGUAGE
    translations: _gettext.NullTranslations
    if code == "en":
        translations = _gettext.NullTranslations()
    else:
        translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
    _state["lang"] = code
    _state["tr"] = translations


def language() -> str:
    """The language messages are given in now ("en" or "nb")."""
    return str(_state["lang"])


def _(message: str) -> str:
    """``message`` in the current language."""
    translations = _state["tr"]
    assert isinstance(translations, _gettext.NullTranslations)
    return translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    translations = _state["tr"]
    assert isinstance(translations, _gettext.NullTranslations)
    return translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here."""
    return message


# The operating system's reasons a file cannot be read, as errno names them; its own English text
# (strerror) is the fallback for any other, and for these in English.
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
}


def decimal(value: float, spec: str) -> str:
    """A number formatted by ``spec`` as the current language writes it: 4.0 in English, 4,0 in bokmål."""
    text = format(value, spec)
    return text.replace(".", ",") if language() == "nb" else text


def number(value: float | None, missing: str = "-") -> str:
    """A figure as the reader's language writes it: in bokmål 1 256, 61 000 000 and 1 100,25.

    Bokmål groups the thousands with a space from four digits on and writes a decimal comma.
    English keeps the plain digits and the decimal point it has always written; machine outputs
    (JSON, CSV) never come here.
    """
    if value is None:
        return missing
    text = str(value)
    if language() != "nb" or isinstance(value, bool):
        return text
    whole, point, fraction = text.partition(".")
    digits = whole.lstrip("-")
    if digits.isdigit() and len(digits) > 3 and "e" not in fraction:
        whole = whole[: len(whole) - len(digits)] + f"{int(digits):,}".replace(",", " ")
    return whole + ("," + fraction if point else "")


# the months as a long date names them ("1 January 2020", "1. januar 2020"), shown with _()
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def long_date(day: date) -> str:
    """A date for people: '1 January 2020', in bokmål '1. januar 2020' (machine outputs keep ISO)."""
    # Translators: a date for people; bokmål writes "{day}. {month} {year}" (1. januar 2020)
    return _("{day} {month} {year}").format(day=day.day, month=_(MONTHS[day.month - 1]), year=day.year)


def month_year(day: date) -> str:
    """The month and year of ``day`` for people: 'December 2011', in bokmål 'desember 2011'."""
    # Translators: a month of a year, as a project's end written "2011-12" reads (desember 2011)
    return _("{month} {year}").format(month=_(MONTHS[day.month - 1]), year=day.year)


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in the current language: ``error.strerror`` translated.

    The common reasons (no such file, permission denied, a directory) are messages; any other, and a
    reason orgmodel wrote itself (``FileNotFoundError(errno.ENOENT, _("no such file at revision
    {rev}"))``, already translated), is the error's own text.
    """
    reason = error.strerror or str(error)
    known = _OS_REASONS.get(error.errno) if error.errno is not None else None
    if known is None or error.strerror != os.strerror(error.errno or 0):
        return reason
    translated = _(known)
    return reason if translated == known else translated
