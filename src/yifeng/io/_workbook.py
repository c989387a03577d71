"""Streaming access to .xlsx sheets through openpyxl or python-calamine, identically.

Both engines give rows as tuples of :data:`Cell` values, starting at row 1 and column A,
and the sheet's merged ranges. Values are normalised at this boundary so the engines
agree: empty cells are None, whole floats are ints, midnight datetimes are dates.

openpyxl's read-only mode streams rows but exposes no merged ranges; those are read from
the sheet part's ``<mergeCell>`` elements by a byte scan of the decompressed XML, which
costs a fraction of parsing it and never builds the sheet in memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import posixpath
import threading
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Final, Generic, Protocol, TypeAlias, TypeVar
from xml.etree import ElementTree

from yifeng.errors import TableFormatError, YifengError
from yifeng.io._engines import ENGINES, Engine
from yifeng.io._guard import (
    DEFAULT_LIMITS,
    Container,
    Limits,
    SheetGate,
    SheetScan,
    check_shared_strings,
    count_strings,
    date_styles,
    engine_errors,
    finish_scan,
    gate_sheet,
    may_escape,
    resolve_escapes,
    sniff,
    trimmed_strings,
)

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

Cell: TypeAlias = str | int | float | bool | dt.date | dt.datetime | dt.time | None
Row: TypeAlias = tuple[Cell, ...]
T = TypeVar("T")
Merge: TypeAlias = tuple[int, int, int, int]
"""A merged range as (first row, first column, last row, last column), 1-based, inclusive."""
Source: TypeAlias = "str | os.PathLike[str] | IO[bytes]"

_ZIP: Final = b"PK\x03\x04"
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MIDNIGHT: Final = dt.time()


def source_name(source: Source) -> str:
    """How to name ``source`` in a message: its path, or the file object's name."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "（上传的文件）"


_EXACT: Final = 2**53  # integers a double holds exactly


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
    if kind is int and not -_EXACT <= value <= _EXACT:  # type: ignore[operator]
        # A cell holds a double: openpyxl reads "99999999999999999999999" as the exact
        # integer, calamine (and Excel) as the nearest double.
        return int(float(value))  # type: ignore[arg-type]
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
        from openpyxl.utils.datetime import from_excel  # only here: calamine reads import no openpyxl

        day: dt.date = from_excel(value).date()
        return day
    return None


def normalise_row(row: Sequence[object]) -> Row:
    """:func:`normalise` over a row, with the common cases (text, None, int) inline."""
    return tuple(
        [
            (value or None) if type(value) is str
            else value if value is None or (type(value) is int and -_EXACT <= value <= _EXACT)
            else int(value) if type(value) is float and value.is_integer()
            else normalise(value)
            for value in row
        ]
    )


def calamine_rows(start: tuple[int, int], rows: Iterable[Sequence[object]]) -> Iterator[Row]:
    """python-calamine's rows (``iter_rows`` of a sheet whose first cell is ``start``) as
    the readers take them: it starts at row 1 but at the first used column, so each row
    is padded back to column A. (``map``s: no Python frame per row.)"""
    pad: Row = (None,) * start[1]
    normalised = map(normalise_row, rows)
    return map(pad.__add__, normalised) if pad else normalised


def flagged_by_row(flagged: dict[tuple[int, int], tuple[str, str]],
                    columns: dict[int, str]) -> dict[int, list[tuple[int, tuple[str, str]]]]:
    """The error cells and uncomputed formulas of the read columns, by row."""
    by_row: dict[int, list[tuple[int, tuple[str, str]]]] = {}
    for (row, column), what in sorted(flagged.items()):
        if column in columns:
            by_row.setdefault(row, []).append((column, what))
    return by_row


class Sheet(Protocol):
    name: str
    flagged: dict[tuple[int, int], tuple[str, str]]
    """Cells whose value the engines do not give, or not alike: (row, column) → ("error",
    "#REF!"), ("formula", "=SUM(A1:A3)") for a formula saved without its result, or
    ("date", "-1") for a date cell below zero."""

    def merges(self) -> list[Merge]: ...

    def rows(self) -> Iterator[Row]: ...


class Workbook(Protocol):
    name: str
    sheet_names: list[str]

    def sheet(self, name: str) -> Sheet: ...

    def close(self) -> None: ...


def encrypted(name: str) -> TableFormatError:
    """The error for a workbook with an opening password, whichever reader meets it."""
    return TableFormatError(f"{name}：工作簿设置了打开密码（已加密），请在 Excel 中取消密码后另存再导入")


