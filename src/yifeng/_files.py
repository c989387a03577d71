"""Writing files so that a failure never destroys what was there."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed
    over ``path`` once complete (an atomic replace on POSIX and Windows)."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=".yifeng-", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); give it the mode the file had, or the one
        # a new file gets under this process's umask.
        if os.path.exists(target):
            mode = stat.S_IMODE(os.stat(target).st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
