"""Small builders for the WordprocessingML that renderers put into ``{{p …}}`` slots.

Every piece of text goes through :func:`text` (escaped; a character XML cannot carry is
shown as U+FFFD "�", never dropped), so what the model holds comes out as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final
from xml.sax.saxutils import escape

from markupsafe import Markup

# GB/T 9704-2012 fonts and sizes (pt): 2号 22, 3号 16, 4号 14, 小四 12.
FANGSONG: Final = "仿宋_GB2312"
XIAOBIAOSONG: Final = "方正小标宋简体"
HEITI: Final = "黑体"
KAITI: Final = "楷体_GB2312"
RED: Final = "FF0000"
CHAR: Final = 320  # one 3号 character, in twips (16 pt)
LINE: Final = 579  # the exact line pitch: 22 lines in the 225 mm 版心
CONDENSED: Final = -5  # twips (-0.25 pt) of character spacing on 3号: 28 characters a line

_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """Escaped text for a ``<w:t>``: markup characters come out as written, control
    characters no Word file can hold as "�" (visibly, so the text is not silently shorter)."""
    return escape(visible(value))


def visible(value: str) -> str:
    """``value`` with each character XML cannot carry replaced by U+FFFD."""
    return _ILLEGAL.sub("\ufffd", value)


def run(value: str, *, font: str = FANGSONG, size: float = 16, bold: bool = False, color: str | None = None) -> str:
    """A run with its font named for Chinese (w:eastAsia) and Latin text alike."""
    half_points = round(size * 2)
    props = (
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        + ("<w:b/>" if bold else "")
        + (f'<w:color w:val="{color}"/>' if color else "")
        # 3号 body text condensed 0.25 pt so that 28 characters fill the 156 mm line.
        + (f'<w:spacing w:val="{CONDENSED}"/>' if size == 16 else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    )
    pieces = value.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{text(piece)}</w:t>' for piece in pieces)
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>"


def spacer(twips: int) -> str:
    """An empty paragraph exactly ``twips`` high, off the line grid (which would round it)."""
    return (f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{twips}" '
            'w:lineRule="exact"/></w:pPr></w:p>')


def paragraph(
    runs: str | Sequence[str] = "",
    *,
    align: str | None = None,
    first_line_chars: int | None = None,
    hanging_chars: int | None = None,
    left_chars: float | None = None,
    right_chars: float | None = None,
    exact: int | None = LINE,
    page_break_before: bool = False,
    keep_next: bool = False,
    border_bottom: str | None = None,
    section: str | None = None,
) -> str:
    """A paragraph; indents are in characters of 3号 (GB/T 9704 counts in characters)."""
    props = []
    if keep_next:
        props.append("<w:keepNext/>")
    if page_break_before:
        props.append("<w:pageBreakBefore/>")
    if border_bottom:
        props.append(f"<w:pBdr>{border_bottom}</w:pBdr>")
    if exact is not None:
        props.append(f'<w:spacing w:before="0" w:after="0" w:line="{exact}" w:lineRule="exact"/>')
    else:
        # Off the 579-twip line grid: table text, the 版记 and the large 发文机关标志.
        props.append('<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')
    indent = []
    if left_chars is not None:
        indent.append(f'w:left="{round(left_chars * CHAR)}" w:leftChars="{round(left_chars * 100)}"')
    if right_chars is not None:
        indent.append(f'w:right="{round(right_chars * CHAR)}" w:rightChars="{round(right_chars * 100)}"')
    if first_line_chars is not None:
        indent.append(f'w:firstLine="{first_line_chars * CHAR}" w:firstLineChars="{first_line_chars * 100}"')
    if hanging_chars is not None:
        indent.append(f'w:hanging="{hanging_chars * CHAR}" w:hangingChars="{hanging_chars * 100}"')
    if indent:
        props.append(f"<w:ind {' '.join(indent)}/>")
    if align:
        props.append(f'<w:jc w:val="{align}"/>')
    if section:
        props.append(section)
    body = runs if isinstance(runs, str) else "".join(runs)
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{body}</w:p>"


def blank(count: int = 1) -> str:
    return paragraph() * count


def border(side: str, *, size_eighths: int, color: str = "000000", space: int = 0) -> str:
    return f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{color}"/>'


def cell(content: str, *, width: int, merge: str | None = None, borders: str = "", valign: str = "center",
         span: int = 1) -> str:
    """A table cell; ``merge`` is "restart" or "continue" for vertical merges."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += f'<w:vMerge w:val="{merge}"/>'
    if borders:
        props += f"<w:tcBorders>{borders}</w:tcBorders>"
    props += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or paragraph(exact=None)}</w:tc>"


def table_row(cells: Iterable[str], *, header: bool = False, cant_split: bool = False) -> str:
    props = ("<w:tblHeader/>" if header else "") + ("<w:cantSplit/>" if cant_split else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table(rows: Sequence[str], widths: Sequence[int], *, borders: bool = True, align: str = "center") -> str:
    """A fixed-layout table of ``rows`` in columns of ``widths`` twips."""
    lines = "".join(border(side, size_eighths=4) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    props = f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="{align}"/>'
    if borders:
        props += f"<w:tblBorders>{lines}</w:tblBorders>"
    props += '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def xml(*parts: str) -> Markup:
    """Generated WordprocessingML for a ``{{p …}}`` slot (already escaped piece by piece)."""
    return Markup("".join(parts))
