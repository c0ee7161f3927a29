"""What a run uses: the ruleset, the rule selection and the settings ``--show-settings`` prints.

The public API (``orgmodel.api``) re-exports ``RuleInfo``, ``list_rules``,
``Settings`` and ``resolve_settings``; ``check_paths`` and the gates read
the ruleset and the selection through ``ruleset_of`` and ``selection_of``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, NoReturn

from orgmodel.codes import BUILTIN, IGNORABLE
from orgmodel.config import Config
from orgmodel.diagnostic import Severity
from orgmodel.engine import Selection, is_selected, validate_selectors
from orgmodel.i18n import _
from orgmodel.ruleset import ConfigError, Ruleset, load_ruleset

RulesetLike = Ruleset | str | Path | None
"""A ruleset, a ruleset file, a shipped ruleset's name, or None for the shipped default."""


@dataclass(frozen=True)
class RuleInfo:
    """One rule or built-in check, as ``orgmodel rules`` lists it."""

    code: str
    name: str
    severity: Severity
    summary: str
    kind: Literal["rule", "check"]
    """``rule``: configurable in a ruleset; ``check``: built into loading, always on."""
    origin: str | None = None
    """Where the rule comes from (``origin_of``): a rule plugin (its distribution and version), a
    ruleset's ``custom:`` section (``custom (FILE)``); None: built into orgmodel."""
    enabled: bool = True
    """False when the ruleset turns the rule off (``severity: off``); ``severity`` is then its default."""
    waits_for: tuple[str, ...] = ()
    """The options the ruleset leaves unset that the rule needs before it checks anything (co-location's
    ``pairs``): it runs, and finds nothing, until a ruleset sets one of them."""


Paths = str | Path | Iterable[str | Path]
"""One path, or any number: a plain string is one path, never its characters."""
Names = str | Iterable[str]
"""One rule selector or change id, or any number: a plain string is one name."""


def listed(value: Any) -> list[Any]:
    """``value`` as a list: one path or name (a ``str`` or ``Path``) is a list of one.

    TypeError names what was given when it is neither one nor an iterable of them.
    """
    if isinstance(value, str | Path):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise TypeError(f"expected a path or name, or a list of them, not {type(value).__name__}") from None


def origin_of(cls: type[Any]) -> str | None:
    """Where a rule comes from: a plugin's label, ``custom (FILE)`` for a ruleset's own rule, else None."""
    from orgmodel.rule import plugin_of
    from orgmodel.ruleset_files import ruleset_label

    plugin = plugin_of(cls)
    if plugin is not None:
        return plugin.label
    defined = getattr(cls, "defined_in", None)
    if isinstance(defined, str):
        # Translators: the origin of a rule declared under custom: in a ruleset file
        return _("custom ({ruleset})").format(ruleset=ruleset_label(defined))
    return None


def list_rules(ruleset: RulesetLike = None) -> list[RuleInfo]:
    """Every rule (by code) and then every built-in check, with severity, summary and origin.

    Without a ruleset each rule has its own default severity; with one, the
    severity the ruleset gives it, as ``orgmodel rules --ruleset`` shows it
    (``enabled`` False for a rule it turns off), and the rules it declares
    under ``custom:`` among the rules. Rule plugins are loaded here: one that
    fails to import or clashes with another rule raises ConfigError.
    """
    from orgmodel.checks import CHECKS
    from orgmodel.rule import load_rules

    chosen = None if ruleset is None else ruleset_of(ruleset)
    registry = sorted((load_rules() if chosen is None else chosen.rules()).items())
    found = []
    for code, cls in registry:
        severity = cls.severity if chosen is None else chosen.severity_of(cls)
        info = RuleInfo(code, cls.name, severity or cls.severity, cls.summary(), "rule", origin_of(cls))
        waiting = (
            ()
            if not cls.waits_for
            else (cls.waiting(cls.Params().model_dump()) if chosen is None else chosen.waiting(cls))
        )
        found.append(replace(info, enabled=severity is not None, waits_for=waiting))
    found += [RuleInfo(c.code, c.name, c.severity, c.summary(), "check") for c in CHECKS]
    return found


