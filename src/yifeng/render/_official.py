"""Notices (通知) per GB/T 9704-2012, 分工表 and 台账 attachments, as .docx."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from typing import Any, Final
import math

from lxml import etree

from yifeng.io._tasktable_write import HEADER, lead_cell, support_cell
from yifeng.model import LEDGER_COLUMNS, Campaign, Ledger, Notice, Section, Task, TaskTable, mask_ledger
from yifeng.render._docx import Target, TemplateSource, cn_date, render
from yifeng.render._layout import balance_title, width
from yifeng.render._ooxml import (
    FANGSONG,
    HEITI,
    KAITI,
    LINE,
    RED,
    XIAOBIAOSONG,
    blank,
    spacer,
    border,
    cell,
    paragraph,
    run,
    table,
    table_row,
    xml,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SECTION_END = "</w:sectPr></w:pPr></w:p>"
TEXT_WIDTH = 8844  # the 版心, 156 mm, in twips
TEXT_HEIGHT = 12756  # and 225 mm
LANDSCAPE_WIDTH = 13606  # 297 - 37 - 35 = 225 mm
_HEADING_FONTS = {1: HEITI, 2: KAITI}


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
        top, right, bottom, left = (margins.get(f"{{{W}}}{k}") for k in ("top", "right", "bottom", "left"))
        # Turn the page a quarter clockwise: the binding edge stays where it was.
        margins.set(f"{{{W}}}top", left or "0")
        margins.set(f"{{{W}}}right", top or "0")
        margins.set(f"{{{W}}}bottom", right or "0")
        margins.set(f"{{{W}}}left", bottom or "0")
    return str(etree.tostring(sect, encoding="unicode"))


# -- the notice frame ----------------------------------------------------------------


MARK_BELOW_TOP: Final = round(35 / 25.4 * 1440)  # twips: 35 mm


def _mark_size(issuers: Sequence[str]) -> int:
    """The mark's size in points: smaller as more issuers stack."""
    return 36 if len(issuers) <= 2 else 26 if len(issuers) <= 5 else 22


_BODY_CHARS: Final = 28  # 3号 characters on a line of the 版心
_LEAST_BODY_LINES: Final = 2


def recipients_in_imprint(notice: Notice) -> bool:
    """Whether the 主送机关 go to the 版记 (§7.3.2): when the 版头, the title and a
    主送 line this long leave no room for body text on the first page."""
    if not notice.recipients:
        return False
    used = 0
    if notice.issuers:
        # The mark's lines are set at single spacing: about 1.2 times the type size.
        used += MARK_BELOW_TOP + len(notice.issuers) * round(_mark_size(notice.issuers) * 20 * 1.2)
    if notice.issuers or notice.doc_number is not None:
        used += 5 * LINE  # two blank lines, the 发文字号 with the red rule, two blank lines
    used += len(balance_title(notice.title)) * LINE
    recipients = width("，".join(notice.recipients) + "：")
    used += (1 + math.ceil(recipients / _BODY_CHARS)) * LINE  # a blank line, then the 主送
    return used + _LEAST_BODY_LINES * LINE > TEXT_HEIGHT


def _mark(notice: Notice) -> str:
    """发文机关标志: red 小标宋, centred; joint issuers stacked, the lead issuer first,
    with "文件" to the right of the stack, centred on it."""
    issuers = list(notice.issuers)
    if not issuers:
        return ""
    size = _mark_size(issuers)

    def line(text: str, align: str) -> str:
        return paragraph(run(text, font=XIAOBIAOSONG, size=size, color=RED), align=align, exact=None)

    if not notice.mark_suffix:
        return "".join(line(name, "center") for name in issuers)
    if len(issuers) == 1:
        return line(issuers[0] + notice.mark_suffix, "center")
    names_width = round(max(width(n) for n in issuers) * size * 20) + 240
    suffix_width = round(width(notice.mark_suffix) * size * 20) + 240
    stack = "".join(line(name, "distribute") for name in issuers)
    row = table_row([cell(stack, width=names_width), cell(line(notice.mark_suffix, "left"), width=suffix_width)])
    return table([row], [names_width, suffix_width], borders=False)


