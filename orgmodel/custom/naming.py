"""A custom rule's code and name: its own, not those of a built-in, plugin or earlier custom rule."""

from __future__ import annotations

from typing import Any

from orgmodel.codes import CONFIG
from orgmodel.custom.checker import CustomRule
from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import _
from orgmodel.loader import Document


def _error(doc: Document, loc: tuple[Any, ...], message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic.at(doc.path, doc.source.span(loc), *CONFIG, message, hint=hint)


def find_custom(custom: dict[str, type[CustomRule]], key: str) -> type[CustomRule] | None:
    """A custom rule by its code (case-insensitive) or name."""
    key = key.strip()
    return custom.get(key.upper()) or next((c for c in custom.values() if c.name == key.lower()), None)


def _custom_holder(code: object, name: object, place: str) -> str:
    return _("the custom rule {code} {name} ({place})").format(code=code, name=name, place=place)


def _taken(earlier: dict[str, type[CustomRule]], key: str) -> str | None:
    """Who already has a code or name ('the rule OM120 span-of-control'), or None."""
    from orgmodel.codes import BUILTIN
    from orgmodel.rule import find_rule

    cls = find_rule(key)
    if cls is not None:
        return _("the rule {code} {name}").format(code=cls.code, name=cls.name)
    check = next((b for b in BUILTIN if key in (b.code, b.name)), None)
    if check is not None:
        return _("the built-in check {code} {name}").format(code=check.code, name=check.name)
    mine = find_custom(earlier, key)
    if mine is None:
        return None
    return _custom_holder(code=mine.code, name=mine.name, place=mine.defined_in)


def taken_errors(
    doc: Document,
    base: tuple[Any, ...],
    entry: dict[str, Any],
    earlier: dict[str, type[CustomRule]],
    mine: dict[str, str],
) -> list[Diagnostic]:
    """A code or name another rule has (built-in, plugin, or custom in this file or one it extends).

    ``mine`` collects the codes and names of this file's entries, valid or not.
    """
    problems = []
    code, name = entry.get("code"), entry.get("name")
    if isinstance(code, str) and code.upper().startswith("OM"):
        hint = _("choose your own prefix, e.g. the kommune's initials")
        message = _("custom[{index}].code: {code} starts with OM, orgmodel's own prefix").format(
            index=base[1], code=code
        )
        problems.append(_error(doc, (*base, "code"), message, hint))
    line = doc.source.span((*base, "code")).line
    holder_text = _custom_holder(code=code, name=name, place=f"{doc.path}:{line}")
    for key, value in (("code", code), ("name", name)):
        if not isinstance(value, str):
            continue
        holder = mine.get(value) or _taken(earlier, value)
        if holder is not None:
            message = _("custom[{index}].{key}: {value} is already {holder}").format(
                index=base[1], key=key, value=value, holder=holder
            )
            hint = (
                _("give the rule a code of its own")
                if key == "code"
                else _("give the rule a name of its own")
            )
            problems.append(_error(doc, (*base, key), message, hint))
        else:
            mine[value] = holder_text
    return problems
