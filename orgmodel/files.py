"""Opening a file a pull request may have planted: only a regular file, never blocking.

A repository can commit a symlink to ``/dev/zero``, a FIFO or a socket where
a model, a configuration, a baseline or a ruleset is expected. Everything
orgmodel reads of such files goes through ``open_regular``, which refuses
anything but a regular file before reading a byte, and never waits for a
FIFO's writer.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from orgmodel.i18n import _

# every file opened through open_regular in this process, as (device, inode): what the run read,
# which an output file (-o) must never replace
_READ: set[tuple[int, int]] = set()


def was_read(path: str | Path) -> bool:
    """Whether ``path`` is (a link to) a file this process read through ``open_regular``."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    return (info.st_dev, info.st_ino) in _READ


def open_regular(path: str | Path) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file; OSError otherwise.

    The file is opened without blocking, so a FIFO (a symlink to one in a
    pull request) is refused at once instead of waiting for a writer; a
    device such as ``/dev/zero`` is refused before a byte is read.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFOs to wait on
    descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, _("it is not a regular file (a device, a pipe or a socket)"))
        _READ.add((info.st_dev, info.st_ino))
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    if nonblocking:
        os.set_blocking(descriptor, True)
    return handle
