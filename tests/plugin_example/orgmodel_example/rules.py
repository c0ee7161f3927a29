"""EX001 virksomhet-name-prefix: the module the ``orgmodel.rules`` entry point names."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.plugin import Context, Diagnostic, Field, Rule, RuleParams, Severity, register


class PrefixParams(RuleParams):
    """Options of virksomhet-name-prefix."""

    prefix: str = Field(
        default="",
        description="what every virksomhet's name starts with, e.g. 'Testby '; empty: any name",
    )
    kinds: list[str] = Field(
        default_factory=lambda: ["virksomhet"], description="the unit kinds whose names are checked"
    )


@register
class VirksomhetNamePrefix(Rule[PrefixParams]):
    """Every virksomhet's name starts with the prefix the municipality adopted.

    A municipality that names its virksomheter by one pattern (so that they
    sort together in the payroll and archive systems) sets the prefix in its
    ruleset; the rule reports each virksomhet whose name does not start with
    it, at the name.

    Anti-pattern (prefix 'Hjemmetjenester')::

        - {id: tildeling, name: Tjenestetildeling, kind: virksomhet, level: 3, ...}

    Best practice::

        - {id: tildeling, name: Hjemmetjenester tildeling, kind: virksomhet, level: 3, ...}
    """

    code = "EX001"
    name = "virksomhet-name-prefix"
    severity = Severity.WARNING
    Params = PrefixParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        prefix = self.params.prefix
        for uid, unit in ctx.graph.units.items():
            if unit.kind in self.params.kinds and not unit.name.startswith(prefix):
                yield self.diagnostic(
                    ctx,
                    ctx.unit_loc(uid, "name"),
                    f"{ctx.unit_label(uid)} does not start with '{prefix}'",
                    unit=uid,
                    hint=f"rename it to start with '{prefix}', or change 'prefix' in the ruleset",
                )
