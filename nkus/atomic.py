"""Writing a file so that nothing is lost or half-written: the one way nkus writes its files (an
export's `-o`, a chart, the caches).

- A regular file is replaced atomically: the new content goes to a temporary file made with
  exclusive creation and a random name in the same folder (`tempfile.mkstemp`), flushed to disk and
  renamed over the target, keeping the target's permissions. A failure or an interruption removes
  the temporary file and leaves the target as it was.
- A symbolic link is followed, as a shell's `>` would: its target is what gets written.
- A target that exists and is not a regular file (a FIFO, a device, a socket) is opened and
  written in place, never replaced.
- A read-only target is refused unless `force` is given (as `cp` and `mv -i` would ask).
"""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager, suppress

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import BinaryIO


class Refused(OSError):
    """The target may not be written as asked (read-only without `force`, or a folder)."""


@contextmanager
def replacing(path: str, *, force: bool = False, durable: bool = True, special: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write the new content of `path` into; the content takes its place only
    when the block ends without an exception. `durable`: flushed to disk before the rename.
    `special=False` (a cache): a FIFO or device at `path` is replaced like a file, never opened."""
    real = os.path.realpath(path)
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise Refused(21, "is a folder", path)
    if special and st is not None and not stat.S_ISREG(st.st_mode):
        with open(real, "wb") as fh:  # a FIFO or a device: written as it is
            yield fh
        return
    # Read-only by its mode (no write bit for anyone): as root os.access would say it may be written.
    if special and st is not None and not force and (not st.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise Refused(13, "read-only (give --force to replace it)", path)
    import tempfile

    folder, name = os.path.split(real)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        keep = st is not None and stat.S_ISREG(st.st_mode)
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if keep and st is not None else 0o666 & ~_umask())
        os.replace(tmp, real)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def replacing_path(path: str) -> Iterator[str]:
    """A new path in the folder of `path` for a program that writes files by name (SQLite); the
    file there takes the place of `path` when the block ends without an exception."""
    import tempfile

    real = os.path.realpath(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=os.path.dirname(real) or ".")
    os.close(fd)
    os.unlink(tmp)  # the program makes it
    try:
        yield tmp
        os.replace(tmp, real)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
