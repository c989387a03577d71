"""Read a 任务分工表 as offices send it: title rows, merged cells, PDF-broken text.

The header is found by its content, not its position; rows are streamed once; every value
that cannot be understood becomes a :class:`~yifeng.model.Diagnostic` naming its cell,
and only a file with no usable table raises.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Final

from openpyxl.utils.cell import get_column_letter

from yifeng._text import cn_to_int, halfwidth_digits, repair_cjk, squeeze
from yifeng.errors import ParseError
from yifeng.io._headers import TASK_HEADERS, header_index
from yifeng.io._locate import HEADER_SCAN, fields_in, locate
from yifeng.io._workbook import Cell, Engine, Merge, Row, Sheet, Workbook, open_workbook, serial_date, source_name
from yifeng.io._workbook import cell_text as _text
from yifeng.io._workbook import Source as FileSource
from yifeng.model import (
    Deadline,
    DeadlineKind,
    Diagnostic,
    Responsibility,
    Severity,
    Source,
    Task,
    TaskTable,
)
from yifeng.model._parts import first_sentence

_FIELDS: Final = header_index(TASK_HEADERS)
_TASK_TEXT: Final = frozenset({"title", "content", "category"})
_TASK_KEYS: Final = frozenset({"number", "responsibility", "lead", "support", "deadline"})
_GROUP_LABEL: Final = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*")
_NOTE: Final = re.compile(r"^(?:注|说明|备注|附注|填表说明)\s*\d*\s*[：:]")
_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
# "附件", "附件1" alone in a cell, or "附件1：" before the title in the same cell.
_ATTACHMENT_CELL: Final = re.compile(r"^附件\s*\d*\s*(?:[：:]\s*|$)")
_ROLE_ENDING: Final = re.compile(r"(牵头|负责|配合|协助|推进|参与|参加|落实)$")

_parse_deadline = functools.lru_cache(maxsize=8192)(Deadline.parse)
# Categories, titles and remarks repeat down a table; contents are unique and not cached.
_repair_short = functools.lru_cache(maxsize=8192)(repair_cjk)


@functools.lru_cache(maxsize=8192)
def _responsibility_of(text: str) -> tuple[Responsibility, tuple[str, ...]]:
    """A responsibility cell parsed once per distinct text, with its unrecognised names."""
    parsed = Responsibility.parse(text)
    return parsed, tuple(u.name for u in parsed.units if not u.recognised)


def read_task_table(
    source: FileSource,
    *,
    year: int | None = None,
    sheet: str | None = None,
    engine: Engine = "auto",
) -> TaskTable:
    """Read the 任务分工表 in ``source`` (a path or a binary file).

    ``year`` resolves month-only deadlines ("9月底前"); without it the year is taken from
    the title ("2022 年…任务分工表"). ``sheet`` names the sheet; otherwise the first
    sheet with a recognisable header is used. ``engine`` picks python-calamine
    (``yifeng[fast]``) or openpyxl; ``"auto"`` prefers calamine when installed. Both give
    identical results.

    Raises :class:`~yifeng.errors.TableFormatError` (in Chinese, naming the file) when
    the file is not a readable workbook or holds no recognisable 分工表.
    """
    book = open_workbook(source, engine)
    try:
        return _read(book, source_name(source), year, sheet)
    finally:
        book.close()


def _read(book: Workbook, name: str, year: int | None, wanted: str | None) -> TaskTable:
    missing = f"任务分工表（前 {HEADER_SCAN} 行中没有“序号”“重点任务”“责任单位”“完成时限”等表头）"
    sheet, head, rest, (header_row, columns) = locate(book, name, wanted, _find_header, missing)
    return _TableReader(name, sheet, head, rest, header_row, columns, year).read()


def _find_header(head: Sequence[Row]) -> tuple[int, dict[int, str]] | None:
    """(row, column → field) of the first row that reads as a 分工表 header."""
    for index, row in enumerate(head, start=1):
        fields = fields_in(row, _FIELDS)
        kinds = set(fields.values())
        if kinds & _TASK_TEXT and kinds & _TASK_KEYS:
            return index, fields
    return None


class _Record:
    """One data row's raw cells, before they become a Task."""

    __slots__ = ("row", "number", "category", "title", "content", "responsibility",
                 "lead", "support", "deadline", "remark")

    def __init__(self, row: int) -> None:
        self.row = row
        self.number: Cell = None
        self.category: Cell = None
        self.title: Cell = None
        self.content: Cell = None
        self.responsibility: Cell = None
        self.lead: Cell = None
        self.support: Cell = None
        self.deadline: Cell = None
        self.remark: Cell = None


