"""Many files, every core: a function run on each file in a pool of processes.

A week's 台账 from a city or province are thousands of small workbooks; reading them is
pure CPU work, so they are read in worker processes, a few at a time each, and their
results come back in the files' order as they are ready. A file that cannot be read is
a result too (its message), never the end of the run — even one that makes its worker
process die: the files that were in flight are then tried again one at a time, each in
a process of its own, and only the one that kills its process again is given up.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import IO, TYPE_CHECKING, Final, Generic, TypeVar

import attrs

from yifeng._said import describe_os_error
from yifeng.errors import YifengError

if TYPE_CHECKING:
    from yifeng.io._engines import Engine
    from yifeng.model import Campaign, Ledger, WeeklyTally

T = TypeVar("T")

SERIAL_BELOW: Final = 8
"""Fewer files than this are read in this process: starting workers would cost more."""

_PER_WORKER: Final = 4  # batches queued per worker: enough to keep it busy, few to hold results
_BATCH: Final = 16  # files in a batch, at most
_DIED: Final = "读取时处理进程意外退出（文件可能已损坏，或占用内存过多）"


@attrs.frozen
class Failed:
    """A file that could not be used, and why, in one Chinese line."""

    path: str
    reason: str


@attrs.frozen
class Done(Generic[T]):
    path: str
    value: T


def describe(error: BaseException) -> str:
    """One Chinese line for what went wrong with one file."""
    if isinstance(error, OSError):
        return describe_os_error(error)
    if isinstance(error, YifengError):
        return str(error).replace("\n", " ")
    if isinstance(error, MemoryError):
        return "内存不足，无法读取"
    return f"yifeng 内部错误（{type(error).__name__}: {error}）；请把这一行和该文件报告给维护者"


def _guarded(function: Callable[[str], T], path: str) -> Done[T] | Failed:
    try:
        return Done(path, function(path))
    except Exception as error:  # noqa: BLE001 - one file's failure, whatever it is, is that file's result
        return Failed(path, describe(error))


class Progress:
    """"已处理 120/2000 个文件" on one line of a terminal, redrawn at most a few times a
    second; nothing when the stream is not a terminal (piped, in a notebook, in a log)."""

    def __init__(self, total: int, what: str, stream: IO[str] | None = None, *, after: float = 1.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = self.stream.isatty() and total > 0
        self.total, self.what, self.done = total, what, 0
        self.start = self.last = time.monotonic()
        self.after = after  # seconds before the line first appears: quick runs stay quiet

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.shown and now - self.start >= self.after and (now - self.last >= 0.2 or self.done == self.total):
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            left = (self.total - self.done) / rate if rate else 0
            self.stream.write(f"\r{self.what} {self.done}/{self.total} 个文件（{rate:,.0f} 个/秒，约剩 {left:,.0f} 秒）\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        if self.shown and self.last > self.start:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def processes() -> int:
    """Worker processes to use: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_each(
    function: Callable[[str], T],
    paths: Iterable[str],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Iterator[Done[T] | Failed]:
    """``function(path)`` for each path, in worker processes, yielded in the paths' order.

    ``function`` must be picklable (a module-level function, or a ``functools.partial``
    of one). Whatever it raises becomes a :class:`Failed` naming the file. ``workers``:
    how many processes (default: one per CPU); 1, or fewer than :data:`SERIAL_BELOW`
    files, runs here, without a pool.
    """
    chosen = list(paths)
    count = workers if workers is not None else processes()
    try:
        if count <= 1 or len(chosen) < SERIAL_BELOW:
            for path in chosen:
                yield _guarded(function, path)
                if progress is not None:
                    progress.step()
            return
        yield from _pooled(function, chosen, count, progress)
    finally:
        if progress is not None:
            progress.close()


def _each(function: Callable[[str], T], paths: list[str]) -> list[Done[T] | Failed]:
    """``function`` on a few files in one worker: one trip to the worker and back for them all."""
    return [_guarded(function, path) for path in paths]


def batch_size(files: int, workers: int) -> int:
    """Files sent to a worker at once: enough that the pool's round trip (a fraction of a
    millisecond) costs little next to reading them (2-3 ms a small file), few enough that
    each worker gets many batches and all finish together."""
    return max(1, min(_BATCH, files // (workers * 16)))


def _pooled(function: Callable[[str], T], paths: list[str], workers: int,
            progress: Progress | None) -> Iterator[Done[T] | Failed]:
    size = batch_size(len(paths), workers)
    queue = deque(paths[start:start + size] for start in range(0, len(paths), size))
    while queue:
        suspects: list[str] = []
        with ProcessPoolExecutor(workers) as pool:
            flight: deque[tuple[list[str], Future[list[Done[T] | Failed]]]] = deque()
            try:
                while queue or flight:
                    while queue and len(flight) < workers * _PER_WORKER:
                        # Taken from the queue only once submitted: a broken pool refuses
                        # the submission, and the files must stay queued, not vanish.
                        future = pool.submit(_each, function, queue[0])
                        flight.append((queue.popleft(), future))
                    batch, future = flight[0]
                    results = future.result()
                    flight.popleft()
                    for result in results:
                        yield result
                        if progress is not None:
                            progress.step()
            except BrokenProcessPool:
                # A worker died (an abort in a native library, the kernel's OOM killer):
                # every file in flight is a suspect. Each is tried alone; the rest go on.
                suspects = [path for batch, _ in flight for path in batch]
        for path in suspects:
            yield _alone(function, path)
            if progress is not None:
                progress.step()
        # The files not yet started go on in a fresh pool.


def _alone(function: Callable[[str], T], path: str) -> Done[T] | Failed:
    """One file in a process of its own: its result, or :data:`_DIED` if it kills it."""
    try:
        with ProcessPoolExecutor(1) as pool:
            return pool.submit(_guarded, function, path).result()
    except BrokenProcessPool:
        return Failed(path, _DIED)


def ledger_file(path: str, *, engine: Engine = "auto", campaign: Campaign | None = None) -> Ledger:
    """One file's 台账 (for a pool: a module-level function)."""
    from yifeng.io._ledger import read_ledger

    return read_ledger(path, engine=engine, campaign=campaign)


def filed_ledger_file(path: str, *, engine: Engine = "auto", campaign: Campaign | None = None) -> Ledger:
    """One file's 台账 with each row carrying its filer, as :func:`~yifeng.model.merge_ledgers`
    gives them: done in the worker, so that the parent only joins the rows."""
    from yifeng.io._ledger import read_file

    return read_file(path, engine=engine, campaign=campaign, filed=True)


def tally_file(path: str, *, as_of: dt.date, engine: Engine = "auto", mask: bool = False) -> WeeklyTally:
    """One file's weekly figures: what a worker sends back instead of the whole ledger."""
    from yifeng.io._ledger import read_file
    from yifeng.model import WeeklyTally, mask_ledger

    # The report lists no diagnostics; its rows are counted under their filers.
    ledger = read_file(path, engine=engine, checked=False, filed=True)
    tally = WeeklyTally(as_of)
    tally.add(mask_ledger(ledger) if mask else ledger)
    return tally
