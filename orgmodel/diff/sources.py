"""The two sides of a diff: a model file, a directory, or a git revision of either.

A side is a path on disk, ``REV:PATH`` (git's own syntax: ``main:models/``,
``HEAD~3:models/drammen-2020.yaml``; ``REV:./PATH`` is relative to the
working directory) or ``/dev/null`` (no file, as git passes for an added
file). Git is read through the ``git`` command (``git rev-parse``,
``git cat-file``, ``git ls-tree``); every problem is a ``ConfigError``
(exit 2) with a sentence a planner can act on.
"""

from __future__ import annotations

import errno
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from orgmodel.bounds import read_limited
from orgmodel.diff.git import blob_contents, git_stderr, git_toplevel, run_git, verify_revision
from orgmodel.engine import MODEL_SUFFIXES, iter_model_files
from orgmodel.i18n import _, os_reason
from orgmodel.part_files import main_for
from orgmodel.parts import Reader, file_reader, is_part
from orgmodel.paths import scan_keeps
from orgmodel.ruleset import ConfigError

NULL_NAMES = ("/dev/null", os.devnull)


@dataclass
class Side:
    """One side of a diff: a single file (key ``""``), a directory of files, or nothing."""

    spec: str
    kind: str  # "file", "dir" or "empty"
    files: dict[str, bytes] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    rev: str | None = None  # the git revision this side was read from
    parts: Reader | None = None  # a single file's parts, read beside it (on disk or at ``rev``)

    def name(self, key: str) -> str:
        """How a file of this side is named in messages."""
        return self.names.get(key, self.spec)

    def reader(self, key: str) -> Reader | None:
        """Reads the parts of the model ``key`` from this side (a directory's files, or beside the file)."""
        if self.kind != "dir":
            return self.parts
        folder = posixpath.dirname(key)
        where = (
            _("no such file at revision {rev}").format(rev=self.rev)
            if self.rev
            else _("no such file in {spec}").format(spec=self.spec)
        )

        def read(name: str) -> bytes:
            found = self.files.get(posixpath.normpath(posixpath.join(folder, name)))
            if found is None:
                raise FileNotFoundError(errno.ENOENT, where)
            return found

        return read

    def models(self) -> dict[str, bytes]:
        """The files to compare: every model, its parts read through it (a part is no model alone)."""
        if self.kind != "dir":
            return self.files
        return {key: data for key, data in self.files.items() if not is_part(data)}


def read_revision(rev: str, path: str, spec: str | None = None, *, missing_ok: bool = False) -> Side:
    """The file or directory ``path`` as it was at revision ``rev``; with ``missing_ok`` nothing if absent.

    Git is asked by object id only: the commit, then the object at ``path``
    (``rev-parse``), then for a directory its entries (``ls-tree -r -z``,
    NUL-separated, so names are taken whole) and their contents by object id
    (``cat-file --batch``). A file name is never written to git's input, so
    a name holding a newline, tab, quote or ``HEAD:other/path`` cannot make
    git read another file.
    """
    spec = spec or f"{rev}:{path}"
    git_toplevel(spec)
    commit = verify_revision(rev, spec)
    found = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{commit}:{path}"])
    if found.returncode != 0:
        if missing_ok:  # added since rev: every file of it is new
            return Side(spec, "empty", rev=rev)
        raise ConfigError(
            _("'{path}' does not exist at revision {rev} (git cannot find {rev}:{path})").format(
                path=path, rev=rev
            )
        )
    oid = found.stdout.decode("ascii", "replace").strip()
    what = run_git(["cat-file", "-t", oid]).stdout.decode("ascii", "replace").strip()
    if what == "blob":
        parts = _git_reader(commit, posixpath.dirname(path), rev)
        return Side(spec, "file", {"": blob_contents([oid])[0]}, {"": spec}, rev=rev, parts=parts)
    if what != "tree":
        raise ConfigError(
            _("'{spec}' is a git {kind}, not a file or directory").format(spec=spec, kind=what or "object")
        )
    entries = _model_entries(oid)
    side = Side(spec, "dir", rev=rev)
    prefix = path if path.endswith("/") or not path else path + "/"
    for (name, _blob), data in zip(entries, blob_contents([o for _n, o in entries]), strict=True):
        if not scan_keeps(name, data):  # as a scan of the directory on disk leaves it out
            continue
        side.files[name] = data
        side.names[name] = f"{rev}:{prefix}{name}"
    return side


def _git_reader(commit: str, folder: str, rev: str) -> Reader:
    """Reads a model's parts at the commit its main file was read from (by object id, as above)."""

    def read(name: str) -> bytes:
        where = posixpath.join(folder, name) if folder else name
        found = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{commit}:{where}"])
        oid = found.stdout.decode("ascii", "replace").strip()
        if found.returncode != 0 or run_git(["cat-file", "-t", oid]).stdout.strip() != b"blob":
            raise FileNotFoundError(errno.ENOENT, _("no such file at revision {rev}").format(rev=rev))
        return blob_contents([oid])[0]

    return read


