"""Compare two sides file by file: load and check each with the same rules, then diff the models."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.diff import diff_checked
from orgmodel.diff.findings import finding_changes
from orgmodel.diff.kinds import Change
from orgmodel.diff.pair_check import check_both
from orgmodel.diff.result import DiffResult, FindingDelta
from orgmodel.diff.sources import Side, pair
from orgmodel.diff.suppressions import suppression_changes
from orgmodel.engine import FileResult as Checked
from orgmodel.engine import check_bytes
from orgmodel.i18n import _, ngettext
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
    notes: list[str] = field(default_factory=list)  # e.g. the ruleset differs at OLD's revision

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
        known = {c.id for c in self.changes}
        for ident in allow:
            if ident not in known:
                guess = allow_guess(ident, known)
                if guess:
                    return _("--allow '{id}' matches no change in this diff; did you mean '{guess}'?").format(
                        id=ident, guess=guess
                    )
                return _(
                    "--allow '{id}' matches no change in this diff "
                    "(each change shows its id in brackets; --format json lists them)"
                ).format(id=ident)
        return None

    def fallback_reason(self, path: str) -> str:
        """Why the git driver shows a text diff of ``path``: one plain sentence."""
        first = self.problems[0] if self.problems else None
        if first is None:
            return _("{path}: showing a text diff").format(path=path)
        return _(
            "{path} is not a model orgmodel can compare ({code} at line {line}, column {col}: {message}), "
            "so git shows a text diff"
        ).format(path=path, code=first.code, line=first.line, col=first.col, message=first.message)

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


def _whole_file(
    kind: str, name: str, shown: str, checked: Checked, rules: list[Rule[Any]], allow: set[str]
) -> FileDiff:
    """A model only one side has; ``shown`` is its path without the side's ``REV:`` (its change's id)."""
    added = kind == "model-added"
    old, new = (None, name) if added else (name, None)
    if checked.model is None:
        return FileDiff(old, new, None, [d for d in checked.diagnostics if d.severity is Severity.ERROR])
    units = len(checked.model.units)
    ident = f"{kind}:{shown}"
    if added:
        message = ngettext("the model {name} is new ({n} unit)", "the model {name} is new ({n} units)", units)
    else:
        message = ngettext(
            "the model {name} was removed ({n} unit)", "the model {name} was removed ({n} units)", units
        )
    change = Change(
        kind,
        ident,
        message.format(name=name, n=units),
        before=None if added else name,
        after=name if added else None,
        count=units,
        allowed=ident in allow,
    )
    delta = _whole_delta(added, checked.diagnostics) if rules else None
    findings = finding_changes(delta) if delta is not None else []
    result = DiffResult(
        old or _("(none)"),
        new or _("(none)"),
        [
            change,
            *(replace(c, allowed=True) if c.id in allow else c for c in findings),
            *suppression_changes(None if added else checked, checked if added else None, allow),
        ],
        findings=delta,
        old_units=0 if added else units,
        new_units=units if added else 0,
        old_model=None if added else checked.model,
        new_model=checked.model if added else None,
    )
    return FileDiff(old, new, result)


def _whole_delta(added: bool, diagnostics: list[Diagnostic]) -> FindingDelta:
    """Every finding of a file that exists on one side only: all new (added) or all resolved (removed)."""
    if added:
        return FindingDelta(new=list(diagnostics))
    return FindingDelta(resolved=list(diagnostics))


def _both(
    old_name: str, new_name: str, before: Checked, after: Checked, judged: bool, allow: set[str]
) -> FileDiff:
    """The comparison of a file on both sides (or a file renamed: the same kommune under another name).

    A side that does not load is not compared, and neither is a NEW whose
    reference errors kept its rules from running (a parent id mistyped):
    every finding of OLD would read "resolved" and its units would "move" to
    an id that names nothing. An OLD like that is compared: its reference
    errors are resolved by NEW, and NEW's findings are new.
    """
    unread = [s for s in (before, after) if s.model is None or (s is after and not s.rules_run)]
    if unread:
        problems = [d for side in unread for d in side.diagnostics if d.severity is Severity.ERROR]
        return FileDiff(old_name, new_name, None, problems)
    result = diff_checked(before, after, findings=judged, allow=allow)  # reuses the checks' graphs
    result.changes += suppression_changes(before, after, allow)
    return FileDiff(old_name, new_name, result)


def _identity(checked: Checked) -> str | None:
    """Which organisation a model describes: its kommunenummer, else its kommune's name."""
    if checked.model is None:
        return None
    return checked.model.kommunenummer or checked.model.kommune.casefold()


