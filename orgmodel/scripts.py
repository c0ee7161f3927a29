"""Ids written in two alphabets: 'hjemme-nоrd' with a Cyrillic 'о' looks like 'hjemme-nord' and is not.

A pull request could add such a unit beside the real one, or point a ``parent:`` at it, and a
reviewer reading the YAML or the diff would see the same word twice. Norwegian, Sámi and Kven ids
are written in the Latin alphabet (æ, ø, å, á, č, đ, ŋ, š, ŧ and ž are Latin letters), so an id
whose letters come from more than one script is refused where it is defined.
"""

from __future__ import annotations

import unicodedata

# The Cyrillic and Greek letters drawn like a Latin one, and that Latin letter.
LOOKALIKES = dict(
    zip(
        "аеорсухіјѕԁӏАВЕКМНОРСТХІЈЅαοριυνΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdlABEKMHOPCTXIJSaopiuvABEZHIKMNOPTYX",
        strict=True,
    )
)


# The alphabets whose letters are drawn like Latin ones; a letter of any other script is no look-alike.
SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})


def script(char: str) -> str | None:
    """The script of a letter as Unicode names it ('LATIN', 'CYRILLIC', 'GREEK'), None for the rest."""
    if not char.isalpha():
        return None
    word = unicodedata.name(char, "").split(" ", 1)[0]
    return word if word in SCRIPTS else None


def mixed_script(text: str) -> tuple[str, str, int] | None:
    """(the first letter's script, another script, the 0-based index of its first letter), or None."""
    if text.isascii():
        return None
    first: str | None = None
    for index, char in enumerate(text):
        found = script(char)
        if found is None:
            continue
        if first is None:
            first = found
        elif found != first:
            return first, found, index
    return None


def latin_lookalike(text: str) -> str | None:
    """``text`` with each Cyrillic or Greek look-alike letter written in Latin, when that is all it mixes."""
    latin = "".join(LOOKALIKES.get(char, char) for char in text)
    return latin if latin != text and mixed_script(latin) is None else None
