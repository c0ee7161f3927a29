"""``per-file-ignores``: rules turned off for the files that a gitignore pattern matches.

A pattern is matched against the checked file's path relative to the
configuration file's directory (a file outside it: against its name). The
selectors are those of ``ignore:`` (codes, prefixes, names); a load error is
never dropped, since the rules did not run on that file. A finding that the
ruleset file holds counts as a finding of the model it was found checking.
"""

from __future__ import annotations

import os
from pathlib import Path

from orgmodel.codes import BUILTIN, IGNORABLE
from orgmodel.engine import Report, is_selected
from orgmodel.paths import Exclusion

_ALWAYS_ON = {code for code in BUILTIN if code not in IGNORABLE}


def ignored_for(path: str, base: Path, table: dict[str, list[str]]) -> list[str]:
    """The selectors that ``per-file-ignores`` turns off for the file at ``path``."""
    name = Path(path)
    selectors: list[str] = []
    for glob, codes in table.items():
        if Exclusion(base, (glob,)).excludes(name, Path(os.path.dirname(path) or ".")):
            selectors.extend(codes)
    return selectors


def per_file_ignores(report: Report, base: Path, table: dict[str, list[str]]) -> None:
    """Drop from each file of ``report`` the findings its ``per-file-ignores`` selectors match."""
    for result in report.files:
        selectors = ignored_for(result.path, base, table)
        if not selectors:
            continue
        result.diagnostics = [
            d
            for d in result.diagnostics
            if (d.code, d.name) in _ALWAYS_ON or is_selected(d.code, d.name, [], selectors)
        ]
