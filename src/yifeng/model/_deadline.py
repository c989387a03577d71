"""完成时限 (deadlines): by a date, ongoing, recurring, or unspecified.

A phrase is read by an ordered table of ``(pattern, builder)`` rows compiled from
:mod:`yifeng.lexicon`: the first row whose pattern matches the whole phrase decides. The
same rows find deadlines inside running text ("于2024年6月底前完成").
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Final

import attrs

from yifeng import lexicon
from yifeng._text import alternation, arabic_dates, halfwidth_digits, lazy_compile, squeeze
from yifeng.errors import ParseError
from yifeng.model._check import fail, text_fields

if TYPE_CHECKING:
    from dateutil import rrule


class DeadlineKind(enum.Enum):
    """What sort of 完成时限 a :class:`Deadline` is."""

    BY_DATE = "by_date"
    ONGOING = "ongoing"
    RECURRING = "recurring"
    UNSPECIFIED = "unspecified"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS: Final = {
    DeadlineKind.BY_DATE: "限期完成",
    DeadlineKind.ONGOING: "持续推进",
    DeadlineKind.RECURRING: "定期",
    DeadlineKind.UNSPECIFIED: "未明确",
}


_TAIL_WORDS: Final = alternation(lexicon.DEADLINE_TAILS)
_TAILS: Final = lazy_compile(rf"(?:{_TAIL_WORDS})+$")
_OPENINGS: Final = lazy_compile(rf"^(?:{alternation(lexicon.DEADLINE_OPENINGS)})+")
_REL_YEAR: Final = alternation(lexicon.YEAR_WORDS)
_PARTS: Final = alternation(lexicon.MONTH_PARTS)
# An optional year before a month or a year-end word: "2022年", "今年", "次年".
_Y: Final = rf"(?:(?P<year>\d{{4}})年|(?P<rel>{_REL_YEAR}))?"
_ONGOING: Final = lazy_compile(rf"(?:{alternation(lexicon.ONGOING_WORDS)})(?:{alternation(lexicon.ONGOING_TAILS)})?")
_BRACKETED: Final = lazy_compile(r"[（(][^（）()]*[）)]")
_CLAUSES: Final = lazy_compile(r"[，,；;]")
_ACTIVITY: Final = 8  # "2024年11月底前完成自查": what a clause may add to its deadline


def _last_day(year: int, month: int) -> int:
    import calendar  # imported when first needed: not at import (it imports locale)

    return calendar.monthrange(year, month)[1]


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError(f"日期不存在：{text!r}", text, impossible=True) from None


def _month(value: str, text: str) -> int:
    month = int(value)
    if not 1 <= month <= 12:
        raise ParseError(f"月份不存在：{text!r}", text, impossible=True)
    return month


def _year_of(match: re.Match[str], year: int | None) -> int | None:
    """The match's own year, a relative year word resolved against ``year``, or ``year``."""
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("rel"):
        return None if year is None else year + lexicon.YEAR_WORDS[groups["rel"]]
    return year


def _on_full(m: re.Match[str], year: int | None, text: str) -> dt.date | None:
    return _day(int(m["year"]), _month(m["m"], text), int(m["d"]), text)


def _on_month(m: re.Match[str], year: int | None, text: str) -> dt.date | None:
    month = _month(m["m"], text)
    y = _year_of(m, year)
    if y is None:
        return None
    groups = m.groupdict()
    if groups.get("d"):
        return _day(y, month, int(groups["d"]), text)
    day = lexicon.MONTH_PARTS.get(groups.get("part") or "底", -1)
    return _day(y, month, _last_day(y, month) if day < 0 else day, text)


def _on_year_end(m: re.Match[str], year: int | None, text: str) -> dt.date | None:
    y = _year_of(m, year)
    return None if y is None else dt.date(y, 12, 31)


def _on_half(m: re.Match[str], year: int | None, text: str) -> dt.date | None:
    y = _year_of(m, year)
    month = 6 if m["h"] == "上" else 12
    return None if y is None else dt.date(y, month, _last_day(y, month))


def _on_quarter(m: re.Match[str], year: int | None, text: str) -> dt.date | None:
    y = _year_of(m, year)
    month = "一二三四".find(m["q"]) + 1 if not m["q"].isdigit() else int(m["q"])
    return None if y is None else dt.date(y, month * 3, _last_day(y, month * 3))


