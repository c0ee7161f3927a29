"""Inline suppressions: ``# orgmodel: ignore[RULE, ...] reason``.

Where a suppression applies:

- on a line of its own, it covers the next line that is not a comment; a
  trailing comment covers its own line;
- when that line starts an entry of a top-level list (a unit's ``- id:``
  line, or the ``- {id: ...}`` of a flow-style unit), it covers the whole
  entry: a block-style unit's finding may sit on its ``level:`` or ``staff:``
  line;
- ``# orgmodel: ignore-file[RULE] reason`` among the file's leading comments
  covers the whole file.

A comment is what YAML calls one: a ``#`` outside every token of the YAML
token stream. A ``#`` inside a quoted or block scalar (``name: "A # orgmodel:
ignore[x] y"``) is text and never suppresses anything.

A suppression must give a reason, and one that suppresses nothing is
reported, so stale exceptions do not pile up. A suppression of a rule the
run does not select (``--ignore``, ``severity: off``) is neither applied nor
reported: it may be needed again when the rule runs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace

import yaml

from orgmodel.checks import CHECKS_BY_KEY
from orgmodel.codes import SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.lines import lines_of, lines_with_ends
from orgmodel.loader import HAVE_LIBYAML, Document, NodeView, iter_lines_with_comments
from orgmodel.rule import find_rule, load_rules
from orgmodel.rule_names import is_plugin_code
from orgmodel.validate import suggest

_CANDIDATE = re.compile(r"#\s*orgmodel:")
_PATTERN = re.compile(r"#\s*orgmodel:\s*(?P<verb>[\w-]+)(?:\[(?P<rules>[^\]]*)\])?(?P<reason>.*)$")

WITHOUT_REASON = SUPPRESSION_WITHOUT_REASON
UNUSED = UNUSED_SUPPRESSION


@dataclass
class Suppression:
    """One ``orgmodel: ignore[...]`` comment and the lines it covers (``last`` 0: the whole file)."""

    line: int
    col: int
    first: int
    last: int
    rules: list[str]
    reason: str
    used: set[str] = field(default_factory=set)
    path: str = ""
    """The file the comment is in (a model split across files has several)."""
    unit: str | None = None
    """The unit whose entry the comment sits on or above (None: another entry, or the whole file)."""
    worst: Severity | None = None
    """The most serious finding it silenced: a suppression without a reason is as serious (OM090)."""

    @property
    def whole_file(self) -> bool:
        """Whether this is an ``ignore-file`` suppression."""
        return self.last == 0

    def covers(self, diag: Diagnostic) -> bool:
        """Whether this suppression silences ``diag`` (and note that it was used)."""
        rule = self.naming(diag)
        if rule is not None:
            self.used.add(rule)
        return rule is not None

    def naming(self, diag: Diagnostic) -> str | None:
        """The rule, as this suppression writes it, that silences ``diag`` at its line (None: none)."""
        if not self.whole_file and not self.first <= diag.line <= self.last:
            return None
        return next((r for r in self.rules if r.upper() == diag.code or r.lower() == diag.name), None)

    def where(self) -> str:
        """The lines it covers, in words."""
        if self.whole_file:
            return _("in this file")
        if self.first == self.last:
            lines = _("on line {line}").format(line=self.first)
        else:
            lines = _("on lines {first}-{last}").format(first=self.first, last=self.last)
        return _("{lines} (unit {unit})").format(lines=lines, unit=self.unit) if self.unit else lines


def find_suppressions(doc: Document) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppressions in a document, and diagnostics for malformed ones."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    if _CANDIDATE.search(doc.text) is None:  # no '# orgmodel:' anywhere (a model starts 'orgmodel: 1')
        return found, problems
    candidates = [(n, t) for n, t in iter_lines_with_comments(doc.text) if _CANDIDATE.search(t)]
    if not candidates:
        return found, problems
    hashes = [(n - 1, col) for n, text in candidates for col, ch in enumerate(text) if ch == "#"]
    comments = _comment_starts(doc, hashes)
    lines = lines_of(doc.text)
    leading = _first_content_line(lines)
    entries: tuple[dict[int, int], list[tuple[int, int, str]]] | None = None
    for number, text in candidates:
        start = next((col for col, ch in enumerate(text) if ch == "#" and (number - 1, col) in comments), -1)
        match = _PATTERN.search(text, start) if start >= 0 else None
        if match is None:
            continue
        col = match.start() + 1
        verb, rules = match.group("verb"), match.group("rules")
        if verb not in ("ignore", "ignore-file") or rules is None:
            message = _("not a suppression: write '# orgmodel: ignore[RULE] reason'")
            problems.append(_meta(doc, number, col, UNUSED, message))
            continue
        names = [r.strip() for r in rules.split(",") if r.strip()]
        reason = match.group("reason").strip()
        if verb == "ignore-file":
            if number > leading:
                message = _(
                    "'ignore-file' works only among the comments at the top of the file, before any key"
                )
                problems.append(_meta(doc, number, col, UNUSED, message))
                continue
            found.append(Suppression(number, col, 1, 0, names, reason, path=doc.path))
            continue
        own_line = not text[:start].strip()  # nothing but the comment on this line
        target = _next_content_line(lines, number) if own_line else number
        if entries is None:
            entries = _entry_blocks(doc)
        blocks, units = entries
        last, unit = blocks.get(target, target), _unit_at(units, target)
        found.append(Suppression(number, col, target, last, names, reason, path=doc.path, unit=unit))
    return found, problems


def _comment_starts(doc: Document, hashes: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which of the (0-based line, column) positions of '#' lie outside every YAML token.

    Only the region of the file around each position is scanned: a top-level
    key with its value, or one entry of a top-level block list (a unit), cut
    at line starts where the composed tree says a node starts, so a comment
    near the end of a 100,000-unit file does not cost a scan of all of it.
    Should a region not scan on its own, the whole text is scanned.
    """
    starts = _region_starts(doc.source.root)
    groups: dict[int, list[tuple[int, int]]] = {}
    for position in hashes:
        groups.setdefault(bisect.bisect_right(starts, position[0]) - 1, []).append(position)
    lines = lines_with_ends(doc.text)
    outside: set[tuple[int, int]] = set()
    for region, positions in groups.items():
        first = starts[region]
        last = starts[region + 1] if region + 1 < len(starts) else len(lines)
        found = _scan_outside("".join(lines[first:last]), [(line - first, col) for line, col in positions])
        if found is None:
            return _scan_outside(doc.text, hashes) or set()
        outside.update((line + first, col) for line, col in found)
    return outside