def _model_entries(tree: str) -> list[tuple[str, str]]:
    """(name, blob id) of every model file below a tree, sorted by name.

    Entries are ``mode type id<TAB>name`` separated by NUL. Symbolic links
    (mode 120000) and submodules are no model files. Names are decoded as
    the file system decodes them (``os.fsdecode``), so a revision's file
    pairs with the same file on disk even when its name is not UTF-8.
    """
    listing = run_git(["ls-tree", "-r", "-z", "--full-tree", tree])
    if listing.returncode != 0:
        raise ConfigError(
            _("git cannot list the tree {tree}: {error}").format(tree=tree, error=git_stderr(listing))
        )
    out: dict[str, str] = {}
    for entry in listing.stdout.split(b"\0"):
        meta, tab, raw = entry.partition(b"\t")
        parts = meta.split(b" ")
        if not tab or len(parts) != 3 or parts[1] != b"blob" or parts[0] == b"120000":
            continue
        name = os.fsdecode(raw)
        pure = PurePosixPath(name)
        if pure.suffix in MODEL_SUFFIXES and not pure.name.startswith("."):
            out[name] = parts[2].decode("ascii")
    return sorted(out.items())


def read_side(spec: str) -> Side:
    """A side from what the user wrote (a path on disk comes first, then ``REV:PATH``)."""
    if spec in NULL_NAMES:
        return Side(spec, "empty")
    path = Path(spec)
    if path.exists():
        _refuse_ambiguous(spec)
        if path.is_dir():
            side = Side(spec, "dir")
            for file in iter_model_files([path]):
                key = file.relative_to(path).as_posix()
                side.files[key] = _read(file)
                side.names[key] = str(file)
            return side
        list(iter_model_files([path]))  # a FIFO or device: a clear ConfigError
        main = main_for(path)  # a part of a model: the model is compared
        if main is not None:
            path, spec = main, str(main)
        return Side(spec, "file", {"": _read(path)}, {"": spec}, parts=file_reader(path))
    rev, colon, rest = spec.partition(":")
    if colon and rev:
        return read_revision(rev, rest, spec)
    raise ConfigError(
        _("{spec}: no such file or directory (and not a git revision like HEAD~1:{spec})").format(spec=spec)
    )


def driver_side(blob: str, path: str, prefix: str) -> Side:
    """One side of git's diff driver: the contents git wrote to ``blob`` of the file ``path``.

    The rest of a model split across files is read from the working tree beside ``path``: a main
    file's parts, and for a part its main file and the other parts, with the part's own contents
    taken from ``blob``. Both sides then differ only by the blob, which is the change git asks about.
    """
    if blob in NULL_NAMES:
        return Side(blob, "empty")
    data, here = _read(Path(blob)), Path(path)
    main = main_for(here, data)
    if main is None:
        label = f"{prefix}/{path}"
        return Side(label, "file", {"": data}, {"": label}, parts=file_reader(here))
    label = f"{prefix}/{Path(os.path.relpath(main)).as_posix()}"  # the model the part is in
    siblings, mine = file_reader(main), here.resolve()

    def read(name: str) -> bytes:
        return data if (main.parent / name).resolve() == mine else siblings(name)

    return Side(label, "file", {"": _read(main)}, {"": label}, parts=read)


def _refuse_ambiguous(spec: str) -> None:
    """ConfigError when a path on disk is also written like a revision git knows (``main:models``).

    A pull request could commit a folder named ``main:models`` holding the new models: the diff
    would then compare the proposal with itself. Git refuses such an argument too; ``./`` picks the path.
    """
    rev, colon, rest = spec.partition(":")
    if not (colon and rev) or spec.startswith(("./", "/")):
        return
    try:
        known = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"])
    except ConfigError:  # no git: only the path can be meant
        return
    if known.returncode == 0:
        raise ConfigError(
            _(
                "'{spec}' is both a path on disk and the git revision {rev}'s '{path}': "
                "write ./{spec} for the path, or rename it"
            ).format(spec=spec, rev=rev, path=rest)
        )