@functools.lru_cache(maxsize=1024)
def _rrule_error(rule: str) -> str | None:
    """Why ``rule`` is no valid RRULE, or None. A document repeats a few rules many
    times and reading one is not cheap, so each answer is remembered."""
    from dateutil import rrule  # imported when first needed (cold start)

    try:
        rrule.rrulestr(rule, dtstart=dt.datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        return str(exc)
    return None


_Builder = Callable[[re.Match[str], "int | None", str], "dt.date | None"]

# The date grammar, in order: each row is a whole-phrase pattern and what it means.
_DATES: Final[tuple[tuple[re.Pattern[str], _Builder], ...]] = (
    # 2023年9月20日, 2023.9.15, 2023/09/18, 2023-9-1
    (lazy_compile(r"(?P<year>\d{4})[./\-年](?P<m>\d{1,2})[./\-月](?P<d>\d{1,2})[日号]?"), _on_full),
    # 20230915
    (lazy_compile(r"(?P<year>\d{4})(?P<m>\d{2})(?P<d>\d{2})"), _on_full),
    # 2022.12, 2022-12: the end of that month
    (lazy_compile(r"(?P<year>\d{4})[./\-](?P<m>\d{1,2})"), _on_month),
    # 9月底, 2024年6月底, 今年10月, 10月份, 9月中旬, 3月中下旬, 12月15日
    (lazy_compile(rf"{_Y}(?P<m>\d{{1,2}})月份?(?:(?P<part>{_PARTS})|(?P<d>\d{{1,2}})[日号])?"), _on_month),
    # 年底, 2022年底, 2022年年底, 年内; 今年底, 本年度内, 2025年内
    (lazy_compile(rf"{_Y}(?:{alternation(lexicon.YEAR_END_WORDS)})"), _on_year_end),
    (lazy_compile(rf"(?:(?P<year>\d{{4}})年|(?P<rel>{_REL_YEAR}))(?:{alternation(lexicon.YEAR_END_SHORT)})"), _on_year_end),
    # 上半年, 2023年下半年
    (lazy_compile(rf"{_Y}(?P<h>上|下)半年"), _on_half),
    # 第三季度, 2023年第4季度末
    (lazy_compile(rf"{_Y}第?(?P<q>[一二三四1-4])季度(?:末|底)?"), _on_quarter),
    # 2025年, 2025年度: the end of that year (a 完成时限 cell holding only a year)
    (lazy_compile(r"(?P<year>\d{4})年度?"), _on_year_end),
)


def _day_of_month(value: str, text: str, month: int | None = None) -> int:
    """A day number of a recurrence, refused when no month has it (每月45日, 每年2月30日)."""
    day = int(value)
    if not 1 <= day <= (_last_day(2000, month) if month else 31):
        raise ParseError(f"日期不存在：{text!r}", text, impossible=True)
    return day


def _weekly(m: re.Match[str]) -> str:
    days = [lexicon.WEEKDAYS[ch] for ch in re.findall(f"[{''.join(lexicon.WEEKDAYS)}]", m["days"] or "")]
    return "FREQ=WEEKLY" + (f";BYDAY={','.join(dict.fromkeys(days))}" if days else "")


def _yearly(m: re.Match[str]) -> str:
    if not m["m"]:
        return "FREQ=YEARLY"
    month = _month(m["m"], m.string)
    day = _day_of_month(m["d"], m.string, month) if m["d"] else lexicon.MONTH_PARTS.get(m["part"] or "底", -1)
    return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"


def _monthly(m: re.Match[str]) -> str:
    if m["d"]:
        return f"FREQ=MONTHLY;BYMONTHDAY={_day_of_month(m['d'], m.string)}"
    return "FREQ=MONTHLY;BYMONTHDAY=-1" if m["end"] else "FREQ=MONTHLY"


_WEEKDAY: Final = f"[{''.join(lexicon.WEEKDAYS)}]"
# The recurrence grammar: each row matches the start of a phrase and gives an RRULE.
_RECURRENCES: Final[tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]] = (
    (lazy_compile(rf"每年度?的?(?:(?P<m>\d{{1,2}})月(?:(?P<part>{_PARTS})|(?P<d>\d{{1,2}})[日号])?)?"), _yearly),
    (lazy_compile(r"每半年(?P<end>末|底)?"),
     lambda m: "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1" if m["end"] else "FREQ=MONTHLY;INTERVAL=6"),
    (lazy_compile(r"每(?:个)?季度?的?(?:首月|第一个月)(?P<d>\d{1,2})[日号]"),
     lambda m: f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={_day_of_month(m['d'], m.string)}"),
    (lazy_compile(r"每(?:个)?季度?(?P<end>末|底)?"),
     lambda m: "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1" if m["end"] else "FREQ=MONTHLY;INTERVAL=3"),
    (lazy_compile(r"每(?:个)?月(?:(?P<d>\d{1,2})[日号]|(?P<end>底|末))?"), _monthly),
    (lazy_compile(r"每(?:两|双|隔)周"), lambda m: "FREQ=WEEKLY;INTERVAL=2"),
    (lazy_compile(rf"每(?:周|星期)(?P<days>{_WEEKDAY}(?:[、和及,，/]?(?:周|星期)?{_WEEKDAY})*)?"), _weekly),
    (lazy_compile(r"每(?:日|天)"), lambda m: "FREQ=DAILY"),
)
# What may follow a recurrence in a 完成时限 cell: "每周四下班前", "每季度开展1次"; a
# number here only as a count, so "每季度首月10日前" is not read as plain 每季度.
_RECURRENCE_REST: Final = lazy_compile(r"(?:[\u4e00-\u9fff]|\d+(?:[-~～]\d+)?(?=[次遍]))*")
_RECURRENCE_REST_LENGTH: Final = 8


def _normalise(text: str) -> str:
    return arabic_dates(squeeze(halfwidth_digits(text))).strip("。.;；,，、")


def _strip(phrase: str) -> str:
    """The phrase without openings ("不迟于") and tails ("前完成")."""
    phrase = _OPENINGS.sub("", phrase)
    return _TAILS.sub("", phrase) or phrase


def _single_date(core: str, year: int | None, text: str) -> tuple[bool, dt.date | None]:
    """(understood, due) for one date with no range in it."""
    for pattern, build in _DATES:
        match = pattern.fullmatch(core)
        if match is not None:
            return True, build(match, year, text)
    return False, None


def _range(core: str) -> Iterator[tuple[str, str]]:
    """The ways ``core`` splits into the two ends of a period, each end completed by the
    other's unit ("9-12月" → 9月, 12月; "2024-2025年" → 2024年, 2025年)."""
    for separator in lexicon.RANGE_SEPARATORS:
        left, sep, right = core.partition(separator)
        if not sep or not left or not right:
            continue
        left, right = _strip(left), _strip(right)
        if re.fullmatch(r"(?:\d{4}年)?\d{1,2}", left) and re.match(r"\d{1,2}月", right):
            left += "月"
        elif re.fullmatch(r"\d{4}", left) and re.match(r"\d{4}年", right):
            left += "年"
        if right.isdigit():
            right += "月" if "月" in left else "年"
        yield left, right


def _date(core: str, year: int | None, text: str) -> tuple[bool, dt.date | None]:
    """(understood, due) for a date or a period ("9月至12月": due at its end)."""
    understood, due = _single_date(core, year, text)
    if understood:
        return understood, due
    for left, right in _range(core):
        left_ok, start = _single_date(left, year, text)
        if not left_ok:
            continue
        own_year = re.match(r"(\d{4})年", left)
        context = int(own_year.group(1)) if own_year else (start.year if start else year)
        right_ok, end = _single_date(right, context, text)
        if right_ok:
            return True, end
    return False, None


def _recurrence(phrase: str) -> str | None:
    for pattern, build in _RECURRENCES:
        match = pattern.match(phrase)
        rest = phrase[match.end():] if match is not None else ""
        if match is not None and len(rest) <= _RECURRENCE_REST_LENGTH and _RECURRENCE_REST.fullmatch(rest):
            return build(match)
    return None


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Deadline:
    """A 完成时限 with its original text always kept.

    ``due`` is set for :attr:`DeadlineKind.BY_DATE` once a year is known; a month-only
    phrase read without a year stays unresolved (``due is None``) rather than guessed.
    ``recurrence`` holds an RFC 5545 RRULE for :attr:`DeadlineKind.RECURRING`.

    >>> Deadline.parse("9月底前", year=2020).due
    datetime.date(2020, 9, 30)
    >>> Deadline.parse("每周四下班前").recurrence
    'FREQ=WEEKLY;BYDAY=TH'
    >>> Deadline.parse("2025年底前").due
    datetime.date(2025, 12, 31)
    """

    kind: DeadlineKind
    text: str = ""
    due: dt.date | None = None
    recurrence: str | None = None

    @staticmethod
    def __schema_rules__() -> list[dict[str, object]]:
        """The checks of ``__attrs_post_init__`` as JSON Schema (an RRULE's full grammar
        is left to the server: its shape is checked)."""
        def kind_is(kind: DeadlineKind) -> dict[str, object]:
            return {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]}

        rrule_shape = r"^(?:RRULE:)?FREQ=(?:YEARLY|MONTHLY|WEEKLY|DAILY|HOURLY|MINUTELY|SECONDLY)(?:;[A-Z]+=[^;\s]+)*$"
        return [
            {"if": kind_is(DeadlineKind.RECURRING),
             "then": {"properties": {"recurrence": {"type": "string", "pattern": rrule_shape}},
                      "required": ["recurrence"]},
             "else": {"properties": {"recurrence": {"const": ""}}}},
            {"if": {"not": kind_is(DeadlineKind.BY_DATE)}, "then": {"properties": {"due": {"type": "null"}}}},
            {"if": kind_is(DeadlineKind.BY_DATE),
             "then": {"anyOf": [{"properties": {"due": {"type": "string"}}, "required": ["due"]},
                                {"properties": {"text": {"pattern": r"\S"}}, "required": ["text"]}]}},
        ]

    def __attrs_post_init__(self) -> None:
        if self.due is not None and self.kind is not DeadlineKind.BY_DATE:
            raise fail(self, "due", f"只有限期完成的时限才有日期（类型为 {self.kind.value}）")
        if (self.recurrence is not None) != (self.kind is DeadlineKind.RECURRING):
            raise fail(self, "recurrence", "定期时限必须有且只有定期时限才有重复规则")
        if self.recurrence is not None:
            check = _rrule_error if isinstance(self.recurrence, str) else _rrule_error.__wrapped__
            error = check(self.recurrence)
            if error is not None:
                raise fail(self, "recurrence", f"不是有效的 RRULE：{error}")
        if self.kind is DeadlineKind.BY_DATE and self.due is None and not self.text.strip():
            raise fail(self, "due", "限期完成的时限须有日期或原文")

    @classmethod
    def parse(cls, text: str, year: int | None = None) -> Deadline:
        """Read a 完成时限 phrase as a person would.

        ``year`` (the document's year) resolves phrases without one ("9月底前", "年底前",
        "今年底前"). Raises :class:`~yifeng.errors.ParseError` for a phrase that is not a
        deadline, or names a day that does not exist (``impossible=True``).
        """
        phrase = _normalise(text)
        if not phrase:
            return cls(kind=DeadlineKind.UNSPECIFIED, text=text)
        if _ONGOING.fullmatch(phrase):
            return cls(kind=DeadlineKind.ONGOING, text=text)
        bare = _OPENINGS.sub("", phrase)
        if bare.startswith("每"):
            rule = _recurrence(bare)
            if rule is not None:
                return cls(kind=DeadlineKind.RECURRING, text=text, recurrence=rule)
        understood, due = _date(_strip(phrase), year, text)
        if not understood and _BRACKETED.search(phrase):  # "2024年12月底前（长期坚持）": a remark
            understood, due = _date(_strip(_BRACKETED.sub("", phrase)), year, text)
        if not understood:
            understood, due = _stages(phrase, year)
        if not understood:
            raise ParseError(f"无法识别的完成时限：{text!r}", text)
        return cls(kind=DeadlineKind.BY_DATE, text=text, due=due)

    @classmethod
    def try_parse(cls, text: str, year: int | None = None) -> Deadline | None:
        """The deadline ``text`` states, or None when it is not a deadline (or names a day
        that does not exist). Readers use it to decide whether a piece of text is one.

        >>> Deadline.try_parse("不迟于11月底", year=2024).due
        datetime.date(2024, 11, 30)
        >>> Deadline.try_parse("省卫生健康委") is None
        True
        """
        if not _normalise(text):
            return None
        try:
            return cls.parse(text, year)
        except ParseError:
            return None

    @classmethod
    def find(cls, text: str, year: int | None = None) -> tuple[Deadline, ...]:
        """Every deadline stated inside running text, each with its own wording.

        Only explicit phrases count: a month or year ending in 前 ("于2024年6月底前完成",
        "11月底前") or after 不迟于 ("不迟于11月底"), and yearly dates ("每年10月底前").
        Targets ("到2027年底") and relative phrases ("次月10日前", "派出前2周") are not
        deadlines.

        >>> [d.text for d in Deadline.find("书面总结材料于11 月底前分别报送，2025年底前全覆盖")]
        ['11 月底前', '2025年底前']
        """
        found = []
        scan = arabic_dates(text)  # "于二〇二四年十二月三十一日前" is found too, in digits
        for match in _IN_TEXT.finditer(scan):
            if not (match["latest"] or match["before"]) or scan[match.end():match.end() + 1] == "后":
                continue  # "到2027年底", "11月中旬召开", "9月21日前后": a date, not a deadline
            before = scan[: match.start()].rstrip().removesuffix("的")
            if before.endswith(lexicon.NOT_DEADLINE_BEFORE):
                continue
            phrase = match.group(0).strip()
            if before.endswith(("每年", "每年度")):
                phrase = "每年" + phrase
            deadline = cls.try_parse(phrase, year)
            if deadline is not None:
                found.append(deadline)
        return tuple(found)

    @classmethod
    def on(cls, day: dt.date, text: str | None = None) -> Deadline:
        """A deadline on a known date (an Excel date cell, say)."""
        written = text if text is not None else f"{day.year}年{day.month}月{day.day}日前"
        return cls(kind=DeadlineKind.BY_DATE, text=written, due=day)

    @property
    def resolved(self) -> bool:
        """False only for a BY_DATE phrase still waiting for its year."""
        return not (self.kind is DeadlineKind.BY_DATE and self.due is None)

    def with_year(self, year: int) -> Deadline:
        """Resolve a month-only phrase in ``year``; a resolved deadline is returned as is."""
        if self.resolved:
            return self
        return Deadline.parse(self.text, year=year)

    def rule(self, start: dt.date) -> rrule.rrule:
        """The recurrence as a :class:`dateutil.rrule.rrule` starting on ``start``."""
        if self.recurrence is None:
            raise fail(self, "recurrence", "不是定期时限")
        from dateutil import rrule

        parsed = rrule.rrulestr(self.recurrence, dtstart=dt.datetime.combine(start, dt.time()))
        assert isinstance(parsed, rrule.rrule)
        return parsed

    def next_due(self, after: dt.date, *, working_days: bool = False) -> dt.date | None:
        """The first due date on or after ``after`` (None when there is none). With
        ``working_days=True`` a due date on a weekend or public holiday moves on to the
        next working day (遇节假日顺延; see :func:`yifeng.model.next_working_day`)."""
        due = None
        if self.kind is DeadlineKind.RECURRING:
            hit = self.rule(after).after(dt.datetime.combine(after, dt.time()), inc=True)
            due = hit.date() if hit is not None else None
        elif self.due is not None and self.due >= after:
            due = self.due
        if due is not None and working_days:
            from yifeng.model._workdays import next_working_day

            due = next_working_day(due)
        return due

    def __str__(self) -> str:
        return self.text or self.kind.label


