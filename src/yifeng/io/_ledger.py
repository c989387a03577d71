"""Read and write 台账 workbooks without losing a cell.

A value that cannot be understood stays on its row as the original text (``unparsed``)
with a Diagnostic naming its cell, and :func:`write_ledger` writes it back unchanged, so
``read_ledger(write_ledger(ledger))`` gives the same ledger.
"""

from __future__ import annotations

import datetime as dt
import io
import operator
import os
import re
import typing
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from typing import IO, Any, Final

import attrs

from yifeng._fonts import FANGSONG, HEITI, XIAOBIAOSONG
from yifeng.io._print import RowHeights, column_width, row_height, set_print
from yifeng.io._sheetxml import BodyCells, date_serial, row_start, splice, string_cell
from yifeng._files import close_workbook, replacing
from yifeng._text import alternation
from yifeng.errors import ParseError, TableFormatError
from yifeng.io._headers import LEDGER_FIELDS
from yifeng import lexicon
from yifeng.lexicon import LEDGER_HEADERS
from yifeng.io._locate import HEADER_SCAN, Header, fields_in, locate
from yifeng.io._guard import Limits
from yifeng.io._engines import Engine
from yifeng.io._workbook import (
    Cell,
    Row,
    Sheet,
    Workbook,
    flagged_by_row,
    open_workbook,
    serial_date,
    source_name,
)
from yifeng.io._workbook import cell_text as _text
from yifeng.io._workbook import Source as FileSource
from yifeng.lexicon import KEY_HEADER
from yifeng.model._check import decoded, distinct_keys
from yifeng.model._codes import with_keys
from yifeng.model._diagnostic import column_letter
from yifeng.model._ledger import row_key
from yifeng.model import (
    LEDGER_COLUMNS,
    DIAGNOSTIC_CODES,
    Campaign,
    Diagnostic,
    Filer,
    Ledger,
    LedgerKind,
    LedgerRow,
    Source,
    check_ledger,
    mask_ledger,
    parse_date,
)

_FIELDS: Final = LEDGER_FIELDS
_DATE_FIELDS: Final = frozenset({"discovered_on", "rectified_on"})
_FILER_FIELDS: Final = {"filer_unit": "unit", "filer_person": "person", "filer_contact": "contact"}
_FILER: Final = {part: alternation(labels) for part, labels in lexicon.FILER_LABELS.items()}
_FILER_LINE: Final = re.compile(
    rf"(?:{_FILER['unit']})\s*[：:]\s*(?P<unit>.*?)\s*(?:(?:{_FILER['person']})\s*[：:]\s*(?P<person>.*?)\s*)?"
    rf"(?:(?:{_FILER['contact']})\s*[：:]\s*(?P<contact>.*?))?\s*$",
    re.S,
)
_ATTACHMENT: Final = re.compile(rf"^{lexicon.ATTACHMENT_LABEL}\s*[：:]?$")
_YES: Final = frozenset({"是", "已完成", "完成", "已整改", "整改完成", "已销号", "✓", "√", "✔", "y", "yes", "true", "1"})
_NO: Final = frozenset({"否", "未完成", "未整改", "整改中", "正在整改", "未销号", "×", "✗", "✘", "n", "no", "false", "0"})
_FILER_HEADERS: Final = ("填报单位", "填报人", "填报人联系方式")
_WITH_TIME: Final = re.compile(r"(?P<date>.+?)[ T]+(?P<time>[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?)")
_TEXT_FIELDS: Final = tuple(a.name for a in attrs.fields(LedgerRow) if str(a.type) == "str")
_FIELD_ORDER: Final = {name: i for i, name in enumerate(attrs.fields_dict(LedgerRow))}


