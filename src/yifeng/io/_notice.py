"""Read a campaign notice from its text (copied from a PDF or Word file) into the model.

The frame (issuers, 发文字号, title, 主送机关, body, signature, date, 附注, 印发, 校对),
the plan it issues (sections, phases, basis documents, negative list), its attachments
(the 分工表 however it was flattened, the work group, reporting channels, 台账 columns).
What cannot be placed is reported as a Diagnostic, not dropped silently.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from yifeng._text import cn_to_int, halfwidth_digits, repair_cjk, squeeze
from yifeng.errors import ParseError, TableFormatError
from yifeng.io._plaintext import parse_body, tab_rows
from yifeng.io._locate import HEADER_SCAN
from yifeng.io._tasktable import _find_header, _TableReader
from yifeng.io._workbook import Cell, Merge, Row, source_name
from yifeng.io._workbook import cell_text as _cell_text
from yifeng.io._workbook import Source as FileSource
from yifeng.model import (
    BasisDocument,
    Campaign,
    CampaignKind,
    Deadline,
    DeadlineKind,
    Diagnostic,
    DocNumber,
    Ledger,
    LedgerKind,
    Level,
    MemberRole,
    NegativeListArea,
    NegativeListItem,
    Notice,
    Phase,
    PostalAddress,
    ReportRequirement,
    ReportingChannel,
    Responsibility,
    Section,
    Severity,
    Task,
    TaskTable,
    Unit,
    UnitDuty,
    WorkGroup,
    WorkGroupMember,
    parse_date,
)
from yifeng.model._parts import first_sentence

_ORG: Final = re.compile(r"(委员会|部|局|厅|委|办公室|政府|总局|中心|分局)$")
_DATE_LINE: Final = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_PRINTED: Final = re.compile(r"(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发")
_DISCLOSURE: Final = re.compile(r"[（(]\s*信息公开形式\s*[：:]\s*(?P<form>[^）)]+)[）)]")
_PROOF: Final = re.compile(r"校对\s*[：:]\s*(?P<name>\S+)")
_PLAN_TITLE: Final = re.compile(r"(工作要点|实施方案|行动方案|工作方案)$")
_KINDS: Final = {
    "工作要点": CampaignKind.WORK_POINTS, "实施方案": CampaignKind.IMPLEMENTATION_PLAN,
    "行动方案": CampaignKind.ACTION_PLAN, "工作方案": CampaignKind.WORK_PLAN,
}
_BASIS: Final = re.compile(r"《(?P<title>[^》]+)》[（(](?P<number>[^）)]*?〔\d{4}〕\d+号)[）)]")
_TABLE_HEADER: Final = re.compile(r"(序\s*号|^一)\s*\t?.*重点任务.*责任")
_ATTACHMENT_LIST: Final = re.compile(r"^附件\s*[：:]\s*(?:1[.．、])?\s*(?P<first>.+)$")
_ROLE_WORDS: Final = re.compile(r"(委|局|厅|部|处|中心|单位|牵头|配合|负责|推进|参与)")
_DEADLINE_TAIL: Final = re.compile(
    r"^(?P<rest>.*?)\s*(?P<deadline>(?:\d{1,2}\s*月底前|年底前|长期工作|持续推进|\d{1,2}\s*月\s*\d{1,2}\s*日前))$"
)
_MEMBER: Final = re.compile(r"^(?P<role>组\s*长|副\s*组\s*长|成\s*员|联\s*络\s*员)?\s*[：:]?\s*(?P<name>\S{1,2}\s*\S{0,2})\s+(?P<rest>\S.*)$")
_ROLES: Final = {"组长": MemberRole.LEADER, "副组长": MemberRole.DEPUTY, "成员": MemberRole.MEMBER, "联络员": MemberRole.LIAISON}
_UNIT_END: Final = re.compile(r"(局|分局|中心|分中心|委|厅|部)")


def read_notice_docx(source: FileSource) -> Notice:
    """Read a notice from a .docx (a path or a binary file): its paragraphs as for
    :func:`read_notice_text`, and a 分工表 table through the 分工表 importer's own
    reading of cells (merged categories, headers, repaired text)."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    name = source_name(source)
    try:
        document = Document(source if not isinstance(source, os.PathLike) else os.fspath(source))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
        raise TableFormatError(f"{name}：不是可读取的 Word 文件（.docx）（{type(exc).__name__}）") from None
    lines: list[str] = []
    task_table: TaskTable | None = None
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(block))
        elif tag == "tbl":
            sheet = _WordTable(block)
            rows = list(sheet.rows())
            head = rows[:HEADER_SCAN]
            found = _find_header(head)
            if found is not None and task_table is None:
                # The table's title, in the paragraphs just above it, gives its year.
                year = re.search(r"(\d{4})\s*年", " ".join(lines[-4:]))
                task_table = _TableReader(name, sheet, head, iter(rows[len(head):]), *found,
                                          int(year.group(1)) if year else None).read()
                lines.append("\t".join(_cell_text(v) for v in rows[found[0] - 1]))
            else:  # any other table: its cells one per line, as a copy would give them
                lines += [_cell_text(v) for row in rows for v in row if v is not None]
    return _NoticeReader(lines, task_table=task_table).read()


