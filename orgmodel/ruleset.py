"""Rulesets: adopted principles as YAML files that enable rules and set their parameters.

A ruleset file::

    orgmodel-ruleset: 1
    description: What this ruleset adopts, and from where.
    extends: default.yaml          # a file next to this one, or a list of them
    rules:
      max-levels:                  # a rule's name or code
        severity: error            # error | warning | info | off
        max: 5                     # every other key is a parameter of the rule
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orgmodel.bounds import read_limited
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.loader import Document, Span, load_bytes
from orgmodel.rule import Rule, find_rule, load_rules
from orgmodel.validate import describe, loc_text, suggest

BUILTIN_DIR_NAMES = ("_rulesets",)


class ConfigError(Exception):
    """A usage or configuration problem: exit code 2, with diagnostics where they have a position."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []


class _RulesetFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    version: int = Field(alias="orgmodel-ruleset")
    description: str | None = None
    extends: str | list[str] = Field(default_factory=list)
    rules: dict[str, dict[str, Any] | None] = Field(default_factory=dict)


@dataclass
class RuleSetting:
    """The merged configuration of one rule: its severity (None = off) and raw parameters."""

    severity: Severity | None
    params: dict[str, Any] = field(default_factory=dict)
    origin: tuple[Document, tuple[Any, ...]] | None = None


@dataclass
class Ruleset:
    """A resolved ruleset: every registered rule with its severity and parameters."""

    path: str
    description: str | None
    settings: dict[str, RuleSetting]
    chain: list[str]

    def instances(self) -> list[Rule[Any]]:
        """The enabled rules, instantiated with validated parameters (ConfigError if invalid)."""
        rules = load_rules()
        out: list[Rule[Any]] = []
        problems: list[Diagnostic] = []
        for code in sorted(rules):
            cls = rules[code]
            setting = self.settings.get(code, RuleSetting(cls.severity))
            if setting.severity is None:
                continue
            try:
                params = cls.Params.model_validate(setting.params)
            except ValidationError as exc:
                problems.extend(_param_errors(cls, setting, exc))
                continue
            out.append(cls(params, setting.severity))
        if problems:
            raise ConfigError("the ruleset has invalid rule parameters", problems)
        return out


