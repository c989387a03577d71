"""Streaming access to .xlsx sheets through openpyxl or python-calamine, identically.

Both engines give rows as tuples of :data:`Cell` values, starting at row 1 and column A,
and the sheet's merged ranges. Values are normalised at this boundary so the engines
agree: empty cells are None, whole floats are ints, midnight datetimes are dates.

openpyxl's read-only mode streams rows but exposes no merged ranges; those are read from
the sheet part's ``<mergeCell>`` elements by a byte scan of the decompressed XML, which
costs a fraction of parsing it and never builds the sheet in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Final, Literal, Protocol, TypeAlias
from xml.etree import ElementTree

from openpyxl.utils.cell import coordinate_from_string, column_index_from_string
from openpyxl.utils.datetime import from_excel

from yifeng.errors import TableFormatError

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

Cell: TypeAlias = str | int | float | bool | dt.date | dt.datetime | dt.time | None
Row: TypeAlias = tuple[Cell, ...]
Merge: TypeAlias = tuple[int, int, int, int]
"""A merged range as (first row, first column, last row, last column), 1-based, inclusive."""
Source: TypeAlias = "str | os.PathLike[str] | IO[bytes]"
Engine: TypeAlias = Literal["auto", "openpyxl", "calamine"]

_ZIP: Final = b"PK\x03\x04"
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGE: Final = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"')
_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MIDNIGHT: Final = dt.time()


def source_name(source: Source) -> str:
    """How to name ``source`` in a message: its path, or the file object's name."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "（上传的文件）"


def normalise(value: object) -> Cell:
    """One cell value as both engines should have given it."""
    kind = type(value)
    if kind is str:
        return value if value else None  # type: ignore[return-value]
    if value is None:
        return None
    if kind is float:
        number: float = value  # type: ignore[assignment]
        return int(number) if number.is_integer() else number
    if kind is dt.datetime:
        moment: dt.datetime = value  # type: ignore[assignment]
        return moment.date() if moment.time() == _MIDNIGHT else moment
    if isinstance(value, (int, bool, dt.date, dt.time)):
        return value
    return str(value)


def cell_text(value: Cell) -> str:
    """A cell as the text it shows: "" for empty, ISO for dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def serial_date(value: Cell) -> dt.date | None:
    """The date an Excel serial number stands for, when a date cell lost its format
    (45199 → 2023-09-30); None for numbers outside 1954–2119 or anything else."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 <= value <= 80000:
        day: dt.date = from_excel(value).date()
        return day
    return None


def normalise_row(row: Sequence[object]) -> Row:
    """:func:`normalise` over a row, with the common cases (text, None, int) inline."""
    return tuple(
        [
            (value or None) if type(value) is str else value if value is None or type(value) is int
            else int(value) if type(value) is float and value.is_integer()
            else normalise(value)
            for value in row
        ]
    )


class Sheet(Protocol):
    name: str

    def merges(self) -> list[Merge]: ...

    def rows(self) -> Iterator[Row]: ...


class Workbook(Protocol):
    name: str
    sheet_names: list[str]

    def sheet(self, name: str) -> Sheet: ...

    def close(self) -> None: ...


def _read_bytes(source: Source) -> bytes | None:
    """The whole file for a stream that cannot seek; None when it can be read in place."""
    if isinstance(source, (str, os.PathLike)):
        return None
    if source.seekable():
        return None
    return source.read()


def _sniff(source: Source, name: str) -> bytes:
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as handle:
                head = handle.read(8)
        else:
            position = source.tell()
            head = source.read(8)
            source.seek(position)
    except FileNotFoundError:
        raise TableFormatError(f"{name}：文件不存在") from None
    except IsADirectoryError:
        raise TableFormatError(f"{name}：这是一个文件夹，不是 Excel 文件") from None
    except OSError as exc:
        raise TableFormatError(f"{name}：无法读取文件（{exc.strerror or exc}）") from None
    if not head:
        raise TableFormatError(f"{name}：文件是空的（0 字节），不是 Excel 工作簿")
    return head


