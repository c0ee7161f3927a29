"""``orgmodel check --statistics``: how many findings each rule reported, most first (as ruff's).

Text: one line per rule, ``count  code  name``, the counts right-aligned::

       12  OM120  span-of-control
        3  OM150  robust-units

JSON (``--format json``): a list of ``{"code", "name", "severity", "count"}``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import IO

from orgmodel import escape
from orgmodel.checked import Report


def rule_counts(report: Report) -> list[tuple[str, str, str, int]]:
    """``(code, name, severity, count)`` for every code reported, by count (most first), then code."""
    counts = Counter((d.code, d.name, d.severity.value) for d in report.diagnostics)
    return [(*key, n) for key, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def write_statistics(stream: IO[str], report: Report, output_format: str) -> None:
    """The statistics in ``text`` or ``json`` on ``stream``."""
    counts = rule_counts(report)
    if output_format == "json":
        rows = [{"code": c, "name": n, "severity": s, "count": k} for c, n, s, k in counts]
        stream.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    width = max((len(str(k)) for *_, k in counts), default=1)
    code_width = max((len(c) for c, *_ in counts), default=5)
    for code, name, _severity, count in counts:
        line = f"{count:>{max(width, 4)}}  {escape.text(code):<{code_width}}  {escape.text(name)}"
        stream.write(f"{line}\n")
