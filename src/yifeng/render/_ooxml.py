"""Small builders for the WordprocessingML that renderers put into ``{{p …}}`` slots.

Every piece of text goes through :func:`text` (escaped; a character XML cannot carry is
shown as U+FFFD "�", never dropped), so what the model holds comes out as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Final
from xml.sax.saxutils import escape

from yifeng.render._styles import CHAR

_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_SPECIAL: Final = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """Escaped text for a ``<w:t>``: markup characters come out as written, control
    characters no Word file can hold as "�" (visibly, so the text is not silently shorter)."""
    return escape(visible(value)) if _SPECIAL.search(value) else value


def visible(value: str) -> str:
    """``value`` with each character XML cannot carry replaced by U+FFFD."""
    return _ILLEGAL.sub("\ufffd", value)


def _t(value: str) -> str:
    """A ``<w:t>``, marked to keep its spaces only when it has spaces to lose."""
    if value[0] == " " or value[-1] == " " or "  " in value:
        return f'<w:t xml:space="preserve">{text(value)}</w:t>'
    return f"<w:t>{text(value)}</w:t>"


def runs(value: str) -> str:
    """The inside of a plain run holding ``value``: its text, line breaks (any of
    \\n, \\r\\n, \\r, which XML would otherwise fold into one kind) and tabs."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in value or "\t" in value:
        return "<w:br/>".join("<w:tab/>".join(_t(piece) if piece else "" for piece in line.split("\t"))
                              for line in value.split("\n"))
    return _t(value) if value else ""


def run(value: str, *, style: str | None = None, size: float | None = None) -> str:
    """A run of text, formatted by its paragraph's style, a character ``style`` and, only
    where the size is computed (a stacked 发文机关标志), ``size`` points. Line breaks
    in ``value`` are kept as breaks, tabs as tabs."""
    props = f'<w:rStyle w:val="{style}"/>' if style else ""
    if size is not None:
        props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    body = runs(value)
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>" if props else f"<w:r>{body}</w:r>"


def spacer(twips: int, *, section: str = "") -> str:
    """An empty paragraph exactly ``twips`` high, off the line grid (which would round
    it); 20 twips (1 pt) for the paragraph that must follow a table or end a section,
    which then never starts a page of its own."""
    return (f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{twips}" '
            f'w:lineRule="exact"/>{section}</w:pPr></w:p>')


CELL_MARGIN: Final = 60  # twips, each side of a table cell's text
END: Final = 20  # twips: the height of a paragraph that only closes a table or a section


def _indent(name: str, chars: float) -> str:
    return f'w:{name}="{round(chars * CHAR)}" w:{name}Chars="{round(chars * 100)}"'


def paragraph(
    runs: str | Sequence[str] = "",
    style: str | None = None,
    *,
    align: str | None = None,
    left_chars: float | None = None,
    right_chars: float | None = None,
    hanging_chars: float | None = None,
    left_twips: int | None = None,
    exact: int | None = None,
    page_break_before: bool = False,
    keep_next: bool = False,
    section: str | None = None,
) -> str:
    """A paragraph of ``style`` (正文 when None); the keyword arguments are for what the
    renderer computes (signature offsets, hanging labels, breaks), in 3号 characters."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep_next:
        props += "<w:keepNext/>"
    if page_break_before:
        props += "<w:pageBreakBefore/>"
    if exact is not None:
        props += f'<w:spacing w:before="0" w:after="0" w:line="{exact}" w:lineRule="exact"/>'
    indent = []
    if left_chars is not None:
        indent.append(_indent("left", left_chars))
    if right_chars is not None:
        indent.append(_indent("right", right_chars))
    if hanging_chars is not None:
        indent.append(_indent("hanging", hanging_chars))
    if left_twips is not None:
        indent.append(f'w:left="{left_twips}" w:leftChars="0" w:firstLine="0" w:firstLineChars="0"')
    if indent:
        props += f"<w:ind {' '.join(indent)}/>"
    if align:
        props += f'<w:jc w:val="{align}"/>'
    if section:
        props += section
    body = runs if isinstance(runs, str) else "".join(runs)
    return f"<w:p><w:pPr>{props}</w:pPr>{body}</w:p>" if props else f"<w:p>{body}</w:p>"


def blank(count: int = 1) -> str:
    """Empty lines of 正文."""
    return "<w:p/>" * count


def border(side: str, *, size_eighths: int, color: str = "000000", space: int = 0) -> str:
    return f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{color}"/>'


def cell(content: str, *, width: int, merge: str | None = None, borders: str = "", span: int = 1,
         empty_style: str | None = None, valign: str | None = None) -> str:
    """A table cell ``width`` twips wide; ``merge`` is "restart" or "continue" for
    vertical merges. An empty cell still holds a paragraph (of ``empty_style``)."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    if borders:
        props += f"<w:tcBorders>{borders}</w:tcBorders>"
    if valign:
        props += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or paragraph(style=empty_style)}</w:tc>"


_UNPLAIN: Final = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\n\r\t]")
_SEPARATOR: Final = "\u2028"  # joins a row's values for one check: a legal character, so a
# value holding it can only be taken for needing care, never for being plain


