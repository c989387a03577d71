"""Read a campaign notice from its text (copied from a PDF or Word file) into the model.

The reading goes in passes: find the tables (whatever shape a copy left them in), find the
notice's frame by its GB/T 9704 structure (see :mod:`yifeng.io._frame`), find the plan it
issues and the attachments by their labels and their own titles, read the body into its
sections, and only then build the campaign: tasks from the 分工表 and from the numbered
paragraphs of the task section, negative list, phases, work group, channels, 台账 forms.
What cannot be placed becomes a Diagnostic with its line; nothing raises but
:class:`~yifeng.errors.TableFormatError`, for input that is not a document at all.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from yifeng import lexicon
from yifeng._text import alternation, repair_cjk, squeeze, year_in
from yifeng.errors import ModelError, ParseError, TableFormatError
from yifeng.io import _frame as frame
from yifeng.io._attachments import channels, kind_of, ledger, work_group
from yifeng.io._locate import HEADER_SCAN
from yifeng.io._plaintext import Body, clean, heading, read_body, repeated_furniture
from yifeng.io._prose import restates, task_nodes, tasks_from
from yifeng.io._tasktable import find_header, TableReader
from yifeng.io._texttable import GridSheet, TextTable, find_tables
from yifeng.io._guard import DEFAULT_LIMITS, Container, Limits, engine_errors, sniff
from yifeng.io._workbook import Cell, Merge, Row, source_name
from yifeng.io._workbook import Source as FileSource
from yifeng.model import (
    DIAGNOSTIC_CODES,
    BasisDocument,
    Campaign,
    CampaignKind,
    Deadline,
    Diagnostic,
    DocNumber,
    Ledger,
    Level,
    NegativeListArea,
    NegativeListItem,
    Notice,
    Phase,
    ReportRequirement,
    ReportingChannel,
    Responsibility,
    Section,
    Task,
    TaskTable,
    WorkGroup,
)
from yifeng.model._deadline import parse_period
from yifeng.model._codes import with_keys
from yifeng.model._docnumber import BRACKETED_YEAR

_BASIS: Final = re.compile(rf"《(?P<title>[^》]+)》[（(](?P<number>[^）)]*?{BRACKETED_YEAR}\s*\d+\s*号)[）)]")
_KINDS: Final = tuple(
    (word, CampaignKind(kind)) for kind, words in lexicon.PLAN_KINDS.items() for word in words
)
_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_notice_text(text: str, *, name: str | None = None) -> Notice:
    """Read a notice (and the plan it issues) from plain text.

    Works on text copied from a PDF (words broken by spaces and line breaks, page
    numbers, watermarks) or a Word file (tables as tab-separated rows or one cell per
    line), and on a plan or attachment alone. Returns the :class:`~yifeng.model.Notice`
    with ``diagnostics`` for what could not be placed, each naming its line. ``name``
    names the text in diagnostics (a file name, say).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    replaced = []
    for index, line in enumerate(lines):
        if not line.isascii() and _SURROGATE.search(line):
            lines[index] = _SURROGATE.sub("\ufffd", line)  # visibly: no file format can hold these
            replaced.append(index + 1)
    tables = find_tables(lines, list(range(1, len(lines) + 1)), name or "文本表格")
    reader = _NoticeReader(lines, tables, name)
    for number in replaced:
        reader.report("text-replaced", line=number, text=lines[number - 1])
    return reader.read()


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def read_notice_docx(source: FileSource, *, limits: Limits | None = None) -> Notice:
    """Read a notice from a .docx (a path or a binary file): its paragraphs as for
    :func:`read_notice_text`, and its tables cell by cell (merged categories, headers,
    repaired text) through the 分工表 importer's own row builder.

    The file is checked against ``limits`` (see :class:`~yifeng.io.Limits`) before it is
    parsed; a file that is not a readable .docx raises
    :class:`~yifeng.errors.TableFormatError` naming it."""
    from docx import Document

    limits = limits if limits is not None else DEFAULT_LIMITS
    name = source_name(source)
    if not isinstance(source, (str, os.PathLike)) and not source.seekable():
        source = io.BytesIO(source.read())
    _check_docx(source, name, limits)
    with engine_errors(name, "Word 文件"):
        document = Document(source if not isinstance(source, os.PathLike) else os.fspath(source))
    lines: list[str] = []
    tables: list[TextTable] = []
    with engine_errors(name, "Word 文件的正文"):
        for block in _blocks(document.element.body):
            tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
            if tag == "p":
                lines += _paragraph_text(block).split("\n")
            elif tag == "tbl":
                start = len(lines)
                word = _WordTable(block, f"表格{len(tables) + 1}", name, limits)
                rows = list(word.rows())
                lines += [_cell(v) for row in rows for v in row if v is not None] or [""]
                # A Word table is addressed by its own rows and columns (表格1!C5), not by lines.
                tables.append(TextTable(start, len(lines), GridSheet(word.name, rows, word.merges(), {})))
    # Tables typed into paragraphs (tabs, or one cell a paragraph) are tables too.
    covered = {i for t in tables for i in range(t.start, t.end)}
    typed = [t for t in find_tables(lines, list(range(1, len(lines) + 1)), name) if not covered & set(range(t.start, t.end))]
    return _NoticeReader(lines, sorted(tables + typed, key=lambda t: t.start), name).read()


