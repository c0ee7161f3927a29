"""The built-in codes: the checks built into loading, as constants the emitting code uses.

Each constant is a ``BuiltinCode`` (code, name); ``orgmodel.checks`` documents
them (``orgmodel rules`` and ``orgmodel explain`` print that), and a test
keeps the two in step. Rules have their codes on their classes.

Most built-in checks are load errors: they stop the rules (nothing else in
the file is checked until they are fixed), so they cannot be selected or
ignored; ``--select``/``--ignore`` naming only such codes is a usage error.
The suppression checks (``IGNORABLE``) run after the rules and obey
``--select``/``--ignore`` like rules.
"""

from __future__ import annotations

from typing import NamedTuple


class BuiltinCode(NamedTuple):
    """A built-in check's stable code and kebab-case name."""

    code: str
    name: str


YAML_SYNTAX = BuiltinCode("OM001", "yaml-syntax")
DUPLICATE_KEY = BuiltinCode("OM002", "duplicate-key")
FORBIDDEN_TAG = BuiltinCode("OM003", "forbidden-tag")
ENCODING = BuiltinCode("OM004", "encoding")
ALIAS_EXPANSION = BuiltinCode("OM005", "alias-expansion")
NOT_A_MODEL = BuiltinCode("OM006", "not-a-model")
UNREADABLE = BuiltinCode("OM007", "unreadable")
CONFIG = BuiltinCode("OM008", "config")
INTERNAL_ERROR = BuiltinCode("OM009", "internal-error")
SCHEMA = BuiltinCode("OM010", "schema")
UNKNOWN_KEY = BuiltinCode("OM011", "unknown-key")
TOO_LARGE = BuiltinCode("OM012", "too-large")
MODEL_PART = BuiltinCode("OM013", "model-part")
PART_CONTENT = BuiltinCode("OM014", "part-content")
DUPLICATE_ID = BuiltinCode("OM020", "duplicate-id")
UNKNOWN_REFERENCE = BuiltinCode("OM021", "unknown-reference")
SUPPRESSION_WITHOUT_REASON = BuiltinCode("OM090", "suppression-without-reason")
UNUSED_SUPPRESSION = BuiltinCode("OM091", "unused-suppression")

BUILTIN: tuple[BuiltinCode, ...] = (
    YAML_SYNTAX,
    DUPLICATE_KEY,
    FORBIDDEN_TAG,
    ENCODING,
    ALIAS_EXPANSION,
    NOT_A_MODEL,
    UNREADABLE,
    CONFIG,
    INTERNAL_ERROR,
    SCHEMA,
    UNKNOWN_KEY,
    TOO_LARGE,
    MODEL_PART,
    PART_CONTENT,
    DUPLICATE_ID,
    UNKNOWN_REFERENCE,
    SUPPRESSION_WITHOUT_REASON,
    UNUSED_SUPPRESSION,
)
"""Every built-in code, in code order."""

IGNORABLE: frozenset[BuiltinCode] = frozenset({SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION})
"""Built-in checks that ``--select``/``--ignore`` can turn off: they run after the rules."""
