"""A plugin whose rule takes a code another plugin has (EX001)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.plugin import Context, Diagnostic, Rule, RuleParams, register


@register
class UnitNameLength(Rule[RuleParams]):
    """Unit names are short.

    Anti-pattern::

        - {id: a, name: A very long name, ...}

    Best practice::

        - {id: a, name: Short, ...}
    """

    code = "EX001"
    name = "unit-name-length"
    Params = RuleParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        yield from ()
