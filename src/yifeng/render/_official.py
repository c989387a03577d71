"""Notices (通知) per GB/T 9704-2012, 分工表 and 台账 attachments, as .docx."""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from operator import lt
from typing import Any, Final

from lxml import etree

from yifeng.io._tasktable_write import lead_cell, support_cell
from yifeng.model import LEDGER_COLUMNS, Campaign, Ledger, LedgerRow, Notice, Section, Task, TaskTable, mask_ledger
from yifeng.render import _styles as st
from yifeng.render._columns import fit, lines
from yifeng.render._docx import Target, TemplateSource, cn_date, render
from yifeng.render._layout import balance_title, width
from yifeng.render._ooxml import (
    CELL_MARGIN,
    END,
    blank,
    border,
    cell,
    Rows,
    paragraph,
    run,
    spacer,
    table,
    table_pieces,
    table_row,
    xml,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SECTION_END = "</w:sectPr></w:pPr></w:p>"
TEXT_WIDTH, TEXT_HEIGHT = st.TYPE_WIDTH, st.TYPE_HEIGHT  # the 版心, 156 × 225 mm
LANDSCAPE_WIDTH = st.TYPE_HEIGHT  # turned: 225 mm across, 156 mm down
LINE = st.LINE


# -- sections of the document --------------------------------------------------------


def section_break(base: etree._Element, *, landscape: bool) -> str:
    """Section properties that end a section, portrait or landscape, keeping the
    template's footers and grid."""
    sect = copy.deepcopy(base)
    size = sect.find(f"{{{W}}}pgSz")
    margins = sect.find(f"{{{W}}}pgMar")
    portrait = size is not None and int(size.get(f"{{{W}}}w", "0")) < int(size.get(f"{{{W}}}h", "0"))
    if size is not None and margins is not None and landscape == portrait:
        w, h = size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")
        size.set(f"{{{W}}}w", h or "")
        size.set(f"{{{W}}}h", w or "")
        if landscape:
            size.set(f"{{{W}}}orient", "landscape")
        elif f"{{{W}}}orient" in size.attrib:
            del size.attrib[f"{{{W}}}orient"]
        top, right, bottom, left = (int(margins.get(f"{{{W}}}{k}") or 0) for k in ("top", "right", "bottom", "left"))
        # Turn the page a quarter clockwise: the binding edge stays where it was.
        turned = {"top": left, "right": top, "bottom": right, "left": bottom} if landscape else \
            {"top": right, "right": bottom, "bottom": left, "left": top}
        for key, value in turned.items():
            margins.set(f"{{{W}}}{key}", str(value))
        # The page number stays as far below the 版心 as on the other pages.
        footer = int(margins.get(f"{{{W}}}footer") or 0)
        margins.set(f"{{{W}}}footer", str(max(0, footer - bottom + turned["bottom"])))
    return str(etree.tostring(sect, encoding="unicode"))


# -- the notice frame ----------------------------------------------------------------


MARK_BELOW_TOP: Final = round(35 / 25.4 * 1440)  # twips: 35 mm
_MARK_SIZE, _MARK_PITCH = st.MARK_SIZE, st.MARK_PITCH


def _mark_scale(issuers: Sequence[str]) -> float:
    """The mark's size relative to its style's: smaller as more issuers stack."""
    return 1.0 if len(issuers) <= 2 else 26 / 36 if len(issuers) <= 5 else 22 / 36


_BODY_CHARS: Final = 28  # 3号 characters on a line of the 版心
_LEAST_BODY_LINES: Final = 2


def recipients_in_imprint(notice: Notice, mark_size: float = _MARK_SIZE) -> bool:
    """Whether the 主送机关 go to the 版记 (§7.3.2): when the 版头, the title and a
    主送 line this long leave no room for body text on the first page."""
    if not notice.recipients:
        return False
    used = 0
    if notice.issuers:
        size = mark_size * _mark_scale(notice.issuers)
        used += MARK_BELOW_TOP + len(notice.issuers) * round(size * 20 * _MARK_PITCH)
    if notice.issuers or notice.doc_number is not None:
        used += 5 * LINE  # two blank lines, the 发文字号 with the red rule, two blank lines
    used += len(balance_title(notice.title)) * LINE
    recipients = width("，".join(notice.recipients) + "：")
    used += (1 + math.ceil(recipients / _BODY_CHARS)) * LINE  # a blank line, then the 主送
    return used + _LEAST_BODY_LINES * LINE > TEXT_HEIGHT


def _mark(notice: Notice, mark_size: float) -> str:
    """发文机关标志: red 小标宋, centred; joint issuers stacked, the lead issuer first,
    with "文件" to the right of the stack, centred on it."""
    issuers = list(notice.issuers)
    if not issuers:
        return ""
    scale = _mark_scale(issuers)
    size = mark_size * scale
    resized = size if scale != 1.0 else None
    pitch = round(size * 20 * _MARK_PITCH) if scale != 1.0 else None

    def line(text: str, align: str | None = None) -> str:
        return paragraph(run(text, size=resized), st.MARK, align=align, exact=pitch)

    if not notice.mark_suffix:
        return "".join(line(name) for name in issuers)
    if len(issuers) == 1:
        return line(issuers[0] + notice.mark_suffix)
    names_width = round(max(width(n) for n in issuers) * size * 20) + 240
    suffix_width = round(width(notice.mark_suffix) * size * 20) + 240
    stack = "".join(line(name, "distribute") for name in issuers)
    row = table_row([cell(stack, width=names_width, valign="center"),
                     cell(line(notice.mark_suffix, "left"), width=suffix_width, valign="center")])
    return table([row], [names_width, suffix_width])


def _head(notice: Notice, mark_size: float) -> str:
    """版头: the mark 35 mm below the 版心's top (§7.2.4), two lines, the 发文字号 and the
    red rule below it (its style's border)."""
    if not notice.issuers and notice.doc_number is None:
        return ""
    number = run(str(notice.doc_number)) if notice.doc_number is not None else ""
    above = spacer(MARK_BELOW_TOP) if notice.issuers else ""
    return above + _mark(notice, mark_size) + blank(2) + paragraph(number, st.DOC_NUMBER) + blank(2)


LANDSCAPE_TITLE_CHARS: Final = 28  # 2号 characters on a 225 mm line


def _title(title: str, *, first: str = st.TITLE, page_break: bool = False, landscape: bool = False) -> str:
    """A title in lines broken where they read well (each a paragraph of 标题); the
    first line's style may be another (附件标题 leaves a line above it)."""
    lines = balance_title(title, LANDSCAPE_TITLE_CHARS) if landscape else balance_title(title)
    return "".join(paragraph(run(line), first if i == 0 else st.TITLE, page_break_before=page_break and i == 0)
                   for i, line in enumerate(lines))


def _attachment_note(titles: Sequence[str]) -> str:
    """附件说明 (§7.3.4): a blank line, then "附件：" two characters in; several
    attachments numbered "1." "2." one under the other; a long name wraps under its
    own first character (a hanging indent, with a tab after the number)."""
    if not titles:
        return ""
    if len(titles) == 1:
        return blank() + paragraph(run(f"附件：{titles[0]}"), st.ATTACHMENT_NOTE, left_chars=5, hanging_chars=3)
    number = max(width(f"{n}.") for n in range(1, len(titles) + 1))
    left = 2 + 3 + number + 0.5
    lines = [paragraph(run(f"附件：1.\t{titles[0]}"), st.ATTACHMENT_NOTE, left_chars=left, hanging_chars=left - 2)]
    lines += [paragraph(run(f"{n}.\t{t}"), st.ATTACHMENT_NOTE, left_chars=left, hanging_chars=left - 5)
              for n, t in enumerate(titles[1:], start=2)]
    return blank() + "".join(lines)


_LINE_POINTS: Final = TEXT_WIDTH / 20  # the 156 mm line
_CHAR_POINTS: Final = (st.CHAR + st.CONDENSED) / 20  # a 3号 character, condensed as the 正文 style sets it


def signature_indents(signature: Sequence[str], date: str) -> tuple[float, float]:
    """(署名, 成文日期) right indents in characters, for a notice without a seal
    (§7.3.5.2): the signature right 2 characters in, the date's first character 2 to
    the right of the signature's; a date longer than that sits right 2 and pushes the
    signature left."""
    longest = max((width(s) for s in signature), default=0.0)
    sign_right = 2.0
    date_right = sign_right + longest - 2 - width(date)
    if date_right < 2:
        date_right = 2.0
        sign_right = date_right + width(date) + 2 - longest
    return sign_right, date_right


def _signature(notice: Notice) -> str:
    """署名 and 成文日期. The signature is set right, its width known (Chinese names);
    the date starts two characters right of the signature's first character, set from
    the left so that its figures' width (which depends on the font) does not move it."""
    date = cn_date(notice.date)
    if not (notice.signature or date):
        return ""
    sign_right, date_right = signature_indents(notice.signature, date)
    parts = [blank()]
    parts += [paragraph(run(name), st.SIGNATURE, right_chars=sign_right) for name in notice.signature]
    if date:
        longest = max((width(s) for s in notice.signature), default=0.0)
        start = _LINE_POINTS - sign_right * st.CHAR / 20 - longest * _CHAR_POINTS + 2 * _CHAR_POINTS
        if notice.signature and date_right > 2 and start > 0:
            parts.append(paragraph(run(date), st.DATE, align="left", left_twips=round(start * 20)))
        else:
            parts.append(paragraph(run(date), st.DATE, right_chars=date_right))
    return "".join(parts)


def _body(notice: Notice, *, moved: bool) -> str:
    parts = []
    if notice.recipients and not moved:
        parts.append(blank() + paragraph(run("，".join(notice.recipients) + "："), st.RECIPIENTS))
    parts += [paragraph(run(text)) for text in notice.body]
    parts.append(_attachment_note(notice.attachments))
    parts.append(_signature(notice))
    if notice.disclosure:
        parts.append(paragraph(run(f"（信息公开形式：{notice.disclosure}）"), st.REMARK))
    return "".join(parts)


# -- the plan ---------------------------------------------------------------------------

_CLOSED: Final = ("。", "：", ":", "；", "！", "？")


def _sections(sections: Sequence[Section]) -> Iterator[str]:
    """Headings in their level's style; a run-in heading (or a bare label such as
    "（1）") begins its first paragraph in the level's character style."""
    for section in sections:
        level = section.level or 0
        heading = f"{section.label}{section.title}"
        paragraphs = list(section.paragraphs)
        if heading and paragraphs and (section.run_in or not section.title):
            first = paragraphs.pop(0)
            lead = heading + ("。" if section.title and not heading.endswith(_CLOSED) else "")
            yield paragraph([run(lead, style=st.RUN_IN.get(level)), run(first)])
        elif heading:
            style = st.HEADINGS.get(level)
            yield paragraph(run(heading), style, keep_next=style is None)
        for text in paragraphs:
            yield paragraph(run(text))
        yield from _sections(section.children)


def _plan(campaign: Campaign, *, titled: bool, page_break: bool, attachment_titles: Sequence[str]) -> str:
    parts = []
    if titled:
        parts.append(_title(campaign.title, page_break=page_break) + blank())
    parts += [paragraph(run(text)) for text in campaign.preamble]
    parts += list(_sections(campaign.sections))
    parts.append(_attachment_note(attachment_titles))
    return "".join(parts)


# -- tables ---------------------------------------------------------------------------

_TABLE_CHAR: Final = st.char_twips(st.TABLE_TEXT, "task_table.docx")  # a 小四 (12 pt) character
_LEDGER_CHAR: Final = st.char_twips(st.TABLE_TEXT, "ledger.docx")  # and a 五号 (10.5 pt) one


_ROW_LINE: Final = 1.35  # a line of table text, in multiples of its size (single spacing)
_PAGE_ROWS: Final = 0.8  # a row taller than this part of the landscape 版心 (156 mm) may split


class _Keeps:
    """Whether a row can be kept on one page: unless it is nearly as tall as one —
    counted by characters first (enough for nearly every row), then by its lines."""

    def __init__(self, widths: Sequence[int], char: int) -> None:
        self._widths, self._char = widths, char
        self._tallest = _PAGE_ROWS * TEXT_WIDTH / (char * _ROW_LINE)
        self._per_line = [max(1.0, (w - 2 * CELL_MARGIN) / char) for w in widths]
        # A value shorter than this fits the bound below whatever it holds (each break is
        # also a character): most rows are decided by their lengths alone.
        self._short = [(self._tallest - 1) / (1 + 1 / per_line) for per_line in self._per_line]

    def __call__(self, values: Sequence[str]) -> bool:
        if all(map(lt, map(len, values), self._short)):
            return True
        # A character is at most one character wide, a part between breaks adds at most
        # one line: under this bound, the row surely fits.
        if all(len(v) / per_line + v.count("\n") + 1 < self._tallest for v, per_line in zip(values, self._per_line)):
            return True
        return lines(values, self._widths, char=self._char) < self._tallest


def _cell(value: str, style: str, w: int) -> str:
    return cell(paragraph(run(value), style) if value else "", width=w, empty_style=style)


def task_table_xml(tasks: Sequence[Task], total: int = LANDSCAPE_WIDTH) -> str:
    """The 分工表: 序号 | 重点任务 | 具体内容 | 牵头单位 | 配合单位 | 完成时限, header repeated
    on every page, categories merged down the 重点任务 column, rows never split, columns
    as wide as their content needs within ``total`` twips. A column no task fills (配合
    单位, 完成时限) is left out; with no 配合单位 the units are headed 责任单位."""
    has_categories = any(t.category for t in tasks)
    supports = any(t.responsibility.supports for t in tasks)
    columns: list[tuple[str, str, list[str]]] = [  # (header, style, values)
        ("序号", st.TABLE_CENTRED, [str(t.number) for t in tasks]),
        ("重点任务", st.TABLE_CENTRED if has_categories else st.TABLE_TEXT,
         [(t.category or "") if has_categories else t.title for t in tasks]),
        ("具体内容", st.TABLE_TEXT, [t.content for t in tasks]),
        ("牵头单位" if supports else "责任单位", st.TABLE_TEXT, [lead_cell(t.responsibility) for t in tasks]),
        ("配合单位", st.TABLE_TEXT, [support_cell(t.responsibility) for t in tasks]),
        ("完成时限", st.TABLE_CENTRED, [t.deadline.text for t in tasks]),
    ]
    columns = [c for i, c in enumerate(columns) if i < 4 or any(c[2])]
    widths = fit([[h, *values] for h, _, values in columns], total, char=_TABLE_CHAR)
    rows = [table_row((_cell(h, st.TABLE_HEADER, w) for (h, _, _), w in zip(columns, widths)), header=True)]
    builder, keeps = Rows(widths, [style for _, style, _ in columns]), _Keeps(widths, _TABLE_CHAR)
    categories = columns[1][2]
    for index, values in enumerate(zip(*(c[2] for c in columns))):
        merge: tuple[str | None, ...] = ()
        if has_categories:
            merge = (None, "continue" if index > 0 and categories[index] == categories[index - 1] else "restart")
        rows.append(builder.row(values, keep=keeps(values), merge=merge))
    return table(rows, widths, style=st.TABLE)


def _shown(row: LedgerRow, field: str) -> str:
    """A ledger value as the filer wrote it where it was kept (an unparsed date), else
    as a document prints it."""
    original = row.original(field)
    if original is not None:
        return original
    value = getattr(row, field)
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return ""
    return cn_date(value) if isinstance(value, dt.date) else str(value)


_FIGURES: Final = frozenset({"number"})


def ledger_table_xml(ledger: Ledger, blank_rows: int, total: int = LANDSCAPE_WIDTH) -> str:
    """A 台账 table of the ledger's kind, its rows (the filer's own wording where it was
    kept), or ``blank_rows`` empty rows for a form to fill. Rows of a merged ledger are
    grouped under their 填报单位, each with the 序号 its filer gave it."""
    columns = LEDGER_COLUMNS[ledger.kind]
    headers = [header for _, header in columns]
    styles = [st.TABLE_FIGURE if field in _FIGURES else st.TABLE_TEXT for field, _ in columns]
    if not ledger.rows:  # a blank form: the widths a filer needs for typical entries
        widths = fit([[header, _FORM.get(field, "")] for field, header in columns], total, char=_LEDGER_CHAR)
        return grouped_table_xml(headers, styles, [], widths=widths, char=_LEDGER_CHAR, blank_rows=blank_rows)
    values = [[_shown(row, field) for field, _ in columns] for row in ledger.rows]
    filers = [row.filer.unit if row.filer is not None else "" for row in ledger.rows]
    labels: dict[int, str] = {}
    if len(set(filers)) > 1:
        counts = Counter(filers)
        labels = {i: f"填报单位：{f or '（未注明）'}（{counts[f]}条）"
                  for i, f in enumerate(filers) if i == 0 or f != filers[i - 1]}
    return grouped_table_xml(headers, styles, values, total=total, char=_LEDGER_CHAR, labels=labels)


def grouped_table_xml(headers: Sequence[str], styles: Sequence[str], values: Sequence[Sequence[str]], *,
                      char: int, total: int | None = None, widths: Sequence[int] | None = None,
                      labels: Mapping[int, str] | None = None, blank_rows: int = 0) -> str:
    """A table in the 表格 style: ``headers`` repeated on every page, a row of ``values``
    for each row (its columns in ``styles``; rows split over pages only when taller
    than one), before row ``i`` a line spanning the table for each ``labels[i]`` (the
    group that starts there), and ``blank_rows`` empty rows to fill in. Columns are as
    wide as their content needs within ``total`` twips (or ``widths``). Linear in the rows:
    each is one format of XML built once per shape."""
    return "".join(grouped_table_pieces(headers, styles, values, char=char, total=total, widths=widths,
                                        labels=labels, blank_rows=blank_rows))


def grouped_table_pieces(headers: Sequence[str], styles: Sequence[str], values: Sequence[Sequence[str]], *,
                         char: int, total: int | None = None, widths: Sequence[int] | None = None,
                         labels: Mapping[int, str] | None = None, blank_rows: int = 0) -> Iterator[str]:
    """:func:`grouped_table_xml` a row at a time, as it is made (for a table too long to
    hold whole)."""
    if widths is None:
        assert total is not None
        widths = fit([[h, *(row[i] for row in values)] for i, h in enumerate(headers)], total, char=char)
    span = sum(widths)
    builder, keeps, found = Rows(widths, styles), _Keeps(widths, char), labels or {}

    def rows() -> Iterator[str]:
        yield table_row((_cell(h, st.TABLE_HEADER, w) for h, w in zip(headers, widths)), header=True)
        for index, row_values in enumerate(values):
            label = found.get(index)
            if label is not None:
                yield table_row([cell(paragraph(run(label), st.TABLE_TEXT), width=span, span=len(widths))])
            yield builder.row(row_values, keep=keeps(row_values))
        for _ in range(blank_rows):
            yield table_row(cell("", width=w, empty_style=st.TABLE_TEXT) for w in widths)

    return table_pieces(rows(), widths, style=st.TABLE)


# What a blank 台账's columns are sized for: the entries a filer typically writes.
_FORM: Final = {
    "number": "99", "institution": "某某市某某区人民医院", "person": "某某某", "unit": "某某市某某区人民医院",
    "authority": "区卫生健康局", "negative_list_ref": "（一）2.（1）", "description": "具体表现" * 8,
    "discovered_via": "信访举报", "discovered_on": "2023年9月30日", "measures": "整治措施" * 6,
    "decision": "处理意见" * 3, "policy_basis": "政策依据" * 3, "rectified": "是", "rectified_on": "2023年9月30日",
    "owner": "某某某", "phone": "13800000000",
}


def _filer_line(ledger: Ledger) -> str:
    f = ledger.filer
    return paragraph(run(f"填报单位：{f.unit}　　　　填报人：{f.person}　　　　联系方式：{f.contact}"), st.FILER)


# -- attachments ----------------------------------------------------------------------


def _label(n: int | None, *, new_page: bool) -> str:
    """"附件" / "附件N" (附件标识) at the top left of an attachment's first page."""
    return paragraph(run("附件" if n is None else f"附件{n}"), st.ATTACHMENT_LABEL, page_break_before=new_page)


def _attachments(notice: Notice, base: etree._Element, *, closing: bool) -> tuple[str, list[str], bool]:
    """Each attachment of the plan on a new page (tables in landscape sections), the
    attachment titles for the plan's 附件说明, and whether the document ends landscape
    (``closing``: something portrait, the 版记, follows the attachments)."""
    campaign = notice.campaign
    if campaign is None:
        return "", [], False
    pages: list[tuple[str, str, bool]] = []  # (title, content, landscape)
    if campaign.tasks:
        pages.append((campaign.table_title or f"{campaign.title}任务分工表", task_table_xml(campaign.tasks), True))
    group = campaign.work_group
    if group is not None:
        content = [paragraph(run(f"{group.name}成员单位为：{'、'.join(u.name for u in group.units)}，"
                                 f"共{len(group.units)}个部门。工作专班设在{group.office}。"))]
        content += [paragraph([run(f"{d.department}：", style=st.RUN_IN[1]), run(d.duty)]) for d in group.duties]
        for role in ("leader", "deputy", "member", "liaison"):
            for m in (m for m in group.members if m.role.value == role):
                content.append(paragraph(run(f"{m.role.label}：{m.name}　{m.unit}{m.title}")))
        pages.append((_attachment_title(campaign, 0, f"{group.name}成员单位及职责分工"), "".join(content), False))
    if campaign.reporting_channels:
        content = []
        for channel in campaign.reporting_channels:
            content.append(paragraph(run(channel.organisation), st.HEADINGS[1]))
            if channel.phone:
                content.append(paragraph(run(f"举报电话：{channel.phone}")))
            if channel.mailbox is not None:
                box = channel.mailbox
                where = "，".join(p for p in (box.address, box.recipient, box.postcode) if p)
                content.append(paragraph(run(f"举报信箱：{where}")))
            if channel.email:
                content.append(paragraph(run(f"电子邮箱：{channel.email}")))
        pages.append((_attachment_title(campaign, 1, "公开举报途径"), "".join(content), False))
    for ledger in campaign.ledgers:
        pages.append((ledger.title, _filer_line(ledger) + ledger_table_xml(ledger, 8), True))
    numbered = len(pages) > 1
    parts = []
    landscape_before = False
    for index, (title, body, landscape) in enumerate(pages, start=1):
        number = index if numbered else None
        if landscape or landscape_before:
            # End the section before this page, in the orientation it had (1 pt high,
            # so that it never makes a page of its own); the new section starts the page.
            parts.append(spacer(END, section=section_break(base, landscape=landscape_before)))
            parts.append(_label(number, new_page=False))
        else:
            parts.append(_label(number, new_page=True))
        parts += [_title(title, first=st.ATTACHMENT_TITLE, landscape=landscape), blank(), body]
        # A paragraph follows a table (Word repairs a body ending in one): the next
        # section break, or a 1-pt paragraph.
        if body.endswith("</w:tbl>") and not (landscape and (index < len(pages) or closing)):
            parts.append(spacer(END))
        landscape_before = landscape
    if landscape_before and closing:
        parts.append(spacer(END, section=section_break(base, landscape=True)))
    return "".join(parts), [title for title, _, _ in pages], landscape_before and not closing


def _attachment_title(campaign: Campaign, index: int, default: str) -> str:
    """An attachment's title as the plan's 附件说明 lists it, when it does."""
    titles = [t for t in campaign.attachments if "台账" not in t and "分工表" not in t]
    return titles[index] if index < len(titles) else default


_SLACK: Final = 30  # twips (0.5 mm) the 版记 keeps clear of the bottom edge against rounding
_IMPRINT_LINE: Final = 400  # twips: the 版记's exact line height (4号 at 20 pt)
_IMPRINT_CHARS: Final = TEXT_WIDTH / st.char_twips(st.IMPRINT, "notice.docx")  # 4号 characters on a line of the 版心


def _imprint_lines(text: str, indents: float) -> int:
    return max(1, math.ceil(width(text) / (_IMPRINT_CHARS - indents)))


def _imprint(notice: Notice, *, moved: bool) -> tuple[str, int]:
    """版记 (§7.4): the 主送 when they moved here, 抄送, then 印发机关 and 印发日期, between
    rules — the first and last thick (0.35 mm), the middle thin (0.25 mm) — and its height
    in twips, so that it can be set on the 版心's bottom edge."""
    if not (notice.cc or notice.printed_by or notice.printed_on or moved):
        return "", 0
    thick_top, thick_bottom = border("top", size_eighths=8), border("bottom", size_eighths=8)
    half = TEXT_WIDTH // 2
    rows, height = [], 0

    def listed(label: str, names: Sequence[str], top: str) -> None:
        nonlocal height
        text = f"{label}：{'，'.join(names)}。"
        lines = _imprint_lines(text, 1 + 1 + 3)
        height += lines * _IMPRINT_LINE
        content = paragraph(run(text), st.IMPRINT, left_chars=4, right_chars=1, hanging_chars=3)
        rows.append(_exact_row([cell(content, width=TEXT_WIDTH, span=2, borders=top + border("bottom", size_eighths=6))],
                               lines))

    if moved:  # §7.3.2: above the 抄送, set as it is
        listed("主送", notice.recipients, thick_top)
    if notice.cc:
        listed("抄送", notice.cc, "" if moved else thick_top)
    printed = cn_date(notice.printed_on) + "印发" if notice.printed_on else ""
    lines = ("" if notice.cc or moved else thick_top) + thick_bottom
    rows.append(_exact_row([
        cell(paragraph(run(notice.printed_by), st.IMPRINT, left_chars=1), width=half, borders=lines),
        cell(paragraph(run(printed), st.IMPRINT, align="right", right_chars=1), width=TEXT_WIDTH - half,
             borders=lines),
    ], 1))
    height += _IMPRINT_LINE
    # A table cannot end the body: Word repairs that silently, LibreOffice drops the table.
    return table(rows, [half, TEXT_WIDTH - half]) + spacer(END), height + END


def _exact_row(cells: list[str], lines: int) -> str:
    """A 版记 row exactly ``lines`` lines high, so that the 版记's height is known (at
    least that high when it would fill half a page: a 抄送 list that long is set whole)."""
    rule = "exact" if lines * _IMPRINT_LINE < TEXT_HEIGHT // 2 else "atLeast"
    return table_row(cells, height=(lines * _IMPRINT_LINE, rule))


# -- public renderers ----------------------------------------------------------------


def _style_size(document: Any, style_id: str, default: float) -> float:
    """A style's font size in the template, in points (a clerk may have changed it);
    the style found by its id, or by its name as the template may give it another id."""
    name = next(s.name for s in st.STYLES if s.id == style_id)
    for style in document.styles:
        if (style.style_id == style_id or style.name == name) and getattr(style, "font", None) is not None \
                and style.font.size is not None:
            return float(style.font.size.pt)
    return default


def render_notice(notice: Notice, path: Target, *, template: TemplateSource = None) -> None:
    """Render ``notice`` and the plan it issues as one .docx in GB/T 9704-2012 layout:
    版头 (red mark, 发文字号, red rule), title, 主送机关, body, 附件说明, signature and
    date, 附注; the plan (on a new page when the notice has a body of its own); each
    attachment on a new page (tables in landscape sections with the header repeated);
    the 版记 alone on the last, even page, its last rule on the 版心's bottom edge.

    Every look is a named style of the template (see docs/render.md); the code sets only
    what it computes: title lines, the mark's size for stacked issuers, signature
    offsets, column widths and where the 版记 goes.
    """
    settled: dict[str, bool] = {}

    def context(document: Any) -> dict[str, object]:
        # Section breaks copy the template's own section properties (page, grid, footers).
        base = document.sections[-1]._sectPr
        mark_size = _style_size(document, st.MARK, _MARK_SIZE)
        moved = recipients_in_imprint(notice, mark_size)
        imprint, height = _imprint(notice, moved=moved)
        attachments, titles, ends_landscape = _attachments(notice, base, closing=bool(imprint))
        settled.update(landscape=ends_landscape, imprint=bool(imprint))
        plan = ""
        campaign = notice.campaign
        if campaign is not None and (campaign.sections or campaign.preamble):
            # A seed that is the plan alone has the plan's title as the notice's: print it
            # once. A notice with no text of its own does not leave a page with its title alone.
            titled = campaign.title != notice.title
            own_text = bool(notice.body or notice.recipients or notice.signature)
            plan = _plan(campaign, titled=titled, page_break=titled and own_text,
                         attachment_titles=campaign.attachments or titles)
        if imprint:
            # The 版记 is the last section, which starts on an even page (§7.4.1: the
            # back of the last sheet); the spacer sets its last rule on the bottom edge.
            above = spacer(max(END, TEXT_HEIGHT - height - END - _SLACK))
            if not attachments.endswith(_SECTION_END):
                imprint = spacer(END, section=section_break(base, landscape=False)) + above + imprint
            else:
                imprint = above + imprint
        return {
            "head": xml(_head(notice, mark_size)),
            "title": xml(_title(notice.title)),
            "body": xml(_body(notice, moved=moved)),
            "plan": xml(plan),
            "attachments": xml(attachments),
            "imprint": xml(imprint),
        }

    render("notice.docx", template, context, path, title=notice.title,
           finish=lambda document: _finish(document, **settled))


def _finish(document: object, *, landscape: bool, imprint: bool) -> None:
    """Settle the final section (the template's own): landscape when the document ends
    in a table with no 版记 (rather than an empty portrait page); when it holds the 版记,
    starting on an even page, bottom-aligned, with no page number."""
    sect = getattr(document, "sections")[-1]._sectPr
    if landscape:
        turned = etree.fromstring(section_break(sect, landscape=True))
        sect.getparent().replace(sect, turned)
        sect = turned
    if imprint:
        _set(sect, "type", "evenPage", before=("pgSz",))
        _set(sect, "vAlign", "bottom", before=("noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid"))
        if sect.find(f"{{{W}}}titlePg") is None:  # its one page takes the (absent) first-page footer
            _set(sect, "titlePg", None, before=("textDirection", "bidi", "rtlGutter", "docGrid"))


def _set(sect: Any, name: str, value: str | None, *, before: tuple[str, ...]) -> None:
    """Set ``<w:name w:val=value/>`` in a sectPr, in its place in the schema's order."""
    element = sect.find(f"{{{W}}}{name}")
    if element is None:
        element = etree.Element(f"{{{W}}}{name}")
        follower = next((sect.find(f"{{{W}}}{b}") for b in before if sect.find(f"{{{W}}}{b}") is not None), None)
        if follower is not None:
            follower.addprevious(element)
        else:
            sect.append(element)
    if value is not None:
        element.set(f"{{{W}}}val", value)


def render_task_table(table: TaskTable | Campaign, path: Target, *, template: TemplateSource = None) -> None:
    """The 分工表 alone: landscape, its title centred, the header repeated on every page."""
    if isinstance(table, Campaign):
        title, tasks = table.table_title or f"{table.title}任务分工表", table.tasks
    else:
        title, tasks = table.title or "任务分工表", table.tasks
    content = _title(title, landscape=True) + blank() + task_table_xml(tasks) + spacer(END)
    render("task_table.docx", template, {"content": xml(content)}, path, title=title)


def render_ledger(ledger: Ledger, path: Target, *, template: TemplateSource = None, mask: bool = False,
                  blank_rows: int = 8) -> None:
    """A 台账 as seed 004's 附件3 / 附件4: title, the 填报单位 line, the table of its kind
    with its rows — or ``blank_rows`` empty rows for a blank form. A merged ledger's rows
    are grouped by 填报单位."""
    if mask:
        ledger = mask_ledger(ledger)
    title = ledger.title or f"工作台账（{ledger.kind.label}）"
    content = _title(title, landscape=True) + _filer_line(ledger) + ledger_table_xml(ledger, blank_rows) + spacer(END)
    render("ledger.docx", template, {"content": xml(content)}, path, title=title)