def _rectified(value: Cell) -> bool | None:
    """True/False for 整改是否完成 as offices type it; None when it says neither."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def read_ledger(
    source: FileSource,
    *,
    campaign: Campaign | None = None,
    sheet: str | None = None,
    engine: Engine = "auto",
    limits: Limits | None = None,
) -> Ledger:
    """Read a 台账 (seed 004's 附件3 机构 or 附件4 个人 layout, or one like it).

    The kind comes from the header; the filer line ("填报单位：… 填报人：… 联系方式：…")
    may stand above or below the table. Dates may be Excel dates or typed as 2023.9.15,
    2023年9月20日, 2023/09/18 or 2023-9-1; 整改是否完成 as 是/否/已完成/未完成/✓. Every
    row is checked (see :func:`~yifeng.model.check_ledger`; with ``campaign``, negative-
    list references too). ``engine`` and ``limits`` as for
    :func:`~yifeng.io.read_task_table`. Raises :class:`~yifeng.errors.TableFormatError`
    for a file that is not a readable workbook, is damaged or over the limits, or holds
    no recognisable 台账.
    """
    return read_file(source, campaign=campaign, sheet=sheet, engine=engine, limits=limits)


def read_file(source: FileSource, *, campaign: Campaign | None = None, sheet: str | None = None,
              engine: Engine = "auto", limits: Limits | None = None, checked: bool = True,
              filed: bool = False) -> Ledger:
    """:func:`read_ledger`; with ``checked=False`` without :func:`~yifeng.model.check_ledger`'s
    diagnostics (the reader's own remain), for callers that only count the rows; with
    ``filed=True`` each row carries its filer — its own, else the ledger's — as
    :func:`~yifeng.model.merge_ledgers` gives them (set as the rows are made, not copied)."""
    book = open_workbook(source, engine, limits)
    try:
        return _read(book, source_name(source), campaign, sheet, checked, filed)
    finally:
        book.close()


def _find_header(head: Sequence[Row]) -> Header | None:
    for index, row in enumerate(head, start=1):
        fields = fields_in(row, _FIELDS)
        kinds = set(fields.values())
        if len(kinds) >= 4 and kinds & {"institution", "person", "description"}:
            return index, fields
    return None


def _read(book: Workbook, name: str, campaign: Campaign | None, wanted: str | None, checked: bool = True,
          filed: bool = False) -> Ledger:
    named = "".join(f"“{LEDGER_HEADERS[f][0]}”" for f in ("institution", "description", "measures"))
    missing = f"工作台账（前 {HEADER_SCAN} 行中没有{named}等表头）"
    sheet, head, rest, (header_row, columns) = locate(book, name, wanted, _find_header, missing)
    return _LedgerReader(name, sheet, head, rest, header_row, columns).read(campaign, checked, filed)


class _LedgerReader:
    def __init__(self, name: str, sheet: Sheet, head: list[Row], rest: Iterator[Row], header_row: int,
                 columns: dict[int, str]) -> None:
        self.name = name
        self.sheet = sheet
        self.head = head
        self.rest = rest
        self.header_row = header_row
        self.columns = columns
        self.diagnostics: list[Diagnostic] = []
        self.filer = Filer()
        self.column_of = {field: column for column, field in columns.items()}
        self.strings: dict[str, str] = {}
        ordered = [field for _, field in sorted(columns.items())]
        special = {"number", "rectified", *_DATE_FIELDS, *_FILER_FIELDS}
        self.text_fields = [f for f in ordered if f not in special]
        header = self.head[header_row - 1] if header_row - 1 < len(head) else ()
        # Columns beyond the standard ones (备注 …): kept, with their headers, to be written back.
        self.extra: dict[int, str] = {column: _text(v).strip() for column, v in enumerate(header, start=1)
                                      if v is not None and column not in columns and _text(v).strip()}
        self.notes: list[str] = []
        self.date_fields = [f for f in ordered if f in _DATE_FIELDS]
        self.filer_fields = [f for f in ordered if f in _FILER_FIELDS]
        # Each row's source: the file's name (no cell) checked once, here; the sheet's
        # name and the cells' text came from a decoder (see decoded).
        Source(file=name, sheet=sheet.name)
        self.source = decoded(Source)

    def report(self, code: str, row: int, column: int, field: str, text: str, **values: object) -> None:
        self.diagnostics.append(DIAGNOSTIC_CODES[code].make(
            file=self.name, sheet=self.sheet.name, row=row, column=column, field=field, text=text, values=values))

    def kind(self, title: str) -> LedgerKind:
        fields = set(self.columns.values())
        if "institution" in fields:
            return LedgerKind.INSTITUTION
        if "person" in fields or "个人" in title:
            return LedgerKind.PERSON
        return LedgerKind.INSTITUTION

    def read(self, campaign: Campaign | None, checked: bool = True, filed: bool = False) -> Ledger:
        parts = []
        for row in self.head[: self.header_row - 1]:
            line = " ".join(_text(v).strip() for v in row if v is not None and _text(v).strip())
            if not line or _ATTACHMENT.match(line):
                continue
            if not self._filer_line(line):
                parts.append(line)
        title = "".join(parts)
        pending = list(self._rows())
        # Each row is built once its last facts are known: the key the file did not give
        # comes from the row's content and the ledger's filer (its line may stand under the
        # table), and the extra values follow the columns' final order (a column without a
        # header may be found left of a headed one). Equal keys are told apart.
        unit = self.filer.unit if self.filer else ""
        order = sorted(self.extra)
        realign = order != list(self.extra)
        rows, kept = [], []
        make_row = decoded(LedgerRow)  # the cells' text came from a decoder: no lone surrogate
        for fields in pending:
            kept.append(bool(fields.get("key")))
            if not kept[-1]:
                fields["key"] = row_key(unit, fields)
            if realign:
                fields["extra"] = self._extra_values(typing.cast(tuple[str, ...], fields["extra"]), order)
            if filed and fields["filer"] is None:
                fields["filer"] = self.filer
            rows.append(make_row(**fields))
        rows = distinct_keys(rows, kept)
        kind = self.kind(title)
        ledger = Ledger(kind=kind, title=title, filer=self.filer, rows=tuple(rows),
                        extra_columns=tuple(self.extra[c] for c in order), notes=tuple(self.notes))
        keys = {r.source.row: r.key for r in rows if r.source is not None and r.source.row is not None}
        found = with_keys(self.diagnostics, keys)
        if checked:
            letters = {field: column_letter(c) for c, field in self.columns.items()}
            found += check_ledger(ledger, campaign=campaign, cells=letters)
        if not found:  # the ledger as made: no second one to build
            return ledger
        # In reading order: by row, then column.
        found.sort(key=lambda d: (d.row or 0, d.column or 0) if d.cell else (0, 0))  # a cell's row and column
        return attrs.evolve(ledger, diagnostics=tuple(found))

    def _filer_line(self, line: str) -> bool:
        match = _FILER_LINE.search(line)
        if match is None:
            return False
        self.filer = Filer(unit=(match["unit"] or "").strip(), person=(match["person"] or "").strip(),
                           contact=(match["contact"] or "").strip())
        return True

    def _rows(self) -> Iterator[dict[str, object]]:
        mapped = sorted(self.columns.items())
        data = self.head[self.header_row :]
        numbered = enumerate(data, start=self.header_row + 1)
        flagged = flagged_by_row(self.sheet.flagged, {c: f for c, f in self.columns.items()} | self.extra)
        wide = {r0 for r0, c0, r1, c1 in self.sheet.merges() if r0 == r1 and r0 > self.header_row and c1 - c0 >= 2}
        for index, row in chain(numbered, enumerate(self.rest, start=len(self.head) + 1)):
            if index in flagged:
                for column, (kind, text) in flagged[index]:
                    self.report(f"cell-{kind}", index, column, self.columns.get(column, "extra"), text, value=text)
            size = len(row)
            values = {field: row[column - 1] if column <= size else None for column, field in mapped}
            # A filer line ("填报单位：…") under the table starts in its row's first cell.
            filled = [(column, v) for column, v in enumerate(row, start=1) if v is not None]
            lead = filled[0][1] if filled else None
            if isinstance(lead, str) and lead.lstrip().startswith("填报单位"):
                self._filer_line(" ".join(_text(v) for _, v in filled))
                continue
            present = [f for f, v in values.items() if v is not None]
            extra = {column: _text(v) for column, v in filled if column not in self.columns}
            if not present and not extra:
                continue
            # One text merged across the table, or typed in its first column: a note ("注：…").
            if len(filled) == 1 and isinstance(lead, str) and (index in wide or (
                    present == ["number"] and _number(lead) is None and filled[0][0] == min(self.columns))):
                self.notes.append(lead.strip())
                continue
            if present == ["number"] and not extra:  # a template's pre-numbered row
                continue
            for column in extra:
                self.extra.setdefault(column, "")
            yield self._row(index, values, extra)

    def _extra_values(self, extra: tuple[str, ...], order: list[int]) -> tuple[str, ...]:
        by_column = dict(zip(self.extra, extra))
        values = [by_column.get(column, "") for column in order]
        while values and not values[-1]:
            values.pop()
        return tuple(values)

    def _row(self, index: int, values: dict[str, Cell], extra: dict[int, str]) -> dict[str, object]:
        """The fields of a data row, for a LedgerRow built once the whole sheet is read."""
        fields: dict[str, object] = {}
        unparsed: list[tuple[str, str]] = []
        strings = self.strings
        for field in self.text_fields:
            value = values[field]
            if value is None:
                continue  # the model's default, ""
            text = value if type(value) is str else _text(value)
            # Ledgers repeat values down a column (主管部门, 发现途径, 处理意见): share them.
            fields[field] = strings.setdefault(text, text) if len(text) < 200 else text
        for field in self.date_fields:
            fields[field] = self._date(values[field], field, index, self.column_of[field], unparsed)
        if "number" in values:
            value = values["number"]
            number = _number(value)
            if number is None and value is not None:
                unparsed.append(("number", _text(value)))
                self.report("number-invalid", index, self.column_of["number"], "number", _text(value),
                            value=_text(value), action="已保留原文")
            elif number is not None and isinstance(value, str) and value != str(number):
                unparsed.append(("number", value))  # "0123", " 5": the number, and the text as typed
            fields["number"] = number
        if "rectified" in values:
            value = values["rectified"]
            verdict = _rectified(value)
            if value is None:
                unparsed.append(("rectified", ""))  # blank, and written back blank
                verdict = False
            elif verdict is None:
                unparsed.append(("rectified", _text(value)))
                self.report("rectified-unparsed", index, self.column_of["rectified"], "rectified", _text(value),
                            value=_text(value))
                verdict = False
            fields["rectified"] = verdict
        if fields.get("key"):
            fields["key"] = "".join(str(fields["key"]).split())
        filer = {_FILER_FIELDS[f]: _text(values[f]) for f in self.filer_fields if values[f] is not None}
        values_extra = [extra.get(column, "") for column in self.extra] if extra else []
        while values_extra and not values_extra[-1]:
            values_extra.pop()
        fields["unparsed"] = tuple(sorted(unparsed, key=_in_field_order)) if len(unparsed) > 1 else tuple(unparsed)
        fields["extra"] = tuple(values_extra)
        fields["filer"] = decoded(Filer)(**filer) if filer else None
        fields["source"] = self.source(file=self.name, sheet=self.sheet.name, row=index)
        return fields

    def _date(self, value: Cell, field: str, index: int, column: int,
              unparsed: list[tuple[str, str]]) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):  # a date with a time of day: the date, and the cell as shown
            unparsed.append((field, value.isoformat(sep=" ")))
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            timed = _WITH_TIME.fullmatch(value.strip())
            if timed is not None:
                try:
                    day = parse_date(timed["date"])
                except ParseError:
                    day = None
                if day is not None:
                    unparsed.append((field, value))
                    return day
        day = serial_date(value)
        if day is not None:
            self.report("date-serial", index, column, field, str(value), value=value, day=day.isoformat())
            return day
        text = _text(value)
        try:
            return parse_date(text)
        except ParseError as error:
            unparsed.append((field, text))
            self.report("date-invalid" if error.impossible else "date-unparsed", index, column, field, text, value=text)
            return None


def _in_field_order(pair: tuple[str, str]) -> int:
    return _FIELD_ORDER[pair[0]]


def _number(value: Cell) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit() and int(value.strip()) > 0:
        return int(value.strip())
    return None


_CELL_LIMIT: Final = 32767  # characters an Excel cell holds


_ROW_TEXTS: Final = operator.attrgetter(*_TEXT_FIELDS)


def _units(value: str) -> int:
    """The length of ``value`` as Excel counts it (UTF-16 code units)."""
    return len(value) if value.isascii() else len(value.encode("utf-16-le", "surrogatepass")) // 2


def too_long(ledger: Ledger) -> None:
    """Refuse, before anything is written, a value no Excel cell can hold (a writer
    would cut it short without a word, or Excel refuse the file)."""
    for index, row in enumerate(ledger.rows, start=1):
        filer = row.filer or Filer()
        texts = (*_ROW_TEXTS(row), *(t for _, t in row.unparsed), *row.extra, filer.unit, filer.person, filer.contact)
        if max(map(len, texts)) <= _CELL_LIMIT // 2:  # no character takes more than two units
            continue
        values = [(f, getattr(row, f)) for f in _TEXT_FIELDS] + [(f, t) for f, t in row.unparsed] \
            + [(f"附加列{i}", t) for i, t in enumerate(row.extra, start=1)] \
            + list(zip(_FILER_HEADERS, (filer.unit, filer.person, filer.contact)))
        for field, value in values:
            if _units(value) > _CELL_LIMIT:
                where = f"第 {row.number} 条" if row.number is not None else f"第 {index} 行"
                raise TableFormatError(f"无法写出台账：{where}的“{field}”有 {_units(value)} 个字符，超过 Excel 单元格的上限 "
                                       f"{_CELL_LIMIT}；请把它分成几段后再写出")


_SAMPLE: Final = 1000  # rows that decide the column widths
_BODY: Final = 4  # the 1-based row of the first problem (title, filer line and header above it)

LedgerValue = str | int | dt.date


class _RowValues:
    """A row's cells in column order: text as written ("" for a blank cell), the
    number, the dates; a value kept as original text is that text."""

    def __init__(self, fields: list[str], with_filers: bool) -> None:
        values: Callable[[LedgerRow], Any] = operator.attrgetter(*fields)
        self.values: Callable[[LedgerRow], tuple[Any, ...]] = \
            values if len(fields) > 1 else lambda row: (values(row),)  # one name: the value, not a tuple
        self.column = {field: column for column, field in enumerate(fields)}
        self.rectified = self.column.get("rectified")
        self.with_filers = with_filers

    def __call__(self, row: LedgerRow) -> list[LedgerValue]:
        values: list[LedgerValue] = ["" if value is None else value for value in self.values(row)]
        if self.rectified is not None:
            values[self.rectified] = "是" if values[self.rectified] else "否"
        for field, text in row.unparsed:
            column = self.column.get(field)
            if column is not None:
                values[column] = text
        if self.with_filers:
            own = row.filer or Filer()
            values += [own.unit, own.person, own.contact]
        if row.extra:
            values += row.extra
        return values


def _texts(values: list[LedgerValue]) -> list[str]:
    """The cells as the text they show (for sizing)."""
    return [value if type(value) is str else str(value) for value in values]


def write_ledger(ledger: Ledger, target: str | os.PathLike[str] | IO[bytes], *, mask: bool = False) -> None:
    """Write ``ledger`` in the standard 台账 layout: title, the filer line, the header of
    its kind, one row per problem. Values kept as original text are written back as
    they were. Rows carrying their own filer (a merged ledger) get 填报单位 / 填报人 /
    填报人联系方式 columns. ``mask=True`` writes people's names as 姓某 and phone numbers
    as 138****5678, for copies that leave the office.
    """
    if mask:
        ledger = mask_ledger(ledger)
    columns = LEDGER_COLUMNS[ledger.kind]
    with_filers = any(row.filer is not None for row in ledger.rows)
    headers = [header for _, header in columns] + (list(_FILER_HEADERS) if with_filers else []) \
        + list(ledger.extra_columns)
    too_long(ledger)
    import xlsxwriter  # imported when first needed: reading a ledger does not

    # XlsxWriter makes everything but the problems' rows (see _sheetxml): styles, widths,
    # title, header, notes, print setup; a marker row where the problems go carries the
    # styles they use.
    skeleton = io.BytesIO()
    book = xlsxwriter.Workbook(skeleton, {"constant_memory": True, "strings_to_numbers": False,
                                          "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("台账")
    title_format = book.add_format({"font_name": XIAOBIAOSONG, "font_size": 16, "align": "center",
                                    "valign": "vcenter"})
    header_format = book.add_format({"font_name": HEITI, "font_size": 11, "bold": True, "text_wrap": True,
                                     "align": "center", "valign": "vcenter", "border": 1})
    text = book.add_format({"font_name": FANGSONG, "font_size": 11, "text_wrap": True, "valign": "vcenter",
                            "border": 1})
    date = book.add_format({"font_name": FANGSONG, "font_size": 11, "num_format": "yyyy-mm-dd",
                            "valign": "vcenter", "align": "center", "border": 1})
    last = len(headers) - 1
    sheet.merge_range(0, 0, 0, last, ledger.title, title_format)
    filer = ledger.filer
    line = f"填报单位：{filer.unit}        填报人：{filer.person}        联系方式：{filer.contact}"
    sheet.merge_range(1, 0, 1, last, line, book.add_format({"font_name": FANGSONG, "font_size": 11}))
    fields = [field for field, _ in columns]
    # Widths from the header and (for a long ledger) its first rows; heights row by row.
    row_values = _RowValues(fields, with_filers)
    first = [row_values(row) for row in ledger.rows[:_SAMPLE]]
    sample = [_texts(values) for values in first]
    widths = [column_width([header] + [texts[c] for texts in sample if c < len(texts)], 11,
                           least=5 if c == 0 else 8, most=8 if c == 0 else 30)
              for c, header in enumerate(headers)]
    for column, size in enumerate(widths):
        sheet.set_column(column, column, size)
    sheet.write_row(2, 0, headers, header_format)
    sheet.set_row(2, row_height(list(zip(headers, widths)), 11))
    # Each row's key, in a hidden column past the table, so that reading back keeps it.
    # The ";;;" number format shows nothing, so the key never prints over its neighbours.
    unseen = book.add_format({"num_format": ";;;"})
    sheet.set_column(len(headers), len(headers), 16, unseen, {"hidden": True})
    sheet.write_string(2, len(headers), KEY_HEADER, unseen)
    if ledger.rows:
        for column, style in enumerate((text, date, unseen)):
            sheet.write_number(_BODY - 1, column, 0, style)
    note_format = book.add_format({"font_name": FANGSONG, "font_size": 11, "text_wrap": True})
    for offset, note in enumerate(ledger.notes, start=_BODY - 1 + len(ledger.rows)):
        sheet.set_row(offset, row_height([(note, sum(widths))], 11))
        sheet.merge_range(offset, 0, offset, last, note, note_format)
    set_print(sheet, repeat=2, margins=(0.5, 0.5, 0.7, 0.7),
              area=(2 + len(ledger.rows) + len(ledger.notes), len(headers) - 1))
    sheet.freeze_panes(3, 0)
    close_workbook(book)

    def body(styles: list[int]) -> Iterator[str]:
        text_style, date_style, key_style = styles
        letters = [column_letter(c) for c in range(1, len(headers) + 2)]
        key_letter = letters.pop()
        serials: dict[dt.date, int] = {}

        def serial(day: dt.date) -> int:
            found = serials.get(day)
            if found is None:
                found = serials[day] = date_serial(day)
            return found

        heights = RowHeights(widths, 11)
        cells = BodyCells(letters, text_style, date_style, serial)
        for offset, row in enumerate(ledger.rows):
            if offset < _SAMPLE:
                values, texts = first[offset], sample[offset]
            else:
                values = row_values(row)
                texts = _texts(values)
            number = str(_BODY + offset)
            joined = "\n".join(texts)
            yield (row_start(_BODY + offset, heights(texts, joined))
                   + cells(number, values, joined)
                   + string_cell(key_letter + number, key_style, row.key) + "</row>")

    with replacing(target) as destination:
        splice(skeleton.getvalue(), destination, _BODY if ledger.rows else None,
               _BODY - 1 + len(ledger.rows) + len(ledger.notes), body)
