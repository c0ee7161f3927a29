"""The top of a ruleset file: its keys, their types, its version and what it ``extends``.

Each problem is an OM008 diagnostic at its line and column (``ruleset.load_ruleset`` gathers them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgmodel.bounds import clip_text
from orgmodel.diagnostic import ConfigError, Diagnostic
from orgmodel.hints import did_you_mean
from orgmodel.i18n import N_, _
from orgmodel.loader import Document, Span
from orgmodel.ruleset_files import builtin_rules_dir, display_path, missing_ruleset_hint, resolve_ruleset
from orgmodel.validate import describe, suggest

KEYS = ("orgmodel-ruleset", "description", "extends", "rules", "custom")
_KEYS = KEYS


def config_error(doc: Document, span: Span, message: str, hint: str | None = None) -> Diagnostic:
    """An OM008 configuration error at ``span`` of a ruleset or configuration file."""
    return Diagnostic.at(doc.path, span, "OM008", "config", message, hint=hint)


def check_top(doc: Document, data: dict[str, Any]) -> list[Diagnostic]:
    """The problems with the keys of a ruleset and their types, each at its position."""
    problems = []
    for key in data:
        if key not in _KEYS:
            guess = suggest(str(key), _KEYS)
            hint = (
                did_you_mean(guess) if guess else _("a ruleset's keys: {keys}").format(keys=", ".join(_KEYS))
            )
            span = doc.source.span((key,), key=True)
            problems.append(
                config_error(doc, span, _("unknown key '{key}' in a ruleset").format(key=key), hint)
            )
    version = data.get("orgmodel-ruleset")
    if "orgmodel-ruleset" not in data:
        problems.append(
            config_error(
                doc, doc.source.span(()), _("a ruleset starts with 'orgmodel-ruleset: 1'"), _("add the line")
            )
        )
    elif type(version) is not int or version != 1:
        problems.append(
            config_error(
                doc,
                doc.source.span(("orgmodel-ruleset",)),
                _("orgmodel-ruleset: this orgmodel reads ruleset version 1, got {value}").format(
                    value=describe(version)
                ),
                _("write 'orgmodel-ruleset: 1', without quotes"),
            )
        )
    shapes = {
        "description": (str, N_("text")),
        "rules": (dict, N_("a mapping of rule names to their settings")),
    }
    for key, (kind, words) in shapes.items():
        value = data.get(key)
        if value is not None and not isinstance(value, kind):
            span = doc.source.span((key,))
            message = _("{where}: expected {expected}, got {value}").format(
                where=key, expected=_(words), value=describe(value)
            )
            problems.append(config_error(doc, span, message))
    for name, options in (data.get("rules") or {}).items() if isinstance(data.get("rules"), dict) else ():
        if options is not None and not isinstance(options, dict) and not is_severity(options):
            message = _(
                "{where}: expected a severity (error, warning, info or off) or the rule's settings as a "
                "mapping, got {value}"
            ).format(where=f"rules.{name}", value=describe(options))
            guess = suggest(options, SEVERITY_WORDS) if isinstance(options, str) else None
            hint = did_you_mean(guess) if guess else _("e.g. {example}").format(example="{severity: warning}")
            problems.append(config_error(doc, doc.source.span(("rules", name)), message, hint))
    return problems


SEVERITY_WORDS = ("error", "warning", "info", "off")


def is_severity(value: Any) -> bool:
    """Whether a rule's entry is a severity alone (``leader-required: warning``, ``single-decider: off``)."""
    return value is False or (isinstance(value, str) and value in SEVERITY_WORDS)


def bases_of(
    doc: Document, data: dict[str, Any]
) -> tuple[list[tuple[str, tuple[Any, ...]]], list[Diagnostic]]:
    """The rulesets this one extends, with where each is named; or the problem with ``extends``."""
    extends = data.get("extends")
    if extends is None:
        return [], []
    if isinstance(extends, str):
        return [(extends, ("extends",))], []
    if isinstance(extends, list) and all(isinstance(item, str) for item in extends):
        return [(item, ("extends", index)) for index, item in enumerate(extends)], []
    span = doc.source.span(("extends",))
    message = _("extends: expected a ruleset name or a list of them, got {value}").format(
        value=describe(extends)
    )
    return [], [config_error(doc, span, message, _("e.g. {example}").format(example="extends: default"))]


def extended_path(doc: Document, path: Path, name: str, loc: tuple[Any, ...]) -> Path:
    """The file an ``extends`` entry names: next to this ruleset, or shipped; inside its repository."""
    from orgmodel.paths import contains, repository_root

    target = resolve_ruleset(name, path.parent)
    span = doc.source.span(loc)
    if target is None:
        message = _(
            "extends '{name}': no ruleset file of that name next to this one, and no shipped ruleset"
        ).format(name=clip_text(name, 80))
        raise ConfigError(
            _("{path}: extends a ruleset that does not exist: {name}").format(
                path=display_path(path), name=clip_text(name, 80)
            ),
            [config_error(doc, span, message, missing_ruleset_hint(name, path.parent))],
        )
    target = target.resolve()
    root = repository_root(path.parent)
    if not contains(root, target) and not contains(builtin_rules_dir().resolve(), target):
        message = _(
            "extends '{name}': a ruleset may extend only rulesets inside {root} or shipped ones"
        ).format(name=name, root=root)
        raise ConfigError(
            _("{path}: extends a file outside its repository").format(path=display_path(path)),
            [config_error(doc, span, message)],
        )
    return target
