"""What a check gives: one ``CheckedModel`` per file, the ``Report`` of a run, and each file's ``Summary``.

The engine builds a ``CheckedModel`` (document, model, graph, findings) and
hands it on; ``diff``, ``trace`` and the formatters read it. A file checked
in another process (``orgmodel.parallel``) or taken from the cache
(``orgmodel.cache``) comes back as its ``Summary``: what ``check`` prints of
it (the findings, the counts, the source lines the findings quote) and no
model. ``RestoredModel`` is a ``CheckedModel`` made from a summary: the
output reads it without loading anything, and its model, document and graph
are loaded on first use (from the cache entry, else by checking the same
bytes again with the same rules). So a warm run, or the parent of the
workers, never unpickles a model that nobody reads.

This module imports neither the engine nor pydantic nor PyYAML: a warm run
prints its report with it alone.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from orgmodel.diagnostic import Diagnostic, Severity, found_note
from orgmodel.timings import Timings

if TYPE_CHECKING:
    from orgmodel.cache import Cache
    from orgmodel.graph import OrgGraph
    from orgmodel.journeys import Journeys
    from orgmodel.loader import Document, SourceMap
    from orgmodel.rule import Context
    from orgmodel.ruleset import Ruleset
    from orgmodel.schema import OrgModel
    from orgmodel.suppress import Suppression


@dataclass
class CheckedModel:
    """One checked file, the unit of exchange: document, model, graph, journeys and findings.

    The engine builds the graph once, for the rules; ``diff`` and ``trace``
    read it (and the journeys the rules computed) from here, never
    rebuilding them. ``graph``, ``context`` and ``journeys`` exist when the
    file loaded into a model (``model`` is not None), even if reference
    errors kept the rules from running; then they are built on first use.
    """

    path: str
    document: Document
    model: OrgModel | None
    diagnostics: list[Diagnostic]
    rules_run: bool
    suppressed: int = 0
    suppressed_without_reason: int = 0
    # other files findings point into (the ruleset that set a parameter), by path, for their source lines
    sources: dict[str, Document] = field(default_factory=dict)
    # the inline suppressions of the file and the findings they silenced (for orgmodel diff)
    suppressions: list[Suppression] = field(default_factory=list)
    silenced: list[Diagnostic] = field(default_factory=list)
    _context: Context | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for part in self.document.parts:  # a model split across files: findings point into its parts
            self.sources.setdefault(part.path, part)

    @property
    def context(self) -> Context:
        """What the rules read (document, model, graph), built on first use; ValueError without a model."""
        if self._context is None:
            if self.model is None:
                raise ValueError(f"{self.path}: the file did not load into a model")
            from orgmodel.graph import OrgGraph
            from orgmodel.rule import Context

            self._context = Context(self.document, self.model, OrgGraph(self.model))
        return self._context

    @property
    def paths(self) -> set[str]:
        """The model's files: the main file and each part it lists."""
        return {self.path, *(part.path for part in self.document.parts)}

    @property
    def source(self) -> SourceMap:
        """The source map: the 1-based line and column of every node, by data path."""
        return self.document.source

    @property
    def graph(self) -> OrgGraph:
        """The organisation graph of the model (the one the rules read)."""
        return self.context.graph

    @property
    def journeys(self) -> Journeys:
        """Every persona's journey through the model, each computed once and shared with the rules."""
        from orgmodel.journeys import journeys_of

        return journeys_of(self.context)

    @property
    def units(self) -> int | None:
        """How many units the model has; None when the file did not load into a model."""
        return len(self.model.units) if self.model is not None else None

    def __repr__(self) -> str:
        """``<CheckedModel models/x.yaml: 165 units, 1 error, 0 warnings, 2 info>``, never the model."""
        units = "not loaded" if self.units is None else f"{self.units} units"
        return f"<CheckedModel {self.path}: {units}, {_counts(self.diagnostics)}>"

    def line_text(self, path: str, line: int) -> str:
        """The text of a 1-based line of ``path`` (this file, a part, a ruleset a finding points into)."""
        document = self.document if path == self.path else self.sources.get(path)
        return document.line_text(line) if document is not None else ""

    def summary(self) -> Summary:
        """What the output reads of this file, without the model (kept in the cache, sent by a worker)."""
        lines = {(d.path, d.line): self.line_text(d.path, d.line) for d in self.diagnostics}
        return Summary(
            path=self.path,
            diagnostics=list(self.diagnostics),
            rules_run=self.rules_run,
            units=self.units,
            suppressed=self.suppressed,
            suppressed_without_reason=self.suppressed_without_reason,
            parts=tuple(sorted(self.paths - {self.path})),
            lines={where: text for where, text in lines.items() if text},
            silenced=list(self.silenced),
            suppressions=pickle.dumps(self.suppressions, protocol=pickle.HIGHEST_PROTOCOL)
            if self.suppressions
            else b"",
        )


