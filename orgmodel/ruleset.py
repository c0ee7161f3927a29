"""Rulesets: adopted principles as YAML files that enable rules and set their parameters.

A ruleset file::

    orgmodel-ruleset: 1
    description: What this ruleset adopts, and from where.
    extends: default               # a shipped name, a file next to this one, or a list of them
    rules:
      max-levels:                  # a rule's name or code
        severity: error            # error | warning | info | off
        max: 5                     # every other key is a parameter of the rule
      single-decider: warning      # a severity alone (error | warning | info | off)
    custom:                        # rules of the kommune's own (docs/custom-rules.md)
      - {code: OPP001, name: robust, summary: ..., where: {kind: virksomhet}, require: [people >= 8]}

Each layer is validated on its own, when it is applied, so an error names the
file, line and column of the bad value. ``extends`` merges nested mappings
deeply, starting from each rule's parameter defaults: ``span-of-control:
{first_line: {max: 60}}`` keeps the default ``min`` and ``warn_above``.
Shipped rulesets (``default``, ``drammen-2020``) are found by name, with or
without ``.yaml``, wherever a ruleset is named: a file of that name next to
the naming file comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgmodel.bounds import read_limited
from orgmodel.diagnostic import ConfigError as ConfigError
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import did_you_mean
from orgmodel.i18n import N_, _, os_reason
from orgmodel.loader import Document, load_bytes
from orgmodel.rule import Rule, find_rule, load_rules
from orgmodel.rule_names import missing_rule
from orgmodel.ruleset_files import BUILTIN_DIR_NAMES as BUILTIN_DIR_NAMES
from orgmodel.ruleset_files import builtin_rules_dir as builtin_rules_dir
from orgmodel.ruleset_files import display_path as display_path
from orgmodel.ruleset_files import is_file
from orgmodel.ruleset_files import missing_ruleset_hint as missing_ruleset_hint
from orgmodel.ruleset_files import resolve_ruleset as resolve_ruleset
from orgmodel.ruleset_files import shipped as shipped
from orgmodel.ruleset_files import shipped_names as shipped_names
from orgmodel.ruleset_layers import Origin, deep_merge, record_origins
from orgmodel.ruleset_shape import bases_of, check_top, config_error, extended_path, is_severity
from orgmodel.validate import describe, loc_text

if TYPE_CHECKING:  # orgmodel.custom is imported only for a ruleset with a custom: section
    from orgmodel.custom import CustomRule

_SEVERITIES = N_("error, warning, info or off")


@dataclass
class RuleSetting:
    """The merged configuration of one rule: its severity (None = off) and raw parameters."""

    severity: Severity | None
    params: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = None
    # where each parameter was last set: its path in the parameters -> (ruleset, its 'rules.NAME' path)
    origins: dict[tuple[Any, ...], Origin] = field(default_factory=dict)
    severity_from: str | None = None
    """The ruleset file that set the severity (naming the rule turns it on); None: the rule's default."""