def base_side(rev: str, path: str) -> Side:
    """``path`` (on disk, relative to the working directory) as it was at revision ``rev``.

    A path on disk that did not exist at ``rev`` (the pull request adds it) is an empty side: its
    models are all added, their findings all new. A path on neither is a usage error.
    """
    main = main_for(Path(path))  # a part of a model: the model is compared
    path = str(main) if main is not None else path
    spec = f"{rev}:{path}"
    top = git_toplevel(spec)
    try:
        relative = Path(path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise ConfigError(
            _("{path} is outside the git repository at {top}").format(path=path, top=top)
        ) from None
    return read_revision(rev, "" if relative == "." else relative, spec, missing_ok=Path(path).exists())


def changed_since(rev: str, path: str | Path) -> str | None:
    """``path``'s name in the repository when the file on disk differs from its blob at ``rev``.

    None when it is the same, or lies outside the repository (a shipped ruleset).
    """
    top = git_toplevel(f"{rev}:{path}")
    try:
        relative = Path(path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None
    commit = verify_revision(rev, f"{rev}:{relative}")
    found = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{commit}:{relative}"])
    if found.returncode != 0:  # the file is new since rev
        return relative
    oid = found.stdout.decode("ascii", "replace").strip()
    return None if blob_contents([oid])[0] == _read(Path(path)) else relative


def ruleset_notes(old: Side, ruleset: str | None, config: Path | None) -> list[str]:
    """One sentence per ruleset or configuration file that differs at OLD's revision."""
    if old.rev is None:
        return []
    notes = []
    sentences = (
        _("the ruleset {path} changed in this change: findings on both sides are judged by the new one"),
        _(
            "the configuration {path} changed in this change: "
            "findings on both sides are judged by the new one"
        ),
    )
    for sentence, path in zip(sentences, (ruleset, config), strict=True):
        changed = changed_since(old.rev, path) if path is not None and Path(path).is_file() else None
        if changed is not None:
            notes.append(sentence.format(path=changed))
    return notes


def _read(path: Path) -> bytes:
    try:
        return read_limited(path)
    except OSError as exc:
        raise ConfigError(
            _("{path}: the file cannot be read: {error}").format(path=path, error=os_reason(exc))
        ) from None


def pair(old: Side, new: Side) -> list[tuple[str, bytes | None, bytes | None]]:
    """(key, old bytes, new bytes) for each file to compare; None where a side has no such file."""
    if old.kind == "empty" and new.kind == "empty":
        return []
    if old.kind == "empty" or new.kind == "empty":
        present = new if old.kind == "empty" else old
        return [
            (k, None if present is new else v, v if present is new else None)
            for k, v in present.models().items()
        ]
    if old.kind != new.kind:
        message = (
            _("cannot compare the file {old} with the directory {new}: give two files or two directories")
            if old.kind == "file"
            else _(
                "cannot compare the directory {old} with the file {new}: give two files or two directories"
            )
        )
        raise ConfigError(message.format(old=old.spec, new=new.spec))
    was, now = old.models(), new.models()
    keys = sorted(set(was) | set(now))
    return [(k, was.get(k), now.get(k)) for k in keys]


def plain_diff(old: Side, new: Side, path: str) -> str:
    """A unified text diff of two single-file sides (what git shows for a file that is no model)."""
    import difflib

    def lines(side: Side) -> list[str]:
        raw = side.files.get("", b"")
        return raw.decode("utf-8", "replace").splitlines(keepends=True)

    before = "/dev/null" if old.kind == "empty" else f"a/{path}"
    after = "/dev/null" if new.kind == "empty" else f"b/{path}"
    return "".join(difflib.unified_diff(lines(old), lines(new), before, after))


def parts_at_revision(rev: str, path: str | Path) -> Reader:
    """Reads the parts of the model ``path`` (on disk) as they were at revision ``rev`` (``--new-since``)."""
    folder = Path(path).parent

    def read(name: str) -> bytes:
        found = file_at_revision(rev, folder / name)
        if found is None:
            raise FileNotFoundError(errno.ENOENT, _("no such file at revision {rev}").format(rev=rev))
        return found

    return read


def file_at_revision(rev: str, path: str | Path) -> bytes | None:
    """The file ``path`` (on disk) as it was at revision ``rev``; None when it did not exist then.

    Git runs in the file's own directory, so the repository is the file's,
    whatever the working directory. Outside a git repository, for a path
    outside the repository or a revision git does not know: ConfigError.
    """
    spec = f"{rev}:{path}"
    where = Path(path).resolve().parent
    done = run_git(["rev-parse", "--show-toplevel"], cwd=where) if where.is_dir() else None
    if done is None or done.returncode != 0:
        raise ConfigError(
            _(
                "{path} is not inside a git repository, so it has no revision {rev}; "
                "use --baseline FILE outside git"
            ).format(path=path, rev=rev)
        )
    top = Path(os.fsdecode(done.stdout.rstrip(b"\n")))
    try:
        relative = Path(path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise ConfigError(
            _("{path} is outside the git repository at {top}").format(path=path, top=top)
        ) from None
    commit = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd=top)
    if commit.returncode != 0:
        raise ConfigError(
            _(
                "'{spec}': the git repository at {top} has no revision '{rev}' "
                "(a branch, tag or commit such as main, HEAD~1 or a1b2c3d)"
            ).format(spec=spec, top=top, rev=rev)
        )
    oid = commit.stdout.decode("ascii", "replace").strip()
    found = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{oid}:{relative}"], cwd=top)
    if found.returncode != 0:  # the file is new since rev
        return None
    blob = found.stdout.decode("ascii", "replace").strip()
    if run_git(["cat-file", "-t", blob], cwd=top).stdout.strip() != b"blob":
        return None  # a directory (or a submodule) at rev: no file to compare with
    return blob_contents([blob], cwd=top)[0]
