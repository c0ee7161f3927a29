"""The engine: load, validate, build the graph, run the selected rules, apply suppressions.

Usable without the CLI::

    from orgmodel.engine import check_paths
    from orgmodel.ruleset import load_ruleset

    report = check_paths(["models/"], load_ruleset("rules/drammen-2020.yaml"))
    for diagnostic in report.diagnostics:
        print(diagnostic.to_dict())
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgmodel.batch import Batch
from orgmodel.bounds import read_limited
from orgmodel.cache import Cache, open_cache
from orgmodel.check_support import gc_paused as gc_paused
from orgmodel.check_support import printable
from orgmodel.codes import INTERNAL_ERROR
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.journeys import Journeys, journeys_of
from orgmodel.loader import Document, SourceMap, Span, load_bytes
from orgmodel.part_files import identity, models_of, unlisted
from orgmodel.part_files import model_files as model_files
from orgmodel.parts import Reader, assemble, file_reader
from orgmodel.paths import MODEL_SUFFIXES as MODEL_SUFFIXES
from orgmodel.paths import Discovery as Discovery
from orgmodel.paths import Exclusion, discover, unreadable
from orgmodel.paths import iter_model_files as iter_model_files
from orgmodel.progress import SILENT, Ticker
from orgmodel.rule import Context, Rule, bug_hint, found_note
from orgmodel.ruleset import Ruleset
from orgmodel.schema import OrgModel
from orgmodel.selection import Selection as Selection
from orgmodel.selection import is_selected as is_selected
from orgmodel.selection import unknown_selector as unknown_selector
from orgmodel.selection import validate_selectors as validate_selectors
from orgmodel.suppress import Suppression, suppress_model
from orgmodel.timings import Timings as Timings

if TYPE_CHECKING:
    from orgmodel.graph import OrgGraph


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
        return journeys_of(self.context)


FileResult = CheckedModel
"""The former name of ``CheckedModel``."""


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


def check_paths(
    paths: Iterable[str | Path],
    ruleset: Ruleset,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    timings: Timings | None = None,
    selection: Selection | None = None,
    exclusion: Exclusion | None = None,
    ticker: Ticker | None = None,
    jobs: int | None = None,
    cache: Path | None = None,
) -> Report:
    """Check every model file under ``paths`` (``selection``, when given, replaces ``select``/``ignore``).

    A ``ticker`` (``orgmodel.progress``) learns the number of model files, then each one checked.
    ``jobs`` processes check the files (None: one per core; ``orgmodel.parallel``), the results
    in the same order as one process gives them. A ``cache`` directory (``orgmodel.cache``)
    gives the files already checked with these settings, and keeps the others.
    """
    timings = timings or Timings()
    chosen = selection or Selection(tuple(select), tuple(ignore))
    with timings.timer("rules: setup"):
        rules = [r for r in ruleset.instances() if chosen(r.code, r.name)]
    found = discover(paths, exclusion)
    custom = [(c.code, c.name) for c in ruleset.custom.values()]
    targets = models_of(found.files)
    ticker = ticker or SILENT
    store = None
    if cache is not None:
        modules = {type(rule).__module__ for rule in rules}
        store = open_cache(cache, ruleset.chain, modules, f"{chosen!r} {[r.code for r in rules]}")
    files = _check_mains(targets.mains, rules, timings, chosen, custom, ticker, jobs, store)
    for result, main in zip(files, targets.mains, strict=True):
        extra = unlisted(result.document, targets.named[identity(main)])
        if extra:  # a part named on the command line that its main file does not list
            result.diagnostics = sorted(result.diagnostics + extra, key=Diagnostic.sort_key)
    files += [
        CheckedModel(p.path, p, None, printable(p.diagnostics), rules_run=False) for p in targets.orphans
    ]
    fold_ruleset_findings(files)
    for diag in found.unreadable:
        files.append(
            CheckedModel(diag.path, Document(path=diag.path, text=""), None, [diag], rules_run=False)
        )
    return Report(files, ruleset, timings, found.notes)


def _check_mains(
    mains: list[Path],
    rules: list[Rule[Any]],
    timings: Timings,
    selection: Selection,
    custom: list[tuple[str, str]],
    ticker: Ticker,
    jobs: int | None,
    cache: Cache | None = None,
) -> list[CheckedModel]:
    """Each main model file checked (or taken from the ``cache``), here or in ``jobs`` processes, in order."""

    def check(name: str, raw: bytes | None, phases: Timings) -> CheckedModel:
        if raw is None:
            return check_file(name, rules, timings=phases, selection=selection, custom=custom)
        return check_bytes(
            name, raw, rules, timings=phases, selection=selection, custom=custom, read=file_reader(name)
        )

    batch = Batch(check, _parts_of, _without_graph, timings=timings, ticker=ticker, cache=cache)
    return batch.run([str(main) for main in mains], jobs)


def _parts_of(result: CheckedModel) -> list[str]:
    return [part.path for part in result.document.parts]


def _without_graph(result: CheckedModel) -> CheckedModel:
    """The result as it is sent to another process or kept: its graph is rebuilt on first use."""
    return replace(result, _context=None)


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


def check_file(
    path: str | Path,
    rules: list[Rule[Any]],
    *,
    timings: Timings | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    selection: Selection | None = None,
    custom: Collection[tuple[str, str]] = (),
) -> CheckedModel:
    """Check one file with already instantiated rules (``custom``: the ruleset's custom rules)."""
    timings = timings or Timings()
    name = str(path)
    with timings.timer("read"):
        try:
            raw = read_limited(path)
        except OSError as exc:
            doc = Document(path=name, text="")
            doc.diagnostics.append(unreadable(name, "file", exc))
            return CheckedModel(name, doc, None, doc.diagnostics, rules_run=False)
    chosen = selection or Selection(tuple(select), tuple(ignore))
    return check_bytes(
        name, raw, rules, timings=timings, selection=chosen, custom=custom, read=file_reader(name)
    )


def check_bytes(
    name: str,
    raw: bytes,
    rules: list[Rule[Any]],
    *,
    timings: Timings | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    pure: bool = False,
    selection: Selection | None = None,
    custom: Collection[tuple[str, str]] = (),
    read: Reader | None = None,
) -> CheckedModel:
    """Check one model file's bytes (``pure``: the pure-Python parser; ``custom``: custom rules' names).

    ``read`` reads the parts the file lists (``orgmodel.parts``); without it,
    a file that lists parts is an error at its ``parts:``.
    """
    chosen = selection or Selection(tuple(select), tuple(ignore))
    with gc_paused():
        return _check_bytes(
            name, raw, rules, timings=timings, selection=chosen, pure=pure, custom=custom, read=read
        )


def _check_bytes(
    name: str,
    raw: bytes,
    rules: list[Rule[Any]],
    *,
    timings: Timings | None,
    selection: Selection,
    pure: bool,
    custom: Collection[tuple[str, str]] = (),
    read: Reader | None = None,
) -> CheckedModel:
    from orgmodel.graph import OrgGraph
    from orgmodel.validate import check_references, validate_schema

    timings = timings or Timings()
    with timings.timer("parse and build positions"):
        doc = load_bytes(name, raw, pure=pure, expect="orgmodel")
        if doc.ok:
            doc = assemble(doc, read, pure=pure)
    model = None
    if doc.ok:
        with timings.timer("schema"):
            model = validate_schema(doc)
        if model is not None:
            with timings.timer("references"):
                check_references(doc, model)
    if model is None or not doc.ok:
        return CheckedModel(name, doc, model, printable(doc.diagnostics), rules_run=False)
    with timings.timer("graph"):
        ctx = Context(doc, model, OrgGraph(model), rules={rule.code: rule for rule in rules})
    findings: list[Diagnostic] = []
    for rule in rules:
        with timings.timer(f"rule {rule.code} {rule.name}"):
            findings.extend(_run_rule(rule, ctx))
    with timings.timer("suppressions"):
        kept, meta, suppressions, silenced, unexplained = suppress_model(
            doc, findings, {r.code for r in rules}, custom
        )
        meta = [d for d in meta if selection(d.code, d.name)]
    diagnostics = printable(doc.diagnostics + kept + meta)
    elsewhere = {d.path for d in diagnostics if d.path != name}
    sources = {o.path: o for r in rules for o, _where in r.origins.values() if o.path in elsewhere}
    shown = {id(d) for d in kept}
    own = {name, *(part.path for part in doc.parts)}
    quiet = [d for d in findings if d.path in own and id(d) not in shown]
    return CheckedModel(
        name, doc, model, diagnostics, True, silenced, unexplained, sources, suppressions, quiet, _context=ctx
    )


def _run_rule(rule: Rule[Any], ctx: Context) -> list[Diagnostic]:
    try:
        found = list(rule.check(replace(ctx, origins=rule.origins) if rule.origins else ctx))
        if not all(isinstance(item, Diagnostic) for item in found):  # a plugin's slip, not a formatter crash
            raise TypeError("check() yielded something that is not a Diagnostic")
        return found
    except Exception as exc:  # a bug in one rule must not hide the others' findings
        span = Span(1, 1, 1, 1)
        return [
            Diagnostic(
                ctx.doc.path,
                span.line,
                span.col,
                *INTERNAL_ERROR,
                Severity.ERROR,
                _("the rule {code} {name} failed on this file: {error}").format(
                    code=rule.code, name=rule.name, error=f"{type(exc).__name__}: {exc}"
                ),
                hint=bug_hint(type(rule)),
            )
        ]
