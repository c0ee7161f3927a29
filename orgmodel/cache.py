"""The content cache of ``orgmodel check``: a file checked before, unchanged, is not checked again.

``.orgmodel_cache/`` sits beside the configuration file (else in the current
directory) and carries its own ``.gitignore`` (``*``), so it is never
committed. Each entry is one checked model file, found by a key made of:

- the run: orgmodel's version and a fingerprint of its installed files
  (and of any plugin's rule modules and the other loaded modules of their
  package), the resolved ruleset's content (the bytes of every file in its
  chain, not its name), the selection, the language of the messages and the
  ``ORGMODEL_*`` limits;
- the file: its name as given and its bytes. A model split across files
  (``parts:``) keeps each part's name and the hash of its bytes in the
  entry, and the entry is used only while every part still has those bytes.

An entry holds two parts, each pickled and signed on its own: first what
``check`` prints of the file (``orgmodel.checked.Summary``: findings, counts,
the source lines they quote) with the hashes of its parts, then the whole
checked model. A warm run reads and unpickles the first part only, which
needs none of the model's classes (the schema, the rules, the engine); the
second is read when something asks for the model (the API, ``--new-since``).
Both are signed with HMAC-SHA256 under a key
of the user's own (``$XDG_CACHE_HOME/orgmodel/cache-key``, created 0600):
an entry from elsewhere (a cache committed to a repository, another user's)
fails the signature and is never unpickled, as a corrupt or truncated one
fails it. Either is ignored and rewritten. Entries are written through a
temporary file and a rename (``orgmodel.atomic``), so two runs at once each
see a whole entry or none. Delete the directory at any time.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import os
import pickle
import secrets
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from orgmodel.atomic import write_bytes_atomically
from orgmodel.files import open_regular
from orgmodel.i18n import language

DIRECTORY = ".orgmodel_cache"
MAGIC = b"orgmodel-cache 2\n"
_SIGNATURE = hashlib.sha256().digest_size
_LENGTH = 8  # bytes of the first part's length, after its signature
_HEAD = len(MAGIC) + _SIGNATURE + _LENGTH  # what comes before the first part
_FINGERPRINTED = (".py", ".yaml", ".json", ".mo")


def _digest(*chunks: bytes) -> str:
    hashed = hashlib.sha256()
    for chunk in chunks:
        hashed.update(len(chunk).to_bytes(8, "little"))
        hashed.update(chunk)
    return hashed.hexdigest()


def code_fingerprint(modules: Iterable[str] = ()) -> str:
    """Orgmodel's version and installed files (name, size, modification time), and ``modules``' files."""
    root = Path(__file__).parent
    rows = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(_FINGERPRINTED):
                rows.append(_stat_row(os.path.join(folder, name)))
    rows += [row for _path, row in module_rows(modules)]
    version = str(getattr(sys.modules.get("orgmodel"), "__version__", ""))  # the package, loaded first
    return _digest(version.encode(), *(r.encode() for r in rows))


def module_rows(modules: Iterable[str]) -> list[tuple[str, str]]:
    """The file of each of ``modules`` outside orgmodel (a plugin's rules), with its size and time.

    Every loaded module of the same top-level package counts too: a plugin's
    rules that import a helper module of their own change with it.
    """
    root = Path(__file__).parent
    wanted = set(modules)
    packages = {name.partition(".")[0] for name in wanted} - {"orgmodel"}
    wanted.update(name for name in list(sys.modules) if name.partition(".")[0] in packages)
    rows = []
    for module in sorted(wanted):
        path = getattr(sys.modules.get(module), "__file__", None)
        if path and not Path(path).is_relative_to(root):
            rows.append((path, _stat_row(path)))
    return rows


def _stat_row(path: str) -> str:
    try:
        status = os.stat(path)
    except OSError:
        return f"{path} -"
    return f"{path} {status.st_size} {status.st_mtime_ns}"


def file_digests(names: Iterable[str]) -> list[tuple[str, str]]:
    """Each file by name with the hash of its bytes ('-' when it cannot be read)."""
    return [(name, _file_digest(name)) for name in names]


def unchanged(digests: Iterable[tuple[str, str]], rows: Iterable[tuple[str, str]] = ()) -> bool:
    """Whether every file still has its hash (``file_digests``) and every module file its row."""
    return all(_file_digest(name) == digest for name, digest in digests) and all(
        _stat_row(path) == row for path, row in rows
    )


class Cache:
    """The checked models of one run's settings (``run``: the settings' key), in ``directory``."""

    def __init__(
        self,
        directory: Path,
        run: str,
        key: bytes,
        *,
        chain: Iterable[tuple[str, str]] = (),
        code: Iterable[tuple[str, str]] = (),
        inside: bool = False,
    ) -> None:
        self.directory, self.run, self.key = directory, run, key
        self.inside = inside  # a directory inside a cache's: its .gitignore covers this one
        # what of the run's key lives in files: the ruleset's (by hash) and a plugin's rule modules (stat)
        self.chain, self.code = list(chain), list(code)
        self._ready = False

    def entry(self, name: str, raw: bytes) -> Path:
        """Where the entry of the file ``name`` with content ``raw`` is kept."""
        key = _digest(self.run.encode(), name.encode(), raw)
        return self.directory / key[:2] / key

    def _linked(self, path: Path) -> bool:
        """Whether a symlink lies on the way from the cache's directory down to ``path`` (or is it).

        A pull request may commit ``.orgmodel_cache`` (or a directory or an
        entry inside it) as a symlink out of the repository: such a cache is
        neither read nor written, so nothing is ever written outside it.
        """
        root = self.directory.parent if self.inside else self.directory
        try:
            below = path.relative_to(root).parts
        except ValueError:
            return True
        step = root
        for part in ("", *below):
            step = step / part if part else step
            if step.is_symlink():
                return True
        return False

    def get(self, name: str, raw: bytes) -> Any | None:
        """What is kept for ``name`` with these bytes (its first part), or None (absent, corrupt, stale)."""
        path = self.entry(name, raw)
        if self._linked(path):
            return None
        try:
            with open_regular(path) as stored:
                head = stored.read(_HEAD)
                size = int.from_bytes(head[_HEAD - _LENGTH :], "little")
                body = stored.read(min(size, os.fstat(stored.fileno()).st_size))
        except OSError:
            return None
        kept = self._opened(head[: len(MAGIC)], head[len(MAGIC) : _HEAD - _LENGTH], body)
        if not isinstance(kept, tuple) or len(kept) != 2:
            return None
        parts, summary = kept
        return summary if unchanged(parts) else None

    def whole(self, name: str, raw: bytes) -> Any | None:
        """The second part kept for ``name`` with these bytes (the whole result), or None."""
        path = self.entry(name, raw)
        if self._linked(path):
            return None
        try:
            with open_regular(path) as handle:
                stored = handle.read()
        except OSError:
            return None
        rest = stored[_HEAD + int.from_bytes(stored[_HEAD - _LENGTH : _HEAD], "little") :]
        return self._opened(stored[: len(MAGIC)], rest[:_SIGNATURE], rest[_SIGNATURE:])

    def _opened(self, magic: bytes, signature: bytes, body: bytes) -> Any | None:
        """``body`` unpickled if it carries our signature, else None (never unpickled)."""
        if magic != MAGIC or not body or not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            return pickle.loads(body)
        except Exception:  # signed by us but unreadable now: treated as absent, and rewritten
            return None

    def put(self, name: str, raw: bytes, kept: Any, parts: Iterable[str], whole: Any = None) -> None:
        """Keep ``kept`` (and ``whole``, read apart) for ``name`` with these bytes and its ``parts``' hashes.

        A cache that cannot be written (read-only directory, full disk) or a
        ``kept`` that cannot be pickled is left alone: the run goes on
        without it. A ``whole`` that cannot be pickled (a plugin's value) is
        left out: who asks for it gets the file checked again.
        """
        hashes = [(path, _file_digest(path)) for path in parts]
        try:
            head = pickle.dumps((hashes, kept), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a plugin's unpicklable value: the run goes on, uncached
            return
        try:
            body = pickle.dumps(whole, protocol=pickle.HIGHEST_PROTOCOL) if whole is not None else b""
        except Exception:
            body = b""
        signed = self._sign(body) if body else bytes(_SIGNATURE)
        entry = MAGIC + self._sign(head) + len(head).to_bytes(_LENGTH, "little") + head + signed + body
        try:
            self._prepare()
            path = self.entry(name, raw)
            if self._linked(path.parent):
                return
            path.parent.mkdir(exist_ok=True)
            write_bytes_atomically(path, entry, durable=False)
        except Exception:  # unwritable: the run goes on, uncached
            return

    def _sign(self, body: bytes) -> bytes:
        return hmac.new(self.key, body, hashlib.sha256).digest()

    def _prepare(self) -> None:
        if self._ready:
            return
        if self._linked(self.directory):
            raise OSError(errno.ELOOP, "the cache directory is a symlink: not used")
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not self.inside and not ignore.exists():
            write_bytes_atomically(ignore, b"# created by orgmodel: the cache is never committed\n*\n")
        self._ready = True


def _file_digest(path: str) -> str:
    try:
        with open_regular(path) as handle:  # a ruleset of the chain, already read within the limits
            return _digest(handle.read())
    except OSError:
        return "-"


def user_key() -> bytes | None:
    """The user's own signing key, made on first use; None when it can be neither read nor made.

    Two runs making it at once agree: each links its new key into place only
    if no key is there yet, then both read the one that is.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "orgmodel" / "cache-key"
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".cache-key.", dir=path.parent)  # mode 0600
        try:
            os.write(fd, secrets.token_hex(32).encode())
            os.close(fd)
            try:
                os.link(temporary, path)
            except FileExistsError:  # another run made it first, or an unreadable short one is there
                if len(path.read_bytes()) < 32:
                    os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return path.read_bytes()
    except OSError:
        return None


def open_cache(directory: Path, chain: Iterable[str], modules: Iterable[str], selection: str) -> Cache | None:
    """The cache in ``directory`` for a run's settings; None when the user has no key and none can be made.

    ``chain``: the ruleset's files; ``modules``: the modules of the rules that run
    (a plugin's are fingerprinted too); ``selection``: the selection and the rules it leaves.
    """
    key = user_key()
    if key is None:
        return None
    chain_hashes, code = file_digests(chain), module_rows(modules)
    settings = [
        code_fingerprint(modules),
        _digest(*(f"{name} {digest}".encode() for name, digest in chain_hashes)),
        selection,
        *run_settings(),
    ]
    return Cache(directory, _digest(*(s.encode() for s in settings)), key, chain=chain_hashes, code=code)


def run_settings() -> list[str]:
    """What else a result depends on: the language, the working directory, the ``ORGMODEL_*`` limits."""
    limits = sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("ORGMODEL_"))
    return [language(), os.getcwd(), *limits]
