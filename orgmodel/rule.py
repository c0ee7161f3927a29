"""The rule base class, the read-only context rules see, and the one rule registry."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.loader import Document, Span
from orgmodel.schema import OrgModel


class NoParams(BaseModel):
    """Parameters of a rule that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True)
class Context:
    """What a rule reads: the document (text and positions), the model and its graph."""

    doc: Document
    model: OrgModel
    graph: OrgGraph
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Values derived from the model that several rules read, computed once per check (journeys)."""

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

    def __init__(self, params: P | None = None, severity: Severity | None = None) -> None:
        self.params: P = params if params is not None else self.Params()  # type: ignore[assignment]
        self.level = severity or type(self).severity

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
        """
        return Diagnostic.at(
            ctx.doc.path,
            ctx.span(loc, key=key),
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
        """The first line of the documentation."""
        return (inspect.getdoc(cls) or "").splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def documentation(cls) -> str:
        """The whole documentation, dedented."""
        return inspect.getdoc(cls) or ""


REGISTRY: dict[str, type[Rule[Any]]] = {}
_NAMES: dict[str, str] = {}

R = TypeVar("R", bound=type[Rule[Any]])


def register(cls: R) -> R:
    """Class decorator adding a rule to the registry; refuses a duplicate code or name."""
    for attr in ("code", "name"):
        if not isinstance(getattr(cls, attr, None), str):
            raise TypeError(f"rule {cls.__name__} has no {attr}")
    if cls.code in REGISTRY or cls.name in _NAMES:
        raise ValueError(f"duplicate rule code or name: {cls.code} {cls.name}")
    if not cls.__doc__:
        raise TypeError(f"rule {cls.code} has no documentation")
    REGISTRY[cls.code] = cls
    _NAMES[cls.name] = cls.code
    return cls


_LOADED: list[bool] = []


def load_rules() -> dict[str, type[Rule[Any]]]:
    """Import every module of ``orgmodel.rules`` once and return the registry.

    A flag, not the registry's emptiness, says whether that happened: a
    caller that imported one rule module first must still get them all.
    """
    if not _LOADED:
        import orgmodel.rules as package

        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")
        _LOADED.append(True)
    return REGISTRY


def find_rule(code_or_name: str) -> type[Rule[Any]] | None:
    """A rule by its code (case-insensitive) or name."""
    rules = load_rules()
    key = code_or_name.strip()
    return rules.get(key.upper()) or rules.get(_NAMES.get(key.lower(), ""))
