"""Column widths of a rendered table from what its columns hold."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Final

from lxml import etree

from yifeng import lexicon
from yifeng._text import width
from yifeng.render._ooxml import CELL_MARGIN
from yifeng.render._styles import TABLE_TEXT, TYPE_WIDTH, char_twips

_SAMPLE: Final = 400  # rows that decide the widths: enough to see every shape of a column
# What must not be broken over lines: numbers, codes and addresses, a date's day (it
# may wrap after the year), and
# outline references such as "（一）2.（1）".
_REFERENCE: Final = "|".join(pattern.format(cn=lexicon.CN_NUMERAL).replace("?P<n>", "?:")
                             for level, pattern in lexicon.HEADING_LABELS if level in (2, 3, 4))
_UNBROKEN: Final = re.compile(rf"[0-9A-Za-z@._+\-:/]+|\d+月\d+日|(?:{_REFERENCE})+")
_HEADER_LINE: Final = 2.0  # a header may wrap, but not to fewer characters a line than this
_PADDING: Final = 2 * CELL_MARGIN + 40  # twips: a cell's margins, and room for rounding


_LATIN: Final = 1.3  # figures and letters: half a character in 仿宋, up to 0.65 in the fonts that stand in for it


def _unbroken(text: str) -> float:
    """The widest run of ``text`` that must not be broken (a telephone number, a date)."""
    return max((width(m) * (_LATIN if m.isascii() else 1.0) for m in _UNBROKEN.findall(text)), default=0.0)


def fit(columns: Sequence[Sequence[str]], total: int, *, char: int) -> list[int]:
    """Widths in twips, summing to ``total``, for columns whose cells (header first) hold
    ``columns[i]``, in type of ``char`` twips a character.

    Each column gets at least its header (up to four characters) and its widest number
    or date unbroken; the rest of the width goes to the columns whose text wraps, in
    proportion to how much they would need to stay on one line (the 90th percentile of
    their cells, so that one long cell does not widen a column of short ones).
    """
    least: list[float] = []
    wanted: list[float] = []
    headers = [cells[0] if cells else "" for cells in columns]
    for header, cells in zip(headers, columns):
        body = cells[1:_SAMPLE + 1]
        floor = max(min(width(header), _HEADER_LINE), max((_unbroken(c) for c in body), default=0.0), 1.0)
        lengths = sorted(max((width(line) for line in c.split("\n")), default=0.0) for c in body)
        typical = lengths[int(len(lengths) * 0.9)] if lengths else 0.0
        least.append(floor)
        wanted.append(max(floor, typical, min(width(header), 2 * _HEADER_LINE)))
    room = total / char - len(columns) * _PADDING / char
    chars = _share(least, wanted, max(room, 0.0))
    floors = [round(f * char) + _PADDING for f in least]
    widths = _settle([round(c * char) + _PADDING for c in chars], floors, total)
    # Headers that would leave one character on their last line, evened out; what that
    # costs is taken from the columns that can spare it and stay even, first in
    # proportion to what they can spare, then in turn.
    evened = [_even_header(h, w, f, char) for h, w, f in zip(headers, widths, floors)]
    owed = sum(evened) - total
    spare = [max(0, w - f) for w, f in zip(evened, floors)]
    spared = sum(spare)
    shares = [owed * room_i // spared for room_i in spare] if owed > 0 and spared else [0] * len(spare)
    for turn in (shares, [owed] * len(evened)):
        for i in sorted(range(len(evened)), key=lambda i: -spare[i]):
            cut = min(owed, turn[i], evened[i] - floors[i])
            if cut > 0 and _even_header(headers[i], evened[i] - cut, floors[i], char) == evened[i] - cut:
                evened[i] -= cut
                owed -= cut
    if owed > 0:
        return widths
    evened[max(range(len(evened)), key=lambda i: evened[i])] -= owed  # spare room, if any
    return evened


def _settle(widths: list[int], floors: list[int], total: int) -> list[int]:
    """``widths`` made to sum to ``total``: spare room to the widest column; a shortfall
    (headers widened to wrap evenly, rounding) taken from the columns above their
    ``floors`` in proportion, and when even the floors do not fit, from all alike —
    never a width below one twip."""
    short = sum(widths) - total
    if short <= 0:
        widths[max(range(len(widths)), key=lambda i: widths[i])] -= short
        return widths
    spare = [max(0, w - f) for w, f in zip(widths, floors)]
    if sum(spare) >= short:
        cut = [s * short // sum(spare) for s in spare]
        widths = [w - c for w, c in zip(widths, cut)]
    else:
        widths = [max(1, w * total // max(1, sum(widths))) for w in widths]
    widths[max(range(len(widths)), key=lambda i: widths[i])] += total - sum(widths)
    return widths


def _even_header(header: str, width_twips: int, floor: int, char: int) -> int:
    """A column ``width_twips`` wide, narrowed (or, failing that, widened) so that its
    header leaves no character alone on its last line ("手机号/码" becomes "手机/号码"),
    never below ``floor``. LibreOffice and Word set ``(width - cell margins) // char``
    characters a line."""
    n = round(width(header))
    per_line = (width_twips - 2 * CELL_MARGIN) // char
    if per_line < 2 or n <= per_line or n % per_line != 1:
        return width_twips
    fits = [k for k in range(2, n + 1) if n % k != 1 and k * char + 2 * CELL_MARGIN + 10 >= floor]
    if not fits:
        return width_twips
    k = max((k for k in fits if k < per_line), default=min(k for k in fits if k > per_line))
    return k * char + 2 * CELL_MARGIN + 10


_SHORT: Final = 8.0  # characters: a column this narrow (序号, 完成时限, a date) is not wrapped to save room


def _share(least: list[float], wanted: list[float], room: float) -> list[float]:
    """Characters per column. When everything fits, each column its ``wanted`` and the
    spare room shared in proportion. Otherwise the short columns keep what they want
    and the long ones get their least plus a part of the rest in proportion to how much
    more they want, so that text wraps where there is most of it."""
    need = sum(wanted)
    if need <= room:
        return [w + (room - need) * w / need for w in wanted] if need else [room / len(wanted)] * len(wanted)
    if sum(least) >= room:  # not even the least fits: shrink everything alike
        return [f * room / sum(least) for f in least]
    short = [w <= _SHORT for w in wanted]
    kept = sum(w for w, s in zip(wanted, short) if s) + sum(f for f, s in zip(least, short) if not s)
    if kept > room or all(short):
        short = [False] * len(wanted)
    floor = sum(w if s else f for f, w, s in zip(least, wanted, short))
    more = sum(w - f for f, w, s in zip(least, wanted, short) if not s)
    k = (room - floor) / more if more else 0.0
    return [w if s else f + (w - f) * k for f, w, s in zip(least, wanted, short)]


def lines(texts: Sequence[str], widths: Sequence[int], *, char: int) -> int:
    """How many lines the tallest of ``texts`` wraps into in columns of ``widths`` twips."""
    most = 1
    for text, w in zip(texts, widths):
        per_line = max(1.0, (w - 2 * CELL_MARGIN) / char)
        most = max(most, sum(max(1, math.ceil(width(part) / per_line)) for part in text.split("\n")))
    return most


_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_TWIPS: Final = char_twips(TABLE_TEXT, "weekly_report.docx")  # a character of the 表格文字 style


def fit_tables(document: object) -> None:
    """Set the columns of every table a template's loops filled to what they hold,
    within the table's own width (python-docx ``document`` after rendering)."""
    body = getattr(document, "element").body
    for tbl in body.iter(f"{_W}tbl"):
        grid = tbl.find(f"{_W}tblGrid")
        cols = grid.findall(f"{_W}gridCol") if grid is not None else []
        rows = list(tbl.iterchildren(f"{_W}tr"))
        texts: list[list[str]] = [[] for _ in cols]
        if not cols or any(len(tr.findall(f"{_W}tc")) != len(cols) for tr in rows[:_SAMPLE + 1]):
            continue  # cells merged across: widths as the template has them
        for tr in rows[:_SAMPLE + 1]:
            for column, tc in enumerate(tr.findall(f"{_W}tc")):
                texts[column].append("".join(t.text or "" for t in tc.iter(f"{_W}t")))
        given = sum(int(c.get(f"{_W}w") or "0") for c in cols)
        widths = fit(texts, given if given >= 600 * len(cols) else TYPE_WIDTH, char=TEXT_TWIPS)
        for col, w in zip(cols, widths):
            col.set(f"{_W}w", str(w))
        for tr in rows:
            for tc, w in zip(tr.findall(f"{_W}tc"), widths):
                tcw = tc.find(f"{_W}tcPr/{_W}tcW")
                if tcw is not None:
                    tcw.set(f"{_W}w", str(w))
                    tcw.set(f"{_W}type", "dxa")
        tbl_pr = tbl.find(f"{_W}tblPr")
        if tbl_pr is not None and tbl_pr.find(f"{_W}tblLayout") is None:
            layout = etree.Element(f"{_W}tblLayout", {f"{_W}type": "fixed"})
            follower = next((e for e in tbl_pr if e.tag in (f"{_W}tblCellMar", f"{_W}tblLook")), None)
            if follower is not None:
                follower.addprevious(layout)
            else:
                tbl_pr.append(layout)
