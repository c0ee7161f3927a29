"""``orgmodel diff --format markdown``: a pull-request comment.

The first line is a hidden marker (``<!-- orgmodel-diff -->``), so a bot
finds its own comment and updates it in place. Then per file a summary table
(one row per group), a Mermaid diagram of the branches that changed, each
group's changes and the derived measures in collapsible ``<details>``
sections, which GitHub, GitLab and Gitea render.

A comment is at most ``max_chars`` characters (60,000 by default; GitHub
refuses more than 65,536). The comment is built from blocks that stay whole
(a table, a diagram, one change, a section's frame); past the limit the
summaries, then new errors, then the diagram (capped in size), then
structural changes, then the other changes and the measures are kept while they fit (a diagram or
table that does not fit leaves its room to what follows), and a note counts what was left out.
Nothing is ever cut inside a table or a section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orgmodel import escape
from orgmodel.diff.kinds import GROUPS, Change, group_title
from orgmodel.diff.result import DiffResult
from orgmodel.formatters import Formatter
from orgmodel.formatters.diff_common import (
    group_summary,
    metric_value,
    outside_note,
    problem_hint,
    sides,
    total_line,
)
from orgmodel.formatters.diff_mermaid import mermaid
from orgmodel.i18n import _, ngettext

if TYPE_CHECKING:
    from orgmodel.diff.run import DiffReport

MARKER = "<!-- orgmodel-diff -->"
MAX_CHARS = 60_000

# What stays when the comment is too long, most important first.
# The diagram is capped (diff_mermaid.MAX_NODES a side), so it costs a few thousand characters at most.
ESSENTIAL, NEW_ERROR, DIAGRAM, STRUCTURE, FINDING, OTHER, MEASURES = range(7)


def md(text: str) -> str:
    """Text safe anywhere in the comment (a line start, a heading, a table cell): see ``escape.markdown``."""
    return escape.markdown(text)


def _code(text: str) -> str:
    return escape.markdown_code(text)


@dataclass
class Block:
    """Lines that stay together, how important they are, and the section they sit in (if any)."""

    lines: list[str]
    rank: int
    change: bool = False  # one change: counted in the note on what was left out
    what: str = ""  # a block that is no change: named in that note ("the diagram")

    @property
    def size(self) -> int:
        """Characters in the comment, each line with its line break."""
        return sum(len(line) + 1 for line in self.lines)


@dataclass
class Section:
    """A ``<details>`` section: shown when one of its blocks is; its title counts what it shows."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    tail: tuple[str, ...] = ("", "</details>", "")
    summary: str | None = None  # a fixed summary line instead of the counting one
    open: bool = False

    def head(self, shown: int | None = None) -> list[str]:
        """The opening lines; ``shown`` below the number of blocks says how many are shown."""
        details = "<details open>" if self.open else "<details>"
        if self.summary is not None:
            return [f"{details}<summary>{self.summary}</summary>", ""]
        total = len(self.blocks)
        if shown is None or shown == total:
            count = f"{total}"
        else:
            count = _("{shown} of {total} shown").format(shown=f"{shown:,}", total=f"{total:,}")
        return [f"{details}<summary><b>{self.title}</b> ({count})</summary>", ""]

    def frame_size(self) -> int:
        """An upper bound of the head's and tail's characters, whatever number is shown."""
        longest = self.head(max(0, len(self.blocks) - 1)) if len(self.blocks) > 1 else self.head()
        return sum(len(line) + 1 for line in (*longest, *self.tail))


Part = Block | Section


def _rank(change: Change) -> int:
    if change.kind == "finding-new" and change.severity == "error":
        return NEW_ERROR
    if change.group == "structure":
        return STRUCTURE
    return FINDING if change.group == "principles" else OTHER


