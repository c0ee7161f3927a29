"""The rule delta: the same ruleset on both sides, findings matched by rule, unit and message."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from orgmodel.diagnostic import Diagnostic
from orgmodel.diff.kinds import Change, FindingDelta

Key = tuple[str, str | None, str]


def finding_delta(
    old: Iterable[Diagnostic], new: Iterable[Diagnostic], mapped: Callable[[str], str] = str
) -> FindingDelta:
    """Which findings are new in NEW, resolved since OLD and unchanged (line numbers ignored).

    A finding's unit id in OLD is translated to its NEW id first, so a unit
    that was only renamed keeps its findings.
    """
    waiting: dict[Key, list[Diagnostic]] = defaultdict(list)
    for diag in old:
        waiting[(diag.code, mapped(diag.unit) if diag.unit else None, diag.message)].append(diag)
    delta = FindingDelta()
    for diag in new:
        bucket = waiting.get((diag.code, diag.unit, diag.message))
        if bucket:
            bucket.pop(0)
            delta.unchanged.append(diag)
        else:
            delta.new.append(diag)
    delta.resolved = [d for diags in waiting.values() for d in diags]
    return delta


def finding_changes(delta: FindingDelta) -> list[Change]:
    """One change per new and per resolved finding; ids from the rule code and unit."""
    out: list[Change] = []
    seen: dict[str, int] = defaultdict(int)
    for kind, diags, verb in (
        ("finding-new", delta.new, "new"),
        ("finding-resolved", delta.resolved, "resolved"),
    ):
        for diag in diags:
            base = f"{kind}:{diag.code}:{diag.unit or '-'}"
            seen[base] += 1
            ident = base if seen[base] == 1 else f"{base}:{seen[base]}"
            out.append(
                Change(
                    kind,
                    ident,
                    f"{verb} {diag.severity.value}: {diag.code} {diag.name}: {diag.message}",
                    unit=diag.unit,
                    before=None if kind == "finding-new" else diag.message,
                    after=diag.message if kind == "finding-new" else None,
                    severity=diag.severity.value,
                )
            )
    return out
