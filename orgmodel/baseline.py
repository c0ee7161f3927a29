"""Gate on what changed: fail only on findings that a baseline file, or a git revision, does not have.

A *baseline* is a JSON file of the findings a team has accepted for now,
each by its stable fingerprint (rule, unit, what is breached: never the
message, a number or a line) and the path of its file, relative to the
baseline file's own directory, so a check finds them from any working
directory. Findings with the same path and fingerprint are counted::

    {
      "tool": "orgmodel",
      "baseline": 1,
      "findings": [
        {"path": "models/x.yaml", "fingerprint": "7305f1e4d30d9401", "code": "OM120",
         "name": "span-of-control", "severity": "error", "unit": "hjemme-nord",
         "key": "max", "count": 1, "message": "'Hjemmetjenester Nord' (hjemme-nord) has …"}
      ]
    }

``--new-since REV`` compares with the same file at a git revision instead:
that file is checked with the same rules, and the findings are paired as
``orgmodel diff`` pairs them (a unit that was only renamed keeps its
findings). Either way the findings already known are taken out of the
report (its summary counts them) and the known ones that no longer occur
become notes: fixed, remove them from the baseline.
"""

from __future__ import annotations

import json
import os
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orgmodel.bounds import read_limited
from orgmodel.diagnostic import ConfigError, Diagnostic, Severity
from orgmodel.engine import CheckedModel, Report
from orgmodel.i18n import _, ngettext, os_reason
from orgmodel.ruleset_files import shipped_file_name
from orgmodel.selection import is_selected

FORMAT = 1
NEVER_BASELINED = frozenset({"OM007"})  # a file that cannot be read is a usage error (exit 2), always


