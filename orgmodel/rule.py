"""The rule base class, the read-only context rules see, and the one rule registry."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from orgmodel.diagnostic import ConfigError, Diagnostic, Severity
from orgmodel.diagnostic import found_note as found_note
from orgmodel.entry_points import Plugin
from orgmodel.graph import OrgGraph
from orgmodel.hints import data_at
from orgmodel.i18n import _
from orgmodel.i18n_docs import translate_doc
from orgmodel.loader import Document, Span
from orgmodel.schema import OrgModel


class RuleParams(BaseModel):
    """The base of a rule's ``Params``: a ruleset's unknown or mistyped option is an error (exit 2)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(RuleParams):
    """Parameters of a rule that takes none."""


P = TypeVar("P", bound=BaseModel)

# where each of a rule's parameters was set: a path in its parameters -> (ruleset file, its 'rules.NAME')
Origins = Mapping[tuple[Any, ...], tuple[Document, tuple[Any, ...]]]


class SettingLoc(tuple[Any, ...]):
    """A data path into a ruleset file (not the model): where a rule's parameter was set."""

    doc: Document

    def __new__(cls, doc: Document, loc: tuple[Any, ...]) -> SettingLoc:
        """The path ``loc`` in the ruleset ``doc``."""
        made = super().__new__(cls, loc)
        made.doc = doc
        return made


@dataclass(frozen=True)
class Context:
    """What a rule reads: the document (text and positions), the model and its graph.

    ``origins`` says where the running rule's parameters were set, so that a
    mistake only the model reveals (a category no service has) is reported in
    the ruleset file: see ``setting``.
    """

    doc: Document
    model: OrgModel
    graph: OrgGraph
    origins: Origins = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Values derived from the model that several rules read, computed once per check (journeys)."""
    rules: Mapping[str, Rule[Any]] = field(default_factory=dict, compare=False, repr=False)
    """The rules running on this file, by code: a rule that shares a cause with another stands down
    for it while that one runs (forvaltning-apart for allocation-apart), so one cause gives one finding."""

    def setting(self, *path: Any, item: Any = None, fallback: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        """Where the ruleset sets the rule's parameter at ``path`` (``item``: that entry of its list).

        A ``SettingLoc`` into the ruleset file that set it, for ``diagnostic``;
        ``fallback`` (a path in the model) when no ruleset file sets it (a
        parameter default, or a rule made without a ruleset).
        """
        for end in range(len(path), 0, -1):
            origin = self.origins.get(tuple(path[:end]))
            if origin is not None:
                doc, base = origin
                loc = (*base, *path)
                if item is not None:
                    written = data_at(doc.data, loc)
                    if isinstance(written, list) and item in written:
                        loc = (*loc, written.index(item))
                return SettingLoc(doc, loc)
        return fallback

    def span(self, loc: tuple[Any, ...], *, key: bool = False) -> Span:
        """The 1-based span of the node at a data path."""
        return self.doc.source.span(loc, key=key)

    def unit_loc(self, uid: str, *fields: Any) -> tuple[Any, ...]:
        """The data path of a unit's field; its ``id`` when the file does not write that field."""
        index = self.graph.index[uid]
        if fields:
            raw = self.doc.data["units"][index]
            if isinstance(raw, dict) and fields[0] in raw:
                return ("units", index, *fields)
        return ("units", index, "id")

    def unit_label(self, uid: str) -> str:
        """How a unit is named in messages: its name and id."""
        unit = self.graph.units[uid]
        return f"'{unit.name}' ({uid})"


