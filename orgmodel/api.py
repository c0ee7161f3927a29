"""The public Python API: check models, compare two proposals, trace a persona, list the rules.

The names avoid the package's modules (``orgmodel.rules``, ``orgmodel.trace``, ``orgmodel.stats``):
``list_rules``, ``trace_paths`` and ``model_stats``.

Everything here is re-exported from ``orgmodel``; the CLI's ``check``,
``diff`` and ``trace`` call these functions, so a script gets what the
commands print, as typed results::

    import orgmodel

    report = orgmodel.check_paths(["models/"], ruleset="drammen-2020")
    for diagnostic in report.diagnostics:
        print(diagnostic.path, diagnostic.line, diagnostic.code, diagnostic.message)

    checked = orgmodel.check_text(yaml_text)  # one CheckedModel: model, graph, journeys, findings
    changes = orgmodel.compare("models/drammen-2020-before.yaml", "models/drammen-2020.yaml")
    journeys = orgmodel.trace_paths("kari", ["models/"])

A ruleset is a ``Ruleset``, a file path, a shipped ruleset's name
(``"default"``, ``"drammen-2020"``) or None for the shipped default. A bad
path, ruleset or selector raises ``ConfigError`` (the CLI's exit code 2);
findings are never exceptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgmodel.api_baseline import apply_baseline as apply_baseline
from orgmodel.api_baseline import apply_new_since as apply_new_since
from orgmodel.api_baseline import write_baseline as write_baseline
from orgmodel.api_figures import export_graph as export_graph
from orgmodel.api_figures import model_json_schema as model_json_schema
from orgmodel.api_figures import model_schema_text as model_schema_text
from orgmodel.api_figures import model_stats as model_stats
from orgmodel.config import Config
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.engine import (
    CheckedModel,
    Report,
    Timings,
    check_bytes,
)
from orgmodel.engine import check_paths as _check_paths
from orgmodel.i18n import _
from orgmodel.one_model import ModelError as ModelError
from orgmodel.one_model import checked_model
from orgmodel.progress import Ticker
from orgmodel.ruleset import ConfigError, Ruleset, load_ruleset
from orgmodel.selection import Selection
from orgmodel.settings import (
    Names,
    Paths,
    RuleInfo,
    RulesetLike,
    Settings,
    custom_codes,
    list_rules,
    listed,
    resolve_settings,
    ruleset_of,
    selection_of,
)

if TYPE_CHECKING:  # imported on first use, so that checking never imports the diff or the tracer
    from orgmodel.baseline import Outcome
    from orgmodel.diff.kinds import Change
    from orgmodel.diff.result import DiffResult
    from orgmodel.diff.run import DiffReport, FileDiff
    from orgmodel.diff.sources import Side
    from orgmodel.journey_steps import Journey
    from orgmodel.journeys import PersonaNotFound
    from orgmodel.loader import Document
    from orgmodel.render import Chart
    from orgmodel.report import MeetingReport
    from orgmodel.rule_tests import RuleTest, RuleTestRun
    from orgmodel.stats import ModelStats
    from orgmodel.trace import TraceRun

_LAZY = {
    "Chart": "orgmodel.render.tree",
    "MeetingReport": "orgmodel.report",
    "ModelStats": "orgmodel.stats.result",
    "Outcome": "orgmodel.baseline",
    "DiffResult": "orgmodel.diff.result",
    "DiffReport": "orgmodel.diff.run",
    "Side": "orgmodel.diff.sources",
    "TraceRun": "orgmodel.trace",
    "PersonaNotFound": "orgmodel.journeys",
    "RuleTestRun": "orgmodel.rule_tests",
    "RuleTest": "orgmodel.rule_tests",
    "Change": "orgmodel.diff.kinds",
    "FileDiff": "orgmodel.diff.run",
    "Journey": "orgmodel.journey_steps",
    "Document": "orgmodel.loader",
}

__all__ = [
    "Change",
    "Chart",
    "CheckedModel",
    "Config",
    "ConfigError",
    "Diagnostic",
    "DiffReport",
    "DiffResult",
    "Document",
    "FileDiff",
    "Journey",
    "MeetingReport",
    "ModelError",
    "ModelStats",
    "Outcome",
    "PersonaNotFound",
    "Report",
    "RuleInfo",
    "RuleTest",
    "RuleTestRun",
    "Ruleset",
    "Settings",
    "Severity",
    "Side",
    "Timings",
    "TraceRun",
    "apply_baseline",
    "apply_new_since",
    "check_paths",
    "check_text",
    "compare",
    "compare_checked",
    "export_graph",
    "list_rules",
    "load_config",
    "load_ruleset",
    "meeting_report",
    "model_chart",
    "model_json_schema",
    "model_schema_text",
    "model_stats",
    "resolve_settings",
    "run_rule_tests",
    "trace_paths",
    "write_baseline",
]


def __getattr__(name: str) -> Any:
    """The result types of ``compare`` and ``trace``, imported on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'orgmodel.api' has no attribute '{name}'")


