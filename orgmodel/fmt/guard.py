"""What formatting must never change, compared before a file is written.

A formatter that silently changes an adopted design is the worst bug this
project can have, so ``fmt`` reads its own output back with the checker's
loader and compares it with the original: the data (types included: ``"3005"``
stays text, ``no`` stays text), every comment's text, and what every
suppression covers (the data paths on the lines it covers, so a suppression
that drifts to another key or unit is caught). Any difference refuses the file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from orgmodel.fmt.comments import comment_texts, comments_by_line
from orgmodel.i18n import _
from orgmodel.loader import HAVE_LIBYAML, Document, SourceMap
from orgmodel.suppress import find_suppressions

Path = tuple[Any, ...]


def difference(before: Document, after: Document) -> str | None:
    """What formatting changed besides layout and key order, in words; None when nothing."""
    if not after.ok:
        return _("the formatted text does not load")
    if not same_data(before.data, after.data):
        return _("the data would change")
    if anchors(before.text) != anchors(after.text):
        return _("an anchor would be lost")
    if comments(before) != comments(after):
        return _lost_comment(before, after)
    if suppression_targets(before) != suppression_targets(after):
        return _("a suppression comment would cover other lines")
    return None


def same_data(left: Any, right: Any) -> bool:
    """Equal data with equal types all the way down (``1 == True`` in Python; not here)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_data(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same_data(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, float) and left != left:  # NaN
        return bool(right != right)
    return bool(left == right)


def anchors(text: str) -> Counter[str]:
    """The anchors (``&name``) and aliases (``*name``) of the file, counted."""
    import yaml

    loader = yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader
    found: Counter[str] = Counter()
    for event in yaml.parse(text, Loader=loader):
        name = getattr(event, "anchor", None)
        if name is not None:
            found[("*" if isinstance(event, yaml.AliasEvent) else "&") + name] += 1
    return found


def _lost_comment(before: Document, after: Document) -> str:
    """Which comment formatting would lose or change: the first of the original's, by its line."""
    missing = comments(before) - comments(after)
    for line, key in comments_by_line(before.text):
        if key in missing:
            return _("the comment on line {line} would be lost or changed ({comment})").format(
                line=line + 1, comment=key[0].strip()[:60]
            )
    return _("a comment would be lost or changed")


def comments(doc: Document) -> Counter[tuple[str, bool]]:
    """The text of every comment in the file, and whether it has its line to itself, counted."""
    return comment_texts(doc.text)


def suppression_targets(doc: Document) -> Counter[tuple[Any, ...]]:
    """Each suppression as (rules, reason, the data paths on the lines it covers)."""
    found, problems = find_suppressions(doc)
    index = paths_by_line(doc.source)
    targets: Counter[tuple[Any, ...]] = Counter()
    for s in found:
        covered: frozenset[Path] = frozenset()
        if not s.whole_file:
            covered = frozenset(p for line in range(s.first, s.last + 1) for p in index.get(line, ()))
        targets[(tuple(s.rules), s.reason, s.whole_file, covered)] += 1
    targets.update((d.code, d.message.split(":")[0]) for d in problems)
    return targets


def paths_by_line(source: SourceMap) -> dict[int, set[Path]]:
    """The data paths of the keys and values that start on each 1-based line."""
    index: dict[int, set[Path]] = {}
    for line, path in source.starts():
        index.setdefault(line, set()).add(path)
    return index