def _whole_file(source: Source) -> bytes:
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return handle.read()
    source.seek(0)
    return source.read()


def _read_bytes(source: Source) -> bytes | None:
    """The whole file for a stream that cannot seek; None when it can be read in place."""
    if isinstance(source, (str, os.PathLike)):
        return None
    if source.seekable():
        return None
    return source.read()


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


def open_workbook(source: Source, engine: Engine = "auto", limits: Limits | None = None) -> Workbook:
    """Open ``source`` for streaming, refusing anything that is not a readable workbook
    with a :class:`~yifeng.errors.TableFormatError` that names the file. The zip is
    checked against ``limits`` before an engine sees it (see :class:`Limits`)."""
    if engine not in ENGINES:
        raise ValueError(f"engine 只能是 {'、'.join(repr(e) for e in ENGINES)}（收到 {engine!r}）")
    limits = limits if limits is not None else DEFAULT_LIMITS
    name = source_name(source)
    data = _read_bytes(source)
    if data is not None:
        source = io.BytesIO(data)
    head = sniff(source, name, "Excel 工作簿")
    if engine == "auto":
        engine = "calamine" if _calamine_available() else "openpyxl"
    if head.startswith(_OLE):
        if _is_encrypted(source):
            raise encrypted(name)
        if engine == "calamine":  # calamine reads legacy .xls (in a process of its own); openpyxl cannot
            from yifeng.io._xls import read_xls

            return read_xls(_whole_file(source), name, limits)
        raise TableFormatError(f"{name}：这是旧版 .xls 格式；请用 Excel 另存为 .xlsx，或安装 yifeng[fast] 后再导入")
    if not head.startswith(_ZIP):
        raise TableFormatError(
            f"{name}：不是 Excel 工作簿（.xlsx）；如果是 CSV 或网页表格，请先用 Excel 另存为 .xlsx"
        )
    package = _Package.open(source, name, limits, engine)
    if engine == "calamine":
        return _CalamineBook.open(source, name, package)
    return _OpenpyxlBook.open(source, name, package)


def _calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


