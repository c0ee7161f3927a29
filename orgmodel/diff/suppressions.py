"""Inline suppressions in a diff: a change that adds or removes one is shown, never silent.

The engine finds the suppressions (``FileResult.suppressions``) and the
findings they silenced (``FileResult.silenced``); nothing is parsed again
here. A suppression is matched across the sides by its rules, its reason and
what it covers (the text of the line it covers, or the whole file), never by
its line number, which moves with every edit above it.

A finding that OLD reported and NEW silences with a suppression is not
"resolved": it is *suppressed in this change*, so a reviewer sees that the
gate was bypassed. A suppression with a reason is the adopted way to accept
an exception, so ``--fail-on-new`` does not count it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from orgmodel.diagnostic import Diagnostic
from orgmodel.diff.findings import translated
from orgmodel.diff.kinds import Change
from orgmodel.diff.result import FindingDelta
from orgmodel.engine import FileResult
from orgmodel.i18n import N_, _
from orgmodel.suppress import Suppression

_Key = tuple[tuple[str, ...], str, str]


def _covers(sup: Suppression, diag: Diagnostic) -> bool:
    if sup.path and sup.path != diag.path:  # a model split across files: the comment's own file only
        return False
    if not sup.whole_file and not sup.first <= diag.line <= sup.last:
        return False
    return any(rule.upper() == diag.code or rule.lower() == diag.name for rule in sup.rules)


def _target(checked: FileResult, sup: Suppression, *, words: bool = False) -> str:
    """What a suppression covers, independent of line numbers (``words``: in the run's language).

    The English form is the key that pairs a suppression across the sides, and the JSON's ``covers``.
    """
    units = _covered_units(checked, sup)
    if sup.whole_file:
        return _("the whole file") if words else "the whole file"
    if units:
        return _("unit {ids}").format(ids=", ".join(units)) if words else f"unit {', '.join(units)}"
    document = (
        checked.sources.get(sup.path, checked.document) if sup.path != checked.path else checked.document
    )
    text = document.line_text(sup.first).split("#", 1)[0].strip()
    if not words:
        return f"line '{text}'" if text else f"line {sup.first}"
    return _("line '{text}'").format(text=text) if text else _("line {line}").format(line=sup.first)


def _key(checked: FileResult, sup: Suppression) -> _Key:
    """Rules, reason and what it covers: the units it silences or sits on, else the text of its line."""
    rules = tuple(sorted(r.upper() if r[:2].upper() == "OM" else r.lower() for r in sup.rules))
    return rules, sup.reason.strip(), _target(checked, sup)


def _units(checked: FileResult, sup: Suppression) -> list[str]:
    return list(dict.fromkeys(d.unit for d in checked.silenced if d.unit and _covers(sup, d)))


def _covered_units(checked: FileResult, sup: Suppression) -> list[str]:
    """The units a suppression silences, else the unit it sits on (none for a whole file)."""
    return _units(checked, sup) or ([sup.unit] if sup.unit and not sup.whole_file else [])


# the message of a suppression added or removed, with a reason or without one
_SUPPRESSION = {
    ("suppression-added", True): N_(
        "a suppression of {rules} covering {covered} was added with the reason '{reason}' (at line {line})"
    ),
    ("suppression-added", False): N_(
        "a suppression of {rules} covering {covered} was added without a reason (at line {line})"
    ),
    ("suppression-removed", True): N_(
        "a suppression of {rules} covering {covered} was removed with the reason '{reason}' "
        "(was at line {line})"
    ),
    ("suppression-removed", False): N_(
        "a suppression of {rules} covering {covered} was removed without a reason (was at line {line})"
    ),
}


def _change(kind: str, checked: FileResult, sup: Suppression, allow: set[str]) -> Change:
    rules, reason, covered = _key(checked, sup)
    units = _covered_units(checked, sup)
    where = "file" if sup.whole_file else (units[0] if units else str(sup.first))
    ident = f"{kind}:{'+'.join(rules)}:{where}"
    line = (
        f"{sup.line}"
        if sup.path in ("", checked.path)
        else _("{line} of {path}").format(line=sup.line, path=sup.path)  # in a part
    )
    message = _(_SUPPRESSION[kind, bool(reason)]).format(
        rules=", ".join(rules), covered=_target(checked, sup, words=True), reason=reason, line=line
    )
    return Change(
        kind,
        ident,
        message,
        unit=units[0] if units else None,
        before={"rules": list(rules), "covers": covered, "reason": reason}
        if kind == "suppression-removed"
        else None,
        after={"rules": list(rules), "covers": covered, "reason": reason}
        if kind == "suppression-added"
        else None,
        allowed=ident in allow,
    )


def suppression_changes(
    before: FileResult | None, after: FileResult | None, allow: Iterable[str] = ()
) -> list[Change]:
    """One change per suppression only OLD has (removed) or only NEW has (added)."""
    allowed = set(allow)
    old = Counter(_key(before, s) for s in before.suppressions) if before else Counter[_Key]()
    new = Counter(_key(after, s) for s in after.suppressions) if after else Counter[_Key]()
    out: list[Change] = []
    seen: Counter[str] = Counter()
    for kind, checked, mine, other in (
        ("suppression-removed", before, old, new),
        ("suppression-added", after, new, old),
    ):
        if checked is None:
            continue
        spare = mine - other
        for sup in checked.suppressions:
            key = _key(checked, sup)
            if spare[key] > 0:
                spare[key] -= 1
                change = _change(kind, checked, sup, allowed)
                seen[change.id] += 1
                if seen[change.id] > 1:
                    change = replace(change, id=f"{change.id}:{seen[change.id]}")
                out.append(change)
    return out


def split_suppressed(
    delta: FindingDelta, silenced: Iterable[Diagnostic], mapped: Callable[[str], str] = str
) -> None:
    """Move the resolved findings that NEW silences with a suppression to ``delta.suppressed``."""
    quiet = Counter(d.fingerprint for d in silenced)
    still: list[Diagnostic] = []
    for diag in delta.resolved:
        moved = translated(diag, mapped).fingerprint
        if quiet[moved] > 0:
            quiet[moved] -= 1
            delta.suppressed.append(diag)
        else:
            still.append(diag)
    delta.resolved = still