_ENCRYPTED: Final = "EncryptedPackage".encode("utf-16-le")


def _is_encrypted(source: Source) -> bool:
    """Whether an OLE compound file is an encrypted .xlsx (it holds an EncryptedPackage)."""
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as handle:
                data = handle.read(1 << 20)
        else:
            position = source.tell()
            data = source.read(1 << 20)
            source.seek(position)
    except OSError:
        return False
    return _ENCRYPTED in data


def open_workbook(source: Source, engine: Engine = "auto") -> Workbook:
    """Open ``source`` for streaming, refusing anything that is not a readable workbook
    with a :class:`~yifeng.errors.TableFormatError` that names the file."""
    name = source_name(source)
    data = _read_bytes(source)
    if data is not None:
        source = io.BytesIO(data)
    head = _sniff(source, name)
    if engine == "auto":
        engine = "calamine" if _calamine_available() else "openpyxl"
    if head.startswith(_OLE):
        if _is_encrypted(source):
            raise TableFormatError(f"{name}：工作簿设置了打开密码（已加密），请在 Excel 中取消密码后另存再导入")
        if engine == "calamine":  # calamine reads legacy .xls; openpyxl cannot
            return _CalamineBook.open(source, name)
        raise TableFormatError(f"{name}：这是旧版 .xls 格式；请用 Excel 另存为 .xlsx，或安装 yifeng[fast] 后再导入")
    if not head.startswith(_ZIP):
        raise TableFormatError(
            f"{name}：不是 Excel 工作簿（.xlsx）；如果是 CSV 或网页表格，请先用 Excel 另存为 .xlsx"
        )
    if engine == "calamine":
        return _CalamineBook.open(source, name)
    return _OpenpyxlBook.open(source, name)


def _calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# openpyxl, read-only


def _cell(ref: bytes) -> tuple[int, int]:
    letters, row = coordinate_from_string(ref.decode("ascii"))
    return row, column_index_from_string(letters)


