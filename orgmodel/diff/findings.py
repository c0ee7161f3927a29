"""The rule delta: the same ruleset on both sides, findings matched by their fingerprint.

A finding's fingerprint (``Diagnostic.fingerprint``) is its rule code, the
unit it is about and what is breached (``key``), never its message, numbers
or line. Two findings with the same fingerprint are the same problem: when
the message or severity differs (staff 62 -> 63 in "a span of control of
63"), the finding is *changed*, not new and resolved.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.diff.carried import carry
from orgmodel.diff.kinds import Change
from orgmodel.diff.result import Carried, FindingDelta
from orgmodel.hints import and_list
from orgmodel.i18n import N_, _


def finding_delta(
    old: Iterable[Diagnostic],
    new: Iterable[Diagnostic],
    mapped: Callable[[str], str] = str,
    regrouped: Mapping[str, tuple[str, ...]] | None = None,
) -> FindingDelta:
    """Which findings are new in NEW, resolved since OLD, changed, carried, and unchanged.

    A finding's unit id (and a key naming a unit) in OLD is translated to its
    NEW id first, so a unit that was only renamed keeps its findings. The
    findings of merged or split units (``regrouped``: OLD id -> the NEW ids it
    became) that the unit(s) they became still have are carried (``diff.carried``),
    or unchanged when the numbers are the same. Within
    one fingerprint, findings with the same message and severity pair first,
    then those whose messages differ only by names and ids (``same_breach``):
    both are unchanged.
    """
    delta = FindingDelta()
    groups, old, new = carry(list(old), list(new), mapped, regrouped or {})
    for before, after, merged in groups:
        if all(same_breach(was, after) for was in before):
            delta.unchanged.append(after)  # the merger (split) itself is the change
        else:
            delta.carried.append(Carried(tuple(before), after, merged))
    waiting: dict[str, list[Diagnostic]] = defaultdict(list)
    for diag in old:
        waiting[translated(diag, mapped).fingerprint].append(diag)
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
        same = next((d for d in bucket if same_breach(d, diag)), None)
        if same is not None:  # only a name or an id in it changed: a rename, reported on its own
            bucket.remove(same)
            delta.unchanged.append(diag)
        elif bucket:
            delta.changed.append((bucket.pop(0), diag))
        else:
            delta.new.append(diag)
    delta.resolved = [d for diags in waiting.values() for d in diags]
    return delta


def translated(diag: Diagnostic, mapped: Callable[[str], str]) -> Diagnostic:
    """``diag`` with its unit (and a key naming a unit) translated to NEW's ids."""
    if diag.unit is None:
        return diag
    return replace(diag, unit=mapped(diag.unit), key=mapped(diag.key) if diag.key else None)


# a finding's severity inside a sentence of the diff ("new error: ..."), in the run's language; the
# severity a machine reads (Change.severity, JSON) stays the English value
_SEVERITY_WORDS = {
    # Translators: a finding's severity inside a sentence: "new error: OM120 ..."
    "error": N_("error"),
    # Translators: a finding's severity inside a sentence: "new warning: OM120 ..."
    "warning": N_("warning"),
    # Translators: a finding's severity inside a sentence: "new info: OM230 ..."
    "info": N_("info"),
}


def _said(severity: Severity) -> str:
    """A severity as the diff's sentences say it."""
    return _(_SEVERITY_WORDS[severity.value])


def _changed_change(
    was: Diagnostic,
    now: Diagnostic,
    ident: str,
    what: str | None = None,
    before: dict[str, object] | None = None,
) -> Change:
    """A finding kept with another message or severity: both, and what changed in words.

    ``what`` and ``before`` default to a kept finding's; a carried one (a merger's or split's) gives its own.
    """
    severity = _said(now.severity)
    if was.severity is not now.severity:
        severity = f"{_said(was.severity)} -> {_said(now.severity)}"
    return Change(
        "finding-changed",
        ident,
        _("changed {severity}: {code} {name}: {message}{what}").format(
            severity=severity,
            code=now.code,
            name=now.name,
            message=now.message,
            what=_what_changed(was, now) if what is None else what,
        ),
        unit=now.unit,
        before=before or {"message": was.message, "severity": was.severity.value},
        after={"message": now.message, "severity": now.severity.value},
        severity=now.severity.value,
    )