def _join(first: Cell, more: Cell) -> Cell:
    if more is None:
        return first
    if first is None:
        return more
    return f"{_text(first)}\n{_text(more)}"


class _TableReader:
    def __init__(self, name: str, sheet: Sheet, head: list[Row], rest: Iterator[Row], header_row: int,
                 columns: dict[int, str], year: int | None) -> None:
        self.name = name
        self.sheet = sheet
        self.head = head
        self.rest = rest
        self.header_row = header_row
        self.columns = columns
        self.year = year
        self.diagnostics: list[Diagnostic] = []
        self.notes: list[str] = []
        # Resolved once the layout is settled (see read()).
        self.responsibility_column: int | None = None
        self.lead_column: int | None = None
        self.support_column: int | None = None
        self.deadline_column: int | None = None
        self.number_column: int | None = None
        self.attributes: list[tuple[int, str]] = []  # (column, _Record attribute)

    # -- diagnostics -----------------------------------------------------------------

    def report(self, severity: Severity, code: str, message: str, row: int | None = None,
               column: int | None = None) -> None:
        cell = f"{get_column_letter(column)}{row}" if row is not None and column is not None else None
        self.diagnostics.append(
            Diagnostic(severity=severity, code=code, message=message, sheet=self.sheet.name, cell=cell,
                       file=self.name)
        )

    def column_of(self, field: str) -> int | None:
        for column, mapped in self.columns.items():
            if mapped == field:
                return column
        return None

    # -- layout ----------------------------------------------------------------------

    def read(self) -> TaskTable:
        merges = self.sheet.merges()
        data_row = self._adopt_subheader()
        self._adopt_spanned_header(merges)
        self.responsibility_column = self.column_of("responsibility")
        self.lead_column = self.column_of("lead")
        self.support_column = self.column_of("support")
        self.deadline_column = self.column_of("deadline")
        self.number_column = self.column_of("number")
        self.attributes = [(c, "content" if f == "content?" else f) for c, f in sorted(self.columns.items())]
        title = self._title()
        year = self.year
        if year is None and (match := _YEAR.search(title)):
            year = int(match.group(1))
        self.year = year
        records, category_like = self._records(merges, data_row)
        title_is_category = "content" in self.columns.values() and (
            self.column_of("title") in category_like
        )
        tasks = self._tasks(records, title_is_category)
        return TaskTable(
            title=title,
            year=year,
            tasks=tuple(tasks),
            notes=tuple(self.notes),
            diagnostics=tuple(self.diagnostics),
            source=Source(file=self.name, sheet=self.sheet.name),
        )

    def _adopt_subheader(self) -> int:
        """A second header row (牵头单位 / 配合单位 under a merged 责任单位) joins the first."""
        below = self.header_row + 1
        if below > len(self.head):
            return below
        sub = fields_in(self.head[below - 1], _FIELDS)
        if not sub or any(isinstance(v, (int, float)) for v in self.head[below - 1]):
            return below
        for column, field in sub.items():
            self.columns[column] = field
        if {"lead", "support"} & set(sub.values()):
            self.columns = {c: f for c, f in self.columns.items() if f != "responsibility"}
        return below + 1

    def _adopt_spanned_header(self, merges: list[Merge]) -> None:
        """A 重点任务 header merged over two columns heads a title (or category) column and
        a content column."""
        for r0, c0, r1, c1 in merges:
            if not (r0 <= self.header_row <= r1) or c1 <= c0:
                continue
            field = self.columns.get(c0)
            if field in ("title", "category", "content") and "content" not in {
                self.columns.get(c) for c in range(c0 + 1, c1 + 1)
            }:
                if field == "content":
                    self.columns[c0] = "title"
                self.columns[c1] = "content"
        # A lost merge: an unheaded column just right of the task column holds the content.
        if "content" not in self.columns.values():
            task_column = self.column_of("title")
            if task_column is not None and task_column + 1 not in self.columns:
                self.columns[task_column + 1] = "content?"

    def _title(self) -> str:
        """The title rows above the header, without the "附件1" label."""
        parts = []
        for row in self.head[: self.header_row - 1]:
            for value in row:
                if isinstance(value, str) and value.strip():
                    part = _ATTACHMENT_CELL.sub("", value.strip())
                    if part:
                        parts.append(part)
        return repair_cjk("".join(parts))

    # -- rows ------------------------------------------------------------------------

    def _rows(self, data_row: int) -> Iterator[tuple[int, Row]]:
        for index, row in enumerate(self.head[data_row - 1 :], start=data_row):
            yield index, row
        for index, row in enumerate(self.rest, start=max(len(self.head) + 1, data_row)):
            yield index, row

    def _records(self, merges: list[Merge], data_row: int) -> tuple[list[_Record], set[int]]:
        tall = {(r0, c0): r1 for r0, c0, r1, c1 in merges if r1 > r0 and r1 >= data_row}
        category_like = {c0 for r0, c0, r1, _ in merges if r1 > r0 and r1 >= data_row}
        carried: dict[int, tuple[int, Cell]] = {}
        merged_columns = sorted({c for _, c in tall} & set(self.columns))
        number_column = self.number_column
        mapped = sorted(self.columns)
        width = max(mapped)
        unmapped_reported: set[int] = set()
        gaps = any(c not in self.columns for c in range(1, width))
        # Only the 重点任务 column's role is in question: a category column repeats its
        # values or leaves continuation rows blank.
        watched = self.column_of("title")
        seen: set[Cell] = set()
        blanks = 0
        records: list[_Record] = []
        for index, row in self._rows(data_row):
            if gaps or len(row) > width:
                self._check_unmapped(index, row, unmapped_reported)
            size = len(row)
            values = {column: row[column - 1] if column <= size else None for column in mapped}
            continued = False
            for column in merged_columns:
                if (index, column) in tall:
                    carried[column] = (tall[index, column], values[column])
                elif values[column] is None and column in carried and index <= carried[column][0]:
                    values[column] = carried[column][1]
                    continued = continued or column == number_column
            if all(value is None for value in values.values()):
                continue
            if watched is not None:
                value = values[watched]
                if value is None:
                    blanks += 1
                elif value in seen:
                    category_like.add(watched)
                else:
                    seen.add(value)
            if continued and records:
                self._continue(records[-1], values)
                continue
            record = self._record(index, values)
            if record is not None:
                records.append(record)
        if watched is not None and seen and blanks * 3 >= len(records):
            category_like.add(watched)
        return records, category_like

    def _check_unmapped(self, index: int, row: Row, reported: set[int]) -> None:
        for column, value in enumerate(row, start=1):
            if value is not None and column not in self.columns and column not in reported:
                reported.add(column)
                self.report(
                    Severity.WARNING, "column-unmapped",
                    f"第 {get_column_letter(column)} 列没有可识别的表头，该列内容（如“{_text(value)[:20]}”）未导入",
                    index, column,
                )

    def _record(self, index: int, values: dict[int, Cell]) -> _Record | None:
        record = _Record(index)
        texts = [v for v in values.values() if v is not None]
        if len(texts) != 1:
            for column, attribute in self.attributes:
                setattr(record, attribute, values[column])
            return record
        # A row holding one text, in whichever column (often merged across the table), is
        # a footnote ("注：…") or a group heading ("一、…") rather than a task.
        if len(texts) == 1 and isinstance(texts[0], str):
            only = texts[0].strip()
            if _NOTE.match(only):
                self.notes.append(repair_cjk(only))
                return None
            if _GROUP_LABEL.match(only):
                record.category = only
                record.number = "group"
                return record
        for column, attribute in self.attributes:
            setattr(record, attribute, values[column])
        return record

    def _continue(self, record: _Record, values: dict[int, Cell]) -> None:
        """A row under a vertically merged 序号 continues the task above it."""
        for column, value in values.items():
            field = self.columns[column]
            if field in ("number", "category"):
                continue
            attribute = "content" if field == "content?" else field
            if getattr(record, attribute) != value:
                setattr(record, attribute, _join(getattr(record, attribute), value))

    # -- tasks -----------------------------------------------------------------------

    def _tasks(self, records: list[_Record], title_is_category: bool) -> list[Task]:
        tasks: list[Task] = []
        used: set[int] = set()
        last = 0
        group: str | None = None
        title_column, content_column = self.column_of("title"), self.column_of("content") or self.column_of("content?")
        for record in records:
            if record.number == "group":
                group = _GROUP_LABEL.sub("", repair_cjk(_text(record.category)))
                continue
            category = _repair_short(_text(record.category)) or None
            title = _repair_short(_text(record.title))
            content = repair_cjk(_text(record.content))
            if title_is_category:
                category, title = title or category, ""
            elif not content and first_sentence(title) != title.rstrip("。"):
                # A lone task column holding whole sentences holds the content.
                title, content = "", title
            # A blank category cell continues the category above it (seed 000's PDF copy).
            category = category or group
            group = category
            if not title and not content:
                self.report(Severity.WARNING, "task-empty",
                            f"第 {record.row} 行没有任务内容，未导入", record.row,
                            title_column or content_column or self.number_column)
                continue
            number = self._number(record, used, last)
            used.add(number)
            last = max(last, number)
            tasks.append(
                Task(
                    number=number,
                    title=title or first_sentence(content),
                    content=content,
                    category=category,
                    responsibility=self._responsibility(record),
                    deadline=self._deadline(record),
                    remark=_repair_short(_text(record.remark)),
                    source=Source(file=self.name, sheet=self.sheet.name, row=record.row),
                )
            )
        return tasks

    def _number(self, record: _Record, used: set[int], last: int) -> int:
        column = self.number_column
        value = record.number
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            number = value
        elif isinstance(value, str):
            text = squeeze(halfwidth_digits(value)).rstrip(".、．")
            try:
                number = cn_to_int(text) if text else None
            except ValueError:
                number = None
            if number == 0:
                number = None
        if value is None:
            assigned = max(used, default=0) + 1
            if column is None:
                if not used:
                    self.report(Severity.WARNING, "number-column-missing",
                                "表中没有“序号”列，任务已按行的顺序编号", self.header_row, 1)
            else:
                self.report(Severity.WARNING, "number-missing",
                            f"第 {record.row} 行有任务内容但没有序号，已按顺序编为 {assigned}", record.row, column)
            return assigned
        if number is None:
            assigned = max(used, default=0) + 1
            self.report(Severity.ERROR, "number-invalid",
                        f"序号“{_text(value)}”不是正整数，已按顺序编为 {assigned}", record.row, column)
            return assigned
        if number in used:
            self.report(Severity.ERROR, "number-duplicate", f"序号 {number} 重复出现", record.row, column)
        elif number > last + 1:
            missing = "、".join(str(n) for n in range(last + 1, number)) if number - last <= 10 else f"{last + 1}–{number - 1}"
            self.report(Severity.WARNING, "number-skipped", f"序号从 {last} 跳到 {number}，缺少 {missing}",
                        record.row, column)
        return number

    def _responsibility(self, record: _Record) -> Responsibility:
        if self.responsibility_column is not None:
            column: int | None = self.responsibility_column
            text = _text(record.responsibility)
        elif self.lead_column is not None or self.support_column is not None:
            column = self.lead_column or self.support_column
            text = _two_column_text(_text(record.lead), _text(record.support))
        else:
            return Responsibility()
        if not text.strip():
            self.report(Severity.WARNING, "responsibility-missing",
                        f"第 {record.row} 行没有填写责任单位", record.row, column)
            return Responsibility(text=text)
        parsed, unknown = _responsibility_of(text)
        if len(unknown) == len(parsed.units):
            self.report(Severity.ERROR, "responsibility-no-unit",
                        f"责任单位“{text.strip()}”中没有可识别的单位名称", record.row, column)
        elif unknown:
            self.report(Severity.WARNING, "responsibility-unknown-unit",
                        f"责任单位中的“{'、'.join(unknown)}”不像单位名称，请核对", record.row, column)
        return parsed

    def _deadline(self, record: _Record) -> Deadline:
        column = self.deadline_column
        if column is None:
            return Deadline(kind=DeadlineKind.UNSPECIFIED)
        value = record.deadline
        if value is None:
            self.report(Severity.WARNING, "deadline-missing", f"第 {record.row} 行没有填写完成时限",
                        record.row, column)
            return Deadline(kind=DeadlineKind.UNSPECIFIED)
        if isinstance(value, dt.datetime):
            return Deadline.on(value.date())
        if isinstance(value, dt.date):
            return Deadline.on(value)
        day = serial_date(value)
        if day is not None:
            self.report(Severity.WARNING, "deadline-serial",
                        f"完成时限 {value} 是未设日期格式的 Excel 日期，按 {day.isoformat()} 读取",
                        record.row, column)
            return Deadline.on(day)
        text = _text(value)
        try:
            deadline = _parse_deadline(text, self.year)
        except ParseError:
            self.report(Severity.ERROR, "deadline-unparsed", f"完成时限“{text.strip()}”无法识别，已保留原文",
                        record.row, column)
            return Deadline(kind=DeadlineKind.UNSPECIFIED, text=text)
        if not deadline.resolved:
            self.report(Severity.WARNING, "deadline-no-year",
                        f"完成时限“{text.strip()}”没有年份，表题中也没有年份；请用 year= 指定",
                        record.row, column)
        return deadline


@functools.lru_cache(maxsize=8192)
def _two_column_text(lead: str, support: str) -> str:
    """The wording of separate 牵头单位 / 配合单位 cells as one responsibility phrase."""
    parts = []
    if lead.strip():
        parts.append(lead.strip() if _ROLE_ENDING.search(lead.strip()) else f"{lead.strip()}牵头")
    if support.strip():
        names = "、".join(u.name for u in _responsibility_of(support)[0].units) or support.strip()
        parts.append(f"{names}配合")
    return "，".join(parts)