_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


class _WordTable:
    """A Word table as a sheet for the 分工表 reader: rows from column A, and its merged
    cells (gridSpan across, vMerge down) as ranges."""

    name = "Word 表格"

    def __init__(self, table: Any) -> None:
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
                span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
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


def read_notice_text(text: str) -> Notice:
    """Read a notice (and the plan it issues) from plain text.

    Works on text copied from a PDF (words broken by spaces and line breaks, page
    numbers, watermarks) or a Word file (tables as tab-separated or one cell per line).
    Returns the :class:`~yifeng.model.Notice` with ``diagnostics`` for what could not be
    placed.
    """
    return _NoticeReader(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).read()


class _NoticeReader:
    def __init__(self, lines: list[str], *, task_table: TaskTable | None = None) -> None:
        self.raw = lines
        self.lines = [line.strip() for line in lines]
        self.diagnostics: list[Diagnostic] = []
        self.task_table = task_table

    def warn(self, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(severity=Severity.WARNING, code=code, message=message))

    # -- frame ----------------------------------------------------------------------

    def read(self) -> Notice:
        table_at = self._table_start()
        attachments_at = self._attachments_start(table_at)
        frame_end = attachments_at if attachments_at is not None else len(self.lines)
        number_at = self._doc_number_at(frame_end)
        doc_number = DocNumber.parse(squeeze(self.lines[number_at])) if number_at is not None else None
        issuers = self._issuers(number_at) if number_at is not None else []
        title_at, title = self._title(number_at or 0, frame_end)
        plan_at = self._plan_title_at(title_at + 1 if title_at is not None else 0, frame_end)
        if title is None and plan_at is not None:
            title = self._plan_title(plan_at)
        recipients, body_start = self._recipients(title_at)
        body_end = self._body_end(body_start, plan_at if plan_at is not None else frame_end)
        body = self._paragraphs(body_start, body_end) if title_at is not None else []
        signature, date = self._signature(body_end, plan_at if plan_at is not None else frame_end)
        if title is not None and "关于" in title and not issuers:
            before = squeeze(title).split("关于")[0]
            if before and _ORG.search(before):
                issuers = [before]
        # The notice's own 附注 stands before the plan it issues.
        disclosure = _DISCLOSURE.search(squeeze("\n".join(self.lines[:plan_at] if plan_at else self.lines)))
        printed_by, printed = "", None
        for index, line in enumerate(self.lines):
            printed = _PRINTED.search(squeeze(line))
            if printed is not None:
                # "国家卫生健康委办公厅 2022年5月26日印发", on one line or two.
                printed_by = squeeze(line)[: printed.start()] or self._previous_text(index)
                break
        proof = next((m["name"] for m in (_PROOF.search(squeeze(line)) for line in self.lines) if m), "")
        campaign = self._campaign(plan_at, title, table_at, issuers)
        return Notice(
            title=title or (campaign.title if campaign else "（未识别标题）"),
            doc_number=doc_number,
            issuers=tuple(issuers),
            recipients=tuple(recipients),
            body=tuple(body),
            signature=tuple(signature),
            date=date,
            disclosure=disclosure["form"] if disclosure else "",
            printed_by=printed_by,
            printed_on=parse_date(printed["date"]) if printed else None,
            proofreader=proof,
            campaign=campaign,
            diagnostics=tuple(self.diagnostics),
        )

    def _previous_text(self, index: int) -> str:
        for line in reversed(self.lines[:index]):
            if line:
                return squeeze(line)
        return ""

    def _doc_number_at(self, end: int) -> int | None:
        for index in range(end):
            try:
                number = DocNumber.parse(self.lines[index])
            except ParseError:
                continue
            if 2 <= len(number.agency) <= 12:  # an agency code, not a sentence ending in 〔…〕…号
                return index
        return None

    def _issuers(self, number_at: int) -> list[str]:
        """The org-name lines right above the 发文字号 (joint issuers, lead first)."""
        issuers: list[str] = []
        for line in reversed(self.lines[:number_at]):
            name = squeeze(line)
            if not name:
                continue
            if not _ORG.search(name) or len(name) > 20:
                break
            issuers.insert(0, name)
        return issuers

    def _title(self, start: int, end: int) -> tuple[int | None, str | None]:
        for index in range(start, end):
            line = re.sub(r"^#+\s*", "", self.lines[index])
            if "关于" in line and ("印发" in line or "通知" in line or "意见" in line):
                parts, last = [line], index
                while not squeeze(parts[-1]).endswith(("通知", "意见", "函")) and last + 1 < end:
                    last += 1
                    parts.append(self.lines[last])
                return last, repair_cjk("".join(parts))
        return None, None

    def _plan_title_at(self, start: int, end: int) -> int | None:
        for index in range(start, end):
            line = squeeze(re.sub(r"^#+\s*", "", self.lines[index]))
            if line and len(line) <= 45 and _PLAN_TITLE.search(line) and not line.startswith(("附件", "现将", "《")):
                return index
        return None

    def _plan_title(self, at: int) -> str:
        """The plan's title, with the lines above it that it continues (a title broken
        over two lines ends only at its last)."""
        parts = [re.sub(r"^#+\s*", "", self.lines[at])]
        back = at - 1
        while back >= 0:
            line = self.lines[back]
            if not line:
                back -= 1
                continue
            if len(squeeze(line)) > 30 or squeeze(line).endswith(("。", "：", ":", "；", ")", "）", "号", "通知")):
                break
            parts.insert(0, line)
            back -= 1
        return repair_cjk("".join(parts))

    def _recipients(self, title_at: int | None) -> tuple[list[str], int]:
        if title_at is None:
            return [], 0
        for index in range(title_at + 1, min(title_at + 6, len(self.lines))):
            line = squeeze(self.lines[index])
            if line.endswith(("：", ":")):
                return [part for part in line.rstrip("：:").split("，") if part], index + 1
            if line:
                break
        return [], title_at + 1

    def _body_end(self, start: int, end: int) -> int:
        for index in range(start, end):
            line = squeeze(self.lines[index])
            if _DISCLOSURE.search(line) or _DATE_LINE.fullmatch(line):
                # A signature line sits above a date.
                if _DATE_LINE.fullmatch(line) and index > start and _ORG.search(self._previous_text(index)):
                    back = index - 1
                    while back > start and not self.lines[back]:
                        back -= 1
                    return back
                return index
        return end

    def _paragraphs(self, start: int, end: int) -> list[str]:
        preamble, sections = parse_body(self.raw[start:end])
        texts = list(preamble)
        for section in sections:
            texts += [section.label + section.title] + list(section.paragraphs)
        return [t for t in texts if t]

    def _signature(self, start: int, end: int) -> tuple[list[str], dt.date | None]:
        signature: list[str] = []
        for index in range(start, end):
            line = squeeze(self.lines[index])
            if _DATE_LINE.fullmatch(line):
                return signature, parse_date(line)
            if line and _ORG.search(line) and len(line) <= 20:
                signature.append(line)
            elif line:
                signature = []
        return [], None

    # -- the plan ---------------------------------------------------------------------

    def _table_start(self) -> int | None:
        for index, line in enumerate(self.lines):
            flat = line.replace("\t", " ")
            if _TABLE_HEADER.search(flat) and ("完成时限" in squeeze(flat) or "责任" in flat):
                return index
            if squeeze(line) == "序号" and any(squeeze(x) == "重点任务" for x in self.lines[index + 1: index + 4]):
                return index
        return None

    def _attachments_start(self, table_at: int | None) -> int | None:
        """The first attachment page ("附件" / "附件1" alone on a line), else the table."""
        for index, line in enumerate(self.lines):
            if re.fullmatch(r"附件\s*\d*", squeeze(line)):
                return index
        return table_at

    def _campaign(self, plan_at: int | None, notice_title: str | None, table_at: int | None,
                  issuers: list[str]) -> Campaign | None:
        plan_title = self._plan_title(plan_at) if plan_at is not None else None
        body_lines: Sequence[str] = ()
        if plan_at is not None:
            end = next((i for i in range(plan_at + 1, len(self.lines))
                        if _ATTACHMENT_LIST.match(squeeze(self.lines[i])) or re.fullmatch(r"附件\s*\d*", squeeze(self.lines[i]))),
                       len(self.lines))
            body_lines = self.raw[plan_at + 1 : end]
        preamble, sections = parse_body(body_lines) if body_lines else ((), ())
        table_title, tasks = self._tasks(table_at)
        title = plan_title or (table_title.removesuffix("任务分工表") if table_title else None) or notice_title
        if title is None:
            self.warn("plan-not-found", "没有找到方案或任务分工表")
            return None
        year_match = re.search(r"(\d{4})\s*年", title + (table_title or ""))
        period: tuple[dt.date | None, dt.date | None] = (None, None)
        timeline = next((sec for sec in sections if "时间安排" in sec.title or "时间步骤" in sec.title), None)
        if timeline is not None and timeline.paragraphs:
            # "2023年8月至2024年6月。": the campaign's period, and its year.
            period = _period_dates(timeline.paragraphs[0].rstrip("。"), None)
        year = int(year_match.group(1)) if year_match else (period[0].year if period[0] else None)
        if year is not None:
            tasks = [t if t.deadline.resolved else attrs.evolve(t, deadline=t.deadline.with_year(year)) for t in tasks]
        kind = next((k for suffix, k in _KINDS.items() if suffix in squeeze(title)), None)
        preamble_text = "".join(preamble)
        basis = tuple(BasisDocument(title=m["title"], doc_number=DocNumber.parse(m["number"]))
                      for m in _BASIS.finditer(preamble_text))
        attachments = self._attachment_list()
        return Campaign(
            title=title,
            kind=kind,
            level=_level(title, issuers),
            year=year,
            start=period[0],
            end=period[1],
            issuers=tuple(issuers),
            basis=basis,
            preamble=tuple(preamble),
            sections=tuple(sections),
            table_title=table_title or "",
            tasks=tuple(tasks),
            negative_list=_negative_list(sections),
            phases=_phases(sections, year),
            reports=_recurring_reports(sections),
            work_group=self._work_group(),
            reporting_channels=self._channels(),
            ledgers=self._ledgers(),
            attachments=attachments,
        )

    def _attachment_list(self) -> tuple[str, ...]:
        for index, line in enumerate(self.lines):
            match = _ATTACHMENT_LIST.match(squeeze(line))
            if match:
                titles = [match["first"]]
                more = index + 1
                while more < len(self.lines) and (m := re.match(r"^\d+[.．、]\s*(.+)$", squeeze(self.lines[more]))):
                    titles.append(m.group(1))
                    more += 1
                # A long name broken over the next line (seed 000).
                if len(titles) == 1 and more < len(self.lines) and squeeze(self.lines[more]) and not re.fullmatch(
                        r"附件\s*\d*", squeeze(self.lines[more])) and len(squeeze(self.lines[more])) < 30:
                    titles[0] += squeeze(self.lines[more])
                return tuple(repair_cjk(t) for t in titles)
        return ()

    # -- the 分工表, however it was flattened ----------------------------------------

    def _tasks(self, header_at: int | None) -> tuple[str | None, list[Task]]:
        if header_at is None:
            return None, []
        title_lines: list[str] = []
        for line in reversed(self.lines[:header_at]):
            if not line:
                continue
            if re.fullmatch(r"附件\s*\d*", squeeze(line)):
                break
            title_lines.insert(0, re.sub(r"^#+\s*", "", line))
        table_title = repair_cjk("".join(title_lines)) if title_lines else None
        if self.task_table is not None:  # a real table, read cell by cell
            self.diagnostics += self.task_table.diagnostics
            return table_title, list(self.task_table.tasks)
        header = self.raw[header_at]
        body = self.raw[header_at + 1 : self._table_end(header_at)]
        if len([cell for cell in header.split("\t") if cell.strip()]) >= 2:
            columns = max(len(header.split("\t")), 5 if "完成时限" in header else 3)
            rows = tab_rows(body, columns=columns)
            tasks = [self._tab_task(row, "完成时限" in header) for row in rows]
        elif squeeze(self.lines[header_at]) == "序号":
            tasks = self._cell_per_line_tasks(header_at)
        else:
            tasks = self._pdf_tasks(body)
        return table_title, [t for t in tasks if t is not None]

    def _table_end(self, header_at: int) -> int:
        """Where the table stops: before the 印发 block (印发机关, 印发日期, 校对)."""
        for index in range(header_at + 1, len(self.lines)):
            line = squeeze(self.lines[index])
            if _PRINTED.search(line) or line.startswith("校对"):
                back = index - 1
                while back > header_at and not self.lines[back]:
                    back -= 1
                return back if _ORG.search(squeeze(self.lines[back])) and "\t" not in self.raw[back] else index
        return len(self.lines)

    def _tab_task(self, row: list[str], with_deadline: bool) -> Task | None:
        cells = [repair_cjk(c) for c in row]
        if with_deadline:
            number, category, content, responsibility, deadline = cells[0], cells[-4] if len(cells) >= 5 else "", cells[-3], cells[-2], cells[-1]
            title = ""
        else:
            number, title, responsibility = cells[0], cells[-2], cells[-1]
            category, content, deadline = "", "", ""
        return _task(number, category, title, content, responsibility, deadline, self)

    def _cell_per_line_tasks(self, header_at: int) -> list[Task | None]:
        cells = [squeeze(line) if line.strip() in ("", " ") else line.strip() for line in self.lines[header_at:]]
        cells = [c for c in cells if c]
        start = next(i for i, c in enumerate(cells) if c == "完成时限") + 1
        tasks: list[Task | None] = []
        row: list[str] = []
        for cell in cells[start:] + ["<end>"]:
            if (cell.isdigit() and (not row or len(row) >= 4)) or cell == "<end>":
                if row:
                    number, *rest = row
                    if len(rest) >= 4:
                        tasks.append(_task(number, "", rest[0], rest[1], rest[2], rest[3], self))
                    elif len(rest) == 3:
                        tasks.append(_task(number, "", "", rest[0], rest[1], rest[2], self))
                    else:
                        self.warn("table-row-unplaced", f"分工表第 {number} 行的内容无法分列：{'｜'.join(rest)[:40]}")
                row = [cell]
            else:
                row.append(cell)
        return tasks

    def _pdf_tasks(self, body: Sequence[str]) -> list[Task | None]:
        """A 分工表 flattened by a PDF copy, one cell per line and cells broken across
        lines: rows are found by their numbers and deadlines (see _PdfTable)."""
        return _PdfTable(body, self).tasks()

    # -- attachments ------------------------------------------------------------------

    def _block(self, label: str) -> list[str]:
        """The lines of attachment ``label`` ("附件1"), up to the next attachment."""
        start = next((i for i, line in enumerate(self.lines) if squeeze(line) == label), None)
        if start is None:
            return []
        end = next((i for i in range(start + 1, len(self.lines)) if re.fullmatch(r"附件\d+", squeeze(self.lines[i]))),
                   len(self.lines))
        return self.lines[start + 1 : end]

    def _work_group(self) -> WorkGroup | None:
        block = self._block("附件1")
        text = squeeze("".join(block))
        units_match = re.search(r"成员单位为[：:](?P<units>[^，。]+?)，共", text)
        if not units_match:
            return None
        name_match = re.search(r"(?P<name>[\u4e00-\u9fff]+工作专班)", text)
        office = re.search(r"工作专班设在(?P<office>[^，。]+?)，", text)
        members: list[WorkGroupMember] = []
        role = MemberRole.MEMBER
        for line in block:
            match = _MEMBER.match(line.strip())
            if not match or not re.search(r"[\u4e00-\u9fff]", match["rest"]):
                continue
            if match["role"]:
                role = _ROLES[squeeze(match["role"])]
            elif not members:
                continue
            unit, title = _split_unit_title(squeeze(match["rest"]))
            members.append(WorkGroupMember(role=role, name=squeeze(match["name"]), unit=unit, title=title))
        duties = []
        for line in block:
            duty = re.match(r"^(?P<dept>\S+?部门)[：:](?P<duty>.+)$", line.strip())
            if duty:
                duties.append(UnitDuty(department=duty["dept"], duty=duty["duty"]))
        return WorkGroup(
            name=name_match["name"] if name_match else "工作专班",
            office=office["office"] if office else "",
            units=tuple(Unit.of(u) for u in units_match["units"].split("、")),
            members=tuple(members),
            duties=tuple(duties),
        )

    def _channels(self) -> tuple[ReportingChannel, ...]:
        block = [line for line in self._block("附件2") if line and not re.fullmatch(r"[-—]\s*\d+\s*[-—]", line)]
        channels: list[ReportingChannel] = []
        organisation: str | None = None
        phone = email = ""
        mailbox: PostalAddress | None = None
        for line in block + ["<end>"]:
            label = re.match(r"^(?P<label>举报电话|举报信箱|电子邮箱)\s*[：:]\s*(?P<value>.*)$", line)
            if label is None:
                if organisation:
                    channels.append(ReportingChannel(organisation=organisation, phone=phone, mailbox=mailbox, email=email))
                organisation, phone, email, mailbox = (line if line != "<end>" else None), "", "", None
                if organisation and (organisation.startswith("兴隆台区医药") or "举报途径" in organisation
                                     or organisation.endswith("工作")):
                    organisation = None
                continue
            value = label["value"].strip()
            if label["label"] == "举报电话":
                phone = squeeze(value)
            elif label["label"] == "电子邮箱":
                email = squeeze(value)
            else:
                address, _, postcode = value.rpartition("，")
                where, _, recipient = address.partition("，")
                mailbox = PostalAddress(address=where.strip() if recipient else address.strip(),
                                        recipient=recipient.strip(), postcode=postcode.strip())
        return tuple(c for c in channels if c.phone or c.email or c.mailbox)

    def _ledgers(self) -> tuple[Ledger, ...]:
        ledgers = []
        for label in ("附件3", "附件4"):
            block = self._block(label)
            title = next((squeeze(line) for line in block if "台账" in line), None)
            if title is None:
                continue
            headers = {squeeze(line) for line in block}
            kind = LedgerKind.PERSON if "存在问题人员姓名" in headers else LedgerKind.INSTITUTION
            ledgers.append(Ledger(kind=kind, title=title))
        return tuple(ledgers)