def finding_changes(delta: FindingDelta, named: Callable[[str], str] = "'{}'".format) -> list[Change]:
    """One change per new, resolved, changed and carried finding; ids from the rule code, unit and key.

    ``named`` names an OLD unit as a reader knows it ("'Konnerud' (virk-oms-konnerud)"): a
    carried finding says which units it held in before they merged or split.
    """
    out: list[Change] = []
    seen: dict[str, int] = defaultdict(int)

    def ident(kind: str, diag: Diagnostic) -> str:
        base = f"{kind}:{diag.code}:{diag.unit or '-'}" + (f":{diag.key}" if diag.key else "")
        seen[base] += 1
        return base if seen[base] == 1 else f"{base}:{seen[base]}"

    for kind, diags, verb in (
        ("finding-new", delta.new, N_("new {severity}: {code} {name}: {message}")),
        ("finding-resolved", delta.resolved, N_("resolved {severity}: {code} {name}: {message}")),
        (
            "finding-suppressed",
            delta.suppressed,
            N_("suppressed in this change ({severity} in OLD): {code} {name}: {message}"),
        ),
    ):
        for diag in diags:
            out.append(
                Change(
                    kind,
                    ident(kind, diag),
                    _(verb).format(
                        severity=_said(diag.severity), code=diag.code, name=diag.name, message=diag.message
                    ),
                    unit=diag.unit,
                    before=None if kind == "finding-new" else diag.message,
                    after=diag.message if kind == "finding-new" else None,
                    severity=diag.severity.value,
                )
            )
    out.extend(_changed_change(was, now, ident("finding-changed", now)) for was, now in delta.changed)
    for carried in delta.carried:
        out.append(_carried_change(carried, ident("finding-changed", carried.after), named))
    return out


def _carried_change(carried: Carried, ident: str, named: Callable[[str], str]) -> Change:
    """A finding of merged (split) units that the unit(s) they became still have: changed, not resolved.

    "changed error: OM120 ...: ... a span of 170 ... (it held in 'Konnerud' (k) and 'Strømsø' (s)
    before the merger: was 80 and 90)". Its ``before`` is the first OLD finding's message with the
    highest OLD severity (a gate compares it), and ``units``, the OLD units it held in.
    """
    now, before = carried.after, carried.before
    strongest = max(before, key=lambda d: d.severity.rank)
    units = and_list([named(unit or "") for unit in dict.fromkeys(d.unit for d in before)])
    values = and_list(
        [", ".join(_numbers(d.message)) if same_breach(d, now) else _was_values(d, now) for d in before]
    )
    if carried.merged:
        what = _(" (it held in {units} before the merger: was {values})")
    else:
        what = _(" (it held in {units} before the split: was {values})")
    was = {
        "message": before[0].message,
        "severity": strongest.severity.value,
        "units": list(dict.fromkeys(d.unit for d in before)),
    }
    return _changed_change(strongest, now, ident, what.format(units=units, values=values), was)


# a value: a kommunedel with its number, name and id; a quoted name with its id; a bare id in a
# list of examples ('virk-oms-mjondalen', 'kd1'); a number
_VALUE = re.compile(
    r"kommunedel \d+ [^()']+? \([^()\s]+\)|'[^']*'(?: \([^()\s]+\))?"
    r"|\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b|\b[a-z]+\d[a-z0-9]*\b|\d+(?:[.,]\d+)*"
)


def same_breach(was: Diagnostic, now: Diagnostic) -> bool:
    """Whether two findings of one fingerprint say the same but for names and ids.

    A unit renamed (its name or its id) or another id among a message's examples
    ("9 units (virk-oms-mjondalen, virk-oms-krokstadelva and 7 more)") changes the
    message, not the breach: the same severity, words and numbers are unchanged.
    """
    if was.severity is not now.severity:
        return False
    if was.message == now.message:
        return True
    return _template(was.message) == _template(now.message) and _numbers(was.message) == _numbers(now.message)