class Rule(Generic[P]):
    """Base class of every rule: metadata on the class, findings from ``check``.

    The class docstring is the rule's documentation: its first line is the
    summary that ``orgmodel rules`` prints, and ``orgmodel explain`` prints it all.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    Params: ClassVar[type[BaseModel]] = NoParams
    waits_for: ClassVar[tuple[str, ...]] = ()
    """Options a ruleset must set (one of them) before the rule checks anything: a municipality's own
    decision, such as co-location's ``pairs``. ``orgmodel rules`` and ``explain`` say so while unset."""

    @classmethod
    def waiting(cls, params: Mapping[str, Any]) -> tuple[str, ...]:
        """The options of ``waits_for`` when none of them is set in ``params`` (empty or null), else ()."""
        if any(params.get(name) not in (None, [], {}, "") for name in cls.waits_for):
            return ()
        return cls.waits_for

    def __init__(
        self, params: P | None = None, severity: Severity | None = None, origins: Origins | None = None
    ) -> None:
        self.params: P = params if params is not None else self.Params()  # type: ignore[assignment]
        self.level = severity or type(self).severity
        self.origins: Origins = origins or {}

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        """Yield findings; never mutate ``ctx``."""
        raise NotImplementedError

    def diagnostic(
        self,
        ctx: Context,
        loc: tuple[Any, ...],
        message: str,
        *,
        unit: str | None = None,
        hint: str | None = None,
        key: bool = False,
        severity: Severity | None = None,
        breach: str | None = None,
    ) -> Diagnostic:
        """A finding of this rule at the node behind ``loc``.

        ``key`` puts the finding on the mapping key rather than its value;
        ``breach`` becomes the Diagnostic's ``key`` (what is breached, for the
        fingerprint) when the rule can report several findings for one unit.
        A ``loc`` from ``ctx.setting`` puts the finding on the value in the
        ruleset file, and the hint names the model it was checked against.
        """
        path, span = ctx.doc.path, None
        if isinstance(loc, SettingLoc):
            path, span = loc.doc.path, loc.doc.source.span(tuple(loc))  # the value to change
            # named in the hint: the message stays the same for every model (diff matches messages)
            note = found_note(ctx.doc.path)
            hint = _("{hint} ({note})").format(hint=hint, note=note) if hint else note
        return Diagnostic.at(
            path,
            span or ctx.span(loc, key=key),
            self.code,
            self.name,
            message,
            severity=severity or self.level,
            hint=hint,
            unit=unit,
            key=breach,
        )

    @classmethod
    def summary(cls) -> str:
        """The first line of the documentation, in the current language."""
        return cls.explanation().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def documentation(cls) -> str:
        """The whole documentation, dedented, in English as written (the docs pages are made from it)."""
        return inspect.getdoc(cls) or ""

    @classmethod
    def explanation(cls) -> str:
        """The whole documentation in the current language (what ``orgmodel explain`` prints)."""
        return translate_doc(cls.documentation())


REGISTRY: dict[str, type[Rule[Any]]] = {}
_NAMES: dict[str, str] = {}

R = TypeVar("R", bound=type[Rule[Any]])


class DuplicateRule(ValueError):
    """A rule whose code or name another registered rule already has."""

    def __init__(self, rule: type[Rule[Any]], clash: type[Rule[Any]]) -> None:
        super().__init__(f"duplicate rule code or name: {rule.code} {rule.name}")
        self.rule, self.clash = rule, clash


class RuleContract(TypeError):
    """A class ``@register`` refuses: no Rule, or a rule without a code, a name or documentation."""


def register(cls: R) -> R:
    """Class decorator adding a rule to the registry; refuses a duplicate code or name."""
    if not (isinstance(cls, type) and issubclass(cls, Rule)):
        name = getattr(cls, "__name__", cls)
        raise RuleContract(_("@register: {name} is not a subclass of orgmodel's Rule").format(name=name))
    for attr in ("code", "name"):
        if not isinstance(getattr(cls, attr, None), str):
            raise RuleContract(_("its rule class {name} has no {attr}").format(name=cls.__name__, attr=attr))
    clash = REGISTRY.get(cls.code) or REGISTRY.get(_NAMES.get(cls.name, ""))
    if clash is not None:
        raise DuplicateRule(cls, clash)
    if not (cls.__doc__ or "").strip():
        raise RuleContract(
            _(
                "its rule {code} {name} has no documentation: its class docstring is what "
                "'orgmodel explain' shows (a first line that says what it checks, then why)"
            ).format(code=cls.code, name=cls.name)
        )
    REGISTRY[cls.code] = cls
    _NAMES[cls.name] = cls.code
    return cls


_LOADED: list[bool] = []
_FAILED: list[ConfigError] = []
_PLUGINS: dict[str, Plugin] = {}  # a plugin rule's code -> the plugin that provides it


def load_rules() -> dict[str, type[Rule[Any]]]:
    """Import every module of ``orgmodel.rules`` and every rule plugin once; return the registry.

    A flag, not the registry's emptiness, says whether that happened: a
    caller that imported one rule module first must still get them all.
    A plugin that fails to import, clashes with another rule or breaks the
    plugin contract is a ConfigError (exit 2), raised again on later calls.
    """
    if _FAILED:
        raise _FAILED[0]
    if not _LOADED:
        try:
            _load_builtins()
            _load_plugins()
        except ConfigError as error:
            _FAILED.append(error)
            raise
        _LOADED.append(True)
    return REGISTRY