def display_path(path: str | Path) -> str:
    """A path as people read it: relative to the working directory when it is below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def builtin_rules_dir() -> Path:
    """Where the shipped rulesets live: inside an installed wheel or in the source tree."""
    package = Path(__file__).resolve().parent
    for name in BUILTIN_DIR_NAMES:
        if (package / name).is_dir():
            return package / name
    return package.parent / "rules"


def _error(doc: Document, span: Span, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic.at(doc.path, span, "OM008", "config", message, hint=hint)


def _param_errors(cls: type[Rule[Any]], setting: RuleSetting, exc: ValidationError) -> list[Diagnostic]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if setting.origin is None:
            out.append(Diagnostic("<defaults>", 1, 1, "OM008", "config", Severity.ERROR, err["msg"]))
            continue
        doc, base = setting.origin
        where = f"{cls.name}.{loc_text(loc)}"
        hint = None
        if err["type"] == "extra_forbidden":
            guess = suggest(str(loc[-1]), cls.Params.model_fields)
            known = ", ".join(cls.Params.model_fields) or "none"
            message = f"{where}: the rule {cls.code} has no option '{loc[-1]}' (its options: {known})"
            hint = f"did you mean '{guess}'?" if guess else None
            span = doc.source.span((*base, *loc), key=True)
        elif err["type"] == "missing":
            message = f"{where}: the option '{loc[-1]}' is required"
            span = doc.source.span(base, key=True)
        else:
            message = f"{where}: {err['msg']}, got {describe(err.get('input'))}"
            span = doc.source.span((*base, *loc))
        out.append(_error(doc, span, message, hint))
    return out


def read_yaml(path: Path, what: str) -> Document:
    """Load a ruleset or configuration file; a problem is a ConfigError (exit 2)."""
    try:
        raw = read_limited(path)
    except OSError as exc:
        raise ConfigError(f"cannot read the {what} {path}: {exc.strerror or exc}") from None
    doc = load_bytes(str(path), raw)
    if not doc.ok:
        raise ConfigError(f"the {what} {path} is not valid YAML", doc.diagnostics)
    return doc


def load_ruleset(path: str | Path | None = None) -> Ruleset:
    """Read a ruleset file and everything it extends; None means the shipped default."""
    target = Path(path) if path is not None else builtin_rules_dir() / "default.yaml"
    if path is not None and not target.exists() and (builtin_rules_dir() / f"{path}.yaml").exists():
        target = builtin_rules_dir() / f"{path}.yaml"  # a shipped ruleset by name: "drammen-2020"
    if not target.is_file():
        raise ConfigError(f"the ruleset {target} does not exist or is not a file")
    settings: dict[str, RuleSetting] = {code: RuleSetting(cls.severity) for code, cls in load_rules().items()}
    chain: list[str] = []
    description = _apply(target.resolve(), settings, chain, [])
    return Ruleset(display_path(target), description, settings, chain)


def _apply(path: Path, settings: dict[str, RuleSetting], chain: list[str], stack: list[Path]) -> str | None:
    if path in stack:
        raise ConfigError(f"the ruleset {path} extends itself (through {' -> '.join(map(str, stack))})")
    doc = read_yaml(path, "ruleset")
    if not isinstance(doc.data, dict):
        raise ConfigError(
            f"the ruleset {path} is not a mapping",
            [_error(doc, doc.source.span(()), "a ruleset starts with 'orgmodel-ruleset: 1'")],
        )
    try:
        parsed = _RulesetFile.model_validate(doc.data)
    except ValidationError as exc:
        diags = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                keys = "orgmodel-ruleset, description, extends, rules"
                message = f"unknown key '{loc[-1]}' in a ruleset (its keys: {keys})"
            else:
                message = f"{loc_text(loc)}: {err['msg']}"
            diags.append(_error(doc, doc.source.span(loc, key=err["type"] == "extra_forbidden"), message))
        raise ConfigError(f"the ruleset {path} is invalid", diags) from None
    if parsed.version != 1:
        raise ConfigError(
            f"{path}: unsupported ruleset version {parsed.version}",
            [_error(doc, doc.source.span(("orgmodel-ruleset",)), "this orgmodel reads ruleset version 1")],
        )
    bases = [parsed.extends] if isinstance(parsed.extends, str) else parsed.extends
    for base in bases:
        base_path = (path.parent / base).resolve()
        if not base_path.is_file() and (builtin_rules_dir() / f"{base}.yaml").is_file():
            base_path = (builtin_rules_dir() / f"{base}.yaml").resolve()
        if not base_path.is_file():
            raise ConfigError(
                f"{path}: extends a ruleset that does not exist: {base}",
                [_error(doc, doc.source.span(("extends",)), f"no ruleset file '{base}' next to this one")],
            )
        _apply(base_path, settings, chain, [*stack, path])
    chain.append(display_path(path))
    problems = []
    for key, options in parsed.rules.items():
        cls = find_rule(key)
        if cls is None:
            guess = suggest(key, [c.name for c in load_rules().values()])
            problems.append(
                _error(
                    doc,
                    doc.source.span(("rules", key), key=True),
                    f"no rule is called '{key}'",
                    f"did you mean '{guess}'?" if guess else "run 'orgmodel rules' for the list",
                )
            )
            continue
        setting = settings[cls.code]
        options = dict(options or {})
        if "severity" in options:
            value = options.pop("severity")
            if value == "off" or value is False:
                setting.severity = None
            elif value in ("error", "warning", "info"):
                setting.severity = Severity(value)
            else:
                problems.append(
                    _error(
                        doc,
                        doc.source.span(("rules", key, "severity")),
                        f"{cls.name}.severity: expected error, warning, info or off, got {describe(value)}",
                    )
                )
        elif setting.severity is None:
            setting.severity = cls.severity  # naming a rule without a severity turns it on
        setting.params = {**setting.params, **options}
        setting.origin = (doc, ("rules", key))
    if problems:
        raise ConfigError(f"the ruleset {path} is invalid", problems)
    return parsed.description
