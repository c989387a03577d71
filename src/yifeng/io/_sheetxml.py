"""The rows of a long sheet written as SpreadsheetML directly, into a workbook XlsxWriter made.

XlsxWriter spends about 7 µs on a cell (a call, a bounds check, a tuple, three regular
expressions and a format lookup each); a merged province ledger is a million cells. The
body rows are all alike — text, a number, a date, one hidden key — so they are written
here as the XML XlsxWriter itself would write in its ``constant_memory`` mode (inline
strings, the same escapes), into the package XlsxWriter made for everything else: styles,
widths, the title and header, notes, merges, print setup, frozen panes.

The way in is public: the caller writes a *marker row* where the body begins, one cell in
each format the body uses; :func:`splice` reads the style indices from that row of the
finished package, and puts the body rows in its place.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import IO, Final

from yifeng._files import write_behind

#: What XlsxWriter escapes in a cell's text, in one search: markup, control characters
#: (``_xHHHH_``), the two non-characters, and literal ``_xHHHH_`` (escaped itself).
_SPECIAL: Final = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_LITERAL_ESCAPE: Final = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f]")
_EPOCH: Final = dt.date(1899, 12, 31)
_LEAP_BUG: Final = 59  # Excel counts a 29 February 1900: serials after it are one more
_DEFAULT_PIXELS: Final = 20  # XlsxWriter's default row height, which it leaves unwritten
_SHEET: Final = "xl/worksheets/sheet1.xml"


def _escaped(text: str) -> str:
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda found: f"_x{ord(found[0]):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_cell(ref: str, style: int, text: str) -> str:
    """A cell holding ``text`` as an inline string ("" is a blank cell in the style)."""
    if not text:
        return f'<c r="{ref}" s="{style}"/>'
    if _SPECIAL.search(text) is not None:
        text = _escaped(text)
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def string_cell(ref: str, style: int, text: str) -> str:
    """A cell holding ``text`` as an inline string, even when it is empty."""
    if not text:
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t></t></is></c>'
    return text_cell(ref, style, text)


def number_cell(ref: str, style: int, number: float) -> str:
    return f'<c r="{ref}" s="{style}"><v>{number:.16G}</v></c>'


def date_serial(day: dt.date) -> int:
    """Excel's serial number of ``day`` (1900 date system)."""
    serial = (day - _EPOCH).days
    return serial + 1 if serial > _LEAP_BUG else serial


def row_start(number: int, height: float | None) -> str:
    """A ``<row>`` start tag for the 1-based row ``number`` of ``height`` points, as
    XlsxWriter's ``set_row`` writes it (rounded to whole pixels)."""
    if height is None:
        return f'<row r="{number}">'
    pixels = int(height * 4.0 / 3.0 + 0.5)
    if pixels == _DEFAULT_PIXELS:
        return f'<row r="{number}">'
    return f'<row r="{number}" ht="{pixels * 0.75:.16g}" customHeight="1">'


def splice(skeleton: bytes, target: str | IO[bytes], marker: int | None, last_row: int,
           body: Callable[[list[int]], Iterable[str]]) -> None:
    """Write the package ``skeleton`` to ``target`` with the 1-based ``marker`` row of its
    (only) sheet replaced by the rows ``body`` makes, given the style index of each
    cell of the marker row in turn, and the sheet's dimension ending at ``last_row``.
    With no ``marker``, the package is written as it is.

    The sheet is compressed on a thread of its own (zlib lets go of the interpreter while
    it works), so making the rows and compressing them take two cores, not one after the
    other."""
    with zipfile.ZipFile(io.BytesIO(skeleton)) as source, \
            zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            info.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != _SHEET or marker is None:
                package.writestr(info, data)
                continue
            sheet = data.decode("utf-8")
            found = re.search(f'<row r="{marker}"[^>]*>(.*?)</row>', sheet, re.S)
            if found is None:  # a defect of ours, never the user's
                raise RuntimeError(f"工作表中没有第 {marker} 行的样式标记")
            styles = [int(style) for style in re.findall(r'<c r="[A-Z]+\d+" s="(\d+)"', found[1])]
            head, tail = sheet[:found.start()], sheet[found.end():]
            head = re.sub(r'(<dimension ref="[A-Z]+\d+:[A-Z]+)\d+', lambda m: f"{m[1]}{last_row}", head, count=1)
            with package.open(info, "w", force_zip64=True) as out:
                write_behind(out, chain((head,), body(styles), (tail,)), "yifeng-sheet-writer")


_EXACT_DIGITS: Final = 10**15  # an int below this in size: "{:.16G}" writes its digits, as str() does


class BodyCells:
    """The cells of body rows, one value per column letter: a text as :func:`text_cell`
    writes it, a number, a date as its serial in ``date_style``. What every row shares —
    each column's ``<c r="A`` and each kind's styled middle — is made once here."""

    def __init__(self, letters: Sequence[str], text_style: int, date_style: int,
                 serial: Callable[[dt.date], int]) -> None:
        self.letters = list(letters)
        self.opens = [f'<c r="{letter}' for letter in letters]
        self.text_style, self.date_style, self.serial = text_style, date_style, serial
        self.text_middle = f'" s="{text_style}" t="inlineStr"><is><t>'
        self.number_middle = f'" s="{text_style}"><v>'
        self.date_middle = f'" s="{date_style}"><v>'

    def __call__(self, number: str, values: Sequence[str | int | float | dt.date], joined: str) -> str:
        """The cells of the row ``number`` (its text). ``joined`` is the row's texts joined
        by newlines: when it holds nothing to escape, no cell is searched again (the bytes
        are the same either way)."""
        text_style, date_style, serial = self.text_style, self.date_style, self.serial
        if _SPECIAL.search(joined) is not None:
            return "".join(text_cell(letter + number, text_style, value) if type(value) is str
                           else _value_cell(letter + number, text_style, date_style, value, serial)
                           for letter, value in zip(self.letters, values))
        text_middle, number_middle, date_middle = self.text_middle, self.number_middle, self.date_middle
        cells = []
        for letter, opening, value in zip(self.letters, self.opens, values):
            if type(value) is str:
                if value and not value[0].isspace() and not value[-1].isspace():
                    cells.append(f"{opening}{number}{text_middle}{value}</t></is></c>")
                else:  # blank, or spaces to keep
                    cells.append(text_cell(letter + number, text_style, value))
            elif type(value) is int and -_EXACT_DIGITS < value < _EXACT_DIGITS:
                cells.append(f"{opening}{number}{number_middle}{value}</v></c>")
            elif type(value) is dt.date:
                cells.append(f"{opening}{number}{date_middle}{serial(value)}</v></c>")
            else:
                cells.append(_value_cell(letter + number, text_style, date_style, value, serial))
        return "".join(cells)


def _value_cell(ref: str, text_style: int, date_style: int, value: str | int | float | dt.date,
                serial: Callable[[dt.date], int]) -> str:
    """A number or a date (texts are the caller's)."""
    if isinstance(value, dt.date):
        return number_cell(ref, date_style, serial(value))
    assert not isinstance(value, str)
    return number_cell(ref, text_style, value)