def _head(notice: Notice) -> str:
    """版头: the mark, two lines, the 发文字号, and the red rule 4 mm below it."""
    if not notice.issuers and notice.doc_number is None:
        return ""
    rule = border("bottom", size_eighths=18, color=RED, space=11)
    number = run(str(notice.doc_number)) if notice.doc_number is not None else ""
    # §7.2.4: the mark's upper edge 35 mm below the 版心's upper edge.
    above = spacer(MARK_BELOW_TOP) if notice.issuers else ""
    return above + _mark(notice) + blank(2) + paragraph(number, align="center", border_bottom=rule) + blank(2)


def _title(title: str) -> str:
    return "".join(paragraph(run(line, font=XIAOBIAOSONG, size=22), align="center") for line in balance_title(title))


def _attachment_note(titles: Sequence[str]) -> str:
    """附件说明: "附件：1. …", later names under the first, a hanging indent."""
    if not titles:
        return ""
    if len(titles) == 1:
        return blank() + paragraph(run(f"附件：{titles[0]}"), left_chars=5, hanging_chars=3)
    lines = [paragraph(run(f"附件：1.{titles[0]}"), left_chars=5, hanging_chars=3)]
    lines += [paragraph(run(f"{n}.{t}"), left_chars=5) for n, t in enumerate(titles[1:], start=2)]
    return blank() + "".join(lines)


def signature_indents(signature: Sequence[str], date: str) -> tuple[float, float]:
    """(署名, 成文日期) right indents in characters, for a notice without a seal: the
    signature right 2 characters in, the date's first character 2 to the right of the
    signature's; a date longer than that sits right 2 and pushes the signature left."""
    longest = max((width(s) for s in signature), default=0.0)
    sign_right = 2.0
    date_right = sign_right + longest - 2 - width(date)
    if date_right < 2:
        date_right = 2.0
        sign_right = date_right + width(date) + 2 - longest
    return sign_right, date_right


def _body(notice: Notice) -> str:
    parts = []
    if notice.recipients and not recipients_in_imprint(notice):
        parts.append(blank() + paragraph(run("，".join(notice.recipients) + "：")))
    parts += [paragraph(run(text), first_line_chars=2) for text in notice.body]
    parts.append(_attachment_note(notice.attachments))
    date = cn_date(notice.date)
    if notice.signature or date:
        sign_right, date_right = signature_indents(notice.signature, date)
        parts.append(blank())
        parts += [paragraph(run(name), align="right", right_chars=sign_right) for name in notice.signature]
        if date:
            parts.append(paragraph(run(date), align="right", right_chars=date_right))
    if notice.disclosure:
        parts.append(paragraph(run(f"（信息公开形式：{notice.disclosure}）"), first_line_chars=2))
    return "".join(parts)


# -- the plan ---------------------------------------------------------------------------


def _sections(sections: Sequence[Section]) -> Iterator[str]:
    for section in sections:
        font = _HEADING_FONTS.get(section.level or 0, FANGSONG)
        heading = f"{section.label}{section.title}"
        paragraphs = list(section.paragraphs)
        if section.run_in and heading:
            first = paragraphs.pop(0) if paragraphs else ""
            yield paragraph([run(heading + "。", font=font), run(first)], first_line_chars=2)
        elif heading:
            yield paragraph(run(heading, font=font), first_line_chars=2, keep_next=True)
        for text in paragraphs:
            yield paragraph(run(text), first_line_chars=2)
        yield from _sections(section.children)


def _plan(campaign: Campaign, *, titled: bool, page_break: bool, attachment_titles: Sequence[str]) -> str:
    parts = []
    if titled:
        lines = balance_title(campaign.title)
        parts.append(paragraph(run(lines[0], font=XIAOBIAOSONG, size=22), align="center", page_break_before=page_break))
        parts += [paragraph(run(line, font=XIAOBIAOSONG, size=22), align="center") for line in lines[1:]]
    parts.append(blank())
    parts += [paragraph(run(text), first_line_chars=2) for text in campaign.preamble]
    parts += list(_sections(campaign.sections))
    parts.append(_attachment_note(attachment_titles))
    return "".join(parts)


