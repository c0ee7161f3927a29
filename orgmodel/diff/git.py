"""Git, through the ``git`` command: the working tree's top, a revision's commit, blobs by object id.

Every problem is a ``ConfigError`` (exit 2) with a sentence a planner can act on.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from orgmodel.i18n import _
from orgmodel.ruleset import ConfigError


def run_git(
    args: list[str], *, cwd: Path | None = None, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` with ``data`` on its input, its output captured; no git or no answer is a ConfigError."""
    try:
        return subprocess.run(
            ["git", *args], input=data, capture_output=True, cwd=cwd, check=False, timeout=120
        )
    except FileNotFoundError:
        raise ConfigError(
            _("reading a git revision needs the 'git' command, which is not installed")
        ) from None
    except subprocess.TimeoutExpired:
        raise ConfigError(
            _("git {command} did not answer within two minutes").format(command=" ".join(args))
        ) from None


def git_toplevel(spec: str) -> Path:
    """The top of the git working tree around the working directory (ConfigError outside one)."""
    done = run_git(["rev-parse", "--show-toplevel"])
    if done.returncode != 0:
        raise ConfigError(
            _(
                "'{spec}' names a git revision, but {directory} is not inside a git repository; "
                "run orgmodel diff in a git checkout, or compare two files"
            ).format(spec=spec, directory=Path.cwd())
        )
    out = done.stdout[:-1] if done.stdout.endswith(b"\n") else done.stdout
    return Path(os.fsdecode(out))  # whatever bytes the directory's name holds


def verify_revision(rev: str, spec: str) -> str:
    """The commit id ``rev`` names (ConfigError when it names none)."""
    done = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"])
    if done.returncode != 0:
        raise ConfigError(
            _(
                "'{spec}': this git repository has no revision '{rev}' "
                "(a branch, tag or commit such as main, HEAD~1 or a1b2c3d)"
            ).format(spec=spec, rev=rev)
        )
    return done.stdout.decode("ascii", "replace").strip()


def blob_contents(oids: list[str], cwd: Path | None = None) -> list[bytes]:
    """The contents of these blobs, in order, from one ``git cat-file --batch``."""
    if not oids:
        return []
    data = "".join(f"{oid}\n" for oid in oids).encode("ascii")
    batch = run_git(["cat-file", "--batch"], data=data, cwd=cwd)
    out, pos, found = batch.stdout, 0, []
    for oid in oids:
        end = out.find(b"\n", pos)
        header = out[pos:end].split(b" ") if end >= 0 else []
        if len(header) != 3 or header[0].decode("ascii", "replace") != oid or header[1] != b"blob":
            error = git_stderr(batch) or _("unexpected answer")
            raise ConfigError(_("git did not return the file {oid}: {error}").format(oid=oid, error=error))
        size = int(header[2])
        found.append(out[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return found


def git_stderr(done: subprocess.CompletedProcess[bytes]) -> str:
    """What git wrote on its error output, on one line."""
    return " ".join(done.stderr.decode("utf-8", "replace").split())