def _split_unit_title(rest: str) -> tuple[str, str]:
    """"市公安局兴隆台分局副局长" → ("市公安局兴隆台分局", "副局长"): the longest prefix
    ending like a body, leaving a title that is not a fragment of one."""
    best = ""
    for match in _UNIT_END.finditer(rest):
        prefix, remainder = rest[: match.end()], rest[match.end():]
        if len(remainder) >= 2 and "、" not in prefix and not remainder.startswith("长"):
            best = prefix
    if not best:
        return rest, ""
    return best, rest[len(best):]


def _task(number: str, category: str, title: str, content: str, responsibility: str, deadline: str,
          reader: _NoticeReader) -> Task | None:
    try:
        n = cn_to_int(squeeze(number))
    except ValueError:
        reader.warn("table-row-unplaced", f"分工表中“{number[:20]}”不是序号，该行未能读入")
        return None
    content, title = repair_cjk(content), repair_cjk(title)
    if not content and title and first_sentence(title) != title.rstrip("。"):
        content, title = title, ""
    try:
        parsed = Deadline.parse(repair_cjk(deadline)) if deadline.strip() else Deadline(kind=DeadlineKind.UNSPECIFIED)
    except ParseError:
        reader.warn("deadline-unparsed", f"第 {n} 项任务的完成时限“{deadline}”无法识别，已保留原文")
        parsed = Deadline(kind=DeadlineKind.UNSPECIFIED, text=deadline)
    return Task(
        number=n,
        title=title or first_sentence(content),
        content=content,
        category=squeeze(category) or None,
        responsibility=Responsibility.parse(repair_cjk(responsibility)) if responsibility.strip() else Responsibility(),
        deadline=parsed,
    )


