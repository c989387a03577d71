"""完成时限 (deadlines): by a date, ongoing, recurring, or unspecified."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from typing import Final

import attrs
from dateutil import rrule

from yifeng._text import cn_to_int, halfwidth_digits, squeeze
from yifeng.errors import ParseError
from yifeng.model._check import fail


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

_TAIL: Final = r"(?:之前|以前|前)?(?:完成|完毕|报送|上报)?"
_ONGOING: Final = re.compile(r"(?:持续|长期|常态化|经常性)[\u4e00-\u9fff]{0,6}")
_MONTH: Final = re.compile(
    rf"(?:(?P<year>\d{{4}})年)?(?P<month>\d{{1,2}})月(?P<part>底|末|下旬|中旬|上旬|(?P<day>\d{{1,2}})[日号])?{_TAIL}"
)
_YEAR_END: Final = re.compile(rf"(?:(?P<year>\d{{4}})年)?(?:年底|年末|年内){_TAIL}")
_HALF: Final = re.compile(rf"(?:(?P<year>\d{{4}})年)?(?P<half>上|下)半年{_TAIL}")
_QUARTER: Final = re.compile(
    rf"(?:(?P<year>\d{{4}})年)?第?(?P<quarter>[一二三四1-4])季度(?:末|底)?{_TAIL}"
)

_WEEKDAYS: Final = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}
_WEEKLY: Final = re.compile(r"每(?:周|星期)(?P<day>[一二三四五六日天])?")
_MONTHLY: Final = re.compile(r"每(?:个)?月(?:(?P<day>\d{1,2})[日号])?(?P<end>底|末)?")
_QUARTERLY: Final = re.compile(r"每(?:个)?季度?(?P<end>末|底)?")
_HALF_YEARLY: Final = re.compile(r"每半年")
_YEARLY: Final = re.compile(r"每年")
_DAILY: Final = re.compile(r"每(?:日|天)")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@attrs.frozen(kw_only=True)
class Deadline:
    """A 完成时限 with its original text always kept.

    ``due`` is set for :attr:`DeadlineKind.BY_DATE` once a year is known; a month-only
    phrase read without a year stays unresolved (``due is None``) rather than guessed.
    ``recurrence`` holds an RFC 5545 RRULE for :attr:`DeadlineKind.RECURRING`.

    >>> Deadline.parse("9月底前", year=2020).due
    datetime.date(2020, 9, 30)
    >>> Deadline.parse("每周四下班前").recurrence
    'FREQ=WEEKLY;BYDAY=TH'
    """

    kind: DeadlineKind
    text: str = ""
    due: dt.date | None = None
    recurrence: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.due is not None and self.kind is not DeadlineKind.BY_DATE:
            raise fail(self, "due", f"只有限期完成的时限才有日期（类型为 {self.kind.value}）")
        if (self.recurrence is not None) != (self.kind is DeadlineKind.RECURRING):
            raise fail(self, "recurrence", "定期时限必须有且只有定期时限才有重复规则")
        if self.recurrence is not None:
            try:
                rrule.rrulestr(self.recurrence, dtstart=dt.datetime(2000, 1, 1))
            except (ValueError, TypeError) as exc:
                raise fail(self, "recurrence", f"不是有效的 RRULE：{exc}") from None
        if self.kind is DeadlineKind.BY_DATE and self.due is None and not self.text.strip():
            raise fail(self, "due", "限期完成的时限须有日期或原文")

    @classmethod
    def parse(cls, text: str, year: int | None = None) -> Deadline:
        """Read a 完成时限 phrase as a person would.

        ``year`` resolves phrases without one ("9月底前", "年底前"). Raises
        :class:`~yifeng.errors.ParseError` for a phrase that is not a deadline.
        """
        phrase = squeeze(halfwidth_digits(text)).rstrip("。.;；,，")
        if not phrase:
            return cls(kind=DeadlineKind.UNSPECIFIED, text=text)
        if _ONGOING.fullmatch(phrase):
            return cls(kind=DeadlineKind.ONGOING, text=text)
        rule = _recurrence(phrase)
        if rule is not None:
            return cls(kind=DeadlineKind.RECURRING, text=text, recurrence=rule)
        due, resolvable = _due_date(phrase, year, text)
        if not resolvable:
            raise ParseError(f"无法识别的完成时限：{text!r}", text)
        return cls(kind=DeadlineKind.BY_DATE, text=text, due=due)

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
        parsed = rrule.rrulestr(self.recurrence, dtstart=dt.datetime.combine(start, dt.time()))
        assert isinstance(parsed, rrule.rrule)
        return parsed

    def next_due(self, after: dt.date) -> dt.date | None:
        """The first due date on or after ``after`` (None when there is none)."""
        if self.kind is DeadlineKind.RECURRING:
            hit = self.rule(after).after(dt.datetime.combine(after, dt.time()), inc=True)
            return hit.date() if hit is not None else None
        if self.due is not None and self.due >= after:
            return self.due
        return None

    def __str__(self) -> str:
        return self.text or self.kind.label


def _recurrence(phrase: str) -> str | None:
    if match := _WEEKLY.match(phrase):
        day = match["day"]
        return "FREQ=WEEKLY" + (f";BYDAY={_WEEKDAYS[day]}" if day else "")
    if _HALF_YEARLY.match(phrase):
        return "FREQ=MONTHLY;INTERVAL=6"
    if match := _QUARTERLY.match(phrase):
        if match["end"]:
            return "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
        return "FREQ=MONTHLY;INTERVAL=3"
    if match := _MONTHLY.match(phrase):
        if match["day"]:
            return f"FREQ=MONTHLY;BYMONTHDAY={int(match['day'])}"
        return "FREQ=MONTHLY;BYMONTHDAY=-1" if match["end"] else "FREQ=MONTHLY"
    if _YEARLY.match(phrase):
        return "FREQ=YEARLY"
    if _DAILY.match(phrase):
        return "FREQ=DAILY"
    return None


def _due_date(phrase: str, year: int | None, text: str) -> tuple[dt.date | None, bool]:
    """(due, understood): due is None when the phrase is understood but has no year."""
    if match := _NUMERIC.fullmatch(phrase):
        return _day(int(match["year"]), int(match["month"]), int(match["day"]), text), True
    if match := _MONTH.fullmatch(phrase):
        y = int(match["year"]) if match["year"] else year
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ParseError(f"月份不存在：{text!r}", text, impossible=True)
        if y is None:
            return None, True
        part = match["part"]
        if match["day"]:
            day = int(match["day"])
        elif part == "中旬":
            day = 20
        elif part == "上旬":
            day = 10
        else:
            day = _last_day(y, month)
        return _day(y, month, day, text), True
    if match := _YEAR_END.fullmatch(phrase):
        y = int(match["year"]) if match["year"] else year
        return (dt.date(y, 12, 31) if y else None), True
    if match := _HALF.fullmatch(phrase):
        y = int(match["year"]) if match["year"] else year
        month = 6 if match["half"] == "上" else 12
        return (dt.date(y, month, _last_day(y, month)) if y else None), True
    if match := _QUARTER.fullmatch(phrase):
        y = int(match["year"]) if match["year"] else year
        month = cn_to_int(match["quarter"]) * 3
        return (dt.date(y, month, _last_day(y, month)) if y else None), True
    return None, False


_DATE: Final = re.compile(r"(?P<year>\d{4})[./\-年](?P<month>\d{1,2})[./\-月](?P<day>\d{1,2})[日号]?")
_NUMERIC: Final = re.compile(_DATE.pattern + _TAIL)
_COMPACT_DATE: Final = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")


def parse_date(text: str) -> dt.date:
    """A calendar date as offices type it: 2023.9.15, 2023年9月20日, 2023/09/18, 2023-9-1,
    20230915, with full-width digits or stray spaces.

    >>> parse_date("2023年9月20日"), parse_date("2023.9.15")
    (datetime.date(2023, 9, 20), datetime.date(2023, 9, 15))
    """
    phrase = squeeze(halfwidth_digits(text))
    match = _DATE.fullmatch(phrase) or _COMPACT_DATE.fullmatch(phrase)
    if match is None:
        raise ParseError(f"无法识别的日期：{text!r}", text)
    return _day(int(match["year"]), int(match["month"]), int(match["day"]), text)


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError(f"日期不存在：{text!r}", text, impossible=True) from None
