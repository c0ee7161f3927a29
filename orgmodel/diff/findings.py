"""The rule delta: the same ruleset on both sides, findings matched by their fingerprint.

A finding's fingerprint (``Diagnostic.fingerprint``) is its rule code, the
unit it is about and what is breached (``key``), never its message, numbers
or line. Two findings with the same fingerprint are the same problem: when
the message or severity differs (staff 62 -> 63 in "a span of control of
63"), the finding is *changed*, not new and resolved.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from orgmodel.diagnostic import Diagnostic
from orgmodel.diff.kinds import Change, FindingDelta


def finding_delta(
    old: Iterable[Diagnostic], new: Iterable[Diagnostic], mapped: Callable[[str], str] = str
) -> FindingDelta:
    """Which findings are new in NEW, resolved since OLD, changed, and unchanged.

    A finding's unit id (and a key naming a unit) in OLD is translated to its
    NEW id first, so a unit that was only renamed keeps its findings. Within
    one fingerprint, findings with the same message and severity pair first.
    """
    waiting: dict[str, list[Diagnostic]] = defaultdict(list)
    for diag in old:
        waiting[_translated(diag, mapped).fingerprint].append(diag)
    delta = FindingDelta()
    left: list[Diagnostic] = []
    for diag in new:
        bucket = waiting.get(diag.fingerprint, [])
        same = next((d for d in bucket if d.message == diag.message and d.severity is diag.severity), None)
        if same is not None:
            bucket.remove(same)
            delta.unchanged.append(diag)
        else:
            left.append(diag)
    for diag in left:
        bucket = waiting.get(diag.fingerprint, [])
        if bucket:
            delta.changed.append((bucket.pop(0), diag))
        else:
            delta.new.append(diag)
    delta.resolved = [d for diags in waiting.values() for d in diags]
    return delta


def _translated(diag: Diagnostic, mapped: Callable[[str], str]) -> Diagnostic:
    if diag.unit is None:
        return diag
    return replace(diag, unit=mapped(diag.unit), key=mapped(diag.key) if diag.key else None)


def finding_changes(delta: FindingDelta) -> list[Change]:
    """One change per new, resolved and changed finding; ids from the rule code, unit and key."""
    out: list[Change] = []
    seen: dict[str, int] = defaultdict(int)

    def ident(kind: str, diag: Diagnostic) -> str:
        base = f"{kind}:{diag.code}:{diag.unit or '-'}" + (f":{diag.key}" if diag.key else "")
        seen[base] += 1
        return base if seen[base] == 1 else f"{base}:{seen[base]}"

    for kind, diags, verb in (
        ("finding-new", delta.new, "new"),
        ("finding-resolved", delta.resolved, "resolved"),
    ):
        for diag in diags:
            out.append(
                Change(
                    kind,
                    ident(kind, diag),
                    f"{verb} {diag.severity.value}: {diag.code} {diag.name}: {diag.message}",
                    unit=diag.unit,
                    before=None if kind == "finding-new" else diag.message,
                    after=diag.message if kind == "finding-new" else None,
                    severity=diag.severity.value,
                )
            )
    for was, now in delta.changed:
        severity = now.severity.value
        if was.severity is not now.severity:
            severity = f"{was.severity.value} -> {now.severity.value}"
        out.append(
            Change(
                "finding-changed",
                ident("finding-changed", now),
                f"changed {severity}: {now.code} {now.name}: {now.message}{_what_changed(was, now)}",
                unit=now.unit,
                before={"message": was.message, "severity": was.severity.value},
                after={"message": now.message, "severity": now.severity.value},
                severity=now.severity.value,
            )
        )
    return out


def _what_changed(was: Diagnostic, now: Diagnostic) -> str:
    """' (was 62, 62 staff)': the words of the old message that differ, when few do."""
    if was.message == now.message:
        return ""
    before, after = was.message.split(), now.message.split()
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    replaced = [" ".join(before[i1:i2]) for op, i1, i2, _, _ in ops if op == "replace"]
    if any(op in ("insert", "delete") for op, *_ in ops) or not 0 < len(replaced) <= 3:
        return f" (was: {was.message})"
    words = dict.fromkeys(word.strip("(),;:") for word in replaced)
    return f" (was {', '.join(words)})"