class _PdfTable:
    """A 分工表 flattened by a PDF copy (seed 000): each row has a number line (alone, or
    followed by its category) and ends with a deadline line; content that starts before
    the number line or runs on after the deadline is placed by whether the sentence it
    continues is finished."""

    def __init__(self, body: Sequence[str], reader: _NoticeReader) -> None:
        self.lines = [line.strip() for line in body if line.strip() and not _is_ocr_noise(line.strip())]
        self.reader = reader

    def tasks(self) -> list[Task | None]:
        rows: list[dict[str, list[str]]] = []
        current: dict[str, list[str]] | None = None
        pending: list[str] = []  # lines between a deadline and the next number
        expected = 1
        for line in self.lines:
            number = re.match(r"^(\d{1,3})(?:\s+(\S.*))?$", line)
            if number and int(number.group(1)) == expected:
                if current is not None and pending:
                    # Lines after the last deadline: the tail of that row if its text
                    # was cut mid-sentence, else the head of this row.
                    if current["content"] and not "".join(current["content"]).rstrip().endswith("。"):
                        current["content"] += pending
                        pending = []
                current = {"number": [number.group(1)], "category": [number.group(2)] if number.group(2) else [],
                           "content": list(pending), "responsibility": [], "deadline": [], "mode": ["category"]}
                pending = []
                rows.append(current)
                expected += 1
                continue
            if current is None:
                continue
            if current["deadline"]:
                pending.append(line)
                continue
            deadline = _DEADLINE_TAIL.match(line)
            if deadline and (deadline["rest"] == "" or _ROLE_WORDS.search(deadline["rest"])) and (
                    current["content"] or current["responsibility"]):
                if deadline["rest"]:
                    current["responsibility"].append(deadline["rest"])
                current["deadline"].append(deadline["deadline"])
                continue
            mode = current["mode"][0]
            short = len(squeeze(line)) <= 12
            if mode == "category" and short and not current["content"]:
                current["category"].append(line)
                continue
            if mode in ("category", "content"):
                finished = "".join(current["content"]).rstrip().endswith("。")
                if current["content"] and short and (finished or _ROLE_WORDS.search(line)) and not line.endswith("。"):
                    current["mode"][0] = "responsibility"
                    current["responsibility"].append(line)
                else:
                    current["mode"][0] = "content"
                    current["content"].append(line)
                continue
            current["responsibility"].append(line)
        if current is not None and pending:
            current["content"] += pending
        tasks: list[Task | None] = []
        category = ""
        for row in rows:
            category = "".join(row["category"]) or category
            tasks.append(_task(row["number"][0], category, "", "\n".join(row["content"]),
                               "\n".join(row["responsibility"]), "".join(row["deadline"]), self.reader))
        return tasks


