"""The named styles of the shipped templates: every font, size, spacing, colour, indent
and table look of a rendered document, defined once, as data.

``tools/make_templates.py`` writes them into the templates; the renderers only name them
(``<w:pStyle w:val="…"/>``), so a clerk who changes a style in Word changes every place
that uses it. A user's template that lacks one of them gets the shipped definition.
"""

from __future__ import annotations

from typing import Final

import attrs

from yifeng._fonts import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG

# Sizes in points: 2号 22, 3号 16, 4号 14, 小四 12, 五号 10.5.
LINE: Final = 579  # twips: the exact line pitch that sets 22 lines in the 225 mm 版心
CHAR: Final = 320  # twips: one 3号 character (16 pt), the unit GB/T 9704 counts indents in
CONDENSED: Final = -5  # twips (-0.25 pt) of character spacing on 3号: 28 characters a line
RED: Final = "FF0000"
TYPE_WIDTH: Final = 8844  # twips: the 版心, 156 mm across a portrait page
TYPE_HEIGHT: Final = 12756  # and 225 mm down (across a landscape one)
MARK_SIZE: Final = 36  # points: the 发文机关标志 of one or two issuers
MARK_PITCH: Final = 1.2  # its lines, exactly this many times its size apart


@attrs.frozen
class Style:
    """One named style. Indents are in characters of the style's own size; ``line`` is
    an exact line height in twips, or None for single spacing off the line grid."""

    id: str
    name: str  # as Word's style gallery shows it
    kind: str = "paragraph"  # or "character", "table"
    based_on: str | None = "Normal"
    font: str | None = None
    size: float | None = None
    bold: bool = False
    color: str | None = None
    spacing: int | None = None  # character spacing, twips
    align: str | None = None
    first_line: float | None = None
    left: float | None = None
    hanging: float | None = None
    before: int | None = None  # twips of space before
    line: int | None = LINE
    grid: bool = True  # snap to the document's line grid (LibreOffice then gives a
    # line of type larger than 3号 two grid lines, even at an exact height)
    keep_next: bool = False
    outline: int | None = None
    rule_below: tuple[int, str, int] | None = None  # (eighths of a point, colour, points of space)
    link: str | None = None
    builtin: bool = False


def _heading(level: int, font: str) -> tuple[Style, Style]:
    """A heading level (一、/（一）/1./（1）) and the character style of its run-in form."""
    paragraph_id, character_id = f"Heading{level}", f"Heading{level}Char"
    return (
        Style(paragraph_id, f"heading {level}", font=font, keep_next=True, outline=level - 1, link=character_id,
              builtin=True),
        Style(character_id, f"标题 {level} 字符", kind="character", based_on=None, font=font, link=paragraph_id),
    )


STYLES: Final[tuple[Style, ...]] = (
    Style("Normal", "Normal", based_on=None, font=FANGSONG, size=16, spacing=CONDENSED, align="both", first_line=2,
          builtin=True),  # 正文
    Style("Title", "Title", font=XIAOBIAOSONG, size=22, spacing=0, align="center", first_line=0, keep_next=True,
          grid=False, builtin=True),  # 标题
    *_heading(1, HEITI), *_heading(2, KAITI), *_heading(3, FANGSONG), *_heading(4, FANGSONG),
    Style("yfMark", "发文机关标志", font=XIAOBIAOSONG, size=MARK_SIZE, color=RED, spacing=0, align="center",
          first_line=0, line=round(MARK_SIZE * 20 * MARK_PITCH), grid=False),
    Style("yfDocNumber", "发文字号", align="center", first_line=0, rule_below=(18, RED, 11)),
    Style("yfRecipients", "主送机关", first_line=0),
    Style("yfAttachmentNote", "附件说明", first_line=0),
    Style("yfSignature", "发文机关署名", align="right", first_line=0),
    Style("yfDate", "成文日期", align="right", first_line=0),
    Style("yfRemark", "附注"),
    Style("yfAttachmentLabel", "附件标识", font=HEITI, first_line=0, align="left", keep_next=True),
    Style("yfAttachmentTitle", "附件标题", based_on="Title", before=LINE),
    Style("yfSubtitle", "副标题", font=KAITI, align="center", first_line=0, keep_next=True),
    Style("yfImprint", "版记", size=14, spacing=0, first_line=0, line=None),
    Style("yfFiler", "填报单位", size=14, spacing=0, first_line=0, line=None, keep_next=True),
    # Table text: single spacing off the line grid, no indent.
    Style("yfTableHeader", "表头", font=HEITI, size=12, align="center", line=None, first_line=0, spacing=0),
    Style("yfTableText", "表格文字", size=12, align="left", line=None, first_line=0, spacing=0),
    Style("yfTableCentred", "表格文字居中", based_on="yfTableText", align="center", line=None),
    Style("yfTableFigure", "表格数字", based_on="yfTableText", align="right", line=None),
    Style("yfTable", "表格", kind="table", based_on=None),
    Style("yfPageNumber", "页码", font=SONGTI, size=14, spacing=0, first_line=0, line=None),
)

