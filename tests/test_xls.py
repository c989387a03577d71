"""Legacy .xls workbooks are read by calamine in a child process of their own.

A hand-made BIFF8 file (tests/data/found, from a review) with a cell at column 65,535, a
DIMENSIONS record claiming 2^32 rows or a loop in its sector chains once made calamine
reserve gigabytes and end the interpreter; the hostile corpus reads each of them in the
supervised workers. Here: a plain one is read, and a bad one is refused in-process —
its reader dies, this interpreter does not.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from yifeng.errors import TableFormatError
from yifeng.io import Limits
from yifeng.io._workbook import open_workbook

pytest.importorskip("python_calamine")

FOUND = Path(__file__).parent / "data" / "found"


def test_a_legacy_workbook_is_read_in_a_child_process():
    # Two NUMBER records: 1 at A1, 2 at B2.
    book = open_workbook(io.BytesIO((FOUND / "ledger-ok.xls").read_bytes()), "calamine")
    try:
        sheet = book.sheet(book.sheet_names[0])
        assert [tuple(row) for row in sheet.rows()] == [(1, None), (None, 2)]
        assert sheet.merges() == [] and sheet.flagged == {}
    finally:
        book.close()


@pytest.mark.parametrize("name", ["ledger-xls_u16max.xls", "ledger-xls_dims_huge.xls", "ledger-cfb_dir_cycle.xls"])
def test_a_legacy_workbook_that_kills_its_reader_is_refused(name):
    with pytest.raises(TableFormatError, match="旧版 .xls 文件已损坏或超出上限，读取它的进程异常退出"):
        open_workbook(io.BytesIO((FOUND / name).read_bytes()), "calamine")


def test_a_legacy_sheet_past_the_cell_limit_is_refused_before_its_cells_are_read():
    with pytest.raises(TableFormatError, match="的单元格范围 2 行 × 2 列，超过上限 3 个单元格"):
        open_workbook(FOUND / "ledger-ok.xls", "calamine", Limits(cells=3))


def test_openpyxl_still_sends_a_legacy_workbook_back_to_excel():
    with pytest.raises(TableFormatError, match="这是旧版 .xls 格式"):
        open_workbook(FOUND / "ledger-ok.xls", "openpyxl")


def test_a_sheet_is_measured_from_row_1_and_column_a_and_the_workbook_as_a_whole():
    # Cells only in column 65,535 (width 1 as calamine counts it, each row padded back to
    # column A as read); 16 sheets of 65,536 x 32 (2.1 million cells each, 33.6 million in all).
    with pytest.raises(TableFormatError, match="工作表“S0”的单元格范围 65536 行 × 65536 列，超过上限 20000000"):
        open_workbook(FOUND / "ledger-xls_col65535_1sheet.xls", "calamine")
    with pytest.raises(TableFormatError, match="各工作表合计已有 2[0-9]{7} 个单元格，超过上限 20000000"):
        open_workbook(FOUND / "ledger-xls_65536x32_16sheets.xls", "calamine")