def _is_ocr_noise(line: str) -> bool:
    """OCR debris such as "A m 即 k m 一": mostly lone Latin letters."""
    tokens = line.split()
    return len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= len(tokens) - 1 and any(t.isascii() for t in tokens)


def _level(title: str, issuers: Sequence[str]) -> Level | None:
    if any(name.startswith("国家") or name.endswith("部") for name in issuers):
        return Level.NATIONAL
    place = re.match(r"^(?:\d{4}\s*年)?(?P<place>[\u4e00-\u9fff]{1,6}?)(省|市|县|区)", squeeze(title))
    if place:
        return {"省": Level.PROVINCIAL, "市": Level.MUNICIPAL, "县": Level.COUNTY, "区": Level.DISTRICT}[place.group(2)]
    if "全省" in title:
        return Level.PROVINCIAL
    return None


def _negative_list(sections: Sequence[Section]) -> tuple[NegativeListArea, ...]:
    content = next((s for s in sections if s.title == "整治内容"), None)
    if content is None:
        return ()
    areas = []
    for area in content.children:
        parts = {child.title: child for child in area.children}
        listing = parts.get("负面清单")
        if area.number is None or listing is None:
            continue
        owners = next((c for c in area.children if c.title in ("责任单位", "责任部门")), None)
        areas.append(NegativeListArea(
            number=area.number,
            title=area.title,
            scope="".join(parts["整治范围"].paragraphs) if "整治范围" in parts else "",
            focus="".join(listing.paragraphs),
            items=tuple(NegativeListItem(area=area.number, number=item.number or i,
                                         text=item.title + "".join(item.paragraphs))
                        for i, item in enumerate(listing.children, start=1)),
            responsibility=Responsibility.parse("".join(owners.paragraphs)) if owners else Responsibility(),
        ))
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
        try:
            due = Deadline.parse(match["due"], year=year)
        except ParseError:
            continue
        found.append(ReportRequirement(what=what, due=due, to=match["to"]))
    return tuple(found)