# Each template's own sizes where they differ: the 台账 sets 17 columns in 五号.
SIZES: Final[dict[str, dict[str, float]]] = {
    "ledger.docx": {"yfTableHeader": 10.5, "yfTableText": 10.5},
}

# The style ids the renderers name.
MARK, DOC_NUMBER, RECIPIENTS, ATTACHMENT_NOTE = "yfMark", "yfDocNumber", "yfRecipients", "yfAttachmentNote"
SIGNATURE, DATE, REMARK, TITLE = "yfSignature", "yfDate", "yfRemark", "Title"
ATTACHMENT_LABEL, ATTACHMENT_TITLE, IMPRINT, FILER = "yfAttachmentLabel", "yfAttachmentTitle", "yfImprint", "yfFiler"
TABLE, TABLE_HEADER, TABLE_TEXT = "yfTable", "yfTableHeader", "yfTableText"
TABLE_CENTRED, TABLE_FIGURE, PAGE_NUMBER = "yfTableCentred", "yfTableFigure", "yfPageNumber"
HEADINGS: Final = {level: f"Heading{level}" for level in range(1, 5)}
RUN_IN: Final = {level: f"Heading{level}Char" for level in range(1, 5)}


def _fonts(font: str) -> str:
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'


def style_xml(style: Style, size: float | None = None) -> str:
    """The ``<w:style>`` element of ``style`` (``size`` overriding its own), in schema order."""
    size = size if size is not None else style.size
    head = f'<w:style w:type="{style.kind}"' + ("" if style.builtin else ' w:customStyle="1"')
    head += ' w:default="1"' if style.id == "Normal" else ""
    head += f' w:styleId="{style.id}"><w:name w:val="{style.name}"/>'
    if style.based_on:
        head += f'<w:basedOn w:val="{style.based_on}"/>'
    if style.kind == "paragraph":
        head += '<w:next w:val="Normal"/>'
    if style.link:
        head += f'<w:link w:val="{style.link}"/>'
    head += "<w:qFormat/>"
    ppr = ""
    if style.keep_next:
        ppr += "<w:keepNext/>"
    if style.rule_below:
        eighths, colour, space = style.rule_below
        ppr += f'<w:pBdr><w:bottom w:val="single" w:sz="{eighths}" w:space="{space}" w:color="{colour}"/></w:pBdr>'
    if style.id == "Normal":  # punctuation stays inside the 版心 rather than hanging past its edge
        ppr += '<w:overflowPunct w:val="0"/>'
    if (style.line is None or not style.grid) and style.kind == "paragraph":
        ppr += '<w:snapToGrid w:val="0"/>'
    if style.kind == "paragraph":
        before = style.before or 0
        line = (f'w:line="{style.line}" w:lineRule="exact"' if style.line is not None
                else 'w:line="240" w:lineRule="auto"')
        ppr += f'<w:spacing w:before="{before}" w:after="0" {line}/>'
    indent = []
    if style.left is not None:
        indent.append(f'w:left="{round(style.left * CHAR)}" w:leftChars="{round(style.left * 100)}"')
    if style.first_line is not None:
        indent.append(f'w:firstLine="{round(style.first_line * CHAR)}" w:firstLineChars="{round(style.first_line * 100)}"')
    if style.hanging is not None:
        indent.append(f'w:hanging="{round(style.hanging * CHAR)}" w:hangingChars="{round(style.hanging * 100)}"')
    if indent:
        ppr += f"<w:ind {' '.join(indent)}/>"
    if style.align:
        ppr += f'<w:jc w:val="{style.align}"/>'
    if style.outline is not None:
        ppr += f'<w:outlineLvl w:val="{style.outline}"/>'
    rpr = _fonts(style.font) if style.font else ""
    if style.bold:
        rpr += "<w:b/><w:bCs/>"
    if style.color:
        rpr += f'<w:color w:val="{style.color}"/>'
    if style.spacing is not None:
        rpr += f'<w:spacing w:val="{style.spacing}"/>'
    if size is not None:
        rpr += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    body = ""
    if ppr and style.kind != "character":
        body += f"<w:pPr>{ppr}</w:pPr>"
    if rpr:
        body += f"<w:rPr>{rpr}</w:rPr>"
    if style.kind == "table":
        edges = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                        for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        body += (f'<w:tblPr><w:jc w:val="center"/><w:tblBorders>{edges}</w:tblBorders><w:tblCellMar>'
                 '<w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>'
                 '<w:tcPr><w:vAlign w:val="center"/></w:tcPr>')
    return head + body + "</w:style>"


def char_twips(style_id: str, template: str) -> int:
    """The width in twips of one Chinese character in ``style_id`` as ``template`` sets
    it (its own size, else the style's, else the one it is based on)."""
    by_id = {style.id: style for style in STYLES}
    style: Style | None = by_id[style_id]
    while style is not None:
        size = SIZES.get(template, {}).get(style.id, style.size)
        if size is not None:
            return round(size * 20)
        style = by_id.get(style.based_on) if style.based_on else None
    raise ValueError(f"no size for {style_id}")


def styles_for(template: str) -> list[str]:
    """The ``<w:style>`` elements a shipped template holds."""
    sizes = SIZES.get(template, {})
    return [style_xml(style, sizes.get(style.id)) for style in STYLES]