def load_config(path: str | Path | None = None) -> Config:
    """The configuration ``orgmodel check`` would use, for ``check_paths(config=...)`` and ``compare``.

    ``path`` is a ``.orgmodel.yaml`` (or ``.orgmodel.yml``, or a ``pyproject.toml``
    with ``[tool.orgmodel]``); None finds the nearest one from the working directory
    up to the repository root, as the command does, and gives the empty
    configuration when there is none. ConfigError, with each problem at its line,
    when it does not load.
    """
    from orgmodel.config import load_config as read_config
    from orgmodel.config_files import find_config

    return read_config(Path(path) if path is not None else find_config())


def check_paths(
    paths: Paths,
    *,
    ruleset: RulesetLike = None,
    select: Names = (),
    ignore: Names = (),
    extend_select: Names = (),
    extend_ignore: Names = (),
    config: Config | None = None,
    timings: Timings | None = None,
    stdin: tuple[str, bytes] | None = None,
    ticker: Ticker | None = None,
    jobs: int | None = None,
    cache: str | Path | None = None,
) -> Report:
    """Check every model file under ``paths`` (files or directories), as ``orgmodel check`` does.

    ``select``/``ignore`` take codes, prefixes or names (the most specific match wins);
    ``extend_select`` adds rules without narrowing the selection. A ``config``
    (``orgmodel.config.load_config``) applies its selection, ``ruleset:``, excludes and
    ``per-file-ignores`` as on the command line. ``stdin`` is ``(name, bytes)`` of one model
    checked instead of ``paths``. ``report.files`` holds one ``CheckedModel`` per file. A
    ``ticker`` (``orgmodel.progress.bar``) is told of each file. ``jobs`` processes check the
    files (None: the config's ``jobs:``, else one per core), the report the same in the same
    order; a ``cache`` directory keeps results by content (``orgmodel.cache``), never for stdin.
    """
    paths, select, ignore = listed(paths), listed(select), listed(ignore)
    extend_select, extend_ignore = listed(extend_select), listed(extend_ignore)
    timings = timings or Timings()
    if jobs is None and config is not None:
        jobs = config.processes()
    with timings.timer("ruleset"):
        chosen = ruleset_of(ruleset, config)
    with timings.timer("configuration and rule modules"):
        selection = selection_of(select, ignore, config, (extend_select, extend_ignore), chosen)
    if stdin is not None:
        report = _check_stdin(stdin, chosen, selection, timings)
    else:
        exclusion = config.exclusion() if config is not None else None
        report = _check_paths(
            paths,
            chosen,
            selection=selection,
            timings=timings,
            exclusion=exclusion,
            ticker=ticker,
            jobs=jobs,
            cache=Path(cache) if cache is not None else None,
        )
    if config is not None:
        config.apply_per_file_ignores(report)
    return report


def _check_stdin(stdin: tuple[str, bytes], chosen: Ruleset, selection: Selection, timings: Timings) -> Report:
    """The report of one model read from stdin, as ``(name, bytes)``."""
    report = Report([_check_one(*stdin, chosen, selection, timings)], chosen)
    report.timings = timings
    return report


def _check_one(
    name: str, raw: bytes, chosen: Ruleset, selection: Selection, timings: Timings | None = None
) -> CheckedModel:
    """One model's bytes checked with the rules ``selection`` leaves of ``chosen``."""
    rules = [r for r in chosen.instances() if selection(r.code, r.name)]
    return check_bytes(name, raw, rules, timings=timings, selection=selection, custom=custom_codes(chosen))


def check_text(
    text: str | bytes,
    *,
    name: str = "<text>",
    ruleset: RulesetLike = None,
    select: Names = (),
    ignore: Names = (),
) -> CheckedModel:
    """Check one model given as YAML text; ``name`` is the path its diagnostics carry."""
    if not isinstance(text, str | bytes):
        raise TypeError(f"check_text() takes the model as str or bytes, not {type(text).__name__}")
    chosen = ruleset_of(ruleset)
    selection = selection_of(listed(select), listed(ignore), ruleset=chosen)
    return _check_one(name, text.encode("utf-8") if isinstance(text, str) else text, chosen, selection)


def compare(
    old: str | Path | Side,
    new: str | Path | Side,
    *,
    ruleset: RulesetLike = None,
    allow: Names = (),
) -> DiffReport:
    """Compare two proposals, as ``orgmodel diff OLD NEW`` does, with the rule delta under ``ruleset``.

    Each side is a file, a directory, ``REV:PATH`` in a git repository, or a
    ``Side`` already read; files are paired by their path below the side.
    """
    from orgmodel.diff.run import compare as compare_sides
    from orgmodel.diff.sources import Side, read_side

    before = old if isinstance(old, Side) else read_side(str(old))
    after = new if isinstance(new, Side) else read_side(str(new))
    return compare_sides(before, after, ruleset_of(ruleset), allow=listed(allow))