def scan_merges(part: IO[bytes]) -> list[Merge]:
    """The ``<mergeCell ref=…>`` ranges of a sheet part, read in chunks.

    A mergeCell element holds no other "<", so one cut by a chunk boundary begins at the
    chunk's last "<"; that tail is carried into the next chunk.
    """
    merges: list[Merge] = []
    tail = b""
    while chunk := part.read(1 << 20):
        buffer = tail + chunk
        cut = buffer.rfind(b"<")
        body, tail = (buffer, b"") if cut < 0 else (buffer[:cut], buffer[cut:])
        for match in _MERGE.finditer(body):
            first = _cell(match.group(1))
            last = _cell(match.group(2)) if match.group(2) else first
            merges.append((first[0], first[1], last[0], last[1]))
    for match in _MERGE.finditer(tail):
        first = _cell(match.group(1))
        last = _cell(match.group(2)) if match.group(2) else first
        merges.append((first[0], first[1], last[0], last[1]))
    return merges


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part path, from workbook.xml and its relationships."""
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = path
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    parts = {}
    for element in book.iter():
        if element.tag.endswith("}sheet"):
            parts[element.get("name", "")] = targets.get(element.get(_REL_NS), "")
    return parts


class _OpenpyxlSheet:
    def __init__(self, book: _OpenpyxlBook, name: str) -> None:
        self.name = name
        self._book = book

    def merges(self) -> list[Merge]:
        part = self._book.parts.get(self.name)
        if not part:
            return []
        with self._book.archive.open(part) as stream:
            return scan_merges(stream)

    def rows(self) -> Iterator[Row]:
        sheet = self._book.workbook[self.name]
        # Some writers record a wrong <dimension>; read every row the part holds.
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        try:
            for row in sheet.iter_rows(values_only=True):
                yield normalise_row(row)
        except (zipfile.BadZipFile, ElementTree.ParseError, EOFError, KeyError, ValueError) as exc:
            raise TableFormatError(f"{self._book.name}：工作表“{self.name}”内容已损坏，无法读取（{exc}）") from None


class _OpenpyxlBook:
    def __init__(self, name: str, workbook: Any, archive: zipfile.ZipFile, parts: dict[str, str]) -> None:
        self.name = name
        self.workbook: Any = workbook  # openpyxl ships no type information
        self.archive = archive
        self.parts = parts
        self.sheet_names: list[str] = list(getattr(workbook, "sheetnames"))

    @classmethod
    def open(cls, source: Source, name: str) -> _OpenpyxlBook:
        import openpyxl

        try:
            archive = zipfile.ZipFile(source)
            if "xl/workbook.xml" not in archive.namelist():
                kind = "Word 文档" if "word/document.xml" in archive.namelist() else "其他压缩文件"
                raise TableFormatError(f"{name}：不是 Excel 工作簿（看起来是{kind}）")
            parts = _sheet_parts(archive)
            if not isinstance(source, (str, os.PathLike)):
                source.seek(0)
            workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
        except TableFormatError:
            raise
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile):
            raise TableFormatError(f"{name}：文件不完整或已损坏（无法解压），请重新获取原文件") from None
        except (KeyError, ElementTree.ParseError, ValueError, TypeError, OSError) as exc:
            raise TableFormatError(f"{name}：无法作为 Excel 工作簿打开（{type(exc).__name__}: {exc}）") from None
        return cls(name, workbook, archive, parts)

    def sheet(self, name: str) -> Sheet:
        return _OpenpyxlSheet(self, name)

    def close(self) -> None:
        close = getattr(self.workbook, "close", None)
        if close is not None:
            close()
        self.archive.close()


# ---------------------------------------------------------------------------------------
# python-calamine


class _CalamineSheet:
    def __init__(self, book: _CalamineBook, name: str) -> None:
        self.name = name
        self._book = book
        self._sheet = book.workbook.get_sheet_by_name(name)

    def merges(self) -> list[Merge]:
        ranges = self._sheet.merged_cell_ranges or []
        return [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in ranges]

    def rows(self) -> Iterator[Row]:
        start = self._sheet.start
        if start is None:
            return
        # iter_rows starts at row 1 but at the first used column; pad back to column A.
        pad: Row = (None,) * start[1]
        try:
            for row in self._sheet.iter_rows():
                yield pad + normalise_row(row)
        except Exception as exc:  # calamine raises its own hierarchy, rooted in Exception
            raise TableFormatError(f"{self._book.name}：工作表“{self.name}”无法读取（{exc}）") from None


class _CalamineBook:
    def __init__(self, name: str, workbook: CalamineWorkbook) -> None:
        self.name = name
        self.workbook = workbook
        self.sheet_names: list[str] = list(workbook.sheet_names)

    @classmethod
    def open(cls, source: Source, name: str) -> _CalamineBook:
        import python_calamine

        try:
            if isinstance(source, (str, os.PathLike)):
                workbook = python_calamine.CalamineWorkbook.from_path(os.fspath(source))
            else:
                workbook = python_calamine.CalamineWorkbook.from_filelike(source)
        except python_calamine.PasswordError:
            raise TableFormatError(f"{name}：工作簿设置了打开密码（已加密），请在 Excel 中取消密码后另存再导入") from None
        except Exception as exc:  # CalamineError, ZipError, XmlError: all plain Exceptions
            raise TableFormatError(f"{name}：文件不完整或已损坏，无法作为 Excel 工作簿打开（{exc}）") from None
        return cls(name, workbook)

    def sheet(self, name: str) -> Sheet:
        return _CalamineSheet(self, name)

    def close(self) -> None:
        close = getattr(self.workbook, "close", None)
        if close is not None:
            close()