FileResult = CheckedModel
"""The former name of ``CheckedModel``."""


@dataclass(frozen=True)
class Summary:
    """What ``check`` prints of one file: findings, counts and the source lines they quote; no model.

    ``suppressions`` is the pickled list of ``orgmodel.suppress.Suppression``
    (empty bytes for none), read only by the formats that name them, so that
    reading a summary imports neither PyYAML nor the rules.
    """

    path: str
    diagnostics: list[Diagnostic]
    rules_run: bool
    units: int | None
    suppressed: int
    suppressed_without_reason: int
    parts: tuple[str, ...]
    lines: dict[tuple[str, int], str]
    silenced: list[Diagnostic]
    suppressions: bytes


class RestoredModel(CheckedModel):
    """A ``CheckedModel`` given back from its ``Summary``: the rest is loaded on first use.

    ``load()`` gives the whole checked model (from the cache entry, or by
    checking the same bytes again); only its document, model, sources and
    graph are taken from it. The findings, counts and suppressions stay
    the summary's, so what a gate or ``per-file-ignores`` changed is kept.
    """

    def __init__(self, summary: Summary, load: Callable[[], CheckedModel]) -> None:
        # not the dataclass's __init__: the fields the output reads come from the summary
        self.path = summary.path
        self.diagnostics = list(summary.diagnostics)
        self.rules_run = summary.rules_run
        self.suppressed = summary.suppressed
        self.suppressed_without_reason = summary.suppressed_without_reason
        self.silenced = list(summary.silenced)
        self._summary = summary
        self._load = load
        self._whole: CheckedModel | None = None
        self._kept_suppressions: list[Suppression] | None = None

    def _loaded(self) -> CheckedModel:
        if self._whole is None:
            self._whole = self._load()
        return self._whole

    @property
    def document(self) -> Document:
        """The loaded file (loaded on first use)."""
        return self._loaded().document

    @document.setter
    def document(self, value: Document) -> None:
        self._loaded().document = value

    @property
    def model(self) -> OrgModel | None:
        """The validated model, None when the file did not load into one (loaded on first use)."""
        return self._loaded().model

    @model.setter
    def model(self, value: OrgModel | None) -> None:
        self._loaded().model = value

    @property
    def sources(self) -> dict[str, Document]:
        """The other files findings point into, by path (loaded on first use)."""
        return self._loaded().sources

    @sources.setter
    def sources(self, value: dict[str, Document]) -> None:
        self._loaded().sources = value

    @property
    def _context(self) -> Context | None:
        return self._loaded()._context

    @_context.setter
    def _context(self, value: Context | None) -> None:
        self._loaded()._context = value

    @property
    def suppressions(self) -> list[Suppression]:
        """The file's inline suppressions (unpickled on first use)."""
        if self._kept_suppressions is None:
            kept = self._summary.suppressions
            self._kept_suppressions = pickle.loads(kept) if kept else []
        return self._kept_suppressions

    @suppressions.setter
    def suppressions(self, value: list[Suppression]) -> None:
        self._kept_suppressions = value

    @property
    def paths(self) -> set[str]:
        """The model's files: the main file and each part it lists."""
        return {self.path, *self._summary.parts}

    def __reduce__(self) -> tuple[type[CheckedModel], tuple[object, ...]]:
        """Pickled as the whole ``CheckedModel`` it stands for (its loader stays in this process)."""
        whole = self._loaded()
        fields = (self.path, whole.document, whole.model, self.diagnostics, self.rules_run, self.suppressed)
        rest = (self.suppressed_without_reason, whole.sources, self.suppressions, self.silenced)
        return CheckedModel, (*fields, *rest)

    @property
    def units(self) -> int | None:
        """How many units the model has; None when the file did not load into a model."""
        return self._summary.units

    def line_text(self, path: str, line: int) -> str:
        """The text of a 1-based line that a finding of this file quotes ('' for any other)."""
        return self._summary.lines.get((path, line), "")