def result_parts(result: DiffResult) -> list[Part]:
    """One file's comparison as parts of the comment, in the order they are shown."""
    head = [f"### orgmodel diff: {_code(result.old_name)} → {_code(result.new_name)}", ""]
    if not result.changes:
        none = ngettext("No change ({n} unit).", "No change ({n} units).", result.new_units)
        only = Block([*head, none.format(n=result.new_units), ""], ESSENTIAL, what="file summary")
        return [only, *_measures(result)]  # the scorecard is shown even when nothing changed
    # Translators: the heads of the columns of the summary table of a diff: what, and how it changed
    what, change, units = _("What"), _("Change"), _("Units")
    rows = [
        f"| {what} | {change} |",
        "|---|---|",
        f"| **{units}** | {result.old_units} → {result.new_units}{md(outside_note(result, '→'))} |",
        *(f"| **{title}** | {md(about)} |" for title, about in sides(result)),
    ]
    whole = result.old_model is None or result.new_model is None  # a file on one side only
    for group in GROUPS:
        if group == "principles" and result.findings is None and not result.by_group(group):
            continue
        if whole and group != "principles" and not result.by_group(group):
            continue  # "0 people get a new personnel line" says nothing about a whole new model
        rows.append(f"| **{group_title(group)}** | {md(group_summary(result, group))} |")
    parts: list[Part] = [Block([*head, *rows, ""], ESSENTIAL, what="file summary")]
    diagram = mermaid(result)
    if diagram:
        summary = _("<b>Diagram</b>: the branches that changed, before and after")
        block = Block(diagram, DIAGRAM, what="diagram")
        parts.append(Section(_("Diagram"), [block], summary=summary, open=True))
    for group in GROUPS:
        changes = result.by_group(group)
        if changes:
            section = Section(group_title(group))
            section.blocks += [Block([_item(c)], _rank(c), change=True) for c in changes]
            parts.append(section)
    parts += _measures(result)
    return parts


def _item(change: Change) -> str:
    word = _("allowed")
    allowed = f" _({word})_" if change.allowed else ""
    return f"- {md(change.message)} <sub>{_code(change.id)}</sub>{allowed}"


def _measures(result: DiffResult) -> list[Part]:
    tables = [t for t in result.metrics if t.changed or t.always]
    if not tables:
        return []
    summary = _("<b>Measures</b> (before → after)")
    section = Section(_("Measures"), summary=summary, tail=("</details>", ""))
    # Translators: the heads of the columns of a measure in the diff, its value before and after
    before_head, after_head = _("before"), _("after")
    for table in tables:
        lines = [f"| {md(table.title)} | {before_head} | {after_head} |", "|---|---:|---:|"]
        for row in table.rows:
            if row.changed or table.show_all or table.always:
                before, after = metric_value(row, False, "–"), metric_value(row, True, "–")
                mark = f"**{after}**" if row.changed else after
                lines.append(f"| {md(row.label)} | {before} | {mark} |")
        section.blocks.append(Block([*lines, ""], MEASURES, what="measure table"))
    return [section]


def _blocks(parts: list[Part]) -> list[tuple[Block, Section | None]]:
    """Every block with its section, in the order of the comment."""
    return [
        (block, part if isinstance(part, Section) else None)
        for part in parts
        for block in (part.blocks if isinstance(part, Section) else [part])
    ]


def _chosen(parts: list[Part], budget: int) -> set[int]:
    """The blocks (by id) that fit in ``budget`` characters, most important first, frames counted.

    The changes are taken in that order until one does not fit (so a larger limit never shows
    fewer of them, the diagram aside). A diagram or measure table that does not fit is left out
    and the next blocks get its room: a diagram too large for a small ``--max-chars`` no longer
    ends the comment with most of its room unused (tour F finding 16).
    """
    ordered = sorted(enumerate(_blocks(parts)), key=lambda item: (item[1][0].rank, item[0]))
    chosen: set[int] = set()
    opened: set[int] = set()
    used = 0
    for _index, (block, section) in ordered:
        frame = section.frame_size() if section is not None and id(section) not in opened else 0
        if used + block.size + frame > budget:
            if block.rank in (DIAGRAM, MEASURES):
                continue  # a diagram or a table: what follows may still fit
            break  # what is less important never pushes out what is more
        used += block.size + frame
        chosen.add(id(block))
        if section is not None:
            opened.add(id(section))
    return chosen


