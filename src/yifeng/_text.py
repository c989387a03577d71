"""Text repair shared by every layer: CJK whitespace, full-width digits, Chinese numerals.

Documents copied out of PDFs arrive with spaces and line breaks inside words
("县卫\\n生健康委", "11 月底前"). Every parser and importer goes through these helpers so
the repair is the same everywhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, Final, cast

_METHODS: Final = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    """A regex compiled on its first use, not at import: the patterns built from the
    lexicon cost a fresh ``import yifeng.model`` tens of milliseconds to compile. The
    first use binds the compiled pattern's methods to this object, so every later call
    costs what :class:`re.Pattern`'s does; ``pattern`` is there without compiling (to
    build other patterns from)."""

    __slots__ = ("pattern", "_flags", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only while a name is unset: before the first use
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            compiled = object.__getattribute__(self, "_compiled")
        except AttributeError:
            compiled = self._compiled = re.compile(self.pattern, self._flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used (see
    :class:`_LazyPattern`); for the patterns a module builds at import."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))

# Han ideographs, CJK punctuation, full-width forms and the curly quotes/brackets that
# Chinese text uses; a space between two of these is never meaningful.
_CJK: Final = (
    "\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
)
# Whitespace, defined once: what str.isspace() accepts (what ``\s`` matches in a str
# pattern: ASCII spaces and line breaks, U+00A0, the U+2000 spaces, U+3000, U+2028/2029 …)
# and the zero-width space U+200B that PDF copies leave between characters.
_WS: Final = r"[\s\u200b]+"
_ZERO_WIDTH_SPACE: Final = "\u200b"
# Full-width and CJK punctuation: no space beside it means anything, whatever the other side.
# Whitespace that means nothing: between two CJK characters, beside full-width
# punctuation, or between CJK and a digit.
_CJK_PUNCT: Final = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026"
_IS_PUNCT: Final = lazy_compile(f"[{_CJK_PUNCT}]")
_IS_CJK: Final = lazy_compile(f"[{_CJK}]")
_OTHER, _HAN, _DIGIT, _PUNCT = range(4)
_FULLWIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９", "0123456789")

_CN_DIGITS: Final = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_CN_UNITS: Final = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_NUMERAL: Final = lazy_compile("^[" + "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "]+$")


_NARROW: Final = lazy_compile("[\x00-\u2e7f]+")


def width(value: str) -> float:
    """Width in full-width characters, as a page or a cell shows it: characters below
    the CJK blocks (Latin letters, digits, ASCII punctuation) count half."""
    if value.isascii():
        return len(value) * 0.5
    wide = len(_NARROW.sub("", value))
    return wide + (len(value) - wide) * 0.5


def halfwidth_digits(text: str) -> str:
    """Turn full-width digits (０-９) into ASCII digits; nothing else changes."""
    return text.translate(_FULLWIDTH_DIGITS)


def repair_cjk(text: str) -> str:
    """Join text broken by a PDF copy: drop whitespace between CJK characters.

    Whitespace between two CJK characters (Han, CJK punctuation, full-width forms),
    beside full-width punctuation, or between CJK and a digit is removed; any other run of
    whitespace becomes one space; the ends are stripped. Full-width punctuation is kept.

    >>> repair_cjk("县卫\\n生健康委按 各自职责 配合")
    '县卫生健康委按各自职责配合'
    >>> repair_cjk("“健康中国 2030”规划 与 APP 小程序")
    '“健康中国2030”规划与 APP 小程序'
    """
    # Decide each gap from the characters either side: a per-gap test is ~3x faster on
    # long cells than lookaround regexes, and this runs on every cell an importer reads.
    parts = _words(text)
    if len(parts) <= 1:
        return parts[0] if parts else ""
    gaps = _GAPS
    pieces = [parts[0]]
    before = parts[0][-1]
    for part in parts[1:]:
        pair = before + part[0]
        gap = gaps.get(pair)
        if gap is None:
            gap = "" if (_kind(before), _kind(part[0])) in _JOIN else " "
            if len(gaps) < _GAPS_KEPT:
                gaps[pair] = gap
        if gap:
            pieces.append(gap)
        pieces.append(part)
        before = part[-1]
    return "".join(pieces)


# The characters either side of a gap → what the gap becomes ("" or " "), as decided once.
_GAPS: Final[dict[str, str]] = {}
_GAPS_KEPT: Final = 1 << 16


@functools.lru_cache(maxsize=8192)
def _kind(ch: str) -> int:
    if _IS_PUNCT.match(ch):
        return _PUNCT
    if _IS_CJK.match(ch):
        return _HAN
    return _DIGIT if "0" <= ch <= "9" else _OTHER


# Pairs of kinds (before, after) whose whitespace means nothing: beside full-width
# punctuation, between two CJK characters, between CJK and a digit.
_JOIN: Final = frozenset(
    (a, b) for a in range(4) for b in range(4)
    if _PUNCT in (a, b) or (a == _HAN and b in (_HAN, _DIGIT)) or (a == _DIGIT and b == _HAN)
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, each escaped, longest first (so 牵头负责 wins over
    牵头)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def squeeze(text: str) -> str:
    """Remove every whitespace character (for names: units, people, header cells)."""
    return "".join(_words(text))


def _words(text: str) -> list[str]:
    """``text`` split at each run of whitespace (:data:`_WS`), without empty ends: str.split(),
    which splits at what str.isspace() accepts, run in C (4x the regex's speed), with the
    zero-width space made a space first."""
    return (text.replace(_ZERO_WIDTH_SPACE, " ") if _ZERO_WIDTH_SPACE in text else text).split()


def cn_to_int(numeral: str) -> int:
    """Read a Chinese (or ASCII / full-width) numeral up to 9999.

    >>> [cn_to_int(s) for s in ("三", "十", "十三", "二十", "一百零五", "１２")]
    [3, 10, 13, 20, 105, 12]
    """
    numeral = halfwidth_digits(numeral.strip())
    if numeral.isdigit():
        return int(numeral)
    if not numeral or not _CN_NUMERAL.match(numeral):
        raise ValueError(f"不是中文数字：{numeral!r}")
    total, digit = 0, None
    for ch in numeral:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


_CN_YEAR: Final = lazy_compile("([〇○零一二三四五六七八九]{4})(?=年)")
_CN_MONTH_DAY: Final = lazy_compile("[一二三四五六七八九十]{1,3}(?=[月日号])")
# A numeral before 月/日 is a date only after these (or at the start): not in 统一月度.
_DATE_BEFORE: Final = frozenset("年月至到和及或与、—-~～（(：: ")


def arabic_dates(text: str) -> str:
    """Write the Chinese numerals of a date in digits: 二〇二五年八月二十二日 → 2025年8月22日.

    Only a four-digit year before 年, and a month or day before 月/日/号, are changed.

    >>> arabic_dates("二〇二五年八月二十二日"), arabic_dates("十二月底前"), arabic_dates("九月中")
    ('2025年8月22日', '12月底前', '9月中')
    """
    if not _CN_NUMERAL_CHAR.search(text):
        return text
    text = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[ch]) for ch in m.group(1)), text)

    def digits(match: re.Match[str]) -> str:
        start = match.start()
        if start and text[start - 1] not in _DATE_BEFORE and not text[start - 1].isdigit():
            return match.group(0)
        return str(cn_to_int(match.group(0)))

    return _CN_MONTH_DAY.sub(digits, text)


_CN_NUMERAL_CHAR: Final = lazy_compile("[〇○零一二三四五六七八九十]")


_YEAR: Final = lazy_compile(r"((?:19|20)\d{2})\s*年")


def year_in(text: str) -> int | None:
    """The first year written in ``text`` ("2022年…工作要点" → 2022), or None.

    >>> year_in("2021年吉林省纠正医药购销领域…任务分工表"), year_in("任务分工表")
    (2021, None)
    """
    match = _YEAR.search(halfwidth_digits(text))
    return int(match.group(1)) if match else None


def int_to_cn(number: int) -> str:
    """Write 1–99 the way Chinese headings number them (一, 十, 十三, 二十一).

    >>> [int_to_cn(n) for n in (1, 10, 13, 20, 21)]
    ['一', '十', '十三', '二十', '二十一']
    """
    if not 0 < number < 100:
        raise ValueError(f"heading numbers run from 1 to 99, got {number}")
    names = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else names[tens] + "十")
    return head + (names[ones] if ones else "")
