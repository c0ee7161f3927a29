"""Output formats of every command: one registry, whose names are each command's ``--format`` choices.

A format renders one or more kinds of result: a check report (``check``), a
diff report (``diff``), a persona's journeys (``trace``), a model's figures
(``stats``) or its organisation chart (``chart``, for ``orgmodel render``).
Each kind has a typed protocol, ``CheckRenderer``, ``DiffRenderer``,
``TraceRenderer``, ``StatsRenderer`` and ``ChartRenderer``, and a format names,
per kind it renders, the class that implements it (one class may implement
several). A check renderer receives the results file by file (``start``,
``handle``, ``finish``, as flake8's formatters do), so output can stream.

The registry holds only module and class names and imports a formatter
module when it is chosen, so ``orgmodel --help`` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from orgmodel.i18n import N_, _

if TYPE_CHECKING:
    from orgmodel.checked import CheckedModel, Report
    from orgmodel.diff.run import DiffReport
    from orgmodel.render import Chart
    from orgmodel.report import MeetingReport
    from orgmodel.ruleset import Ruleset
    from orgmodel.stats import ModelStats
    from orgmodel.trace import TraceRun

ResultKind = Literal["check", "diff", "trace", "stats", "chart", "report"]
RESULT_KINDS: tuple[ResultKind, ...] = ("check", "diff", "trace", "stats", "chart", "report")


@runtime_checkable
class CheckRenderer(Protocol):
    """Renders ``orgmodel check``: the ruleset, then each checked file, then the whole report."""

    def start(self, ruleset: Ruleset) -> None:
        """Called once before the first file."""

    def handle(self, result: CheckedModel) -> None:
        """Called once per checked file."""

    def finish(self, report: Report) -> None:
        """Called once after the last file."""


@runtime_checkable
class DiffRenderer(Protocol):
    """Renders ``orgmodel diff``."""

    def diff(self, report: DiffReport) -> None:
        """Write the comparison of OLD and NEW."""


@runtime_checkable
class TraceRenderer(Protocol):
    """Renders ``orgmodel trace``."""

    def trace(self, run: TraceRun) -> None:
        """Write every journey of the run."""


@runtime_checkable
class StatsRenderer(Protocol):
    """Renders ``orgmodel stats``."""

    def stats(self, result: ModelStats) -> None:
        """Write the figures of one model."""


@runtime_checkable
class ChartRenderer(Protocol):
    """Renders ``orgmodel render``."""

    def chart(self, chart: Chart) -> None:
        """Write the organisation chart."""


@runtime_checkable
class ReportRenderer(Protocol):
    """Renders ``orgmodel report``."""

    def report(self, result: MeetingReport) -> None:
        """Write the whole report of one model."""


class Formatter:
    """What every formatter holds: the stream it writes to, the colour choice and any options."""

    name: str = ""

    def __init__(self, stream: IO[str], *, color: bool | None = None, **options: Any) -> None:
        self.stream = stream
        self.color = color
        self.options = options


class CheckFormatter(Formatter):
    """A base for check renderers: each hook does nothing until a format needs it."""

    def start(self, ruleset: Ruleset) -> None:
        """Called once before the first file."""

    def handle(self, result: CheckedModel) -> None:
        """Called once per checked file."""

    def finish(self, report: Report) -> None:
        """Called once after the last file."""


@dataclass(frozen=True)
class Renderer:
    """The class that renders one kind of result in one format, and what the output is for."""

    module: str
    cls: str
    description: str  # marked with N_(): describe() translates it

    def load(self) -> type[Formatter]:
        """Import the class (only now: the registry itself imports nothing)."""
        loaded: type[Formatter] = getattr(importlib.import_module(self.module), self.cls)
        return loaded


@dataclass(frozen=True)
class FormatEntry:
    """One output format: per kind of result it renders, the class that renders it."""

    renders: Mapping[ResultKind, Renderer]

    def serves(self, kind: ResultKind) -> bool:
        """Whether this format renders results of ``kind``."""
        return kind in self.renders


_TEXT = "orgmodel.formatters.text"
_JSON = "orgmodel.formatters.json_format"
_TRACE = "orgmodel.formatters.trace_format"
_STATS = "orgmodel.formatters.stats_format"
_CHART = "orgmodel.formatters.chart"

FORMATS: dict[str, FormatEntry] = {
    "text": FormatEntry(
        {
            "check": Renderer(_TEXT, "TextFormatter", N_("for people: findings with their YAML line")),
            "diff": Renderer(
                "orgmodel.formatters.diff_text",
                "DiffTextFormatter",
                N_("for people: a summary per group, then each change"),
            ),
            "trace": Renderer(_TRACE, "TraceTextFormatter", N_("for people: one block per need")),
            "stats": Renderer(_STATS, "StatsTextFormatter", N_("for people: one table per measure")),
        }
    ),
    "json": FormatEntry(
        {
            "check": Renderer(_JSON, "JsonFormatter", N_("for programs: one JSON document")),
            "diff": Renderer(
                "orgmodel.formatters.diff_json", "DiffJsonFormatter", N_("for programs: one JSON document")
            ),
            "trace": Renderer(_TRACE, "TraceJsonFormatter", N_("for programs: one JSON document")),
            "stats": Renderer(_STATS, "StatsJsonFormatter", N_("for programs: one JSON document")),
        }
    ),
    "sarif": FormatEntry(
        {
            "check": Renderer(
                "orgmodel.formatters.sarif",
                "SarifFormatter",
                N_("SARIF 2.1.0 for GitHub code scanning: rules, exact regions, fingerprints"),
            )
        }
    ),
    "github": FormatEntry(
        {
            "check": Renderer(
                "orgmodel.formatters.github",
                "GithubFormatter",
                N_("GitHub Actions annotations: one ::error/::warning/::notice command per finding"),
            )
        }
    ),
    "gitlab": FormatEntry(
        {
            "check": Renderer(
                "orgmodel.formatters.gitlab",
                "GitlabFormatter",
                N_("a GitLab Code Quality report (JSON array with fingerprints)"),
            )
        }
    ),
    "junit": FormatEntry(
        {
            "check": Renderer(
                "orgmodel.formatters.junit",
                "JunitFormatter",
                N_("JUnit XML: a test suite per file, a test case per finding"),
            )
        }
    ),
    "json-lines": FormatEntry(
        {
            "check": Renderer(
                "orgmodel.formatters.lines",
                "JsonLinesFormatter",
                N_("one JSON object per finding per line"),
            )
        }
    ),
    "concise": FormatEntry(
        {
            "check": Renderer(
                "orgmodel.formatters.lines",
                "ConciseFormatter",
                N_("one line per finding: path:line:col: CODE [severity] message"),
            )
        }
    ),
    "markdown": FormatEntry(
        {
            "diff": Renderer(
                "orgmodel.formatters.diff_markdown",
                "DiffMarkdownFormatter",
                N_("a pull-request comment: a summary table, details in collapsible sections"),
            ),
            "stats": Renderer(_STATS, "StatsMarkdownFormatter", N_("for documents: one table per measure")),
        }
    ),
    "html": FormatEntry(
        {
            "diff": Renderer(
                "orgmodel.formatters.diff_html",
                "DiffHtmlFormatter",
                N_("one self-contained page: before and after aligned row by row"),
            ),
            "report": Renderer(
                "orgmodel.formatters.report_html",
                "ReportHtmlFormatter",
                N_("one self-contained document for a meeting: summary, chart, figures, findings, diff"),
            ),
            "chart": Renderer(
                _CHART,
                "ChartHtmlFormatter",
                N_("one self-contained page: boxes and lines, search, kommunedel filter, findings"),
            ),
        }
    ),
    "svg": FormatEntry(
        {
            "chart": Renderer(
                _CHART, "ChartSvgFormatter", N_("a drawing by Graphviz's dot, which must be installed")
            )
        }
    ),
    "dot": FormatEntry(
        {
            "chart": Renderer(
                _CHART, "ChartDotFormatter", N_("Graphviz DOT text, for dot and the tools that read it")
            )
        }
    ),
    "mermaid": FormatEntry(
        {
            "chart": Renderer(
                _CHART, "ChartMermaidFormatter", N_("a Mermaid flowchart, for wikis and Markdown")
            )
        }
    ),
    "csv": FormatEntry(
        {
            "stats": Renderer(
                _STATS,
                "StatsCsvFormatter",
                N_("for spreadsheets: one row per figure (section,row,column,value)"),
            )
        }
    ),
}


def formats_for(kind: ResultKind) -> list[str]:
    """The names of the formats that render ``kind`` (a command's ``--format`` choices), in order."""
    return [name for name, entry in FORMATS.items() if entry.serves(kind)]


def describe(kind: ResultKind) -> str:
    """The ``--format`` help of a command: every format it offers with what it is for."""
    described = {name: _(FORMATS[name].renders[kind].description) for name in formats_for(kind)}
    return "; ".join(f"{name} ({text})" for name, text in described.items())


def _make(name: str, kind: ResultKind, stream: IO[str], color: bool | None, options: Any) -> Formatter:
    renderer = FORMATS[name].renders.get(kind)
    if renderer is None:
        raise KeyError(
            f"the {name} format does not render {kind} results (those that do: {formats_for(kind)})"
        )
    return renderer.load()(stream, color=color, **options)


def check_renderer(name: str, stream: IO[str], *, color: bool | None = None, **options: Any) -> CheckRenderer:
    """The ``name`` format's renderer of a check report, writing to ``stream``."""
    made = _make(name, "check", stream, color, options)
    if not isinstance(made, CheckRenderer):
        raise TypeError(f"{type(made).__name__} does not implement CheckRenderer")
    return made


def diff_renderer(name: str, stream: IO[str], *, color: bool | None = None, **options: Any) -> DiffRenderer:
    """The ``name`` format's renderer of a diff report, writing to ``stream``."""
    made = _make(name, "diff", stream, color, options)
    if not isinstance(made, DiffRenderer):
        raise TypeError(f"{type(made).__name__} does not implement DiffRenderer")
    return made


def trace_renderer(name: str, stream: IO[str], *, color: bool | None = None, **options: Any) -> TraceRenderer:
    """The ``name`` format's renderer of a trace run, writing to ``stream``."""
    made = _make(name, "trace", stream, color, options)
    if not isinstance(made, TraceRenderer):
        raise TypeError(f"{type(made).__name__} does not implement TraceRenderer")
    return made


def stats_renderer(name: str, stream: IO[str], *, color: bool | None = None, **options: Any) -> StatsRenderer:
    """The ``name`` format's renderer of a model's figures, writing to ``stream``."""
    made = _make(name, "stats", stream, color, options)
    if not isinstance(made, StatsRenderer):
        raise TypeError(f"{type(made).__name__} does not implement StatsRenderer")
    return made


def chart_renderer(name: str, stream: IO[str], *, color: bool | None = None, **options: Any) -> ChartRenderer:
    """The ``name`` format's renderer of an organisation chart, writing to ``stream``."""
    made = _make(name, "chart", stream, color, options)
    if not isinstance(made, ChartRenderer):
        raise TypeError(f"{type(made).__name__} does not implement ChartRenderer")
    return made


def report_renderer(
    name: str, stream: IO[str], *, color: bool | None = None, **options: Any
) -> ReportRenderer:
    """The ``name`` format's renderer of a meeting report, writing to ``stream``."""
    made = _make(name, "report", stream, color, options)
    if not isinstance(made, ReportRenderer):
        raise TypeError(f"{type(made).__name__} does not implement ReportRenderer")
    return made
