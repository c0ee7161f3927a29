"""The realism corpus: designs written from the seeds and public facts, each with what it must find.

Every ``tests/corpus/NAME.yaml`` is checked with its ``NAME.expect.yaml``::

    ruleset: default            # a shipped ruleset name or a path relative to tests/corpus/
    description: "what real design this is and its sources"
    must:                       # findings that must occur, at the cause
      - {code: OM120, line: 41, col: 5}
      - {code: OM213, line: 9, col: 3, severity: info}   # optional: at exactly this severity
    must_not: [OM120, OM150]    # codes that must not occur anywhere
    max_severity: warning       # no finding above this (adopted-style designs: warning)
    xfail: "reason"             # optional: expected to fail today, strictly (flip after the merge)

Every ``must`` entry occurs exactly (code, line, col), no ``must_not`` code occurs, no finding is above
``max_severity``, and nothing else is an error unless listed in ``must``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.engine import check_paths
from orgmodel.ruleset import load_ruleset

CORPUS = Path(__file__).parent / "corpus"
SHIPPED = Path(__file__).parent.parent / "rules"
DESIGNS = sorted(p for p in CORPUS.glob("*.yaml") if not p.name.endswith(".expect.yaml"))


class Must(BaseModel):
    """A finding that must occur at its cause."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    line: int
    col: int
    severity: Literal["error", "warning", "info"] | None = None


class Expect(BaseModel):
    """The expectations of one corpus design."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ruleset: str = "default"
    description: str = Field(min_length=20)
    must: list[Must] = Field(default_factory=list)
    must_not: list[str] = Field(default_factory=list)
    max_severity: Literal["error", "warning", "info"] = "warning"
    xfail: str | None = None


def expectations(design: Path) -> Expect:
    path = design.with_name(design.stem + ".expect.yaml")
    assert path.exists(), f"{design.name} has no {path.name}"
    return Expect.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def ruleset_path(name: str) -> Path:
    shipped = SHIPPED / f"{name.removesuffix('.yaml')}.yaml"
    return shipped if "/" not in name and shipped.exists() else CORPUS / name


def _params() -> list[object]:
    out: list[object] = []
    for design in DESIGNS:
        reason = expectations(design).xfail
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(design, marks=marks, id=design.stem))
    return out


def problems(diags: list[Diagnostic], expect: Expect) -> list[str]:
    """Every way the findings break the expectations, in words."""
    found = {(d.code, d.line, d.col) for d in diags}
    listed = {(m.code, m.line, m.col) for m in expect.must}
    limit = Severity(expect.max_severity).rank
    out = [f"missing {code} at {line}:{col}" for code, line, col in sorted(listed - found)]
    pinned = {(m.code, m.line, m.col): m.severity for m in expect.must if m.severity}
    for d in diags:
        wanted = pinned.get((d.code, d.line, d.col))
        if wanted and d.severity.value != wanted:
            out.append(f"{d.code} at {d.line}:{d.col} is {d.severity.value}, expected {wanted}")
    for d in diags:
        where = f"{d.code} at {d.line}:{d.col} [{d.severity.value}] {d.message}"
        if d.code in expect.must_not:
            out.append(f"must not occur: {where}")
        elif d.severity.rank > limit:
            out.append(f"above {expect.max_severity}: {where}")
        elif d.severity is Severity.ERROR and (d.code, d.line, d.col) not in listed:
            out.append(f"unlisted error: {where}")
    return out


def test_the_corpus_holds_at_least_eight_designs() -> None:
    assert len(DESIGNS) >= 8, [p.name for p in DESIGNS]


@pytest.mark.parametrize("design", _params())
def test_corpus_design(design: Path) -> None:
    expect = expectations(design)
    report = check_paths([design], load_ruleset(ruleset_path(expect.ruleset)))
    result = report.files[0]
    assert result.rules_run, [d.message for d in result.diagnostics]
    assert problems(result.diagnostics, expect) == []
