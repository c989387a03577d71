"""write_behind: text made on one thread, encoded and written on another."""

from __future__ import annotations

import io
import threading

import pytest

from yifeng._files import write_behind


def test_texts_over_many_chunks_arrive_whole_and_in_order():
    # Rows of mixed width (CJK takes three bytes) adding up to several chunks' worth.
    rows = [f"<row r=\"{n}\">第{n}条：发现问题，已整改。{'x' * (n % 97)}</row>" for n in range(300_000)]
    out = io.BytesIO()
    write_behind(out, iter(rows), "test-writer")
    assert out.getvalue() == "".join(rows).encode("utf-8")


def test_nothing_to_write_writes_nothing():
    out = io.BytesIO()
    write_behind(out, iter([]), "test-writer")
    assert out.getvalue() == b""


class _Full(io.RawIOBase):
    """A target that takes a few bytes and then fails, as a full disk does."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.taken = 0

    def writable(self) -> bool:
        return True

    def write(self, data):  # type: ignore[no-untyped-def]
        if self.taken + len(data) > self.room:
            raise OSError(28, "No space left on device")
        self.taken += len(data)
        return len(data)


def test_a_failing_target_is_raised_to_the_caller_and_the_making_stops():
    made = 0

    def rows():
        nonlocal made
        for n in range(2_000_000):
            made += 1
            yield f"第{n}行" * 20

    with pytest.raises(OSError, match="No space left"):
        write_behind(_Full(room=10), rows(), "test-writer")
    assert made < 2_000_000  # it stopped making once the writer failed
    assert not any(t.name == "test-writer" for t in threading.enumerate())  # the thread is gone
