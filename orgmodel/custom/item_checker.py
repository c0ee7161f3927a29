"""A custom rule on forums, projects, agreements, committees, positions or collaborations at work.

Select the items of ``where``, judge each against ``require``, count ``at_most``: as
``orgmodel.custom.checker`` does for units, with each finding at the item's key that
was compared (its ``id`` when it does not write the key; a collaboration's ``between``).
"""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import Any

from pydantic import BaseModel

from orgmodel.custom.conditions import Condition
from orgmodel.custom.grammar import CustomSpec, fill
from orgmodel.custom.item_judging import ItemFacts, ItemView, item_views, judge_item
from orgmodel.custom.items import SECTION_TABLE, Section
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import suggest
from orgmodel.i18n import N_, _, ngettext
from orgmodel.rule import Context, Rule
from orgmodel.rules._principles import words
from orgmodel.rules._vocab import forum_label

DEFAULT_MESSAGE = N_("{item} breaks '{condition}': {field} is {value}")
NO_MATCH = N_(
    "where.{key}: '{name}' matches nothing under '{section}:' in this model; {code} checks nothing by it"
)


def check_items(
    rule: Rule[Any], ctx: Context, spec: CustomSpec, selector: BaseModel, conditions: tuple[Condition, ...]
) -> Iterator[Diagnostic]:
    """The findings of a custom rule ``of:`` a section beside the units."""
    table = SECTION_TABLE[spec.of]
    views = item_views(ctx, spec.of)
    where = selector.model_dump(exclude_none=True)
    yield from _unknown_names(rule, ctx, table, views, where)
    facts = ItemFacts(ctx)
    selected = [view for view in views if selects(table, view, where)]
    for view in selected:
        for cond in conditions:
            verdict = judge_item(cond, view, facts)
            if verdict.kept or (verdict.kept is None and not spec.required):
                continue
            field = cond.value if cond.subject == "stated" else cond.subject
            values = item_values(rule, ctx, view)
            values.update(field=field, value=verdict.value, limit=_limit(cond), condition=cond.text)
            yield rule.diagnostic(
                ctx,
                item_loc(view, field),
                fill(spec.message or _(DEFAULT_MESSAGE), values),
                unit=view.ident,
                hint=fill(spec.hint, values) if spec.hint else None,
                breach=cond.breach,
            )
    if spec.at_most is not None and len(selected) > spec.at_most:
        view, count = selected[spec.at_most], len(selected)
        values = item_values(rule, ctx, view)
        values.update(field=spec.of, value=str(count), limit=str(spec.at_most), count=str(count))
        values.update(condition=f"at_most: {spec.at_most}", noun=_noun(spec.of, count))
        message = spec.message or ngettext(
            "{count} {noun} matches {rule.name}, at most {limit}: the first beyond the limit is {item}",
            "{count} {noun} match {rule.name}, at most {limit}: the first beyond the limit is {item}",
            count,
        )
        yield rule.diagnostic(
            ctx,
            item_loc(view),
            fill(message, values),
            unit=view.ident,
            hint=fill(spec.hint, values) if spec.hint else None,
            breach="at_most",
        )


def item_loc(view: ItemView, field: str | None = None) -> tuple[Any, ...]:
    """The data path of the item's ``field``; its ``id`` (a collaboration's ``between``) when not written."""
    if field is not None and field in view.raw:
        return (view.section, view.index, field)
    return (view.section, view.index, "between" if view.section == "collaborations" else "id")


def _noun(section: str, count: int) -> str:
    """The section's items counted: '3 forums', '1 agreement'."""
    nouns = {
        "forums": ngettext("forum", "forums", count),
        "projects": ngettext("project", "projects", count),
        "agreements": ngettext("agreement", "agreements", count),
        "committees": ngettext("committee", "committees", count),
        "positions": ngettext("position", "positions", count),
        "collaborations": ngettext("collaboration", "collaborations", count),
    }
    return nouns[section]


