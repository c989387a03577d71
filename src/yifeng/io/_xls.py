"""Legacy .xls workbooks, read by python-calamine in a child process of their own.

The guard reads only zips (.xlsx); a legacy .xls (an OLE compound file of BIFF records)
goes to calamine as it is, and calamine sizes a sheet from its records: a cell at column
65,535, a DIMENSIONS record claiming 2^32 rows or a loop in the file's sector chains made
it reserve gigabytes and end the interpreter. So the whole workbook is read in a child
interpreter with its memory capped (where the system can cap it) and each sheet's area
checked against :class:`~yifeng.io.Limits` before its cells become Python objects; a
child that dies or runs out of time is a :class:`~yifeng.errors.TableFormatError`, and
the rows come back as plain values.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from yifeng.errors import TableFormatError
from yifeng.io._guard import Limits

if TYPE_CHECKING:
    from yifeng.io._workbook import Merge, Row

MEMORY: Final = 1 << 30
"""Bytes of address space the child may take (beyond what the interpreter needs)."""
SECONDS: Final = 120
_BASELINE: Final = 512 << 20
"""Address space a fresh interpreter with python-calamine maps before reading (its
libraries), so that the cap is on what reading takes."""

_CHILD: Final = r"""
import io, pickle, sys
try:
    import resource
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
except (ImportError, ValueError, OSError):
    pass
import python_calamine
data = sys.stdin.buffer.read()
cells = int(sys.argv[2])
try:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
except python_calamine.PasswordError:
    pickle.dump(("password",), sys.stdout.buffer); sys.exit(0)
except BaseException as error:
    pickle.dump(("error", f"{type(error).__name__}: {str(error)[:200]}"), sys.stdout.buffer); sys.exit(0)
sheets = []
total = 0
for name in book.sheet_names:
    try:
        sheet = book.get_sheet_by_name(name)
        start = sheet.start or (0, 0)
        # What the rows will hold: iter_rows starts at row 1, and the parent pads each row
        # back to column A (below); counted over the whole workbook.
        tall, wide = start[0] + sheet.height, start[1] + max(sheet.width, 1)
        total += tall * wide
        if tall * wide > cells:
            pickle.dump(("cells", name, tall, wide), sys.stdout.buffer); sys.exit(0)
        if total > cells:
            pickle.dump(("total", name, total), sys.stdout.buffer); sys.exit(0)
        rows = [list(row) for row in sheet.iter_rows()]
        merges = [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
        sheets.append((name, start, rows, merges))
    except BaseException as error:
        pickle.dump(("error", f"{type(error).__name__}: {str(error)[:200]}"), sys.stdout.buffer); sys.exit(0)
pickle.dump(("ok", sheets), sys.stdout.buffer)
"""


class XlsSheet:
    """One sheet of a legacy workbook, its cells already read."""

    def __init__(self, name: str, start: tuple[int, int], rows: list[list[object]], merges: list[Merge]) -> None:
        from yifeng.io._workbook import calamine_rows

        self.name = name
        self.flagged: dict[tuple[int, int], tuple[str, str]] = {}
        self._rows: list[Row] = list(calamine_rows(start, rows))
        self._merges = merges

    def merges(self) -> list[Merge]:
        return list(self._merges)

    def rows(self) -> Iterator[Row]:
        return iter(self._rows)


class XlsBook:
    """A legacy workbook read whole in a child process (see the module's docstring)."""

    def __init__(self, name: str, sheets: list[XlsSheet]) -> None:
        self.name = name
        self._sheets = {sheet.name: sheet for sheet in sheets}
        self.sheet_names = [sheet.name for sheet in sheets]

    def sheet(self, name: str) -> XlsSheet:
        return self._sheets[name]

    def close(self) -> None:
        self._sheets = {}


def read_xls(data: bytes, name: str, limits: Limits) -> XlsBook:
    """The workbook in ``data`` (an OLE file), read in a child process."""
    if len(data) > limits.file_bytes:
        raise TableFormatError(f"{name}：文件太大，超过上限（可用 limits=Limits(file_bytes=…) 放宽）")
    env = dict(os.environ, RUST_BACKTRACE="0")
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(MEMORY + _BASELINE), str(limits.cells)],
                              input=data, capture_output=True, timeout=SECONDS, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise TableFormatError(f"{name}：旧版 .xls 文件 {SECONDS} 秒内未能读完，已放弃；请用 Excel 另存为 .xlsx 后再导入") from None
    try:
        answer = pickle.loads(done.stdout) if done.returncode == 0 and done.stdout else None  # noqa: S301 - our own child
    except Exception:  # noqa: BLE001 - a truncated answer is a failed read
        answer = None
    if answer is None:
        raise TableFormatError(f"{name}：旧版 .xls 文件已损坏或超出上限，读取它的进程异常退出；请用 Excel 另存为 .xlsx 后再导入")
    if answer[0] == "password":
        from yifeng.io._workbook import encrypted

        raise encrypted(name)
    if answer[0] == "error":
        raise TableFormatError(f"{name}：旧版 .xls 文件不完整或已损坏，无法读取（{answer[1]}）")
    if answer[0] == "total":
        raise TableFormatError(f"{name}：读到工作表“{answer[1]}”时，各工作表合计已有 {answer[2]} 个单元格，"
                               f"超过上限 {limits.cells} 个（可用 limits=Limits(cells=…) 放宽）")
    if answer[0] == "cells":
        raise TableFormatError(f"{name}：工作表“{answer[1]}”的单元格范围 {answer[2]} 行 × {answer[3]} 列，"
                               f"超过上限 {limits.cells} 个单元格（可用 limits=Limits(cells=…) 放宽）")
    return XlsBook(name, [XlsSheet(*sheet) for sheet in answer[1]])