def _renames(alone: list[tuple[str, str, str, Checked]]) -> dict[int, int]:
    """Removed file index -> added file index, for files that describe the same kommune.

    A model moved to another path (``drammen-2020.yaml`` -> ``drammen-2024.yaml``) is
    compared with its old self, so its findings are not all "new"; only a kommune that
    exactly one removed and one added file describe is paired.
    """
    sides: dict[str, dict[str, list[int]]] = {"model-removed": {}, "model-added": {}}
    for index, (kind, _name, _shown, checked) in enumerate(alone):
        key = _identity(checked)
        if key is not None:
            sides[kind].setdefault(key, []).append(index)
    removed, added = sides["model-removed"], sides["model-added"]
    return {r[0]: added[key][0] for key, r in removed.items() if len(r) == 1 and len(added.get(key, [])) == 1}


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
    judged = ruleset is not None or bool(rules)
    allowed = set(allow)
    custom = [(c.code, c.name) for c in ruleset.custom.values()] if ruleset is not None else []
    slots: list[FileDiff | int] = []  # a compared pair, or the index of a file on one side only
    alone: list[tuple[str, str, str, Checked]] = []
    for key, was, now in pair(old, new):
        old_name = old.name(key) if old.kind != "empty" else None
        new_name = new.name(key) if new.kind != "empty" else None
        if was is not None and now is not None and old_name is not None and new_name is not None:
            before, after = check_both(  # OLD in a forked process while NEW is checked here
                (old_name, was, old.reader(key)), (new_name, now, new.reader(key)), rules, custom
            )
            slots.append(_both(old_name, new_name, before, after, judged, allowed))
            continue
        kind, name, raw = ("model-added", new_name, now) if was is None else ("model-removed", old_name, was)
        assert name is not None and raw is not None
        slots.append(len(alone))
        side = new if was is None else old
        shown = name.removeprefix(f"{side.rev}:") if side.rev else name  # a ':' in a file name stays
        alone.append((kind, name, shown, check_bytes(name, raw, rules, custom=custom, read=side.reader(key))))
    renamed = _renames(alone)
    taken = set(renamed.values())
    files: list[FileDiff] = []
    for slot in slots:
        if isinstance(slot, FileDiff):
            files.append(slot)
        elif slot in renamed:
            (_, old_name, _, before), (_, new_name, _, after) = alone[slot], alone[renamed[slot]]
            files.append(_both(old_name, new_name, before, after, judged, allowed))
        elif slot not in taken:
            kind, name, shown, checked = alone[slot]
            files.append(_whole_file(kind, name, shown, checked, rules, allowed))
    return DiffReport(old.spec, new.spec, files, ruleset)


def allow_guess(ident: str, known: Iterable[str]) -> str | None:
    """The change id an ``--allow`` id most likely meant: of its kind and rule first.

    'finding-new:OM230:virk-oms-konnerud:fysio' means the OM230 finding whose key
    starts so ('...:fysio- og ergoterapeuter sammen med omsorgstjenestene (p. 25, 27)'),
    not the OM150 finding of the same unit that is closer letter by letter.
    """
    from orgmodel.hints import suggest

    ids = sorted(known)
    parts = ident.split(":")
    scope = (
        ":".join(parts[:2]) + ":" if parts[0].startswith("finding-") and len(parts) > 2 else parts[0] + ":"
    )
    same = [k for k in ids if k.startswith(scope)]
    longer = [k for k in same if k.startswith(ident)]
    if len(longer) == 1:
        return longer[0]
    return suggest(ident, same) or suggest(ident, ids)