def ruleset_of(ruleset: RulesetLike, config: Config | None = None) -> Ruleset:
    """The ruleset itself, its file or shipped name loaded, or (None) the config's or the default."""
    if isinstance(ruleset, Ruleset):
        return ruleset
    if config is not None:  # --ruleset, else the configuration file's ruleset:, else the default
        return config.load_ruleset(None if ruleset is None else str(ruleset))
    return load_ruleset(ruleset)


def selection_of(
    select: Iterable[str],
    ignore: Iterable[str],
    config: Config | None = None,
    extend: tuple[Iterable[str], Iterable[str]] = ((), ()),
    ruleset: Ruleset | None = None,
) -> Selection:
    """The selection, after checking every selector (ConfigError otherwise).

    A selector must match some rule or check; the configuration file's
    entries are reported at their line and column. A selector that matches
    only built-in checks that are always on (the load errors, OM008 and
    OM009) is a ConfigError too: it would do nothing. ``extend`` holds
    ``--extend-select`` and ``--extend-ignore``. The custom rules of
    ``ruleset`` count as rules.
    """
    extend_select, extend_ignore = tuple(extend[0]), tuple(extend[1])
    config_select, config_ignore = (tuple(config.select), tuple(config.ignore)) if config else ((), ())
    selection = Selection(
        tuple(select), tuple(ignore) + extend_ignore, config_select, config_ignore, extend_select
    )
    known = list_rules(ruleset)
    pairs = [(r.code, r.name) for r in known]
    given = (
        ("--select", tuple(select)),
        ("--ignore", tuple(ignore)),
        ("--extend-select", extend_select),
        ("--extend-ignore", extend_ignore),
    )
    for flag, selectors in given:  # a selector that matches nothing, named with its own option
        validate_selectors(selectors, pairs, flag)
    if config is not None:
        config.check_selectors(pairs)
    switchable = [(r.code, r.name) for r in known if r.kind == "rule" or (r.code, r.name) in IGNORABLE]
    per_file = config.per_file_ignores if config else {}
    sources = (
        *given,
        ("select:", selection.config_select),
        ("ignore:", selection.config_ignore),
        *((f"per-file-ignores '{glob}':", tuple(codes)) for glob, codes in per_file.items()),
    )
    for flag, selectors in sources:
        for sel in selectors:
            if not any(is_selected(code, name, [sel], []) for code, name in switchable):
                _always_on(flag, sel)
    return selection


def _always_on(flag: str, selector: str) -> NoReturn:
    hits = [b for b in BUILTIN if is_selected(b.code, b.name, [selector], [])]
    names = ", ".join(f"{b.code} {b.name}" for b in hits)
    raise ConfigError(
        _(
            "{flag} '{selector}' names {names}: built into orgmodel and always on, so it cannot be "
            "selected or ignored (fix what it reports; 'orgmodel explain {code}' says how)"
        ).format(flag=flag, selector=selector, names=names, code=hits[0].code)
    )


def custom_codes(ruleset: Ruleset) -> list[tuple[str, str]]:
    """The (code, name) of the ruleset's custom rules, which suppressions may name."""
    return [(c.code, c.name) for c in ruleset.custom.values()]


@dataclass(frozen=True)
class Settings:
    """What ``orgmodel check`` would use, as ``--show-settings`` prints it."""

    config: str | None
    ruleset: str
    chain: list[str]
    selection: Selection
    fail_on: str
    exclude: tuple[str, ...]
    per_file_ignores: dict[str, list[str]]
    targets: list[str]
    files: list[str]
    skipped: list[str]


def resolve_settings(
    targets: Iterable[str | Path],
    *,
    config: Config,
    ruleset: RulesetLike = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    extend_ignore: Iterable[str] = (),
) -> Settings:
    """The settings a check of ``targets`` would use (ConfigError as the check would raise it)."""
    from orgmodel.paths import discover
    from orgmodel.ruleset import display_path

    chosen = ruleset_of(ruleset, config)
    selection = selection_of(select, ignore, config, (extend_select, extend_ignore), chosen)
    exclusion = config.exclusion()
    found = discover(list(targets), exclusion)
    return Settings(
        config=display_path(config.path) if config.path else None,
        ruleset=chosen.path,
        chain=list(chosen.chain),
        selection=selection,
        fail_on=config.fail_on or "warning",
        exclude=exclusion.patterns,
        per_file_ignores=dict(config.per_file_ignores),
        targets=[str(t) for t in targets],
        files=[str(f) for f in found.files],
        skipped=found.skipped,
    )
