r"""The JSON Schema of the model format (draft 2020-12), generated from ``orgmodel.schema`` for editors.

Pydantic writes the schema from the models, their field descriptions and
examples; ``ModelJsonSchema`` adds ``$schema`` and ``$id`` and makes two
things portable, so that the JSON Schema accepts every model ``orgmodel
check`` accepts, in any validator:

- Ids and labels: pydantic checks ``^[\\w][\\w.\\-]*$`` with Unicode word
  characters (``mjøndalen`` is an id), but ``\\w`` in an editor's JavaScript
  regular expression is ASCII only. The schema spells the pattern as negated
  character classes of ``\\uXXXX`` escapes, which Python, JavaScript (with or
  without the ``u`` flag) and Rust read alike: exact on the blocks where
  planners type (Latin scripts, punctuation, every Unicode space, currency,
  arrows), and accepting every character beyond them.
- ``valid_from``: pydantic reads a date also from a date-time at midnight or
  a Unix timestamp; the schema accepts those beside ``2020-01-01``.

What only ``orgmodel check`` sees (references, duplicate ids, a kind's
case, YAML itself, the rules) is listed in docs/editors.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from orgmodel.schema import ID_PATTERN, LABEL_PATTERN, Id, OrgModel

FORMAT_VERSION = 1
SCHEMA_FILE = f"model-{FORMAT_VERSION}.schema.json"
"""The committed schema's name: ``orgmodel/schemas/model-1.schema.json``, shipped in the wheel."""
REPOSITORY: str | None = None
"""pyproject's ``[project.urls] Repository`` (a test keeps them equal); None while it has none."""


def schema_id(repository: str | None) -> str:
    """The ``$id``: the committed file's raw URL on the repository's main branch.

    ``https://github.com/OWNER/NAME`` gives
    ``https://raw.githubusercontent.com/OWNER/NAME/main/orgmodel/schemas/model-1.schema.json``;
    without a repository URL the id is a name under the reserved ``.invalid``
    domain, which no one can ever serve a different schema from.
    """
    path = f"orgmodel/schemas/{SCHEMA_FILE}"
    if repository and repository.startswith("https://github.com/"):
        return f"https://raw.githubusercontent.com/{repository.removeprefix('https://github.com/').strip('/')}/main/{path}"
    if repository:
        return f"{repository.rstrip('/')}/raw/main/{path}"
    return f"https://orgmodel.invalid/{path}"


SCHEMA_ID = schema_id(REPOSITORY)

# Blocks where the schema's id pattern is exactly pydantic's: [start, stop) code points.
EXACT_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0250),  # Basic Latin, Latin-1 (æ ø å), Latin Extended-A and -B (Sami č đ ŋ š ŧ ž)
    (0x1680, 0x1681),  # ogham space mark
    (0x2000, 0x2070),  # general punctuation: spaces, dashes, quotes, separators
    (0x20A0, 0x20D0),  # currency symbols (€)
    (0x2100, 0x2200),  # letterlike symbols, number forms, arrows
    (0x3000, 0x3001),  # ideographic space
    (0xFEFF, 0xFF00),  # zero-width no-break space (byte order mark)
    (0xFFF0, 0x10000),  # specials (the replacement character)
)


def _non_word(blocks: Iterable[tuple[int, int]]) -> list[int]:
    """The code points in ``blocks`` that pydantic does not take as a one-character id."""
    points = [cp for start, stop in blocks for cp in range(start, stop)]
    try:
        TypeAdapter(list[Id]).validate_python([chr(cp) for cp in points])
    except ValidationError as error:
        bad = {
            e["loc"][0] for e in error.errors(include_url=False, include_context=False, include_input=False)
        }
        return [cp for index, cp in enumerate(points) if index in bad]
    return []


def _ranges(points: list[int]) -> str:
    r"""Sorted code points as a character-class body of ``\\uXXXX`` ranges."""
    parts: list[str] = []
    index = 0
    while index < len(points):
        end = index
        while end + 1 < len(points) and points[end + 1] == points[end] + 1:
            end += 1
        first, last = points[index], points[end]
        parts.append(f"\\u{first:04X}" if first == last else f"\\u{first:04X}-\\u{last:04X}")
        index = end + 1
    return "".join(parts)


@cache
def portable_patterns() -> dict[str, str]:
    """Pydantic's id and label patterns -> the portable patterns the JSON Schema uses."""
    non_word = _non_word(EXACT_BLOCKS)
    first = f"[^{_ranges(non_word)}]"

    def rest(allowed: str) -> str:
        return f"[^{_ranges([cp for cp in non_word if chr(cp) not in allowed])}]"

    return {ID_PATTERN: f"^{first}{rest('.-')}*$", LABEL_PATTERN: f"^{first}{rest('-')}*$"}


PATTERN_MESSAGE = (
    "not a valid id or label: use letters, digits, '-', '_' and '.', with no spaces, starting with a "
    "letter or digit (nærmiljø-åsen, kd1)"
)
"""What an editor says of an id or label that breaks the pattern (as ``orgmodel check`` words it)."""


class ModelJsonSchema(GenerateJsonSchema):
    """Pydantic's draft 2020-12 generator, with ``$schema``, ``$id`` and the portable forms above."""

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        """The whole schema, ``$schema`` and ``$id`` first."""
        generated = super().generate(schema, mode)
        _bounds_into_members(generated)
        return {"$schema": self.schema_dialect, "$id": SCHEMA_ID, **generated}

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        """A string; an id's or label's pattern in its portable spelling."""
        generated = super().str_schema(schema)
        pattern = generated.get("pattern")
        if isinstance(pattern, str) and pattern in portable_patterns():
            generated["pattern"] = portable_patterns()[pattern]
            # yaml-language-server (VS Code's YAML extension) shows this instead of the pattern itself
            generated["patternErrorMessage"] = PATTERN_MESSAGE
        return generated

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        """A date as written (2020-01-01), or the other forms pydantic reads as a date."""
        return {
            "anyOf": [
                super().date_schema(schema),
                {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]"},
                {"type": "number"},
                {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"},
            ]
        }


# pydantic's names of the bounds of a ``float | int`` field (``fte``), which it writes beside the
# union's ``anyOf``: no validator knows them. JSON Schema's names, put on each number of the union.
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _bounds_into_members(node: Any) -> None:
    """Move pydantic's ``ge``/``le``/``gt``/``lt`` beside an ``anyOf`` into its numbers, everywhere."""
    if isinstance(node, list):
        for item in node:
            _bounds_into_members(item)
        return
    if not isinstance(node, dict):
        return
    if "anyOf" in node and any(name in node for name in _BOUNDS):
        bounds = {_BOUNDS[name]: node.pop(name) for name in list(node) if name in _BOUNDS}
        for member in node["anyOf"]:
            if isinstance(member, dict) and member.get("type") in ("number", "integer"):
                member.update(bounds)
    for value in node.values():
        _bounds_into_members(value)


def model_json_schema() -> dict[str, Any]:
    """The JSON Schema of the model format, version 1."""
    return OrgModel.model_json_schema(schema_generator=ModelJsonSchema)


def model_schema_text() -> str:
    """The schema as the committed file holds it: two-space JSON, UTF-8 text, a final newline."""
    return json.dumps(model_json_schema(), indent=2, ensure_ascii=False) + "\n"
