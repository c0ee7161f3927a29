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
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgmodel.batch import Batch
from orgmodel.bounds import read_limited
from orgmodel.cache import Cache, open_cache
from orgmodel.check_support import gc_paused as gc_paused
from orgmodel.check_support import printable
from orgmodel.checked import CheckedModel as CheckedModel
from orgmodel.checked import FileResult as FileResult
from orgmodel.checked import Report as Report
from orgmodel.checked import fold_ruleset_findings as fold_ruleset_findings
from orgmodel.codes import DUPLICATE_KEY, INTERNAL_ERROR
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.loader import Document, Span, load_bytes
from orgmodel.part_files import Targets, identity, models_of, unlisted
from orgmodel.part_files import model_files as model_files
from orgmodel.parts import PARTS, Reader, assemble, file_reader
from orgmodel.paths import MODEL_SUFFIXES as MODEL_SUFFIXES
from orgmodel.paths import Discovery as Discovery
from orgmodel.paths import Exclusion, discover, unreadable
from orgmodel.paths import iter_model_files as iter_model_files
from orgmodel.progress import SILENT, Ticker
from orgmodel.rule import Context, Rule, bug_hint
from orgmodel.ruleset import Ruleset
from orgmodel.selection import Selection as Selection
from orgmodel.selection import is_selected as is_selected
from orgmodel.selection import unknown_selector as unknown_selector
from orgmodel.selection import validate_selectors as validate_selectors
from orgmodel.suppress import suppress_model
from orgmodel.timings import Timings as Timings

if TYPE_CHECKING:
    pass


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
    with timings.timer("read"):
        targets = models_of(found.files)
    ticker = ticker or SILENT
    store = None
    if cache is not None:
        modules = {type(rule).__module__ for rule in rules}
        store = open_cache(cache, ruleset.chain, modules, f"{chosen!r} {[r.code for r in rules]}")
    files = _check_mains(targets, rules, timings, chosen, custom, ticker, jobs, store)
    for result, main in zip(files, targets.mains, strict=True):
        # a part its main file lists is fine: asked through the paths, a result from a worker or
        # the cache is not loaded again (it was, for every model of a directory with parts)
        listed = {identity(Path(path)) for path in result.paths}
        named = [file for file in targets.named[identity(main)] if identity(file) not in listed]
        extra = unlisted(result.document, named) if named else []
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
    return Report(files, ruleset, timings, found.notes, cache=store)


def _check_mains(
    targets: Targets,
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

    batch = Batch(check, timings=timings, ticker=ticker, cache=cache, raws=targets.raws)
    return batch.run([str(main) for main in targets.mains], jobs)


def _keys_twice_only(doc: Document) -> bool:
    """Whether the file's only load errors are keys written twice in one mapping, in a model of one file.

    Its data is whole (one of the values kept), so the schema and the references are judged beside
    OM002: a planner fixes every error in one run (a tour: 'parent: [a, b]' two lines below a doubled
    'parent:' showed only after the next run). The rules still wait; a model with parts waits too.
    """
    errors = [d for d in doc.diagnostics if d.severity is Severity.ERROR]
    data = doc.data
    return (
        bool(errors)
        and all(d.code == DUPLICATE_KEY.code for d in errors)
        and isinstance(data, dict)
        and PARTS not in data
    )


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
    if doc.ok or _keys_twice_only(doc):
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
            doc, findings, _judged(ctx, rules), custom
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


def _judged(ctx: Context, rules: list[Rule[Any]]) -> set[str]:
    """The codes of the rules whose silence counts: a suppression of one that found nothing is unused.

    While personnel lines go round in a circle (OM102), the units cut off from the top are judged
    by no rule, so a suppression at one of them cannot be told unused: "remove it" would have a
    planner delete an adopted exception. Its turn comes when the circle is mended.
    """
    graph = ctx.graph
    return {rule.code for rule in rules} if len(graph.depth) == len(graph.units) else set()


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