def _region_starts(root: NodeView | None) -> list[int]:
    """Sorted 0-based lines where a region starts: a top-level key, an entry of a top-level block list."""
    starts = {0}
    if root is not None and root.is_mapping:
        for key, value in root.items():
            starts.add(key.span.line - 1)
            if value.is_sequence and not value.flow:
                previous = key.span.line - 1
                for item in value.children():
                    line = item.span.line - 1
                    if line > previous:  # an alias points back: not a place to cut
                        previous = line
                        starts.add(previous)
    return sorted(starts)


def _scan_outside(text: str, hashes: list[tuple[int, int]]) -> set[tuple[int, int]] | None:
    """The positions outside every token of ``text``; None when ``text`` does not scan."""
    pending = sorted(hashes)
    outside: set[tuple[int, int]] = set()
    reach = (-1, -1)
    index = 0
    loader = (yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader)(text)
    try:
        while index < len(pending):
            token = loader.get_token()
            if token is None:
                break
            begin, end = token.start_mark, token.end_mark
            start = (begin.line, begin.column)
            while index < len(pending) and pending[index] < start:
                if reach <= pending[index]:
                    outside.add(pending[index])
                index += 1
            reach = max(reach, (end.line, end.column))
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    outside.update(p for p in pending[index:] if reach <= p)
    return outside


