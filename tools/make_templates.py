"""Build the docxtpl templates shipped in src/yifeng/render/templates/.

    python tools/make_templates.py

The templates are ordinary Word files an office can open and restyle; this script is how
they were first made (python-docx), so a change to their layout is reviewable here.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parents[1] / "src" / "yifeng" / "render" / "templates"

# GB/T 9704-2012 fonts, with the fallbacks Word and LibreOffice substitute sensibly.
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"


def set_font(target, east_asia: str, size: float | None = None, *, bold: bool | None = None,
             ascii_font: str = "Times New Roman") -> None:
    """Name a font for Chinese (w:eastAsia) and Latin text on a run or a style."""
    font = target.font
    font.name = ascii_font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), ascii_font)
    fonts.set(qn("w:eastAsia"), east_asia)


# Fonts the documents name, each with the font Word and LibreOffice should fall back to
# where it is missing (fontTable w:altName). No font files are shipped.
FALLBACKS = {FANGSONG: "仿宋", XIAOBIAOSONG: "宋体", HEITI: "SimHei", KAITI: "楷体", "宋体": "SimSun"}
# 22 lines of 3号 in the 225 mm 版心: an exact line pitch of 579 twips on a line grid.
# 28 characters on the 156 mm line: 3号 (16 pt) condensed by 0.25 pt is 15.75 pt, and
# 442.2 pt / 15.75 pt = 28.07. (A "linesAndChars" grid does this in Word, but LibreOffice
# spreads the characters out; a line grid with character spacing behaves alike in both.)
DOC_GRID = '<w:docGrid xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="lines" w:linePitch="579"/>'
CONDENSED = -5  # twips: -0.25 pt


def declare_fallbacks(document) -> None:
    from lxml import etree

    part = next(p for p in document.part.package.parts if str(p.partname) == "/word/fontTable.xml")
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    for name, fallback in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": name})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": fallback})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{ns}}}family", {f"{{{ns}}}val": "auto" if name != HEITI else "modern"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_numbers(document, section) -> None:
    """"— N —" in 4号宋体: odd pages right, even pages left, one character in."""
    from docx.oxml import parse_xml

    document.settings.odd_and_even_pages_header_footer = True
    section.footer_distance = Mm(23)  # the number sits 7 mm below the 版心
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    fonts = '<w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
    for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        paragraph = footer.paragraphs[0]
        paragraph._p.getparent().replace(paragraph._p, parse_xml(
            f'<w:p {ns}><w:pPr><w:ind w:{side}="280"/><w:jc w:val="{align}"/></w:pPr>'
            f'<w:r><w:rPr>{fonts}</w:rPr><w:t xml:space="preserve">— </w:t></w:r>'
            f'<w:fldSimple w:instr=" PAGE "><w:r><w:rPr>{fonts}</w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
            f'<w:r><w:rPr>{fonts}</w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p>'))


def official_document(*, landscape: bool = False) -> Document:
    """A4 with GB/T 9704 margins (top 37, bottom 35, left 28, right 26 mm; turned for a
    landscape table), the 22-line × 28-character grid, 3号仿宋 body, page numbers."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml

    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        section._sectPr.remove(grid)
    section._sectPr.append(parse_xml(DOC_GRID))
    page_numbers(document, section)
    declare_fallbacks(document)
    normal = document.styles["Normal"]
    set_font(normal, FANGSONG, 16)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSED))
    normal.element.get_or_add_rPr().append(spacing)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)  # 579 twips: 22 lines in the 225 mm 版心
    fmt.space_before = fmt.space_after = Pt(0)
    return document


def paragraph(document, text: str, *, font: str = FANGSONG, size: float = 16, align=None, indent: bool = True,
              bold: bool | None = None):
    p = document.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    run = p.add_run(text)
    set_font(run, font, size, bold=bold)
    return p


def loop_table(document, headers: list[str], cells: list[str], loop: str, *, widths: list[float]) -> None:
    """A table: a header row, then one row per item via docxtpl's {%tr for %} rows."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = table.rows
    for i, header in enumerate(headers):
        cell = rows[0].cells[i]
        cell.text = ""
        set_font(cell.paragraphs[0].add_run(header), HEITI, 12)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows[1].cells[0].text = f"{{%tr for r in {loop} %}}"
    for i, template in enumerate(cells):
        run = rows[2].cells[i].paragraphs[0].add_run(template)
        set_font(run, FANGSONG, 12)
    rows[3].cells[0].text = "{%tr endfor %}"
    for row in rows:
        for i, width in enumerate(widths):
            row.cells[i].width = Mm(width)
    # The header row repeats on every printed page.
    header = rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)


def weekly_report() -> Document:
    document = official_document()
    paragraph(document, "{{ title }}", font=XIAOBIAOSONG, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    paragraph(document, "（{{ period }}）", font=KAITI, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    paragraph(document, "")
    paragraph(document, "一、总体情况", font=HEITI)
    paragraph(document, "{{ overall }}")
    paragraph(document, "二、按负面清单条目统计", font=HEITI)
    loop_table(document, ["负面清单条目", "问题数", "已整改", "未整改"],
               ["{{ r.ref }}", "{{ r.total }}", "{{ r.rectified }}", "{{ r.open }}"], "items",
               widths=[60, 30, 30, 30])
    paragraph(document, "三、本周新发现问题（{{ new|length }}条）", font=HEITI)
    loop_table(document, ["序号", "填报单位", "问题对象", "条目", "具体表现", "发现日期"],
               ["{{ loop.index }}", "{{ r.filer }}", "{{ r.subject }}", "{{ r.ref }}", "{{ r.description }}",
                "{{ r.discovered_on }}"], "new", widths=[12, 28, 28, 22, 40, 26])
    paragraph(document, "四、本周整改完成（{{ closed|length }}条）", font=HEITI)
    loop_table(document, ["序号", "填报单位", "问题对象", "条目", "整治措施", "完成日期"],
               ["{{ loop.index }}", "{{ r.filer }}", "{{ r.subject }}", "{{ r.ref }}", "{{ r.measures }}",
                "{{ r.rectified_on }}"], "closed", widths=[12, 28, 28, 22, 40, 26])
    paragraph(document, "五、尚未整改问题（{{ still_open|length }}条）", font=HEITI)
    loop_table(document, ["序号", "填报单位", "问题对象", "条目", "发现日期", "已过天数"],
               ["{{ loop.index }}", "{{ r.filer }}", "{{ r.subject }}", "{{ r.ref }}", "{{ r.discovered_on }}",
                "{{ r.age }}"], "still_open", widths=[12, 34, 34, 26, 30, 20])
    paragraph(document, "")
    paragraph(document, "下次报送时间：{{ next_due }}（每周四下班前）。")
    return document


def slots(document, *names: str) -> Document:
    """One paragraph per {{p name}} slot, where the renderer puts generated paragraphs."""
    body = document.paragraphs[0] if document.paragraphs else None
    for name in names:
        document.add_paragraph("{{p %s }}" % name)
    if body is not None and not body.text:
        body._p.getparent().remove(body._p)
    return document


TEMPLATES = {
    "weekly_report.docx": weekly_report,
    # The notice and the plan it issues: 版头, title, body, the plan, attachments, 版记.
    "notice.docx": lambda: slots(official_document(), "head", "title", "body", "plan", "attachments", "imprint"),
    "task_table.docx": lambda: slots(official_document(landscape=True), "content"),
    "ledger.docx": lambda: slots(official_document(landscape=True), "content"),
}

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        build().save(OUT / name)
        print(OUT / name)