@dataclass
class Ruleset:
    """A resolved ruleset: every registered rule with its severity and parameters."""

    path: str
    description: str | None
    settings: dict[str, RuleSetting]
    chain: list[str]
    custom: dict[str, type[CustomRule]] = field(default_factory=dict)
    """The rules declared under ``custom:`` in this ruleset and the ones it extends, by code."""

    def __repr__(self) -> str:
        """``<Ruleset rules/default.yaml: 38 of 45 rules on>``, never every rule's parameters."""
        on = sum(1 for setting in self.settings.values() if setting.severity is not None)
        return f"<Ruleset {self.path}: {on} of {len(self.settings)} rules on>"

    def rules(self) -> dict[str, type[Rule[Any]]]:
        """Every rule a run may use, by code: the registered ones and this ruleset's custom rules."""
        return {**load_rules(), **self.custom}

    def find(self, code_or_name: str) -> type[Rule[Any]] | None:
        """A rule by its code (case-insensitive) or name, custom rules included."""
        return find_rule(code_or_name) or _custom_rule(self.custom, code_or_name)

    def instances(self) -> list[Rule[Any]]:
        """The enabled rules, instantiated with validated parameters (ConfigError if invalid)."""
        from orgmodel.wording import strict_errors

        rules = self.rules()
        out: list[Rule[Any]] = []
        problems: list[Diagnostic] = []
        for code in sorted(rules):
            cls = rules[code]
            setting = self.settings.get(code, RuleSetting(cls.severity))
            if setting.severity is None:
                continue
            errors = strict_errors(cls.Params, setting.params)
            if errors:
                doc, base = setting.origin or (Document(path="<defaults>", text=""), ())
                problems.extend(_param_errors(cls, doc, base, errors))
                continue
            params = cls.Params.model_validate(setting.params)
            out.append(cls(params, setting.severity, dict(setting.origins)))
        if problems:
            raise ConfigError(_("the ruleset has invalid rule parameters"), problems)
        return out

    def severity_of(self, cls: type[Rule[Any]]) -> Severity | None:
        """The severity a run gives this rule (None: off)."""
        return self.settings.get(cls.code, RuleSetting(cls.severity)).severity

    def waiting(self, cls: type[Rule[Any]]) -> tuple[str, ...]:
        """The options this ruleset leaves unset that the rule needs before it checks anything."""
        return cls.waiting(self.settings.get(cls.code, RuleSetting(cls.severity)).params)

    def options(self, cls: type[Rule[Any]]) -> list[Option]:
        """Each parameter of a rule with the value a run uses, its default and its description."""
        from orgmodel.wording import plain_value

        setting = self.settings.get(cls.code, RuleSetting(cls.severity))
        try:
            params = cls.Params.model_validate(setting.params)
        except ValueError:
            params = cls.Params()
        defaults = cls.Params()
        return [
            Option(
                name,
                plain_value(getattr(params, name)),
                plain_value(getattr(defaults, name)),
                info.description,
            )
            for name, info in cls.Params.model_fields.items()
        ]


@dataclass(frozen=True)
class Option:
    """One rule parameter as a run uses it."""

    name: str
    value: Any
    default: Any
    description: str | None


_error = config_error


def _param_errors(
    cls: type[Rule[Any]], doc: Document, base: tuple[Any, ...], errors: list[Any]
) -> list[Diagnostic]:
    from orgmodel.wording import fields_at, plain

    out = []
    for err in errors:
        loc = tuple(part for part in err["loc"] if part != "[key]")
        options = fields_at(cls.Params, loc[:-1]) if err["type"] == "extra_forbidden" else ()
        message, hint = plain(err, options)
        if err["type"] == "extra_forbidden":
            message = _("the rule {code} {problem}").format(code=cls.code, problem=message)
        elif err["type"] == "value_error" and hint is None:
            hint = _("a value the ruleset does not set keeps its default ('orgmodel explain {rule}')").format(
                rule=cls.name
            )
        where = f"{cls.name}.{loc_text(loc)}" if loc else cls.name
        on_key = err["type"] in ("extra_forbidden", "missing") or len(loc) < len(err["loc"])
        span = doc.source.span((*base, *loc), key=on_key)
        out.append(_error(doc, span, f"{where}: {message}", hint))
    return out


def read_yaml(path: Path, what: str) -> Document:
    """Load a ruleset or configuration file; a problem is a ConfigError (exit 2)."""
    try:
        raw = read_limited(path)
    except OSError as exc:
        raise ConfigError(
            _("cannot read {what} {path}: {reason}").format(
                what=what, path=display_path(path), reason=os_reason(exc)
            )
        ) from None
    doc = load_bytes(display_path(path), raw)
    if not doc.ok:
        message = _("{what} {path} is not valid YAML").format(what=what, path=display_path(path))
        raise ConfigError(message, doc.diagnostics)
    return doc


