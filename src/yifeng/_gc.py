"""The cyclic garbage collector paused while a large document becomes model objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Reading a large sheet or JSON document makes hundreds of thousands of objects and
    no cycles, while Python's cycle collector walks the whole heap again each time enough
    have been made (a tenth of a 100,000-row read, half of a large JSON load). It is
    paused for the block (unless it already was) and enabled again afterwards. There is
    one collector per process: another thread's cycles wait for the block too."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
