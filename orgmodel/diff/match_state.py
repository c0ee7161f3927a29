"""How OLD's unit ids correspond to NEW's: the state the matching builds (``diff.matching``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Matching:
    """How OLD's unit ids correspond to NEW's."""

    old_to_new: dict[str, str] = field(default_factory=dict)
    new_to_old: dict[str, str] = field(default_factory=dict)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    # a new unit that carries on a removed unit's work (diff.successors): OLD id -> NEW id
    successors: dict[str, str] = field(default_factory=dict)
    merges: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    splits: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # a split part or merge target that kept the old id keeps its leader and people
    split_kept: dict[str, str] = field(default_factory=dict)  # OLD id -> that part
    merge_kept: dict[str, str] = field(default_factory=dict)  # NEW id -> that source
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    # per collection (kommunedeler, sites, services, personas): OLD id -> NEW id (diff.renames)
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    _equiv: dict[str, frozenset[str]] = field(default_factory=dict)
    _known: frozenset[str] = frozenset()

    def pair(self, old: str, new: str) -> None:
        """Record that ``old`` and ``new`` are the same unit."""
        self.old_to_new[old] = new
        self.new_to_old[new] = old

    def equivalents(self, old: str | None) -> frozenset[str]:
        """The NEW ids an OLD id stands for (one when matched, several after a split)."""
        if old is None:
            return frozenset()
        if old in self.old_to_new:
            return frozenset((self.old_to_new[old],))
        if old not in self._known:
            return frozenset((old,))  # a reference to no unit stands for itself
        return self._equiv.get(old, frozenset())

    def mapped(self, old: str) -> str:
        """The NEW id of an OLD id when it has exactly one, else the OLD id itself."""
        found = self.equivalents(old)
        return next(iter(found)) if len(found) == 1 else old

    def regroupings(self) -> dict[str, tuple[str, ...]]:
        """OLD id -> the NEW ids it became, for each unit merged into another (one) or split (several)."""
        out: dict[str, tuple[str, ...]] = {s: (target,) for sources, target in self.merges for s in sources}
        out.update((source, parts) for source, parts in self.splits)
        return out

    def regrouped(self, old: str) -> bool:
        """Whether an OLD unit is already part of a merge or split."""
        return old in self._equiv

    def split(self, source: str, parts: tuple[str, ...], kept: str | None = None) -> None:
        """Record that ``source`` split into ``parts``; ``kept`` is the part that kept its pairing."""
        if kept is not None:
            self.dissolve(source, kept)
            if kept == source:
                self.split_kept[source] = kept  # that part keeps the old unit's leader and people
        self.splits.append((source, parts))
        self._equiv[source] = frozenset(parts)

    def merge(self, sources: tuple[str, ...], target: str, kept: str | None = None) -> None:
        """Record that ``sources`` merged into ``target``; ``kept`` is the source that was paired with it."""
        if kept is not None:
            self.dissolve(kept, target)
            if kept == target:
                self.merge_kept[target] = kept  # that source's leader and people stay
        self.merges.append((sources, target))
        for source in sources:
            self._equiv[source] = frozenset((target,))

    def dissolve(self, old: str, new: str) -> None:
        """Forget the pairing of ``old`` and ``new`` (it becomes part of a split or merge)."""
        self.old_to_new.pop(old, None)
        self.new_to_old.pop(new, None)
        if (old, new) in self.renamed:
            self.renamed.remove((old, new))
        if self.successors.get(old) == new:
            del self.successors[old]
