"""A custom rule at work: select the units of ``where``, judge each against ``require``, count ``at_most``."""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import Any, ClassVar

from pydantic import BaseModel

from orgmodel.custom.conditions import Condition
from orgmodel.custom.grammar import CustomSpec, Where, fill
from orgmodel.custom.item_checker import check_items
from orgmodel.custom.judging import Facts, judge
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.graph import OrgGraph
from orgmodel.hints import suggest
from orgmodel.i18n import N_, _
from orgmodel.rule import Context, NoParams, Rule
from orgmodel.rules.span_of_control import role_of

DEFAULT_MESSAGE = N_("{unit} breaks '{condition}': {field} is {value}")
DEFAULT_AT_MOST = N_("{count} units match {rule.name}, at most {limit}: {unit} is the first beyond the limit")


def _many(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class CustomRule(Rule[NoParams]):
    """Base of the rules a ruleset declares under ``custom:`` (each gets a subclass of its own)."""

    spec: ClassVar[CustomSpec]
    selector: ClassVar[BaseModel]
    """The rule's ``where:`` read by its section's model (``Where`` for units)."""
    conditions: ClassVar[tuple[Condition, ...]]
    defined_in: ClassVar[str]
    """The ruleset file and line that declare the rule: 'rules/oppvekst.yaml:12'."""

    @classmethod
    def explanation(cls) -> str:
        """The documentation as made when the ruleset was read, in the language of that moment."""
        return cls.documentation()

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per selected unit (item) and broken condition; one for a count above ``at_most``."""
        spec = self.spec
        if spec.of != "units":
            yield from check_items(self, ctx, spec, self.selector, self.conditions)
            return
        where = self.selector
        assert isinstance(where, Where)
        yield from self._unknown_names(ctx, where)
        facts = Facts(ctx.graph)
        selected = [uid for uid in ctx.graph.units if matches(where, ctx.graph, uid, facts.categories)]
        units = ctx.doc.data.get("units") if isinstance(ctx.doc.data, dict) else None
        for uid in selected:
            raw = units[ctx.graph.index[uid]] if isinstance(units, list) else None
            for cond in self.conditions:
                verdict = judge(cond, ctx.graph, uid, raw, facts)
                if verdict.kept or (verdict.kept is None and not spec.required):
                    continue
                values = self._values(ctx, uid)
                values.update(
                    field=cond.field if cond.subject == "stated" else cond.subject,
                    value=verdict.value,
                    limit=_limit(cond),
                    condition=cond.text,
                )
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, cond.field),
                    fill(spec.message or _(DEFAULT_MESSAGE), values),
                    unit=uid,
                    hint=fill(spec.hint, values) if spec.hint else None,
                    breach=cond.breach,
                )
        if spec.at_most is not None and len(selected) > spec.at_most:
            uid = selected[spec.at_most]
            values = self._values(ctx, uid)
            values.update(field="units", value=str(len(selected)), limit=str(spec.at_most))
            values.update(condition=f"at_most: {spec.at_most}", count=str(len(selected)))
            yield self.diagnostic(
                ctx,
                ctx.unit_loc(uid),
                fill(spec.message or _(DEFAULT_AT_MOST), values),
                unit=uid,
                hint=fill(spec.hint, values) if spec.hint else None,
                breach="at_most",
            )

    def _values(self, ctx: Context, uid: str) -> dict[str, str]:
        unit = ctx.graph.units[uid]
        return {
            "item": ctx.unit_label(uid),
            "item.id": uid,
            "item.name": unit.name,
            "item.kind": unit.kind or _("not stated"),
            "unit": ctx.unit_label(uid),
            "unit.id": uid,
            "unit.name": unit.name,
            "unit.kind": unit.kind or _("not stated"),
            "unit.level": str(unit.level),
            "field": "",
            "value": "",
            "limit": "",
            "condition": "",
            "count": "",
            "rule.code": self.code,
            "rule.name": self.name,
        }

    def _unknown_names(self, ctx: Context, where: Where) -> Iterator[Diagnostic]:
        """A ``where`` naming what this model lacks would quietly check nothing: say so, in the ruleset.

        A unit (``under``) or a category is model-specific: a warning. A kind,
        a service id, a unit's id or name pattern or a level may be absent from
        a valid model (a small kommune without avdelinger, a shared ruleset): a
        note (info), with the closest name.
        """
        model = ctx.model
        categories = {s.category for s in model.services if s.category}
        services = {s.id for s in model.services}
        known = (
            ("under", _UNIT, set(ctx.graph.units), Severity.WARNING),
            ("delivers_category", _CATEGORY, categories, Severity.WARNING),
            ("decides_category", _CATEGORY, categories, Severity.WARNING),
            ("kind", _KIND, {u.kind for u in model.units if u.kind}, Severity.INFO),
            ("delivers", _SERVICE, services, Severity.INFO),
            ("decides", _SERVICE, services, Severity.INFO),
            ("id", _ID, set(ctx.graph.units), Severity.INFO),
            ("name", _NAME, {u.name for u in model.units}, Severity.INFO),
        )
        for key, (what, name_one), names, severity in known:
            for name in _many(getattr(where, key)):
                if _named(key, name, names):
                    continue
                guess = suggest(name, sorted(names)) if len(names) <= 10_000 else None
                shown = sorted(names)[:8] + (
                    [_("and {n} more").format(n=len(names) - 8)] if len(names) > 8 else []
                )
                hint = (
                    _("did you mean '{guess}'?").format(guess=guess)
                    if guess
                    else _(name_one).format(names=", ".join(shown) or _("none"))
                )
                yield self.diagnostic(
                    ctx,
                    ctx.setting("where", key, item=name, fallback=("units",)),
                    _(what).format(key=key, name=name, code=self.code),
                    hint=hint,
                    severity=severity,
                    breach=f"where.{key}:{name}",
                )
        yield from self._unknown_levels(ctx, where)

    def _unknown_levels(self, ctx: Context, where: Where) -> Iterator[Diagnostic]:
        """A ``where.level`` no unit of the model stands on: a note at that level, naming the model's."""
        levels = sorted({unit.level for unit in ctx.model.units})
        for level in _many(where.level):
            if level in levels:
                continue
            yield self.diagnostic(
                ctx,
                ctx.setting("where", "level", item=level, fallback=("units",)),
                _(_NO_LEVEL).format(level=level, code=self.code),
                hint=_("the model's levels: {levels}").format(levels=", ".join(map(str, levels))),
                severity=Severity.INFO,
                breach=f"where.level:{level}",
            )


def _named(key: str, pattern: str, names: set[str]) -> bool:
    """Whether ``pattern`` of ``where.key`` names something of the model, as ``matches`` compares."""
    if key == "under":
        return pattern in names
    if key == "name":  # names are matched in any case
        folded = pattern.casefold()
        return any(fnmatchcase(n.casefold(), folded) for n in names)
    return pattern in names or any(fnmatchcase(n, pattern) for n in names)


# what a 'where' key names that the model lacks: the message, and the hint without a close name
_UNIT = (
    N_("where.{key}: this model has no unit '{name}'; {code} checks no unit by it"),
    N_("name a unit of the model by its id"),
)
_CATEGORY = (
    N_("where.{key}: this model has no service category '{name}'; {code} checks no unit by it"),
    N_("the model's service categories: {names}"),
)
_KIND = (
    N_("where.{key}: this model has no unit of kind '{name}'; {code} checks no unit by it"),
    N_("the model's kinds of unit: {names}"),
)
_SERVICE = (
    N_("where.{key}: this model has no service '{name}'; {code} checks no unit by it"),
    N_("the model's services: {names}"),
)
_NO_LEVEL = N_("where.level: no unit of this model is at level {level}; {code} checks no unit by it")
_ID = (
    N_("where.{key}: no unit of this model has an id matching '{name}'; {code} checks no unit by it"),
    N_("the model's unit ids: {names}"),
)
_NAME = (
    N_("where.{key}: no unit of this model has a name matching '{name}'; {code} checks no unit by it"),
    N_("the model's unit names: {names}"),
)


def _limit(cond: Condition) -> str:
    if isinstance(cond.value, bool):
        return "true" if cond.value else "false"
    return "any" if cond.value is None else str(cond.value)


def matches(where: Where, graph: OrgGraph, uid: str, categories: dict[str, str | None]) -> bool:
    """Whether unit ``uid`` matches every key ``where`` gives (``categories``: each service's)."""
    unit = graph.units[uid]
    if where.kind is not None and not _glob(unit.kind, where.kind):
        return False
    if where.level is not None and unit.level not in _many(where.level):
        return False
    if where.id is not None and not _glob(uid, where.id):
        return False
    if where.name is not None and not _glob(unit.name.casefold(), [n.casefold() for n in _many(where.name)]):
        return False
    if where.under is not None and not set(_many(where.under)).intersection(graph.ancestors(uid)):
        return False
    if where.delivers is not None and not any(_glob(s, where.delivers) for s in unit.delivers):
        return False
    if where.decides is not None and not any(_glob(s, where.decides) for s in unit.decides):
        return False
    for key, listed in (("delivers_category", unit.delivers), ("decides_category", unit.decides)):
        wanted = getattr(where, key)
        if wanted is not None and not any(_glob(categories.get(s), wanted) for s in listed):
            return False
    return where.role is None or role_of(graph, uid) in _many(where.role)


def _glob(value: str | None, patterns: Any) -> bool:
    return value is not None and any(fnmatchcase(value, pattern) for pattern in _many(patterns))
