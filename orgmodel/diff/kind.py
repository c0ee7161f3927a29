"""What a change kind is (``Kind``): the type of the table of kinds in ``orgmodel.diff.kinds``."""

from __future__ import annotations

from typing import NamedTuple

from orgmodel.i18n import _, ngettext


class Kind(NamedTuple):
    """What a change kind is: its output group, its meaning, and how a summary counts it.

    Written as plain strings in KINDS; ``make messages`` takes the meaning and the (one, many) pair
    of every ``Kind(...)`` there into the catalogue (tools/messages.py), and they are shown
    translated: :meth:`described` and :meth:`phrase`.
    """

    group: str
    meaning: str
    one: str  # "unit added"
    many: str  # "units added"

    def phrase(self, count: int) -> str:
        """'1 unit added', '3 units added' (in the current language)."""
        words = ngettext(self.one, self.many, count)
        return f"{count} {words}"

    def described(self) -> str:
        """What the kind means, in the current language."""
        return _(self.meaning)
