"""How the workbooks yifeng writes print: column widths and row heights from their
content and the page setup, one set of rules for every writer.

XlsxWriter cannot autofit, and Excel and LibreOffice print a row at its stored height:
a wrapped cell taller than its row is printed over the rows below it. So each row's
height is computed here from the lines its cells wrap into.
"""

from __future__ import annotations

import math
from itertools import compress, count
from operator import gt
from collections.abc import Iterable, Sequence
from typing import Any, Final

from yifeng._text import width

_PIXELS_PER_UNIT: Final = 7.0  # one unit of Excel column width: a "0" of the default font
_FILL: Final = 0.9  # of a line's room that text fills before it wraps (fonts differ by reader)
_LINE: Final = 1.45  # line height over font size, for the CJK fonts Office and LibreOffice use
_PADDING: Final = 4.0  # points above and below a row's text


def _units_per_char(size: float) -> float:
    """Excel width units one full-width character of ``size`` points takes."""
    return size * 96 / 72 / _PIXELS_PER_UNIT


def column_width(texts: Iterable[str], size: float, *, least: float = 6, most: float = 40) -> float:
    """A column width (Excel units) that holds the widest of ``texts`` on one line,
    between ``least`` and ``most`` (longer text wraps)."""
    widest = max((width(line) for text in texts for line in text.split("\n")), default=0.0)
    return round(min(most, max(least, widest * _units_per_char(size) / _FILL + 1.5)), 1)


def _room(column: float, size: float) -> float:
    """How many full-width characters a line of a column ``column`` units wide holds."""
    return max(1.0, (column - 1) / _units_per_char(size) * _FILL)


def lines(text: str, column: float, size: float) -> int:
    """How many lines ``text`` wraps into in a column ``column`` units wide."""
    return _lines_in(text, _room(column, size))


def _lines_in(text: str, room: float) -> int:
    """How many lines ``text`` wraps into where a line holds ``room`` full-width characters."""
    if "\n" not in text:
        # No character is wider than one: a text no longer than the room is surely one line.
        return 1 if len(text) <= room else max(1, math.ceil(width(text) / room))
    return sum(max(1, math.ceil(width(line) / room)) for line in text.split("\n"))


def row_height(cells: Sequence[tuple[str, float]], size: float) -> float:
    """The height in points of a row whose cells are (text, column width) pairs."""
    return RowHeights([column for _, column in cells], size)([text for text, _ in cells])


class RowHeights:
    """The heights of many rows with the same column ``widths`` (Excel units) and font
    ``size``: each column's room worked out once, each long text measured once."""

    def __init__(self, widths: Sequence[float], size: float) -> None:
        self.widths = list(widths)
        self.size = size
        per_unit = _FILL / _units_per_char(size)
        # A cell no longer than this, without breaks, is one line: only the others are measured.
        self.surely_one_line = [(column - 1) * per_unit for column in self.widths]
        self.rooms = [_room(column, size) for column in self.widths]
        self.measured: list[dict[str, int]] = [{} for _ in self.widths]  # per column: text → lines
        self.heights: dict[int, float] = {}  # lines → the row's height

    def __call__(self, texts: Sequence[str], joined: str | None = None) -> float:
        """The height in points of a row of ``texts``, one for each column (fewer leave the
        rest blank); ``joined``, the texts joined by newlines, when the caller has it."""
        if joined is None:
            joined = "\n".join(texts)
        rooms, measured = self.rooms, self.measured
        columns: Iterable[int]
        if joined.count("\n") == len(texts) - 1:  # no text holds a break: only long ones are measured
            columns = compress(count(), map(gt, map(len, texts), self.surely_one_line))
        else:
            surely = self.surely_one_line
            columns = [column for column, text in zip(range(len(self.widths)), texts)
                       if text and (len(text) > surely[column] or "\n" in text)]
        lines_of = 1
        for column in columns:
            text = texts[column]
            known = measured[column]
            found = known.get(text)
            if found is None:
                found = known[text] = _lines_in(text, rooms[column])
            if found > lines_of:
                lines_of = found
        height = self.heights.get(lines_of)
        if height is None:
            height = self.heights[lines_of] = round(lines_of * self.size * _LINE + _PADDING, 1)
        return height


_A4: Final = 9  # XlsxWriter's paper code
PAGE_FOOTER: Final = "&C第 &P 页，共 &N 页"


def set_print(sheet: Any, *, repeat: int, landscape: bool = True,
              margins: tuple[float, float, float, float] | None = None, header: str | None = None,
              area: tuple[int, int] | None = None) -> None:
    """A4 fit to the page width, centred, rows up to ``repeat`` (0-based) repeated on every
    page, 第 N 页，共 M 页 at the foot; ``margins`` in inches (left, right, top, bottom)
    and a centred ``header`` line when given; ``area`` (last row, last column, 0-based)
    limits what prints — not the hidden key column, whose text LibreOffice would print
    squeezed into no width. ``sheet`` is an XlsxWriter worksheet."""
    sheet.set_landscape() if landscape else sheet.set_portrait()
    sheet.set_paper(_A4)
    if margins is not None:
        left, right, top, bottom = margins
        sheet.set_margins(left=left, right=right, top=top, bottom=bottom)
    sheet.repeat_rows(repeat)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    if header is not None:
        sheet.set_header(f"&C{header}")
    sheet.set_footer(PAGE_FOOTER)
    if area is not None:
        sheet.print_area(0, 0, area[0], area[1])
