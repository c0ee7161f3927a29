"""``per-file-ignores``: rules turned off for the files that a gitignore pattern matches.

A pattern is matched against the checked file's path relative to the
configuration file's directory (a file outside it: against its name), a
finding in a part of a model against the part's path. The
selectors are those of ``ignore:`` (codes, prefixes, names); a load error is
never dropped, since the rules did not run on that file. A finding that the
ruleset file holds counts as a finding of the model it was found checking.
"""

from __future__ import annotations

import os
from pathlib import Path

from orgmodel.checked import Report
from orgmodel.codes import BUILTIN, IGNORABLE
from orgmodel.paths import Exclusion
from orgmodel.selection import is_selected

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
    """Drop from each file of ``report`` the findings its ``per-file-ignores`` selectors match.

    A model split across files (``orgmodel.parts``): a finding in a part is
    judged by the part's path, one in the main file or a ruleset by the main's.
    """
    for result in report.files:
        files = result.paths
        selectors = {path: ignored_for(path, base, table) for path in files}
        if not any(selectors.values()):
            continue
        report.ignored.update((path, found) for path, found in selectors.items() if found)
        result.diagnostics = [
            d
            for d in result.diagnostics
            if (d.code, d.name) in _ALWAYS_ON
            or is_selected(d.code, d.name, [], selectors[d.path if d.path in files else result.path])
        ]
