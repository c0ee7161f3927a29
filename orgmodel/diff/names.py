"""Unit names as the matching compares them: their words, without remarks in brackets.

The shipped models carry remarks such as "Grunnskole 05 (navn ikke angitt i rapporten)"; a
proposal that splits the school into "Grunnskole 05 A (barnetrinn)" and "Grunnskole 05 B
(ungdomstrinn)" keeps the name and changes the remark. So names are compared without their
remarks, and a one-letter or one-digit word ("A", "B", "1") is kept: it is what tells the
parts of "Grunnskole 05" apart.
"""

from __future__ import annotations

import difflib
import re

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "è": "e", "ä": "a", "ö": "o", "ü": "u"})
_STOP = frozenset({"og", "i", "for", "av", "til", "med", "pa", "the", "of", "and", "ikke", "angitt", "navn"})
_REMARK = re.compile(r"\([^()]*\)")
COMMON = 50  # a token carried by more added units than this is no evidence of identity
SIMILAR = 0.7


def without_remarks(text: str) -> str:
    """A name without its remarks in brackets ('Grunnskole 05 (navn ikke angitt)' -> 'Grunnskole 05').

    A name that is nothing but a remark keeps it.
    """
    bare = _REMARK.sub(" ", text)
    return bare if re.search(r"\w", bare) else text


def tokens(text: str) -> frozenset[str]:
    """The normalised words of a name (lower case, æøå folded, small words and remarks dropped)."""
    words = re.findall(r"[a-z0-9]+", without_remarks(text).lower().translate(_FOLD))
    return frozenset(w for w in words if w not in _STOP)


def normal(text: str) -> str:
    """A name folded for comparison (its remarks kept: two units may differ only by them)."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().translate(_FOLD)))


def mark(token: str) -> bool:
    """Whether a word only tells units apart: a number or a single letter ('05', 'A', '2')."""
    return token.isdigit() or len(token) == 1


def numbers_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two names carry marks that tell them apart.

    "05" and "06", "05 A" and "05 B" differ; "05" and "05 A" do not (a part of 05).
    """
    da, db = {t for t in a if mark(t)}, {t for t in b if mark(t)}
    return bool(da and db and not (da <= db or db <= da))


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1.

    1.0 when one name's words are all in the other ("Kultur" and "Kultur og
    frivillighet"), else difflib's ratio on the folded names without remarks; 0.0
    when the marks differ ("Grunnskole 05" is not "Grunnskole 06", "område 1" not
    "område 2", "05 A" not "05 B").
    """
    ta, tb = tokens(a), tokens(b)
    if numbers_differ(ta, tb):
        return 0.0
    wa, wb = {t for t in ta if not mark(t)}, {t for t in tb if not mark(t)}
    if wa and wb and (wa <= wb or wb <= wa):
        return 1.0
    return difflib.SequenceMatcher(
        None, normal(without_remarks(a)), normal(without_remarks(b)), autojunk=False
    ).ratio()