class _Package:
    """The checked zip of an .xlsx: its sheet parts, shared strings checked, every part
    but the sheets read once (so none lies about its size), each sheet scanned when it is
    asked for."""

    def __init__(self, container: Container, parts: dict[str, str], dates: frozenset[int],
                 trims: dict[int, str] | None, strings: int, escapes: bool = True) -> None:
        self.container = container
        self.parts = parts
        self.dates = dates
        # Shared strings openpyxl reads otherwise than calamine, by index: None for the
        # calamine engine, which needs no such mending.
        self.trims = trims
        self.strings = strings  # how many there are
        self.escapes = escapes  # whether a shared string may hold "_x" (see may_escape)
        self.scans: dict[str, SheetScan] = {}
        self.gates: dict[str, SheetGate | TableFormatError] = {}  # gated ahead (see open_beside)

    @classmethod
    def open(cls, source: Source, name: str, limits: Limits, engine: str) -> _Package:
        container = Container(source, name, limits)
        try:
            if container.resolve("xl/workbook.xml") is None:
                kind = "Word 文档" if "word/document.xml" in container.names else "其他压缩文件"
                raise TableFormatError(f"{name}：不是 Excel 工作簿（看起来是{kind}）")
            _check_document_folder(container)
            _check_single_format(container)
            parts = _sheet_parts(container)
            strings = container.resolve("xl/sharedStrings.xml") or "xl/sharedStrings.xml"
            styles = container.resolve("xl/styles.xml") or "xl/styles.xml"
            sheets = set(parts.values()) | {strings}
            container.verify([p for p in sorted(container.names) if p.endswith((".xml", ".rels")) and p not in sheets],
                             keep=frozenset({styles}))
            trims: dict[int, str] | None = None if engine == "calamine" else {}
            count = 0
            escapes = False
            if strings in container.names:
                table = container.read(strings)
                check_shared_strings(table, name, limits)
                if trims is not None:
                    trims = trimmed_strings(table)
                    escapes = may_escape(table)
                count = count_strings(table)
            dates = date_styles(_tags_checked(container, styles, container.read(styles))) \
                if styles in container.names else frozenset()
            if 0 in dates:  # openpyxl then reads every unstyled number as a date, calamine as a number
                raise TableFormatError(f"{name}：样式表把默认格式设成了日期，文件已损坏或被篡改")
        except BaseException:
            container.close()
            raise
        finally:
            if not isinstance(source, (str, os.PathLike)):
                source.seek(0)
        return cls(container, parts, dates, trims, count, escapes)

    def scan(self, sheet: str) -> SheetScan:
        """Check a sheet before an engine parses it; what it holds that engines miss."""
        return self._scan(sheet, lambda: None, beside=False)[0]

    def scan_and_parse(self, sheet: str, parse: Callable[[], T]) -> tuple[SheetScan, T]:
        """:meth:`scan`, and ``parse()`` (an engine parsing ``sheet``) run once the sheet
        is past the checks no engine may parse it without (:func:`gate_sheet`): for a
        large part on a thread, beside the rest of the checks — python-calamine lets go
        of the GIL while it parses. A check failing wins over what ``parse`` raised."""
        return self._scan(sheet, parse, beside=True)

    def open_beside(self, work: Callable[[], T]) -> T:
        """``work()`` (an engine opening the workbook: calamine lets go of the GIL while it
        reads the shared strings) with the first sheet, when large, gated on this thread
        meanwhile — most readers read the first sheet. The engine must read the file
        through a handle of its own. Should the gate refuse the sheet, it is refused
        when a reader asks for it (another sheet may be the one wanted)."""
        first = next(iter(self.parts), None)
        part = self.parts.get(first, "") if first is not None else ""
        if first is None or part not in self.container.names or self.container.declared(part) < _BESIDE_BYTES:
            return work()
        with _Beside(work, "open") as running:
            try:
                self.gates[first] = self._gate(first, part)
            except TableFormatError as refused:
                self.gates[first] = refused
        return running.result()

    def _gate(self, sheet: str, part: str) -> SheetGate:
        ahead = self.gates.pop(sheet, None)
        if isinstance(ahead, TableFormatError):
            raise ahead
        if ahead is not None:
            return ahead
        container = self.container
        return gate_sheet(container.read(part), container.name, sheet, container.limits)

    def _scan(self, sheet: str, parse: Callable[[], T], beside: bool) -> tuple[SheetScan, T]:
        found = self.scans.get(sheet)
        if found is None:
            part = self.parts.get(sheet, "")
            if not part or part not in self.container.names:
                # No part the guard can check: no engine may parse what it finds instead.
                raise TableFormatError(f"{self.container.name}：工作表“{' '.join(sheet[:40].split())}”找不到对应的部件，文件已损坏或被篡改")
            else:
                gate = self._gate(sheet, part)
                if beside and len(gate.data) >= _BESIDE_BYTES:
                    with _Beside(parse, "parse") as running:
                        found = finish_scan(gate, self.dates, self.trims, self.strings)
                    self.scans[sheet] = found
                    return found, running.result()
                found = finish_scan(gate, self.dates, self.trims, self.strings)
            self.scans[sheet] = found
        return found, parse()

    def close(self) -> None:
        self.container.close()


_BESIDE_BYTES: Final = 1 << 20
"""A sheet part this large (uncompressed; some 3,000 rows of a 分工表) is parsed on a
thread beside the last of the guard's checks; a smaller one, after them (a thread costs
more than it saves there)."""


