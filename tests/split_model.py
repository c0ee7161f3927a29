"""Test helper: split a one-file model into a main file and one part per direktørområde.

The split copies lines verbatim (comments, suppressions, flow style), so a
finding in the split model quotes the same source line as in the one file.
A unit goes to the part of the level-1 unit (``dir-*``) it reports to; the
top team and units under no direktør before the first direktørområde stay
in the main file; a unit under no direktør written amid an area's units (an
IKS outside the tree) goes with that area's part. The merged
model keeps the one file's order of units: where a direktørområde's units
come back later in the file, that later run is a part of its own
(``dir-omsorg-2.yaml``).
"""

from __future__ import annotations

from pathlib import Path

from orgmodel.loader import NodeView, load_bytes


def _section(root: NodeView, name: str) -> NodeView:
    for key, value in root.items():
        if key.is_scalar and key.text == name and value.is_sequence:
            return value
    raise KeyError(name)


def _area(unit: str, parents: dict[str, str | None]) -> str | None:
    """The direktørområde a unit belongs to (None for the top team itself and units under none)."""
    chain: str | None = unit
    seen: set[str] = set()
    while chain is not None and chain not in seen:
        seen.add(chain)
        parent = parents.get(chain)
        if parent is not None and parent.startswith("dir-"):
            return parent
        chain = parent
    return None


def split_model(source: Path, folder: Path, main_name: str = "kommune.yaml") -> tuple[Path, list[Path]]:
    """Write ``source`` split into ``folder``: the main file and its parts (in the order listed)."""
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    doc = load_bytes(str(source), text.encode("utf-8"))
    assert doc.ok and doc.source.root is not None and doc.source.root.is_mapping
    items = _section(doc.source.root, "units").children()
    units = doc.data["units"]
    parents = {u["id"]: u.get("parent") for u in units}
    starts = [item.span.line - 1 for item in items]
    firsts = []
    for index, start in enumerate(starts):
        floor = starts[index - 1] if index else 0
        while start - 1 > floor and lines[start - 1].lstrip().startswith("#"):
            start -= 1  # the comments just above an entry (a suppression among them) go with it
        firsts.append(start)
    ends = [*firsts[1:], _end(items[-1])]
    owner: dict[int, str] = {}  # line index -> the part it moves to
    runs: dict[str, int] = {}
    last: str | None = None
    for index, unit in enumerate(units):
        area = _area(unit["id"], parents)
        if area is None and last is not None:
            area = last  # a unit under no direktør amid an area's units (an IKS) stays where it is written
        if area is not None and area != last:
            runs[area] = runs.get(area, 0) + 1
        last = area
        if area is not None:
            name = area if runs[area] == 1 else f"{area}-{runs[area]}"
            owner.update((line, name) for line in range(firsts[index], ends[index]))
    areas = list(dict.fromkeys(owner[line] for line in sorted(owner)))
    folder.mkdir(parents=True, exist_ok=True)
    main_lines = [line for number, line in enumerate(lines) if number not in owner]
    names = [f"{area}.yaml" for area in areas]
    main = folder / main_name
    main.write_text("".join(main_lines) + f"parts: [{', '.join(names)}]\n", encoding="utf-8")
    parts = []
    for area, name in zip(areas, names, strict=True):
        body = [line for number, line in enumerate(lines) if owner.get(number) == area]
        part = folder / name
        part.write_text(f"orgmodel-part: 1\npart_of: {main_name}\nunits:\n" + "".join(body), encoding="utf-8")
        parts.append(part)
    return main, parts


def _end(item: NodeView) -> int:
    """The line index after the last unit (the next top-level key's comments stay in the main file)."""
    end = item.span
    return end.end_line - 1 + (0 if end.end_col == 1 else 1)