def builtin_rules() -> dict[str, type[Rule[Any]]]:
    """Orgmodel's own rules, by code, whether or not the rule plugins load.

    What a document describes when a plugin failed to load (``load_rules``
    raises its ConfigError): the run stopped, but SARIF still lists the rules.
    """
    if not _LOADED:
        with contextlib.suppress(ConfigError):
            _load_builtins()
    return {code: cls for code, cls in REGISTRY.items() if cls.__module__.startswith("orgmodel.rules.")}


def plugin_of(cls: type[Rule[Any]]) -> Plugin | None:
    """The plugin that provides a rule; None for orgmodel's own rules."""
    plugin = _PLUGINS.get(cls.code)
    return plugin if plugin is not None and REGISTRY.get(cls.code) is cls else None


def bug_hint(cls: type[Rule[Any]]) -> str:
    """Whom to tell when a rule fails on a file: orgmodel, or the plugin that provides the rule."""
    plugin = plugin_of(cls)
    if plugin is None:
        return _("this is a bug in orgmodel; please report it with the file")
    return _(
        "this is a bug in the rule plugin {plugin}; please report it to its authors with the file"
    ).format(plugin=plugin.described)


def plugins() -> list[Plugin]:
    """The rule plugins installed, each once, in the order they were loaded."""
    load_rules()
    return list(dict.fromkeys(_PLUGINS.values()))


def _load_builtins() -> None:
    import orgmodel.rules as package

    for info in pkgutil.iter_modules(package.__path__):
        try:
            importlib.import_module(f"{package.__name__}.{info.name}")
        except DuplicateRule as clash:  # a plugin module imported before the built-ins took a code
            raise _duplicate(clash, None) from None


def _load_plugins() -> None:
    """Import each plugin's module; its rules join the registry, checked against the plugin contract."""
    from orgmodel.entry_points import contract_problem, installed, one_line

    for plugin, point in installed():
        before = set(REGISTRY)
        try:
            point.load()
        except DuplicateRule as clash:
            raise _duplicate(clash, plugin) from None
        except RuleContract as broken:  # it imported: a rule of it breaks the contract
            raise ConfigError(
                _("the rule plugin {plugin}: {problem}").format(plugin=plugin.described, problem=broken)
            ) from None
        except (Exception, SystemExit) as error:  # the plugin's bug: one line, never a traceback
            raise ConfigError(
                _("the rule plugin {plugin} failed to import: {error}").format(
                    plugin=plugin.described, error=one_line(error)
                )
            ) from None
        mine = [c for c, cls in REGISTRY.items() if c not in before or plugin.owns(cls.__module__)]
        if not mine:
            raise ConfigError(
                _(
                    "the rule plugin {plugin} registers no rule: the module its "
                    "'orgmodel.rules' entry point names must define its rules with @register"
                ).format(plugin=plugin.described)
            )
        for code in mine:
            _PLUGINS.setdefault(code, plugin)
            problem = contract_problem(REGISTRY[code])
            if problem:
                raise ConfigError(
                    _("the rule plugin {plugin}: {problem}").format(plugin=plugin.described, problem=problem)
                )


def _duplicate(clash: DuplicateRule, plugin: Plugin | None) -> ConfigError:
    """Two rules with one code or name: a ConfigError naming where each comes from."""

    def origin(cls: type[Rule[Any]]) -> str:
        if cls.__module__ == "orgmodel.rules" or cls.__module__.startswith("orgmodel.rules."):
            return _("built into orgmodel")
        owner = _PLUGINS.get(cls.code) if REGISTRY.get(cls.code) is cls else None
        if owner is None and plugin is not None and plugin.owns(cls.__module__):
            owner = plugin
        if owner:
            return _("from {plugin}").format(plugin=owner.described)
        return _("from the module {module}").format(module=cls.__module__)

    first, second = clash.clash, clash.rule
    return ConfigError(
        _(
            "two rules share a code or name: {first} {first_origin} and {second} {second_origin}; "
            "a rule's code and name must be unique: uninstall the plugin or ask its authors to change them"
        ).format(
            first=f"{first.code} {first.name}",
            first_origin=origin(first),
            second=f"{second.code} {second.name}",
            second_origin=origin(second),
        )
    )


def find_rule(code_or_name: str) -> type[Rule[Any]] | None:
    """A rule by its code (case-insensitive) or name."""
    rules = load_rules()
    key = code_or_name.strip()
    return rules.get(key.upper()) or rules.get(_NAMES.get(key.lower(), ""))
