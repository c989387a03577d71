"""Build the docxtpl templates shipped in src/yifeng/render/templates/.

    python tools/make_templates.py

The templates are ordinary Word files an office can open and restyle. Every look is a
named style (yifeng.render._styles.STYLES, written here into each template's styles
part); the pages (A4, GB/T 9704 margins, the 22-line grid, page numbers) are the
templates' section properties; the weekly report's text and tables are the template's
own, with docxtpl loops for the short tables and {{p …}} slots for those that grow with
the ledgers (rendered by yifeng in linear time, in the same styles). This script is how they are made, so a change
to their layout is reviewable here.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from yifeng._fonts import FALLBACKS, HEITI
from yifeng.render import _styles as st

OUT = Path(__file__).resolve().parents[1] / "src" / "yifeng" / "render" / "templates"
NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{NS}"'

# 22 lines of 3号 in the 225 mm 版心: an exact line pitch of 579 twips on a line grid.
# 28 characters on the 156 mm line: 3号 (16 pt) condensed by 0.25 pt is 15.75 pt (the
# 正文 style's character spacing). (A "linesAndChars" grid does this in Word, but
# LibreOffice spreads the characters out; a line grid with spacing behaves alike in both.)
DOC_GRID = f'<w:docGrid {W} w:type="lines" w:linePitch="{st.LINE}"/>'

_DEFAULTS = (
    "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr>"
    "</w:rPrDefault><w:pPrDefault/></w:docDefaults>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
    "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>'
    '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
)


def _part(document, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in document.part.package.iter_parts() if str(p.partname) == name)


def styles(document, template: str) -> None:  # type: ignore[no-untyped-def]
    """The styles part: Word's defaults and yifeng's named styles, nothing else (the
    python-docx default template's 300 KB of unused styles go)."""
    body = _DEFAULTS + "".join(st.styles_for(template))
    document.part._styles_part._element = parse_xml(f"<w:styles {W}>{body}</w:styles>")


def trim(document) -> None:  # type: ignore[no-untyped-def]
    """Drop what the template does not need: Word 2010's copy of the styles, the custom
    XML item and the thumbnail of an empty page."""
    for rels in (document.part.rels, document.part.package.rels):
        for key, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/customXml", "/thumbnail")):
                rels.pop(key)


def declare_fallbacks(document) -> None:  # type: ignore[no-untyped-def]
    """Each font the styles name, with the one Word and LibreOffice use where it is missing."""
    part = _part(document, "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, fallback in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{NS}}}font", {f"{{{NS}}}name": name})
        etree.SubElement(font, f"{{{NS}}}altName", {f"{{{NS}}}val": fallback})
        etree.SubElement(font, f"{{{NS}}}charset", {f"{{{NS}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{NS}}}family", {f"{{{NS}}}val": "auto" if name != HEITI else "modern"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_numbers(document, section, bottom: float) -> None:  # type: ignore[no-untyped-def]
    """"— N —" in the 页码 style (4号宋体): odd pages right, even pages left, one character
    in, 7 mm below the 版心 (whose bottom margin is ``bottom`` mm)."""
    document.settings.odd_and_even_pages_header_footer = True
    section.footer_distance = Mm(bottom - 12)
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        paragraph._p.getparent().replace(paragraph._p, parse_xml(
            f'<w:p {W}><w:pPr><w:pStyle w:val="{st.PAGE_NUMBER}"/><w:ind w:{side}="280"/><w:jc w:val="{side}"/></w:pPr>'
            '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'))


def official_document(template: str, *, landscape: bool = False) -> Document:
    """A4 with GB/T 9704 margins (top 37, bottom 35, left 28, right 26 mm; turned for a
    landscape table), the 22-line grid, yifeng's styles, page numbers."""
    document = Document()
    trim(document)
    styles(document, template)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        # The portrait page turned a quarter clockwise, as the renderers turn it.
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(35), Mm(37)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        section._sectPr.remove(grid)
    section._sectPr.append(parse_xml(DOC_GRID))
    page_numbers(document, section, 26 if landscape else 35)
    declare_fallbacks(document)
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return document


def add(document, text: str, style: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """A paragraph of ``style`` holding ``text`` as one run."""
    p = document.add_paragraph(text)
    if style:
        p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="{style}"/>'))


def loop_table(document, headers: list[str], cells: list[tuple[str, str]], loop: str, *,  # type: ignore[no-untyped-def]
               widths: list[float]) -> None:
    """A table in the 表格 style: a header row repeated on every page, then one row per
    item via docxtpl's {%tr for %} rows (yifeng sets the column widths by content)."""
    table = document.add_table(rows=4, cols=len(headers))
    table._tbl.tblPr.insert(0, parse_xml(f'<w:tblStyle {W} w:val="{st.TABLE}"/>'))
    rows = table.rows
    for row in rows:
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {W}/>"))
        for i, width in enumerate(widths):
            row.cells[i].width = Mm(width)
    rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))

    def fill(cell, text: str, style: str) -> None:  # type: ignore[no-untyped-def]
        paragraph = cell.paragraphs[0]
        paragraph._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="{style}"/>'))
        if text:
            paragraph.add_run(text)

    for i, header in enumerate(headers):
        fill(rows[0].cells[i], header, st.TABLE_HEADER)
        fill(rows[1].cells[i], f"{{%tr for r in {loop} %}}" if i == 0 else "", st.TABLE_TEXT)
        fill(rows[2].cells[i], cells[i][0], cells[i][1])
        fill(rows[3].cells[i], "{%tr endfor %}" if i == 0 else "", st.TABLE_TEXT)


def section(document, heading: str, loop: str, headers: list[str], cells: list[tuple[str, str]],  # type: ignore[no-untyped-def]
            widths: list[float], empty: str) -> None:
    """A heading (kept with what follows), then its table, or a line saying there is nothing."""
    add(document, heading, st.HEADINGS[1])
    add(document, f"{{%p if {loop} %}}")
    loop_table(document, headers, cells, loop, widths=widths)
    add(document, "{%p else %}")
    add(document, empty)
    add(document, "{%p endif %}")


def slot_section(document, heading: str, test: str, slot: str, empty: str) -> None:  # type: ignore[no-untyped-def]
    """A heading, then a table the renderer builds (any length, in linear time) in the
    {{p slot}} paragraph, or a line saying there is nothing."""
    add(document, heading, st.HEADINGS[1])
    add(document, f"{{%p if {test} %}}")
    add(document, "{{p %s }}" % slot)
    add(document, "{%p else %}")
    add(document, empty)
    add(document, "{%p endif %}")


TEXT, FIGURE, CENTRED = st.TABLE_TEXT, st.TABLE_FIGURE, st.TABLE_CENTRED


def weekly_report() -> Document:
    document = official_document("weekly_report.docx")
    add(document, "{{ title }}", st.TITLE)
    add(document, "（{{ period }}）", "yfSubtitle")
    add(document, "报送单位：{{ unit }}　　　　报送日期：{{ date }}", st.FILER)
    add(document, "")
    add(document, "一、总体情况", st.HEADINGS[1])
    add(document, "{{ overall }}")
    slot_section(document, "二、各单位情况", "units", "unit_table", "本期没有收到台账。")
    section(document, "三、按负面清单条目统计", "items", ["负面清单条目", "问题数", "已整改", "未整改"],
            [("{{ r.ref }}", TEXT), ("{{ r.total }}", FIGURE), ("{{ r.rectified }}", FIGURE), ("{{ r.open }}", FIGURE)],
            [60, 30, 30, 30], "本期没有发现问题。")
    slot_section(document, "四、尚未整改问题（{{ still_open|length }}条，按填报单位列出）", "still_open", "open_items",
                 "所有问题均已整改。")
    add(document, "")
    add(document, "下次报送时间：{{ next_due }}（每周四下班前）。")
    return document


def slots(document, *names: str) -> Document:  # type: ignore[no-untyped-def]
    """One paragraph per {{p name}} slot, where the renderer puts generated paragraphs."""
    for name in names:
        document.add_paragraph("{{p %s }}" % name)
    return document


TEMPLATES = {
    "weekly_report.docx": weekly_report,
    # The notice and the plan it issues: 版头, title, body, the plan, attachments, 版记.
    "notice.docx": lambda: slots(official_document("notice.docx"), "head", "title", "body", "plan", "attachments",
                                 "imprint"),
    "task_table.docx": lambda: slots(official_document("task_table.docx", landscape=True), "content"),
    "ledger.docx": lambda: slots(official_document("ledger.docx", landscape=True), "content"),
}

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        build().save(OUT / name)
        print(OUT / name)
