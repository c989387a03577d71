"""Which kind of table a workbook holds, told by its header."""

from __future__ import annotations

from itertools import islice
from typing import Literal

from yifeng.io._ledger import _find_header as ledger_header
from yifeng.io._locate import HEADER_SCAN
from yifeng.io._tasktable import find_header as task_header
from yifeng.io._engines import Engine
from yifeng.io._workbook import Source, open_workbook


def table_kind(source: Source, engine: Engine = "auto") -> Literal["ledger", "tasks"] | None:
    """"ledger" or "tasks" for the first sheet whose header reads as a 台账 or a 分工表."""
    book = open_workbook(source, engine)
    try:
        for name in book.sheet_names:
            head = list(islice(book.sheet(name).rows(), HEADER_SCAN))
            if ledger_header(head) is not None:
                return "ledger"
            if task_header(head) is not None:
                return "tasks"
    finally:
        book.close()
    return None