def _check_docx(source: FileSource, name: str, limits: Limits) -> None:
    """The guarded boundary for a .docx: a zip within ``limits`` whose parts are what
    its directory says, holding a Word document."""
    head = sniff(source, name, "Word 文件")
    if not head.startswith(b"PK"):
        raise TableFormatError(f"{name}：不是可读取的 Word 文件（.docx）；.doc 或 PDF 请先在 Word 中另存为 .docx")
    container = Container(source, name, limits)
    try:
        if "word/document.xml" not in container.names:
            kind = "Excel 工作簿" if "xl/workbook.xml" in container.names else "其他压缩文件"
            raise TableFormatError(f"{name}：不是可读取的 Word 文件（.docx），看起来是{kind}")
        container.verify([p for p in sorted(container.names) if p.endswith((".xml", ".rels"))])
    finally:
        container.close()
        if not isinstance(source, (str, os.PathLike)):
            source.seek(0)


def _blocks(body: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body in order, also those inside content controls."""
    for block in body.iterchildren():
        if block.tag == f"{_W}sdt":
            content = block.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        else:
            yield block


def _cell(value: Cell) -> str:
    return value if isinstance(value, str) else str(value)


def _paragraph_text(paragraph: Any) -> str:
    """A Word paragraph's text with its tabs and line breaks (not only its w:t runs)."""
    pieces = []
    for run in paragraph.iter(f"{_W}r"):  # runs only: <w:tabs> in the properties are tab stops
        for element in run:
            name = element.tag.rsplit("}", 1)[-1]
            if name == "t":
                pieces.append(element.text or "")
            elif name == "tab":
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append("\n")
    return "".join(pieces)


def _span(value: str, limit: int) -> int:
    """Columns a cell spans; gridSpan="400000000" (or "x") is damage and spans one."""
    return int(value) if value.isdigit() and 0 < int(value) <= limit else 1


class _WordTable:
    """A Word table as a sheet for the 分工表 reader: rows from column A, and its merged
    cells (gridSpan across, vMerge down) as ranges."""

    def __init__(self, table: Any, name: str, file: str, limits: Limits) -> None:
        self.name = name
        self._rows: list[Row] = []
        spans: list[Merge] = []
        down: dict[int, list[int]] = {}  # column → [first row, first column, last row, last column]
        finished: list[list[int]] = []
        for r, tr in enumerate(table.iterchildren(f"{_W}tr"), start=1):
            row: list[Cell] = []
            column = 1
            for tc in tr.iterchildren(f"{_W}tc"):
                props = tc.find(f"{_W}tcPr")
                span_el = props.find(f"{_W}gridSpan") if props is not None else None
                span = _span(span_el.get(f"{_W}val", "1"), limits.span) if span_el is not None else 1
                if column + span > limits.columns or r * (column + span) > limits.cells:
                    raise TableFormatError(f"{file}：{name}第 {r} 行超过 {limits.columns} 列（或表格超过 "
                                           f"{limits.cells} 个单元格），文件已损坏或被篡改")
                merge_el = props.find(f"{_W}vMerge") if props is not None else None
                text = "\n".join(_paragraph_text(p) for p in tc.iter(f"{_W}p"))
                continues = merge_el is not None and merge_el.get(f"{_W}val", "continue") == "continue"
                if continues and column in down:
                    down[column][2] = r
                    row += [None] * span
                else:
                    if column in down:
                        finished.append(down.pop(column))
                    if merge_el is not None:
                        down[column] = [r, column, r, column + span - 1]
                    row += [text.strip() or None] + [None] * (span - 1)
                    if span > 1:
                        spans.append((r, column, r, column + span - 1))
                column += span
            self._rows.append(tuple(row))
        finished += down.values()
        self._merges = spans + [(a, b, c, d) for a, b, c, d in finished]

    def merges(self) -> list[Merge]:
        return list(self._merges)

    def rows(self) -> Iterator[Row]:
        return iter(self._rows)


class _Attachment:
    def __init__(self, label_at: int, end: int, title: str, title_end: int) -> None:
        self.label_at, self.end, self.title, self.title_end = label_at, end, title, title_end


class _NoticeReader:
    def __init__(self, lines: list[str], tables: list[TextTable], name: str | None) -> None:
        self.lines = lines
        self.tables = tables
        self.name = name
        self.diagnostics: list[Diagnostic] = []
        self.in_table = {i for t in tables for i in range(t.start, t.end)}
        self.furniture = repeated_furniture(lines)
        # The text outside tables, as the frame finder sees it.
        self.text = [line if i not in self.in_table and not frame.is_furniture(line)
                     and clean(line) not in self.furniture else "" for i, line in enumerate(lines)]
        self.imprint = frame.imprint(self.text)

    def report(self, code: str, *, line: int | None = None, field: str | None = None, text: str = "",
               **values: object) -> None:
        self.diagnostics.append(DIAGNOSTIC_CODES[code].make(file=self.name, line=line, field=field, text=text,
                                                            values=values))

    # -- the notice --------------------------------------------------------------------

    def read(self) -> Notice:
        lines = self.text
        head = min(frame.HEAD_SCAN, next((t.start for t in self.tables), len(lines)))
        number = frame.find_doc_number(lines, head)
        number_at, doc_number = number if number is not None else (None, None)
        title = frame.find_title(lines, 0, head, floor=number_at if number_at is not None else -1)
        issuers, mark_suffix = self._letterhead(number_at, title)
        after_head = max([i + 1 for i in (number_at, title.last if title else None) if i is not None], default=0)
        recipients, body_start = self._recipients(after_head, head)
        attachments = self._attachments(body_start)
        limit = attachments[0].label_at if attachments else self._imprint_start()
        # The notice's own parts end at its 署名 and 成文日期; what it issues follows.
        signed = frame.signature_and_date(lines, body_start, limit) if title is not None else None
        if signed is not None:
            listed_early = frame.attachment_list(lines, body_start, signed.first)
            body_end = listed_early.at if listed_early else signed.first
            plan = self._plan_title(signed.at + 1, limit)
        else:
            plan = self._plan_title(body_start if title is not None else 0, limit)
            body_end = plan.first if plan is not None else limit
        plan_end = attachments[0].label_at if attachments else limit
        if plan is None and title is not None:
            # The plan as an attachment of its notice: "附件" over the plan's own title.
            inside = next((a for a in attachments if _is_plan_title(a.title)), None)
            if inside is not None:
                plan, plan_end = frame.Span(inside.label_at + 1, inside.title_end - 1, inside.title), inside.end
                attachments = [a for a in attachments if a is not inside]
        untitled = self._untitled_plan(title, signed, plan_end) if plan is None else None
        if untitled is not None:
            plan = untitled
            self.report("plan-title-missing", line=plan.first + 1, plan=plan.text)
        notice_body = self._body(body_start, body_end) if title is not None else None
        listed = frame.attachment_list(lines, body_start, len(lines))
        if plan is not None:
            listed_in_plan = frame.attachment_list(lines, plan.last + 1, plan_end)
            plan_body = self._body(plan.last + 1, listed_in_plan.at if listed_in_plan else plan_end)
            plan_listed = listed_in_plan.titles if listed_in_plan else []
        else:
            plan_body = notice_body or self._body(0, limit)
            plan_listed = listed.titles if listed else []
        notice_title = title.text if title is not None else (plan.text if plan is not None else None)
        signature = signed.names if signed else []
        issuers = issuers or signature or self._title_issuers(notice_title)
        campaign = self._campaign(
            title=plan.text if plan is not None else notice_title, notice_title=notice_title, body=plan_body,
            attachments=attachments, issuers=issuers, doc_number=doc_number, date=signed.date if signed else None,
            listed=plan_listed,
        )
        notes = [n for n in (frame.disclosure(line) for line in lines[: plan.first if plan else limit]) if n]
        imprint = self.imprint
        return Notice(
            title=notice_title or (campaign.title if campaign is not None else "（未识别标题）"),
            doc_number=doc_number,
            issuers=tuple(issuers),
            mark_suffix=mark_suffix,
            recipients=tuple(recipients),
            body=(notice_body.preamble + tuple(_flatten(notice_body.sections))) if notice_body and plan else (),
            attachments=tuple(listed.titles) if listed and plan is not None else (),
            signature=tuple(signature),
            date=signed.date if signed else None,
            disclosure=notes[0] if notes else "",
            cc=tuple(imprint.cc),
            printed_by=imprint.printed_by,
            printed_on=imprint.printed_on,
            proofreader=imprint.proofreader,
            campaign=campaign,
            diagnostics=tuple(sorted(with_keys(self.diagnostics, {
                t.source.line: t.key for t in (campaign.tasks if campaign else ()) if t.source and t.source.line},
                by="line"), key=lambda d: d.line or 0)),
        )

    def _letterhead(self, number_at: int | None, title: frame.Span | None) -> tuple[list[str], str]:
        """The issuers of the 发文机关标志, in the lines right above the 发文字号."""
        if number_at is None or (title is not None and title.first < number_at):
            return [], ""
        names: list[str] = []
        suffix = ""
        for line in reversed(self.text[:number_at]):
            if not frame.flat(line):
                continue
            found = frame.issuer_names(line)
            if found is None:
                break
            if frame.flat(line).endswith(lexicon.LETTERHEAD_SUFFIX):
                suffix = lexicon.LETTERHEAD_SUFFIX
            names = found + names
        return names, suffix

    def _title_issuers(self, title: str | None) -> list[str]:
        """Issuers written in the title before 关于 ("卫生健康委 教育部 …关于…")."""
        if not title or lexicon.TITLE_MARK not in title:
            return []
        return frame.issuer_names(title.split(lexicon.TITLE_MARK)[0]) or []

    def _recipients(self, start: int, limit: int) -> tuple[list[str], int]:
        """The 主送机关 (over up to three lines) and where the body starts."""
        index, seen = start, 0
        while index < limit and seen < 3:
            if not frame.flat(self.text[index]):
                index += 1
                continue
            joined = "".join(frame.flat(self.text[i]) for i in range(start, index + 1))
            found = frame.recipients(joined)
            if found is not None:
                return found, index + 1
            seen += 1
            index += 1
        return [], start

    def _plan_title(self, start: int, limit: int) -> frame.Span | None:
        """The title of the plan a notice issues: the first line from ``start`` that
        reads as one (short, no sentence, ending with 方案, 工作要点, 意见 …)."""
        for index in range(start, limit):
            if frame.flat(self.text[index]):
                found = frame.find_plan_title(self.text, index, limit)
                if found is not None:
                    return found
        return None

    def _untitled_plan(self, title: frame.Span | None, signed: frame.Signed | None, end: int) -> frame.Span | None:
        """The plan a notice issues when its title line is missing: numbered sections after
        the signature, named as the notice's title names the plan. The span is empty (its
        ``last`` before its ``first``): the plan's text starts at ``first``."""
        if title is None or signed is None:
            return None
        issued = _issued_plan(title.text)
        start = next((i for i in range(signed.at + 1, end) if frame.flat(self.text[i])
                      and frame.disclosure(self.text[i]) is None), None)
        if issued is None or start is None:
            return None
        lines = [(i + 1, self.text[i]) for i in range(start, end) if i not in self.in_table]
        return frame.Span(start, start - 1, issued) if read_body(lines, self.furniture).sections else None

    def _imprint_start(self) -> int:
        return self.imprint.first if self.imprint.first is not None else len(self.text)

    def _attachments(self, start: int) -> list[_Attachment]:
        """The attachments: each from its label line ("附件2") to the next label."""
        labels = [i for i in range(start, len(self.lines))
                  if re.fullmatch(lexicon.ATTACHMENT_LABEL + r"\s*[：:]?", frame.flat(self.lines[i]))
                  and i not in self.in_table]
        end = self._imprint_start()
        found = []
        for at, following in zip(labels, labels[1:] + [max(end, labels[-1] + 1) if labels else end]):
            title_lines: list[str] = []
            index = at + 1
            while index < following and len(title_lines) < 3:
                text = frame.flat(self.lines[index])
                if index in self.in_table or (text and (frame.SENTENCE.search(text) or len(text) > 40 or "：" in text
                                                        or ":" in text or heading(clean(self.lines[index])))):
                    break
                if text:
                    title_lines.append(clean(self.lines[index]))
                elif title_lines:
                    break
                index += 1
            found.append(_Attachment(at, following, repair_cjk("".join(title_lines)), index))
        return found

    def _body(self, start: int, end: int) -> Body:
        lines = [(i + 1, self.text[i]) for i in range(start, end)
                 if i not in self.in_table and frame.disclosure(self.text[i]) is None]
        body = read_body(lines, self.furniture)
        for code, line, label, previous in body.oddities:
            self.report(code, line=line, text=label, label=label, previous=previous)
        return body

    # -- the campaign --------------------------------------------------------------------

    def _campaign(self, *, title: str | None, notice_title: str | None, body: Body, attachments: list[_Attachment],
                  issuers: list[str], doc_number: DocNumber | None, date: dt.date | None,
                  listed: list[str]) -> Campaign | None:
        sections = body.sections
        for table in self.tables:
            if table.kind == "unknown":
                self.report("table-unread", line=table.sheet.line_of.get(1), title=self._table_title(table) or table.sheet.name)
        tables = [t for t in self.tables if t.kind == "tasks"]
        table_title = self._table_title(tables[0]) if tables else ""
        name = title or (_plan_of_table(table_title) if table_title else None)
        if name is None and not sections and not tables:
            self.report("plan-not-found")
            return None
        if name is None:
            self.report("title-not-found")
            name = "（未识别标题）"
        timeline = next((s for s in sections for node in s.walk()
                         if node is s and any(w in s.title for w in lexicon.PHASE_SECTION_WORDS)), None)
        period = parse_period(timeline.paragraphs[0].rstrip("。"), None) if timeline and timeline.paragraphs else (None, None)
        year = self._year(doc_number, date, [name, notice_title or "", table_title], period[0])
        table_tasks = self._table_tasks(tables, year)
        nodes = task_nodes(body)
        if table_tasks and restates(table_tasks, [n for n in body.root.walk() if n is not body.root]):
            tasks = table_tasks
        else:
            prose = tasks_from(nodes, year, self.name, self.report)
            tasks = prose + self._categorised(table_tasks, prose, table_title)
        tasks = self._unique_numbers(self._with_year(tasks, year))
        negative = _negative_list(sections)
        if not tasks:
            paragraphs = sum(len(n.paragraphs) for n in body.root.walk())
            detail = f"（文中有负面清单 {len(negative)} 方面 {sum(len(a.items) for a in negative)} 项）" if negative else ""
            issued = _issued_plan(notice_title) if title == notice_title and not tables else None
            if issued is not None:
                self.report("plan-absent", plan=issued)
            elif paragraphs:
                self.report("tasks-none", paragraphs=paragraphs, detail=detail)
        group, reporting, ledgers = self._attachment_contents(attachments)
        try:
            return Campaign(
                title=name,
                kind=next((k for word, k in _KINDS if word in squeeze(name)), None),
                level=_level(name, issuers),
                year=year,
                start=period[0],
                end=period[1],
                issuers=tuple(issuers),
                basis=_basis("".join(body.preamble)),
                preamble=body.preamble,
                sections=sections,
                table_title=table_title,
                tasks=tuple(tasks),
                negative_list=negative,
                phases=_phases(sections, year),
                reports=_recurring_reports(sections),
                work_group=group,
                reporting_channels=reporting,
                ledgers=ledgers,
                attachments=tuple(listed) or tuple(a.title for a in attachments if a.title),
            )
        except ModelError as error:
            self.report("task-invalid", text=name, value=name[:30], why=str(error))
            return Campaign(title=name, year=year, issuers=tuple(issuers), preamble=body.preamble, sections=sections)

    def _year(self, doc_number: DocNumber | None, date: dt.date | None, titles: list[str],
              start: dt.date | None) -> int | None:
        """The year of issue: the 发文字号's, the 成文日期's, a title's, the period's."""
        if doc_number is not None:
            return doc_number.year
        if date is not None:
            return date.year
        for title in titles:
            if (found := year_in(title)) is not None:
                return found
        return start.year if start else None

    def _table_title(self, table: TextTable) -> str:
        """The lines above a table, up to its attachment label or a sentence."""
        parts: list[str] = []
        index = table.start - 1
        while index >= 0 and len(parts) < 3:
            text = frame.flat(self.text[index])
            if not text:
                index -= 1
                continue
            if re.fullmatch(lexicon.ATTACHMENT_LABEL + r"\s*[：:]?", text) or frame.SENTENCE.search(text) or len(text) > 60:
                break
            parts.insert(0, clean(self.text[index]))
            index -= 1
        return repair_cjk("".join(parts))

    def _table_tasks(self, tables: list[TextTable], year: int | None) -> list[Task]:
        tasks: list[Task] = []
        for table in tables:
            rows = list(table.sheet.rows())
            head = rows[:HEADER_SCAN]
            found = find_header(head)
            title = self._table_title(table)
            if found is None:
                self.report("table-unread", line=table.sheet.line_of.get(1, table.start + 1), title=title or table.sheet.name)
                continue
            table_year = year if year is not None else year_in(title)
            read: TaskTable = TableReader(self.name or table.sheet.name, table.sheet, head, iter(rows[len(head):]),
                                           found[0], found[1], table_year, table.sheet.line_of or None).read()
            self.diagnostics += read.diagnostics
            tasks += self._categorised(list(read.tasks), tasks, title) if tasks else list(read.tasks)
        return tasks

    def _unique_numbers(self, tasks: list[Task]) -> list[Task]:
        """A plan numbers its tasks once under each category; a number printed twice (a
        typing slip in the table) is given to the first task, and to the other a number
        no task of its category carries (as the table reader gives one in place of an
        unreadable number), and said so."""
        carried: dict[str | None, set[int]] = {}
        for task in tasks:
            carried.setdefault(task.category, set()).add(task.number)
        taken: dict[str | None, set[int]] = {}
        out = []
        for task in tasks:
            numbers = taken.setdefault(task.category, set())
            if task.number in numbers:
                free = max(carried[task.category]) + 1
                carried[task.category].add(free)
                source = task.source
                self.report("number-renumbered", line=source.line if source else None, field="number",
                            text=str(task.number), number=task.number, assigned=free)
                task = attrs.evolve(task, number=free)
            numbers.add(task.number)
            out.append(task)
        return out

    @staticmethod
    def _categorised(more: list[Task], before: list[Task], title: str) -> list[Task]:
        """Tasks of a further table: numbered on their own, under the table's title."""
        if not before or not more:
            return more
        taken = {(t.category, t.number) for t in before}
        return [t if (t.category, t.number) not in taken else attrs.evolve(t, category=t.category or title or "附表")
                for t in more]

    def _with_year(self, tasks: list[Task], year: int | None) -> list[Task]:
        if year is None:
            waiting = [t for t in tasks if not t.deadline.resolved]
            if waiting:
                self.report("year-unknown", value=waiting[0].deadline.text)
            return tasks
        return [t if t.deadline.resolved else attrs.evolve(t, deadline=t.deadline.with_year(year)) for t in tasks]

    def _attachment_contents(self, attachments: list[_Attachment]
                             ) -> tuple[WorkGroup | None, tuple[ReportingChannel, ...], tuple[Ledger, ...]]:
        group: WorkGroup | None = None
        reporting: tuple[ReportingChannel, ...] = ()
        ledgers: list[Ledger] = []
        for attachment in attachments:
            kind = kind_of(attachment.title)
            inside = [self.lines[i] for i in range(attachment.title_end, attachment.end)]
            if kind == "ledger":
                headers = [t for t in self.tables if t.kind == "ledger" and attachment.label_at < t.start < attachment.end]
                for table in headers:
                    ledgers.append(ledger(attachment.title, table.header))
            elif kind == "channels" and not reporting:
                reporting = channels(inside)
            elif kind == "work_group" and group is None:
                group = work_group(attachment.title, inside)
            if kind is not None and kind != "ledger" and not (group or reporting):
                self.report("attachment-unread", line=attachment.label_at + 1, title=attachment.title)
        return group, reporting, tuple(ledgers)


_TABLE_KINDS: Final = lexicon.PLAN_KINDS["duty_list"]


def _plan_of_table(title: str) -> str:
    """The plan a 分工表 is of, from its title: "…工作要点任务分工表" → "…工作要点";
    "…专项整治重点任务分工表" keeps its 重点任务; a bare "重点任务分工表" names no plan and
    stays whole."""
    for suffix in ("任务分工表", "分工表"):
        if title.endswith(suffix):
            rest = title.removesuffix(suffix)
            if (suffix == "分工表" or frame.PLAN_END.search(rest)) and squeeze(rest) not in lexicon.TASK_SECTION_TITLES:
                return rest or title
    return title


def _issued_plan(notice_title: str | None) -> str | None:
    """The plan a notice's title says it issues: "关于印发《X方案》的通知" → "X方案"."""
    flat = squeeze(notice_title or "")
    for word in lexicon.ISSUING_WORDS:
        if word in flat:
            issued = flat.split(word, 1)[1]
            for kind in lexicon.NOTICE_KINDS:
                issued = issued.removesuffix(f"的{kind}")
            issued = issued.strip("《》")
            return issued if frame.PLAN_END.search(issued) else None
    return None


def _is_plan_title(title: str) -> bool:
    """An attachment titled as a plan (…工作方案, …工作要点), not as a table (…分工表)."""
    flat = squeeze(title)
    return bool(flat) and bool(frame.PLAN_END.search(flat)) and not any(kind in flat for kind in _TABLE_KINDS)


def _flatten(sections: Sequence[Section]) -> list[str]:
    texts: list[str] = []
    for section in sections:
        texts += [section.label + section.title] + list(section.paragraphs)
        texts += _flatten(section.children)
    return [t for t in texts if t]


def _basis(preamble: str) -> tuple[BasisDocument, ...]:
    found = []
    for match in _BASIS.finditer(preamble):
        try:
            found.append(BasisDocument(title=match["title"], doc_number=DocNumber.parse(match["number"])))
        except (ParseError, ModelError):
            continue
    return tuple(found)


def _level(title: str, issuers: Sequence[str]) -> Level | None:
    """The administrative level: from the issuers' names, else from a place name that
    opens the title ("湖南省进一步…"), else from 全省/全市…"""
    for name in issuers:
        found = _place_level(name, organisation=True)
        if found is not None:
            return found
    found = _place_level(re.sub(r"^\d{4}\s*年", "", squeeze(title)), organisation=False)
    if found is not None:
        return found
    for word, level in lexicon.PLACE_LEVELS.items():
        if len(word) == 1 and f"全{word}" in title:
            return Level(level)
    return None


_NATIONAL: Final = lexicon.LEVEL_WORDS["national"]
_PLACE: Final = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{2,6}}?)(?P<level>{alternation(lexicon.PLACE_LEVELS)})")


