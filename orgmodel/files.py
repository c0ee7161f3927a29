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


def open_regular(path: str | Path) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file; OSError otherwise.

    The file is opened without blocking, so a FIFO (a symlink to one in a
    pull request) is refused at once instead of waiting for a writer; a
    device such as ``/dev/zero`` is refused before a byte is read.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFOs to wait on
    descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, _("it is not a regular file (a device, a pipe or a socket)"))
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    if nonblocking:
        os.set_blocking(descriptor, True)
    return handle