def _numbers(message: str) -> list[str]:
    return [m.group() for m in _VALUE.finditer(message) if m.group()[:1].isdigit()]


def _what_changed(was: Diagnostic, now: Diagnostic) -> str:
    """' (was 63 (1 unit leaders + 62 staff))': the old values, read off the old message's template.

    Both messages are split into their template (the words) and their values
    (numbers and quoted names). When the templates agree, the values are
    aligned one to one: one changed number is shown alone (also when it is
    repeated), several as the part of the old message from the first to the
    last of them (a name change is a rename, reported as its own change;
    when nothing but names changed, the old names are shown).
    When the templates differ, the old message is shown whole: a reviewer
    never reads a fragment cut out of a sentence.
    """
    if was.message == now.message:
        return ""
    if _template(was.message) != _template(now.message):
        return " " + _("(was: {message})").format(message=was.message)
    return " " + _("(was {values})").format(values=_was_values(was, now))


def _was_values(was: Diagnostic, now: Diagnostic) -> str:
    """The old values of ``_what_changed``: '63', '10 units, 8 more', the old names; else the old message.

    The old message whole (quoted) when the templates differ; the old numbers when both say the same.
    """
    if _template(was.message) != _template(now.message):
        return f"'{was.message}'"
    before, after = list(_VALUE.finditer(was.message)), list(_VALUE.finditer(now.message))
    pairs = [(b.group(), a.group(), b) for b, a in zip(before, after, strict=True) if b.group() != a.group()]
    numbers = [(b, a, match) for b, a, match in pairs if b[:1].isdigit()]
    if not numbers and pairs:  # only a name changed (the rename is its own change): the old names
        return ", ".join(dict.fromkeys(b for b, _a, _c in pairs))
    if not numbers:
        return ", ".join(_numbers(was.message)) or was.message
    if len({(b, a) for b, a, _ in numbers}) == 1:
        return numbers[0][0]  # one number, perhaps repeated: '62 (0 + 62 staff)'
    changed = [match for *_, match in numbers]
    phrase = _phrase(was.message, changed[0].start(), changed[-1].end())
    if len(phrase) > _SHORT or "'" in phrase:  # too long to read as one value: each number, named
        phrase = ", ".join(_named(was.message, match) for match in changed)
    return phrase


_SHORT = 50
_GLUE = frozenset(("and", "or", "but", "for", "of", "to", "than", "in", "at", "with", "by"))


def _named(text: str, match: re.Match[str]) -> str:
    """'10 units': a number with the word after it, when that word names what is counted."""
    word = re.match(r" ([^\W\d]+)", text[match.end() :])
    if word and word.group(1) not in _GLUE:
        return f"{match.group()} {word.group(1)}"
    return match.group()


def _template(message: str) -> str:
    """The words of a message without its values; a plural ending does not count.

    '1 unit leader' and '2 unit leaders' have one template, and so have bokmål's '1 enhetsleder',
    '2 enhetsledere', '1 ansatt', '46 ansatte' (a counted word's ending, -e or -er; tour L: a bokmål
    diff showed the whole old message where the English one showed the changed number).
    """
    words = re.sub(r"(?<=# )\w+", lambda m: _stem(m.group()), _VALUE.sub("#", message))
    return re.sub(r"(\w)s\b", r"\1", words)


def _stem(word: str) -> str:
    """A counted word without a bokmål plural: enhetsledere, enhetsleder -> enhetsled; ansatte -> ansatt."""
    word = word.removesuffix("e")
    return word.removesuffix("er")


def _phrase(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to the end of the next word and to its closing brackets."""
    word = re.match(r"\s+[^\s(),;:]+", text[end:])
    if word and not text[end:].startswith((" (", " +")):
        end += word.end()
    depth = text[start:end].count("(") - text[start:end].count(")")
    while depth > 0 and end < len(text):
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        end += 1
    return text[start:end].rstrip(",;:")
