"""orgmodel: check organisation designs of Norwegian municipalities held as versioned YAML.

Usable from Python without the CLI (``orgmodel.api``, re-exported here)::

    import orgmodel

    report = orgmodel.check_paths(["models/"], ruleset="drammen-2020")
    print(report.count(orgmodel.Severity.ERROR))

The API is imported on first use of one of its names, so ``import orgmodel``
(and ``orgmodel --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from orgmodel.api import (
        Change,
        Chart,
        CheckedModel,
        Config,
        ConfigError,
        Diagnostic,
        DiffReport,
        DiffResult,
        Document,
        FileDiff,
        Journey,
        MeetingReport,
        ModelError,
        ModelStats,
        Outcome,
        PersonaNotFound,
        Report,
        RuleInfo,
        Ruleset,
        RuleTest,
        RuleTestRun,
        Settings,
        Severity,
        Side,
        Timings,
        TraceRun,
        apply_baseline,
        apply_new_since,
        check_paths,
        check_text,
        compare,
        compare_checked,
        export_graph,
        list_rules,
        load_config,
        load_ruleset,
        meeting_report,
        model_chart,
        model_json_schema,
        model_schema_text,
        model_stats,
        resolve_settings,
        run_rule_tests,
        trace_paths,
        write_baseline,
    )

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
    "__version__",
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
    """The public API's names, imported from ``orgmodel.api`` on first use."""
    if name in __all__:
        from orgmodel import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'orgmodel' has no attribute '{name}'")
