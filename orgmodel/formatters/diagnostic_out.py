"""The JSON shape of one finding, shared by the check and the diff JSON documents.

Both ``json_format`` (``orgmodel check``) and ``diff_json`` (``orgmodel diff``)
import it from here, so neither JSON module imports the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from orgmodel.diagnostic import Diagnostic


class DiagnosticOut(BaseModel):
    """One finding."""

    model_config = ConfigDict(extra="forbid")

    path: str
    line: int
    col: int
    end_line: int | None
    end_col: int | None
    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    message: str
    hint: str | None
    unit: str | None
    key: str | None
    fingerprint: str


def diagnostic_out(diag: Diagnostic) -> DiagnosticOut:
    """The JSON shape of a finding."""
    data = diag.to_dict()
    return DiagnosticOut.model_validate({key: data[key] for key in DiagnosticOut.model_fields})