def _recurring_reports(sections: Sequence[Section]) -> tuple[ReportRequirement, ...]:
    found = []
    for section in sections:
        for node in section.walk():
            for paragraph in node.paragraphs:
                for match in _RECURRING_REPORT.finditer(squeeze(paragraph)):
                    what = re.split(r"[，、](?=各)", match["what"])[-1]
                    found.append(ReportRequirement(what=what, due=Deadline.parse(match["due"]), to=match["to"]))
    return tuple(found)


def _phases(sections: Sequence[Section], year: int | None) -> tuple[Phase, ...]:
    steps = next((s for s in sections if "实施步骤" in s.title or "时间安排" in s.title or "工作步骤" in s.title), None)
    if steps is None:
        return ()
    phases = []
    for number, child in enumerate(steps.children, start=1):
        match = _PERIOD.search(child.title)
        name = _PERIOD.sub("", child.title).strip("。 ")
        period = match["period"] if match else ""
        start, end = _period_dates(period, year)
        phases.append(Phase(number=number, name=name or child.label, period=period, start=start, end=end,
                            tasks=child.paragraphs, reports=_reports("".join(child.paragraphs), year)))
    return tuple(phases)


def _period_dates(period: str, year: int | None) -> tuple[dt.date | None, dt.date | None]:
    """"2020年8月底前" → (None, 8-31); "2020年9月至10月" → (9-1, 10-31);
    "2023年9月1日-2024年5月底" → (9-1, 5-31)."""
    text = squeeze(halfwidth_digits(period))
    parts = re.split(r"[-—至~～]", text)
    if len(parts) == 2:
        first, second = parts
        y = re.match(r"(\d{4})年", first)
        start_year = int(y.group(1)) if y else year
        start = _month_start(first, start_year)
        end_text = second if re.match(r"\d{4}年", second) else f"{start_year}年{second}" if start_year else second
        end = _deadline_date(end_text if "底" in end_text or "日" in end_text else end_text + "底", start_year)
        return start, end
    return None, _deadline_date(text, year)


def _month_start(text: str, year: int | None) -> dt.date | None:
    match = re.search(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?", text)
    if not match or (year is None and not match.group(1)):
        return None
    return dt.date(int(match.group(1) or year or 0), int(match.group(2)), int(match.group(3) or 1))


def _deadline_date(text: str, year: int | None) -> dt.date | None:
    try:
        return Deadline.parse(text, year=year).due
    except ParseError:
        return None