# -- attachments ----------------------------------------------------------------------


_TASK_WIDTHS = (900, 2200, 5200, 2300, 2000, 1006)


def task_table_xml(tasks: Sequence[Task]) -> str:
    """The 分工表: 序号 | 重点任务 | 具体内容 | 牵头单位 | 配合单位 | 完成时限, header repeated
    on every page, categories merged down the 重点任务 column."""
    widths = _TASK_WIDTHS
    header = table_row((cell(paragraph(run(h, font=HEITI, size=12), align="center", exact=None), width=w)
                        for h, w in zip(HEADER, widths)), header=True)
    has_categories = any(t.category for t in tasks)
    rows = [header]
    previous: str | None = None
    for index, task in enumerate(tasks):
        category = task.category or ""
        if has_categories:
            same = index > 0 and category == previous
            second = cell("" if same else paragraph(run(category, size=12), align="center", exact=None),
                          width=widths[1], merge="continue" if same else "restart")
        else:
            second = cell(paragraph(run(task.title, size=12), exact=None), width=widths[1])
        previous = category
        values = (task.content, lead_cell(task.responsibility), support_cell(task.responsibility), task.deadline.text)
        rows.append(table_row([
            cell(paragraph(run(str(task.number), size=12), align="center", exact=None), width=widths[0]),
            second,
            *(cell(paragraph(run(v, size=12), exact=None, align="center" if i == 3 else None), width=w)
              for i, (v, w) in enumerate(zip(values, widths[2:]))),
        ]))
    return table(rows, widths)


def ledger_table_xml(ledger: Ledger, blank_rows: int) -> str:
    """A 台账 table of the ledger's kind, its rows (original text where kept), or
    ``blank_rows`` empty rows for a form to fill."""
    columns = LEDGER_COLUMNS[ledger.kind]
    share = LANDSCAPE_WIDTH // len(columns)
    widths = [share] * len(columns)
    header = table_row((cell(paragraph(run(h, font=HEITI, size=10.5), align="center", exact=None), width=w)
                        for (_, h), w in zip(columns, widths)), header=True)
    rows = [header]
    for row in ledger.rows:
        originals = dict(row.unparsed)
        values = []
        for field, _ in columns:
            value = originals.get(field, getattr(row, field))
            if isinstance(value, bool):
                value = "是" if value else "否"
            values.append("" if value is None else cn_date(value) if hasattr(value, "isoformat") else str(value))
        rows.append(table_row(cell(paragraph(run(v, size=10.5), exact=None), width=w) for v, w in zip(values, widths)))
    for _ in range(0 if ledger.rows else blank_rows):
        rows.append(table_row(cell("", width=w) for w in widths))
    return table(rows, widths)


def _filer_line(ledger: Ledger) -> str:
    f = ledger.filer
    return paragraph(run(f"填报单位：{f.unit}　　　　填报人：{f.person}　　　　联系方式：{f.contact}", size=14), exact=None)