def load_ruleset(path: str | Path | None = None, *, base: Path | None = None) -> Ruleset:
    """Read a ruleset and everything it extends; None means the shipped default.

    ``path`` is a file (relative to ``base``, by default the working
    directory) or a shipped ruleset's name (``drammen-2020``).
    """
    if path is None:
        target: Path | None = builtin_rules_dir() / "default.yaml"
    else:
        target = resolve_ruleset(str(path), base or Path.cwd())
    if target is None or not is_file(target):
        hint = missing_ruleset_hint(str(path), base or Path.cwd())
        raise ConfigError(
            _("the ruleset {path} does not exist or is not a file; {hint}").format(path=path, hint=hint)
        )
    settings = {code: RuleSetting(cls.severity, _defaults(cls)) for code, cls in load_rules().items()}
    chain: list[str] = []
    custom: dict[str, type[CustomRule]] = {}
    description = _apply(target.resolve(), settings, chain, [], custom)
    return Ruleset(display_path(target), description, settings, chain, custom)


def fallback_ruleset() -> Ruleset:
    """The shipped default for a document of a run that stopped: orgmodel's own rules if a plugin fails.

    The default ruleset needs every rule loaded; when a rule plugin does not
    load (the error that stopped the run), the document still describes
    orgmodel's own rules, each at its own severity.
    """
    try:
        return load_ruleset(None)
    except ConfigError:
        from orgmodel.rule import builtin_rules

        rules = builtin_rules()
        settings = {code: RuleSetting(cls.severity, _defaults(cls)) for code, cls in rules.items()}
        return Ruleset(display_path(builtin_rules_dir() / "default.yaml"), None, settings, [])


def _defaults(cls: type[Rule[Any]]) -> dict[str, Any]:
    """A rule's parameter defaults as plain data: the base every ruleset layer merges into."""
    return dict(cls.Params().model_dump(mode="json", by_alias=True))


def _custom_rule(custom: dict[str, type[CustomRule]], key: str) -> type[CustomRule] | None:
    """One of the ruleset's custom rules by its code or name; None when it has none."""
    if not custom:
        return None
    from orgmodel.custom import find_custom

    return find_custom(custom, key)


def _apply_custom(
    doc: Document, settings: dict[str, RuleSetting], custom: dict[str, type[CustomRule]]
) -> list[Diagnostic]:
    """Add the rules of this layer's ``custom:`` section (a code or name already taken is an error).

    Most rulesets have none: the custom rules' grammar (ten pydantic models), conditions and
    checker (``orgmodel.custom``) are imported only for a ruleset that has one.
    """
    if not isinstance(doc.data, dict) or doc.data.get("custom") is None:
        return []
    from orgmodel.custom import read_custom

    made, problems = read_custom(doc, custom)
    for index, cls in enumerate(made):
        custom[cls.code] = cls
        origin = (doc, ("custom", index))
        settings[cls.code] = RuleSetting(cls.severity, {}, origin, {("where",): origin})
    return problems


def _declared_names(data: dict[str, Any]) -> set[str]:
    """The codes and names the ``custom:`` entries of a ruleset declare (valid or not)."""
    entries = data.get("custom")
    return {
        str(entry[key])
        for entry in (entries if isinstance(entries, list) else ())
        if isinstance(entry, dict)
        for key in ("code", "name")
        if isinstance(entry.get(key), str)
    }


MAX_CHAIN = 64
"""The most ruleset files one ruleset may bring in through ``extends`` (a municipality's has 2 or 3)."""