class Entry(BaseModel):
    """One accepted finding (``count`` findings with this path and fingerprint)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(min_length=1)
    fingerprint: str = Field(min_length=1)
    code: str
    name: str
    severity: Severity
    unit: str | None = None
    key: str | None = None
    count: int = Field(default=1, ge=1, strict=True)  # "count": true is no count
    message: str = ""


class BaselineFile(BaseModel):
    """The whole baseline file."""

    model_config = ConfigDict(extra="forbid")

    tool: str
    baseline: int = Field(strict=True)
    findings: list[Entry]


@dataclass(frozen=True)
class Outcome:
    """What gating did: findings taken out as known, and the known ones that no longer occur."""

    known: int
    fixed: list[str]


def _relative(path: str, base: Path) -> str:
    """``path`` (as a diagnostic names it) relative to the directory ``base``, with forward slashes.

    A shipped ruleset's file outside ``base`` is ``orgmodel:NAME.yaml``: a baseline written with one
    installation of orgmodel holds on another (a planner's pipx, CI's venv).
    """
    relative = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    if relative.startswith("../"):
        return shipped_file_name(path) or relative
    return relative


def entries(diagnostics: Iterable[Diagnostic], base: Path) -> list[Entry]:
    """The baseline entries of these findings: counted by (path, fingerprint), sorted."""
    groups: dict[tuple[str, str], list[Diagnostic]] = defaultdict(list)
    for diag in diagnostics:
        if diag.code not in NEVER_BASELINED:
            groups[(_relative(diag.path, base), diag.fingerprint)].append(diag)
    out = []
    for (path, fingerprint), diags in groups.items():
        first = min(diags, key=lambda d: d.message)
        out.append(
            Entry(
                path=path,
                fingerprint=fingerprint,
                code=first.code,
                name=first.name,
                severity=max((d.severity for d in diags), key=lambda s: s.rank),
                unit=first.unit,
                key=first.key,
                count=len(diags),
                message=first.message,
            )
        )
    return sorted(out, key=lambda e: (e.path, e.code, e.unit or "", e.key or "", e.fingerprint))


def write_baseline(report: Report, file: str | Path) -> int:
    """Record every finding of ``report`` in ``file``; the number of findings written.

    The file is written atomically (a temporary file, then a rename). It is
    never a checked model, nor an existing file that is not a baseline.
    """
    target = Path(file)
    if report.unreadable:
        raise ConfigError(
            _("not writing {path}: a model could not be read, so its findings are unknown").format(path=file)
        )
    broken = [f.path for f in report.files if not f.rules_run]
    if broken:
        raise ConfigError(
            ngettext(
                "not writing {path}: {models} does not load (its rules did not run), so its findings are "
                "unknown; fix it first",
                "not writing {path}: {models} do not load (their rules did not run), so their findings are "
                "unknown; fix them first",
                len(broken),
            ).format(path=file, models=", ".join(broken))
        )
    if any(Path(f.path).resolve() == target.resolve() for f in report.files):
        raise ConfigError(
            _("not writing {path}: it is a model being checked, not a baseline file").format(path=file)
        )
    if target.is_dir():
        raise ConfigError(
            _("{path} is a directory; give a file name such as {example}").format(
                path=file, example=Path(file) / "baseline.json"
            )
        )
    if target.exists():
        read_baseline(target, writing=True)  # a file that is not a baseline is never overwritten
    directory = target.parent
    if not directory.is_dir():
        raise ConfigError(
            _("cannot write {path}: the directory {directory} does not exist").format(
                path=file, directory=directory
            )
        )
    found = entries(report.diagnostics, directory.resolve())
    data = BaselineFile(tool="orgmodel", baseline=FORMAT, findings=found).model_dump(mode="json")
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    _write_atomically(target, text)
    return sum(e.count for e in found)


def _write_atomically(target: Path, text: str) -> None:
    """Write a temporary file beside ``target``, then rename it over ``target``.

    The temporary file is created with mode 0o666 less the umask, as any new
    file (``tempfile.mkstemp`` would make it 0o600, private to its owner); an
    existing baseline keeps its mode.
    """
    temporary = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ConfigError(
            _("cannot write {path}: {reason}").format(path=target, reason=os_reason(exc))
        ) from None


def read_baseline(file: str | Path, *, writing: bool = False) -> list[Entry]:
    """The entries of a baseline file (ConfigError when it is missing or is no baseline)."""
    path = Path(file)
    what = "; not overwriting it" if writing else ""
    try:
        raw = read_limited(path)
    except FileNotFoundError:
        raise ConfigError(
            _(
                "{path}: no such baseline file; write one with 'orgmodel check --write-baseline {path}'"
            ).format(path=file)
        ) from None
    except OSError as exc:
        raise ConfigError(
            _("{path}: the baseline cannot be read: {reason}").format(path=file, reason=os_reason(exc))
        ) from None
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        where = (
            " " + _("(line {line}, column {col})").format(line=exc.lineno, col=exc.colno)
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        raise ConfigError(
            _("{path} is not an orgmodel baseline: not JSON{where}{what}").format(
                path=file, where=where, what=what
            )
        ) from None
    if not isinstance(data, dict) or data.get("tool") != "orgmodel" or "baseline" not in data:
        raise ConfigError(
            _('{path} is not an orgmodel baseline (no "tool": "orgmodel" with "baseline": N){what}').format(
                path=file, what=what
            )
        )
    if type(data["baseline"]) is not int or data["baseline"] != FORMAT:  # true is not 1 here
        raise ConfigError(
            _("{path} is a baseline of format {format}; this orgmodel reads format {known}").format(
                path=file, format=repr(data["baseline"]), known=FORMAT
            )
        )
    try:
        return BaselineFile.model_validate(data).findings
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ConfigError(
            _("{path} is not a valid orgmodel baseline: {where}: {problem}").format(
                path=file, where=where, problem=error["msg"]
            )
        ) from None


def apply_baseline(report: Report, file: str | Path) -> Outcome:
    """Take the findings ``file`` lists out of ``report``; the fixed entries as notes.

    Within one path and fingerprint, a finding with the baseline's message is
    matched first; findings beyond the entry's count are new, and so is one
    more serious than the baseline recorded (a warning become an error).
    An entry is fixed as far as fewer findings with its path and fingerprint
    remain than it counts (a finding become more serious is new, not fixed),
    and only in a model that was checked and whose rules ran: an entry for a
    file not checked this time, or one that no longer loads, is not fixed.
    Nothing of a model that does not load is taken out: its load error stands
    for every finding it hides, so it is always new.
    """
    base = Path(file).resolve().parent
    waiting = {(e.path, e.fingerprint): _Slot(e, e.count) for e in read_baseline(file)}
    known = 0
    for result in report.files:
        if not result.rules_run:  # a file that does not load: whatever it breaks is unknown, so never known
            continue
        ordered = sorted(result.diagnostics, key=lambda d: d.message != _message(waiting, d, base))
        taken = set()
        for diag in ordered:
            slot = waiting.get((_relative(diag.path, base), diag.fingerprint))
            if slot is None:
                continue
            if slot.left > 0 and _within(diag, slot.entry):
                slot.left -= 1
                taken.add(id(diag))
            else:
                slot.unmatched += 1
        kept = [d for d in result.diagnostics if id(d) not in taken]
        known += len(result.diagnostics) - len(kept)
        result.diagnostics = kept
    judged = {_relative(f.path, base) for f in report.files if f.rules_run}
    off = {_relative(path, base): selectors for path, selectors in report.ignored.items()}
    fixed = []
    for slot in waiting.values():
        entry, gone = slot.entry, slot.left - slot.unmatched
        # a rule per-file-ignores turns off for the file did not judge it: its entries are not fixed
        if (
            gone > 0
            and entry.path in judged
            and is_selected(entry.code, entry.name, [], off.get(entry.path, []))
        ):
            where = os.path.relpath(base / entry.path)
            times = (
                " " + _("({gone} of {count})").format(gone=gone, count=entry.count) if entry.count > 1 else ""
            )
            fixed.append(
                _("fixed, remove from the baseline {file}: {where}: {code} {name}").format(
                    file=file, where=where, code=entry.code, name=entry.name
                )
                + f"{_about(entry.unit, entry.key)}{times}"
            )
    return _record(report, known, fixed, _("baselined in {file}").format(file=file))


@dataclass
class _Slot:
    """A baseline entry while findings are matched: how many it still accepts, how many it did not."""

    entry: Entry
    left: int
    unmatched: int = 0


def _within(diag: Diagnostic, entry: Entry) -> bool:
    """Whether ``diag`` is the accepted finding: never OM007, and not more serious than recorded."""
    return diag.code not in NEVER_BASELINED and diag.severity.rank <= entry.severity.rank


def _message(waiting: dict[tuple[str, str], _Slot], diag: Diagnostic, base: Path) -> str | None:
    slot = waiting.get((_relative(diag.path, base), diag.fingerprint))
    return slot.entry.message if slot is not None else None


def _about(unit: str | None, key: str | None) -> str:
    if unit is None and key is None:
        return ""
    unit_words = _("unit {id}").format(id=unit) if unit else None
    return f" ({', '.join(part for part in (unit_words, key) if part)})"


def _record(report: Report, known: int, fixed: list[str], words: str) -> Outcome:
    report.baselined += known
    report.baselined_words = words
    report.notes.extend(fixed)
    return Outcome(known, fixed)


def apply_new_since(report: Report, rev: str, check: Callable[[str, bytes], CheckedModel]) -> Outcome:
    """Take the findings each file already had at git revision ``rev`` out of ``report``.

    ``check(name, bytes)`` checks the file at ``rev`` as the report's files
    were checked (the same rules and per-file ignores); findings are paired
    as the diff pairs them: by fingerprint, after translating the old unit ids
    to the new ones (renames), a finding with other numbers being the same.
    A file that did not exist at ``rev`` has only new findings; a finding whose
    severity rose since ``rev`` counts as new, as in ``diff --fail-on-new``.
    A file whose rules did not run (it does not load) keeps its load error as
    new, whatever the file was at ``rev``: it hides what it breaks, and nothing
    in it is "fixed".
    """
    from orgmodel.diff.sources import file_at_revision

    known, fixed = 0, []
    for result in report.files:
        # a file that does not load now hides what it breaks: its load error is never "already there"
        if not result.rules_run or any(d.code in NEVER_BASELINED for d in result.diagnostics):
            continue
        raw = file_at_revision(rev, result.path)
        if raw is None:
            continue
        before = check(result.path, raw)
        new, gone = _delta(before, result)
        known += len(result.diagnostics) - len(new)
        result.diagnostics = new
        fixed += [
            _("fixed since {rev}: {path}: {code} {name}").format(
                rev=rev, path=d.path, code=d.code, name=d.name
            )
            + _about(d.unit, d.key)
            for d in gone
            if d.path in result.paths  # a split model: its parts too
        ]
    return _record(report, known, fixed, _("already at {rev}").format(rev=rev))


def _delta(before: CheckedModel, after: CheckedModel) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The findings new in ``after``, and those of ``before`` that ``after`` no longer has."""
    from orgmodel.diff.findings import finding_delta
    from orgmodel.diff.matching import match_units
    from orgmodel.diff.suppressions import split_suppressed

    mapped: Callable[[str], str] = str
    regrouped: dict[str, tuple[str, ...]] = {}
    if before.model is not None and after.model is not None:
        matching = match_units(before.graph, after.graph)
        mapped, regrouped = matching.mapped, matching.regroupings()
    delta = finding_delta(before.diagnostics, after.diagnostics, mapped, regrouped)
    split_suppressed(delta, after.silenced, mapped)
    rose = [now for was, now in delta.rose() if now.severity.rank > was.rank]
    fresh = {id(d) for d in [*delta.new, *rose]}
    return [d for d in after.diagnostics if id(d) in fresh], delta.resolved
