"""click's usage errors ("No such option", "Missing argument", "Invalid value for ...") in the run's language.

click, as typer brings it, writes its errors in English: the words are in its f-strings, with no
catalogue to ask. The group (``orgmodel.cli.group.Commands``) runs click without its own error
printing and hands each error here: :func:`show` writes what click would (the usage line, the
"Try ... --help" hint and the message) with every sentence click and typer have translated. A
sentence is read by its English pattern (:data:`SENTENCES`) and written again from a template in
the catalogue; a sentence this module does not know stays as click wrote it, so a newer click can
only leave an error in English, never lose one. The reason after "Invalid value for '--x':" is
translated the same way (pydantic's "Input should be ..." from typer's conversion); the reasons
orgmodel gives itself are already in the run's language.
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

import typer

from orgmodel.escape import text_lines
from orgmodel.i18n import N_, _

# click's own exception classes, from whichever click typer brings (typer >= 0.20 bundles one)
UsageError: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
ClickException: Any = next(c for c in UsageError.__mro__ if c.__name__ == "ClickException")

# (what click writes, as a pattern) -> the same sentence as a template of the catalogue. Each
# group is a placeholder of the template; ``reason`` is itself translated by these sentences.
SENTENCES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template)
    for pattern, template in (
        # Translators: {name} is an option as typed, e.g. --nope
        (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
        # Translators: {name} is an option as typed; {options} lists the options with a similar name
        (
            r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)",
            N_("No such option: {name} (did you mean {options}?)"),
        ),
        # Translators: {name} is a command as typed, in quotes: 'chek'
        (r"No such command (?P<name>'.*')\.", N_("No such command {name}.")),
        # Translators: {name} is a command as typed; {commands} the commands with a similar name
        (
            r"No such command (?P<name>'.*')\. Did you mean (?P<commands>.*)\?",
            N_("No such command {name}. Did you mean {commands}?"),
        ),
        (r"Missing command\.", N_("Missing command.")),
        # Translators: {name} is the argument's name as --help shows it: 'PERSONA'
        (r"Missing argument (?P<name>'[^'\n]*'(?: / '[^'\n]*')*)\.", N_("Missing argument {name}.")),
        # Translators: {name} is the option, e.g. '--base'
        (r"Missing option (?P<name>'[^'\n]*'(?: / '[^'\n]*')*)\.", N_("Missing option {name}.")),
        (r"Missing parameter: (?P<name>.+)", N_("Missing parameter: {name}")),
        # Translators: {name} is the option or argument, e.g. '--jobs' / '-j'; {reason} why the value is wrong
        (r"Invalid value for (?P<name>.+?): (?P<reason>.*)", N_("Invalid value for {name}: {reason}")),
        (r"Invalid value: (?P<reason>.*)", N_("Invalid value: {reason}")),
        # Translators: {name} is an option that needs a value after it, e.g. '--config'
        (r"Option (?P<name>'.+') requires an argument\.", N_("Option {name} needs a value.")),
        # Translators: {name} is an option; {count} how many values it needs (always more than one)
        (
            r"Option (?P<name>'.+') requires (?P<count>\d+) arguments\.",
            N_("Option {name} needs {count} values."),
        ),
        # Translators: {name} is a flag given a value, e.g. '--quiet'
        (r"Option (?P<name>'.+') does not take a value\.", N_("Option {name} takes no value.")),
        # Translators: {name} is an argument; {count} how many values it takes
        (
            r"Argument (?P<name>'.+') takes (?P<count>\d+) values\.",
            N_("Argument {name} takes {count} values."),
        ),
        # Translators: {extra} is what the command line had left over, as typed
        (r"Got unexpected extra argument\(s\) \((?P<extra>.*)\)", N_("Unexpected extra arguments ({extra})")),
        # pydantic's words for a value typer converted (the reason of "Invalid value for")
        # Translators: {limit} is a number
        (
            r"Input should be greater than or equal to (?P<limit>\S+)",
            N_("the value must be at least {limit}"),
        ),
        (r"Input should be less than or equal to (?P<limit>\S+)", N_("the value must be at most {limit}")),
        (r"Input should be greater than (?P<limit>\S+)", N_("the value must be greater than {limit}")),
        (r"Input should be less than (?P<limit>\S+)", N_("the value must be less than {limit}")),
        (
            r"Input should be a valid integer, unable to parse string as an integer",
            N_("the value must be a whole number"),
        ),
        (r"Input should be a valid integer.*", N_("the value must be a whole number")),
        (r"Input should be a valid number.*", N_("the value must be a number")),
        (r"Input should be a valid boolean.*", N_("the value must be true or false")),
        # Translators: {path} is a file or folder as given, in quotes
        (r"(?:File|Directory|Path) (?P<path>'.*') does not exist\.", N_("{path} does not exist.")),
        (r"(?:File|Directory|Path) (?P<path>'.*') is a file\.", N_("{path} is a file.")),
        (r"(?:File|Directory|Path) (?P<path>'.*') is a directory\.", N_("{path} is a directory.")),
        (r"(?:File|Directory|Path) (?P<path>'.*') is not readable\.", N_("{path} cannot be read.")),
        (r"(?:File|Directory|Path) (?P<path>'.*') is not writable\.", N_("{path} cannot be written.")),
    )
)


def translated(message: str) -> str:
    """``message``, a sentence click or typer wrote, in the run's language (as it is when unknown)."""
    for pattern, template in SENTENCES:
        found = pattern.fullmatch(message)
        if found is not None:
            parts = found.groupdict()
            if parts.get("reason") is not None:
                parts["reason"] = translated(parts["reason"])
            return _(template).format(**parts)
    return message


def show(error: Any, file: IO[str] | None = None) -> None:
    """Write a click error as click would, in the run's language: usage, hint and message."""
    out = file if file is not None else sys.stderr
    if type(error).show is not UsageError.show and type(error).show is not ClickException.show:
        error.show(file)  # its own way (no arguments: the help)
        return
    ctx: Any = getattr(error, "ctx", None)
    if isinstance(error, UsageError) and ctx is not None:
        out.write(ctx.get_usage() + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            command, option = ctx.command_path, ctx.help_option_names[0]
            # Translators: {command} is e.g. "orgmodel check"; {option} is --help
            out.write(_("Try '{command} {option}' for help.").format(command=command, option=option) + "\n")
        out.write("\n")
    message = translated(error.format_message())
    out.write(_("Error: {message}").format(message=text_lines(message)) + "\n")