def item_label(ctx: Context, view: ItemView) -> str:
    """How a message names the item: the forum 'Name' (id), the collaboration between 'A' (a) and 'B' (b)."""
    item, section = view.item, view.section
    if section == "collaborations":
        between = list(dict.fromkeys(getattr(item, "between", [])))
        units = [ctx.unit_label(uid) if uid in ctx.graph.units else f"'{uid}'" for uid in between]
        return _("the collaboration between {units}").format(units=words(units, limit=3))
    name, ident = str(getattr(item, "title" if section == "positions" else "name", "")), view.ident
    if section == "forums":
        return forum_label(name, ident)
    labels = {
        "projects": _("the project '{name}' ({id})"),
        "agreements": _("the agreement '{name}' ({id})"),
        "committees": _("the committee '{name}' ({id})"),
        "positions": _("the position '{name}' ({id})"),
    }
    return labels[section].format(name=name, id=ident)


def item_values(rule: Rule[Any], ctx: Context, view: ItemView) -> dict[str, str]:
    """The placeholders' values for one item (those of the finding added by the caller)."""
    item, table = view.item, SECTION_TABLE[view.section]
    if table.name_key is None:  # a collaboration: its units' names
        between = dict.fromkeys(getattr(item, "between", []))
        name = words([ctx.graph.units[u].name if u in ctx.graph.units else u for u in between], limit=3)
    else:
        name = str(getattr(item, table.name_key))
    kind = getattr(item, "kind", None)
    return {
        "item": item_label(ctx, view),
        "item.id": view.ident,
        "item.name": name,
        "item.kind": str(kind) if kind else _("not stated"),
        "field": "",
        "value": "",
        "limit": "",
        "condition": "",
        "count": "",
        "rule.code": rule.code,
        "rule.name": rule.name,
    }


def _limit(cond: Condition) -> str:
    if cond.shown is not None:
        return cond.shown
    if isinstance(cond.value, bool):
        return "true" if cond.value else "false"
    return str(cond.value)


def _targets(view: ItemView, key: str) -> list[str]:
    """The values ``where.key`` is matched against in one item (a list's entries; none when unstated)."""
    value = view.value(key)
    if value is None:
        return []
    return [str(entry) for entry in value] if isinstance(value, list) else [str(value)]


def _matched(table: Section, key: str, targets: list[str], pattern: str) -> bool:
    """Whether a ``where`` pattern matches one of the values (names, titles and purposes in any case)."""
    if key in table.texts:
        folded = pattern.casefold()
        return any(fnmatchcase(target.casefold(), folded) for target in targets)
    return any(fnmatchcase(target, pattern) for target in targets)


def selects(table: Section, view: ItemView, where: dict[str, Any]) -> bool:
    """Whether the item matches every key ``where`` gives (a list under a key: any of its entries)."""
    for key, wanted in where.items():
        if key in table.flags:
            if bool(view.value(key)) != wanted:
                return False
        elif not any(_matched(table, key, _targets(view, key), pattern) for pattern in _many(wanted)):
            return False
    return True


def _many(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _unknown_names(
    rule: Rule[Any], ctx: Context, table: Section, views: list[ItemView], where: dict[str, Any]
) -> Iterator[Diagnostic]:
    """A ``where`` pattern no item of the model matches would let the rule check nothing: a note.

    At the pattern in the ruleset, with the closest value; nothing when the model has no item
    of the section at all (it does not describe its forums: nothing to misspell against).
    """
    if not views:
        return
    for key, wanted in where.items():
        if key in table.flags:
            continue
        found = sorted({target for view in views for target in _targets(view, key)})
        for pattern in _many(wanted):
            if _matched(table, key, found, pattern):
                continue
            shown = [*found[:8], *([_("and {n} more").format(n=len(found) - 8)] if len(found) > 8 else [])]
            guess = suggest(pattern, found) if len(found) <= 10_000 else None
            hint = (
                _("did you mean '{guess}'?").format(guess=guess)
                if guess
                else _("the values in this model: {names}").format(names=", ".join(shown) or _("none"))
            )
            yield rule.diagnostic(
                ctx,
                ctx.setting("where", key, item=pattern, fallback=(table.name,)),
                _(NO_MATCH).format(key=key, name=pattern, section=table.name, code=rule.code),
                hint=hint,
                severity=Severity.INFO,
                breach=f"where.{key}:{pattern}",
            )