def compare_checked(old: CheckedModel, new: CheckedModel, *, allow: Names = ()) -> DiffResult:
    """Compare two models already checked (their graphs and journeys are reused, not rebuilt).

    Both must have loaded into a model (``model`` is not None): ConfigError otherwise.
    """
    for side in (old, new):
        if side.model is None:
            raise ConfigError(
                _("{path} did not load into a model; 'orgmodel check' shows why").format(path=side.path)
            )
    from orgmodel.diff import diff_checked

    return diff_checked(old, new, allow=listed(allow))


def trace_paths(persona: str, paths: Paths, *, config: Config | None = None) -> TraceRun:
    """The journeys of one persona through every model file under ``paths`` (``orgmodel trace``).

    With a ``config``, directory scans skip what its excludes match, as ``check_paths``'s do. A
    persona no file has is no exception (the command's exit 2): ``run.journeys`` is empty, ``run.known``
    lists the ids the files have and ``run.suggestion`` the closest one; files that did not load are
    in ``run.broken``. In one checked model, ``checked.journeys.by_id(id)`` raises ``PersonaNotFound``.
    The saksbehandlere are counted in the categories persona-saksbehandler (OM220) has in the
    ``config``'s ruleset (else the shipped default's).
    """
    from orgmodel.journey_totals import saksbehandler_categories
    from orgmodel.trace import trace_paths as trace_files

    rules = {rule.code: rule for rule in ruleset_of(None, config).instances()}
    exclusion = config.exclusion() if config is not None else None
    return trace_files(persona, listed(paths), exclusion, saksbehandler_categories(rules))


def model_chart(
    path: str | Path,
    *,
    ruleset: RulesetLike = None,
    config: Config | None = None,
    root: str | None = None,
    depth: int | None = None,
) -> Chart:
    """The organisation chart of one model file, as ``orgmodel render`` draws it.

    The model is checked with ``ruleset`` (else the ``config``'s ``ruleset:``, else the shipped
    default) so that each box carries its unit's findings. ``root`` (a unit id, or a unit's exact
    name) and ``depth`` (levels of personnel lines below it) draw one area. Draw the result with
    ``orgmodel.formatters.chart_renderer(name, stream).chart(result)`` or
    ``orgmodel.render.html.chart_section(result)``. A model with YAML, schema or reference errors
    raises ``ModelError``; an unknown ``root`` raises ``ConfigError`` with a did-you-mean.
    """
    from orgmodel.render import build_chart

    report = checked_model(path, lambda files: check_paths(files, ruleset=ruleset, config=config))
    return build_chart(report.files[0], root=root, depth=depth)


def meeting_report(
    path: str | Path,
    *,
    ruleset: RulesetLike = None,
    config: Config | None = None,
    compare: str | None = None,
    base: str | None = None,
    allow: Names = (),
) -> MeetingReport:
    """Everything ``orgmodel report`` shows about one model file, for a meeting.

    The model is checked with ``ruleset`` (else the ``config``'s, else the shipped default); the
    result holds the checked model, its figures (``stats``), its chart, each finding's rule
    explained, and with ``compare`` (another model file or ``REV:PATH``) or ``base`` (a git
    revision of the same file) the diff from that model to this one. Render it with
    ``orgmodel.formatters.report_renderer("html", stream).report(result)``. A model with YAML,
    schema or reference errors raises ``ModelError``; a bad ``compare`` or ``base`` ConfigError.
    """
    from orgmodel.report import build_report

    report = checked_model(path, lambda files: check_paths(files, ruleset=ruleset, config=config))
    allowed = tuple(listed(allow))
    return build_report(
        report.files[0], report.ruleset, config=config, compare=compare, base=base, allow=allowed
    )


def run_rule_tests(ruleset: RulesetLike) -> RuleTestRun:
    """Run each custom rule of ``ruleset`` on its own examples, as ``orgmodel rules test`` does.

    ``run.ok`` says whether every rule behaved; each ``RuleTest`` lists its
    examples with why one did not. ConfigError for an invalid ruleset, and
    for one that declares no custom rules (there is nothing to test: the
    command's exit code 2).
    """
    from orgmodel.rule_tests import run_rule_tests as run

    chosen = ruleset_of(ruleset)
    if not chosen.custom:
        raise ConfigError(
            _("the ruleset {ruleset} declares no custom rules (under 'custom:'): nothing to test").format(
                ruleset=ruleset if isinstance(ruleset, str | Path) else chosen.path
            )
        )
    return run(chosen)