_S: Final = r"\s*"
# Explicit deadlines in running text; spaces allowed where a PDF copy puts them.
_IN_TEXT: Final = lazy_compile(
    rf"(?P<latest>(?:{alternation(lexicon.LATEST_OPENINGS)}){_S})?"
    rf"(?:(?:(?:(?:\d{_S}){{4}}年|(?:{_REL_YEAR})){_S})?(?:\d{_S}){{1,2}}月{_S}(?:(?:{_PARTS})|(?:\d{_S}){{1,2}}[日号])?"
    rf"|(?:(?:(?:\d{_S}){{4}}|[今本当明次]){_S}年{_S}年?|年){_S}度?{_S}(?:底|末))"
    rf"(?P<before>{_S}(?:之前|以前|前))?"
)


def _stages(phrase: str, year: int | None) -> tuple[bool, dt.date | None]:
    """A cell of dated stages ("2024年11月底前完成自查，12月底前完成整改"): understood when
    every clause is a deadline and a few words of what is due; due at the last."""
    dues: list[dt.date] = []
    unresolved = False
    for clause in (c for c in _CLAUSES.split(phrase) if c):
        found = Deadline.find(clause, dues[-1].year if dues else year)  # a later stage shares its year
        dated = [d for d in found if d.kind is DeadlineKind.BY_DATE]
        if (len(dated) != 1 or not _OPENINGS.sub("", squeeze(clause)).startswith(squeeze(dated[0].text))
                or len(squeeze(clause)) - len(squeeze(dated[0].text)) > _ACTIVITY):
            return False, None  # each clause opens with its date, then says what is due
        if dated[0].due is None:
            unresolved = True
        else:
            dues.append(dated[0].due)
    if not dues and not unresolved:
        return False, None
    return True, (max(dues) if dues and not unresolved else None)


