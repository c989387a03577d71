"""Writing files so that a failure never destroys what was there."""

from __future__ import annotations

import contextlib
import os
import queue
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from typing import IO, Final, Protocol


def _mode_for(target: str) -> int:
    """The mode the written file should have: the old file's, or a new file's under
    this process's umask (mkstemp's own 0600 would make it private)."""
    if os.path.exists(target):
        return stat.S_IMODE(os.stat(target).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str] | IO[bytes]) -> Iterator[str | IO[bytes]]:
    """Where to write ``target``: for a path, a temporary file beside it that replaces it
    only when the block completes (an atomic rename); a file object is used as it is, and
    cut back to where it stood when the block fails (if it can seek: a pipe keeps what
    was written)."""
    if not isinstance(target, (str, os.PathLike)):
        start = _position(target)
        try:
            yield target
        except BaseException:
            if start is not None:
                with contextlib.suppress(OSError, ValueError):
                    target.seek(start)
                    target.truncate()
            raise
        return
    path = os.fspath(target)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".yifeng-", suffix=os.path.splitext(path)[1], dir=folder)
    except OSError as exc:  # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, path) from None
    os.close(handle)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _position(stream: IO[bytes]) -> int | None:
    """Where a file object stands, if it can go back there."""
    try:
        return stream.tell() if stream.seekable() else None
    except (AttributeError, OSError, ValueError):
        return None


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through :func:`replacing`, synced to disk."""
    with replacing(path) as temporary:
        assert isinstance(temporary, str)
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())


class _Closable(Protocol):
    def close(self) -> None: ...


def close_workbook(book: _Closable) -> None:
    """Close an XlsxWriter workbook; a file it cannot create raises the OSError behind
    XlsxWriter's own FileCreateError."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        book.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            raise cause from None
        raise OSError(str(exc)) from None


# Characters encoded and handed to the writing thread at once, and chunks queued for it.
# Each chunk costs the writing thread a few waits for the interpreter (up to its switch
# interval, 5 ms, while the making thread runs Python): two million characters make
# those waits few next to compressing the chunk — a merged province ledger writes 0.1 s
# sooner than with one million — and two queued keep the memory at about 20 MB.
_BUFFERED: Final = 2 << 20
_QUEUED: Final = 2


def write_behind(out: IO[bytes], texts: Iterable[str], name: str) -> None:
    """Write ``texts`` to ``out`` (a part of a zip being written: compressing it) as UTF-8,
    a few megabytes at a time, on a second thread, named ``name``, while the next are made —
    zlib lets go of the interpreter while it works, so making and compressing take two
    cores. Whatever the writing raises is raised here, once the chunks made so far are put."""
    waiting: queue.Queue[bytes | None] = queue.Queue(maxsize=_QUEUED)
    failed: list[BaseException] = []

    def drain() -> None:
        try:
            while (chunk := waiting.get()) is not None:
                out.write(chunk)
        except BaseException as exc:  # handed to the caller's thread below
            failed.append(exc)
            while waiting.get() is not None:  # let the maker finish putting
                pass

    writer = threading.Thread(target=drain, name=name, daemon=True)
    writer.start()
    try:
        for chunk in _encoded(texts):
            if failed:
                break
            waiting.put(chunk)
    finally:
        waiting.put(None)
        writer.join()
    if failed:
        raise failed[0]


def _encoded(texts: Iterable[str]) -> Iterator[bytes]:
    pending: list[str] = []
    size = 0
    for text in texts:
        pending.append(text)
        size += len(text)
        if size >= _BUFFERED:
            yield "".join(pending).encode("utf-8")
            pending.clear()
            size = 0
    yield "".join(pending).encode("utf-8")