def _apply(
    path: Path,
    settings: dict[str, RuleSetting],
    chain: list[str],
    stack: list[Path],
    custom: dict[str, type[CustomRule]],
) -> str | None:
    if path in stack:
        through = " -> ".join(map(display_path, stack))
        raise ConfigError(
            _("the ruleset {path} extends itself (through {through})").format(
                path=display_path(path), through=through
            )
        )
    if display_path(path) in chain:  # reached again through another base (a diamond): applied once
        return None
    if len(chain) >= MAX_CHAIN:
        raise ConfigError(
            _("the ruleset {path} extends more than {limit} ruleset files").format(
                path=display_path(stack[0] if stack else path), limit=MAX_CHAIN
            )
        )
    doc = read_yaml(path, _("the ruleset"))
    data = doc.data
    if not isinstance(data, dict):
        raise ConfigError(
            _("the ruleset {path} is not a mapping").format(path=display_path(path)),
            [_error(doc, doc.source.span(()), _("a ruleset starts with 'orgmodel-ruleset: 1'"))],
        )
    problems = check_top(doc, data)
    description = data.get("description")
    bases, shape = bases_of(doc, data)
    problems += shape
    failed: list[ConfigError] = []
    for name, loc in bases:
        try:
            _apply(extended_path(doc, path, name, loc), settings, chain, [*stack, path], custom)
        except ConfigError as error:
            if not error.diagnostics:
                raise
            failed.append(error)
            problems.extend(error.diagnostics)  # a base's problems with this file's, all at once
    chain.append(display_path(path))
    declared = _apply_custom(doc, settings, custom)
    problems += declared
    broken = _declared_names(data) if declared else set()  # custom rules with errors of their own
    rules = data.get("rules")
    for key, options in rules.items() if isinstance(rules, dict) else ():
        if str(key) in broken and _custom_rule(custom, str(key)) is None:
            continue  # one cause, one finding: its declaration's errors say why it is no rule
        if options is None or isinstance(options, dict) or is_severity(options):  # others: reported above
            problems.extend(_apply_rule(doc, str(key), options, settings, custom))
    if len(failed) == 1 and problems == failed[0].diagnostics:
        raise failed[0]  # the only problem: keep its own summary
    if problems:
        problems.sort(key=lambda d: (d.path != doc.path, d.path, d.line, d.col))
        raise ConfigError(_("the ruleset {path} is invalid").format(path=display_path(path)), problems)
    return description if isinstance(description, str) else None


def _apply_rule(
    doc: Document,
    key: str,
    options: Any,
    settings: dict[str, RuleSetting],
    custom: dict[str, type[CustomRule]],
) -> list[Diagnostic]:
    """Merge one rule's layer into its setting; the problems of this layer's values."""
    from orgmodel.wording import strict_errors

    cls = find_rule(key) or _custom_rule(custom, key)
    if cls is None:
        message, hint = missing_rule(key, [rule.name for rule in custom.values()])
        return [_error(doc, doc.source.span(("rules", key), key=True), message, hint)]
    setting = settings[cls.code]
    options = {"severity": options} if is_severity(options) else dict(options or {})  # 'name: warning'
    problems = []
    if "severity" in options:
        value = options.pop("severity")
        if value == "off" or value is False:
            setting.severity, setting.severity_from = None, doc.path
        elif isinstance(value, str) and value in ("error", "warning", "info"):
            setting.severity, setting.severity_from = Severity(value), doc.path
        else:
            from orgmodel.wording import choice_guess

            guess = choice_guess(str(value), ["error", "warning", "info", "off"])
            problems.append(
                _error(
                    doc,
                    doc.source.span(("rules", key, "severity")),
                    _("{where}: expected {expected}, got {value}").format(
                        where=f"{cls.name}.severity", expected=_(_SEVERITIES), value=describe(value)
                    ),
                    did_you_mean(guess) if guess else None,
                )
            )
    elif setting.severity is None:
        setting.severity = cls.severity  # naming a rule without a severity turns it on
        setting.severity_from = doc.path
    merged = deep_merge(setting.params, options)
    errors = strict_errors(cls.Params, merged)
    if errors:
        return problems + _param_errors(cls, doc, ("rules", key), errors)
    setting.params = merged
    setting.origin = (doc, ("rules", key))
    record_origins(setting.origins, options, (), setting.origin)
    return problems
