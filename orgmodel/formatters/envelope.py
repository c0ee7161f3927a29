"""The envelope of every orgmodel JSON document: ``{"tool": "orgmodel", "version": ..., "format": 1, ...}``.

``check``, ``diff`` and ``trace`` write their JSON through ``write_document``,
so the three documents begin alike and a reader tells them apart by their
other keys (``diff``'s ``command``, ``trace``'s ``persona``). Documents of
other tools' formats (SARIF, GitLab Code Quality) keep their own shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any, Literal, TypedDict

from orgmodel import __version__
from orgmodel.escape import json_dumps

TOOL: Literal["orgmodel"] = "orgmodel"
FORMAT_VERSION: Literal[1] = 1  # fields may be added within a version, none renamed or removed


class Envelope(TypedDict):
    """The first three keys of every document."""

    tool: Literal["orgmodel"]
    version: str
    format: Literal[1]


ENVELOPE_KEYS = frozenset(Envelope.__annotations__)


def envelope() -> Envelope:
    """The keys every orgmodel JSON document starts with."""
    return {"tool": TOOL, "version": __version__, "format": FORMAT_VERSION}


def write_document(stream: IO[str], body: Mapping[str, Any]) -> None:
    """The envelope followed by ``body``'s keys, as indented JSON with a final newline."""
    stream.write(json_dumps({**envelope(), **body}) + "\n")
