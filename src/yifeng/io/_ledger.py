"""Read and write 台账 workbooks without losing a cell.

A value that cannot be understood stays on its row as the original text (``unparsed``)
with a Diagnostic naming its cell, and :func:`write_ledger` writes it back unchanged, so
``read_ledger(write_ledger(ledger))`` gives the same ledger.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import IO, Final

import attrs
import xlsxwriter
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter

from yifeng._text import alternation
from yifeng.errors import ParseError
from yifeng.io._headers import LEDGER_FIELDS
from yifeng import lexicon
from yifeng.lexicon import LEDGER_HEADERS
from yifeng.io._locate import HEADER_SCAN, Header, fields_in, locate
from yifeng.io._guard import Limits
from yifeng.io._workbook import (
    Cell,
    Engine,
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
    book = open_workbook(source, engine, limits)
    try:
        return _read(book, source_name(source), campaign, sheet)
    finally:
        book.close()


def _find_header(head: Sequence[Row]) -> Header | None:
    for index, row in enumerate(head, start=1):
        fields = fields_in(row, _FIELDS)
        kinds = set(fields.values())
        if len(kinds) >= 4 and kinds & {"institution", "person", "description"}:
            return index, fields
    return None


def _read(book: Workbook, name: str, campaign: Campaign | None, wanted: str | None) -> Ledger:
    named = "".join(f"“{LEDGER_HEADERS[f][0]}”" for f in ("institution", "description", "measures"))
    missing = f"工作台账（前 {HEADER_SCAN} 行中没有{named}等表头）"
    sheet, head, rest, (header_row, columns) = locate(book, name, wanted, _find_header, missing)
    return _LedgerReader(name, sheet, head, rest, header_row, columns).read(campaign)


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
        self.date_fields = [f for f in ordered if f in _DATE_FIELDS]
        self.filer_fields = [f for f in ordered if f in _FILER_FIELDS]

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

    def read(self, campaign: Campaign | None) -> Ledger:
        parts = []
        for row in self.head[: self.header_row - 1]:
            line = " ".join(_text(v).strip() for v in row if v is not None and _text(v).strip())
            if not line or _ATTACHMENT.match(line):
                continue
            if not self._filer_line(line):
                parts.append(line)
        title = "".join(parts)
        rows = list(self._rows())
        kind = self.kind(title)
        ledger = Ledger(kind=kind, title=title, filer=self.filer, rows=tuple(rows))
        letters = {field: get_column_letter(c) for c, field in self.columns.items()}
        found = self.diagnostics + list(check_ledger(ledger, campaign=campaign, cells=letters))
        # In reading order: by row, then column.
        found.sort(key=lambda d: coordinate_to_tuple(d.cell) if d.cell else (0, 0))
        return attrs.evolve(ledger, diagnostics=tuple(found))

    def _filer_line(self, line: str) -> bool:
        match = _FILER_LINE.search(line)
        if match is None:
            return False
        self.filer = Filer(unit=(match["unit"] or "").strip(), person=(match["person"] or "").strip(),
                           contact=(match["contact"] or "").strip())
        return True

    def _rows(self) -> Iterator[LedgerRow]:
        mapped = sorted(self.columns.items())
        data = self.head[self.header_row :]
        numbered = enumerate(data, start=self.header_row + 1)
        flagged = flagged_by_row(self.sheet.flagged, self.columns)
        for index, row in chain(numbered, enumerate(self.rest, start=len(self.head) + 1)):
            if index in flagged:
                for column, (kind, text) in flagged[index]:
                    self.report(f"cell-{kind}", index, column, self.columns[column], text, value=text)
            size = len(row)
            values = {field: row[column - 1] if column <= size else None for column, field in mapped}
            # A filer line ("填报单位：…") under the table starts in its row's first cell.
            lead = next((v for v in row if v is not None), None)
            if isinstance(lead, str) and lead.lstrip().startswith("填报单位"):
                self._filer_line(" ".join(_text(v) for v in row if v is not None))
                continue
            present = [f for f, v in values.items() if v is not None]
            if not present or present == ["number"]:  # blank, or a template's pre-numbered row
                continue
            yield self._row(index, values)

    def _row(self, index: int, values: dict[str, Cell]) -> LedgerRow:
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
            fields["number"] = number
        if "rectified" in values:
            value = values["rectified"]
            verdict = _rectified(value)
            if verdict is None:
                unparsed.append(("rectified", _text(value)))
                self.report("rectified-unparsed", index, self.column_of["rectified"], "rectified", _text(value),
                            value=_text(value))
                verdict = False
            fields["rectified"] = verdict
        filer = {_FILER_FIELDS[f]: _text(values[f]) for f in self.filer_fields if values[f] is not None}
        return LedgerRow(
            **fields,  # type: ignore[arg-type]
            unparsed=tuple(sorted(unparsed, key=lambda pair: _FIELD_ORDER[pair[0]])),
            filer=Filer(**filer) if filer else None,
            source=Source(file=self.name, sheet=self.sheet.name, row=index),
        )

    def _date(self, value: Cell, field: str, index: int, column: int,
              unparsed: list[tuple[str, str]]) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
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


def _number(value: Cell) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit() and int(value.strip()) > 0:
        return int(value.strip())
    return None


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
    headers = [header for _, header in columns] + (list(_FILER_HEADERS) if with_filers else [])
    destination = os.fspath(target) if isinstance(target, (str, os.PathLike)) else target
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    options["constant_memory" if isinstance(destination, str) else "in_memory"] = True
    book = xlsxwriter.Workbook(destination, options)
    sheet = book.add_worksheet("台账")
    title_format = book.add_format({"font_name": "方正小标宋简体", "font_size": 16, "align": "center",
                                    "valign": "vcenter"})
    header_format = book.add_format({"font_name": "黑体", "font_size": 11, "bold": True, "text_wrap": True,
                                     "align": "center", "valign": "vcenter", "border": 1})
    text = book.add_format({"font_name": "仿宋_GB2312", "font_size": 11, "text_wrap": True, "valign": "vcenter",
                            "border": 1})
    date = book.add_format({"font_name": "仿宋_GB2312", "font_size": 11, "num_format": "yyyy-mm-dd",
                            "valign": "vcenter", "align": "center", "border": 1})
    last = len(headers) - 1
    sheet.merge_range(0, 0, 0, last, ledger.title, title_format)
    filer = ledger.filer
    line = f"填报单位：{filer.unit}        填报人：{filer.person}        联系方式：{filer.contact}"
    sheet.merge_range(1, 0, 1, last, line, book.add_format({"font_name": "仿宋_GB2312", "font_size": 11}))
    sheet.write_row(2, 0, headers, header_format)
    for column in range(len(headers)):
        sheet.set_column(column, column, 6 if column == 0 else 14)
    fields = [field for field, _ in columns]
    for offset, row in enumerate(ledger.rows):
        r = 3 + offset
        originals = dict(row.unparsed)
        for c, field in enumerate(fields):
            if field in originals:
                sheet.write_string(r, c, originals[field], text)
                continue
            value = getattr(row, field)
            if value is None or value == "":
                sheet.write_blank(r, c, None, text)
            elif field == "rectified":
                sheet.write_string(r, c, "是" if value else "否", text)
            elif field == "number":
                sheet.write_number(r, c, value, text)
            elif field in _DATE_FIELDS:
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            else:
                sheet.write_string(r, c, value, text)
        if with_filers:
            own = row.filer or Filer()
            for c, value in enumerate((own.unit, own.person, own.contact), start=len(fields)):
                sheet.write_string(r, c, value, text) if value else sheet.write_blank(r, c, None, text)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.repeat_rows(2)
    sheet.fit_to_pages(1, 0)
    sheet.freeze_panes(3, 0)
    book.close()