def _place_level(text: str, *, organisation: bool) -> Level | None:
    if text.startswith(_NATIONAL):
        return Level.NATIONAL
    if text.startswith(lexicon.PROVINCE_LEVEL_CITIES):
        return Level.PROVINCIAL
    if organisation and text[:1] in lexicon.PLACE_LEVELS:  # 省委组织部, 县卫生健康局
        return Level(lexicon.PLACE_LEVELS[text[:1]])
    match = _PLACE.match(text)
    if match is not None and (organisation or not text.startswith(lexicon.TITLE_OPENINGS)):
        return Level(lexicon.PLACE_LEVELS[match["level"]])
    if organisation and text.endswith(("部", "总局")):  # 教育部, 国家广电总局: a ministry
        return Level.NATIONAL
    return None


_SCOPE: Final = lexicon.NEGATIVE_LIST_PARTS["scope"]


def _negative_list(sections: Sequence[Section]) -> tuple[NegativeListArea, ...]:
    """Every area (a section with a 负面清单 part) anywhere in the body."""
    areas = []
    for section in sections:
        for area in section.walk():
            parts = {child.title: child for child in area.children}
            listing = parts.get(lexicon.NEGATIVE_LIST_PARTS["items"])
            if area.number is None or listing is None:
                continue
            owners = next((c for c in area.children if c.title in lexicon.ROLE_LABELS["responsible"]), None)
            try:
                areas.append(NegativeListArea(
                    number=area.number,
                    title=area.title,
                    scope="".join(parts[_SCOPE].paragraphs) if _SCOPE in parts else "",
                    focus="".join(listing.paragraphs),
                    items=tuple(NegativeListItem(area=area.number, number=item.number or i,
                                                 text=item.title + "".join(item.paragraphs))
                                for i, item in enumerate(listing.children, start=1)),
                    responsibility=Responsibility.parse("".join(owners.paragraphs)) if owners else Responsibility(),
                ))
            except ModelError:
                continue
    return tuple(areas)


