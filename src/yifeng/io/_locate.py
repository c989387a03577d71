"""Finding the sheet that holds a table, by its header, for every reader."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Final

from yifeng.errors import TableFormatError
from yifeng.io._headers import normalise_header
from yifeng.io._workbook import Row, Sheet, Workbook

HEADER_SCAN: Final = 30
"""How many rows from the top of a sheet are searched for the header."""

Header = tuple[int, dict[int, str]]  # (header row, column → field)


def fields_in(row: Row, index: dict[str, str]) -> dict[int, str]:
    """column → field for each cell of ``row`` that ``index`` knows as a header."""
    fields: dict[int, str] = {}
    for column, value in enumerate(row, start=1):
        if isinstance(value, str):
            field = index.get(normalise_header(value))
            if field is not None and field not in fields.values():
                fields[column] = field
    return fields


def locate(
    book: Workbook,
    name: str,
    wanted: str | None,
    find_header: Callable[[Sequence[Row]], Header | None],
    missing: str,
) -> tuple[Sheet, list[Row], Iterator[Row], Header]:
    """The sheet (``wanted``, or the first whose top rows hold a header), its first rows,
    the rest of its rows, and the header. Raises TableFormatError naming the file (and
    sheet) when there is none; ``missing`` says what was looked for."""
    if wanted is not None and wanted not in book.sheet_names:
        listed = "、".join(f"“{s}”" for s in book.sheet_names)
        raise TableFormatError(f"{name}：没有名为“{wanted}”的工作表（工作簿中有：{listed}）")
    candidates = [wanted] if wanted is not None else book.sheet_names
    seen_content = False
    for sheet_name in candidates:
        sheet = book.sheet(sheet_name)
        rows = sheet.rows()
        head = list(islice(rows, HEADER_SCAN))
        seen_content = seen_content or any(any(v is not None for v in row) for row in head)
        found = find_header(head)
        if found is not None:
            return sheet, head, rows, found
    if not seen_content:
        raise TableFormatError(f"{name}：工作簿是空的，没有任何内容")
    where = f"工作表“{wanted}”" if wanted is not None else f"全部 {len(candidates)} 个工作表"
    raise TableFormatError(f"{name}：在{where}中没有找到{missing}")
