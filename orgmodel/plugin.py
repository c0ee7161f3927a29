"""What a rule plugin imports: the stable names for writing rules outside orgmodel.

A plugin is an installed package whose ``orgmodel.rules`` entry point names a
module; importing that module registers its rules (docs/plugins.md)::

    from collections.abc import Iterator

    from orgmodel.plugin import Context, Diagnostic, Field, Rule, RuleParams, Severity, register


    class PrefixParams(RuleParams):
        prefix: str = Field(default="Virksomhet ", description="what every virksomhet's name starts with")


    @register
    class VirksomhetNamePrefix(Rule[PrefixParams]):
        \"\"\"Every virksomhet's name starts with the municipality's prefix. ...\"\"\"

        code = "EX001"
        name = "virksomhet-name-prefix"
        severity = Severity.WARNING
        Params = PrefixParams

        def check(self, ctx: Context) -> Iterator[Diagnostic]:
            for uid, unit in ctx.graph.units.items():
                if unit.kind == "virksomhet" and not unit.name.startswith(self.params.prefix):
                    yield self.diagnostic(ctx, ctx.unit_loc(uid, "name"), "...", unit=uid)

These names keep their meaning across orgmodel's minor versions; anything
imported from elsewhere in orgmodel may move.
"""

from __future__ import annotations

from pydantic import Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.entry_points import GROUP
from orgmodel.graph import OrgGraph
from orgmodel.rule import Context, NoParams, Rule, RuleParams, register
from orgmodel.schema import OrgModel, Unit

__all__ = [
    "GROUP",
    "Context",
    "Diagnostic",
    "Field",
    "NoParams",
    "OrgGraph",
    "OrgModel",
    "Rule",
    "RuleParams",
    "Severity",
    "Unit",
    "register",
]
