"""Output formats: one registry, whose names are the CLI's ``--format`` choices.

A formatter receives the results file by file (``start``, ``handle``,
``finish``, as flake8's formatters do), so output can stream. The registry
names each format's module and class and imports it only when chosen, so
``orgmodel --help`` stays fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport
    from orgmodel.engine import FileResult, Report
    from orgmodel.ruleset import Ruleset


class Formatter:
    """Base class of every output format."""

    name: ClassVar[str]

    def __init__(self, stream: IO[str], *, color: bool | None = None, **options: Any) -> None:
        self.stream = stream
        self.color = color
        self.options = options

    def start(self, ruleset: Ruleset) -> None:
        """Called once before the first file."""

    def handle(self, result: FileResult) -> None:
        """Called once per checked file."""

    def finish(self, report: Report) -> None:
        """Called once after the last file."""

    def diff(self, report: DiffReport) -> None:
        """Write the result of ``orgmodel diff`` (formats whose entry serves "diff")."""
        raise NotImplementedError(f"the {self.name} format does not show diffs")


@dataclass(frozen=True)
class FormatEntry:
    """Where a format lives and what it is for."""

    module: str
    cls: str
    description: str
    commands: tuple[str, ...] = ("check",)

    def load(self) -> type[Formatter]:
        """Import the formatter class."""
        formatter: type[Formatter] = getattr(importlib.import_module(self.module), self.cls)
        return formatter


FORMATS: dict[str, FormatEntry] = {
    "text": FormatEntry(
        "orgmodel.formatters.text",
        "TextFormatter",
        "for people: findings with their YAML line",
        ("check", "diff"),
    ),
    "json": FormatEntry(
        "orgmodel.formatters.json_format",
        "JsonFormatter",
        "for programs: one JSON document",
        ("check", "diff"),
    ),
    "markdown": FormatEntry(
        "orgmodel.formatters.diff_markdown",
        "DiffMarkdownFormatter",
        "a pull-request comment: a summary table, details in collapsible sections",
        ("diff",),
    ),
    "html": FormatEntry(
        "orgmodel.formatters.diff_html",
        "DiffHtmlFormatter",
        "one self-contained page: both organisation trees side by side",
        ("diff",),
    ),
}


def formats_for(command: str) -> list[str]:
    """The names of the formats that serve a command (the CLI's ``--format`` choices)."""
    return [name for name, entry in FORMATS.items() if command in entry.commands]