class _Beside(Generic[T]):
    """``work()`` on a thread for the span of a ``with`` block; :meth:`result` gives what
    it returned or raises what it raised. Leaving the block by an exception waits for
    the thread (it cannot be stopped) and drops its outcome."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"yifeng-{name}", daemon=True)

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as error:  # noqa: BLE001 - a Rust panic too: raised by result()
            self._error = error

    def __enter__(self) -> _Beside[T]:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._thread.join()

    def result(self) -> T:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return typing.cast(T, self._value)


# ---------------------------------------------------------------------------------------
# openpyxl, read-only


def _sheet_parts(container: Container) -> dict[str, str]:
    """Sheet name → part, found as calamine finds it (a target as written, under xl/ unless
    it starts with "/"; the part's name in any case). Anything that could let calamine
    take another part than the one the guard checks — two sheets of one name, a sheet
    with two relationship ids, two relationships of one id, a target with "..", "." or
    "\\" in it — is refused."""
    where = f"{container.name}：工作簿目录"
    rels = _xml(container, "xl/_rels/workbook.xml.rels")
    book = _xml(container, "xl/workbook.xml")
    targets: dict[str | None, str] = {}
    for rel in rels:
        key, target = rel.get("Id"), rel.get("Target", "")
        if key in targets:
            raise TableFormatError(f"{where}中关系编号“{key}”出现了两次，文件已损坏或被篡改")
        path = target[1:] if target.startswith("/") else f"xl/{target}"
        if "\\" in path or posixpath.normpath(path) != path:
            raise TableFormatError(f"{where}中的路径“{target[:60]}”写法不规范，Office 文件不会这样写，已拒绝打开")
        targets[key] = container.resolve(path) or path
    parts: dict[str, str] = {}
    for element in book.iter():
        if isinstance(element.tag, str) and element.tag.endswith("}sheet"):
            name = element.get("name", "")
            ids = [value for key, value in element.attrib.items() if key.rpartition("}")[2] == "id"]
            if name in parts or len(ids) > 1:
                raise TableFormatError(f"{where}中工作表“{name[:40]}”{'重名' if name in parts else '有两个关系编号'}，"
                                       "文件已损坏或被篡改")
            parts[name] = targets.get(ids[0] if ids else None, "")
    return parts


_TAGS: Final = 400_000
"""Elements the workbook's directory or style sheet may hold. Excel's own limits (64,000
cell formats, sheets, names) stay far below; openpyxl holds each as Python objects, about
1 GB per million."""


def _tags_checked(container: Container, part: str, data: bytes) -> bytes:
    if data.count(b"<") > _TAGS:
        raise TableFormatError(f"{container.name}：部件“{part}”有 {data.count(b'<')} 个 XML 标记，超过上限 {_TAGS}，"
                               "不像 Excel 保存的文件，已拒绝打开")
    return data


def _xml(container: Container, path: str) -> ElementTree.Element:
    try:
        part = container.resolve(path) or path
        return ElementTree.fromstring(_tags_checked(container, part, container.read(part)))
    except YifengError:
        raise
    except (ElementTree.ParseError, ValueError, LookupError) as exc:
        raise TableFormatError(f"{container.name}：工作簿目录已损坏，无法读取（{type(exc).__name__}）") from None


_OTHER_FORMATS: Final = ("xl/workbook.bin", "xl/_rels/workbook.bin.rels", "mimetype", "META-INF/manifest.xml",
                          "content.xml")
"""Parts by which calamine, when its .xlsx reader gives up on a stream, reads the same zip
as .xlsb or .ods — parts the guard never checks."""


def _check_single_format(container: Container) -> None:
    for part in _OTHER_FORMATS:
        found = container.resolve(part)
        if found is not None:
            raise TableFormatError(f"{container.name}：压缩包里还有 .xlsb 或 .ods 文件的部件“{found}”，"
                                   "不像 Excel 保存的 .xlsx 文件，已拒绝打开")


def _check_document_folder(container: Container) -> None:
    """calamine takes the workbook's folder from the package's officeDocument relationship
    (the last one): anything but xl/ would have it read parts the guard never checked."""
    package = container.resolve("_rels/.rels")
    if package is None:
        return  # no engine opens the workbook then
    for rel in _xml(container, "_rels/.rels"):
        if rel.get("Type", "").endswith("/relationships/officeDocument"):
            target = rel.get("Target", "")
            folder = target.lstrip("/").rpartition("/")[0] + "/"
            if folder.lower() != "xl/" or "\\" in target:
                raise TableFormatError(f"{container.name}：工作簿主文档在“{target[:60]}”，不在 xl/ 目录，"
                                       "不像 Excel 保存的文件，已拒绝打开")


def _flagged(scan: SheetScan) -> dict[tuple[int, int], tuple[str, str]]:
    flagged = {at: ("error", text) for at, text in scan.errors.items()}
    flagged.update({at: ("formula", text) for at, text in scan.formulas.items()})
    flagged.update({at: ("date", text) for at, text in scan.dates.items()})
    return flagged


def _overlay(rows: Iterator[Row], flagged: dict[tuple[int, int], tuple[str, str]]) -> Iterator[Row]:
    """Rows with error cells and uncomputed formulas shown as their text ("#REF!",
    "=SUM(A1:A3)"), as neither engine gives both."""
    by_row: dict[int, dict[int, str]] = {}
    for (r, c), (_, text) in flagged.items():
        by_row.setdefault(r, {})[c] = text
    for number, row in enumerate(rows, start=1):
        cells = by_row.get(number)
        if cells is not None:
            widened = list(row) + [None] * max(0, max(cells) - len(row))
            for column, text in cells.items():
                widened[column - 1] = text
            row = tuple(widened)
        yield row


class _OpenpyxlSheet:
    def __init__(self, book: _OpenpyxlBook, name: str) -> None:
        self.name = name
        self._book = book
        self._scan = book.package.scan(name)
        self.flagged = _flagged(self._scan)

    def merges(self) -> list[Merge]:
        return list(self._scan.merges)

    def rows(self) -> Iterator[Row]:
        # Texts openpyxl leaves untrimmed are shown as calamine (and the format) has them.
        overlay = {at: ("text", text) for at, text in self._scan.trims.items()} | self.flagged
        rows = self._rows()
        return _overlay(rows, overlay) if overlay else rows

    def _rows(self) -> Iterator[Row]:
        # Neither the sheet part nor the shared strings can give a text with "_x" in it:
        # no row needs looking at for escapes.
        escapes = self._scan.escapes or self._book.package.escapes
        with engine_errors(self._book.name, f"工作表“{self.name}”"):
            sheet = self._book.workbook[self.name]
            # Some writers record a wrong <dimension>; read every row the part holds.
            reset = getattr(sheet, "reset_dimensions", None)
            if reset is not None:
                reset()
            for row in sheet.iter_rows(values_only=True):
                values = normalise_row(row)
                if escapes and any(type(v) is str and "_x" in v for v in values):
                    values = tuple(resolve_escapes(v) if type(v) is str else v for v in values)
                yield values


class _OpenpyxlBook:
    def __init__(self, name: str, workbook: Any, package: _Package, handle: IO[bytes] | None) -> None:
        self.name = name
        self.workbook: Any = workbook  # openpyxl ships no type information
        self.package = package
        self._handle = handle
        self.sheet_names: list[str] = list(getattr(workbook, "sheetnames"))

    @classmethod
    def open(cls, source: Source, name: str, package: _Package) -> _OpenpyxlBook:
        import openpyxl

        # A file object, not a path: openpyxl refuses a path without an Excel extension
        # (an upload's temporary file), whatever the file holds.
        handle = open(source, "rb") if isinstance(source, (str, os.PathLike)) else None
        try:
            with engine_errors(name, "Excel 工作簿"):
                workbook = openpyxl.load_workbook(handle or source, read_only=True, data_only=True)
        except BaseException:
            package.close()
            if handle is not None:
                handle.close()
            raise
        return cls(name, workbook, package, handle)

    def sheet(self, name: str) -> Sheet:
        return _OpenpyxlSheet(self, name)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            close = getattr(self.workbook, "close", None)
            if close is not None:
                close()
        self.package.close()
        if self._handle is not None:
            self._handle.close()


# ---------------------------------------------------------------------------------------
# python-calamine


class _CalamineSheet:
    def __init__(self, book: _CalamineBook, name: str) -> None:
        self.name = name
        self._book = book
        workbook = book.workbook
        with engine_errors(book.name, f"工作表“{name}”"):
            self._scan, self._sheet = book.package.scan_and_parse(name, lambda: workbook.get_sheet_by_name(name))
        self.flagged = _flagged(self._scan)

    def merges(self) -> list[Merge]:
        # The guard's scan reads the same ranges, clipped to the cells, for both engines.
        return list(self._scan.merges)

    def rows(self) -> Iterator[Row]:
        rows = self._rows()
        return _overlay(rows, self.flagged) if self.flagged else rows

    def _rows(self) -> Iterator[Row]:
        with engine_errors(self._book.name, f"工作表“{self.name}”"):
            start = self._sheet.start
            if start is None:
                return
            yield from calamine_rows(start, self._sheet.iter_rows())


class _CalamineBook:
    def __init__(self, name: str, workbook: CalamineWorkbook, package: _Package) -> None:
        self.name = name
        self.workbook = workbook
        self.package = package
        self.sheet_names: list[str] = list(workbook.sheet_names)

    @classmethod
    def open(cls, source: Source, name: str, package: _Package) -> _CalamineBook:
        import python_calamine

        def load() -> CalamineWorkbook:
            try:
                if isinstance(source, (str, os.PathLike)):
                    return python_calamine.CalamineWorkbook.from_path(os.fspath(source))
                return python_calamine.CalamineWorkbook.from_filelike(source)
            except python_calamine.PasswordError:
                raise encrypted(name) from None

        try:
            with engine_errors(name, "Excel 工作簿"):
                # Beside the first sheet's gate when calamine reads the file through its own
                # handle: a path, or a stream the guard holds a copy of.
                own = isinstance(source, (str, os.PathLike)) or package.container.held
                workbook = package.open_beside(load) if own else load()
        except BaseException:
            package.close()
            raise
        return cls(name, workbook, package)

    def sheet(self, name: str) -> Sheet:
        return _CalamineSheet(self, name)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            close = getattr(self.workbook, "close", None)
            if close is not None:
                close()
        self.package.close()
