"""What ``orgmodel explain`` prints for a custom rule: its summary, description, and the rule as written."""

from __future__ import annotations

from pydantic import BaseModel

from orgmodel.custom.conditions import Condition
from orgmodel.custom.grammar import CustomSpec
from orgmodel.custom.items import CHECKS_EVERY, CHECKS_WHERE
from orgmodel.i18n import _, ngettext


def documentation(
    spec: CustomSpec, defined_in: str, selector: BaseModel, conditions: tuple[Condition, ...]
) -> str:
    """The documentation of one custom rule, in the current language."""
    from orgmodel.wording import flow  # the values as written: kind: [ledergruppe, lederteam]

    lines = [spec.summary, ""]
    if spec.description:
        lines += [spec.description.strip(), ""]
    lines.append(_("A custom rule, declared in {place}.").format(place=defined_in))
    where = selector.model_dump(exclude_none=True)
    units = spec.of == "units"
    if units:
        lines.append(_("It checks every unit") if not where else _("It checks the units where:"))
    else:
        lines.append(_(CHECKS_EVERY[spec.of]) if not where else _(CHECKS_WHERE[spec.of]))
    lines += [f"  {key}: {flow(value)}" for key, value in where.items()]
    if spec.require:
        lines.append(_("Each of them must satisfy (one finding per broken condition):"))
        lines += [f"  - {text}" for text in spec.require]
        lines += _stated(spec, conditions, units)
    if spec.at_most is not None:
        at_most = (
            ngettext("At most {count} unit may match.", "At most {count} units may match.", spec.at_most)
            if units
            else ngettext(
                "At most {count} of them may match.", "At most {count} of them may match.", spec.at_most
            )
        )
        lines.append(at_most.format(count=spec.at_most))
    for kind in ("fail", "pass"):
        snippets = spec.examples.fail if kind == "fail" else spec.examples.pass_
        if snippets:
            first = snippets[0] if isinstance(snippets[0], str) else snippets[0].model
            title = _("Anti-pattern") if kind == "fail" else _("Best practice")
            lines += ["", f"{title}::", "", *("    " + line for line in first.rstrip().splitlines())]
    return "\n".join(lines)


def _stated(spec: CustomSpec, conditions: tuple[Condition, ...], units: bool) -> list[str]:
    """What the rule makes of a key not written: broken, or not stated; 'has KEY' asks just that."""
    lines = []
    keys = sum(1 for cond in conditions if cond.subject == "stated")
    if spec.required:
        lines.append(
            _("A condition on a field a unit does not state is broken.")
            if units
            else _("A condition on a key it does not write is broken.")
        )
    elif keys < len(conditions):
        lines.append(
            _("A condition on a field a unit does not state is not broken (the unit does not say).")
            if units
            else _("A condition on a key it does not write is not broken (it does not say).")
        )
    if keys:  # 'has responsibility': whether the unit writes the key is the question
        lines.append(
            _("'has KEY' is broken by a unit that does not write KEY; 'lacks KEY' by one that does.")
            if units
            else _("'has KEY' is broken by one that does not write KEY; 'lacks KEY' by one that does.")
        )
    return lines