_PERIOD: Final = re.compile(r"[（(](?P<period>[^）)]*\d[^）)]*)[）)]")
# "于8月底前将清理清查发现的行风问题，形成正式书面报告报至省卫生健康委"
_REPORT_BY: Final = re.compile(
    r"于(?P<due>[^，。将]{2,12}?(?:前|之前))[，,]?将(?P<what>[^。]+?)(?:[，,]?形成(?P<form>[^，。]+?))?[，,]?报(?:送)?至(?P<to>[^（(，。]+)"
)
# "…工作台账及本周开展的重要工作进展情况文字材料每周四下班前报区级工作专班"
_RECURRING_REPORT: Final = re.compile(r"(?P<what>[^，。；]+?)(?P<due>每(?:周|月|季度)[一二三四五六日]?(?:下班前|前)?)报(?:送)?(?P<to>[^，。；]+)")


def _reports(text: str, year: int | None) -> tuple[ReportRequirement, ...]:
    found = []
    for match in _REPORT_BY.finditer(squeeze(text)):
        what = match["what"].strip("，,") + (match["form"] or "")
        due = Deadline.try_parse(match["due"], year=year)
        if due is not None:
            found.append(ReportRequirement(what=what, due=due, to=match["to"]))
    return tuple(found)


def _recurring_reports(sections: Sequence[Section]) -> tuple[ReportRequirement, ...]:
    found = []
    for section in sections:
        for node in section.walk():
            for paragraph in node.paragraphs:
                for match in _RECURRING_REPORT.finditer(squeeze(paragraph)):
                    what = re.split(r"[，、](?=各)", match["what"])[-1]
                    due = Deadline.try_parse(match["due"])
                    if due is not None and what:
                        found.append(ReportRequirement(what=what, due=due, to=match["to"]))
    return tuple(found)


def _phases(sections: Sequence[Section], year: int | None) -> tuple[Phase, ...]:
    """The phases under the first heading of the schedule (实施步骤, 工作安排 …), anywhere."""
    steps = next((s for top in sections for s in top.walk()
                  if any(word in s.title for word in lexicon.PHASE_SECTION_WORDS) and s.children), None)
    if steps is None:
        return ()
    phases = []
    for number, child in enumerate(steps.children, start=1):
        match = _PERIOD.search(child.title)
        name = _PERIOD.sub("", child.title).strip("。 ")
        period = match["period"] if match else ""
        start, end = parse_period(period, year) if period else (None, None)
        try:
            phases.append(Phase(number=number, name=name or child.label, period=period, start=start, end=end,
                                tasks=child.paragraphs, reports=_reports("".join(child.paragraphs), year)))
        except ModelError:
            continue
    return tuple(phases)
