"""Custom rules: rules a municipality declares in a ruleset's ``custom:`` section, without Python.

``section.read_custom`` reads the section (every mistake at its line and
column), ``grammar`` holds its pydantic models and placeholders,
``conditions`` parses and judges the ``require:`` lines, and ``checker``
is the rule at work. Custom rules belong to the ruleset that declares them
(and the rulesets extending it), never to the global registry: two
rulesets may declare different rules.
"""

from orgmodel.custom.checker import CustomRule
from orgmodel.custom.section import find_custom, read_custom

__all__ = ["CustomRule", "find_custom", "read_custom"]
