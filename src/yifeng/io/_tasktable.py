"""Read a 任务分工表 as offices send it: title rows, merged cells, PDF-broken text.

The header is found by its content, not its position; rows are streamed once; every value
that cannot be understood becomes a :class:`~yifeng.model.Diagnostic` naming its cell,
and only a file with no usable table raises.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final, TypeVar


from yifeng import lexicon
from yifeng._text import alternation, cn_to_int, halfwidth_digits, repair_cjk, squeeze, year_in
from yifeng.errors import ParseError
from yifeng.io._headers import TASK_FIELDS
from yifeng.model._check import decoded, distinct_keys
from yifeng.lexicon import TASK_HEADERS
from yifeng.io._locate import HEADER_SCAN, fields_in, locate
from yifeng.io._guard import Limits
from yifeng.io._engines import Engine
from yifeng._gc import collection_paused
from yifeng.io._workbook import (
    Cell,
    Merge,
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
    DIAGNOSTIC_CODES,
    Deadline,
    DeadlineKind,
    Diagnostic,
    Responsibility,
    Source,
    Task,
    TaskTable,
)
from yifeng.model._codes import with_keys
from yifeng.model._diagnostic import column_letter
from yifeng.model._parts import first_sentence, label_at

_FIELDS: Final = TASK_FIELDS
_TASK_TEXT: Final = frozenset({"title", "content", "category"})
_TASK_KEYS: Final = frozenset({"number", "responsibility", "lead", "support", "deadline"})
_NOTE: Final = re.compile(rf"^(?:{alternation(lexicon.NOTE_LABELS)})\s*\d*\s*[：:]")
# "附件", "附件1" alone in a cell, or "附件1：" before the title in the same cell.
_ATTACHMENT_CELL: Final = re.compile(rf"^{lexicon.ATTACHMENT_LABEL}\s*(?:[：:]\s*|$)")
_ROLE_ENDING: Final = re.compile(
    "(?:" + alternation(w for words in lexicon.ROLE_VERBS.values() for w in words) + ")$")

@functools.lru_cache(maxsize=8192)
def _deadline_of(text: str, year: int | None) -> Deadline | None:
    """A 完成时限 cell parsed once per distinct text and year; None when it is not one."""
    try:
        return Deadline.parse(text, year)
    except ParseError:
        return None


# Categories, titles and remarks repeat down a table; contents are unique and not cached.
# Keyed by the cell itself (typed: 1, 1.0 and True are different cells).
@functools.lru_cache(maxsize=8192, typed=True)
def _short_text(value: Cell) -> str:
    return repair_cjk(_text(value))


@functools.lru_cache(maxsize=8192)
def _responsibility_of(text: str) -> tuple[Responsibility, tuple[str, ...], bool]:
    """A responsibility cell parsed once per distinct text, with its unrecognised names
    and whether it names no unit it recognises."""
    parsed = Responsibility.parse(text)
    unknown = tuple(u.name for u in parsed.units if not u.recognised)
    return parsed, unknown, len(unknown) == len(parsed.units)


def read_task_table(
    source: FileSource,
    *,
    year: int | None = None,
    sheet: str | None = None,
    engine: Engine = "auto",
    limits: Limits | None = None,
) -> TaskTable:
    """Read the 任务分工表 in ``source`` (a path or a binary file).

    ``year`` resolves month-only deadlines ("9月底前"); without it the year is taken from
    the title ("2022 年…任务分工表"). ``sheet`` names the sheet; otherwise the first
    sheet with a recognisable header is used. ``engine`` picks python-calamine
    (``yifeng[fast]``) or openpyxl; ``"auto"`` prefers calamine when installed. Both give
    identical results. The file is checked against ``limits`` (:class:`~yifeng.io.Limits`)
    before either engine sees it.

    Raises :class:`~yifeng.errors.TableFormatError` (in Chinese, naming the file) when
    the file is not a readable workbook, is damaged or over the limits, or holds no
    recognisable 分工表 — never another library's exception.
    """
    book = open_workbook(source, engine, limits)
    try:
        with collection_paused():
            return _read(book, source_name(source), year, sheet)
    finally:
        book.close()


def _read(book: Workbook, name: str, year: int | None, wanted: str | None) -> TaskTable:
    named = "".join(f"“{TASK_HEADERS[f][0]}”" for f in ("number", "title", "responsibility", "deadline"))
    missing = f"任务分工表（前 {HEADER_SCAN} 行中没有{named}等表头）"
    sheet, head, rest, (header_row, columns) = locate(book, name, wanted, find_header, missing)
    return TableReader(name, sheet, head, rest, header_row, columns, year, decoded_text=True).read()


def find_header(head: Sequence[Row]) -> tuple[int, dict[int, str]] | None:
    """(row, column → field) of the first row that reads as a 分工表 header: a task-text
    column and a key column (序号, 责任单位, 完成时限) named; or a key column named and
    the rest short labels, one of whose columns holds the long text below it (a
    department-keyed list: 部门 | 政策制定重点领域)."""
    for index, row in enumerate(head, start=1):
        fields = fields_in(row, _FIELDS)
        kinds = set(fields.values())
        if kinds & _TASK_TEXT and kinds & _TASK_KEYS:
            return index, fields
        if kinds & _TASK_KEYS and _labels_only(row):
            content = _longest_text_column(row, fields, head[index: index + _SAMPLE])
            if content is not None:
                return index, fields | {content: "content"}
    return None


_SAMPLE: Final = 10
_LONG_TEXT: Final = 15


def _labels_only(row: Row) -> bool:
    texts = [v for v in row if v is not None]
    return len(texts) >= 2 and all(isinstance(v, str) and len(squeeze(v)) <= 16 for v in texts)


def _longest_text_column(header: Row, fields: dict[int, str], sample: Sequence[Row]) -> int | None:
    """The unnamed column whose cells below the header are longest, if they are long."""
    best, best_length = None, 0.0
    for column, value in enumerate(header, start=1):
        if value is None or column in fields:
            continue
        cells = [_text(row[column - 1]) for row in sample if column <= len(row) and row[column - 1] is not None]
        if len(cells) < max(1, len(sample) // 2):
            continue
        length = sum(len(c) for c in cells) / len(cells)
        if length >= _LONG_TEXT and length > best_length:
            best, best_length = column, length
    return best


P = TypeVar("P")


class _Record:
    """One data row's raw cells, before they become a Task. A cell not set is None (the
    class's value); a row's cells are set at once, through ``__dict__``."""

    number: Cell = None
    category: Cell = None
    title: Cell = None
    content: Cell = None
    responsibility: Cell = None
    lead: Cell = None
    support: Cell = None
    deadline: Cell = None
    remark: Cell = None
    key: Cell = None

    def __init__(self, row: int) -> None:
        self.row = row


def _join(first: Cell, more: Cell) -> Cell:
    if more is None:
        return first
    if first is None:
        return more
    return f"{_text(first)}\n{_text(more)}"


class TableReader:
    def __init__(self, name: str, sheet: Sheet, head: list[Row], rest: Iterator[Row], header_row: int,
                 columns: dict[int, str], year: int | None, line_of: dict[int, int] | None = None, *,
                 decoded_text: bool = False) -> None:
        self.name = name
        # The cells' text came from a decoder (an XML parser, calamine), which cannot
        # give a lone surrogate: tasks are built without the model checking for one.
        self.decoded_text = decoded_text
        self.line_of = line_of
        self.sheet = sheet
        self.head = head
        self.rest = rest
        self.header_row = header_row
        self.columns = columns
        self.year = year
        self.diagnostics: list[Diagnostic] = []
        self.notes: list[tuple[int, str]] = []  # (row, text)
        # Resolved once the layout is settled (see read()).
        self.responsibility_column: int | None = None
        self.lead_column: int | None = None
        self.support_column: int | None = None
        self.deadline_column: int | None = None
        self.number_column: int | None = None
        self.names: list[str] = []  # the _Record attribute of each mapped column, in column order
        # What each distinct text cell (or cells) gave, where it gave no diagnostic: a table
        # repeats a few phrases down thousands of rows. (Only text keys: 1, 1.0 and True are
        # equal keys but different cells.)
        self._quiet_responsibilities: dict[tuple[Cell, Cell, Cell], Responsibility] = {}
        self._quiet_deadlines: dict[Cell, Deadline] = {}

    # -- diagnostics -----------------------------------------------------------------

    def report(self, code: str, row: int | None = None, column: int | None = None, *, field: str | None = None,
               text: str = "", **values: object) -> None:
        line = self.line_of.get(row) if self.line_of is not None and row is not None else None
        if line is not None:  # a table in a text: its messages count the text's lines
            values = {"row": line, **values}
        self.diagnostics.append(DIAGNOSTIC_CODES[code].make(
            file=self.name, sheet=self.sheet.name if line is None else None, row=row, column=column,
            line=line, field=field, text=text, values=values))

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
        self.names = ["content" if f == "content?" else f for _, f in sorted(self.columns.items())]
        title = self._title()
        year = self.year
        if year is None:
            year = year_in(title)
        self.year = year
        records, category_like = self._records(merges, data_row)
        title_is_category = "content" in self.columns.values() and self.column_of("category") is None and (
            self.column_of("title") in category_like
        )
        tasks = self._tasks(records, title_is_category)
        return TaskTable(
            title=title,
            year=year,
            tasks=tuple(tasks),
            notes=tuple(text for _, text in sorted(self.notes)),
            diagnostics=tuple(with_keys(self.diagnostics, {t.source.row: t.key for t in tasks if t.source and t.source.row})
                              if self.diagnostics else ()),
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
            # The mapped columns are few; a merge may span thousands (and there may be many).
            if field in ("title", "category", "content") and not any(
                    c0 < c <= c1 and f == "content" for c, f in self.columns.items()):
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
        return itertools.chain(enumerate(self.head[data_row - 1 :], start=data_row),
                               enumerate(self.rest, start=max(len(self.head) + 1, data_row)))

    def _records(self, merges: list[Merge], data_row: int) -> tuple[list[_Record], set[int]]:
        tall = {(r0, c0): r1 for r0, c0, r1, c1 in merges if r1 > r0 and r1 >= data_row}
        category_like = {c0 for r0, c0, r1, _ in merges if r1 > r0 and r1 >= data_row}
        carried: dict[int, tuple[int, Cell]] = {}
        number_column = self.number_column
        mapped = sorted(self.columns)
        width = max(mapped)
        # A row's mapped cells are a list in column order (``mapped``); the columns with
        # a vertical merge over data rows, by their place in it.
        tall_columns = {c for _, c in tall}
        merged = [(place, column) for place, column in enumerate(mapped) if column in tall_columns]
        unmapped_reported: set[int] = set()
        gaps = any(c not in self.columns for c in range(1, width))
        # Only the 重点任务 column's role is in question: a category column repeats its
        # values or leaves continuation rows blank.
        watched = self.column_of("title")
        watched_place = mapped.index(watched) if watched is not None else -1
        seen: set[Cell] = set()
        blanks = 0
        records: list[_Record] = []
        # Rows merged across the table from its first column: a heading between tasks, a
        # note after the last one.
        wide = {r0 for r0, c0, r1, c1 in merges if r0 == r1 and c0 <= mapped[0] and c1 - c0 >= 2}
        flagged = flagged_by_row(self.sheet.flagged, self.columns)
        # The mapped cells of a row, fetched in one call (a row as long as the table).
        fetch = operator.itemgetter(*(c - 1 for c in mapped)) if len(mapped) > 1 else None
        for index, row in self._rows(data_row):
            if index in flagged:
                for column, (kind, text) in flagged[index]:
                    self.report(f"cell-{kind}", index, column, field=self.columns[column].rstrip("?"), text=text,
                                value=text)
            size = len(row)
            if gaps or size > width:
                self._check_unmapped(index, row, unmapped_reported)
            if fetch is not None and size >= width:
                cells = list(fetch(row))
            else:
                cells = [row[column - 1] if column <= size else None for column in mapped]
            continued = False
            for place, column in merged:
                if (index, column) in tall:
                    carried[column] = (tall[index, column], cells[place])
                elif cells[place] is None and column in carried and index <= carried[column][0]:
                    cells[place] = carried[column][1]
                    continued = continued or column == number_column
            if cells.count(None) == len(cells):
                continue
            if watched is not None:
                value = cells[watched_place]
                if value is None:
                    blanks += 1
                elif value in seen:
                    category_like.add(watched)
                else:
                    seen.add(value)
            if continued and records:
                self._continue(records[-1], cells)
                continue
            record = self._record(index, cells, index in wide)
            if record is not None:
                records.append(record)
        while records and records[-1].number == "wide":  # merged rows under the last task
            last = records.pop()
            self.notes.append((last.row, _text(last.category).strip()))
        for record in records:
            if record.number == "wide":
                record.number = "group"
        if watched is not None and seen and blanks * 3 >= len(records):
            category_like.add(watched)
        return records, category_like

    def _check_unmapped(self, index: int, row: Row, reported: set[int]) -> None:
        for column, value in enumerate(row, start=1):
            if value is not None and column not in self.columns and column not in reported:
                reported.add(column)
                self.report("column-unmapped", index, column, text=_text(value),
                            letter=column_letter(column), sample=_text(value)[:20])

    def _record(self, index: int, cells: list[Cell], wide: bool = False) -> _Record | None:
        """The row's record (``cells``: its mapped cells, in column order), or None for a
        footnote."""
        record = _Record(index)
        if len(cells) - cells.count(None) == 1:
            # A row holding one text, in whichever column (often merged across the table),
            # is a footnote ("注：…") or a group heading ("一、…") rather than a task.
            only = next(v for v in cells if v is not None)
            if isinstance(only, str):
                only = only.strip()
                if _NOTE.match(only):
                    self.notes.append((index, repair_cjk(only)))
                    return None
                if _group_label(only) is not None or wide:
                    record.category = only
                    record.number = "group" if _group_label(only) is not None else "wide"
                    return record
        # ``cells`` is in column order, as ``names`` is: set the row at once.
        record.__dict__.update(zip(self.names, cells))
        return record

    def _continue(self, record: _Record, cells: list[Cell]) -> None:
        """A row under a vertically merged 序号 continues the task above it (``cells``: its
        mapped cells, in column order)."""
        for attribute, value in zip(self.names, cells):
            if attribute in ("number", "category"):
                continue
            if getattr(record, attribute) != value:
                setattr(record, attribute, _join(getattr(record, attribute), value))

    # -- tasks -----------------------------------------------------------------------

    def _tasks(self, records: list[_Record], title_is_category: bool) -> list[Task]:
        tasks: list[Task] = []
        explicit: list[bool] = []  # the key came from the workbook (kept as it is)
        used: set[int] = set()
        last = 0
        group: str | None = None
        scope: str | None = None  # numbering restarts at 1 under a new category
        title_column, content_column = self.column_of("title"), self.column_of("content") or self.column_of("content?")
        # A number given in place of a missing or unreadable one is none the table prints.
        numbers = [None if r.number == "group" else _parsed_number(r.number) for r in records]
        printed = {n for n in numbers if n is not None}
        runs: dict[int, int] = {}  # printed number → the first unprinted one above it, built when needed
        name, sheet, line_of = self.name, self.sheet.name, self.line_of
        make_task: Callable[..., Task] = Task
        make_source: Callable[..., Source] = Source
        if self.decoded_text:
            Source(file=name, sheet=sheet)  # the file's name is no cell: checked, once
            make_task, make_source = decoded(Task), decoded(Source)
        for record, parsed in zip(records, numbers):
            if record.number == "group":
                label = repair_cjk(_text(record.category))
                group = label[_group_label(label) or 0:].strip()
                continue
            category = _short_text(record.category) or None
            title = _short_text(record.title)
            value = record.content
            content = repair_cjk(value if type(value) is str else _text(value))
            if title_is_category:
                category, title = title or category, ""
            elif not content and first_sentence(title) != title.rstrip("。"):
                # A lone task column holding whole sentences holds the content.
                title, content = "", title
            # A blank category cell continues the category above it (seed 000's PDF copy).
            category = category or group
            group = category
            if not title and not content:
                self.report("task-empty", record.row, title_column or content_column or self.number_column,
                            field="content")
                continue
            if category != scope and parsed == 1:
                used, last = set(), 0
            scope = category
            number = self._number(record, parsed, used, last, printed, runs)
            used.add(number)
            last = max(last, number)
            tasks.append(
                make_task(
                    number=number,
                    title=title or first_sentence(content),
                    content=content,
                    category=category,
                    responsibility=self._responsibility(record),
                    deadline=self._deadline(record),
                    remark=_short_text(record.remark),
                    source=make_source(file=name, sheet=sheet, row=record.row,
                                  line=line_of.get(record.row) if line_of is not None else None),
                    key="".join(key.split()) if (key := _text(record.key)) else "",
                )
            )
            explicit.append(bool(key.strip()))
        return distinct_keys(tasks, kept=explicit)

    def _number(self, record: _Record, number: int | None, used: set[int], last: int, printed: set[int],
                runs: dict[int, int]) -> int:
        """The task's number: as printed (``number``, read from the cell), or (missing,
        unreadable) the first number above the scope's highest (``last``, the largest of
        ``used``) that the table prints nowhere."""
        column = self.number_column
        value = record.number
        if value is None:
            assigned = _unprinted(last + 1, printed, runs)
            if column is None:
                if not used:
                    self.report("number-column-missing", self.header_row, 1, field="number")
            else:
                self.report("number-missing", record.row, column, field="number", assigned=assigned)
            return assigned
        if number is None:
            assigned = _unprinted(last + 1, printed, runs)
            self.report("number-invalid", record.row, column, field="number", text=_text(value),
                        value=_text(value), action=f"已按顺序编为 {assigned}")
            return assigned
        if number in used:
            self.report("number-duplicate", record.row, column, field="number", text=_text(value), number=number)
        elif number > last + 1:
            missing = "、".join(str(n) for n in range(last + 1, number)) if number - last <= 10 else f"{last + 1}–{number - 1}"
            self.report("number-skipped", record.row, column, field="number", text=_text(value),
                        last=last, number=number, missing=missing)
        return number

    def _responsibility(self, record: _Record) -> Responsibility:
        return self._remembered(self._quiet_responsibilities, (record.responsibility, record.lead, record.support),
                                self._parse_responsibility, record)

    def _remembered(self, memo: dict[Any, P], cells: Cell | tuple[Cell, ...], parse: Callable[[_Record], P],
                    record: _Record) -> P:
        """What ``parse`` gives for ``record``'s ``cells``: remembered in ``memo`` when they are text (or
        blank beside text, for several) and it reported nothing, so that a phrase repeated
        down the table is read once and one that gives a diagnostic gives it on each row."""
        known = memo.get(cells)
        if known is not None:
            return known
        reported = len(self.diagnostics)
        parsed = parse(record)
        if len(self.diagnostics) == reported and (
                type(cells) is str or type(cells) is tuple and all(type(c) is str or c is None for c in cells)):
            memo[cells] = parsed
        return parsed

    def _parse_responsibility(self, record: _Record) -> Responsibility:
        if self.responsibility_column is not None:
            column: int | None = self.responsibility_column
            value = record.responsibility
            text = value if type(value) is str else _text(value)
        elif self.lead_column is not None or self.support_column is not None:
            column = self.lead_column or self.support_column
            lead, support = record.lead, record.support
            text = _two_column_text(lead if type(lead) is str else _text(lead),
                                    support if type(support) is str else _text(support))
        else:
            return Responsibility()
        if not text.strip():
            self.report("responsibility-missing", record.row, column, field="responsibility")
            return Responsibility(text=text)
        parsed, unknown, none_known = _responsibility_of(text)
        if none_known:
            self.report("responsibility-no-unit", record.row, column, field="responsibility", text=text,
                        value=text.strip())
        else:
            if unknown:
                self.report("responsibility-unknown-unit", record.row, column, field="responsibility", text=text,
                            names="、".join(unknown))
            if parsed.unresolved:
                self.report("responsibility-unresolved", record.row, column, field="responsibility", text=text,
                            value=text.strip(), parts="、".join(parsed.unresolved))
        return parsed

    def _deadline(self, record: _Record) -> Deadline:
        return self._remembered(self._quiet_deadlines, record.deadline, self._parse_deadline, record)

    def _parse_deadline(self, record: _Record) -> Deadline:
        column = self.deadline_column
        if column is None:
            return Deadline(kind=DeadlineKind.UNSPECIFIED)
        value = record.deadline
        if value is None:
            self.report("deadline-missing", record.row, column, field="deadline")
            return Deadline(kind=DeadlineKind.UNSPECIFIED)
        if type(value) is str:  # the common case: neither a date nor a serial number
            text = value
        else:
            if isinstance(value, dt.datetime):
                return Deadline.on(value.date())
            if isinstance(value, dt.date):
                return Deadline.on(value)
            day = serial_date(value)
            if day is not None:
                self.report("deadline-serial", record.row, column, field="deadline", text=str(value),
                            value=value, day=day.isoformat())
                return Deadline.on(day)
            text = _text(value)
        deadline = _deadline_of(text, self.year)
        if deadline is None:
            self.report("deadline-unparsed", record.row, column, field="deadline", text=text, value=text.strip())
            return Deadline(kind=DeadlineKind.UNSPECIFIED, text=text)
        if not deadline.resolved:
            self.report("deadline-no-year", record.row, column, field="deadline", text=text, value=text.strip())
        return deadline


def _group_label(text: str) -> int | None:
    """Where the text of a group heading row ("一、…", "（二）…") starts, else None."""
    found = label_at(text)
    return found[2] if found is not None and found[0] <= 2 else None


def _unprinted(start: int, printed: set[int], runs: dict[int, int]) -> int:
    """The first number from ``start`` up that is not in ``printed``. ``runs`` (filled on
    first use) maps each printed number to the first unprinted one above it, so a table
    of 100,000 printed numbers costs one pass, not one walk per task."""
    if start not in printed:
        return start
    if not runs:
        for n in sorted(printed, reverse=True):
            runs[n] = runs.get(n + 1, n + 1)
    return runs[start]


def _parsed_number(value: Cell) -> int | None:
    """A 序号 cell as a positive whole number (1, "1", "1.", "一", "１"), else None."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        text = squeeze(halfwidth_digits(value)).rstrip(".、．")
        try:
            number = cn_to_int(text) if text else None
        except ValueError:
            return None
        return number or None
    return None


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