def parse_period(text: str, year: int | None = None) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of a period as plans write it: "2020年9月至10月" → (9-1, 10-31);
    "2023年9月1日-2024年5月底" → (9-1, 5-31); "9月中旬至10月底" → (9-11, 10-31);
    "2024年12月" → (12-1, 12-31); "2020年8月底前" → (None, 8-31).

    >>> parse_period("2026年3月—4月")
    (datetime.date(2026, 3, 1), datetime.date(2026, 4, 30))
    """
    phrase = _normalise(text)
    for left, right in _range(phrase):
        start = _start(left, year)
        if start is None:
            continue
        end = Deadline.try_parse(right if re.match(r"\d{4}", right) else f"{start.year}年{right}")
        return start, end.due if end is not None else None
    deadline = Deadline.try_parse(phrase, year)
    due = deadline.due if deadline is not None else None
    whole = _start(phrase, year) if not _TAILS.search(phrase) else None  # a month or year, not "…前"
    return whole, due


_START: Final = lazy_compile(
    rf"{_Y}(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号]|(?P<part>{alternation(lexicon.MONTH_STARTS)})|份|底|末)?"
)


def _start(text: str, year: int | None) -> dt.date | None:
    """The first day a date, month or year names ("2020年9月" → 9-1, "9月中旬" → 9-11)."""
    text = _strip(text)
    match = _START.fullmatch(text)
    if match is not None:
        y = _year_of(match, year)
        day = int(match["d"]) if match["d"] else lexicon.MONTH_STARTS.get(match["part"] or "", 1)
        try:
            return dt.date(y, int(match["m"]), day) if y is not None else None
        except ValueError:
            return None
    for pattern, _ in _DATES[:3]:  # full dates, 20230915, 2024.9
        numeric = pattern.fullmatch(text)
        if numeric is not None:
            try:
                return dt.date(int(numeric["year"]), int(numeric["m"]), int(numeric.groupdict().get("d") or 1))
            except ValueError:
                return None
    only_year = re.fullmatch(r"(\d{4})年度?", text)
    return dt.date(int(only_year.group(1)), 1, 1) if only_year else None


def parse_date(text: str) -> dt.date:
    """A calendar date as offices type it: 2023.9.15, 2023年9月20日, 2023/09/18, 2023-9-1,
    20230915, 二〇二三年九月二十日, with full-width digits or stray spaces.

    >>> parse_date("2023年9月20日"), parse_date("2023.9.15")
    (datetime.date(2023, 9, 20), datetime.date(2023, 9, 15))
    """
    phrase = arabic_dates(squeeze(halfwidth_digits(text)))
    for pattern, _ in _DATES[:2]:  # the grammar's full and compact dates
        match = pattern.fullmatch(phrase)
        if match is not None:
            return _day(int(match["year"]), _month(match["m"], text), int(match["d"]), text)
    raise ParseError(f"无法识别的日期：{text!r}", text)