def _lines(parts: list[Part], chosen: set[int] | None) -> list[str]:
    out: list[str] = []
    for part in parts:
        if isinstance(part, Block):
            if chosen is None or id(part) in chosen:
                out += part.lines
            continue
        shown = [b for b in part.blocks if chosen is None or id(b) in chosen]
        if shown:
            out += part.head(len(shown))
            out += [line for block in shown for line in block.lines]
            out += part.tail
    return out


# what a shortened comment also left out, counted ("1 diagram", "2 measure tables")
_LEFT_OUT = {
    "file summary": lambda n: ngettext("{n} file summary", "{n} file summaries", n),
    "diagram": lambda n: ngettext("{n} diagram", "{n} diagrams", n),
    "measure table": lambda n: ngettext("{n} measure table", "{n} measure tables", n),
}


def _note(left: list[Block], max_chars: int) -> str:
    """What a shortened comment left out, and where to see it."""
    changes = sum(1 for b in left if b.change)
    kinds: dict[str, int] = {}
    for block in left:
        if block.what:
            kinds[block.what] = kinds.get(block.what, 0) + 1
    also = ", ".join(_LEFT_OUT[what](n).format(n=f"{n:,}") for what, n in kinds.items())
    also = " " + _("(also left out: {what})").format(what=also) if also else ""
    note = ngettext(
        "… and {n} more change{also}: run `orgmodel diff` locally to see them all "
        "(this comment stays under {limit} characters).",
        "… and {n} more changes{also}: run `orgmodel diff` locally to see them all "
        "(this comment stays under {limit} characters).",
        changes,
    )
    return "_" + note.format(n=f"{changes:,}", also=also, limit=f"{max_chars:,}") + "_"


def render(parts: list[Part], head: list[str], tail: list[str], max_chars: int = MAX_CHARS) -> str:
    """The comment: ``head`` lines, the parts, ``tail`` lines; shortened to ``max_chars`` if longer."""
    text = "\n".join([*head, *_lines(parts, None), *tail]) + "\n"
    if len(text) <= max_chars:
        return text
    every = [block for block, _section in _blocks(parts)]
    fixed = sum(len(line) + 1 for line in (*head, *tail)) + len(_note(every, max_chars)) + 2
    chosen = _chosen(parts, max_chars - fixed)
    note = _note([b for b in every if id(b) not in chosen], max_chars)
    return "\n".join([*head, *_lines(parts, chosen), note, "", *tail]) + "\n"


class DiffMarkdownFormatter(Formatter):
    """A pull-request comment: marker, summary table, diagram, then collapsible details."""

    name = "markdown"

    def diff(self, report: DiffReport) -> None:
        head = [MARKER, ""]
        label = _("Note:")
        head += [line for note in report.notes for line in (f"**{label}** {md(note)}", "")]
        parts: list[Part] = []
        for file in report.files:
            if file.result is not None:
                parts += result_parts(file.result)
        tail: list[str] = []
        if report.problems:
            problems = _("Some files could not be compared:")
            tail += [f"**{problems}**", ""]
            for d in report.problems:
                hint = problem_hint(d)
                where = _code(f"{d.path}:{d.line}:{d.col}")
                said = f"- {where} {d.code} {d.name} [{d.severity.value}] {md(d.message)}"
                tail.append(said + (f" ({md(hint)})" if hint else ""))
            tail.append("")
        tail.append(f"_{md(total_line(report))}_")
        max_chars = self.options.get("max_chars") or MAX_CHARS
        self.stream.write(render(parts, head, tail, max_chars))