def _plain(values: Sequence[str]) -> bool:
    """Whether every value can go into a ``<w:t>`` as it is: nothing to escape, no
    breaks or tabs, no spaces at either end or doubled (which need xml:space)."""
    joined = _SEPARATOR.join(values)
    return not (_UNPLAIN.search(joined) or "  " in joined or _SEPARATOR + " " in joined
                or " " + _SEPARATOR in joined or joined[:1] == " " or joined[-1:] == " ")


class Rows:
    """The rows of a table whose columns each keep one look: a row is one ``str.format``
    of XML built once per shape (which cells are empty or merged, whether the row keeps
    together), so that a row costs little more than its text."""

    def __init__(self, widths: Sequence[int], styles: Sequence[str]) -> None:
        self._widths, self._styles = list(widths), list(styles)
        self._formats: dict[tuple[object, ...], str] = {}

    def row(self, values: Sequence[str], *, keep: bool = True, merge: Sequence[str | None] = ()) -> str:
        """A row of ``values``; ``merge`` gives a column "restart" or "continue" to merge
        its cells vertically (a continued cell shows nothing)."""
        plain = _plain(values)
        shape = (plain, keep, tuple(map(bool, values)), tuple(merge))
        form = self._formats.get(shape)
        if form is None:
            form = self._formats[shape] = self._form(plain, keep, [bool(v) for v in values], list(merge))
        return form.format(*values) if plain else form.format(*map(runs, values))

    def _form(self, plain: bool, keep: bool, filled: list[bool], merge: list[str | None]) -> str:
        cells = []
        for i, (w, style) in enumerate(zip(self._widths, self._styles)):
            how = merge[i] if i < len(merge) else None
            props = f'<w:tcW w:w="{w}" w:type="dxa"/>'
            props += '<w:vMerge w:val="restart"/>' if how == "restart" else "<w:vMerge/>" if how == "continue" else ""
            head = f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            text = "<w:t>{%d}</w:t>" % i if plain else "{%d}" % i
            cells.append(head + (f"<w:r>{text}</w:r>" if filled[i] and how != "continue" else "") + "</w:p></w:tc>")
        return "<w:tr><w:trPr>" + ("<w:cantSplit/>" if keep else "") + "</w:trPr>" + "".join(cells) + "</w:tr>"


def table_row(cells: Iterable[str], *, header: bool = False, keep: bool = True,
              height: tuple[int, str] | None = None) -> str:
    """A row that never splits across pages (unless ``keep`` is False: a row taller than
    a page must); ``header`` repeats it on every page; ``height`` is (twips, "exact" or
    "atLeast")."""
    props = ("<w:cantSplit/>" if keep else "") + ("<w:tblHeader/>" if header else "")
    if height is not None:
        props += f'<w:trHeight w:val="{height[0]}" w:hRule="{height[1]}"/>'
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table(rows: Sequence[str] | str, widths: Sequence[int], *, style: str | None = None) -> str:
    """A fixed-layout table of ``rows`` in columns of ``widths`` twips; its look (borders,
    shading) is ``style``'s, or none (a layout table). The cell margins are set here:
    column widths are computed with them (LibreOffice does not read them from a style)."""
    return "".join(table_pieces([rows] if isinstance(rows, str) else rows, widths, style=style))


def table_pieces(rows: Iterable[str], widths: Sequence[int], *, style: str | None = None) -> Iterator[str]:
    """:func:`table`, its rows taken one at a time as they are made."""
    props = f'<w:tblStyle w:val="{style}"/>' if style else ""
    margin = CELL_MARGIN if style else 0
    props += (f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
              f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    yield f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    yield from rows
    yield "</w:tbl>"


class Slot:
    """Generated WordprocessingML for a ``{{p …}}`` slot (already escaped piece by
    piece). The renderer puts it into the document's XML after docxtpl has rendered the
    template, as it is: it is never copied into Jinja or parsed. An ``optional`` slot
    may be left out of a template (its content is also there for the template's loops);
    any other must have its paragraph, or its content would be lost.

    Content too large to hold twice (a table of a hundred thousand rows) is given as
    ``pieces``, a function making it piece by piece: it is made while the document is
    written, and never held whole."""

    __slots__ = ("xml", "optional", "_pieces")

    def __init__(self, xml: str = "", *, optional: bool = False,
                 pieces: Callable[[], Iterable[str]] | None = None) -> None:
        self.xml = xml
        self.optional = optional
        self._pieces = pieces

    @property
    def empty(self) -> bool:
        return not self.xml and self._pieces is None

    def pieces(self) -> Iterable[str]:
        """The content, in pieces."""
        return self._pieces() if self._pieces is not None else (self.xml,)

    def changed(self, change: Callable[[str], str]) -> Slot:
        """The slot with ``change`` made to each piece (as it is made)."""
        made = self._pieces
        if made is None:
            return Slot(change(self.xml), optional=self.optional)
        return Slot(optional=self.optional, pieces=lambda: map(change, made()))


def xml(*parts: str, optional: bool = False) -> Slot:
    """A :class:`Slot` of ``parts``."""
    return Slot(parts[0] if len(parts) == 1 else "".join(parts), optional=optional)