def _first_content_line(lines: list[str]) -> int:
    """The 1-based number of the first line that is not blank, a comment, a directive or ``---``."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "%")) and stripped != "---":
            return index + 1
    return len(lines) + 1


def _next_content_line(lines: list[str], number: int) -> int:
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return number + 1


def _entry_blocks(doc: Document) -> tuple[dict[int, int], list[tuple[int, int, str]]]:
    """Where the entries of the top-level lists are, and which unit each of the units' entries is.

    First line -> last line of each entry of a top-level list (units, services, sites, ...), and
    the (first, last, id) of each unit's entry, in line order.
    """
    blocks: dict[int, int] = {}
    units: list[tuple[int, int, str]] = []
    root = doc.source.root
    if root is None or not root.is_mapping:
        return blocks, units
    for key, value in root.items():
        if not value.is_sequence:
            continue
        items = [item for item in value.children() if item.is_mapping]
        if not items:  # a list of names ('parts: [omsorg.yaml]')
            continue
        for item, after in zip(items, [*items[1:], None], strict=True):
            first = item.span.line
            following = after.span.line if after is not None else first
            last = following - 1 if following > first else _last_line(item)
            blocks.setdefault(first, max(first, last))
            uid = next((v.text for k, v in item.items() if k.text == "id" and v.is_scalar), None)
            if key.text == "units" and uid:
                units.append((first, max(first, last), uid))
    return blocks, sorted(units)


def _unit_at(units: list[tuple[int, int, str]], line: int) -> str | None:
    """The id of the unit whose entry holds ``line`` (None: no unit's)."""
    at = bisect.bisect_right(units, (line, float("inf"), "")) - 1
    return units[at][2] if at >= 0 and units[at][0] <= line <= units[at][1] else None


def _last_line(node: NodeView) -> int:
    """The 1-based last line that holds part of ``node``."""
    while not node.flow and not node.is_scalar:
        children = node.children()
        if not children:
            break
        node = children[-1]
    at = node.span
    if at.end_col == 1 and at.end_line > at.line:
        return at.end_line - 1  # a block scalar ends at the start of the next line
    return at.end_line


def apply_suppressions(
    doc: Document,
    findings: list[Diagnostic],
    suppressions: list[Suppression],
    active: Collection[str] | None = None,
    custom: Collection[tuple[str, str]] = (),
) -> tuple[list[Diagnostic], list[Diagnostic], int, int]:
    """Drop suppressed findings; return (kept, problems with suppressions, suppressed, unexplained).

    ``unexplained`` counts the findings silenced by a suppression without a reason.
    ``active`` holds the codes of the rules that ran; a suppression of any
    other rule is neither applied nor reported as unused (None: all rules ran).
    ``custom`` holds the (code, name) of the ruleset's custom rules, which
    are rules too though no registry knows them.
    """
    kept: list[Diagnostic] = []
    silenced = unexplained = 0
    for diag in findings:
        # a finding in another file (the ruleset) is not covered by this file's comments; every
        # suppression that covers it is used (a unit's own beside a draft's ignore-file, say)
        covering = [s for s in suppressions if s.covers(diag)] if diag.path == doc.path else []
        if covering:
            silenced += 1
            unexplained += not any(s.reason for s in covering)
            for sup in covering:
                if sup.worst is None or diag.severity.rank > sup.worst.rank:
                    sup.worst = diag.severity
        else:
            kept.append(diag)
    problems = [p for sup in suppressions for p in _problems(doc, sup, active, custom)]
    return kept, problems, silenced, unexplained


def _code_of(rule: str, custom: Collection[tuple[str, str]]) -> str | None:
    """The code of the rule a suppression names (a registered or a custom rule), or None."""
    cls = find_rule(rule)
    if cls is not None:
        return cls.code
    key = rule.strip()
    return next((code for code, name in custom if key.upper() == code or key.lower() == name), None)


def _problems(
    doc: Document, sup: Suppression, active: Collection[str] | None, custom: Collection[tuple[str, str]]
) -> Iterator[Diagnostic]:
    at = (doc, sup.line, sup.col)
    if not sup.rules:
        yield _meta(*at, UNUSED, _("the suppression names no rule: ignore[RULE]"), sup.unit)
        return
    if not sup.reason:
        why = _(
            "the suppression of {rules} gives no reason; say why the exception is "
            "justified, e.g. with the report page that decided it"
        ).format(rules=", ".join(sup.rules))
        # as serious as what it hides: under '--fail-on error' a reasonless exception to an error fails
        worst = sup.worst if sup.worst is not None and sup.worst.rank > Severity.WARNING.rank else None
        yield replace(_meta(*at, WITHOUT_REASON, why, sup.unit), severity=worst or Severity.WARNING)
    for rule in sup.rules:
        if rule in sup.used:
            continue
        code = _code_of(rule, custom)
        if code is None:
            yield _meta(*at, UNUSED, _not_a_rule(rule, custom), sup.unit)
        elif active is None or code in active:
            message = _("the suppression of {rule} suppresses nothing {where}: remove it").format(
                rule=rule, where=sup.where()
            )
            yield _meta(*at, UNUSED, message, sup.unit)


def _not_a_rule(rule: str, custom: Collection[tuple[str, str]]) -> str:
    """Why a suppression's ``rule`` suppresses nothing when no rule has that code or name."""
    if rule.upper() in CHECKS_BY_KEY or rule.lower() in CHECKS_BY_KEY:
        return _("'{rule}' is a check built into loading, which a suppression cannot silence").format(
            rule=rule
        )
    names = [c.name for c in load_rules().values()] + [name for _code, name in custom]
    guess = suggest(rule.lower(), names)
    if guess:
        message = _("the suppression names '{rule}', which is not a rule; did you mean '{guess}'?")
    elif is_plugin_code(rule):
        message = _(
            "the suppression names '{rule}', which is not a rule: no rule plugin installed here "
            "provides that code"
        )
    else:
        message = _("the suppression names '{rule}', which is not a rule")
    return message.format(rule=rule, guess=guess)


def _meta(
    doc: Document, line: int, col: int, which: tuple[str, str], message: str, unit: str | None = None
) -> Diagnostic:
    return Diagnostic(
        path=doc.path,
        line=line,
        col=col,
        end_line=line,
        end_col=col,
        code=which[0],
        name=which[1],
        severity=Severity.WARNING,
        message=message,
        unit=unit,
    )


def suppress_model(
    doc: Document, findings: list[Diagnostic], active: set[str], custom: Collection[tuple[str, str]] = ()
) -> tuple[list[Diagnostic], list[Diagnostic], list[Suppression], int, int]:
    """The inline suppressions of the model's file and each of its parts, applied to the findings.

    Returns the findings kept, the problems with suppressions, the
    suppressions, and how many findings were silenced (without a reason).
    """
    kept, meta, every = findings, [], []
    silenced = unexplained = 0
    for document in (doc, *doc.parts):
        suppressions, problems = find_suppressions(document)
        kept, problems2, count, without = apply_suppressions(document, kept, suppressions, active, custom)
        meta += problems + problems2
        every += suppressions
        silenced += count
        unexplained += without
    return kept, meta, every, silenced, unexplained
