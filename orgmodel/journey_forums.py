"""The forums (møteplasser) a persona's units meet in: part of a journey (the Nordre Follo workbook)."""

from __future__ import annotations

from dataclasses import dataclass

from orgmodel.i18n import _
from orgmodel.schema import OrgModel
from orgmodel.schema_sections import AS_NEEDED, Frequency


@dataclass(frozen=True)
class ForumRef:
    """A forum (møteplass) where units the persona meets, or positions in them, meet (Nordre Follo)."""

    id: str
    name: str
    kind: str | None
    times: int | None
    per: str | None  # or 'as-needed' (no times): a forum with no fixed meetings
    units: tuple[str, ...]  # the persona's units that meet there (a position counts for its unit)

    @property
    def frequency(self) -> str | None:
        """How often the forum meets, in words ('weekly', '2 times a month'); None when not stated."""
        if self.per == AS_NEEDED:
            return _("as needed")
        return frequency_text(self.times, self.per) if self.times and self.per else None


def frequency_text(times: int, per: str) -> str:
    """A frequency in words: 'daily', '2 times a month', '10 times a year'."""
    if times == 1:
        return {"day": _("daily"), "week": _("weekly"), "month": _("monthly"), "year": _("yearly")}[per]
    words = {"day": _("{n} times a day"), "week": _("{n} times a week"), "month": _("{n} times a month")}
    return words.get(per, _("{n} times a year")).format(n=times)


def how_often(frequency: Frequency | str | None) -> str | None:
    """A forum's or collaboration's frequency in words ('weekly', 'as needed'); None when not stated."""
    if isinstance(frequency, Frequency):
        return frequency_text(frequency.times, frequency.per)
    return _("as needed") if frequency == AS_NEEDED else None


def forums_of(model: OrgModel, units: tuple[str, ...]) -> tuple[ForumRef, ...]:
    """The forums whose chair or members are among ``units`` or positions in them, in file order."""
    seat = {uid: uid for uid in units}
    seat.update({p.id: p.unit for p in model.positions if p.unit in seat})
    out: list[ForumRef] = []
    for forum in model.forums:
        people = [forum.chair, *forum.members] if forum.chair else list(forum.members)
        met = tuple(dict.fromkeys(seat[i] for i in people if i in seat))
        if met:
            freq = forum.frequency
            times, per = (freq.times, freq.per) if isinstance(freq, Frequency) else (None, freq)
            out.append(ForumRef(forum.id, forum.name, forum.kind, times, per, met))
    return tuple(out)
