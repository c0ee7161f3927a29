"""Rule plugins: the installed packages that add rules through the ``orgmodel.rules`` entry-point group.

A plugin's distribution declares one entry point whose value names a module::

    [project.entry-points."orgmodel.rules"]
    example = "orgmodel_example.rules"

``orgmodel.rule.load_rules`` imports that module the first time rules are
needed (never for ``--version`` or ``--help``); the module's ``@register``
decorators add its rules to the one registry. This module finds the entry
points, describes them and states the contract a plugin's rules keep; the
registry, above it, imports them and turns every problem into a
``ConfigError`` naming the plugin.
"""

from __future__ import annotations

import re
import warnings
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from orgmodel.codes import BUILTIN
from orgmodel.diagnostic import Severity
from orgmodel.i18n import _

if TYPE_CHECKING:  # importlib.metadata is imported when rules are needed, not for --version
    from importlib.metadata import EntryPoint

GROUP = "orgmodel.rules"
"""The entry-point group a plugin registers its rule module in."""

PLUGIN_CODE = re.compile(r"[A-Z]+[0-9]+")
"""The shape of a plugin rule's code: the plugin's prefix in capitals, then digits (EX001)."""
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Plugin:
    """One installed rule plugin: its entry point and the distribution that declares it."""

    entry: str
    """The entry point's name (what the plugin calls itself in ``[project.entry-points]``)."""
    module: str
    """The module the entry point names: importing it registers the plugin's rules."""
    dist: str | None
    version: str | None

    @property
    def label(self) -> str:
        """The distribution and its version, as ``orgmodel rules`` shows a plugin rule's origin."""
        if self.dist is None:
            return f"the entry point {self.entry}"
        return f"{self.dist} {self.version}" if self.version else self.dist

    @property
    def described(self) -> str:
        """The label with the module, for messages about the plugin."""
        return f"{self.label} (module {self.module})"

    def owns(self, module: str) -> bool:
        """Whether ``module`` is the plugin's module or one inside it."""
        return module == self.module or module.startswith(f"{self.module}.")


def installed() -> list[tuple[Plugin, EntryPoint]]:
    """Every entry point in the group, with its plugin, ordered by distribution and entry point name."""
    from importlib.metadata import entry_points

    found = []
    for point in entry_points(group=GROUP):
        name = version = None
        if point.dist is not None:
            with warnings.catch_warnings(), suppress(KeyError):  # METADATA without Name or Version
                warnings.simplefilter("ignore", DeprecationWarning)  # 3.11-3.13 warn, later ones raise
                name, version = point.dist.name, point.dist.version
        found.append((Plugin(point.name, point.module, name or None, version or None), point))
    return sorted(found, key=lambda pair: (pair[0].dist or "", pair[0].entry))


def one_line(error: BaseException) -> str:
    """An exception as one line: its type and its message, whitespace folded."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def contract_problem(cls: Any) -> str | None:
    """What a plugin's rule class breaks of the contract (docs/plugins.md), or None."""
    rule = _("its rule {code} {name}").format(code=cls.code, name=cls.name)
    if cls.code.startswith("OM"):
        return _(
            "{rule} has an OM code, orgmodel's own prefix: give the plugin's codes their own (EX001)"
        ).format(rule=rule)
    if not PLUGIN_CODE.fullmatch(cls.code):
        return _(
            "{rule}: a code is capital letters (the plugin's prefix) and then digits, like EX001"
        ).format(rule=rule)
    if not _KEBAB.fullmatch(cls.name):
        return _("{rule}: a name is lower-case words joined by '-', like virksomhet-name-prefix").format(
            rule=rule
        )
    if any(cls.name == check.name for check in BUILTIN):
        return _("{rule}: the name is a check built into orgmodel; choose another").format(rule=rule)
    if not isinstance(cls.severity, Severity):
        return _("{rule}: severity must be an orgmodel Severity, not {value}").format(
            rule=rule, value=repr(cls.severity)
        )
    params = cls.Params if isinstance(cls.Params, type) and issubclass(cls.Params, BaseModel) else None
    if params is None or params.model_config.get("extra") != "forbid":
        return _(
            "{rule}: its Params must refuse unknown keys (derive them from orgmodel.plugin.RuleParams)"
        ).format(rule=rule)
    try:
        params()
    except ValidationError as error:  # an option without a default: a ruleset naming the rule alone breaks
        options = ", ".join(dict.fromkeys(str(e["loc"][0]) for e in error.errors() if e["loc"]))
        return _("{rule}: every option of its Params needs a default; these have none: {options}").format(
            rule=rule, options=options
        )
    except Exception as error:  # the plugin's own validator failing on the defaults
        return _("{rule}: its Params refuse their own defaults ({error})").format(
            rule=rule, error=one_line(error)
        )
    return None
