"""The two sides of a diff: a model file, a directory, or a git revision of either.

A side is a path on disk, ``REV:PATH`` (git's own syntax: ``main:models/``,
``HEAD~3:models/drammen-2020.yaml``; ``REV:./PATH`` is relative to the
working directory) or ``/dev/null`` (no file, as git passes for an added
file). Git is read through the ``git`` command (``git rev-parse``,
``git cat-file``, ``git ls-tree``); every problem is a ``ConfigError``
(exit 2) with a sentence a planner can act on.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from orgmodel.engine import MODEL_SUFFIXES, iter_model_files
from orgmodel.ruleset import ConfigError

NULL_NAMES = ("/dev/null", os.devnull)


@dataclass
class Side:
    """One side of a diff: a single file (key ``""``), a directory of files, or nothing."""

    spec: str
    kind: str  # "file", "dir" or "empty"
    files: dict[str, bytes] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def name(self, key: str) -> str:
        """How a file of this side is named in messages."""
        return self.names.get(key, self.spec)


def _git(
    args: list[str], *, cwd: Path | None = None, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], input=data, capture_output=True, cwd=cwd, check=False, timeout=120
        )
    except FileNotFoundError:
        raise ConfigError("reading a git revision needs the 'git' command, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(f"git {' '.join(args)} did not answer within two minutes") from None


def git_toplevel(spec: str) -> Path:
    """The top of the git working tree around the working directory (ConfigError outside one)."""
    done = _git(["rev-parse", "--show-toplevel"])
    if done.returncode != 0:
        raise ConfigError(
            f"'{spec}' names a git revision, but {Path.cwd()} is not inside a git repository; "
            "run orgmodel diff in a git checkout, or compare two files"
        )
    return Path(done.stdout.decode().strip())


def _verify_revision(rev: str, spec: str) -> None:
    done = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"])
    if done.returncode != 0:
        raise ConfigError(
            f"'{spec}': this git repository has no revision '{rev}' "
            "(a branch, tag or commit such as main, HEAD~1 or a1b2c3d)"
        )


def read_revision(rev: str, path: str, spec: str | None = None) -> Side:
    """The file or directory ``path`` as it was at revision ``rev``."""
    spec = spec or f"{rev}:{path}"
    git_toplevel(spec)
    _verify_revision(rev, spec)
    obj = f"{rev}:{path}"
    kind = _git(["cat-file", "-t", obj])
    if kind.returncode != 0:
        raise ConfigError(f"'{path}' does not exist at revision {rev} (git cannot find {obj})")
    what = kind.stdout.decode().strip()
    if what == "blob":
        blob = _git(["cat-file", "blob", obj])
        return Side(spec, "file", {"": blob.stdout}, {"": spec})
    if what != "tree":
        raise ConfigError(f"'{spec}' is a git {what}, not a file or directory")
    listing = _git(["ls-tree", "-r", "-z", "--name-only", obj])
    names = sorted(
        n
        for n in listing.stdout.decode("utf-8", "replace").split("\0")
        if n and PurePosixPath(n).suffix in MODEL_SUFFIXES and not PurePosixPath(n).name.startswith(".")
    )
    side = Side(spec, "dir")
    if not names:
        return side
    prefix = path if path.endswith("/") or not path else path + "/"
    batch = _git(["cat-file", "--batch"], data="".join(f"{rev}:{prefix}{n}\n" for n in names).encode())
    out, pos = batch.stdout, 0
    for name in names:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        size = int(header[2]) if len(header) == 3 else 0
        side.files[name] = out[end + 1 : end + 1 + size]
        side.names[name] = f"{rev}:{prefix}{name}"
        pos = end + 1 + size + 1
    return side


def read_side(spec: str) -> Side:
    """A side from what the user wrote (a path on disk comes first, then ``REV:PATH``)."""
    if spec in NULL_NAMES:
        return Side(spec, "empty")
    path = Path(spec)
    if path.exists():
        if path.is_dir():
            side = Side(spec, "dir")
            for file in iter_model_files([path]):
                key = file.relative_to(path).as_posix()
                side.files[key] = _read(file)
                side.names[key] = str(file)
            return side
        list(iter_model_files([path]))  # a FIFO or device: a clear ConfigError
        return Side(spec, "file", {"": _read(path)}, {"": spec})
    rev, colon, rest = spec.partition(":")
    if colon and rev:
        return read_revision(rev, rest, spec)
    raise ConfigError(f"{spec}: no such file or directory (and not a git revision like HEAD~1:{spec})")


def base_side(rev: str, path: str) -> Side:
    """``path`` (on disk, relative to the working directory) as it was at revision ``rev``."""
    spec = f"{rev}:{path}"
    top = git_toplevel(spec)
    try:
        relative = Path(path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise ConfigError(f"{path} is outside the git repository at {top}") from None
    return read_revision(rev, "" if relative == "." else relative, spec)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: the file cannot be read: {exc.strerror or exc}") from None


def pair(old: Side, new: Side) -> list[tuple[str, bytes | None, bytes | None]]:
    """(key, old bytes, new bytes) for each file to compare; None where a side has no such file."""
    if old.kind == "empty" and new.kind == "empty":
        return []
    if old.kind == "empty" or new.kind == "empty":
        present = new if old.kind == "empty" else old
        return [
            (k, None if present is new else v, v if present is new else None)
            for k, v in present.files.items()
        ]
    if old.kind != new.kind:
        raise ConfigError(
            f"cannot compare the {old.kind} {old.spec} with the {new.kind} {new.spec}: "
            "give two files or two directories"
        )
    keys = sorted(set(old.files) | set(new.files))
    return [(k, old.files.get(k), new.files.get(k)) for k in keys]


def plain_diff(old: Side, new: Side, path: str) -> str:
    """A unified text diff of two single-file sides (what git shows for a file that is no model)."""
    import difflib

    def lines(side: Side) -> list[str]:
        raw = side.files.get("", b"")
        return raw.decode("utf-8", "replace").splitlines(keepends=True)

    before = "/dev/null" if old.kind == "empty" else f"a/{path}"
    after = "/dev/null" if new.kind == "empty" else f"b/{path}"
    return "".join(difflib.unified_diff(lines(old), lines(new), before, after))