def _label(n: int | None, *, new_page: bool) -> str:
    """"附件" / "附件N" in 黑体 at the top left of an attachment's first page."""
    return paragraph(run("附件" if n is None else f"附件{n}", font=HEITI), keep_next=True, page_break_before=new_page)


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
                                 f"共{len(group.units)}个部门。工作专班设在{group.office}。"), first_line_chars=2)]
        content += [paragraph([run(f"{d.department}：", font=HEITI), run(d.duty)], first_line_chars=2) for d in group.duties]
        for role in ("leader", "deputy", "member", "liaison"):
            for m in (m for m in group.members if m.role.value == role):
                content.append(paragraph(run(f"{m.role.label}：{m.name}　{m.unit}{m.title}"), first_line_chars=2))
        pages.append((_attachment_title(campaign, 0, f"{group.name}成员单位及职责分工"), "".join(content), False))
    if campaign.reporting_channels:
        content = []
        for channel in campaign.reporting_channels:
            content.append(paragraph(run(channel.organisation, font=HEITI), first_line_chars=2))
            if channel.phone:
                content.append(paragraph(run(f"举报电话：{channel.phone}"), first_line_chars=2))
            if channel.mailbox is not None:
                box = channel.mailbox
                where = "，".join(p for p in (box.address, box.recipient, box.postcode) if p)
                content.append(paragraph(run(f"举报信箱：{where}"), first_line_chars=2))
            if channel.email:
                content.append(paragraph(run(f"电子邮箱：{channel.email}"), first_line_chars=2))
        pages.append((_attachment_title(campaign, 1, "公开举报途径"), "".join(content), False))
    for ledger in campaign.ledgers:
        pages.append((ledger.title, _filer_line(ledger) + ledger_table_xml(ledger, 8), True))
    numbered = len(pages) > 1
    parts = []
    landscape_before = False
    for index, (title, body, landscape) in enumerate(pages, start=1):
        number = index if numbered else None
        if landscape or landscape_before:
            # End the section before this page, in the orientation it had; the new
            # section starts the page.
            parts.append(paragraph(section=section_break(base, landscape=landscape_before), exact=None))
            parts.append(_label(number, new_page=False))
        else:
            parts.append(_label(number, new_page=True))
        parts.append(_title(title) + blank() + body + paragraph(exact=None))
        landscape_before = landscape
    if landscape_before and closing:
        parts.append(paragraph(section=section_break(base, landscape=True), exact=None))
    return "".join(parts), [title for title, _, _ in pages], landscape_before and not closing


def _attachment_title(campaign: Campaign, index: int, default: str) -> str:
    """An attachment's title as the plan's 附件说明 lists it, when it does."""
    titles = [t for t in campaign.attachments if "台账" not in t and "分工表" not in t]
    return titles[index] if index < len(titles) else default


def _imprint(notice: Notice) -> str:
    """版记: the 主送 when they moved here, 抄送, then 印发机关 and 印发日期, between rules — the first and last thick
    (0.35 mm), the middle thin (0.25 mm) — at the foot of the last page, 4号仿宋."""
    moved = recipients_in_imprint(notice)
    if not (notice.cc or notice.printed_by or notice.printed_on or moved):
        return ""
    thick_top, thick_bottom = border("top", size_eighths=8), border("bottom", size_eighths=8)
    half = TEXT_WIDTH // 2
    rows = []
    if moved:  # §7.3.2: above the 抄送, set as it is
        text = paragraph(run(f"主送：{'，'.join(notice.recipients)}。", size=14), left_chars=1, hanging_chars=3,
                         exact=None)
        rows.append(table_row([cell(text, width=TEXT_WIDTH, span=2, borders=thick_top + border("bottom", size_eighths=6))]))
    if notice.cc:
        text = paragraph(run(f"抄送：{'，'.join(notice.cc)}。", size=14), left_chars=1, hanging_chars=3, exact=None)
        top = "" if moved else thick_top
        rows.append(table_row([cell(text, width=TEXT_WIDTH, span=2, borders=top + border("bottom", size_eighths=6))]))
    printed = cn_date(notice.printed_on) + "印发" if notice.printed_on else ""
    lines = ("" if notice.cc or moved else thick_top) + thick_bottom
    rows.append(table_row([
        cell(paragraph(run(notice.printed_by, size=14), left_chars=1, exact=None), width=half, borders=lines),
        cell(paragraph(run(printed, size=14), align="right", right_chars=1, exact=None), width=TEXT_WIDTH - half,
             borders=lines),
    ]))
    # A table cannot end the body: Word repairs that silently, LibreOffice drops the
    # table. The closing paragraph is 1 pt high so that it never starts a page of its own.
    return table(rows, [half, TEXT_WIDTH - half], borders=False) + paragraph(exact=20)


# -- public renderers ----------------------------------------------------------------