@dataclass
class Report:
    """The result of a check over one or more files."""

    files: list[CheckedModel]
    ruleset: Ruleset
    timings: Timings = field(default_factory=Timings)
    notes: list[str] = field(default_factory=list)
    # findings taken out as already known (orgmodel.baseline), and how the summary names them
    baselined: int = 0
    baselined_words: str = "baselined"
    # the cache the results were taken from and kept in (orgmodel.cache), None without one
    cache: Cache | None = field(default=None, repr=False, compare=False)
    # per file path, the selectors per-file-ignores turned off there (orgmodel.filters): a baseline
    # entry of such a rule is not "fixed", only not judged
    ignored: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    # the errors that stopped the run and have no place in a file (a path that does not exist,
    # a selector that names no rule, a baseline or git revision the gate cannot read): the CI
    # formats write them in their own documents (orgmodel check --format sarif, json, junit, github)
    failures: list[str] = field(default_factory=list)
    # the check did not run: the configuration or a ruleset did not load (its errors are in ``files``)
    stopped: bool = False
    # the lowest severity that fails the run (--fail-on, else the configuration's, else warning):
    # JUnit counts a finding below it as a passed test, as the exit code counts it
    fail_on: Severity = Severity.WARNING

    def __repr__(self) -> str:
        """``<Report of 4 files by rules/default.yaml: 0 errors, 1 warning, 5 info>``."""
        files = f"{len(self.files)} file{'' if len(self.files) == 1 else 's'}"
        return f"<Report of {files} by {self.ruleset.path}: {_counts(self.diagnostics)}>"

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of every file, in file then position order."""
        return [d for f in self.files for d in f.diagnostics]

    def count(self, severity: Severity) -> int:
        """How many diagnostics have this severity."""
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def unreadable(self) -> bool:
        """Whether a file or directory could not be read (exit code 2)."""
        return any(d.code == "OM007" for d in self.diagnostics)

    def fails(self, fail_on: Severity) -> bool:
        """Whether any diagnostic is at or above ``fail_on``."""
        return any(d.severity.rank >= fail_on.rank for d in self.diagnostics)


def fold_ruleset_findings(files: list[FileResult]) -> None:
    """One cause, one finding: a ruleset value found wrong by several models is reported once.

    A finding in the ruleset file (not in the model) is kept in the first file
    that found it; its hint names how many other models found it too.
    """
    first: dict[tuple[str, int, int, str], tuple[FileResult, int]] = {}
    others: dict[tuple[str, int, int, str], int] = {}
    for result in files:
        kept = []
        for diag in result.diagnostics:
            where = (diag.path, diag.line, diag.col, diag.code)
            if diag.path in result.paths:
                kept.append(diag)
            elif where in first:
                others[where] = others.get(where, 0) + 1
            else:
                first[where] = (result, len(kept))
                kept.append(diag)
        result.diagnostics = kept
    for where, count in others.items():
        result, index = first[where]
        diag = result.diagnostics[index]
        hint = (diag.hint or "").replace(found_note(result.path), found_note(result.path, count))
        result.diagnostics[index] = replace(diag, hint=hint or None)


def _counts(diagnostics: list[Diagnostic]) -> str:
    """'1 error, 0 warnings, 2 info': for a developer's repr, in English as Python's own are."""
    found = Counter(d.severity for d in diagnostics)
    errors, warnings = found[Severity.ERROR], found[Severity.WARNING]
    plural = {1: ""}
    return (
        f"{errors} error{plural.get(errors, 's')}, {warnings} warning{plural.get(warnings, 's')}, "
        f"{found[Severity.INFO]} info"
    )
