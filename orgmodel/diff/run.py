"""Compare two sides file by file: load and check each with the same rules, then diff the models."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.diff import diff_checked
from orgmodel.diff.kinds import Change, DiffResult
from orgmodel.diff.sources import Side, pair
from orgmodel.engine import check_bytes
from orgmodel.rule import Rule
from orgmodel.ruleset import Ruleset


@dataclass
class FileDiff:
    """The comparison of one pair of files (``result`` is None when a side does not load)."""

    old_name: str | None
    new_name: str | None
    result: DiffResult | None
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass
class DiffReport:
    """Everything ``orgmodel diff`` found, for the formatters."""

    old: str
    new: str
    files: list[FileDiff]
    ruleset: Ruleset | None = None

    @property
    def changes(self) -> list[Change]:
        """Every change of every file."""
        return [c for f in self.files if f.result is not None for c in f.result.changes]

    @property
    def problems(self) -> list[Diagnostic]:
        """Errors that kept a file from being compared."""
        return [d for f in self.files for d in f.problems]

    def unmatched_allow(self, allow: Iterable[str]) -> str | None:
        """A usage message for the first ``--allow`` id that matches no change, or None.

        An allowed id that matches nothing is a typo or a stale entry, and
        would let the change it meant fail (or pass) unnoticed.
        """
        from orgmodel.validate import suggest

        known = {c.id for c in self.changes}
        for ident in allow:
            if ident not in known:
                guess = suggest(ident, known)
                hint = (
                    f"; did you mean '{guess}'?"
                    if guess
                    else " (each change shows its id in brackets; --format json lists them)"
                )
                return f"--allow '{ident}' matches no change in this diff{hint}"
        return None

    def fallback_reason(self, path: str) -> str:
        """Why the git driver shows a text diff of ``path``: one plain sentence."""
        first = self.problems[0] if self.problems else None
        if first is None:
            return f"{path}: showing a text diff"
        return (
            f"{path} is not a model orgmodel can compare ({first.code} at line {first.line}, "
            f"column {first.col}: {first.message}), so git shows a text diff"
        )

    def fails(self, level: Severity | None) -> bool:
        """Whether NEW brings a finding at or above ``level`` that is not allowed.

        A changed finding (same rule, unit and breach; other numbers) does not
        count, unless its severity rose from below ``level`` to it or above.
        """
        if level is None:
            return False
        return any(not c.allowed and _reaches(c, level) for c in self.changes)


def _reaches(change: Change, level: Severity) -> bool:
    if change.kind == "finding-new" and change.severity:
        return Severity(change.severity).rank >= level.rank
    if change.kind == "finding-changed":
        was, now = Severity(change.before["severity"]), Severity(change.after["severity"])
        return now.rank >= level.rank > was.rank
    return False


def _whole_file(kind: str, name: str, raw: bytes, rules: list[Rule[Any]], allow: set[str]) -> FileDiff:
    checked = check_bytes(name, raw, rules)
    if checked.model is None:
        return FileDiff(None, name, None, [d for d in checked.diagnostics if d.severity is Severity.ERROR])
    units = len(checked.model.units)
    verb = "is new" if kind == "model-added" else "was removed"
    ident = f"{kind}:{name.rsplit(':', 1)[-1]}"
    change = Change(
        kind,
        ident,
        f"the model {name} {verb} ({units} units)",
        before=None if kind == "model-added" else name,
        after=name if kind == "model-added" else None,
        count=units,
        allowed=ident in allow,
    )
    added = kind == "model-added"
    old, new = (None, name) if added else (name, None)
    result = DiffResult(
        old or "(none)",
        new or "(none)",
        [change],
        old_units=0 if added else units,
        new_units=units if added else 0,
        old_model=None if added else checked.model,
        new_model=checked.model if added else None,
    )
    return FileDiff(old, new, result)


def compare(
    old: Side,
    new: Side,
    ruleset: Ruleset | None,
    *,
    allow: Iterable[str] = (),
    rules: list[Rule[Any]] | None = None,
) -> DiffReport:
    """Diff every pair of files of two sides, with the rule delta when a ruleset is given.

    The cyclic garbage collector is paused meanwhile: checking and comparing
    build large acyclic structures, and collecting while they grow costs
    more than a third of the time on a 10,000-unit model.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compare(old, new, ruleset, allow=allow, rules=rules)
    finally:
        if enabled:
            gc.enable()


def _compare(
    old: Side, new: Side, ruleset: Ruleset | None, *, allow: Iterable[str], rules: list[Rule[Any]] | None
) -> DiffReport:
    if rules is None:
        rules = ruleset.instances() if ruleset is not None else []
    allowed = set(allow)
    files: list[FileDiff] = []
    for key, was, now in pair(old, new):
        old_name = old.name(key) if old.kind != "empty" else None
        new_name = new.name(key) if new.kind != "empty" else None
        if was is None and now is not None and new_name is not None:
            files.append(_whole_file("model-added", new_name, now, rules, allowed))
            continue
        if now is None and was is not None and old_name is not None:
            files.append(_whole_file("model-removed", old_name, was, rules, allowed))
            continue
        assert was is not None and now is not None and old_name is not None and new_name is not None
        before = check_bytes(old_name, was, rules)
        after = check_bytes(new_name, now, rules)
        problems = [
            d
            for side in (before, after)
            if side.model is None
            for d in side.diagnostics
            if d.severity is Severity.ERROR
        ]
        if before.model is None or after.model is None:
            files.append(FileDiff(old_name, new_name, None, problems))
            continue
        result = diff_checked(before, after, findings=ruleset is not None or bool(rules), allow=allowed)
        files.append(FileDiff(old_name, new_name, result))
    return DiffReport(old.spec, new.spec, files, ruleset)