def render_notice(notice: Notice, path: Target, *, template: TemplateSource = None) -> None:
    """Render ``notice`` and the plan it issues as one .docx in GB/T 9704-2012 layout:
    版头 (red mark, 发文字号, red rule), title, 主送机关, body, 附件说明, signature and
    date, 附注; the plan on a new page; each attachment on a new page (tables in
    landscape sections with the header repeated); the 版记 at the foot of the last page.
    """
    settled: dict[str, bool] = {}

    def context(document: Any) -> dict[str, object]:
        # Section breaks copy the template's own section properties (page, grid, footers).
        base = document.sections[-1]._sectPr
        imprint = _imprint(notice)
        attachments, titles, ends_landscape = _attachments(notice, base, closing=bool(imprint))
        settled.update(landscape=ends_landscape, imprint=bool(imprint))
        plan = ""
        campaign = notice.campaign
        if campaign is not None and (campaign.sections or campaign.preamble):
            # A seed that is the plan alone has the plan's title as the notice's: print it once.
            titled = campaign.title != notice.title
            plan = _plan(campaign, titled=titled, page_break=titled, attachment_titles=campaign.attachments or titles)
        if imprint:
            # The 版记 gets a last section of its own, bottom-aligned (see _finish) for Word;
            # LibreOffice 7 ignores that, so a spacer above it does the same there.
            rows = imprint.count("<w:tr>")
            spacer = f'<w:p><w:pPr><w:spacing w:before="{TEXT_HEIGHT - rows * 520 - 1400}" w:after="0"/></w:pPr></w:p>'
            if not attachments.endswith(_SECTION_END):
                imprint = paragraph(section=section_break(base, landscape=False), exact=None) + spacer + imprint
            else:
                imprint = spacer + imprint
        return {
            "head": xml(_head(notice)),
            "title": xml(_title(notice.title)),
            "body": xml(_body(notice)),
            "plan": xml(plan),
            "attachments": xml(attachments),
            "imprint": xml(imprint),
        }

    render("notice.docx", template, context, path, title=notice.title,
           finish=lambda document: _finish(document, **settled))


def _finish(document: object, *, landscape: bool, imprint: bool) -> None:
    """Settle the final section (the template's own): landscape when the document ends
    in a table with no 版记 (rather than an empty portrait page), and bottom-aligned
    when it holds the 版记, which belongs at the foot of the last page."""
    sect = getattr(document, "sections")[-1]._sectPr
    if landscape:
        turned = etree.fromstring(section_break(sect, landscape=True))
        sect.getparent().replace(sect, turned)
        sect = turned
    if imprint:
        align = sect.find(f"{{{W}}}vAlign")
        if align is None:
            align = etree.SubElement(sect, f"{{{W}}}vAlign")
            # vAlign comes before the elements that follow it in the schema order.
            grid = sect.find(f"{{{W}}}docGrid")
            if grid is not None:
                grid.addprevious(align)
        align.set(f"{{{W}}}val", "bottom")


def render_task_table(table: TaskTable | Campaign, path: Target, *, template: TemplateSource = None) -> None:
    """The 分工表 alone: landscape, its title centred, the header repeated on every page."""
    if isinstance(table, Campaign):
        title, tasks = table.table_title or f"{table.title}任务分工表", table.tasks
    else:
        title, tasks = table.title or "任务分工表", table.tasks
    content = _title(title) + blank() + task_table_xml(tasks) + paragraph(exact=None)
    render("task_table.docx", template, {"content": xml(content)}, path, title=title)


def render_ledger(ledger: Ledger, path: Target, *, template: TemplateSource = None, mask: bool = False,
                  blank_rows: int = 8) -> None:
    """A 台账 as seed 004's 附件3 / 附件4: title, the 填报单位 line, the table of its kind
    with its rows — or ``blank_rows`` empty rows for a blank form."""
    if mask:
        ledger = mask_ledger(ledger)
    title = ledger.title or f"工作台账（{ledger.kind.label}）"
    content = _title(title) + _filer_line(ledger) + ledger_table_xml(ledger, blank_rows) + paragraph(exact=None)
    render("ledger.docx", template, {"content": xml(content)}, path, title=title)

