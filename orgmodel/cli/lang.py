"""The language of a run, chosen before click parses anything, and the command-line help in it.

The first of these decides: ``--lang nb|en`` before the command, the configuration's ``lang``
(``.orgmodel.yaml`` or ``[tool.orgmodel]``, the file ``--config`` names, none with ``--isolated``),
then ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (the first one set; ``nb``, ``nn`` and ``no`` mean
bokmål, ``C``, ``POSIX`` and other languages English), then English.

typer builds the help texts when the modules are imported, before a language is chosen, so they
are written in English and marked with ``N_()``; :func:`translate_commands` puts them into the
chosen language once the command tree exists. click's own words (``Usage:``, ``Options``) go
through :class:`Formatter`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import typer

from orgmodel.cli.language import _option_value, chosen
from orgmodel.formatters import ResultKind, describe
from orgmodel.i18n import LANGUAGES, N_, _, normalise, set_language

# click's and typer's own words in the help, so that the catalogue has them (click asks for them
# by these English texts).
CLICK_WORDS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("default: {default}"),
    N_("required"),
)
# the Python type typer writes after an argument's name in --help ("PATHS <list[Path]>"): a
# programmer's word, not a planner's (an option's values, "<text|json>", stay)
_PYTHON_TYPE = re.compile(r" <(?:list\[)?(?:str|int|float|bool|Path)\]?>$")
# what click appends to an option's help: "[default: text]", "[required]", "[default: 5; required]"
_EXTRA = re.compile(r"  \[(default: (?P<default>.*?))?(?:; )?(?P<required>required)?\]$")


# click's help formatter, as typer uses it (typer >= 0.20 brings its own copy of click)
_HelpFormatter: Any = typer.Context.formatter_class


def requested(args: Sequence[str]) -> str | None:
    """The ``--lang`` given before the command (``orgmodel --lang nb check``), checked; else None."""
    head: list[str] = []
    rest = list(args)
    while rest and rest[0].startswith("-") and rest[0] != "--":
        head.append(rest.pop(0))
        if head[-1] == "--lang" and rest:
            head.append(rest.pop(0))
    value = _option_value(head, "--lang")
    if value is None:
        return None
    code = normalise(value)  # nn and no speak bokmål, as they do in LANG
    if code is None:
        set_language(chosen(args))  # say it in the language the run would speak without --lang
        # Translators: {value} is what the user gave; {languages} the list "en, nb"
        message = _("'{value}' is not a language of orgmodel; languages: {languages}")
        raise typer.BadParameter(
            message.format(value=value, languages=", ".join(LANGUAGES)), param_hint="'--lang'"
        )
    return code


def choose(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a run with these arguments: --lang, the configuration, the locale, English."""
    return requested(args) or chosen(args, environ)


# Help texts built from values (the list of formats): the English text -> how to build it again
_BUILT: dict[str, Callable[[], str]] = {}


def built(make: Callable[[], str]) -> str:
    """A help text made by ``make`` in English now, and made again in the run's language later.

    For a help with values in it: ``built(lambda: _("Output format: {formats}.").format(...))``.
    """
    text = make()
    _BUILT[text] = make
    return text


def formats_help(kind: ResultKind) -> str:
    """The help of a command's ``--format``: each format it offers and what it is for."""
    return built(lambda: _("Output format: {formats}.").format(formats=describe(kind)))


def translate_commands(command: Any) -> None:
    """Put the help of ``command`` and everything under it into the current language."""
    _translate(command, ("help", "short_help", "epilog"))
    for param in command.params:
        _translate(param, ("help",))
    commands = getattr(command, "commands", {})
    # a lazy group's commands (orgmodel.cli.group) are translated when they are built
    for sub in getattr(commands, "built", commands).values():
        translate_commands(sub)
    command.context_class = Context


def _translate(obj: object, attributes: tuple[str, ...]) -> None:
    """Each attribute of ``obj`` translated from its English text, kept the first time."""
    english: dict[str, str | None] = vars(obj).setdefault("_orgmodel_english", {})
    for attribute in attributes:
        if attribute not in english:
            english[attribute] = getattr(obj, attribute, None)
        text = english[attribute]
        if text:
            setattr(obj, attribute, _BUILT[text]() if text in _BUILT else _(text))


class Formatter(_HelpFormatter):  # type: ignore[misc]
    """click's help formatter, with click's own headings and texts in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, after a translated "Usage:"."""
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        """A section under a translated heading ("Options", "Commands")."""
        with super().section(_(name)):
            yield

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands with their help; click's own texts (--help's, [default: ...]) translated.

        An argument's Python type ("PATHS <list[Path]>") is left out: its help says what to give.
        """
        rows = [(_PYTHON_TYPE.sub("", term), _click_words(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def _click_words(text: str) -> str:
    """A help text click wrote: its own sentences and the "[default: x]" it appends, translated."""
    if not text:
        return text
    found = _EXTRA.search(text)
    if found is None or not (found["default"] is not None or found["required"]):
        return _(text)
    extra = []
    if found["default"] is not None:
        extra.append(_("default: {default}").format(default=found["default"]))
    if found["required"]:
        extra.append(_("required"))
    help_text = _(text[: found.start()])
    return f"{help_text}  [{'; '.join(extra)}]"


class Context(typer.Context):
    """A click context that formats help with :class:`Formatter`."""

    formatter_class = Formatter


def apply(command: Any, args: Sequence[str]) -> None:
    """Choose the language of the run from ``args`` and the environment, and translate the help."""
    set_language(choose(args))
    translate_commands(command)
